"""The greeter window: live preview with face boxes, the welcome-card queue, the status of
camera and recognition, the check-in button (check-in stores) and the door signage."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.reception.door import Door
from app.reception.signage import signage
from ui.domain_words import device_status_text
from ui.greeter.cards import CardQueue
from ui.greeter.engine import Boxes, Welcome
from ui.greeter.preview import PreviewWidget
from ui.widgets.i18n import current_language, is_english, translate

PREVIEW_INTERVAL_MS = 15  # repaint from the newest camera frame (≥ 25 fps with headroom)


class SignageDialog(QDialog):
    def __init__(self, retention_days: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signageDialog")
        self.setWindowTitle(translate("Greeter", "Door sign"))
        intro = QLabel(translate("Greeter", "Print this notice and put it up at the door "
                                            "before the greeter is switched on."))
        intro.setWordWrap(True)
        self.text = QLabel(signage("zh_CN", retention_days) + "\n\n"
                           + signage("en", retention_days), objectName="signageText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.text.setStyleSheet("font-size: 18px; padding: 12px; background: white;")
        layout.addWidget(intro)
        layout.addWidget(self.text)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(760, 520)


class GreeterWindow(QWidget):
    check_in_requested = Signal()
    language_requested = Signal()
    quit_requested = Signal()

    def __init__(self, door: Door, camera: object, *, retention_days: int = 365,
                 no_camera_hint: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("greeterWindow")
        self.door = door
        self.camera = camera
        self.retention_days = retention_days
        self.no_camera_hint = no_camera_hint
        self.camera_status = "disconnected"
        self.engine_status = "starting"
        self.greeting_errors = 0

        self.store_label = QLabel(objectName="greeterStore")
        self.status_label = QLabel(objectName="greeterStatus")
        self.check_in_button = QPushButton(objectName="checkInButton")
        self.check_in_button.setMinimumSize(260, 72)
        self.check_in_button.clicked.connect(self.check_in_requested)
        self.check_in_button.setVisible(door.mode == "check-in")
        self.sign_button = QPushButton(objectName="signButton")
        self.sign_button.clicked.connect(self.show_signage)
        self.language_button = QPushButton(objectName="languageButton")
        self.language_button.clicked.connect(self.language_requested)
        top = QHBoxLayout()
        top.addWidget(self.store_label)
        top.addStretch(1)
        top.addWidget(self.status_label)
        top.addWidget(self.sign_button)
        top.addWidget(self.language_button)

        self.preview = PreviewWidget(self)
        self.cards = CardQueue(door.timezone, self)
        self.cards.setMinimumWidth(420)
        left = QVBoxLayout()
        left.addWidget(self.preview, 1)
        left.addWidget(self.check_in_button, 0, Qt.AlignmentFlag.AlignHCenter)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(self.cards, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)

        QShortcut(QKeySequence("Ctrl+Q"), self, activated=self.quit_requested)
        self._timer = QTimer(self)
        self._timer.setInterval(PREVIEW_INTERVAL_MS)
        self._timer.timeout.connect(self._show_latest)
        if hasattr(camera, "frame"):  # the camera posts its newest frame (coalesced): no polling
            camera.frame.connect(self._show_frame)
            self._timer.setInterval(500)  # only notices a camera that went away
        self._timer.start()
        self.camera_status = str(getattr(camera, "status", "disconnected"))
        if hasattr(camera, "status_changed"):
            camera.status_changed.connect(self._camera_status)
        self.setStyleSheet(_STYLE)
        self.retranslate()

    # -- feeding ---------------------------------------------------------------------------
    def _show_latest(self) -> None:
        frame = self.camera.latest() if self.camera is not None else None
        if frame is not None and self.camera_status == "connected":
            self.preview.set_frame(frame)
        elif self.camera_status != "connected":
            self.preview.clear_frame()

    def _show_frame(self, frame: object) -> None:
        if self.camera_status == "connected":
            self.preview.set_frame(frame)

    def show_boxes(self, boxes: Boxes) -> None:
        self.preview.set_boxes(boxes)

    def welcome(self, welcome: Welcome) -> None:
        self.preview.set_name(welcome.card.member_id, welcome.card.name)
        self.cards.add(welcome.card)

    def greeting_failed(self, _message: str) -> None:
        self.greeting_errors += 1

    def set_engine_status(self, status: str) -> None:
        self.engine_status = status
        self._update_status()

    def _camera_status(self, status: str, _detail: str = "") -> None:
        self.camera_status = str(status)
        self._update_status()

    def show_signage(self) -> None:
        SignageDialog(self.retention_days, self).exec()

    # -- texts -------------------------------------------------------------------------------
    def _update_status(self) -> None:
        camera = translate("Greeter", "Camera: {0}").format(device_status_text(self.camera_status))
        engine = {
            "enrolling": translate("Greeter", "enrolling the demo members…"),
            "starting": translate("Greeter", "recognition starting…"),
            "running": translate("Greeter", "recognition on"),
        }.get(self.engine_status)
        if engine is None:
            engine = translate("Greeter", "recognition stopped: {0}").format(
                self.engine_status.removeprefix("error: "))
        self.status_label.setText(f"{camera} · {engine}")
        if self.camera_status != "connected":
            hint = translate("Greeter", "No camera picture. The greeter keeps trying to "
                                        "reconnect.")
            if self.no_camera_hint:
                hint += "\n" + translate(
                    "Greeter", "Members enrol their face at the till: attach the member, "
                               "then “Face” in the member panel.")
            self.preview.placeholder = hint
        self.preview.update()

    def retranslate(self) -> None:
        name = self.door.store_name_en if is_english() and self.door.store_name_en \
            else self.door.store_name
        self.store_label.setText(name)
        self.check_in_button.setText(translate("Greeter", "Check in"))
        self.sign_button.setText(translate("Greeter", "Door sign"))
        self.language_button.setText("中文" if current_language() == "en" else "English")
        self.cards.retranslate()
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


_STYLE = """
#greeterWindow { background: #1b1f24; }
#greeterStore { color: white; font-size: 26px; font-weight: bold; }
#greeterStatus { color: #cfd8dc; font-size: 16px; margin-right: 12px; }
#checkInButton { font-size: 28px; font-weight: bold; background: #27ae60; color: white;
                 border-radius: 12px; padding: 10px 40px; }
#welcomeHeading { color: white; font-size: 24px; font-weight: bold; }
#welcomeEmpty { color: #90a4ae; font-size: 16px; }
#welcomeCard { background: #fdfefe; border-radius: 12px; padding: 8px; }
#welcomeName { font-size: 24px; font-weight: bold; color: #1b5e20; }
#welcomeStatus { font-size: 18px; color: #37474f; }
#welcomeFavourites, #welcomeCoupons, #welcomeLastVisit { font-size: 15px; color: #455a64; }
"""
