"""Which kiosk this is: its terminal row, store, merchant and region, read from the database
(the config names the terminal; nothing the window claims is trusted)."""

from __future__ import annotations

from dataclasses import dataclass

from app.clock import store_timezone
from app.errors import NotFound
from app.models import Merchant, Store, Terminal


@dataclass(frozen=True)
class KioskInfo:
    terminal_id: int
    terminal_code: str
    store_id: int
    store_name: str
    store_name_en: str
    merchant_id: int
    merchant_name: str
    region: str
    timezone: str


def open_kiosk(code: str = "") -> KioskInfo:
    """The kiosk terminal ``code``; without a code, the first terminal registered as a kiosk."""
    query = Terminal.select().order_by(Terminal.id)
    terminal = (query.where(Terminal.code == code) if code
                else query.where(Terminal.role == "kiosk")).first()
    if terminal is None:
        if code:
            raise NotFound("kiosk.unknown_terminal", "terminal “{terminal}” is not registered",
                           terminal=code)
        raise NotFound("kiosk.no_terminal", "no kiosk terminal is registered in this database "
                       "(register one in the back office, or run with --demo)")
    store = Store.get_by_id(terminal.store_id)
    merchant = Merchant.get_by_id(store.merchant_id)
    return KioskInfo(terminal.id, terminal.code, store.id, store.name, store.name_en,
                     merchant.id, merchant.name, store.region, store_timezone(store))
