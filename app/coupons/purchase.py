"""Buying an offer at the kiosk, money included: the checks a shopper can fail come before the
wallet is charged, the order (app.coupons.ordering) claims the captured payment, and a money
payment whose order then fails (the offer sold out or ended while the shopper was paying) is
paid back through the provider at once — a shopper is never charged for a coupon they did
not get.

A kiosk keeps one client UUID per attempt and passes the captured payment's reference back on
a retry, so a retry after a timeout replays the coupon and never charges twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from app import ledger, payments
from app.clock import utcnow
from app.coupons.ordering import IssuedCoupon, order_offer
from app.errors import Conflict, InsufficientPoints
from app.kiosk.terminal import KioskInfo
from app.models import Coupon, Merchant, Offer


@dataclass(frozen=True)
class Purchase:
    coupon: IssuedCoupon | None
    payment_reference: str = ""  # the captured payment (kept by the kiosk for a retry)
    refunded: bool = False  # the payment was paid back because the order failed


def precheck(kiosk: KioskInfo, member_id: int, offer_id: int) -> Offer:
    """What can be known before charging: the offer is live here, has stock, the member may
    order it again and has the points."""
    offer = Offer.get_or_none(Offer.id == offer_id)
    now = utcnow()
    merchant = Merchant.get_or_none(Merchant.id == offer.merchant_id) if offer else None
    if (offer is None or not offer.active or merchant is None or not merchant.active
            or not offer.valid_from <= now < offer.valid_until
            or offer.region not in ("", kiosk.region)):
        raise Conflict("coupon.offer_gone", "this offer has ended; choose another")
    if offer.stock is not None and offer.stock <= 0:
        raise Conflict("coupon.sold_out", "this offer has just sold out")
    held = Coupon.select().where((Coupon.offer == offer.id)
                                 & (Coupon.member == member_id)).count()
    if held >= offer.per_member_limit:
        raise Conflict("coupon.limit", "each member may order this offer {limit} times",
                       limit=offer.per_member_limit)
    have = ledger.balance(member_id)
    if offer.price_points > have:
        raise InsufficientPoints("coupon.points_short", "this offer costs {points} points; "
                                 "you have {have}", points=offer.price_points, have=have)
    return offer


def buy(kiosk: KioskInfo, member_id: int, offer_id: int, client_uuid: str,
        customer_code: str = "", payment_reference: str = "",
        provider_name: str = payments.SimulatedQrProvider.name) -> Purchase:
    """Order the offer; a money price is charged to the wallet showing ``customer_code`` (or
    was already, as ``payment_reference``, on a retry)."""
    existing = Coupon.get_or_none(Coupon.client_uuid == client_uuid) if _is_uuid(
        client_uuid) else None
    if existing is not None:  # a retry of an order that went through: replay, charge nothing
        return Purchase(order_offer(kiosk, member_id, offer_id, client_uuid, payment_reference),
                        payment_reference)
    offer = precheck(kiosk, member_id, offer_id)
    provider = payments.provider(provider_name)
    if offer.price and not payment_reference:
        payment_reference = provider.charge(offer.merchant_id, kiosk.terminal_id, offer.price,
                                            customer_code).reference
    try:
        return Purchase(order_offer(kiosk, member_id, offer_id, client_uuid, payment_reference),
                        payment_reference)
    except (Conflict, InsufficientPoints) as exc:
        if offer.price and payment_reference and hasattr(provider, "refund"):
            provider.refund(payment_reference, offer.price, key=f"coupon:{client_uuid}")
            exc.params = {**exc.params, "refunded": True}  # the kiosk says the money went back
        raise


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return True
