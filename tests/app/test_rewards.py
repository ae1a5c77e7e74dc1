"""The rewards catalogue on SQLite and PostgreSQL: scope, audit, redeeming with points
(idempotent, stock taken atomically), coupon rewards, settlement, and a race for the last unit
between two processes on PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from app import coupons, ledger
from app.backoffice.actor import sign_in
from app.clock import utcnow
from app.db import bind, write_tx
from app.demo import DEMO_PINS, seed_minimal
from app.errors import (
    AlreadyRedeemed,
    IdempotencyConflict,
    InsufficientPoints,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from app.models import AuditEntry, Coupon, Offer, OutboxMessage, Reward, RewardOrder, Transfer
from app.rewards import catalogue
from app.rewards.catalogue import RewardInput
from app.settlement import point_positions

WORKER = Path(__file__).with_name("reward_race_worker.py")


def gift(merchant_id: int, **over) -> RewardInput:
    now = utcnow()
    values = dict(merchant_id=merchant_id, kind="gift", title="保温杯", title_en="Thermos",
                  points_price=200, stock=3, starts_at=now - timedelta(days=1),
                  ends_at=now + timedelta(days=30))
    values.update(over)
    return RewardInput(**values)


def give_points(world, points: int, issuer=None) -> None:
    with write_tx():
        ledger.award(ledger.member_account(world.member), issuer or world.merchant_a, points,
                     key=f"sale:{uuid.uuid4()}", reason="test", source="sale")


def test_managers_manage_their_own_rewards_and_every_change_is_audited(world):
    m1 = sign_in("m1", DEMO_PINS["manager"])
    m2 = sign_in("m2", DEMO_PINS["manager"])
    op = sign_in("op", DEMO_PINS["operator"])
    rid = catalogue.save_reward(m1, None, gift(world.merchant_a.id))
    with pytest.raises(PermissionDenied):
        catalogue.save_reward(m1, None, gift(world.merchant_b.id))
    with pytest.raises(PermissionDenied):
        catalogue.save_reward(m2, rid, gift(world.merchant_b.id))
    with pytest.raises(PermissionDenied):
        catalogue.set_active(m2, rid, False)
    with pytest.raises(PermissionDenied):
        catalogue.list_rewards(m2, world.merchant_a.id)
    catalogue.save_reward(op, None, gift(world.merchant_b.id, title="茶杯"))
    assert [r.title for r in catalogue.list_rewards(m1)] == ["保温杯"]
    assert [r.title for r in catalogue.list_rewards(m2)] == ["茶杯"]
    assert len(catalogue.list_rewards(op)) == 2
    catalogue.save_reward(m1, rid, gift(world.merchant_a.id, points_price=250))
    catalogue.set_active(m1, rid, False)
    change = AuditEntry.get(AuditEntry.action == "reward.change")
    detail = json.loads(change.detail)
    assert detail["before"]["points_price"] == 200 and detail["after"]["points_price"] == 250
    assert change.actor_id == m1.staff_id
    assert AuditEntry.select().where(AuditEntry.action == "reward.deactivate").count() == 1


@pytest.mark.parametrize("over, code", [
    ({"points_price": 0}, "reward.bad_price"),
    ({"points_price": 1.5}, "reward.bad_price"),
    ({"stock": -1}, "reward.bad_stock"),
    ({"title": "  "}, "reward.no_title"),
    ({"kind": "cash"}, "reward.bad_kind"),
    ({"kind": "coupon"}, "reward.needs_offer"),
])
def test_bad_rewards_get_a_coded_error_and_write_nothing(world, over, code):
    op = sign_in("op", DEMO_PINS["operator"])
    with pytest.raises(ValidationError) as info:
        catalogue.save_reward(op, None, gift(world.merchant_a.id, **over))
    assert info.value.code == code
    now = utcnow()
    with pytest.raises(ValidationError) as info:
        catalogue.save_reward(op, None, gift(world.merchant_a.id, starts_at=now, ends_at=now))
    assert info.value.code == "reward.bad_period"
    assert Reward.select().count() == 0 and AuditEntry.select().count() == 0


def test_redeeming_spends_points_once_takes_stock_and_settles_with_the_sponsor(world):
    give_points(world, 500)  # issued by MA
    op = sign_in("op", DEMO_PINS["operator"])
    rid = catalogue.save_reward(op, None, gift(world.merchant_b.id, stock=2))  # MB sponsors
    key = str(uuid.uuid4())
    done = catalogue.redeem(op, rid, world.member.id, key)
    assert (done.points, done.member_balance, done.stock_left) == (200, 300, 1)
    again = catalogue.redeem(op, rid, world.member.id, key)
    assert again.replayed and again.order_id == done.order_id
    assert Reward.get_by_id(rid).stock == 1 and ledger.balance(world.member) == 300
    transfer = Transfer.get(Transfer.idempotency_key == f"reward:{key}")
    assert transfer.source == "reward"
    now = utcnow()
    positions = point_positions(now - timedelta(hours=1), now + timedelta(hours=1))
    assert positions == {world.merchant_b.id: 200, world.merchant_a.id: -200}
    with pytest.raises(IdempotencyConflict):
        catalogue.redeem(op, rid, world.member.id + 1, key)
    catalogue.redeem(None, rid, world.member.id, str(uuid.uuid4()))  # the last unit
    with pytest.raises(AlreadyRedeemed) as info:
        catalogue.redeem(None, rid, world.member.id, str(uuid.uuid4()))
    assert info.value.code == "reward.out_of_stock"
    assert ledger.balance(world.member) == 100 and RewardOrder.select().count() == 2
    assert ledger.verify() == []
    notes = list(OutboxMessage.select().where(OutboxMessage.kind == "reward_redeemed"))
    assert len(notes) == 2 and "保温杯" in notes[0].body and "300" in notes[0].body


def test_a_refused_redemption_leaves_stock_and_points(world):
    give_points(world, 100)
    op = sign_in("op", DEMO_PINS["operator"])
    rid = catalogue.save_reward(op, None, gift(world.merchant_a.id, stock=1))
    with pytest.raises(InsufficientPoints):
        catalogue.redeem(op, rid, world.member.id, str(uuid.uuid4()))
    assert Reward.get_by_id(rid).stock == 1 and ledger.balance(world.member) == 100
    with pytest.raises(NotFound):
        catalogue.redeem(op, rid + 99, world.member.id, str(uuid.uuid4()))
    with pytest.raises(ValidationError):
        catalogue.redeem(op, rid, world.member.id, "not-a-uuid")
    catalogue.set_active(op, rid, False)
    give_points(world, 500)
    with pytest.raises(ValidationError) as info:
        catalogue.redeem(op, rid, world.member.id, str(uuid.uuid4()))
    assert info.value.code == "reward.not_available"
    m2 = sign_in("m2", DEMO_PINS["manager"])
    with pytest.raises(PermissionDenied):
        catalogue.redeem(m2, rid, world.member.id, str(uuid.uuid4()))
    assert RewardOrder.select().count() == 0 and Reward.get_by_id(rid).stock == 1


def test_a_coupon_reward_issues_a_coupon_the_offers_till_accepts(world):
    give_points(world, 500)
    now = utcnow()
    offer = Offer.create(merchant=world.merchant_b, title="茶饮 10 元券", face_value=1000,
                         valid_from=now - timedelta(days=1), valid_until=now + timedelta(days=9))
    m2 = sign_in("m2", DEMO_PINS["manager"])
    rid = catalogue.save_reward(m2, None, gift(world.merchant_b.id, kind="coupon",
                                               offer_id=offer.id, stock=None))
    assert [o.id for o in catalogue.list_offers(m2)] == [offer.id]
    done = catalogue.redeem(None, rid, world.member.id, str(uuid.uuid4()))
    assert done.coupon_code.startswith("CPN.") and done.stock_left is None
    coupon, info = coupons.check(done.coupon_code, world.member, world.merchant_b)
    assert info.value == 1000 and Coupon.select().count() == 1
    m1 = sign_in("m1", DEMO_PINS["manager"])
    with pytest.raises(ValidationError) as refused:  # MA's reward cannot issue MB's offer
        catalogue.save_reward(sign_in("op", DEMO_PINS["operator"]), None,
                              gift(world.merchant_a.id, kind="coupon", offer_id=offer.id))
    assert refused.value.code == "reward.offer_other_merchant"
    assert catalogue.list_offers(m1) == []


postgres_only = pytest.mark.parametrize(
    "db_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)


@postgres_only
def test_two_processes_racing_for_the_last_unit_one_wins(db_url, tmp_path):
    bind(db_url)
    world = seed_minimal()
    give_points(world, 10_000)
    op = sign_in("op", DEMO_PINS["operator"])
    rounds = 20
    rewards = [catalogue.save_reward(op, None, gift(world.merchant_a.id, stock=1,
                                                    points_price=10, title=f"R{i}"))
               for i in range(rounds)]
    procs = []
    for name in ("a", "b"):
        jobs = [[rid, str(uuid.uuid4())] for rid in rewards]
        path = tmp_path / f"jobs-{name}.json"
        path.write_text(json.dumps({"member": world.member.id, "jobs": jobs}))
        procs.append(subprocess.Popen([sys.executable, str(WORKER), db_url, str(path)],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True))
    for p in procs:
        assert p.stdout.readline().strip() == "READY", p.stderr.read()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    outcomes = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        outcomes.append([json.loads(line) for line in out.splitlines() if line.strip()])
    for i, rid in enumerate(rewards):
        results = [outcomes[0][i], outcomes[1][i]]
        assert sorted(r["result"] for r in results) == ["ok", "reward.out_of_stock"], results
        assert Reward.get_by_id(rid).stock == 0
        assert RewardOrder.select().where(RewardOrder.reward == rid).count() == 1
    assert ledger.balance(world.member) == 10_000 - 10 * rounds
    assert ledger.verify() == []
