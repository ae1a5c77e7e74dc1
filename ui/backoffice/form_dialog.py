"""The back office's edit dialog: a form of labelled fields, an inline error line and Save /
Cancel. Saving runs a service on the worker thread (a subclass names it in ``save_call`` or
runs it from ``save``); a refusal (a duplicate code, a bad time zone...) is shown in the
dialog, which stays open with what was typed; success closes it and emits ``saved``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import PatronError
from ui.backoffice.context import BackofficeContext
from ui.backoffice.page import while_alive
from ui.errors import user_message
from ui.widgets.i18n import translate


class FormDialog(QDialog):
    saved = Signal(object)  # the service's result (the saved row)

    def __init__(self, ctx: BackofficeContext, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(name)
        self.setModal(True)
        self.setMinimumWidth(560)
        self.heading = QLabel(objectName="dialogHeading")
        self.heading.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.error = QLabel(objectName="dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.labels: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.busy = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        self.heading.setVisible(bool(self.heading.text()))  # no empty band above the form
        super().showEvent(event)

    # -- building -------------------------------------------------------------------------
    def add_line(self, key: str, *, max_length: int = 200, password: bool = False) -> QLineEdit:
        edit = QLineEdit(objectName=f"{key}Field")
        edit.setMaxLength(max_length)
        if password:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self._add(key, edit)
        return edit

    def add_combo(self, key: str, items: list[tuple[str, Any]], *,
                  editable: bool = False) -> QComboBox:
        combo = QComboBox(objectName=f"{key}Field")
        combo.setEditable(editable)
        for text, data in items:
            combo.addItem(text, data)
        self._add(key, combo)
        return combo

    def _add(self, key: str, widget: QWidget) -> None:
        label = QLabel()
        label.setBuddy(widget)
        # Level with the middle of its field (the theme makes line edits taller than combos).
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        label.setMinimumHeight(widget.sizeHint().height())
        self.labels[key] = label
        self.fields[key] = widget
        self.form.addRow(label, widget)

    def set_labels(self, texts: dict[str, str]) -> None:
        for key, text in texts.items():
            self.labels[key].setText(text)

    def text(self, key: str) -> str:
        widget = self.fields[key]
        if isinstance(widget, QComboBox):
            return widget.currentText().strip() if widget.isEditable() else ""
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def choice(self, key: str) -> Any:
        widget = self.fields[key]
        assert isinstance(widget, QComboBox)
        return widget.currentData()

    def choose(self, key: str, data: Any) -> None:
        widget = self.fields[key]
        assert isinstance(widget, QComboBox)
        index = widget.findData(data)
        if index >= 0:
            widget.setCurrentIndex(index)

    def fill(self, **values: Any) -> None:
        """Type ``values`` into the fields by key (a combo: by its data, else its text)."""
        for key, value in values.items():
            widget = self.fields[key]
            if isinstance(widget, QComboBox):
                index = widget.findData(value)
                if index < 0:
                    index = widget.findText(str(value))
                if index >= 0:
                    widget.setCurrentIndex(index)
                elif widget.isEditable():
                    widget.setEditText(str(value))
            else:
                assert isinstance(widget, QLineEdit)
                widget.setText(str(value))

    # -- saving ---------------------------------------------------------------------------
    def submit(self) -> None:
        """Check what the window can, then call the service (subclasses: :meth:`save`)."""
        if self.busy:
            return
        self.error.hide()
        self.save()

    def save(self) -> None:
        """Run what :meth:`save_call` names; a field the form itself cannot read shows here."""
        try:
            fn, args, kwargs = self.save_call()
        except PatronError as exc:
            self.failed(exc)
            return
        self.run(fn, *args, **kwargs)

    def save_call(self) -> tuple[Callable[..., Any], tuple, dict]:
        """The service to call (the actor goes first) with its arguments: subclasses implement
        this or :meth:`save`."""
        raise NotImplementedError

    def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """``fn(actor, *args, **kwargs)`` on the worker; success closes, a refusal shows."""
        self.set_busy(True)
        self.ctx.call(fn, *args, on_done=while_alive(self, self._done),
                      on_error=while_alive(self, self.failed), **kwargs)

    def _done(self, result: Any) -> None:
        self.set_busy(False)
        self.accept()
        self.saved.emit(result)

    def failed(self, exc: BaseException | str) -> None:
        self.set_busy(False)
        self.error.setText(exc if isinstance(exc, str) else user_message(exc))
        self.error.show()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.save_button.setEnabled(not busy)

    def retranslate_buttons(self) -> None:
        self.save_button.setText(translate("BackofficeForms", "Save"))
        self.cancel_button.setText(translate("BackofficeForms", "Cancel"))
