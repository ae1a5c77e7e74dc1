"""A small back-office edit dialog (the rules and tiers pages): a form, an error line, Save / Cancel. Saving runs the domain
call on the worker; an error stays in the dialog (the user fixes the field), success closes it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.errors import PatronError
from ui.backoffice.context import BackofficeContext
from ui.errors import user_message
from ui.widgets.i18n import translate


class FormDialog(QDialog):
    """Subclasses add rows to ``self.form`` and implement :meth:`save_call`."""

    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None, *,
                 name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName(name or type(self).__name__)
        self.setModal(True)
        self.ctx = ctx
        self.result_value: Any = None
        self.form = QFormLayout()
        self.error = QLabel(objectName="dialogError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def save_call(self) -> tuple[Callable[..., Any], tuple, dict]:
        """The service to call (actor first) with its arguments."""
        raise NotImplementedError

    def submit(self) -> None:
        try:
            fn, args, kwargs = self.save_call()
        except PatronError as exc:  # a field the form itself could not read
            self.show_error(exc)
            return
        self.buttons.setEnabled(False)
        self.ctx.call(fn, *args, on_done=self._saved, on_error=self.show_error, **kwargs)

    def _saved(self, value: Any) -> None:
        self.result_value = value
        self.buttons.setEnabled(True)
        self.accept()

    def show_error(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(user_message(exc))
        self.error.show()
        self.adjustSize()

    def retranslate_buttons(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            translate("FormDialog", "Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            translate("FormDialog", "Cancel"))
