"""Terminals: register, change role or store, deactivate, within the actor's scope. A
deactivated terminal refuses to open (app.till.Till.open)."""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from app.backoffice.actor import Actor, audit_change, row_dict
from app.db import lock_row, write_tx
from app.errors import Conflict, NotFound, ValidationError
from app.models import Merchant, Store, Terminal
from app.orgadmin import checks

TERMINAL_ROLES = ("cashier", "kiosk", "greeter", "handheld", "gate", "backoffice")


@dataclass(frozen=True)
class TerminalRow:
    id: int
    store_id: int
    store_code: str
    merchant_id: int
    merchant_code: str
    code: str
    role: str
    active: bool


def list_terminals(actor: Actor, merchant_id: int | None = None) -> list[TerminalRow]:
    merchant_id = actor.scoped_merchant(merchant_id)
    query = (Terminal.select(Terminal, Store, Merchant)
             .join(Store).join(Merchant).order_by(Merchant.code, Store.code, Terminal.code))
    if merchant_id is not None:
        query = query.where(Store.merchant == merchant_id)
    return [_row(t) for t in query]


def _row(t: Terminal) -> TerminalRow:
    return TerminalRow(t.id, t.store_id, t.store.code, t.store.merchant_id,
                       t.store.merchant.code, t.code, t.role, t.active)


def get_terminal(actor: Actor, terminal_id: int) -> TerminalRow:
    terminal = (Terminal.select(Terminal, Store, Merchant).join(Store).join(Merchant)
                .where(Terminal.id == terminal_id).first())
    if terminal is None:
        raise NotFound("org.no_terminal", "terminal {terminal} is not registered",
                       terminal=terminal_id)
    actor.check_merchant(terminal.store.merchant_id)
    return _row(terminal)


def _role(role: str) -> str:
    if role not in TERMINAL_ROLES:
        raise ValidationError("org.terminal_role",
                              "“{role}” is not a terminal role (cashier, kiosk, greeter, "
                              "handheld, gate or backoffice)", role=role)
    return role


def _store_in_scope(actor: Actor, store_id: int) -> Store:
    store = lock_row(Store, store_id)
    if store is None:
        raise NotFound("org.no_store", "store {store} is not registered", store=store_id)
    actor.check_merchant(store.merchant_id)
    return store


def _code_taken(code: str) -> Conflict:
    return Conflict("org.terminal_code_taken", "terminal code “{code}” is already taken",
                    code=code)


def register_terminal(actor: Actor, store_id: int, *, code: str,
                      role: str = "cashier") -> TerminalRow:
    code = checks.code(code)
    role = _role(role)
    try:
        with write_tx():
            store = _store_in_scope(actor, store_id)
            if Terminal.select().where(Terminal.code == code).exists():
                raise _code_taken(code)
            terminal = Terminal.create(store=store, code=code, role=role)
            audit_change(actor, "terminal_registered", f"terminal:{code}", None,
                         row_dict(terminal))
    except pw.IntegrityError:
        raise _code_taken(code) from None
    return get_terminal(actor, terminal.id)


def update_terminal(actor: Actor, terminal_id: int, *, role: str | None = None,
                    store_id: int | None = None) -> TerminalRow:
    """Change a terminal's role, or move it to another store of the same merchant."""
    with write_tx():
        terminal = _locked(actor, terminal_id)
        before = row_dict(terminal)
        if role is not None:
            terminal.role = _role(role)
        if store_id is not None and store_id != terminal.store_id:
            current = Store.get_by_id(terminal.store_id)
            store = _store_in_scope(actor, store_id)
            if store.merchant_id != current.merchant_id:
                raise ValidationError("org.terminal_other_merchant",
                                      "a terminal moves only between its merchant's stores")
            terminal.store = store
        terminal.save()
        audit_change(actor, "terminal_changed", f"terminal:{terminal.code}", before,
                     row_dict(terminal))
    return get_terminal(actor, terminal_id)


def set_terminal_active(actor: Actor, terminal_id: int, active: bool) -> TerminalRow:
    with write_tx():
        terminal = _locked(actor, terminal_id)
        before = row_dict(terminal)
        terminal.active = bool(active)
        terminal.save()
        audit_change(actor, "terminal_activated" if active else "terminal_deactivated",
                     f"terminal:{terminal.code}", before, row_dict(terminal))
    return get_terminal(actor, terminal_id)


def _locked(actor: Actor, terminal_id: int) -> Terminal:
    terminal = lock_row(Terminal, terminal_id)
    if terminal is None:
        raise NotFound("org.no_terminal", "terminal {terminal} is not registered",
                       terminal=terminal_id)
    actor.check_merchant(Store.get_by_id(terminal.store_id).merchant_id)
    return terminal
