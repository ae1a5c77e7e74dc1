"""Migration v22 (stored-value cards) creates the card table on an older database and is a
no-op on a fresh one — on SQLite and PostgreSQL."""

from __future__ import annotations

from app.migrations import SchemaVersion, migrate


def test_v22_creates_the_card_table_on_an_older_database(db):
    db.execute_sql("DROP TABLE stored_value_card")
    with SchemaVersion.bind_ctx(db):
        SchemaVersion.delete().where(SchemaVersion.version == 22).execute()
    assert "stored_value_card" not in db.get_tables()
    assert migrate(db) >= 22
    assert "stored_value_card" in db.get_tables()
    columns = {c.name for c in db.get_columns("stored_value_card")}
    assert {"number", "member_id", "coupon_id", "balance", "deposit", "due_back",
            "returned_at", "booked_at"} <= columns


def test_v22_is_a_no_op_on_a_fresh_database(db):
    with SchemaVersion.bind_ctx(db):
        SchemaVersion.delete().where(SchemaVersion.version == 22).execute()
    migrate(db)  # the table is already there: nothing to do, nothing fails
    assert "stored_value_card" in db.get_tables()
