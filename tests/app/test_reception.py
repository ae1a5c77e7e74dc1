"""Reception (issue 10): visits de-duplicated over a window, the arrival offer through the
outbox (only with marketing consent, once per visit), favourites by frequency × recency,
the welcome card and the tills' arrival notices."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.cart import Cart
from app.catalogue import Catalogue
from app.checkout import Tender, TillContext, checkout
from app.clock import pinned_at, utcnow
from app.errors import NotFound, ValidationError
from app.members import register
from app.models import AuditEntry, Consent, Member, Offer, OutboxMessage, Visit
from app.reception import till_notices
from app.reception.favourites import favourite_products
from app.reception.visits import record_arrival, set_visit_window
from app.reception.welcome import welcome_card


def sell(world, barcode: str, qty: int = 1, member=None) -> int:
    cart = Cart()
    cart.add(Catalogue(world.store_a).scan(barcode), quantity=qty)
    cart.member_id = (member or world.member).id
    till = TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id)
    return checkout(cart, [Tender("cash", 100_00)], till).sale_id


COLA, WATER = "6901939621608", "6921168509256"


def enrolled(member):
    """The member's face enrolled (a greeting is only recorded for an enrolled member)."""
    from app.faces import templates

    templates.enrol(member, templates.grant_consent(member), [[0.01] * 128])
    return member


@pytest.fixture
def world(world):
    enrolled(world.member)
    return world


def offers_to(member) -> list[OutboxMessage]:
    return list(OutboxMessage.select().where(OutboxMessage.kind.in_(
        ["visit_offer", "visit_favourite"]), OutboxMessage.recipient == member.phone))


def test_an_arrival_is_one_visit_per_window(world):
    first = record_arrival(world.member.id, world.store_a.id, 870)
    again = record_arrival(world.member.id, world.store_a.id, 910,
                           at=first.at + timedelta(minutes=30))
    assert first.new and not again.new and again.visit_id == first.visit_id
    assert Visit.select().count() == 1
    visit = Visit.get_by_id(first.visit_id)
    assert (visit.member_id, visit.store_id, visit.confidence_milli, visit.source) == (
        world.member.id, world.store_a.id, 870, "face")
    assert Member.get_by_id(world.member.id).last_seen_at is not None
    later = record_arrival(world.member.id, world.store_a.id, 900,
                           at=first.at + timedelta(minutes=61))
    assert later.new and later.visit_id != first.visit_id
    # another store is another visit, even within the window
    other = record_arrival(world.member.id, world.store_b.id, 900, at=first.at)
    assert other.new
    assert AuditEntry.select().where(AuditEntry.action == "reception.visit").count() == 3


def test_the_window_is_configurable(world):
    set_visit_window(5)
    first = record_arrival(world.member.id, world.store_a.id, 900)
    assert record_arrival(world.member.id, world.store_a.id, 900,
                          at=first.at + timedelta(minutes=6)).new
    with pytest.raises(ValidationError) as err:
        set_visit_window(0)
    assert err.value.code == "reception.bad_window"


def test_bad_arrivals_write_nothing(world):
    for call, code in [
        (lambda: record_arrival(999_999, world.store_a.id, 900), "member.not_found"),
        (lambda: record_arrival(world.member.id, 999_999, 900), "store.not_found"),
        (lambda: record_arrival(world.member.id, world.store_a.id, 1001),
         "reception.bad_confidence"),
        (lambda: record_arrival(world.member.id, world.store_a.id, 900, source="x"),
         "reception.bad_source"),
    ]:
        with pytest.raises((NotFound, ValidationError)) as err:
            call()
        assert err.value.code == code
    assert Visit.select().count() == 0 and OutboxMessage.select().count() == 0


def test_offer_only_with_marketing_consent_and_once_per_visit(world):
    quiet = enrolled(register("13900000031", "安静", store=world.store_a))  # no marketing
    sell(world, COLA, member=quiet)
    record_arrival(quiet.id, world.store_a.id, 900)
    assert offers_to(quiet) == []

    keen = enrolled(register("13900000032", "热情", store=world.store_a,
                             marketing_consent=True))
    sell(world, WATER, 2, member=keen)
    first = record_arrival(keen.id, world.store_a.id, 900)
    assert first.offer_queued
    record_arrival(keen.id, world.store_a.id, 900, at=first.at + timedelta(minutes=10))
    [msg] = offers_to(keen)
    # no live offer: built from the purchase history
    assert msg.kind == "visit_favourite" and "农夫山泉" in msg.body
    assert msg.idempotency_key == f"reception:visit-offer:{first.visit_id}"

    # a withdrawn marketing consent stops offers
    Consent.update(withdrawn_at=utcnow()).where(Consent.member == keen.id,
                                                Consent.kind == "marketing").execute()
    assert not record_arrival(keen.id, world.store_a.id, 900,
                              at=first.at + timedelta(hours=2)).offer_queued
    assert len(offers_to(keen)) == 1


def test_a_live_offer_of_the_stores_merchant_comes_first(world):
    keen = enrolled(register("13900000033", "Keen", store=world.store_a,
                             marketing_consent=True))
    Member.update(language="en").where(Member.id == keen.id).execute()
    now = utcnow()
    Offer.create(merchant=world.merchant_b, title="茶券", title_en="Tea voucher",
                 valid_from=now - timedelta(days=1), valid_until=now + timedelta(days=1))
    Offer.create(merchant=world.merchant_a, title="满50减5", title_en="¥5 off ¥50",
                 valid_from=now - timedelta(days=1), valid_until=now + timedelta(days=3))
    record_arrival(keen.id, world.store_a.id, 900)
    [msg] = offers_to(keen)
    assert msg.kind == "visit_offer" and "¥5 off ¥50" in msg.body and "Tea" not in msg.body


def test_favourites_rank_frequency_by_recency(world):
    # three old water purchases weigh less than two fresh cola purchases
    with pinned_at(utcnow() - timedelta(days=200)):
        for _ in range(3):
            sell(world, WATER, 1)
    sell(world, COLA, 1)
    sell(world, COLA, 1)
    sell(world, WATER, 1)
    favs = favourite_products(world.member.id)
    assert [f.name for f in favs] == ["可口可乐 330ml", "农夫山泉 550ml"]
    assert favs[0].score > favs[1].score
    assert favourite_products(world.member.id, merchant_id=world.merchant_b.id) == []
    assert favourite_products(world.member.id, 1)[0].name_en == "Coca-Cola 330ml"


def test_welcome_card(world):
    sell(world, COLA, 3)
    first = record_arrival(world.member.id, world.store_a.id, 900,
                           at=utcnow() - timedelta(days=3))
    now = record_arrival(world.member.id, world.store_a.id, 900)
    card = welcome_card(world.member.id, world.store_a.id, now.visit_id)
    assert card.name == "刘洋" and card.points == 10
    assert [f.name for f in card.favourites] == ["可口可乐 330ml"]
    assert card.last_visit == Visit.get_by_id(first.visit_id).at
    with pytest.raises(NotFound):
        welcome_card(999_999, world.store_a.id)


def test_till_notices_since_the_tills_last_look(world):
    start = till_notices.newest_visit_id(world.store_a.id)
    assert till_notices.arrivals_since(world.store_a.id, start) == ([], start)
    record_arrival(world.member.id, world.store_a.id, 900)
    record_arrival(world.member.id, world.store_b.id, 900)  # not this store's tills
    notices, seen = till_notices.arrivals_since(world.store_a.id, start)
    assert [(n.name, n.tier) for n in notices] == [("刘洋", world.member.tier)]
    assert till_notices.arrivals_since(world.store_a.id, seen) == ([], seen)


def test_a_member_who_withdrew_at_the_door_gets_no_visit(world):
    from app.faces import templates

    templates.withdraw_face_consent(world.member)
    with pytest.raises(ValidationError) as err:
        record_arrival(world.member.id, world.store_a.id, 900)
    assert err.value.code == "reception.not_enrolled"
    assert Visit.select().count() == 0 and OutboxMessage.select().count() == 0


def test_a_tills_first_look_announces_arrivals_since_it_started(world):
    """An arrival while the till's first look waits behind other work is still announced."""
    from app.clock import utcnow

    started = utcnow()
    record_arrival(world.member.id, world.store_a.id, 900)
    notices, seen = till_notices.arrivals_since(world.store_a.id, None, started)
    assert [n.member_id for n in notices] == [world.member.id]
    assert seen == till_notices.newest_visit_id(world.store_a.id)
    later = utcnow()
    assert till_notices.arrivals_since(world.store_a.id, None, later) == ([], seen)
