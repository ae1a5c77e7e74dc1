"""Ordering one offer: its detail and price, the member's points, a wallet payment code where it
has a money price, then "Order". One client UUID is made per attempt (this screen), so tapping
again after a timeout replays the same order and never charges twice; a captured payment's
reference is kept for that retry. Then the delivery screen (slip, SMS, card)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app import ledger
from app.coupons.purchase import Purchase, buy
from app.errors import PatronError
from app.kiosk.offers import LiveOffer
from app.money import format_money
from ui.errors import user_message
from ui.kiosk.context import KioskContext
from ui.kiosk.screen import KioskScreen
from ui.kiosk.screens.offer_card import OfferCard
from ui.widgets.i18n import translate
from ui.widgets.keypad import Keypad
from ui.widgets.scaling import px


class OrderScreen(KioskScreen):
    def __init__(self, ctx: KioskContext, offer: LiveOffer, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("kioskOrder")
        self.offer = offer
        self.client_uuid = str(uuid.uuid4())  # one per attempt: a retry replays
        self.payment_reference = ""
        self.points_have: int | None = None
        self.heading = QLabel(objectName="screenHeading")
        self.card = OfferCard(offer)
        self.balance = QLabel(objectName="orderBalance")
        self.balance.setWordWrap(True)
        self.pay_hint = QLabel(objectName="orderPayHint")
        self.pay_hint.setWordWrap(True)
        self.wallet = QLineEdit(objectName="walletCode")
        self.wallet.setMaxLength(18)
        self.wallet.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.wallet.setMinimumHeight(px(88))
        self.keypad = Keypad(self.wallet, decimal=False, enter=False)
        self.keypad.setMinimumHeight(px(360))
        self.keypad.setMaximumWidth(px(640))
        self.error = QLabel(objectName="orderError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.order_button = QPushButton(objectName="orderButton")
        self.order_button.setMinimumHeight(px(112))
        self.order_button.clicked.connect(self.order)
        self.back = QPushButton(objectName="backButton")
        self.back.clicked.connect(lambda: self.nav.pop())
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.card)
        layout.addWidget(self.balance)
        self.money = QWidget()
        column = QVBoxLayout(self.money)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.pay_hint)
        column.addWidget(self.wallet)
        column.addWidget(self.keypad, 1, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.money, 1)
        self.money.setVisible(bool(offer.price))
        if not offer.price:
            layout.addStretch(1)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.back, 1)
        row.addWidget(self.order_button, 2)
        layout.addLayout(row)
        self.retranslate()

    def entered(self) -> None:
        if not getattr(self, "_listening", False) and hasattr(self.ctx.hub, "scanned"):
            self._listening = True
            self.ctx.hub.scanned.connect(self._scanned)
        member_id = self.ctx.session.member_id
        if member_id is not None:
            self.ctx.run(lambda: ledger.balance(member_id), self._balance)
        if self.offer.price:
            self.wallet.setFocus()

    def _balance(self, points: int) -> None:
        self.points_have = points
        self.retranslate()

    def _scanned(self, text: str) -> None:  # a wallet code shown to the scanner
        if self.isVisible() and self.offer.price:
            self.wallet.setText(text.strip()[:18])

    def order(self) -> None:
        member_id = self.ctx.session.member_id
        if member_id is None:
            return
        kiosk, offer_id, key = self.ctx.kiosk, self.offer.id, self.client_uuid
        code, reference = self.wallet.text(), self.payment_reference
        self.order_button.setEnabled(False)
        self.error.hide()
        self.ctx.run(lambda: buy(kiosk, member_id, offer_id, key, code, reference),
                     self._ordered, self._failed)

    def _ordered(self, purchase: Purchase) -> None:
        self.payment_reference = purchase.payment_reference
        from ui.kiosk.screens.delivery import DeliveryScreen

        self.nav.push(DeliveryScreen(self.ctx, purchase.coupon))

    def _failed(self, exc: BaseException) -> None:
        text = user_message(exc)
        if isinstance(exc, PatronError) and exc.params.get("refunded"):
            text += " " + translate("KioskOrder", "Your payment was paid back; nothing was "
                                    "charged.")
        if isinstance(exc, PatronError):
            self.client_uuid = str(uuid.uuid4())  # refused: the next tap is a new attempt
            self.payment_reference = ""
        self.error.setText(text)
        self.error.show()
        self.order_button.setEnabled(True)

    def wipe(self) -> None:
        self.wallet.clear()
        self.points_have = None
        self.error.hide()

    def retranslate(self) -> None:
        o = self.offer
        self.heading.setText(translate("KioskOrder", "Order this offer"))
        self.card.retranslate()
        self.balance.setText("" if self.points_have is None else translate(
            "KioskOrder", "You have {0} points.").format(self.points_have))
        self.pay_hint.setText(translate("KioskOrder", "Show your wallet's payment code to the "
                                        "scanner, or type its 18 digits."))
        if o.price_points and o.price:
            text = translate("KioskOrder", "Order with {0} points and pay {1}").format(
                o.price_points, format_money(o.price))
        elif o.price:
            text = translate("KioskOrder", "Pay {0} and order").format(format_money(o.price))
        elif o.price_points:
            text = translate("KioskOrder", "Order with {0} points").format(o.price_points)
        else:
            text = translate("KioskOrder", "Get this coupon")
        self.order_button.setText(text)
        self.back.setText(translate("KioskOrder", "Back"))
