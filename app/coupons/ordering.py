"""Ordering an offer at the kiosk: the member pays its points (through the ledger) and/or its
price (a captured payment of the provider), and gets an electronic coupon.

One write transaction does it all, in the one locking pattern: the offer's row is locked, then
its stock, the member's per-offer limit and the offer's validity are checked against what is
committed; points are spent with the key ``coupon:<client uuid>`` and a money payment is
claimed by a conditional update, so a retried order (same client UUID) replays the coupon it
made and never charges twice. The merchant is told through the outbox.

The coupon's code is ``C…`` (app.typable_codes) with the coupon's row id as its serial: short
enough to type at a till, and its QR carries the same text.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from app import ledger, typable_codes
from app.clock import utcnow
from app.db import lock_row, write_tx
from app.errors import Conflict, IdempotencyConflict, NotFound, ValidationError
from app.kiosk.terminal import KioskInfo
from app.messaging import notices
from app.models import Coupon, Member, Merchant, Offer, PaymentRecord
from app.money import format_money

KIND = "C"


@dataclass(frozen=True)
class IssuedCoupon:
    id: int
    code: str  # canonical: the QR's text
    grouped: str  # for people
    title: str
    title_en: str
    merchant_name: str
    valid_until: datetime
    points_paid: int
    money_paid: int
    replayed: bool = False


def _issued(coupon: Coupon, replayed: bool = False) -> IssuedCoupon:
    offer = Offer.get_by_id(coupon.offer_id)
    merchant = Merchant.get_by_id(offer.merchant_id)
    spent = ledger.existing(f"coupon:{coupon.client_uuid}")
    return IssuedCoupon(coupon.id, coupon.code,
                        typable_codes.TypableCode(KIND, coupon.id, "", coupon.code).grouped,
                        offer.title, offer.title_en, merchant.name, coupon.valid_until,
                        spent.amount if spent else 0, offer.price, replayed)


def _uuid(client_uuid: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(client_uuid))
    except ValueError:
        raise ValidationError("coupon.bad_client_uuid", "an order needs a client UUID, not "
                              "{value}", value=str(client_uuid)[:40]) from None


def order_offer(kiosk: KioskInfo, member_id: int, offer_id: int, client_uuid: str,
                payment_reference: str = "") -> IssuedCoupon:
    """Issue a coupon of ``offer_id`` to the member; ``payment_reference`` names the captured
    provider payment when the offer has a money price."""
    key = _uuid(client_uuid)
    with write_tx():
        existing = Coupon.get_or_none(Coupon.client_uuid == key)
        if existing is not None:
            if existing.offer_id != offer_id or existing.member_id != member_id:
                raise IdempotencyConflict("coupon.order_conflict", "order {key} was already "
                                          "placed for another offer or member", key=str(key))
            return _issued(existing, replayed=True)
        offer = lock_row(Offer, offer_id)
        member = Member.get_or_none(Member.id == member_id)
        if member is None:
            raise NotFound("coupon.no_member", "member {member} does not exist", member=member_id)
        now = utcnow()
        merchant = Merchant.get_by_id(offer.merchant_id) if offer is not None else None
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
        if offer.stock is not None:
            Offer.update(stock=Offer.stock - 1).where(Offer.id == offer.id).execute()
        coupon = Coupon.create(code=f"pending:{key}", client_uuid=key, offer=offer.id,
                               member=member_id, issued_at=now,
                               valid_until=min(offer.valid_until,
                                               now + timedelta(days=offer.coupon_validity_days)))
        code = typable_codes.make(KIND, coupon.id).text
        Coupon.update(code=code).where(Coupon.id == coupon.id).execute()
        if offer.price_points:
            ledger.spend(ledger.member_account(member), merchant, offer.price_points,
                         key=f"coupon:{key}", reason=f"coupon {offer.title}", source="coupon",
                         ctx=ledger.Context(merchant=merchant.id, terminal=kiosk.terminal_id,
                                            source_ref=code))
        if offer.price:
            _claim_payment(payment_reference, offer)
        notices.queue(f"coupon-order:{coupon.id}", "merchant", merchant.code, "coupon_order",
                      "zh_CN", merchant=merchant.name, title=offer.title, code=code,
                      member=member.number, valid_until=f"{coupon.valid_until:%Y-%m-%d}")
        return _issued(Coupon.get_by_id(coupon.id))


def _claim_payment(reference: str, offer: Offer) -> None:
    """The offer's money price was taken by the provider: claim that payment for this order
    (a conditional update, so one payment buys one coupon)."""
    record = PaymentRecord.get_or_none((PaymentRecord.kind == "qr")
                                       & (PaymentRecord.reference == reference.strip()))
    if (record is None or record.status != "captured" or record.amount != offer.price
            or record.merchant_id != offer.merchant_id):
        raise ValidationError("coupon.payment_missing", "the payment for this offer was not "
                              "taken; pay {amount} first", amount=format_money(offer.price))
    claimed = PaymentRecord.update(used_at=utcnow()).where(
        (PaymentRecord.id == record.id) & PaymentRecord.used_at.is_null()
        & PaymentRecord.sale.is_null()).execute()
    if claimed != 1:
        raise Conflict("coupon.payment_used", "this payment has already bought something")


def member_coupons(member_id: int) -> list[IssuedCoupon]:
    """The member's coupons still to use, soonest ending first (re-send, re-print)."""
    now = utcnow()
    rows = (Coupon.select().where((Coupon.member == member_id) & Coupon.redeemed_at.is_null()
                                  & (Coupon.valid_until > now)).order_by(Coupon.valid_until))
    return [_issued(c) for c in rows]


def resend_sms(member_id: int, coupon_id: int, language: str = "zh_CN") -> None:
    """Send the coupon's code to the member's phone again (at most once a minute)."""
    coupon = Coupon.get_or_none((Coupon.id == coupon_id) & (Coupon.member == member_id))
    if coupon is None:
        raise NotFound("coupon.not_yours", "this coupon is not yours")
    member = Member.get_by_id(member_id)
    issued = _issued(coupon)
    minute = utcnow().strftime("%Y%m%d%H%M")
    with write_tx():
        notices.queue(f"coupon-sms:{coupon.id}:{minute}", "sms", member.phone, "coupon_sms",
                      language, title=issued.title if language != "en" or not issued.title_en
                      else issued.title_en, code=issued.grouped,
                      valid_until=f"{issued.valid_until:%Y-%m-%d}")
