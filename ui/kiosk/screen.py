"""The base of every kiosk screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from ui.kiosk.context import KioskContext


class KioskScreen(QWidget):
    """One screen of the navigation stack. ``entered()`` runs each time it comes to the top;
    ``retranslate()`` sets its texts (again on a language change); ``wipe()`` clears anything
    of the shopper it shows (the idle timeout, a new shopper)."""

    #: attract-like screens do not start the idle watcher
    watches_idle = True

    def __init__(self, ctx: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.nav = None  # set by the window: push(screen), pop(), home()
        ctx.wiped.connect(self.wipe)

    def entered(self) -> None:
        """Came to the top of the stack."""

    def wipe(self) -> None:
        """Forget the shopper's data shown here."""

    def retranslate(self) -> None:
        """Set every visible text in the current language."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
