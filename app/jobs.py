"""Scheduled jobs: work that is due by the clock rather than by a cashier's action.

Every till calls ``run_due()`` now and then (ui/background_jobs.py, off the GUI thread), and an
operator or cron can run it once with ``main.py --run-jobs`` (``run_command``). Any number of
terminals may call it at once: each job runs at most once at a time across all of them
(PostgreSQL: a session advisory lock per job, the others skip; SQLite: every step takes the
database write lock), and every step is idempotent, so a second run changes nothing.

The jobs: points expiry (each lot past its expiry moves its remainder to breakage once, a batch
of holders per transaction, so a till selling to a member waits at most for one batch) and the
expiry notices to members (app.loyalty.expiry), run on tills only by the designated terminal
(``run_on_terminal``); and ``messages``, which sends the outbox (app.messaging.dispatcher) on a
terminal whose config file sets up message providers; tier evaluation (app.loyalty.tiers): once
a day when the coalition has tiers, members move to the tier their points earned give. A job
that is not due (or has no work on this terminal) is skipped and reports nothing.
``main.py --job NAME`` runs one job whether due or not.
Face templates unused for ``faces.template_ttl_days`` expire (app.faces.templates).
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

from app.clock import utcnow
from app.db import database, is_sqlite

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
    """Move every lot past its expiry to breakage (app.loyalty.expiry: a batch of holders per
    transaction, so a till waits at most for one batch)."""
    from app.loyalty.expiry import expire_all

    report = expire_all(now)
    return JobResult("expire_points", True,
                     f"{report.points} points expired from {report.lots} lots of "
                     f"{report.holders} holders", report.points)


def expiry_notices(now: datetime) -> JobResult:
    """Tell members of points expiring within the notice period (once per member and date)."""
    from app.loyalty.expiry import queue_notices

    notices = queue_notices(now)
    return JobResult("expiry_notices", True,
                     f"{notices} expiry notices due (each queued once)", notices)


def evaluate_tiers(now: datetime) -> JobResult:
    from app.loyalty import tiers

    result = tiers.run_job(now)
    return JobResult("evaluate_tiers", True,
                     f"{result.upgrades} upgrades, {result.downgrades} downgrades among "
                     f"{result.evaluated} members", result.changed)


def expire_face_templates(now: datetime) -> JobResult:
    """Delete face templates unused for the configured period (app.faces.templates)."""
    from app.faces import templates

    expired = templates.expire_templates(now)
    return JobResult("expire_face_templates", True, f"{expired} face templates expired",
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


def _cards_out(now: datetime) -> bool:  # noqa: ARG001
    """Only a coalition whose kiosks dispensed cards has any to book."""
    from app.models import StoredValueCard

    return StoredValueCard.select().where(StoredValueCard.returned_at.is_null()
                                          & StoredValueCard.booked_at.is_null()).exists()


def _always(now: datetime) -> bool:  # noqa: ARG001
    return True


def _tiers_due(now: datetime) -> bool:
    from app.loyalty import tiers

    return tiers.job_due(now)


def _has_providers(now: datetime) -> bool:  # noqa: ARG001
    """A terminal without message providers leaves the outbox to another terminal."""
    from app.messaging import providers

    return bool(providers.configured())


# name, the job, whether it is due (and has work) here at a time
JOBS: tuple[tuple[str, Callable[[datetime], JobResult], Callable[[datetime], bool]], ...] = (
    ("expire_points", expire_points, _always),
    ("expiry_notices", expiry_notices, _always),
    ("expire_face_templates", expire_face_templates, _always),
    ("evaluate_tiers", evaluate_tiers, _tiers_due),
    ("messages", send_messages, _has_providers),
    ("card_booking", book_cards, _cards_out),
)
# `main.py --job NAME` names: the short name an operator types into a crontab.
JOB_NAMES = {"expire": "expire_points", "expiry-notices": "expiry_notices",
             "face-templates": "expire_face_templates", "tiers": "evaluate_tiers",
             "messages": "messages", "card-booking": "card_booking"}


def job_names() -> list[str]:
    return [name for name, _, _ in JOBS]


def run_due(now: datetime | None = None, only: str | None = None) -> list[JobResult]:
    """Run every job that is due at ``now`` (default: the current time), each at most once at a
    time across terminals; ``only``: just that job. Returns one result per job run."""
    now = now or utcnow()
    results = []
    for name, job, due in JOBS:
        if (name != only) if only is not None else not due(now):
            continue
        with exclusively(name) as mine:
            if not mine:
                results.append(JobResult(name, False, "running on another terminal"))
                continue
            results.append(job(now))
    for result in results:
        log.info("job %s: %s", result.name, result.detail)
    return results


def run_on_terminal(terminal_code: str, now: datetime | None = None) -> list[JobResult]:
    """A till's timer: the jobs run only on the designated till (app.loyalty.expiry.runs_on,
    the coalition setting ``jobs_terminal``); every other till does nothing."""
    from app.loyalty.expiry import runs_on

    return run_due(now) if runs_on(terminal_code) else []


def run_command(out: TextIO = sys.stdout, now: datetime | None = None,
                job: str | None = None) -> int:
    """``main.py --run-jobs`` (every job) or ``main.py --job NAME`` (one): with the database
    bound, run once, print a line per job, return the process exit code (0: the job ran or
    another terminal had it; 2: no such job; 1: it failed)."""
    only = None
    if job is not None:
        only = JOB_NAMES.get(job, job if job in job_names() else None)
        if only is None:
            print(f"patron: no job “{job}”; jobs: {', '.join(sorted(JOB_NAMES))}", file=out)
            return 2
    try:
        results = run_due(now, only)
    except Exception as exc:  # reported to the operator, with the cause, as an exit code
        log.exception("scheduled jobs failed")
        print(f"patron: jobs failed: {exc}", file=out)
        return 1
    for result in results:
        print(f"{result.name}: {result.detail}", file=out)
    return 0
