"""Pure values: money parsing, rounding and allocation; barcodes; cart pricing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.barcodes import (
    Nomenclature,
    expand_upce,
    gtin_check_digit,
    has_valid_check_digit,
    make_variable_measure,
    normalize_gtin,
    parse_barcode,
)
from app.cart import Cart
from app.catalogue import ProductInfo, ScanHit
from app.errors import ValidationError
from app.money import allocate, div_round, format_money, parse_money


def product(price=1000, sold_by="unit", tax=1300, pid=1) -> ProductInfo:
    return ProductInfo(pid, f"S{pid}", "测试", "test", price, sold_by, tax, 0, None, None, "", None)


def test_money_parsing_and_formatting():
    assert parse_money("12.5") == 1250 and parse_money("¥1,234.56") == 123456
    assert format_money(123456) == "¥1,234.56" and format_money(-5) == "-¥0.05"
    for bad in ("1.234", "-1", "abc", "", "nan", "inf"):
        with pytest.raises(ValidationError):
            parse_money(bad)
    with pytest.raises(TypeError):
        format_money(1.5)  # type: ignore[arg-type]


@given(st.integers(-10**12, 10**12), st.integers(1, 10**6))
def test_div_round_is_half_away_from_zero(n, d):
    from fractions import Fraction

    exact = Fraction(n, d)
    r = div_round(n, d)
    assert abs(Fraction(r) - exact) <= Fraction(1, 2)
    if abs(Fraction(r) - exact) == Fraction(1, 2):
        assert abs(r) > abs(exact)


@given(st.integers(0, 10**9), st.lists(st.integers(0, 10**7), min_size=1, max_size=30))
def test_allocate_is_exact_and_proportional(total, weights):
    shares = allocate(total, weights)
    if sum(weights) == 0:
        assert shares == [0] * len(weights)
        return
    assert sum(shares) == total
    for s, w in zip(shares, weights, strict=True):
        assert abs(s - total * w / sum(weights)) < 1 + 1e-9


@given(st.text(max_size=20))
def test_normalize_gtin_never_crashes_and_only_returns_valid_codes(text):
    try:
        code = normalize_gtin(text)
    except ValidationError:
        return
    assert code.isdigit() and has_valid_check_digit(code) and len(code) in (8, 13)


@given(st.from_regex(r"\A[0-9]{12}\Z"))
def test_every_ean13_with_its_check_digit_round_trips(body):
    assert normalize_gtin(body + str(gtin_check_digit(body))) == body + str(gtin_check_digit(body))


def test_upce_expansion_matches_gs1_examples():
    assert expand_upce("01234565") == "012345000065"
    assert expand_upce("04252614") == "042100005264"
    assert normalize_gtin("01234565") == "01234565"  # also a valid EAN-8: look-up tries both


def test_variable_measure_nomenclature_is_configurable():
    label = make_variable_measure("28", "00777", 1500)
    assert parse_barcode(label).price == 1500
    custom = Nomenclature.from_json('[{"prefix": "28", "kind": "weight"}]')
    assert parse_barcode(label, custom).weight_g == 1500
    assert parse_barcode(make_variable_measure("21", "00777", 1500), custom).item_ref is None
    for bad in ('[{"prefix": "30", "kind": "weight"}]', '[{"prefix": "21", "kind": "volume"}]',
                "not json"):
        with pytest.raises(ValidationError):
            Nomenclature.from_json(bad)


def test_weighed_line_rounds_once_and_tax_is_per_rate():
    cart = Cart()
    cart.add(ScanHit(product(1298, "weight", 900), "x", weight_g=1234))
    assert cart.lines[0].gross == 1602  # 1601.732 rounds once
    with pytest.raises(ValidationError, match="scale"):
        cart.add(ScanHit(product(1298, "weight", 900, pid=2), "y"))


def test_cart_discount_is_allocated_exactly_and_tax_follows():
    cart = Cart()
    cart.add(ScanHit(product(1000, tax=1300, pid=1), "a"), quantity=1)
    cart.add(ScanHit(product(2000, tax=900, pid=2), "b"), quantity=1)
    cart.set_line_discount(0, 100)
    cart.set_cart_discount(290)
    t = cart.totals()
    assert t.total == 3000 - 100 - 290
    assert [ln.total for ln in t.lines] == [900 - 90, 2000 - 200]
    assert t.tax == div_round(810 * 1300, 11300) + div_round(1800 * 900, 10900)
    with pytest.raises(ValidationError):
        cart.set_cart_discount(10_000)
    with pytest.raises(ValidationError):
        cart.set_line_discount(0, -1)


def test_same_product_merges_and_cart_survives_serialisation():
    cart = Cart()
    hit = ScanHit(product(350), "6901939621608")
    cart.add(hit)
    cart.add(hit, quantity=2)
    assert len(cart.lines) == 1 and cart.lines[0].quantity == 3
    again = Cart.from_dict(cart.to_dict())
    assert again.totals() == cart.totals() and again.client_uuid == cart.client_uuid
