"""The greeting rule's quick path (app/faces/decision.py): two strong encodings of one track
greet without waiting for a third — and only when no other member is anywhere near."""

from __future__ import annotations

import pytest

from app.faces.decision import GreetingRule, TrackVotes
from app.faces.index import Match


def match(member: int, distance: float, second: float, second_member: int | None = None
          ) -> Match:
    return Match(member, distance, 1, second_member or member + 1, second)


def feed(votes: TrackVotes, matches) -> list[int | None]:
    return [votes.add(m) for m in matches]


def test_two_strong_encodings_greet_on_the_second():
    votes = TrackVotes(GreetingRule())
    assert feed(votes, [match(7, 0.33, 0.80), match(7, 0.38, 0.75)]) == [None, 7]
    assert votes.greeted == 7 and votes.settled
    assert votes.evidence(7) == (pytest.approx(0.38), pytest.approx(0.37))
    assert votes.add(match(7, 0.30, 0.80)) is None  # once per track


def test_one_strong_encoding_alone_never_greets():
    votes = TrackVotes(GreetingRule())
    assert votes.add(match(7, 0.20, 0.90)) is None
    assert votes.add(None) is None  # a frame without a usable match breaks the run
    assert votes.add(match(7, 0.20, 0.90)) is None
    assert votes.greeted is None


def test_a_stranger_near_a_member_is_never_greeted_quickly():
    """Votes under the ordinary rule (≤ 0.5) but not strong (> 0.40): two are not enough,
    and a stranger who never comes within 0.5 is never greeted at all."""
    votes = TrackVotes(GreetingRule())
    assert feed(votes, [match(7, 0.42, 0.90), match(7, 0.45, 0.90)]) == [None, None]
    stranger = TrackVotes(GreetingRule())
    assert feed(stranger, [match(7, d, 0.95) for d in (0.52, 0.51, 0.55, 0.53) * 4]) == \
        [None] * 16
    assert stranger.greeted is None and stranger.settled


def test_a_face_near_two_members_never_takes_the_quick_path():
    # close to member 7, but member 9 is within the plausible 0.6 (margin 0.2): not strong
    near_two = TrackVotes(GreetingRule())
    assert feed(near_two, [match(7, 0.35, 0.58, 9), match(7, 0.35, 0.58, 9)]) == [None, None]
    assert near_two.greeted is None
    # margin below 0.2 even with the runner-up beyond 0.6: not strong either
    thin = TrackVotes(GreetingRule(strong_distance=0.45))
    assert feed(thin, [match(7, 0.45, 0.61), match(7, 0.45, 0.61)]) == [None, None]


def test_a_track_that_matched_two_members_is_never_greeted_even_strongly():
    votes = TrackVotes(GreetingRule())
    votes.add(match(9, 0.57, 0.9))  # plausibly member 9 on one frame
    for _ in range(6):
        assert votes.add(match(7, 0.30, 0.9)) is None
    assert votes.conflicted and votes.greeted is None


def test_strong_votes_for_two_members_do_not_add_up():
    votes = TrackVotes(GreetingRule(conflict_distance=0.35, accept_distance=0.35,
                                    strong_distance=0.35))
    assert votes.add(match(7, 0.30, 0.9)) is None
    assert votes.add(match(9, 0.30, 0.9)) is None  # a different member: no run of two
    assert votes.greeted is None


def test_the_quick_path_can_be_switched_off_and_only_made_stricter():
    off = TrackVotes(GreetingRule(strong_agree=0))
    assert feed(off, [match(7, 0.2, 0.9)] * 3) == [None, None, 7]  # the ordinary 3 of 5
    with pytest.raises(ValueError):
        GreetingRule(strong_agree=1)  # one encoding must never greet
    with pytest.raises(ValueError):
        GreetingRule(strong_distance=0.55)  # looser than an ordinary vote
    with pytest.raises(ValueError):
        GreetingRule(strong_margin=0.05)
    with pytest.raises(ValueError):
        GreetingRule(agree=2, window=5, strong_agree=3)  # slower than the ordinary rule
