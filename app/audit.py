"""The append-only audit log of privileged actions."""

from __future__ import annotations

import json

from app.models import AuditEntry, Staff, Terminal


def record(
    action: str,
    *,
    actor: Staff | int | None,
    approver: Staff | int | None = None,
    terminal: Terminal | int | None = None,
    target: str = "",
    **detail: object,
) -> AuditEntry:
    return AuditEntry.create(
        action=action,
        actor=actor,
        approver=approver,
        terminal=terminal,
        target=target,
        detail=json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str),
    )
