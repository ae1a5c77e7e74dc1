"""The live offers, kept fresh: every ``interval_ms`` the kiosk asks the domain for the offers'
fingerprint (one cheap query) and reloads them when it changed. A merchant's new offer, price,
stock or withdrawal therefore reaches a running kiosk within one interval (2 s by default)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.kiosk.offers import LiveOffer, live_offers, offers_fingerprint
from ui.kiosk.context import KioskContext


class OffersFeed(QObject):
    changed = Signal(list)  # list[LiveOffer]

    def __init__(self, ctx: KioskContext, interval_ms: int = 2000,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.offers: list[LiveOffer] = []
        self.fingerprint = ""
        self._asking = False
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.poll()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> None:
        if self._asking:  # a slow database: one question at a time
            return
        self._asking = True
        kiosk = self.ctx.kiosk

        def ask() -> tuple[str, list[LiveOffer] | None]:
            fingerprint = offers_fingerprint(kiosk)
            if fingerprint == self.fingerprint:
                return fingerprint, None
            return fingerprint, live_offers(kiosk)

        self.ctx.run(ask, self._answer, self._failed)

    def _answer(self, result: tuple[str, list[LiveOffer] | None]) -> None:
        self._asking = False
        fingerprint, offers = result
        if offers is not None:
            self.fingerprint, self.offers = fingerprint, offers
            self.changed.emit(offers)

    def _failed(self, _exc: BaseException) -> None:
        self._asking = False  # the next poll tries again; the last offers stay on screen
