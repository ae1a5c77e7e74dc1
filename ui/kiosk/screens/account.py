"""A member's own page at the kiosk: points, points expiring soon, and their coupons — each
with "SMS" (the code to their phone again) and "Print" (a re-printed slip)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.coupons.ordering import resend_sms
from app.kiosk.account import Account, CouponLine, account
from app.reception.consent import is_enrolled, withdraw
from ui.kiosk.context import KioskContext
from ui.kiosk.screen import KioskScreen
from ui.kiosk.slips import print_slip
from ui.widgets.i18n import current_language, is_english, tier_name, translate
from ui.widgets.scaling import px


class CouponRow(QFrame):
    def __init__(self, line: CouponLine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountCoupon")
        self.line = line
        self.label = QLabel(objectName="accountCouponText")
        self.label.setWordWrap(True)
        self.sms = QPushButton(objectName="couponSms")
        self.reprint = QPushButton(objectName="couponReprint")
        for b in (self.sms, self.reprint):
            b.setMinimumSize(px(160), px(80))
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.sms)
        row.addWidget(self.reprint)
        self.retranslate()

    def retranslate(self) -> None:
        c = self.line
        title = c.title_en if is_english() and c.title_en else c.title
        self.label.setText(translate("KioskAccount", "{0} — valid until {1}").format(
            title, f"{c.valid_until:%Y-%m-%d}"))
        self.sms.setText(translate("KioskAccount", "SMS"))
        self.reprint.setText(translate("KioskAccount", "Print"))


class AccountScreen(KioskScreen):
    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("kioskAccount")
        self.heading = QLabel(objectName="screenHeading")
        self.points = QLabel(objectName="accountPoints")
        self.expiring = QLabel(objectName="accountExpiring")
        self.expiring.setWordWrap(True)
        self.coupons_label = QLabel(objectName="accountCouponsLabel")
        self.status = QLabel(objectName="accountStatus")
        self.status.setWordWrap(True)
        self.box = QWidget()
        self.list = QVBoxLayout(self.box)
        self.list.addStretch(1)
        scroll = QScrollArea(objectName="accountCoupons")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.box)
        self.rows: list[CouponRow] = []
        self.none = QLabel(objectName="accountNoCoupons")
        # Face recognition: shown only to an enrolled member; two taps withdraw the consent
        self.face = QPushButton(objectName="withdrawFaceButton")
        self.face.clicked.connect(self._face_tapped)
        self.face.hide()
        self.face_state = "hidden"  # hidden | offered | confirming | withdrawn
        self.back = QPushButton(objectName="backButton")
        self.back.clicked.connect(lambda: self.nav.pop())
        layout = QVBoxLayout(self)
        for w in (self.heading, self.points, self.expiring, self.coupons_label, self.none):
            layout.addWidget(w)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.face)
        layout.addWidget(self.back)
        self.data: Account | None = None
        self.retranslate()

    def entered(self) -> None:
        member_id = self.ctx.session.member_id
        if member_id is not None:
            self.ctx.run(lambda: account(member_id), self._show)
            self.ctx.run(lambda: is_enrolled(member_id), self._enrolled)

    def _enrolled(self, enrolled: bool) -> None:
        self.face_state = "offered" if enrolled else "hidden"
        self.retranslate()

    def _face_tapped(self) -> None:
        member_id = self.ctx.session.member_id
        if member_id is None or self.face_state not in ("offered", "confirming"):
            return
        if self.face_state == "offered":
            self.face_state = "confirming"
            self.retranslate()
            return
        self.ctx.run(lambda: withdraw(member_id, store_id=self.ctx.kiosk.store_id),
                     self._withdrawn)

    def _withdrawn(self, _deleted: int) -> None:
        self.face_state = "withdrawn"
        self.retranslate()
        self.ctx.message.emit("info", translate(
            "KioskAccount", "Your face data is deleted. The greeter no longer recognises you."))

    def _show(self, data: Account) -> None:
        self.data = data
        self._rows()
        self.retranslate()

    def _rows(self) -> None:
        for row in self.rows:
            self.list.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for line in self.data.coupons if self.data else []:
            row = CouponRow(line)
            row.sms.clicked.connect(lambda _=False, c=line: self.send_sms(c))
            row.reprint.clicked.connect(lambda _=False, c=line: self.print_again(c))
            self.list.insertWidget(self.list.count() - 1, row)
            self.rows.append(row)

    def send_sms(self, line: CouponLine) -> None:
        member, language = self.ctx.session.member_id, current_language()
        if member is None:
            return
        self.ctx.run(lambda: resend_sms(member, line.id, language), lambda _: self._say(
            translate("KioskAccount", "The code was sent to your phone by SMS.")))

    def print_again(self, line: CouponLine) -> None:
        member = self.ctx.session.member_id
        if member is None:
            return
        self._say(translate("KioskAccount", "Printing your slip…"))
        print_slip(self.ctx, self, member, line.id, reprint=True, queued=lambda _job: None,
                   printed=lambda _job: self._say(translate(
                       "KioskAccount", "Please take your slip below the screen.")),
                   no_printer=lambda: self._say(translate(
                       "KioskAccount", "This kiosk has no printer; use SMS instead.")))

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def wipe(self) -> None:
        self.data = None
        self._rows()
        self.status.clear()
        self.face_state = "hidden"
        self.retranslate()

    def retranslate(self) -> None:
        d = self.data
        self.heading.setText(translate("KioskAccount", "My points and coupons"))
        self.back.setText(translate("KioskAccount", "Back"))
        self.coupons_label.setText(translate("KioskAccount", "My coupons"))
        self.none.setText(translate("KioskAccount", "No coupons yet"))
        self.none.setVisible(d is not None and not d.coupons)
        for row in self.rows:
            row.retranslate()
        self.face.setVisible(self.face_state in ("offered", "confirming"))
        self.face.setText(
            translate("KioskAccount", "Tap again to delete my face data")
            if self.face_state == "confirming"
            else translate("KioskAccount", "Stop recognising my face at the door"))
        if d is None:
            self.points.setText("")
            self.expiring.setText("")
            return
        self.points.setText(translate("KioskAccount", "{0} points · {1}").format(
            d.points, tier_name(d.tier)))
        self.expiring.setText(
            translate("KioskAccount", "{0} points expire by {1}; use them soon.").format(
                d.expiring_points, f"{d.expiring_by:%Y-%m-%d}")
            if d.expiring_points and d.expiring_by else "")
