"""How many points a sale earns at a merchant: its rate, the member's tier, promotions and
product-specific bonus points."""

from __future__ import annotations

from datetime import datetime

from app.models import Merchant, Promotion, Setting, TierMultiplier
from app.money import allocate


def point_value_minor() -> int:
    """What one point is worth when paying, in minor units (coalition-wide setting)."""
    row = Setting.get_or_none(Setting.key == "point_value_minor")
    return int(row.value) if row else 1


def multiplier_percent(merchant: Merchant, tier: str | None, at: datetime) -> int:
    percent = 100
    if tier:
        row = TierMultiplier.get_or_none(
            (TierMultiplier.merchant == merchant) & (TierMultiplier.tier == tier)
        )
        if row is not None:
            percent = row.percent
    promo = (
        Promotion.select()
        .where((Promotion.merchant == merchant) & (Promotion.starts_at <= at)
               & (Promotion.ends_at > at))
        .order_by(Promotion.percent.desc())
        .first()
    )
    if promo is not None:
        percent = percent * promo.percent // 100
    return percent


def earn_per_line(
    merchant: Merchant,
    tier: str | None,
    at: datetime,
    line_totals: list[int],
    line_bonus: list[int],
    paid_with_points: int,
) -> list[int]:
    """Points each line earns. Money paid with points earns nothing; bonus points do not
    depend on the price. Rounded down once for the whole sale, then shared by line total."""
    eligible = max(0, sum(line_totals) - paid_with_points)
    base = eligible * merchant.earn_points // merchant.earn_per_minor
    base = base * multiplier_percent(merchant, tier, at) // 100
    shares = allocate(base, line_totals)
    return [s + b for s, b in zip(shares, line_bonus, strict=True)]
