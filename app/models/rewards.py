"""Points used beyond the till: rewards bought with points, the stored-value wallet points
convert into, and conversions to outside partners (a bank's stored value, an insurer's
premium). See app.rewards."""

from __future__ import annotations

import peewee as pw

from app.models.base import BaseModel, MoneyField, created_at_field
from app.models.engagement import Coupon, Offer
from app.models.members import Member
from app.models.org import Merchant, Staff
from app.models.sales import Sale


class Reward(BaseModel):
    """A gift or a coupon a member buys with points, sponsored by one merchant (the points
    paid are accepted by it, so they settle like points paid at its till)."""

    merchant = pw.ForeignKeyField(Merchant, backref="rewards")
    kind = pw.CharField(max_length=8)  # gift | coupon
    title = pw.CharField(max_length=200)
    title_en = pw.CharField(max_length=200, default="")
    points_price = pw.IntegerField()
    stock = pw.IntegerField(null=True)  # None: unlimited; decremented by a conditional update
    starts_at = pw.DateTimeField()
    ends_at = pw.DateTimeField()
    offer = pw.ForeignKeyField(Offer, null=True)  # a coupon reward issues a coupon of this
    active = pw.BooleanField(default=True)
    created_at = created_at_field()

    class Meta:
        constraints = [
            pw.SQL("CHECK (points_price > 0)"),
            pw.SQL("CHECK (stock IS NULL OR stock >= 0)"),
            pw.SQL("CHECK (kind IN ('gift', 'coupon'))"),
            pw.SQL("CHECK (ends_at > starts_at)"),
        ]


class RewardOrder(BaseModel):
    """One redemption of a reward by a member: the points spent and what was handed over."""

    client_uuid = pw.UUIDField(unique=True)
    reward = pw.ForeignKeyField(Reward, backref="orders")
    member = pw.ForeignKeyField(Member, backref="reward_orders")
    merchant = pw.ForeignKeyField(Merchant)
    points = pw.IntegerField()
    transfer_key = pw.CharField(max_length=120)
    coupon = pw.ForeignKeyField(Coupon, null=True)
    staff = pw.ForeignKeyField(Staff, null=True)
    created_at = created_at_field()


class Wallet(BaseModel):
    """A member's stored value; ``balance`` caches Σ entries, updated in the entry's
    transaction by a conditional UPDATE (which also serialises two spends of one wallet)."""

    member = pw.ForeignKeyField(Member, unique=True, backref="wallets")
    balance = pw.BigIntegerField(default=0)
    created_at = created_at_field()

    class Meta:
        constraints = [pw.SQL("CHECK (balance >= 0)")]


class WalletEntry(BaseModel):
    """An append-only movement of wallet money (signed: + credit, − debit)."""

    wallet = pw.ForeignKeyField(Wallet, backref="entries")
    key = pw.CharField(max_length=120, unique=True)  # idempotency key (wallet:…)
    kind = pw.CharField(max_length=12)  # convert | pay | refund
    amount = pw.BigIntegerField()
    points = pw.IntegerField(default=0)  # points converted (convert entries)
    merchant = pw.ForeignKeyField(Merchant, null=True)  # where it was paid / refunded
    sale = pw.ForeignKeyField(Sale, null=True)
    reverses = pw.ForeignKeyField("self", null=True)
    staff = pw.ForeignKeyField(Staff, null=True)
    created_at = created_at_field()

    class Meta:
        constraints = [pw.SQL("CHECK (amount <> 0)"),
                       pw.SQL("CHECK (kind IN ('convert', 'pay', 'refund'))")]


class WalletLot(BaseModel):
    """Wallet money that came from one issuer's points: spent oldest first, like point lots,
    so a payment at merchant B of money converted from A's points settles A → B."""

    wallet = pw.ForeignKeyField(Wallet, backref="lots")
    issuer = pw.ForeignKeyField(Merchant)
    entry = pw.ForeignKeyField(WalletEntry)
    amount = pw.BigIntegerField()
    remaining = pw.BigIntegerField()
    restored_from = pw.DeferredForeignKey("WalletUse", null=True)
    created_at = created_at_field()

    class Meta:
        indexes = ((("wallet", "remaining"), False),)
        constraints = [pw.SQL("CHECK (amount > 0)"),
                       pw.SQL("CHECK (remaining >= 0 AND remaining <= amount)")]


class WalletUse(BaseModel):
    """How much of which wallet lot a payment took, and where: the basis of its settlement."""

    entry = pw.ForeignKeyField(WalletEntry, backref="uses")
    lot = pw.ForeignKeyField(WalletLot, backref="uses")
    issuer = pw.ForeignKeyField(Merchant, backref="+")
    acceptor = pw.ForeignKeyField(Merchant, backref="+")
    amount = pw.BigIntegerField()
    created_at = created_at_field()

    class Meta:
        constraints = [pw.SQL("CHECK (amount > 0)")]


class Partner(BaseModel):
    """An outside party points convert into (a bank's stored value, an insurance premium)."""

    code = pw.CharField(unique=True, max_length=32)
    name = pw.CharField(max_length=200)
    name_en = pw.CharField(max_length=200, default="")
    kind = pw.CharField(max_length=12)  # bank | insurance
    provider = pw.CharField(max_length=32, default="local")
    # Money the partner credits for 100 points, minor units; rounded down per conversion.
    minor_per_100_points = pw.IntegerField()
    folder = pw.CharField(max_length=500, default="")  # the local provider's exchange folder
    auto_accept = pw.BooleanField(default=False)  # local provider: accept without a response
    active = pw.BooleanField(default=True)
    created_at = created_at_field()

    class Meta:
        constraints = [pw.SQL("CHECK (minor_per_100_points > 0)"),
                       pw.SQL("CHECK (kind IN ('bank', 'insurance'))")]


class PartnerConversion(BaseModel):
    """Points a member converted into a partner's money; settled to the partner per period."""

    client_uuid = pw.UUIDField(unique=True)
    partner = pw.ForeignKeyField(Partner, backref="conversions")
    member = pw.ForeignKeyField(Member, backref="partner_conversions")
    points = pw.IntegerField()
    amount = MoneyField()
    account_ref = pw.CharField(max_length=64)  # the member's account/policy at the partner
    status = pw.CharField(max_length=10, default="pending")  # pending | accepted | refused
    partner_ref = pw.CharField(max_length=64, default="")
    reason = pw.CharField(max_length=200, default="")
    staff = pw.ForeignKeyField(Staff, null=True)
    created_at = created_at_field()
    decided_at = pw.DateTimeField(null=True)

    class Meta:
        constraints = [pw.SQL("CHECK (points > 0)"), pw.SQL("CHECK (amount > 0)"),
                       pw.SQL("CHECK (status IN ('pending', 'accepted', 'refused'))")]


REWARD_MODELS = [Reward, RewardOrder, Wallet, WalletEntry, WalletLot, WalletUse, Partner,
                 PartnerConversion]
