"""The payment dialog's wallet page: the member's converted points pay part of a sale, the
domain debits the wallet when the sale commits; without a member the page is closed."""

from __future__ import annotations

import uuid

from app import ledger, members
from app.db import write_tx
from app.models import Member, Merchant, Payment
from app.rewards import wallet

COLA = "6901939621608"  # ¥3.50


def _fund_wallet(points: int = 300) -> Member:
    member = members.identify("880000000001")
    with write_tx():
        ledger.award(ledger.member_account(member), Merchant.get(Merchant.code == "MB"), points,
                     key=f"sale:{uuid.uuid4()}", reason="test", source="sale")
    wallet.convert(None, member.id, points, str(uuid.uuid4()))
    return member


def _pay_dialog(make_role, qtbot, language="en", member=True):
    role = make_role(language=language)
    role.rig.scan(COLA)
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 1, timeout=5000)
    if member:
        role.session.handle_card(type("C", (), {"kind": "member", "number": "880000000001"})())
        qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    role.window.flows.pay()
    dialog = role.window.flows.dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=3000)
    return role, dialog


def test_the_wallet_pays_part_of_the_sale_and_is_debited_at_commit(make_role, qtbot):
    member = _fund_wallet(300)  # 300 points → ¥3.00 at the default rate
    role, dialog = _pay_dialog(make_role, qtbot)
    assert role.session.member.wallet == 300
    dialog.page_buttons["wallet"].click()
    assert dialog.wallet_amount.text() == "3.00"  # the most the wallet and the sale allow
    assert "¥3.00" in dialog.wallet_hint.text()
    dialog.wallet_amount.setText("3.50")
    dialog.add_wallet_button.click()
    assert "holds only" in dialog.error.text()
    dialog.wallet_amount.setText("3.00")
    dialog.add_wallet_button.click()
    assert [t.kind for t in dialog.tenders] == ["wallet"]
    assert dialog.tender_list.item(0).text().startswith("Member wallet")
    assert "¥0.00" in dialog.wallet_hint.text()  # what is left in the wallet for this sale
    assert wallet.balance(member) == 300  # nothing taken before the sale commits
    dialog.cash_edit.setText("0.50")
    with qtbot.waitSignal(dialog.paid, timeout=10000) as paid:  # the dialog closes itself
        dialog.complete()
    assert paid.args[0].total == 350
    assert wallet.balance(member) == 0
    pay = Payment.get(Payment.tender == "wallet")
    assert pay.amount == 300


def test_without_a_member_the_wallet_page_is_closed(make_role, qtbot):
    _, dialog = _pay_dialog(make_role, qtbot, member=False)
    assert not dialog.page_buttons["wallet"].isEnabled()
    assert dialog.page_buttons["wallet"].text() == "Wallet (F6)"


def test_the_wallet_page_speaks_chinese(make_role, qtbot):
    _fund_wallet(100)
    _, dialog = _pay_dialog(make_role, qtbot, language="zh_CN")
    dialog.page_buttons["wallet"].click()
    assert dialog.page_buttons["wallet"].text() == "储值钱包 (F6)"
    assert dialog.add_wallet_button.text() == "使用钱包余额"
