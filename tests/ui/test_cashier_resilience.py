"""Never lose a sale: the cart journal, restarts (the database going away for real:
test_cashier_reconnect.py)."""

from __future__ import annotations

import json

COKE = "6901939621608"


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
