"""The coalition's walk, end to end through the windows (issue 8's "done when"): the operator
registers a third merchant and its earning rule in the back office; a member earns points at merchant A's till and
spends them at merchant B's till; the operator settles the period: B's statement says B is owed
by A, the positions net to zero, the PDF says so (pdftotext), and the statement e-mail with
the PDF attached arrives at a real local SMTP server.

Real windows (back office, two cashier windows with simulated devices), real database, real
SMTP server; the clock of the settlement pages is moved on so this month's period is closed.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

import app.settlement.periods as periods
from app.config import MessagingConfig
from app.demo import DEMO_PINS
from app.messaging import providers
from app.models import Merchant, OutboxMessage, SettlementLine
from tests.smtp_server import smtp_server
from tests.till_rig import sign_in_as
from ui.backoffice.context import BackofficeContext
from ui.backoffice.window import BackofficeWindow

COKE, LONGJING = "6901939621608", "6923456789012"  # MA ¥3.50; MB ¥128.00
CARD = ";880000000001?"  # 刘洋


@pytest.fixture
def backoffice(seeded_url, qtbot):
    ctx = BackofficeContext()
    win = BackofficeWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.sign_out()
    ctx.shutdown()


def sign_in_backoffice(qtbot, win, code, pin):
    win.sign_in.code.setText(code)
    win.sign_in.pin.setText(pin)
    win.sign_in.submit()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.main, timeout=10000)


def pay(qtbot, role, *, points: int = 0):
    """Pay the cart: ``points`` first (points page), the rest in cash (exact)."""
    w = role.window
    w.flows.pay()
    d = w.flows.dialog
    if points:
        d.page_buttons["points"].click()
        d.points_edit.setText(str(points))
        d._add_points()
    due = d.remaining_noncash()
    d.page_buttons["cash"].click()
    d.cash_edit.setText(f"{due // 100}.{due % 100:02d}")
    paid = []
    d.paid.connect(paid.append)
    d.complete()
    qtbot.waitUntil(lambda: bool(paid), timeout=10000)
    return paid[0]


def scan(qtbot, role, code, times):
    """Scan ``code`` ``times`` times with the scanner, one scan after the other."""
    for n in range(1, times + 1):
        role.rig.scan(code)
        qtbot.waitUntil(lambda n=n: sum(ln.quantity for ln in role.session.cart.lines) == n,
                        timeout=10000)


def test_earn_at_a_spend_at_b_settle_and_mail(backoffice, make_role, qtbot, monkeypatch,
                                              tmp_path):
    # -- the operator registers a third merchant ------------------------------------------
    sign_in_backoffice(qtbot, backoffice, "op", DEMO_PINS["operator"])
    merchants = backoffice.open_page("merchants")
    qtbot.waitUntil(lambda: merchants.data is not None)
    dialog = merchants.register_merchant_dialog()
    dialog.fill(code="MC", name="鲜果铺", name_en="Fruit Stall", province="zhejiang",
                city="hangzhou", district="xihu", settlement_account_name="鲜果铺有限公司",
                settlement_bank="招商银行", settlement_account_no="6225880012345678",
                settlement_email="finance@mc.example")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.submit()
    qtbot.waitUntil(lambda: merchants.select_merchant("MC"))

    # -- and its earning rule: 2 points per ¥1.00 ------------------------------------------
    rules = backoffice.open_page("rules")
    qtbot.waitUntil(lambda: rules.view is not None and rules.merchant.count() == 3,
                    timeout=10000)
    rules.merchant.setCurrentIndex(next(i for i in range(rules.merchant.count())
                                        if "鲜果铺" in rules.merchant.itemText(i)))
    qtbot.waitUntil(lambda: rules.view is not None and rules.view.merchant == "鲜果铺",
                    timeout=10000)
    rules.base_points.setValue(2)
    rules.base_amount.setText("1.00")
    rules.base_save.click()
    qtbot.waitUntil(lambda: rules.view is not None and rules.view.merchant == "鲜果铺"
                    and (rules.view.earn_points, rules.view.earn_per_minor) == (2, 100),
                    timeout=10000)
    mc = Merchant.get(Merchant.code == "MC")
    assert (mc.earn_points, mc.earn_per_minor) == (2, 100)

    # -- the member earns at merchant A's till (20 × ¥3.50 = ¥70.00 → 70 points) ---------
    till_a = make_role()
    scan(qtbot, till_a, COKE, 20)
    till_a.rig.swipe(CARD)
    qtbot.waitUntil(lambda: till_a.session.member is not None, timeout=5000)
    earned = pay(qtbot, till_a)
    assert earned.points_earned == 70
    till_a.shutdown()

    # -- and spends 60 of them at merchant B's till -----------------------------------------
    till_b = make_role(sign_in=False, terminal="MB-T1")
    sign_in_as(qtbot, till_b, "c2", DEMO_PINS["cashier"])
    qtbot.waitUntil(lambda: till_b.session.shift is not None
                    or till_b.window.flows.dialog is not None, timeout=5000)
    if till_b.session.shift is None:
        till_b.window.flows.dialog.amount.setText("500.00")
        till_b.window.flows.dialog.submit()
        qtbot.waitUntil(lambda: till_b.session.shift is not None, timeout=5000)
    scan(qtbot, till_b, LONGJING, 1)
    till_b.rig.swipe(CARD)
    qtbot.waitUntil(lambda: till_b.session.member is not None, timeout=5000)
    spent = pay(qtbot, till_b, points=60)
    assert spent.points_spent == 60

    # -- a month later the operator settles the period ----------------------------------------
    real = periods.utcnow
    monkeypatch.setattr(periods, "utcnow", lambda: real() + timedelta(days=40))
    page = backoffice.open_page("settlement")
    qtbot.waitUntil(lambda: len(page.periods) > 0, timeout=10000)
    this_month = periods.current_period(real()).first_day
    row = next(i for i, p in enumerate(page.periods) if p.period.first_day == this_month)
    page.period_view.selectRow(row)
    page.run_button.click()
    qtbot.waitUntil(lambda: page.statement is not None, timeout=15000)
    lines = list(SettlementLine.select())
    assert lines and sum(ln.amount_minor for ln in lines) == 0
    assert sum(ln.points_in - ln.points_out for ln in lines) == 0
    codes = [page.merchant_box.itemText(i) for i in range(page.merchant_box.count())]
    page.merchant_box.setCurrentIndex(next(i for i, t in enumerate(codes) if "茶语轩" in t))
    qtbot.waitUntil(lambda: page.statement is not None and page.statement.merchant_code == "MB")
    assert "¥0.60" in page.total.text()
    page.save_to(str(tmp_path))
    qtbot.waitUntil(lambda: bool(page.saved), timeout=10000)
    pdf = next(Path(p) for p in page.saved if p.endswith(".pdf"))
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is part of the test set-up"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())  # the window is in English: so is its PDF
    assert "百联超市 owes 茶语轩 ¥0.60" in flat and "茶语轩 is owed ¥0.60" in flat

    # -- the statement e-mail arrives, PDF attached --------------------------------------------
    assert OutboxMessage.select().where(OutboxMessage.kind == "merchant_statement").count() == 2
    with smtp_server() as server:
        providers.configure({"email": providers.SmtpProvider(MessagingConfig(
            smtp_host="127.0.0.1", smtp_port=server.port, smtp_security="none",
            smtp_from="Patron <points@patron.example>", smtp_timeout_s=5).validate("test"))})
        try:
            messages = backoffice.open_page("messages")
            messages.send_now()
            qtbot.waitUntil(lambda: len(server.messages) >= 2, timeout=15000)
        finally:
            providers.configure({})
    mail = next(m for m in server.messages if m["To"] == "finance@mb.example")
    assert "茶语轩" in mail["Subject"]
    attachment = next(part for part in mail.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content().startswith(b"%PDF")
