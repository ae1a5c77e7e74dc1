"""Loyalty rules beyond a merchant's base rate: product and category points rules, the
coalition's tiers and the record of every member's tier change (migration v12)."""

from __future__ import annotations

import peewee as pw

from app.models.base import BaseModel, created_at_field
from app.models.catalogue import Category, Product
from app.models.members import Member
from app.models.org import Merchant, Staff


class PointsRule(BaseModel):
    """Points for one product or one category of a merchant: a rate that replaces the
    merchant's base rate (``rate_points`` per ``rate_per_minor``, both or neither) and/or a
    fixed bonus per unit sold (a weighed line counts as one unit)."""

    merchant = pw.ForeignKeyField(Merchant, backref="points_rules", on_delete="CASCADE")
    product = pw.ForeignKeyField(Product, null=True, on_delete="CASCADE")
    category = pw.ForeignKeyField(Category, null=True, on_delete="CASCADE")
    rate_points = pw.IntegerField(null=True)
    rate_per_minor = pw.IntegerField(null=True)
    bonus_per_unit = pw.IntegerField(default=0)
    created_at = created_at_field()

    class Meta:
        indexes = ((("merchant", "product"), False), (("merchant", "category"), False))
        constraints = [
            pw.SQL("CHECK ((product_id IS NULL) <> (category_id IS NULL))"),
            pw.SQL("CHECK ((rate_points IS NULL) = (rate_per_minor IS NULL))"),
            pw.SQL("CHECK (rate_points IS NULL OR (rate_points >= 0 AND rate_per_minor > 0))"),
            pw.SQL("CHECK (bonus_per_unit >= 0)"),
        ]


class Tier(BaseModel):
    """A coalition tier: a member whose points earned in the rolling window (setting
    ``tier_window_days``) reach ``threshold`` holds it (the highest such tier)."""

    code = pw.CharField(unique=True, max_length=32)
    name = pw.CharField(max_length=100)
    name_en = pw.CharField(max_length=100, default="")
    threshold = pw.BigIntegerField()

    class Meta:
        constraints = [pw.SQL("CHECK (threshold >= 0)")]


class TierChange(BaseModel):
    """A member moved from one tier to another by an evaluation as of ``at`` (or by hand)."""

    member = pw.ForeignKeyField(Member, backref="tier_changes", on_delete="CASCADE")
    from_tier = pw.CharField(max_length=32)
    to_tier = pw.CharField(max_length=32)
    at = pw.DateTimeField(index=True)  # the evaluation's as-of time (UTC)
    points = pw.BigIntegerField(default=0)  # points earned in the window that decided it
    reason = pw.CharField(max_length=200)
    staff = pw.ForeignKeyField(Staff, null=True)  # who ran the evaluation; None: the job
    created_at = created_at_field()

    class Meta:
        indexes = ((("member", "at"), True),)
