"""Back-office screen 1: merchants, their stores and the stores' terminals.

The operator registers, edits and deactivates merchants; an operator or the merchant's own
manager registers, edits and deactivates stores and terminals. A manager sees only their own
merchant (the services refuse the rest). Select a merchant to see its stores, a store to see
its terminals."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.backoffice.actor import Actor
from app.orgadmin import merchants, stores, terminals
from app.orgadmin.merchants import MerchantRow
from app.orgadmin.stores import StoreRow
from app.orgadmin.terminals import TerminalRow
from ui.backoffice.context import BackofficeContext
from ui.backoffice.org_dialogs import MerchantDialog, StoreDialog, TerminalDialog
from ui.backoffice.org_words import active_text, shown_name, terminal_role_text
from ui.backoffice.page import Page
from ui.backoffice.table import Column, RowsModel, RowsView
from ui.widgets.i18n import translate


@dataclass(frozen=True)
class OrgData:
    merchants: list[MerchantRow]
    stores: list[StoreRow]
    terminals: list[TerminalRow]


def load_org(actor: Actor) -> OrgData:
    """Everything the page shows, within the actor's scope, in one worker call."""
    return OrgData(
        merchants.list_merchants(actor), stores.list_stores(actor), terminals.list_terminals(actor)
    )


class _Section(QWidget):
    """A titled list with its buttons above it."""

    def __init__(self, name: str, columns: list[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(objectName="sectionHeading")
        self.model = RowsModel(columns, self)
        self.view = RowsView(self.model, name)
        self.bar = QHBoxLayout()
        self.bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(self.bar)
        layout.addWidget(self.view, 1)

    def button(self, name: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(objectName=name)
        button.clicked.connect(slot)
        self.bar.insertWidget(self.bar.count() - 1, button)  # left of the stretch
        return button


class MerchantsPage(Page):
    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("merchantsPage")
        self.data: OrgData | None = None
        self.dialog: MerchantDialog | StoreDialog | TerminalDialog | None = None
        self.heading = QLabel(objectName="pageHeading")

        self.merchant_list = _Section(
            "merchantTable",
            [
                Column(lambda: translate("MerchantsPage", "Code"), lambda r: r.code),
                Column(lambda: translate("MerchantsPage", "Name"), shown_name, stretch=True),
                Column(
                    lambda: translate("MerchantsPage", "Region"),
                    lambda r: " / ".join(p for p in (r.province, r.city, r.district) if p),
                ),
                Column(
                    lambda: translate("MerchantsPage", "Settlement bank"),
                    lambda r: r.settlement_bank,
                ),
                Column(lambda: translate("MerchantsPage", "Account"), lambda r: r.account_masked),
                Column(
                    lambda: translate("MerchantsPage", "Statement e-mail"),
                    lambda r: r.settlement_email,
                ),
                Column(lambda: translate("MerchantsPage", "Stores"), lambda r: r.stores),
                Column(
                    lambda: translate("MerchantsPage", "Status"), lambda r: active_text(r.active)
                ),
            ],
        )
        self.add_merchant = self.merchant_list.button(
            "registerMerchant", self.register_merchant_dialog
        )
        self.edit_merchant = self.merchant_list.button("editMerchant", self.edit_merchant_dialog)
        self.toggle_merchant = self.merchant_list.button(
            "toggleMerchant", self.toggle_merchant_active
        )

        self.store_list = _Section(
            "storeTable",
            [
                Column(lambda: translate("MerchantsPage", "Code"), lambda r: r.code),
                Column(lambda: translate("MerchantsPage", "Name"), shown_name, stretch=True),
                Column(lambda: translate("MerchantsPage", "Region"), lambda r: r.region),
                Column(lambda: translate("MerchantsPage", "Time zone"), lambda r: r.timezone),
                Column(lambda: translate("MerchantsPage", "Terminals"), lambda r: r.terminals),
                Column(
                    lambda: translate("MerchantsPage", "Status"), lambda r: active_text(r.active)
                ),
            ],
        )
        self.add_store = self.store_list.button("registerStore", self.register_store_dialog)
        self.edit_store = self.store_list.button("editStore", self.edit_store_dialog)
        self.toggle_store = self.store_list.button("toggleStore", self.toggle_store_active)

        self.terminal_list = _Section(
            "terminalTable",
            [
                Column(lambda: translate("MerchantsPage", "Code"), lambda r: r.code, stretch=True),
                Column(
                    lambda: translate("MerchantsPage", "Role"), lambda r: terminal_role_text(r.role)
                ),
                Column(
                    lambda: translate("MerchantsPage", "Status"), lambda r: active_text(r.active)
                ),
            ],
        )
        self.add_terminal = self.terminal_list.button(
            "registerTerminal", self.register_terminal_dialog
        )
        self.edit_terminal = self.terminal_list.button("editTerminal", self.edit_terminal_dialog)
        self.toggle_terminal = self.terminal_list.button(
            "toggleTerminal", self.toggle_terminal_active
        )

        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.store_list)
        lower.addWidget(self.terminal_list)
        lower.setSizes([620, 380])
        split = QSplitter(Qt.Orientation.Vertical, objectName="orgSplitter")
        split.addWidget(self.merchant_list)
        split.addWidget(lower)
        split.setSizes([300, 340])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(split, 1)

        self.merchant_list.view.selectionModel().selectionChanged.connect(self._merchant_chosen)
        self.store_list.view.selectionModel().selectionChanged.connect(self._store_chosen)
        self.terminal_list.view.selectionModel().selectionChanged.connect(self._update_buttons)
        for section in (self.merchant_list, self.store_list, self.terminal_list):
            section.view.doubleClicked.connect(self._edit_from(section))
        operator = bool(ctx.actor and ctx.actor.is_operator)
        for button in (self.add_merchant, self.edit_merchant, self.toggle_merchant):
            button.setVisible(operator)  # the services refuse managers anyway
        self.retranslate()
        self._update_buttons()

    # -- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        self.call(load_org, on_done=self._show)

    def _show(self, data: OrgData) -> None:
        keep = (self.selected_merchant(), self.selected_store(), self.selected_terminal())
        self.data = data
        self.merchant_list.model.set_rows(data.merchants)
        if not (keep[0] and self.merchant_list.view.select_where(lambda r: r.id == keep[0].id)):
            self.merchant_list.view.selectRow(0)
        self._merchant_chosen()
        if keep[1]:
            self.store_list.view.select_where(lambda r: r.id == keep[1].id)
        if keep[2]:
            self.terminal_list.view.select_where(lambda r: r.id == keep[2].id)
        self._update_buttons()

    def _merchant_chosen(self, *_: object) -> None:
        merchant = self.selected_merchant()
        rows = (
            [s for s in self.data.stores if merchant and s.merchant_id == merchant.id]
            if self.data
            else []
        )
        self.store_list.model.set_rows(rows)
        if rows:
            self.store_list.view.selectRow(0)
        self._store_chosen()

    def _store_chosen(self, *_: object) -> None:
        store = self.selected_store()
        rows = (
            [t for t in self.data.terminals if store and t.store_id == store.id]
            if self.data
            else []
        )
        self.terminal_list.model.set_rows(rows)
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        merchant, store, terminal = (
            self.selected_merchant(),
            self.selected_store(),
            self.selected_terminal(),
        )
        self.edit_merchant.setEnabled(merchant is not None)
        self.toggle_merchant.setEnabled(merchant is not None)
        self.toggle_merchant.setText(
            translate("MerchantsPage", "Reactivate")
            if merchant and not merchant.active
            else translate("MerchantsPage", "Deactivate")
        )
        self.add_store.setEnabled(merchant is not None and merchant.active)
        self.edit_store.setEnabled(store is not None)
        self.toggle_store.setEnabled(store is not None)
        self.toggle_store.setText(
            translate("MerchantsPage", "Reopen store")
            if store and not store.active
            else translate("MerchantsPage", "Close store")
        )
        self.add_terminal.setEnabled(store is not None)
        self.edit_terminal.setEnabled(terminal is not None)
        self.toggle_terminal.setEnabled(terminal is not None)
        self.toggle_terminal.setText(
            translate("MerchantsPage", "Reactivate")
            if terminal and not terminal.active
            else translate("MerchantsPage", "Deactivate")
        )

    # -- selection (also for tests and the e2e walk-through) ------------------------------
    def selected_merchant(self) -> MerchantRow | None:
        return self.merchant_list.view.selected()

    def selected_store(self) -> StoreRow | None:
        return self.store_list.view.selected()

    def selected_terminal(self) -> TerminalRow | None:
        return self.terminal_list.view.selected()

    def select_merchant(self, code: str) -> bool:
        return self.merchant_list.view.select_where(lambda r: r.code == code)

    def select_store(self, code: str) -> bool:
        return self.store_list.view.select_where(lambda r: r.code == code)

    def select_terminal(self, code: str) -> bool:
        return self.terminal_list.view.select_where(lambda r: r.code == code)

    # -- dialogs --------------------------------------------------------------------------
    def _open(
        self, dialog: MerchantDialog | StoreDialog | TerminalDialog
    ) -> MerchantDialog | StoreDialog | TerminalDialog:
        self.dialog = dialog
        dialog.saved.connect(self._saved)
        dialog.open()
        return dialog

    def _saved(self, row: object) -> None:
        self.ctx.data_changed.emit("merchants")
        self.ctx.inform(translate("MerchantsPage", "Saved {0}.").format(getattr(row, "code", "")))
        self.refresh()

    def register_merchant_dialog(self) -> MerchantDialog:
        """Open the dialog registering a merchant (fields: code, name, name_en, province,
        city, district, settlement_account_name, settlement_bank, settlement_account_no,
        settlement_email; ``dialog.fill(**values)`` then ``dialog.submit()``)."""
        return self._open(MerchantDialog(self.ctx, None, self))  # type: ignore[return-value]

    def edit_merchant_dialog(self) -> MerchantDialog | None:
        merchant = self.selected_merchant()
        return self._open(MerchantDialog(self.ctx, merchant, self)) if merchant else None  # type: ignore[return-value]

    def register_store_dialog(self) -> StoreDialog | None:
        """A store of the selected merchant (fields: code, name, name_en, region, address,
        timezone, currency)."""
        merchant = self.selected_merchant()
        return self._open(StoreDialog(self.ctx, merchant, None, self)) if merchant else None  # type: ignore[return-value]

    def edit_store_dialog(self) -> StoreDialog | None:
        merchant, store = self.selected_merchant(), self.selected_store()
        if merchant is None or store is None:
            return None
        return self._open(StoreDialog(self.ctx, merchant, store, self))  # type: ignore[return-value]

    def _stores_of_merchant(self) -> list[StoreRow]:
        return list(self.store_list.model.rows)

    def register_terminal_dialog(self) -> TerminalDialog | None:
        """A terminal at the selected store (fields: code, role)."""
        store = self.selected_store()
        if store is None:
            return None
        return self._open(
            TerminalDialog(
                self.ctx,
                store,
                self._stores_of_merchant(),
                None,  # type: ignore[return-value]
                self,
            )
        )

    def edit_terminal_dialog(self) -> TerminalDialog | None:
        store, terminal = self.selected_store(), self.selected_terminal()
        if store is None or terminal is None:
            return None
        return self._open(
            TerminalDialog(
                self.ctx,
                store,
                self._stores_of_merchant(),  # type: ignore[return-value]
                terminal,
                self,
            )
        )

    def _edit_from(self, section: _Section):  # type: ignore[no-untyped-def]
        edits = {
            id(self.merchant_list): self.edit_merchant_dialog,
            id(self.store_list): self.edit_store_dialog,
            id(self.terminal_list): self.edit_terminal_dialog,
        }
        operator = bool(self.ctx.actor and self.ctx.actor.is_operator)
        edit = edits[id(section)]
        return lambda *_: edit() if operator or section is not self.merchant_list else None

    # -- (de)activation: reversible, so no confirmation; audited by the service ----------
    def toggle_merchant_active(self) -> None:
        merchant = self.selected_merchant()
        if merchant is not None:
            self.call(
                merchants.set_merchant_active, merchant.id, not merchant.active, on_done=self._saved
            )

    def toggle_store_active(self) -> None:
        store = self.selected_store()
        if store is not None:
            self.call(stores.set_store_active, store.id, not store.active, on_done=self._saved)

    def toggle_terminal_active(self) -> None:
        terminal = self.selected_terminal()
        if terminal is not None:
            self.call(
                terminals.set_terminal_active, terminal.id, not terminal.active, on_done=self._saved
            )

    # -- language -------------------------------------------------------------------------
    def retranslate(self) -> None:
        operator = bool(self.ctx.actor and self.ctx.actor.is_operator)
        self.heading.setText(
            translate("MerchantsPage", "Merchants, stores and terminals")
            if operator
            else translate("MerchantsPage", "Your merchant, stores and terminals")
        )
        self.merchant_list.title.setText(translate("MerchantsPage", "Merchants"))
        self.store_list.title.setText(translate("MerchantsPage", "Stores of the selected merchant"))
        self.terminal_list.title.setText(
            translate("MerchantsPage", "Terminals of the selected store")
        )
        self.add_merchant.setText(translate("MerchantsPage", "Register merchant…"))
        self.add_store.setText(translate("MerchantsPage", "Register store…"))
        self.add_terminal.setText(translate("MerchantsPage", "Register terminal…"))
        for button in (self.edit_merchant, self.edit_store, self.edit_terminal):
            button.setText(translate("MerchantsPage", "Edit…"))
        for section in (self.merchant_list, self.store_list, self.terminal_list):
            section.model.retranslate()
        self._update_buttons()
