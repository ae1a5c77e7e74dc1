"""Members: registration, consents, identification by card, phone or member QR."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

import peewee as pw

from app import codes, ledger
from app.clock import utcnow
from app.db import write_tx
from app.errors import NotFound, ValidationError
from app.models import Consent, Coupon, Member, MemberCard, Staff, Store, Wallet
from app.typed_input import checked

MEMBER_QR_PREFIX = "PM1"
_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def normalize_phone(text: str) -> str:
    """A mainland China mobile number: 11 digits starting 13–19; '+86' and spaces allowed."""
    digits = re.sub(r"[\s\-()]", "", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if not digits.isdigit():
        raise ValidationError("member.phone_not_digits", "“{text}” is not a phone number", text=text)
    if len(digits) != 11:
        raise ValidationError("member.phone_length",
                              "a mobile number has 11 digits; “{text}” has {digits}",
                              text=text, digits=len(digits))
    if not _MOBILE.match(digits):
        raise ValidationError("member.phone_not_mobile",
                              "“{text}” is not a mobile number (it must start 13–19)", text=text)
    return digits


def _new_member_number() -> str:
    return "8" + "".join(secrets.choice("0123456789") for _ in range(11))


def register(
    phone: str,
    name: str = "",
    *,
    store: Store | None = None,
    staff: Staff | None = None,
    marketing_consent: bool = False,
    terms_accepted: bool = False,
    card_number: str | None = None,
) -> Member:
    """Register a member (or return the existing one for this phone). Consents are recorded."""
    phone = normalize_phone(phone)
    with write_tx():
        found = Member.get_or_none(Member.phone == phone)
        if found is not None:
            return found
        for _ in range(5):
            number = _new_member_number()
            if not Member.select().where(Member.number == number).exists():
                break
        member = Member.create(
            number=number, phone=phone, name=name.strip(), registered_store=store,
            home_merchant=store.merchant_id if store else None,
        )
        if terms_accepted:
            Consent.create(member=member, kind="terms", purpose="membership terms and privacy notice",
                           recorded_by=staff, store=store)
        if marketing_consent:
            Consent.create(member=member, kind="marketing", purpose="offers by SMS and app",
                           recorded_by=staff, store=store)
        if card_number:
            issue_card(member, card_number)
        ledger.member_account(member)
    return member


def issue_card(member: Member, number: str, kind: str = "magstripe") -> MemberCard:
    number = number.strip()
    if not number:
        raise ValidationError("member.card_empty", "card number is empty")
    try:
        with write_tx():
            return MemberCard.create(member=member, number=number, kind=kind)
    except pw.IntegrityError:
        raise ValidationError("member.card_taken", "card {number} already belongs to a member",
                              number=number) from None


def member_qr(member: Member) -> str:
    """The text of a member's QR code (shown in their app or on a printed card)."""
    return codes.sign(MEMBER_QR_PREFIX, member.number)


def identify(text: str) -> Member:
    """Find a member by member QR, card number, phone number or member number."""
    text = checked(text)
    if not text:
        raise ValidationError("member.identify_empty", "nothing to identify a member with")
    if text.startswith(MEMBER_QR_PREFIX + "."):
        number = codes.verify(text, MEMBER_QR_PREFIX)
        member = Member.get_or_none(Member.number == number)
        if member is None:
            raise NotFound("member.qr_unknown", "this member QR belongs to no member")
        return member
    card = (
        MemberCard.select(MemberCard, Member).join(Member)
        .where((MemberCard.number == text) & (MemberCard.active == True))  # noqa: E712
        .first()
    )
    if card is not None:
        return card.member
    member = Member.get_or_none(Member.number == text)
    if member is not None:
        return member
    if text.replace("+", "").replace(" ", "").isdigit() and len(text) >= 11:
        member = Member.get_or_none(Member.phone == normalize_phone(text))
        if member is not None:
            return member
        raise NotFound("member.unknown_phone", "no member with phone {phone}", phone=text)
    if text.isdigit() and len(text) < 11:
        raise ValidationError("member.too_short",
                              "“{text}” is too short for a phone number and is no known card",
                              text=text)
    raise NotFound("member.unknown", "no member or card “{text}”", text=text)


@dataclass(frozen=True)
class MemberSummary:
    """What a till or greeter shows about an identified member."""

    id: int
    number: str
    name: str
    phone_masked: str
    tier: str
    points: int
    coupons: list[tuple[str, str, str]]  # (code, title, English title)
    wallet: int = 0  # stored-value wallet balance, minor units (app.rewards.wallet)


def summary(member: Member) -> MemberSummary:
    now = utcnow()
    usable = (
        Coupon.select(Coupon.code, Coupon.offer)
        .where((Coupon.member == member) & Coupon.redeemed_at.is_null()
               & (Coupon.valid_until > now))
        .order_by(Coupon.valid_until)
    )
    return MemberSummary(
        id=member.id,
        number=member.number,
        name=member.name,
        phone_masked=member.phone[:3] + "****" + member.phone[-4:],
        tier=member.tier,
        points=ledger.balance(member),
        coupons=[(c.code, c.offer.title, c.offer.title_en) for c in usable],
        wallet=int(Wallet.select(Wallet.balance).where(Wallet.member == member.id).scalar()
                   or 0),
    )
