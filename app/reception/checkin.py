"""Check-in by face at the kiosk: whether the store offers it, and the shopper once the
kiosk's camera recognised them (the visit is recorded like the greeter's, source check-in)."""

from __future__ import annotations

from app.errors import NotFound
from app.kiosk.identify import Shopper
from app.models import Member, Store


def offers_face_check_in(store_id: int) -> bool:
    """Stores in check-in mode let people check in with their face (passive stores already
    recognise them at the door)."""
    store = Store.get_or_none(Store.id == store_id)
    return store is not None and store.greeting_mode == "check-in"


def shopper(member_id: int) -> Shopper:
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise NotFound("member.not_found", "no member {member}", member=member_id)
    return Shopper(member.id, member.phone, member.name)
