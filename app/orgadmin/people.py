"""Staff administration: add, change role, deactivate, PIN reset, lock-out and unlock.

A manager looks after their own merchant's cashiers, guides and managers; only the coalition
operator creates operators or staff of another merchant. A manager's PIN reset needs a stored
manager approval (app.approvals): the requester is the staff member whose PIN is reset, the
approver a manager of that merchant entering their PIN in the window, consumed inside the
reset's own transaction. The operator's resets need no approval; every one is audited.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

import peewee as pw

from app import approvals
from app.approvals import Approval
from app.backoffice.actor import Actor, audit_change, row_dict
from app.clock import utcnow
from app.db import lock_row, write_tx
from app.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.models import Merchant, Staff
from app.models.org import STAFF_ROLES
from app.orgadmin import checks
from app.staff import check_pin_format, hash_pin

PIN_RESET = "pin_reset"


@dataclass(frozen=True)
class StaffRow:
    id: int
    merchant_id: int | None
    merchant_code: str  # "" for the coalition operator
    code: str
    name: str
    role: str
    active: bool
    failed_attempts: int
    locked_until: datetime | None  # UTC; None or past: not locked

    @property
    def locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > utcnow()


def staff_target(staff_id: int) -> str:
    """What a PIN-reset approval names: one staff member."""
    return f"staff:{staff_id}"


def list_staff(actor: Actor, merchant_id: int | None = None) -> list[StaffRow]:
    """Staff of ``merchant_id`` (None: all the actor may see; the operator also sees the
    coalition's operators)."""
    merchant_id = actor.scoped_merchant(merchant_id)
    query = (Staff.select(Staff, Merchant).join(Merchant, pw.JOIN.LEFT_OUTER)
             .order_by(Merchant.code.asc(nulls="first"), Staff.code))
    if merchant_id is not None:
        query = query.where(Staff.merchant == merchant_id)
    return [_row(s) for s in query]


def _row(s: Staff) -> StaffRow:
    merchant = s.merchant.code if s.merchant_id is not None else ""
    return StaffRow(s.id, s.merchant_id, merchant, s.code, s.name, s.role, s.active,
                    s.failed_attempts, s.locked_until)


def get_staff(actor: Actor, staff_id: int) -> StaffRow:
    person = Staff.select(Staff, Merchant).join(Merchant, pw.JOIN.LEFT_OUTER).where(
        Staff.id == staff_id).first()
    if person is None:
        raise NotFound("org.no_staff", "staff member {staff} is not registered", staff=staff_id)
    actor.check_merchant(person.merchant_id)
    return _row(person)


def _check_role(actor: Actor, role: str, merchant_id: int | None) -> None:
    if role not in STAFF_ROLES:
        raise ValidationError("staff.unknown_role", "unknown staff role “{role}”", role=role)
    if role == "operator":
        actor.require_operator()
        if merchant_id is not None:
            raise ValidationError("org.operator_no_merchant",
                                  "a coalition operator belongs to no merchant")
    elif merchant_id is None:
        raise ValidationError("org.staff_needs_merchant",
                              "cashiers, guides and managers belong to a merchant: "
                              "choose one")
    actor.check_merchant(None if role == "operator" else merchant_id)


def _code_taken(code: str) -> Conflict:
    return Conflict("org.staff_code_taken", "staff code “{code}” is already taken", code=code)


def add_staff(actor: Actor, *, code: str, name: str, role: str, pin: str,
              merchant_id: int | None) -> StaffRow:
    """A new staff member with a first PIN (they change it at the till later)."""
    code = checks.code(code)
    name = checks.name(name, 120)
    _check_role(actor, role, merchant_id)
    check_pin_format(pin)
    salt = secrets.token_bytes(16)
    try:
        with write_tx():
            if merchant_id is not None:
                merchant = lock_row(Merchant, merchant_id)
                if merchant is None:
                    raise NotFound("org.no_merchant", "merchant {merchant} is not registered",
                                   merchant=merchant_id)
                if not merchant.active:
                    raise ValidationError("org.merchant_inactive",
                                          "merchant {merchant} is deactivated",
                                          merchant=merchant.code)
            if Staff.select().where(Staff.code == code).exists():
                raise _code_taken(code)
            person = Staff.create(code=code, name=name, role=role, merchant=merchant_id,
                                  pin_salt=salt, pin_hash=hash_pin(pin, salt))
            audit_change(actor, "staff_added", f"staff:{code}", None, row_dict(person))
    except pw.IntegrityError:
        raise _code_taken(code) from None
    return get_staff(actor, person.id)


def _locked(actor: Actor, staff_id: int) -> Staff:
    person = lock_row(Staff, staff_id)
    if person is None:
        raise NotFound("org.no_staff", "staff member {staff} is not registered", staff=staff_id)
    actor.check_merchant(person.merchant_id)
    return person


def change_role(actor: Actor, staff_id: int, role: str) -> StaffRow:
    """A merchant's staff move between cashier, guide and manager; the operator role is
    not given to or taken from merchant staff (an operator belongs to no merchant)."""
    with write_tx():
        person = _locked(actor, staff_id)
        if (role == "operator") != (person.role == "operator"):
            raise ValidationError("org.operator_role_fixed",
                                  "the operator role cannot be given to or taken from "
                                  "a merchant's staff; add a new staff member instead")
        _check_role(actor, role, person.merchant_id)
        if person.id == actor.staff_id and role != person.role:
            raise PermissionDenied("org.own_role", "you cannot change your own role")
        before = row_dict(person)
        person.role = role
        person.save()
        audit_change(actor, "staff_role_changed", f"staff:{person.code}", before,
                     row_dict(person))
    return get_staff(actor, staff_id)


def set_staff_active(actor: Actor, staff_id: int, active: bool) -> StaffRow:
    """Deactivate (or reactivate) a staff member: a deactivated one cannot sign in."""
    with write_tx():
        person = _locked(actor, staff_id)
        if person.id == actor.staff_id and not active:
            raise PermissionDenied("org.own_deactivation", "you cannot deactivate yourself")
        before = row_dict(person)
        person.active = bool(active)
        person.save()
        audit_change(actor, "staff_activated" if active else "staff_deactivated",
                     f"staff:{person.code}", before, row_dict(person))
    return get_staff(actor, staff_id)


def unlock(actor: Actor, staff_id: int) -> StaffRow:
    """Clear a lock-out after too many wrong PINs (and the failure count)."""
    with write_tx():
        person = _locked(actor, staff_id)
        before = row_dict(person)
        person.failed_attempts = 0
        person.locked_until = None
        person.save()
        audit_change(actor, "staff_unlocked", f"staff:{person.code}", before, row_dict(person))
    return get_staff(actor, staff_id)


def approve_pin_reset(actor: Actor, staff_id: int, manager_pin: str) -> Approval:
    """A manager of the staff member's merchant approves resetting their PIN (stored,
    single-use; :func:`reset_pin` consumes it)."""
    person = Staff.get_or_none(Staff.id == staff_id)
    if person is None:
        raise NotFound("org.no_staff", "staff member {staff} is not registered", staff=staff_id)
    actor.check_merchant(person.merchant_id)
    return approvals.grant_by_pin(PIN_RESET, person, manager_pin, target=staff_target(staff_id))


def reset_pin(actor: Actor, staff_id: int, new_pin: str,
              approval: Approval | None = None) -> StaffRow:
    """Set a new PIN and clear any lock-out. A manager needs ``approval`` (from
    :func:`approve_pin_reset`); the operator does not. Audited either way (never the PIN)."""
    check_pin_format(new_pin)
    salt = secrets.token_bytes(16)
    with write_tx():
        person = _locked(actor, staff_id)
        approver = None
        if not actor.is_operator:
            approver = approvals.consume(
                approval, action=PIN_RESET, target=staff_target(staff_id),
                requester_id=person.id, merchant_id=person.merchant_id,
                used_by=f"{PIN_RESET} {staff_target(staff_id)}")
        before = row_dict(person)
        person.pin_salt = salt
        person.pin_hash = hash_pin(new_pin, salt)
        person.failed_attempts = 0
        person.locked_until = None
        person.save()
        audit_change(actor, "staff_pin_reset", f"staff:{person.code}", before, row_dict(person),
                     approver=approver)
    return get_staff(actor, staff_id)
