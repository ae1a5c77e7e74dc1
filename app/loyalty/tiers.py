"""Coalition tiers: definitions, and the evaluation that moves members between them.

**What counts.** A member's *points earned* as of a moment T is, over the rolling window
(T − ``tier_window_days``, T] (coalition setting, default 365 days):

    Σ points credited to the member's account by sales (transfers with source ``sale`` into
    the member's account — the purchase awards)
  − Σ points taken back by refunds of those awards (transfers with source ``refund`` out of
    the member's account that reverse a ``sale`` transfer), dated by the refund,

never below zero. Points from codes, registration, feedback or adjustments, points spent and
points expired do not count either way.

**Which tier.** The highest tier whose threshold the points earned reach (tiers sorted by
threshold; the lowest tier should have threshold 0).

**Evaluation** (:func:`evaluate`) is idempotent and can be re-run: a member already in the
tier the rules give is left alone, so running it twice as of the same time changes nothing.
Each move writes one :class:`TierChange` (member, from, to, at, points, reason), updates the
member and queues one ``tier_changed`` message to them — in the transaction that holds the
member's row locked (members move in batches), the message keyed by member and evaluation
time, so a change is recorded and messaged exactly once even when two terminals evaluate at
once. The scheduled job
(app.jobs) evaluates once a day; the back office can evaluate at any time.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

import peewee as pw

from app.backoffice.actor import Actor, audit_change, row_dict
from app.clock import utcnow
from app.db import lock_row, locked, write_tx
from app.errors import NotFound, ValidationError
from app.messaging.notices import queue_member
from app.models import Account, Member, Setting, Staff, Tier, TierChange, Transfer

log = logging.getLogger(__name__)

WINDOW_SETTING = "tier_window_days"
EVALUATED_SETTING = "tiers_evaluated_on"
DEFAULT_WINDOW_DAYS = 365


@dataclass(frozen=True)
class TierRow:
    id: int
    code: str
    name: str
    name_en: str
    threshold: int
    members: int


@dataclass(frozen=True)
class Evaluation:
    as_of: datetime
    evaluated: int  # members looked at
    upgrades: int
    downgrades: int

    @property
    def changed(self) -> int:
        return self.upgrades + self.downgrades


@dataclass(frozen=True)
class ChangeRow:
    member_number: str
    member_name: str
    from_tier: str
    to_tier: str
    at: datetime
    points: int
    reason: str  # English, as recorded
    by: str | None  # who evaluated; None: the daily job


def window_days() -> int:
    row = Setting.get_or_none(Setting.key == WINDOW_SETTING)
    return int(row.value) if row else DEFAULT_WINDOW_DAYS


def defined_tiers() -> list[Tier]:
    """The coalition's tiers, lowest threshold first."""
    return list(Tier.select().order_by(Tier.threshold, Tier.code))


def tier_for(points: int, tiers: list[Tier]) -> str:
    chosen = tiers[0].code
    for tier in tiers:
        if points >= tier.threshold:
            chosen = tier.code
    return chosen


def points_earned(as_of: datetime, member_ids: list[int] | None = None,
                  days: int | None = None) -> dict[int, int]:
    """Points earned per member in the window ending at ``as_of`` (see the module docstring);
    members with none are left out."""
    start = as_of - timedelta(days=days if days is not None else window_days())
    in_window = (Transfer.created_at > start) & (Transfer.created_at <= as_of)
    scope = (Account.kind == "member")
    if member_ids is not None:
        scope &= Account.member.in_(member_ids)
    earned: dict[int, int] = defaultdict(int)
    awards = (Transfer.select(Account.member, pw.fn.SUM(Transfer.amount))
              .join(Account, on=(Transfer.credit == Account.id))
              .where(in_window & scope & (Transfer.source == "sale")
                     & Transfer.reverses.is_null())
              .group_by(Account.member).tuples())
    for member_id, amount in awards:
        earned[member_id] += int(amount)
    original = Transfer.alias("original")
    taken_back = (Transfer.select(Account.member, pw.fn.SUM(Transfer.amount))
                  .join(Account, on=(Transfer.debit == Account.id))
                  .switch(Transfer)
                  .join(original, on=(Transfer.reverses == original.id))
                  .where(in_window & scope & (Transfer.source == "refund")
                         & (original.source == "sale"))
                  .group_by(Account.member).tuples())
    for member_id, amount in taken_back:
        earned[member_id] -= int(amount)
    return {m: max(0, p) for m, p in earned.items() if p > 0}


def _tier_names(tiers: list[Tier], code: str, language: str) -> str:
    for tier in tiers:
        if tier.code == code:
            return (tier.name_en or tier.name) if language == "en" else tier.name
    return code


BATCH = 100  # members moved per transaction: few enough that a till waits only briefly


def _move_batch(member_ids: list[int], as_of: datetime, tiers: list[Tier], days: int,
                staff_id: int | None) -> tuple[int, int]:
    """Move each of ``member_ids`` to the tier the rules give as of ``as_of``; returns
    (upgrades, downgrades). The members are locked (in id order, so two evaluators never
    deadlock) and their points re-read inside the transaction: a member another evaluation
    has just moved is already right and is left alone."""
    rank = {t.code: i for i, t in enumerate(tiers)}
    threshold = {t.code: t.threshold for t in tiers}
    ups = downs = 0
    changes: list[dict] = []
    moving: dict[str, list[int]] = {}
    with write_tx():
        rows = list(locked(Member.select().where(Member.id.in_(member_ids))
                           .order_by(Member.id)))
        earned = points_earned(as_of, [m.id for m in rows], days)
        for member in rows:
            points = earned.get(member.id, 0)
            target = tier_for(points, tiers)
            if target == member.tier:
                continue
            if rank[target] > rank.get(member.tier, -1):
                ups += 1
            else:
                downs += 1
            reason = (f"{points} points earned in the {days} days to {as_of:%Y-%m-%d %H:%M} "
                      f"UTC; {target} from {threshold[target]}")
            changes.append({"member": member.id, "from_tier": member.tier, "to_tier": target,
                            "at": as_of, "points": points, "reason": reason, "staff": staff_id})
            moving.setdefault(target, []).append(member.id)
            language = member.language or "zh_CN"
            queue_member(member, "tier_changed", f"tier:{member.id}:{as_of.isoformat()}",
                         from_tier=_tier_names(tiers, member.tier, language),
                         to_tier=_tier_names(tiers, target, language), points=points,
                         days=days)
        if changes:  # one statement each for the batch's records and moves
            TierChange.insert_many(changes).execute()
            for target, ids in moving.items():
                Member.update(tier=target).where(Member.id.in_(ids)).execute()
    return ups, downs


def evaluate(as_of: datetime | None = None, staff_id: int | None = None) -> Evaluation:
    """Put every member in the tier their points earned give as of ``as_of`` (default now).
    Members already right are not written; those who move do so in batches of BATCH."""
    as_of = as_of or utcnow()
    tiers = defined_tiers()
    if not tiers:
        return Evaluation(as_of, 0, 0, 0)
    # Tiers move forward in time: evaluating as of an earlier moment than the last evaluation
    # that moved anyone would undo later moves with stale points.
    last = TierChange.select(pw.fn.MAX(TierChange.at)).scalar()
    if last is not None and as_of < last:
        raise ValidationError("tiers.as_of_past",
                              "tiers were last evaluated as of {last}; evaluate as of then or "
                              "later", last=f"{last:%Y-%m-%d %H:%M} UTC")
    days = window_days()
    earned = points_earned(as_of, days=days)
    evaluated = 0
    movers = []
    for member_id, tier in Member.select(Member.id, Member.tier).order_by(Member.id).tuples():
        evaluated += 1
        if tier_for(earned.get(member_id, 0), tiers) != tier:
            movers.append(member_id)
    ups = downs = 0
    for start in range(0, len(movers), BATCH):
        up, down = _move_batch(movers[start:start + BATCH], as_of, tiers, days, staff_id)
        ups, downs = ups + up, downs + down
    return Evaluation(as_of, evaluated, ups, downs)


# -- back office -------------------------------------------------------------------------------
def list_tiers(actor: Actor) -> list[TierRow]:
    """The coalition's tiers with how many members hold each (a manager: of their merchant)."""
    counts = dict(actor.merchants(Member.select(Member.tier, pw.fn.COUNT(Member.id)),
                                  Member.home_merchant).group_by(Member.tier).tuples())
    return [TierRow(t.id, t.code, t.name, t.name_en, t.threshold, counts.get(t.code, 0))
            for t in defined_tiers()]


def save_tier(actor: Actor, code: str, name: str, name_en: str, threshold: int,
              tier_id: int | None = None) -> int:
    """Create or change a tier (the coalition operator's; tiers are coalition-wide)."""
    actor.require_operator()
    code, name, name_en = code.strip().lower(), name.strip(), name_en.strip()
    if not code or not code.replace("_", "").isalnum() or len(code) > 32:
        raise ValidationError("tiers.code", "a tier code is a short word (letters, digits, _)")
    if not name:
        raise ValidationError("tiers.name", "a tier needs a name")
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 0:
        raise ValidationError("tiers.threshold", "a threshold is a whole number of points ≥ 0")
    fields = ("code", "name", "name_en", "threshold")
    with write_tx():
        clash = Tier.get_or_none(Tier.code == code)
        if clash is not None and clash.id != tier_id:
            raise ValidationError("tiers.duplicate", "there is already a tier “{code}”",
                                  code=code)
        if tier_id is None:
            row = Tier.create(code=code, name=name, name_en=name_en, threshold=threshold)
            audit_change(actor, "tiers.saved", f"tier:{row.id}", None, row_dict(row, fields))
            return row.id
        row = lock_row(Tier, tier_id)
        if row is None:
            raise NotFound("tiers.unknown", "no such tier")
        if row.code != code and Member.select().where(Member.tier == row.code).exists():
            raise ValidationError("tiers.code_in_use",
                                  "members hold tier “{code}”: its code cannot change",
                                  code=row.code)
        before = row_dict(row, fields)
        after = {"code": code, "name": name, "name_en": name_en, "threshold": threshold}
        Tier.update(**after).where(Tier.id == tier_id).execute()
        audit_change(actor, "tiers.saved", f"tier:{tier_id}", before, after)
        return tier_id


def delete_tier(actor: Actor, tier_id: int) -> None:
    actor.require_operator()
    with write_tx():
        row = lock_row(Tier, tier_id)
        if row is None:
            raise NotFound("tiers.unknown", "no such tier")
        if Member.select().where(Member.tier == row.code).exists():
            raise ValidationError("tiers.code_in_use",
                                  "members hold tier “{code}”: its code cannot change",
                                  code=row.code)
        before = row_dict(row, ("code", "name", "name_en", "threshold"))
        row.delete_instance()
        audit_change(actor, "tiers.deleted", f"tier:{tier_id}", before, None)


@dataclass(frozen=True)
class TiersView:
    tiers: list[TierRow]
    window_days: int
    changes: list[ChangeRow]
    may_change: bool  # the coalition operator's alone


def load(actor: Actor, limit: int = 200) -> TiersView:
    """What the tiers page shows to ``actor``."""
    return TiersView(list_tiers(actor), window_days(), recent_changes(actor, limit),
                     actor.is_operator)


def set_window_days(actor: Actor, days: int) -> None:
    actor.require_operator()
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 3660:
        raise ValidationError("tiers.window", "the window is 1–3660 days")
    with write_tx():
        before = window_days()
        Setting.insert(key=WINDOW_SETTING, value=str(days)).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: str(days)}).execute()
        audit_change(actor, "tiers.window", f"setting:{WINDOW_SETTING}", {"days": before},
                     {"days": days})


def evaluate_now(actor: Actor, as_of: datetime | None = None) -> Evaluation:
    """The tiers page's "evaluate now": the coalition operator's, for every member."""
    actor.require_operator()
    result = evaluate(as_of, staff_id=actor.staff_id)
    with write_tx():
        audit_change(actor, "tiers.evaluated", "tiers", None,
                     {"as_of": result.as_of, "evaluated": result.evaluated,
                      "upgrades": result.upgrades, "downgrades": result.downgrades})
    return result


def recent_changes(actor: Actor, limit: int = 200) -> list[ChangeRow]:
    """The latest tier changes (a manager: of their merchant's members)."""
    query = (TierChange.select(TierChange, Member, Staff).join(Member).switch(TierChange)
             .join(Staff, pw.JOIN.LEFT_OUTER)
             .order_by(TierChange.at.desc(), TierChange.id.desc()).limit(limit))
    query = actor.merchants(query, Member.home_merchant)
    return [ChangeRow(c.member.number, c.member.name, c.from_tier, c.to_tier, c.at, c.points,
                      c.reason, c.staff.name if c.staff_id is not None else None)
            for c in query]


# -- the scheduled job -------------------------------------------------------------------------
def job_due(now: datetime) -> bool:
    """Once a (UTC) day, when the coalition has tiers."""
    row = Setting.get_or_none(Setting.key == EVALUATED_SETTING)
    done = row is not None and row.value == now.date().isoformat()
    return not done and Tier.select().exists()


def run_job(now: datetime) -> Evaluation:
    try:
        result = evaluate(now)
    except ValidationError as exc:
        if exc.code != "tiers.as_of_past":
            raise
        # this terminal's clock is behind the last evaluation's: another terminal is ahead
        log.warning("tier evaluation skipped: %s", exc.message)
        return Evaluation(now, 0, 0, 0)
    with write_tx():
        Setting.insert(key=EVALUATED_SETTING, value=now.date().isoformat()).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: now.date().isoformat()}
        ).execute()
    return result
