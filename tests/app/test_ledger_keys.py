"""Ledger idempotency (issue 7, point 6 for the ledger): a key replayed with the same request
returns the first transfer; with another request it is refused; keys live in their source's
namespace. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from app import ledger
from app.db import write_tx
from app.errors import IdempotencyConflict, ValidationError
from app.ledger_keys import fingerprint
from app.models import Lot, Member, Transfer


@pytest.fixture
def holder(world):
    with write_tx():
        ledger.award(ledger.member_account(world.member), world.merchant_a, 500,
                     key="adjust:seed", reason="seed", source="adjustment")
    return ledger.member_account(world.member)


def test_the_same_request_replays_the_first_transfer(world, holder):
    with write_tx():
        first = ledger.spend(holder, world.merchant_b, 120, key="sale:s1", reason="pay",
                             source="sale")
    with write_tx():
        again = ledger.spend(holder, world.merchant_b, 120, key="sale:s1", reason="pay",
                             source="sale")
    assert again.id == first.id
    assert ledger.balance(world.member) == 380
    assert first.request_hash == fingerprint(holder.owner_key, f"redeemed:{world.merchant_b.id}",
                                             120, "sale")
    with write_tx():
        t1, short1 = ledger.reverse_award(Transfer.get(Transfer.idempotency_key == "adjust:seed"),
                                          50, key="refund:r1", reason="refund")
        t2, short2 = ledger.reverse_award(Transfer.get(Transfer.idempotency_key == "adjust:seed"),
                                          50, key="refund:r1", reason="refund")
    assert t1.id == t2.id and short1 == short2 == 0
    with write_tx():
        r1 = ledger.restore_spend(first, 20, key="refund:r2", reason="refund")
        r2 = ledger.restore_spend(first, 20, key="refund:r2", reason="refund")
    assert r1.id == r2.id
    assert ledger.balance(world.member) == 500 - 120 - 50 + 20
    assert ledger.verify() == []


@pytest.mark.parametrize("change", ["amount", "acceptor", "holder"])
def test_a_key_replayed_with_another_spend_is_refused(world, holder, change):
    with write_tx():
        ledger.spend(holder, world.merchant_b, 120, key="sale:s1", reason="pay", source="sale")
    other_member = Member.create(number="900000000099", phone="13900000099")
    with write_tx():
        ledger.award(ledger.member_account(other_member), world.merchant_a, 500,
                     key="adjust:other", reason="seed", source="adjustment")
    who, where, points = holder, world.merchant_b, 120
    if change == "amount":
        points = 121
    elif change == "acceptor":
        where = world.merchant_a
    else:
        who = ledger.member_account(other_member)
    with pytest.raises(IdempotencyConflict) as refused, write_tx():
        ledger.spend(who, where, points, key="sale:s1", reason="pay", source="sale")
    assert refused.value.code == "ledger.key_conflict"
    assert "sale:s1" in refused.value.message
    assert Transfer.select().where(Transfer.idempotency_key == "sale:s1").count() == 1
    assert ledger.balance(world.member) == 380 and ledger.balance(other_member) == 500


def test_a_key_replayed_with_another_award_or_refund_is_refused(world, holder):
    seed = Transfer.get(Transfer.idempotency_key == "adjust:seed")
    with pytest.raises(IdempotencyConflict), write_tx():
        ledger.award(holder, world.merchant_b, 500, key="adjust:seed", reason="seed",
                     source="adjustment")  # another issuer
    with write_tx():
        ledger.reverse_award(seed, 50, key="refund:r1", reason="refund")
    with pytest.raises(IdempotencyConflict), write_tx():
        ledger.reverse_award(seed, 70, key="refund:r1", reason="refund")
    assert Lot.get(Lot.transfer == seed).remaining == 450
    assert ledger.verify() == []


@pytest.mark.parametrize(("key", "source"), [
    ("refund:x", "sale"),  # a refund's key used by a sale
    ("sale:x", "adjustment"),
    ("expire:lot:1", "sale"),
    ("sale:", "sale"),  # the prefix alone names nothing
    ("salex:1", "sale"),
    ("x", "sale"),
])
def test_a_key_outside_its_source_namespace_is_refused(world, holder, key, source):
    with pytest.raises(ValidationError) as refused, write_tx():
        ledger.award(holder, world.merchant_a, 5, key=key, reason="r", source=source)
    assert refused.value.code == "ledger.key_namespace"
    with pytest.raises(ValidationError) as refused, write_tx():
        ledger.spend(holder, world.merchant_a, 5, key=key, reason="r", source=source)
    assert refused.value.code == "ledger.key_namespace"
    assert ledger.balance(world.member) == 500


def test_refunds_and_adjustments_use_their_own_namespace(world, holder):
    seed = Transfer.get(Transfer.idempotency_key == "adjust:seed")
    with pytest.raises(ValidationError) as refused, write_tx():
        ledger.reverse_award(seed, 5, key="sale:r", reason="refund")
    assert refused.value.code == "ledger.key_namespace"
    with pytest.raises(ValidationError) as refused, write_tx():
        ledger.adjust(holder, -5, key="refund:a", reason="fix", issuer=world.merchant_a)
    assert refused.value.code == "ledger.key_namespace"
    with pytest.raises(ValidationError) as refused, write_tx():
        ledger.award(holder, world.merchant_a, 5, key="lottery:1", reason="r", source="lottery")
    assert refused.value.code == "ledger.unknown_source"
    assert ledger.balance(world.member) == 500


def test_every_refusal_carries_a_code(world, holder):
    cases = [
        lambda: ledger.spend(holder, world.merchant_a, 0, key="sale:z", reason="r",
                             source="sale"),
        lambda: ledger.spend(holder, world.merchant_a, 1.5, key="sale:z", reason="r",
                             source="sale"),
        lambda: ledger.adjust(holder, -5, key="adjust:z", reason=" ", issuer=world.merchant_a),
        lambda: ledger.award(ledger.issued_account(world.merchant_a), world.merchant_a, 5,
                             key="adjust:z", reason="r", source="adjustment"),
        lambda: ledger.restore_spend(Transfer.get(Transfer.idempotency_key == "adjust:seed"), 5,
                                     key="refund:z", reason="r"),
    ]
    codes = []
    for case in cases:
        with pytest.raises(ValidationError) as refused, write_tx():
            case()
        codes.append(refused.value.code)
    assert codes == ["ledger.bad_amount", "ledger.bad_amount", "ledger.reason_required",
                     "ledger.not_a_holder", "ledger.not_a_spend"]
