"""The points a cart would earn if paid now without points: what the customer display
promises while the cart is rung up. Checkout computes the real figure at commit (same rules,
its own prices), so this is a preview, never a record."""

from __future__ import annotations

from app.cart import Cart
from app.clock import utcnow
from app.models import Merchant
from app.points_rules import earn_per_line


def points_preview(merchant_id: int, tier: str | None, cart: Cart) -> int:
    if not cart.lines:
        return 0
    merchant = Merchant.get_by_id(merchant_id)
    totals = cart.totals()
    bonus = [ln.product.bonus_points * (1 if ln.weighed else ln.quantity) for ln in cart.lines]
    return sum(earn_per_line(merchant, tier, utcnow(), [t.total for t in totals.lines],
                             bonus, 0))
