"""Joining on the spot: the confirmed phone, an optional name, the membership terms (required)
and marketing messages (optional) — then the coalition's registration reward, once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.registration import Joined, join
from ui.errors import user_message
from ui.kiosk.context import KioskContext
from ui.kiosk.screen import KioskScreen
from ui.widgets.i18n import translate
from ui.widgets.keyboard import Keyboard
from ui.widgets.scaling import px


class JoinScreen(KioskScreen):
    def __init__(self, ctx: KioskContext, phone: str, joined: Callable[[Joined], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("kioskJoin")
        self.phone = phone
        self.joined = joined
        self.heading = QLabel(objectName="screenHeading")
        self.number = QLabel(objectName="joinPhone")
        self.name_label = QLabel(objectName="joinNameLabel")
        self.name = QLineEdit(objectName="joinName")
        self.name.setMaxLength(40)
        self.name.setMinimumHeight(px(72))
        self.keyboard = Keyboard(self.name, digits=False)
        self.terms = QCheckBox(objectName="joinTerms")
        self.marketing = QCheckBox(objectName="joinMarketing")
        for box in (self.terms, self.marketing):
            box.setMinimumHeight(px(56))
        self.error = QLabel(objectName="joinError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.join_button = QPushButton(objectName="joinButton")
        self.join_button.setMinimumHeight(px(72))
        self.join_button.setEnabled(False)
        self.terms.toggled.connect(self.join_button.setEnabled)
        self.join_button.clicked.connect(self.submit)
        self.back = QPushButton(objectName="backButton")
        self.back.clicked.connect(lambda: self.nav.pop())
        layout = QVBoxLayout(self)
        for w in (self.heading, self.number, self.name_label, self.name):
            layout.addWidget(w)
        layout.addWidget(self.keyboard, 1)
        for w in (self.terms, self.marketing, self.error, self.join_button, self.back):
            layout.addWidget(w)
        self.retranslate()

    def submit(self) -> None:
        kiosk = self.ctx.kiosk
        phone, name = self.phone, self.name.text().strip()
        terms, marketing = self.terms.isChecked(), self.marketing.isChecked()
        self.join_button.setEnabled(False)
        self.ctx.run(lambda: join(phone, name, store_id=kiosk.store_id, terms_accepted=terms,
                                  marketing_consent=marketing, terminal_id=kiosk.terminal_id),
                     self.joined, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(user_message(exc))
        self.error.show()
        self.join_button.setEnabled(self.terms.isChecked())

    def wipe(self) -> None:
        self.name.clear()
        self.phone = ""

    def retranslate(self) -> None:
        self.heading.setText(translate("KioskJoin", "Join the coalition's membership"))
        self.number.setText(translate("KioskJoin", "Mobile number: {0}").format(
            f"{self.phone[:3]}****{self.phone[-4:]}" if self.phone else ""))
        self.name_label.setText(translate("KioskJoin", "Your name (optional)"))
        self.terms.setText(translate("KioskJoin", "I accept the membership terms and privacy "
                                     "notice"))
        self.marketing.setText(translate("KioskJoin", "Send me offers by SMS (optional)"))
        self.join_button.setText(translate("KioskJoin", "Join"))
        self.back.setText(translate("KioskJoin", "Back"))
