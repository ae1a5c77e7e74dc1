"""The edit dialogs of the merchants page: a merchant (region and settlement details), a
store (time zone, region), a terminal (code and role)."""

from __future__ import annotations

from PySide6.QtWidgets import QCompleter, QWidget

from app.orgadmin import checks, merchants, stores, terminals
from app.orgadmin.merchants import MerchantRow
from app.orgadmin.stores import StoreRow
from app.orgadmin.terminals import TERMINAL_ROLES, TerminalRow
from ui.backoffice.context import BackofficeContext
from ui.backoffice.form_dialog import FormDialog
from ui.backoffice.org_words import shown_name, terminal_role_text
from ui.widgets.i18n import translate

MERCHANT_TEXT = (
    "code",
    "name",
    "name_en",
    "province",
    "city",
    "district",
    "settlement_account_name",
    "settlement_bank",
    "settlement_account_no",
    "settlement_email",
)


class MerchantDialog(FormDialog):
    """Register a merchant (``row`` None) or edit one. The account number is never shown:
    the field is empty with the masked number as a hint, and left empty keeps it."""

    def __init__(
        self, ctx: BackofficeContext, row: MerchantRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "merchantDialog", parent)
        self.row = row
        limits = {
            "code": 32,
            "province": 64,
            "city": 64,
            "district": 64,
            "settlement_account_no": 40,
            "settlement_email": 254,
        }
        for key in MERCHANT_TEXT:
            self.add_line(key, max_length=limits.get(key, 200))
        if row is not None:
            self.fill(
                code=row.code,
                name=row.name,
                name_en=row.name_en,
                province=row.province,
                city=row.city,
                district=row.district,
                settlement_account_name=row.settlement_account_name,
                settlement_bank=row.settlement_bank,
                settlement_email=row.settlement_email,
            )
            self.fields["code"].setEnabled(False)  # the code names the merchant in its keys
        self.retranslate()

    def save(self) -> None:
        values = {k: self.text(k) for k in MERCHANT_TEXT if k != "code"}
        if self.row is None:
            self.run(merchants.register_merchant, code=self.text("code"), **values)
            return
        if not values["settlement_account_no"]:
            del values["settlement_account_no"]  # empty: keep the stored number
        self.run(merchants.update_merchant, self.row.id, **values)

    def retranslate(self) -> None:
        self.setWindowTitle(translate("MerchantDialog", "Merchant"))
        self.heading.setText(
            translate("MerchantDialog", "Register a merchant")
            if self.row is None
            else translate("MerchantDialog", "Edit merchant {0}").format(self.row.code)
        )
        self.set_labels(
            {
                "code": translate("MerchantDialog", "Merchant code"),
                "name": translate("MerchantDialog", "Name"),
                "name_en": translate("MerchantDialog", "English name"),
                "province": translate("MerchantDialog", "Province code"),
                "city": translate("MerchantDialog", "City code"),
                "district": translate("MerchantDialog", "District code"),
                "settlement_account_name": translate("MerchantDialog", "Settlement account name"),
                "settlement_bank": translate("MerchantDialog", "Settlement bank"),
                "settlement_account_no": translate("MerchantDialog", "Settlement account number"),
                "settlement_email": translate("MerchantDialog", "Statement e-mail"),
            }
        )
        for key in ("province", "city", "district"):
            self.fields[key].setPlaceholderText(
                translate("MerchantDialog", "lower-case pinyin, e.g. shanghai")
            )
        account = self.fields["settlement_account_no"]
        account.setPlaceholderText(
            translate("MerchantDialog", "unchanged ({0}) unless you type a new number").format(
                self.row.account_masked
            )
            if self.row is not None and self.row.account_masked
            else translate("MerchantDialog", "8 to 34 digits")
        )
        self.retranslate_buttons()


class StoreDialog(FormDialog):
    """Register a store of a merchant or edit one; its time zone from the zoneinfo list."""

    def __init__(
        self,
        ctx: BackofficeContext,
        merchant: MerchantRow,
        row: StoreRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "storeDialog", parent)
        self.merchant = merchant
        self.row = row
        self.add_line("code", max_length=32)
        self.add_line("name")
        self.add_line("name_en")
        self.add_line("region", max_length=64)
        self.add_line("address", max_length=300)
        zones = checks.timezones()
        combo = self.add_combo("timezone", [(z, z) for z in zones], editable=True)
        completer = QCompleter(zones, combo)
        completer.setFilterMode(completer.filterMode().MatchContains)
        combo.setCompleter(completer)
        self.add_line("currency", max_length=3)
        self.fill(timezone="Asia/Shanghai", currency="CNY")
        if row is not None:
            self.fill(
                code=row.code,
                name=row.name,
                name_en=row.name_en,
                region=row.region,
                address=row.address,
                timezone=row.timezone,
                currency=row.currency,
            )
            self.fields["code"].setEnabled(False)
        self.retranslate()

    def save(self) -> None:
        values = {
            k: self.text(k)
            for k in ("name", "name_en", "region", "address", "timezone", "currency")
        }
        if self.row is None:
            self.run(stores.register_store, self.merchant.id, code=self.text("code"), **values)
        else:
            self.run(stores.update_store, self.row.id, **values)

    def retranslate(self) -> None:
        self.setWindowTitle(translate("StoreDialog", "Store"))
        self.heading.setText(
            translate("StoreDialog", "Register a store of {0}").format(shown_name(self.merchant))
            if self.row is None
            else translate("StoreDialog", "Edit store {0}").format(self.row.code)
        )
        self.set_labels(
            {
                "code": translate("StoreDialog", "Store code"),
                "name": translate("StoreDialog", "Name"),
                "name_en": translate("StoreDialog", "English name"),
                "region": translate("StoreDialog", "Region (city code)"),
                "address": translate("StoreDialog", "Address"),
                "timezone": translate("StoreDialog", "Time zone"),
                "currency": translate("StoreDialog", "Currency"),
            }
        )
        self.fields["region"].setPlaceholderText(
            translate("StoreDialog", "empty: the merchant's city ({0})").format(
                self.merchant.city or "-"
            )
        )
        self.retranslate_buttons()


class TerminalDialog(FormDialog):
    """Register a terminal at a store, or change a terminal's role or store."""

    def __init__(
        self,
        ctx: BackofficeContext,
        store: StoreRow,
        store_choices: list[StoreRow],
        row: TerminalRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "terminalDialog", parent)
        self.store = store
        self.row = row
        self.add_line("code", max_length=32)
        self.add_combo("role", [(terminal_role_text(r), r) for r in TERMINAL_ROLES])
        self.add_combo("store", [(f"{s.code}  {shown_name(s)}", s.id) for s in store_choices])
        self.choose("store", store.id)
        if row is not None:
            self.fill(code=row.code, role=row.role)
            self.fields["code"].setEnabled(False)
        else:
            self.fields["store"].setEnabled(False)
        self.retranslate()

    def save(self) -> None:
        if self.row is None:
            self.run(
                terminals.register_terminal,
                self.store.id,
                code=self.text("code"),
                role=self.choice("role"),
            )
        else:
            self.run(
                terminals.update_terminal,
                self.row.id,
                role=self.choice("role"),
                store_id=self.choice("store"),
            )

    def retranslate(self) -> None:
        self.setWindowTitle(translate("TerminalDialog", "Terminal"))
        self.heading.setText(
            translate("TerminalDialog", "Register a terminal at {0}").format(shown_name(self.store))
            if self.row is None
            else translate("TerminalDialog", "Edit terminal {0}").format(self.row.code)
        )
        self.set_labels(
            {
                "code": translate("TerminalDialog", "Terminal code"),
                "role": translate("TerminalDialog", "Role"),
                "store": translate("TerminalDialog", "Store"),
            }
        )
        combo = self.fields["role"]
        for i, role in enumerate(TERMINAL_ROLES):
            combo.setItemText(i, terminal_role_text(role))
        self.retranslate_buttons()
