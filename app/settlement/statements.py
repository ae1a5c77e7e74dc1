"""A merchant's statement for one run, and the ledger entries behind each of its figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from peewee import JOIN

from app.backoffice.actor import Actor
from app.errors import NotFound
from app.models import Account, Lot, LotUse, Member, Merchant, SettlementLine, Staff, Transfer
from app.settlement.periods import coalition_timezone, local_day
from app.settlement.positions import pair_flows
from app.settlement.runs import get_run

CURRENCY = "CNY"
DRILL_LIMIT = 5000  # entries shown per merchant pair; the totals cover them all


@dataclass(frozen=True)
class StatementLine:
    counterparty_id: int
    counterparty_code: str
    counterparty_name: str
    points_in: int  # the counterparty's points accepted here: it owes us for them
    points_out: int  # our points accepted there: we owe for them
    amount_minor: int  # + the counterparty pays us; − we pay the counterparty

    @property
    def net_points(self) -> int:
        return self.points_in - self.points_out


@dataclass(frozen=True)
class Statement:
    run_id: int
    merchant_id: int
    merchant_code: str
    merchant_name: str
    period_start: datetime  # UTC
    period_end: datetime  # UTC
    first_day: date  # local, in `timezone`
    last_day: date
    timezone: str
    point_value_minor_per_100: int
    currency: str
    lines: tuple[StatementLine, ...]

    @property
    def total_minor(self) -> int:
        return sum(line.amount_minor for line in self.lines)

    @property
    def points_in(self) -> int:
        return sum(line.points_in for line in self.lines)

    @property
    def points_out(self) -> int:
        return sum(line.points_out for line in self.lines)


def _merchant(merchant_id: int) -> Merchant:
    merchant = Merchant.get_or_none(Merchant.id == merchant_id)
    if merchant is None:
        raise NotFound("settlement.no_merchant", "no merchant {merchant}", merchant=merchant_id)
    return merchant


def statement(actor: Actor, run_id: int, merchant_id: int) -> Statement:
    """``merchant_id``'s statement in run ``run_id`` (a manager: their own merchant only)."""
    actor.check_merchant(merchant_id)
    return build_statement(run_id, merchant_id)


def build_statement(run_id: int, merchant_id: int) -> Statement:
    """The statement itself, unscoped: for the run's own e-mails and for scoped callers."""
    run = get_run(run_id)
    merchant = _merchant(merchant_id)
    other = Merchant.alias()
    rows = (SettlementLine
            .select(SettlementLine.counterparty, other.code, other.name,
                    SettlementLine.points_in, SettlementLine.points_out,
                    SettlementLine.amount_minor)
            .join(other, on=(SettlementLine.counterparty == other.id))
            .where((SettlementLine.run == run_id) & (SettlementLine.merchant == merchant_id))
            .order_by(other.code)
            .tuples())
    lines = tuple(StatementLine(int(c), code, name, int(pin), int(pout), int(amount))
                  for c, code, name, pin, pout, amount in rows)
    zone = coalition_timezone()
    return Statement(run.id, merchant.id, merchant.code, merchant.name, run.period_start,
                     run.period_end, local_day(run.period_start, zone),
                     local_day(run.period_end - timedelta(microseconds=1), zone), zone,
                     run.point_value_minor_per_100, CURRENCY, lines)


# -- drill-down -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    at: datetime  # UTC
    member: str  # masked: 138****0001, or the guide's staff code
    issuer: str
    acceptor: str
    points: int  # negative: a refund gave the points back
    transfer_key: str


@dataclass(frozen=True)
class Drilldown:
    merchant: str
    counterparty: str
    entries: tuple[Entry, ...]  # oldest first, at most DRILL_LIMIT
    total_entries: int
    points_in: int  # Σ of the entries the counterparty's points came in by: = the line's
    points_out: int
    timezone: str  # the coalition's: show `at` in it


def _mask_phone(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 7 else "****"


def entries(actor: Actor, run_id: int, merchant_id: int, counterparty_id: int,
            limit: int = DRILL_LIMIT) -> Drilldown:
    """The lot uses (and refunds' give-backs) behind ``merchant_id``'s line against
    ``counterparty_id``: when, which member (masked), whose points, accepted where, how many
    and the transfer's idempotency key."""
    actor.check_merchant(merchant_id)
    run = get_run(run_id)
    names = {m.id: m.name for m in (_merchant(merchant_id), _merchant(counterparty_id))}
    m, c = merchant_id, counterparty_id
    pair = (((LotUse.issuer == m) & (LotUse.acceptor == c))
            | ((LotUse.issuer == c) & (LotUse.acceptor == m)))
    spent = (LotUse
             .select(LotUse.created_at, Member.phone, Staff.code, LotUse.issuer,
                     LotUse.acceptor, LotUse.amount, Transfer.idempotency_key)
             .join(Transfer, on=(LotUse.transfer == Transfer.id))
             .switch(LotUse).join(Lot, on=(LotUse.lot == Lot.id))
             .join(Account, on=(Lot.account == Account.id))
             .join(Member, JOIN.LEFT_OUTER, on=(Account.member == Member.id))
             .switch(Account).join(Staff, JOIN.LEFT_OUTER, on=(Account.staff == Staff.id))
             .where(pair & (LotUse.created_at >= run.period_start)
                    & (LotUse.created_at < run.period_end)))
    given_back = (Lot
                  .select(Lot.awarded_at, Member.phone, Staff.code, LotUse.issuer,
                          LotUse.acceptor, Lot.points * -1, Transfer.idempotency_key)
                  .join(LotUse, on=(Lot.restored_from == LotUse.id))
                  .switch(Lot).join(Transfer, on=(Lot.transfer == Transfer.id))
                  .switch(Lot).join(Account, on=(Lot.account == Account.id))
                  .join(Member, JOIN.LEFT_OUTER, on=(Account.member == Member.id))
                  .switch(Account).join(Staff, JOIN.LEFT_OUTER, on=(Account.staff == Staff.id))
                  .where(pair & (Lot.awarded_at >= run.period_start)
                         & (Lot.awarded_at < run.period_end)))
    shown = sorted(list(spent.order_by(LotUse.created_at, LotUse.id).limit(limit).tuples())
                   + list(given_back.order_by(Lot.awarded_at, Lot.id).limit(limit).tuples()),
                   key=lambda row: row[0])[:limit]
    rows = tuple(Entry(at, _mask_phone(phone) if phone else (code or ""), names[issuer],
                       names[acceptor], int(points), key)
                 for at, phone, code, issuer, acceptor, points, key in shown)
    flows = pair_flows(run.period_start, run.period_end)
    return Drilldown(names[m], names[c], rows, spent.count() + given_back.count(),
                     flows.get((c, m), 0), flows.get((m, c), 0), coalition_timezone())
