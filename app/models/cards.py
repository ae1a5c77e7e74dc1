"""The card medium of a kiosk coupon (SPEC §3): a stored-value card from the kiosk's card
dispenser that carries the coupon's value, and the points deposit the member pledged for it."""

from __future__ import annotations

import peewee as pw

from app.models.base import BaseModel, created_at_field
from app.models.engagement import Coupon
from app.models.members import Member
from app.models.org import Terminal


class StoredValueCard(BaseModel):
    """One dispensed card. ``balance`` and ``deposit`` are points (what the coupon cost, what the
    card's deposit took); both go back to the member when the card comes back, and are booked
    by the ``card_booking`` job when it does not (app.coupons.cards)."""

    number = pw.CharField(unique=True, max_length=32)
    member = pw.ForeignKeyField(Member, backref="stored_value_cards")
    coupon = pw.ForeignKeyField(Coupon, unique=True, backref="cards")
    terminal = pw.ForeignKeyField(Terminal, null=True)
    balance = pw.IntegerField()
    deposit = pw.IntegerField()
    issued_at = created_at_field()
    due_back = pw.DateTimeField()
    returned_at = pw.DateTimeField(null=True)
    booked_at = pw.DateTimeField(null=True)

    class Meta:
        constraints = [pw.SQL("CHECK (balance >= 0 AND deposit >= 0)")]
