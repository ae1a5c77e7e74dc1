"""The greeter's recognition worker: a QThread around app.faces.pipeline.

The camera thread keeps the newest frame; this thread hands each new frame to the pipeline
(a ~0.1 ms call: detection runs on the pipeline's thread, encoding in its own process),
publishes the face boxes, and turns every greeting into a visit and a welcome card (database
work stays off the GUI thread). Nothing about an unrecognised face leaves this thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Boxes:
    """The face boxes of one analysed frame, in that frame's pixels."""

    frame_w: int
    frame_h: int
    faces: tuple[Any, ...]  # app.faces.pipeline.FaceBox


@dataclass(frozen=True)
class Welcome:
    card: Any  # app.reception.welcome.WelcomeCard
    arrival: Any  # app.reception.visits.Arrival


def confidence_milli(distance: float) -> int:
    """A greeting's distance as a 0–1000 confidence for the visit row."""
    return max(0, min(1000, round(1000 * (1.0 - float(distance)))))


class GreeterEngine(QObject):
    boxes = Signal(object)  # Boxes
    welcomed = Signal(object)  # Welcome
    status = Signal(str)  # starting | enrolling | running | error: …
    failed = Signal(str)  # a greeting that could not be recorded (shown, the greeter goes on)

    def __init__(self, store_id: int, frames: Any, *,
                 make_pipeline: Callable[[], Any] | None = None,
                 prepare: Callable[[], None] | None = None, source: str = "face") -> None:
        """``frames``: a hardware.camera LatestFrame; ``make_pipeline``: returns a started
        Pipeline (default: the real one, synced with the database); ``prepare``: work before
        the pipeline starts (the demo's enrolment); ``source``: the visits' source (face at
        the door, check-in at the kiosk)."""
        super().__init__()
        self.store_id = store_id
        self.frames = frames
        self._make_pipeline = make_pipeline or _default_pipeline
        self._prepare = prepare
        self.source = source
        self._pipeline: Any = None
        self._stop = False
        self._check_in_pending = False
        self.frames_fed = 0
        self._thread = QThread()
        self._thread.setObjectName("greeter-engine")
        self.moveToThread(self._thread)
        self._thread.started.connect(self._run)

    # -- GUI thread --------------------------------------------------------------------------
    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout_ms: int = 15000) -> None:
        self._stop = True
        self.frames.wake()
        self._thread.quit()
        self._thread.wait(timeout_ms)

    def check_in(self) -> None:
        """The tap on "check in": arm recognition for the pipeline's check-in period."""
        pipeline = self._pipeline
        if pipeline is not None:
            pipeline.check_in()
        else:
            self._check_in_pending = True

    @property
    def pipeline(self) -> Any:
        return self._pipeline

    # -- worker thread -----------------------------------------------------------------------
    def _run(self) -> None:
        try:
            if self._prepare is not None:
                self.status.emit("enrolling")
                self._prepare()
            self.status.emit("starting")
            self._pipeline = self._make_pipeline()
            if self._check_in_pending:
                self._pipeline.check_in()
            self._loop()
        except Exception as exc:  # the window shows it; the preview keeps running
            log.exception("greeter engine stopped")
            self.status.emit(f"error: {exc}")
        finally:
            if self._pipeline is not None:
                self._pipeline.close()
            from app.db import database

            if database.obj is not None and not database.is_closed():
                database.close()  # this thread's connection

    def _loop(self) -> None:
        seq = 0
        last_status = ""
        while not self._stop:
            got = self.frames.wait_newer(seq, 0.5)
            status = self._pipeline.status()
            if status != last_status:
                last_status = status
                self.status.emit(status)
            if got is None:
                continue
            seq, frame = got
            result = self._pipeline.feed(frame, time.monotonic())
            self.frames_fed += 1
            h, w = frame.shape[:2]
            self.boxes.emit(Boxes(w, h, result.faces))
            for greeting in result.greetings:
                self._welcome(greeting)

    def _welcome(self, greeting: Any) -> None:
        from app.faces.templates import record_match
        from app.reception.visits import record_arrival
        from app.reception.welcome import welcome_card

        try:
            arrival = record_arrival(greeting.member_id, self.store_id,
                                     confidence_milli(greeting.distance), source=self.source)
            record_match(greeting.member_id)
            card = welcome_card(greeting.member_id, self.store_id, arrival.visit_id)
        except Exception as exc:  # a member withdrawn or deleted at the door: no card
            log.warning("greeting not recorded: %s", type(exc).__name__)
            self.failed.emit(str(exc))
            return
        self.welcomed.emit(Welcome(card, arrival))


def _default_pipeline(mode: str = "passive") -> Any:
    from app.faces.index import FaceIndex
    from app.faces.pipeline import Pipeline, PipelineConfig

    index = FaceIndex()
    return Pipeline(index, PipelineConfig(mode=mode), sync=index.sync).start()
