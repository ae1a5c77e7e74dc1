"""The back office's earning-rules services: a merchant's base rate, tier multipliers,
product and category rules, promotions — and the live preview, which prices a basket from
the catalogue and asks app.loyalty.rules.earn, the function checkout awards by.

Every call takes the signed-in :class:`Actor` first: a manager reads and changes only their
own merchant's rules (PermissionDenied otherwise), and every change is audited with the row
before and after. Bad input raises a coded ValidationError and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import peewee as pw

from app.backoffice.actor import Actor, audit_change, row_dict
from app.cart import Cart
from app.catalogue import Catalogue
from app.clock import store_timezone
from app.db import lock_row, write_tx
from app.errors import NotFound, ValidationError
from app.loyalty import rules
from app.loyalty.rules import Earned, EarnLine
from app.models import (
    Category,
    Merchant,
    PointsRule,
    Product,
    Promotion,
    Store,
    Tier,
    TierMultiplier,
)
from app.pricing import price_cart

MAX_PERCENT = 1000  # a multiplier or promotion above 10× is a typo, not a rule
MAX_RATE = 10_000
WEEKDAYS = "1234567"  # ISO: 1 = Monday … 7 = Sunday


@dataclass(frozen=True)
class RuleRow:
    id: int
    kind: str  # product | category
    target_id: int
    target: str
    target_en: str
    rate_points: int | None
    rate_per_minor: int | None
    bonus_per_unit: int


@dataclass(frozen=True)
class PromotionRow:
    id: int
    name: str
    percent: int
    starts_on: date
    ends_on: date  # inclusive
    weekdays: str
    from_minute: int
    to_minute: int
    active: bool


@dataclass(frozen=True)
class Choice:
    id: int
    name: str
    name_en: str
    extra: str = ""  # a product's SKU, a store's time zone


@dataclass(frozen=True)
class RulesView:
    merchant_id: int
    merchant: str
    merchant_en: str
    earn_points: int
    earn_per_minor: int
    multipliers: dict[str, int]
    tiers: list[str]  # tier codes that can carry a multiplier
    tier_names: dict[str, tuple[str, str]]  # code → (name, English name) of defined tiers
    rules: list[RuleRow]
    promotions: list[PromotionRow]
    stores: list[Choice]
    categories: list[Choice]
    products: list[Choice]  # the first by SKU (sku in extra); the rest by find_products


@dataclass(frozen=True)
class PromotionInput:
    name: str
    percent: int
    starts_on: date | None
    ends_on: date | None  # inclusive; the promotion runs to the end of this day
    weekdays: str = WEEKDAYS
    from_minute: int = 0
    to_minute: int = 1440
    active: bool = True


@dataclass(frozen=True)
class Preview:
    points: int
    basket_total: int  # minor units
    items: int  # units in the basket (a weighed line is one); 0 for a typed total
    earned: Earned
    store_timezone: str


def merchants(actor: Actor) -> list[Choice]:
    """The merchants whose rules ``actor`` may see."""
    query = actor.merchants(Merchant.select().order_by(Merchant.code), Merchant.id)
    return [Choice(m.id, m.name, m.name_en, m.code) for m in query]


def _merchant(actor: Actor, merchant_id: int) -> Merchant:
    actor.check_merchant(merchant_id)
    merchant = Merchant.get_or_none(Merchant.id == merchant_id)
    if merchant is None:
        raise NotFound("rules.no_merchant", "no merchant {id}", id=merchant_id)
    return merchant


def tier_codes() -> list[str]:
    defined = [t.code for t in Tier.select().order_by(Tier.threshold, Tier.code)]
    return defined or ["standard", "silver", "gold"]


def load(actor: Actor, merchant_id: int, product_limit: int = 500) -> RulesView:
    """Everything the earning-rules page shows for one merchant."""
    m = _merchant(actor, merchant_id)
    multipliers = {t.tier: t.percent for t in
                   TierMultiplier.select().where(TierMultiplier.merchant == m.id)}
    tiers = tier_codes()
    tiers += [t for t in sorted(multipliers) if t not in tiers]
    rows = []
    query = (PointsRule.select(PointsRule, Product, Category)
             .join(Product, on=(PointsRule.product == Product.id), join_type=pw.JOIN.LEFT_OUTER)
             .switch(PointsRule)
             .join(Category, on=(PointsRule.category == Category.id), join_type=pw.JOIN.LEFT_OUTER)
             .where(PointsRule.merchant == m.id).order_by(PointsRule.id))
    for r in query:
        if r.product_id is not None:
            kind, target_id, name, name_en = ("product", r.product_id, r.product.name,
                                              r.product.name_en)
        else:
            kind, target_id, name, name_en = ("category", r.category_id, r.category.name,
                                              r.category.name_en)
        rows.append(RuleRow(r.id, kind, target_id, name, name_en, r.rate_points,
                            r.rate_per_minor, r.bonus_per_unit))
    promos = [_promotion_row(p) for p in
              Promotion.select().where(Promotion.merchant == m.id).order_by(Promotion.starts_at,
                                                                            Promotion.id)]
    stores = [Choice(s.id, s.name, s.name_en, store_timezone(s))
              for s in Store.select().where(Store.merchant == m.id).order_by(Store.code)]
    categories = [Choice(c.id, c.name, c.name_en) for c in
                  Category.select().where(Category.merchant == m.id).order_by(Category.sort,
                                                                               Category.id)]
    products = [Choice(p.id, p.name, p.name_en, p.sku) for p in
                Product.select().where((Product.merchant == m.id)
                                       & (Product.active == True))  # noqa: E712
                .order_by(Product.sku).limit(product_limit)]
    names = {t.code: (t.name, t.name_en) for t in Tier.select()}
    return RulesView(m.id, m.name, m.name_en, m.earn_points, m.earn_per_minor, multipliers,
                     tiers, names, rows, promos, stores, categories, products)


def find_products(actor: Actor, merchant_id: int, text: str, limit: int = 40) -> list[Choice]:
    """A merchant's products matching ``text`` as the till's search finds them (name, English
    name, pinyin initials, SKU, barcode): for catalogues too big to list whole."""
    _merchant(actor, merchant_id)
    store = Store.select().where(Store.merchant == merchant_id).first()
    if store is None:
        return []
    return [Choice(p.id, p.name, p.name_en, p.sku)
            for p in Catalogue(store).search(text, limit)]


def _promotion_row(p: Promotion) -> PromotionRow:
    return PromotionRow(p.id, p.name, p.percent, p.starts_at.date(),
                        (p.ends_at - timedelta(days=1)).date(), p.weekdays, p.from_minute,
                        p.to_minute, p.active)


# -- checks ------------------------------------------------------------------------------------
def _whole(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("rules.not_whole", "{what} must be a whole number", what=what)
    return value


def _rate(points: object, per_minor: object) -> tuple[int, int]:
    points = _whole(points, "points")
    per_minor = _whole(per_minor, "amount")
    if points < 0 or per_minor < 0:
        raise ValidationError("rules.negative", "rates and bonuses cannot be negative")
    if per_minor == 0:
        raise ValidationError("rules.rate_per_zero", "points are earned per an amount above 0")
    if points > MAX_RATE:
        raise ValidationError("rules.rate_too_high", "at most {max} points per amount",
                              max=MAX_RATE)
    return points, per_minor


def _percent(value: object, low: int) -> int:
    value = _whole(value, "percent")
    if not low <= value <= MAX_PERCENT:
        raise ValidationError("rules.percent_range", "a percentage must be {low}–{high} %",
                              low=low, high=MAX_PERCENT)
    return value


def check_promotion(data: PromotionInput) -> PromotionInput:
    """``data`` if it is a promotion that can be in force, else a coded ValidationError."""
    if not data.name.strip():
        raise ValidationError("rules.promotion_name", "a promotion needs a name")
    _percent(data.percent, 100)
    if data.starts_on is None or data.ends_on is None:
        raise ValidationError("rules.date_missing", "a promotion needs a first and a last day")
    if data.ends_on < data.starts_on:
        raise ValidationError("rules.date_range_inverted",
                              "the last day ({end}) is before the first ({start})",
                              start=data.starts_on.isoformat(), end=data.ends_on.isoformat())
    chosen = data.weekdays if isinstance(data.weekdays, str) else ""
    days = "".join(d for d in WEEKDAYS if d in chosen)
    if not days or set(chosen) - set(WEEKDAYS):
        raise ValidationError("rules.no_weekdays", "pick at least one weekday")
    low, high = _whole(data.from_minute, "hour"), _whole(data.to_minute, "hour")
    if not (0 <= low <= 1440 and 0 <= high <= 1440):
        raise ValidationError("rules.hours_range", "hours must lie within 00:00–24:00")
    if low >= high:
        raise ValidationError("rules.hours_empty",
                              "the promotion's hours end before they start")
    # A date range with no chosen weekday in it would never be in force.
    span = (data.ends_on - data.starts_on).days + 1
    if not any(str((data.starts_on + timedelta(days=i)).isoweekday()) in days
               for i in range(min(span, 7))):
        raise ValidationError("rules.date_range_empty",
                              "no chosen weekday falls between {start} and {end}",
                              start=data.starts_on.isoformat(), end=data.ends_on.isoformat())
    return PromotionInput(data.name.strip(), data.percent, data.starts_on, data.ends_on, days,
                          low, high, bool(data.active))


# -- changes -----------------------------------------------------------------------------------
def set_base_rate(actor: Actor, merchant_id: int, earn_points: int,
                  earn_per_minor: int) -> None:
    """The merchant's base rate: ``earn_points`` for every ``earn_per_minor`` minor units."""
    _merchant(actor, merchant_id)
    points, per_minor = _rate(earn_points, earn_per_minor)
    with write_tx():
        m = lock_row(Merchant, merchant_id)
        before = row_dict(m, ("earn_points", "earn_per_minor"))
        Merchant.update(earn_points=points, earn_per_minor=per_minor).where(
            Merchant.id == merchant_id).execute()
        audit_change(actor, "rules.base_rate", f"merchant:{merchant_id}", before,
                     {"earn_points": points, "earn_per_minor": per_minor})


def set_tier_multiplier(actor: Actor, merchant_id: int, tier: str, percent: int | None) -> None:
    """The percent a ``tier`` member's points are multiplied by here; None removes it (100 %)."""
    _merchant(actor, merchant_id)
    tier = (tier or "").strip()
    if not tier:
        raise ValidationError("rules.tier_missing", "choose a tier")
    if percent is not None:
        percent = _percent(percent, 0)
    with write_tx():
        row = TierMultiplier.get_or_none((TierMultiplier.merchant == merchant_id)
                                         & (TierMultiplier.tier == tier))
        row = lock_row(TierMultiplier, row.id) if row is not None else None
        before = row_dict(row, ("tier", "percent")) if row is not None else None
        if percent is None:
            if row is not None:
                row.delete_instance()
        elif row is None:
            TierMultiplier.create(merchant=merchant_id, tier=tier, percent=percent)
        else:
            TierMultiplier.update(percent=percent).where(TierMultiplier.id == row.id).execute()
        after = None if percent is None else {"tier": tier, "percent": percent}
        audit_change(actor, "rules.tier_multiplier", f"merchant:{merchant_id}:tier:{tier}",
                     before, after)


def save_points_rule(actor: Actor, merchant_id: int, *, rule_id: int | None = None,
                     product_id: int | None = None, category_id: int | None = None,
                     rate_points: int | None = None, rate_per_minor: int | None = None,
                     bonus_per_unit: int = 0) -> int:
    """Create (``rule_id`` None) or change a product or category rule; returns its id. A
    product or category has at most one rule: creating a second changes the first."""
    _merchant(actor, merchant_id)
    if (product_id is None) == (category_id is None):
        raise ValidationError("rules.target", "a rule is for one product or one category")
    if (rate_points is None) != (rate_per_minor is None):
        raise ValidationError("rules.rate_incomplete", "a rate needs points and an amount")
    if rate_points is not None:
        rate_points, rate_per_minor = _rate(rate_points, rate_per_minor)
    bonus = _whole(bonus_per_unit, "bonus")
    if bonus < 0:
        raise ValidationError("rules.negative", "rates and bonuses cannot be negative")
    if rate_points is None and bonus == 0:
        raise ValidationError("rules.rule_empty", "a rule needs a rate or a bonus")
    if product_id is not None:
        target = Product.get_or_none((Product.id == product_id)
                                     & (Product.merchant == merchant_id))
    else:
        target = Category.get_or_none((Category.id == category_id)
                                      & (Category.merchant == merchant_id))
    if target is None:
        raise NotFound("rules.target_unknown", "that product or category is not this merchant's")
    values = {"product": product_id, "category": category_id, "rate_points": rate_points,
              "rate_per_minor": rate_per_minor, "bonus_per_unit": bonus}
    fields = ("product", "category", "rate_points", "rate_per_minor", "bonus_per_unit")
    with write_tx():
        if rule_id is None:
            same = PointsRule.get_or_none(
                (PointsRule.merchant == merchant_id)
                & ((PointsRule.product == product_id) if product_id is not None
                   else (PointsRule.category == category_id)))
            rule_id = same.id if same is not None else None
        if rule_id is None:
            row = PointsRule.create(merchant=merchant_id, **values)
            audit_change(actor, "rules.points_rule", f"points_rule:{row.id}", None,
                         row_dict(row, fields))
            return row.id
        row = lock_row(PointsRule, rule_id)
        if row is None or row.merchant_id != merchant_id:
            raise NotFound("rules.rule_unknown", "no such rule for this merchant")
        before = row_dict(row, fields)
        PointsRule.update(**values).where(PointsRule.id == rule_id).execute()
        audit_change(actor, "rules.points_rule", f"points_rule:{rule_id}", before, values)
        return rule_id


def delete_points_rule(actor: Actor, rule_id: int) -> None:
    with write_tx():
        row = lock_row(PointsRule, rule_id)
        if row is None:
            raise NotFound("rules.rule_unknown", "no such rule for this merchant")
        actor.check_merchant(row.merchant_id)
        before = row_dict(row, ("merchant", "product", "category", "rate_points",
                                "rate_per_minor", "bonus_per_unit"))
        row.delete_instance()
        audit_change(actor, "rules.points_rule_deleted", f"points_rule:{rule_id}", before, None)


PROMOTION_FIELDS = ("name", "percent", "starts_at", "ends_at", "weekdays", "from_minute",
                    "to_minute", "active")


def save_promotion(actor: Actor, merchant_id: int, data: PromotionInput,
                   promotion_id: int | None = None) -> int:
    """Create or change a promotion; its dates and hours are the selling store's wall clock."""
    _merchant(actor, merchant_id)
    data = check_promotion(data)
    values = {"name": data.name, "percent": data.percent,
              "starts_at": datetime.combine(data.starts_on, time()),
              "ends_at": datetime.combine(data.ends_on + timedelta(days=1), time()),
              "weekdays": data.weekdays, "from_minute": data.from_minute,
              "to_minute": data.to_minute, "active": data.active}
    with write_tx():
        if promotion_id is None:
            row = Promotion.create(merchant=merchant_id, **values)
            audit_change(actor, "rules.promotion", f"promotion:{row.id}", None,
                         row_dict(row, PROMOTION_FIELDS))
            return row.id
        row = lock_row(Promotion, promotion_id)
        if row is None or row.merchant_id != merchant_id:
            raise NotFound("rules.promotion_unknown", "no such promotion for this merchant")
        before = row_dict(row, PROMOTION_FIELDS)
        Promotion.update(**values).where(Promotion.id == promotion_id).execute()
        audit_change(actor, "rules.promotion", f"promotion:{promotion_id}", before, values)
        return promotion_id


def delete_promotion(actor: Actor, promotion_id: int) -> None:
    with write_tx():
        row = lock_row(Promotion, promotion_id)
        if row is None:
            raise NotFound("rules.promotion_unknown", "no such promotion for this merchant")
        actor.check_merchant(row.merchant_id)
        before = row_dict(row, PROMOTION_FIELDS)
        row.delete_instance()
        audit_change(actor, "rules.promotion_deleted", f"promotion:{promotion_id}", before,
                     None)


# -- preview -----------------------------------------------------------------------------------
def preview(actor: Actor, merchant_id: int, store_id: int, tier: str | None, local_at: datetime,
            items: list[tuple[int, int]] = (), basket_total: int | None = None) -> Preview:
    """What a member of ``tier`` earns for a basket at ``store_id`` at the store-local time
    ``local_at``: either ``items`` ((product id, quantity — grams when weighed)) priced from
    the catalogue as checkout prices them, or a typed ``basket_total`` in minor units at the
    base rate. Same function as checkout: app.loyalty.rules.earn."""
    merchant = _merchant(actor, merchant_id)
    store = Store.get_or_none((Store.id == store_id) & (Store.merchant == merchant_id))
    if store is None:
        raise NotFound("rules.store_unknown", "that store is not this merchant's")
    zone = store_timezone(store)
    at = local_at.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC).replace(tzinfo=None)
    if items:
        catalogue = Catalogue(store)  # this merchant's active products, as the till sells them
        hits = catalogue.resolve([(_whole(product_id, "product"), "") for product_id, _ in items])
        cart = Cart()
        for hit, (_, quantity) in zip(hits, items, strict=True):
            if hit.product.weighed:
                cart.add(hit, weight_g=_whole(quantity, "quantity"))
            else:
                cart.add(hit, quantity=_whole(quantity, "quantity"))
        priced = price_cart(cart, catalogue)
        earned = rules.earn_for_cart(merchant, store, tier, at, priced)
        units = sum(1 if ln.product.weighed else ln.quantity for ln in priced.lines)
        return Preview(earned.total, priced.totals().total, units, earned, zone)
    total = _whole(basket_total if basket_total is not None else 0, "amount")
    if total < 0:
        raise ValidationError("rules.basket_negative", "a basket total cannot be negative")
    earned = rules.earn(merchant, store, tier, at, [EarnLine(None, None, total)])
    return Preview(earned.total, total, 0, earned, zone)
