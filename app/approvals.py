"""Manager approvals: stored, bound to one action, one target and one requester, single-use,
short-lived, and scoped to the approver's merchant.

The window asks for an approval (``grant`` / ``grant_by_pin`` check the manager's PIN) and gets
back an :class:`Approval` handle. The handle proves nothing by itself: the privileged service
calls :func:`consume` inside its own write transaction, which marks the stored grant used by a
conditional UPDATE checked by its row count. A replayed, expired, forged or mismatched handle
is refused, and an action that rolls back leaves its approval unused.

Targets are strings naming what is approved, e.g. ``sale:42`` (refund, void), ``cart:<uuid>``
(discount, price override), ``shift:7`` (close), ``terminal:3`` (no sale, devices).
"""

from __future__ import annotations

import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from app import audit
from app.clock import utcnow
from app.db import write_tx
from app.errors import PermissionDenied
from app.models import ApprovalGrant, AuditEntry, Staff, Terminal

APPROVAL_TTL = timedelta(minutes=5)


def sale_target(sale_id: int) -> str:
    """What a refund or void approval names: one sale."""
    return f"sale:{sale_id}"


def cart_target(client_uuid: str) -> str:
    """What a discount, price override, line or cart void approval names: one open cart."""
    return f"cart:{client_uuid}"


def shift_target(shift_id: int) -> str:
    return f"shift:{shift_id}"


def terminal_target(terminal_id: int) -> str:
    """What a no-sale or devices-screen approval names: one till."""
    return f"terminal:{terminal_id}"
MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=5)


@dataclass(frozen=True)
class Approval:
    """What the window holds after a manager entered their PIN: a handle to a stored grant."""

    token: str
    action: str
    target: str
    requester_id: int
    approver_id: int
    expires_at: datetime


def _manager_may_approve(manager: Staff, requester: Staff) -> None:
    if manager.role != "manager":
        raise PermissionDenied("approval.not_manager", "only a manager can approve this")
    if manager.id == requester.id:
        raise PermissionDenied("approval.self", "a manager cannot approve their own action")
    if manager.merchant_id is None or manager.merchant_id != requester.merchant_id:
        raise PermissionDenied("approval.other_merchant",
                               "a manager can only approve for their own merchant")


def _record_grant(action: str, requester: Staff, manager: Staff, terminal: Terminal | int | None,
                  target: str) -> Approval:
    now = utcnow()
    token = uuid.uuid4()
    with write_tx():
        ApprovalGrant.create(
            token=token, action=action, target=target, requester=requester.id,
            approver=manager.id, merchant=manager.merchant_id, terminal=terminal,
            created_at=now, expires_at=now + APPROVAL_TTL,
        )
        audit.record("approval", actor=requester, approver=manager, terminal=terminal,
                     target=target, approved_action=action)
    return Approval(str(token), action, target, requester.id, manager.id, now + APPROVAL_TTL)


def grant(action: str, requester: Staff, manager_code: str, pin: str,
          terminal: Terminal | int | None = None, target: str = "") -> Approval:
    """A named manager approves ``action`` on ``target`` for ``requester`` with their PIN."""
    from app.staff import verify_pin

    manager = Staff.get_or_none((Staff.code == manager_code) & (Staff.active == True))  # noqa: E712
    if manager is None:
        raise PermissionDenied("approval.not_manager", "only a manager can approve this")
    _manager_may_approve(manager, requester)
    if not verify_pin(manager, pin):
        raise PermissionDenied("approval.wrong_pin", "wrong manager PIN; the manager enters it again")
    return _record_grant(action, requester, manager, terminal, target)


def grant_by_pin(action: str, requester: Staff, pin: str,
                 terminal: Terminal | int | None = None, target: str = "") -> Approval:
    """The PIN pad asks only for a PIN: find the manager of the requester's merchant it
    belongs to. Too many wrong PINs from one requester lock the pad for them for a while."""
    from app.staff import pin_matches, record_pin_result

    recent_failures = AuditEntry.select().where(
        (AuditEntry.action == "approval_failed") & (AuditEntry.actor == requester)
        & (AuditEntry.at > utcnow() - LOCKOUT)
    ).count()
    if recent_failures >= MAX_FAILED_ATTEMPTS:
        raise PermissionDenied("approval.locked",
                               "too many wrong manager PINs; approvals are locked for {minutes} "
                               "minutes, then the manager tries again",
                               minutes=int(LOCKOUT.total_seconds() // 60))
    if requester.merchant_id is not None:
        managers = Staff.select().where(
            (Staff.role == "manager") & (Staff.active == True)  # noqa: E712
            & (Staff.merchant == requester.merchant_id) & (Staff.id != requester.id)
        )
        for manager in managers:
            if manager.locked_until is None or manager.locked_until <= utcnow():
                if pin_matches(manager, pin):  # hashed once: no second check through grant()
                    _manager_may_approve(manager, requester)
                    record_pin_result(manager, True)
                    return _record_grant(action, requester, manager, terminal, target)
    with write_tx():
        audit.record("approval_failed", actor=requester, terminal=terminal, target=target,
                     approved_action=action)
    raise PermissionDenied("approval.wrong_pin", "wrong manager PIN; the manager enters it again")


def consume(approval: Approval | None, *, action: str, target: str, requester_id: int,
            merchant_id: int, used_by: str = "") -> int:
    """Use ``approval`` for ``action`` on ``target``; returns the approving manager's id.

    Call inside the approved action's write transaction: the grant is marked used by a
    conditional UPDATE (one row or refusal), so it commits or rolls back with the action."""
    needed = PermissionDenied("approval.required", "{action} needs a manager's approval",
                              action=action)
    if approval is None or not isinstance(approval, Approval):
        raise needed
    try:
        token = uuid.UUID(str(approval.token))
    except ValueError:
        raise needed from None
    row = ApprovalGrant.get_or_none(ApprovalGrant.token == token)
    if row is None:
        raise needed
    if not (hmac.compare_digest(row.action, action) and hmac.compare_digest(row.target, target)
            and row.requester_id == requester_id):
        raise PermissionDenied("approval.mismatch",
                               "this approval was given for something else; ask again")
    if row.merchant_id != merchant_id:
        raise PermissionDenied("approval.other_merchant",
                               "a manager can only approve for their own merchant")
    now = utcnow()
    used = ApprovalGrant.update(consumed_at=now, consumed_ref=used_by[:120]).where(
        (ApprovalGrant.id == row.id) & ApprovalGrant.consumed_at.is_null()
        & (ApprovalGrant.expires_at > now)
    ).execute()
    if used != 1:
        if row.consumed_at is None and row.expires_at <= now:
            raise PermissionDenied("approval.expired", "this approval has expired; ask again")
        raise PermissionDenied("approval.used", "this approval has already been used; ask again")
    return row.approver_id


def record_approved(approval: Approval | None, *, action: str, target: str, requester_id: int,
                    terminal_id: int, **detail: object) -> int:
    """For actions whose whole effect is an audit row (no sale, the devices screen, a change
    to an open cart): consume the approval and write the row in one transaction, scoped to the
    merchant of ``terminal_id`` (read from the database). Returns the approver's id."""
    from app import scope

    with write_tx():
        here = scope.of_terminal(terminal_id)
        requester = Staff.get_by_id(requester_id)
        here.check_staff(requester)
        approver = consume(approval, action=action, target=target, requester_id=requester_id,
                           merchant_id=here.merchant_id, used_by=f"{action} {target}")
        audit.record(action, actor=requester, approver=approver, terminal=terminal_id,
                     target=target, **detail)
    return approver
