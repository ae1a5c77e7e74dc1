"""The outbox of messages and the append-only audit log."""

from __future__ import annotations

import peewee as pw

from app.models.base import BaseModel, created_at_field
from app.models.org import Staff, Terminal


class OutboxMessage(BaseModel):
    idempotency_key = pw.CharField(unique=True, max_length=120)
    channel = pw.CharField(max_length=12)  # sms | email | app | merchant
    recipient = pw.CharField(max_length=200)
    subject = pw.CharField(max_length=200, default="")
    body = pw.TextField()
    created_at = created_at_field()
    attempts = pw.IntegerField(default=0)
    next_attempt_at = pw.DateTimeField(null=True, index=True)
    sent_at = pw.DateTimeField(null=True, index=True)
    last_error = pw.TextField(default="")


class AuditEntry(BaseModel):
    """Privileged actions: who did what, who approved. Triggers refuse UPDATE and DELETE."""

    at = created_at_field()
    action = pw.CharField(max_length=40, index=True)
    actor = pw.ForeignKeyField(Staff, null=True)
    approver = pw.ForeignKeyField(Staff, null=True)
    terminal = pw.ForeignKeyField(Terminal, null=True)
    target = pw.CharField(max_length=120, default="")
    detail = pw.TextField(default="")  # JSON
