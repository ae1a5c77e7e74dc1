"""Coupons as tenders: valued from their offer, for their own member, at the offer's merchant.

:func:`check` is the read (the till uses it to show what a coupon is worth); :func:`redeem`
claims the coupon for a sale inside that sale's transaction with a conditional UPDATE
(``redeemed_at IS NULL`` and still valid → one row means this sale won), so a coupon pays
once however many tills try at the same moment.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.clock import utcnow
from app.errors import AlreadyRedeemed, NotFound, PermissionDenied, ValidationError
from app.models import Coupon, Member, Merchant, Offer, Sale


@dataclass(frozen=True)
class CouponInfo:
    code: str
    title: str
    title_en: str
    value: int  # the offer's face value, minor units


def check(code: str, member: Member | int | None, merchant: Merchant | int) -> tuple[Coupon,
                                                                                    CouponInfo]:
    """The coupon ``code`` if ``member`` may pay with it at ``merchant`` now, else a refusal."""
    code = code.strip()
    coupon = Coupon.get_or_none(Coupon.code == code) if code else None
    if coupon is None:
        raise NotFound("coupon.unknown", "no coupon {code}", code=code)
    member_id = member.id if isinstance(member, Member) else member
    if member_id is None or coupon.member_id != member_id:
        raise PermissionDenied("coupon.other_member",
                               "coupon {code} belongs to another member", code=code)
    offer = Offer.get_by_id(coupon.offer_id)
    merchant_id = merchant.id if isinstance(merchant, Merchant) else merchant
    if offer.merchant_id != merchant_id:
        raise PermissionDenied("coupon.other_merchant",
                               "coupon {code} is not valid at this merchant", code=code)
    if coupon.redeemed_at is not None:
        raise AlreadyRedeemed("coupon.used", "coupon {code} has already been used", code=code)
    if coupon.valid_until <= utcnow():
        raise ValidationError("coupon.expired", "coupon {code} has expired", code=code)
    return coupon, CouponInfo(code, offer.title, offer.title_en, offer.face_value)


def redeem(coupon: Coupon, sale: Sale) -> None:
    """Claim ``coupon`` for ``sale`` (call inside the sale's write transaction)."""
    used = Coupon.update(redeemed_at=sale.created_at, redeemed_store=sale.store_id,
                         redeemed_sale=sale.id).where(
        (Coupon.id == coupon.id) & Coupon.redeemed_at.is_null()
        & (Coupon.valid_until > sale.created_at) & (Coupon.member == sale.member_id)
    ).execute()
    if used != 1:
        raise AlreadyRedeemed("coupon.used", "coupon {code} has already been used",
                              code=coupon.code)
