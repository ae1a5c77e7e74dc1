"""What a settlement run states for each merchant: one line per counterparty merchant."""

from __future__ import annotations

import peewee as pw

from app.models.base import BaseModel
from app.models.ledger import SettlementRun
from app.models.org import Merchant


class SettlementLine(BaseModel):
    """``merchant``'s position against ``counterparty`` in one run.

    ``points_in``: the counterparty's points accepted at ``merchant`` (it is owed for them);
    ``points_out``: ``merchant``'s points accepted at the counterparty (it owes them); both net
    of refunds that gave points back. ``amount_minor`` is the value of ``points_in −
    points_out``: positive, the counterparty pays ``merchant``. The counterparty's line is the
    exact negation, so a run's lines sum to zero.
    """

    run = pw.ForeignKeyField(SettlementRun, backref="lines", on_delete="CASCADE")
    merchant = pw.ForeignKeyField(Merchant, backref="+")
    counterparty = pw.ForeignKeyField(Merchant, backref="+")
    points_in = pw.BigIntegerField()
    points_out = pw.BigIntegerField()
    amount_minor = pw.BigIntegerField()

    class Meta:
        indexes = ((("run", "merchant", "counterparty"), True),)
        constraints = [pw.SQL("CHECK (merchant_id <> counterparty_id)")]
