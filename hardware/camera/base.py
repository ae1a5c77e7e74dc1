"""The camera base: frames captured on the device thread, the newest one always wins.

Three ways to consume frames, from cheapest to most convenient:

* ``camera.latest()`` — the newest frame (or None), e.g. from a QTimer in the preview widget;
* ``camera.frames.wait_newer(seq, timeout)`` — for worker threads (barcode decoding, face
  detection): block until a frame newer than the one already handled, skip the rest;
* the ``frame(object)`` signal — emitted in the camera object's thread (the GUI thread)
  with the newest frame. At most one delivery is ever queued: while the GUI is busy, newer
  frames replace older ones instead of piling up in the event queue.

Frames are numpy arrays (H×W×3 BGR, uint8), read-only.
"""

from __future__ import annotations

import threading

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal, Slot

from hardware.camera.frames import FpsMeter, LatestFrame
from hardware.device import Device


class Camera(Device):
    frame = Signal(object)  # numpy.ndarray (BGR), newest available
    _frame_posted = Signal()

    def __init__(
        self,
        name: str,
        *,
        width: int | None = None,
        height: int | None = None,
        fps: float | None = None,
        backoff_initial_s: float = 0.2,
        backoff_max_s: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(
            name, backoff_initial_s=backoff_initial_s, backoff_max_s=backoff_max_s, parent=parent
        )
        self.width = width
        self.height = height
        self.requested_fps = fps
        self.frames = LatestFrame()
        self._meter = FpsMeter()
        self._delivery_lock = threading.Lock()
        self._delivery_pending = False
        self._frame_posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    # -- public API (any thread) ------------------------------------------------------------
    def latest(self) -> np.ndarray | None:
        """The newest frame, or None before the first one. Never blocks."""
        return self.frames.get()[1]

    @property
    def fps(self) -> float:
        """Measured frames per second over the last two seconds."""
        return self._meter.fps()

    @property
    def frames_captured(self) -> int:
        return self._meter.count

    # -- device thread ---------------------------------------------------------------------
    def _grab(self) -> np.ndarray | None:
        """Return the next frame, or None if none is due yet (return within ~0.2 s).
        Raise DeviceLost (or OSError) if the source stopped delivering."""
        raise NotImplementedError

    def _poll(self) -> None:
        img = self._grab()
        if img is not None:
            self._publish(img)

    def _publish(self, img: np.ndarray) -> None:
        self.frames.put(img)
        self._meter.tick()
        with self._delivery_lock:
            if self._delivery_pending:
                return  # the GUI has not taken the previous one yet: it will get this one
            self._delivery_pending = True
        self._frame_posted.emit()

    def _close(self) -> None:
        self._meter.reset()

    def _wake(self) -> None:
        self.frames.wake()

    # -- GUI thread ------------------------------------------------------------------------
    @Slot()
    def _deliver(self) -> None:
        with self._delivery_lock:
            self._delivery_pending = False
        img = self.frames.get()[1]
        if img is not None:
            self.frame.emit(img)


def fit_frame(img: np.ndarray, width: int | None, height: int | None) -> np.ndarray:
    """Letterbox ``img`` into width×height (aspect kept, black borders); as-is if no size."""
    if not width or not height:
        return img
    h, w = img.shape[:2]
    if (w, h) == (width, height):
        return img
    import cv2

    scale = min(width / w, height / h)
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    resized = cv2.resize(img, (nw, nh), interpolation=interp)
    if (nw, nh) == (width, height):
        return resized
    canvas = np.zeros((height, width) + img.shape[2:], dtype=img.dtype)
    x, y = (width - nw) // 2, (height - nh) // 2
    canvas[y : y + nh, x : x + nw] = resized
    return canvas
