"""Back-office screen 2: staff. Add, change role, deactivate, reset a PIN (a manager's reset
needs another approval by a manager PIN, stored and used once), see lock-outs and unlock.
A manager sees and changes only their own merchant's staff (the services refuse the rest)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.backoffice.actor import Actor
from app.orgadmin import merchants, people
from app.orgadmin.merchants import MerchantRow
from app.orgadmin.people import StaffRow
from ui.backoffice.context import BackofficeContext
from ui.backoffice.org_words import active_text, local_time_text, shown_name, staff_role_text
from ui.backoffice.page import Page
from ui.backoffice.staff_dialogs import PinResetDialog, RoleDialog, StaffDialog
from ui.backoffice.table import Column, RowsModel, RowsView
from ui.widgets.i18n import translate
from ui.widgets.pin_pad import PinDialog


@dataclass(frozen=True)
class StaffData:
    merchants: list[MerchantRow]
    staff: list[StaffRow]


def load_staff(actor: Actor, merchant_id: int | None) -> StaffData:
    return StaffData(merchants.list_merchants(actor), people.list_staff(actor, merchant_id))


def lock_text(row: StaffRow) -> str:
    if row.locked:
        return translate("StaffPage", "Locked until {0}").format(local_time_text(row.locked_until))
    return ""


class StaffPage(Page):
    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("staffPage")
        self.data: StaffData | None = None
        self.dialog: StaffDialog | RoleDialog | PinResetDialog | None = None
        self.pin_pad: PinDialog | None = None
        self.heading = QLabel(objectName="pageHeading")
        self.filter_label = QLabel()
        self.filter = QComboBox(objectName="merchantFilter")
        self.filter.setMinimumWidth(260)
        self.filter.activated.connect(lambda _i: self.refresh())
        self.model = RowsModel(
            [
                Column(lambda: translate("StaffPage", "Code"), lambda r: r.code),
                Column(lambda: translate("StaffPage", "Name"), lambda r: r.name, stretch=True),
                Column(
                    lambda: translate("StaffPage", "Merchant"),
                    lambda r: r.merchant_code or translate("StaffPage", "Coalition"),
                ),
                Column(lambda: translate("StaffPage", "Role"), lambda r: staff_role_text(r.role)),
                Column(lambda: translate("StaffPage", "Status"), lambda r: active_text(r.active)),
                Column(lambda: translate("StaffPage", "Wrong PINs"), lambda r: r.failed_attempts),
                Column(lambda: translate("StaffPage", "Lock-out"), lock_text),
            ],
            self,
        )
        self.view = RowsView(self.model, "staffTable")
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.doubleClicked.connect(lambda *_: self.change_role_dialog())
        bar = QHBoxLayout()
        self.add_button = self._button(bar, "addStaff", self.add_staff_dialog)
        self.role_button = self._button(bar, "changeRole", self.change_role_dialog)
        self.toggle_button = self._button(bar, "toggleStaff", self.toggle_active)
        self.reset_button = self._button(bar, "resetPin", self.reset_pin_dialog)
        self.unlock_button = self._button(bar, "unlockStaff", self.unlock)
        bar.addStretch(1)
        bar.addWidget(self.filter_label)
        bar.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        operator = bool(ctx.actor and ctx.actor.is_operator)
        self.filter_label.setVisible(operator)
        self.filter.setVisible(operator)
        self.retranslate()
        self._update_buttons()

    def _button(self, bar: QHBoxLayout, name: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(objectName=name)
        button.clicked.connect(slot)
        bar.addWidget(button)
        return button

    # -- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        self.call(load_staff, self.filter.currentData(), on_done=self._show)

    def _show(self, data: StaffData) -> None:
        keep = self.selected()
        self.data = data
        chosen = self.filter.currentData()
        self.filter.clear()
        self.filter.addItem(translate("StaffPage", "All merchants"), None)
        for m in data.merchants:
            self.filter.addItem(f"{m.code}  {shown_name(m)}", m.id)
        self.filter.setCurrentIndex(max(0, self.filter.findData(chosen)))
        self.model.set_rows(data.staff)
        if keep is not None:
            self.view.select_where(lambda r: r.id == keep.id)
        self._update_buttons()

    def selected(self) -> StaffRow | None:
        return self.view.selected()

    def select_staff(self, code: str) -> bool:
        return self.view.select_where(lambda r: r.code == code)

    def _update_buttons(self, *_: object) -> None:
        row = self.selected()
        mine = row is not None and self.ctx.actor is not None and row.id == self.ctx.actor.staff_id
        for button in (self.role_button, self.reset_button):
            button.setEnabled(row is not None)
        self.role_button.setEnabled(row is not None and not mine)
        self.toggle_button.setEnabled(row is not None and not mine)
        self.toggle_button.setText(
            translate("StaffPage", "Reactivate")
            if row and not row.active
            else translate("StaffPage", "Deactivate")
        )
        self.unlock_button.setEnabled(row is not None and (row.locked or row.failed_attempts > 0))

    # -- actions --------------------------------------------------------------------------
    def _open(self, dialog):  # type: ignore[no-untyped-def]
        self.dialog = dialog
        dialog.saved.connect(self._saved)
        dialog.open()
        return dialog

    def _saved(self, row: StaffRow) -> None:
        self.ctx.data_changed.emit("staff")
        self.ctx.inform(translate("StaffPage", "Saved {0}.").format(row.code))
        self.refresh()

    def _merchant_choices(self) -> list[MerchantRow]:
        return self.data.merchants if self.data else []

    def add_staff_dialog(self) -> StaffDialog:
        """Fields: code, name, role, merchant, pin, pin_again."""
        merchant = self.filter.currentData()
        if merchant is None and self.ctx.actor is not None:
            merchant = self.ctx.actor.merchant_id
        return self._open(StaffDialog(self.ctx, self._merchant_choices(), merchant, self))

    def change_role_dialog(self) -> RoleDialog | None:
        row = self.selected()
        return self._open(RoleDialog(self.ctx, row, self)) if row else None

    def reset_pin_dialog(self) -> PinResetDialog | None:
        """Fields: pin, pin_again. A manager's save first opens the manager PIN pad
        (``page.pin_pad``); its approval then saves the new PIN."""
        row = self.selected()
        if row is None:
            return None
        dialog = PinResetDialog(self.ctx, row, self)
        dialog.approval_requested = self._ask_approval
        return self._open(dialog)

    def _ask_approval(self, dialog: PinResetDialog) -> None:
        staff_id = dialog.row.id

        def approve(pin, on_done, on_error):  # type: ignore[no-untyped-def]
            self.call(people.approve_pin_reset, staff_id, pin, on_done=on_done, on_error=on_error)

        pad = PinDialog(approve, people.PIN_RESET, f"{dialog.row.name} ({dialog.row.code})", dialog)
        pad.approved.connect(dialog.approved)
        self.pin_pad = pad
        pad.open()

    def toggle_active(self) -> None:
        row = self.selected()
        if row is not None:
            self.call(people.set_staff_active, row.id, not row.active, on_done=self._saved)

    def unlock(self) -> None:
        row = self.selected()
        if row is not None:
            self.call(people.unlock, row.id, on_done=self._saved)

    # -- language -------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(translate("StaffPage", "Staff"))
        self.filter_label.setText(translate("StaffPage", "Merchant:"))
        if self.filter.count():
            self.filter.setItemText(0, translate("StaffPage", "All merchants"))
        self.add_button.setText(translate("StaffPage", "Add staff…"))
        self.role_button.setText(translate("StaffPage", "Change role…"))
        self.reset_button.setText(translate("StaffPage", "Reset PIN…"))
        self.unlock_button.setText(translate("StaffPage", "Unlock"))
        self.model.retranslate()
        self._update_buttons()
