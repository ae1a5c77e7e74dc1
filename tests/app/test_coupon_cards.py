"""The card medium: a dispensed card carries the coupon's points and a points deposit; a
returned card gives both back once; a card not returned in time is booked by the job — the
balance back to the member, the deposit kept, the operator told — once."""

import uuid
from datetime import timedelta

import pytest

from app import jobs, ledger
from app.coupons import cards
from app.coupons.ordering import order_offer
from app.db import write_tx
from app.errors import Conflict, InsufficientPoints, NotFound, ValidationError
from app.models import AuditEntry, Coupon, OutboxMessage, Setting, StoredValueCard
from tests.app.test_coupon_ordering import kiosk, make_offer, rich_member  # noqa: F401


def ordered(world, kiosk, points=1000, **offer):  # noqa: F811
    member = rich_member(world, points)
    issued = order_offer(kiosk, member, make_offer(world, **offer).id, str(uuid.uuid4()))
    return member, issued


def test_a_returned_card_gives_back_its_balance_and_deposit_once(world, kiosk):  # noqa: F811
    member, issued = ordered(world, kiosk)
    assert ledger.balance(member) == 700
    terms = cards.card_terms(member, issued.id)
    assert (terms.balance, terms.deposit) == (300, cards.DEFAULT_DEPOSIT)
    card = cards.load_card(kiosk, member, issued.id, "SV0001")
    assert (card.balance, card.deposit, card.coupon_code) == (300, 100, issued.code)
    assert ledger.balance(member) == 600
    assert cards.load_card(kiosk, member, issued.id, "SV0001") == card  # a replay: no 2nd deposit
    assert ledger.balance(member) == 600
    assert cards.coupon_code_for_card("SV0001") == issued.code
    back = cards.return_card(kiosk, "SV0001")
    assert back.refunded == 400 and back.returned_at is not None and back.balance == 0
    assert ledger.balance(member) == 1000
    assert Coupon.get_by_id(issued.id).redeemed_at is not None  # used up by the return
    with pytest.raises(Conflict) as info:
        cards.return_card(kiosk, "SV0001")
    assert info.value.code == "card.already_returned" and ledger.balance(member) == 1000
    assert ledger.verify() == []
    assert AuditEntry.select().where(AuditEntry.target == "SV0001").count() == 2


def test_a_card_whose_coupon_was_used_returns_only_the_deposit(world, kiosk):  # noqa: F811
    member, issued = ordered(world, kiosk)
    cards.load_card(kiosk, member, issued.id, "SV0002")
    Coupon.update(redeemed_at=issued.valid_until - timedelta(days=1)).where(
        Coupon.id == issued.id).execute()  # redeemed at a till
    assert cards.return_card(kiosk, "SV0002").refunded == 100
    assert ledger.balance(member) == 700


def test_bad_cards_and_short_deposits_are_refused_without_writing(world, kiosk):  # noqa: F811
    member, issued = ordered(world, kiosk, points=350)  # 50 left: less than the deposit
    with pytest.raises(InsufficientPoints):
        cards.load_card(kiosk, member, issued.id, "SV0003")
    with pytest.raises(ValidationError):
        cards.load_card(kiosk, member, issued.id, "!!")
    with pytest.raises(NotFound):
        cards.return_card(kiosk, "SV9999")
    with pytest.raises(NotFound):
        cards.load_card(kiosk, member + 1000, issued.id, "SV0004")
    assert StoredValueCard.select().count() == 0 and ledger.balance(member) == 50
    with write_tx():
        Setting.delete().where(Setting.key == cards.DEPOSIT_KEY).execute()
        Setting.create(key=cards.DEPOSIT_KEY, value="0")
    card = cards.load_card(kiosk, member, issued.id, "SV0003")
    assert card.deposit == 0
    with pytest.raises(Conflict):
        cards.card_terms(member, issued.id)  # already on a card


def test_money_priced_coupons_do_not_go_on_cards(world, kiosk):  # noqa: F811
    member = rich_member(world)
    offer = make_offer(world, price_points=0, price=500)
    coupon = Coupon.create(code="C-test", client_uuid=uuid.uuid4(), offer=offer.id,
                           member=member, valid_until=offer.valid_until)
    with pytest.raises(ValidationError) as info:
        cards.card_terms(member, coupon.id)
    assert info.value.code == "card.points_only"


def test_the_job_books_unreturned_cards_once_and_tells_the_operator(world, kiosk):  # noqa: F811
    member, issued = ordered(world, kiosk)
    cards.load_card(kiosk, member, issued.id, "SV0005")
    _, other = ordered(world, kiosk)
    cards.load_card(kiosk, member, other.id, "SV0006")
    cards.return_card(kiosk, "SV0006")  # returned in time: never booked
    before = ledger.balance(member)
    card = StoredValueCard.get(StoredValueCard.number == "SV0005")
    assert jobs.run_due(card.due_back - timedelta(minutes=1), only="card_booking")[0].count == 0
    [result] = [r for r in jobs.run_due(card.due_back) if r.name == "card_booking"]
    assert result.count == 1
    booked = StoredValueCard.get_by_id(card.id)
    assert booked.booked_at is not None and booked.balance == 0
    assert ledger.balance(member) == before + 300  # balance back; the deposit is kept
    assert ledger.existing("refund:card:SV0005:booked").amount == 300
    notice = OutboxMessage.get(OutboxMessage.kind == "card_booked")
    assert notice.channel == "operator" and "SV0005" in notice.body and "100" in notice.body
    assert jobs.run_due(card.due_back + timedelta(days=1), only="card_booking")[0].count == 0
    assert OutboxMessage.select().where(OutboxMessage.kind == "card_booked").count() == 1
    with pytest.raises(Conflict) as info:
        cards.return_card(kiosk, "SV0005")
    assert info.value.code == "card.booked"
    assert ledger.verify() == []


WORKER = __import__("pathlib").Path(__file__).with_name("card_worker.py")


@pytest.mark.parametrize("db_url", [pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)
def test_two_returns_and_the_job_racing_give_back_once(db_url, db, world, kiosk):  # noqa: F811
    import subprocess
    import sys

    member, issued = ordered(world, kiosk)
    card = cards.load_card(kiosk, member, issued.id, "SV0100")
    due = (card.due_back + timedelta(seconds=1)).isoformat()
    commands = [["return", "MA-K1", "SV0100"], ["return", "MA-K1", "SV0100"], ["book", due]]
    procs = [subprocess.Popen([sys.executable, str(WORKER), db_url, *c], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for c in commands]
    for p in procs:
        assert p.stdout.readline().strip() == "READY", p.stderr.read()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    outcomes = [p.communicate(timeout=120)[0].strip() for p in procs]
    returns, booking = outcomes[:2], outcomes[2]
    row = StoredValueCard.get(StoredValueCard.number == "SV0100")
    if booking == "OK 1":  # the job got there first: both returns refused, balance back once
        assert all(o == "ERR card.booked" for o in returns), outcomes
        assert ledger.balance(member) == 1000 - 100  # the deposit stays with the merchant
    else:
        assert booking == "OK 0" and sorted(returns) == ["ERR card.already_returned",
                                                         "OK 400"], outcomes
        assert row.returned_at is not None and ledger.balance(member) == 1000
    assert (row.returned_at is None) != (row.booked_at is None)
    assert ledger.verify() == []
