"""Merchants: register, edit, deactivate (the coalition operator's), and the list a signed-in
actor may see (a manager: their own merchant only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import peewee as pw

from app.backoffice.actor import Actor, audit_change, row_dict
from app.db import lock_row, write_tx
from app.errors import Conflict, NotFound, ValidationError
from app.models import Merchant, Staff, Store
from app.orgadmin import checks

# What an edit may change; the code is the merchant's identity in keys and settlement.
EDITABLE = ("name", "name_en", "province", "city", "district", "settlement_account_name",
            "settlement_bank", "settlement_account_no", "settlement_email")


@dataclass(frozen=True)
class MerchantRow:
    id: int
    code: str
    name: str
    name_en: str
    province: str
    city: str
    district: str
    settlement_account_name: str
    settlement_bank: str
    account_masked: str  # the full number never leaves the service
    settlement_email: str
    active: bool
    stores: int
    staff: int


def _row(m: Merchant, stores: int, staff: int) -> MerchantRow:
    return MerchantRow(m.id, m.code, m.name, m.name_en, m.province, m.city, m.district,
                       m.settlement_account_name, m.settlement_bank,
                       checks.masked_account(m.settlement_account_no), m.settlement_email,
                       m.active, stores, staff)


def list_merchants(actor: Actor, include_inactive: bool = True) -> list[MerchantRow]:
    query = actor.merchants(Merchant.select(), Merchant.id).order_by(Merchant.code)
    if not include_inactive:
        query = query.where(Merchant.active == True)  # noqa: E712
    rows = list(query)
    ids = [m.id for m in rows]
    stores = dict(Store.select(Store.merchant, pw.fn.COUNT(Store.id)).where(
        Store.merchant.in_(ids)).group_by(Store.merchant).tuples()) if ids else {}
    staff = dict(Staff.select(Staff.merchant, pw.fn.COUNT(Staff.id)).where(
        Staff.merchant.in_(ids)).group_by(Staff.merchant).tuples()) if ids else {}
    return [_row(m, stores.get(m.id, 0), staff.get(m.id, 0)) for m in rows]


def get_merchant(actor: Actor, merchant_id: int) -> MerchantRow:
    actor.check_merchant(merchant_id)
    for row in list_merchants(actor):
        if row.id == merchant_id:
            return row
    raise NotFound("org.no_merchant", "merchant {merchant} is not registered",
                   merchant=merchant_id)


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """The checked values of the editable fields present in ``values``."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "name":
            out[key] = checks.name(value)
        elif key == "name_en":
            out[key] = checks.optional_text(value, 200)
        elif key in ("province", "city"):
            out[key] = checks.region(value, required=True)
        elif key == "district":
            out[key] = checks.region(value, required=False)
        elif key in ("settlement_account_name", "settlement_bank"):
            out[key] = checks.optional_text(value, 200)
        elif key == "settlement_account_no":
            out[key] = checks.account_number(value)
        elif key == "settlement_email":
            out[key] = checks.email(value)
        else:
            raise ValidationError("org.unknown_field", "there is no field “{field}” to change",
                           field=key)
    return out


def _audited(m: Merchant) -> dict[str, Any]:
    values = row_dict(m)
    values["settlement_account_no"] = checks.masked_account(m.settlement_account_no)
    return values


def _code_taken(code: str) -> Conflict:
    return Conflict("org.merchant_code_taken", "merchant code “{code}” is already taken",
                    code=code)


def register_merchant(actor: Actor, *, code: str, name: str, province: str, city: str,
                      **details: str) -> MerchantRow:
    """A new merchant (operator only). ``details``: name_en, district and the settlement
    fields. Its stores take the city as their region."""
    actor.require_operator()
    code = checks.code(code)
    values = _clean({"name": name, "province": province, "city": city, **details})
    try:
        with write_tx():
            if Merchant.select().where(Merchant.code == code).exists():
                raise _code_taken(code)
            merchant = Merchant.create(code=code, **values)
            audit_change(actor, "merchant_registered", f"merchant:{code}", None,
                         _audited(merchant))
    except pw.IntegrityError:  # a concurrent registration of the same code won
        raise _code_taken(code) from None
    return _row(merchant, 0, 0)


def update_merchant(actor: Actor, merchant_id: int, **changes: str) -> MerchantRow:
    """Change a merchant's names, region or settlement details (operator only). An empty
    ``settlement_account_no`` is left out by the window to keep the stored number; a changed
    city moves the stores that were in the old city with it (the kiosk's offer region)."""
    actor.require_operator()
    values = _clean(changes)
    with write_tx():
        merchant = _locked(merchant_id)
        before = _audited(merchant)
        moved = 0
        if "city" in values and values["city"] != merchant.city and merchant.city:
            moved = Store.update(region=values["city"]).where(
                (Store.merchant == merchant.id) & (Store.region == merchant.city)).execute()
        for key, value in values.items():
            setattr(merchant, key, value)
        merchant.save()
        audit_change(actor, "merchant_changed", f"merchant:{merchant.code}", before,
                     _audited(merchant), stores_moved=moved)
    return get_merchant(actor, merchant_id)


def set_merchant_active(actor: Actor, merchant_id: int, active: bool) -> MerchantRow:
    """Deactivate (or reactivate) a merchant (operator only): its staff can no longer sign
    in and its tills no longer open; its ledger and history stay."""
    actor.require_operator()
    with write_tx():
        merchant = _locked(merchant_id)
        before = _audited(merchant)
        merchant.active = bool(active)
        merchant.save()
        audit_change(actor, "merchant_activated" if active else "merchant_deactivated",
                     f"merchant:{merchant.code}", before, _audited(merchant))
    return get_merchant(actor, merchant_id)


def _locked(merchant_id: int) -> Merchant:
    merchant = lock_row(Merchant, merchant_id)
    if merchant is None:
        raise NotFound("org.no_merchant", "merchant {merchant} is not registered",
                       merchant=merchant_id)
    return merchant
