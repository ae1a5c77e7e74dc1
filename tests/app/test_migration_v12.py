"""Migration v12 (points rules, promotion weekdays and hours, tiers, tier changes) upgrades an
older database — its promotions keep running every day, all day — and is a no-op on a fresh
one; on SQLite and PostgreSQL."""

from __future__ import annotations

from app.migrations import SchemaVersion, migrate


def test_v12_adds_rules_tiers_and_promotion_hours_to_an_older_database(db):
    for table in ("tier_change", "tier", "points_rule"):
        db.execute_sql(f"DROP TABLE {table}")
    for column in ("weekdays", "from_minute", "to_minute", "active"):
        db.execute_sql(f"ALTER TABLE promotion DROP COLUMN {column}")
    with SchemaVersion.bind_ctx(db):
        SchemaVersion.delete().where(SchemaVersion.version == 12).execute()
    db.execute_sql("INSERT INTO merchant (code, name, name_en, earn_points, earn_per_minor, "
                   "points_validity_days, active, created_at) "
                   "VALUES ('M', 'm', 'm', 1, 100, 730, TRUE, CURRENT_TIMESTAMP)")
    merchant_id = db.execute_sql("SELECT id FROM merchant WHERE code = 'M'").fetchone()[0]
    db.execute_sql("INSERT INTO promotion (merchant_id, name, percent, starts_at, ends_at) "
                   f"VALUES ({int(merchant_id)}, 'old', 200, '2026-01-01', '2027-01-01')")

    assert migrate(db) >= 12

    assert {"weekdays", "from_minute", "to_minute", "active"} <= {
        c.name for c in db.get_columns("promotion")}
    row = db.execute_sql("SELECT weekdays, from_minute, to_minute, active FROM promotion"
                         ).fetchone()
    assert (row[0], row[1], row[2], bool(row[3])) == ("1234567", 0, 1440, True)
    assert all(db.table_exists(t) for t in ("tier_change", "tier", "points_rule"))
    assert migrate(db) >= 12  # and again: nothing to do
