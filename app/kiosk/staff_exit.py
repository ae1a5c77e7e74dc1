"""Staff leaving the kiosk: a manager of the kiosk's merchant enters their PIN (after the
hidden gesture). Every exit and every refused PIN is audited; five refusals in five minutes
lock the way out for five minutes, so a shopper cannot guess a PIN at the kiosk."""

from __future__ import annotations

from datetime import timedelta

from app import audit
from app.clock import utcnow
from app.db import write_tx
from app.errors import PermissionDenied
from app.kiosk.terminal import KioskInfo
from app.models import AuditEntry, Staff
from app.staff import pin_matches

MAX_REFUSALS = 5
LOCKOUT = timedelta(minutes=5)


def authorize_exit(kiosk: KioskInfo, pin: str) -> str:
    """The name of the manager whose PIN this is; PermissionDenied otherwise."""
    since = utcnow() - LOCKOUT
    refusals = AuditEntry.select().where(
        (AuditEntry.action == "kiosk_exit_refused") & (AuditEntry.terminal == kiosk.terminal_id)
        & (AuditEntry.at > since)).count()
    if refusals >= MAX_REFUSALS:
        raise PermissionDenied("kiosk.exit_locked", "too many wrong PINs; try again in "
                               "{minutes} minutes", minutes=int(LOCKOUT.total_seconds() // 60))
    managers = Staff.select().where(
        (Staff.role == "manager") & (Staff.active == True)  # noqa: E712
        & (Staff.merchant == kiosk.merchant_id))
    for manager in managers:
        if pin.isdigit() and pin_matches(manager, pin):
            with write_tx():
                audit.record("kiosk_exit", actor=manager, approver=manager,
                             terminal=kiosk.terminal_id, target=f"terminal:{kiosk.terminal_id}")
            return str(manager.name)
    with write_tx():
        audit.record("kiosk_exit_refused", actor=None, terminal=kiosk.terminal_id,
                     target=f"terminal:{kiosk.terminal_id}")
    raise PermissionDenied("kiosk.exit_wrong_pin", "wrong manager PIN")
