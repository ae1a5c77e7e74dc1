"""A member's own page at the kiosk: points, points expiring soon, and their coupons."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from app.kiosk.account import Account, account
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
        self.back = QPushButton(objectName="backButton")
        self.back.clicked.connect(lambda: self.nav.pop())
        layout = QVBoxLayout(self)
        for w in (self.heading, self.points, self.expiring, self.coupons_label):
            layout.addWidget(w)
        layout.addWidget(self.coupons, 1)
        layout.addWidget(self.back)
        self.data: Account | None = None
        self.retranslate()

    def entered(self) -> None:
        member_id = self.ctx.session.member_id
        if member_id is not None:
            self.ctx.run(lambda: account(member_id), self._show)

    def _show(self, data: Account) -> None:
        self.data = data
        self.retranslate()

    def wipe(self) -> None:
        self.data = None
        self.retranslate()

    def retranslate(self) -> None:
        d = self.data
        self.heading.setText(translate("KioskAccount", "My points and coupons"))
        self.back.setText(translate("KioskAccount", "Back"))
        self.coupons_label.setText(translate("KioskAccount", "My coupons"))
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
