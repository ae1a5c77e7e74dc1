"""Today's offers from every shop, as large cards (kept fresh by the offers feed)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.kiosk.offers import LiveOffer
from ui.kiosk.context import KioskContext
from ui.kiosk.screen import KioskScreen
from ui.kiosk.screens.offer_card import OfferCard
from ui.widgets.i18n import translate
from ui.widgets.scaling import px


class ChoosableCard(OfferCard):
    """An offer card the shopper taps to order it."""

    chosen = Signal(object)  # LiveOffer

    def __init__(self, offer: LiveOffer, parent: QWidget | None = None) -> None:
        super().__init__(offer, parent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.rect().contains(event.position().toPoint()):
            self.chosen.emit(self.offer)
        event.accept()


class OffersScreen(KioskScreen):
    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("kioskOffers")
        self.heading = QLabel(objectName="screenHeading")
        self.empty = QLabel(objectName="offersEmpty", alignment=Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.cards: list[ChoosableCard] = []
        self.box = QWidget()
        self.grid = QGridLayout(self.box)
        scroll = QScrollArea(objectName="offersScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.box)
        self.back = QPushButton(objectName="backButton")
        self.back.setMinimumHeight(px(72))
        self.back.clicked.connect(lambda: self.nav.pop())
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.back)
        self.feed = getattr(ctx, "offers", None)
        if self.feed is not None:
            self.feed.changed.connect(self.show_offers)
            self.show_offers(self.feed.offers)
        self.retranslate()

    def show_offers(self, offers: list[LiveOffer]) -> None:
        for card in self.cards:
            self.grid.removeWidget(card)
            card.deleteLater()
        self.cards = [ChoosableCard(o) for o in offers]
        columns = 1 if self.width() and self.width() < px(900) else 2
        for i, card in enumerate(self.cards):
            card.setMinimumHeight(px(180))
            card.chosen.connect(self.choose)
            self.grid.addWidget(card, i // columns, i % columns)
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        self.grid.setRowStretch((len(self.cards) + columns - 1) // columns, 1)  # cards at the top
        self.empty.setVisible(not offers)

    def choose(self, offer: LiveOffer) -> None:
        """Tapped an offer: its order screen, once the shopper is known (identify or join)."""
        from ui.kiosk.screens.order import OrderScreen

        self.nav.with_member(lambda: OrderScreen(self.ctx, offer))

    def retranslate(self) -> None:
        self.heading.setText(translate("KioskOffers", "Today's offers — tap one to order it"))
        self.empty.setText(translate("KioskOffers", "No offers right now. Please come back soon."))
        self.back.setText(translate("KioskOffers", "Back"))
        for card in self.cards:
            card.retranslate()
