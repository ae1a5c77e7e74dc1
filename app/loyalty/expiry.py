"""Points expiry (LEDGER.md): every lot past its expiry moves its unspent remainder to the
coalition's breakage account once; the issuing merchant's liability for those points ends
there. Re-running changes nothing.

One movement per holder and run: member → breakage, Σ R over the holder's due lots, under the
key ``expire:<account>:<cut-off>:<highest lot id>`` (app.ledger.expiry_key), with one lot use
per issuer (no lot; what settlement and the breakage report read) while each lot keeps its own
R in ``expired_points`` (what ``verify`` reconciles).

The per-holder path (app.ledger.expire_due) expires one member's lots before a spend. The run
here does the same for everyone at once, set-based: about 20 000 lots' holders per transaction,
their account rows locked in id order first (the order a spend takes them), then one statement
each for the transfers, the lot uses, the cached balances and the lots. The rows it writes are
the ones ledger.expire_due would write (same key shape, same request fingerprint, same lot
uses), so ``ledger.verify`` and the settlement read them alike. On PostgreSQL two connections
expire disjoint holder ranges side by side (the server does the work: one core each).

Who runs it: the back office's expiry page (the operator), ``main.py --job expire`` (cron or
a systemd timer) and the one till named by the coalition setting ``jobs_terminal`` (see
:func:`runs_on`); every route takes the same job lock (app.jobs.exclusively).

Members hear of it beforehand: :func:`queue_notices` queues one ``points_expiring`` message
per member and expiry date, ``expiry_notice_days`` (setting, default 30) days ahead.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import peewee as pw

from app.backoffice.actor import Actor, audit_change
from app.clock import utcnow
from app.db import database, is_sqlite, write_tx
from app.errors import ValidationError
from app.ledger import breakage_account, expiry_cutoff_text
from app.messaging.notices import queue_member
from app.models import Account, Lot, Member, Merchant, Setting

BATCH_LOTS = 20_000  # due lots per transaction: a till waits at most for one short batch
PG_WORKERS = 2  # batches side by side on PostgreSQL: the server's work, one core each
NOTICE_DAYS_KEY = "expiry_notice_days"
DEFAULT_NOTICE_DAYS = 30
JOBS_TERMINAL_KEY = "jobs_terminal"


@dataclass(frozen=True)
class MerchantBreakage:
    merchant_id: int
    code: str
    name: str
    lots: int
    points: int


@dataclass
class ExpiryReport:
    """What one expiry run did: lots expired with points left in them, points moved to
    breakage, holders touched, and the breakage per issuing merchant."""

    lots: int = 0
    points: int = 0
    holders: int = 0
    per_issuer: dict[int, list[int]] = field(default_factory=dict)  # merchant id -> [lots, pts]

    def count(self, issuer: int, lots: int, points: int) -> None:
        entry = self.per_issuer.setdefault(int(issuer), [0, 0])
        entry[0] += int(lots)
        entry[1] += int(points)
        self.lots += int(lots)
        self.points += int(points)

    def add(self, other: ExpiryReport) -> None:
        self.holders += other.holders
        for issuer, (lots, points) in other.per_issuer.items():
            self.count(issuer, lots, points)

    def by_merchant(self) -> list[MerchantBreakage]:
        names = {m.id: m for m in Merchant.select().where(Merchant.id.in_(list(self.per_issuer)))}
        return sorted((MerchantBreakage(mid, names[mid].code, names[mid].name, lots, points)
                       for mid, (lots, points) in self.per_issuer.items()),
                      key=lambda b: b.code)


# -- settings -------------------------------------------------------------------------------
def _setting(key: str) -> str | None:
    return Setting.select(Setting.value).where(Setting.key == key).scalar()


def notice_days() -> int:
    raw = _setting(NOTICE_DAYS_KEY)
    try:
        days = int(raw) if raw is not None else DEFAULT_NOTICE_DAYS
    except ValueError:
        days = DEFAULT_NOTICE_DAYS
    return days if days >= 0 else DEFAULT_NOTICE_DAYS


def runs_on(terminal_code: str) -> bool:
    """The designated-terminal rule: the scheduled jobs (expiry, notices) run on the till
    whose code the coalition setting ``jobs_terminal`` names, and on no other till. Unset:
    no till runs them (the back office and ``main.py --job expire`` still do)."""
    named = _setting(JOBS_TERMINAL_KEY)
    return bool(named) and named == terminal_code


# -- the set-based run ----------------------------------------------------------------------
def _sha256_hex(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


def _fingerprint_sql(remaining: str, owner_key: str) -> str:
    """SQL computing app.ledger_keys.fingerprint(owner_key, 'breakage', remaining, 'expiry')."""
    canonical = (f"""'{{"amount":' || {remaining} || ',"credit":"breakage","debit":"' """
                 f"""|| {owner_key} || '","source":"expiry"}}'""")
    if is_sqlite():
        return f"patron_sha256({canonical})"
    return f"encode(sha256(convert_to({canonical}, 'UTF8')), 'hex')"


def _batch_end(now: datetime, after: int, lots: int) -> int | None:
    """The last holder account of the next batch: holders after ``after`` in id order, until
    about ``lots`` due lots (a holder's lots are never split between batches)."""
    p = database.obj.param
    row = database.obj.execute_sql(
        f"SELECT MAX(account_id) FROM (SELECT account_id FROM lot WHERE account_id > {p} "
        f"AND expires_at <= {p} AND expired_at IS NULL ORDER BY account_id "
        f"LIMIT {int(lots)}) AS b", (after, now)).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def _expire_batch(lo: int, hi: int, now: datetime, report: ExpiryReport,
                  staff_id: int | None, source_ref: str) -> None:
    """Expire the due lots of the holder accounts ``lo``..``hi`` inside the current write
    transaction, set-based: every due lot closed (its R kept in ``expired_points``), one
    transfer per holder (member → breakage, Σ R, key app.ledger.expiry_key), one lot use per
    holder and issuer, the cached balances. A range rather than a list keeps every statement
    on the holders' index."""
    span = f"BETWEEN {int(lo)} AND {int(hi)}"
    if is_sqlite():
        _expire_batch_sqlite(span, now, report, staff_id, source_ref)
    else:
        _expire_batch_postgres(span, now, report, staff_id, source_ref)


_MOVE_COLUMNS = ("INSERT INTO transfer (idempotency_key, request_hash, debit_id, credit_id, "
                 "amount, reason, source, source_ref, staff_id, created_at) ")
_USE_COLUMNS = ("INSERT INTO lot_use (transfer_id, lot_id, issuer_id, acceptor_id, amount, "
                "created_at) ")


def _expire_batch_postgres(span: str, now: datetime, report: ExpiryReport,
                           staff_id: int | None, source_ref: str) -> None:
    """One statement: the lots closed (RETURNING what they held) feed the transfers, whose
    RETURNING feeds the balances and the lot uses; nothing is read twice. Every join to the
    accounts names the batch's range, so the planner reads those accounts alone (a merge join
    from the first account would read the whole table again for each batch)."""
    db = database.obj
    # The order a spend locks a holder in: no deadlock with a till paying with points; and
    # nobody else can change these holders' lots until the batch commits.
    db.execute_sql(f"SELECT id FROM account WHERE id {span} AND kind IN ('member', 'guide') "
                   "ORDER BY id FOR UPDATE")
    total = "CAST(SUM(c.expired_points) AS BIGINT)"  # SUM of bigint is numeric
    rows = db.execute_sql(
        "WITH closed AS (UPDATE lot SET expired_points = remaining, remaining = 0, "
        f"expired_at = %(now)s WHERE account_id {span} AND expires_at <= %(now)s "
        "AND expired_at IS NULL RETURNING id, account_id, issuer_id, expired_points), "
        "held AS (SELECT * FROM closed WHERE expired_points > 0), "
        f"moved AS ({_MOVE_COLUMNS} SELECT 'expire:' || c.account_id || ':' || %(cutoff)s "
        f"|| ':' || MAX(c.id), {_fingerprint_sql(total, 'a.owner_key')}, c.account_id, "
        f"%(breakage)s, {total}, 'points expired', 'expiry', %(ref)s, %(staff)s, %(now)s "
        f"FROM held c JOIN account a ON a.id = c.account_id AND a.id {span} "
        "GROUP BY c.account_id, a.owner_key "
        "ORDER BY c.account_id RETURNING id, debit_id, amount), "
        "balances AS (UPDATE account SET balance = account.balance - m.amount FROM moved m "
        f"WHERE account.id = m.debit_id AND account.id {span}), "
        f"uses AS ({_USE_COLUMNS} SELECT m.id, NULL, c.issuer_id, NULL, {total}, %(now)s "
        "FROM held c JOIN moved m ON m.debit_id = c.account_id GROUP BY m.id, c.issuer_id) "
        "SELECT issuer_id, COUNT(*), SUM(expired_points), (SELECT COUNT(*) FROM moved) "
        "FROM held GROUP BY issuer_id",
        {"now": now, "cutoff": expiry_cutoff_text(now), "breakage": breakage_account().id,
         "ref": source_ref, "staff": staff_id}).fetchall()
    for issuer, lots, points, _ in rows:
        report.count(issuer, lots, points)
    report.holders += int(rows[0][3]) if rows else 0


_STAGE = "expiring_lot"  # SQLite: a temporary table, the batch's due lots, read once


def _expire_batch_sqlite(span: str, now: datetime, report: ExpiryReport,
                         staff_id: int | None, source_ref: str) -> None:
    """The same rows in a few statements (SQLite takes no UPDATE … RETURNING inside another
    statement): the due lots with points are copied aside, the lots closed, and the
    movements written from the copy. The database's write lock keeps everyone else out."""
    db = database.obj
    db.connection().create_function("patron_sha256", 1, _sha256_hex, deterministic=True)
    db.execute_sql(f"CREATE TEMPORARY TABLE IF NOT EXISTS {_STAGE} (lot_id BIGINT PRIMARY KEY, "
                   "account_id BIGINT NOT NULL, issuer_id BIGINT NOT NULL, "
                   "remaining BIGINT NOT NULL)")
    db.execute_sql(f"DELETE FROM {_STAGE}")
    due = f"account_id {span} AND expires_at <= ? AND expired_at IS NULL"
    db.execute_sql(f"INSERT INTO {_STAGE} (lot_id, account_id, issuer_id, remaining) "
                   f"SELECT id, account_id, issuer_id, remaining FROM lot WHERE {due} "
                   "AND remaining > 0", (now,))
    db.execute_sql("UPDATE lot SET expired_points = remaining, remaining = 0, expired_at = ? "
                   f"WHERE {due}", (now, now))
    for issuer, lots, points in db.execute_sql(
            f"SELECT issuer_id, COUNT(*), SUM(remaining) FROM {_STAGE} GROUP BY issuer_id"):
        report.count(issuer, lots, points)
    # The new transfers are those above the highest id now whose debit is one of these holders.
    first_new = int(db.execute_sql("SELECT COALESCE(MAX(id), 0) FROM transfer").fetchone()[0])
    total = "SUM(e.remaining)"
    cursor = db.execute_sql(
        f"{_MOVE_COLUMNS} SELECT 'expire:' || e.account_id || ':' || ? || ':' || MAX(e.lot_id), "
        f"{_fingerprint_sql(total, 'a.owner_key')}, e.account_id, ?, {total}, "
        "'points expired', 'expiry', ?, ?, ? "
        f"FROM {_STAGE} e JOIN account a ON a.id = e.account_id AND a.id {span} "
        "GROUP BY e.account_id, a.owner_key ORDER BY e.account_id",
        (expiry_cutoff_text(now), breakage_account().id, source_ref, staff_id, now))
    report.holders += max(cursor.rowcount, 0)
    new = f"t.id > ? AND t.source = 'expiry' AND t.debit_id {span}"
    db.execute_sql(
        f"{_USE_COLUMNS} SELECT t.id, NULL, e.issuer_id, NULL, {total}, ? FROM {_STAGE} e "
        f"JOIN transfer t ON t.debit_id = e.account_id WHERE {new} "
        "GROUP BY t.id, e.issuer_id ORDER BY t.id, e.issuer_id", (now, first_new))
    db.execute_sql("UPDATE account SET balance = account.balance - t.amount FROM transfer t "
                   f"WHERE t.debit_id = account.id AND account.id {span} AND {new}",
                   (first_new,))
    db.execute_sql(f"DELETE FROM {_STAGE}")


class _Ranges:
    """Hands out the next batch of holder accounts, one caller at a time."""

    def __init__(self, now: datetime, lots: int) -> None:
        self.now, self.lots, self.after = now, lots, 0
        self.lock = threading.Lock()
        self.stopped = False

    def next(self) -> tuple[int, int] | None:
        with self.lock:
            if self.stopped:
                return None
            last = _batch_end(self.now, self.after, self.lots)
            if last is None:
                return None
            span, self.after = (self.after + 1, last), last
            return span


def _work(ranges: _Ranges, report: ExpiryReport, staff_id: int | None, source_ref: str,
          progress: Callable[[ExpiryReport], None] | None) -> None:
    """Expire batch after batch until none is left, each in its own write transaction."""
    while (span := ranges.next()) is not None:
        done = ExpiryReport()
        try:
            with write_tx():
                _expire_batch(*span, ranges.now, done, staff_id, source_ref)
        except BaseException:
            ranges.stopped = True  # the other worker stops after its batch
            raise
        with ranges.lock:
            report.add(done)
            if progress is not None:
                progress(report)


def _in_own_connection(*args: object) -> None:
    try:
        _work(*args)  # type: ignore[arg-type]
    finally:
        database.obj.close()  # this thread's connection (peewee keeps one per thread)


def expire_all(now: datetime | None = None, *, staff_id: int | None = None,
               batch: int = BATCH_LOTS,
               progress: Callable[[ExpiryReport], None] | None = None,
               workers: int | None = None) -> ExpiryReport:
    """Expire every lot due at ``now``, about ``batch`` lots (whole holders) per write
    transaction. Re-running at the same or a later cut-off finds nothing left to do.

    ``workers`` connections run batches side by side (default: one on SQLite, where writers
    queue anyway; PG_WORKERS on PostgreSQL, where each is a server process of its own)."""
    now = now or utcnow()
    report = ExpiryReport()
    source_ref = f"expiry {now:%Y-%m-%d %H:%M}"
    ranges = _Ranges(now, batch)
    workers = workers or (1 if is_sqlite() else PG_WORKERS)
    if workers == 1:
        _work(ranges, report, staff_id, source_ref, progress)
        return report
    with ThreadPoolExecutor(workers, thread_name_prefix="expiry") as pool:
        futures = [pool.submit(_in_own_connection, ranges, report, staff_id, source_ref,
                               progress) for _ in range(workers)]
    for future in futures:
        future.result()  # re-raise a worker's failure here
    return report


def due_summary(now: datetime | None = None) -> tuple[int, int]:
    """(lots, points) that an expiry run at ``now`` would move to breakage."""
    now = now or utcnow()
    lots, points = (Lot.select(pw.fn.COUNT(Lot.id), pw.fn.COALESCE(pw.fn.SUM(Lot.remaining), 0))
                    .where((Lot.expires_at <= now) & Lot.expired_at.is_null()
                           & (Lot.remaining > 0)).tuples().first())
    return int(lots), int(points)


# -- the back office ------------------------------------------------------------------------
@dataclass(frozen=True)
class ExpiryOutcome:
    ran: bool  # False: another terminal was running the expiry at that moment
    lots: int
    points: int
    holders: int
    per_merchant: tuple[MerchantBreakage, ...]


def preview(actor: Actor) -> tuple[int, int, int]:
    """What is due now, for the page: (lots, points, notice days). Operator only: expiry is
    coalition-wide (the breakage account is the coalition's)."""
    actor.require_operator()
    lots, points = due_summary()
    return lots, points, notice_days()


def run_from_backoffice(actor: Actor, now: datetime | None = None) -> ExpiryOutcome:
    """The operator runs the expiry now (under the same job lock as cron and the till)."""
    from app import audit
    from app.jobs import exclusively

    actor.require_operator()
    now = now or utcnow()
    with exclusively("expire_points") as mine:
        if not mine:
            return ExpiryOutcome(False, 0, 0, 0, ())
        report = expire_all(now, staff_id=actor.staff_id)
    merchants = tuple(report.by_merchant())
    with write_tx():
        audit.record("points_expiry_run", actor=actor.staff_id, target="breakage",
                     lots=report.lots, points=report.points, holders=report.holders,
                     per_merchant={b.code: b.points for b in merchants})
    return ExpiryOutcome(True, report.lots, report.points, report.holders, merchants)


def set_notice_days(actor: Actor, days: int) -> int:
    """The operator sets how many days ahead members hear of expiring points (audited)."""
    actor.require_operator()
    if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 365:
        raise ValidationError("expiry.notice_days",
                              "the notice period is 0 to 365 days, not {days}", days=repr(days))
    with write_tx():
        before = _setting(NOTICE_DAYS_KEY)
        (Setting.insert(key=NOTICE_DAYS_KEY, value=str(days))
         .on_conflict(conflict_target=[Setting.key], update={Setting.value: str(days)})
         .execute())
        audit_change(actor, "setting_change", f"setting:{NOTICE_DAYS_KEY}",
                     {"value": before}, {"value": str(days)})
    return days


# -- notices --------------------------------------------------------------------------------
def queue_notices(now: datetime | None = None, days: int | None = None) -> int:
    """Queue a ``points_expiring`` message to each member with points expiring within the
    notice period: one per member and expiry date (key ``expiry_notice:<member>:<date>``), so
    re-running, or a later run that still sees those lots, queues nothing new. Returns how
    many (member, date) notices the window holds."""
    now = now or utcnow()
    days = notice_days() if days is None else days
    horizon = now + timedelta(days=days)
    rows = (Lot.select(Account.member, Lot.expires_at, Lot.remaining)
            .join(Account, on=(Lot.account == Account.id))
            .where(Account.member.is_null(False) & Lot.expired_at.is_null()
                   & (Lot.remaining > 0) & (Lot.expires_at > now) & (Lot.expires_at <= horizon))
            .tuples().iterator())
    due: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for member_id, expires_at, remaining in rows:
        due[int(member_id)][expires_at.date().isoformat()] += int(remaining)
    member_ids = sorted(due)
    for start in range(0, len(member_ids), 500):
        chunk = member_ids[start:start + 500]
        with write_tx():
            for member in Member.select().where(Member.id.in_(chunk)).order_by(Member.id):
                for date, points in sorted(due[member.id].items()):
                    queue_member(member, "points_expiring", f"expiry_notice:{member.id}:{date}",
                                 points=points, date=date)
    return sum(len(dates) for dates in due.values())
