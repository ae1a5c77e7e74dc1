"""Staff PINs (salted, slow hashes), sign-in and manager approval with lockout."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from app import audit
from app.clock import utcnow
from app.db import write_tx
from app.errors import NotFound, PermissionDenied, ValidationError
from app.models import AuditEntry, Merchant, Staff, Terminal

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=5)
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


def hash_pin(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, **_SCRYPT)


def _check_pin_format(pin: str) -> None:
    if not (pin.isdigit() and 4 <= len(pin) <= 8):
        raise ValidationError("a PIN is 4 to 8 digits")


def create_staff(
    code: str, name: str, role: str, pin: str, merchant: Merchant | None = None
) -> Staff:
    _check_pin_format(pin)
    if role not in ("cashier", "manager", "guide", "operator"):
        raise ValidationError(f"unknown staff role {role!r}")
    salt = secrets.token_bytes(16)
    with write_tx():
        return Staff.create(code=code, name=name, role=role, merchant=merchant,
                            pin_salt=salt, pin_hash=hash_pin(pin, salt))


def pin_matches(staff: Staff, pin: str) -> bool:
    """Compare a PIN with the stored hash (no counting; see verify_pin)."""
    return hmac.compare_digest(hash_pin(pin, bytes(staff.pin_salt)), bytes(staff.pin_hash))


def verify_pin(staff: Staff, pin: str) -> bool:
    return _verify(staff, pin)


def _verify(staff: Staff, pin: str) -> bool:
    """Check a PIN, counting failures and locking the account after too many."""
    now = utcnow()
    if staff.locked_until is not None and staff.locked_until > now:
        raise PermissionDenied(f"{staff.name} is locked after too many wrong PINs; try later")
    ok = hmac.compare_digest(hash_pin(pin, bytes(staff.pin_salt)), bytes(staff.pin_hash))
    with write_tx():
        if ok:
            Staff.update(failed_attempts=0, locked_until=None).where(Staff.id == staff.id).execute()
        else:
            fails = staff.failed_attempts + 1
            locked = now + LOCKOUT if fails >= MAX_FAILED_ATTEMPTS else None
            Staff.update(failed_attempts=0 if locked else fails, locked_until=locked).where(
                Staff.id == staff.id
            ).execute()
            audit.record("pin_failed", actor=staff, target=staff.code, locked=bool(locked))
    staff.failed_attempts = 0 if ok else staff.failed_attempts + 1
    return ok


def sign_in(code: str, pin: str) -> Staff:
    staff = Staff.get_or_none((Staff.code == code) & (Staff.active == True))  # noqa: E712
    if staff is None:
        raise NotFound(f"no active staff member with code {code!r}")
    if not _verify(staff, pin):
        raise PermissionDenied("wrong PIN")
    return staff


@dataclass(frozen=True)
class Approval:
    """Proof that a manager approved one action; passed to the privileged service."""

    action: str
    requester_id: int
    approver_id: int


def approve(
    action: str, requester: Staff, manager_code: str, pin: str,
    terminal: Terminal | None = None, target: str = "",
) -> Approval:
    """A manager approves ``action`` requested by ``requester`` by entering their PIN."""
    manager = Staff.get_or_none((Staff.code == manager_code) & (Staff.active == True))  # noqa: E712
    if manager is None or manager.role != "manager":
        raise PermissionDenied("only a manager can approve this")
    if manager.id == requester.id:
        raise PermissionDenied("a manager cannot approve their own action")
    if not _verify(manager, pin):
        raise PermissionDenied("wrong manager PIN")
    with write_tx():
        audit.record("approval", actor=requester, approver=manager, terminal=terminal,
                     target=target, approved_action=action)
    return Approval(action, requester.id, manager.id)


def approve_by_pin(
    action: str, requester: Staff, pin: str, terminal: Terminal | None = None, target: str = ""
) -> Approval:
    """The PIN pad asks only for a PIN: find the manager of the merchant it belongs to.
    Too many wrong PINs from one requester lock the pad for them for a while."""
    recent_failures = AuditEntry.select().where(
        (AuditEntry.action == "approval_failed") & (AuditEntry.actor == requester)
        & (AuditEntry.at > utcnow() - LOCKOUT)
    ).count()
    if recent_failures >= MAX_FAILED_ATTEMPTS:
        raise PermissionDenied("too many wrong manager PINs; approval is locked for a while")
    managers = Staff.select().where(
        (Staff.role == "manager") & (Staff.active == True)  # noqa: E712
        & (Staff.merchant == requester.merchant_id) & (Staff.id != requester.id)
    )
    for manager in managers:
        if manager.locked_until is None or manager.locked_until <= utcnow():
            if hmac.compare_digest(hash_pin(pin, bytes(manager.pin_salt)), bytes(manager.pin_hash)):
                return approve(action, requester, manager.code, pin, terminal, target)
    with write_tx():
        audit.record("approval_failed", actor=requester, terminal=terminal, target=target,
                     approved_action=action)
    raise PermissionDenied("wrong manager PIN")


def require(approval: Approval | None, action: str, requester: Staff) -> None:
    if approval is None or approval.action != action or approval.requester_id != requester.id:
        raise PermissionDenied(f"{action} needs a manager's approval")
