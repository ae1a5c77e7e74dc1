"""Check in with your face at the kiosk: the kiosk's camera, the greeter's recognition
engine in check-in mode for a few seconds, then the shopper is identified (or told to use
their phone or card). Face is never the only way in: the identify screen keeps both."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

LOOK_S = 10  # how long the kiosk looks before it gives up


def make_pipeline() -> Any:
    """The recognition pipeline for a check-in (replaced in tests)."""
    from ui.greeter.engine import _default_pipeline

    return _default_pipeline("check-in")


def kiosk_camera(hub: Any) -> Any:
    devices = getattr(hub, "devices", None) or {}
    return devices.get("camera") or devices.get("camera-scanner")


class FaceCheckIn(QObject):
    recognised = Signal(object)  # app.reception.visits Welcome (card + arrival)
    gave_up = Signal()

    def __init__(self, store_id: int, camera: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store_id = store_id
        self.camera = camera
        self.engine: Any = None
        self._timer = QTimer(self, singleShot=True, interval=LOOK_S * 1000)
        self._timer.timeout.connect(self._give_up)

    @property
    def looking(self) -> bool:
        return self.engine is not None

    def start(self) -> None:
        if self.engine is not None or self.camera is None:
            return
        from ui.greeter.engine import GreeterEngine

        self.engine = GreeterEngine(self.store_id, self.camera.frames,
                                    make_pipeline=partial(make_pipeline), source="check-in")
        self.engine.welcomed.connect(self._welcomed)
        self.engine.check_in()  # armed as soon as the pipeline is up
        self.engine.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        engine, self.engine = self.engine, None
        if engine is not None:
            engine.stop()

    def _welcomed(self, welcome: Any) -> None:
        if self.engine is None:
            return
        self.stop()
        self.recognised.emit(welcome)

    def _give_up(self) -> None:
        self.stop()
        self.gave_up.emit()
