"""The coupon is issued: how does the shopper take it? A printed slip with its QR, an SMS to
their phone, or a stored-value card from the card dispenser (a coupon bought with points)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.coupons.cards import CardState, CardTerms, card_terms, load_card
from app.coupons.ordering import IssuedCoupon, resend_sms
from ui.errors import user_message
from ui.kiosk.context import KioskContext
from ui.kiosk.screen import KioskScreen
from ui.kiosk.slips import print_slip
from ui.widgets.i18n import current_language, is_english, translate
from ui.widgets.scaling import px


class DeliveryScreen(KioskScreen):
    def __init__(self, ctx: KioskContext, coupon: IssuedCoupon,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("kioskDelivery")
        self.coupon = coupon
        self.state = ""  # "" | printing | printed | sms | dispensing | card | failed
        self.detail = ""
        self.card_request = ""
        self.heading = QLabel(objectName="screenHeading")
        self.heading.setWordWrap(True)
        self.summary = QLabel(objectName="deliverySummary", alignment=Qt.AlignmentFlag.AlignCenter)
        self.summary.setWordWrap(True)
        self.code = QLabel(objectName="deliveryCode", alignment=Qt.AlignmentFlag.AlignCenter)
        self.question = QLabel(objectName="deliveryQuestion")
        self.question.setWordWrap(True)
        self.slip_button = QPushButton(objectName="deliverSlip")
        self.sms_button = QPushButton(objectName="deliverSms")
        self.card_button = QPushButton(objectName="deliverCard")
        for b in (self.slip_button, self.sms_button, self.card_button):
            b.setProperty("class", "kioskTile")
            b.setMinimumHeight(px(160))
        self.slip_button.clicked.connect(self.print_slip)
        self.sms_button.clicked.connect(self.send_sms)
        self.card_button.clicked.connect(self.dispense_card)
        hub = ctx.hub
        self.card_button.setVisible(getattr(hub, "dispenser", None) is not None
                                    and coupon.points_paid > 0 and not coupon.money_paid)
        self.status = QLabel(objectName="deliveryStatus", alignment=Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self.done = QPushButton(objectName="deliveryDone")
        self.done.setMinimumHeight(px(112))
        self.done.clicked.connect(lambda: self.nav.home())
        self.grid = QGridLayout()
        self._columns = 0
        layout = QVBoxLayout(self)
        for w in (self.heading, self.summary, self.code, self.question):
            layout.addWidget(w)
        layout.addLayout(self.grid)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.done)
        self.dispenser_ok = True
        if hasattr(hub, "status_changed"):
            hub.status_changed.connect(self._device_status)
            status = hub.statuses().get("card_dispenser", ("connected", ""))[0] \
                if hasattr(hub, "statuses") else "connected"
            self.dispenser_ok = status == "connected"
        if hasattr(hub, "card_presented"):
            hub.card_presented.connect(self._card_presented)
            hub.card_issued.connect(self._card_issued)
            hub.dispense_failed.connect(self._dispense_failed)
        self.retranslate()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        columns = 1 if self.width() < self.height() else 3  # portrait: one column
        if columns != self._columns:
            self._columns = columns
            for i, b in enumerate((self.slip_button, self.sms_button, self.card_button)):
                self.grid.addWidget(b, i // columns, i % columns)
        super().resizeEvent(event)

    def _device_status(self, name: str, status: str, _detail: str) -> None:
        if name == "card_dispenser":
            self.dispenser_ok = status == "connected"
            self.retranslate()

    def _member(self) -> int | None:
        return self.ctx.session.member_id

    def _set(self, state: str, detail: str = "") -> None:
        self.state, self.detail = state, detail
        self.retranslate()

    # -- a printed slip ---------------------------------------------------------------------
    def print_slip(self) -> None:
        member = self._member()
        if member is None:
            return
        reprint = self.state in ("printing", "printed")
        self._set("printing")
        print_slip(self.ctx, self, member, self.coupon.id, reprint=reprint,
                   queued=lambda _job: None,
                   printed=lambda _job: self._set("printed"),
                   no_printer=lambda: self._set("failed", translate(
                       "KioskDelivery", "This kiosk has no printer; choose SMS instead.")))

    # -- SMS --------------------------------------------------------------------------------
    def send_sms(self) -> None:
        member = self._member()
        if member is None:
            return
        coupon_id, language = self.coupon.id, current_language()
        self.sms_button.setEnabled(False)
        self.ctx.run(lambda: resend_sms(member, coupon_id, language),
                     lambda _: self._set("sms"), self._failed)

    # -- a stored-value card ----------------------------------------------------------------
    def dispense_card(self) -> None:
        member = self._member()
        if member is None:
            return
        coupon_id = self.coupon.id
        self.card_button.setEnabled(False)
        self.ctx.run(lambda: card_terms(member, coupon_id), self._terms_ok, self._failed)

    def _terms_ok(self, terms: CardTerms) -> None:
        self.card_request = f"card-{uuid.uuid4().hex[:12]}"
        self._set("dispensing", translate("KioskDelivery", "The card's deposit is {0} points; "
                                          "you get them back when you return the card.")
                  .format(terms.deposit))
        self.ctx.hub.dispenser.dispense(self.card_request)

    def _card_presented(self, request_id: str, number: str) -> None:
        member = self._member()
        if request_id != self.card_request or member is None:
            return
        kiosk, coupon_id = self.ctx.kiosk, self.coupon.id
        dispenser = self.ctx.hub.dispenser

        def loaded(_card: CardState) -> None:
            dispenser.release(request_id)

        def refused(exc: BaseException) -> None:
            dispenser.retract(request_id)  # no value on it: the card stays in the machine
            self._failed(exc)

        self.ctx.run(lambda: load_card(kiosk, member, coupon_id, number), loaded, refused)

    def _card_issued(self, request_id: str, number: str) -> None:
        if request_id == self.card_request:
            self._set("card", number)

    def _dispense_failed(self, request_id: str, reason: str) -> None:
        if request_id == self.card_request:
            self._set("failed", translate("KioskDelivery", "The card dispenser cannot give a "
                                          "card now; choose a slip or SMS instead."))

    def _failed(self, exc: BaseException) -> None:
        self._set("failed", user_message(exc))

    def wipe(self) -> None:
        self.state = self.detail = ""

    def retranslate(self) -> None:
        c = self.coupon
        title = c.title_en if is_english() and c.title_en else c.title
        self.heading.setText(translate("KioskDelivery", "Your coupon is ready"))
        self.summary.setText(translate("KioskDelivery", "{0} — valid until {1}").format(
            title, f"{c.valid_until:%Y-%m-%d}"))
        self.code.setText(c.grouped)
        self.question.setText(translate("KioskDelivery", "How would you like to take it?"))
        self.slip_button.setText(translate("KioskDelivery", "Print a slip") if self.state not in
                                 ("printing", "printed") else
                                 translate("KioskDelivery", "Print it again"))
        self.sms_button.setText(translate("KioskDelivery", "Send it by SMS"))
        self.card_button.setText(translate("KioskDelivery", "On a card"))
        self.done.setText(translate("KioskDelivery", "Done"))
        self.sms_button.setEnabled(self.state != "sms")
        self.card_button.setEnabled(self.dispenser_ok and self.state not in ("dispensing", "card"))
        texts = {
            "": "",
            "printing": translate("KioskDelivery", "Printing your slip…"),
            "printed": translate("KioskDelivery", "Please take your slip below the screen."),
            "sms": translate("KioskDelivery", "The code was sent to your phone by SMS."),
            "dispensing": self.detail,
            "card": translate("KioskDelivery", "Please take your card {0}. Return it at any "
                              "kiosk to get its deposit back.").format(self.detail),
            "failed": self.detail,
        }
        self.status.setText(texts.get(self.state, ""))
