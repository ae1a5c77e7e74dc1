"""Expired points neither count nor spend, whether or not the expiry job has run yet
(issue 7, point 5), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import ledger
from app.cart import Cart
from app.catalogue import Catalogue
from app.checkout import Tender, TillContext, checkout
from app.clock import utcnow
from app.db import write_tx
from app.errors import InsufficientPoints
from app.models import Account, Lot, LotUse, Transfer

NOW = utcnow()


def award(world, points, expires_in, key, issuer=None):
    with write_tx():
        return ledger.award(ledger.member_account(world.member), issuer or world.merchant_a,
                            points, key=key, reason="test", source="adjustment",
                            expires_at=NOW + expires_in)


def books_agree(world) -> None:
    """cached balance = Σ entries = Σ lot remainders, and verify() finds nothing."""
    acct = Account.get_by_id(ledger.member_account(world.member).id)
    lots = sum(lot.remaining for lot in Lot.select().where(Lot.account == acct))
    assert acct.balance == ledger.entries_balance(acct) == lots
    assert ledger.verify() == []


def test_a_lot_past_its_expiry_does_not_count_before_the_job_runs(world):
    award(world, 100, timedelta(days=1), "adjust:old")
    award(world, 40, timedelta(days=10), "adjust:new")
    assert ledger.balance(world.member, NOW) == 140
    later = NOW + timedelta(days=2)
    assert ledger.balance(world.member, later) == 40  # the job has not run
    assert Lot.select().where(Lot.expired_at.is_null(False)).count() == 0
    books_agree(world)


def test_spending_cannot_use_expired_points_and_expires_them_first(world):
    award(world, 100, timedelta(days=1), "adjust:old")
    young = award(world, 40, timedelta(days=10), "adjust:new")
    later = NOW + timedelta(days=2)
    holder = ledger.member_account(world.member)

    with pytest.raises(InsufficientPoints) as refused, write_tx():
        ledger.spend(holder, world.merchant_b, 41, key="sale:too-much", reason="pay",
                     source="sale", now=later)
    assert refused.value.code == "ledger.insufficient"
    assert refused.value.params == {"held": 40, "wanted": 41}

    with write_tx():
        paid = ledger.spend(holder, world.merchant_b, 30, key="sale:pay", reason="pay",
                            source="sale", now=later)
    young_lot = Lot.get(Lot.transfer == young)
    assert [(u.lot_id, u.amount) for u in paid.lot_uses] == [(young_lot.id, 30)]
    # The old lot went to breakage in the same transaction, under its own expiry key.
    old_lot = Lot.get(Lot.points == 100)
    assert old_lot.remaining == 0 and old_lot.expired_at is not None
    expiry = Transfer.get(Transfer.idempotency_key
                          == ledger.expiry_key(old_lot.account_id, later, old_lot.id))
    assert expiry.amount == 100 and expiry.credit_id == ledger.breakage_account().id
    assert ledger.balance(world.member, later) == 10
    books_agree(world)
    # The job finds nothing left to do.
    with write_tx():
        assert ledger.expire_lots(later) == 0
    books_agree(world)


def test_an_operator_cannot_take_back_expired_points(world):
    award(world, 100, timedelta(days=1), "adjust:old")
    holder = ledger.member_account(world.member)
    later = NOW + timedelta(days=2)
    with pytest.raises(InsufficientPoints), write_tx():
        ledger.adjust(holder, -1, key="adjust:fix", reason="correction",
                      issuer=world.merchant_a, now=later)
    books_agree(world)


def test_refunding_an_expired_award_gives_nothing_back(world):
    earned = award(world, 100, timedelta(days=1), "adjust:old")
    later = NOW + timedelta(days=2)
    with write_tx():
        t, shortfall = ledger.reverse_award(earned, 60, key="refund:r1", reason="refund",
                                            now=later)
    assert t is None and shortfall == 60
    assert LotUse.select().join(Transfer).where(Transfer.source == "refund").count() == 0
    books_agree(world)


def test_a_till_cannot_pay_with_points_that_expired_a_moment_ago(world):
    """The issue's probe: expired points paid for a sale because the job ran nowhere."""
    with write_tx():
        ledger.award(ledger.member_account(world.member), world.merchant_a, 300,
                     key="adjust:seed", reason="seed", source="adjustment",
                     expires_at=utcnow() - timedelta(seconds=1))
    assert ledger.balance(world.member) == 0
    cart = Cart()
    cart.add(Catalogue(world.store_a).scan("6901939621608"))  # ¥3.50
    cart.member_id = world.member.id
    ctx = TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id, None)
    with pytest.raises(InsufficientPoints):
        checkout(cart, [Tender("points", points=100), Tender("cash", 250)], ctx)
    assert LotUse.select().count() == 0
    books_agree(world)


def test_a_guide_holds_only_unexpired_points_too(world):
    guide = ledger.guide_account(world.guide_a)
    with write_tx():
        ledger.award(guide, world.merchant_a, 30, key="guide:link:1", reason="linkage",
                     source="guide", expires_at=NOW + timedelta(days=1))
        ledger.award(guide, world.merchant_a, 12, key="guide:link:2", reason="linkage",
                     source="guide", expires_at=NOW + timedelta(days=3))
    assert ledger.holder_balance(guide, NOW) == 42
    assert ledger.holder_balance(guide, NOW + timedelta(days=2)) == 12
    assert ledger.verify() == []
