"""The cashier window's own room: the cart gives product names the width and tells two long
names apart, an empty cart says how to start, PIN pads have one confirm button, and the member
can be taken off with a finger (quitting during the sign-in: tests/ui/test_cashier_screens.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QPushButton, QStyleOptionViewItem

from ui.cashier.cart_model import COL_DISCOUNT, COL_NAME

LONG_NAMES = {
    "A001": "Yunnan Baiyao Toothpaste Fresh Mint Whitening Double Action Family Value Pack 180g",
    "A002": "Yunnan Baiyao Toothpaste Fresh Mint Whitening Double Action Herbal Gum Care 120g",
}


def _lay_out(window, size=(1024, 768)) -> None:
    window.resize(*size)
    for _ in range(3):  # a layout applied can ask its children to lay out in turn
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QCoreApplication.processEvents()


def _confirm_buttons(dialog, texts) -> list[QPushButton]:
    return [b for b in dialog.findChildren(QPushButton)
            if b.isVisibleTo(dialog) and b.text() in texts]


def test_pin_pad_has_one_confirm_button_and_its_keys_still_type(qtbot):
    from ui.widgets.pin_pad import PinDialog

    asked: list[str] = []
    dialog = PinDialog(lambda pin, done, failed: asked.append(pin), "refund")
    qtbot.addWidget(dialog)
    dialog.show()
    assert _confirm_buttons(dialog, {"Approve", "Enter", "↵"}) == [dialog.ok_button]
    for key in "9999":
        dialog.keypad.buttons[key].click()
    dialog.keypad.buttons["back"].click()
    dialog.keypad.buttons["1"].click()
    dialog.ok_button.click()
    assert asked == ["9991"]


def test_sign_in_has_one_confirm_button(make_role, qtbot):
    role = make_role(sign_in=False)
    qtbot.waitUntil(lambda: role.window.flows.dialog is not None
                    and role.window.flows.dialog.isVisible(), timeout=5000)
    dialog = role.window.flows.dialog
    assert _confirm_buttons(dialog, {"Sign in", "Enter", "↵"}) == [dialog.ok_button]
    # Sign in with a code and no PIN yet moves on to the PIN instead of trying
    dialog.code.setText("c1")
    dialog.ok_button.click()
    assert not dialog.busy and role.session.cashier is None


def test_empty_cart_shows_how_to_start(make_role, qtbot):
    role = make_role(language="en")
    cart = role.window.cart
    _lay_out(role.window)
    assert cart.hint.isVisible() and "Scan" in cart.hint.text()
    assert cart.hint.geometry().intersects(cart.view.viewport().rect())
    role.rig.scan("6901939621608")
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 1, timeout=5000)
    assert not cart.hint.isVisible()


def test_cart_gives_names_the_room_and_tells_long_names_apart(make_role, qtbot, seeded_url):
    from app.models import Product

    for sku, name in LONG_NAMES.items():
        Product.update(name_en=name).where(Product.sku == sku).execute()
    role = make_role(language="en")
    w, cart = role.window, role.window.cart
    for code in ("6901939621608", "6921168509256"):
        role.rig.scan(code)
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 2, timeout=5000)
    _lay_out(w)
    view = cart.view
    # no discount on any line: no Discount column taking the names' width
    assert view.isColumnHidden(COL_DISCOUNT)
    assert view.columnWidth(COL_NAME) >= view.viewport().width() // 2
    # the names share their beginning and their end: drawn on two lines (cut, if at all, in
    # the middle of the second) they still read differently
    option = QStyleOptionViewItem()
    option.font, option.fontMetrics = view.font(), view.fontMetrics()
    shown = []
    for row in range(2):
        option.rect = view.visualRect(cart.model.index(row, COL_NAME))
        assert option.rect.width() > 0
        shown.append(cart.names.lines(option, cart.model.index(row, COL_NAME).data())[1])
    assert all(len(lines) == 2 for lines in shown), shown
    assert shown[0] != shown[1], shown
    # the selected line's full name is shown in full under the table
    cart.select_row(0)
    assert cart.detail.isVisible()
    assert LONG_NAMES["A001"] in cart.detail.toolTip()
    cart.select_row(1)
    assert LONG_NAMES["A002"] in cart.detail.toolTip()
    # a discounted line brings its column back
    assert role.session.set_line_discount(0, 10)
    qtbot.waitUntil(lambda: not view.isColumnHidden(COL_DISCOUNT), timeout=3000)


def test_member_can_be_taken_off_with_a_finger(make_role, qtbot):
    role = make_role(language="zh_CN")
    role.session.handle_card(type("C", (), {"kind": "member", "number": "880000000001"})())
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    _lay_out(role.window)
    button = role.window.member.remove_button
    assert button.isVisible() and button.width() >= 48 and button.height() >= 48
    button.click()
    assert role.session.member is None


def test_name_lines_break_at_words_or_characters_and_cut_in_the_middle(qapp):
    from PySide6.QtGui import QFont, QFontMetrics

    from ui.cashier.cart_name_delegate import name_lines

    metrics = QFontMetrics(QFont("DejaVu Sans", 10))
    short = "Coca-Cola 330ml"
    assert name_lines(short, metrics, 1000) == [short]
    room = metrics.horizontalAdvance("Yunnan Baiyao Green")
    first, second = name_lines("Yunnan Baiyao Green tea drink (value pack)", metrics, room)
    assert first == "Yunnan Baiyao Green" and second.startswith("tea")
    first, second = name_lines("云南白药绿茶饮料超值装加量不加价家庭装", metrics,
                               metrics.horizontalAdvance("云南白药绿茶"))
    assert first == "云南白药绿茶" and "…" in second
    assert metrics.horizontalAdvance(second) <= metrics.horizontalAdvance("云南白药绿茶")
