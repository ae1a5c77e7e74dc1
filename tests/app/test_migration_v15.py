"""Migration v15 (rewards, wallet, partners) upgrades an older database — tables and the
wallet's immutability triggers — and is a no-op on a fresh one, on SQLite and PostgreSQL."""

from __future__ import annotations

import peewee as pw
import pytest

from app.migrations import SchemaVersion, migrate
from app.models import Member, Wallet, WalletEntry
from app.models.rewards import REWARD_MODELS

TABLES = [m._meta.table_name for m in REWARD_MODELS]


def test_v15_creates_the_rewards_wallet_and_partner_tables_on_an_older_database(db):
    for table in reversed(TABLES):
        db.execute_sql(f"DROP TABLE {table}")
    with SchemaVersion.bind_ctx(db):
        SchemaVersion.delete().where(SchemaVersion.version == 15).execute()
    assert not db.table_exists("wallet_entry")

    assert migrate(db) >= 15
    assert all(db.table_exists(t) for t in TABLES)
    member = Member.create(number="1", phone="13800000000")
    wallet = Wallet.create(member=member, balance=5)
    WalletEntry.create(wallet=wallet, key="wallet:x", kind="convert", amount=5, points=5)
    with pytest.raises(pw.DatabaseError), db.atomic():
        db.execute_sql("UPDATE wallet_entry SET amount = 500")
    assert migrate(db) >= 15  # and again: nothing to do
