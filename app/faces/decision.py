"""When to greet: several encodings of one track agree, each clearly nearer one member.

A single frame is never enough (a stranger who resembles a member comes within dlib's usual
0.6 on some frames). The rule, per track:

* an encoding *votes* for member M when its nearest template belongs to M at a distance
  ≤ ``accept_distance`` and every other member is at least ``min_margin`` further away;
* the track is greeted as M when ``agree`` of its last ``window`` encodings vote for M;
* a track that produced a plausible match (≤ ``conflict_distance``) to any *other* member is
  never greeted: two members in one track means the track is unsure (or swapped faces);
* the quick path: when the track's last ``strong_agree`` encodings (2, from different frames)
  are each a *strong* vote for M — within ``strong_distance``, ``strong_margin`` clear of the
  next member, and no other member even plausible (all beyond ``conflict_distance``) — the
  track is greeted without waiting for a third. Everything else (the conflict check, once
  per track) applies unchanged; a face near two members never takes the quick path.

The numbers come from face_recognition's documented distance scale, not from the test faces:
dlib's ResNet encoder is trained so that distances below 0.6 mean "same person" (99.38 % on
LFW at 0.6; face_recognition's ``tolerance`` default, "lower is more strict"). A greeter that
names people in public needs the strict side of that line, so a vote needs ≤ 0.5, and a tenth
of the scale between the best and second-best member guards against look-alikes enrolled
together. The quick path asks for a further tenth of the scale on both (≤ 0.40, a 0.20
margin): consecutive frames of one face are strongly correlated, so a third encoding of a face
already twice within 0.40 adds little evidence, while a stranger's nearest member is rarely
under 0.5 at all (the cross-validation below: 0.52 at the closest, over 18 identities; the
door video's look-alike stranger: 0.59), far from 0.40 on two frames running.
``bench/bench_face_thresholds.py`` checks the rule by leave-one-identity-out
cross-validation on any folder of labelled faces (every identity in turn plays the stranger).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from app.faces.index import Match


@dataclass(frozen=True)
class GreetingRule:
    accept_distance: float = 0.50
    min_margin: float = 0.10
    agree: int = 3
    window: int = 5
    conflict_distance: float = 0.60
    # The quick path: ``strong_agree`` consecutive strong votes greet (0 switches it off).
    strong_distance: float = 0.40
    strong_margin: float = 0.20
    strong_agree: int = 2

    def __post_init__(self) -> None:
        if not 1 <= self.agree <= self.window:
            raise ValueError("agree must be between 1 and window")
        if self.strong_agree and not (
                2 <= self.strong_agree <= self.agree
                and 0 < self.strong_distance <= self.accept_distance
                and self.strong_margin >= self.min_margin):
            # one encoding alone must never greet, and the quick path may only be stricter
            raise ValueError("the quick path needs ≥ 2 votes, each stricter than a vote")
        if not 0 < self.accept_distance <= self.conflict_distance:
            raise ValueError("accept_distance must be positive and ≤ conflict_distance")
        if self.min_margin < 0:
            raise ValueError("min_margin must not be negative")

    def vote(self, match: Match | None) -> int | None:
        """The member this one encoding votes for, or None."""
        if match is None:
            return None
        if match.distance <= self.accept_distance and match.margin >= self.min_margin:
            return match.member_id
        return None

    def strong(self, match: Match | None) -> bool:
        """This encoding alone is a strong vote (the quick path's condition)."""
        return (bool(self.strong_agree) and match is not None
                and match.distance <= self.strong_distance
                and match.margin >= self.strong_margin
                and match.second_distance > self.conflict_distance)


@dataclass
class TrackVotes:
    """The encodings seen for one track and what they decided."""

    rule: GreetingRule
    recent: deque[tuple[int | None, float, float]] = field(default_factory=deque)
    strong_run: list[int] = field(default_factory=list)  # the latest consecutive strong votes
    plausible: set[int] = field(default_factory=set)  # members within conflict_distance
    encodings: int = 0
    greeted: int | None = None

    def add(self, match: Match | None) -> int | None:
        """Record one encoding's match; returns the member to greet when this encoding is the
        one that completes the agreement (once per track), else None."""
        self.encodings += 1
        if match is not None and match.distance <= self.rule.conflict_distance:
            self.plausible.add(match.member_id)
        member = self.rule.vote(match)
        self.recent.append((member, match.distance if match else float("inf"),
                            match.margin if match else 0.0))
        while len(self.recent) > self.rule.window:
            self.recent.popleft()
        if member is not None and self.rule.strong(match):
            if self.strong_run and self.strong_run[-1] != member:
                self.strong_run.clear()
            self.strong_run.append(member)
        else:
            self.strong_run.clear()  # the quick path needs consecutive strong votes
        if self.greeted is not None or member is None or self.conflicted:
            return None
        quick = bool(self.rule.strong_agree) and len(self.strong_run) >= self.rule.strong_agree
        if quick or sum(1 for m, _, _ in self.recent if m == member) >= self.rule.agree:
            self.greeted = member
            return member
        return None

    @property
    def conflicted(self) -> bool:
        return len(self.plausible) > 1

    def evidence(self, member: int) -> tuple[float, float]:
        """(worst distance, smallest margin) among the agreeing votes for ``member``."""
        votes = [(d, mg) for m, d, mg in self.recent if m == member]
        return max(d for d, _ in votes), min(mg for _, mg in votes)

    @property
    def settled(self) -> bool:
        """Nothing more to learn: greeted, conflicted, or given a fair number of chances."""
        return (self.greeted is not None or self.conflicted
                or self.encodings >= 3 * self.rule.window)
