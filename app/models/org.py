"""The coalition's organisation: merchants, stores, terminals, staff, settings."""

from __future__ import annotations

import peewee as pw

from app.models.base import BaseModel, created_at_field

STAFF_ROLES = ("cashier", "manager", "guide", "operator")


class Setting(BaseModel):
    """Coalition-wide settings (point value, ...), one row per key. Never keys or secrets:
    every merchant's till reads this table (signing keys live on the terminal)."""

    key = pw.CharField(primary_key=True, max_length=64)
    value = pw.TextField()


class Merchant(BaseModel):
    code = pw.CharField(unique=True, max_length=32)
    name = pw.CharField(max_length=200)
    name_en = pw.CharField(max_length=200, default="")
    # Earning rule: `earn_points` points for every `earn_per_minor` minor units spent.
    earn_points = pw.IntegerField(default=1)
    earn_per_minor = pw.IntegerField(default=100)
    # Points expire this many days after they are awarded.
    points_validity_days = pw.IntegerField(default=730)
    active = pw.BooleanField(default=True)
    created_at = created_at_field()
    # Region as codes (e.g. shanghai / shanghai / jingan); a store's `region` (what the kiosk
    # matches offers on) is a city code. Added in migration v11, with database defaults so
    # rows written by older code (or plain SQL) stay valid.
    province = pw.CharField(max_length=64, default="", constraints=[pw.SQL("DEFAULT ''")])
    city = pw.CharField(max_length=64, default="", constraints=[pw.SQL("DEFAULT ''")])
    district = pw.CharField(max_length=64, default="", constraints=[pw.SQL("DEFAULT ''")])
    # Where settlement pays out and where statements go (migration v11).
    settlement_account_name = pw.CharField(max_length=200, default="",
                                           constraints=[pw.SQL("DEFAULT ''")])
    settlement_bank = pw.CharField(max_length=200, default="", constraints=[pw.SQL("DEFAULT ''")])
    settlement_account_no = pw.CharField(max_length=34, default="",
                                         constraints=[pw.SQL("DEFAULT ''")])
    settlement_email = pw.CharField(max_length=254, default="",
                                    constraints=[pw.SQL("DEFAULT ''")])

    class Meta:
        constraints = [pw.SQL("CHECK (earn_points >= 0 AND earn_per_minor > 0)")]


class TierMultiplier(BaseModel):
    """Per merchant and member tier, earned points are multiplied by percent/100."""

    merchant = pw.ForeignKeyField(Merchant, backref="tier_multipliers", on_delete="CASCADE")
    tier = pw.CharField(max_length=32)
    percent = pw.IntegerField()

    class Meta:
        indexes = ((("merchant", "tier"), True),)


class Promotion(BaseModel):
    """A points promotion: multiplies the points a sale earns at a merchant (percent: 200 =
    double) while it is in force. Every time here is the selling **store's wall clock**
    (Asia/Shanghai, ...), not UTC: ``starts_at`` ≤ local time < ``ends_at``, on one of the
    ``weekdays`` (ISO digits, "2" = Tuesday), at ``from_minute`` ≤ minute of the day <
    ``to_minute``. See app.loyalty.rules for how it combines with the other rules."""

    merchant = pw.ForeignKeyField(Merchant, backref="promotions", on_delete="CASCADE")
    name = pw.CharField(max_length=200)
    percent = pw.IntegerField()
    starts_at = pw.DateTimeField()
    ends_at = pw.DateTimeField()
    weekdays = pw.CharField(max_length=7, default="1234567")  # added in migration v12
    from_minute = pw.IntegerField(default=0)  # v12
    to_minute = pw.IntegerField(default=1440)  # v12
    active = pw.BooleanField(default=True)  # v12


class Store(BaseModel):
    merchant = pw.ForeignKeyField(Merchant, backref="stores")
    code = pw.CharField(unique=True, max_length=32)
    name = pw.CharField(max_length=200)
    name_en = pw.CharField(max_length=200, default="")
    region = pw.CharField(max_length=64, default="")
    address = pw.CharField(max_length=300, default="")
    currency = pw.CharField(max_length=3, default="CNY")
    timezone = pw.CharField(max_length=40, default="Asia/Shanghai")  # added in migration v2
    greeting_mode = pw.CharField(max_length=16, default="check-in")  # passive | check-in
    # GS1 variable-measure nomenclature as JSON (see app.barcodes.Nomenclature); "" = default.
    barcode_nomenclature = pw.TextField(default="")
    # Discounts above this share of a line's (or the cart's) price need a manager's approval,
    # checked by app.checkout at commit (basis points: 1000 = 10 %). Added in migration v5.
    discount_limit_bp = pw.IntegerField(default=1000)
    # Kiosks confirm a shopper's phone with a one-time SMS code (v20).
    kiosk_sms_code = pw.BooleanField(default=True, constraints=[pw.SQL("DEFAULT TRUE")])
    created_at = created_at_field()
    # Migration v11: a closed store's tills refuse to open.
    active = pw.BooleanField(default=True, constraints=[pw.SQL("DEFAULT TRUE")])


class Terminal(BaseModel):
    store = pw.ForeignKeyField(Store, backref="terminals")
    code = pw.CharField(unique=True, max_length=32)
    role = pw.CharField(max_length=16, default="cashier")
    # Receipt numbers are allocated from here inside the sale's transaction.
    next_receipt_seq = pw.IntegerField(default=1)
    next_z_seq = pw.IntegerField(default=1)
    # Migration v11: a deactivated terminal cannot open.
    active = pw.BooleanField(default=True, constraints=[pw.SQL("DEFAULT TRUE")])


class Staff(BaseModel):
    merchant = pw.ForeignKeyField(Merchant, backref="staff", null=True)  # null: operator
    code = pw.CharField(unique=True, max_length=32)
    name = pw.CharField(max_length=120)
    role = pw.CharField(max_length=16)
    pin_salt = pw.BlobField()
    pin_hash = pw.BlobField()
    failed_attempts = pw.IntegerField(default=0)
    locked_until = pw.DateTimeField(null=True)
    active = pw.BooleanField(default=True)
    created_at = created_at_field()

    class Meta:
        constraints = [
            pw.SQL("CHECK (role IN ('cashier', 'manager', 'guide', 'operator'))"),
        ]
