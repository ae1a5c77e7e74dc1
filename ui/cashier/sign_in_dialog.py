"""Signing in at the till: staff code and PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from ui.cashier.session import TillSession
from ui.widgets.dialog_base import PosDialog
from ui.widgets.keypad import Keypad
from ui.widgets.scaling import px


class SignInDialog(PosDialog):
    signed_in = Signal(object)  # StaffInfo

    def __init__(self, session: TillSession, parent: QWidget | None = None) -> None:
        super().__init__(parent, name="signInDialog")
        self.session = session
        self.cancel_button.hide()
        self.code = QLineEdit(self)
        self.code.setObjectName("staffCode")
        self.code.setMaxLength(16)
        self.pin = QLineEdit(self)
        self.pin.setObjectName("staffPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setValidator(QRegularExpressionValidator(r"\d{0,8}", self.pin))
        for e in (self.code, self.pin):
            e.setMinimumHeight(px(56))
        self.code.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.submit)
        self.code_label = QLabel(self)
        self.pin_label = QLabel(self)
        form = QFormLayout()
        form.addRow(self.code_label, self.code)
        form.addRow(self.pin_label, self.pin)
        self.keypad = Keypad(self.code, decimal=False, enter=False, parent=self)
        self.keypad.follow_focus(self.code, self.pin)
        self.keypad.setMinimumHeight(px(260))
        self.body.addLayout(form)
        self.body.addWidget(self.keypad, 1)
        self.ok_button = self.add_button("", self.submit, role="primary", stretch=1)
        self.setMinimumWidth(px(420))
        self.retranslate()
        self.code.setFocus()

    def reject(self) -> None:
        """There is no till without a cashier: Esc does not dismiss the sign-in."""

    def closeEvent(self, event: QCloseEvent) -> None:
        """Nobody closes the sign-in by hand (a spontaneous close: the window's ✕, Alt+F4),
        but the application quitting closes it like every other window — refusing would
        cancel ``QApplication.quit()`` and leave the till running."""
        if event.spontaneous():
            event.ignore()
            return
        event.accept()
        self.done(QDialog.DialogCode.Rejected)

    def submit(self) -> None:
        code, pin = self.code.text().strip(), self.pin.text()
        if self.busy:
            return
        if not code:
            self.code.setFocus()
            return
        if not pin:  # the keypad has no Enter of its own: Sign in moves on to the PIN first
            self.pin.setFocus()
            return
        if not self.session.ready:
            self.show_error(self.tr("Still connecting to the database…"))
            return
        self.set_busy(True)
        self.clear_error()
        self.session.sign_in(code, pin, self._done, self._failed)

    def _done(self, info: object) -> None:
        self.set_busy(False)
        self.pin.clear()
        self.signed_in.emit(info)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.pin_refused(self.pin, exc)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign in"))
        self.heading.setText(self.tr("Sign in to the till"))
        self.code_label.setText(self.tr("Staff code"))
        self.pin_label.setText(self.tr("PIN"))
        self.ok_button.setText(self.tr("Sign in"))

_ALIGN = Qt.AlignmentFlag.AlignCenter
