"""Back-office screens 1 and 2 driven through the window: the operator registers merchant MC
with a store and a terminal through the dialogs; a duplicate code is shown in the dialog and
nothing is written; manager m1 sees only MA; staff are added, locked out, unlocked and have
their PIN reset with a manager's approval on the PIN pad."""

import pytest
from PySide6.QtCore import Qt

from app import staff as staff_service
from app.demo import DEMO_PINS
from app.models import Merchant, Staff, Store, Terminal
from ui.backoffice.context import BackofficeContext
from ui.backoffice.window import BackofficeWindow


@pytest.fixture
def window(world, qtbot):
    ctx = BackofficeContext()
    win = BackofficeWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    ctx.shutdown()


def signed_in(qtbot, win, code, role):
    win.sign_in.code.setText(code)
    win.sign_in.pin.setText(DEMO_PINS[role])
    win.sign_in.submit()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.main)
    return win


def open_page(qtbot, win, key):
    page = win.open_page(key)
    qtbot.waitUntil(lambda: page.data is not None)
    return page


def save(qtbot, dialog):
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.submit()


def test_operator_registers_merchant_store_and_terminal(window, qtbot):
    signed_in(qtbot, window, "op", "operator")
    page = open_page(qtbot, window, "merchants")
    assert [m.code for m in page.data.merchants] == ["MA", "MB"]

    dialog = page.register_merchant_dialog()
    assert dialog.isVisible()
    dialog.fill(code="MC", name="鲜果铺", name_en="Fruit Stall", province="zhejiang",
                city="hangzhou", district="xihu", settlement_account_name="鲜果铺有限公司",
                settlement_bank="招商银行", settlement_account_no="6225880012345678",
                settlement_email="finance@mc.example")
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: page.select_merchant("MC"))
    assert page.selected_merchant().account_masked == "****5678"

    store_dialog = page.register_store_dialog()
    store_dialog.fill(code="MC-S1", name="鲜果铺 西湖店", timezone="Asia/Shanghai")
    save(qtbot, store_dialog)
    qtbot.waitUntil(lambda: page.select_merchant("MC") and page.select_store("MC-S1"))
    assert page.selected_store().region == "hangzhou"

    terminal_dialog = page.register_terminal_dialog()
    terminal_dialog.fill(code="MC-T1", role="kiosk")
    save(qtbot, terminal_dialog)
    qtbot.waitUntil(lambda: page.select_merchant("MC") and page.select_store("MC-S1")
                    and page.select_terminal("MC-T1"))
    assert page.selected_terminal().role == "kiosk"
    terminal = Terminal.get(Terminal.code == "MC-T1")
    assert Store.get_by_id(terminal.store_id).merchant.code == "MC"

    # Deactivating the terminal from the page.
    page.toggle_terminal_active()
    qtbot.waitUntil(lambda: page.select_merchant("MC") and page.select_store("MC-S1")
                    and page.select_terminal("MC-T1") and not page.selected_terminal().active)
    assert not Terminal.get(Terminal.code == "MC-T1").active


def test_a_duplicate_code_shows_the_error_and_writes_nothing(window, qtbot):
    signed_in(qtbot, window, "op", "operator")
    page = open_page(qtbot, window, "merchants")
    dialog = page.register_merchant_dialog()
    dialog.fill(code="MA", name="重复", province="shanghai", city="shanghai")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "MA" in dialog.error.text() and dialog.isVisible()
    assert Merchant.select().count() == 2
    dialog.fill(code="MD", city="上海")  # a bad region code: also refused, in the dialog
    dialog.submit()
    qtbot.waitUntil(lambda: "上海" in dialog.error.text())
    assert not Merchant.select().where(Merchant.code == "MD").exists()

    store_dialog = page.register_store_dialog()
    store_dialog.fill(code="MX-S1", name="店", timezone="Nowhere/City")
    store_dialog.submit()
    qtbot.waitUntil(lambda: store_dialog.error.isVisible())
    assert "Nowhere/City" in store_dialog.error.text()
    assert not Store.select().where(Store.code == "MX-S1").exists()


def test_manager_sees_only_their_merchant(window, qtbot):
    signed_in(qtbot, window, "m1", "manager")
    page = open_page(qtbot, window, "merchants")
    assert [m.code for m in page.data.merchants] == ["MA"]
    assert {s.code for s in page.data.stores} == {"MA-S1"}
    assert {t.code for t in page.data.terminals} == {"MA-T1"}
    assert not page.add_merchant.isVisible() and page.add_store.isVisible()
    staff_page = open_page(qtbot, window, "staff")
    assert {s.code for s in staff_page.data.staff} == {"c1", "m1", "g1"}
    assert not staff_page.filter.isVisible()


def test_staff_added_locked_out_unlocked(window, qtbot):
    signed_in(qtbot, window, "m1", "manager")
    page = open_page(qtbot, window, "staff")
    dialog = page.add_staff_dialog()
    assert dialog.fields["role"].findData("operator") < 0  # a manager makes no operators
    dialog.fill(code="c7", name="新员工", role="cashier", pin="2468", pin_again="2469")
    dialog.submit()
    assert dialog.error.isVisible() and dialog.isVisible()
    assert not Staff.select().where(Staff.code == "c7").exists()
    dialog.fill(pin_again="2468")
    save(qtbot, dialog)
    assert staff_service.sign_in("c7", "2468").merchant_id == window.ctx.actor.merchant_id

    for _ in range(staff_service.MAX_FAILED_ATTEMPTS):
        staff_service.verify_pin(Staff.get(Staff.code == "c7"), "0000")
    page.refresh()
    qtbot.waitUntil(lambda: page.select_staff("c7") and page.selected().locked)
    row = page.view.currentIndex().row()
    lock_column = len(page.model.columns) - 1
    assert page.model.index(row, lock_column).data()  # "Locked until …"
    assert page.unlock_button.isEnabled()
    page.unlock()
    qtbot.waitUntil(lambda: page.select_staff("c7") and not page.selected().locked)
    assert Staff.get(Staff.code == "c7").locked_until is None


def test_managers_pin_reset_asks_for_approval_on_the_pin_pad(window, qtbot):
    signed_in(qtbot, window, "m1", "manager")
    page = open_page(qtbot, window, "staff")
    assert page.select_staff("c1")
    dialog = page.reset_pin_dialog()
    dialog.fill(pin="3579", pin_again="3579")
    dialog.submit()
    qtbot.waitUntil(lambda: page.pin_pad is not None and page.pin_pad.isVisible())
    page.pin_pad.pin.setText("0000")  # a wrong manager PIN: refused on the pad
    page.pin_pad.submit()
    qtbot.waitUntil(lambda: page.pin_pad.error.isVisible())
    assert staff_service.sign_in("c1", DEMO_PINS["cashier"]).code == "c1"
    page.pin_pad.pin.setText(DEMO_PINS["manager"])
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        page.pin_pad.submit()
    assert staff_service.sign_in("c1", "3579").code == "c1"


def test_operator_resets_without_approval(window, qtbot):
    signed_in(qtbot, window, "op", "operator")
    page = open_page(qtbot, window, "staff")
    assert page.select_staff("m2")
    dialog = page.reset_pin_dialog()
    dialog.fill(pin="8642", pin_again="8642")
    save(qtbot, dialog)
    assert page.pin_pad is None
    assert staff_service.sign_in("m2", "8642").code == "m2"


def test_manager_edits_own_store_and_operator_deactivates_a_merchant(window, qtbot):
    signed_in(qtbot, window, "m1", "manager")
    page = open_page(qtbot, window, "merchants")
    assert page.select_store("MA-S1")
    dialog = page.edit_store_dialog()
    assert not dialog.fields["code"].isEnabled()
    dialog.fill(name="百联超市 南京东路店", timezone="Asia/Urumqi")
    save(qtbot, dialog)
    store = Store.get(Store.code == "MA-S1")
    assert (store.name, store.timezone) == ("百联超市 南京东路店", "Asia/Urumqi")
    assert page.edit_merchant_dialog is not None and not page.edit_merchant.isVisible()

    window.sign_out()
    signed_in(qtbot, window, "op", "operator")
    page = open_page(qtbot, window, "merchants")
    assert page.select_merchant("MB")
    page.toggle_merchant_active()
    qtbot.waitUntil(lambda: page.select_merchant("MB") and not page.selected_merchant().active)
    assert page.toggle_merchant.text() != "" and not page.add_store.isEnabled()
    with pytest.raises(Exception) as info:
        staff_service.sign_in("c2", DEMO_PINS["cashier"])
    assert info.value.code == "staff.merchant_inactive"


def test_pages_follow_a_language_change(window, qtbot):
    from ui.app import set_language

    signed_in(qtbot, window, "op", "operator")
    page = open_page(qtbot, window, "staff")
    header = page.model.headerData(0, Qt.Orientation.Horizontal)
    try:
        set_language("zh_CN")
        qtbot.waitUntil(lambda: page.add_button.text() == "新增员工…")  # a posted event
        assert page.model.headerData(0, Qt.Orientation.Horizontal) == "工号" != header
    finally:
        set_language("en")
