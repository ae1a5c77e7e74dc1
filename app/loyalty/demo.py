"""The demo coalition's loyalty rules: three tiers, a category and a product rule, and the
"double points on Tuesdays 10:00–14:00" promotion, so the back office has something to show."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.clock import utcnow
from app.db import write_tx
from app.models import Category, PointsRule, Product, Promotion, Tier


def seed_loyalty_demo(merchant_a: object) -> None:
    with write_tx():
        for code, name, name_en, threshold in (("standard", "普通会员", "Standard", 0),
                                               ("silver", "银卡会员", "Silver", 2000),
                                               ("gold", "金卡会员", "Gold", 10000)):
            Tier.insert(code=code, name=name, name_en=name_en,
                        threshold=threshold).on_conflict_ignore().execute()
        drinks = Category.get_or_none((Category.merchant == merchant_a)
                                      & (Category.name_en == "Drinks"))
        if drinks is not None:
            PointsRule.create(merchant=merchant_a, category=drinks, bonus_per_unit=1)
        chips = Product.get_or_none((Product.merchant == merchant_a) & (Product.sku == "A005"))
        if chips is not None:
            PointsRule.create(merchant=merchant_a, product=chips, rate_points=2,
                              rate_per_minor=100)
        today = utcnow().date()
        start = datetime(today.year, today.month, 1) - timedelta(days=31)
        Promotion.create(merchant=merchant_a, name="周二双倍积分 Tuesday double points",
                         percent=200, starts_at=start, ends_at=start + timedelta(days=180),
                         weekdays="2", from_minute=600, to_minute=840)
