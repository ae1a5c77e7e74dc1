"""The points ledger: accounts, immutable double-entry transfers, lots and their use.

See ../shared/LEDGER.md. Transfers are append-only (database triggers refuse UPDATE/DELETE).
"""

from __future__ import annotations

import peewee as pw

from app.models.base import BaseModel, created_at_field
from app.models.members import Member
from app.models.org import Merchant, Staff, Terminal

ACCOUNT_KINDS = ("member", "guide", "issued", "redeemed", "breakage", "adjustment")


class Account(BaseModel):
    kind = pw.CharField(max_length=12)
    merchant = pw.ForeignKeyField(Merchant, null=True)
    member = pw.ForeignKeyField(Member, null=True, backref="accounts")
    staff = pw.ForeignKeyField(Staff, null=True)  # a shopping guide's account
    # Cache of Σ credits − Σ debits for member and guide accounts, updated in the transfer's
    # transaction (the row update also serialises concurrent spends of one member). Merchant
    # accounts are summed on demand instead, so busy merchants have no hot row.
    balance = pw.BigIntegerField(default=0)
    # One account per owner. NULLs never collide in a UNIQUE index, so `owner_key` spells it out.
    owner_key = pw.CharField(max_length=64, unique=True)

    class Meta:
        constraints = [
            pw.SQL("CHECK (kind IN ('member','guide','issued','redeemed','breakage','adjustment'))"),
            pw.SQL("CHECK (kind NOT IN ('member', 'guide') OR balance >= 0)"),
        ]


class Transfer(BaseModel):
    idempotency_key = pw.CharField(unique=True, max_length=120)
    request_hash = pw.CharField(max_length=64, default="")  # payload the key was first used with
    debit = pw.ForeignKeyField(Account, backref="debits")
    credit = pw.ForeignKeyField(Account, backref="credits")
    amount = pw.BigIntegerField()
    reason = pw.CharField(max_length=200)
    # sale | refund | code | coupon | adjustment | expiry | settlement | registration | feedback
    # | reward | wallet | partner (app.rewards: points used beyond the till)
    source = pw.CharField(max_length=16)
    source_ref = pw.CharField(max_length=64, default="")
    merchant = pw.ForeignKeyField(Merchant, null=True)  # where it happened / who sponsors it
    terminal = pw.ForeignKeyField(Terminal, null=True)
    staff = pw.ForeignKeyField(Staff, null=True)
    reverses = pw.ForeignKeyField("self", null=True)
    created_at = created_at_field()

    class Meta:
        constraints = [pw.SQL("CHECK (amount > 0)"), pw.SQL("CHECK (debit_id <> credit_id)")]


class Lot(BaseModel):
    """Points awarded to a member (or guide) by one issuing merchant, spent oldest-expiry first."""

    account = pw.ForeignKeyField(Account, backref="lots")
    issuer = pw.ForeignKeyField(Merchant)
    transfer = pw.ForeignKeyField(Transfer)
    points = pw.BigIntegerField()
    remaining = pw.BigIntegerField()
    awarded_at = created_at_field()
    expires_at = pw.DateTimeField(index=True)
    expired_at = pw.DateTimeField(null=True)
    # Set when a refund gives back points a spend consumed: the lot they came from.
    restored_from = pw.DeferredForeignKey("LotUse", null=True, backref="restorations")

    class Meta:
        indexes = ((("account", "expires_at"), False),)
        constraints = [
            pw.SQL("CHECK (points > 0)"),
            pw.SQL("CHECK (remaining >= 0 AND remaining <= points)"),
        ]


class LotUse(BaseModel):
    """How much of which lot a spend (or expiry, or reversal) consumed: the basis of settlement."""

    transfer = pw.ForeignKeyField(Transfer, backref="lot_uses")
    lot = pw.ForeignKeyField(Lot, backref="uses")
    issuer = pw.ForeignKeyField(Merchant, backref="+")
    acceptor = pw.ForeignKeyField(Merchant, null=True, backref="+")  # null: breakage/reversal
    amount = pw.BigIntegerField()
    created_at = created_at_field()

    class Meta:
        constraints = [pw.SQL("CHECK (amount > 0)")]


class SettlementRun(BaseModel):
    period_start = pw.DateTimeField()
    period_end = pw.DateTimeField()
    point_value_minor_per_100 = pw.IntegerField()
    positions = pw.TextField()  # JSON {merchant_code: minor units}
    created_at = created_at_field()

    class Meta:
        indexes = ((("period_start", "period_end"), True),)
