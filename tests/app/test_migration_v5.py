"""Migration v5 (store discount limits, payment records) upgrades an older database and is a
no-op on a fresh one — on SQLite and PostgreSQL."""

from __future__ import annotations

from app.migrations import SchemaVersion, migrate


def test_v5_adds_the_discount_limit_and_payment_records_to_an_older_database(db):
    db.execute_sql("DROP TABLE payment_record")
    db.execute_sql("ALTER TABLE store DROP COLUMN discount_limit_bp")
    with SchemaVersion.bind_ctx(db):
        SchemaVersion.delete().where(SchemaVersion.version == 5).execute()
    db.execute_sql("INSERT INTO merchant (code, name, name_en, earn_points, earn_per_minor, "
                   "points_validity_days, active, created_at) "
                   "VALUES ('M', 'm', 'm', 1, 100, 730, TRUE, CURRENT_TIMESTAMP)")
    merchant_id = db.execute_sql("SELECT id FROM merchant WHERE code = 'M'").fetchone()[0]
    db.execute_sql("INSERT INTO store (merchant_id, code, name, name_en, region, address, "
                   "currency, timezone, greeting_mode, barcode_nomenclature, created_at) "
                   f"VALUES ({int(merchant_id)}, 'S', 's', 's', '', '', 'CNY', 'Asia/Shanghai', "
                   "'passive', '', CURRENT_TIMESTAMP)")

    assert migrate(db) >= 5

    assert "discount_limit_bp" in {c.name for c in db.get_columns("store")}
    assert db.execute_sql("SELECT discount_limit_bp FROM store").fetchone()[0] == 1000
    assert db.table_exists("payment_record")
    assert migrate(db) >= 5  # and again: nothing to do
