"""The outbox as the back office sees it (coalition operator only): what is queued, sent,
failing (with the last error) or parked; each channel's provider and whether it works; send
again, send now, send a test message. Every change is audited with before and after.

The outbox is the coalition's (messages to members of every merchant), so a merchant's
manager is refused here, not only shown no page.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

import peewee as pw

from app import errors
from app.backoffice.actor import Actor, audit_change, row_dict
from app.clock import utcnow
from app.db import locked, write_tx
from app.documents.receipt import mask_phone
from app.errors import ConfigError, PatronError, ValidationError
from app.messaging import dispatcher, providers
from app.messaging.dispatcher import DispatchResult
from app.messaging.providers import Outgoing, SendFailed
from app.messaging.templates import render
from app.models import OutboxMessage, Setting

STATES = ("all", "queued", "failing", "failed", "sent")
CHANNELS = ("email", "sms", "merchant", "operator")
_STATE_FIELDS = ("attempts", "next_attempt_at", "sent_at", "failed_at", "claimed_at",
                 "error_code", "last_error")


@dataclass(frozen=True)
class MessageRow:
    id: int
    key: str
    channel: str
    kind: str
    recipient: str  # phone numbers masked
    subject: str
    state: str  # queued | failing | failed | sent
    attempts: int
    created_at: datetime
    next_attempt_at: datetime | None
    sent_at: datetime | None
    error_code: str
    last_error: str  # in English, as logged
    error: PatronError | None  # the same, to be shown in the window's language


@dataclass(frozen=True)
class ChannelStatus:
    channel: str
    provider: str  # "" when this terminal has none for the channel
    state: str  # ok | failing | unconfigured | idle (configured, nothing sent or failed yet)
    last_sent_at: datetime | None
    last_error_at: datetime | None
    error_code: str
    last_error: str
    error: PatronError | None


@dataclass(frozen=True)
class OutboxView:
    counts: dict[str, int]  # per state, and "all"
    rows: list[MessageRow]
    channels: list[ChannelStatus]
    operator_email: str = ""  # where the operator channel's notices go


def _where(state: str) -> pw.Expression:
    m = OutboxMessage
    unsent = m.sent_at.is_null() & m.failed_at.is_null()
    return {
        "queued": unsent & (m.error_code == ""),
        "failing": unsent & (m.error_code != ""),
        "failed": m.sent_at.is_null() & m.failed_at.is_null(False),
        "sent": m.sent_at.is_null(False),
    }[state]


def _state(row: OutboxMessage) -> str:
    if row.sent_at is not None:
        return "sent"
    if row.failed_at is not None:
        return "failed"
    return "failing" if row.error_code else "queued"


def _error(row: OutboxMessage) -> PatronError | None:
    """The recorded error as a coded error again (the window translates it by its code)."""
    if not row.error_code:
        return None
    try:
        detail = json.loads(row.error_detail)
        return errors._rebuild(SendFailed, row.error_code, detail["template"], detail["params"])
    except (ValueError, KeyError, TypeError):  # a provider's bug, not a domain error: its text
        return SendFailed("messaging.send_error", "the message could not be sent: {reason}",
                          reason=row.last_error)


def _shown_recipient(row: OutboxMessage) -> str:
    return mask_phone(row.recipient) if row.channel == "sms" else row.recipient


def outbox(actor: Actor, state: str = "all", limit: int = 200) -> OutboxView:
    """The newest ``limit`` messages in ``state``, the count per state, the channels' status."""
    actor.require_operator()
    if state not in STATES:
        raise ValidationError("messaging.bad_state", "no outbox state “{state}”", state=state)
    m = OutboxMessage
    counts = {s: m.select().where(_where(s)).count() for s in STATES[1:]}
    counts["all"] = sum(counts.values())
    query = m.select()
    if state != "all":
        query = query.where(_where(state))
    rows = [MessageRow(r.id, r.idempotency_key, r.channel, r.kind, _shown_recipient(r),
                       r.subject, _state(r), r.attempts, r.created_at, r.next_attempt_at,
                       r.sent_at, r.error_code, r.last_error, _error(r))
            for r in query.order_by(m.id.desc()).limit(limit)]
    return OutboxView(counts, rows, channel_status(actor), operator_email(actor))


def channel_status(actor: Actor) -> list[ChannelStatus]:
    """Each channel's provider on this terminal and its latest outcome (from the outbox, so it
    shows what every dispatcher saw, on whichever terminal)."""
    actor.require_operator()
    m = OutboxMessage
    mine = providers.configured()
    found = []
    for channel in CHANNELS:
        last_sent = m.select(pw.fn.MAX(m.sent_at)).where(m.channel == channel).scalar()
        failure = (m.select(m.last_attempt_at, m.error_code, m.last_error, m.error_detail)
                   .where((m.channel == channel) & (m.error_code != "") & m.sent_at.is_null())
                   .order_by(m.last_attempt_at.desc()).first())
        provider = mine.get(channel)
        failing = failure is not None and (last_sent is None
                                           or failure.last_attempt_at > last_sent)
        state = ("failing" if failing else "ok" if last_sent is not None
                 else "idle" if provider is not None else "unconfigured")
        found.append(ChannelStatus(
            channel, provider.name if provider is not None else "", state, last_sent,
            failure.last_attempt_at if failing else None,
            failure.error_code if failing else "", failure.last_error if failing else "",
            _error(failure) if failing else None))
    return found


def retry(actor: Actor, message_ids: list[int]) -> int:
    """Send these unsent messages again at the next dispatch (parked ones too); returns how
    many were rescheduled. A sent message is never sent again."""
    actor.require_operator()
    if not message_ids:
        raise ValidationError("messaging.nothing_chosen", "choose the messages to send again")
    m = OutboxMessage
    now = utcnow()
    done = 0
    with write_tx():
        for row in locked(m.select().where(m.id.in_(message_ids) & m.sent_at.is_null())
                          .order_by(m.id)):
            before = row_dict(row, _STATE_FIELDS)
            m.update(next_attempt_at=now, failed_at=None, claimed_at=None, claimed_by="").where(
                (m.id == row.id) & m.sent_at.is_null()).execute()
            after = row_dict(m.get_by_id(row.id), _STATE_FIELDS)
            audit_change(actor, "messaging.retry", f"outbox:{row.idempotency_key}", before,
                         after)
            done += 1
    return done


def dispatch_now(actor: Actor) -> DispatchResult:
    """Send what is due now through this terminal's providers (the timer would, a bit later)."""
    actor.require_operator()
    return dispatcher.dispatch(providers.configured())


def operator_email(actor: Actor) -> str:
    """Where the operator's notices go (the ``operator`` channel), "" if nowhere yet."""
    actor.require_operator()
    value = (Setting.select(Setting.value)
             .where(Setting.key == providers.OPERATOR_EMAIL_KEY).scalar())
    return str(value or "")


def set_operator_email(actor: Actor, address: str) -> str:
    """Set where the operator's notices go (audited); "" stops sending them (they wait)."""
    actor.require_operator()
    address = address.strip() if isinstance(address, str) else address
    if not isinstance(address, str) or len(address) > 254 or (address and (
            address.count("@") != 1 or " " in address or address.startswith("@")
            or address.endswith("@"))):
        raise ValidationError("messaging.bad_address", "“{address}” is not an e-mail address",
                              address=str(address))
    key = providers.OPERATOR_EMAIL_KEY
    with write_tx():
        before = Setting.select(Setting.value).where(Setting.key == key).scalar()
        (Setting.insert(key=key, value=address)
         .on_conflict(conflict_target=[Setting.key], update={Setting.value: address})
         .execute())
        audit_change(actor, "setting_change", f"setting:{key}", {"value": before},
                     {"value": address})
    return address


def send_test(actor: Actor, channel: str, recipient: str, language: str = "zh_CN") -> str:
    """Send a test message straight through this terminal's provider (not the outbox: the
    operator wants the answer now). Returns the provider's name; raises its coded error."""
    actor.require_operator()
    recipient = recipient.strip()
    if channel == "email" and ("@" not in recipient or " " in recipient):
        raise ValidationError("messaging.bad_address", "“{address}” is not an e-mail address",
                              address=recipient)
    if not recipient:
        raise ValidationError("messaging.no_recipient",
                              "a {channel} message needs a recipient", channel=channel)
    provider = providers.configured().get(channel)
    if provider is None:
        raise ConfigError("messaging.no_provider",
                          "this terminal has no {channel} provider: set it up in the "
                          "[messaging] section of its config file", channel=channel)
    subject, body = render("test_message", language, sender=actor.name,
                           at=utcnow().strftime("%Y-%m-%d %H:%M UTC"))
    key = f"test:{uuid.uuid4()}"
    with provider.session() as session:
        session.send(Outgoing(key, recipient, subject, body, "test_message"))
    with write_tx():
        audit_change(actor, "messaging.test_sent", f"{channel}:{recipient}", None,
                     {"provider": provider.name, "key": key})
    return provider.name
