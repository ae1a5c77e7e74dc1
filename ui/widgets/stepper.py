"""A touch stepper: − and + buttons a finger can hit (48 px and up) around the value.

It stands in for a QSpinBox, whose arrows are ~36×26 px, where a count is chosen by tapping
(quantities to refund, returns). Same API as the spin box the tills used: ``value()``,
``setValue()``, ``maximum()``, ``setRange()``, ``stepUp()``, ``stepDown()``, ``valueChanged``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

TOUCH = 48  # the smallest touch target, px


class Stepper(QWidget):
    valueChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, maximum: int = 99,
                 text: Callable[[int], str] = str) -> None:
        super().__init__(parent)
        self.setObjectName("stepper")
        self._value, self._min, self._max = 0, 0, maximum
        self._text = text  # how a value reads, e.g. 1 → "1.234 kg" for a weighed line
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(4)
        self.minus = self._button("−", "stepDown", self.stepDown)
        self.label = QLabel(self)
        self.label.setObjectName("stepperValue")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setMinimumWidth(64)
        font = self.label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.label.setFont(font)
        self.plus = self._button("+", "stepUp", self.stepUp)
        centre = Qt.AlignmentFlag.AlignVCenter
        layout.addWidget(self.minus, 0, centre)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.plus, 0, centre)
        self._refresh()

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setProperty("class", "key")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRepeat(True)  # hold + to count up quickly
        button.setFixedSize(TOUCH + 8, TOUCH)
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        button.clicked.connect(slot)
        return button

    def value(self) -> int:
        return self._value

    def minimum(self) -> int:
        return self._min

    def maximum(self) -> int:
        return self._max

    def setRange(self, low: int, high: int) -> None:
        self._min, self._max = low, max(low, high)
        self.setValue(self._value)
        self._refresh()

    def setValue(self, value: int) -> None:
        value = max(self._min, min(self._max, int(value)))
        if value == self._value:
            return
        self._value = value
        self._refresh()
        self.valueChanged.emit(value)

    def stepUp(self) -> None:
        self.setValue(self._value + 1)

    def stepDown(self) -> None:
        self.setValue(self._value - 1)

    def set_text(self, text: Callable[[int], str]) -> None:
        self._text = text
        self._refresh()

    def refresh(self) -> None:
        """Redraw, e.g. after a dialog re-enabled every button: − and + at a limit stay off."""
        self._refresh()

    def _refresh(self) -> None:
        self.label.setText(self._text(self._value))
        self.minus.setEnabled(self.isEnabled() and self._value > self._min)
        self.plus.setEnabled(self.isEnabled() and self._value < self._max)
