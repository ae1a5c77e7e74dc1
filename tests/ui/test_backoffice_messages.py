"""The back office's messages page: the operator sees the outbox by state and each channel's
status, sends failing messages again, sends now, and sends a test e-mail to a real SMTP
server; a refused login shows as a translated error. A manager has no such page."""

from __future__ import annotations

import pytest

from app.config import MessagingConfig
from app.demo import DEMO_PINS
from app.messaging import notices, providers
from app.messaging.providers import SmtpProvider
from app.models import AuditEntry
from tests.smtp_server import smtp_server
from ui.backoffice.context import BackofficeContext
from ui.backoffice.window import BackofficeWindow


@pytest.fixture
def window(world, qtbot):
    providers.configure({})
    ctx = BackofficeContext()
    win = BackofficeWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    ctx.shutdown()
    providers.configure({})


def sign_in(qtbot, win, code, pin):
    win.sign_in.code.setText(code)
    win.sign_in.pin.setText(pin)
    win.sign_in.submit()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.main)


def smtp(port: int, password: str) -> SmtpProvider:
    return SmtpProvider(MessagingConfig(smtp_host="127.0.0.1", smtp_port=port,
                                        smtp_security="none", smtp_user="till",
                                        smtp_password=password, smtp_from="p@patron.example",
                                        smtp_timeout_s=5))


def rows_of(page):
    return [(r.key, r.state) for r in page.messages.rows]


def test_failing_mail_is_shown_then_sent_again(window, qtbot):
    from app.messaging import dispatcher

    for i in range(3):
        notices.queue(f"m:{i}", "email", f"m{i}@example.cn", "points_expiring", "zh_CN",
                      name="刘", points=10, date="2026-12-31")
    with smtp_server(users={"till": "right"}) as server:
        providers.configure({"email": smtp(server.port, "wrong")})
        dispatcher.dispatch(providers.configured())
        sign_in(qtbot, window, "op", DEMO_PINS["operator"])
        page = window.open_page("messages")
        qtbot.waitUntil(lambda: page.view is not None)
        assert {state for _, state in rows_of(page)} == {"failing"}
        assert page.view.counts["failing"] == 3
        email = page.channels.rows[0]
        assert email.state == "failing"
        shown = page.channels.data(page.channels.index(0, 4))
        assert "refused the login" in shown.lower()
        assert "Failing" in page.state.itemText(admin_state_index("failing"))

        # choose two, send them again, send now: the server gets them
        providers.configure({"email": smtp(server.port, "right")})
        assert not page.retry_button.isEnabled()
        page.table.selectRow(0)
        assert "messaging.smtp_login_refused" in page.detail.text()
        page.table.selectionModel().select(
            page.messages.index(1, 0),
            page.table.selectionModel().SelectionFlag.Select
            | page.table.selectionModel().SelectionFlag.Rows)
        assert len(page.selected_ids()) == 2 and page.retry_button.isEnabled()
        page.retry_button.click()
        qtbot.waitUntil(lambda: AuditEntry.select().where(
            AuditEntry.action == "messaging.retry").count() == 2)
        page.send_now_button.click()
        qtbot.waitUntil(lambda: len(server.messages) == 2, timeout=10_000)
        qtbot.waitUntil(lambda: page.view.counts["sent"] == 2, timeout=10_000)
        assert sorted(state for _, state in rows_of(page)) == ["failing", "sent", "sent"]

        # a refresh keeps the operator's choice
        page.table.selectRow(2)  # the one still failing
        chosen = page.selected_ids()
        page.refresh()
        qtbot.waitUntil(lambda: not window.ctx.runner.pending)
        assert page.selected_ids() == chosen and chosen

        # the filter shows one state only
        page.state.setCurrentIndex(admin_state_index("sent"))
        qtbot.waitUntil(lambda: page.view is not None and len(page.messages.rows) == 2)


def admin_state_index(state: str) -> int:
    from app.messaging.admin import STATES

    return STATES.index(state)


def test_a_test_email_arrives_and_a_refused_login_is_said_plainly(window, qtbot):
    with smtp_server(users={"till": "right"}) as server:
        providers.configure({"email": smtp(server.port, "right")})
        sign_in(qtbot, window, "op", DEMO_PINS["operator"])
        page = window.open_page("messages")
        qtbot.waitUntil(lambda: page.view is not None)
        page.test_to.setText("ops@patron.example")
        page.test_button.click()
        qtbot.waitUntil(lambda: len(server.messages) == 1, timeout=10_000)
        qtbot.waitUntil(lambda: "SMTP" in page.test_result.text())
        providers.configure({"email": smtp(server.port, "wrong")})
        page.test_button.click()
        qtbot.waitUntil(lambda: "refused the login" in page.test_result.text().lower(),
                        timeout=10_000)
    assert server.messages[0]["To"] == "ops@patron.example"
    assert page.test_button.isEnabled()


def test_the_operator_sets_where_their_notices_go(window, qtbot):
    from app.backoffice.actor import sign_in as actor_sign_in
    from app.messaging import admin

    sign_in(qtbot, window, "op", DEMO_PINS["operator"])
    page = window.open_page("messages")
    qtbot.waitUntil(lambda: page.view is not None)
    assert page.operator_email.text() == ""
    page.operator_email.setText("ops")  # not an address: said, nothing saved
    page.operator_save.click()
    qtbot.waitUntil(lambda: "ops" in page.operator_result.text())
    op = actor_sign_in("op", DEMO_PINS["operator"])
    assert admin.operator_email(op) == ""
    page.operator_email.setText("ops@coalition.example")
    page.operator_save.click()
    qtbot.waitUntil(lambda: admin.operator_email(op) == "ops@coalition.example")
    page.operator_email.setModified(False)
    page.refresh()
    qtbot.waitUntil(lambda: page.operator_email.text() == "ops@coalition.example")
    assert {c.channel for c in page.channels.rows} >= {"merchant", "operator"}


def test_the_page_reads_in_chinese(window, qtbot):
    from ui.app import set_language

    notices.queue("z:1", "sms", "13800138000", "points_expiring", "zh_CN", name="刘", points=1,
                  date="x")
    sign_in(qtbot, window, "op", DEMO_PINS["operator"])
    page = window.open_page("messages")
    qtbot.waitUntil(lambda: page.view is not None)
    set_language("zh_CN")
    try:
        qtbot.waitUntil(lambda: page.heading.text() == "消息")
        assert page.messages.data(page.messages.index(0, 1)) == "积分即将过期"
        assert page.messages.rows[0].recipient == "138****8000"
        assert page.channels.data(page.channels.index(1, 2)) == "本终端未设置"
    finally:
        set_language("en")


def test_a_manager_has_no_messages_page(window, qtbot):
    from ui.backoffice.pages import PAGES

    sign_in(qtbot, window, "m1", DEMO_PINS["manager"])
    shown = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Messages" not in shown
    assert [p.key for p in PAGES if p.operator_only and p.key == "messages"] == ["messages"]
