"""Arrival notices for the store's tills, through the database so every process sees them.

A till remembers the newest visit id it has shown and polls :func:`arrivals_since` every
couple of seconds: one indexed query on Visit, cheap enough for a till.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app import ledger
from app.models import Member, Visit

MAX_NOTICES = 5


@dataclass(frozen=True)
class TillNotice:
    visit_id: int
    member_id: int
    name: str
    tier: str
    points: int


def newest_visit_id(store_id: int) -> int:
    """Where a till starts: arrivals before it opened are not announced."""
    return int(Visit.select(Visit.id).where(Visit.store == store_id)
               .order_by(Visit.id.desc()).scalar() or 0)


def arrivals_since(store_id: int, after_visit_id: int | None,
                   since: datetime | None = None) -> tuple[list[TillNotice], int]:
    """Arrivals at the store after ``after_visit_id`` (at most the newest few) and the id to
    pass next time. A till's first look (``after_visit_id`` None) takes the arrivals since
    ``since``, the moment it started watching, so one that came while its first look was
    queued behind other work is still announced."""
    where = [Visit.store == store_id]
    where.append(Visit.id > after_visit_id if after_visit_id is not None else Visit.at >= since)
    rows = list(Visit.select(Visit.id, Visit.member).where(*where)
                .order_by(Visit.id.desc()).limit(MAX_NOTICES).tuples())
    if not rows:
        return [], (after_visit_id if after_visit_id is not None else newest_visit_id(store_id))
    members = {m.id: m for m in Member.select().where(Member.id.in_([r[1] for r in rows]))}
    notices = []
    for visit_id, member_id in reversed(rows):
        member = members.get(member_id)
        if member is None:
            continue
        notices.append(TillNotice(visit_id, member_id, member.name or member.number,
                                  member.tier, ledger.balance(member)))
    return notices, rows[0][0]
