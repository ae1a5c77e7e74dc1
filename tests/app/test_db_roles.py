"""PostgreSQL roles: the owner migrates with ``main.py --migrate``; a till role can sell but
cannot alter the schema, drop a trigger, truncate or change a money record; a till refuses a
schema it does not match, with one line saying what to do."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import peewee as pw
import pytest

from app import db_roles
from app.db import bind, classify, database, open_database
from app.migrations import MIGRATIONS

REPO = Path(__file__).resolve().parents[2]


def main_py(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(PATRON_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "main.py", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def run_sql(url: str, statements: list[str]) -> None:
    db = open_database(url)
    db.connect()
    try:
        for sql in statements:
            db.execute_sql(sql)
    finally:
        db.close()


def url_as(admin_url: str, user: str, dbname: str) -> str:
    host = admin_url.split("@", 1)[1].rsplit("/", 1)[0]
    return f"postgresql://{user}@{host}/{dbname}"


@pytest.fixture
def roles(pg_admin_url, tmp_path):
    """A database owned by a fresh owner role, migrated by ``main.py --migrate``, and a till
    role; removed afterwards (roles are cluster-wide)."""
    tag = uuid.uuid4().hex[:8]
    name, owner, till = f"roles_{tag}", f"owner_{tag}", f"till_{tag}"
    run_sql(pg_admin_url, db_roles.cluster_sql(name, owner, till))
    run_sql(url_as(pg_admin_url, "postgres", name), db_roles.database_sql(owner, till))
    owner_url = url_as(pg_admin_url, owner, name)
    migrated = main_py("--migrate", "--db", owner_url, "--till-role", till, home=tmp_path)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    assert f"at v{MIGRATIONS[-1][0]}" in migrated.stdout and till in migrated.stdout
    yield owner_url, url_as(pg_admin_url, till, name)
    if database.obj is not None:
        database.close()
        database.initialize(None)
    run_sql(pg_admin_url, [f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",
                           f"DROP ROLE IF EXISTS {till}", f"DROP ROLE IF EXISTS {owner}"])


@pytest.mark.postgres
def test_the_till_role_sells_but_cannot_change_the_schema_or_a_sale(roles):
    from app.cart import Cart
    from app.checkout import Tender
    from app.demo import seed_minimal
    from app.models import Sale
    from app.till import Till

    _, till_url = roles
    db = bind(till_url, migrate=False)  # a till never migrates a shared database
    seed_minimal()
    till = Till.open("MA-T1")
    till.sign_in("c1", "1111")
    till.open_shift(100_00)
    cart = Cart()
    cart.add(till.scan("6901939621608"), quantity=1)
    sale = till.pay(cart, [Tender("cash", 350)])
    with db.atomic():  # the one locking pattern works for a till (row lock on a sale)
        assert db.execute_sql("SELECT id FROM sale WHERE id = %s FOR UPDATE",
                              (sale.sale_id,)).fetchone() == (sale.sale_id,)

    refused = {
        "alter": "ALTER TABLE sale ADD COLUMN note text",
        "drop trigger": "DROP TRIGGER sale_immutable ON sale",
        "disable trigger": "ALTER TABLE sale DISABLE TRIGGER sale_immutable",
        "truncate": "TRUNCATE audit_entry",
        "update a sale": "UPDATE sale SET total = 0",
        "update a sale's id": "UPDATE sale SET id = id",  # the one column it may name for locks
        "delete a sale": "DELETE FROM sale",
        "update a payment": "UPDATE payment SET amount = 0",
        "create a table": "CREATE TABLE mine (id int)",
        "change the schema version": "DELETE FROM schema_version",
    }
    for what, sql in refused.items():
        with pytest.raises(pw.DatabaseError) as error, db.atomic():
            db.execute_sql(sql)
        assert classify(error.value) == "refused", what
    assert Sale.get_by_id(sale.sale_id).total == 350


@pytest.mark.postgres
def test_a_till_refuses_an_out_of_date_schema_with_one_clear_line(roles, pg_admin_url,
                                                                  tmp_path):
    owner_url, till_url = roles
    run_sql(owner_url, ["DELETE FROM schema_version WHERE version = 7"])  # as before v7
    started = main_py("--role", "cashier", "--db", till_url, home=tmp_path)
    assert started.returncode == 4, started.stdout + started.stderr
    lines = started.stderr.strip().splitlines()
    assert len(lines) == 1 and "out of date" in lines[0] and "--migrate" in lines[0]
    assert "Traceback" not in started.stderr
    # the till did not migrate (it could not have: the row says so)
    db = open_database(owner_url)
    db.connect()
    assert db.execute_sql("SELECT COUNT(*) FROM schema_version WHERE version = 7"
                          ).fetchone()[0] == 0
    db.close()

    again = main_py("--migrate", "--db", owner_url, home=tmp_path)
    assert again.returncode == 0, again.stderr
    run_sql(owner_url, ["INSERT INTO schema_version VALUES (99, now())"])
    newer = main_py("--role", "cashier", "--db", till_url, "--self-test", home=tmp_path)
    assert newer.returncode == 4
    assert "newer than this Patron" in newer.stdout and "Traceback" not in newer.stdout


def test_the_role_sql_is_printed_for_the_administrator(tmp_path):
    printed = main_py("--print-role-sql", "--db", "postgresql://shop_owner@db/shop",
                      "--till-role", "shop_till", home=tmp_path)
    assert printed.returncode == 0, printed.stderr
    for statement in db_roles.cluster_sql("shop", "shop_owner", "shop_till"):
        assert statement + ";" in printed.stdout
    assert "--migrate" in printed.stdout
    bad = main_py("--print-role-sql", "--till-role", "till; DROP DATABASE x", home=tmp_path)
    assert bad.returncode == 2 and "not a valid role" in bad.stderr


def test_migrate_command_reports_an_unreachable_server(tmp_path):
    result = main_py("--migrate", "--db", "postgresql://nobody@127.0.0.1:1/none",
                     home=tmp_path)
    assert result.returncode == 3
    assert "cannot migrate" in result.stderr and "Traceback" not in result.stderr


def test_an_embedded_sqlite_till_migrates_itself_but_refuses_a_newer_schema(sqlite_url):
    from app.bootstrap import open_database as open_for_till
    from app.errors import ConfigError

    run_sql(sqlite_url, ["DELETE FROM schema_version WHERE version = 7",
                         "DROP TRIGGER sale_no_update"])  # as a v3 database was
    ok, _ = open_for_till(sqlite_url, demo=False)
    assert ok  # its own file: migrated at start-up
    assert database.execute_sql("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' "
                                "AND name = 'sale_no_update'").fetchone() == (1,)  # v7 ran
    database.close()
    database.initialize(None)
    run_sql(sqlite_url, ["INSERT INTO schema_version VALUES (99, '2026-01-01')"])
    with pytest.raises(ConfigError, match="newer than this Patron") as newer:
        open_for_till(sqlite_url, demo=False)
    assert newer.value.code == "db.schema_newer" and database.obj is None
