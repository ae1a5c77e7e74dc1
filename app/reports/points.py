"""Points reports for the back office's charts: issued and redeemed per merchant per week,
outstanding liability by issuer, breakage per merchant, top members.

Each is one or two aggregate queries (GROUP BY in the database, never a loop over ledger
rows) returning a :class:`Report`: machine column names and rows, which the page charts and
exports as CSV unchanged — the chart and the file show the same numbers. A manager sees their
own merchant's figures only.

Weeks run Monday to Monday in the coalition's time zone (``coalition_timezone``), bucketed in
SQL by its current UTC offset (Asia/Shanghai has no daylight saving; a zone that has one moves
the week boundary by an hour for part of the year).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import peewee as pw

from app.backoffice.actor import Actor
from app.clock import utcnow
from app.db import is_sqlite
from app.models import Account, Lot, LotUse, Member, Merchant, Transfer
from app.points_rules import point_value_minor
from app.settlement.periods import coalition_timezone

WEEK_S = 7 * 86400
EPOCH_TO_MONDAY_S = 3 * 86400  # 1970-01-01 was a Thursday; +3 days puts weeks on Monday


@dataclass(frozen=True)
class Report:
    kind: str
    columns: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)
    scope: str = ""  # the merchant's name for a manager, "" for the whole coalition

    def csv_bytes(self) -> bytes:
        """The report as CSV (UTF-8 with a BOM so spreadsheets read the Chinese names)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.columns)
        writer.writerows(tuple(v.isoformat() if isinstance(v, date) else v for v in row)
                         for row in self.rows)
        return ("\ufeff" + out.getvalue()).encode("utf-8")


def _scope(actor: Actor) -> str:
    if actor.is_operator:
        return ""
    return Merchant.get_by_id(actor.merchant_id).name


def _offset_s(zone: str, now: datetime) -> int:
    offset = now.replace(tzinfo=UTC).astimezone(ZoneInfo(zone)).utcoffset()
    return int(offset.total_seconds()) if offset else 0


def _week_index(column: pw.Field, offset_s: int) -> pw.Node:
    """The Monday-based local week number of a UTC timestamp column, in SQL (integer
    division of epoch seconds works alike on both databases)."""
    epoch = (pw.fn.strftime("%s", column) if is_sqlite()
             else pw.fn.EXTRACT(pw.NodeList((pw.SQL("EPOCH FROM"), column))))
    return (pw.Cast(epoch, "BIGINT") + (offset_s + EPOCH_TO_MONDAY_S)) / WEEK_S


def _week_start(index: int) -> date:
    return (datetime(1970, 1, 1) + timedelta(seconds=index * WEEK_S - EPOCH_TO_MONDAY_S)).date()


def weekly_points(actor: Actor, weeks: int = 12, now: datetime | None = None) -> Report:
    """Points each merchant issued (awards: its issued account → members and guides) and
    redeemed (points members paid with at it) per local week, the last ``weeks`` weeks."""
    now = now or utcnow()
    zone = coalition_timezone()
    offset = _offset_s(zone, now)
    this_week = (int(now.replace(tzinfo=UTC).timestamp()) + offset + EPOCH_TO_MONDAY_S) // WEEK_S
    first = this_week - weeks + 1
    since = datetime(1970, 1, 1) + timedelta(seconds=first * WEEK_S - EPOCH_TO_MONDAY_S - offset)
    figures: dict[tuple[int, int], list[int]] = {}
    for slot, (side, kind) in enumerate(((Transfer.debit, "issued"),
                                         (Transfer.credit, "redeemed"))):
        week = _week_index(Transfer.created_at, offset)
        query = (Transfer.select(week.alias("week"), Account.merchant, pw.fn.SUM(Transfer.amount))
                 .join(Account, on=(side == Account.id))
                 .where((Account.kind == kind) & (Transfer.created_at >= since)
                        & Transfer.reverses.is_null())
                 .group_by(week, Account.merchant))
        for index, merchant_id, points in actor.merchants(query, Account.merchant).tuples():
            figures.setdefault((int(index), merchant_id), [0, 0])[slot] = int(points)
    names = dict(Merchant.select(Merchant.id, Merchant.name).tuples())
    codes = dict(Merchant.select(Merchant.id, Merchant.code).tuples())
    rows = sorted(((_week_start(index), codes[m], names[m], issued, redeemed)
                   for (index, m), (issued, redeemed) in figures.items()),
                  key=lambda r: (r[0], r[1]))
    return Report("weekly_points", ("week_start", "merchant_code", "merchant", "issued",
                                    "redeemed"), rows, _scope(actor))


def liability(actor: Actor, now: datetime | None = None) -> Report:
    """Points each merchant issued that members still hold (not spent, not expired): what it
    still owes them, and its value at the coalition's point value."""
    now = now or utcnow()
    value = point_value_minor()
    query = (Lot.select(Merchant.code, Merchant.name, pw.fn.SUM(Lot.remaining))
             .join(Merchant, on=(Lot.issuer == Merchant.id))
             .where((Lot.remaining > 0) & Lot.expired_at.is_null() & (Lot.expires_at > now))
             .group_by(Merchant.id, Merchant.code, Merchant.name)
             .order_by(Merchant.code))
    rows = [(code, name, int(points), int(points) * value)
            for code, name, points in actor.merchants(query, Lot.issuer).tuples()]
    return Report("liability", ("merchant_code", "merchant", "open_points", "value_minor"),
                  rows, _scope(actor))


def breakage(actor: Actor, since: datetime | None = None) -> Report:
    """Points that expired unspent, by the merchant that issued them (its liability
    released), since ``since`` (all time by default)."""
    query = (LotUse.select(Merchant.code, Merchant.name, pw.fn.SUM(LotUse.amount))
             .join(Transfer, on=(LotUse.transfer == Transfer.id))
             .switch(LotUse).join(Merchant, on=(LotUse.issuer == Merchant.id))
             .where((Transfer.source == "expiry") & LotUse.acceptor.is_null())
             .group_by(Merchant.id, Merchant.code, Merchant.name)
             .order_by(Merchant.code))
    if since is not None:
        query = query.where(LotUse.created_at >= since)
    rows = [(code, name, int(points))
            for code, name, points in actor.merchants(query, LotUse.issuer).tuples()]
    return Report("breakage", ("merchant_code", "merchant", "expired_points"), rows,
                  _scope(actor))


def _mask(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 7 else "****"


def top_members(actor: Actor, limit: int = 10, now: datetime | None = None) -> Report:
    """The members holding the most open points (a manager: the most of their merchant's
    points). Phones masked."""
    now = now or utcnow()
    held = pw.fn.SUM(Lot.remaining)
    query = (Lot.select(Member.number, Member.name, Member.phone, held.alias("held"))
             .join(Account, on=(Lot.account == Account.id))
             .join(Member, on=(Account.member == Member.id))
             .where((Lot.remaining > 0) & Lot.expired_at.is_null() & (Lot.expires_at > now))
             .group_by(Member.id, Member.number, Member.name, Member.phone)
             .order_by(held.desc(), Member.number)
             .limit(limit))
    rows = [(number, name or "", _mask(phone or ""), int(points))
            for number, name, phone, points in actor.merchants(query, Lot.issuer).tuples()]
    return Report("top_members", ("member_number", "name", "phone", "open_points"), rows,
                  _scope(actor))


REPORTS = {"weekly_points": weekly_points, "liability": liability, "breakage": breakage,
           "top_members": top_members}
