"""The till's own walk, end to end, as a cashier does it: sign in, open the shift with a
float, scan goods with the scanner, swipe the member's card, take cash, hand over the
receipt; later refund one item with the manager's PIN on the PIN pad, then count the drawer,
close the shift and print the Z report.

Everything goes through the real cashier window (its buttons, keypads, dialogs and the
simulated devices behind the real device hub) and the real database; the checks read what the
cashier and the customer see: the screen, the receipt bytes the printer got, the drawer kicks.
The manager's approval is given on the PIN pad, never by calling the domain, so the walk holds
whatever the approval service does behind it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.both_databases

COKE = "6901939621608"  # 可口可乐 330ml, ¥3.50
WATER = "6921168509256"  # 农夫山泉 550ml, ¥2.00
MEMBER_CARD = ";880000000001?"  # 刘洋, 13800138000
CASHIER, CASHIER_PIN, MANAGER_PIN = "c1", "1111", "9999"


def dialog_named(qtbot, role, name: str):
    """Wait for the window's current dialog to be ``name`` and visible; return it."""
    flows = role.window.flows
    qtbot.waitUntil(lambda: flows.dialog is not None and flows.dialog.objectName() == name
                    and flows.dialog.isVisible(), timeout=5000)
    return flows.dialog


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName() or button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_in(qtbot, edit, text: str) -> None:
    """Type on the keyboard into ``edit``. The keyboard-wedge detector holds a fast burst of
    keys until it can tell typing from a scanner, then gives them back: wait for them."""
    qtbot.keyClicks(edit, text)
    qtbot.waitUntil(lambda: edit.text() == text, timeout=5000)


def tap_keys(qtbot, keypad, digits: str) -> None:
    """Type on a dialog's on-screen keypad, key by key."""
    for digit in digits:
        click(qtbot, keypad.buttons[digit])


def enter_pin_on_pad(qtbot, role, pin: str):
    """The PIN pad is up: tap the PIN on its keypad and press Approve."""
    pad = dialog_named(qtbot, role, "pinDialog")
    tap_keys(qtbot, pad.keypad, pin)
    assert pad.pin.text() == pin
    click(qtbot, pad.ok_button)
    return pad


def receipt_text(data: bytes) -> str:
    """The printed bytes as text (the printer gets GB18030 between ESC/POS commands)."""
    return data.decode("gb18030", errors="replace")


def test_sale_member_refund_and_shift_close(make_role, qtbot):
    role = make_role(sign_in=False)
    w, rig = role.window, role.rig

    # -- sign in and open the shift with a ¥500 float ------------------------------------
    sign_in = dialog_named(qtbot, role, "signInDialog")
    type_in(qtbot, sign_in.code, CASHIER)
    type_in(qtbot, sign_in.pin, CASHIER_PIN)
    click(qtbot, sign_in.ok_button)
    qtbot.waitUntil(lambda: "王芳" in w.top.who.text(), timeout=5000)
    opening = dialog_named(qtbot, role, "openShiftDialog")
    tap_keys(qtbot, opening.keypad, "500")
    click(qtbot, opening.ok_button)
    qtbot.waitUntil(lambda: "Shift #" in w.top.who.text(), timeout=5000)

    # -- scan the goods: two colas and a water ---------------------------------------------
    for code, lines in ((COKE, 1), (COKE, 1), (WATER, 2)):
        rig.scan(code)
        qtbot.waitUntil(lambda n=lines: w.cart.model.rowCount() == n, timeout=5000)
    qtbot.waitUntil(lambda: w.totals.total_value.text() == "¥9.00", timeout=5000)
    assert w.cart.model.data(w.cart.model.index(0, 4)) == "¥7.00"  # 2 × ¥3.50 on one line

    # -- the member swipes their card ----------------------------------------------------------
    rig.swipe(MEMBER_CARD)
    qtbot.waitUntil(lambda: w.member.name.text() == "刘洋", timeout=5000)
    assert "points" in w.member.points.text()

    # -- cash: ¥10 for ¥9.00 -------------------------------------------------------------------
    click(qtbot, w.totals.pay_button)
    pay = dialog_named(qtbot, role, "paymentDialog")
    type_in(qtbot, pay.cash_edit, "10")
    assert pay.change_value.text() == "¥1.00"
    paid = []
    pay.paid.connect(paid.append)
    click(qtbot, pay.complete_button)
    qtbot.waitUntil(lambda: bool(paid), timeout=10000)
    sale = paid[0]
    assert (sale.total, sale.change) == (900, 100)
    qtbot.waitUntil(lambda: "¥1.00" in w.banner.message(), timeout=5000)  # the change, shown
    assert w.cart.model.rowCount() == 0 and w.member.name.text() != "刘洋"  # ready for the next
    qtbot.waitUntil(lambda: rig.drawer_kicks() == 1, timeout=5000)

    # -- the receipt the printer got -------------------------------------------------------------
    qtbot.waitUntil(lambda: rig.printed_receipt(sale.receipt_no), timeout=10000)
    assert len(rig.receipts()) == 1
    printed = receipt_text(rig.receipts()[0])
    # In the window's language (English here), English product names.
    for shown in (sale.receipt_no, "Coca-Cola 330ml", "Nongfu Spring 550ml", "TOTAL", "9.00",
                  "Change", "1.00", "Member", "刘*", "138****8000", "Points earned"):
        assert shown in printed, shown
    assert "刘洋" not in printed and "13800138000" not in printed  # masked on paper

    # -- later: one cola comes back; refund it with the manager's PIN ------------------------
    click(qtbot, w.top.buttons["refund"])
    refund = dialog_named(qtbot, role, "refundDialog")
    rig.scan(sale.receipt_no)  # the receipt's barcode, scanned into the refund
    qtbot.waitUntil(lambda: len(refund.spins) == 2, timeout=5000)
    assert all(b.height() >= 48 and b.width() >= 48
               for b in (refund.spins[0].minus, refund.spins[0].plus))
    assert sale.receipt_no in refund.sale_label.text() and "刘" in refund.sale_label.text()
    assert not refund.ok_button.isEnabled()  # nothing chosen yet
    click(qtbot, refund.spins[0].plus)  # one of the two colas
    qtbot.waitUntil(lambda: refund.ok_button.isEnabled(), timeout=5000)  # the split is shown
    assert "¥3.50" in refund.split_label.text()
    refunded = []
    refund.refunded.connect(refunded.append)
    click(qtbot, refund.ok_button)
    pad = enter_pin_on_pad(qtbot, role, CASHIER_PIN)  # a cashier's PIN approves nothing
    qtbot.waitUntil(lambda: pad.error.isVisible(), timeout=5000)
    assert not refunded and pad.pin.text() == ""
    tap_keys(qtbot, pad.keypad, MANAGER_PIN)
    click(qtbot, pad.ok_button)
    qtbot.waitUntil(lambda: bool(refunded), timeout=10000)
    back = refunded[0]
    assert (back.money_back, back.tender) == (350, "cash")
    qtbot.waitUntil(lambda: "¥3.50" in w.banner.message(), timeout=5000)
    qtbot.waitUntil(lambda: rig.drawer_kicks() == 2, timeout=5000)
    qtbot.waitUntil(lambda: rig.printed_receipt(back.receipt_no), timeout=10000)
    refund_slip = receipt_text(rig.receipts()[-1])
    assert back.receipt_no in refund_slip and "3.50" in refund_slip
    assert "Coca-Cola" in refund_slip and "Nongfu" not in refund_slip

    # -- close the shift: count the drawer (¥500 + ¥9.00 − ¥3.50), manager approves ----------
    w.top.close_action.trigger()  # Shift ▸ Close shift
    count = dialog_named(qtbot, role, "closeShiftDialog")
    for denomination, keys in ((10000, "5"), (500, "1"), (50, "1")):  # 5 × ¥100, ¥5, 5 jiao
        click(qtbot, count.rows[denomination])  # tap the note, type the count on the keypad
        for key in keys:
            click(qtbot, count.keypad.buttons[key])
    assert "¥505.50" in count.total.text()
    click(qtbot, count.ok_button)
    enter_pin_on_pad(qtbot, role, MANAGER_PIN)
    z = dialog_named(qtbot, role, "reportDialog")
    assert z.report.kind == "Z" and z.report.z_number == 1
    assert (z.report.cash.expected, z.report.cash.counted, z.report.cash.difference) \
        == (50550, 50550, 0)
    assert "Z report 1" in z.heading.text() and "difference ¥0.00" in z.summary.text()
    qtbot.waitUntil(lambda: z.print_button.isEnabled(), timeout=10000)  # the job is ready
    printed_before = len(rig.writes())
    click(qtbot, z.print_button)
    qtbot.waitUntil(lambda: z.job["job_id"] in rig.printed, timeout=10000)
    z_slip = receipt_text(rig.writes()[printed_before])
    assert "505.50" in z_slip and "9.00" in z_slip and "3.50" in z_slip
    qtbot.waitUntil(lambda: "No shift open" in w.top.who.text(), timeout=5000)
