"""Queuing messages: rendered from a template in the recipient's language, written to the
outbox inside the caller's transaction, once per idempotency key. The dispatcher sends them.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from datetime import datetime

from app import outbox
from app.errors import ValidationError
from app.messaging.templates import render
from app.models import Member

Attachment = tuple[str, str, bytes]  # file name, MIME type, content


def queue(key: str, channel: str, recipient: str, kind: str, language: str = "zh_CN", *,
          attachments: Iterable[Attachment] = (), not_before: datetime | None = None,
          **params: object) -> None:
    """Queue one ``kind`` message to ``recipient`` over ``channel`` (email | sms)."""
    if not recipient:
        raise ValidationError("messaging.no_recipient",
                              "a {channel} message needs a recipient", channel=channel)
    subject, body = render(kind, language, **params)
    files = [{"name": name, "mime": mime, "data": base64.b64encode(data).decode("ascii")}
             for name, mime, data in attachments]
    outbox.enqueue(key, channel, recipient, body, subject=subject, not_before=not_before,
                   kind=kind, attachments=json.dumps(files) if files else "")


def queue_member(member: Member, kind: str, key: str, **params: object) -> None:
    """Queue a message to a member: by e-mail where they gave an address, else by SMS."""
    channel, recipient = ("email", member.email) if member.email else ("sms", member.phone)
    params.setdefault("name", member.name or member.number)
    queue(key, channel, recipient, kind, member.language or "zh_CN", **params)


def attachments_of(files_json: str) -> list[Attachment]:
    """The attachments stored on an outbox row."""
    if not files_json:
        return []
    return [(f["name"], f["mime"], base64.b64decode(f["data"])) for f in json.loads(files_json)]


def queue_balance_change(member: Member, key: str, change: int, reason: str,
                         balance: int | None = None) -> None:
    """Tell a member their points changed (a sale, a refund), inside that transaction, once
    per key. A member with neither phone nor e-mail gets nothing rather than failing the sale.
    ``balance``: the member's balance now when the caller already has it."""
    if not change or not (member.email or member.phone):
        return
    if balance is None:
        from app import ledger

        balance = ledger.balance(member)
    queue_member(member, "balance_changed", key, change=change, balance=balance, reason=reason)
