"""Migration v11 (merchants' region and settlement details; stores and terminals can be
deactivated) upgrades an older database, keeps its rows valid and active, and is a no-op on a
fresh one — on SQLite and PostgreSQL."""

from __future__ import annotations

import peewee as pw

from app.migrations import SchemaVersion, migrate

MERCHANT_COLUMNS = ("province", "city", "district", "settlement_account_name",
                    "settlement_bank", "settlement_account_no", "settlement_email")


def _drop(db, table, column):
    db.execute_sql(f"ALTER TABLE {table} DROP COLUMN {column}")


def test_v11_adds_the_columns_to_an_older_database(db):
    db.execute_sql("INSERT INTO merchant (code, name, name_en, earn_points, earn_per_minor, "
                   "points_validity_days, active, created_at) "
                   "VALUES ('M', 'm', 'm', 1, 100, 730, TRUE, CURRENT_TIMESTAMP)")
    merchant_id = db.execute_sql("SELECT id FROM merchant WHERE code = 'M'").fetchone()[0]
    db.execute_sql("INSERT INTO store (merchant_id, code, name, name_en, region, address, "
                   "currency, timezone, greeting_mode, barcode_nomenclature, discount_limit_bp, "
                   f"created_at) VALUES ({int(merchant_id)}, 'S', 's', 's', '', '', 'CNY', "
                   "'Asia/Shanghai', 'passive', '', 1000, CURRENT_TIMESTAMP)")
    store_id = db.execute_sql("SELECT id FROM store WHERE code = 'S'").fetchone()[0]
    db.execute_sql("INSERT INTO terminal (store_id, code, role, next_receipt_seq, next_z_seq) "
                   f"VALUES ({int(store_id)}, 'T', 'cashier', 1, 1)")
    sqlite = isinstance(db, pw.SqliteDatabase)
    if sqlite:  # SQLite rechecks every foreign key when a column is dropped
        db.execute_sql("PRAGMA foreign_keys = OFF")
    for column in MERCHANT_COLUMNS:
        _drop(db, "merchant", column)
    _drop(db, "store", "active")
    _drop(db, "terminal", "active")
    if sqlite:
        db.execute_sql("PRAGMA foreign_keys = ON")
    with SchemaVersion.bind_ctx(db):
        SchemaVersion.delete().where(SchemaVersion.version == 11).execute()

    assert migrate(db) >= 11

    assert set(MERCHANT_COLUMNS) <= {c.name for c in db.get_columns("merchant")}
    assert db.execute_sql("SELECT city, settlement_email FROM merchant").fetchone() == ("", "")
    assert db.execute_sql("SELECT active FROM store").fetchone()[0] in (True, 1)
    assert db.execute_sql("SELECT active FROM terminal").fetchone()[0] in (True, 1)
    # Older code inserting without the new columns still writes valid rows.
    db.execute_sql("INSERT INTO terminal (store_id, code, role, next_receipt_seq, next_z_seq) "
                   f"VALUES ({int(store_id)}, 'T2', 'kiosk', 1, 1)")
    assert db.execute_sql("SELECT active FROM terminal WHERE code = 'T2'").fetchone()[0] in (
        True, 1)
    assert migrate(db) >= 11  # and again: nothing to do
