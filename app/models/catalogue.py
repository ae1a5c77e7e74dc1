"""Products, their barcodes and categories."""

from __future__ import annotations

import peewee as pw

from app.models.base import BaseModel, MoneyField
from app.models.org import Merchant


class Category(BaseModel):
    merchant = pw.ForeignKeyField(Merchant, backref="categories")
    name = pw.CharField(max_length=100)
    name_en = pw.CharField(max_length=100, default="")
    sort = pw.IntegerField(default=0)


class Product(BaseModel):
    merchant = pw.ForeignKeyField(Merchant, backref="products")
    sku = pw.CharField(max_length=40)
    name = pw.CharField(max_length=200)
    name_en = pw.CharField(max_length=200, default="")
    pinyin_initials = pw.CharField(max_length=64, default="", index=True)
    category = pw.ForeignKeyField(Category, null=True, backref="products")
    sold_by = pw.CharField(max_length=8, default="unit")  # unit | weight
    # Tax-inclusive price: per unit, or per kilogram when sold by weight.
    price = MoneyField()
    tax_rate_bp = pw.IntegerField(default=1300)  # basis points: 1300 = 13 %
    bonus_points = pw.IntegerField(default=0)  # extra points per unit sold
    # PLU / item reference carried in GS1 variable-measure barcodes.
    plu = pw.CharField(max_length=8, null=True)
    unit_weight_g = pw.IntegerField(null=True)
    weight_tolerance_g = pw.IntegerField(null=True)
    active = pw.BooleanField(default=True)

    class Meta:
        indexes = (
            (("merchant", "sku"), True),
            (("merchant", "plu"), False),
            (("merchant", "name"), False),
        )
        constraints = [
            pw.SQL("CHECK (price >= 0)"),
            pw.SQL("CHECK (sold_by IN ('unit', 'weight'))"),
            pw.SQL("CHECK (tax_rate_bp >= 0 AND tax_rate_bp <= 10000)"),
        ]


class Barcode(BaseModel):
    """A product may carry several codes; a code names one product per merchant."""

    merchant = pw.ForeignKeyField(Merchant)
    code = pw.CharField(max_length=48)
    product = pw.ForeignKeyField(Product, backref="barcodes", on_delete="CASCADE")

    class Meta:
        indexes = ((("code", "merchant"), True),)


class ProductTerm(BaseModel):
    """The short-query index: each one- or two-ideograph piece of a product's name and the
    first one or two pinyin initials, kept by database triggers (app.search_index). Its key
    is ordered as search results are (shortest name first), so a query for a common
    character reads the first 40 entries and stops instead of sorting every match."""

    merchant_id = pw.IntegerField()
    term = pw.CharField(max_length=8)
    name_len = pw.IntegerField()
    product_id = pw.IntegerField()

    class Meta:
        primary_key = pw.CompositeKey("merchant_id", "term", "name_len", "product_id")
