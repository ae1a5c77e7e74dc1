"""Face consent where the face code is not loaded (kiosk, back office, till panel): whether a
member is enrolled, and withdrawal, which deletes every template of the member at once
(running greeters forget them within 5 s through their index sync)."""

from __future__ import annotations

from app.errors import NotFound
from app.models import FaceTemplate, Member, Staff, Store


def is_enrolled(member_id: int) -> bool:
    return FaceTemplate.select().where(FaceTemplate.member == member_id).exists()


def withdraw(member_id: int, staff_id: int | None = None, store_id: int | None = None) -> int:
    """The member withdraws face consent; returns the templates deleted (0 when repeated)."""
    from app.faces.templates import withdraw_face_consent  # numpy: only when used

    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise NotFound("member.not_found", "no member {member}", member=member_id)
    return withdraw_face_consent(
        member, staff=Staff.get_or_none(Staff.id == staff_id) if staff_id else None,
        store=Store.get_or_none(Store.id == store_id) if store_id else None)
