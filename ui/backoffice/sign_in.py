"""Signing in to the back office: staff code and PIN (the tills' lock-out applies)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.backoffice import actor as actors
from ui.backoffice.context import BackofficeContext
from ui.errors import user_message
from ui.widgets.centred_form import centred_form
from ui.widgets.i18n import translate


class SignInPage(QWidget):
    signed_in = Signal(object)  # Actor

    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("backofficeSignIn")
        self.title = QLabel(objectName="pageHeading")
        self.code = QLineEdit(objectName="staffCode")
        self.pin = QLineEdit(objectName="staffPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.error = QLabel(objectName="signInError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.button = QPushButton(objectName="signInButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        self.code.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.submit)
        self.code_label, self.pin_label = QLabel(), QLabel()
        centred_form(self, self.title, [(self.code_label, self.code), (self.pin_label, self.pin)],
                     self.error, self.button)
        self.retranslate()

    def submit(self) -> None:
        code, pin = self.code.text().strip(), self.pin.text()
        if not code or not pin:
            self._refused(translate("BackofficeSignIn", "Enter your staff code and PIN."))
            return
        self.button.setEnabled(False)
        self.ctx.run(lambda: actors.sign_in(code, pin), self._done,
                     lambda exc: self._refused(user_message(exc)))

    def _done(self, actor: actors.Actor) -> None:
        self.button.setEnabled(True)
        self.pin.clear()
        self.error.hide()
        self.signed_in.emit(actor)

    def _refused(self, text: str) -> None:
        self.button.setEnabled(True)
        self.pin.clear()
        self.error.setText(text)
        self.error.show()

    def retranslate(self) -> None:
        self.title.setText(translate("BackofficeSignIn", "Patron back office"))
        self.code_label.setText(translate("BackofficeSignIn", "Staff code"))
        self.pin_label.setText(translate("BackofficeSignIn", "PIN"))
        self.button.setText(translate("BackofficeSignIn", "Sign in"))
