"""Ordering a coupon at the kiosk: points spent once (client UUID), stock and the per-member
limit enforced in the database, a money price only against a captured payment, the merchant
told through the outbox, nothing written when any check fails."""

import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from app import ledger, typable_codes
from app.clock import utcnow
from app.coupons.ordering import member_coupons, order_offer, resend_sms
from app.errors import Conflict, InsufficientPoints, ValidationError
from app.kiosk.terminal import open_kiosk
from app.models import Coupon, Offer, OutboxMessage, PaymentRecord, Terminal
from app.payments import SimulatedQrProvider
from app.registration import join

WORKER = Path(__file__).with_name("coupon_order_worker.py")


@pytest.fixture
def kiosk(world):
    Terminal.create(store=world.store_a, code="MA-K1", role="kiosk")
    return open_kiosk()


def make_offer(world, **kw):
    now = utcnow()
    values = dict(merchant=world.merchant_b, title="龙井买一送一", title_en="Longjing 2-for-1",
                  region="shanghai", price_points=300, face_value=1000,
                  valid_from=now - timedelta(days=1), valid_until=now + timedelta(days=30),
                  coupon_validity_days=14, per_member_limit=2, stock=5)
    values.update(kw)
    return Offer.create(**values)


def rich_member(world, points=1000):
    with __import__("app.db", fromlist=["write_tx"]).write_tx():
        ledger.award(ledger.member_account(world.member), world.merchant_a, points,
                     key=f"registration:test-{uuid.uuid4()}", reason="test",
                     source="registration")
    return world.member.id


def test_ordering_with_points_issues_a_typable_coupon_once(world, kiosk):
    offer = make_offer(world)
    member = rich_member(world)
    key = str(uuid.uuid4())
    issued = order_offer(kiosk, member, offer.id, key)
    assert typable_codes.parse(issued.grouped, "C").serial == issued.id
    assert issued.points_paid == 300 and ledger.balance(member) == 700
    assert Offer.get_by_id(offer.id).stock == 4
    assert (issued.valid_until - utcnow()).days in (13, 14)
    again = order_offer(kiosk, member, offer.id, key)  # a retry after a lost answer
    assert again.replayed and again.code == issued.code
    assert ledger.balance(member) == 700 and Offer.get_by_id(offer.id).stock == 4
    notice = OutboxMessage.get(OutboxMessage.kind == "coupon_order")
    assert notice.channel == "merchant" and issued.code in notice.body
    assert [c.code for c in member_coupons(member)] == [issued.code]
    resend_sms(member, issued.id)
    sms = OutboxMessage.get(OutboxMessage.kind == "coupon_sms")
    assert issued.grouped in sms.body and sms.recipient == world.member.phone


def test_limits_stock_and_balance_refuse_without_writing(world, kiosk):
    offer = make_offer(world, per_member_limit=1, stock=1)
    member = rich_member(world, 500)
    order_offer(kiosk, member, offer.id, str(uuid.uuid4()))
    with pytest.raises(Conflict) as info:
        order_offer(kiosk, member, offer.id, str(uuid.uuid4()))
    assert info.value.code in ("coupon.limit", "coupon.sold_out")
    other = join("13911110000", "乙", store_id=world.store_a.id, terms_accepted=True).member_id
    with pytest.raises(Conflict) as info:
        order_offer(kiosk, other, offer.id, str(uuid.uuid4()))
    assert info.value.code == "coupon.sold_out"
    costly = make_offer(world, price_points=10_000, stock=3)
    with pytest.raises(InsufficientPoints):
        order_offer(kiosk, member, costly.id, str(uuid.uuid4()))
    assert Offer.get_by_id(costly.id).stock == 3
    assert Coupon.select().where(Coupon.offer == costly.id).count() == 0
    ended = make_offer(world, valid_until=utcnow() - timedelta(minutes=1))
    with pytest.raises(Conflict):
        order_offer(kiosk, member, ended.id, str(uuid.uuid4()))
    with pytest.raises(ValidationError):
        order_offer(kiosk, member, offer.id, "not-a-uuid")


def test_a_money_price_needs_one_captured_payment(world, kiosk):
    offer = make_offer(world, price_points=0, price=990)
    member = rich_member(world, 1)
    with pytest.raises(ValidationError):
        order_offer(kiosk, member, offer.id, str(uuid.uuid4()))
    paid = SimulatedQrProvider().charge(world.merchant_b.id, kiosk.terminal_id, 990,
                                        "286666666666666666")
    issued = order_offer(kiosk, member, offer.id, str(uuid.uuid4()), paid.reference)
    assert issued.money_paid == 990
    assert PaymentRecord.get(PaymentRecord.reference == paid.reference).used_at is not None
    with pytest.raises(Conflict):  # the same payment cannot buy a second coupon
        order_offer(kiosk, member, offer.id, str(uuid.uuid4()), paid.reference)


@pytest.mark.parametrize("db_url", [pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)
def test_the_last_unit_goes_to_one_of_four_kiosks(db_url, db, world, kiosk):
    offer = make_offer(world, stock=1, price_points=10, per_member_limit=5)
    members = []
    for i in range(4):
        m = join(f"1398888000{i}", f"会员{i}", store_id=world.store_a.id, terms_accepted=True)
        with __import__("app.db", fromlist=["write_tx"]).write_tx():
            ledger.award(ledger.member_account(m.member_id), world.merchant_a, 50,
                         key=f"registration:race-{i}", reason="test", source="registration")
        members.append(m.member_id)
    procs = [subprocess.Popen([sys.executable, str(WORKER), db_url, "MA-K1", str(m),
                               str(offer.id)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for m in members]
    for p in procs:
        assert p.stdout.readline().strip() == "READY", p.stderr.read()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    outcomes = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert sum(o.startswith("OK") for o in outcomes) == 1, outcomes
    assert all(o == "ERR coupon.sold_out" for o in outcomes if not o.startswith("OK"))
    assert Offer.get_by_id(offer.id).stock == 0
    assert Coupon.select().where(Coupon.offer == offer.id).count() == 1
    assert ledger.verify() == []
