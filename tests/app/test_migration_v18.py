"""Migration v18 (face index versions: FaceTemplate.version, counter, tombstones, indexes)
upgrades an older database and is a no-op on a fresh one — on SQLite and PostgreSQL."""

from __future__ import annotations

from app.migrations import SchemaVersion, migrate


def indexes(db, table: str) -> set[str]:
    return {i.name for i in db.get_indexes(table)}


def test_v18_adds_the_face_versions_to_an_older_database(db):
    db.execute_sql("DROP TABLE face_tombstone")
    db.execute_sql("DROP TABLE face_counter")
    db.execute_sql("DROP INDEX face_template_version")
    db.execute_sql("DROP INDEX face_template_last_matched_at")
    db.execute_sql("ALTER TABLE face_template DROP COLUMN version")
    with SchemaVersion.bind_ctx(db):
        SchemaVersion.delete().where(SchemaVersion.version == 18).execute()

    assert migrate(db) >= 18

    assert "version" in {c.name for c in db.get_columns("face_template")}
    assert {"face_template_version", "face_template_last_matched_at"} <= indexes(
        db, "face_template")
    assert db.table_exists("face_counter") and db.table_exists("face_tombstone")
    assert migrate(db) >= 18  # and again: nothing to do


def test_a_fresh_database_has_the_face_versions(db):
    assert {"face_template_version", "face_template_last_matched_at"} <= indexes(
        db, "face_template")
    assert "face_tombstone_version" in indexes(db, "face_tombstone")
