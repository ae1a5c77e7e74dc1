"""Spends consume lots oldest-expiry first (FIFO), whatever order the lots were awarded in
(issue 7, point 5). SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import ledger
from app.db import write_tx
from app.models import Lot, LotUse, Member

NOW = datetime(2031, 6, 1)
_runs = itertools.count()

awards = st.lists(st.tuples(st.integers(0, 1), st.integers(1, 200), st.integers(1, 90)),
                  min_size=1, max_size=8)  # (issuer, points, days to expiry)
spends = st.lists(st.integers(1, 250), min_size=1, max_size=6)


def expected_uses(holder, points: int) -> list[tuple[int, int]]:
    """What FIFO must take: live lots sorted by (expiry, award order) in Python."""
    lots = Lot.select().where((Lot.account == holder) & (Lot.remaining > 0)
                              & (Lot.expires_at > NOW))
    plan = []
    for lot in sorted(lots, key=lambda lot: (lot.expires_at, lot.id)):
        if points == 0:
            break
        plan.append((lot.id, min(points, lot.remaining)))
        points -= plan[-1][1]
    return plan


def test_a_spend_takes_the_soonest_expiring_lot_first(world):
    holder = ledger.member_account(world.member)
    with write_tx():
        for key, days in (("sale:late", 30), ("sale:soon", 5), ("sale:mid", 20)):
            ledger.award(holder, world.merchant_a, 10, key=key, reason="r", source="sale",
                         expires_at=NOW + timedelta(days=days))
        spent = ledger.spend(holder, world.merchant_b, 15, key="sale:pay", reason="r",
                             source="sale", now=NOW)
    by_expiry = {lot.id: (lot.expires_at - NOW).days for lot in Lot.select()}
    assert [(by_expiry[u.lot_id], u.amount) for u in spent.lot_uses.order_by(LotUse.id)] == [
        (5, 10), (20, 5)]


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(awarded=awards, spent=spends)
def test_lots_are_spent_oldest_expiry_first(world, awarded, spent):
    run = next(_runs)
    with write_tx():
        member = Member.create(number=f"7{run:011d}", phone=f"137{run:08d}")
    holder = ledger.member_account(member)
    issuers = (world.merchant_a, world.merchant_b)
    with write_tx():
        for i, (issuer, points, days) in enumerate(awarded):
            ledger.award(holder, issuers[issuer], points, key=f"sale:fifo:{run}:a{i}",
                         reason="r", source="sale", expires_at=NOW + timedelta(days=days))
    for j, points in enumerate(spent):
        if points > ledger.balance(member, NOW):
            continue
        want = expected_uses(holder, points)
        with write_tx():
            t = ledger.spend(holder, world.merchant_b, points, key=f"sale:fifo:{run}:s{j}",
                             reason="r", source="sale", now=NOW)
        got = [(u.lot_id, u.amount) for u in LotUse.select().where(LotUse.transfer == t)
               .order_by(LotUse.id)]
        assert got == want
