"""How many points a sale earns at a merchant — the one function checkout, the till's
customer display and the back office's preview all call.

Precedence (stated here, on the earning-rules page, and tested in
tests/app/test_earning_rules.py):

1. **Money paid with points earns nothing.** The points tender is shared over the lines in
   proportion to their totals; each line earns on what is left.
2. **Rate per line: product rule > category rule > the merchant's base rate.** A product's
   own rule with a rate wins; else its category's rule with a rate; else the merchant's
   ``earn_points`` per ``earn_per_minor``. A rule without a rate only adds a bonus.
3. **Multiplier: the member's tier × the single best promotion in force.** The tier's percent
   (TierMultiplier, 100 when none) times the highest percent among the merchant's active
   promotions in force at the sale's time *on the selling store's wall clock* (date range,
   weekday, hours). Promotions never stack with each other; they do stack with the tier.
4. **Bonus per unit, not multiplied:** the product's catalogue bonus plus the bonus of the
   rule that applies (product rule, else category rule), per unit sold; a weighed line is
   one unit. Bonus points are earned even on money paid with points.

Rounding, once per sale and always down: the exact rate points of all lines are summed
(exact rationals, no floats) and rounded down; the multiplier is applied to that integer and
rounded down; the result is shared over the lines in proportion to their exact rate points
(largest remainder, so the lines add up to the sale's figure); then the bonuses are added.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction

from app import fixed_sql
from app.cart import Cart, CartTotals
from app.clock import store_timezone, to_store_time
from app.models import Merchant, PointsRule, Promotion, Store
from app.money import allocate


@dataclass(frozen=True)
class EarnLine:
    """One line as the rules see it. ``product_id`` None: a typed basket total (preview)."""

    product_id: int | None
    category_id: int | None
    total: int  # minor units, after discounts
    units: int = 1  # units sold; a weighed line counts as one
    catalogue_bonus: int = 0  # the product's own bonus points per unit


@dataclass(frozen=True)
class LineRule:
    """Which rule decided a line: "product", "category" or "base", its rate and bonus."""

    source: str
    rate_points: int
    rate_per_minor: int
    bonus_per_unit: int


@dataclass(frozen=True)
class Earned:
    per_line: list[int]
    rules: list[LineRule]
    rate_points: int  # Σ rate points, rounded down, before the multiplier
    tier_percent: int
    promotion: str | None  # the promotion in force, if any
    promotion_percent: int
    bonus: int  # Σ bonus points
    eligible: int = 0  # minor units that earned (not paid with points)
    local_time: datetime | None = field(default=None)

    @property
    def total(self) -> int:
        return sum(self.per_line)


def tier_percent(merchant_id: int, tier: str | None) -> int:
    if not tier:
        return 100
    row = fixed_sql.execute("SELECT percent FROM tier_multiplier WHERE merchant_id = ? AND "
                            "tier = ?", (merchant_id, tier)).fetchone()
    return tier_percent_of(tier, row[0] if row is not None else None)


def tier_percent_of(tier: str | None, stored: int | None) -> int:
    """The multiplier of ``tier`` from its TierMultiplier percent as read (None: no row), for
    a caller that read it with its own query (checkout reads it with its first one)."""
    return stored if tier and stored is not None else 100


def promotion_applies(promo: Promotion, local: datetime) -> bool:
    """Is ``promo`` in force at ``local`` (the store's naive wall-clock time)?"""
    minute = local.hour * 60 + local.minute
    return (promo.active and promo.starts_at <= local < promo.ends_at
            and str(local.isoweekday()) in promo.weekdays
            and promo.from_minute <= minute < promo.to_minute)


def best_promotion(merchant_id: int, local: datetime) -> Promotion | None:
    """The single best promotion in force at the store-local time ``local`` (naive)."""
    # Fixed statements here and in ``_rules_for``: every sale's commit asks them.
    at = Promotion.starts_at.db_value(local)
    candidates = fixed_sql.execute(
        f"SELECT {fixed_sql.columns(Promotion, 'p')} FROM promotion p WHERE p.merchant_id = ? "
        "AND p.active = ? AND p.starts_at <= ? AND p.ends_at > ?", (merchant_id, True, at, at)).fetchall()
    live = [p for row in candidates
            if promotion_applies(p := fixed_sql.instance(Promotion, row), local)]
    return max(live, key=lambda p: (p.percent, -p.id), default=None)


def _rules_for(merchant: Merchant, lines: list[EarnLine], read: bool = True) -> list[LineRule]:
    """Each line's rule; without ``read`` the merchant is known to have none (base rate)."""
    product_ids = {ln.product_id for ln in lines if ln.product_id is not None}
    category_ids = {ln.category_id for ln in lines if ln.category_id is not None}
    by_product: dict[int, PointsRule] = {}
    by_category: dict[int, PointsRule] = {}
    if read and (product_ids or category_ids):
        products = sorted(product_ids) or [0]
        categories = sorted(category_ids) or [0]
        rows = fixed_sql.execute(
            f"SELECT {fixed_sql.columns(PointsRule, 'r')} FROM points_rule r WHERE "
            f"r.merchant_id = ? AND (r.product_id IN ({', '.join(['?'] * len(products))}) OR "
            f"r.category_id IN ({', '.join(['?'] * len(categories))})) ORDER BY r.id",
            (merchant.id, *products, *categories)).fetchall()
        for rule in (fixed_sql.instance(PointsRule, row) for row in rows):
            # the latest rule of a product or category wins
            if rule.product_id is not None:
                by_product[rule.product_id] = rule
            else:
                by_category[rule.category_id] = rule
    base = (merchant.earn_points, merchant.earn_per_minor)
    decided = []
    for ln in lines:
        product_rule = by_product.get(ln.product_id) if ln.product_id is not None else None
        category_rule = by_category.get(ln.category_id) if ln.category_id is not None else None
        bonus_rule = product_rule or category_rule
        bonus = bonus_rule.bonus_per_unit if bonus_rule else 0
        for source, rule in (("product", product_rule), ("category", category_rule)):
            if rule is not None and rule.rate_points is not None:
                decided.append(LineRule(source, rule.rate_points, rule.rate_per_minor, bonus))
                break
        else:  # no rule with a rate: the base rate (plus any rule's bonus)
            decided.append(LineRule("base", *base, bonus))
    return decided


def earn(merchant: Merchant, store: Store, tier: str | None, at: datetime,
         lines: list[EarnLine], paid_with_points: int = 0,
         tier_pct: int | None = None, known: EarnKnown | None = None) -> Earned:
    """Points each line earns for a sale at ``store`` at ``at`` (naive UTC), by the
    precedence and rounding in this module's docstring. ``tier_pct`` and ``known``: what the
    caller has read already (checkout, with its first query), so it is not read again."""
    local = to_store_time(at, store_timezone(store)).replace(tzinfo=None)
    totals = [max(0, ln.total) for ln in lines]
    paid = allocate(min(max(0, paid_with_points), sum(totals)), totals)
    eligible = [t - p for t, p in zip(totals, paid, strict=True)]
    rules = _rules_for(merchant, lines, read=known is None or known.has_rules)
    exact = [Fraction(e * r.rate_points, r.rate_per_minor) for e, r in zip(eligible, rules,
                                                                          strict=True)]
    rate_points = math.floor(sum(exact, Fraction(0)))
    if tier_pct is None:
        tier_pct = tier_percent(merchant.id, tier)
    promo = (best_promotion(merchant.id, local)
             if known is None or known.has_promotions else None)
    promo_pct = promo.percent if promo is not None else 100
    multiplied = rate_points * tier_pct * promo_pct // 10000
    common = math.lcm(*(r.rate_per_minor for r in rules)) if rules else 1
    weights = [int(x * common) for x in exact]  # exact: x * common is a whole number
    shares = allocate(multiplied, weights)
    bonuses = [ln.units * (ln.catalogue_bonus + r.bonus_per_unit)
               for ln, r in zip(lines, rules, strict=True)]
    return Earned([s + b for s, b in zip(shares, bonuses, strict=True)], rules, rate_points,
                  tier_pct, promo.name if promo is not None else None, promo_pct,
                  sum(bonuses), sum(eligible), local)


def cart_lines(priced: Cart, totals: CartTotals) -> list[EarnLine]:
    """A priced cart's lines as the rules see them."""
    return [EarnLine(ln.product.id, ln.product.category_id, lt.total,
                     1 if ln.product.weighed else ln.quantity, ln.product.bonus_points)
            for ln, lt in zip(priced.lines, totals.lines, strict=True)]


def earn_for_cart(merchant: Merchant, store: Store, tier: str | None, at: datetime,
                  priced: Cart, paid_with_points: int = 0,
                  tier_pct: int | None = None, known: EarnKnown | None = None) -> Earned:
    """What checkout awards for a cart priced from the catalogue (app.pricing)."""
    return earn(merchant, store, tier, at, cart_lines(priced, priced.totals()),
                paid_with_points, tier_pct, known)


@dataclass(frozen=True)
class EarnKnown:
    """Whether the merchant has any points rule / active promotion at all, as the caller
    read it (checkout: with its first query): none means neither is looked up per line.
    :data:`EARN_KNOWN_SQL` reads both, given the merchant's id (``m.id``)."""

    has_rules: bool
    has_promotions: bool


EARN_KNOWN_SQL = ("EXISTS (SELECT 1 FROM points_rule r WHERE r.merchant_id = m.id), "
                  "EXISTS (SELECT 1 FROM promotion p WHERE p.merchant_id = m.id "
                  "AND p.active = TRUE)")
