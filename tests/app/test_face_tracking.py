"""Tracking faces between detections (app/faces/tracking.py): one walking face keeps its
track; the next person through the door never inherits the track of the one who left."""

from __future__ import annotations

from app.faces.geometry import Box
from app.faces.tracking import Tracker


def face(x: int, y: int, size: int) -> Box:
    return Box(x, y, x + size, y + size)


def only(update):
    """The track of the single box of an update round."""
    pairs, _ended = update
    assert len(pairs) == 1
    return pairs[0][0]


def test_a_face_walking_in_keeps_one_track_as_it_grows_and_moves():
    tracker = Tracker()
    ids = set()
    for i in range(20):
        size = 90 + i * 8
        pairs, ended = tracker.update([face(150 + i * 12, 300 - i * 4, size)], i * 0.04)
        ids |= {tr.id for tr, _ in pairs}
        assert ended == []
    assert len(ids) == 1


def test_a_fast_step_is_followed_by_the_jump_fallback():
    tracker = Tracker()
    first = only(tracker.update([face(100, 300, 100)], 0.0))
    jumped = only(tracker.update([face(160, 300, 100)], 0.04))  # IoU 0.25: a jump of 0.6
    assert first.id == jumped.id


def test_the_next_person_does_not_inherit_a_lost_track_by_a_jump():
    tracker = Tracker()
    gone = only(tracker.update([face(300, 200, 100)], 0.0))
    # half a second later (the track is still alive) a face appears a little way off
    new = only(tracker.update([face(355, 200, 100)], 0.5))
    assert new.id != gone.id


def test_a_much_smaller_face_is_someone_else_even_where_a_big_one_was():
    tracker = Tracker()
    near = only(tracker.update([face(200, 100, 250)], 0.0))  # close to the camera
    far = only(tracker.update([face(260, 160, 100)], 0.04))  # inside its box, 2.5× smaller
    assert far.id != near.id


def test_a_track_not_seen_for_long_ends():
    tracker = Tracker(max_missed_s=0.6)
    tr = only(tracker.update([face(100, 100, 100)], 0.0))
    _, ended = tracker.update([], 0.7)
    assert [e.id for e in ended] == [tr.id] and tracker.tracks == {}


def test_a_track_unseen_for_longer_than_it_lives_is_never_picked_up_again():
    """No detection rounds in between (the camera paused): the next face where it was is
    someone new, not the old track brought back."""
    tracker = Tracker(max_missed_s=0.6)
    old = only(tracker.update([face(300, 200, 100)], 0.0))
    new = only(tracker.update([face(300, 200, 100)], 5.0))  # the very same place, later
    assert new.id != old.id and list(tracker.tracks) == [new.id]
