"""The demo's past weeks of trading: real sales through the till services, dated in the past,
at both merchants, with a ledger that still reconciles and positions that net to zero."""

from datetime import datetime, timedelta

from app import ledger
from app.clock import pinned_at, utcnow
from app.demo_history import seed_history
from app.models import Sale
from app.settlement import point_positions


def test_history_is_rung_up_in_the_past_at_both_merchants(world):
    now = utcnow()
    assert seed_history(world, days=3, sales_per_day=4) == 24
    sales = list(Sale.select())
    assert len(sales) == 24
    assert {s.merchant_id for s in sales} == {world.merchant_a.id, world.merchant_b.id}
    days = {s.created_at.date() for s in sales}
    assert len(days) == 3 and max(s.created_at for s in sales) < now
    assert min(s.created_at for s in sales) >= now - timedelta(days=4)
    assert any(s.member_id for s in sales) and any(s.points_earned for s in sales)
    assert ledger.verify() == []
    positions = point_positions(datetime(2000, 1, 1), now + timedelta(days=1))
    assert sum(positions.values()) == 0


def test_pinned_clock_is_restored():
    when = datetime(2026, 1, 2, 3, 4, 5)
    with pinned_at(when):
        assert utcnow() == when
    assert utcnow() != when
