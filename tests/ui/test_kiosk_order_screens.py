"""Ordering at the kiosk through its screens, on the real device hub with the capture printer
and the simulated card dispenser: tap an offer (identify first), order with points, take the
coupon as a slip (paper running out mid-way: printed once when it returns), by SMS and on a
card; the card comes back through the return flow; the account screen re-prints and re-sends."""

import re
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app import ledger
from app.clock import utcnow
from app.config import TerminalConfig
from app.db import write_tx
from app.models import Coupon, Offer, OutboxMessage, StoredValueCard, Terminal
from tests.escpos_decode import qr_payloads, text_of
from ui.devices import DeviceHub
from ui.kiosk.flows import FLOWS
from ui.kiosk.role import KioskRole

FLOW = {f.key: f for f in FLOWS}


@pytest.fixture
def role(world, qtbot, tmp_path):
    Terminal.create(store=world.store_a, code="MA-K1", role="kiosk")
    hub = DeviceHub({"printer": {"kind": "capture", "status_interval_s": 0.2},
                     "card_dispenser": {"kind": "simulator", "count": 5}}, data_dir=tmp_path)
    hub.start()
    r = KioskRole(TerminalConfig(role="kiosk"), hub=hub, state_dir=tmp_path, idle_s=600)
    r.show()
    yield r
    r.shutdown()
    hub.stop()


@pytest.fixture
def offer(world):
    now = utcnow()
    with write_tx():
        ledger.award(ledger.member_account(world.member), world.merchant_a, 1000,
                     key="registration:kiosk-ui", reason="test", source="registration")
        return Offer.create(merchant=world.merchant_b, title="龙井买一送一", title_en="Longjing "
                            "2-for-1", region="", price_points=300, face_value=1000,
                            valid_from=now - timedelta(days=1), valid_until=now + timedelta(days=30),
                            per_member_limit=3, stock=5)


def click(qtbot, button):
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def sms_code(phone):
    row = (OutboxMessage.select().where((OutboxMessage.recipient == phone)
                                        & (OutboxMessage.kind == "kiosk_code"))
           .order_by(OutboxMessage.id.desc()).first())
    return re.search(r"\d{6}", row.body).group(0)


def open_offer(role, qtbot, world, offer):
    win = role.window
    win.start_session()
    click(qtbot, win.home_screen.tile(FLOW["offers"]))
    offers = win.top()
    qtbot.waitUntil(lambda: any(c.offer.id == offer.id for c in offers.cards), timeout=10000)
    card = next(c for c in offers.cards if c.offer.id == offer.id)
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    identify = win.top()
    assert type(identify).__name__ == "IdentifyScreen"  # not known yet: identify first
    identify.phone.setText(world.member.phone)
    click(qtbot, identify.next_button)
    qtbot.waitUntil(lambda: identify.pages.currentIndex() == 1, timeout=5000)
    identify.code.setText(sms_code(world.member.phone))
    click(qtbot, identify.confirm_button)
    qtbot.waitUntil(lambda: type(win.top()).__name__ == "OrderScreen", timeout=5000)
    assert win.screens[-2] is offers  # back goes to the offers
    return win.top()


def test_order_with_points_then_slip_sms_and_card(role, world, offer, qtbot):
    win, hub = role.window, role.hub
    printer, sim = hub.printer.transport, hub.dispenser.simulator
    order = open_offer(role, qtbot, world, offer)
    qtbot.waitUntil(lambda: "1000" in order.balance.text(), timeout=5000)
    assert "300" in order.order_button.text() and not order.money.isVisible()
    click(qtbot, order.order_button)
    qtbot.waitUntil(lambda: type(win.top()).__name__ == "DeliveryScreen", timeout=5000)
    delivery = win.top()
    coupon = Coupon.get(Coupon.offer == offer.id)
    assert ledger.balance(world.member) == 700
    assert delivery.code.text() == delivery.coupon.grouped

    # -- the slip: the paper runs out as it starts; the job waits on disk, prints once ---------
    printer.set_paper("out")
    delivery.print_slip()  # the shopper's tap, as the paper runs out
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.out_of_order, timeout=5000)
    assert delivery.state == "printing" and printer.writes == []
    assert len(list(hub.spool.pending_dir.glob("*.json"))) == 1  # spooled, not lost
    printer.set_paper("ok")
    qtbot.waitUntil(lambda: delivery.state == "printed", timeout=10000)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is delivery, timeout=5000)
    assert len(printer.writes) == 1
    data = printer.writes[0]
    assert qr_payloads(data) == [coupon.code]
    assert "龙井买一送一" in text_of(data) and delivery.coupon.grouped in text_of(data)
    # the same job again (a retry) is not printed twice: a probe printed after it proves it
    assert hub.submit_print({"job_id": f"coupon-slip:{coupon.code}", "paper_mm": 80,
                             "ops": [{"op": "text", "text": "again"}]})
    with qtbot.waitSignal(hub.printed, timeout=5000, check_params_cb=lambda j: j == "probe"):
        hub.submit_print({"job_id": "probe", "paper_mm": 80,
                          "ops": [{"op": "text", "text": "probe"}]})
    assert len(printer.writes) == 2 and b"probe" in printer.writes[1]

    # -- SMS --------------------------------------------------------------------------------------
    click(qtbot, delivery.sms_button)
    qtbot.waitUntil(lambda: delivery.state == "sms", timeout=5000)
    sms = OutboxMessage.get(OutboxMessage.kind == "coupon_sms")
    assert delivery.coupon.grouped in sms.body and sms.recipient == world.member.phone

    # -- a card -----------------------------------------------------------------------------------
    assert delivery.card_button.isVisible()
    click(qtbot, delivery.card_button)
    qtbot.waitUntil(lambda: delivery.state == "card", timeout=10000)
    assert sim.issued == [delivery.detail] and delivery.detail in delivery.status.text()
    card = StoredValueCard.get(StoredValueCard.number == delivery.detail)
    assert (card.coupon_id, card.balance, card.deposit) == (coupon.id, 300, 100)
    assert ledger.balance(world.member) == 600
    assert len(printer.writes) == 2  # the slip printed once, its job id never again

    # -- back home; the card comes back through the return flow ----------------------------------
    click(qtbot, delivery.done)
    assert win.top() is win.home_screen
    click(qtbot, win.home_screen.tile(FLOW["return_card"]))
    returning = win.top()
    sim.insert(card.number)
    qtbot.waitUntil(lambda: returning.state is not None, timeout=5000)
    assert returning.state.refunded == 400 and "400" in returning.result.text()
    assert ledger.balance(world.member) == 1000


def test_account_screen_resends_and_reprints(role, world, offer, qtbot):
    win, hub = role.window, role.hub
    order = open_offer(role, qtbot, world, offer)
    click(qtbot, order.order_button)
    qtbot.waitUntil(lambda: type(win.top()).__name__ == "DeliveryScreen", timeout=5000)
    click(qtbot, win.top().done)
    click(qtbot, win.home_screen.tile(FLOW["account"]))  # identified: no second identify
    account = win.top()
    qtbot.waitUntil(lambda: len(account.rows) == 1 and account.rows[0].sms.isVisible(),
                    timeout=5000)  # the row is laid out and shown a moment after it is made
    row = account.rows[0]
    assert "龙井买一送一" in row.label.text() or "Longjing" in row.label.text()
    click(qtbot, row.sms)
    qtbot.waitUntil(lambda: OutboxMessage.select().where(
        OutboxMessage.kind == "coupon_sms").count() == 1, timeout=5000)
    click(qtbot, row.reprint)
    qtbot.waitUntil(lambda: len(hub.printer.transport.writes) == 1, timeout=10000)
    click(qtbot, row.reprint)  # a second re-print is a new job: it prints too
    qtbot.waitUntil(lambda: len(hub.printer.transport.writes) == 2, timeout=10000)
    assert all(b"Re-print" in w or "补打".encode("gb18030") in w
               for w in hub.printer.transport.writes)
    win.end_session()
    assert account.rows == [] and account.data is None


def test_a_refused_order_shows_why_and_charges_nothing(role, world, offer, qtbot):
    order = open_offer(role, qtbot, world, offer)
    Offer.update(stock=0).where(Offer.id == offer.id).execute()  # sold out meanwhile
    click(qtbot, order.order_button)
    qtbot.waitUntil(lambda: order.error.isVisible(), timeout=5000)
    assert order.order_button.isEnabled() and type(role.window.top()).__name__ == "OrderScreen"
    assert ledger.balance(world.member) == 1000 and Coupon.select().count() == 0


def test_a_lost_answer_is_retried_with_the_same_order_and_charges_once(role, world, offer, qtbot,
                                                                       monkeypatch):
    import peewee

    import ui.kiosk.screens.order as order_module

    real_buy, calls = order_module.buy, []

    def buy_then_lose_the_answer(*args):
        calls.append(args[3])  # the client UUID
        result = real_buy(*args)
        if len(calls) == 1:
            raise peewee.OperationalError("server closed the connection unexpectedly")
        return result

    monkeypatch.setattr(order_module, "buy", buy_then_lose_the_answer)
    order = open_offer(role, qtbot, world, offer)
    click(qtbot, order.order_button)
    qtbot.waitUntil(lambda: order.error.isVisible(), timeout=5000)
    assert type(role.window.top()).__name__ == "OrderScreen"
    click(qtbot, order.order_button)  # the shopper taps again
    qtbot.waitUntil(lambda: type(role.window.top()).__name__ == "DeliveryScreen", timeout=5000)
    assert calls[0] == calls[1] and role.window.top().coupon.replayed
    assert Coupon.select().count() == 1 and ledger.balance(world.member) == 700


def test_a_card_put_back_on_any_screen_is_refunded(role, world, offer, qtbot):
    win, sim = role.window, role.hub.dispenser.simulator
    order = open_offer(role, qtbot, world, offer)
    click(qtbot, order.order_button)
    qtbot.waitUntil(lambda: type(win.top()).__name__ == "DeliveryScreen", timeout=5000)
    delivery = win.top()
    click(qtbot, delivery.card_button)
    qtbot.waitUntil(lambda: delivery.state == "card", timeout=10000)
    number = delivery.detail
    win.end_session()  # back on the attract screen: nobody opened "Return a card"
    sim.insert(number)  # the machine takes the card back: its value must go back too
    qtbot.waitUntil(lambda: StoredValueCard.get(
        StoredValueCard.number == number).returned_at is not None, timeout=5000)
    qtbot.waitUntil(lambda: "400" in win.banner.message(), timeout=5000)
    assert ledger.balance(world.member) == 1000


def test_a_jammed_dispenser_turns_the_card_choice_off(role, world, offer, qtbot):
    win, sim = role.window, role.hub.dispenser.simulator
    order = open_offer(role, qtbot, world, offer)
    click(qtbot, order.order_button)
    qtbot.waitUntil(lambda: type(win.top()).__name__ == "DeliveryScreen", timeout=5000)
    delivery = win.top()
    sim.jam()
    click(qtbot, delivery.card_button)
    qtbot.waitUntil(lambda: delivery.state == "failed", timeout=10000)
    assert "dispenser" in delivery.status.text() or "发卡器" in delivery.status.text()
    qtbot.waitUntil(lambda: not delivery.card_button.isEnabled(), timeout=5000)
    assert StoredValueCard.select().count() == 0 and ledger.balance(world.member) == 700
    assert delivery.slip_button.isEnabled() and delivery.sms_button.isEnabled()


def test_a_money_price_is_paid_with_the_wallet_code(role, world, qtbot):
    from app.models import PaymentRecord

    now = utcnow()
    priced = Offer.create(merchant=world.merchant_b, title="茶点套餐", title_en="Tea set",
                          region="", price=800, valid_from=now - timedelta(days=1),
                          valid_until=now + timedelta(days=30), stock=3)
    order = open_offer(role, qtbot, world, priced)
    assert order.money.isVisible() and "¥8.00" in order.order_button.text()
    click(qtbot, order.order_button)  # no wallet code yet: refused, nothing taken
    qtbot.waitUntil(lambda: order.error.isVisible(), timeout=5000)
    assert PaymentRecord.select().count() == 0
    role.hub.scanned.emit("286512345678901234")  # the wallet's code shown to the scanner
    assert order.wallet.text() == "286512345678901234"
    click(qtbot, order.order_button)
    qtbot.waitUntil(lambda: type(role.window.top()).__name__ == "DeliveryScreen", timeout=5000)
    delivery = role.window.top()
    assert delivery.coupon.money_paid == 800
    assert not delivery.card_button.isVisible()  # a money price is not refundable on a card
    [paid] = PaymentRecord.select()
    assert paid.amount == 800 and paid.used_at is not None
