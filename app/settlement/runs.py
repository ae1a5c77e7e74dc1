"""Settlement runs: one per closed period, idempotent, stored as per-merchant lines.

Money is points × the coalition point value (``point_value_minor``, minor units per point,
recorded on the run as minor units per 100 points). Rounding rule: each merchant **pair**'s
net points are valued once, rounded half away from zero, and the two merchants' lines carry
that amount with opposite signs — so the lines, and the positions, sum to exactly zero
whatever the rounding does.

A period is settled once: running it again returns the stored run (the unique
(period_start, period_end) index on SettlementRun settles a race between two processes); a
period that has not ended yet, or one overlapping a run made under another period setting,
is refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

import peewee as pw

from app.backoffice.actor import Actor, audit_change
from app.db import database, write_tx
from app.errors import Conflict, NotFound
from app.models import Merchant, SettlementLine, SettlementRun, Transfer
from app.money import div_round
from app.points_rules import point_value_minor
from app.settlement.periods import Period, period_starting, recent_periods
from app.settlement.positions import pair_flows


@dataclass(frozen=True)
class RunOutcome:
    run_id: int
    created: bool  # False: the period had been settled before; this is that run


@dataclass(frozen=True)
class PeriodState:
    period: Period
    state: str  # open | due | settled
    run_id: int | None


def _line_values(flows: dict[tuple[int, int], int], per_100: int) -> list[dict[str, int]]:
    """Both merchants' lines for every pair with points between them (see module doc)."""
    pairs = {tuple(sorted(pair)) for pair in flows}
    rows = []
    for a, b in sorted(pairs):
        into_a = flows.get((b, a), 0)  # b's points accepted at a: b owes a
        out_of_a = flows.get((a, b), 0)
        amount = div_round((into_a - out_of_a) * per_100, 100)
        rows.append({"merchant": a, "counterparty": b, "points_in": into_a,
                     "points_out": out_of_a, "amount_minor": amount})
        rows.append({"merchant": b, "counterparty": a, "points_in": out_of_a,
                     "points_out": into_a, "amount_minor": -amount})
    return rows


def _stored(period: Period) -> SettlementRun | None:
    return SettlementRun.get_or_none((SettlementRun.period_start == period.start)
                                     & (SettlementRun.period_end == period.end))


def run_settlement(actor: Actor, first_day: date, now: datetime | None = None) -> RunOutcome:
    """Settle the period beginning ``first_day`` (operator only); its statements are e-mailed
    to every merchant with a settlement address, in the same transaction."""
    # Imported here: the mailing renders statements, which read runs (this module).
    from app.settlement.mailing import queue_statements

    actor.require_operator()
    period = period_starting(first_day)
    if not period.is_closed(now):
        raise Conflict("settlement.period_open",
                       "the period {first} – {last} has not ended yet; settle it after {end}",
                       first=period.first_day.isoformat(), last=period.last_day.isoformat(),
                       end=period.next_first_day.isoformat())
    with write_tx():
        if (found := _stored(period)) is not None:
            return RunOutcome(found.id, False)
        overlapping = SettlementRun.get_or_none((SettlementRun.period_start < period.end)
                                                & (SettlementRun.period_end > period.start))
        if overlapping is not None:
            raise Conflict("settlement.overlap",
                           "the period {first} – {last} overlaps a run already made for "
                           "{other}", first=period.first_day.isoformat(),
                           last=period.last_day.isoformat(),
                           other=overlapping.period_start.isoformat())
        per_100 = point_value_minor() * 100
        rows = _line_values(pair_flows(period.start, period.end), per_100)
        codes = dict(Merchant.select(Merchant.id, Merchant.code).tuples())
        positions: dict[str, int] = {}
        for row in rows:
            code = codes[row["merchant"]]
            positions[code] = positions.get(code, 0) + row["amount_minor"]
        try:
            with database.atomic():  # a savepoint: losing the race undoes only this insert
                run = SettlementRun.create(period_start=period.start, period_end=period.end,
                                           point_value_minor_per_100=per_100,
                                           positions=json.dumps(positions, sort_keys=True))
        except pw.IntegrityError:
            # Another process settled the same period and committed first: that is the run.
            if (found := _stored(period)) is not None:
                return RunOutcome(found.id, False)
            raise
        if rows:
            SettlementLine.insert_many([{**row, "run": run.id} for row in rows]).execute()
        queue_statements(run)
        audit_change(actor, "settlement.run", f"settlement_run:{run.id}", None,
                     {"period_start": period.start, "period_end": period.end,
                      "point_value_minor_per_100": per_100, "positions": positions},
                     period=period.kind, first_day=period.first_day.isoformat())
    return RunOutcome(run.id, True)


def list_periods(actor: Actor, count: int = 12, now: datetime | None = None
                 ) -> list[PeriodState]:
    """The open period and the ones before it, newest first, with their state — back to the
    period of the ledger's first transfer (no older ones: there was nothing to settle)."""
    periods = recent_periods(count, now)
    first = Transfer.select(pw.fn.MIN(Transfer.created_at)).scalar()
    first = _as_datetime(first)
    periods = [p for i, p in enumerate(periods) if i == 0 or (first is not None
                                                             and p.end > first)]
    runs = {(r.period_start, r.period_end): r.id for r in SettlementRun.select().where(
        SettlementRun.period_start >= periods[-1].start)}
    states = []
    for period in periods:
        run_id = runs.get((period.start, period.end))
        state = ("settled" if run_id else "due" if period.is_closed(now) else "open")
        states.append(PeriodState(period, state, run_id))
    return states


def _as_datetime(value: object) -> datetime | None:
    """MIN() of a timestamp column: SQLite hands back its text."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def get_run(run_id: int) -> SettlementRun:
    run = SettlementRun.get_or_none(SettlementRun.id == run_id)
    if run is None:
        raise NotFound("settlement.no_run", "no settlement run {run}", run=run_id)
    return run


def run_merchants(actor: Actor, run_id: int) -> list[tuple[int, str, str]]:
    """(id, code, name) of the merchants with a statement in the run, within the actor's
    scope."""
    get_run(run_id)
    query = (Merchant.select(Merchant.id, Merchant.code, Merchant.name)
             .where(Merchant.id.in_(SettlementLine.select(SettlementLine.merchant)
                                    .where(SettlementLine.run == run_id)))
             .order_by(Merchant.code))
    return list(actor.merchants(query, Merchant.id).tuples())


