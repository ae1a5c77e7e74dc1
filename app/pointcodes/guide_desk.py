"""What the guide-mode screen (``--role guide``) asks: a shopping guide signs in with code
and PIN, marks units by scanning or typing their codes, and sees their points and their
merchant's guides' board. Only guides sign in here; the board is their own merchant's."""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from app import ledger, staff
from app.errors import NotFound, PermissionDenied
from app.models import Account, PointCode, Staff, Store, Terminal, Transfer
from app.pointcodes import scans


@dataclass(frozen=True)
class Guide:
    staff_id: int
    code: str
    name: str
    merchant_id: int


@dataclass(frozen=True)
class BoardRow:
    guide_id: int
    name: str
    marked: int
    redeemed: int
    linked_points: int


@dataclass(frozen=True)
class Board:
    balance: int  # the signed-in guide's points
    marked: int  # units they marked
    redeemed: int  # of those, redeemed by members
    rows: list[BoardRow]  # their merchant's guides, most linked points first


def sign_in(code: str, pin: str) -> Guide:
    person = staff.sign_in(code, pin)
    if person.role != "guide" or person.merchant_id is None:
        raise PermissionDenied("pointcode.guide_only", "{name} is not a shopping guide; this "
                               "screen is for guides", name=person.name)
    return Guide(person.id, person.code, person.name, person.merchant_id)


def terminal_id(code: str) -> int | None:
    """The terminal the screen runs on (named in its config), or None when it names none."""
    if not code:
        return None
    row = Terminal.get_or_none(Terminal.code == code)
    if row is None:
        raise NotFound("pointcode.unknown_terminal", "terminal “{terminal}” is not registered",
                       terminal=code)
    return int(row.id)


def store_name(terminal: int | None) -> str:
    if terminal is None:
        return ""
    return str(Store.get_by_id(Terminal.get_by_id(terminal).store_id).name)


def mark(guide: Guide, text: str, terminal: int | None) -> scans.Marked:
    return scans.guide_mark(text, guide.staff_id, terminal)


def board(guide: Guide, limit: int = 20) -> Board:
    counted = pw.fn.SUM(pw.Case(None, [(PointCode.redeemed_at.is_null(False), 1)], 0))
    figures = {g: (int(m), int(r or 0)) for g, m, r in
               PointCode.select(PointCode.guide, pw.fn.COUNT(PointCode.id), counted)
               .where((PointCode.merchant == guide.merchant_id) & PointCode.guide.is_null(False))
               .group_by(PointCode.guide).tuples()}
    linked = dict(Transfer.select(Account.staff, pw.fn.SUM(Transfer.amount))
                  .join(Account, on=(Transfer.credit == Account.id))
                  .join(Staff, on=(Account.staff == Staff.id))
                  .where((Transfer.source == "guide") & (Staff.merchant == guide.merchant_id))
                  .group_by(Account.staff).tuples())
    names = dict(Staff.select(Staff.id, Staff.name).where(
        (Staff.merchant == guide.merchant_id) & (Staff.role == "guide")).tuples())
    rows = [BoardRow(g, names[g], *figures.get(g, (0, 0)), int(linked.get(g, 0)))
            for g in names]
    rows.sort(key=lambda r: (-r.linked_points, -r.redeemed, r.name))
    mine = figures.get(guide.staff_id, (0, 0))
    return Board(ledger.holder_balance(ledger.guide_account(guide.staff_id)), *mine,
                 rows[:limit])
