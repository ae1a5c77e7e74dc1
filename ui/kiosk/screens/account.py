"""A member's own page at the kiosk: points, points expiring soon, and their coupons."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from app.kiosk.account import Account, account
from app.reception.consent import is_enrolled, withdraw
from ui.kiosk.context import KioskContext
from ui.kiosk.screen import KioskScreen
from ui.widgets.i18n import is_english, tier_name, translate


class AccountScreen(KioskScreen):
    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("kioskAccount")
        self.heading = QLabel(objectName="screenHeading")
        self.points = QLabel(objectName="accountPoints")
        self.expiring = QLabel(objectName="accountExpiring")
        self.expiring.setWordWrap(True)
        self.coupons_label = QLabel(objectName="accountCouponsLabel")
        self.coupons = QListWidget(objectName="accountCoupons")
        # Face recognition: shown only to an enrolled member; two taps withdraw the consent
        self.face = QPushButton(objectName="withdrawFaceButton")
        self.face.clicked.connect(self._face_tapped)
        self.face.hide()
        self.face_state = "hidden"  # hidden | offered | confirming | withdrawn
        self.back = QPushButton(objectName="backButton")
        self.back.clicked.connect(lambda: self.nav.pop())
        layout = QVBoxLayout(self)
        for w in (self.heading, self.points, self.expiring, self.coupons_label):
            layout.addWidget(w)
        layout.addWidget(self.coupons, 1)
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
        self.retranslate()

    def wipe(self) -> None:
        self.data = None
        self.face_state = "hidden"
        self.retranslate()

    def retranslate(self) -> None:
        d = self.data
        self.heading.setText(translate("KioskAccount", "My points and coupons"))
        self.back.setText(translate("KioskAccount", "Back"))
        self.coupons_label.setText(translate("KioskAccount", "My coupons"))
        self.face.setVisible(self.face_state in ("offered", "confirming"))
        self.face.setText(
            translate("KioskAccount", "Tap again to delete my face data")
            if self.face_state == "confirming"
            else translate("KioskAccount", "Stop recognising my face at the door"))
        self.coupons.clear()
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
        for c in d.coupons:
            title = c.title_en if is_english() and c.title_en else c.title
            self.coupons.addItem(translate("KioskAccount", "{0} — valid until {1}").format(
                title, f"{c.valid_until:%Y-%m-%d}"))
        if not d.coupons:
            self.coupons.addItem(translate("KioskAccount", "No coupons yet"))
