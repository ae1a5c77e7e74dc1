"""Identifying a member by phone number (or typed card number), and registering a new one."""

from __future__ import annotations

from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.errors import PatronError
from app.members import normalize_phone
from ui.cashier.session import TillSession
from ui.errors import user_message
from ui.widgets.dialog_base import PosDialog
from ui.widgets.keypad import Keypad


class IdentifyDialog(PosDialog):
    """A phone number or card number; a card swipe or member QR scan works too while it is
    open (the session identifies, this dialog closes when a member is set)."""

    def __init__(self, session: TillSession, parent: QWidget | None = None) -> None:
        super().__init__(parent, name="identifyDialog")
        self.session = session
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("identifyEdit")
        self.edit.setMinimumHeight(56)
        self.edit.setValidator(QRegularExpressionValidator(r"[0-9+ ]{0,20}", self.edit))
        self.edit.returnPressed.connect(self.submit)
        self.keypad = Keypad(self.edit, decimal=False, parent=self)
        self.keypad.setMinimumHeight(240)
        self.body.addWidget(self.hint)
        self.body.addWidget(self.edit)
        self.body.addWidget(self.keypad, 1)
        self.ok_button = self.add_button("", self.submit, role="primary", stretch=1)
        session.member_changed.connect(self._member_set)
        self.finished.connect(self._disconnect)
        self.setMinimumWidth(400)
        self.retranslate()
        self.edit.setFocus()

    def _disconnect(self) -> None:
        try:
            self.session.member_changed.disconnect(self._member_set)
        except (RuntimeError, TypeError):
            pass

    def _member_set(self, member: object) -> None:
        if member is not None and self.isVisible():
            self.set_busy(False)
            self.accept()

    def submit(self) -> None:
        text = self.edit.text().strip()
        if not text or self.busy:
            return
        self.set_busy(True)
        self.clear_error()
        self.session.identify(text, lambda _: None, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.show_error(exc)
        self.edit.selectAll()
        self.edit.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Identify member"))
        self.heading.setText(self.tr("Identify member"))
        self.hint.setText(self.tr("Type the member's mobile number or card number — or swipe "
                                  "the card or scan the member QR now."))
        self.edit.setPlaceholderText(self.tr("Mobile or card number"))
        self.ok_button.setText(self.tr("Find"))


class RegisterDialog(PosDialog):
    """Register a new member at the till: a valid mainland mobile number, a name, and the
    member's own choice about marketing messages (recorded as a consent). A card swiped
    while the dialog is open is issued to the new member."""

    def __init__(self, session: TillSession, phone: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, name="registerDialog")
        self.session = session
        self.phone = QLineEdit(phone, self)
        self.phone.setObjectName("registerPhone")
        self.phone.setValidator(QRegularExpressionValidator(r"[0-9+ ]{0,16}", self.phone))
        self.name = QLineEdit(self)
        self.name.setObjectName("registerName")
        self.name.setMaxLength(40)
        self.card = QLineEdit(self)
        self.card.setObjectName("registerCard")
        self.card.setMaxLength(40)
        for edit in (self.phone, self.name, self.card):
            edit.setMinimumHeight(52)
        self.phone.textChanged.connect(self._check_phone)
        self.phone_state = QLabel(self)
        self.phone_state.setObjectName("phoneState")
        self.marketing = QCheckBox(self)
        self.marketing.setObjectName("marketingConsent")
        self.marketing.setMinimumHeight(48)
        self.terms = QCheckBox(self)
        self.terms.setObjectName("termsConsent")
        self.terms.setMinimumHeight(48)
        self.form = QFormLayout()
        self.form.setVerticalSpacing(8)
        self.labels = [QLabel(self) for _ in range(3)]
        self.form.addRow(self.labels[0], self.phone)
        self.form.addRow("", self.phone_state)
        self.form.addRow(self.labels[1], self.name)
        self.form.addRow(self.labels[2], self.card)
        self.keypad = Keypad(self.phone, decimal=False, parent=self)
        self.keypad.follow_focus(self.phone, self.card)
        self.keypad.setMinimumHeight(200)
        self.body.addLayout(self.form)
        self.body.addWidget(self.terms)
        self.body.addWidget(self.marketing)
        self.body.addWidget(self.keypad, 1)
        self.ok_button = self.add_button("", self.submit, role="primary", stretch=1)
        session.push_scan_sink(self._scan)
        self.finished.connect(lambda _: session.pop_scan_sink(self._scan))
        self.setMinimumWidth(480)
        self.retranslate()
        self.phone.setFocus()

    def _scan(self, code: str) -> bool:
        """A card swiped (or a card code scanned) while registering becomes the new card."""
        if code.isdigit() and len(code) >= 8 and not self.busy:
            self.card.setText(code)
            return True
        return False

    def _check_phone(self) -> bool:
        text = self.phone.text().strip()
        if not text:
            self.phone_state.setText("")
            return False
        try:
            normalize_phone(text)
        except PatronError as exc:
            self._phone_ok(False, user_message(exc))
            return False
        self._phone_ok(True, self.tr("✓ valid mobile number"))
        return True

    def _phone_ok(self, ok: bool, text: str) -> None:
        self.phone_state.setText(text)
        self.phone_state.setProperty("ok", ok)
        self.phone_state.style().unpolish(self.phone_state)
        self.phone_state.style().polish(self.phone_state)

    def submit(self) -> None:
        if self.busy:
            return
        if not self._check_phone():
            self.show_error(self.tr("Enter a valid 11-digit mobile number."))
            return
        if not self.terms.isChecked():
            self.show_error(self.tr("The member must agree to the membership terms."))
            return
        self.set_busy(True)
        self.clear_error()
        self.session.register_member(
            self.phone.text().strip(), self.name.text().strip(), self.marketing.isChecked(),
            self.card.text().strip() or None, self._done, self._failed)

    def _done(self, _summary: object) -> None:
        self.set_busy(False)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.show_error(exc)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New member"))
        self.heading.setText(self.tr("Register a new member"))
        self.labels[0].setText(self.tr("Mobile"))
        self.labels[1].setText(self.tr("Name"))
        self.labels[2].setText(self.tr("Card"))
        self.card.setPlaceholderText(self.tr("Swipe a new card (optional)"))
        self.terms.setText(self.tr("The member agrees to the membership terms and the "
                                   "privacy notice"))
        self.marketing.setText(self.tr("The member agrees to receive offers by SMS and app "
                                       "(optional)"))
        self.ok_button.setText(self.tr("Register"))
        self._check_phone()


