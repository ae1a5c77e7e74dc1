"""The message strip at the top of the till: what just happened, in plain words.

Errors and warnings stay until dismissed or replaced; information fades after a while.
An optional action button offers the next step (e.g. "Search" after an unknown barcode).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.privacy import mask_card_numbers
from ui.widgets.i18n import translate

AUTO_HIDE_MS = {"info": 8000, "success": 12000}


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.level = ""
        self.text = QLabel(self)
        self.text.setObjectName("bannerText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.action = QPushButton(self)
        self.action.setObjectName("bannerAction")
        self.action.setMinimumHeight(48)
        self.action.clicked.connect(self._run_action)
        self.close_button = QPushButton("✕", self)
        self.close_button.setObjectName("bannerClose")
        self.close_button.setMinimumSize(48, 48)
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 1, 4, 1)  # compact: one touch target tall
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)
        self._callback: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()
        self.retranslate()

    def show_message(self, level: str, text: str, action_text: str = "",
                     action: Callable[[], None] | None = None) -> None:
        self.level = level
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self.text.setText(mask_card_numbers(text))  # whatever produced it, no card number
        self._callback = action
        self.action.setText(action_text)
        self.action.setVisible(bool(action_text and action))
        self._timer.stop()
        if level in AUTO_HIDE_MS:
            self._timer.start(AUTO_HIDE_MS[level])
        self.show()

    def message(self) -> str:
        return self.text.text() if self.isVisible() else ""

    def dismiss(self) -> None:
        self._timer.stop()
        self._callback = None
        self.level = ""
        self.hide()

    def _run_action(self) -> None:
        callback = self._callback
        self.dismiss()
        if callback is not None:
            callback()

    def retranslate(self) -> None:
        self.close_button.setToolTip(translate("Banner", "Dismiss"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
