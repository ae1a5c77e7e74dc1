"""The offers a kiosk shows: live now, for its region, with stock left, from any merchant of
the coalition. A running kiosk polls :func:`offers_fingerprint` (a cheap query) and reloads when
it changes, so a merchant's new offer, price, stock or withdrawal shows within seconds on both
databases without LISTEN/NOTIFY."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import peewee as pw

from app.clock import utcnow
from app.kiosk.terminal import KioskInfo
from app.models import Merchant, Offer


@dataclass(frozen=True)
class LiveOffer:
    id: int
    merchant_name: str
    merchant_name_en: str
    title: str
    title_en: str
    description: str
    price_points: int
    price: int  # minor units
    face_value: int  # minor units
    stock: int | None  # None: unlimited
    valid_until: datetime


def _live(kiosk: KioskInfo, now: datetime) -> pw.ModelSelect:
    return (Offer.select(Offer, Merchant.name, Merchant.name_en).join(Merchant)
            .where((Offer.active == True) & (Merchant.active == True)  # noqa: E712
                   & (Offer.valid_from <= now) & (Offer.valid_until > now)
                   & ((Offer.region == "") | (Offer.region == kiosk.region))
                   & (Offer.stock.is_null() | (Offer.stock > 0)))
            .order_by(Offer.valid_until, Offer.id))


def live_offers(kiosk: KioskInfo, now: datetime | None = None) -> list[LiveOffer]:
    rows = _live(kiosk, now or utcnow())
    return [LiveOffer(o.id, o.merchant.name, o.merchant.name_en, o.title, o.title_en,
                      o.description, o.price_points, o.price, o.face_value, o.stock,
                      o.valid_until) for o in rows]


def offers_fingerprint(kiosk: KioskInfo, now: datetime | None = None) -> str:
    """Changes whenever what :func:`live_offers` returns would change."""
    rows = _live(kiosk, now or utcnow()).select(
        Offer.id, Offer.title, Offer.title_en, Offer.description, Offer.price_points,
        Offer.price, Offer.face_value, Offer.stock, Offer.valid_until).tuples()
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()
