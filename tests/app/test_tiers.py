"""Tiers (issue 8, screen 5), on SQLite and PostgreSQL: points earned in the rolling window
(sale awards minus refunds of them), an evaluation as of a time that is idempotent, upgrades
and downgrades recorded as TierChange rows and messaged exactly once, the daily job in
run_due, scope and bad input; terminals evaluating at once are separate processes."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from app import jobs, ledger
from app.backoffice import actor as actors
from app.clock import utcnow
from app.db import write_tx
from app.demo import DEMO_PINS, seed_minimal
from app.errors import PermissionDenied, ValidationError
from app.loyalty import tiers
from app.models import AuditEntry, Member, OutboxMessage, Setting, Tier, TierChange, Transfer
from tests.line_worker import LineWorker

WORKER = Path(__file__).with_name("tier_worker.py")


@pytest.fixture
def op(world):
    return actors.sign_in("op", DEMO_PINS["operator"])


@pytest.fixture
def coalition_tiers(op):
    tiers.save_tier(op, "standard", "普通会员", "Standard", 0)
    tiers.save_tier(op, "silver", "银卡会员", "Silver", 100)
    tiers.save_tier(op, "gold", "金卡会员", "Gold", 500)


def earn(member, merchant, points, tag, source="sale"):
    with write_tx():
        return ledger.award(ledger.member_account(member), merchant, points,
                            key=f"{source}:{tag}:earn", reason="purchase", source=source)


def refund(original, points, tag):
    with write_tx():
        ledger.reverse_award(original, points, key=f"refund:{tag}", reason="refund")


def messages():
    return list(OutboxMessage.select().where(OutboxMessage.kind == "tier_changed")
                .order_by(OutboxMessage.id))


def test_points_earned_counts_sale_awards_minus_their_refunds(world):
    m = world.member
    sale = earn(m, world.merchant_a, 300, "s1")
    earn(m, world.merchant_b, 50, "s2")
    earn(m, world.merchant_a, 1000, "code1", source="code")  # not from a sale: not counted
    refund(sale, 120, "s1")
    with write_tx():  # spending does not lower points earned
        ledger.spend(ledger.member_account(m), world.merchant_b, 100, key="sale:s3:spend",
                     reason="paid", source="sale")
    now = utcnow() + timedelta(seconds=1)
    assert tiers.points_earned(now)[m.id] == 300 + 50 - 120
    # the window: a year later none of it counts
    assert m.id not in tiers.points_earned(now + timedelta(days=366))


def test_evaluation_upgrades_and_downgrades_once_and_messages_once(world, coalition_tiers):
    m = world.member
    earn(m, world.merchant_a, 600, "s1")
    now = utcnow() + timedelta(seconds=1)
    first = tiers.evaluate(now)
    assert (first.upgrades, first.downgrades) == (1, 0)
    assert Member.get_by_id(m.id).tier == "gold"
    [change] = TierChange.select()
    assert (change.from_tier, change.to_tier, change.points, change.at) == ("standard", "gold",
                                                                          600, now)
    again = tiers.evaluate(now)  # evaluating twice changes nothing
    assert (again.upgrades, again.downgrades) == (0, 0)
    assert TierChange.select().count() == 1 and len(messages()) == 1
    [msg] = messages()
    assert msg.recipient == m.phone and msg.channel == "sms"
    assert "金卡会员" in msg.body and "普通会员" in msg.body and "600" in msg.body

    later = now + timedelta(days=400)  # the points left the window: back down
    down = tiers.evaluate(later)
    assert (down.upgrades, down.downgrades) == (0, 1)
    assert Member.get_by_id(m.id).tier == "standard"
    assert [(c.from_tier, c.to_tier) for c in TierChange.select().order_by(TierChange.id)] == [
        ("standard", "gold"), ("gold", "standard")]
    assert len(messages()) == 2
    assert tiers.evaluate(later).changed == 0 and len(messages()) == 2


def test_evaluating_as_of_before_the_last_evaluation_is_refused(world, coalition_tiers):
    earn(world.member, world.merchant_a, 150, "s1")
    now = utcnow() + timedelta(seconds=1)
    assert tiers.evaluate(now).upgrades == 1
    with pytest.raises(ValidationError) as info:
        tiers.evaluate(now - timedelta(days=1))
    assert info.value.code == "tiers.as_of_past"
    assert tiers.evaluate(now).changed == 0  # the same moment again: nothing to do
    # a terminal whose clock is behind skips the daily job instead of failing it
    assert tiers.run_job(now - timedelta(minutes=5)).changed == 0
    assert TierChange.select().count() == 1


def test_a_refund_can_take_a_member_down(world, coalition_tiers):
    m = world.member
    sale = earn(m, world.merchant_a, 150, "s1")
    assert tiers.evaluate(utcnow() + timedelta(seconds=1)).upgrades == 1
    assert Member.get_by_id(m.id).tier == "silver"
    refund(sale, 100, "s1")
    result = tiers.evaluate(utcnow() + timedelta(seconds=2))
    assert result.downgrades == 1 and Member.get_by_id(m.id).tier == "standard"


def test_messages_go_in_the_members_language(world, coalition_tiers):
    Member.update(language="en", email="liu@example.com").where(
        Member.id == world.member.id).execute()
    earn(world.member, world.merchant_a, 120, "s1")
    tiers.evaluate(utcnow() + timedelta(seconds=1))
    [msg] = messages()
    assert msg.channel == "email" and msg.recipient == "liu@example.com"
    assert msg.subject == "Your membership tier changed"
    assert "from Standard to Silver" in msg.body


def test_no_tiers_means_nothing_to_evaluate(world):
    earn(world.member, world.merchant_a, 900, "s1")
    assert tiers.evaluate().evaluated == 0
    assert "evaluate_tiers" not in [r.name for r in jobs.run_due()]


def test_the_daily_job_runs_from_run_due_once_a_day(world, coalition_tiers):
    earn(world.member, world.merchant_a, 200, "s1")
    now = utcnow() + timedelta(seconds=1)
    results = {r.name: r for r in jobs.run_due(now)}
    assert results["evaluate_tiers"].ran and results["evaluate_tiers"].count == 1
    assert Member.get_by_id(world.member.id).tier == "silver"
    later = min(now + timedelta(hours=1), datetime.combine(now.date(), time(23, 59, 59)))
    assert "evaluate_tiers" not in {r.name for r in jobs.run_due(later)}  # the same day
    tomorrow = now + timedelta(days=1)
    assert {r.name: r.count for r in jobs.run_due(tomorrow)}["evaluate_tiers"] == 0
    assert Setting.get_by_id(tiers.EVALUATED_SETTING).value == tomorrow.date().isoformat()


def test_evaluate_now_is_the_operators_and_audited(world, coalition_tiers, op):
    m1 = actors.sign_in("m1", DEMO_PINS["manager"])
    with pytest.raises(PermissionDenied):
        tiers.evaluate_now(m1)
    with pytest.raises(PermissionDenied):
        tiers.save_tier(m1, "platinum", "白金", "Platinum", 5000)
    with pytest.raises(PermissionDenied):
        tiers.set_window_days(m1, 90)
    earn(world.member, world.merchant_a, 150, "s1")
    result = tiers.evaluate_now(op, utcnow() + timedelta(seconds=1))
    assert result.upgrades == 1
    assert TierChange.get().staff_id == op.staff_id
    entry = AuditEntry.get(AuditEntry.action == "tiers.evaluated")
    assert json.loads(entry.detail)["after"]["upgrades"] == 1
    # a manager sees their own merchant's members' changes only
    assert [c.member_number for c in tiers.recent_changes(m1)] == [world.member.number]
    m2 = actors.sign_in("m2", DEMO_PINS["manager"])
    assert tiers.recent_changes(m2) == []


def test_the_window_is_a_setting(world, coalition_tiers, op):
    earn(world.member, world.merchant_a, 150, "s1")
    tiers.set_window_days(op, 30)
    assert tiers.window_days() == 30
    assert tiers.evaluate(utcnow() + timedelta(days=31)).changed == 0
    assert tiers.evaluate(utcnow() + timedelta(days=29)).upgrades == 1


@pytest.mark.parametrize("args, code", [
    (("", "空", "Empty", 0), "tiers.code"),
    (("bad code", "坏", "Bad", 0), "tiers.code"),
    (("vip", "", "VIP", 0), "tiers.name"),
    (("vip", "贵宾", "VIP", -1), "tiers.threshold"),
    (("gold", "金卡", "Gold", 900), "tiers.duplicate"),
])
def test_bad_tiers_get_a_code_and_write_nothing(world, coalition_tiers, op, args, code):
    before = list(Tier.select().order_by(Tier.id).tuples())
    with pytest.raises(ValidationError) as info:
        tiers.save_tier(op, *args)
    assert info.value.code == code
    assert list(Tier.select().order_by(Tier.id).tuples()) == before


def test_a_held_tier_cannot_be_deleted(world, coalition_tiers, op):
    gold = Tier.get(Tier.code == "gold")
    Member.update(tier="gold").where(Member.id == world.member.id).execute()
    with pytest.raises(ValidationError) as info:
        tiers.delete_tier(op, gold.id)
    assert info.value.code == "tiers.code_in_use" and Tier.select().count() == 3


@pytest.mark.postgres
def test_terminals_evaluating_at_once_move_and_message_each_member_once(pg_url):
    world = seed_minimal()
    op = actors.sign_in("op", DEMO_PINS["operator"])
    tiers.save_tier(op, "standard", "普通会员", "Standard", 0)
    tiers.save_tier(op, "silver", "银卡会员", "Silver", 100)
    movers = 40
    with write_tx():
        for n in range(movers):
            member = Member.create(number=f"77{n:06d}", phone=f"1390000{n:04d}")
            ledger.award(ledger.member_account(member), world.merchant_a, 100 + n,
                         key=f"sale:race{n}:earn", reason="purchase", source="sale")
    as_of = (utcnow() + timedelta(seconds=1)).isoformat()
    terminals = [LineWorker(WORKER, pg_url) for _ in range(3)]
    try:
        for t in terminals:
            t.send(f"evaluate {as_of}")
        answers = [t.read()[0] for t in terminals]
    finally:
        for t in terminals:
            t.close()
    assert sum(ups for ups, _ in answers) == movers
    assert TierChange.select().count() == movers
    assert len(messages()) == movers
    assert Member.select().where(Member.tier == "silver").count() == movers
    assert Transfer.select().count() == movers  # evaluation never touches the ledger
