"""The points ledger: accounts, immutable double-entry transfers, lots and their use.

See ../shared/LEDGER.md. Transfers are append-only (database triggers refuse UPDATE/DELETE).
"""

from __future__ import annotations

import peewee as pw

from app.models.base import BaseModel, created_at_field, index_where_set
from app.models.members import Member
from app.models.org import Merchant, Staff, Terminal

ACCOUNT_KINDS = ("member", "guide", "issued", "redeemed", "breakage", "adjustment")


class Account(BaseModel):
    kind = pw.CharField(max_length=12)
    # The owner: one of the three (indexed where set, see _where_set below).
    merchant = pw.ForeignKeyField(Merchant, null=True, index=False)
    member = pw.ForeignKeyField(Member, null=True, backref="accounts", index=False)
    staff = pw.ForeignKeyField(Staff, null=True, index=False)  # a shopping guide's account
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
    # Where it happened / who sponsors it. The optional links are indexed only where set
    # (partial indexes, see below): many movements have none, and each index costs a write.
    merchant = pw.ForeignKeyField(Merchant, null=True, index=False)
    terminal = pw.ForeignKeyField(Terminal, null=True, index=False)
    staff = pw.ForeignKeyField(Staff, null=True, index=False)
    reverses = pw.ForeignKeyField("self", null=True, index=False)
    created_at = created_at_field()

    class Meta:
        constraints = [pw.SQL("CHECK (amount > 0)"), pw.SQL("CHECK (debit_id <> credit_id)")]


class Lot(BaseModel):
    """Points awarded to a member (or guide) by one issuing merchant, spent oldest-expiry first."""

    # Lots are read by holder and by expiry only while open (expired_at IS NULL): the partial
    # indexes lot_due and lot_holder_due (migration 6) serve those reads, so a closed lot
    # leaves no index entries behind but its id's and its award's.
    account = pw.ForeignKeyField(Account, backref="lots", index=False)
    issuer = pw.ForeignKeyField(Merchant, index=False)
    transfer = pw.ForeignKeyField(Transfer)
    points = pw.BigIntegerField()
    remaining = pw.BigIntegerField()
    awarded_at = created_at_field(index=False)
    expires_at = pw.DateTimeField()
    expired_at = pw.DateTimeField(null=True)
    # What the lot still held when it expired (moved to breakage by the expiry transfer, whose
    # lot use per issuer carries no lot): remaining = points − Σ its uses − expired_points.
    expired_points = pw.BigIntegerField(default=0, constraints=[pw.SQL("DEFAULT 0")])
    # Set when a refund gives back points a spend consumed: the lot they came from.
    restored_from = pw.DeferredForeignKey("LotUse", null=True, backref="restorations",
                                          index=False)

    class Meta:
        constraints = [
            pw.SQL("CHECK (points > 0)"),
            pw.SQL("CHECK (remaining >= 0 AND remaining <= points)"),
        ]


class LotUse(BaseModel):
    """How much of which lot a spend (or expiry, or reversal) consumed: the basis of settlement."""

    transfer = pw.ForeignKeyField(Transfer, backref="lot_uses")
    # None for an expiry: its use per issuer covers several lots, each of which records its
    # own part in Lot.expired_points.
    lot = pw.ForeignKeyField(Lot, backref="uses", null=True, index=False)
    # Read by period (created_at) and by movement, then grouped by issuer: no index of its own.
    issuer = pw.ForeignKeyField(Merchant, backref="+", index=False)
    acceptor = pw.ForeignKeyField(Merchant, null=True, backref="+",  # null: breakage/reversal
                                  index=False)
    amount = pw.BigIntegerField()
    created_at = created_at_field()

    class Meta:
        constraints = [pw.SQL("CHECK (amount > 0)")]


# Optional links, indexed where set (migration 24 turned the full indexes into these).
index_where_set(Account, Account.merchant, "account_merchant_id")
index_where_set(Account, Account.member, "account_member_id")
index_where_set(Account, Account.staff, "account_staff_id")
index_where_set(Transfer, Transfer.merchant, "transfer_merchant_id")
index_where_set(Transfer, Transfer.terminal, "transfer_terminal_id")
index_where_set(Transfer, Transfer.staff, "transfer_staff_id")
index_where_set(Transfer, Transfer.reverses, "transfer_reverses_id")
index_where_set(Lot, Lot.restored_from, "lot_restored_from_id")
index_where_set(Lot, Lot.restored_from, "lot_restored_awarded_at", Lot.awarded_at)  # settlement
index_where_set(LotUse, LotUse.lot, "lot_use_lot_id")
index_where_set(LotUse, LotUse.acceptor, "lot_use_acceptor_id")


class SettlementRun(BaseModel):
    period_start = pw.DateTimeField()
    period_end = pw.DateTimeField()
    point_value_minor_per_100 = pw.IntegerField()
    positions = pw.TextField()  # JSON {merchant_code: minor units}
    created_at = created_at_field()

    class Meta:
        indexes = ((("period_start", "period_end"), True),)
