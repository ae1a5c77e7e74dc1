"""Who is at the kiosk: by phone (confirmed with a one-time SMS code where the store asks for
one), by member card, or by member QR (scanner or camera).

The SMS code: 6 digits from ``secrets``, stored only as a salted SHA-256, valid for
``CODE_VALIDITY``, ``MAX_ATTEMPTS`` tries, at most ``MAX_SENDS`` codes per phone per
``SEND_WINDOW`` (so a kiosk cannot be used to flood a phone). It is queued to the outbox
(template ``kiosk_code``) and sent by the messaging dispatcher's SMS provider.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from app import members
from app.clock import utcnow
from app.db import lock_row, write_tx
from app.errors import NotFound, PermissionDenied, ValidationError
from app.kiosk.terminal import KioskInfo
from app.messaging import notices
from app.models import Member, PhoneChallenge, Store

CODE_VALIDITY = timedelta(minutes=5)
MAX_ATTEMPTS = 5
MAX_SENDS = 3
SEND_WINDOW = timedelta(minutes=15)


@dataclass(frozen=True)
class PhoneStart:
    phone: str  # normalised
    challenge_id: int | None  # None: the store asks for no SMS code
    member_exists: bool


@dataclass(frozen=True)
class Shopper:
    member_id: int | None  # None: the phone belongs to no member yet (offer to join)
    phone: str
    name: str


def _hash(salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()


def start_phone(kiosk: KioskInfo, text: str, language: str = "zh_CN") -> PhoneStart:
    """Check the number; where the store asks for it, send a one-time code to it."""
    phone = members.normalize_phone(text)
    exists = Member.select().where(Member.phone == phone).exists()
    store = Store.get_by_id(kiosk.store_id)
    if not store.kiosk_sms_code:
        return PhoneStart(phone, None, exists)
    now = utcnow()
    sent = PhoneChallenge.select().where((PhoneChallenge.phone == phone)
                                         & (PhoneChallenge.created_at > now - SEND_WINDOW)).count()
    if sent >= MAX_SENDS:
        raise PermissionDenied("kiosk.too_many_codes", "{count} codes were sent to this phone "
                               "in the last {minutes} minutes; wait a little, or ask staff",
                               count=sent, minutes=int(SEND_WINDOW.total_seconds() // 60))
    code = f"{secrets.randbelow(10**6):06d}"
    salt = secrets.token_hex(8)
    with write_tx():
        challenge = PhoneChallenge.create(phone=phone, code_hash=_hash(salt, code), salt=salt,
                                          terminal=kiosk.terminal_id, created_at=now,
                                          expires_at=now + CODE_VALIDITY)
        notices.queue(f"kiosk-code:{challenge.id}", "sms", phone, "kiosk_code", language,
                      code=code, minutes=int(CODE_VALIDITY.total_seconds() // 60))
    return PhoneStart(phone, challenge.id, exists)


def confirm_phone(kiosk: KioskInfo, challenge_id: int, code: str) -> Shopper:
    """The shopper typed the code: the member of that phone (or None: not a member yet)."""
    if not (isinstance(code, str) and code.isdigit() and len(code) == 6):
        raise ValidationError("kiosk.code_format", "the code from the SMS has 6 digits")
    with write_tx():
        challenge = lock_row(PhoneChallenge, challenge_id)
        if challenge is None or challenge.terminal_id != kiosk.terminal_id:
            raise NotFound("kiosk.no_challenge", "no code was sent from this kiosk; ask for a "
                           "new one")
        now = utcnow()
        if challenge.confirmed_at is not None or challenge.expires_at <= now:
            raise ValidationError("kiosk.code_expired", "this code has expired; ask for a new "
                                  "one")
        if challenge.attempts >= MAX_ATTEMPTS:
            raise PermissionDenied("kiosk.code_attempts", "too many wrong codes; ask for a new "
                                   "one")
        right = hmac.compare_digest(challenge.code_hash, _hash(challenge.salt, code))
        PhoneChallenge.update(attempts=PhoneChallenge.attempts + (0 if right else 1),
                              confirmed_at=now if right else None).where(
            PhoneChallenge.id == challenge_id).execute()
    if not right:
        left = MAX_ATTEMPTS - challenge.attempts - 1
        raise ValidationError("kiosk.code_wrong", "that is not the code we sent; {left} tries "
                              "left", left=left)
    return _shopper(challenge.phone)


def phone_without_code(kiosk: KioskInfo, phone: str) -> Shopper:
    """Where the store asks for no SMS code, the number alone identifies the shopper."""
    if Store.get_by_id(kiosk.store_id).kiosk_sms_code:
        raise PermissionDenied("kiosk.code_required", "this store confirms phones with an SMS "
                               "code")
    return _shopper(members.normalize_phone(phone))


def by_card_or_qr(text: str) -> Shopper:
    """A member card swiped or tapped, or a member QR shown: the member, or an error."""
    member = members.identify(text)
    return Shopper(member.id, member.phone, member.name)


def _shopper(phone: str) -> Shopper:
    member = Member.get_or_none(Member.phone == phone)
    return Shopper(member.id if member else None, phone, member.name if member else "")
