"""A till on PostgreSQL heals by itself: its backend killed, the whole server restarted.

And the classifier tells an outage from a refusal with real errors from real databases.
"""

from __future__ import annotations

import sys
from pathlib import Path

import peewee as pw
import pytest

from app.cart import Cart
from app.checkout import Tender
from app.db import bind, classify, database, open_database
from app.models import Sale, Setting

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from pgserver import PostgresServer, admin_sql  # noqa: E402

COKE = "6901939621608"


def _open_till():
    from app.demo import seed_minimal
    from app.till import Till

    seed_minimal()
    till = Till.open("MA-T1")
    till.sign_in("c1", "1111")
    till.open_shift(100_00)
    return till


def _cart(till) -> Cart:
    cart = Cart()
    cart.add(till.scan(COKE), quantity=2)
    return cart


def _sell(till, cart: Cart | None = None):
    cart = cart or _cart(till)
    return till.pay(cart, [Tender("cash", cart.totals().total)])


def own_db_url(server: PostgresServer) -> str:
    return server.admin_url.rsplit("/", 1)[0] + "/till"


@pytest.fixture
def own_db(own_server):
    """The models bound (and migrated) to a database on the private server."""
    admin_sql(own_server.admin_url, "CREATE DATABASE till")
    yield bind(own_db_url(own_server))
    database.close()
    database.initialize(None)


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_the_till_sells_on_after_its_backend_is_terminated(db, pg_admin_url):
    till = _open_till()
    _sell(till)
    cart = _cart(till)
    name = db.database
    killed = admin_sql(pg_admin_url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                       f"WHERE datname = '{name}' AND pid <> pg_backend_pid()")
    assert killed and all(ok for ok, in killed)
    result = _sell(till, cart)  # no restart, no retry by the caller
    assert not result.replayed
    assert Sale.select().count() == 2


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_a_connection_lost_inside_a_transaction_is_not_retried_half_way(db, pg_admin_url):
    Setting.create(key="before", value="1")
    with pytest.raises(pw.DatabaseError) as lost, db.atomic():
        Setting.create(key="half", value="1")
        admin_sql(pg_admin_url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                  f"WHERE datname = '{db.database}' AND pid <> pg_backend_pid()")
        Setting.create(key="other half", value="1")
    assert classify(lost.value) == "unreachable"
    assert not db.in_transaction()
    # the next call, outside a transaction, reconnects; the lost transaction left nothing
    assert sorted(s.key for s in Setting.select()) == ["before"]


def test_the_till_sells_on_after_the_server_restarts(own_server, own_db):
    till = _open_till()
    _sell(till)
    own_server.restart()  # every connection dropped; the till is idle between sales
    _sell(till)
    assert Sale.select().count() == 2

    cart = _cart(till)
    own_server.stop_server()
    with pytest.raises(pw.DatabaseError) as down:
        _sell(till, cart)
    assert classify(down.value) == "unreachable"  # OFFLINE, not "refused"
    with pytest.raises(pw.DatabaseError):
        till.ping()  # still down: fails at once (connection refused), never hangs
    own_server.start_server()
    assert till.ping()
    again = _sell(till, cart)  # the cashier's retry with the same cart key
    assert not again.replayed
    assert Sale.select().count() == 3


def test_a_statement_that_overruns_its_timeout_is_an_outage(own_server, own_db):  # noqa: ARG001
    slow = open_database(own_db_url(own_server) + "?statement_timeout=200")
    slow.connect()
    with pytest.raises(Exception) as stalled:  # noqa: PT011 (psycopg2's QueryCanceled, unwrapped)
        slow.execute_sql("SELECT pg_sleep(5)")
    assert classify(stalled.value) == "unreachable"
    assert slow.execute_sql("SELECT 1").fetchone() == (1,)  # the connection itself is fine
    slow.close()



def test_keepalives_and_timeouts_reach_the_server(own_server, own_db):  # noqa: ARG001
    timeout = own_db.execute_sql("SHOW statement_timeout").fetchone()[0]
    idle = own_db.execute_sql("SHOW idle_in_transaction_session_timeout").fetchone()[0]
    assert (timeout, idle) == ("10s", "1min")
    params = own_db.connection().get_dsn_parameters()
    assert params["keepalives_idle"] == "30" and params["connect_timeout"] == "5"
    with pytest.raises(ValueError, match="statement_timeout"):
        open_database(own_db_url(own_server) + "?statement_timeout=soon")
    with pytest.raises(ValueError, match="unknown setting"):
        open_database(own_db_url(own_server) + "?statment_timeout=100")


def test_a_broken_rule_or_a_lost_race_is_not_an_outage(db):
    Setting.create(key="k", value="1")
    with pytest.raises(pw.IntegrityError) as taken, db.atomic():
        Setting.create(key="k", value="2")
    assert classify(taken.value) == "conflict"
    with pytest.raises(pw.DatabaseError) as missing, db.atomic():
        db.execute_sql("SELECT * FROM no_such_table")
    assert classify(missing.value) == "refused"
    assert classify(ValueError("not a database error")) is None
    from app.errors import Conflict

    assert classify(Conflict("sale.refund_race", "the sale changed")) is None


def test_an_unreachable_server_is_an_outage():
    db = open_database("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    with pytest.raises(pw.OperationalError) as refused:
        db.connect()
    assert classify(refused.value) == "unreachable"
    assert classify(TimeoutError("no answer")) == "unreachable"
    locked = pw.OperationalError("database is locked")  # SQLite busy beyond its timeout
    assert classify(locked) == "unreachable"

