"""Shown to shoppers while a device the kiosk needs is not working: a friendly message only;
staff see the details on the staff screen (hidden gesture + manager PIN)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.kiosk.context import KioskContext
from ui.kiosk.screen import KioskScreen
from ui.widgets.i18n import translate


class OutOfOrderScreen(KioskScreen):
    watches_idle = False

    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("kioskOutOfOrder")
        self.title = QLabel(objectName="outOfOrderTitle", alignment=Qt.AlignmentFlag.AlignCenter)
        self.body = QLabel(objectName="outOfOrderBody", alignment=Qt.AlignmentFlag.AlignCenter)
        self.body.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("KioskOutOfOrder", "Sorry, this kiosk is resting"))
        self.body.setText(translate("KioskOutOfOrder", "Please ask a member of staff, or use "
                                    "another kiosk. Your points and coupons are safe."))
