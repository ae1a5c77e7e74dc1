"""Feedback answers to a point-code batch's question, guide linkage rules, the failed attempts
that slow down code guessing (batches and codes: app.models.engagement), and the one-time SMS
codes that confirm a shopper's phone at a kiosk."""

from __future__ import annotations

import peewee as pw

from app.models.base import BaseModel, created_at_field
from app.models.engagement import PointCodeBatch
from app.models.members import Member
from app.models.org import Merchant, Terminal


class FeedbackAnswer(BaseModel):
    """A member's answer to a batch's question: one per member and batch (the reward's once)."""

    batch = pw.ForeignKeyField(PointCodeBatch, backref="answers")
    member = pw.ForeignKeyField(Member, on_delete="CASCADE")
    code = pw.CharField(max_length=32)
    answer = pw.TextField()
    at = created_at_field()

    class Meta:
        indexes = ((("batch", "member"), True),)


class GuideLinkRule(BaseModel):
    """What a shopping guide earns when a member redeems a unit the guide marked: fixed points,
    or a percentage (basis points) of the code's points. One rule per merchant."""

    merchant = pw.ForeignKeyField(Merchant, unique=True)
    kind = pw.CharField(max_length=8, default="fixed")  # fixed | percent
    value = pw.IntegerField(default=0)  # points, or basis points for percent

    class Meta:
        constraints = [pw.SQL("CHECK (kind IN ('fixed', 'percent') AND value >= 0)")]


class AttemptFailure(BaseModel):
    """A refused code (point code, coupon) from a terminal or member: counted to slow guessing
    down across processes and terminals."""

    scope = pw.CharField(max_length=64, index=True)  # "terminal:3", "member:9"
    at = created_at_field()
    terminal = pw.ForeignKeyField(Terminal, null=True)


class PhoneChallenge(BaseModel):
    """A one-time SMS code sent to a phone to prove the shopper holds it (kiosk identify).
    Only a salted hash of the code is stored; it expires and allows a few attempts."""

    phone = pw.CharField(max_length=20, index=True)
    code_hash = pw.CharField(max_length=64)
    salt = pw.CharField(max_length=32)
    terminal = pw.ForeignKeyField(Terminal, null=True)
    created_at = created_at_field()
    expires_at = pw.DateTimeField()
    attempts = pw.IntegerField(default=0)
    confirmed_at = pw.DateTimeField(null=True)
