"""The kiosk coupon walk, end to end (issue 9's "Done when"), on SQLite and PostgreSQL.

A shopper at the kiosk taps an offer, identifies by phone with the code of the SMS the SMS
provider delivered (the file provider, after the messaging job sent the outbox), orders the
offer with points and takes a printed slip: the bytes the kiosk printer got decode to the
coupon's QR content and the Chinese title. At the cashier window the slip's QR is scanned on
the coupon page of the payment and pays; a second till of the same merchant then refuses the
same coupon. A new shopper joins at the kiosk and gets the registration reward once.

Both windows are the real ones (KioskRole and CashierRole) on the real device hub with the
capture printer; the checks read what the shopper and the cashier see and what was printed.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app import jobs, ledger
from app.clock import utcnow
from app.config import TerminalConfig
from app.db import write_tx
from app.messaging import providers
from app.models import Coupon, Member, Merchant, Offer, Sale, Setting, Terminal
from tests.escpos_decode import qr_payloads, text_of
from tests.till_rig import sign_in_as
from ui.devices import DeviceHub
from ui.kiosk.flows import FLOWS
from ui.kiosk.role import KioskRole
from ui.null_hub import NullHub

pytestmark = pytest.mark.both_databases

PHONE = "13800138000"  # 刘洋, member card 880000000001
NEW_PHONE = "13912345678"
COKE = "6901939621608"  # ¥3.50
FLOW = {f.key: f for f in FLOWS}


class QuietHub(NullHub):
    def start(self) -> None:
        pass


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName() or button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tap_digits(qtbot, screen, digits: str) -> None:
    """Type on the screen's on-screen keypad, key by key."""
    for d in digits:
        key = next(b for b in screen.findChildren(QPushButton)
                   if b.text() == d and b.isVisible() and b.parentWidget().objectName() == "keypad")
        click(qtbot, key)


def sms_code_from_provider(path, phone: str) -> str:
    """Send the outbox as the messaging job does, then read the newest code SMS to ``phone``."""
    jobs.run_due(only="messages")
    sent = [m for m in providers.read_sms(path, phone) if m["kind"] == "kiosk_code"]
    assert sent, f"no code SMS reached {phone}"
    return re.search(r"\d{6}", sent[-1]["text"]).group(0)


@pytest.fixture
def sms_file(tmp_path):
    path = tmp_path / "sms.jsonl"
    providers.configure({"sms": providers.SmsFileProvider(path)})
    yield path
    providers.configure({})


@pytest.fixture
def kiosk(seeded_url, qtbot, tmp_path):
    with write_tx():
        store = Terminal.get(Terminal.code == "MA-T1").store_id
        Terminal.create(store=store, code="MA-K1", role="kiosk")
        Setting.create(key="registration_points", value="88")
    hub = DeviceHub({"printer": {"kind": "capture"}}, data_dir=tmp_path / "kiosk-devices")
    hub.start()
    role = KioskRole(TerminalConfig(role="kiosk", terminal="MA-K1"), hub=hub,
                     state_dir=tmp_path / "kiosk", idle_s=600)
    role.show()
    yield role
    role.shutdown()
    hub.stop()


@pytest.fixture
def offer(seeded_url):
    now = utcnow()
    member = Member.get(Member.phone == PHONE)
    merchant = Merchant.get(Merchant.code == "MA")
    with write_tx():
        ledger.award(ledger.member_account(member), merchant, 1000,
                     key="registration:e2e-kiosk", reason="e2e", source="registration")
        return Offer.create(merchant=merchant, title="立减5元 饮料券", title_en="¥5 off drinks",
                            region="", price_points=300, face_value=500,
                            valid_from=now - timedelta(days=1), valid_until=now + timedelta(days=30),
                            per_member_limit=2, stock=10)


def second_till(qtbot, tmp_path, cashier_cfg):
    """Another till of the same merchant, its own window and (device-less) hub."""
    from ui.cashier.role import CashierRole

    with write_tx():
        store = Terminal.get(Terminal.code == "MA-T1").store_id
        Terminal.create(store=store, code="MA-T2")
    cfg = TerminalConfig(role="cashier", terminal="MA-T2", language="en", devices={})
    role = CashierRole(cfg, hub=QuietHub("test"), state_dir=tmp_path / "till2")
    role.show()
    qtbot.waitUntil(lambda: role.session.ready, timeout=10000)
    sign_in_as(qtbot, role, "m1", "9999")
    qtbot.waitUntil(lambda: role.session.shift is not None
                    or role.window.flows.dialog is not None, timeout=5000)
    if role.session.shift is None:
        dialog = role.window.flows.dialog
        dialog.amount.setText("100.00")
        dialog.submit()
        qtbot.waitUntil(lambda: role.session.shift is not None, timeout=5000)
    return role


def open_coupon_page(role, qtbot):
    role.window.flows.pay()
    dialog = role.window.flows.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=5000)
    dialog.page_buttons["coupon"].click()
    return dialog


def test_kiosk_coupon_walk(kiosk, offer, sms_file, make_role, cashier_cfg, qtbot, tmp_path):
    win, printer = kiosk.window, kiosk.hub.printer.transport

    # -- the shopper taps the offer, identifies by phone and the SMS code -------------------------
    win.start_session()
    click(qtbot, win.home_screen.tile(FLOW["offers"]))
    offers = win.top()
    qtbot.waitUntil(lambda: any(c.offer.id == offer.id for c in offers.cards), timeout=10000)
    qtbot.mouseClick(next(c for c in offers.cards if c.offer.id == offer.id),
                     Qt.MouseButton.LeftButton)
    identify = win.top()
    tap_digits(qtbot, identify, PHONE)
    assert identify.phone.text() == PHONE
    click(qtbot, identify.next_button)
    qtbot.waitUntil(lambda: identify.pages.currentIndex() == 1, timeout=5000)
    code = sms_code_from_provider(sms_file, PHONE)
    tap_digits(qtbot, identify, code)
    click(qtbot, identify.confirm_button)
    qtbot.waitUntil(lambda: type(win.top()).__name__ == "OrderScreen", timeout=5000)

    # -- orders it with points, takes a printed slip ------------------------------------------
    order = win.top()
    qtbot.waitUntil(lambda: "1000" in order.balance.text(), timeout=5000)
    click(qtbot, order.order_button)
    qtbot.waitUntil(lambda: type(win.top()).__name__ == "DeliveryScreen", timeout=5000)
    delivery = win.top()
    coupon = Coupon.get(Coupon.offer == offer.id)
    assert delivery.code.text() == delivery.coupon.grouped
    assert ledger.balance(Member.get(Member.phone == PHONE)) == 700
    click(qtbot, delivery.slip_button)
    qtbot.waitUntil(lambda: delivery.state == "printed", timeout=10000)
    [slip] = printer.writes
    assert qr_payloads(slip) == [coupon.code]
    printed = text_of(slip)
    assert "立减5元 饮料券" in printed and delivery.coupon.grouped in printed
    click(qtbot, delivery.done)
    win.end_session()

    # -- the cashier scans the slip's QR on the coupon page: it pays ---------------------------
    till = make_role()
    till.rig.swipe(";880000000001?")
    qtbot.waitUntil(lambda: till.session.member is not None, timeout=5000)
    for total in ("¥3.50", "¥7.00"):
        till.rig.scan(COKE)
        qtbot.waitUntil(lambda t=total: till.window.totals.total_value.text() == t,
                        timeout=5000)
    dialog = open_coupon_page(till, qtbot)
    till.rig.scan(qr_payloads(slip)[0])  # the scanner reads the slip
    qtbot.waitUntil(lambda: len(dialog.tenders) == 1, timeout=5000)
    assert dialog.tenders[0].kind == "coupon" and dialog.tenders[0].amount == 500
    dialog.cash_edit.setText("2.00")
    paid = []
    dialog.paid.connect(paid.append)
    click(qtbot, dialog.complete_button)
    qtbot.waitUntil(lambda: bool(paid), timeout=10000)
    assert paid[0].total == 700
    assert Coupon.get_by_id(coupon.id).redeemed_sale_id == paid[0].sale_id

    # -- a second till of the merchant refuses the same coupon ------------------------------------
    other = second_till(qtbot, tmp_path, cashier_cfg)
    try:
        other.session.identify(PHONE)
        qtbot.waitUntil(lambda: other.session.member is not None, timeout=5000)
        other.session.scan_product(COKE)
        qtbot.waitUntil(lambda: len(other.session.cart.lines) == 1, timeout=5000)
        again = open_coupon_page(other, qtbot)
        again.coupon_code.setText(coupon.code)
        click(qtbot, again.add_coupon_button)
        qtbot.waitUntil(lambda: again.error.isVisible(), timeout=5000)
        assert again.tenders == [] and again.error.text()
    finally:
        for d in other.window.findChildren(type(dialog)):
            d.busy = False
            d.done(0)
        other.shutdown()
        other.window.deleteLater()
    assert Coupon.get_by_id(coupon.id).redeemed_sale_id == paid[0].sale_id
    assert Sale.select().where(Sale.id != paid[0].sale_id).count() == 0  # nothing else sold

    # -- a new shopper joins at the kiosk: the registration reward, once --------------------------
    win.start_session()
    win.open_flow(FLOW["account"])
    identify = win.top()
    tap_digits(qtbot, identify, NEW_PHONE)
    click(qtbot, identify.next_button)
    qtbot.waitUntil(lambda: identify.pages.currentIndex() == 1, timeout=5000)
    tap_digits(qtbot, identify, sms_code_from_provider(sms_file, NEW_PHONE))
    click(qtbot, identify.confirm_button)
    qtbot.waitUntil(lambda: type(win.top()).__name__ == "JoinScreen", timeout=5000)
    join = win.top()
    click(qtbot, join.terms)
    click(qtbot, join.join_button)
    qtbot.waitUntil(lambda: type(win.top()).__name__ == "AccountScreen", timeout=5000)
    qtbot.waitUntil(lambda: "88" in win.banner.message(), timeout=5000)
    joined = Member.get(Member.phone == NEW_PHONE)
    assert ledger.balance(joined) == 88
    account = win.top()
    qtbot.waitUntil(lambda: account.data is not None, timeout=5000)
    assert account.data.points == 88
    win.end_session()

    # the same phone again is a member now: identified, no second reward
    win.start_session()
    win.open_flow(FLOW["account"])
    identify = win.top()
    tap_digits(qtbot, identify, NEW_PHONE)
    click(qtbot, identify.next_button)
    qtbot.waitUntil(lambda: identify.pages.currentIndex() == 1, timeout=5000)
    tap_digits(qtbot, identify, sms_code_from_provider(sms_file, NEW_PHONE))
    click(qtbot, identify.confirm_button)
    qtbot.waitUntil(lambda: type(win.top()).__name__ == "AccountScreen", timeout=5000)
    assert kiosk.ctx.session.member_id == joined.id
    assert ledger.balance(joined) == 88 and Member.select().where(
        Member.phone == NEW_PHONE).count() == 1
