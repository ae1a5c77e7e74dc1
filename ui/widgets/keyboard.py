"""An on-screen keyboard for touch tills and kiosks: letters, digits, space, backspace, and a
pinyin mode that turns the typed syllables into Chinese characters picked from a candidate row.

It types into a QLineEdit (or whichever of several has the focus) and knows nothing of the
role that uses it. Its keys never take the focus, so a physical keyboard keeps working too.
In pinyin mode the letters are held in ``composing`` until a candidate is tapped; Enter puts
them in as plain letters, the mode key switches to English letters (and back).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.i18n import is_english, translate
from ui.widgets.pinyin_input import Candidate, PinyinIndex, default_index, drop_syllables

PINYIN, ENGLISH = "pinyin", "en"
PAGE = 6  # candidates shown at once; ‹ › page through the rest
KEY_MIN_PX = 48  # the touch minimum
# Keys exactly at the touch minimum (the theme's buttons pad to 58 px): five rows of keys
# must fit under a form in a dialog on a 1024×768 till.
STYLE = """
QPushButton { min-height: 44px; padding: 1px 4px; }
QPushButton[class="candidate"] { font-size: 22px; }
QLabel#composing { font-size: 18px; color: #2f6fdd; }
"""

DIGIT_ROW = "1234567890"
LETTER_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


class Keyboard(QWidget):
    enter = Signal()
    mode_changed = Signal(str)

    def __init__(self, target: QLineEdit | None = None, *, digits: bool = True,
                 pinyin: bool = True, mode: str = "",
                 index: Callable[[], PinyinIndex] = default_index,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboard")
        self.setStyleSheet(STYLE)
        self._target = target
        self._edits: tuple[QLineEdit, ...] = ()
        self._index = index
        self._pinyin_allowed = pinyin
        self.mode = mode or (ENGLISH if is_english() or not pinyin else PINYIN)
        self.composing = ""
        self.candidates: list[Candidate] = []
        self.page = 0
        self.shift = False
        self.buttons: dict[str, QPushButton] = {}

        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(6)
        self.bar = QWidget(self)
        self.bar.setObjectName("candidateBar")
        bar = QHBoxLayout(self.bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(6)
        self.composing_label = QLabel(self.bar)
        self.composing_label.setObjectName("composing")
        self.composing_label.setMinimumWidth(96)
        bar.addWidget(self.composing_label)
        self.candidate_buttons = [self._button(self.bar, "", f"candidate{i}", "candidate")
                                  for i in range(PAGE)]
        for i, button in enumerate(self.candidate_buttons):
            button.clicked.connect(lambda _=False, i=i: self.choose(self.page * PAGE + i))
            bar.addWidget(button, 1)
        self.prev_page = self._button(self.bar, "‹", "candidatePrev", "key")
        self.next_page = self._button(self.bar, "›", "candidateNext", "key")
        self.prev_page.clicked.connect(lambda: self._turn(-1))
        self.next_page.clicked.connect(lambda: self._turn(1))
        bar.addWidget(self.prev_page)
        bar.addWidget(self.next_page)
        policy = self.bar.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # switching modes never moves the keys
        self.bar.setSizePolicy(policy)
        box.addWidget(self.bar)

        rows = ([DIGIT_ROW] if digits else []) + list(LETTER_ROWS)
        for letters in rows:
            row = QHBoxLayout()
            row.setSpacing(6)
            if letters == LETTER_ROWS[2]:
                row.addWidget(self._key("shift", "⇧"), 3)
            elif letters == LETTER_ROWS[1]:
                row.addStretch(1)  # the staggered rows of a real keyboard
            for ch in letters:
                row.addWidget(self._key(ch, ch), 2)
            if letters == LETTER_ROWS[2]:
                row.addWidget(self._key("-", "-"), 2)
                row.addWidget(self._key("back", "⌫"), 3)
            elif letters == LETTER_ROWS[1]:
                row.addStretch(1)
            box.addLayout(row, 1)
        bottom = QHBoxLayout()
        bottom.setSpacing(6)
        bottom.addWidget(self._key("mode", ""), 3)
        bottom.addWidget(self._key("space", ""), 10)
        bottom.addWidget(self._key(".", "."), 2)
        bottom.addWidget(self._key("enter", ""), 5)
        self.buttons["enter"].setObjectName("keyboardEnter")
        self.buttons["mode"].setVisible(pinyin)
        box.addLayout(bottom, 1)
        if pinyin:  # the index takes about half a second: build it before the first letter
            threading.Thread(target=index, name="pinyin-index", daemon=True).start()
        self._show_mode()
        self.retranslate()

    # -- building ---------------------------------------------------------------------------
    def _button(self, parent: QWidget, text: str, name: str, cls: str) -> QPushButton:
        button = QPushButton(text, parent)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumSize(KEY_MIN_PX, KEY_MIN_PX)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.setProperty("class", cls)
        return button

    def _key(self, key: str, text: str) -> QPushButton:
        button = self._button(self, text, f"key_{key}", "key")
        button.setAutoRepeat(key == "back")
        button.clicked.connect(lambda: self.press(key))
        self.buttons[key] = button
        return button

    # -- where the text goes ----------------------------------------------------------------
    def set_target(self, target: QLineEdit | None) -> None:
        self.commit_composing()
        self._target = target

    def target(self) -> QLineEdit | None:
        return self._target

    def follow_focus(self, *edits: QLineEdit) -> None:
        """Type into whichever of ``edits`` has the keyboard focus."""
        self._edits = edits
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self.destroyed.connect(self._stop_following)

    def _stop_following(self) -> None:
        try:
            QApplication.instance().focusChanged.disconnect(self._focus_changed)
        except (RuntimeError, TypeError):
            pass

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new in self._edits and new is not self._target:
            self.set_target(new)  # type: ignore[arg-type]

    # -- keys -------------------------------------------------------------------------------
    def press(self, key: str) -> None:
        """What tapping ``key`` does ("a", "1", "space", "back", "shift", "mode", "enter")."""
        if key == "mode":
            self.set_mode(ENGLISH if self.mode == PINYIN else PINYIN)
        elif key == "shift":
            self.shift = not self.shift
            self._show_shift()
        elif key == "back":
            if self.composing:
                self._compose(self.composing[:-1].rstrip())
            elif self._target is not None:
                self._target.backspace()
        elif key == "space":
            if self.composing:
                self._compose(self.composing + " ")  # a syllable break: "xi an" is not "xian"
            else:
                self._insert(" ")
        elif key == "enter":
            if self.composing:
                self.commit_composing()
                return
            if self._target is not None:
                self._target.returnPressed.emit()
            self.enter.emit()
        elif key.isalpha() and self.mode == PINYIN:
            self._compose(self.composing + key.lower())
        else:
            if key.isalpha() and self.shift:
                key = key.upper()
                self.shift = False
                self._show_shift()
            self.commit_composing()
            self._insert(key)

    def _insert(self, text: str) -> None:
        if self._target is not None:
            self._target.insert(text)

    def set_mode(self, mode: str) -> None:
        if mode == self.mode or (mode == PINYIN and not self._pinyin_allowed):
            return
        self.commit_composing()
        self.mode = mode
        self._show_mode()
        self.mode_changed.emit(mode)

    def commit_composing(self) -> None:
        """Put the typed pinyin in as plain letters (Enter, a digit, another field)."""
        letters = self.composing.replace(" ", "")
        self._compose("")
        if letters:
            self._insert(letters)

    # -- candidates -------------------------------------------------------------------------
    def _compose(self, text: str) -> None:
        self.composing = text.lstrip()
        self.candidates = self._index().candidates(self.composing) if self.composing else []
        self.page = 0
        self._show_candidates()

    def choose(self, number: int) -> None:
        """Put candidate ``number`` (over all pages) in; the syllables it reads are used up."""
        if not 0 <= number < len(self.candidates):
            return
        chosen = self.candidates[number]
        self._insert(chosen.text)
        self._compose(drop_syllables(self.composing, chosen.syllables, self._index()))

    def _turn(self, step: int) -> None:
        last = max(0, (len(self.candidates) - 1) // PAGE)
        self.page = min(last, max(0, self.page + step))
        self._show_candidates()

    def shown_candidates(self) -> list[str]:
        return [b.text() for b in self.candidate_buttons if b.isVisibleTo(self) and b.text()]

    def _show_candidates(self) -> None:
        shown = self.candidates[self.page * PAGE:(self.page + 1) * PAGE]
        for i, button in enumerate(self.candidate_buttons):
            button.setText(shown[i].text if i < len(shown) else "")
            button.setEnabled(i < len(shown))
        self.composing_label.setText(self.composing)
        self.prev_page.setEnabled(self.page > 0)
        self.next_page.setEnabled((self.page + 1) * PAGE < len(self.candidates))

    def _show_mode(self) -> None:
        self.bar.setVisible(self.mode == PINYIN)
        self.buttons["mode"].setProperty("mode", self.mode)
        self._show_candidates()
        self._show_shift()
        self.retranslate()

    def _show_shift(self) -> None:
        upper = self.shift and self.mode == ENGLISH
        for key, button in self.buttons.items():
            if len(key) == 1 and key.isalpha():
                button.setText(key.upper() if upper else key)
        self.buttons["shift"].setEnabled(self.mode == ENGLISH)
        self.buttons["shift"].setProperty("active", upper)
        self.buttons["shift"].style().unpolish(self.buttons["shift"])
        self.buttons["shift"].style().polish(self.buttons["shift"])

    # -- language ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        mode = self.buttons["mode"]
        mode.setText(translate("Keyboard", "Pinyin") if self.mode == PINYIN
                     else translate("Keyboard", "ABC"))
        mode.setToolTip(translate("Keyboard", "Switch between pinyin and English letters"))
        self.buttons["space"].setText(translate("Keyboard", "Space"))
        self.buttons["enter"].setText(translate("Keyboard", "Enter"))
        self.buttons["back"].setToolTip(translate("Keyboard", "Delete the last letter"))
        self.buttons["shift"].setToolTip(translate("Keyboard", "Capital letter"))
        self.prev_page.setToolTip(translate("Keyboard", "Previous candidates"))
        self.next_page.setToolTip(translate("Keyboard", "More candidates"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
