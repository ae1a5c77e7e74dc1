"""The kiosk window: no way out for shoppers, the idle question and wipe, out of order on a
broken printer, staff out with the gesture and a manager's PIN, offers that stay fresh."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.clock import utcnow
from app.config import TerminalConfig
from app.demo import DEMO_PINS
from app.models import Offer, Terminal
from ui.kiosk.flows import FLOWS
from ui.kiosk.role import KioskRole
from ui.null_hub import NullHub


class QuietHub(NullHub):
    def start(self) -> None:  # no devices, and none broken
        pass

    def statuses(self):
        return {"printer": ("connected", "")}


@pytest.fixture
def role(world, qtbot, tmp_path):
    Terminal.create(store=world.store_a, code="MA-K1", role="kiosk")
    r = KioskRole(TerminalConfig(role="kiosk"), hub=QuietHub("test"), state_dir=tmp_path,
                  idle_s=1, countdown_s=2)
    r.ctx.offers.timer.setInterval(200)
    r.show()
    yield r
    r.shutdown()


def test_touch_opens_home_and_a_flow(role, qtbot):
    win = role.window
    assert win.top() is win.attract
    qtbot.mouseClick(win.attract, Qt.MouseButton.LeftButton)
    assert win.top() is win.home_screen
    qtbot.mouseClick(win.home_screen.tile(FLOWS[0]), Qt.MouseButton.LeftButton)
    assert type(win.top()).__name__ == "OffersScreen"
    win.pop()
    assert win.top() is win.home_screen


def test_shoppers_cannot_close_or_escape(role, qtbot):
    win = role.window
    win.start_session()
    win.close()
    assert win.isVisible()
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert win.top() is win.home_screen and win.isVisible()
    flags = win.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint and flags & Qt.WindowType.WindowStaysOnTopHint


def test_idle_asks_then_wipes_the_session(role, qtbot):
    win = role.window
    win.start_session()
    role.ctx.identify(42, "刘洋")
    assert "刘洋" in win.home_screen.greeting.text()
    qtbot.waitUntil(lambda: win.still_there.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: win.top() is win.attract, timeout=5000)
    assert role.ctx.session.member_id is None
    assert "刘洋" not in win.home_screen.greeting.text()
    assert not win.still_there.isVisible()


def test_answering_still_there_keeps_the_session(role, qtbot):
    win = role.window
    win.start_session()
    role.ctx.identify(42, "刘洋")
    qtbot.waitUntil(lambda: win.still_there.isVisible(), timeout=3000)
    qtbot.mouseClick(win.still_there.button, Qt.MouseButton.LeftButton)
    assert not win.still_there.isVisible()
    assert win.top() is win.home_screen and role.ctx.session.member_id == 42


def test_a_broken_printer_puts_the_kiosk_out_of_order(role, qtbot):
    win = role.window
    win.start_session()
    win.device_status("printer", "error", "paper out")
    assert win.stack.currentWidget() is win.out_of_order
    assert "paper" not in win.out_of_order.body.text()  # details are for staff
    win.device_status("printer", "connected", "")
    assert win.stack.currentWidget() is win.home_screen


def test_staff_leave_with_the_gesture_and_a_manager_pin(role, qtbot):
    win = role.window
    for _ in range(4):
        win.corner_tapped()
    assert not hasattr(win, "pin_dialog")
    win.corner_tapped()
    dialog = win.pin_dialog
    dialog.pin.setText(DEMO_PINS["cashier"])
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisible() if hasattr(dialog, "error") else True)
    assert win.top() is win.attract
    dialog.pin.setText(DEMO_PINS["manager"])
    dialog.submit()
    qtbot.waitUntil(lambda: win.top() is win.staff)
    assert "李经理" in win.staff.who.text()
    with qtbot.waitSignal(win.leave_requested):
        qtbot.mouseClick(win.staff.leave_button, Qt.MouseButton.LeftButton)
    assert win.may_close


def test_a_published_offer_reaches_the_running_kiosk(role, world, qtbot):
    win = role.window
    qtbot.waitUntil(lambda: role.ctx.offers.fingerprint != "", timeout=3000)
    before = win.attract.slides.count()
    now = utcnow()
    Offer.create(merchant=world.merchant_b, title="新品 龙井", region="shanghai", price_points=80,
                 valid_from=now - timedelta(hours=1), valid_until=now + timedelta(days=3))
    qtbot.waitUntil(lambda: win.attract.slides.count() == before + 1, timeout=5000)
