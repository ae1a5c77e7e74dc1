"""Versioned schema migrations. Each step runs once, in its own transaction, in order.

Add a step by appending a function to MIGRATIONS; never edit a step that has shipped.
A fresh database is created by step 1 from the current models, so every later step must
also be a no-op where its change is already there (check before adding a column).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import peewee as pw

from app.clock import utcnow

log = logging.getLogger(__name__)

APPEND_ONLY_TABLES = ("transfer", "audit_entry", "lot_use")


class SchemaVersion(pw.Model):
    version = pw.IntegerField(primary_key=True)
    applied_at = pw.DateTimeField()

    class Meta:
        table_name = "schema_version"


def _append_only_triggers(db: pw.Database) -> None:
    """Ledger entries and audit rows are immutable: the database itself refuses changes."""
    if isinstance(db, pw.SqliteDatabase):
        for table in APPEND_ONLY_TABLES:
            for op in ("UPDATE", "DELETE"):
                db.execute_sql(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
    else:
        db.execute_sql(
            "CREATE OR REPLACE FUNCTION patron_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '%% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql"
        )
        for table in APPEND_ONLY_TABLES:
            db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            db.execute_sql(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION patron_append_only()"
            )


def _v1_initial(db: pw.Database) -> None:
    from app.models import ALL_MODELS

    with db.bind_ctx(ALL_MODELS, bind_refs=False, bind_backrefs=False):
        db.create_tables(ALL_MODELS, safe=False)
    _append_only_triggers(db)


def _v2_open_shift_and_timezone(db: pw.Database) -> None:
    from playhouse.migrate import PostgresqlMigrator, SqliteMigrator
    from playhouse.migrate import migrate as run

    migrator = SqliteMigrator(db) if isinstance(db, pw.SqliteDatabase) else PostgresqlMigrator(db)
    if "timezone" not in {c.name for c in db.get_columns("store")}:
        run(migrator.add_column("store", "timezone",
                                pw.CharField(max_length=40, default="Asia/Shanghai")))
    # At most one open shift per terminal, enforced by the database itself.
    db.execute_sql("CREATE UNIQUE INDEX IF NOT EXISTS shift_one_open_per_terminal "
                   "ON shift (terminal_id) WHERE closed_at IS NULL")


def _add_column(db: pw.Database, table: str, name: str, field: pw.Field) -> None:
    """Add a column unless it is there (a fresh database got it from the models in step 1)."""
    from playhouse.migrate import PostgresqlMigrator, SqliteMigrator
    from playhouse.migrate import migrate as run

    if name in {c.name for c in db.get_columns(table)}:
        return
    migrator = SqliteMigrator(db) if isinstance(db, pw.SqliteDatabase) else PostgresqlMigrator(db)
    run(migrator.add_column(table, name, field))


def _v3_stored_approvals(db: pw.Database) -> None:
    from app.models import ApprovalGrant

    with db.bind_ctx([ApprovalGrant], bind_refs=False, bind_backrefs=False):
        db.create_tables([ApprovalGrant], safe=True)
    _add_column(db, "sale", "request_hash", pw.CharField(max_length=64, default=""))
    _add_column(db, "transfer", "request_hash", pw.CharField(max_length=64, default=""))


def _v6_due_lot_indexes(db: pw.Database) -> None:
    # Lots still waiting for expiry, by date and by holder: the expiry job and every balance
    # look only at these, so their cost does not grow with years of expired lots.
    db.execute_sql("CREATE INDEX IF NOT EXISTS lot_due ON lot (expires_at) "
                   "WHERE expired_at IS NULL")
    db.execute_sql("CREATE INDEX IF NOT EXISTS lot_holder_due ON lot (account_id, expires_at) "
                   "WHERE expired_at IS NULL")


MIGRATIONS: list[tuple[int, str, Callable[[pw.Database], None]]] = [
    (1, "initial schema", _v1_initial),
    (2, "one open shift per terminal; store time zone", _v2_open_shift_and_timezone),
    (3, "stored single-use approvals; request hashes on sales and transfers",
     _v3_stored_approvals),
    (6, "indexes of lots awaiting expiry", _v6_due_lot_indexes),
]


def current_version(db: pw.Database) -> int:
    with SchemaVersion.bind_ctx(db):
        if not db.table_exists("schema_version"):
            return 0
        return SchemaVersion.select(pw.fn.MAX(SchemaVersion.version)).scalar() or 0


def migrate(db: pw.Database) -> int:
    """Apply pending migrations; returns the schema version now in force."""
    with SchemaVersion.bind_ctx(db):
        db.create_tables([SchemaVersion], safe=True)
        for version, title, step in MIGRATIONS:
            with db.atomic():
                if isinstance(db, pw.PostgresqlDatabase):
                    # Two terminals starting at once: one migrates, the other waits.
                    db.execute_sql("LOCK TABLE schema_version IN EXCLUSIVE MODE")
                if SchemaVersion.get_or_none(SchemaVersion.version == version):
                    continue
                log.info("migrating schema to v%d: %s", version, title)
                step(db)
                SchemaVersion.create(version=version, applied_at=utcnow())
        return current_version(db)
