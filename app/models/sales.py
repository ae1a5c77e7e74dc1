"""Shifts, sales, their lines and payments."""

from __future__ import annotations

import peewee as pw

from app.models.base import BaseModel, MoneyField, created_at_field, index_where_set
from app.models.catalogue import Product
from app.models.members import Member
from app.models.org import Merchant, Staff, Store, Terminal


class Shift(BaseModel):
    terminal = pw.ForeignKeyField(Terminal, backref="shifts")
    cashier = pw.ForeignKeyField(Staff)
    opened_at = created_at_field()
    opening_float = MoneyField()
    closed_at = pw.DateTimeField(null=True)
    closed_by = pw.ForeignKeyField(Staff, null=True)
    counted_cash = MoneyField(null=True)
    expected_cash = MoneyField(null=True)
    denomination_counts = pw.TextField(default="")  # JSON {"10000": 3, ...}
    z_number = pw.IntegerField(null=True)


class Sale(BaseModel):
    """A committed sale, refund or void. Amounts are positive; `kind` gives the direction."""

    client_uuid = pw.UUIDField(unique=True)
    # SHA-256 of the request that created the row: a replayed client_uuid with another payload
    # is an IdempotencyConflict, not the first sale returned as if it were this one.
    request_hash = pw.CharField(max_length=64, default="")
    kind = pw.CharField(max_length=8, default="sale")  # sale | refund | void
    original = pw.ForeignKeyField("self", null=True, backref="refunds", index=False)
    receipt_no = pw.CharField(unique=True, max_length=40)
    merchant = pw.ForeignKeyField(Merchant)
    # store and shift lead the composite indexes below; the optional links are indexed where
    # set (migration 24): every index is a write per sale.
    store = pw.ForeignKeyField(Store, index=False)
    terminal = pw.ForeignKeyField(Terminal)
    shift = pw.ForeignKeyField(Shift, null=True, backref="sales", index=False)
    cashier = pw.ForeignKeyField(Staff)
    approved_by = pw.ForeignKeyField(Staff, null=True, index=False)
    member = pw.ForeignKeyField(Member, null=True, backref="sales", index=False)
    created_at = created_at_field()
    subtotal = MoneyField()
    discount = MoneyField(default=0)
    total = MoneyField()
    tax = MoneyField()
    change = MoneyField(default=0)
    points_earned = pw.IntegerField(default=0)
    points_spent = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("shift", "kind"), False), (("store", "created_at"), False))
        constraints = [pw.SQL("CHECK (kind IN ('sale', 'refund', 'void'))")]


class SaleLine(BaseModel):
    sale = pw.ForeignKeyField(Sale, backref="lines", on_delete="CASCADE",
                              index=False)  # leads the (sale, line_no) index
    line_no = pw.IntegerField()
    product = pw.ForeignKeyField(Product, null=True)
    original_line = pw.ForeignKeyField("self", null=True, index=False)  # for refund lines
    name = pw.CharField(max_length=200)
    name_en = pw.CharField(max_length=200, default="")
    barcode = pw.CharField(max_length=48, default="")
    quantity = pw.IntegerField()  # units, or grams for weighed lines
    measure = pw.CharField(max_length=4, default="unit")  # unit | g
    unit_price = MoneyField()  # per unit, or per kg
    gross = MoneyField()  # before discounts
    discount = MoneyField(default=0)  # line + allocated cart discount
    total = MoneyField()
    tax_rate_bp = pw.IntegerField()
    tax = MoneyField()
    points = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("sale", "line_no"), True),)
        constraints = [pw.SQL("CHECK (quantity > 0)")]


class Payment(BaseModel):
    sale = pw.ForeignKeyField(Sale, backref="payments", on_delete="CASCADE")
    tender = pw.CharField(max_length=16)  # cash | card | points | coupon | qr
    amount = MoneyField()  # value applied to the sale
    tendered = MoneyField(default=0)  # cash handed over
    points = pw.IntegerField(default=0)
    reference = pw.CharField(max_length=64, default="")

    class Meta:
        constraints = [pw.SQL("CHECK (amount >= 0)")]


index_where_set(Sale, Sale.original, "sale_original_id")
index_where_set(Sale, Sale.approved_by, "sale_approved_by_id")
index_where_set(Sale, Sale.member, "sale_member_id")
index_where_set(SaleLine, SaleLine.original_line, "sale_line_original_line_id")
