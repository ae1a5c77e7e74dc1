"""Settlement runs: periods, idempotence (also across processes on PostgreSQL), positions that
sum to exactly zero, statements, drill-down to the ledger entries, scope, and the e-mails."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import ledger
from app.backoffice.actor import Actor
from app.db import write_tx
from app.errors import ConfigError, Conflict, PermissionDenied, ValidationError
from app.messaging.notices import attachments_of
from app.models import (
    AuditEntry,
    LotUse,
    Merchant,
    OutboxMessage,
    Setting,
    SettlementLine,
    SettlementRun,
)
from app.settlement import point_positions
from app.settlement.mailing import MESSAGE_KIND
from app.settlement.periods import current_period, period_starting, recent_periods
from app.settlement.runs import _line_values, list_periods, run_merchants, run_settlement
from app.settlement.statements import entries, statement

WORKER = Path(__file__).with_name("settle_worker.py")


def after(period) -> datetime:
    return period.end + timedelta(seconds=1)


def member_holder(world):
    return ledger.member_account(world.member)


def earn_and_spend(world, tag: str, earn_at_a: int, spend_at_b: int, earn_at_b: int = 0,
                   spend_at_a: int = 0) -> None:
    holder = member_holder(world)
    with write_tx():
        ledger.award(holder, world.merchant_a, earn_at_a, key=f"sale:{tag}:ea", reason="r",
                     source="sale")
        if spend_at_b:
            ledger.spend(holder, world.merchant_b, spend_at_b, key=f"sale:{tag}:sb",
                         reason="r", source="sale")
        if earn_at_b:
            ledger.award(holder, world.merchant_b, earn_at_b, key=f"sale:{tag}:eb",
                         reason="r", source="sale")
        if spend_at_a:
            ledger.spend(holder, world.merchant_a, spend_at_a, key=f"sale:{tag}:sa",
                         reason="r", source="sale")


def set_point_value(minor: int) -> None:
    Setting.insert(key="point_value_minor", value=str(minor)).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: str(minor)}).execute()


# -- periods ----------------------------------------------------------------------------------
def test_monthly_periods_begin_at_local_midnight_on_the_first(db):
    period = period_starting(date(2026, 3, 1), "monthly", "Asia/Shanghai")
    assert period.start == datetime(2026, 2, 28, 16, 0)  # 00:00 +08:00 in UTC
    assert period.end == datetime(2026, 3, 31, 16, 0)
    assert period.last_day == date(2026, 3, 31)
    december = period_starting(date(2026, 12, 1), "monthly", "Asia/Shanghai")
    assert december.next_first_day == date(2027, 1, 1)


def test_weekly_periods_follow_the_setting_and_begin_on_monday(db):
    Setting.create(key="settlement_period", value="weekly")
    periods = recent_periods(3, now=datetime(2026, 11, 26, 3, 0))  # a Thursday
    assert [p.first_day for p in periods] == [date(2026, 11, 23), date(2026, 11, 16),
                                              date(2026, 11, 9)]
    assert [p.kind for p in periods] == ["weekly"] * 3
    with pytest.raises(ValidationError) as refused:
        period_starting(date(2026, 11, 25))
    assert refused.value.code == "settlement.not_a_period_start"


def test_period_states_open_due_and_settled_back_to_the_first_activity(world):
    operator = Actor.of(world.operator)
    assert [s.state for s in list_periods(operator, 6)] == ["open"]  # nothing happened yet
    earn_and_spend(world, "x", earn_at_a=10, spend_at_b=5)
    later = current_period().end + timedelta(days=40)  # two periods on
    states = list_periods(operator, 6, later)
    assert [s.state for s in states] == ["open", "due", "due"]
    assert states[-1].period.first_day == current_period().first_day
    outcome = run_settlement(operator, states[-1].period.first_day, now=later)
    states = list_periods(operator, 6, later)
    assert [s.state for s in states] == ["open", "due", "settled"]
    assert states[-1].run_id == outcome.run_id


# -- runs ---------------------------------------------------------------------------------
def test_a_run_states_who_owes_whom_and_sums_to_zero(world):
    set_point_value(3)
    earn_and_spend(world, "x", earn_at_a=100, spend_at_b=70, earn_at_b=50, spend_at_a=60)
    # FIFO: B took 70 of A's points; A then took 30 of A's own and 30 of B's.
    period = current_period()
    outcome = run_settlement(Actor.of(world.operator), period.first_day, now=after(period))
    assert outcome.created
    lines = {(ln.merchant_id, ln.counterparty_id): ln for ln in SettlementLine.select()}
    a, b = world.merchant_a.id, world.merchant_b.id
    assert (lines[(b, a)].points_in, lines[(b, a)].points_out) == (70, 30)
    assert lines[(b, a)].amount_minor == 40 * 3
    assert lines[(a, b)].amount_minor == -40 * 3
    run = SettlementRun.get_by_id(outcome.run_id)
    assert json.loads(run.positions) == {"MA": -120, "MB": 120}
    assert run.point_value_minor_per_100 == 300
    assert point_positions(period.start, period.end) == {a: -40, b: 40}
    audit = AuditEntry.get(AuditEntry.action == "settlement.run")
    assert audit.actor_id == world.operator.id and str(run.id) in audit.target


def test_running_a_period_twice_returns_the_same_run(world):
    earn_and_spend(world, "x", earn_at_a=100, spend_at_b=40)
    period = current_period()
    operator = Actor.of(world.operator)
    first = run_settlement(operator, period.first_day, now=after(period))
    lines = SettlementLine.select().count()
    # More activity lands after the run: the closed period's statement stays the one stored.
    earn_and_spend(world, "y", earn_at_a=10, spend_at_b=10)
    again = run_settlement(operator, period.first_day, now=after(period))
    assert (again.run_id, again.created) == (first.run_id, False)
    assert SettlementRun.select().count() == 1
    assert SettlementLine.select().count() == lines == 2


def test_a_period_still_open_is_refused_and_writes_nothing(world):
    earn_and_spend(world, "x", earn_at_a=100, spend_at_b=40)
    period = current_period()
    with pytest.raises(Conflict) as refused:
        run_settlement(Actor.of(world.operator), period.first_day,
                       now=period.end - timedelta(seconds=1))
    assert refused.value.code == "settlement.period_open"
    assert SettlementRun.select().count() == 0 and SettlementLine.select().count() == 0


def test_a_period_overlapping_a_run_under_another_setting_is_refused(world):
    operator = Actor.of(world.operator)
    month = period_starting(date(2026, 9, 1), "monthly")
    run_settlement(operator, month.first_day, now=after(month))
    Setting.create(key="settlement_period", value="weekly")
    with pytest.raises(Conflict) as refused:
        run_settlement(operator, date(2026, 9, 7), now=after(month))
    assert refused.value.code == "settlement.overlap"
    assert SettlementRun.select().count() == 1


def test_only_the_operator_runs_settlement(world):
    period = current_period()
    with pytest.raises(PermissionDenied) as refused:
        run_settlement(Actor.of(world.manager_a), period.first_day, now=after(period))
    assert refused.value.code == "backoffice.operator_only"
    assert SettlementRun.select().count() == 0


# -- zero sum -------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(flows=st.dictionaries(
    st.tuples(st.integers(1, 6), st.integers(1, 6)).filter(lambda p: p[0] != p[1]),
    st.integers(-50, 10**9), max_size=30),
    per_100=st.integers(1, 10**4))
def test_lines_sum_to_exactly_zero_whatever_the_rounding(flows, per_100):
    rows = _line_values(flows, per_100)
    assert sum(r["amount_minor"] for r in rows) == 0
    by_pair = {(r["merchant"], r["counterparty"]): r for r in rows}
    for (m, c), row in by_pair.items():
        mirror = by_pair[(c, m)]
        assert row["amount_minor"] == -mirror["amount_minor"]
        assert (row["points_in"], row["points_out"]) == (mirror["points_out"], mirror["points_in"])
        net = row["points_in"] - row["points_out"]
        assert abs(row["amount_minor"] * 100 - net * per_100) <= 50  # rounded once per pair


def test_random_ledgers_settle_to_zero_and_match_their_lot_uses(world):
    rng = random.Random(8)
    merchants = [world.merchant_a, world.merchant_b] + [
        Merchant.create(code=f"M{i}", name=f"商户{i}") for i in range(3)]
    holder = member_holder(world)
    set_point_value(7)
    with write_tx():
        for i in range(120):
            m = rng.choice(merchants)
            if rng.random() < 0.5 or ledger.balance(world.member) == 0:
                ledger.award(holder, m, rng.randint(1, 90), key=f"sale:r{i}", reason="r",
                             source="sale")
            else:
                spent = ledger.spend(holder, m, rng.randint(1, ledger.balance(world.member)),
                                     key=f"sale:r{i}", reason="r", source="sale")
                if rng.random() < 0.3:
                    ledger.restore_spend(spent, rng.randint(1, spent.amount),
                                         key=f"refund:r{i}", reason="r")
    period = current_period()
    outcome = run_settlement(Actor.of(world.operator), period.first_day, now=after(period))
    lines = list(SettlementLine.select().where(SettlementLine.run == outcome.run_id))
    assert len(lines) >= 6
    assert sum(ln.amount_minor for ln in lines) == 0
    positions = json.loads(SettlementRun.get_by_id(outcome.run_id).positions)
    assert sum(positions.values()) == 0
    operator = Actor.of(world.operator)
    for ln in lines:
        # Every figure is the sum of the entries behind it.
        drill = entries(operator, outcome.run_id, ln.merchant_id, ln.counterparty_id)
        assert drill.total_entries == len(drill.entries)
        assert sum(e.points for e in drill.entries if e.acceptor == drill.merchant) \
            == ln.points_in == drill.points_in
        assert sum(e.points for e in drill.entries if e.issuer == drill.merchant) \
            == ln.points_out == drill.points_out
        assert ln.amount_minor == (ln.points_in - ln.points_out) * 7
    crossing = sum(u.amount for u in LotUse.select().where(
        LotUse.acceptor.is_null(False) & (LotUse.issuer != LotUse.acceptor)))
    assert sum(ln.points_in for ln in lines) <= crossing


# -- statements and scope -------------------------------------------------------------------
def test_statement_and_drill_down_are_scoped_to_the_managers_merchant(world):
    earn_and_spend(world, "x", earn_at_a=100, spend_at_b=70)
    period = current_period()
    run_id = run_settlement(Actor.of(world.operator), period.first_day,
                            now=after(period)).run_id
    manager_b = Actor.of(world.manager_b)
    own = statement(manager_b, run_id, world.merchant_b.id)
    assert own.merchant_name == "茶语轩" and own.total_minor == 70
    assert [(ln.counterparty_name, ln.points_in, ln.amount_minor) for ln in own.lines] == [
        ("百联超市", 70, 70)]
    assert own.first_day == period.first_day and own.last_day == period.last_day
    for call in (lambda: statement(manager_b, run_id, world.merchant_a.id),
                 lambda: entries(manager_b, run_id, world.merchant_a.id, world.merchant_b.id)):
        with pytest.raises(PermissionDenied) as refused:
            call()
        assert refused.value.code == "backoffice.other_merchant"
    assert [m[1] for m in run_merchants(manager_b, run_id)] == ["MB"]
    assert [m[1] for m in run_merchants(Actor.of(world.operator), run_id)] == ["MA", "MB"]
    drill = entries(manager_b, run_id, world.merchant_b.id, world.merchant_a.id)
    [entry] = drill.entries
    assert (entry.issuer, entry.acceptor, entry.points) == ("百联超市", "茶语轩", 70)
    assert entry.transfer_key == "sale:x:sb"
    assert "****" in entry.member and world.member.phone not in entry.member


# -- statement e-mails ----------------------------------------------------------------------
def test_each_merchant_with_an_address_gets_its_statement_once(world, monkeypatch):
    addresses = {"MA": "finance@bailian.example", "MB": ""}
    # Merchant.settlement_email arrives with the merchants screen (migration v11): until then
    # (and after), a class attribute stands in; its setter lets peewee load rows that have it.
    monkeypatch.setattr(Merchant, "settlement_email",
                        property(lambda m: addresses.get(m.code, ""), lambda m, value: None),
                        raising=False)
    earn_and_spend(world, "x", earn_at_a=100, spend_at_b=70)
    period = current_period()
    operator = Actor.of(world.operator)
    run_id = run_settlement(operator, period.first_day, now=after(period)).run_id
    run_settlement(operator, period.first_day, now=after(period))
    [mail] = OutboxMessage.select().where(OutboxMessage.kind == MESSAGE_KIND)
    assert mail.recipient == "finance@bailian.example" and mail.channel == "email"
    assert "百联超市" in mail.subject and "应付" in mail.body
    [(name, mime, data)] = attachments_of(mail.attachments)
    assert mime == "application/pdf" and data.startswith(b"%PDF")
    assert name == f"statement-MA-{period.first_day.isoformat()}.pdf"
    assert mail.idempotency_key == f"settlement:{run_id}:MA"


# -- two processes, one run (PostgreSQL) ------------------------------------------------------
@pytest.mark.parametrize("db_url", [pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)
def test_two_processes_starting_the_same_run_make_one(db_url, world):
    earn_and_spend(world, "x", earn_at_a=100, spend_at_b=70)
    period = current_period()
    argv = [sys.executable, str(WORKER), db_url, str(world.operator.id),
            period.first_day.isoformat(), after(period).isoformat()]
    procs = [subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for p in procs:
        assert p.stdout.readline().strip() == "READY", p.stderr.read()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert results[0]["run_id"] == results[1]["run_id"]
    assert sorted(r["created"] for r in results) == [False, True]
    assert SettlementRun.select().count() == 1
    assert SettlementLine.select().count() == 2


@pytest.mark.parametrize(("key", "value", "code"), [
    ("settlement_period", "fortnightly", "settlement.bad_period_setting"),
    ("coalition_timezone", "Mars/Olympus", "settlement.bad_timezone"),
])
def test_a_bad_setting_is_a_coded_error_and_nothing_is_settled(world, key, value, code):
    earn_and_spend(world, "x", earn_at_a=100, spend_at_b=40)
    period = period_starting(current_period().first_day, "monthly", "Asia/Shanghai")
    Setting.create(key=key, value=value)
    with pytest.raises(ConfigError) as refused:
        run_settlement(Actor.of(world.operator), period.first_day, now=after(period))
    assert refused.value.code == code and value in str(refused.value)
    assert SettlementRun.select().count() == 0
