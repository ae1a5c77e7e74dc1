"""The base of every back-office page."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from ui.backoffice.context import BackofficeContext


class Page(QWidget):
    """One back-office screen. Subclasses build their widgets in ``__init__``, load their data
    in :meth:`refresh` (called each time the page is shown, through ``ctx.run``) and set their
    texts in :meth:`retranslate` (called again when the language changes)."""

    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def refresh(self) -> None:
        """Load (again) what the page shows. Default: nothing to load."""

    def retranslate(self) -> None:
        """Set every visible text in the current language."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
