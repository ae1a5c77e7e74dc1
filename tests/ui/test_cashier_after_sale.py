"""After the sale: history, refund by scanning the receipt (manager approval), void, the
drawer, and shifts closed with a denomination count and a Z report."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

# the acceptance tests of the cashier window: on SQLite and on PostgreSQL
pytestmark = pytest.mark.both_databases

COKE = "6901939621608"  # ¥3.50
WATER = "6921168509256"  # ¥2.00


def sell(role, qtbot, codes: list[str], cash: str) -> object:
    for code in codes:
        before = sum(ln.quantity for ln in role.session.cart.lines)
        role.rig.scan(code)
        qtbot.waitUntil(lambda b=before: sum(ln.quantity for ln in role.session.cart.lines)
                        > b, timeout=5000)
    role.window.flows.pay()
    d = role.window.flows.dialog
    d.cash_edit.setText(cash)
    paid = []
    d.paid.connect(paid.append)
    d.complete()
    qtbot.waitUntil(lambda: bool(paid), timeout=5000)
    # the receipt prints after the drawer kick: once it is out, the printer is quiet
    qtbot.waitUntil(lambda: role.rig.printed_receipt(paid[0].receipt_no), timeout=5000)
    return paid[0]


def approve(qtbot, role, pin: str = "9999") -> None:
    qtbot.waitUntil(lambda: role.window.flows.dialog is not None
                    and role.window.flows.dialog.objectName() == "pinDialog", timeout=5000)
    dialog = role.window.flows.dialog
    dialog.pin.setText(pin)
    dialog.submit()


def used_approval(action: str) -> tuple[str, bool]:
    """(target, used) of the latest stored approval for ``action``."""
    from app.models import ApprovalGrant

    grant = ApprovalGrant.select().where(ApprovalGrant.action == action).order_by(
        ApprovalGrant.id.desc()).first()
    assert grant is not None, f"no approval was stored for {action}"
    return grant.target, grant.consumed_at is not None


def test_refund_by_scanning_the_receipt_with_manager_approval(make_role, qtbot):
    from app.models import AuditEntry, Sale

    role = make_role()
    w = role.window
    sale = sell(role, qtbot, [COKE, COKE, WATER], "9")
    kicks = role.rig.drawer_kicks()
    # scanning the receipt's barcode opens the refund with the sale loaded
    role.rig.scan(sale.receipt_no)
    qtbot.waitUntil(lambda: w.flows.dialog is not None
                    and w.flows.dialog.objectName() == "refundDialog", timeout=5000)
    d = w.flows.dialog
    qtbot.waitUntil(lambda: len(d.spins) == 2, timeout=5000)
    assert sale.receipt_no in d.sale_label.text()
    d.spins[0].setValue(1)  # one of the two colas
    qtbot.waitUntil(lambda: d.ok_button.isEnabled(), timeout=5000)  # where the money goes
    assert "¥3.50" in d.split_label.text()
    refunded = []
    d.refunded.connect(refunded.append)
    d.submit()
    approve(qtbot, role, "1111")  # not a manager
    pin = w.flows.dialog
    qtbot.waitUntil(lambda: pin.error.isVisible(), timeout=5000)
    assert not refunded
    pin.pin.setText("9999")
    pin.submit()
    qtbot.waitUntil(lambda: bool(refunded), timeout=5000)
    result = refunded[0]
    assert result.money_back == 350 and result.tender == "cash"
    qtbot.waitUntil(lambda: role.rig.drawer_kicks() == kicks + 1, timeout=5000)
    refund = Sale.get_by_id(result.sale_id)
    assert refund.kind == "refund" and refund.approved_by.code == "m1"
    assert AuditEntry.select().where(AuditEntry.action == "refund").count() == 1
    assert used_approval("refund") == (f"sale:{sale.sale_id}", True)
    assert "¥3.50" in w.banner.message()
    qtbot.waitUntil(lambda: role.rig.printed_receipt(result.receipt_no), timeout=5000)


def test_void_a_sale_from_the_history(make_role, qtbot):
    from app.models import AuditEntry, Sale

    role = make_role()
    w = role.window
    sale = sell(role, qtbot, [WATER], "2")
    w.flows.history()
    h = w.flows.dialog
    qtbot.waitUntil(lambda: h.table.rowCount() == 1, timeout=5000)
    assert h.table.item(0, 0).text() == sale.receipt_no
    screen = h.screen().availableGeometry()  # sized from the screen, not a fixed 760×520
    assert h.height() >= min(int(screen.height() * 0.85), 1000)
    h.void_button.click()
    approve(qtbot, role)
    qtbot.waitUntil(lambda: Sale.select().where(Sale.kind == "void").exists(), timeout=5000)
    qtbot.waitUntil(lambda: "voided" in w.banner.message(), timeout=5000)
    assert AuditEntry.select().where(AuditEntry.action == "void").exists()
    assert used_approval("void") == (f"sale:{sale.sale_id}", True)


def test_open_drawer_without_a_sale_needs_a_manager(make_role, qtbot):
    from app.models import AuditEntry

    role = make_role()
    w = role.window
    w.top.buttons["no_sale"].click()
    approve(qtbot, role)
    qtbot.waitUntil(lambda: role.rig.drawer_kicks() == 1, timeout=5000)
    assert AuditEntry.select().where(AuditEntry.action == "no_sale").exists()
    assert used_approval("no_sale") == (f"terminal:{role.session.till.terminal_id}", True)


def test_shift_x_report_then_close_with_count_and_z_report(make_role, qtbot):
    from app.models import Shift

    role = make_role()
    w = role.window
    sell(role, qtbot, [COKE, WATER], "10")  # ¥5.50 cash: drawer 500 + 5.50
    w.flows.x_report()
    qtbot.waitUntil(lambda: w.flows.dialog is not None
                    and w.flows.dialog.objectName() == "reportDialog", timeout=5000)
    x = w.flows.dialog
    qtbot.waitUntil(lambda: x.job is not None, timeout=5000)
    assert "¥505.50" in x.summary.text()
    x.reject()

    w.flows.close_shift()
    c = w.flows.dialog
    assert c.objectName() == "closeShiftDialog"
    for denomination, count in ((10000, "5"), (500, "1"), (50, "1")):
        c.rows[denomination].click()
        for key in count:
            c.keypad.buttons[key].click()
    assert "¥505.50" in c.total.text()
    c.submit()
    approve(qtbot, role)
    qtbot.waitUntil(lambda: w.flows.dialog is not None
                    and w.flows.dialog.objectName() == "reportDialog", timeout=5000)
    z = w.flows.dialog
    assert z.report.kind == "Z" and z.report.z_number == 1
    assert z.report.cash.counted == 50550 and z.report.cash.difference == 0
    qtbot.waitUntil(lambda: z.job is not None, timeout=5000)
    assert "505.50" in z.preview.toPlainText()
    z.print_report()
    qtbot.waitUntil(lambda: z.job["job_id"] in role.rig.printed, timeout=5000)
    assert any(b"505.50" in w for w in role.rig.writes())
    assert Shift.get_by_id(z.report.shift_id).closed_by.code == "m1"
    assert used_approval("shift_close") == (f"shift:{z.report.shift_id}", True)
    assert role.session.shift is None
    z.save_pdf()
    qtbot.waitUntil(lambda: ".pdf" in z.error.text(), timeout=10000)


def test_devices_screen_opens_once_the_till_used_the_approval(make_role, qtbot):
    from app.models import AuditEntry

    role = make_role()
    w = role.window
    w.flows.devices()
    approve(qtbot, role)
    qtbot.waitUntil(lambda: AuditEntry.select().where(AuditEntry.action == "devices").exists(),
                    timeout=5000)
    assert used_approval("devices") == (f"terminal:{role.session.till.terminal_id}", True)


def test_a_void_the_domain_refuses_shows_in_the_banner(make_role, qtbot):
    from app.models import Sale

    role = make_role()
    w = role.window
    sale = sell(role, qtbot, [WATER], "2")
    summary = SimpleNamespace(id=sale.sale_id, receipt_no=sale.receipt_no, total=sale.total)
    w.flows.void_sale(summary)
    approve(qtbot, role)
    qtbot.waitUntil(lambda: "voided" in w.banner.message(), timeout=5000)
    # The same sale again: nothing is left on it, and the cashier reads why.
    w.flows.void_sale(summary)
    approve(qtbot, role)
    qtbot.waitUntil(lambda: "already been refunded" in w.banner.message(), timeout=5000)
    assert Sale.select().where(Sale.kind == "void").count() == 1
    assert used_approval("void") == (f"sale:{sale.sale_id}", False)


# -- refunds by the original tenders, on a touch screen ---------------------------------------
def apples_label() -> str:
    """A scale label for 1.234 kg of the demo's weighed apples."""
    from app.barcodes import make_variable_measure

    return make_variable_measure("20", "00101", 1234)


def till_sale(role, codes: list[str], tenders) -> object:  # type: ignore[no-untyped-def]
    """A sale committed straight through the till (how it was paid is what matters here)."""
    from app.cart import Cart

    till = role.session.till
    cart = Cart()
    for code in codes:
        cart.add(till.scan(code))
    return till.pay(cart, tenders(cart.totals().total))


def open_refund(qtbot, role, receipt_no: str, lines: int):  # type: ignore[no-untyped-def]
    w = role.window
    w.flows.refund(receipt_no)
    qtbot.waitUntil(lambda: w.flows.dialog is not None
                    and w.flows.dialog.objectName() == "refundDialog", timeout=5000)
    d = w.flows.dialog
    qtbot.waitUntil(lambda: len(d.spins) == lines, timeout=5000)
    return d


def test_a_card_and_cash_sale_is_refunded_to_the_card_and_in_cash_said_on_screen(make_role,
                                                                                  qtbot):
    from app.checkout import Tender
    from app.models import AuditEntry

    role = make_role()
    sale = till_sale(role, [COKE, COKE], lambda total: [Tender("card", 400, reference="AUTH9"),
                                                       Tender("cash", total - 400)])
    d = open_refund(qtbot, role, sale.receipt_no, 1)
    d.spins[0].plus.click()
    d.spins[0].plus.click()  # both colas: ¥7.00, ¥4.00 of it on the card
    qtbot.waitUntil(lambda: "AUTH9" in d.split_label.text(), timeout=5000)
    assert "¥4.00 back to card (approval AUTH9)" in d.split_label.text()
    assert "¥3.00 in cash" in d.split_label.text()
    assert d.keypad.isVisible() and not d.ok_button.isEnabled()  # the card's reference first
    d.card_edits["AUTH9"].setFocus()
    for key in "7731":
        d.keypad.buttons[key].click()
    assert d.card_edits["AUTH9"].text() == "7731" and d.ok_button.isEnabled()
    refunded = []
    d.refunded.connect(refunded.append)
    kicks = role.rig.drawer_kicks()
    d.ok_button.click()
    approve(qtbot, role)
    qtbot.waitUntil(lambda: bool(refunded), timeout=5000)
    result = refunded[0]
    assert {(t.tender, t.amount, t.refund_reference) for t in result.tenders} == {
        ("card", 400, "7731"), ("cash", 300, "")}
    qtbot.waitUntil(lambda: role.rig.drawer_kicks() == kicks + 1, timeout=5000)  # cash part
    assert "back to card" in role.window.banner.message()
    assert '"refund_to": "original tenders"' in AuditEntry.get(AuditEntry.action == "refund").detail


def test_the_manager_may_give_a_card_sale_back_in_cash(make_role, qtbot):
    from app.checkout import Tender

    role = make_role()
    sale = till_sale(role, [WATER], lambda total: [Tender("card", total, reference="AUTH3")])
    d = open_refund(qtbot, role, sale.receipt_no, 1)
    d.all_button.click()
    qtbot.waitUntil(lambda: "back to card" in d.split_label.text(), timeout=5000)
    d.cash_button.click()
    qtbot.waitUntil(lambda: "¥2.00 in cash" in d.split_label.text(), timeout=5000)
    assert "card" not in d.split_label.text() and not d.card_edits and d.ok_button.isEnabled()
    refunded = []
    d.refunded.connect(refunded.append)
    d.ok_button.click()
    approve(qtbot, role)
    qtbot.waitUntil(lambda: bool(refunded), timeout=5000)
    assert refunded[0].refund_to == "cash" and refunded[0].amount_to("cash") == 200


def test_refund_lines_show_sold_english_names_weights_and_touch_steppers(make_role, qtbot):
    from app.checkout import Tender

    role = make_role(language="en")
    sale = till_sale(role, [COKE, COKE, apples_label()],
                     lambda total: [Tender("cash", total)])
    d = open_refund(qtbot, role, sale.receipt_no, 2)
    names = [d.table.item(r, 0).text() for r in range(2)]
    assert names[0] == "Coca-Cola 330ml" and not any("\u4e00" <= ch <= "\u9fff"
                                                      for ch in names[1])
    assert [d.table.item(r, 1).text() for r in range(2)] == ["2", "1.234 kg"]
    assert d.table.item(1, 2).text().startswith("1.234 kg")
    apples = d.spins[1]
    assert apples.label.text() == "—" and "×" not in apples.label.text()
    apples.plus.click()
    assert apples.label.text() == "1.234 kg" and not apples.plus.isEnabled()  # back whole
    assert d.chosen()[d.lines[1].line_id] == 1234
    for stepper in d.spins:
        for button in (stepper.minus, stepper.plus):
            assert button.width() >= 48 and button.height() >= 48
    screen = d.screen().availableGeometry()
    assert d.width() >= min(int(screen.width() * 0.9), 1280)
    assert d.height() >= min(int(screen.height() * 0.9), 1000)
