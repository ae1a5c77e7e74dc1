"""Face encodings: dlib's 5-point landmarks + ResNet encoder, in this process or in a worker
process.

dlib's encoder holds the GIL for ~60–80 ms per face, so the greeter runs it in a separate
**process** (``EncoderProcess``, multiprocessing "spawn": no forked Qt or database state)
and only ships it a crop around each face. Enrolment (a handful of frames, off the GUI
thread) and the benches may call ``encode`` directly.

Nothing here writes anything: encodings travel back to the caller only.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import queue
import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.faces import dlib_models
from app.faces.geometry import Box

log = logging.getLogger(__name__)

# The crop sent to the worker: the face box grown by this fraction on every side, so the
# aligned 150×150 chip (which pads the face by 25 %) never reaches past the crop.
CROP_MARGIN = 0.5
# Larger faces are shrunk to about this height first: the chip is 150 px anyway, and a
# smaller crop is cheaper to pickle and to search for landmarks.
CROP_FACE_PX = 200


@dataclass(frozen=True)
class Encoded:
    encoding: np.ndarray  # float32[128]
    landmarks: np.ndarray  # int[5, 2] in the coordinates of the image given


def landmarks(image_rgb: np.ndarray, box: Box) -> np.ndarray:
    import dlib

    rect = dlib.rectangle(box.left, box.top, box.right, box.bottom)
    shape = dlib_models.shape_predictor()(image_rgb, rect)
    return np.array([(p.x, p.y) for p in shape.parts()], dtype=np.int32)


def encode(image_rgb: np.ndarray, box: Box, num_jitters: int = 1) -> Encoded:
    """The 128-d encoding of the face in ``box`` (5-point alignment, never 68-point)."""
    import dlib

    rect = dlib.rectangle(box.left, box.top, box.right, box.bottom)
    shape = dlib_models.shape_predictor()(image_rgb, rect)
    desc = dlib_models.face_encoder().compute_face_descriptor(image_rgb, shape, num_jitters)
    pts = np.array([(p.x, p.y) for p in shape.parts()], dtype=np.int32)
    return Encoded(np.asarray(desc, dtype=np.float32), pts)


def crop_for_encoding(frame_bgr: np.ndarray, box: Box) -> tuple[np.ndarray, Box]:
    """An RGB crop around ``box`` (with margin, shrunk if large) and the box inside it."""
    import cv2

    h, w = frame_bgr.shape[:2]
    mx, my = round(box.width * CROP_MARGIN), round(box.height * CROP_MARGIN)
    area = Box(box.left - mx, box.top - my, box.right + mx, box.bottom + my).clipped(w, h)
    crop = frame_bgr[area.top:area.bottom, area.left:area.right]
    inner = Box(box.left - area.left, box.top - area.top, box.right - area.left,
                box.bottom - area.top)
    factor = CROP_FACE_PX / max(1, box.height)
    if factor < 1.0:
        crop = cv2.resize(crop, (max(1, round(crop.shape[1] * factor)),
                                 max(1, round(crop.shape[0] * factor))),
                          interpolation=cv2.INTER_AREA)
        inner = inner.scaled(factor)
    return cv2.cvtColor(crop, cv2.COLOR_BGR2RGB), inner


def _worker(requests: Any, results: Any, nice: int = 0) -> None:
    """The encoder process: load the models once, then encode crops until told to stop."""
    if nice > 0:  # yield the cores to the preview and the detector when they need them
        import os

        os.nice(nice)
    try:
        dlib_models.shape_predictor()
        dlib_models.face_encoder()
        # One encoding of a blank picture first: dlib sizes its buffers on the first call,
        # which would otherwise slow the first visitor's encoding.
        encode(np.zeros((200, 200, 3), np.uint8), Box(50, 50, 150, 150))
    except Exception as exc:  # reported to the parent, which shows it as the greeter status
        results.put(("error", repr(exc)))
        return
    import sys

    results.put(("ready", {"models": list(dlib_models.loaded),
                           "face_recognition_imported": "face_recognition" in sys.modules}))
    while True:
        item = requests.get()
        if item is None:
            break
        req_id, crop, box = item
        try:
            began, cpu = time.perf_counter(), time.process_time()
            enc = encode(crop, Box(*box))
            # how long it took here, and how much of it this process had the CPU (the rest:
            # waiting for a core), for the replay's timeline
            results.put(("done", (req_id, enc.encoding, (time.perf_counter() - began) * 1e3,
                                  (time.process_time() - cpu) * 1e3)))
        except Exception as exc:  # one bad crop must not stop the greeter
            results.put(("failed", (req_id, type(exc).__name__)))


class EncoderProcess:
    """A worker process computing encodings. ``submit`` never blocks; ``poll`` returns
    finished ``(request id, encoding or None)`` pairs. At most ``max_pending`` requests are
    in flight, so a slow worker makes the pipeline skip frames instead of queueing them."""

    def __init__(self, max_pending: int = 2, nice: int = 0) -> None:
        self.max_pending = max_pending
        self.nice = nice
        self._ctx = mp.get_context("spawn")
        self._requests: Any = None
        self._results: Any = None
        self._proc: Any = None
        self._pending: set[int] = set()
        self._lock = threading.Lock()
        self.ready = False
        self.error: str | None = None
        self.worker_info: dict[str, Any] = {}  # what the worker loaded (models, modules)
        # request -> (ms the encoding took in the worker, ms of CPU it got): the latest few
        self.timings: dict[int, tuple[float, float]] = {}

    def start(self, wait_s: float | None = None) -> EncoderProcess:
        self.ready, self.error, self.worker_info = False, None, {}
        self._requests = self._ctx.Queue()
        self._results = self._ctx.Queue()
        self._proc = self._ctx.Process(target=_worker,
                                       args=(self._requests, self._results, self.nice),
                                       name="face-encoder", daemon=True)
        self._proc.start()
        if wait_s:
            self.wait_ready(wait_s)
        return self

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def wait_ready(self, timeout_s: float) -> bool:
        try:
            kind, detail = self._results.get(timeout=timeout_s)
        except queue.Empty:
            return False
        self._on_status(kind, detail)
        return self.ready

    def _on_status(self, kind: str, detail: Any) -> None:
        if kind == "ready":
            self.ready = True
            self.worker_info = dict(detail or {})
        elif kind == "error":
            self.error = str(detail)
            log.error("face encoder process failed to start: %s", detail)

    @property
    def busy(self) -> bool:
        with self._lock:
            return len(self._pending) >= self.max_pending

    @property
    def in_flight(self) -> int:
        with self._lock:
            return len(self._pending)

    def submit(self, req_id: int, crop_rgb: np.ndarray, box: Box) -> bool:
        with self._lock:
            if len(self._pending) >= self.max_pending:
                return False
            self._pending.add(req_id)
        self._requests.put((req_id, np.ascontiguousarray(crop_rgb), box.as_tuple()))
        return True

    def poll(self, timeout_s: float = 0.0) -> list[tuple[int, np.ndarray | None]]:
        out: list[tuple[int, np.ndarray | None]] = []
        block, wait = timeout_s > 0, timeout_s
        while True:
            try:
                kind, detail = self._results.get(block, wait) if block else \
                    self._results.get_nowait()
            except queue.Empty:
                return out
            block = False
            if kind in ("ready", "error"):
                self._on_status(kind, detail)
                continue
            req_id, value = detail[:2]
            with self._lock:
                self._pending.discard(req_id)
                if len(detail) == 4:
                    self.timings[req_id] = detail[2:]
                    while len(self.timings) > 64:
                        del self.timings[next(iter(self.timings))]
            out.append((req_id, value if kind == "done" else None))

    def alive(self) -> bool:
        return self._proc is not None and self._proc.is_alive()

    def close(self, timeout_s: float = 5.0) -> None:
        if self._proc is None:
            return
        try:
            self._requests.put(None)
            self._proc.join(timeout_s)
        finally:
            if self._proc.is_alive():
                self._proc.terminate()
                self._proc.join(1.0)
            for q in (self._requests, self._results):
                q.close()
                q.cancel_join_thread()
            self._proc = None
            with self._lock:
                self._pending.clear()


class EncoderPool:
    """Several encoder processes behind the EncoderProcess interface: a crop goes to the least
    loaded ready worker, so the few encodings a track needs are computed side by side."""

    def __init__(self, workers: int = 2, max_pending: int = 2, nice: int = 0) -> None:
        if workers < 1:
            raise ValueError("an encoder pool needs at least one worker")
        self.workers = [EncoderProcess(max_pending=max_pending, nice=nice)
                        for _ in range(workers)]

    def start(self, wait_s: float | None = None) -> EncoderPool:
        for w in self.workers:
            w.start()
        if wait_s:
            self.wait_ready(wait_s)
        return self

    def wait_ready(self, timeout_s: float) -> bool:
        return all(w.ready or w.wait_ready(timeout_s) for w in self.workers)

    @property
    def pid(self) -> int | None:
        return self.workers[0].pid

    @property
    def pids(self) -> list[int]:
        return [w.pid for w in self.workers if w.pid]

    @property
    def ready(self) -> bool:
        return any(w.ready for w in self.workers)

    @property
    def error(self) -> str | None:
        return next((w.error for w in self.workers if w.error), None)

    @property
    def worker_info(self) -> dict[str, Any]:
        return next((w.worker_info for w in self.workers if w.ready), {})

    @property
    def busy(self) -> bool:
        return all(w.busy or not w.ready for w in self.workers)

    def submit(self, req_id: int, crop_rgb: np.ndarray, box: Box) -> bool:
        free = [w for w in self.workers if w.ready and not w.busy and w.alive()]
        if not free:
            return False
        return min(free, key=lambda w: w.in_flight).submit(req_id, crop_rgb, box)

    def timing(self, req_id: int) -> tuple[float, float] | None:
        """(ms the encoding took in its worker, ms of CPU it got there), if known."""
        return next((w.timings[req_id] for w in self.workers if req_id in w.timings), None)

    def poll(self, timeout_s: float = 0.0) -> list[tuple[int, np.ndarray | None]]:
        out: list[tuple[int, np.ndarray | None]] = []
        for w in self.workers:
            if w._proc is not None:
                out += w.poll()
        return out

    def alive(self) -> bool:
        return all(w.alive() for w in self.workers)

    def revive(self) -> int:
        """Restart the workers that died; returns how many."""
        dead = [w for w in self.workers if not w.alive()]
        for w in dead:
            w.close()
            w.start()
        return len(dead)

    def close(self, timeout_s: float = 5.0) -> None:
        for w in self.workers:
            w.close(timeout_s)
