"""Offers and coupons, point codes, scan-and-go orders, faces and visits."""

from __future__ import annotations

import peewee as pw

from app.models.base import BaseModel, MoneyField, created_at_field
from app.models.catalogue import Product
from app.models.members import Consent, Member
from app.models.org import Merchant, Staff, Store, Terminal
from app.models.sales import Sale


class Offer(BaseModel):
    merchant = pw.ForeignKeyField(Merchant, backref="offers")
    title = pw.CharField(max_length=200)
    title_en = pw.CharField(max_length=200, default="")
    description = pw.TextField(default="")
    region = pw.CharField(max_length=64, default="")
    price_points = pw.IntegerField(default=0)
    price = MoneyField(default=0)
    face_value = MoneyField(default=0)
    valid_from = pw.DateTimeField()
    valid_until = pw.DateTimeField()
    coupon_validity_days = pw.IntegerField(default=30)
    per_member_limit = pw.IntegerField(default=1)
    stock = pw.IntegerField(null=True)
    active = pw.BooleanField(default=True)
    # How its coupons are used at the till: "tender" pays face_value towards the sale;
    # "discount" takes face_value off the line of `product` (or off any of the merchant's
    # products when product is empty), re-priced by the domain at commit.
    kind = pw.CharField(max_length=8, default="tender")
    product = pw.ForeignKeyField(Product, null=True, backref="+")


class Coupon(BaseModel):
    code = pw.CharField(unique=True, max_length=64)  # signed, unforgeable
    client_uuid = pw.UUIDField(unique=True)
    offer = pw.ForeignKeyField(Offer, backref="coupons")
    member = pw.ForeignKeyField(Member, backref="coupons")
    issued_at = created_at_field()
    valid_until = pw.DateTimeField()
    redeemed_at = pw.DateTimeField(null=True)
    redeemed_store = pw.ForeignKeyField(Store, null=True)
    redeemed_sale = pw.ForeignKeyField(Sale, null=True)


QUESTION_KINDS = ("none", "choice", "rating", "text")


class PointCodeBatch(BaseModel):
    """Codes generated together for one product; the campaign's follow-up question rides on
    the batch (shown after a member redeems one of its codes)."""

    merchant = pw.ForeignKeyField(Merchant, backref="code_batches")
    product = pw.ForeignKeyField(Product)
    points = pw.IntegerField()
    count = pw.IntegerField()
    created_by = pw.ForeignKeyField(Staff, null=True)
    created_at = created_at_field()
    voided_at = pw.DateTimeField(null=True)
    voided_by = pw.ForeignKeyField(Staff, null=True, backref="+")
    question_kind = pw.CharField(max_length=8, default="none")
    question = pw.CharField(max_length=300, default="")
    question_en = pw.CharField(max_length=300, default="")
    choices = pw.TextField(default="")  # JSON list of {"zh": …, "en": …} for kind "choice"
    feedback_points = pw.IntegerField(default=0)

    class Meta:
        constraints = [pw.SQL("CHECK (points > 0 AND count > 0 AND feedback_points >= 0)")]


class PointCode(BaseModel):
    """A unique, signed, one-time code on one product unit (``serial`` holds the code's text,
    app.typable_codes; ``batch`` the batch it was generated in, v19)."""

    serial = pw.CharField(unique=True, max_length=32)
    batch = pw.ForeignKeyField(PointCodeBatch, null=True, backref="codes")
    product = pw.ForeignKeyField(Product)
    merchant = pw.ForeignKeyField(Merchant)
    points = pw.IntegerField()
    created_at = created_at_field()
    guide = pw.ForeignKeyField(Staff, null=True)
    guide_marked_at = pw.DateTimeField(null=True)
    redeemed_at = pw.DateTimeField(null=True)
    redeemed_by = pw.ForeignKeyField(Member, null=True)
    redeemed_terminal = pw.ForeignKeyField(Terminal, null=True)


class ScanOrder(BaseModel):
    """A scan-and-go basket submitted from a handheld; paid at a kiosk, checked at the exit."""

    token = pw.CharField(unique=True, max_length=64)
    client_uuid = pw.UUIDField(unique=True)
    store = pw.ForeignKeyField(Store)
    member = pw.ForeignKeyField(Member, null=True)
    created_at = created_at_field()
    total = MoneyField()
    expected_weight_g = pw.IntegerField()
    tolerance_g = pw.IntegerField()
    status = pw.CharField(max_length=12, default="open")  # open | paid | exited | alarm
    sale = pw.ForeignKeyField(Sale, null=True)
    exited_at = pw.DateTimeField(null=True)


class ScanOrderLine(BaseModel):
    order = pw.ForeignKeyField(ScanOrder, backref="lines", on_delete="CASCADE")
    product = pw.ForeignKeyField(Product)
    quantity = pw.IntegerField()
    weight_g = pw.IntegerField()
    total = MoneyField()


class FaceTemplate(BaseModel):
    member = pw.ForeignKeyField(Member, backref="face_templates", on_delete="CASCADE")
    consent = pw.ForeignKeyField(Consent, on_delete="CASCADE")
    encoding = pw.BlobField()  # 128 × float32
    created_at = created_at_field()
    last_matched_at = pw.DateTimeField(null=True, index=True)
    store = pw.ForeignKeyField(Store, null=True)
    # The face-change counter value of the transaction that stored this template: a running
    # greeter reads only templates (and tombstones) newer than the version it holds.
    version = pw.BigIntegerField(default=0, index=True)


class Visit(BaseModel):
    member = pw.ForeignKeyField(Member, backref="visits", on_delete="CASCADE")
    store = pw.ForeignKeyField(Store)
    at = created_at_field()
    confidence_milli = pw.IntegerField(default=0)
    source = pw.CharField(max_length=16, default="face")  # face | check-in | card
