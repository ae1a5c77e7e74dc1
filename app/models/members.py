"""Members, their cards and their recorded consents."""

from __future__ import annotations

import peewee as pw

from app.models.base import BaseModel, created_at_field
from app.models.org import Merchant, Staff, Store


class Member(BaseModel):
    number = pw.CharField(unique=True, max_length=20)
    phone = pw.CharField(unique=True, max_length=20)
    name = pw.CharField(max_length=120, default="")
    tier = pw.CharField(max_length=32, default="standard")
    home_merchant = pw.ForeignKeyField(Merchant, null=True, backref="members")
    registered_store = pw.ForeignKeyField(Store, null=True)
    email = pw.CharField(max_length=200, default="")
    language = pw.CharField(max_length=8, default="zh_CN")  # messages to the member (v10)
    created_at = created_at_field()
    last_seen_at = pw.DateTimeField(null=True)


class Consent(BaseModel):
    """A recorded consent: kind 'marketing', 'face', ... Withdrawn consents stay on record."""

    member = pw.ForeignKeyField(Member, backref="consents", on_delete="CASCADE")
    kind = pw.CharField(max_length=32)
    purpose = pw.CharField(max_length=300)
    retention_days = pw.IntegerField(default=365)
    granted_at = created_at_field()
    withdrawn_at = pw.DateTimeField(null=True)
    recorded_by = pw.ForeignKeyField(Staff, null=True)
    store = pw.ForeignKeyField(Store, null=True)


class MemberCard(BaseModel):
    member = pw.ForeignKeyField(Member, backref="cards", on_delete="CASCADE")
    kind = pw.CharField(max_length=16)  # magstripe | nfc | qr
    number = pw.CharField(unique=True, max_length=64)
    active = pw.BooleanField(default=True)
    issued_at = created_at_field()
