"""The base of every back-office page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from ui.backoffice.context import BackofficeContext


class Page(QWidget):
    """One back-office screen. Subclasses build their widgets in ``__init__``, load their data
    in :meth:`refresh` (called each time the page is shown, through ``ctx.run``) and set their
    texts in :meth:`retranslate` (called again when the language changes)."""

    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def call(self, fn: Callable[..., Any], *args: Any,
             on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None, **kwargs: Any) -> None:
        """``ctx.call`` whose answers are dropped once this page is gone (signed out while a
        call was on the worker)."""
        self.ctx.call(fn, *args, on_done=while_alive(self, on_done),
                      on_error=while_alive(self, on_error) if on_error else None, **kwargs)

    def refresh(self) -> None:
        """Load (again) what the page shows. Default: nothing to load."""

    def retranslate(self) -> None:
        """Set every visible text in the current language."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def while_alive(owner: QObject, callback: Callable[[Any], None] | None
                ) -> Callable[[Any], None] | None:
    """``callback``, skipped when ``owner``'s widget has been deleted meanwhile."""
    if callback is None:
        return None

    def guarded(value: Any) -> None:
        if shiboken6.isValid(owner):
            callback(value)

    return guarded
