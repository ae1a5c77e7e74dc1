"""Messages to members and merchants go through an outbox table that survives restarts.

Prefer :mod:`app.messaging.notices`, which renders a template in the recipient's language."""

from __future__ import annotations

from datetime import datetime

from app import fixed_sql
from app.models import OutboxMessage


def enqueue(
    key: str, channel: str, recipient: str, body: str, subject: str = "",
    not_before: datetime | None = None, *, kind: str = "", attachments: str = "",
) -> None:
    """Queue a message once per key (inside the caller's transaction)."""
    # A fixed statement (app.fixed_sql): a sale that moves points queues one of these.
    fixed_sql.insert(OutboxMessage, [dict(
        idempotency_key=key, channel=channel, recipient=recipient, subject=subject, body=body,
        next_attempt_at=not_before, kind=kind, attachments=attachments,
    )], ignore_taken=True)
