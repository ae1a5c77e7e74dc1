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


def _v5_sale_authority(db: pw.Database) -> None:
    from app.models import PaymentRecord

    _add_column(db, "store", "discount_limit_bp", pw.IntegerField(default=1000))
    with db.bind_ctx([PaymentRecord], bind_refs=False, bind_backrefs=False):
        db.create_tables([PaymentRecord], safe=True)


# Money records: once committed, a sale, its lines and payments, a ledger transfer, a lot use
# or an audit entry is never changed again (a correction is a new row: a refund, a void, a
# reversing transfer). The database enforces it, whoever is connected.
IMMUTABLE_TABLES = ("sale", "sale_line", "payment", "transfer", "lot_use", "audit_entry")


def _v7_immutable_money_records(db: pw.Database) -> None:
    """Refuse UPDATE, DELETE, TRUNCATE and (SQLite) INSERT OR REPLACE on money records."""
    if isinstance(db, pw.SqliteDatabase):
        # SQLite has no TRUNCATE (an unqualified DELETE fires the delete trigger), and
        # INSERT OR REPLACE fires it too when recursive_triggers is on (app.db pragmas).
        for table in IMMUTABLE_TABLES:
            for op in ("update", "delete"):
                db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_no_{op}")
                db.execute_sql(
                    f"CREATE TRIGGER {table}_no_{op} BEFORE {op.upper()} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is immutable'); END")
        return
    # restrict_violation (SQLSTATE 23001): an integrity refusal, so drivers and
    # app.db.classify() report it as a rule that was broken, never as an outage.
    db.execute_sql(
        "CREATE OR REPLACE FUNCTION patron_immutable() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION '%% is immutable', TG_TABLE_NAME "
        "USING ERRCODE = 'restrict_violation'; END; $$ LANGUAGE plpgsql")
    for table in IMMUTABLE_TABLES:
        db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}")
        db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        db.execute_sql(f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION patron_immutable()")
        db.execute_sql(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION patron_immutable()")


def _v8_signing_keys_leave_the_database(db: pw.Database) -> None:
    # Signing keys now live on each terminal (app.signing_keys); the old shared secret must
    # not stay readable by every merchant's tills.
    db.execute_sql("""DELETE FROM setting WHERE "key" = 'code_secret'""")


def _v6_due_lot_indexes(db: pw.Database) -> None:
    # Lots still waiting for expiry, by date and by holder: the expiry job and every balance
    # look only at these, so their cost does not grow with years of expired lots.
    db.execute_sql("CREATE INDEX IF NOT EXISTS lot_due ON lot (expires_at) "
                   "WHERE expired_at IS NULL")
    db.execute_sql("CREATE INDEX IF NOT EXISTS lot_holder_due ON lot (account_id, expires_at) "
                   "WHERE expired_at IS NULL")


def _v9_product_search_indexes(db: pw.Database) -> None:
    from app.models import ProductTerm
    from app.search_index import install

    with db.bind_ctx([ProductTerm], bind_refs=False, bind_backrefs=False):
        db.create_tables([ProductTerm], safe=True)
    install(db)


def _add_defaulted_column(db: pw.Database, table: str, name: str, sql_type: str,
                          default: str) -> None:
    """Add a NOT NULL column with a database default in one ALTER TABLE (no-op when present).

    playhouse's SQLite migrator makes a column NOT NULL by rebuilding the table, which drops
    the original: refused for a table other rows reference (merchant, store, terminal)."""
    if name in {c.name for c in db.get_columns(table)}:
        return
    db.execute_sql(f"ALTER TABLE {table} ADD COLUMN {name} {sql_type} NOT NULL DEFAULT {default}")


def _v10_message_language_and_attachments(db: pw.Database) -> None:
    _add_defaulted_column(db, "member", "language", "VARCHAR(8)", "'zh_CN'")
    _add_defaulted_column(db, "outbox_message", "kind", "VARCHAR(40)", "''")
    _add_defaulted_column(db, "outbox_message", "attachments", "TEXT", "''")


def _v11_merchant_region_settlement_and_active_flags(db: pw.Database) -> None:
    # Database defaults as in the models: rows inserted by older code stay valid.
    for name, length in (("province", 64), ("city", 64), ("district", 64),
                         ("settlement_account_name", 200), ("settlement_bank", 200),
                         ("settlement_account_no", 34), ("settlement_email", 254)):
        _add_defaulted_column(db, "merchant", name, f"VARCHAR({length})", "''")
    boolean = "INTEGER" if isinstance(db, pw.SqliteDatabase) else "BOOLEAN"  # as peewee's
    for table in ("store", "terminal"):
        _add_defaulted_column(db, table, "active", boolean, "TRUE")


def _v17_outbox_dispatch(db: pw.Database) -> None:
    for name in ("claimed_at", "last_attempt_at", "failed_at"):
        _add_column(db, "outbox_message", name, pw.DateTimeField(null=True))
    for name, sql_type in (("claimed_by", "VARCHAR(40)"), ("error_code", "VARCHAR(60)"),
                           ("error_detail", "TEXT")):
        _add_defaulted_column(db, "outbox_message", name, sql_type, "''")
    # What the dispatcher looks for on every tick: unsent, not parked, by due time. Sent
    # messages pile up for years; the partial index keeps the claim's cost to the queue.
    db.execute_sql("CREATE INDEX IF NOT EXISTS outbox_message_due ON outbox_message "
                   "(next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL")


def _v19_point_code_batches(db: pw.Database) -> None:
    from app.models import AttemptFailure, FeedbackAnswer, GuideLinkRule, PointCodeBatch

    new = [PointCodeBatch, FeedbackAnswer, GuideLinkRule, AttemptFailure]
    with db.bind_ctx(new, bind_refs=False, bind_backrefs=False):
        db.create_tables(new, safe=True)
    _add_column(db, "point_code", "batch_id", pw.ForeignKeyField(
        PointCodeBatch, null=True, field=PointCodeBatch.id))
    _add_column(db, "point_code", "redeemed_terminal_id", pw.IntegerField(null=True))


def _v20_kiosk_phone_codes(db: pw.Database) -> None:
    from app.models import PhoneChallenge

    with db.bind_ctx([PhoneChallenge], bind_refs=False, bind_backrefs=False):
        db.create_tables([PhoneChallenge], safe=True)
    _add_defaulted_column(db, "store", "kiosk_sms_code",
                          "INTEGER" if isinstance(db, pw.SqliteDatabase) else "BOOLEAN", "TRUE")


def _v14_settlement_lines(db: pw.Database) -> None:
    from app.models import SettlementLine

    with db.bind_ctx([SettlementLine], bind_refs=False, bind_backrefs=False):
        db.create_tables([SettlementLine], safe=True)


# Wallet money, like points, is immutable once written: a refund is a new entry.
WALLET_IMMUTABLE_TABLES = ("wallet_entry", "wallet_use")


def _v15_rewards_wallet_partners(db: pw.Database) -> None:
    from app.models.rewards import REWARD_MODELS

    with db.bind_ctx(REWARD_MODELS, bind_refs=False, bind_backrefs=False):
        db.create_tables(REWARD_MODELS, safe=True)
    if isinstance(db, pw.SqliteDatabase):
        for table in WALLET_IMMUTABLE_TABLES:
            for op in ("update", "delete"):
                db.execute_sql(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op} BEFORE {op.upper()} ON "
                    f"{table} BEGIN SELECT RAISE(ABORT, '{table} is immutable'); END")
        return
    db.execute_sql(
        "CREATE OR REPLACE FUNCTION patron_immutable() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION '%% is immutable', TG_TABLE_NAME "
        "USING ERRCODE = 'restrict_violation'; END; $$ LANGUAGE plpgsql")
    for table in WALLET_IMMUTABLE_TABLES:
        db.execute_sql(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}")
        db.execute_sql(f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION patron_immutable()")


def _v13_member_phone_last4(db: pw.Database) -> None:
    # The back office finds a member by the last four digits of their phone (app.loyalty.
    # member_lookup.last4_expr writes the same expression, so the planner uses this index).
    expr = "substr(phone, -4)" if isinstance(db, pw.SqliteDatabase) else "right(phone, 4)"
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS member_phone_last4 ON member ({expr})")


def _v16_bulk_product_indexing(db: pw.Database) -> None:
    # The search triggers again, now with the pause a catalogue import takes for its own
    # transaction (app.search_index.bulk_insert); idempotent, as every install is.
    from app.search_index import install

    install(db)


def _v12_earning_rules_and_tiers(db: pw.Database) -> None:
    from app.models import PointsRule, Tier, TierChange

    _add_column(db, "promotion", "weekdays", pw.CharField(max_length=7, default="1234567"))
    _add_column(db, "promotion", "from_minute", pw.IntegerField(default=0))
    _add_column(db, "promotion", "to_minute", pw.IntegerField(default=1440))
    _add_column(db, "promotion", "active", pw.BooleanField(default=True))
    with db.bind_ctx([PointsRule, Tier, TierChange], bind_refs=False, bind_backrefs=False):
        db.create_tables([PointsRule, Tier, TierChange], safe=True)


def _v18_face_index_versions(db: pw.Database) -> None:
    from app.models import FaceCounter, FaceTombstone

    _add_column(db, "face_template", "version", pw.BigIntegerField(default=0))
    db.execute_sql("CREATE INDEX IF NOT EXISTS face_template_version ON face_template (version)")
    db.execute_sql("CREATE INDEX IF NOT EXISTS face_template_last_matched_at "
                   "ON face_template (last_matched_at)")
    with db.bind_ctx([FaceCounter, FaceTombstone], bind_refs=False, bind_backrefs=False):
        db.create_tables([FaceCounter, FaceTombstone], safe=True)
def _v23_coupon_discounts(db: pw.Database) -> None:
    from app.models import Product

    _add_defaulted_column(db, "offer", "kind", "VARCHAR(8)", "'tender'")
    _add_column(db, "offer", "product_id", pw.ForeignKeyField(Product, null=True,
                                                              field=Product.id))
def _v22_stored_value_cards(db: pw.Database) -> None:
    from app.models import StoredValueCard

    with db.bind_ctx([StoredValueCard], bind_refs=False, bind_backrefs=False):
        db.create_tables([StoredValueCard], safe=True)


# Indexes a closed lot, an expiry, a movement without a till or an anonymous sale no longer
# feeds (v24): every one of them was a write per row, and the expiry job writes a million.
_LEDGER_INDEXES_DROPPED = ("lot_account_id", "lot_account_id_expires_at", "lot_expires_at",
                           "lot_issuer_id", "lot_awarded_at", "lot_use_issuer_id",
                           # led by a composite index of the same table
                           "sale_store_id", "sale_shift_id", "sale_line_sale_id")
_LEDGER_INDEXES_WHERE_SET = (  # (index, table, columns, the optional link it needs set)
    ("account_merchant_id", "account", "merchant_id", "merchant_id"),
    ("account_member_id", "account", "member_id", "member_id"),
    ("account_staff_id", "account", "staff_id", "staff_id"),
    ("transfer_merchant_id", "transfer", "merchant_id", "merchant_id"),
    ("transfer_terminal_id", "transfer", "terminal_id", "terminal_id"),
    ("transfer_staff_id", "transfer", "staff_id", "staff_id"),
    ("transfer_reverses_id", "transfer", "reverses_id", "reverses_id"),
    ("lot_restored_from_id", "lot", "restored_from_id", "restored_from_id"),
    ("lot_restored_awarded_at", "lot", "awarded_at", "restored_from_id"),
    ("lot_use_lot_id", "lot_use", "lot_id", "lot_id"),
    ("lot_use_acceptor_id", "lot_use", "acceptor_id", "acceptor_id"),
    ("sale_original_id", "sale", "original_id", "original_id"),
    ("sale_approved_by_id", "sale", "approved_by_id", "approved_by_id"),
    ("sale_member_id", "sale", "member_id", "member_id"),
    ("sale_line_original_line_id", "sale_line", "original_line_id", "original_line_id"),
)


def _sqlite_drop_not_null(db: pw.Database, table: str, column: str) -> None:
    """Drop a NOT NULL constraint in place: SQLite's documented schema edit for changes that
    leave the stored rows as they are (lang_altertable.html, "other kinds of table schema
    changes"). A rebuild would have to drop a table other rows reference."""
    sql = db.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                         (table,)).fetchone()[0]
    declared = f'"{column}" INTEGER NOT NULL'
    if declared not in sql:
        return
    version = db.execute_sql("PRAGMA schema_version").fetchone()[0]
    db.execute_sql("PRAGMA writable_schema = ON")
    try:
        db.execute_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
                       (sql.replace(declared, f'"{column}" INTEGER', 1), table))
        db.execute_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        db.execute_sql("PRAGMA writable_schema = OFF")


def _v24_lean_ledger(db: pw.Database) -> None:
    sqlite = isinstance(db, pw.SqliteDatabase)
    # An expiry's lot use is one per issuer (no lot); each lot keeps what it lost.
    _add_defaulted_column(db, "lot", "expired_points", "INTEGER" if sqlite else "BIGINT", "0")
    if sqlite:
        _sqlite_drop_not_null(db, "lot_use", "lot_id")
    else:
        db.execute_sql("ALTER TABLE lot_use ALTER COLUMN lot_id DROP NOT NULL")
        # Room on each page for the balance and remainder updates of every sale (and of an
        # expiry run, which updates every holder at once) to stay heap-only: no index writes,
        # neither column is indexed. An account row is small: half of each page is room.
        # Pages written before keep their packing until rewritten (VACUUM FULL at a quiet hour).
        db.execute_sql("ALTER TABLE account SET (fillfactor = 50)")
        db.execute_sql("ALTER TABLE lot SET (fillfactor = 85)")
    for name in _LEDGER_INDEXES_DROPPED:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
    for name, table, columns, link in _LEDGER_INDEXES_WHERE_SET:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
        db.execute_sql(f'CREATE INDEX "{name}" ON "{table}" ("{columns}") '
                       f'WHERE ("{link}" IS NOT NULL)')


MIGRATIONS: list[tuple[int, str, Callable[[pw.Database], None]]] = [
    (1, "initial schema", _v1_initial),
    (2, "one open shift per terminal; store time zone", _v2_open_shift_and_timezone),
    (3, "stored single-use approvals; request hashes on sales and transfers",
     _v3_stored_approvals),
    (5, "discount limits per store; payment records behind qr and card tenders",
     _v5_sale_authority),
    (6, "indexes of lots awaiting expiry", _v6_due_lot_indexes),
    (7, "money records are immutable (update, delete, truncate, replace refused)",
     _v7_immutable_money_records),
    (8, "signing keys leave the shared database", _v8_signing_keys_leave_the_database),
    (9, "product search: trigram indexes and the short-query term index",
     _v9_product_search_indexes),
    (10, "members' message language; outbox message kinds and attachments",
     _v10_message_language_and_attachments),
    (11, "merchants' region and settlement details; stores and terminals can be deactivated",
     _v11_merchant_region_settlement_and_active_flags),
    (12, "earning rules per product and category, promotion hours and weekdays; tiers and "
         "tier changes", _v12_earning_rules_and_tiers),
    (13, "member look-up by the last four digits of the phone", _v13_member_phone_last4),
    (14, "settlement statement lines", _v14_settlement_lines),
    (15, "rewards catalogue, stored-value wallet, conversion partners",
     _v15_rewards_wallet_partners),
    (16, "catalogue import: the product search triggers pause for a bulk load",
     _v16_bulk_product_indexing),
    (17, "outbox dispatch: claim leases, attempt times, error codes, parked failures",
     _v17_outbox_dispatch),
    (18, "face index versions: template change counter, tombstones, last-match index",
     _v18_face_index_versions),
    (19, "point-code batches, feedback answers, guide linkage rules, throttled attempts",
     _v19_point_code_batches),
    (20, "kiosk phone codes by SMS, per store", _v20_kiosk_phone_codes),
    (22, "stored-value cards: the card medium of kiosk coupons", _v22_stored_value_cards),
    (23, "coupons as discounts: offer kind and product", _v23_coupon_discounts),
    (24, "lean ledger and sales: an expiry's lot use per issuer, lots keep what expired; "
         "indexes where set, none a composite index already leads", _v24_lean_ledger),
]


def applied_versions(db: pw.Database) -> set[int]:
    with SchemaVersion.bind_ctx(db):
        if not db.table_exists("schema_version"):
            return set()
        return {v for (v,) in SchemaVersion.select(SchemaVersion.version).tuples()}


def check_schema(db: pw.Database, url: str = "") -> int:
    """Refuse a schema this code was not written for; returns the version in force.

    A till does not migrate a shared database (its role may not, and two versions of the
    code must not fight over it): an out-of-date schema is the administrator's to migrate,
    a newer one means this terminal runs old code.
    """
    from app.errors import ConfigError

    applied = applied_versions(db)
    known = {version for version, _, _ in MIGRATIONS}
    latest = max(known)
    if applied and max(applied) > latest:
        raise ConfigError("db.schema_newer",
                          "the database schema is v{found}, newer than this Patron (v{needed}): "
                          "update Patron on this terminal",
                          found=max(applied), needed=latest)
    if missing := sorted(known - applied):
        raise ConfigError("db.schema_out_of_date",
                          "the database schema is out of date (v{found}, this Patron needs "
                          "v{needed}; missing {missing}): run `python main.py --migrate --db "
                          "{url}` as the database owner",
                          found=max(applied, default=0), needed=latest,
                          missing=", ".join(f"v{v}" for v in missing), url=url or "URL")
    return latest


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
