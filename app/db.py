"""Binding the models to a database: SQLite (embedded default) or PostgreSQL by URL."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

import peewee as pw

# Every model binds to this proxy; `bind()` points it at a real database.
database = pw.DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL: a committed sale survives power loss
    "busy_timeout": 15000,
    "cache_size": -16000,
}


def open_database(url: str) -> pw.Database:
    """Open (not yet connect) the database named by ``url``.

    ``sqlite:///relative.db``, ``sqlite:////abs/path.db``, a plain file path, or
    ``postgresql://user:pass@host:port/dbname``.
    """
    if url.startswith(("postgresql://", "postgres://")):
        parts = urlparse(url)
        if not parts.path.strip("/"):
            raise ValueError(f"PostgreSQL URL has no database name: {url!r}")
        return pw.PostgresqlDatabase(
            unquote(parts.path.lstrip("/")),
            user=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            host=parts.hostname or None,
            port=parts.port or None,
            connect_timeout=5,
        )
    if url.startswith("sqlite://"):
        path = url[len("sqlite://"):]
        path = path[1:] if path.startswith("/") and not path.startswith("//") else path
        path = "/" + path.lstrip("/") if url.startswith("sqlite:////") else path
    else:
        path = url
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    return pw.SqliteDatabase(path, pragmas=SQLITE_PRAGMAS, timeout=15, check_same_thread=False)


def bind(url: str) -> pw.Database:
    """Point the models at ``url``, connect, and bring the schema up to date."""
    from app.migrations import migrate

    db = open_database(url)
    database.initialize(db)
    db.connect(reuse_if_open=True)
    migrate(db)
    return db


def is_sqlite() -> bool:
    return isinstance(database.obj, pw.SqliteDatabase)


# -- the one locking pattern ------------------------------------------------------------------
# Every read-then-write (a refund reading what was refunded, a void, a shift close, a code or
# approval redemption) runs inside ``write_tx()`` and reads the rows it decides on through
# ``locked()``:
#   * PostgreSQL: ``SELECT … FOR UPDATE`` — a second transaction deciding on the same row waits
#     until the first commits, then reads the committed state;
#   * SQLite: ``write_tx`` opens ``BEGIN IMMEDIATE``, so the whole database is write-locked
#     for the transaction and ``locked()`` is a plain read.
# One-time things (codes, approvals, lots) may instead use a conditional UPDATE checked by its
# row count (``UPDATE … WHERE used_at IS NULL`` → 1 row means this caller won).
#
# Users (keep this list current):
#   * app.refunds.refund / void_sale: ``lock_row(Sale, original)`` before reading what was
#     already refunded; a racing till waits, then finds the sale refunded ("everything on this
#     sale has already been refunded") or, with the same client UUID, the replayed result.
#     Lock order: the original sale, then the shift (lock_open_shift), then the terminal.
#   * app.shifts.close_shift: ``lock_row(Shift, id)``; sales and refunds take the same row
#     through app.checkout.lock_open_shift (a row-locking UPDATE), so a close either counts
#     them or they find the shift closed.
#   * app.shifts.open_shift: a no-op UPDATE of the terminal row serialises openers.
#   * app.approvals.consume: conditional UPDATE of the grant (unused and unexpired → 1 row).
# Tests: tests/app/test_refund_races.py (separate processes on PostgreSQL).


def locked(query: pw.ModelSelect) -> pw.ModelSelect:
    """``query`` with its rows locked until the current write transaction ends."""
    return query if is_sqlite() else query.for_update()


def lock_row(model: type[pw.Model], row_id: object) -> pw.Model | None:
    """Read one row by id and hold it locked until commit (None when it does not exist)."""
    return locked(model.select().where(model._meta.primary_key == row_id)).first()


@contextlib.contextmanager
def write_tx() -> Iterator[None]:
    """A write transaction. On SQLite it takes the write lock up front (IMMEDIATE), so
    concurrent writers queue on the busy timeout instead of failing "database is locked"
    on lock upgrade."""
    db = database.obj
    if isinstance(db, pw.SqliteDatabase) and not db.in_transaction():
        with db.atomic("IMMEDIATE"):
            yield
    else:
        with db.atomic():
            yield
