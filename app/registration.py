"""Joining the coalition at a kiosk, a till or by scanning a point code: the member is
registered with their consents, and a new member gets the coalition's registration reward
once (in the same transaction; the ledger key is the member number), sponsored by the merchant
where they joined. A phone that already belongs to a member joins nobody new and earns nothing.
The reward's size is the coalition setting ``registration_points`` (0: none)."""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from app import ledger, members
from app.db import write_tx
from app.errors import ValidationError
from app.models import Member, Merchant, Setting, Store

REGISTRATION_POINTS_KEY = "registration_points"
DEFAULT_REGISTRATION_POINTS = 100


@dataclass(frozen=True)
class Joined:
    member_id: int
    number: str
    name: str
    new: bool  # False: the phone already belonged to a member
    reward: int  # points granted now (0 when already granted before)


def registration_points() -> int:
    row = Setting.get_or_none(Setting.key == REGISTRATION_POINTS_KEY)
    try:
        return max(0, int(row.value)) if row else DEFAULT_REGISTRATION_POINTS
    except ValueError:
        return DEFAULT_REGISTRATION_POINTS


def join(phone: str, name: str, *, store_id: int, terms_accepted: bool,
         marketing_consent: bool = False, terminal_id: int | None = None) -> Joined:
    if not terms_accepted:
        raise ValidationError("member.terms_required",
                              "the membership terms must be accepted to join")
    phone = members.normalize_phone(phone)
    store = Store.get_by_id(store_id)
    try:
        return _join(phone, name, store, marketing_consent, terminal_id)
    except pw.IntegrityError:  # the same phone joined at another terminal this instant
        return _join(phone, name, store, marketing_consent, terminal_id)


def _join(phone: str, name: str, store: Store, marketing_consent: bool,
          terminal_id: int | None) -> Joined:
    points = registration_points()
    with write_tx():  # the member and their reward together, or neither
        existed = Member.select().where(Member.phone == phone).exists()
        member = members.register(phone, name, store=store, terms_accepted=True,
                                  marketing_consent=marketing_consent)
        reward = 0
        if points and not existed:
            ledger.award(
                ledger.member_account(member), Merchant.get_by_id(store.merchant_id), points,
                key=f"registration:{member.number}", reason="registration reward",
                source="registration",
                ctx=ledger.Context(merchant=store.merchant_id, terminal=terminal_id))
            reward = points
    return Joined(member.id, member.number, member.name, not existed, reward)
