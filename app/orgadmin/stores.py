"""Stores: register, edit, deactivate within the actor's scope (an operator any merchant's, a
manager their own merchant's). A store's region is a city code, by default its merchant's
city: the kiosk matches offers on it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import peewee as pw

from app.backoffice.actor import Actor, audit_change, row_dict
from app.db import lock_row, write_tx
from app.errors import Conflict, NotFound, ValidationError
from app.models import Merchant, Store, Terminal
from app.orgadmin import checks

EDITABLE = ("name", "name_en", "region", "address", "timezone", "currency")


@dataclass(frozen=True)
class StoreRow:
    id: int
    merchant_id: int
    merchant_code: str
    code: str
    name: str
    name_en: str
    region: str
    address: str
    timezone: str
    currency: str
    active: bool
    terminals: int


def list_stores(actor: Actor, merchant_id: int | None = None) -> list[StoreRow]:
    """The stores of ``merchant_id`` (None: all the actor may see)."""
    merchant_id = actor.scoped_merchant(merchant_id)
    query = Store.select(Store, Merchant).join(Merchant).order_by(Merchant.code, Store.code)
    if merchant_id is not None:
        query = query.where(Store.merchant == merchant_id)
    stores = list(query)
    ids = [s.id for s in stores]
    counts = dict(Terminal.select(Terminal.store, pw.fn.COUNT(Terminal.id)).where(
        Terminal.store.in_(ids)).group_by(Terminal.store).tuples()) if ids else {}
    return [_row(s, s.merchant.code, counts.get(s.id, 0)) for s in stores]


def _row(s: Store, merchant_code: str, terminals: int) -> StoreRow:
    return StoreRow(s.id, s.merchant_id, merchant_code, s.code, s.name, s.name_en, s.region,
                    s.address, s.timezone, s.currency, s.active, terminals)


def get_store(actor: Actor, store_id: int) -> StoreRow:
    store = Store.get_or_none(Store.id == store_id)
    if store is None:
        raise NotFound("org.no_store", "store {store} is not registered", store=store_id)
    actor.check_merchant(store.merchant_id)
    return next(r for r in list_stores(actor, store.merchant_id) if r.id == store_id)


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "name":
            out[key] = checks.name(value)
        elif key == "name_en":
            out[key] = checks.optional_text(value, 200)
        elif key == "address":
            out[key] = checks.optional_text(value, 300)
        elif key == "region":
            out[key] = checks.region(value, required=False)
        elif key == "timezone":
            out[key] = checks.timezone(value)
        elif key == "currency":
            out[key] = checks.currency(value)
        else:
            raise ValidationError("org.unknown_field", "there is no field “{field}” to change",
                                  field=key)
    return out


def _code_taken(code: str) -> Conflict:
    return Conflict("org.store_code_taken", "store code “{code}” is already taken", code=code)


def register_store(actor: Actor, merchant_id: int, *, code: str, name: str,
                   timezone: str = "Asia/Shanghai", **details: str) -> StoreRow:
    """A new store of ``merchant_id``. ``details``: name_en, region (default: the merchant's
    city), address, currency (default CNY)."""
    actor.check_merchant(merchant_id)
    code = checks.code(code)
    values = _clean({"name": name, "timezone": timezone, **details})
    try:
        with write_tx():
            merchant = lock_row(Merchant, merchant_id)
            if merchant is None:
                raise NotFound("org.no_merchant", "merchant {merchant} is not registered",
                               merchant=merchant_id)
            if not merchant.active:
                raise ValidationError("org.merchant_inactive",
                                      "merchant {merchant} is deactivated",
                                      merchant=merchant.code)
            if Store.select().where(Store.code == code).exists():
                raise _code_taken(code)
            values["region"] = values.get("region") or merchant.city
            store = Store.create(merchant=merchant, code=code, **values)
            audit_change(actor, "store_registered", f"store:{code}", None, row_dict(store))
    except pw.IntegrityError:
        raise _code_taken(code) from None
    return _row(store, merchant.code, 0)


def update_store(actor: Actor, store_id: int, **changes: str) -> StoreRow:
    values = _clean(changes)
    with write_tx():
        store = _locked(actor, store_id)
        before = row_dict(store)
        for key, value in values.items():
            setattr(store, key, value)
        store.save()
        audit_change(actor, "store_changed", f"store:{store.code}", before, row_dict(store))
    return get_store(actor, store_id)


def set_store_active(actor: Actor, store_id: int, active: bool) -> StoreRow:
    """Close (or reopen) a store: its tills refuse to open while it is closed."""
    with write_tx():
        store = _locked(actor, store_id)
        before = row_dict(store)
        store.active = bool(active)
        store.save()
        audit_change(actor, "store_activated" if active else "store_deactivated",
                     f"store:{store.code}", before, row_dict(store))
    return get_store(actor, store_id)


def _locked(actor: Actor, store_id: int) -> Store:
    store = lock_row(Store, store_id)
    if store is None:
        raise NotFound("org.no_store", "store {store} is not registered", store=store_id)
    actor.check_merchant(store.merchant_id)
    return store
