"""What a kiosk shows and who may leave it: live offers for its region with stock left, a
fingerprint that changes with every published change, and the manager's PIN way out."""

from datetime import timedelta

import pytest

from app.clock import utcnow
from app.demo import DEMO_PINS
from app.errors import NotFound, PermissionDenied
from app.kiosk.offers import live_offers, offers_fingerprint
from app.kiosk.staff_exit import MAX_REFUSALS, authorize_exit
from app.kiosk.terminal import open_kiosk
from app.models import AuditEntry, Offer, Terminal


@pytest.fixture
def kiosk(world):
    Terminal.create(store=world.store_a, code="MA-K1", role="kiosk")
    return open_kiosk()


def offer(world, title, **kw):
    now = utcnow()
    values = dict(merchant=world.merchant_b, title=title, region="shanghai", price_points=100,
                  valid_from=now - timedelta(days=1), valid_until=now + timedelta(days=5))
    values.update(kw)
    return Offer.create(**values)


def test_the_kiosk_is_found_by_role_or_code(world, kiosk):
    assert kiosk.terminal_code == "MA-K1" and kiosk.store_id == world.store_a.id
    assert kiosk.region == "shanghai"
    assert open_kiosk("MA-K1") == kiosk
    with pytest.raises(NotFound):
        open_kiosk("NOPE")


def test_only_live_offers_of_the_region_with_stock_show(world, kiosk):
    now = utcnow()
    offer(world, "live")
    offer(world, "everywhere", region="")
    offer(world, "beijing", region="beijing")
    offer(world, "future", valid_from=now + timedelta(days=1))
    offer(world, "over", valid_until=now - timedelta(seconds=1))
    offer(world, "withdrawn", active=False)
    offer(world, "sold out", stock=0)
    offer(world, "three left", stock=3)
    titles = {o.title for o in live_offers(kiosk)}
    assert titles == {"live", "everywhere", "three left"}


def test_the_fingerprint_changes_with_each_published_change(world, kiosk):
    first = offers_fingerprint(kiosk)
    assert offers_fingerprint(kiosk) == first
    row = offer(world, "new")
    second = offers_fingerprint(kiosk)
    assert second != first
    Offer.update(price_points=90).where(Offer.id == row.id).execute()
    third = offers_fingerprint(kiosk)
    assert third != second
    Offer.update(stock=5).where(Offer.id == row.id).execute()
    fourth = offers_fingerprint(kiosk)
    assert fourth != third
    Offer.update(active=False).where(Offer.id == row.id).execute()
    assert offers_fingerprint(kiosk) == first


def test_a_manager_pin_lets_staff_out_and_is_audited(world, kiosk):
    assert authorize_exit(kiosk, DEMO_PINS["manager"]) == world.manager_a.name
    entry = AuditEntry.get(AuditEntry.action == "kiosk_exit")
    assert entry.approver_id == world.manager_a.id and entry.terminal_id == kiosk.terminal_id


def test_other_pins_are_refused_and_guessing_locks_the_way_out(world, kiosk):
    for pin in (DEMO_PINS["cashier"], "0000", "abcd", ""):
        with pytest.raises(PermissionDenied):
            authorize_exit(kiosk, pin)
    with pytest.raises(PermissionDenied) as info:
        authorize_exit(kiosk, "0001")
    assert info.value.code == "kiosk.exit_wrong_pin"
    assert AuditEntry.select().where(AuditEntry.action == "kiosk_exit_refused").count() \
        == MAX_REFUSALS
    with pytest.raises(PermissionDenied) as info:
        authorize_exit(kiosk, DEMO_PINS["manager"])  # even the right PIN, while locked
    assert info.value.code == "kiosk.exit_locked"
