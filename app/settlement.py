"""Settlement between merchants: who owes whom for points issued at one and spent at another.

Positions come straight from the lot-use records (which issuer's points each acceptor took),
less any points given back by refunds, so they always sum to zero.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import peewee as pw

from app.errors import ValidationError
from app.models import Lot, LotUse


def point_positions(start: datetime, end: datetime) -> dict[int, int]:
    """Per merchant id, points it is owed (+) or owes (−) for [start, end)."""
    if not start < end:
        raise ValidationError("settlement.bad_period",
                              "a settlement period must end after it starts ({start} – {end})",
                              start=start.isoformat(), end=end.isoformat())
    positions: dict[int, int] = defaultdict(int)
    spent = (
        LotUse.select(LotUse.issuer, LotUse.acceptor, pw.fn.SUM(LotUse.amount))
        .where((LotUse.created_at >= start) & (LotUse.created_at < end)
               & LotUse.acceptor.is_null(False) & (LotUse.issuer != LotUse.acceptor))
        .group_by(LotUse.issuer, LotUse.acceptor)
        .tuples()
    )
    for issuer, acceptor, amount in spent:
        positions[acceptor] += int(amount)
        positions[issuer] -= int(amount)
    given_back = (
        Lot.select(LotUse.issuer, LotUse.acceptor, pw.fn.SUM(Lot.points))
        .join(LotUse, on=(Lot.restored_from == LotUse.id))
        .where((Lot.awarded_at >= start) & (Lot.awarded_at < end)
               & LotUse.acceptor.is_null(False) & (LotUse.issuer != LotUse.acceptor))
        .group_by(LotUse.issuer, LotUse.acceptor)
        .tuples()
    )
    for issuer, acceptor, amount in given_back:
        positions[acceptor] -= int(amount)
        positions[issuer] += int(amount)
    return {k: v for k, v in positions.items() if v}
