"""A member's favourite products: how often they bought each, weighted by how recently."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.clock import utcnow
from app.models import Sale, SaleLine

HALF_LIFE_DAYS = 45  # a purchase counts half as much after this many days
LOOKBACK_DAYS = 365


@dataclass(frozen=True)
class Favourite:
    product_id: int
    name: str
    name_en: str
    score: float  # purchases × recency weight, for ordering only


def favourite_products(member_id: int, limit: int = 3, *, merchant_id: int | None = None,
                       now: datetime | None = None) -> list[Favourite]:
    """The member's top products by frequency × recency (each purchase weighs
    0.5 ** (age / half-life)). Refunds and voids do not count."""
    now = now or utcnow()
    query = (SaleLine.select(SaleLine.product, SaleLine.name, SaleLine.name_en, Sale.created_at)
             .join(Sale)
             .where(Sale.member == member_id, Sale.kind == "sale",
                    SaleLine.product.is_null(False),
                    Sale.created_at >= now - timedelta(days=LOOKBACK_DAYS)))
    if merchant_id is not None:
        query = query.where(Sale.merchant == merchant_id)
    scores: dict[int, float] = {}
    names: dict[int, tuple[str, str]] = {}
    for product_id, name, name_en, at in query.tuples():
        age_days = max((now - at).total_seconds() / 86400.0, 0.0)
        scores[product_id] = scores.get(product_id, 0.0) + 0.5 ** (age_days / HALF_LIFE_DAYS)
        names.setdefault(product_id, (name, name_en))
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:max(limit, 0)]
    return [Favourite(pid, names[pid][0], names[pid][1], round(score, 4))
            for pid, score in ranked]
