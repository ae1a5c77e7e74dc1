"""Qt-free helpers for frame streams: a latest-frame slot and a frame-rate meter."""

from __future__ import annotations

import threading
import time
from collections import deque

import numpy as np


class LatestFrame:
    """A one-slot mailbox: ``put`` replaces the frame, readers always get the newest.

    A slow reader never builds a backlog; it simply skips the frames it was too slow for.
    Each frame gets a sequence number so a reader can tell "new" from "same as last time".
    Frames are handed out read-only (``writeable=False``): never modify one in place.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._seq = 0
        self._frame: np.ndarray | None = None
        self._closed = False

    def put(self, frame: np.ndarray) -> int:
        if frame.flags.writeable:
            frame.flags.writeable = False
        with self._cond:
            self._seq += 1
            self._frame = frame
            self._cond.notify_all()
            return self._seq

    def get(self) -> tuple[int, np.ndarray | None]:
        with self._cond:
            return self._seq, self._frame

    @property
    def seq(self) -> int:
        with self._cond:
            return self._seq

    def wait_newer(self, seq: int, timeout: float | None = None) -> tuple[int, np.ndarray] | None:
        """Block until a frame newer than ``seq`` exists; None on timeout or wake()."""
        with self._cond:
            if self._seq <= seq or self._frame is None:
                self._cond.wait(timeout)
            if self._seq <= seq or self._frame is None:
                return None
            return self._seq, self._frame

    def wake(self) -> None:
        """Release any waiter (used when stopping a consumer thread)."""
        with self._cond:
            self._cond.notify_all()

    def clear(self) -> None:
        with self._cond:
            self._frame = None


class FpsMeter:
    """Frames per second over a sliding time window (default 2 s)."""

    def __init__(self, window_s: float = 2.0) -> None:
        self._window = window_s
        self._times: deque[float] = deque()
        self._lock = threading.Lock()
        self._count = 0

    def tick(self, now: float | None = None) -> None:
        t = time.monotonic() if now is None else now
        with self._lock:
            self._count += 1
            self._times.append(t)
            while self._times and t - self._times[0] > self._window:
                self._times.popleft()

    def reset(self) -> None:
        with self._lock:
            self._times.clear()

    @property
    def count(self) -> int:
        with self._lock:
            return self._count

    def fps(self, now: float | None = None) -> float:
        t = time.monotonic() if now is None else now
        with self._lock:
            while self._times and t - self._times[0] > self._window:
                self._times.popleft()
            n = len(self._times)
            if n < 2:
                return 0.0
            span = self._times[-1] - self._times[0]
            return (n - 1) / span if span > 0 else 0.0
