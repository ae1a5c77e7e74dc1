"""The offer sent to a member when they arrive: built from the visit and purchase history.

Queued through the outbox inside the visit's transaction, once per visit (the outbox key is
the visit id, and a visit exists once per de-duplication window), and only to members with
a marketing consent in force.
"""

from __future__ import annotations

from app.clock import utcnow
from app.messaging import notices
from app.models import Consent, Coupon, Member, Offer, Store, Visit
from app.reception.favourites import favourite_products


def has_marketing_consent(member_id: int) -> bool:
    return (Consent.select().where(Consent.member == member_id, Consent.kind == "marketing",
                                   Consent.withdrawn_at.is_null()).exists())


def pick_offer(member_id: int, merchant_id: int) -> Offer | None:
    """The merchant's live offer the member has not taken yet, the one ending soonest."""
    now = utcnow()
    taken = Coupon.select(Coupon.offer).where(Coupon.member == member_id)
    return (Offer.select()
            .where(Offer.merchant == merchant_id, Offer.active == True,  # noqa: E712
                   Offer.valid_from <= now, Offer.valid_until > now,
                   (Offer.stock.is_null()) | (Offer.stock > 0),
                   Offer.id.not_in(taken))
            .order_by(Offer.valid_until, Offer.id).first())


def queue_visit_offer(member: Member, store: Store, visit: Visit) -> bool:
    """Queue the arrival offer (call inside the visit's write transaction). Returns whether a
    message was queued: none without marketing consent, a contact, or anything to offer."""
    if not (member.email or member.phone) or not has_marketing_consent(member.id):
        return False
    english = (member.language or "zh_CN") == "en"
    key = f"reception:visit-offer:{visit.id}"
    offer = pick_offer(member.id, store.merchant_id)
    if offer is not None:
        title = (offer.title_en or offer.title) if english else offer.title
        notices.queue_member(member, "visit_offer", key, store=store.name, offer=title)
        return True
    favourites = favourite_products(member.id, 1, merchant_id=store.merchant_id)
    if favourites:
        fav = favourites[0]
        product = (fav.name_en or fav.name) if english else fav.name
        notices.queue_member(member, "visit_favourite", key, store=store.name, product=product)
        return True
    return False
