"""The staff screen (after the hidden gesture and a manager's PIN): every device's status in
detail, and leaving the kiosk."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ui.domain_words import device_status_text
from ui.kiosk.context import KioskContext
from ui.kiosk.screen import KioskScreen
from ui.widgets.i18n import translate
from ui.widgets.scaling import px


class StaffScreen(KioskScreen):
    watches_idle = False
    leave = Signal()
    resume = Signal()

    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("kioskStaff")
        self.heading = QLabel(objectName="screenHeading")
        self.who = QLabel(objectName="staffWho")
        self.devices = QLabel(objectName="staffDevices")
        self.devices.setWordWrap(True)
        self.leave_button = QPushButton(objectName="leaveKiosk")
        self.resume_button = QPushButton(objectName="resumeKiosk")
        for b in (self.leave_button, self.resume_button):
            b.setMinimumHeight(px(72))
        self.leave_button.clicked.connect(self.leave)
        self.resume_button.clicked.connect(self.resume)
        layout = QVBoxLayout(self)
        for w in (self.heading, self.who, self.devices):
            layout.addWidget(w)
        layout.addStretch(1)
        layout.addWidget(self.resume_button)
        layout.addWidget(self.leave_button)
        self.manager = ""
        self.retranslate()

    def entered(self) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        kiosk = self.ctx.kiosk
        self.heading.setText(translate("KioskStaff", "Kiosk {0} — staff").format(
            kiosk.terminal_code))
        self.who.setText(translate("KioskStaff", "Opened by {0}").format(self.manager))
        statuses = self.ctx.hub.statuses() if hasattr(self.ctx.hub, "statuses") else {}
        lines = [f"{name}: {device_status_text(status)} {detail}".strip()
                 for name, (status, detail) in sorted(statuses.items())]
        self.devices.setText("\n".join(lines) or translate("KioskStaff", "No devices configured"))
        self.leave_button.setText(translate("KioskStaff", "Leave the kiosk"))
        self.resume_button.setText(translate("KioskStaff", "Back to the shoppers"))
