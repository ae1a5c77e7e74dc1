"""Who is the shopper? A mobile number (confirmed by the SMS code where the store asks for
one), a member card swiped or tapped, or a member QR shown to the scanner. Then the flow that
needed them continues; a number that belongs to no member goes on to joining."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.kiosk import identify
from app.reception import checkin
from ui.errors import user_message
from ui.kiosk.context import KioskContext
from ui.kiosk.face_checkin import FaceCheckIn, kiosk_camera
from ui.kiosk.screen import KioskScreen
from ui.widgets.i18n import current_language, translate
from ui.widgets.keypad import Keypad
from ui.widgets.scaling import px

# Called with the shopper once known: (member_id or None, phone, name).
Identified = Callable[[identify.Shopper], None]


def big_edit(name: str, max_length: int, pattern: str) -> QLineEdit:
    edit = QLineEdit(objectName=name)
    edit.setMaxLength(max_length)
    edit.setValidator(QRegularExpressionValidator(pattern, edit))
    edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
    edit.setMinimumHeight(px(88))
    return edit


class IdentifyScreen(KioskScreen):
    def __init__(self, ctx: KioskContext, identified: Identified,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("kioskIdentify")
        self.identified = identified
        self.challenge_id: int | None = None
        self.phone_text = ""
        self.heading = QLabel(objectName="screenHeading")
        self.hint = QLabel(objectName="identifyHint")
        self.hint.setWordWrap(True)
        self.error = QLabel(objectName="identifyError")
        self.error.setWordWrap(True)
        self.error.hide()

        self.pages = QStackedWidget()
        self.phone = big_edit("phoneEdit", 13, r"[0-9 ]{0,13}")
        self.code = big_edit("codeEdit", 6, r"[0-9]{0,6}")
        self.next_button = QPushButton(objectName="phoneNext")
        self.confirm_button = QPushButton(objectName="codeConfirm")
        self.again_button = QPushButton(objectName="codeAgain")
        self.code_hint = QLabel(objectName="codeHint")
        self.code_hint.setWordWrap(True)
        for b in (self.next_button, self.confirm_button, self.again_button):
            b.setMinimumHeight(px(72))
        self.next_button.clicked.connect(self.send)
        self.phone.returnPressed.connect(self.send)
        self.confirm_button.clicked.connect(self.confirm)
        self.code.returnPressed.connect(self.confirm)
        self.again_button.clicked.connect(self.send)
        self.again_timer = QTimer(self, singleShot=True, interval=30_000)
        self.again_timer.timeout.connect(lambda: self.again_button.setEnabled(True))
        self.pages.addWidget(self._page(self.phone, [self.next_button]))
        self.pages.addWidget(self._page(self.code, [self.again_button, self.confirm_button],
                                        self.code_hint))
        self.back = QPushButton(objectName="backButton")
        self.back.clicked.connect(lambda: self.nav.pop())
        # Check in with your face: where the store works in check-in mode and the kiosk has a
        # camera; the phone, card and QR stay (face is never the only way).
        self.face_button = QPushButton(objectName="faceCheckIn")
        self.face_button.setMinimumHeight(px(96))
        self.face_button.clicked.connect(self.check_in_by_face)
        self.face_button.hide()
        self.face_offered = False
        self.checkin = FaceCheckIn(ctx.kiosk.store_id, kiosk_camera(ctx.hub), self)
        self.checkin.recognised.connect(self._face_recognised)
        self.checkin.gave_up.connect(self._face_gave_up)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.face_button)
        layout.addWidget(self.error)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.back)
        self._connected = False
        self.retranslate()

    def _page(self, edit: QLineEdit, buttons: list[QPushButton],
              above: QLabel | None = None) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        if above is not None:
            column.addWidget(above)
        column.addWidget(edit)
        keypad = Keypad(edit, decimal=False, enter=False)
        keypad.setMinimumHeight(px(280))  # fits a 1080-high landscape screen
        keypad.setMaximumWidth(px(640))
        column.addWidget(keypad, 1, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        column.addLayout(row)
        return page

    # -- devices: a card or member QR identifies at once --------------------------------------
    def entered(self) -> None:
        if not self._connected:
            self._connected = True
            hub = self.ctx.hub
            if hasattr(hub, "card_read"):
                hub.card_read.connect(self._card)
            if hasattr(hub, "scanned"):
                hub.scanned.connect(self._scanned)
        if self.checkin.camera is not None:
            store_id = self.ctx.kiosk.store_id
            self.ctx.run(lambda: checkin.offers_face_check_in(store_id), self._face_offer,
                         lambda _exc: None)
        self.phone.setFocus()

    # -- face check-in -------------------------------------------------------------------------
    def _face_offer(self, offered: bool) -> None:
        self.face_offered = offered
        self.face_button.setVisible(offered)

    def check_in_by_face(self) -> None:
        self.error.hide()
        self.checkin.start()
        self.face_button.setEnabled(False)
        self.retranslate()

    def _face_recognised(self, welcome: object) -> None:
        member_id = welcome.card.member_id  # type: ignore[attr-defined]
        self.face_button.setEnabled(True)
        self.retranslate()
        self.ctx.run(lambda: checkin.shopper(member_id), self.identified, self._failed)

    def _face_gave_up(self) -> None:
        self.face_button.setEnabled(True)
        self.retranslate()
        self.error.setText(translate("KioskIdentify", "We could not recognise you. Type your "
                                     "mobile number or swipe your card instead."))
        self.error.show()

    def _card(self, card: object) -> None:
        number = getattr(card, "number", "")
        if number and self.isVisible():
            self._by(number)

    def _scanned(self, text: str) -> None:
        if self.isVisible():
            self._by(text)

    def _by(self, text: str) -> None:
        self.ctx.run(lambda: identify.by_card_or_qr(text), self.identified, self._failed)

    # -- phone and code -------------------------------------------------------------------------
    def send(self) -> None:
        text = self.phone.text() if self.pages.currentIndex() == 0 else self.phone_text
        kiosk, language = self.ctx.kiosk, current_language()
        self.ctx.run(lambda: identify.start_phone(kiosk, text, language), self._sent,
                     self._failed)

    def _sent(self, start: identify.PhoneStart) -> None:
        self.error.hide()
        self.phone_text = start.phone
        if start.challenge_id is None:
            kiosk = self.ctx.kiosk
            self.ctx.run(lambda: identify.phone_without_code(kiosk, start.phone),
                         self.identified, self._failed)
            return
        self.challenge_id = start.challenge_id
        masked = f"{start.phone[:3]}****{start.phone[-4:]}"
        self.code_hint.setText(translate("KioskIdentify", "We sent a 6-digit code to {0}. "
                                         "Type it here.").format(masked))
        self.code.clear()
        self.pages.setCurrentIndex(1)
        self.again_button.setEnabled(False)  # a new code only after a little while
        self.again_timer.start()
        self.code.setFocus()

    def confirm(self) -> None:
        kiosk, challenge, code = self.ctx.kiosk, self.challenge_id, self.code.text()
        if challenge is None:
            return
        self.ctx.run(lambda: identify.confirm_phone(kiosk, challenge, code), self.identified,
                     self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(user_message(exc))
        self.error.show()
        self.code.clear()

    def wipe(self) -> None:
        self.checkin.stop()
        self.face_button.setEnabled(True)
        self.phone.clear()
        self.code.clear()
        self.challenge_id = None
        self.phone_text = ""
        self.error.hide()
        self.pages.setCurrentIndex(0)

    def retranslate(self) -> None:
        self.heading.setText(translate("KioskIdentify", "Who are you?"))
        self.hint.setText(translate("KioskIdentify", "Type your mobile number, swipe your member "
                                    "card, or show your member QR code to the scanner."))
        self.next_button.setText(translate("KioskIdentify", "Next"))
        self.confirm_button.setText(translate("KioskIdentify", "Confirm"))
        self.again_button.setText(translate("KioskIdentify", "Send a new code"))
        self.back.setText(translate("KioskIdentify", "Back"))
        self.face_button.setText(
            translate("KioskIdentify", "Look at the camera…") if self.checkin.looking
            else translate("KioskIdentify", "Check in with your face"))
