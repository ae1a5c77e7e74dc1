"""What the back office's first page shows: counts within the actor's scope."""

from __future__ import annotations

from dataclasses import dataclass

from app.backoffice.actor import Actor
from app.models import Member, Merchant, Store, Terminal


@dataclass(frozen=True)
class Overview:
    merchant_name: str | None  # None: the whole coalition (operator)
    merchants: int
    stores: int
    terminals: int
    members: int


def overview(actor: Actor) -> Overview:
    merchants = actor.merchants(Merchant.select(), Merchant.id)
    stores = actor.merchants(Store.select(), Store.merchant)
    terminals = actor.merchants(Terminal.select().join(Store), Store.merchant)
    members = actor.merchants(Member.select(), Member.home_merchant)
    name = None
    if not actor.is_operator:
        name = Merchant.get_by_id(actor.merchant_id).name
    return Overview(name, merchants.count(), stores.count(), terminals.count(), members.count())
