"""Coupons at the cashier window (issue 9): a coupon's QR scanned while the till's entry has
focus, or its short code typed there with hyphens in lower case, opens the payment on the coupon
and applies it; a refused coupon reads the one uniform message, never "no such product"."""

from __future__ import annotations

import uuid
from datetime import timedelta

COKE = "6901939621608"  # ¥3.50


def scan(role, qtbot, code: str, lines: int) -> None:
    role.rig.scan(code)
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == lines, timeout=5000)


def issue(face_value=200, kind="tender"):
    from app import typable_codes
    from app.clock import utcnow
    from app.models import Coupon, Member, Merchant, Offer

    now = utcnow()
    offer = Offer.create(merchant=Merchant.get(Merchant.code == "MA"), title="立减2元",
                         title_en="¥2 off", face_value=face_value, kind=kind,
                         valid_from=now - timedelta(days=1), valid_until=now + timedelta(days=9))
    coupon = Coupon.create(code=f"pending:{uuid.uuid4()}", client_uuid=uuid.uuid4(),
                           offer=offer, member=Member.get(), valid_until=now + timedelta(days=9))
    code = typable_codes.make("C", coupon.id)
    Coupon.update(code=code.text).where(Coupon.id == coupon.id).execute()
    return code


def identified(role, qtbot) -> None:
    role.rig.swipe(";880000000001?")
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)


def test_a_scanned_coupon_opens_the_payment_with_the_coupon_applied(make_role, qtbot):
    from app.models import Coupon

    code = issue()
    role = make_role()
    identified(role, qtbot)
    scan(role, qtbot, COKE, 1)
    role.rig.scan(code.text)  # the slip's QR
    qtbot.waitUntil(lambda: bool(getattr(role.window.flows.dialog, "tenders", None)),
                    timeout=5000)
    dialog = role.window.flows.dialog
    assert dialog.objectName() == "paymentDialog"
    assert [(t.kind, t.amount, t.reference) for t in dialog.tenders] == [
        ("coupon", 200, code.text)]
    assert len(role.session.cart.lines) == 1  # not looked up as a product
    dialog.cash_edit.setText("1.50")
    paid = []
    dialog.paid.connect(paid.append)
    dialog.complete()
    qtbot.waitUntil(lambda: bool(paid), timeout=5000)
    assert Coupon.get(Coupon.code == code.text).redeemed_sale_id == paid[0].sale_id


def test_a_code_typed_in_the_entry_with_hyphens_and_lower_case_applies_too(make_role, qtbot):
    code = issue(kind="discount")
    role = make_role()
    identified(role, qtbot)
    scan(role, qtbot, COKE, 1)
    entry = role.window.entry  # the till's code entry, as the cashier types into it
    entry.line.setText(code.grouped.lower())
    entry.submit()
    qtbot.waitUntil(lambda: bool(getattr(role.window.flows.dialog, "tenders", None)),
                    timeout=5000)
    assert role.window.flows.dialog.tenders[0].amount == 200


def test_a_refused_coupon_reads_one_message_and_a_second_scan_is_not_added(make_role, qtbot):
    from app import typable_codes

    code = issue()
    role = make_role(language="en")
    identified(role, qtbot)
    scan(role, qtbot, COKE, 1)
    forged = code.text[:-11] + "ABCDEFGHJK"
    forged += typable_codes.check_symbol(forged)
    role.rig.scan(forged)
    qtbot.waitUntil(lambda: role.window.flows.dialog is not None
                    and role.window.flows.dialog.error.isVisible(), timeout=5000)
    dialog = role.window.flows.dialog
    assert dialog.error.text() == "This coupon cannot be used."
    assert dialog.tenders == []
    role.rig.scan(code.grouped)
    qtbot.waitUntil(lambda: len(dialog.tenders) == 1, timeout=5000)
    role.rig.scan(code.text.lower())  # the same coupon again, written another way
    qtbot.waitUntil(lambda: "already" in dialog.error.text(), timeout=5000)
    assert len(dialog.tenders) == 1


def test_a_coupon_before_the_member_is_identified_says_what_to_do(make_role, qtbot):
    code = issue()
    role = make_role(language="en")
    scan(role, qtbot, COKE, 1)
    role.rig.scan(code.text)
    qtbot.waitUntil(lambda: "identify the member" in role.window.banner.message().lower(),
                    timeout=5000)
    assert len(role.session.cart.lines) == 1 and role.window.flows.dialog is None


def test_the_refund_summary_says_the_coupon_came_back(make_role, qtbot):
    from app import approvals
    from app.cart import Cart
    from app.catalogue import Catalogue
    from app.checkout import Tender, TillContext, checkout
    from app.models import Member, Staff, Store, Terminal
    from app.refunds import refund
    from ui.cashier.refund_dialog import refund_summary

    code = issue()
    role = make_role(language="en")
    terminal = Terminal.get(Terminal.code == "MA-T1")
    cashier = Staff.get(Staff.code == "c1")
    ctx = TillContext(terminal.store_id, terminal.id, cashier.id)
    cart = Cart()
    cart.add(Catalogue(Store.get_by_id(terminal.store_id)).scan(COKE))
    cart.member_id = Member.get().id
    sale = checkout(cart, [Tender("coupon", reference=code.text), Tender("cash", 150)], ctx)
    grant = approvals.grant_by_pin("refund", cashier, "9999", terminal.id,
                                   approvals.sale_target(sale.sale_id))
    done = refund(sale.sale_id, None, ctx, grant, str(uuid.uuid4()))
    text = refund_summary(role.session, done)
    assert text.endswith("The coupon is given back to the member and can be used again.")
    assert "¥1.50 in cash" in text  # the coupon's ¥2 is not paid out


def test_a_coupon_on_an_empty_sale_asks_for_the_items_first(make_role, qtbot):
    code = issue()
    role = make_role(language="en")
    identified(role, qtbot)
    role.rig.scan(code.text)
    qtbot.waitUntil(lambda: "scan the items first" in role.window.banner.message(),
                    timeout=5000)
    assert role.window.flows.dialog is None and not role.session.cart.lines


def test_a_discount_coupon_for_a_product_not_on_the_sale_is_not_added(make_role, qtbot):
    from app.models import Offer, Product

    code = issue(kind="discount")
    water = Product.get(Product.sku == "A002") if Product.get_or_none(Product.sku == "A002") \
        else Product.select().where(Product.sku != "A001").first()
    Offer.update(product=water.id).execute()
    role = make_role(language="en")
    identified(role, qtbot)
    scan(role, qtbot, COKE, 1)
    role.rig.scan(code.text)
    qtbot.waitUntil(lambda: role.window.flows.dialog is not None
                    and role.window.flows.dialog.error.isVisible(), timeout=5000)
    dialog = role.window.flows.dialog
    assert dialog.tenders == []
    assert dialog.error.text() == (f"This coupon is for {water.name_en or water.name}; add it "
                                   "to the sale first.")
