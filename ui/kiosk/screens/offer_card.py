"""One offer, drawn as a large card: merchant, title, price in points and/or money, stock."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.kiosk.offers import LiveOffer
from app.money import format_money
from ui.widgets.i18n import is_english, translate


def offer_price(offer: LiveOffer) -> str:
    parts = []
    if offer.price_points:
        parts.append(translate("KioskOffers", "{0} points").format(offer.price_points))
    if offer.price:
        parts.append(format_money(offer.price))
    return " + ".join(parts) or translate("KioskOffers", "Free")


class OfferCard(QFrame):
    def __init__(self, offer: LiveOffer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offer = offer
        self.setObjectName("offerCard")
        self.merchant = QLabel(objectName="offerMerchant")
        self.title = QLabel(objectName="offerTitle")
        self.title.setWordWrap(True)
        self.description = QLabel(objectName="offerDescription")
        self.description.setWordWrap(True)
        self.price = QLabel(objectName="offerPrice")
        self.stock = QLabel(objectName="offerStock")
        layout = QVBoxLayout(self)
        for w in (self.merchant, self.title, self.description, self.price, self.stock):
            layout.addWidget(w)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        o = self.offer
        english = is_english()
        self.merchant.setText(o.merchant_name_en if english and o.merchant_name_en
                              else o.merchant_name)
        self.title.setText(o.title_en if english and o.title_en else o.title)
        self.description.setText(o.description)
        self.description.setVisible(bool(o.description) and not english)
        self.price.setText(offer_price(o))
        self.stock.setText("" if o.stock is None else
                           translate("KioskOffers", "{0} left").format(o.stock))
        self.stock.setVisible(o.stock is not None)
