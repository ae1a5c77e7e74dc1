"""After payment: the change due in the largest type on the cashier's screen until the next
customer starts, whether the receipt came out, "Print again"; the customer display shows the
store, a cart table (qty × unit price, discount, amount) and the same change-due figures."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontInfo, QPixmap
from PySide6.QtWidgets import QLabel

pytestmark = pytest.mark.both_databases

COKE = "6901939621608"  # ¥3.50
WATER = "6921168509256"  # ¥2.00


@pytest.fixture
def themed(qapp):
    """The till's real stylesheet: type sizes are what the tests compare."""
    from ui.app import RESOURCES

    before = qapp.styleSheet()
    qapp.setStyleSheet((RESOURCES / "theme.qss").read_text(encoding="utf-8"))
    yield
    qapp.setStyleSheet(before)


def ring_up(role, qtbot, codes: list[str]) -> None:
    for code in codes:
        before = sum(ln.quantity for ln in role.session.cart.lines)
        role.rig.scan(code)
        qtbot.waitUntil(lambda b=before: sum(ln.quantity for ln in role.session.cart.lines)
                        > b, timeout=5000)


def pay_cash(role, qtbot, cash: str):  # type: ignore[no-untyped-def]
    role.window.flows.pay()
    d = role.window.flows.dialog
    d.cash_edit.setText(cash)
    paid = []
    d.paid.connect(paid.append)
    d.complete()
    qtbot.waitUntil(lambda: bool(paid), timeout=5000)
    return paid[0]


def visible_labels(widget) -> list[QLabel]:  # type: ignore[no-untyped-def]
    return [lb for lb in widget.findChildren(QLabel) if lb.isVisibleTo(widget) and lb.text()]


def test_the_change_due_is_the_largest_figure_until_the_next_scan(make_role, qtbot, themed):
    role = make_role()
    w = role.window
    ring_up(role, qtbot, [COKE, WATER])
    sale = pay_cash(role, qtbot, "10")
    assert sale.change == 450
    panel = w.totals
    qtbot.waitUntil(panel.showing_change, timeout=5000)
    view = panel.change_due
    assert view.change_value.text() == "¥4.50"
    assert view.tendered_value.text() == "¥10.00" and view.paid_value.text() == "¥5.50"
    tenders = [lb.text() for lb in view.findChildren(QLabel)
               if lb.property("class") == "changeDueTender"]
    assert tenders == ["Cash", "¥10.00"]
    # the change is in the largest type of the whole window (the old "Total ¥0.00" was)
    biggest = max(visible_labels(w), key=lambda lb: QFontInfo(lb.font()).pixelSize())
    assert biggest is view.change_value
    assert not panel.total_value.isVisible()
    # the receipt came out, and the screen says so
    qtbot.waitUntil(lambda: view.receipt_label.property("state") == "printed", timeout=5000)
    assert sale.receipt_no in view.receipt_label.text() and "printed" in view.receipt_label.text()
    # the next scan starts the next customer: totals again, with the new line
    role.rig.scan(WATER)
    qtbot.waitUntil(lambda: not panel.showing_change(), timeout=5000)
    assert role.session.change_due is None
    assert panel.total_value.text() == "¥2.00" and panel.total_value.isVisible()


def test_print_again_reprints_through_the_copy_path(make_role, qtbot):
    role = make_role()
    ring_up(role, qtbot, [COKE])
    sale = pay_cash(role, qtbot, "5")
    view = role.window.totals.change_due
    qtbot.waitUntil(lambda: role.rig.printed_receipt(sale.receipt_no), timeout=5000)
    qtbot.waitUntil(view.print_button.isEnabled, timeout=5000)
    receipts = len(role.rig.receipts())
    view.print_button.click()
    qtbot.waitUntil(lambda: any(":copy:" in j and sale.receipt_no in j
                                for j in role.rig.printed), timeout=5000)
    assert len(role.rig.receipts()) == receipts + 1
    qtbot.waitUntil(lambda: view.receipt_label.property("state") == "printed", timeout=5000)
    assert role.window.totals.showing_change()  # printing again keeps the screen up


def test_a_failed_receipt_says_so_and_can_be_printed_again(make_role, qtbot, hub, monkeypatch):
    role = make_role()
    submit = hub.submit_print
    failing = {"on": True}

    def flaky(job):  # type: ignore[no-untyped-def]
        if failing["on"]:
            hub.print_failed.emit(job["job_id"], "paper out")
            return True
        return submit(job)

    monkeypatch.setattr(hub, "submit_print", flaky)
    ring_up(role, qtbot, [WATER])
    sale = pay_cash(role, qtbot, "2")
    view = role.window.totals.change_due
    qtbot.waitUntil(lambda: view.receipt_label.property("state") == "failed", timeout=5000)
    assert "paper out" in view.receipt_label.text() and "NOT printed" in view.receipt_label.text()
    assert view.change_label.text() == "No change due" and view.change_value.text() == "¥0.00"
    failing["on"] = False
    view.print_button.click()
    qtbot.waitUntil(lambda: view.receipt_label.property("state") == "printed", timeout=5000)
    assert role.rig.printed_receipt(sale.receipt_no) or any(
        sale.receipt_no in j for j in role.rig.printed)


def test_a_member_or_next_customer_ends_the_change_due_screen(make_role, qtbot):
    role = make_role()
    panel = role.window.totals
    ring_up(role, qtbot, [COKE])
    pay_cash(role, qtbot, "5")
    qtbot.waitUntil(panel.showing_change, timeout=5000)
    role.rig.swipe(";880000000001?")  # the next customer's member card
    qtbot.waitUntil(lambda: not panel.showing_change(), timeout=5000)
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    ring_up(role, qtbot, [WATER])
    pay_cash(role, qtbot, "2")
    qtbot.waitUntil(panel.showing_change, timeout=5000)
    assert "+" in panel.change_due.points.text()  # the member's points earned
    panel.change_due.next_button.click()
    assert not panel.showing_change()


def test_customer_display_store_cart_table_and_change(make_role, qtbot, tmp_path):
    from ui.cashier.customer_display import (
        COL_AMOUNT,
        COL_DISCOUNT,
        COL_NAME,
        COL_QTY,
        PAGE_CART,
        PAGE_IDLE,
        PAGE_PAID,
        CustomerDisplay,
    )

    role = make_role(customer_display=True)
    cd = role.customer_display
    # idle: the store's name, large
    assert cd.pages.currentIndex() == PAGE_IDLE
    assert cd.idle_store.text() == role.session.till.store_name_en != ""
    ring_up(role, qtbot, [COKE, COKE, WATER])
    assert role.session.set_line_discount(0, 50)
    qtbot.waitUntil(lambda: cd.lines.rowCount() == 2, timeout=5000)
    assert cd.pages.currentIndex() == PAGE_CART
    headers = [cd.lines.horizontalHeaderItem(c).text() for c in range(cd.lines.columnCount())]
    assert headers == ["Item", "Qty × price", "Discount", "Amount"]
    assert cd.lines.horizontalHeader().isVisible()
    cell = cd.lines.item
    assert cell(0, COL_NAME).text() == "Coca-Cola 330ml"
    assert cell(0, COL_QTY).text() == "2 × ¥3.50"
    assert cell(0, COL_DISCOUNT).text() == "−¥0.50"
    assert cell(0, COL_DISCOUNT).foreground().color() == QColor(Qt.GlobalColor.red)
    assert cell(0, COL_AMOUNT).text() == "¥6.50"
    assert cell(1, COL_DISCOUNT).text() == ""
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for col in (COL_QTY, COL_DISCOUNT, COL_AMOUNT):
        assert Qt.AlignmentFlag(cell(0, col).textAlignment()) == right
    assert cd.sum_values["subtotal"].text() == "¥9.00"
    assert cd.sum_values["discount"].text() == "−¥0.50"
    assert cd.total.text() == "Total ¥8.50"
    sale = pay_cash(role, qtbot, "20")
    qtbot.waitUntil(lambda: cd.pages.currentIndex() == PAGE_PAID, timeout=5000)
    assert cd.change_due.change_value.text() == "¥11.50" == role.session.money(sale.change)
    assert cd.change_due.print_button is None  # the customer gets figures, not buttons
    role.rig.scan(WATER)
    qtbot.waitUntil(lambda: cd.pages.currentIndex() == PAGE_CART
                    and cd.lines.rowCount() == 1, timeout=5000)

    # a logo in resources/ shows beside the store's name
    logo = tmp_path / "logo.png"
    pix = QPixmap(200, 100)
    pix.fill(Qt.GlobalColor.darkGreen)
    assert pix.save(str(logo))
    with_logo = CustomerDisplay(role.session, logo=logo)
    try:
        assert with_logo.logo.isVisibleTo(with_logo)
        with_logo.show()
        with_logo.resize(1024, 768)
        qtbot.waitUntil(lambda: with_logo.logo.pixmap().height() == 72, timeout=5000)
        with_logo.resize(1920, 1080)  # a larger screen: larger logo and type
        qtbot.waitUntil(lambda: with_logo.logo.pixmap().height() == round(72 * 1.41),
                        timeout=5000)
    finally:
        with_logo.close()
        with_logo.deleteLater()
    assert not cd.logo.isVisibleTo(cd)  # none is installed here


def test_customer_display_weighed_and_labelled_lines():
    from types import SimpleNamespace

    from ui.cashier.customer_display import qty_price_text

    def money(v: int) -> str:
        return f"¥{v / 100:.2f}"

    def line(**kw):  # type: ignore[no-untyped-def]
        base = dict(quantity=1, unit_price=350, fixed_total=None, weighed=False)
        return SimpleNamespace(**{**base, **kw})

    assert qty_price_text(line(quantity=3), money) == "3 × ¥3.50"
    assert qty_price_text(line(quantity=732, unit_price=1298, weighed=True), money) \
        == "0.732 kg × ¥12.98/kg"
    assert qty_price_text(line(fixed_total=990), money) == "1"


def test_customer_display_type_grows_with_its_screen(make_role, qtbot, themed):
    role = make_role(customer_display=True)
    cd = role.customer_display
    sizes = {}
    for size in ((1024, 768), (1920, 1080)):
        cd.resize(*size)
        qtbot.waitUntil(lambda s=size: cd.size().width() == s[0], timeout=5000)
        cd.total.ensurePolished()
        sizes[size] = (QFontInfo(cd.total.font()).pixelSize(),
                       QFontInfo(cd.change_due.change_value.font()).pixelSize(),
                       cd.lines.verticalHeader().defaultSectionSize())
    assert sizes[(1024, 768)] == (54, 110, 44)
    assert sizes[(1920, 1080)] == (round(54 * 1.41), round(110 * 1.41), round(44 * 1.41))


def test_customer_display_promises_the_points_checkout_then_gives(make_role, qtbot, drain):
    role = make_role(customer_display=True)
    cd = role.customer_display
    role.rig.swipe(";880000000001?")
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    assert not cd.points.isVisibleTo(cd)  # nothing in the cart, nothing promised
    ring_up(role, qtbot, [COKE, COKE, WATER])
    qtbot.waitUntil(lambda: cd.points_estimate is not None, timeout=5000)
    drain(role)
    qtbot.waitUntil(lambda: not cd._points_timer.isActive(), timeout=5000)
    drain(role)  # the last question's answer is in
    promised = cd.points_estimate
    assert promised and f"{promised:,} points" in cd.points.text()
    assert cd.points.isVisibleTo(cd)
    sale = pay_cash(role, qtbot, "20")
    assert sale.points_earned == promised
