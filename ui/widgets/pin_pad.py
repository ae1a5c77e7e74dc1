"""The manager's PIN pad, shared by every role: a privileged action asks for approval through
this one dialog. It knows no session: it is given ``approve(pin, on_done, on_error)``, which asks
the domain (``app.approvals``) to find the manager by PIN, lock the pad after too many wrong
PINs, and store a single-use approval handed back to ``approved``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ui.domain_words import action_text
from ui.widgets.dialog_base import PosDialog
from ui.widgets.keypad import Keypad
from ui.widgets.scaling import px

# approve(pin, on_done, on_error): asks the domain, calls back on the GUI thread
Approve = Callable[[str, Callable[[Any], None], Callable[[BaseException], None]], None]



class PinDialog(PosDialog):
    approved = Signal(object)  # app.approvals.Approval (a handle the domain uses up)

    def __init__(self, approve: Approve, action: str, detail: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, name="pinDialog")
        self._approve = approve
        self.action = action
        self.detail = detail
        self.what = QLabel(self)
        self.what.setObjectName("pinWhat")
        self.what.setWordWrap(True)
        self.pin = QLineEdit(self)
        self.pin.setObjectName("pinEdit")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.setValidator(QRegularExpressionValidator(r"\d{0,8}", self.pin))
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.setMinimumHeight(px(56))
        self.pin.returnPressed.connect(self.submit)
        self.keypad = Keypad(self.pin, decimal=False, enter=False, parent=self)
        self.keypad.setMinimumHeight(px(260))
        self.body.addWidget(self.what)
        self.body.addWidget(self.pin)
        self.body.addWidget(self.keypad, 1)
        self.ok_button = self.add_button("", self.submit, role="primary", stretch=1)
        self.setMinimumWidth(px(380))
        self.retranslate()
        self.pin.setFocus()

    def submit(self) -> None:
        pin = self.pin.text()
        if self.busy:
            return
        if len(pin) < 4:
            self.show_error(self.tr("A PIN has 4 to 8 digits."))
            return
        self.set_busy(True)
        self.clear_error()
        self._approve(pin, self._approved, self._failed)

    def _approved(self, approval: Any) -> None:
        self.set_busy(False)
        self.accept()
        self.approved.emit(approval)

    def _failed(self, exc: BaseException) -> None:
        self.pin_refused(self.pin, exc)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Manager approval"))
        self.heading.setText(self.tr("Manager approval"))
        text = action_text(self.action)
        self.what.setText(f"{text}\n{self.detail}".strip() + "\n"
                          + self.tr("A manager enters their PIN to approve."))
        self.pin.setPlaceholderText(self.tr("Manager PIN"))
        self.ok_button.setText(self.tr("Approve"))
