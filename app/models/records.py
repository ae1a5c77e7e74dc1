"""The outbox of messages and the append-only audit log."""

from __future__ import annotations

import peewee as pw

from app.models.base import BaseModel, created_at_field
from app.models.org import Merchant, Staff, Terminal


class OutboxMessage(BaseModel):
    idempotency_key = pw.CharField(unique=True, max_length=120)
    channel = pw.CharField(max_length=12)  # sms | email | app | merchant
    kind = pw.CharField(max_length=40, default="")  # template it was rendered from (v10)
    recipient = pw.CharField(max_length=200)
    subject = pw.CharField(max_length=200, default="")
    body = pw.TextField()
    created_at = created_at_field()
    attempts = pw.IntegerField(default=0)
    next_attempt_at = pw.DateTimeField(null=True, index=True)
    sent_at = pw.DateTimeField(null=True, index=True)
    last_error = pw.TextField(default="")
    # JSON list of {"name", "mime", "data" (base64)}: e.g. a statement PDF (v10)
    attachments = pw.TextField(default="")
    # The dispatcher's state (v17; app.messaging.dispatcher): a claim is a lease that another
    # dispatcher may take over once it is older than the lease; failed_at parks a message that
    # ran out of attempts (the back office shows it and may send it again).
    claimed_at = pw.DateTimeField(null=True)
    claimed_by = pw.CharField(max_length=40, default="")
    last_attempt_at = pw.DateTimeField(null=True)
    error_code = pw.CharField(max_length=60, default="")
    error_detail = pw.TextField(default="")  # JSON {"template", "params"}: shown translated
    failed_at = pw.DateTimeField(null=True)


class AuditEntry(BaseModel):
    """Privileged actions: who did what, who approved. Triggers refuse UPDATE and DELETE."""

    at = created_at_field()
    action = pw.CharField(max_length=40, index=True)
    actor = pw.ForeignKeyField(Staff, null=True)
    approver = pw.ForeignKeyField(Staff, null=True)
    terminal = pw.ForeignKeyField(Terminal, null=True)
    target = pw.CharField(max_length=120, default="")
    detail = pw.TextField(default="")  # JSON


class ApprovalGrant(BaseModel):
    """A manager's approval of one action on one target for one requester: stored, short-lived,
    single-use (``consumed_at`` is set by a conditional update in the approved action's own
    transaction), scoped to the approver's merchant."""

    token = pw.UUIDField(unique=True)
    action = pw.CharField(max_length=40)
    target = pw.CharField(max_length=120)
    requester = pw.ForeignKeyField(Staff, backref="+")
    approver = pw.ForeignKeyField(Staff, backref="+")
    merchant = pw.ForeignKeyField(Merchant, backref="+")
    terminal = pw.ForeignKeyField(Terminal, null=True, backref="+")
    created_at = created_at_field()
    expires_at = pw.DateTimeField()
    consumed_at = pw.DateTimeField(null=True)
    consumed_ref = pw.CharField(max_length=120, default="")  # what used it (receipt no...)
