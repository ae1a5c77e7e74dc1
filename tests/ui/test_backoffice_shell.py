"""The back-office window: sign-in by role, the page list by scope, sign-out forgets all."""

import pytest

from app.config import TerminalConfig
from app.demo import DEMO_PINS
from ui.backoffice.context import BackofficeContext
from ui.backoffice.pages import PAGES
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


def sign_in(qtbot, win, code, pin):
    win.sign_in.code.setText(code)
    win.sign_in.pin.setText(pin)
    win.sign_in.submit()


def test_operator_signs_in_and_sees_every_page(window, qtbot):
    sign_in(qtbot, window, "op", DEMO_PINS["operator"])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.main)
    assert window.nav.count() == len(PAGES)
    page = window.open_page("overview")
    qtbot.waitUntil(lambda: page.data is not None)
    assert page.data.merchants == 2
    window.sign_out()
    assert window.ctx.actor is None and not window.opened
    assert window.stack.currentWidget() is window.sign_in


def test_a_cashier_is_refused_with_a_reason(window, qtbot):
    sign_in(qtbot, window, "c1", DEMO_PINS["cashier"])
    qtbot.waitUntil(lambda: window.sign_in.error.isVisible())
    assert window.stack.currentWidget() is window.sign_in
    assert "back office" in window.sign_in.error.text()
    assert window.sign_in.pin.text() == ""


def test_a_manager_sees_no_operator_pages(window, qtbot):
    sign_in(qtbot, window, "m1", DEMO_PINS["manager"])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.main)
    assert window.nav.count() == len([p for p in PAGES if not p.operator_only])


def test_backoffice_role_self_check(world, qtbot):
    from ui.backoffice.role import BackofficeRole

    role = BackofficeRole(TerminalConfig(role="backoffice"))
    role.show()
    ok, detail = role.self_check()
    role.shutdown()
    assert ok, detail
