"""The greeter's welcome card for a recognised member."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app import members as member_service
from app.errors import NotFound
from app.models import Member, Store, Visit
from app.reception.favourites import Favourite, favourite_products


@dataclass(frozen=True)
class WelcomeCard:
    member_id: int
    name: str
    tier: str
    points: int
    favourites: tuple[Favourite, ...]
    coupons: tuple[tuple[str, str], ...]  # (title, English title) of usable coupons
    last_visit: datetime | None  # the visit before this one, any store


def welcome_card(member_id: int, store_id: int, visit_id: int | None = None) -> WelcomeCard:
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise NotFound("member.not_found", "no member {member}", member=member_id)
    store = Store.get_or_none(Store.id == store_id)
    summary = member_service.summary(member)
    previous = Visit.select(Visit.at).where(Visit.member == member_id)
    if visit_id is not None:
        previous = previous.where(Visit.id != visit_id)
    last = previous.order_by(Visit.at.desc()).scalar()
    favourites = favourite_products(member_id, 3,
                                    merchant_id=store.merchant_id if store else None)
    return WelcomeCard(member_id=member.id, name=member.name or member.number,
                       tier=member.tier, points=summary.points,
                       favourites=tuple(favourites),
                       coupons=tuple((title, title_en) for _, title, title_en in summary.coupons),
                       last_visit=last)
