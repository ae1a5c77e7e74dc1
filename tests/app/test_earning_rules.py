"""Earning rules (issue 8, screen 4), on SQLite and PostgreSQL: the stated precedence
(product rule > category rule > base rate; tier × the single best promotion; bonus per unit),
promotions on the store's wall clock, the rounding, bad input, scope, audit, and the preview
that gives the number checkout then awards."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import ledger
from app.backoffice import actor as actors
from app.cart import Cart
from app.catalogue import Catalogue
from app.checkout import Tender, TillContext, checkout
from app.clock import store_now
from app.demo import DEMO_PINS
from app.errors import NotFound, PermissionDenied, ValidationError
from app.loyalty import rules, rules_admin
from app.loyalty.rules import EarnLine
from app.loyalty.rules_admin import PromotionInput
from app.models import AuditEntry, Category, Member, PointsRule, Product, Promotion

COLA, WATER, CHIPS = "A001", "A002", "A005"  # ¥3.50 drinks; ¥2.00 drinks, +5/unit; ¥15.90


@pytest.fixture
def op(world):
    return actors.sign_in("op", DEMO_PINS["operator"])


@pytest.fixture
def m1(world):
    return actors.sign_in("m1", DEMO_PINS["manager"])


def product(world, sku):
    return Product.get((Product.sku == sku) & (Product.merchant == world.merchant_a))


def line(world, sku, units=1):
    p = product(world, sku)
    return EarnLine(p.id, p.category_id, p.price * units, units, p.bonus_points)


def drinks(world):
    return Category.get((Category.merchant == world.merchant_a) & (Category.name_en == "Drinks"))


def earn(world, lines, tier=None, at=datetime(2026, 12, 2, 4, 0), paid=0):
    return rules.earn(world.merchant_a, world.store_a, tier, at, lines, paid)


def always(name="all week", percent=200, **kw):
    return PromotionInput(name, percent, date(2020, 1, 1), date(2099, 12, 31), **kw)


def test_base_rate_when_no_rule_applies(world):
    got = earn(world, [line(world, COLA, 3), line(world, CHIPS)])
    # 1 point per ¥1: 10.50 + 15.90 = 26.40 → 26, rounded down once for the sale
    assert got.total == 26 and [r.source for r in got.rules] == ["base", "base"]


def test_product_rule_beats_category_rule_beats_base_rate(world, op):
    ma = world.merchant_a.id
    rules_admin.save_points_rule(op, ma, category_id=drinks(world).id, rate_points=3,
                                 rate_per_minor=100)
    got = earn(world, [line(world, COLA), line(world, CHIPS)])
    assert [r.source for r in got.rules] == ["category", "base"]
    assert got.total == 26  # 3 × 3.50 = 10.5 + 15.9 = 26.4 → 26
    rules_admin.save_points_rule(op, ma, product_id=product(world, COLA).id, rate_points=5,
                                 rate_per_minor=100, bonus_per_unit=2)
    got = earn(world, [line(world, COLA, 2), line(world, CHIPS)])
    assert [r.source for r in got.rules] == ["product", "base"]
    # cola 5 × 7.00 = 35 + chips 15.9 = 50.9 → 50 rate points; + 2 × 2 bonus
    assert got.rate_points == 50 and got.bonus == 4 and got.total == 54
    # 50 shared 35 : 15.9 by largest remainder (34.4 → 34, 15.6 → 16), bonus on its line
    assert got.per_line == [34 + 4, 16]


def test_a_bonus_only_rule_keeps_the_rate_of_the_next_rule_down(world, op):
    ma = world.merchant_a.id
    rules_admin.save_points_rule(op, ma, category_id=drinks(world).id, rate_points=2,
                                 rate_per_minor=100)
    rules_admin.save_points_rule(op, ma, product_id=product(world, WATER).id, bonus_per_unit=3)
    got = earn(world, [line(world, WATER, 2)])
    # the category's rate (2 per ¥1 on ¥4.00 = 8), the catalogue's 5 + the product rule's 3
    assert got.rules[0].source == "category" and got.total == 8 + 2 * (5 + 3)


def test_tier_multiplies_and_only_the_best_promotion_counts(world, op):
    ma = world.merchant_a.id
    rules_admin.save_promotion(op, ma, always("x1.5", 150))
    rules_admin.save_promotion(op, ma, always("double", 200))
    got = earn(world, [line(world, CHIPS, 10)], tier="gold")  # ¥159.00 → 159
    assert got.promotion == "double" and got.tier_percent == 150
    assert got.total == 159 * 150 * 200 // 10000 == 477  # not 159 × 1.5 × 2 × 1.5
    assert earn(world, [line(world, CHIPS, 10)]).total == 318  # standard: promotion only


def test_money_paid_with_points_earns_nothing_but_bonus_still_counts(world):
    got = earn(world, [line(world, WATER, 2), line(world, CHIPS)], paid=1590)
    # ¥19.90 − ¥15.90 paid with points = ¥4.00 → 4; bonus 2 × 5
    assert got.eligible == 400 and got.total == 4 + 10


TUESDAY_10_14 = dict(weekdays="2", from_minute=10 * 60, to_minute=14 * 60)


@pytest.mark.parametrize("utc, applies", [
    (datetime(2026, 12, 1, 2, 0), True),     # Tue 10:00 in Shanghai
    (datetime(2026, 12, 1, 5, 59), True),    # Tue 13:59
    (datetime(2026, 12, 1, 6, 0), False),    # Tue 14:00: the hours end there
    (datetime(2026, 12, 1, 1, 59), False),   # Tue 09:59
    (datetime(2026, 11, 30, 17, 0), False),  # Monday in UTC, Tue 01:00 in Shanghai: too early
    (datetime(2026, 12, 8, 3, 0), True),     # next Tuesday 11:00
    (datetime(2026, 12, 2, 3, 0), False),    # Wednesday 11:00
])
def test_tuesday_promotion_runs_on_the_stores_clock(world, op, utc, applies):
    rules_admin.save_promotion(op, world.merchant_a.id,
                               always("Tuesday double", 200, **TUESDAY_10_14))
    got = earn(world, [line(world, CHIPS, 10)], at=utc)
    assert got.total == (318 if applies else 159)
    assert got.promotion == ("Tuesday double" if applies else None)


def test_a_tuesday_across_utc_midnight(world, op):
    """Tuesday all day in Shanghai is Monday 16:00 UTC to Tuesday 16:00 UTC."""
    rules_admin.save_promotion(op, world.merchant_a.id, always("Tuesday", 200, weekdays="2"))
    chips = [line(world, CHIPS)]
    assert earn(world, chips, at=datetime(2026, 11, 30, 15, 59)).promotion is None
    assert earn(world, chips, at=datetime(2026, 11, 30, 16, 0)).promotion == "Tuesday"
    assert earn(world, chips, at=datetime(2026, 12, 1, 15, 59)).promotion == "Tuesday"
    assert earn(world, chips, at=datetime(2026, 12, 1, 16, 0)).promotion is None


def test_the_promotion_follows_each_stores_own_time_zone(world, op):
    """The same UTC moment is Tuesday 11:00 in Shanghai and Monday 22:00 in New York."""
    rules_admin.save_promotion(op, world.merchant_a.id,
                               always("Tuesday double", 200, **TUESDAY_10_14))
    moment = datetime(2026, 12, 1, 3, 0)
    assert earn(world, [line(world, CHIPS)], at=moment).promotion == "Tuesday double"
    world.store_a.timezone = "America/New_York"
    world.store_a.save()
    assert earn(world, [line(world, CHIPS)], at=moment).promotion is None
    # Tuesday 10:00 in New York is 15:00 UTC
    assert earn(world, [line(world, CHIPS)],
                at=datetime(2026, 12, 1, 15, 0)).promotion == "Tuesday double"


def test_the_date_range_is_inclusive_in_store_time(world, op):
    rules_admin.save_promotion(op, world.merchant_a.id, PromotionInput(
        "December 1st", 300, date(2026, 12, 1), date(2026, 12, 1)))
    chips = [line(world, CHIPS)]
    assert earn(world, chips, at=datetime(2026, 11, 30, 16, 0)).promotion == "December 1st"
    assert earn(world, chips, at=datetime(2026, 12, 1, 15, 59)).promotion == "December 1st"
    assert earn(world, chips, at=datetime(2026, 12, 1, 16, 0)).promotion is None


def test_an_inactive_promotion_does_not_count(world, op):
    rules_admin.save_promotion(op, world.merchant_a.id, always("off", 200, active=False))
    assert earn(world, [line(world, CHIPS)]).promotion is None


@pytest.mark.parametrize("data, code", [
    (PromotionInput("empty", 200, None, date(2026, 12, 1)), "rules.date_missing"),
    (PromotionInput("inverted", 200, date(2026, 12, 2), date(2026, 12, 1)),
     "rules.date_range_inverted"),
    (PromotionInput("no Tuesday", 200, date(2026, 12, 2), date(2026, 12, 4), weekdays="2"),
     "rules.date_range_empty"),
    (always(weekdays=""), "rules.no_weekdays"),
    (always(weekdays="8"), "rules.no_weekdays"),
    (always(weekdays=None), "rules.no_weekdays"),
    (always(from_minute=-60), "rules.hours_range"),
    (always(to_minute=25 * 60), "rules.hours_range"),
    (always(from_minute=14 * 60, to_minute=10 * 60), "rules.hours_empty"),
    (always(percent=50), "rules.percent_range"),
    (always(percent=-200), "rules.percent_range"),
    (always(name="  "), "rules.promotion_name"),
])
def test_bad_promotions_get_a_code_and_write_nothing(world, op, data, code):
    audits = AuditEntry.select().count()
    with pytest.raises(ValidationError) as info:
        rules_admin.save_promotion(op, world.merchant_a.id, data)
    assert info.value.code == code
    assert Promotion.select().count() == 0 and AuditEntry.select().count() == audits


@pytest.mark.parametrize("kw, code", [
    (dict(rate_points=-1, rate_per_minor=100), "rules.negative"),
    (dict(rate_points=1, rate_per_minor=-100), "rules.negative"),
    (dict(rate_points=1, rate_per_minor=0), "rules.rate_per_zero"),
    (dict(rate_points=1), "rules.rate_incomplete"),
    (dict(bonus_per_unit=-2), "rules.negative"),
    (dict(), "rules.rule_empty"),
    (dict(rate_points=1.5, rate_per_minor=100), "rules.not_whole"),
])
def test_bad_points_rules_get_a_code_and_write_nothing(world, op, kw, code):
    with pytest.raises(ValidationError) as info:
        rules_admin.save_points_rule(op, world.merchant_a.id,
                                     product_id=product(world, COLA).id, **kw)
    assert info.value.code == code and PointsRule.select().count() == 0


def test_bad_base_rate_and_multiplier(world, op):
    ma = world.merchant_a.id
    with pytest.raises(ValidationError) as info:
        rules_admin.set_base_rate(op, ma, -1, 100)
    assert info.value.code == "rules.negative"
    with pytest.raises(ValidationError) as info:
        rules_admin.set_tier_multiplier(op, ma, "gold", 2000)
    assert info.value.code == "rules.percent_range"
    assert world.merchant_a.__class__.get_by_id(ma).earn_points == 1
    assert rules.tier_percent(ma, "gold") == 150


def test_a_manager_changes_only_their_own_merchants_rules(world, m1):
    mb = world.merchant_b.id
    b_product = Product.get(Product.merchant == mb)
    refused = [
        lambda: rules_admin.load(m1, mb),
        lambda: rules_admin.find_products(m1, mb, "龙井"),
        lambda: rules_admin.set_base_rate(m1, mb, 5, 100),
        lambda: rules_admin.set_tier_multiplier(m1, mb, "gold", 200),
        lambda: rules_admin.save_points_rule(m1, mb, product_id=b_product.id, bonus_per_unit=1),
        lambda: rules_admin.save_promotion(m1, mb, always()),
        lambda: rules_admin.preview(m1, mb, world.store_b.id, None, datetime(2026, 12, 1, 10),
                                    basket_total=5800),
    ]
    for call in refused:
        with pytest.raises(PermissionDenied) as info:
            call()
        assert info.value.code == "backoffice.other_merchant"
    assert Promotion.select().count() == PointsRule.select().count() == 0
    # their own merchant: fine; another merchant's product under their own merchant: not found
    rules_admin.set_base_rate(m1, world.merchant_a.id, 2, 100)
    with pytest.raises(NotFound):
        rules_admin.save_points_rule(m1, world.merchant_a.id, product_id=b_product.id,
                                     bonus_per_unit=1)
    assert [c.id for c in rules_admin.merchants(m1)] == [world.merchant_a.id]
    assert [c.extra for c in rules_admin.find_products(m1, world.merchant_a.id, "Coca")] == [
        "A001"]


def test_a_manager_cannot_delete_another_merchants_promotion(world, op, m1):
    promo = rules_admin.save_promotion(op, world.merchant_b.id, always())
    with pytest.raises(PermissionDenied):
        rules_admin.delete_promotion(m1, promo)
    assert Promotion.select().count() == 1


def test_changes_are_audited_with_before_and_after(world, op):
    ma = world.merchant_a.id
    rules_admin.set_base_rate(op, ma, 2, 100)
    pid = rules_admin.save_promotion(op, ma, always("double", 200))
    rules_admin.save_promotion(op, ma, always("triple", 300), promotion_id=pid)
    entries = list(AuditEntry.select().where(AuditEntry.action.startswith("rules."))
                   .order_by(AuditEntry.id))
    assert [e.action for e in entries] == ["rules.base_rate", "rules.promotion",
                                           "rules.promotion"]
    base = json.loads(entries[0].detail)
    assert base["before"]["earn_points"] == 1 and base["after"]["earn_points"] == 2
    changed = json.loads(entries[2].detail)
    assert (changed["before"]["name"], changed["after"]["name"]) == ("double", "triple")
    assert all(e.actor_id == op.staff_id for e in entries)


def test_a_second_rule_for_the_same_product_changes_the_first(world, op):
    cola = product(world, COLA).id
    first = rules_admin.save_points_rule(op, world.merchant_a.id, product_id=cola,
                                         bonus_per_unit=1)
    again = rules_admin.save_points_rule(op, world.merchant_a.id, product_id=cola,
                                         bonus_per_unit=4)
    assert first == again and PointsRule.get_by_id(first).bonus_per_unit == 4


def test_the_preview_gives_the_points_checkout_then_awards(world, op):
    ma = world.merchant_a.id
    rules_admin.save_points_rule(op, ma, category_id=drinks(world).id, rate_points=3,
                                 rate_per_minor=100)
    rules_admin.save_promotion(op, ma, always("double", 200))
    Member.update(tier="gold").where(Member.id == world.member.id).execute()
    items = [(product(world, COLA).id, 3), (product(world, WATER).id, 2),
             (product(world, CHIPS).id, 1)]
    local = store_now("Asia/Shanghai").replace(tzinfo=None)
    shown = rules_admin.preview(op, ma, world.store_a.id, "gold", local, items=items)
    assert shown.basket_total == 1050 + 400 + 1590

    cart, cat = Cart(), Catalogue(world.store_a)
    cart.add(cat.scan("6901939621608"), quantity=3)
    cart.add(cat.scan("6921168509256"), quantity=2)
    cart.add(cat.scan("0012345000065"))
    cart.member_id = world.member.id
    ctx = TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id, None)
    sale = checkout(cart, [Tender("cash", 5000)], ctx)
    # (31.5 + 12 + 15.9 = 59.4 → 59) × 150 % × 200 % = 177; + 2 × 5 bonus
    assert sale.points_earned == shown.points == 187
    assert ledger.balance(world.member) == 187


def test_a_typed_basket_total_earns_the_base_rate(world, op):
    rules_admin.set_tier_multiplier(op, world.merchant_a.id, "silver", 120)
    shown = rules_admin.preview(op, world.merchant_a.id, world.store_a.id, "silver",
                                datetime(2026, 12, 1, 10), basket_total=5800)
    assert shown.points == 58 * 120 // 100 == 69


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(totals=st.lists(st.integers(0, 500_000), min_size=1, max_size=8),
       bonus=st.lists(st.integers(0, 20), min_size=8, max_size=8),
       rate=st.tuples(st.integers(0, 50), st.integers(1, 1000)),
       paid=st.integers(0, 1_000_000))
def test_lines_add_up_to_the_sale_and_one_rounding_rule_holds(sqlite_db, totals, bonus, rate,
                                                              paid):
    from fractions import Fraction

    from app.models import Merchant, Store

    merchant = Merchant(id=10**6, earn_points=rate[0], earn_per_minor=rate[1])
    store = Store(timezone="Asia/Shanghai")
    lines = [EarnLine(None, None, t, 1, b) for t, b in zip(totals, bonus, strict=False)]
    got = rules.earn(merchant, store, None, datetime(2026, 12, 1), lines, paid)
    eligible = max(0, sum(totals) - paid)
    assert got.eligible == eligible
    assert got.rate_points == int(Fraction(eligible * rate[0], rate[1]))  # rounded down once
    assert sum(got.per_line) == got.total == got.rate_points + sum(bonus[:len(totals)])
    assert all(p >= 0 for p in got.per_line)


def test_the_preview_refuses_what_the_store_does_not_sell_and_negative_totals(world, op):
    b_product = Product.get(Product.merchant == world.merchant_b)
    with pytest.raises(NotFound) as info:
        rules_admin.preview(op, world.merchant_a.id, world.store_a.id, None,
                            datetime(2026, 12, 1, 10), items=[(b_product.id, 1)])
    assert info.value.code == "catalogue.not_sold_here"
    with pytest.raises(NotFound):  # a store of another merchant
        rules_admin.preview(op, world.merchant_a.id, world.store_b.id, None,
                            datetime(2026, 12, 1, 10), basket_total=100)
    with pytest.raises(ValidationError) as info:
        rules_admin.preview(op, world.merchant_a.id, world.store_a.id, None,
                            datetime(2026, 12, 1, 10), basket_total=-100)
    assert info.value.code == "rules.basket_negative"


def test_a_weighed_product_in_the_preview_is_one_unit_priced_by_its_grams(world, op):
    apples = product(world, "A003")  # ¥12.98 per kg, fruit
    shown = rules_admin.preview(op, world.merchant_a.id, world.store_a.id, None,
                                datetime(2026, 12, 1, 10), items=[(apples.id, 1234)])
    assert (shown.basket_total, shown.items, shown.points) == (1602, 1, 16)
