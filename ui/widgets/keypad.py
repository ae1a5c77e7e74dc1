"""A numeric keypad for touch entry into a line edit (codes, quantities, amounts, PINs).

Its keys never take the focus, so the line edit it types into keeps it and the physical
keyboard keeps working alongside. A dialog that has its own confirm button (the PIN pad's
Approve, Sign in) builds the keypad with ``enter=False``: one confirm button, not two.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from ui.widgets.i18n import translate
from ui.widgets.scaling import px

KEYS = [
    ("7", 0, 0), ("8", 0, 1), ("9", 0, 2),
    ("4", 1, 0), ("5", 1, 1), ("6", 1, 2),
    ("1", 2, 0), ("2", 2, 1), ("3", 2, 2),
    ("0", 3, 0), ("00", 3, 1), (".", 3, 2),
]


class Keypad(QWidget):
    key = Signal(str)
    enter = Signal()

    def __init__(self, target: QLineEdit | None = None, *, decimal: bool = True,
                 enter_text: str = "", multiply: bool = False, enter: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keypad")
        self._target = target
        self._enter_text = enter_text
        grid = QGridLayout(self)
        grid.setSpacing(6)
        grid.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for text, r, c in KEYS:
            if text == "." and not decimal:
                text = "*" if multiply else ""
            if not text:
                continue
            self._add(grid, text, r, c)
        if enter:
            self._add(grid, "⌫", 0, 3, name="back")
            self._add(grid, "C", 1, 3, name="clear")
            self._add(grid, enter_text or "↵", 2, 3, name="enter",
                      rowspan=2).setObjectName("keypadEnter")
        else:
            self._add(grid, "⌫", 0, 3, name="back", rowspan=2)
            self._add(grid, "C", 2, 3, name="clear", rowspan=2)
        self.retranslate()

    def _add(self, grid: QGridLayout, text: str, r: int, c: int, *, name: str = "",
             rowspan: int = 1) -> QPushButton:
        button = QPushButton(text, self)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRepeat(name == "back")
        button.setMinimumSize(px(56), px(48))
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.setProperty("class", "key")
        key = name or text
        button.clicked.connect(lambda: self._press(key))
        grid.addWidget(button, r, c, rowspan, 1)
        self.buttons[key] = button
        return button

    def set_target(self, target: QLineEdit | None) -> None:
        self._target = target

    def follow_focus(self, *edits: QLineEdit) -> None:
        """Type into whichever of ``edits`` has the keyboard focus."""
        self._edits = edits
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new in getattr(self, "_edits", ()):
            self._target = new  # type: ignore[assignment]

    def _press(self, key: str) -> None:
        target = self._target
        if target is not None:
            if key == "back":
                target.backspace()
            elif key == "clear":
                target.clear()
            elif key != "enter":
                target.insert(key)
            if key == "enter":
                target.returnPressed.emit()
        if key == "enter":
            self.enter.emit()
        else:
            self.key.emit(key)

    def retranslate(self) -> None:
        if not self._enter_text and "enter" in self.buttons:
            self.buttons["enter"].setText(translate("Keypad", "Enter"))
        self.buttons["back"].setToolTip(translate("Keypad", "Delete the last digit"))
        self.buttons["clear"].setToolTip(translate("Keypad", "Clear"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
