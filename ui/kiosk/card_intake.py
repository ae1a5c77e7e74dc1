"""Every card the dispenser's intake takes back is refunded, whatever screen is showing: the
machine keeps the card the moment it reads it, so its value must go back even when no one
opened "Return a card" first. The return screen shows the outcome; elsewhere the banner does."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.coupons.cards import CardState, return_card
from ui.errors import user_message
from ui.kiosk.context import KioskContext
from ui.widgets.i18n import translate


class CardIntake(QObject):
    returned = Signal(object)  # CardState
    failed = Signal(object)  # the exception

    def __init__(self, ctx: KioskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shown_by_screen = False  # the return screen is up and tells the shopper itself
        if hasattr(ctx.hub, "card_returned"):
            ctx.hub.card_returned.connect(self.take)

    def take(self, number: str) -> None:
        kiosk = self.ctx.kiosk
        self.ctx.run(lambda: return_card(kiosk, number), self._done, self._failed)

    def _done(self, state: CardState) -> None:
        self.returned.emit(state)
        if not self.shown_by_screen:
            self.ctx.message.emit("info", translate(
                "KioskReturn", "Thank you. {0} points went back to your account.")
                .format(state.refunded))

    def _failed(self, exc: BaseException) -> None:
        self.failed.emit(exc)
        if not self.shown_by_screen:
            self.ctx.message.emit("error", user_message(exc))
