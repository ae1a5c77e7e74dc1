"""The earning-rules and tiers pages driven through the window: a promotion created in its
dialog, the preview showing the number checkout then awards, a bad date range refused in the
dialog, a manager limited to their merchant, and "evaluate now" on the tiers page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, Qt, QTime

from app import ledger
from app.cart import Cart
from app.catalogue import Catalogue
from app.checkout import Tender, TillContext, checkout
from app.clock import utcnow
from app.db import write_tx
from app.demo import DEMO_PINS
from app.models import Product, Promotion, TierChange
from ui.backoffice.context import BackofficeContext
from ui.backoffice.window import BackofficeWindow

STARTS = Qt.MatchFlag.MatchStartsWith


@pytest.fixture
def window(world, qtbot):
    ctx = BackofficeContext()
    win = BackofficeWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    ctx.shutdown()


def signed_in(qtbot, win, code, pin):
    win.sign_in.code.setText(code)
    win.sign_in.pin.setText(pin)
    win.sign_in.submit()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.main)


def rules_page(qtbot, win):
    page = win.open_page("rules")
    qtbot.waitUntil(lambda: page.view is not None)
    return page


def test_a_promotion_made_in_the_dialog_and_the_preview_checkout_agrees_with(window, qtbot,
                                                                             world):
    signed_in(qtbot, window, "op", DEMO_PINS["operator"])
    page = rules_page(qtbot, window)
    page.tabs.setCurrentIndex(2)
    page.promo_add.click()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.name.setText("Triple week")
    dialog.percent.setValue(300)
    today = QDate.currentDate()
    dialog.first.setDate(today.addDays(-1))
    dialog.last.setDate(today.addDays(7))
    dialog.from_time.setTime(QTime(0, 0))
    dialog.until_time.setTime(QTime(0, 0))  # to the end of the day: all day
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: page.view is not None and len(page.view.promotions) == 1)
    promo = Promotion.get()
    assert (promo.name, promo.percent, promo.weekdays, promo.from_minute, promo.to_minute) == (
        "Triple week", 300, "1234567", 0, 1440)
    assert page.promo_model.rowCount() == 1

    # the preview: 3 colas and 2 waters for a standard member, now
    for sku, quantity in (("A001", 3), ("A002", 2)):
        page.pv_product.setCurrentIndex(page.pv_product.findText(sku, flags=STARTS))
        page.pv_qty.setValue(quantity)
        page.pv_add.click()
    page.pv_tier.setCurrentIndex(page.pv_tier.findData("standard"))
    qtbot.waitUntil(lambda: page.preview_result is not None
                    and page.preview_result.basket_total == 3 * 350 + 2 * 200)
    shown = page.preview_result.points
    # ¥14.50 → 14 × 300 % = 42, + 2 × 5 bonus for the water
    assert shown == 52
    assert f"earns {shown} points" in page.pv_result.text()
    assert "Triple week" in page.pv_detail.text()

    cart, cat = Cart(), Catalogue(world.store_a)
    cart.add(cat.scan("6901939621608"), quantity=3)
    cart.add(cat.scan("6921168509256"), quantity=2)
    cart.member_id = world.member.id
    sale = checkout(cart, [Tender("cash", 2000)],
                    TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id, None))
    assert sale.points_earned == shown
    assert ledger.balance(world.member) == shown


def test_an_inverted_date_range_stays_in_the_dialog_and_writes_nothing(window, qtbot):
    signed_in(qtbot, window, "op", DEMO_PINS["operator"])
    page = rules_page(qtbot, window)
    page.promo_add.click()
    dialog = page.dialog
    dialog.name.setText("Backwards")
    dialog.first.setDate(QDate(2026, 12, 10))
    dialog.last.setDate(QDate(2026, 12, 1))
    dialog.submit()
    qtbot.waitUntil(dialog.error.isVisible)
    assert "before the first" in dialog.error.text()
    assert dialog.isVisible() and Promotion.select().count() == 0
    dialog.reject()


def test_a_product_rule_made_in_the_dialog_shows_in_the_table(window, qtbot, world):
    signed_in(qtbot, window, "op", DEMO_PINS["operator"])
    page = rules_page(qtbot, window)
    page.tabs.setCurrentIndex(1)
    page.rule_add.click()
    dialog = page.dialog
    dialog.target.setCurrentIndex(dialog.target.findText("A005", flags=STARTS))
    dialog.rate_points.setValue(4)
    dialog.rate_amount.setText("1.00")
    dialog.bonus.setValue(3)
    dialog.submit()
    qtbot.waitUntil(lambda: page.view is not None and len(page.view.rules) == 1)
    assert page.rules_model.item(0, 1).text() in ("Imported chips (UPC)", "UPC 进口薯片")
    assert page.rules_model.item(0, 3).text() == "3"


def test_a_manager_sees_only_their_merchant(window, qtbot, world):
    signed_in(qtbot, window, "m1", DEMO_PINS["manager"])
    page = rules_page(qtbot, window)
    assert page.merchant.count() == 1 and not page.merchant.isEnabled()
    assert page.view.merchant_id == world.merchant_a.id


def test_evaluate_now_on_the_tiers_page(window, qtbot, world):
    from app.backoffice.actor import sign_in
    from app.loyalty import tiers

    op = sign_in("op", DEMO_PINS["operator"])
    tiers.save_tier(op, "standard", "普通会员", "Standard", 0)
    tiers.save_tier(op, "silver", "银卡会员", "Silver", 100)
    with write_tx():
        ledger.award(ledger.member_account(world.member), world.merchant_a, 150,
                     key="sale:tiers-page:earn", reason="purchase", source="sale")
    signed_in(qtbot, window, "op", DEMO_PINS["operator"])
    page = window.open_page("tiers")
    qtbot.waitUntil(lambda: page.data is not None)
    assert page.tiers_model.rowCount() == 2 and page.evaluate.isEnabled()
    page.evaluate.click()
    qtbot.waitUntil(lambda: page.evaluation is not None)
    assert (page.evaluation.upgrades, page.evaluation.downgrades) == (1, 0)
    assert "1 upgrades" in page.result.text()
    qtbot.waitUntil(lambda: page.changes_model.rowCount() == 1)
    assert TierChange.select().count() == 1
    assert page.data.changes[0].at <= utcnow() + timedelta(seconds=1)


def test_a_manager_cannot_evaluate_or_change_tiers(window, qtbot):
    signed_in(qtbot, window, "m1", DEMO_PINS["manager"])
    page = window.open_page("tiers")
    qtbot.waitUntil(lambda: page.data is not None)
    assert not page.evaluate.isEnabled() and not page.add.isEnabled()


def test_the_pages_follow_a_language_change(window, qtbot):
    from ui.app import set_language

    signed_in(qtbot, window, "op", DEMO_PINS["operator"])
    page = rules_page(qtbot, window)
    qtbot.waitUntil(lambda: page.preview_result is not None)  # ¥58.00 typed by default
    tiers_page = window.open_page("tiers")
    qtbot.waitUntil(lambda: tiers_page.data is not None)
    try:
        assert set_language("zh_CN")
        qtbot.waitUntil(lambda: page.heading.text() == "积分规则")
        assert "最优一个促销" in page.precedence.text()
        assert tiers_page.evaluate.text() == "立即评定"
        assert page.pv_result.text() == "消费 ¥58.00 可得 58 积分"
    finally:
        set_language("en")
    qtbot.waitUntil(lambda: page.heading.text() == "Earning rules")


def test_the_product_picker_searches_the_whole_catalogue(window, qtbot, world):
    signed_in(qtbot, window, "op", DEMO_PINS["operator"])
    page = rules_page(qtbot, window)
    picker = page.pv_product
    picker.fill(world.merchant_a.id, [])  # as if the catalogue were too big to list
    qtbot.keyClicks(picker.lineEdit(), "Coca")
    qtbot.waitUntil(lambda: picker.count() > 0)
    assert picker.findText("A001  Coca-Cola 330ml") >= 0
    picker.setCurrentIndex(picker.findText("A001  Coca-Cola 330ml"))
    assert picker.chosen() == Product.get(Product.sku == "A001").id
