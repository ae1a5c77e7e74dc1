"""Tracking faces between detections, so several encodings can be pinned to one person.

Greedy association by overlap (IoU), with a centroid fallback for fast movement: a detection
joins the track whose last box overlaps it most (IoU ≥ ``min_iou``) or, failing that, whose
centre is within ``max_jump`` box sizes — the jump only for a track seen in the last
``jump_within_s`` (a face that was lost for a while is picked up where it was, not wherever a
face appears), and never between boxes whose sizes differ more than ``max_size_ratio`` (a face
does not double in size from one detection to the next). Both keep the next person through
the door from inheriting the track, and so the decision, of the one who just left.
Unmatched detections start tracks; a track not seen for ``max_missed_s`` seconds ends. Between detections a track's box is extrapolated from its
last two detections (constant velocity, for at most ``predict_s``), so the preview's boxes
follow a walking face.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from app.faces.geometry import Box


@dataclass
class Track:
    id: int
    box: Box
    seen_at: float
    first_seen_at: float
    prev: tuple[Box, float] | None = None
    hits: int = 1
    gap: float = 0.0  # seconds it went unseen before its latest detection
    data: dict = field(default_factory=dict)  # the pipeline's per-track state

    def lost_for(self, seconds: float) -> bool:
        """Its latest detection picked it up after ``seconds`` or more unseen (perhaps
        someone else where it was)."""
        return self.gap >= seconds

    def predicted(self, t: float, predict_s: float) -> Box:
        if self.prev is None or t <= self.seen_at:
            return self.box
        pbox, pt = self.prev
        dt = self.seen_at - pt
        if dt <= 0:
            return self.box
        ahead = min(t - self.seen_at, predict_s) / dt
        return Box(*(round(c + (c - p) * ahead)
                     for c, p in zip(self.box.as_tuple(), pbox.as_tuple(), strict=True)))


class Tracker:
    def __init__(self, min_iou: float = 0.3, max_jump: float = 0.6, max_missed_s: float = 0.6,
                 predict_s: float = 0.2, jump_within_s: float = 0.25,
                 max_size_ratio: float = 1.8) -> None:
        self.min_iou = min_iou
        self.max_jump = max_jump
        self.jump_within_s = jump_within_s
        self.max_size_ratio = max_size_ratio
        self.max_missed_s = max_missed_s
        self.predict_s = predict_s
        self.tracks: dict[int, Track] = {}
        self._ids = itertools.count(1)

    def update(self, boxes: list[Box], t: float) -> tuple[list[tuple[Track, Box]], list[Track]]:
        """Associate this detection round's boxes; returns (track, box) pairs for every box
        (new tracks included) and the tracks that ended."""
        pairs: list[tuple[float, int, int]] = []
        for ti, track in self.tracks.items():
            if t - track.seen_at > self.max_missed_s:
                continue  # it has ended (removed below), whoever is there now is new
            guess = track.predicted(t, self.predict_s)
            recent = t - track.seen_at <= self.jump_within_s
            for bi, box in enumerate(boxes):
                if max(box.size, track.box.size) > \
                        self.max_size_ratio * max(1, min(box.size, track.box.size)):
                    continue
                iou = guess.iou(box)
                if iou >= self.min_iou:
                    pairs.append((2.0 + iou, ti, bi))  # any overlap beats any jump
                    continue
                if not recent:
                    continue
                (gx, gy), (bx, by) = guess.centre, box.centre
                jump = ((gx - bx) ** 2 + (gy - by) ** 2) ** 0.5 / max(1, guess.size, box.size)
                if jump <= self.max_jump:
                    pairs.append((1.0 - jump, ti, bi))
        pairs.sort(reverse=True)
        used_t: set[int] = set()
        used_b: set[int] = set()
        out: list[tuple[Track, Box]] = []
        for _, ti, bi in pairs:
            if ti in used_t or bi in used_b:
                continue
            used_t.add(ti)
            used_b.add(bi)
            track = self.tracks[ti]
            track.gap = t - track.seen_at
            track.prev = (track.box, track.seen_at)
            track.box, track.seen_at = boxes[bi], t
            track.hits += 1
            out.append((track, boxes[bi]))
        for bi, box in enumerate(boxes):
            if bi not in used_b:
                track = Track(next(self._ids), box, t, t)
                self.tracks[track.id] = track
                out.append((track, box))
        ended = [tr for tr in self.tracks.values() if t - tr.seen_at > self.max_missed_s]
        for tr in ended:
            del self.tracks[tr.id]
        return out, ended

    def restart(self, track: Track) -> Track:
        """Someone else now stands where ``track`` is: it ends, a new track (a new id, no
        history) takes its place."""
        self.tracks.pop(track.id, None)
        new = Track(next(self._ids), track.box, track.seen_at, track.seen_at)
        self.tracks[new.id] = new
        return new

    def boxes(self, t: float) -> list[tuple[Track, Box]]:
        return [(tr, tr.predicted(t, self.predict_s)) for tr in self.tracks.values()]
