"""The outbox dispatcher: sends what is queued, each message marked sent exactly once.

Any number of dispatchers may run at once (tills, the back office, cron on another host);
every bit of state is in the ``outbox_message`` table, so a restart loses nothing.

1. **Claim** a small batch of due messages (unsent, not parked, ``next_attempt_at`` passed,
   no live claim) in one short write transaction: the rows are read locked (PostgreSQL skips
   rows another dispatcher holds) and claimed by a conditional UPDATE that stamps
   ``claimed_at`` and this run's token. Only rows the UPDATE matched are ours.
2. **Send** outside any transaction (no lock is held across the network). Once half the
   lease has passed since the claim, each send first renews it by a conditional UPDATE; if
   another dispatcher took it over (our lease ran out), we skip the message.
3. **Mark** it sent by a conditional UPDATE on ``sent_at IS NULL``: exactly one dispatcher
   ever marks a message sent. A failure records the coded error and the next attempt
   (exponential backoff with a cap); a message that fails ``MAX_ATTEMPTS`` times for its own
   reasons is parked (``failed_at``) where the back office shows it and may send it again.
   A provider that is down (login refused, server away) never parks a message: it waits.

The crash window. If the process dies after the provider accepted a message and before step
3, the claim's lease (``LEASE``) runs out and another dispatcher sends it again: at least once,
never lost. The window is kept small — each message is marked the moment its provider returns,
not at the end of the batch; the lease is far longer than a send may take, so a slow send is
not taken over; and a repeat carries the same Message-ID (made from the outbox key), so mail
clients show it once, and the SMS file reader counts each key once.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import peewee as pw

from app.clock import utcnow
from app.db import is_sqlite, write_tx
from app.errors import PatronError
from app.messaging.notices import attachments_of
from app.messaging.providers import Outgoing, Provider, SendFailed
from app.models import OutboxMessage

log = logging.getLogger(__name__)

BATCH = 20
LEASE = timedelta(minutes=10)  # far above a batch's sends (SMTP timeout 20 s each)
BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=6)
MAX_ATTEMPTS = 8  # 1+2+4+...+64 min: a message failing for its own reasons parks after ~4 h


@dataclass
class DispatchResult:
    sent: int = 0
    failed: int = 0  # will be tried again
    parked: int = 0  # out of attempts: the back office shows them
    skipped: int = 0  # another dispatcher took the claim over
    provider_down: bool = False

    def add(self, other: DispatchResult) -> None:
        self.sent += other.sent
        self.failed += other.failed
        self.parked += other.parked
        self.skipped += other.skipped
        self.provider_down = self.provider_down or other.provider_down

    def __str__(self) -> str:
        return (f"{self.sent} messages sent, {self.failed} to retry, {self.parked} parked as "
                f"failed")


def backoff(attempts: int) -> timedelta:
    """The wait before attempt ``attempts + 1``: 1, 2, 4 … minutes, at most BACKOFF_CAP."""
    return min(BACKOFF_FIRST * (2 ** max(0, attempts - 1)), BACKOFF_CAP)


def _due(now: datetime, channels: list[str]) -> pw.Expression:
    m = OutboxMessage
    return (m.sent_at.is_null() & m.failed_at.is_null() & m.channel.in_(channels)
            & (m.next_attempt_at.is_null() | (m.next_attempt_at <= now))
            & (m.claimed_at.is_null() | (m.claimed_at < now - LEASE)))


def claim(channels: list[str], token: str, now: datetime, limit: int = BATCH,
          ) -> list[OutboxMessage]:
    """Claim up to ``limit`` due messages of ``channels`` for ``token``; returns them."""
    m = OutboxMessage
    with write_tx():
        query = m.select(m.id).where(_due(now, channels)).order_by(m.id).limit(limit)
        if not is_sqlite():  # SQLite: the IMMEDIATE transaction already serialises claims
            query = query.for_update("FOR UPDATE SKIP LOCKED")
        ids = [row.id for row in query]
        if not ids:
            return []
        m.update(claimed_at=now, claimed_by=token).where(
            m.id.in_(ids) & _due(now, channels)).execute()
        return list(m.select().where(m.id.in_(ids) & (m.claimed_by == token)
                                     & m.sent_at.is_null()).order_by(m.id))


def _renew(row: OutboxMessage, token: str, now: datetime) -> bool:
    """Still ours? Renew the lease just before sending (False: another dispatcher has it)."""
    m = OutboxMessage
    with write_tx():
        return m.update(claimed_at=now).where(
            (m.id == row.id) & (m.claimed_by == token) & m.sent_at.is_null()
            & m.failed_at.is_null()).execute() == 1


def mark_sent(message_id: int, now: datetime) -> bool:
    """Mark the message sent; True for the one caller that did (sent_at is set once)."""
    m = OutboxMessage
    with write_tx():
        return m.update(sent_at=now, last_attempt_at=now, attempts=m.attempts + 1,
                        claimed_at=None, next_attempt_at=None).where(
            (m.id == message_id) & m.sent_at.is_null()).execute() == 1


def _record_failure(row: OutboxMessage, token: str, exc: BaseException, now: datetime) -> bool:
    """Record the error and the next attempt; True when the message is now parked."""
    m = OutboxMessage
    code = getattr(exc, "code", "messaging.send_error")
    text = str(exc) or type(exc).__name__
    detail = json.dumps({"template": exc.template, "params": exc.params}, ensure_ascii=False,
                        default=str) if isinstance(exc, PatronError) else ""
    attempts = row.attempts + 1
    down = isinstance(exc, SendFailed) and exc.provider_down
    park = not down and attempts >= MAX_ATTEMPTS
    with write_tx():
        m.update(attempts=m.attempts + 1, last_attempt_at=now, last_error=text[:2000],
                 error_code=code[:60], error_detail=detail, claimed_at=None, claimed_by="",
                 next_attempt_at=now + backoff(attempts),
                 failed_at=now if park else None).where(
            (m.id == row.id) & (m.claimed_by == token) & m.sent_at.is_null()).execute()
    return park


def outgoing(row: OutboxMessage) -> Outgoing:
    return Outgoing(row.idempotency_key, row.recipient, row.subject, row.body, row.kind,
                    tuple(attachments_of(row.attachments)))


def _send_batch(provider: Provider, rows: list[OutboxMessage], token: str,
                now: datetime) -> DispatchResult:
    result = DispatchResult()

    def at() -> datetime:  # the run's clock (a test's, or the real one), never behind it
        return max(now, utcnow())

    pending = list(rows)
    try:
        with provider.session() as session:
            while pending:
                row = pending[0]
                # Within half the lease of our claim nobody can have taken it over; after
                # that, renew it (or learn it is gone) before sending.
                if at() - row.claimed_at >= LEASE / 2 and not _renew(row, token, at()):
                    result.skipped += 1
                    pending.pop(0)
                    continue
                try:
                    session.send(outgoing(row))
                except SendFailed as exc:
                    if exc.provider_down:
                        raise  # the provider broke off: the rest of the batch waits with it
                    pending.pop(0)
                    log.info("message %s not sent: %s", row.idempotency_key, exc)
                    parked = _record_failure(row, token, exc, at())
                    result.parked += parked
                    result.failed += not parked
                    continue
                except Exception as exc:  # a provider's bug must not stall the queue
                    pending.pop(0)
                    log.exception("provider %s failed on %s", provider.name, row.idempotency_key)
                    parked = _record_failure(row, token, exc, at())
                    result.parked += parked
                    result.failed += not parked
                    continue
                pending.pop(0)
                if mark_sent(row.id, at()):
                    result.sent += 1
                else:  # another dispatcher had already marked it (it took over our lease)
                    result.skipped += 1
    except SendFailed as exc:
        # The provider is down (login refused, unreachable): every message still waiting in
        # this batch carries the reason, and is tried again after its backoff.
        log.warning("%s: %s", provider.name, exc)
        result.provider_down = True
        for row in pending:
            _record_failure(row, token, exc, at())
            result.failed += 1
    return result


def dispatch(providers: dict[str, Provider], now: datetime | None = None, *,
             batch: int = BATCH, max_batches: int = 50) -> DispatchResult:
    """Send the due messages of the channels in ``providers``, a batch at a time, until none
    is due (or ``max_batches`` ran: the next tick goes on)."""
    total = DispatchResult()
    channels = list(providers)
    token = uuid.uuid4().hex
    for _ in range(max_batches):
        if not channels:
            break
        clock = now or utcnow()
        rows = claim(channels, token, clock, batch)
        if not rows:
            break
        for channel in list(channels):
            mine = [r for r in rows if r.channel == channel]
            if not mine:
                continue
            done = _send_batch(providers[channel], mine, token, clock)
            total.add(done)
            if done.provider_down:
                channels.remove(channel)  # the rest of its queue waits for the next tick
    return total
