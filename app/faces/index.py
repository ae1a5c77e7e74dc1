"""The 1:N matching index: every enrolled template in one float32 matrix, searched by L2.

``FaceIndex.match(encoding)`` returns the nearest member and the nearest *other* member (the
margin rule in app/faces/decision.py needs both). A member has a few templates; the distance
to a member is the distance to their closest template.

``FaceIndex.sync()`` pulls what changed in the database since the version it holds
(app/faces/templates.py ``changes_since``): new templates are appended, withdrawn, expired
and replaced ones are dropped. A greeter calls it every ``SYNC_INTERVAL_S`` seconds (the
pipeline does so on its own thread), so a change reaches a running greeter within 5 s.

Removal marks rows dead (their distance becomes +inf) and compacts once a quarter is dead,
so a sync never costs more than a few small array operations.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import numpy as np

from app.faces.templates import ENCODING_DIM, Changes, changes_since

log = logging.getLogger(__name__)

SYNC_INTERVAL_S = 2.0
_TOP = 16  # candidates looked at before falling back to a masked search for the runner-up


@dataclass(frozen=True)
class Match:
    member_id: int
    distance: float
    template_id: int
    # The nearest template of any other member (inf when only one member is enrolled).
    second_member_id: int | None
    second_distance: float

    @property
    def margin(self) -> float:
        return self.second_distance - self.distance


class FaceIndex:
    def __init__(self, capacity: int = 1024) -> None:
        self._lock = threading.Lock()
        # Dimension-major (128 × capacity): q @ X[:, :n] streams each row once and runs
        # 2–3× faster than X[:n] @ q in OpenBLAS's gemv.
        self._enc = np.zeros((ENCODING_DIM, capacity), dtype=np.float32)
        self._sq = np.full(capacity, np.inf, dtype=np.float32)  # |x|², inf for dead rows
        self._member = np.zeros(capacity, dtype=np.int64)
        self._tid = np.zeros(capacity, dtype=np.int64)
        self._n = 0
        self._dead = 0
        self._row_of: dict[int, int] = {}
        self.version = 0
        self.skipped = 0  # corrupt rows seen by the last sync

    # -- contents ----------------------------------------------------------------------------
    def __len__(self) -> int:
        with self._lock:
            return len(self._row_of)

    def members(self) -> set[int]:
        with self._lock:
            return {int(self._member[r]) for r in self._row_of.values()}

    def add(self, template_id: int, member_id: int, encoding: np.ndarray) -> None:
        self.add_many([(template_id, member_id, encoding)])

    def add_many(self, rows: list[tuple[int, int, np.ndarray]]) -> None:
        with self._lock:
            for tid, mid, enc in rows:
                if tid in self._row_of:
                    continue
                self._grow(self._n + 1)
                r = self._n
                vec = np.asarray(enc, dtype=np.float32).reshape(ENCODING_DIM)
                self._enc[:, r] = vec
                self._sq[r] = float(vec @ vec)
                self._member[r] = mid
                self._tid[r] = tid
                self._row_of[tid] = r
                self._n += 1

    def remove(self, template_ids: list[int]) -> int:
        with self._lock:
            gone = 0
            for tid in template_ids:
                r = self._row_of.pop(tid, None)
                if r is None:
                    continue
                self._sq[r] = np.inf
                self._member[r] = -1
                self._dead += 1
                gone += 1
            if self._dead and self._dead * 4 >= self._n:
                self._compact()
            return gone

    def remove_member(self, member_id: int) -> int:
        with self._lock:
            tids = [t for t, r in self._row_of.items() if self._member[r] == member_id]
        return self.remove(tids)

    def clear(self) -> None:
        with self._lock:
            self._row_of.clear()
            self._n = self._dead = 0
            self._sq[:] = np.inf

    def _grow(self, need: int) -> None:
        cap = self._enc.shape[1]
        if need <= cap:
            return
        new = max(need, cap * 2)
        self._enc = np.concatenate([self._enc, np.zeros((ENCODING_DIM, new - cap), np.float32)],
                                   axis=1)
        self._sq = np.concatenate([self._sq, np.full(new - cap, np.inf, np.float32)])
        self._member = np.concatenate([self._member, np.zeros(new - cap, np.int64)])
        self._tid = np.concatenate([self._tid, np.zeros(new - cap, np.int64)])

    def _compact(self) -> None:
        live = np.flatnonzero(np.isfinite(self._sq[: self._n]))
        k = live.size
        self._enc[:, :k] = self._enc[:, live]
        self._sq[:k] = self._sq[live]
        self._member[:k] = self._member[live]
        self._tid[:k] = self._tid[live]
        self._sq[k:] = np.inf
        self._n, self._dead = k, 0
        self._row_of = {int(self._tid[r]): r for r in range(k)}

    # -- search ------------------------------------------------------------------------------
    def match(self, encoding: np.ndarray) -> Match | None:
        """The nearest member and the nearest other member, or None if the index is empty."""
        q = np.asarray(encoding, dtype=np.float32).reshape(ENCODING_DIM)
        with self._lock:
            n = self._n
            if not self._row_of:
                return None
            # |x - q|² = |x|² - 2 x·q + |q|²; dead rows carry |x|² = inf.
            d2 = q @ self._enc[:, :n]
            d2 *= -2.0
            d2 += self._sq[:n]
            d2 += float(q @ q)
            members = self._member[:n]
            top = min(_TOP, n)
            cand = np.argpartition(d2, top - 1)[:top] if n > top else np.arange(n)
            cand = cand[np.argsort(d2[cand])]
            best = int(cand[0])
            if not np.isfinite(d2[best]):
                return None
            best_member = int(members[best])
            others = cand[members[cand] != best_member]
            if others.size:
                second = int(others[0])
            else:  # every candidate is the same member: search the rest
                masked = np.where(members == best_member, np.inf, d2)
                second = int(np.argmin(masked))
            second_d2 = float(d2[second])
            second_ok = np.isfinite(second_d2) and int(members[second]) != best_member
            return Match(
                member_id=best_member,
                distance=float(np.sqrt(max(float(d2[best]), 0.0))),
                template_id=int(self._tid[best]),
                second_member_id=int(members[second]) if second_ok else None,
                second_distance=float(np.sqrt(max(second_d2, 0.0))) if second_ok else np.inf,
            )

    # -- database ----------------------------------------------------------------------------
    def apply(self, changes: Changes) -> None:
        if changes.reload:
            self.clear()
        if changes.removed:
            self.remove(changes.removed)
        if changes.added:
            self.add_many(changes.added)
        self.version = changes.version
        self.skipped = changes.skipped

    def sync(self) -> Changes:
        """Read what changed since ``self.version`` (needs the database bound) and apply it."""
        changes = changes_since(self.version)
        self.apply(changes)
        if changes.added or changes.removed or changes.reload:
            log.info("face index at version %d: %d templates (+%d, -%d, %d skipped)",
                     changes.version, len(self), len(changes.added), len(changes.removed),
                     changes.skipped)
        return changes
