"""The card medium (SPEC §3): a coupon carried on a stored-value card from the kiosk's card
dispenser.

How the values move, all in points and all through the ledger:

- **Loading** a dispensed card (:func:`load_card`): the card's *balance* is what the member paid
  for the coupon in points; its *deposit* (setting ``kiosk_card_deposit_points``) is spent at
  the kiosk's merchant, who holds the card, with the key ``coupon:card-deposit:<coupon>``.
  Only a coupon paid in points goes on a card (a money price is not refundable at a kiosk).
- **Returning** the card at a kiosk (:func:`return_card`): the coupon is used up by the return
  (it can no longer be redeemed at a till), its points come back to the member by restoring
  the coupon's spend, and the deposit comes back by restoring the deposit's spend — both
  ``refund:card:<number>:…`` keys, so a second return gives nothing twice. A card whose coupon
  was already redeemed at a till brings back only its deposit.
- **Not returned** within ``kiosk_card_return_days`` (:func:`book_unreturned`, the
  ``card_booking`` job): the balance is transferred back to the member's points the same way
  (the coupon is closed), the deposit stays with the kiosk's merchant for the lost card, and
  the operator is told through the outbox — never silently, once per card.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app import audit, ledger
from app.clock import utcnow
from app.db import lock_row, write_tx
from app.errors import Conflict, InsufficientPoints, NotFound, ValidationError
from app.kiosk.terminal import KioskInfo
from app.messaging import notices
from app.models import Coupon, Member, Merchant, Offer, Setting, StoredValueCard, Transfer

DEPOSIT_KEY = "kiosk_card_deposit_points"
RETURN_DAYS_KEY = "kiosk_card_return_days"
DEFAULT_DEPOSIT, DEFAULT_RETURN_DAYS = 100, 30
OPERATOR = "coalition"  # the outbox recipient of notices for the coalition's operator


@dataclass(frozen=True)
class CardTerms:
    coupon_id: int
    balance: int  # points the card carries
    deposit: int  # points pledged for the card
    return_days: int


@dataclass(frozen=True)
class CardState:
    number: str
    coupon_code: str
    balance: int
    deposit: int
    due_back: datetime
    returned_at: datetime | None
    booked_at: datetime | None
    refunded: int = 0  # points given back by this call (return)


def _setting(key: str, default: int) -> int:
    row = Setting.get_or_none(Setting.key == key)
    try:
        value = int(row.value) if row is not None else default
    except ValueError:
        value = default
    return max(0, value)


def _coupon_spend(coupon: Coupon) -> Transfer | None:
    return ledger.existing(f"coupon:{coupon.client_uuid}")


def _state(card: StoredValueCard, refunded: int = 0) -> CardState:
    return CardState(card.number, Coupon.get_by_id(card.coupon_id).code, card.balance,
                     card.deposit, card.due_back, card.returned_at, card.booked_at, refunded)


def _check_number(number: str) -> str:
    text = str(number or "").strip()
    if not (text.isascii() and text.isalnum() and 4 <= len(text) <= 32):
        raise ValidationError("card.bad_number", "“{number}” is not a card number of this "
                              "kiosk's dispenser", number=text[:40])
    return text


def card_terms(member_id: int, coupon_id: int) -> CardTerms:
    """What a card for this coupon would carry and cost; refused before a card is dispensed
    when it cannot be loaded (not the member's, used, paid in money, deposit not covered)."""
    coupon = Coupon.get_or_none((Coupon.id == coupon_id) & (Coupon.member == member_id))
    if coupon is None:
        raise NotFound("coupon.not_yours", "this coupon is not yours")
    if coupon.redeemed_at is not None or coupon.valid_until <= utcnow():
        raise Conflict("card.coupon_closed", "this coupon is used or has expired")
    if StoredValueCard.select().where(StoredValueCard.coupon == coupon.id).exists():
        raise Conflict("card.already_carded", "this coupon is already on a card")
    offer = Offer.get_by_id(coupon.offer_id)
    spend = _coupon_spend(coupon)
    if offer.price or spend is None:
        raise ValidationError("card.points_only", "only a coupon bought with points can go on "
                              "a card")
    deposit = _setting(DEPOSIT_KEY, DEFAULT_DEPOSIT)
    have = ledger.balance(member_id)
    if have < deposit:
        raise InsufficientPoints("card.deposit_short", "the card's deposit is {deposit} "
                                 "points; you have {have}", deposit=deposit, have=have)
    return CardTerms(coupon.id, spend.amount, deposit,
                     _setting(RETURN_DAYS_KEY, DEFAULT_RETURN_DAYS))


def load_card(kiosk: KioskInfo, member_id: int, coupon_id: int, number: str) -> CardState:
    """Record the dispensed card ``number`` as carrying the coupon and take its deposit. A
    replay for the same card and coupon returns the card as it is."""
    number = _check_number(number)
    with write_tx():
        coupon = lock_row(Coupon, coupon_id)
        if coupon is None or coupon.member_id != member_id:
            raise NotFound("coupon.not_yours", "this coupon is not yours")
        existing = StoredValueCard.get_or_none(StoredValueCard.number == number)
        if existing is not None:
            if existing.coupon_id != coupon.id:
                raise Conflict("card.number_used", "card {number} already carries another "
                               "coupon", number=number)
            return _state(existing)
        terms = card_terms(member_id, coupon.id)
        now = utcnow()
        merchant = Merchant.get_by_id(kiosk.merchant_id)
        if terms.deposit:
            ledger.spend(ledger.member_account(member_id), merchant, terms.deposit,
                         key=f"coupon:card-deposit:{coupon.id}", reason=f"card {number} deposit",
                         source="coupon",
                         ctx=ledger.Context(merchant=merchant.id, terminal=kiosk.terminal_id,
                                            source_ref=number))
        card = StoredValueCard.create(number=number, member=member_id, coupon=coupon.id,
                                      terminal=kiosk.terminal_id, balance=terms.balance,
                                      deposit=terms.deposit, issued_at=now,
                                      due_back=now + timedelta(days=terms.return_days))
        audit.record("card.issued", actor=None, terminal=kiosk.terminal_id, target=number,
                     coupon=coupon.code, balance=terms.balance, deposit=terms.deposit)
        return _state(card)


def _give_back_balance(card: StoredValueCard, now: datetime, key: str, reason: str) -> int:
    """Close the card's coupon if no till used it, and restore the points it cost."""
    closed = Coupon.update(redeemed_at=now).where(
        (Coupon.id == card.coupon_id) & Coupon.redeemed_at.is_null()).execute()
    spend = _coupon_spend(Coupon.get_by_id(card.coupon_id))
    if not closed or not card.balance or spend is None:
        return 0
    back = ledger.restore_spend(spend, card.balance, key=key, reason=reason)
    return back.amount if back else 0


def return_card(kiosk: KioskInfo, number: str) -> CardState:
    """A card put back into the kiosk's intake: its balance and deposit back to the member."""
    number = _check_number(number)
    with write_tx():
        found = StoredValueCard.get_or_none(StoredValueCard.number == number)
        if found is None:
            raise NotFound("card.unknown", "card {number} was not issued by the coalition",
                           number=number)
        card = lock_row(StoredValueCard, found.id)
        if card.returned_at is not None:
            raise Conflict("card.already_returned", "card {number} was already returned",
                           number=number)
        if card.booked_at is not None:
            raise Conflict("card.booked", "card {number} came back after its return date; "
                           "its value was already booked — ask staff", number=number)
        now = utcnow()
        refunded = _give_back_balance(card, now, f"refund:card:{number}:balance",
                                      f"card {number} returned")
        deposit = ledger.existing(f"coupon:card-deposit:{card.coupon_id}")
        if deposit is not None:
            back = ledger.restore_spend(deposit, card.deposit, key=f"refund:card:{number}:deposit",
                                        reason=f"card {number} deposit back")
            refunded += back.amount if back else 0
        StoredValueCard.update(returned_at=now, balance=0).where(
            StoredValueCard.id == card.id).execute()
        audit.record("card.returned", actor=None, terminal=kiosk.terminal_id, target=number,
                     refunded=refunded)
        member = Member.get_by_id(card.member_id)
        if refunded:
            notices.queue_balance_change(member, f"card-returned:{number}", refunded,
                                         f"card {number} returned")
        return _state(StoredValueCard.get_by_id(card.id), refunded)


def _book(card_id: int, now: datetime) -> bool:
    with write_tx():
        card = lock_row(StoredValueCard, card_id)
        if card is None or card.returned_at is not None or card.booked_at is not None:
            return False  # returned meanwhile, or booked by another run
        transferred = _give_back_balance(card, now, f"refund:card:{card.number}:booked",
                                         f"card {card.number} not returned: balance back")
        StoredValueCard.update(booked_at=now, balance=0).where(
            StoredValueCard.id == card.id).execute()
        member = Member.get_by_id(card.member_id)
        audit.record("card.booked", actor=None, terminal=card.terminal_id, target=card.number,
                     balance_to_member=transferred, deposit_kept=card.deposit)
        notices.queue(f"card-booked:{card.number}", "operator", OPERATOR, "card_booked",
                      "zh_CN", number=card.number, member=member.number,
                      due_back=f"{card.due_back:%Y-%m-%d}", balance=transferred,
                      deposit=card.deposit)
        if transferred:
            notices.queue_balance_change(member, f"card-booked-member:{card.number}",
                                         transferred, f"card {card.number} not returned")
        return True


def book_unreturned(now: datetime | None = None) -> int:
    """Book every card past its return date, one card per transaction; returns how many."""
    now = now or utcnow()
    due = [c for (c,) in StoredValueCard.select(StoredValueCard.id).where(
        StoredValueCard.returned_at.is_null() & StoredValueCard.booked_at.is_null()
        & (StoredValueCard.due_back <= now)).order_by(StoredValueCard.id).tuples()]
    return sum(_book(card_id, now) for card_id in due)


def coupon_code_for_card(number: str) -> str:
    """The coupon a card carries (a till can redeem the card by this code)."""
    card = StoredValueCard.get_or_none(StoredValueCard.number == _check_number(number))
    if card is None:
        raise NotFound("card.unknown", "card {number} was not issued by the coalition",
                       number=number)
    return Coupon.get_by_id(card.coupon_id).code
