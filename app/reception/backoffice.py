"""Face consent in the back office: see whether a member is enrolled, withdraw on their
request. The operator serves every member; a manager serves the members of their merchant
(home merchant, or who bought there) and is refused others."""

from __future__ import annotations

from dataclasses import dataclass

from app.backoffice.actor import Actor, audit_change
from app.db import write_tx
from app.errors import NotFound, PermissionDenied
from app.models import Consent, FaceTemplate, Member, Sale, Staff


@dataclass(frozen=True)
class FaceStatus:
    member_id: int
    templates: int
    consent_in_force: bool


def _member_for(actor: Actor, member_id: int) -> Member:
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise NotFound("member.not_found", "no member {member}", member=member_id)
    if not actor.is_operator and member.home_merchant_id != actor.merchant_id and not (
            Sale.select().where(Sale.member == member.id,
                                Sale.merchant == actor.merchant_id).exists()):
        raise PermissionDenied("reception.not_your_member",
                               "member {member} is not a member of your merchant",
                               member=member.number)
    return member


def face_status(actor: Actor, member_id: int) -> FaceStatus:
    member = _member_for(actor, member_id)
    return FaceStatus(
        member.id,
        FaceTemplate.select().where(FaceTemplate.member == member.id).count(),
        Consent.select().where(Consent.member == member.id, Consent.kind == "face",
                               Consent.withdrawn_at.is_null()).exists())


def withdraw_face_consent(actor: Actor, member_id: int) -> int:
    """Withdraw the member's face consent and delete every template at once (audited with
    before and after). Returns the templates deleted; repeating it deletes nothing."""
    from app.faces.templates import withdraw_face_consent as withdraw  # numpy: only now

    with write_tx():
        member = _member_for(actor, member_id)
        before = face_status(actor, member_id)
        deleted = withdraw(member, staff=Staff.get_by_id(actor.staff_id))
        audit_change(actor, "backoffice.face_consent_withdrawn", f"member:{member.id}",
                     {"templates": before.templates, "consent": before.consent_in_force},
                     {"templates": 0, "consent": False}, deleted=deleted)
    return deleted
