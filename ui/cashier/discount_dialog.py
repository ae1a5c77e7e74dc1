"""A discount on one line or on the whole cart, as an amount or a percentage."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.errors import PatronError
from app.money import div_round, parse_money
from ui.widgets.dialog_base import PosDialog
from ui.widgets.keypad import Keypad


class DiscountDialog(PosDialog):
    entered = Signal(int)  # the discount in minor units

    def __init__(self, what: str, base: int, limit: int, money, current: int = 0,  # type: ignore[no-untyped-def]
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, name="discountDialog")
        self.what = what
        self.base = base
        self.limit = limit
        self.money = money
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.amount_mode = QPushButton(self)
        self.percent_mode = QPushButton(self)
        group = QButtonGroup(self)
        modes = QHBoxLayout()
        for b in (self.amount_mode, self.percent_mode):
            b.setCheckable(True)
            b.setMinimumHeight(52)
            group.addButton(b)
            modes.addWidget(b)
        self.amount_mode.setChecked(True)
        group.buttonClicked.connect(lambda _: self._update())
        self.edit = QLineEdit(self)
        self.edit.setObjectName("discountEdit")
        self.edit.setMinimumHeight(56)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.edit.setValidator(QRegularExpressionValidator(r"\d{0,7}(\.\d{0,2})?", self.edit))
        if current:
            self.edit.setText(f"{current // 100}.{current % 100:02d}")
        self.edit.textChanged.connect(self._update)
        self.edit.returnPressed.connect(self.submit)
        self.result = QLabel(self)
        self.result.setObjectName("discountResult")
        # The keypad's Enter key is the dialog's one confirm button (it presses Return in the
        # edit, which submits): a separate Apply next to it would be a second way to do it.
        self.keypad = Keypad(self.edit, enter_text=self.tr("Apply"), parent=self)
        self.keypad.setMinimumHeight(240)
        self.body.addWidget(self.info)
        self.body.addLayout(modes)
        self.body.addWidget(self.edit)
        self.body.addWidget(self.result)
        self.body.addWidget(self.keypad, 1)
        self.ok_button = self.keypad.buttons["enter"]
        self.setMinimumWidth(400)
        self.retranslate()
        self.edit.setFocus()

    def set_percent_mode(self, percent: bool) -> None:
        (self.percent_mode if percent else self.amount_mode).setChecked(True)
        self._update()

    def amount(self) -> int:
        text = self.edit.text().strip() or "0"
        try:
            value = parse_money(text)
        except PatronError:
            raise ValueError(self.tr("Enter a number like 5 or 2.50.")) from None
        if self.percent_mode.isChecked():
            if value > 100 * 100:
                raise ValueError(self.tr("A percentage is at most 100."))
            return div_round(self.base * value, 100 * 100)
        return value

    def _update(self) -> None:
        try:
            amount = self.amount()
        except ValueError as exc:
            self.result.setText(str(exc))
            return
        text = self.tr("Discount {0} → pay {1}").format(self.money(amount),
                                                      self.money(max(0, self.base - amount)))
        if amount > self.limit:
            text += "\n" + self.tr("Above {0}: a manager must approve.").format(
                self.money(self.limit))
        self.result.setText(text)

    def submit(self) -> None:
        try:
            amount = self.amount()
        except ValueError as exc:
            self.show_error(str(exc))
            return
        if amount > self.base:
            self.show_error(self.tr("The discount cannot be more than {0}.").format(
                self.money(self.base)))
            return
        self.accept()
        self.entered.emit(amount)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Discount"))
        self.heading.setText(self.tr("Discount: {0}").format(self.what))
        self.info.setText(self.tr("Price before discount: {0}").format(self.money(self.base)))
        self.amount_mode.setText(self.tr("Amount (¥)"))
        self.percent_mode.setText(self.tr("Percent (%)"))
        self.ok_button.setText(self.tr("Apply"))
        self._update()
