"""Points expiry from the back office, the designated till and ``main.py --job expire``
(issue 8, item 9): oldest lots first, breakage booked per LEDGER.md (member → breakage, the
issuer's lot use recorded), re-running changes nothing, and members hear of expiring points
once per expiry date."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app import jobs, ledger
from app.backoffice.actor import Actor
from app.clock import utcnow
from app.db import bind, database, write_tx
from app.demo import seed_minimal
from app.errors import PermissionDenied, ValidationError
from app.ledger_keys import fingerprint
from app.loyalty import expiry
from app.models import (
    Account,
    AuditEntry,
    Lot,
    LotUse,
    Member,
    OutboxMessage,
    Setting,
    Staff,
    Transfer,
)

T0 = datetime(2033, 5, 10, 12, 0)
REPO = Path(__file__).resolve().parents[2]


def actor(code: str) -> Actor:
    return Actor.of(Staff.get(Staff.code == code))


def seed(world, members: int, tag: str, expires: datetime) -> dict[int, int]:
    """Per member: a lot from A and one from B due at ``expires``, one young lot, and a spend
    that took part of the oldest lot. Returns the due points per issuing merchant."""
    due = {world.merchant_a.id: 0, world.merchant_b.id: 0}
    with write_tx():
        for m in range(members):
            member = Member.create(number=f"7{tag}{m:05d}", phone=f"137{tag}{m:06d}"[:11],
                                   email=f"m{tag}{m}@example.com" if m % 2 else "",
                                   language="en" if m % 2 else "zh_CN")
            holder = ledger.member_account(member)
            ledger.award(holder, world.merchant_a, 40, key=f"sale:{tag}:{m}:a", reason="r",
                         source="sale", expires_at=expires - timedelta(days=2))
            ledger.award(holder, world.merchant_b, 25, key=f"sale:{tag}:{m}:b", reason="r",
                         source="sale", expires_at=expires - timedelta(hours=1))
            ledger.award(holder, world.merchant_b, 9, key=f"sale:{tag}:{m}:young", reason="r",
                         source="sale", expires_at=expires + timedelta(days=400))
            ledger.spend(holder, world.merchant_b, 15, key=f"sale:{tag}:{m}:pay", reason="r",
                         source="sale", now=expires - timedelta(days=10))
            due[world.merchant_a.id] += 25  # the spend took the oldest lot (A's) first
            due[world.merchant_b.id] += 25
    return due


def snapshot() -> tuple:
    return (Transfer.select().count(), LotUse.select().count(),
            sorted(Account.select(Account.id, Account.balance).tuples()),
            sorted(Lot.select(Lot.id, Lot.remaining, Lot.expired_at).tuples()))


def test_the_run_books_breakage_per_issuer_like_the_per_holder_path(world):
    due = seed(world, 5, "1", T0)
    report = expiry.expire_all(T0, batch=3)  # several batches (whole holders each)
    assert (report.lots, report.points, report.holders) == (10, sum(due.values()), 5)
    assert {b.merchant_id: b.points for b in report.by_merchant()} == due
    assert ledger.entries_balance(ledger.breakage_account()) == sum(due.values())
    moves = list(Transfer.select().where(Transfer.source == "expiry"))
    assert len(moves) == 5  # one movement per holder, not per lot
    issuers = set()
    for move in moves:
        holder = Account.get_by_id(move.debit_id)
        assert move.credit_id == ledger.breakage_account().id
        assert move.request_hash == fingerprint(holder.owner_key, "breakage", move.amount,
                                                "expiry")
        uses = list(LotUse.select().where(LotUse.transfer == move).order_by(LotUse.issuer))
        # One use per issuer, no lot: A's lot kept 25 of 40, B's first lot all its 25.
        assert [(u.issuer_id, u.amount, u.lot_id, u.acceptor_id) for u in uses] == [
            (world.merchant_a.id, 25, None, None), (world.merchant_b.id, 25, None, None)]
        assert sum(u.amount for u in uses) == move.amount == 50
        closed = list(Lot.select().where((Lot.account == holder.id)
                                         & Lot.expired_at.is_null(False)).order_by(Lot.id))
        assert [(lot.remaining, lot.expired_points) for lot in closed] == [(0, 25), (0, 25)]
        issuers |= {u.issuer_id for u in uses}
        assert move.idempotency_key == ledger.expiry_key(holder.id, T0, closed[-1].id)
    assert issuers == set(due)
    for member in Member.select().where(Member.number.startswith("71")):
        assert ledger.balance(member, T0) == 9  # only the young lot is left
        assert ledger.member_account(member).balance == 9
    assert ledger.verify() == []


def test_re_running_changes_nothing_and_the_holder_path_agrees(world):
    seed(world, 3, "2", T0)
    with write_tx():  # one member's lots already expired by a spend's own path
        first = Member.select().where(Member.number.startswith("72")).order_by(Member.id).first()
        ledger.expire_due(ledger.member_account(first), T0)
    report = expiry.expire_all(T0)
    assert report.lots == 4 and report.holders == 2  # the first member had nothing due left
    before = snapshot()
    again = expiry.expire_all(T0)
    assert (again.lots, again.points) == (0, 0)
    assert snapshot() == before
    assert ledger.verify() == []


def test_the_back_office_run_is_the_operators_and_is_audited(world):
    due = seed(world, 2, "3", T0)
    with pytest.raises(PermissionDenied):
        expiry.run_from_backoffice(actor("m1"), T0)
    with pytest.raises(PermissionDenied):
        expiry.preview(actor("m2"))
    assert expiry.due_summary(T0) == (4, sum(due.values()))
    outcome = expiry.run_from_backoffice(actor("op"), T0)
    assert outcome.ran and outcome.points == sum(due.values())
    assert {b.code: b.points for b in outcome.per_merchant} == {
        world.merchant_a.code: due[world.merchant_a.id],
        world.merchant_b.code: due[world.merchant_b.id]}
    entry = AuditEntry.get(AuditEntry.action == "points_expiry_run")
    assert entry.actor_id == actor("op").staff_id
    assert Transfer.select().where((Transfer.source == "expiry")
                                   & (Transfer.staff == entry.actor_id)).count() == 2  # one per holder
    assert expiry.run_from_backoffice(actor("op"), T0).points == 0


def test_notices_are_queued_once_per_member_and_date_in_their_language(world):
    seed(world, 2, "4", T0 + timedelta(days=20))  # due in 18 days and in 20 days less an hour
    assert expiry.notice_days() == 30
    assert expiry.queue_notices(T0) == 4
    assert expiry.queue_notices(T0) == 4  # the same notices: nothing new
    rows = list(OutboxMessage.select().where(OutboxMessage.kind == "points_expiring"))
    assert len(rows) == 4
    keys = {r.idempotency_key for r in rows}
    assert all(k.startswith("expiry_notice:") for k in keys)
    english = [r for r in rows if r.channel == "email"]
    chinese = [r for r in rows if r.channel == "sms"]
    assert english and chinese
    assert all("expire on" in r.body and "25" in r.body for r in english)
    assert all("过期" in r.body for r in chinese)
    # A shorter notice period reaches only the nearer date, and the young lot never.
    OutboxMessage.delete().execute()
    assert expiry.queue_notices(T0, days=19) == 2


def test_notice_days_setting_is_the_operators_and_checked(world):
    with pytest.raises(PermissionDenied):
        expiry.set_notice_days(actor("m1"), 10)
    with pytest.raises(ValidationError) as bad:
        expiry.set_notice_days(actor("op"), -1)
    assert bad.value.code == "expiry.notice_days"
    assert expiry.notice_days() == 30
    expiry.set_notice_days(actor("op"), 10)
    assert expiry.notice_days() == 10
    assert AuditEntry.select().where(AuditEntry.action == "setting_change").count() == 1


def test_only_the_designated_till_runs_the_jobs(world):
    seed(world, 1, "5", T0)
    assert jobs.run_on_terminal("T-A1", T0) == []  # no till designated: none runs them
    with write_tx():
        Setting.create(key=expiry.JOBS_TERMINAL_KEY, value=world.terminal_b.code)
    assert jobs.run_on_terminal(world.terminal_a.code, T0) == []
    results = jobs.run_on_terminal(world.terminal_b.code, T0)
    assert [r.name for r in results] == ["expire_points", "expiry_notices", "expire_face_templates"]
    assert results[0].count == 50


def test_main_job_expire_runs_once_from_cron(tmp_path):
    url = str(tmp_path / "cron.db")
    bind(url)
    try:
        world = seed_minimal()
        due = seed(world, 2, "6", utcnow() - timedelta(days=1))  # due; the young lots not
    finally:
        database.obj.close()
        database.initialize(None)
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env["PATRON_HOME"] = str(tmp_path / "home")

    def job(name: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "main.py", "--db", url, "--job", name],
                              cwd=REPO, env=env, capture_output=True, text=True, timeout=120)

    done = job("expire")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == (f"expire_points: {sum(due.values())} points expired from 4 lots "
                           "of 2 holders\n")
    again = job("expire")
    assert again.returncode == 0 and again.stdout.startswith("expire_points: 0 points")
    unknown = job("nonsense")
    assert unknown.returncode == 2 and "expire" in unknown.stderr


def test_a_second_expiry_at_the_same_cut_off_gets_its_own_key(world):
    """A lot that falls due after the holder's expiry at cut-off T (a refund gives back points
    keeping their old expiry) expires in a second movement at the same T: the key names the
    highest lot, so the two never collide and each lot keeps its one use."""
    seed(world, 1, "7", T0)
    holder = Account.get(Account.owner_key.startswith("member:")
                         & Account.member.in_(Member.select(Member.id)
                                              .where(Member.number.startswith("77"))))
    first = expiry.expire_all(T0)
    assert (first.holders, first.points) == (1, 50)
    with write_tx():
        late = ledger.award(holder, world.merchant_a, 6, key="sale:7:late", reason="r",
                            source="sale", expires_at=T0 - timedelta(days=1))
    second = expiry.expire_all(T0)
    assert (second.holders, second.lots, second.points) == (1, 1, 6)
    keys = [t.idempotency_key for t in Transfer.select().where(Transfer.source == "expiry")
            .order_by(Transfer.id)]
    late_lot = Lot.get(Lot.transfer == late)
    assert len(set(keys)) == 2 and keys[1] == ledger.expiry_key(holder.id, T0, late_lot.id)
    assert (late_lot.remaining, late_lot.expired_points, list(late_lot.uses)) == (0, 6, [])
    before = snapshot()
    assert expiry.expire_all(T0 + timedelta(days=1)).points == 0  # a later run: nothing left
    assert snapshot() == before
    assert ledger.verify() == []


def test_a_batch_that_fails_stops_the_run_and_a_rerun_finishes_it(world, monkeypatch):
    """A failure in one batch (one worker's, on PostgreSQL) reaches the caller; the batches
    committed before it stay whole, and running again expires exactly the rest."""
    due = seed(world, 6, "5", T0)
    real, calls = expiry._expire_batch, []

    def failing(*args, **kwargs):
        calls.append(args[:2])
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        return real(*args, **kwargs)

    monkeypatch.setattr(expiry, "_expire_batch", failing)
    with pytest.raises(RuntimeError, match="disk is full"):
        expiry.expire_all(T0, batch=2)
    monkeypatch.setattr(expiry, "_expire_batch", real)
    assert ledger.verify() == []  # no batch half-done
    rest = expiry.expire_all(T0, batch=2)
    moved = ledger.entries_balance(ledger.breakage_account())
    assert moved == sum(due.values()) and 0 < rest.points < moved
    assert Transfer.select().where(Transfer.source == "expiry").count() == 6
    assert ledger.verify() == []
