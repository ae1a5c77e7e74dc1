"""Payments captured by a provider (a QR wallet, the card terminal) that a sale's tender points to."""

from __future__ import annotations

import peewee as pw

from app.models.base import BaseModel, MoneyField, created_at_field
from app.models.org import Merchant, Terminal
from app.models.sales import Sale


class PaymentRecord(BaseModel):
    """One captured payment. It pays at most one sale: ``sale`` is set once, by a conditional
    update in that sale's transaction, and (kind, reference) is unique."""

    kind = pw.CharField(max_length=8)  # qr | card
    provider = pw.CharField(max_length=32)
    reference = pw.CharField(max_length=64)
    merchant = pw.ForeignKeyField(Merchant)
    terminal = pw.ForeignKeyField(Terminal, null=True)
    amount = MoneyField()
    status = pw.CharField(max_length=12, default="captured")  # captured | refused | refunded (money paid back)
    captured_at = created_at_field()
    sale = pw.ForeignKeyField(Sale, null=True, backref="payment_records")
    used_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = ((("kind", "reference"), True),)
        constraints = [pw.SQL("CHECK (amount > 0)"), pw.SQL("CHECK (kind IN ('qr', 'card'))")]
