"""Never lose a sale: the database going away mid-payment, the cart journal, restarts."""

from __future__ import annotations

import json

COKE = "6901939621608"


def test_database_unreachable_during_payment_saves_nothing_and_retries_once(
        make_role, qtbot, monkeypatch):
    import peewee as pw

    from app.models import Sale

    role = make_role()
    w = role.window
    role.rig.scan(COKE)
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 1, timeout=5000)
    key = role.session.cart.client_uuid
    till = role.session.till
    real_pay = till.pay
    calls = []

    def flaky_pay(cart, tenders):
        calls.append(cart.client_uuid)
        if len(calls) == 1:
            raise pw.OperationalError("could not connect to server: Connection refused")
        return real_pay(cart, tenders)

    monkeypatch.setattr(till, "pay", flaky_pay)
    w.flows.pay()
    d = w.flows.dialog
    d.cash_edit.setText("5")
    paid = []
    d.paid.connect(paid.append)
    d.complete()
    qtbot.waitUntil(lambda: d.error.isVisible(), timeout=5000)
    assert "NOT PAID" in d.error.text()
    assert not paid and Sale.select().count() == 0
    assert not role.session.db_ok
    assert "OFFLINE" in w.status.db.text()
    assert len(role.session.cart.lines) == 1 and role.session.cart.client_uuid == key
    assert d.complete_button.isEnabled()  # the cashier can retry
    d.complete()
    qtbot.waitUntil(lambda: bool(paid), timeout=5000)
    assert calls == [key, key]  # the same idempotency key both times
    assert Sale.select().count() == 1
    assert role.session.db_ok and "online" in w.status.db.text()


def test_every_cart_change_is_journalled_atomically(make_role, qtbot):
    role = make_role()
    path = role.journal.path
    role.rig.scan(COKE)
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 1, timeout=5000)
    assert role.journal.flush()
    state = json.loads(path.read_text(encoding="utf-8"))
    assert state["cart"]["lines"][0]["product"]["sku"] == "A001"
    assert state["cart"]["client_uuid"] == role.session.cart.client_uuid
    assert not path.with_name(path.name + ".tmp").exists()
    role.rig.swipe(";880000000001?")
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    assert role.journal.flush()
    assert json.loads(path.read_text(encoding="utf-8"))["member"]["name"] == "刘洋"


def test_damaged_journal_is_kept_aside_and_the_till_starts_empty(tmp_path):
    from ui.cashier.journal import CartJournal

    path = tmp_path / "cart.json"
    path.write_text("{ half a cart", encoding="utf-8")
    journal = CartJournal(path)
    assert journal.load() is None
    assert list(tmp_path.glob("cart.json.damaged-*"))
    journal.close()


def test_cart_survives_a_restart_in_process(make_role, qtbot):
    role = make_role()
    role.rig.scan(COKE)
    role.rig.scan(COKE)
    qtbot.waitUntil(lambda: bool(role.session.cart.lines) and role.session.cart.lines[0].quantity == 2,
                    timeout=5000)
    key = role.session.cart.client_uuid
    role.shutdown()
    again = make_role(sign_in=False)
    assert again.session.cart.client_uuid == key
    assert again.session.cart.lines[0].quantity == 2
    assert again.window.cart.model.rowCount() == 1
    assert "restored" in again.window.banner.message()


def test_restored_cart_that_was_already_paid_is_not_sold_twice(make_role, qtbot):
    from app.checkout import Tender

    role = make_role()
    role.rig.scan(COKE)
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 1, timeout=5000)
    # the sale commits, then the till dies before the cart is cleared
    result = role.session.till.pay(role.session.cart.copy(), [Tender("cash", 500)])
    assert role.journal.flush()
    role.shutdown()
    again = make_role(sign_in=False)
    qtbot.waitUntil(lambda: not again.session.cart.lines, timeout=5000)
    assert result.receipt_no in again.window.banner.message()


def test_product_scans_wait_while_the_payment_window_is_open(make_role, qtbot):
    role = make_role()
    w = role.window
    role.rig.scan(COKE)
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 1, timeout=5000)
    w.flows.pay()
    d = w.flows.dialog
    role.rig.scan("6921168509256")
    qtbot.waitUntil(lambda: d.error.isVisible(), timeout=5000)
    assert len(role.session.cart.lines) == 1
    role.rig.swipe(";880000000001?")  # a member card still works
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    assert d.page_buttons["points"].isEnabled()
