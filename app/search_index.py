"""The product search indexes, kept in step with ``product`` by the database itself.

Two paths, the same on SQLite and PostgreSQL so both return the same products:

* three or more characters: a substring of the name, the English name or the pinyin
  initials, ASCII letters folded to lower case (``fold``; both databases fold the same
  way, so both find the same), through a trigram index — SQLite FTS5 (a contentless
  ``product_fts``, ``tokenize='trigram'``) or a PostgreSQL ``pg_trgm`` GIN index on the
  three joined and folded (the generated column ``search_text``);
* one or two characters (a trigram needs three): ``product_term`` (app.models.ProductTerm),
  every single ideograph and pair of adjacent ideographs of the name, and the first one and
  two pinyin initials, keyed in result order.

Triggers write both on every insert, update and delete of a product, so an import or an
edit is searchable as soon as it commits, whoever wrote it. A bulk import (app.catalogue_import)
pauses the insert trigger for its own transaction only (:func:`bulk_insert`) and indexes each
batch of new products in one statement, several times faster than row by row.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import peewee as pw

# The CJK ideograph blocks (Extension A, Unified Ideographs, Compatibility Ideographs):
# the same ranges in both databases' trigger code.
CJK_RANGES = ((0x3400, 0x9FFF), (0xF900, 0xFAFF))
NAME_MAX = 200  # Product.name max_length: the SQLite triggers walk positions 1..NAME_MAX

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ASCII_LOWER = str.maketrans(_UPPER, _UPPER.lower())
# The three searched texts joined by a control character a query cannot hold
# (app.typed_input refuses them), so a match never spans two of them. SQLite's lower()
# (the FTS table's input) folds ASCII only; PostgreSQL's folds all of Unicode, so it gets
# translate() instead.
_PG_FOLDED = (f"translate(name || chr(1) || name_en || chr(1) || pinyin_initials, "
              f"'{_UPPER}', '{_UPPER.lower()}')")
# PostgreSQL keeps the folded text in a generated column: the trigram index's recheck and a
# walk's check then read it instead of folding every row they meet.
PG_SEARCH_TEXT = "search_text"


def fold(text: str) -> str:
    """``text`` as the indexes hold it: ASCII letters in lower case, nothing else changed."""
    return text.translate(_ASCII_LOWER)


def _cjk_sql(char_expr: str, codepoint: str) -> str:
    return "(" + " OR ".join(f"{codepoint}({char_expr}) BETWEEN {lo} AND {hi}"
                             for lo, hi in CJK_RANGES) + ")"


# A row here, inserted and deleted again inside one import's transaction and so never seen
# by any other connection, tells the insert trigger to leave that merchant's new products to
# the import's own set-wise indexing (bulk_insert).
PAUSE_TABLE = "product_index_pause"


def _create_pause_table(db: pw.Database) -> None:
    db.execute_sql(f"CREATE TABLE IF NOT EXISTS {PAUSE_TABLE} "
                   "(merchant_id INTEGER PRIMARY KEY)")


def install(db: pw.Database) -> None:
    """Create the indexes and triggers (idempotent) and index the products already there."""
    _create_pause_table(db)
    if isinstance(db, pw.SqliteDatabase):
        _install_sqlite(db)
    else:
        _install_postgres(db)


# -- SQLite -----------------------------------------------------------------------------------
def _sqlite_terms(row: str, source: str = "") -> str:
    """Rows ``(merchant_id, term, name_len, product_id)`` of the short-query terms of
    ``row`` (NEW, OLD, or an alias named in ``source``): each ideograph, each pair of
    adjacent ideographs, the first one and two pinyin initials."""
    one = f"substr({row}.name, i, 1)"
    two = f"substr({row}.name, i + 1, 1)"
    pos = f"FROM {source}search_pos"
    row_only = f"FROM {source.rstrip(', ')}" if source else ""

    def select(term: str) -> str:
        return (f"SELECT {row}.merchant_id AS merchant_id, {term} AS term, "
                f"length({row}.name) AS name_len, {row}.id AS product_id")

    return (
        f"{select(one)} {pos} WHERE i <= length({row}.name) AND {_cjk_sql(one, 'unicode')} "
        f"UNION {select(f'substr({row}.name, i, 2)')} {pos} WHERE i < length({row}.name) "
        f"AND {_cjk_sql(one, 'unicode')} AND {_cjk_sql(two, 'unicode')} "
        f"UNION {select(f'lower(substr({row}.pinyin_initials, 1, 1))')} {row_only} "
        f"WHERE {row}.pinyin_initials <> '' "
        f"UNION {select(f'lower(substr({row}.pinyin_initials, 1, 2))')} {row_only} "
        f"WHERE length({row}.pinyin_initials) >= 2"
    )


_TERM_COLUMNS = "(merchant_id, term, name_len, product_id)"


def _sqlite_insert_terms(row: str) -> str:
    return f"INSERT OR IGNORE INTO product_term {_TERM_COLUMNS} {_sqlite_terms(row)};"


def _sqlite_delete_terms(row: str) -> str:
    return (f"DELETE FROM product_term WHERE merchant_id = {row}.merchant_id "
            f"AND name_len = length({row}.name) AND product_id = {row}.id "
            f"AND term IN (SELECT term FROM ({_sqlite_terms(row)}));")


_FTS_COLUMNS = "name, name_en, pinyin_initials"


def _install_sqlite(db: pw.SqliteDatabase) -> None:
    # Positions 1..NAME_MAX: triggers cannot use a recursive CTE, so they join this table.
    db.execute_sql("CREATE TABLE IF NOT EXISTS search_pos (i INTEGER PRIMARY KEY)")
    if not db.execute_sql("SELECT 1 FROM search_pos LIMIT 1").fetchone():
        db.execute_sql("INSERT INTO search_pos (i) VALUES " +
                       ", ".join(f"({i})" for i in range(1, NAME_MAX + 1)))
    fresh = not db.table_exists("product_fts")
    # Contentless: it holds the folded texts (lower() is ASCII-only in SQLite, as ``fold``),
    # matched case-sensitively, so FTS5's own Unicode folding never differs from
    # PostgreSQL's.
    db.execute_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS product_fts USING fts5({_FTS_COLUMNS}, "
        "content='', tokenize='trigram case_sensitive 1')")
    new_fts = f"INSERT INTO product_fts (rowid, {_FTS_COLUMNS}) VALUES (NEW.id, " \
              "lower(NEW.name), lower(NEW.name_en), lower(NEW.pinyin_initials));"
    old_fts = f"INSERT INTO product_fts (product_fts, rowid, {_FTS_COLUMNS}) VALUES " \
              "('delete', OLD.id, lower(OLD.name), lower(OLD.name_en), " \
              "lower(OLD.pinyin_initials));"
    triggers = {
        "product_search_ai": ("AFTER INSERT ON product FOR EACH ROW WHEN NOT EXISTS "
                              f"(SELECT 1 FROM {PAUSE_TABLE} "
                              "WHERE merchant_id = NEW.merchant_id)",
                              new_fts + _sqlite_insert_terms("NEW")),
        "product_search_ad": ("AFTER DELETE ON product",
                              old_fts + _sqlite_delete_terms("OLD")),
        "product_search_au": ("AFTER UPDATE OF merchant_id, name, name_en, pinyin_initials "
                              "ON product",
                              old_fts + _sqlite_delete_terms("OLD") + new_fts
                              + _sqlite_insert_terms("NEW")),
    }
    for name, (when, body) in triggers.items():
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
        db.execute_sql(f"CREATE TRIGGER {name} {when} BEGIN {body} END")
    if fresh:
        db.execute_sql(f"INSERT INTO product_fts (rowid, {_FTS_COLUMNS}) SELECT id, "
                       "lower(name), lower(name_en), lower(pinyin_initials) FROM product")
        # Products already there (a catalogue older than this index): one pass.
        db.execute_sql(f"INSERT OR IGNORE INTO product_term {_TERM_COLUMNS} "
                       + _sqlite_terms("p", source="product AS p, "))


# -- PostgreSQL -------------------------------------------------------------------------------
def _install_postgres(db: pw.PostgresqlDatabase) -> None:
    # pg_trgm is a trusted extension: the database owner (who migrates) may create it.
    db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    # One index over the three searched texts, joined by a control character a query cannot
    # hold (app.typed_input refuses them), so a match never spans two of them: the same
    # answers as SQLite's three FTS columns, with one index for the planner to weigh.
    db.execute_sql(f"ALTER TABLE product ADD COLUMN IF NOT EXISTS {PG_SEARCH_TEXT} text "
                   f"GENERATED ALWAYS AS ({_PG_FOLDED}) STORED")
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS product_search_trgm ON product "
                   f"USING gin (({PG_SEARCH_TEXT}) gin_trgm_ops)")
    one = "substr(name, i, 1)"
    two = "substr(name, i + 1, 1)"
    db.execute_sql(
        "CREATE OR REPLACE FUNCTION patron_product_terms(name text, pinyin text) "
        "RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$ "
        f"SELECT {one} FROM generate_series(1, length(name)) AS i "
        f"WHERE {_cjk_sql(one, 'ascii')} "
        "UNION SELECT substr(name, i, 2) FROM generate_series(1, length(name) - 1) AS i "
        f"WHERE {_cjk_sql(one, 'ascii')} AND {_cjk_sql(two, 'ascii')} "
        f"UNION SELECT translate(substr(pinyin, 1, 1), '{_UPPER}', '{_UPPER.lower()}') "
        "WHERE pinyin <> '' "
        f"UNION SELECT translate(substr(pinyin, 1, 2), '{_UPPER}', '{_UPPER.lower()}') "
        "WHERE length(pinyin) >= 2 $$")
    db.execute_sql(
        "CREATE OR REPLACE FUNCTION patron_product_terms_sync() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP = 'INSERT' THEN "
        f"IF EXISTS (SELECT 1 FROM {PAUSE_TABLE} WHERE merchant_id = NEW.merchant_id) "
        "THEN RETURN NULL; END IF; "
        "END IF; "
        "IF TG_OP <> 'INSERT' THEN "
        "DELETE FROM product_term WHERE merchant_id = OLD.merchant_id "
        "AND name_len = length(OLD.name) AND product_id = OLD.id "
        "AND term IN (SELECT patron_product_terms(OLD.name, OLD.pinyin_initials)); "
        "END IF; "
        "IF TG_OP <> 'DELETE' THEN "
        "INSERT INTO product_term (merchant_id, term, name_len, product_id) "
        "SELECT NEW.merchant_id, t, length(NEW.name), NEW.id "
        "FROM patron_product_terms(NEW.name, NEW.pinyin_initials) AS t "
        "ON CONFLICT DO NOTHING; "
        "END IF; RETURN NULL; END $$")
    db.execute_sql("DROP TRIGGER IF EXISTS product_terms_sync ON product")
    db.execute_sql(
        "CREATE TRIGGER product_terms_sync "
        "AFTER INSERT OR DELETE OR UPDATE OF merchant_id, name, pinyin_initials ON product "
        "FOR EACH ROW EXECUTE FUNCTION patron_product_terms_sync()")
    if not db.execute_sql("SELECT 1 FROM product_term LIMIT 1").fetchone():
        db.execute_sql(
            "INSERT INTO product_term (merchant_id, term, name_len, product_id) "
            "SELECT p.merchant_id, t, length(p.name), p.id FROM product AS p, "
            "patron_product_terms(p.name, p.pinyin_initials) AS t ON CONFLICT DO NOTHING")


# -- bulk loading -----------------------------------------------------------------------------
def index_products(db: pw.Database, ids: list[int]) -> None:
    """Index the products ``ids`` (inserted while the trigger was paused) in one statement
    per index: the same terms as the triggers', set-wise (measured faster on both databases
    than computing the terms here and sending them)."""
    if not ids:
        return
    marks = ", ".join(str(int(i)) for i in ids)  # ints from the database: safe to inline
    if isinstance(db, pw.SqliteDatabase):
        db.execute_sql(f"INSERT INTO product_fts (rowid, {_FTS_COLUMNS}) SELECT id, lower(name), "
                       f"lower(name_en), lower(pinyin_initials) FROM product WHERE id IN ({marks})")
        db.execute_sql(f"INSERT OR IGNORE INTO product_term {_TERM_COLUMNS} SELECT * FROM ("
                       + _sqlite_terms("p", source=f"(SELECT * FROM product WHERE id IN ({marks}))"
                                                   " AS p, ") + ")")
    else:
        db.execute_sql(
            "INSERT INTO product_term (merchant_id, term, name_len, product_id) "
            "SELECT p.merchant_id, t, length(p.name), p.id FROM product AS p, "
            f"patron_product_terms(p.name, p.pinyin_initials) AS t WHERE p.id IN ({marks}) "
            "ON CONFLICT DO NOTHING")


@contextlib.contextmanager
def bulk_insert(db: pw.Database, merchant_id: int) -> Iterator[Callable[[list[int]], None]]:
    """Inside the caller's write transaction: new products of ``merchant_id`` skip the
    row-by-row insert trigger; the caller indexes them with the function yielded, batch by
    batch. The pause is this transaction's alone (an uncommitted row) and ends with it."""
    if not db.in_transaction():
        raise RuntimeError("bulk_insert needs the caller's write transaction")
    db.execute_sql(f"INSERT INTO {PAUSE_TABLE} (merchant_id) VALUES ({int(merchant_id)})")
    try:
        yield lambda ids: index_products(db, ids)
    finally:
        db.execute_sql(f"DELETE FROM {PAUSE_TABLE} WHERE merchant_id = {int(merchant_id)}")
