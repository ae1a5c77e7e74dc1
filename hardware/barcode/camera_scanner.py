"""Decode barcodes from camera frames on a worker thread; report each code once.

Frames come either from a camera's latest-frame slot (``CameraScanner(camera.frames)`` or
``attach(camera)``) or are pushed with ``offer(frame)`` from any thread. Either way only
the newest frame is decoded: while one frame is being decoded, newer ones replace each
other, so a slow decode never builds a backlog.

A code that stays in view is reported once: it is suppressed while it keeps being seen
within ``dedupe_window_s`` of its previous sighting, and reported again only after it has
been out of view for longer than that.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

import numpy as np
from PySide6.QtCore import QObject, Signal

from hardware.barcode.decode import BarcodeDecoder
from hardware.camera.frames import LatestFrame
from hardware.device import Device

log = logging.getLogger(__name__)


Code = tuple[str, str]  # (text, symbology)


class RecentCodes:
    """Which codes are new: a code is fresh unless it was seen less than ``window_s`` ago.
    Every sighting renews the window, so a code held in view is reported once."""

    def __init__(self, window_s: float = 1.5, clock: Callable[[], float] = time.monotonic) -> None:
        self.window_s = window_s
        self._clock = clock
        self._last_seen: dict[Code, float] = {}

    def fresh(self, codes: Iterable[Code]) -> list[Code]:
        now = self._clock()
        out: list[Code] = []
        for code in dict.fromkeys(codes):  # the same code twice in one frame counts once
            last = self._last_seen.get(code)
            if last is None or now - last > self.window_s:
                out.append(code)
            self._last_seen[code] = now
        if len(self._last_seen) > 64:
            self._last_seen = {c: t for c, t in self._last_seen.items() if now - t <= self.window_s}
        return out


class CameraScanner(Device):
    scanned = Signal(str, str)  # text, symbology (e.g. "EAN13", "QR")
    detected = Signal(object)  # list[Decoded] for every frame with codes (for overlays)

    def __init__(
        self,
        frames: LatestFrame | None = None,
        *,
        symbologies: Iterable[str] | None = None,
        dedupe_window_s: float = 1.5,
        use_pyzbar: bool | None = None,
        name: str = "camera-scanner",
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(name, parent=parent)
        self._frames = frames if frames is not None else LatestFrame()
        self._recent = RecentCodes(dedupe_window_s, clock)
        self._decoder = BarcodeDecoder(symbologies, use_pyzbar=use_pyzbar)  # checks the config
        self._last_seq = 0
        self.frames_decoded = 0
        self.last_decode_ms = 0.0

    # -- any thread ------------------------------------------------------------------------
    def offer(self, frame: np.ndarray) -> None:
        """Hand over a frame; replaces any frame not yet decoded. Cheap, never blocks."""
        self._frames.put(frame)

    @property
    def dedupe_window_s(self) -> float:
        return self._recent.window_s

    @dedupe_window_s.setter
    def dedupe_window_s(self, value: float) -> None:
        self._recent.window_s = value

    def attach(self, camera: object) -> None:
        """Decode from ``camera.frames`` (a LatestFrame). Call before start()."""
        frames = getattr(camera, "frames", None)
        if not isinstance(frames, LatestFrame):
            raise TypeError("camera has no LatestFrame 'frames' slot")
        self._frames = frames
        self._last_seq = frames.seq

    # -- device thread ---------------------------------------------------------------------
    def _poll(self) -> None:
        got = self._frames.wait_newer(self._last_seq, timeout=0.2)
        if got is None:
            return
        self._last_seq, img = got
        t0 = time.perf_counter()
        results = self._decoder.decode(img)
        self.last_decode_ms = (time.perf_counter() - t0) * 1000
        self.frames_decoded += 1
        if results:
            self.detected.emit(results)
        for text, sym in self._recent.fresh((r.text, r.symbology) for r in results):
            # never the text: a code can carry a card number, and hardware/ cannot mask it
            log.debug("camera scan %s (%d characters)", sym, len(text))
            self.scanned.emit(text, sym)

    def _wake(self) -> None:
        self._frames.wake()
