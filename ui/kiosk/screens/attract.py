"""The attract screen: the live offers as a slideshow, and "touch to start"."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from ui.kiosk.context import KioskContext
from ui.kiosk.offers_feed import OffersFeed
from ui.kiosk.screen import KioskScreen
from ui.kiosk.screens.offer_card import OfferCard
from ui.widgets.i18n import is_english, translate


class AttractScreen(KioskScreen):
    watches_idle = False
    touched = Signal()

    def __init__(self, ctx: KioskContext, feed: OffersFeed, parent: QWidget | None = None,
                 slide_ms: int = 5000) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("kioskAttract")
        self.welcome = QLabel(objectName="attractWelcome", alignment=Qt.AlignmentFlag.AlignCenter)
        self.welcome.setWordWrap(True)
        self.slides = QStackedWidget(objectName="attractSlides")
        self.empty = QLabel(objectName="attractEmpty", alignment=Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.slides.addWidget(self.empty)
        self.touch = QLabel(objectName="attractTouch", alignment=Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.welcome)
        layout.addWidget(self.slides, 1)
        layout.addWidget(self.touch)
        self.timer = QTimer(self, interval=slide_ms)
        self.timer.timeout.connect(self.next_slide)
        feed.changed.connect(self.show_offers)
        self.show_offers(feed.offers)
        self.retranslate()

    def show_offers(self, offers: list) -> None:
        while self.slides.count() > 1:
            w = self.slides.widget(1)
            self.slides.removeWidget(w)
            w.deleteLater()
        for offer in offers:
            self.slides.addWidget(OfferCard(offer))
        self.slides.setCurrentIndex(1 if offers else 0)

    def next_slide(self) -> None:
        n = self.slides.count() - 1
        if n > 1:
            self.slides.setCurrentIndex(self.slides.currentIndex() % n + 1)

    def entered(self) -> None:
        self.timer.start()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self.touched.emit()
        event.accept()

    def retranslate(self) -> None:
        kiosk = self.ctx.kiosk
        self.welcome.setText(translate("KioskAttract", "Welcome to {0}").format(
            kiosk.store_name_en if is_english() and kiosk.store_name_en else kiosk.store_name))
        self.empty.setText(translate("KioskAttract", "Members collect and spend points in every "
                                                     "shop of the coalition."))
        self.touch.setText(translate("KioskAttract", "Touch the screen to start"))
        for i in range(1, self.slides.count()):
            card = self.slides.widget(i)
            if isinstance(card, OfferCard):
                card.retranslate()
