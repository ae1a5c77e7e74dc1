"""Binding the models to a database: SQLite (embedded default) or PostgreSQL by URL.

A PostgreSQL connection heals: TCP keepalives and a connect timeout notice a dead server, a
statement timeout bounds every round trip, and a connection found broken *outside* a
transaction is reopened and the statement retried once (inside one, the error goes to the
caller: the transaction is lost and must be redone as a whole). ``classify()`` tells an
outage from a refusal so that only an outage turns a till offline.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qsl, unquote, urlparse

import peewee as pw

log = logging.getLogger(__name__)

# Every model binds to this proxy; `bind()` points it at a real database.
database = pw.DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL: a committed sale survives power loss
    "busy_timeout": 15000,
    "cache_size": -16000,
    # INSERT OR REPLACE deletes the old row: with recursive triggers that delete fires the
    # immutability trigger of money records (migration v7) instead of passing silently.
    "recursive_triggers": 1,
}

# libpq connection settings of a till. Keepalives find a half-open connection (a pulled cable,
# a rebooted router) in about a minute instead of the kernel's two hours; tcp_user_timeout
# bounds a write the server never acknowledges. Any of them can be overridden in the URL's
# query string: postgresql://till@db/patron?connect_timeout=3&statement_timeout=20000
PG_CONNECT_DEFAULTS: dict[str, str] = {
    "connect_timeout": "5",
    "keepalives": "1",
    "keepalives_idle": "30",
    "keepalives_interval": "10",
    "keepalives_count": "3",
    "tcp_user_timeout": "30000",
    "application_name": "patron",
}
# Server-side limits (milliseconds), set per session. A statement stuck behind a lock or a
# stalled server gives up after 10 s; a session idle inside a transaction (a till that died
# holding row locks) is ended after 60 s so it cannot block every other till.
PG_SESSION_DEFAULTS: dict[str, str] = {
    "statement_timeout": "10000",
    "idle_in_transaction_session_timeout": "60000",
}
_PG_LIBPQ_KEYS = {*PG_CONNECT_DEFAULTS, "sslmode", "sslrootcert", "sslcert", "sslkey",
                  "target_session_attrs", "options"}


def pg_connect_params(query: str) -> dict[str, str]:
    """libpq keywords for a PostgreSQL URL's query string, defaults filled in."""
    params = dict(PG_CONNECT_DEFAULTS)
    session = dict(PG_SESSION_DEFAULTS)
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key in session:
            if not value.isdigit():
                raise ValueError(f"{key} in the database URL must be milliseconds, not {value!r}")
            session[key] = value
        elif key in _PG_LIBPQ_KEYS:
            params[key] = value
        else:
            raise ValueError(f"unknown setting {key!r} in the database URL")
    options = " ".join(f"-c {k}={v}" for k, v in session.items())
    params["options"] = f"{params['options']} {options}" if "options" in params else options
    return params


class HealingPostgresqlDatabase(pw.PostgresqlDatabase):
    """PostgreSQL that reopens a broken connection once, outside a transaction only."""

    def execute_sql(self, sql, params=None):  # type: ignore[no-untyped-def]
        return self._healing(super().execute_sql, sql, params)

    def begin(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return self._healing(super().begin, *args, **kwargs)

    def rollback(self) -> None:
        conn = self._state.conn
        if conn is not None and getattr(conn, "closed", 0):
            # The connection died inside the transaction and the server rolled it back: let
            # the error that killed it reach the caller, not "connection already closed".
            return
        super().rollback()

    def _healing(self, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # peewee wraps most driver errors, not all (QueryCanceled)
            # Inside a transaction the earlier statements died with the connection: retrying
            # only the last one would commit half a sale. The caller redoes the whole thing.
            if self.in_transaction() or not self._connection_lost(exc):
                raise
            log.warning("database connection lost (%s); reconnecting",
                        (str(exc).strip().splitlines() or [type(exc).__name__])[0])
            with contextlib.suppress(pw.PeeweeException):
                self.close()  # forgets the dead connection even if closing it fails
            self.connect()
            return fn(*args, **kwargs)

    def _connection_lost(self, exc: BaseException) -> bool:
        if classify(exc) != "unreachable":
            return False
        conn = self._state.conn
        code = _pgcode(exc) or ""
        return conn is None or bool(getattr(conn, "closed", 0)) or code.startswith(("08", "57P"))


def open_database(url: str) -> pw.Database:
    """Open (not yet connect) the database named by ``url``.

    ``sqlite:///relative.db``, ``sqlite:////abs/path.db``, a plain file path, or
    ``postgresql://user:pass@host:port/dbname[?connect_timeout=5&statement_timeout=10000]``.
    """
    if url.startswith(("postgresql://", "postgres://")):
        parts = urlparse(url)
        if not parts.path.strip("/"):
            raise ValueError(f"PostgreSQL URL has no database name: {url!r}")
        return HealingPostgresqlDatabase(
            unquote(parts.path.lstrip("/")),
            user=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            host=parts.hostname or None,
            port=parts.port or None,
            **pg_connect_params(parts.query),
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


def bind(url: str, *, migrate: bool = True) -> pw.Database:
    """Point the models at ``url`` and connect; with ``migrate``, bring the schema up to date
    (a till on a shared PostgreSQL database does not: see app.bootstrap)."""
    db = open_database(url)
    database.initialize(db)
    db.connect(reuse_if_open=True)
    if migrate:
        from app.migrations import migrate as run_migrations

        run_migrations(db)
    return db


# -- telling an outage from a refusal ---------------------------------------------------------
Outcome = Literal["unreachable", "refused", "conflict"]

# SQLSTATE classes: 08 connection exception, 53 insufficient resources (too many connections,
# disk full), 57P operator intervention (server shutting down, backend terminated), 58 system
# error; 57014 is a statement cancelled by statement_timeout — the server did not answer in time.
_UNREACHABLE_SQLSTATES = ("08", "53", "57P", "58", "57014")
# Another transaction got there first: a unique key taken, a serialisation failure, a
# deadlock victim, a lock not available. Retrying gives the winner's (replayed) result.
_CONFLICT_SQLSTATES = {"23505", "40001", "40P01", "55P03"}
_DB_ERROR_NAMES = {"DatabaseError", "OperationalError", "InterfaceError", "Error"}
_DB_MODULES = ("peewee", "psycopg2", "psycopg", "sqlite3", "playhouse")
# SQLite reports schema and permission mistakes as OperationalError like a busy or missing
# file; these fragments are the refusals among them.
_SQLITE_REFUSALS = ("no such table", "no such column", "has no column", "syntax error",
                    "readonly database", "not authorized")


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and the driver errors it wraps (peewee re-raises psycopg2/sqlite3 errors with
    the original as first argument and as context)."""
    seen: list[BaseException] = []
    todo = [exc]
    while todo:
        e = todo.pop()
        if e is None or any(e is s for s in seen):
            continue
        seen.append(e)
        todo.extend(a for a in e.args[:1] if isinstance(a, BaseException))
        todo.extend(c for c in (e.__cause__, e.__context__) if c is not None)
    return seen


def _pgcode(exc: BaseException) -> str | None:
    return next((c for e in _chain(exc) if (c := getattr(e, "pgcode", None))), None)


def _is_database_error(e: BaseException) -> bool:
    return any(cls.__name__ in _DB_ERROR_NAMES | {"IntegrityError", "ProgrammingError",
                                                   "DataError", "InternalError",
                                                   "NotSupportedError"}
               and cls.__module__.split(".")[0] in _DB_MODULES for cls in type(e).__mro__)


def classify(exc: BaseException) -> Outcome | None:
    """What a failed database call means for the till.

    * ``"unreachable"`` — the database did not answer (connection refused or dropped, server
      restarting, timeout): nothing was saved; show OFFLINE and retry with the same key.
    * ``"conflict"`` — a concurrent writer won (unique key, serialisation, deadlock): retry
      to get the replayed result, or report the clash; the database is fine.
    * ``"refused"`` — a rule said no (a constraint, an immutable record, a missing right or
      an out-of-date schema): report it; retrying will not help; the database is fine.
    * ``None`` — not a database error (a domain error or a bug).
    """
    chain = _chain(exc)
    if any(isinstance(e, ConnectionError | TimeoutError) for e in chain):
        return "unreachable"
    if not any(_is_database_error(e) for e in chain):
        return None
    code = _pgcode(exc)
    if code:
        if code in _CONFLICT_SQLSTATES:
            return "conflict"
        return "unreachable" if code.startswith(_UNREACHABLE_SQLSTATES) else "refused"
    names = {cls.__name__ for e in chain for cls in type(e).__mro__}
    text = " ".join(str(e) for e in chain).lower()
    if "IntegrityError" in names:
        return "conflict" if "unique constraint failed" in text else "refused"
    if names & {"OperationalError", "InterfaceError"}:
        return "refused" if any(f in text for f in _SQLITE_REFUSALS) else "unreachable"
    return "refused"


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
