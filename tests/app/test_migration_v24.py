"""Migration v24 (the lean ledger): an older database — its expiries booked one lot use per
lot, lot_use.lot_id NOT NULL, full indexes on every link — upgrades with its books still
reconciling, and new expiries (one use per issuer, no lot) write into it. A no-op on a fresh
database. (The released v9 SQLite dump goes through it in test_migrate_released_schema.)"""

from __future__ import annotations

from datetime import timedelta

import pytest

from app import ledger
from app.clock import utcnow
from app.db import write_tx
from app.migrations import MIGRATIONS, SchemaVersion, migrate
from app.models import Lot, LotUse


def _v24():
    return next(step for version, _, step in MIGRATIONS if version == 24)


def _indexes(db, table: str) -> dict[str, str]:
    if db.param == "?":
        return {name: sql or "" for name, sql in db.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?",
            (table,)).fetchall()}
    return dict(db.execute_sql("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
                               (table,)).fetchall())


def _lot_id_nullable(db) -> bool:
    return next(c.null for c in db.get_columns("lot_use") if c.name == "lot_id")


def test_v24_is_a_no_op_on_a_fresh_database(db):
    before = {t: _indexes(db, t) for t in ("lot", "lot_use", "transfer")}
    _v24()(db)
    assert {t: _indexes(db, t) for t in ("lot", "lot_use", "transfer")} == before
    assert _lot_id_nullable(db)
    assert "lot_account_id" not in before["lot"] and "lot_holder_due" in before["lot"]
    assert "IS NOT NULL" in before["transfer"]["transfer_staff_id"]
    sale = _indexes(db, "sale")
    assert "sale_store_id" not in sale and "sale_store_id_created_at" in sale
    assert "IS NOT NULL" in sale["sale_member_id"]


# Building the older shape needs ALTER COLUMN … SET NOT NULL: PostgreSQL only (SQLite's older
# shape is the released v9 dump).
@pytest.mark.parametrize("db_url", [pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)
def test_v24_upgrades_books_with_per_lot_expiry_uses(db, world):
    holder = ledger.member_account(world.member)
    now = utcnow()
    with write_tx():
        for n, issuer in enumerate((world.merchant_a, world.merchant_b, world.merchant_a)):
            ledger.award(holder, issuer, 10 + n, key=f"sale:old{n}", reason="r", source="sale",
                         expires_at=now - timedelta(days=1 + n))
        ledger.award(holder, world.merchant_b, 7, key="sale:young", reason="r", source="sale",
                     expires_at=now + timedelta(days=30))
    # The books as v23 wrote an expiry: one use per lot, the lots simply emptied.
    due = list(Lot.select().where(Lot.expires_at <= now).order_by(Lot.id))
    breakage = ledger.breakage_account()
    with write_tx():
        transfer = ledger._post(holder, breakage, sum(lot.remaining for lot in due),
                                key=ledger.expiry_key(holder.id, now, due[-1].id),
                                request_hash="", reason="points expired", source="expiry",
                                ctx=ledger.Context())
        for lot in due:
            LotUse.create(transfer=transfer, lot=lot, issuer=lot.issuer_id, amount=lot.remaining)
        Lot.update(remaining=0, expired_at=now).where(Lot.id.in_([lot.id for lot in due])
                                                      ).execute()
        db.execute_sql("ALTER TABLE lot DROP COLUMN expired_points")
        db.execute_sql("ALTER TABLE lot_use ALTER COLUMN lot_id SET NOT NULL")
        for name, table, column in (("lot_account_id", "lot", "account_id"),
                                    ("lot_awarded_at", "lot", "awarded_at")):
            db.execute_sql(f"CREATE INDEX {name} ON {table} ({column})")
        db.execute_sql("DROP INDEX transfer_staff_id")
        db.execute_sql("CREATE INDEX transfer_staff_id ON transfer (staff_id)")
    with SchemaVersion.bind_ctx(db):
        SchemaVersion.delete().where(SchemaVersion.version == 24).execute()

    assert migrate(db) >= 24

    assert _lot_id_nullable(db)
    lot_indexes, transfer_indexes = _indexes(db, "lot"), _indexes(db, "transfer")
    assert "lot_account_id" not in lot_indexes and "lot_awarded_at" not in lot_indexes
    assert "IS NOT NULL" in transfer_indexes["transfer_staff_id"]
    assert all(lot.expired_points == 0 for lot in Lot.select())  # old expiries: uses per lot
    assert ledger.verify() == []
    # A new expiry books the new way beside the old ones; the books still reconcile.
    with write_tx():
        assert ledger.expire_due(holder, now + timedelta(days=31)) == 7
    assert LotUse.select().where(LotUse.lot.is_null()).count() == 1
    assert ledger.verify() == []
    assert migrate(db) >= 24  # and again: nothing to do
