"""Staff PINs (salted, slow hashes) and sign-in with lockout.

Manager approvals are stored grants: see app.approvals (``grant``, ``grant_by_pin``,
``consume``)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from app import audit
from app.clock import utcnow
from app.db import write_tx
from app.errors import NotFound, PermissionDenied, ValidationError
from app.models import Merchant, Staff

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=5)
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


def hash_pin(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, **_SCRYPT)


def check_pin_format(pin: str) -> None:
    if not (pin.isdigit() and 4 <= len(pin) <= 8):
        raise ValidationError("staff.pin_format", "a PIN is 4 to 8 digits")


def create_staff(
    code: str, name: str, role: str, pin: str, merchant: Merchant | None = None
) -> Staff:
    check_pin_format(pin)
    if role not in ("cashier", "manager", "guide", "operator"):
        raise ValidationError("staff.unknown_role", "unknown staff role “{role}”", role=role)
    salt = secrets.token_bytes(16)
    with write_tx():
        return Staff.create(code=code, name=name, role=role, merchant=merchant,
                            pin_salt=salt, pin_hash=hash_pin(pin, salt))


def pin_matches(staff: Staff, pin: str) -> bool:
    """Compare a PIN with the stored hash (no counting; see verify_pin)."""
    return hmac.compare_digest(hash_pin(pin, bytes(staff.pin_salt)), bytes(staff.pin_hash))


def verify_pin(staff: Staff, pin: str) -> bool:
    """Check a PIN, counting failures and locking the account after too many."""
    if staff.locked_until is not None and staff.locked_until > utcnow():
        raise PermissionDenied("staff.locked",
                               "{name} is locked after too many wrong PINs; try later",
                               name=staff.name)
    ok = pin_matches(staff, pin)
    record_pin_result(staff, ok)
    return ok


def record_pin_result(staff: Staff, ok: bool) -> None:
    """Count a checked PIN: a right one clears the failures, too many wrong ones lock."""
    with write_tx():
        if ok:
            Staff.update(failed_attempts=0, locked_until=None).where(Staff.id == staff.id).execute()
        else:
            fails = staff.failed_attempts + 1
            locked = utcnow() + LOCKOUT if fails >= MAX_FAILED_ATTEMPTS else None
            Staff.update(failed_attempts=0 if locked else fails, locked_until=locked).where(
                Staff.id == staff.id
            ).execute()
            audit.record("pin_failed", actor=staff, target=staff.code, locked=bool(locked))
    staff.failed_attempts = 0 if ok else staff.failed_attempts + 1


def sign_in(code: str, pin: str) -> Staff:
    staff = Staff.get_or_none((Staff.code == code) & (Staff.active == True))  # noqa: E712
    if staff is None:
        raise NotFound("staff.unknown_code", "no active staff member with code “{code}”",
                       code=code)
    if staff.merchant_id is not None and not Merchant.get_by_id(staff.merchant_id).active:
        # Checked before the PIN: a deactivated merchant's staff get no lock-out counting.
        raise PermissionDenied("staff.merchant_inactive",
                               "{name}'s merchant is deactivated; staff of a deactivated "
                               "merchant cannot sign in", name=staff.name)
    if not verify_pin(staff, pin):
        raise PermissionDenied("staff.wrong_pin", "wrong PIN")
    return staff
