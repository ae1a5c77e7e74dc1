"""verify() reconciles lots with the records of their use (issue 7, point 5): each corruption
below, made by raw SQL the way a bad script or a hand edit would, is reported by name.
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import ledger
from app.clock import utcnow
from app.db import database, write_tx
from app.models import Lot, LotUse


@pytest.fixture
def books(world):
    """Two awards, a spend across both lots, a partial give-back of the spend."""
    holder = ledger.member_account(world.member)
    with write_tx():
        ledger.award(holder, world.merchant_a, 100, key="sale:a", reason="r", source="sale",
                     expires_at=utcnow() + timedelta(days=5))
        ledger.award(holder, world.merchant_b, 50, key="sale:b", reason="r", source="sale",
                     expires_at=utcnow() + timedelta(days=9))
        spent = ledger.spend(holder, world.merchant_b, 120, key="sale:c", reason="r",
                             source="sale")
        restored = ledger.restore_spend(spent, 30, key="refund:d", reason="r")
    assert ledger.verify() == []
    return holder, spent, restored


def sql(statement: str, *params) -> None:
    db = database.obj
    db.execute_sql(statement.replace("?", db.param), params)


def problems_about(what: str) -> list[str]:
    return [p for p in ledger.verify() if p.startswith(what)]


def test_a_remainder_changed_by_hand_is_reported(books):
    lot = Lot.get(Lot.points == 50)
    sql("UPDATE lot SET remaining = remaining + 7 WHERE id = ?", lot.id)
    found = problems_about("lots whose remainder ≠ points − uses − expired")
    assert found and f"lot {lot.id}: 37 ≠ 50 − 20 − 0" in found[0]


def test_a_balanced_looking_remainder_swap_is_still_reported(books):
    """Moving 5 points between two lots of one member keeps every balance right; only the
    lot-use reconciliation sees it."""
    a, b = Lot.get(Lot.points == 100), Lot.get(Lot.points == 50)
    sql("UPDATE lot SET remaining = remaining + 5 WHERE id = ?", a.id)
    sql("UPDATE lot SET remaining = remaining - 5 WHERE id = ?", b.id)
    problems = ledger.verify()
    assert not [p for p in problems if p.startswith("account ")]  # balances still agree
    assert problems_about("lots whose remainder ≠ points − uses")


def test_a_use_without_its_movement_is_reported(books):
    holder, spent, _ = books
    lot = Lot.get(Lot.points == 50)
    sql("INSERT INTO lot_use (transfer_id, lot_id, issuer_id, acceptor_id, amount, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)", spent.id, lot.id, lot.issuer_id, spent.credit.merchant_id,
        3, utcnow())
    found = problems_about("movements from a holder whose lot uses ≠ amount")
    assert found and "sale:c: 120 ≠ uses 123" in found[0]


def test_a_movement_without_its_lots_is_reported(books, world):
    holder, _, _ = books
    sql("INSERT INTO transfer (idempotency_key, request_hash, debit_id, credit_id, amount, "
        "reason, source, source_ref, created_at) VALUES (?, '', ?, ?, 9, 'x', 'sale', '', ?)",
        "sale:ghost", ledger.issued_account(world.merchant_a).id, holder.id, utcnow())
    found = problems_about("movements to a holder whose lots ≠ amount")
    assert found and "sale:ghost: 9 ≠ lots 0" in found[0]


def test_a_restoration_beyond_what_its_use_consumed_is_reported(books):
    _, spent, restored = books
    use = LotUse.select().where(LotUse.transfer == spent).order_by(LotUse.id.desc()).first()
    lot = Lot.get_by_id(use.lot_id)
    sql("INSERT INTO lot (account_id, issuer_id, transfer_id, points, remaining, awarded_at, "
        "expires_at, restored_from_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        lot.account_id, lot.issuer_id, restored.id, use.amount, 0, utcnow(), lot.expires_at,
        use.id)
    found = problems_about("lot uses restored beyond what they consumed")
    assert found and f"use {use.id}: restored" in found[0]



@pytest.fixture
def expired(books, world):
    """The books above, then the lots of A (the spent one, the give-back) fall due."""
    holder, _, _ = books
    later = utcnow() + timedelta(days=6)
    with write_tx():
        moved = ledger.expire_due(holder, later)
    lot = Lot.get(Lot.expired_points > 0)  # the give-back still held points
    assert moved == lot.expired_points and lot.remaining == 0
    assert ledger.verify() == []
    return holder, lot


def test_what_an_expired_lot_lost_changed_by_hand_is_reported(expired):
    _, lot = expired
    sql("UPDATE lot SET expired_points = expired_points - 4 WHERE id = ?", lot.id)
    assert problems_about("lots whose remainder ≠ points − uses − expired")
    found = problems_about("expiries whose uses ≠ what the lots lost")
    assert found and f"uses {lot.expired_points} ≠ lots {lot.expired_points - 4}" in found[0]


def test_an_expiry_use_no_lot_lost_is_reported(expired, world):
    holder, lot = expired
    expiry = LotUse.get(LotUse.lot.is_null())
    sql("INSERT INTO lot_use (transfer_id, lot_id, issuer_id, acceptor_id, amount, created_at) "
        "VALUES (?, NULL, ?, NULL, 3, ?)", expiry.transfer_id, world.merchant_b.id, utcnow())
    found = problems_about("expiries whose uses ≠ what the lots lost")
    assert found and f"account {holder.id} issuer {world.merchant_b.id}: uses 3 ≠ lots 0" \
        in found[0]
