"""Selling at the cashier window: scans from the simulated wedge scanner, the cart, paying."""

from __future__ import annotations

import pytest

from app.barcodes import make_variable_measure
from app.demo import ean13

# the acceptance tests of the cashier window: on SQLite and on PostgreSQL
pytestmark = pytest.mark.both_databases

COKE = "6901939621608"  # ¥3.50
WATER = "6921168509256"  # ¥2.00


def scan(role, qtbot, code: str, lines: int) -> None:
    role.rig.scan(code)
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == lines, timeout=5000)


def pay_cash(role, qtbot, amount: str) -> object:
    w = role.window
    w.flows.pay()
    dialog = w.flows.dialog
    assert dialog.objectName() == "paymentDialog"
    dialog.cash_edit.setText(amount)
    results = []
    dialog.paid.connect(results.append)
    dialog.complete()
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    return results[0]


def test_full_sale_by_scanning(make_role, qtbot):
    role = make_role()
    w = role.window
    scan(role, qtbot, COKE, 1)
    scan(role, qtbot, COKE, 1)  # the same product again: one line, quantity 2
    scan(role, qtbot, WATER, 2)
    assert [ln.quantity for ln in role.session.cart.lines] == [2, 1]
    assert w.cart.model.rowCount() == 2
    assert w.cart.model.data(w.cart.model.index(0, 4)) == "¥7.00"
    assert w.totals.total_value.text() == "¥9.00"
    assert w.cart.current_row() == 1  # the last scanned line is selected

    result = pay_cash(role, qtbot, "20")
    assert result.total == 900 and result.change == 1100
    assert not role.session.cart.lines
    assert "¥11.00" in w.banner.message()  # the change, big, in the banner
    qtbot.waitUntil(lambda: role.rig.drawer_kicks() == 1, timeout=5000)
    qtbot.waitUntil(lambda: role.rig.printed_receipt(result.receipt_no), timeout=5000)


def test_typed_code_quantity_prefix_and_keyboard_payment(make_role, qtbot):
    from PySide6.QtCore import Qt

    role = make_role()
    w = role.window
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    line = w.entry.line
    line.setFocus()
    line.setText(f"3*{WATER}")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 1, timeout=5000)
    assert role.session.cart.lines[0].quantity == 3
    # keyboard only: F12 opens the payment, typing the cash and Enter completes it
    qtbot.keyClick(line, Qt.Key.Key_F12)
    dialog = w.flows.dialog
    assert dialog is not None and dialog.objectName() == "paymentDialog"
    qtbot.keyClicks(dialog.cash_edit, "10")
    paid = []
    dialog.paid.connect(paid.append)
    qtbot.keyClick(dialog.cash_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(paid), timeout=5000)
    assert paid[0].change == 400


def test_unknown_barcode_says_so_and_offers_search(make_role, qtbot):
    role = make_role()
    w = role.window
    unknown = ean13("690000000000")
    role.rig.scan(unknown)
    qtbot.waitUntil(lambda: unknown in w.banner.message(), timeout=5000)
    assert "not in the catalogue" in w.banner.message()
    assert w.banner.level == "warning"
    assert w.banner.action.isVisible()
    w.banner.action.click()
    assert w.pages.currentIndex() == 1  # the search page, entry focused
    assert not role.session.cart.lines
    role.rig.scan("6900000000001")  # a wrong check digit
    qtbot.waitUntil(lambda: "check digit" in w.banner.message(), timeout=5000)
    assert w.banner.level == "warning"


def test_search_by_pinyin_initials_adds_product(make_role, qtbot):
    role = make_role()
    w = role.window
    w.entry.line.setText("kkkl")
    w.entry.submit()
    qtbot.waitUntil(lambda: w.results.list.count() >= 1, timeout=5000)
    w.results.list.picked.emit(w.results.list.item(0))
    assert role.session.cart.lines[0].product.sku == "A001"


def test_weighed_item_from_the_scale_needs_a_stable_weight(make_role, qtbot):
    from PySide6.QtCore import QCoreApplication

    role = make_role()
    w = role.window
    scale = role.rig.scale
    scale.set_weight(0)
    w.entry.line.setText("苹果")
    w.entry.submit()
    qtbot.waitUntil(lambda: w.results.list.count() >= 1, timeout=5000)
    w.results.list.picked.emit(w.results.list.item(0))
    qtbot.waitUntil(lambda: w.flows.dialog is not None
                    and w.flows.dialog.objectName() == "weighDialog", timeout=5000)
    scale.set_motion(True)
    scale.set_weight(512)
    weigh = w.flows.dialog
    # the driver asks again only after handling an answer: three more answers mean the moving
    # readings were handled, and their signals are delivered once the posted events are
    answers = scale.answers
    qtbot.waitUntil(lambda: scale.answers >= answers + 3, timeout=5000)
    QCoreApplication.sendPostedEvents()
    assert not role.session.cart.lines  # moving: not taken
    assert not weigh.ok_button.isEnabled()
    scale.set_motion(False)
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 1, timeout=5000)
    line = role.session.cart.lines[0]
    assert line.weighed and line.quantity == 512
    assert line.gross == 665  # 0.512 kg × ¥12.98 = ¥6.6458 → ¥6.65
    assert w.cart.model.data(w.cart.model.index(0, 1)) == "0.512 kg"


def test_gs1_variable_weight_label_rings_up_the_weight(make_role, qtbot):
    role = make_role()
    code = make_variable_measure("20", "00102", 1250)  # bananas, 1.250 kg
    scan(role, qtbot, code, 1)
    line = role.session.cart.lines[0]
    assert line.quantity == 1250 and line.gross == 873  # 1.25 × ¥6.98 = ¥8.725 → ¥8.73


def test_line_removal_needs_a_manager_and_is_audited(make_role, qtbot):
    from app.models import AuditEntry

    role = make_role()
    w = role.window
    scan(role, qtbot, COKE, 1)
    scan(role, qtbot, WATER, 2)
    w.cart.select_row(0)
    w.cart.buttons["remove"].click()
    pin = w.flows.dialog
    assert pin.objectName() == "pinDialog"
    pin.pin.setText("1111")  # a cashier's PIN is no manager's
    pin.submit()
    qtbot.waitUntil(lambda: pin.error.isVisible(), timeout=5000)
    assert len(role.session.cart.lines) == 2
    pin.pin.setText("9999")
    pin.submit()
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 1, timeout=5000)
    assert role.session.cart.lines[0].product.sku == "A002"
    role.runner.submit(lambda: None)
    qtbot.waitUntil(lambda: AuditEntry.select().where(AuditEntry.action == "line_void").exists(),
                    timeout=5000)


def test_discount_above_the_limit_needs_approval(make_role, qtbot):
    from app.models import ApprovalGrant, AuditEntry, SaleLine

    role = make_role()
    assert role.session.discount_limit_bp == 1000  # the store's limit, from the database
    w = role.window
    scan(role, qtbot, COKE, 1)  # ¥3.50
    w.flows.line_discount(0)
    dialog = w.flows.dialog
    dialog.edit.setText("0.30")  # under 10 %: no manager
    dialog.submit()
    assert role.session.cart.lines[0].line_discount == 30
    w.flows.line_discount(0)
    dialog = w.flows.dialog
    dialog.set_percent_mode(True)
    dialog.edit.setText("50")  # 50 % = ¥1.75: needs a manager
    dialog.submit()
    pin = w.flows.dialog
    assert pin.objectName() == "pinDialog"
    assert role.session.cart.lines[0].line_discount == 30
    pin.pin.setText("9999")
    pin.submit()
    qtbot.waitUntil(lambda: role.session.cart.lines[0].line_discount == 175, timeout=5000)
    assert w.totals.total_value.text() == "¥1.75"
    assert ApprovalGrant.get().consumed_at is None  # used by the sale, not before

    key = role.session.cart.client_uuid
    result = pay_cash(role, qtbot, "2")
    assert result.total == 175
    assert SaleLine.get(SaleLine.sale == result.sale_id).discount == 175
    assert ApprovalGrant.get().consumed_ref == f"sale:{key}"
    assert AuditEntry.select().where(AuditEntry.action == "discount").count() == 1


def test_quantity_step_and_cart_discount(make_role, qtbot):
    role = make_role()
    w = role.window
    scan(role, qtbot, WATER, 1)
    w.cart.buttons["plus"].click()
    w.cart.buttons["plus"].click()
    assert role.session.cart.lines[0].quantity == 3
    w.flows.cart_discount()
    dialog = w.flows.dialog
    dialog.edit.setText("0.50")
    dialog.submit()
    assert role.session.cart.cart_discount == 50
    assert w.totals.total_value.text() == "¥5.50"
