"""The payment dialog's coupon page says why its list is empty instead of showing a blank box."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _coupon_page(make_role, qtbot, language, member=True):
    role = make_role(language=language)
    role.rig.scan("6901939621608")
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 1, timeout=5000)
    if member:
        role.session.handle_card(type("C", (), {"kind": "member", "number": "880000000001"})())
        qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    role.window.flows.pay()
    dialog = role.window.flows.dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=3000)
    dialog.page_buttons["coupon"].click()
    return dialog


def test_a_member_without_coupons_is_told_so(make_role, qtbot):
    dialog = _coupon_page(make_role, qtbot, "en", member=True)
    assert dialog.coupon_list.count() == 1
    item = dialog.coupon_list.item(0)
    assert item.text() == "This member has no coupons to use."
    assert item.flags() == Qt.ItemFlag.NoItemFlags  # not a coupon to pick
    assert dialog.coupon_code.placeholderText() == "Coupon code"
    dialog.coupon_list.itemClicked.emit(item)
    assert dialog.coupon_code.text() == ""


def test_the_empty_coupon_list_speaks_chinese(make_role, qtbot):
    dialog = _coupon_page(make_role, qtbot, "zh_CN", member=True)
    assert [dialog.coupon_list.item(i).text() for i in range(dialog.coupon_list.count())] \
        == ["该会员没有可用的优惠券。"]
    assert dialog.coupon_code.placeholderText() == "优惠券码"
