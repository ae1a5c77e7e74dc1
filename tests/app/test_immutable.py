"""Money records cannot change once committed: every verb, every table, both databases."""

from __future__ import annotations

import uuid

import peewee as pw
import pytest

from app import audit, ledger
from app.cart import Cart
from app.catalogue import Catalogue
from app.checkout import Tender, TillContext, checkout
from app.db import classify, write_tx
from app.migrations import IMMUTABLE_TABLES

VERBS = ("update", "delete", "truncate", "replace")


@pytest.fixture
def records(db, world):
    """One committed row in each money table: a member sale (lines, payment, award transfer),
    a points spend (lot use) and an audit entry. Returns {table: row id}."""
    cart = Cart()
    cart.add(Catalogue(world.store_a).scan("6901939621608"), quantity=4)
    cart.member_id = world.member.id
    ctx = TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id)
    checkout(cart, [Tender("cash", 100_00)], ctx)
    with write_tx():
        ledger.spend(ledger.member_account(world.member), world.merchant_a, 3,
                     key=f"sale:{uuid.uuid4()}:spend", reason="test", source="sale")
        audit.record("test", actor=world.cashier_a, target="immutable")
    ids = {}
    for table in IMMUTABLE_TABLES:
        row = db.execute_sql(f"SELECT MAX(id) FROM {table}").fetchone()
        assert row[0] is not None, f"the fixture made no {table} row"
        ids[table] = row[0]
    return ids


def _statement(db: pw.Database, verb: str, table: str) -> str:
    p = db.param
    if verb == "update":
        return f"UPDATE {table} SET id = id WHERE id = {p}"
    if verb == "delete":
        return f"DELETE FROM {table} WHERE id = {p}"
    if verb == "truncate":  # SQLite has no TRUNCATE: an unqualified DELETE is its form of it
        return (f"DELETE FROM {table}" if isinstance(db, pw.SqliteDatabase)
                else f"TRUNCATE {table} CASCADE")
    if isinstance(db, pw.SqliteDatabase):  # REPLACE deletes the old row, then inserts
        return f"INSERT OR REPLACE INTO {table} SELECT * FROM {table} WHERE id = {p}"
    return (f"INSERT INTO {table} SELECT * FROM {table} WHERE id = {p} "
            "ON CONFLICT (id) DO UPDATE SET id = EXCLUDED.id")


def _counts(db: pw.Database) -> dict[str, int]:
    return {t: db.execute_sql(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in IMMUTABLE_TABLES}


@pytest.mark.parametrize("verb", VERBS)
def test_money_records_refuse_every_change(db, records, verb):
    before = _counts(db)
    for table in IMMUTABLE_TABLES:
        sql = _statement(db, verb, table)
        with pytest.raises(pw.IntegrityError) as refused, db.atomic():
            db.execute_sql(sql, () if verb == "truncate" else (records[table],))
        assert "is immutable" in str(refused.value), (table, verb)
        assert classify(refused.value) == "refused"  # a rule, not an outage
    assert _counts(db) == before
