"""Who owes whom for points issued at one merchant and spent at another.

Flows come straight from the lot-use records (which issuer's points each acceptor took), less
the points refunds gave back, so positions always sum to zero.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import peewee as pw

from app.errors import ValidationError
from app.models import Lot, LotUse


def check_period(start: datetime, end: datetime) -> None:
    if not start < end:
        raise ValidationError("settlement.bad_period",
                              "a settlement period must end after it starts ({start} – {end})",
                              start=start.isoformat(), end=end.isoformat())


def pair_flows(start: datetime, end: datetime) -> dict[tuple[int, int], int]:
    """Per (issuer, acceptor) merchant pair, the issuer's points accepted at the acceptor in
    [start, end), less those refunds gave back in the period. Two aggregate queries."""
    check_period(start, end)
    flows: dict[tuple[int, int], int] = defaultdict(int)
    spent = (
        LotUse.select(LotUse.issuer, LotUse.acceptor, pw.fn.SUM(LotUse.amount))
        .where((LotUse.created_at >= start) & (LotUse.created_at < end)
               & LotUse.acceptor.is_null(False) & (LotUse.issuer != LotUse.acceptor))
        .group_by(LotUse.issuer, LotUse.acceptor)
        .tuples()
    )
    for issuer, acceptor, amount in spent:
        flows[(issuer, acceptor)] += int(amount)
    given_back = (
        Lot.select(LotUse.issuer, LotUse.acceptor, pw.fn.SUM(Lot.points))
        .join(LotUse, on=(Lot.restored_from == LotUse.id))
        .where((Lot.awarded_at >= start) & (Lot.awarded_at < end)
               & LotUse.acceptor.is_null(False) & (LotUse.issuer != LotUse.acceptor))
        .group_by(LotUse.issuer, LotUse.acceptor)
        .tuples()
    )
    for issuer, acceptor, amount in given_back:
        flows[(issuer, acceptor)] -= int(amount)
    return {pair: points for pair, points in flows.items() if points}


def point_positions(start: datetime, end: datetime) -> dict[int, int]:
    """Per merchant id, points it is owed (+) or owes (−) for [start, end)."""
    positions: dict[int, int] = defaultdict(int)
    for (issuer, acceptor), points in pair_flows(start, end).items():
        positions[acceptor] += points
        positions[issuer] -= points
    return {k: v for k, v in positions.items() if v}
