"""Point codes at the till: with a member attached, scanning a product label's code credits
its points to the member (once: the second scan is refused or said to be a repeat), the cart
is untouched; without a member the cashier is told to identify the member first; a typo is
named by the check symbol."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.both_databases


def _codes(count=3):
    from app.backoffice.actor import sign_in
    from app.demo import DEMO_PINS
    from app.models import Product, Terminal
    from app.pointcodes import batches

    merchant = Terminal.get(Terminal.code == "MA-T1").store.merchant_id
    product = Product.select().where(Product.merchant == merchant).order_by(Product.id).first()
    manager = sign_in("m1", DEMO_PINS["manager"])
    batch = batches.generate_batch(manager, product.id, count, 30)
    return [c.code for c in batches.batch_codes(manager, batch.id)]


def test_a_point_code_is_credited_to_the_attached_member_once(make_role, qtbot):
    from app import ledger
    from app.members import identify, register
    from app.models import PointCode

    codes = _codes()
    role = make_role()
    w = role.window
    role.rig.scan(codes[0])
    qtbot.waitUntil(lambda: "identify the member first" in w.banner.message(), timeout=5000)
    assert PointCode.get(PointCode.serial == codes[0]).redeemed_at is None

    member = identify("13800138000")
    before = ledger.balance(member.id)
    role.rig.swipe(";880000000001?")
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    with qtbot.waitSignal(role.session.point_code_redeemed, timeout=5000):
        role.rig.scan(codes[0])
    assert "+30 points" in w.banner.message()
    assert ledger.balance(member.id) == before + 30
    assert role.session.member.points == before + 30
    assert role.session.cart.lines == []  # not a product line

    # the same member again: said to be a repeat, nothing more credited
    with qtbot.waitSignal(role.session.point_code_redeemed, timeout=5000):
        role.rig.scan(codes[0])
    assert "already received" in w.banner.message()
    assert ledger.balance(member.id) == before + 30

    # another member: the uniform refusal
    other = register("13900139000", "别人")
    role.session.set_member(None)
    role.session.identify(other.phone)
    qtbot.waitUntil(lambda: role.session.member is not None
                    and role.session.member.id == other.id, timeout=5000)
    role.rig.scan(codes[0])
    qtbot.waitUntil(lambda: "cannot be used" in w.banner.message(), timeout=5000)
    assert ledger.balance(other.id) == 0

    # a typo (hyphenated as printed): the check symbol names it
    code = codes[1]
    typo = code[:6] + ("2" if code[6] != "2" else "3") + code[7:]
    role.rig.scan("-".join(typo[i:i + 4] for i in range(0, 20, 4)))
    qtbot.waitUntil(lambda: "character" in w.banner.message(), timeout=5000)
    assert PointCode.get(PointCode.serial == code).redeemed_at is None
