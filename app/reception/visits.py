"""Visits: one row per recognised arrival, de-duplicated over a window, with an offer.

The greeter calls :func:`record_arrival` for every greeting; a member who lingers in front
of the camera, walks out and in again, or checks in twice within the window is one visit
(the same row is returned, nothing new is written or messaged).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app import audit
from app.clock import utcnow
from app.db import lock_row, write_tx
from app.errors import NotFound, ValidationError
from app.models import FaceTemplate, Member, Setting, Store, Visit
from app.reception.offers import queue_visit_offer

WINDOW_KEY = "reception.visit_window_minutes"
DEFAULT_WINDOW_MIN = 60
SOURCES = ("face", "check-in", "card")


@dataclass(frozen=True)
class Arrival:
    visit_id: int
    member_id: int
    store_id: int
    at: datetime
    new: bool  # False: the member already had a visit in this store within the window
    offer_queued: bool


def visit_window() -> timedelta:
    """The de-duplication window (Setting ``reception.visit_window_minutes``, 1–1440)."""
    row = Setting.get_or_none(Setting.key == WINDOW_KEY)
    try:
        minutes = int(row.value) if row else DEFAULT_WINDOW_MIN
    except ValueError:
        minutes = DEFAULT_WINDOW_MIN
    return timedelta(minutes=min(max(minutes, 1), 1440))


def set_visit_window(minutes: int) -> None:
    if not 1 <= int(minutes) <= 1440:
        raise ValidationError("reception.bad_window",
                              "the visit window must be 1 to 1440 minutes, not {minutes}",
                              minutes=minutes)
    with write_tx():
        Setting.insert(key=WINDOW_KEY, value=str(int(minutes))).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: str(int(minutes))}).execute()


def record_arrival(member_id: int, store_id: int, confidence_milli: int, *,
                   source: str = "face", at: datetime | None = None) -> Arrival:
    """Record that the member arrived at the store (one visit per window) and, for a new
    visit, queue an offer to the member when they agreed to marketing messages."""
    if source not in SOURCES:
        raise ValidationError("reception.bad_source", "unknown arrival source {source}",
                              source=source)
    if not 0 <= int(confidence_milli) <= 1000:
        raise ValidationError("reception.bad_confidence",
                              "confidence must be 0 to 1000, not {value}", value=confidence_milli)
    now = at or utcnow()
    window = visit_window()
    with write_tx():
        # The member row lock serialises two greeters (or a greeter and a kiosk) seeing the
        # same person at once: only one of them creates the visit.
        member = lock_row(Member, member_id)
        if member is None:
            raise NotFound("member.not_found", "no member {member}", member=member_id)
        store = Store.get_or_none(Store.id == store_id)
        if store is None:
            raise NotFound("store.not_found", "no store {store}", store=store_id)
        if source != "card" and not FaceTemplate.select().where(
                FaceTemplate.member == member_id).exists():
            # Withdrawn while standing at the door (before the greeter's index caught up):
            # no visit, no card, no offer.
            raise ValidationError("reception.not_enrolled",
                                  "member {member} has no face consent in force",
                                  member=member_id)
        recent = (Visit.select().where(Visit.member == member_id, Visit.store == store_id,
                                       Visit.at > now - window)
                  .order_by(Visit.at.desc()).first())
        if recent is not None:
            return Arrival(recent.id, member_id, store_id, recent.at, False, False)
        visit = Visit.create(member=member_id, store=store_id, at=now,
                             confidence_milli=int(confidence_milli), source=source)
        Member.update(last_seen_at=now).where(Member.id == member_id).execute()
        offer_queued = queue_visit_offer(member, store, visit)
        audit.record("reception.visit", actor=None, target=f"member:{member_id}",
                     store=store_id, visit=visit.id, source=source,
                     confidence_milli=int(confidence_milli), offer=offer_queued)
    return Arrival(visit.id, member_id, store_id, now, True, offer_queued)
