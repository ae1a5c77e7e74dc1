"""A camera that plays a video file, an image folder or a single image, looped, at a set fps.

Used for tests and the demo in place of a real camera; it goes through the same
:class:`~hardware.camera.base.Camera` machinery (thread, status, latest-frame slot).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject

from hardware.camera.base import Camera, fit_frame
from hardware.device import DeviceLost, DeviceUnavailable

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"})
_MAX_WAIT_S = 0.1


class SimulatedCamera(Camera):
    def __init__(
        self,
        source: str | Path,
        *,
        fps: float = 25.0,
        width: int | None = None,
        height: int | None = None,
        loop: bool = True,
        cache_mb: int = 128,
        name: str = "camera-sim",
        backoff_initial_s: float = 0.2,
        backoff_max_s: float = 5.0,
        parent: QObject | None = None,
    ) -> None:
        if fps <= 0:
            raise ValueError("fps must be positive")
        super().__init__(
            name,
            width=width,
            height=height,
            fps=fps,
            backoff_initial_s=backoff_initial_s,
            backoff_max_s=backoff_max_s,
            parent=parent,
        )
        self.source = Path(source)
        self.loop = loop
        self._interval = 1.0 / fps
        self._files: list[Path] = []
        self._cache: dict[int, np.ndarray] = {}
        self._cache_bytes = 0
        self._cache_limit = cache_mb * 1024 * 1024
        self._index = 0
        self._capture: Any = None
        self._next_t = 0.0
        self._finished = False

    # -- device thread ---------------------------------------------------------------------
    def _open(self) -> None:
        import cv2

        src = self.source
        if src.is_dir():
            self._files = sorted(
                p for p in src.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES
            )
            if not self._files:
                raise DeviceUnavailable(f"no images in {src}")
        elif src.is_file() and src.suffix.lower() in IMAGE_SUFFIXES:
            self._files = [src]
        elif src.is_file():
            self._capture = self._open_video(cv2)
        else:
            raise DeviceUnavailable(f"camera source not found: {src}")
        self._index = 0
        self._finished = False
        self._next_t = time.monotonic()

    def _image(self, index: int) -> np.ndarray | None:
        """Frame ``index`` of the image list: decoded once and kept while the cache has room
        (a folder of 70 photos letterboxed to 720p would otherwise hold ~190 MB)."""
        img = self._cache.get(index)
        if img is not None:
            return img
        import cv2

        path = self._files[index]
        img = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if img is None:
            log.warning("simulated camera: cannot read %s", path)
            return None
        img = fit_frame(img, self.width, self.height)
        img.flags.writeable = False
        if self._cache_bytes + img.nbytes <= self._cache_limit:
            self._cache[index] = img
            self._cache_bytes += img.nbytes
        return img

    def _open_video(self, cv2: Any) -> Any:
        cap = cv2.VideoCapture(str(self.source))
        if not cap.isOpened():
            raise DeviceUnavailable(f"cannot open video {self.source}")
        return cap

    def _next_frame(self) -> np.ndarray | None:
        if self._files:
            for _ in range(len(self._files)):  # skip unreadable files, at most one lap
                if self._index >= len(self._files):
                    if not self.loop:
                        return None
                    self._index = 0
                img = self._image(self._index)
                self._index += 1
                if img is not None:
                    return img
            raise DeviceLost(f"no readable images in {self.source}")
        ok, img = self._capture.read()
        if not ok:
            if not self.loop:
                return None
            import cv2

            self._capture.release()
            self._capture = self._open_video(cv2)
            ok, img = self._capture.read()
            if not ok:
                raise DeviceLost(f"video {self.source} yields no frames")
        return fit_frame(img, self.width, self.height)

    def _grab(self) -> np.ndarray | None:
        now = time.monotonic()
        if now < self._next_t:
            self._stop.wait(min(self._next_t - now, _MAX_WAIT_S))
            return None
        if self._finished:
            self._stop.wait(_MAX_WAIT_S)
            return None
        img = self._next_frame()
        if img is None:
            self._finished = True
            return None
        # Keep a steady cadence; if we fell behind (slow disk, busy CPU) do not burst.
        self._next_t += self._interval
        if self._next_t < now - self._interval:
            self._next_t = now + self._interval
        return img

    def _close(self) -> None:
        super()._close()
        if self._capture is not None:
            self._capture.release()
            self._capture = None
        self._files = []
        self._cache.clear()
        self._cache_bytes = 0
