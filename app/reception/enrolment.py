"""Face enrolment at the till (withdrawal: app.reception.consent): consent first, then frames checked one by one, then templates.

The till's enrolment dialog calls these on its worker thread. The face libraries are
imported here only when a frame is checked, never when the till starts. Frames are checked
and encoded in memory and forgotten: no picture is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.errors import NotFound, ValidationError
from app.faces import templates
from app.models import Member, Staff, Store

ENROL_FRAMES = 3  # frames the dialog asks for (the engine takes 1–5)


@dataclass(frozen=True)
class ConsentTerms:
    purpose: str
    retention_days: int


@dataclass(frozen=True)
class FrameCheck:
    ok: bool
    error: ValidationError | None  # the coded reason a frame was refused
    encoding: Any = None  # float32[128] when ok; kept by the dialog until saved


def consent_terms() -> ConsentTerms:
    return ConsentTerms(templates.DEFAULT_PURPOSE, templates.template_ttl_days())


def record_consent(member_id: int, staff_id: int | None, store_id: int | None) -> int:
    """The member confirmed the consent dialog: record it; returns the consent id."""
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise NotFound("member.not_found", "no member {member}", member=member_id)
    consent = templates.grant_consent(
        member, staff=Staff.get_or_none(Staff.id == staff_id) if staff_id else None,
        store=Store.get_or_none(Store.id == store_id) if store_id else None)
    return consent.id


def check_frame(frame_bgr: Any) -> FrameCheck:
    """Quality checks (one face, size, sharpness, pose), then the encoding of a good frame."""
    import cv2

    from app.faces.encoder import encode
    from app.faces.quality import assess

    if frame_bgr is None or getattr(frame_bgr, "ndim", 0) != 3:
        return FrameCheck(False, ValidationError("faces.none",
                                                 "no face found: look at the camera"))
    assessment = assess(frame_bgr)
    if not assessment.ok:
        return FrameCheck(False, assessment.error)
    rgb = cv2.cvtColor(frame_bgr, cv2.COLOR_BGR2RGB)
    return FrameCheck(True, None, encode(rgb, assessment.box).encoding)


def save_enrolment(member_id: int, consent_id: int, encodings: list[Any],
                   store_id: int | None, staff_id: int | None) -> int:
    """Store the encodings bound to the member and that consent; returns templates stored.
    Refused (nothing written) when the consent was withdrawn in the meantime."""
    from app.models import Consent

    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise NotFound("member.not_found", "no member {member}", member=member_id)
    enrolment = templates.enrol(
        member, Consent.get_or_none(Consent.id == consent_id), encodings,
        Store.get_or_none(Store.id == store_id) if store_id else None,
        staff=Staff.get_or_none(Staff.id == staff_id) if staff_id else None)
    return len(enrolment.template_ids)
