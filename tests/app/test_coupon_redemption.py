"""Coupons at the till (issue 9): found by their typable code however it is typed, used once as
a tender or as a discount priced by the domain, refused with one message whatever the reason,
refusals slow the terminal down, a refund gives a still-valid coupon back."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from app import approvals, ledger, throttle, typable_codes
from app.cart import Cart
from app.catalogue import Catalogue
from app.checkout import Tender, TillContext, checkout
from app.clock import utcnow
from app.db import database, write_tx
from app.errors import PermissionDenied, ValidationError
from app.models import (
    AttemptFailure,
    AuditEntry,
    Coupon,
    Member,
    Offer,
    Payment,
    Product,
    Sale,
    SaleLine,
    Setting,
    Terminal,
)
from app.refunds import refund, refundable_lines
from app.till import Till

COLA = "6901939621608"  # ¥3.50, 13 %
WATER = "6921168509256"  # ¥2.00, +5 bonus points


def ctx(world, terminal=None) -> TillContext:
    return TillContext(world.store_a.id, (terminal or world.terminal_a).id, world.cashier_a.id)


def scanned(world, *codes: str, quantity: int = 1, member=True) -> Cart:
    cart = Cart()
    for code in codes:
        cart.add(Catalogue(world.store_a).scan(code), quantity=quantity)
    if member:
        cart.member_id = world.member.id
    return cart


def issue(world, face_value=500, valid_days=30, kind="tender", product=None, member=None,
          merchant=None, typable=True) -> Coupon:
    """A coupon as the kiosk issues it: code ``C…`` with its row id as the serial."""
    now = utcnow()
    with write_tx():
        offer = Offer.create(merchant=merchant or world.merchant_a, title=f"立减{face_value}",
                             title_en=f"{face_value} off", face_value=face_value, kind=kind,
                             product=product, valid_from=now - timedelta(days=1),
                             valid_until=now + timedelta(days=60))
        coupon = Coupon.create(code=f"pending:{uuid.uuid4()}", client_uuid=uuid.uuid4(),
                               offer=offer, member=member or world.member,
                               valid_until=now + timedelta(days=valid_days))
        code = typable_codes.make("C", coupon.id).text if typable else f"LEGACY-{coupon.id}"
        Coupon.update(code=code).where(Coupon.id == coupon.id).execute()
    return Coupon.get_by_id(coupon.id)


def grouped(coupon: Coupon) -> str:
    return typable_codes.TypableCode("C", coupon.id, "", coupon.code).grouped


def till_for(world) -> Till:
    till = Till.open(world.terminal_a.code)
    till.sign_in("c1", "1111")
    return till


def for_sale(world, sale_id, action="refund"):
    return approvals.grant_by_pin(action, world.cashier_a, "9999", world.terminal_a.id,
                                  approvals.sale_target(sale_id))


# -- finding a coupon by its code ------------------------------------------------------------------
def test_a_typed_code_with_hyphens_and_lower_case_finds_the_coupon(world):
    coupon = issue(world)
    till = till_for(world)
    info = till.check_coupon(f"  {grouped(coupon).lower()} ", world.member.id)
    assert info.code == coupon.code and info.value == 500 and info.kind == "tender"
    cart = scanned(world, COLA, quantity=4)  # ¥14.00
    result = checkout(cart, [Tender("coupon", reference=grouped(coupon).lower()),
                             Tender("cash", 900)], ctx(world))
    assert Coupon.get_by_id(coupon.id).redeemed_sale_id == result.sale_id
    pay = Payment.get((Payment.sale == result.sale_id) & (Payment.tender == "coupon"))
    assert pay.amount == 500 and pay.reference == coupon.code  # stored in its canonical form


def test_a_coupon_from_before_typable_codes_still_works_by_its_exact_code(world):
    coupon = issue(world, typable=False)
    result = checkout(scanned(world, COLA, quantity=4),
                      [Tender("coupon", reference=coupon.code), Tender("cash", 900)], ctx(world))
    assert Coupon.get_by_id(coupon.id).redeemed_sale_id == result.sale_id


def test_a_typo_is_named_before_the_database_and_does_not_count_as_a_guess(world):
    coupon = issue(world)
    wrong = coupon.code[:5] + ("2" if coupon.code[5] != "2" else "3") + coupon.code[6:]
    till = till_for(world)
    with pytest.raises(ValidationError) as refused:
        till.check_coupon(wrong, world.member.id)
    assert refused.value.code == "coupon.typo"
    assert AttemptFailure.select().count() == 0
    # Named before the database is asked anything: even with the database gone.
    from app.coupons.tender import check

    database.close()
    saved = database.obj
    database.initialize(None)
    try:
        with pytest.raises(ValidationError) as refused:
            check(wrong.lower(), world.member.id, world.merchant_a.id, world.terminal_a.id)
    finally:
        database.initialize(saved)
    assert refused.value.code == "coupon.typo"


# -- one uniform refusal ------------------------------------------------------------------------------
def test_forged_used_expired_unknown_and_others_coupons_read_the_same(world):
    with write_tx():  # six refusals in a row here, all to be counted, none slowed
        Setting.create(key="code_attempts_free", value="20")
    till = till_for(world)
    used = issue(world)
    checkout(scanned(world, COLA, quantity=4), [Tender("coupon", reference=used.code),
                                                 Tender("cash", 900)], ctx(world))
    expired = issue(world, valid_days=-1)
    with write_tx():
        other = Member.create(number="880000000077", phone="13900000077", name="Other")
    others = issue(world, member=other)
    other_merchant = issue(world, merchant=world.merchant_b)
    genuine = issue(world)
    forged = genuine.code[:-11] + "ABCDEFGHJK"  # the tag of another code...
    forged = forged + typable_codes.check_symbol(forged)  # ...with a correct check symbol
    messages = set()
    for code in (used.code, expired.code, others.code, other_merchant.code, forged,
                 "NO-SUCH-COUPON"):
        with pytest.raises(ValidationError) as refused:
            till.check_coupon(code, world.member.id)
        assert refused.value.code == "coupon.not_genuine", code
        messages.add(refused.value.message)
    assert messages == {"this coupon cannot be used"}
    assert Coupon.get_by_id(others.id).redeemed_at is None
    assert AttemptFailure.select().where(
        AttemptFailure.scope == f"terminal:{world.terminal_a.id}").count() == 6


def test_repeated_refusals_slow_the_terminal_down_even_for_a_genuine_coupon(world):
    till = till_for(world)
    genuine = issue(world)
    for n in range(throttle.FREE):
        with pytest.raises(ValidationError):
            till.check_coupon(f"NO-SUCH-{n}", world.member.id)
    with pytest.raises(PermissionDenied) as slowed:
        till.check_coupon(genuine.code, world.member.id)
    assert slowed.value.code == "throttle.slow_down"
    with pytest.raises(PermissionDenied) as slowed:  # the sale itself checks too
        checkout(scanned(world, COLA, quantity=4), [Tender("coupon", reference=genuine.code),
                                                     Tender("cash", 900)], ctx(world))
    assert slowed.value.code == "throttle.slow_down"
    assert Sale.select().count() == 0 and Coupon.get_by_id(genuine.id).redeemed_at is None
    # Another till of the same store is not slowed by this one's refusals.
    with write_tx():
        second = Terminal.create(store=world.store_a, code="MA-T9", role="cashier")
    paid = checkout(scanned(world, COLA, quantity=4), [Tender("coupon", reference=genuine.code),
                                                        Tender("cash", 900)], ctx(world, second))
    assert Coupon.get_by_id(genuine.id).redeemed_sale_id == paid.sale_id


def test_a_refused_coupon_at_checkout_counts_against_the_terminal_and_writes_nothing(world):
    with pytest.raises(ValidationError):
        checkout(scanned(world, COLA), [Tender("coupon", reference="NO-SUCH"),
                                        Tender("cash", 350)], ctx(world))
    assert Sale.select().count() == 0
    assert AttemptFailure.select().where(
        AttemptFailure.scope == f"terminal:{world.terminal_a.id}").count() == 1


def test_a_coupon_needs_the_member_identified(world):
    coupon = issue(world)
    with pytest.raises(ValidationError) as refused:
        checkout(scanned(world, COLA, quantity=4, member=False),
                 [Tender("coupon", reference=coupon.code), Tender("cash", 900)], ctx(world))
    assert refused.value.code == "coupon.needs_member"
    assert Coupon.get_by_id(coupon.id).redeemed_at is None


# -- as a discount ---------------------------------------------------------------------------------
def test_a_discount_coupon_comes_off_its_product_priced_by_the_domain(world):
    water = Product.get(Product.sku == Catalogue(world.store_a).scan(WATER).product.sku)
    coupon = issue(world, face_value=150, kind="discount", product=water.id)
    cart = scanned(world, COLA, WATER)  # ¥3.50 + ¥2.00
    result = checkout(cart, [Tender("coupon", 99_999, reference=coupon.code),
                             Tender("cash", 400)], ctx(world))
    assert result.total == 400  # ¥1.50 off the water only, whatever the till sent
    lines = {ln.barcode: ln for ln in SaleLine.select().where(SaleLine.sale == result.sale_id)}
    assert lines[WATER].discount == 150 and lines[WATER].total == 50
    assert lines[COLA].discount == 0 and lines[COLA].total == 350
    assert lines[WATER].tax == round(50 * lines[WATER].tax_rate_bp
                                     / (10000 + lines[WATER].tax_rate_bp))
    assert not Payment.select().where((Payment.sale == result.sale_id)
                                      & (Payment.tender == "coupon")).exists()
    assert Coupon.get_by_id(coupon.id).redeemed_sale_id == result.sale_id


def test_a_discount_never_takes_a_line_below_zero(world):
    coupon = issue(world, face_value=900, kind="discount")  # any product of the merchant
    result = checkout(scanned(world, COLA, WATER), [Tender("coupon", reference=coupon.code)],
                      ctx(world))
    assert result.total == 0 and result.change == 0
    totals = [ln.total for ln in SaleLine.select().where(SaleLine.sale == result.sale_id)]
    assert sorted(totals) == [0, 0]


def test_a_discount_coupon_without_its_product_in_the_cart_is_refused_and_kept(world):
    water = Product.get(Product.sku == Catalogue(world.store_a).scan(WATER).product.sku)
    coupon = issue(world, face_value=150, kind="discount", product=water.id)
    with pytest.raises(ValidationError) as refused:
        checkout(scanned(world, COLA), [Tender("coupon", reference=coupon.code),
                                        Tender("cash", 350)], ctx(world))
    assert refused.value.code == "coupon.no_product"
    assert Sale.select().count() == 0 and Coupon.get_by_id(coupon.id).redeemed_at is None


def test_the_same_coupon_twice_on_one_sale_is_refused(world):
    coupon = issue(world, face_value=100)
    with pytest.raises(ValidationError) as refused:
        checkout(scanned(world, COLA), [Tender("coupon", reference=coupon.code),
                                        Tender("coupon", reference=grouped(coupon)),
                                        Tender("cash", 150)], ctx(world))
    assert refused.value.code == "coupon.twice"


# -- refunds give the coupon back ------------------------------------------------------------------
def sold_with_coupon(world, valid_days=30, quantity=4):
    coupon = issue(world, valid_days=valid_days)
    result = checkout(scanned(world, COLA, quantity=quantity),  # ¥14.00: ¥5 coupon + ¥9 cash
                      [Tender("coupon", reference=coupon.code), Tender("cash", 900)], ctx(world))
    return coupon, result


def test_a_full_refund_gives_a_valid_coupon_back_instead_of_its_value_in_cash(world):
    coupon, sale = sold_with_coupon(world)
    done = refund(sale.sale_id, None, ctx(world), for_sale(world, sale.sale_id),
                  str(uuid.uuid4()))
    assert done.money_back == 900 and done.amount_to("cash") == 900
    assert done.coupons_restored == (coupon.code,) and done.coupon_value == 500
    back = Coupon.get_by_id(coupon.id)
    assert back.redeemed_at is None and back.redeemed_sale_id is None
    entry = AuditEntry.get(AuditEntry.action == "coupon_restore")
    assert entry.target == coupon.code
    # ...and it pays again.
    again = checkout(scanned(world, COLA, quantity=4),
                     [Tender("coupon", reference=coupon.code), Tender("cash", 900)], ctx(world))
    assert Coupon.get_by_id(coupon.id).redeemed_sale_id == again.sale_id
    assert ledger.verify() == []


def test_a_partial_refund_keeps_the_coupons_share_and_the_last_one_restores_it(world):
    coupon, sale = sold_with_coupon(world)
    line = refundable_lines(sale.sale_id)[0]
    first = refund(sale.sale_id, {line.line_id: 2}, ctx(world), for_sale(world, sale.sale_id),
                   str(uuid.uuid4()))
    assert first.coupons_restored == ()
    assert Coupon.get_by_id(coupon.id).redeemed_at is not None  # still used
    assert first.money_back + first.coupon_value == 700
    assert 0 < first.coupon_value < 700  # the coupon's share is not paid in cash
    last = refund(sale.sale_id, None, ctx(world), for_sale(world, sale.sale_id),
                  str(uuid.uuid4()))
    assert last.coupons_restored == (coupon.code,)
    assert first.money_back + last.money_back == 900  # exactly the cash paid
    assert first.coupon_value + last.coupon_value == 500
    assert Coupon.get_by_id(coupon.id).redeemed_at is None


def test_an_expired_coupon_is_not_given_back_and_its_share_goes_back_in_cash(world):
    coupon, sale = sold_with_coupon(world)
    with write_tx():  # the coupon's validity ends after the sale
        Coupon.update(valid_until=utcnow() - timedelta(minutes=1)).where(
            Coupon.id == coupon.id).execute()
    done = refund(sale.sale_id, None, ctx(world), for_sale(world, sale.sale_id),
                  str(uuid.uuid4()))
    assert done.coupons_restored == () and done.coupon_value == 0
    assert done.money_back == 1400 and done.amount_to("cash") == 1400
    assert Coupon.get_by_id(coupon.id).redeemed_sale_id == sale.sale_id


def test_a_void_gives_a_discount_coupon_back(world):
    coupon = issue(world, face_value=100, kind="discount")
    sale = checkout(scanned(world, COLA), [Tender("coupon", reference=coupon.code),
                                           Tender("cash", 250)], ctx(world))
    assert sale.total == 250
    done = refund(sale.sale_id, None, ctx(world), for_sale(world, sale.sale_id),
                  str(uuid.uuid4()))
    assert done.money_back == 250 and done.coupons_restored == (coupon.code,)
    assert Coupon.get_by_id(coupon.id).redeemed_at is None


# -- settlement ---------------------------------------------------------------------------------------
def test_coupon_points_are_settled_between_the_merchants(world):
    """Points earned at MB buy a coupon of MA's offer at a kiosk: MA is owed them by MB in the
    coalition settlement, like points spent at MA's till; redeeming the coupon moves no points."""
    from app.coupons.ordering import order_offer
    from app.kiosk.terminal import open_kiosk
    from app.settlement import point_positions

    start = utcnow() - timedelta(minutes=1)
    with write_tx():
        Terminal.create(store=world.store_a, code="MA-K1", role="kiosk")
        ledger.award(ledger.member_account(world.member), world.merchant_b, 400,
                     key=f"sale:test-{uuid.uuid4()}:earn", reason="bought tea",
                     source="sale")
        offer = Offer.create(merchant=world.merchant_a, title="立减5元", face_value=500,
                             price_points=300, valid_from=utcnow() - timedelta(days=1),
                             valid_until=utcnow() + timedelta(days=30))
    issued = order_offer(open_kiosk(), world.member.id, offer.id, str(uuid.uuid4()))
    checkout(scanned(world, COLA, quantity=4), [Tender("coupon", reference=issued.grouped),
                                                 Tender("cash", 900)], ctx(world))
    end = utcnow() + timedelta(minutes=1)
    positions = point_positions(start, end)
    assert positions[world.merchant_a.id] == 300  # owed by the issuer of the points it took
    assert positions[world.merchant_b.id] == -300
    assert sum(positions.values()) == 0
    assert ledger.verify() == []
