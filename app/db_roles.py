"""PostgreSQL roles: an owner that migrates, a till that may only do a till's work.

The owner role owns the database and every table (it runs ``main.py --migrate``). A till role
gets data rights only, so whatever runs on a till cannot alter the schema, drop the
immutability triggers, or change a committed money record:

* immutable money records (app.migrations.IMMUTABLE_TABLES): SELECT and INSERT — plus
  UPDATE of the ``id`` column alone, because PostgreSQL requires an UPDATE right for
  ``SELECT … FOR UPDATE`` (app.db.locked); the trigger refuses any UPDATE that gets through;
* every other table: SELECT, INSERT, UPDATE, DELETE; ``schema_version``: SELECT;
* sequences: USAGE (ids of new rows); no TRUNCATE, no ownership, no CREATE in the schema.

Grants are per table, so they are applied again after every migration (``--migrate`` does it).
"""

from __future__ import annotations

import re

import peewee as pw

from app.errors import ConfigError
from app.migrations import IMMUTABLE_TABLES

DEFAULT_DATABASE, DEFAULT_OWNER, DEFAULT_TILL = "patron", "patron_owner", "patron_till"
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _name(value: str) -> str:
    """A role or database name safe to write into SQL unquoted."""
    if not _NAME.match(value):
        raise ConfigError("db.bad_role_name",
                          "“{name}” is not a valid role or database name (lower-case letters, "
                          "digits and _)", name=value)
    return value


def cluster_sql(database: str = DEFAULT_DATABASE, owner: str = DEFAULT_OWNER,
                till: str = DEFAULT_TILL) -> list[str]:
    """Run once by a superuser, connected to the ``postgres`` database."""
    database, owner, till = _name(database), _name(owner), _name(till)
    return [
        f"CREATE ROLE {owner} LOGIN",
        f"CREATE ROLE {till} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT",
        f"CREATE DATABASE {database} OWNER {owner}",
        f"REVOKE ALL ON DATABASE {database} FROM PUBLIC",
        f"GRANT CONNECT ON DATABASE {database} TO {till}",
    ]


def database_sql(owner: str = DEFAULT_OWNER, till: str = DEFAULT_TILL) -> list[str]:
    """Run once by a superuser, connected to the new database."""
    owner, till = _name(owner), _name(till)
    return [
        f"ALTER SCHEMA public OWNER TO {owner}",
        "REVOKE ALL ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {till}",
    ]


def till_grants_sql(tables: list[str], till: str = DEFAULT_TILL) -> list[str]:
    """The till's rights on ``tables`` (run by the owner after every migration)."""
    till = _name(till)
    sql = [f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {till}"]
    for table in sorted(tables):
        table = _name(table)
        if table in IMMUTABLE_TABLES:
            sql.append(f"GRANT SELECT, INSERT, UPDATE (id) ON {table} TO {till}")
        elif table == "schema_version":
            sql.append(f"GRANT SELECT ON {table} TO {till}")
        else:
            sql.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {till}")
    sql.append(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {till}")
    return sql


def role_exists(db: pw.Database, role: str) -> bool:
    return db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is not None


def grant_till(db: pw.Database, till: str = DEFAULT_TILL) -> None:
    """Give ``till`` exactly a till's rights on every table now in the schema."""
    with db.atomic():
        for statement in till_grants_sql(db.get_tables(), till):
            db.execute_sql(statement)


def setup_script(database: str = DEFAULT_DATABASE, owner: str = DEFAULT_OWNER,
                 till: str = DEFAULT_TILL) -> str:
    """The whole set-up as a psql script (``main.py --print-role-sql``)."""
    lines = ["-- Patron on PostgreSQL: roles and database. Run as a superuser with psql.",
             "-- Then set passwords: \\password " + _name(owner) + " and \\password " + _name(till),
             *(s + ";" for s in cluster_sql(database, owner, till)),
             f"\\connect {database}",
             *(s + ";" for s in database_sql(owner, till)),
             "-- Create the schema and grant the till its rights, as the owner:",
             f"--   python main.py --migrate --db postgresql://{owner}@HOST/{database} "
             f"--till-role {till}",
             "-- Tills connect as the till role:",
             f"--   python main.py --db postgresql://{till}@HOST/{database}"]
    return "\n".join(lines) + "\n"
