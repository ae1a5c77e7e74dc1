"""``--role greeter``: the door camera, the recognition worker and the reception window.

In the demo, where ../shared/testdata is present, the camera plays the shared door video and
the demo members are enrolled from the shared faces when recognition starts; elsewhere the
configured camera ([devices.camera], default the machine's first camera) is used and the
window says how members enrol at the till.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.config import TerminalConfig
from app.faces.templates import template_ttl_days
from app.reception.demo import door_video, enrol_demo_faces
from app.reception.door import open_door
from ui.greeter.engine import GreeterEngine, _default_pipeline
from ui.greeter.window import GreeterWindow
from ui.widgets.i18n import current_language

log = logging.getLogger(__name__)

DEFAULT_CAMERA = {"kind": "opencv", "source": 0, "width": 1280, "height": 720,
                  "name": "door-camera"}


def camera_config(cfg: TerminalConfig, *, demo: bool) -> tuple[dict[str, Any], bool]:
    """The door camera's config and whether it plays the shared door video."""
    video = door_video() if demo else None
    if video is not None:
        return {"kind": "simulator", "source": str(video), "fps": 25, "width": 1280,
                "height": 720, "name": "door-camera"}, True
    return dict(cfg.devices.get("camera") or DEFAULT_CAMERA), False


class GreeterRole:
    def __init__(self, cfg: TerminalConfig, *, demo: bool = False, camera: Any = None,
                 make_pipeline: Callable[[], Any] | None = None) -> None:
        from hardware.camera import make_camera

        self.cfg = cfg
        self.door = open_door(cfg.terminal)
        cam_cfg, plays_video = camera_config(cfg, demo=demo)
        self.camera = camera if camera is not None else make_camera(cam_cfg)
        store_id = self.door.store_id
        prepare = (partial(enrol_demo_faces, store_id) if demo and plays_video and camera is None
                   else None)
        self.engine = GreeterEngine(
            store_id, self.camera.frames,
            make_pipeline=make_pipeline or partial(_default_pipeline, self.door.mode),
            prepare=prepare)
        self.window = GreeterWindow(self.door, self.camera, retention_days=template_ttl_days(),
                                    no_camera_hint=not plays_video)
        self.engine.boxes.connect(self.window.show_boxes)
        self.engine.welcomed.connect(self.window.welcome)
        self.engine.status.connect(self.window.set_engine_status)
        self.engine.failed.connect(self.window.greeting_failed)
        # called directly: the engine's thread is busy in its frame loop, not in an event loop
        self.window.check_in_requested.connect(lambda: self.engine.check_in())
        self.window.language_requested.connect(self.toggle_language)
        self.window.quit_requested.connect(self.leave)
        self._started = False
        self.fullscreen = True

    def show(self) -> None:
        if not self._started:
            self._started = True
            self.camera.start()
            # Recognition starts once the window has painted (it spawns the encoder process
            # and, in the demo, enrols the demo members): the greeter opens at once.
            QTimer.singleShot(0, self.engine.start)
        if self.fullscreen:
            self.window.showFullScreen()
        else:
            self.window.show()

    def leave(self) -> None:
        self.window.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def shutdown(self) -> None:
        self.engine.stop()
        try:
            self.camera.stop()
        except Exception:
            log.exception("the door camera did not stop cleanly")
        self.window.close()
        self.window.deleteLater()

    def self_check(self) -> tuple[bool, str]:
        if not self.window.isVisible():
            return False, "greeter window not shown"
        try:
            from app.faces import dlib_models

            dlib_models.model_path(dlib_models.ENCODER)
        except Exception as exc:
            return False, f"face models: {exc}"
        return True, f"greeter at {self.door.store_name}, {self.door.mode} mode"

    def device_report(self, timeout_s: float) -> list[tuple[str, bool, str]]:
        deadline = time.monotonic() + timeout_s
        while str(self.camera.status) != "connected" and time.monotonic() < deadline:
            time.sleep(0.05)
        status = str(self.camera.status)
        return [("camera", status == "connected",
                 f"{status} ({self.camera.status_detail})")]

    def toggle_language(self) -> None:
        from ui.app import set_language

        set_language("zh_CN" if current_language() == "en" else "en")

