"""The till asks, the domain decides: price overrides and reused cart keys at the window."""

from __future__ import annotations

COKE = "6901939621608"  # ¥3.50
WATER = "6921168509256"  # ¥2.00


def scan(role, qtbot, code: str, lines: int) -> None:
    role.rig.scan(code)
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == lines, timeout=5000)


def open_payment(role, cash: str):
    role.window.flows.pay()
    dialog = role.window.flows.dialog
    assert dialog.objectName() == "paymentDialog"
    dialog.cash_edit.setText(cash)
    return dialog


def test_a_reused_cart_key_keeps_the_cart_and_sells_anew_only_when_confirmed(make_role, qtbot):
    from app.cart import Cart
    from app.catalogue import Catalogue
    from app.checkout import Tender, TillContext, checkout
    from app.models import Sale, Staff, Store, Terminal

    role = make_role()
    s = role.session
    scan(role, qtbot, COKE, 1)
    key = s.cart.client_uuid
    # Another sale already committed under this cart's key, with other items.
    terminal = Terminal.get(Terminal.code == "MA-T1")
    other = Cart(client_uuid=key)
    other.add(Catalogue(Store.get_by_id(terminal.store_id)).scan(WATER))
    first = checkout(other, [Tender("cash", 200)], TillContext(
        terminal.store_id, terminal.id, Staff.get(Staff.code == "c1").id))

    dialog = open_payment(role, "10")
    paid = []
    dialog.paid.connect(paid.append)
    dialog.complete()
    qtbot.waitUntil(lambda: dialog.new_sale_button.isVisible(), timeout=5000)
    assert first.receipt_no in dialog.error.text() and "NOT PAID" in dialog.error.text()
    assert not paid and dialog.isVisible()
    assert [ln.product.sku for ln in s.cart.lines] == ["A001"] and s.cart.client_uuid == key
    assert role.rig.drawer_kicks() == 0 and Sale.select().count() == 1

    dialog.new_sale_button.click()
    assert s.cart.client_uuid != key and len(s.cart.lines) == 1
    assert not dialog.new_sale_button.isVisible()
    dialog.complete()
    qtbot.waitUntil(lambda: bool(paid), timeout=5000)
    assert paid[0].total == 350 and not paid[0].replayed
    assert Sale.select().count() == 2 and not s.cart.lines
    qtbot.waitUntil(lambda: role.rig.drawer_kicks() == 1, timeout=5000)


def test_a_price_override_is_sold_with_the_managers_approval_consumed_at_commit(make_role,
                                                                               qtbot):
    from app.models import ApprovalGrant, AuditEntry, SaleLine

    role = make_role()
    w = role.window
    scan(role, qtbot, COKE, 1)
    w.flows.override_price(0)
    entry = w.flows.dialog
    entry.edit.setText("2.00")
    entry.submit()
    pin = w.flows.dialog
    assert pin.objectName() == "pinDialog"
    pin.pin.setText("9999")
    pin.submit()
    qtbot.waitUntil(lambda: role.session.cart.lines[0].unit_price == 200, timeout=5000)
    grant = ApprovalGrant.get()
    assert (grant.action, grant.target) == ("price_override", role.session.cart.approval_target)

    dialog = open_payment(role, "5")
    paid = []
    dialog.paid.connect(paid.append)
    dialog.complete()
    qtbot.waitUntil(lambda: bool(paid), timeout=5000)
    assert SaleLine.get(SaleLine.sale == paid[0].sale_id).unit_price == 200
    assert ApprovalGrant.get().consumed_at is not None
    assert AuditEntry.get(AuditEntry.action == "price_override").approver_id is not None


def test_an_override_without_a_valid_approval_is_refused_and_the_cart_kept(make_role, qtbot):
    from app.models import Sale

    role = make_role()
    s = role.session
    scan(role, qtbot, COKE, 1)
    s.cart.override_price(0, 1)  # a client that skipped the manager
    dialog = open_payment(role, "1")
    dialog.complete()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5000)
    assert "approval" in dialog.error.text()
    assert Sale.select().count() == 0 and len(s.cart.lines) == 1
    assert role.rig.drawer_kicks() == 0


def test_a_cart_restored_from_the_journal_is_shown_and_sold_at_todays_price(
        make_role, cashier_cfg, tmp_path, qtbot):
    import time

    from app.cart import Cart
    from app.catalogue import Catalogue
    from app.models import Product, SaleLine, Store, Terminal
    from ui.cashier.journal import CartJournal
    from ui.cashier.role import journal_path

    store = Store.get_by_id(Terminal.get(Terminal.code == "MA-T1").store_id)
    saved = Cart()
    saved.add(Catalogue(store).scan(COKE), quantity=2)  # at ¥3.50
    journal = CartJournal(journal_path(cashier_cfg, tmp_path / "state"))
    journal.save({"terminal": "MA-T1", "saved_at": time.time(), "cart": saved.to_dict(),
                  "member": None})
    journal.close()
    Product.update(price=400).where(Product.sku == "A001").execute()  # the price went up

    role = make_role()
    s = role.session
    qtbot.waitUntil(lambda: s.cart.lines and s.cart.lines[0].unit_price == 400, timeout=5000)
    assert s.cart.client_uuid == saved.client_uuid
    assert role.window.totals.total_value.text() == "¥8.00"

    dialog = open_payment(role, "10")
    paid = []
    dialog.paid.connect(paid.append)
    dialog.complete()
    qtbot.waitUntil(lambda: bool(paid), timeout=5000)
    assert paid[0].total == 800 and paid[0].change == 200
    assert SaleLine.get(SaleLine.sale == paid[0].sale_id).unit_price == 400


def test_a_wallet_charged_by_scanning_the_customers_code_pays_the_sale(make_role, qtbot):
    from app.models import Payment, PaymentRecord

    role = make_role()
    scan(role, qtbot, COKE, 1)
    scan(role, qtbot, WATER, 2)  # ¥5.50
    dialog = open_payment(role, "")
    dialog.page_buttons["qr"].click()
    assert dialog.qr_amount.text() == "5.50"
    role.rig.scan("134567890123456789")  # the wallet code on the customer's phone
    qtbot.waitUntil(lambda: len(dialog.tenders) == 1, timeout=5000)
    assert dialog.tenders[0].kind == "qr" and dialog.complete_button.isEnabled()

    dialog.remove_tender.click()  # money was taken: the tender stays
    assert len(dialog.tenders) == 1 and dialog.error.isVisible()
    paid = []
    dialog.paid.connect(paid.append)
    dialog.complete()
    qtbot.waitUntil(lambda: bool(paid), timeout=5000)
    record = PaymentRecord.get(PaymentRecord.kind == "qr")
    assert record.sale_id == paid[0].sale_id and record.amount == 550
    assert Payment.get(Payment.sale == paid[0].sale_id).reference == record.reference
    assert role.rig.drawer_kicks() == 0  # no cash, no drawer


def test_a_members_coupon_pays_its_own_value(make_role, qtbot):
    import uuid
    from datetime import timedelta

    from app.clock import utcnow
    from app.models import Coupon, Member, Merchant, Offer

    now = utcnow()
    offer = Offer.create(merchant=Merchant.get(Merchant.code == "MA"), title="立减2元",
                         title_en="¥2 off", face_value=200, valid_from=now - timedelta(days=1),
                         valid_until=now + timedelta(days=9))
    member = Member.get()
    Coupon.create(code="CPN-UI", client_uuid=uuid.uuid4(), offer=offer, member=member,
                  valid_until=now + timedelta(days=9))
    role = make_role()
    role.rig.swipe(";880000000001?")
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    scan(role, qtbot, COKE, 1)
    dialog = open_payment(role, "")
    dialog.page_buttons["coupon"].click()
    assert dialog.coupon_list.count() == 1
    dialog.coupon_list.itemClicked.emit(dialog.coupon_list.item(0))
    dialog.add_coupon_button.click()
    qtbot.waitUntil(lambda: len(dialog.tenders) == 1, timeout=5000)
    assert dialog.tenders[0].amount == 200
    dialog.cash_edit.setText("1.50")
    paid = []
    dialog.paid.connect(paid.append)
    dialog.complete()
    qtbot.waitUntil(lambda: bool(paid), timeout=5000)
    assert paid[0].total == 350 and paid[0].change == 0
    assert Coupon.get(Coupon.code == "CPN-UI").redeemed_sale_id == paid[0].sale_id
