"""Scheduled jobs: work that is due by the clock rather than by a cashier's action.

Every till calls ``run_due()`` now and then (ui/background_jobs.py, off the GUI thread), and an
operator or cron can run it once with ``main.py --run-jobs`` (``run_command``). Any number of
terminals may call it at once: each job runs at most once at a time across all of them
(PostgreSQL: a session advisory lock per job, the others skip; SQLite: every step takes the
database write lock), and every step is idempotent, so a second run changes nothing.

Points expiry moves each lot past its expiry to breakage once. It works one holder per
transaction, so a till selling to a member waits at most for that member's expiry, never for
the whole run. ``messages`` sends the outbox (app.messaging.dispatcher) on a terminal whose
config file sets up message providers; ``main.py --job NAME`` runs one job.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TextIO

import peewee as pw

from app import ledger
from app.clock import utcnow
from app.db import database, is_sqlite, write_tx

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobResult:
    name: str
    ran: bool  # False: another terminal was running it
    detail: str
    count: int = 0  # what the job did, in its own unit (points expired)


def _lock_id(name: str) -> int:
    """A stable signed 64-bit advisory-lock key per job name."""
    return int.from_bytes(hashlib.sha256(f"patron.job.{name}".encode()).digest()[:8], "big",
                          signed=True)


@contextlib.contextmanager
def exclusively(name: str) -> Iterator[bool]:
    """Yields True when this terminal may run the job ``name`` now, False when another one is
    running it. PostgreSQL: a session advisory lock, released on exit (or with the connection,
    should the process die). SQLite: always True — each step's BEGIN IMMEDIATE serialises."""
    if is_sqlite():
        yield True
        return
    db = database.obj
    got = db.execute_sql("SELECT pg_try_advisory_lock(%s)", (_lock_id(name),)).fetchone()[0]
    try:
        yield bool(got)
    finally:
        if got:
            try:
                db.execute_sql("SELECT pg_advisory_unlock(%s)", (_lock_id(name),))
            except pw.DatabaseError:  # the connection died: the server dropped the lock with it
                log.debug("could not release the %s job lock", name, exc_info=True)


def expire_points(now: datetime) -> JobResult:
    """Move every lot past its expiry to breakage, one holder per transaction."""
    expired = holders = 0
    for account_id in ledger.holders_with_due_lots(now):
        with write_tx():
            expired += ledger.expire_due(account_id, now)
        holders += 1
    return JobResult("expire_points", True, f"{expired} points expired from {holders} holders",
                     expired)


def send_messages(now: datetime) -> JobResult:
    """Send the due outbox messages through this terminal's providers (its config file's
    [messaging] section); a terminal with none leaves them to another."""
    from app.messaging import dispatcher, providers

    mine = providers.configured()
    if not mine:
        return JobResult("messages", True, "no message providers configured on this terminal")
    result = dispatcher.dispatch(mine, now)
    return JobResult("messages", True, str(result), result.sent)


def book_cards(now: datetime) -> JobResult:
    """Book the stored-value cards not returned by their date (app.coupons.cards)."""
    from app.coupons.cards import book_unreturned

    booked = book_unreturned(now)
    return JobResult("card_booking", True, f"{booked} unreturned cards booked", booked)


JOBS: tuple[tuple[str, Callable[[datetime], JobResult]], ...] = (
    ("expire_points", expire_points),
    ("messages", send_messages),
    ("card_booking", book_cards),
)


def job_names() -> list[str]:
    return [name for name, _ in JOBS]


def _has_work_here(name: str) -> bool:
    """A terminal without message providers has no messages job (another terminal sends)."""
    if name == "messages":
        from app.messaging import providers

        return bool(providers.configured())
    if name == "card_booking":  # only a coalition whose kiosks dispensed cards has any
        from app.models import StoredValueCard

        return StoredValueCard.select().where(StoredValueCard.returned_at.is_null()
                                              & StoredValueCard.booked_at.is_null()).exists()
    return True


def run_due(now: datetime | None = None, only: str | None = None) -> list[JobResult]:
    """Run every job that is due at ``now`` (default: the current time), each at most once at a
    time across terminals (``only``: just the job of that name). Returns one result per job."""
    now = now or utcnow()
    results = []
    for name, job in JOBS:
        if (name != only) if only is not None else not _has_work_here(name):
            continue
        with exclusively(name) as mine:
            if not mine:
                results.append(JobResult(name, False, "running on another terminal"))
                continue
            results.append(job(now))
    for result in results:
        log.info("job %s: %s", result.name, result.detail)
    return results


def run_command(out: TextIO = sys.stdout, now: datetime | None = None,
                only: str | None = None) -> int:
    """``main.py --run-jobs`` (``--job NAME``: one job): with the database bound, run the due
    jobs once, print a line per job, return the process exit code (0: every job ran or
    another terminal had it)."""
    try:
        results = run_due(now, only)
    except Exception as exc:  # reported to the operator, with the cause, as an exit code
        log.exception("scheduled jobs failed")
        print(f"patron: jobs failed: {exc}", file=out)
        return 1
    for result in results:
        print(f"{result.name}: {result.detail}", file=out)
    return 0
