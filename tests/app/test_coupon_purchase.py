"""Buying at the kiosk: checks before the wallet is charged, one charge per attempt (a retry
replays), and a payment whose order fails is paid back at once."""

import uuid

import pytest

from app import ledger
from app.coupons.purchase import buy
from app.errors import Conflict, InsufficientPoints, ValidationError
from app.models import Coupon, Offer, PaymentRecord
from tests.app.test_coupon_ordering import kiosk, make_offer, rich_member  # noqa: F401

WALLET = "286512345678901234"


def test_points_purchase_and_its_replay(world, kiosk):  # noqa: F811
    offer = make_offer(world)
    member = rich_member(world)
    key = str(uuid.uuid4())
    first = buy(kiosk, member, offer.id, key)
    again = buy(kiosk, member, offer.id, key)
    assert first.coupon.code == again.coupon.code and again.coupon.replayed
    assert ledger.balance(member) == 700 and Coupon.select().count() == 1


def test_nothing_is_charged_when_the_checks_fail(world, kiosk):  # noqa: F811
    member = rich_member(world, 100)
    costly = make_offer(world, price_points=300, price=500)
    with pytest.raises(InsufficientPoints):
        buy(kiosk, member, costly.id, str(uuid.uuid4()), WALLET)
    gone = make_offer(world, price=500, price_points=0, stock=0)
    with pytest.raises(Conflict) as info:
        buy(kiosk, member, gone.id, str(uuid.uuid4()), WALLET)
    assert info.value.code == "coupon.sold_out"
    with pytest.raises(ValidationError):
        buy(kiosk, member, make_offer(world, price=500, price_points=0).id,
            str(uuid.uuid4()), "12")
    assert PaymentRecord.select().count() == 0 and Coupon.select().count() == 0


def test_money_purchase_charges_once_and_a_sellout_while_paying_pays_back(world, kiosk,  # noqa: F811
                                                                         monkeypatch):
    member = rich_member(world)
    offer = make_offer(world, price=800, price_points=0, stock=1)
    key = str(uuid.uuid4())
    bought = buy(kiosk, member, offer.id, key, WALLET)
    assert bought.coupon and bought.payment_reference.startswith("SIM")
    replay = buy(kiosk, member, offer.id, key, WALLET, bought.payment_reference)
    assert replay.coupon.code == bought.coupon.code and PaymentRecord.select().count() == 1

    last = make_offer(world, price=800, price_points=0, stock=1)
    import app.coupons.purchase as purchase
    from app.payments import SimulatedQrProvider

    refunds = []
    real_charge = SimulatedQrProvider.charge

    def charge_then_sell_out(self, merchant_id, terminal_id, amount, code):
        paid = real_charge(self, merchant_id, terminal_id, amount, code)
        Offer.update(stock=0).where(Offer.id == last.id).execute()  # another kiosk won it
        return paid

    monkeypatch.setattr(SimulatedQrProvider, "charge", charge_then_sell_out)
    monkeypatch.setattr(SimulatedQrProvider, "refund",
                        lambda self, ref, amount, key: refunds.append((ref, amount, key)) or "R")
    with pytest.raises(Conflict) as info:
        purchase.buy(kiosk, member, last.id, str(uuid.uuid4()), WALLET)
    assert info.value.code == "coupon.sold_out" and info.value.params["refunded"]
    assert len(refunds) == 1 and refunds[0][1] == 800
    assert Coupon.select().where(Coupon.offer == last.id).count() == 0
