"""The scheduled expiry job (issue 7, point 5): it runs from app.jobs.run_due, a second run
changes nothing, and terminals running it — or spending — at the same moment expire each lot
exactly once. The races are separate processes on PostgreSQL."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from pathlib import Path

import peewee as pw
import pytest

from app import jobs, ledger
from app.db import open_database, write_tx
from app.demo import seed_minimal
from app.models import Account, Lot, LotUse, Member, Transfer
from tests.line_worker import LineWorker

WORKER = Path(__file__).with_name("ledger_worker.py")
T0 = datetime(2032, 3, 1)


def seed_lots(world, members: int, lots_each: int, expires: datetime, tag: str) -> int:
    """Lots for ``members`` fresh members, half of each member's points spent already;
    returns the points still in them."""
    left = 0
    with write_tx():
        for m in range(members):
            member = Member.create(number=f"8{tag}{m:06d}", phone=f"15{tag}{m:06d}")
            holder = ledger.member_account(member)
            for i in range(lots_each):
                ledger.award(holder, (world.merchant_a, world.merchant_b)[i % 2], 10 + i,
                             key=f"sale:{tag}:{m}:{i}", reason="r", source="sale",
                             expires_at=expires - timedelta(minutes=i))
            ledger.spend(holder, world.merchant_a, 5, key=f"sale:{tag}:{m}:pay", reason="r",
                         source="sale", now=expires - timedelta(days=1))
            left += sum(10 + i for i in range(lots_each)) - 5
    return left


def points_job(results: list[jobs.JobResult]) -> jobs.JobResult:
    """The points-expiry result among every job's (other jobs run in the same call)."""
    return next(r for r in results if r.name == "expire_points")


def snapshot() -> tuple:
    return (Transfer.select().count(), LotUse.select().count(),
            sorted(Account.select(Account.id, Account.balance).tuples()),
            sorted(Lot.select(Lot.id, Lot.remaining, Lot.expired_at).tuples()))


def test_run_due_expires_what_is_due_and_a_second_run_changes_nothing(world):
    due = seed_lots(world, 3, 3, T0, "1")
    seed_lots(world, 2, 2, T0 + timedelta(days=30), "2")  # not yet due
    [result] = jobs.run_due(T0, only="expire_points")
    assert (result.name, result.ran, result.count) == ("expire_points", True, due)
    assert ledger.entries_balance(ledger.breakage_account()) == due
    assert Lot.select().where(Lot.expired_at.is_null(False)).count() == 9
    assert ledger.verify() == []
    before = snapshot()
    [again] = jobs.run_due(T0, only="expire_points")
    assert again.ran and again.count == 0
    assert snapshot() == before


def test_the_command_prints_what_each_job_did(world):
    due = seed_lots(world, 1, 2, T0, "3")
    out = io.StringIO()
    assert jobs.run_command(out, now=T0) == 0
    assert out.getvalue() == (f"expire_points: {due} points expired from 2 lots of 1 holders\n"
                              "expiry_notices: 0 expiry notices due (each queued once)\n"
                              "expire_face_templates: 0 face templates expired\n")


# -- PostgreSQL: terminals in separate processes -----------------------------------------------
@pytest.fixture
def terminals(pg_url):
    started = [LineWorker(WORKER, pg_url), LineWorker(WORKER, pg_url)]
    yield started
    for t in started:
        t.close()


@pytest.mark.postgres
def test_another_terminal_running_the_job_makes_this_one_skip(pg_url):
    seed_minimal()
    lock = (jobs._lock_id("expire_points"),)
    other = open_database(pg_url)
    other.execute_sql("SELECT pg_advisory_lock(%s)", lock)
    try:
        [result] = jobs.run_due(T0, only="expire_points")
        assert not result.ran and result.detail == "running on another terminal"
        other.execute_sql("SELECT pg_advisory_unlock(%s)", lock)  # the other run ends
        [result] = jobs.run_due(T0, only="expire_points")
        assert result.ran
    finally:
        other.close()


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.parametrize("command", ["jobs", "expire"])
def test_two_terminals_expiring_at_once_expire_each_lot_once(pg_url, terminals, command):
    """``jobs``: the real run_due with its lock; ``expire``: the same work without the lock,
    so the per-holder locking alone must keep each lot to one expiry."""
    world = seed_minimal()
    due_total = 0
    for round_no in range(4):
        now = T0 + timedelta(days=round_no)
        due = seed_lots(world, 15, 4, now, f"{round_no}{'j' if command == 'jobs' else 'e'}")
        due_total += due
        for t in terminals:
            t.send(f"{command} {now.isoformat()}")
        counts = [t.read()[0] for t in terminals]
        if command == "jobs":
            counts = [c[0][2] for c in counts]
        assert sum(counts) == due, f"round {round_no}: expired {counts}, {due} were due"
    assert ledger.entries_balance(ledger.breakage_account()) == due_total
    # One movement per holder and round, one lot use per issuer (two), each lot's own part
    # kept on the lot.
    assert Transfer.select().where(Transfer.source == "expiry").count() == 4 * 15
    assert (LotUse.select().join(Transfer).where(Transfer.source == "expiry").count()
            == 4 * 15 * 2)
    assert Lot.select(pw.fn.SUM(Lot.expired_points)).scalar() == due_total
    assert Lot.select().where(Lot.expired_at.is_null()).count() == 0
    assert ledger.verify() == []


@pytest.mark.postgres
@pytest.mark.slow
def test_spends_racing_the_job_never_use_an_expired_lot(pg_url, terminals):
    world = seed_minimal()
    members = 30
    seed_lots(world, members, 3, T0, "9")  # every lot falls due at T0
    young = T0 + timedelta(days=10)
    with write_tx():
        for m in Member.select().where(Member.number.startswith("89")):
            ledger.award(ledger.member_account(m), world.merchant_b, 7, key=f"sale:young:{m.id}",
                         reason="r", source="sale", expires_at=young)
    ids = [m.id for m in Member.select().where(Member.number.startswith("89")).order_by(Member.id)]
    job, till = terminals
    job.send(f"jobs {T0.isoformat()}")
    till.send(*(f"spend {mid} {world.merchant_a.id} 7 sale:race:{mid} {T0.isoformat()}"
                for mid in ids))
    job.read()
    answers = till.read(len(ids))
    assert all("id" in a for a in answers), answers  # only the young 7 points could pay
    spent_on = (LotUse.select(Lot.expires_at).join(Lot).switch(LotUse).join(Transfer)
                .where(Transfer.idempotency_key.startswith("sale:race:")).tuples())
    assert {expires for (expires,) in spent_on} == {young}
    # Each holder's due lots went in one movement, by the job or by the spend's own expiry,
    # never split between them; one use per issuer, each lot keeping its own part.
    moves = list(Transfer.select().where(Transfer.source == "expiry"))
    due_holders = Lot.select(Lot.account).where(Lot.expires_at <= T0).distinct()
    assert len(moves) == members
    assert sorted(t.debit_id for t in moves) == sorted(a for (a,) in due_holders.tuples())
    assert (LotUse.select().join(Transfer).where(Transfer.source == "expiry").count()
            == members * 2)  # three lots of two issuers
    assert all(ledger.balance(mid, T0) == 0 for mid in ids)
    assert ledger.verify() == []


@pytest.mark.postgres
@pytest.mark.slow
def test_two_terminals_replaying_the_same_keys_at_once_make_one_transfer_each(pg_url, terminals):
    world = seed_minimal()
    with write_tx():
        ledger.award(ledger.member_account(world.member), world.merchant_a, 10_000,
                     key="adjust:race-seed", reason="seed", source="adjustment")
    n = 200
    lines = [f"spend {world.member.id} {world.merchant_b.id} 3 sale:same:{i}" for i in range(n)]
    for t in terminals:
        t.send(*lines)
    first, second = (t.read(n) for t in terminals)
    assert all("id" in a for a in first + second), [a for a in first + second if "id" not in a]
    assert [a["id"] for a in first] == [a["id"] for a in second]
    assert Transfer.select().where(Transfer.idempotency_key.startswith("sale:same:")).count() == n
    assert ledger.balance(world.member) == 10_000 - 3 * n
    assert ledger.verify() == []


def test_lots_awaiting_expiry_have_their_own_indexes(db):
    """Migration v6: the job's and the balances' queries need not read years of expired
    lots; re-running the step is harmless."""
    from app.migrations import _v6_due_lot_indexes

    names = {index.name for index in db.get_indexes("lot")}
    assert {"lot_due", "lot_holder_due"} <= names
    _v6_due_lot_indexes(db)
    assert {index.name for index in db.get_indexes("lot")} == names
