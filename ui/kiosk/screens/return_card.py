"""Returning a stored-value card: the shopper puts it into the dispenser's intake; its balance
and deposit go back to the member's points (app.coupons.cards.return_card)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from app.coupons.cards import CardState
from ui.errors import user_message
from ui.kiosk.context import KioskContext
from ui.kiosk.screen import KioskScreen
from ui.widgets.i18n import translate


class ReturnCardScreen(KioskScreen):
    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("kioskReturnCard")
        self.heading = QLabel(objectName="screenHeading")
        self.hint = QLabel(objectName="returnHint", alignment=Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.result = QLabel(objectName="returnResult", alignment=Qt.AlignmentFlag.AlignCenter)
        self.result.setWordWrap(True)
        self.back = QPushButton(objectName="backButton")
        self.back.clicked.connect(lambda: self.nav.pop())
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addStretch(1)
        layout.addWidget(self.hint)
        layout.addWidget(self.result)
        layout.addStretch(2)
        layout.addWidget(self.back)
        self.state: CardState | None = None
        self.intake = getattr(ctx, "card_intake", None)  # the window's (ui/kiosk/card_intake.py)
        if self.intake is not None:
            self.intake.returned.connect(self._done)
            self.intake.failed.connect(self._failed)
        self.retranslate()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if self.intake is not None:
            self.intake.shown_by_screen = True
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if self.intake is not None:
            self.intake.shown_by_screen = False
        super().hideEvent(event)

    def _done(self, state: CardState) -> None:
        if not self.isVisible():
            return
        self.state = state
        self.retranslate()

    def _failed(self, exc: BaseException) -> None:
        if not self.isVisible():
            return
        self.state = None
        self.result.setText(user_message(exc))

    def wipe(self) -> None:
        self.state = None
        self.result.clear()

    def retranslate(self) -> None:
        self.heading.setText(translate("KioskReturn", "Return a card"))
        self.hint.setText(translate("KioskReturn", "Put the card into the slot under the screen."))
        self.back.setText(translate("KioskReturn", "Back"))
        if self.state is not None:
            self.result.setText(translate("KioskReturn", "Thank you. {0} points went back to "
                                          "your account.").format(self.state.refunded))
