"""Members at the till and paying: card swipe, phone, QR, registration; split tender; the
exact ESC/POS receipt bytes; points as payment."""

from __future__ import annotations

import pytest

# the acceptance tests of the cashier window: on SQLite and on PostgreSQL
pytestmark = pytest.mark.both_databases

COKE = "6901939621608"  # ¥3.50
TEA = "6921168509256"  # ¥2.00 (water)


def scan(role, qtbot, code: str, lines: int) -> None:
    role.rig.scan(code)
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == lines, timeout=5000)


def test_member_by_card_swipe(make_role, qtbot):
    role = make_role()
    w = role.window
    role.rig.swipe(";880000000001?")
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    m = role.session.member
    assert m.name == "刘洋" and m.phone_masked == "138****8000"
    assert w.member.name.text() == "刘洋"
    assert "points" in w.member.points.text()
    assert role.session.cart.member_id == m.id


def test_member_by_phone_and_by_member_qr(make_role, qtbot):
    from app.members import identify, member_qr

    role = make_role()
    w = role.window
    w.flows.identify()
    dialog = w.flows.dialog
    dialog.edit.setText("1380013")  # too short
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5000)
    dialog.edit.setText("13800138000")
    dialog.submit()
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    assert w.flows.dialog is None  # the dialog closed by itself
    role.session.set_member(None)
    qr = member_qr(identify("13800138000"))
    role.rig.scan(qr)  # the member's app QR, scanned
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    assert role.session.member.name == "刘洋"


def test_register_a_member_at_the_till(make_role, qtbot):
    from app.models import Consent, Member, MemberCard

    role = make_role()
    w = role.window
    w.flows.register()
    dialog = w.flows.dialog
    dialog.phone.setText("12345678901")
    assert "mobile" in dialog.phone_state.text()
    dialog.phone.setText("13912345678")
    dialog.name.setText("周敏")
    dialog.terms.setChecked(True)
    dialog.marketing.setChecked(True)
    role.rig.swipe(";880000000099?")  # a new card, swiped now
    qtbot.waitUntil(lambda: dialog.card.text() == "880000000099", timeout=5000)
    dialog.submit()
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    member = Member.get(Member.phone == "13912345678")
    assert member.name == "周敏"
    assert Consent.select().where((Consent.member == member)
                                  & (Consent.kind == "marketing")).exists()
    assert MemberCard.get(MemberCard.number == "880000000099").member_id == member.id


def test_split_payment_card_and_cash_with_change(make_role, qtbot):
    from app.models import Payment, Sale

    role = make_role()
    w = role.window
    scan(role, qtbot, COKE, 1)
    scan(role, qtbot, COKE, 1)
    scan(role, qtbot, TEA, 2)  # ¥9.00
    w.flows.pay()
    d = w.flows.dialog
    d.page_buttons["card"].click()
    assert d.card_amount.text() == "9.00"
    d.card_amount.setText("5.00")
    d._add_card()
    assert d.error.isVisible()  # no approval code yet
    d.card_code.setText("A1B2C3")
    d._add_card()
    assert d.remaining_noncash() == 400
    assert not d.complete_button.isEnabled()
    exact = d.quick_buttons[0]
    assert exact.property("amount") == 400
    d.cash_edit.setText("10")
    assert d.change_value.text() == "¥6.00"
    paid = []
    d.paid.connect(paid.append)
    d.complete()
    qtbot.waitUntil(lambda: bool(paid), timeout=5000)
    sale = Sale.get_by_id(paid[0].sale_id)
    assert sale.change == 600
    tenders = {p.tender: (p.amount, p.tendered, p.reference) for p in sale.payments}
    assert tenders == {"card": (500, 500, "A1B2C3"), "cash": (400, 1000, "")}
    assert Payment.select().count() == 2


def test_points_as_payment_at_the_configured_rate(make_role, qtbot):
    from app import ledger
    from app.db import write_tx
    from app.members import identify
    from app.models import Merchant

    member = identify("13800138000")
    with write_tx():
        ledger.award(ledger.member_account(member), Merchant.get(Merchant.code == "MA"), 300,
                     key="adjust:test-points", reason="test", source="adjustment")
    role = make_role()
    w = role.window
    scan(role, qtbot, COKE, 1)  # ¥3.50
    role.rig.swipe(";880000000001?")
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    w.flows.pay()
    d = w.flows.dialog
    d.page_buttons["points"].click()
    assert d.points_edit.text() == "300"  # all 300 points (¥3.00 at 1 fen a point)
    d._add_points()
    assert d.remaining_noncash() == 50
    d.cash_edit.setText("0.50")
    paid = []
    d.paid.connect(paid.append)
    d.complete()
    qtbot.waitUntil(lambda: bool(paid), timeout=5000)
    assert paid[0].points_spent == 300
    assert ledger.balance(member) == paid[0].points_earned


def test_exact_escpos_receipt_bytes_from_the_printer(make_role, qtbot):
    from app.documents.receipt import build_receipt, receipt_print_job
    from hardware.printer.escpos_render import render_job

    role = make_role()
    w = role.window
    scan(role, qtbot, COKE, 1)
    w.flows.pay()
    d = w.flows.dialog
    d.cash_edit.setText("5")
    paid = []
    d.paid.connect(paid.append)
    d.complete()
    qtbot.waitUntil(lambda: bool(paid), timeout=5000)
    rig = role.rig
    qtbot.waitUntil(lambda: len(rig.receipts()) == 1, timeout=5000)
    # In the window's language (the tests' windows are English).
    expected = render_job(receipt_print_job(build_receipt(paid[0].sale_id), 80, "en"))
    assert rig.receipts()[0] == expected
    data = rig.receipts()[0]
    assert data.startswith(b"\x1b@")  # ESC @
    assert b"\x1c&" in data  # Chinese (Kanji) mode for the GB18030 text
    assert b"Coca-Cola 330ml" in data  # the English name on an English receipt
    assert "王芳".encode("gb18030") in data  # the cashier's own name, in GB18030
    assert paid[0].receipt_no.encode() in data
    assert b"\x1dV" in data  # cut

    # a reprint from the history is printed again, as a new job
    w.flows.history()
    h = w.flows.dialog
    qtbot.waitUntil(lambda: h.table.rowCount() == 1, timeout=5000)
    h.reprint()
    qtbot.waitUntil(lambda: len(rig.receipts()) == 2, timeout=5000)
    assert rig.receipts()[1] == expected


def test_payment_cannot_double_charge(make_role, qtbot, drain):
    from app.models import Sale

    role = make_role()
    w = role.window
    scan(role, qtbot, COKE, 1)
    w.flows.pay()
    d = w.flows.dialog
    d.cash_edit.setText("10")
    paid = []
    d.paid.connect(paid.append)
    d.complete()
    d.complete()  # a double tap: the button is disabled and the session refuses
    assert not d.complete_button.isEnabled()
    assert role.session.pay([], lambda _: None, lambda _: None) is False
    qtbot.waitUntil(lambda: bool(paid), timeout=5000)
    drain(role)  # a second payment, had one been queued, has now run and reported back
    assert Sale.select().count() == 1 and len(paid) == 1
