"""Which store a greeter stands in, and how it greets (Store.greeting_mode)."""

from __future__ import annotations

from dataclasses import dataclass

from app.clock import store_timezone
from app.errors import NotFound
from app.models import Store, Terminal

MODES = ("passive", "check-in")


@dataclass(frozen=True)
class Door:
    store_id: int
    store_name: str
    store_name_en: str
    mode: str  # passive | check-in
    terminal_code: str
    timezone: str


def open_door(code: str = "") -> Door:
    """The greeter terminal ``code``; without one, the first terminal registered as a greeter,
    else (the demo) the first store."""
    query = Terminal.select().order_by(Terminal.id)
    terminal = (query.where(Terminal.code == code) if code
                else query.where(Terminal.role == "greeter")).first()
    if terminal is None and code:
        raise NotFound("greeter.unknown_terminal", "terminal “{terminal}” is not registered",
                       terminal=code)
    store = (Store.get_by_id(terminal.store_id) if terminal is not None
             else Store.select().order_by(Store.id).first())
    if store is None:
        raise NotFound("greeter.no_store", "no store is registered in this database "
                       "(register one in the back office, or run with --demo)")
    mode = store.greeting_mode if store.greeting_mode in MODES else "check-in"
    return Door(store.id, store.name, store.name_en, mode,
                terminal.code if terminal is not None else "", store_timezone(store))
