"""The cashier window on a real PostgreSQL server that goes away and comes back.

Nothing is faked: the server is stopped and started (and the till's backend terminated) while
the window runs; the till shows OFFLINE, keeps the cart, and sells on by itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from pgserver import admin_sql  # noqa: E402

COKE = "6901939621608"


@pytest.fixture
def seeded_url(own_server, monkeypatch, tmp_path):
    """Overrides the SQLite one of tests/ui/conftest.py: the demo world on PostgreSQL."""
    from app.db import bind, database
    from app.demo import seed_minimal

    monkeypatch.setenv("PATRON_HOME", str(tmp_path / "home"))
    admin_sql(own_server.admin_url, "CREATE DATABASE till")
    url = own_server.admin_url.rsplit("/", 1)[0] + "/till"
    bind(url)
    seed_minimal()
    yield url
    database.close()
    database.initialize(None)


def _pay_cash(w, qtbot, amount: str):
    w.flows.pay()
    d = w.flows.dialog
    d.cash_edit.setText(amount)
    paid = []
    d.paid.connect(paid.append)
    d.complete()
    return d, paid


def test_server_down_mid_session_shows_offline_then_the_till_sells_on(
        make_role, qtbot, own_server):
    from app.models import Sale

    role = make_role()
    w = role.window
    role.rig.scan(COKE)
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 1, timeout=5000)
    key = role.session.cart.client_uuid

    own_server.stop_server()
    d, paid = _pay_cash(w, qtbot, "5")
    qtbot.waitUntil(lambda: d.error.isVisible(), timeout=15000)
    assert "NOT PAID" in d.error.text()
    assert not paid and not role.session.db_ok and "OFFLINE" in w.status.db.text()
    assert len(role.session.cart.lines) == 1 and role.session.cart.client_uuid == key
    assert d.complete_button.isEnabled()  # the cashier can retry

    own_server.start_server()
    d.complete()
    qtbot.waitUntil(lambda: bool(paid), timeout=15000)
    assert role.session.db_ok and "online" in w.status.db.text()
    assert [str(s.client_uuid) for s in Sale.select()] == [key]  # once, under the cart's key


def test_a_terminated_backend_is_never_seen_by_the_cashier(make_role, qtbot, own_server):
    from app.models import Sale

    role = make_role()
    w = role.window
    errors = []
    role.session.notice.connect(lambda kind, text: kind == "error" and errors.append(text))
    for _ in range(2):
        role.rig.scan(COKE)
        qtbot.waitUntil(lambda: len(role.session.cart.lines) == 1, timeout=5000)
        killed = admin_sql(own_server.admin_url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                    "WHERE datname = 'till' AND pid <> pg_backend_pid()")
        assert killed
        _, paid = _pay_cash(w, qtbot, "5")
        qtbot.waitUntil(lambda: bool(paid), timeout=15000)  # noqa: B023
        assert role.session.db_ok and errors == []
        qtbot.waitUntil(lambda: not role.session.cart.lines, timeout=5000)
    assert Sale.select().count() == 2
