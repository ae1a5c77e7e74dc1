"""What a member sees of themselves at the kiosk: points, points expiring soon, coupons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import peewee as pw

from app import ledger
from app.clock import utcnow
from app.models import Coupon, Lot, Member, Offer


@dataclass(frozen=True)
class CouponLine:
    id: int
    code: str
    title: str
    title_en: str
    valid_until: datetime


@dataclass(frozen=True)
class Account:
    member_id: int
    name: str
    tier: str
    points: int
    expiring_points: int  # within the next 30 days
    expiring_by: datetime | None
    coupons: list[CouponLine]


def account(member_id: int, now: datetime | None = None) -> Account:
    now = now or utcnow()
    member = Member.get_by_id(member_id)
    holder = ledger.member_account(member)
    soon = now + timedelta(days=30)
    expiring, by = (Lot.select(pw.fn.COALESCE(pw.fn.SUM(Lot.remaining), 0),
                               pw.fn.MIN(Lot.expires_at))
                    .where((Lot.account == holder) & Lot.expired_at.is_null()
                           & (Lot.remaining > 0) & (Lot.expires_at > now)
                           & (Lot.expires_at <= soon)).tuples().first())
    coupons = [CouponLine(c.id, c.code, c.offer.title, c.offer.title_en, c.valid_until)
               for c in Coupon.select(Coupon, Offer).join(Offer)
               .where((Coupon.member == member) & Coupon.redeemed_at.is_null()
                      & (Coupon.valid_until > now)).order_by(Coupon.valid_until)]
    return Account(member.id, member.name, member.tier, ledger.balance(member, now),
                   int(expiring or 0), by, coupons)
