"""The back office's rewards and partners pages, driven like a user: create a reward in its
dialog (a refusal keeps the dialog open with the reason), redeem it for a member, convert
points into the wallet, and — operator only — add a partner, convert to it, see the
settlement and export its CSV."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from app import ledger
from app.db import write_tx
from app.demo import DEMO_PINS
from app.models import AuditEntry, PartnerConversion, Reward, RewardOrder
from app.rewards import wallet
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


def sign_in(qtbot, win, code, pin):
    win.sign_in.code.setText(code)
    win.sign_in.pin.setText(pin)
    win.sign_in.submit()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.main)


def give_points(world, points=1000):
    with write_tx():
        ledger.award(ledger.member_account(world.member), world.merchant_a, points,
                     key=f"sale:{uuid.uuid4()}", reason="test", source="sale")


def save(dialog):
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_a_manager_creates_a_reward_and_redeems_it_for_a_member(window, qtbot, world):
    give_points(world)
    sign_in(qtbot, window, "m1", DEMO_PINS["manager"])
    assert "partners" not in [s.key for s in window.specs]  # operator only
    page = window.open_page("rewards")
    qtbot.waitUntil(lambda: page.merchants != [])
    assert [m[1] for m in page.merchants] == ["MA"]  # a manager's own merchant only
    page.new_button.click()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    save(dialog)  # no title: refused, the dialog stays with the reason
    qtbot.waitUntil(dialog.error.isVisible)
    assert dialog.isVisible() and "title" in dialog.error.text()
    dialog.title.setText("环保购物袋")
    dialog.title_en.setText("Shopping bag")
    dialog.points.setValue(300)
    dialog.stock.setValue(5)
    save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible() and len(page.rows) == 1)
    assert (page.rows[0].title, page.rows[0].points_price, page.rows[0].stock) == (
        "环保购物袋", 300, 5)
    assert AuditEntry.get(AuditEntry.action == "reward.create").actor_id == world.manager_a.id

    page.table.selectRow(0)
    assert page.redeem_button.isEnabled()
    page.redeem_button.click()
    redeem = page.dialog
    qtbot.waitUntil(redeem.isVisible)
    redeem.member.setText("880000000001")  # the member's card
    redeem.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not redeem.isVisible() and page.rows and page.rows[0].stock == 4)
    assert RewardOrder.select().count() == 1 and ledger.balance(world.member) == 700
    assert "700" in window.banner.message()

    page.table.selectRow(0)
    page.toggle_button.click()
    qtbot.waitUntil(lambda: page.rows and not page.rows[0].active)
    assert not Reward.get().active


def test_the_wallet_tab_converts_a_members_points(window, qtbot, world):
    give_points(world, 500)
    sign_in(qtbot, window, "op", DEMO_PINS["operator"])
    page = window.open_page("rewards")
    page.tabs.setCurrentIndex(1)
    panel = page.wallet
    assert panel.rate_box.isVisibleTo(page)  # the operator sets the rate
    panel.member.setText("13800138000")  # by phone
    panel.look_up.click()
    qtbot.waitUntil(lambda: panel.view is not None)
    assert panel.view.points == 500 and panel.convert_button.isEnabled()
    panel.points.setValue(200)
    assert "¥2.00" in panel.preview.text()
    panel.convert_button.click()
    qtbot.waitUntil(lambda: panel.view.balance == 200)
    assert wallet.balance(world.member) == 200 and panel.entries.rowCount() == 1
    assert ledger.balance(world.member) == 300


def test_the_operator_adds_a_partner_converts_and_exports_the_settlement(
        window, qtbot, world, tmp_path):
    give_points(world, 1000)
    folder = tmp_path / "bank"
    folder.mkdir()
    sign_in(qtbot, window, "op", DEMO_PINS["operator"])
    page = window.open_page("partners")
    page.new_button.click()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.code.setText("icbc")
    dialog.name.setText("工商银行储值")
    dialog.rate.setValue(50)
    dialog.folder.setText(str(folder))
    dialog.auto_accept.setChecked(True)
    save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible() and page.partner_choice.count() == 1)
    assert page.partners.rows[0].code == "ICBC"

    page.member.setText("880000000001")
    page.points.setValue(400)
    assert "¥2.00" in page.preview.text()
    page.convert_button.click()  # no account number: refused, nothing spent
    qtbot.waitUntil(lambda: window.banner.message() != "")
    assert PartnerConversion.select().count() == 0 and ledger.balance(world.member) == 1000
    page.account.setText("6222 0000 1111")
    page.convert_button.click()
    qtbot.waitUntil(lambda: page.conversions.rowCount() == 1)
    assert page.conversions.rows[0].status == "accepted"
    assert ledger.balance(world.member) == 600
    qtbot.waitUntil(lambda: len(page.owed) == 1)
    assert (page.owed[0].points, page.owed[0].amount) == (400, 200)
    out = tmp_path / "settle.csv"
    page.write_csv(out)
    qtbot.waitUntil(lambda: page.last_export == out)
    text = out.read_text(encoding="utf-8")
    assert "ICBC" in text and ",400,200," in text
