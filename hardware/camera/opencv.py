"""A real camera through OpenCV: a device index (``0``), a stream URL or a video file.

Opening and reading happen on the device thread. A source that stops delivering frames
(unplugged webcam, dropped RTSP stream, end of a video file) is reported as lost, and the
:class:`~hardware.device.Device` loop reopens it with backoff.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject

from hardware.camera.base import Camera
from hardware.device import DeviceLost, DeviceUnavailable

# cap.read() on a live source blocks until the next frame; a file reads as fast as the
# CPU allows and is therefore paced to its own frame rate.
_MAX_FAILED_READS = 25


def parse_source(source: int | str) -> int | str:
    """``0`` or ``"0"`` -> device index 0; anything else is a URL or a path."""
    if isinstance(source, bool):
        raise TypeError("camera source must be an index, a URL or a path")
    if isinstance(source, int):
        return source
    text = str(source).strip()
    return int(text) if text.isdigit() else text


class OpenCVCamera(Camera):
    def __init__(
        self,
        source: int | str,
        *,
        width: int | None = None,
        height: int | None = None,
        fps: float | None = None,
        name: str = "camera",
        backoff_initial_s: float = 0.5,
        backoff_max_s: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(
            name,
            width=width,
            height=height,
            fps=fps,
            backoff_initial_s=backoff_initial_s,
            backoff_max_s=backoff_max_s,
            parent=parent,
        )
        self.source = parse_source(source)
        self._cap: Any = None
        self._is_file = isinstance(self.source, str) and Path(self.source).is_file()
        self._interval = 0.0
        self._next_t = 0.0
        self._failures = 0

    def _open(self) -> None:
        import cv2

        cap = cv2.VideoCapture(self.source)
        if not cap.isOpened():
            cap.release()
            raise DeviceUnavailable(f"cannot open camera {self.source!r}")
        if not self._is_file:
            # Requests only: the driver picks the nearest mode it supports.
            if self.width and self.height:
                cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
                cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
            if self.requested_fps:
                cap.set(cv2.CAP_PROP_FPS, self.requested_fps)
            cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # newest frame, not a stale backlog
            self._interval = 0.0
        else:
            file_fps = cap.get(cv2.CAP_PROP_FPS) or 0.0
            rate = self.requested_fps or (file_fps if file_fps > 0 else 25.0)
            self._interval = 1.0 / rate
        self._cap = cap
        self._failures = 0
        self._next_t = time.monotonic()

    def _grab(self) -> np.ndarray | None:
        if self._interval:
            now = time.monotonic()
            if now < self._next_t:
                self._stop.wait(min(self._next_t - now, 0.1))
                return None
            self._next_t = max(self._next_t + self._interval, now)
        ok, img = self._cap.read()
        if not ok or img is None:
            if self._is_file:
                raise DeviceLost("end of video file")
            self._failures += 1
            if self._failures >= _MAX_FAILED_READS:
                raise DeviceLost("camera stopped delivering frames")
            self._stop.wait(0.02)
            return None
        self._failures = 0
        return img

    def _close(self) -> None:
        super()._close()
        if self._cap is not None:
            self._cap.release()
            self._cap = None
