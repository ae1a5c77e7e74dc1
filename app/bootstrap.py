"""Opening the terminal's database at start-up (and seeding the demo coalition), and the
administrator's ``--migrate`` command.

Who migrates: an embedded SQLite file belongs to its one terminal, and a demo database is
throw-away, so both are migrated at start-up. A shared PostgreSQL database is migrated only by
``main.py --migrate`` under the owner role; a till on it checks the schema version and refuses
to start on one that is out of date (or newer than its code), with one line saying what to do.
"""

from __future__ import annotations

import peewee as pw

from app.db import bind, database
from app.errors import ConfigError


def redact(url: str) -> str:
    """A database URL fit for a log line or a status bar: no password."""
    if "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    return f"{scheme}://…@{rest.split('@', 1)[1]}"


def migrates_at_start(url: str, *, demo: bool) -> bool:
    """The start-up rule: SQLite and the demo migrate themselves; a shared server does not."""
    return demo or not url.startswith(("postgresql://", "postgres://"))


def open_database(url: str, *, demo: bool) -> tuple[bool, str]:
    """Bind the models to ``url`` (migrating only where :func:`migrates_at_start` says so);
    with ``demo``, seed an empty database. Raises ConfigError for a schema this code does not
    match (``db.schema_out_of_date`` / ``db.schema_newer``)."""
    from app.migrations import check_schema

    try:
        db = bind(url, migrate=migrates_at_start(url, demo=demo))
        check_schema(db, redact(url))
    except ConfigError:
        _unbind()
        raise
    except (pw.OperationalError, pw.InterfaceError, OSError, ValueError) as exc:
        return False, f"cannot open database {redact(url)}: {exc}".strip()
    if demo:
        from app.models import Terminal

        if not Terminal.select().exists():
            from app.demo import seed_demo

            seed_demo()
    return True, redact(url)


def migrate_database(url: str, *, till_role: str | None = None) -> list[str]:
    """``main.py --migrate``: bring the schema up to date as the connecting (owner) role and,
    on PostgreSQL, give the till role exactly a till's rights. Returns lines to print."""
    from app import db_roles
    from app.migrations import migrate

    db = bind(url, migrate=False)
    try:
        postgres = isinstance(db, pw.PostgresqlDatabase)
        if postgres:  # a long migration is not a stalled till statement
            db.execute_sql("SET statement_timeout = 0")
        lines = [f"schema of {redact(url)} is at v{migrate(db)}"]
        if postgres:
            role = till_role or (db_roles.DEFAULT_TILL
                                 if db_roles.role_exists(db, db_roles.DEFAULT_TILL) else None)
            if role is None:
                lines.append("no till role to grant (give one with --till-role NAME)")
            else:
                db_roles.grant_till(db, role)
                lines.append(f"till role {role}: data rights only, money records insert-only")
        return lines
    finally:
        _unbind()


def _unbind() -> None:
    if database.obj is not None:
        database.obj.close()
        database.initialize(None)
