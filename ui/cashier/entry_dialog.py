"""Entering one number with the keypad: a quantity, an amount of money, a price."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from app.errors import PatronError
from app.money import parse_money
from ui.widgets.dialog_base import PosDialog
from ui.widgets.keypad import Keypad


class EntryDialog(PosDialog):
    """``kind`` is "quantity" (whole units) or "money" (parsed with parse_money, never
    float). Emits ``entered`` with an int."""

    entered = Signal(int)

    def __init__(self, title: str, prompt: str, kind: str = "quantity", initial: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, name="entryDialog")
        self.kind = kind
        self._title = title
        self.prompt = QLabel(prompt, self)
        self.prompt.setWordWrap(True)
        self.edit = QLineEdit(initial, self)
        self.edit.setObjectName("entryEdit")
        self.edit.setMinimumHeight(56)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        pattern = r"\d{0,4}" if kind == "quantity" else r"\d{0,7}(\.\d{0,2})?"
        self.edit.setValidator(QRegularExpressionValidator(pattern, self.edit))
        self.edit.returnPressed.connect(self.submit)
        self.edit.selectAll()
        # The keypad's Enter key is the dialog's one confirm button (it presses Return in the
        # edit, which submits): a separate OK next to it would be a second way to do the same.
        self.keypad = Keypad(self.edit, decimal=kind == "money", enter_text=self.tr("OK"),
                             parent=self)
        self.keypad.setMinimumHeight(240)
        self.body.addWidget(self.prompt)
        self.body.addWidget(self.edit)
        self.body.addWidget(self.keypad, 1)
        self.ok_button = self.keypad.buttons["enter"]
        self.setMinimumWidth(380)
        self.retranslate()
        self.edit.setFocus()

    def value(self) -> int:
        text = self.edit.text().strip()
        if self.kind == "quantity":
            if not text.isdigit():
                raise ValueError(self.tr("Enter a whole number."))
            return int(text)
        try:
            return parse_money(text)
        except PatronError:
            raise ValueError(self.tr("Enter an amount like 12.50.")) from None

    def submit(self) -> None:
        try:
            value = self.value()
        except ValueError as exc:
            self.show_error(str(exc))
            return
        self.accept()
        self.entered.emit(value)

    def retranslate(self) -> None:
        self.setWindowTitle(self._title)
        self.heading.setText(self._title)
        self.ok_button.setText(self.tr("OK"))
