"""Sales through the services, on SQLite and PostgreSQL: totals, tax, change, points, replay."""

from __future__ import annotations

import pytest

from app import ledger
from app.cart import Cart
from app.catalogue import Catalogue
from app.checkout import Tender, TillContext, checkout
from app.errors import InsufficientPoints, NotFound, ValidationError
from app.models import Payment, Sale, SaleLine, Transfer


def till(world, shift_id=None) -> TillContext:
    return TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id, shift_id)


def test_cash_sale_totals_tax_change_and_points(world):
    cat = Catalogue(world.store_a)
    cart = Cart()
    cart.add(cat.scan("6901939621608"), quantity=3)  # 3 × ¥3.50 at 13 %
    cart.add(cat.scan("2000101012344"))  # apples, 1.234 kg × ¥12.98/kg at 9 %
    cart.member_id = world.member.id
    totals = cart.totals()
    apples = 1602  # 1234 g × 1298 / 1000 = 1601.732 → 1602, rounded once
    assert totals.total == 1050 + apples
    # tax included: 1050 × 13/113 = 120.80 → 121; 1602 × 9/109 = 132.27 → 132
    assert totals.tax == 121 + 132

    result = checkout(cart, [Tender("cash", 5000)], till(world))
    assert result.total == 2652 and result.change == 5000 - 2652
    assert result.points_earned == 26  # 1 point per ¥1 at merchant A, rounded down
    assert ledger.balance(world.member) == 26
    sale = Sale.get_by_id(result.sale_id)
    assert [ln.quantity for ln in sale.lines.order_by(SaleLine.line_no)] == [3, 1234]
    pay = Payment.get(Payment.sale == sale)
    assert (pay.tender, pay.amount, pay.tendered) == ("cash", 2652, 5000)
    assert ledger.verify() == []


def test_replaying_the_same_cart_commits_one_sale(world):
    cart = Cart()
    cart.add(Catalogue(world.store_a).scan("6901939621608"))
    cart.member_id = world.member.id
    first = checkout(cart, [Tender("cash", 1000)], till(world))
    again = checkout(cart, [Tender("cash", 1000)], till(world))
    assert again.sale_id == first.sale_id and again.replayed
    assert Sale.select().count() == 1
    assert Transfer.select().where(Transfer.source == "sale").count() == 1
    assert ledger.balance(world.member) == first.points_earned


def test_split_tender_card_points_cash(world):
    with_points = Cart()
    cat = Catalogue(world.store_a)
    with_points.add(cat.scan("6901939621608"), quantity=10)  # ¥35.00
    with_points.member_id = world.member.id
    first = checkout(with_points, [Tender("cash", 3500)], till(world))
    assert ledger.balance(world.member) == 35 == first.points_earned

    cart = Cart()
    cart.add(cat.scan("6921168509256"), quantity=5)  # 5 × ¥2.00, +5 bonus points each
    cart.member_id = world.member.id
    result = checkout(
        cart,
        [Tender("points", points=30), Tender("card", 500, reference="A1234"), Tender("cash", 1000)],
        till(world),
    )
    # ¥10.00 − 30 points (¥0.30) − ¥5.00 card = ¥4.70 cash, change ¥5.30
    assert result.change == 530 and result.points_spent == 30
    # points are earned on money only: (1000 − 30) // 100 = 9, plus 5 × 5 bonus
    assert result.points_earned == 9 + 25
    assert ledger.balance(world.member) == 35 - 30 + 34
    assert ledger.verify() == []


def test_paying_more_points_than_held_is_refused_and_nothing_is_saved(world):
    cart = Cart()
    cart.add(Catalogue(world.store_a).scan("6901939621608"))
    cart.member_id = world.member.id
    with pytest.raises(InsufficientPoints):
        checkout(cart, [Tender("points", points=100), Tender("cash", 250)], till(world))
    assert Sale.select().count() == 0 and Transfer.select().count() == 0


def test_tenders_must_cover_the_total(world):
    cart = Cart()
    cart.add(Catalogue(world.store_a).scan("6901939621608"))
    with pytest.raises(ValidationError, match="still to pay"):
        checkout(cart, [Tender("cash", 100)], till(world))
    with pytest.raises(ValidationError, match="approval code"):
        checkout(cart, [Tender("card", 350)], till(world))
    with pytest.raises(ValidationError, match="identify the member"):
        checkout(cart, [Tender("points", points=350)], till(world))
    with pytest.raises(ValidationError, match="empty"):
        checkout(Cart(), [Tender("cash", 100)], till(world))


@pytest.mark.parametrize(
    "code, error",
    [("6901939621609", ValidationError), ("69019396", ValidationError), ("abc", NotFound),
     ("", ValidationError), ("4006381333931", NotFound), ("2999999012348", NotFound)],
)
def test_bad_barcodes_get_clear_errors(world, code, error):
    with pytest.raises(error) as info:
        Catalogue(world.store_a).scan(code)
    assert str(info.value)


def test_upc_codes_find_their_gtin13(world):
    cat = Catalogue(world.store_a)
    assert cat.scan("012345000065").product.sku == "A005"  # UPC-A
    assert cat.scan("01234565").product.sku == "A005"  # UPC-E


def test_variable_price_label_fixes_the_line_total(world):
    from app.barcodes import make_variable_measure

    cart = Cart()
    cart.add(Catalogue(world.store_a).scan(make_variable_measure("23", "00102", 1234)))
    assert cart.totals().total == 1234


def test_search_by_name_english_and_pinyin(world):
    cat = Catalogue(world.store_a)
    assert [p.sku for p in cat.search("kkkl")] == ["A001"]
    assert [p.sku for p in cat.search("可乐")] == ["A001"]
    assert [p.sku for p in cat.search("apples")] == ["A003"]
    assert cat.search("龙井") == []  # another merchant's product


def test_negative_or_float_quantities_are_refused(world):
    cart = Cart()
    hit = Catalogue(world.store_a).scan("6901939621608")
    for bad in (0, -1, 1.5):
        with pytest.raises(ValidationError):
            cart.add(hit, quantity=bad)
    assert cart.lines == []
