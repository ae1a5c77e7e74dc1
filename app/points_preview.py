"""The points a cart would earn if paid now without points: what the customer display
promises while the cart is rung up. Checkout computes the real figure at commit (same rules,
its own prices), so this is a preview, never a record."""

from __future__ import annotations

from app.cart import Cart
from app.clock import utcnow
from app.loyalty.rules import cart_lines, earn
from app.models import Merchant, Store


def points_preview(merchant_id: int, tier: str | None, cart: Cart,
                   store_id: int | None = None) -> int:
    if not cart.lines:
        return 0
    merchant = Merchant.get_by_id(merchant_id)
    store = (Store.get_by_id(store_id) if store_id is not None
             else Store.select().where(Store.merchant == merchant_id).first())
    return earn(merchant, store, tier, utcnow(), cart_lines(cart, cart.totals())).total
