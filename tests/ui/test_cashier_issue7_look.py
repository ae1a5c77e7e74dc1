"""What a cashier sees in the states issue 7 added: the payment dialog's card and QR pages
with an error line still fit a 1024×768 till, the NOT PAID key-conflict message reads as one
sentence in Chinese, and no action code ("devices", "no_sale") reaches the screen."""

from __future__ import annotations

import pytest

COKE = "6901939621608"  # ¥3.50
WATER = "6921168509256"  # ¥2.00
TILL_SCREEN = (1024, 768)  # the smallest till screen the product supports


def scan(role, qtbot, code: str, lines: int) -> None:
    role.rig.scan(code)
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == lines, timeout=5000)


@pytest.mark.parametrize("page", ["card", "qr", "coupon", "cash"])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_payment_dialog_with_an_error_fits_a_1024x768_till(qapp, make_role, qtbot, page,
                                                                language):
    from ui.app import RESOURCES

    # the till's theme: its 48 px touch targets are what make the dialog tall
    qapp.setStyleSheet((RESOURCES / "theme.qss").read_text(encoding="utf-8"))
    role = make_role(language=language)
    role.rig.swipe(";880000000001?")  # a member, so the coupon page is open
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    scan(role, qtbot, COKE, 1)
    role.window.flows.pay()
    dialog = role.window.flows.dialog
    dialog.page_buttons[page].click()
    dialog.show_error(dialog.tr("A wallet payment was taken from the customer. Press Cancel "
                                "again to leave it unused (refund it with the payment "
                                "provider)."))
    need = dialog.minimumSizeHint()
    qapp.setStyleSheet("")
    assert need.width() <= TILL_SCREEN[0] and need.height() <= TILL_SCREEN[1], need


def test_a_reused_cart_key_reads_as_one_chinese_sentence(make_role, qtbot):
    from app.cart import Cart
    from app.catalogue import Catalogue
    from app.checkout import Tender, TillContext, checkout
    from app.models import Staff, Store, Terminal

    role = make_role(language="zh_CN")
    s = role.session
    scan(role, qtbot, COKE, 1)
    terminal = Terminal.get(Terminal.code == "MA-T1")
    other = Cart(client_uuid=s.cart.client_uuid)
    other.add(Catalogue(Store.get_by_id(terminal.store_id)).scan(WATER))
    first = checkout(other, [Tender("cash", 200)], TillContext(
        terminal.store_id, terminal.id, Staff.get(Staff.code == "c1").id))
    role.window.flows.pay()
    dialog = role.window.flows.dialog
    dialog.cash_edit.setText("10")
    dialog.complete()
    qtbot.waitUntil(lambda: dialog.new_sale_button.isVisible(), timeout=5000)
    text = dialog.error.text()
    assert text.startswith("未付款") and first.receipt_no in text
    assert "。。" not in text and "..." not in text
    assert dialog.new_sale_button.text() == "作为新销售"
    # nothing beside the NOT PAID line claims the cart is paid
    assert "已付" not in dialog.summary.text() and "完成收款" in dialog.summary.text()


@pytest.mark.parametrize("action", ["devices", "no_sale", "refund", "shift_close"])
def test_the_pin_pad_names_the_action_in_chinese(make_role, action):
    from ui.widgets.pin_pad import PinDialog

    role = make_role(language="zh_CN")
    dialog = PinDialog(lambda pin, done, failed: None, action, parent=role.window)
    first_line = dialog.what.text().splitlines()[0]
    assert action not in dialog.what.text()
    assert all("\u4e00" <= ch <= "\u9fff" or not ch.isalpha() for ch in first_line), first_line
    dialog.deleteLater()


@pytest.mark.parametrize(("language", "expected"), [
    ("zh_CN", "打开钱箱"),
    ("en", "Open the cash drawer (no sale) needs a manager's approval."),
])
def test_an_approval_refusal_names_the_action_in_words(make_role, qtbot, language, expected):
    role = make_role(language=language)
    s = role.session
    till = s.till
    role.window.banner.dismiss()  # the welcome
    s.submit(lambda: till.no_sale(None, "no sale"))  # no approval: the domain refuses
    qtbot.waitUntil(lambda: bool(role.window.banner.message()), timeout=5000)
    text = role.window.banner.message()
    assert expected in text and "no_sale" not in text


def test_a_zero_tender_names_the_tender_in_chinese(make_role):
    from app.errors import ValidationError
    from ui.errors import user_message

    make_role(language="zh_CN", sign_in=False)
    text = user_message(ValidationError("tender.zero", "a {kind} payment must be more than zero",
                                        kind="qr"))
    assert "扫码" in text and "qr" not in text


def test_a_coupon_on_the_english_payment_reads_in_english(make_role, qtbot):
    import uuid
    from datetime import timedelta

    from app.clock import utcnow
    from app.models import Coupon, Member, Merchant, Offer

    now = utcnow()
    offer = Offer.create(merchant=Merchant.get(Merchant.code == "MA"), title="立减2元",
                         title_en="¥2 off", face_value=200, valid_from=now - timedelta(days=1),
                         valid_until=now + timedelta(days=9))
    Coupon.create(code="CPN-EN", client_uuid=uuid.uuid4(), offer=offer, member=Member.get(),
                  valid_until=now + timedelta(days=9))
    role = make_role(language="en")
    role.rig.swipe(";880000000001?")
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    scan(role, qtbot, COKE, 1)
    role.window.flows.pay()
    dialog = role.window.flows.dialog
    dialog.page_buttons["coupon"].click()
    dialog.coupon_code.setText("CPN-EN")
    dialog.add_coupon_button.click()
    qtbot.waitUntil(lambda: dialog.tender_list.count() == 1, timeout=5000)
    text = dialog.tender_list.item(0).text()
    assert "¥2 off" in text and "立减" not in text


def test_the_members_coupons_are_listed_by_their_english_titles_in_english(make_role, qtbot):
    import uuid
    from datetime import timedelta

    from app.clock import utcnow
    from app.models import Coupon, Member, Merchant, Offer

    now = utcnow()
    for n, (zh, en) in enumerate([("立减2元", "¥2 off"), ("立减5元", "¥5 off")]):
        offer = Offer.create(merchant=Merchant.get(Merchant.code == "MA"), title=zh,
                             title_en=en, face_value=200, valid_from=now - timedelta(days=1),
                             valid_until=now + timedelta(days=9))
        Coupon.create(code=f"CPN-L{n}", client_uuid=uuid.uuid4(), offer=offer,
                      member=Member.get(), valid_until=now + timedelta(days=9))
    role = make_role(language="en")
    role.rig.swipe(";880000000001?")
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    from PySide6.QtWidgets import QLabel

    coupons = role.window.findChild(QLabel, "memberCoupons").text()
    assert "¥2 off, ¥5 off" in coupons and "立减" not in coupons and "、" not in coupons
    scan(role, qtbot, COKE, 1)
    role.window.flows.pay()
    dialog = role.window.flows.dialog
    dialog.page_buttons["coupon"].click()
    listed = [dialog.coupon_list.item(i).text() for i in range(dialog.coupon_list.count())]
    assert listed and all("off" in t and "立减" not in t for t in listed), listed
    assert dialog.coupon_code.placeholderText() == "Coupon code"


def test_another_merchants_receipt_tells_the_cashier_where_to_refund_it(make_role, qtbot):
    from app.cart import Cart
    from app.catalogue import Catalogue
    from app.checkout import Tender, TillContext, checkout
    from app.models import Staff, Store, Terminal

    b = Terminal.get(Terminal.code == "MB-T1")
    cart = Cart()
    cart.add(Catalogue(Store.get_by_id(b.store_id)).scan("6923456789012"))
    sold = checkout(cart, [Tender("cash", 12800)], TillContext(
        b.store_id, b.id, Staff.get(Staff.code == "c2").id))
    role = make_role(language="zh_CN")
    role.window.flows.refund(sold.receipt_no)
    dialog = role.window.flows.dialog
    dialog.receipt.setText(sold.receipt_no)
    dialog.find()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5000)
    text = dialog.error.text()
    assert sold.receipt_no in text and "售出该商品的商户退货" in text
    assert not dialog.ok_button.isEnabled()


def test_a_wallet_payment_in_the_tender_list_is_readable_to_the_end(qapp, make_role, qtbot):
    from PySide6.QtGui import QFontMetrics

    from ui.app import RESOURCES

    qapp.setStyleSheet((RESOURCES / "theme.qss").read_text(encoding="utf-8"))
    role = make_role(language="zh_CN")
    scan(role, qtbot, COKE, 1)
    role.window.flows.pay()
    dialog = role.window.flows.dialog
    dialog.resize(905, 734)  # as it opens on a 1024×768 till
    dialog.page_buttons["qr"].click()
    dialog.qr_amount.setText("1.00")
    role.rig.scan("134567890123456789")
    qtbot.waitUntil(lambda: dialog.tender_list.count() == 1, timeout=5000)
    item = dialog.tender_list.item(0)
    room = dialog.tender_list.viewport().width() - 16  # the item's padding
    metrics = QFontMetrics(dialog.tender_list.font())
    qapp.setStyleSheet("")
    reference = dialog.tenders[0].reference
    assert item.toolTip() == reference and reference[-8:] in item.text()
    # Each piece of the line fits the list once wrapped: nothing is cut off at "…".
    fits_on_one_line = metrics.horizontalAdvance(item.text()) <= room
    assert fits_on_one_line or dialog.tender_list.wordWrap()
    assert all(metrics.horizontalAdvance(word) <= room for word in item.text().split()), (
        item.text(), room)


@pytest.mark.parametrize(("language", "next_step"), [
    ("zh_CN", "请经理重新输入"), ("en", "the manager enters it again")])
def test_a_wrong_pin_says_what_to_do_next(make_role, qtbot, language, next_step):
    role = make_role(language=language)
    scan(role, qtbot, COKE, 1)
    role.window.flows.remove_line(0)
    pin = role.window.flows.dialog
    pin.pin.setText("123456")
    pin.submit()
    qtbot.waitUntil(lambda: pin.error.isVisible() and not pin.busy, timeout=5000)
    assert next_step in pin.error.text()


def test_a_locked_pin_pad_says_for_how_long(make_role, qtbot):
    from app.approvals import LOCKOUT, MAX_FAILED_ATTEMPTS

    role = make_role(language="zh_CN")
    scan(role, qtbot, COKE, 1)
    role.window.flows.remove_line(0)
    pin = role.window.flows.dialog
    for _ in range(MAX_FAILED_ATTEMPTS + 1):
        pin.pin.setText("123456")
        pin.submit()
        qtbot.waitUntil(lambda: pin.error.isVisible() and not pin.busy, timeout=5000)
    minutes = int(LOCKOUT.total_seconds() // 60)
    assert f"锁定 {minutes} 分钟" in pin.error.text()


def test_selling_anew_says_in_the_dialog_that_approvals_must_be_asked_again(make_role, qtbot):
    from app.cart import Cart
    from app.catalogue import Catalogue
    from app.checkout import Tender, TillContext, checkout
    from app.models import Staff, Store, Terminal

    role = make_role(language="zh_CN")
    w, s = role.window, role.session
    scan(role, qtbot, COKE, 1)
    w.flows.override_price(0)
    w.flows.dialog.edit.setText("2.00")
    w.flows.dialog.submit()
    w.flows.dialog.pin.setText("9999")
    w.flows.dialog.submit()
    qtbot.waitUntil(lambda: s.cart.lines[0].unit_price == 200, timeout=5000)
    terminal = Terminal.get(Terminal.code == "MA-T1")
    other = Cart(client_uuid=s.cart.client_uuid)
    other.add(Catalogue(Store.get_by_id(terminal.store_id)).scan(WATER))
    checkout(other, [Tender("cash", 200)], TillContext(
        terminal.store_id, terminal.id, Staff.get(Staff.code == "c1").id))
    w.flows.pay()
    dialog = w.flows.dialog
    dialog.cash_edit.setText("10")
    dialog.complete()
    qtbot.waitUntil(lambda: dialog.new_sale_button.isVisible(), timeout=5000)
    dialog.new_sale_button.click()
    assert dialog.error.isVisible() and "经理" in dialog.error.text()
    assert "重新" in dialog.error.text()
