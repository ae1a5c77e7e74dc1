"""Search results at the till: look-alikes told apart; a pick clears the search."""

from __future__ import annotations

from app.demo import add_product
from app.models import Category, Merchant
from ui.cashier.search_panel import DETAIL_ROLE, PRICE_ROLE


def _second_banana() -> None:
    merchant = Merchant.get(Merchant.code == "MA")
    fresh = Category.create(merchant=merchant, name="生鲜称重", name_en="Fresh by weight", sort=0)
    add_product(merchant, "W001", "香蕉", "Bananas", 698, sold_by="weight", plu="00201",
                category=fresh, tax_rate_bp=900)


def _search(role, qtbot, text: str) -> None:
    w = role.window
    w.entry.line.setText(text)
    w.entry.submit()
    qtbot.waitUntil(lambda: w.results.list.count() >= 1, timeout=5000)


def test_look_alike_results_show_sku_unit_and_category(make_role, qtbot):
    _second_banana()
    role = make_role(language="en")
    _search(role, qtbot, "香蕉")
    rows = role.window.results.list
    details = [rows.item(i).data(DETAIL_ROLE) for i in range(rows.count())]
    assert details == ["A004 · by weight · Fruit", "W001 · by weight · Fresh by weight"]
    assert [rows.item(i).data(PRICE_ROLE) for i in range(rows.count())] == ["¥6.98/kg"] * 2


def test_look_alike_results_in_chinese(make_role, qtbot):
    _second_banana()
    role = make_role(language="zh_CN")
    _search(role, qtbot, "香蕉")
    rows = role.window.results.list
    assert [rows.item(i).data(DETAIL_ROLE) for i in range(rows.count())] == [
        "A004 · 称重 · 水果", "W001 · 称重 · 生鲜称重"]


def test_a_pick_clears_the_search_and_returns_to_scanning(make_role, qtbot):
    role = make_role(language="en")
    w = role.window
    _search(role, qtbot, "kkkl")
    w.results.list.setFocus()
    w.results.list.picked.emit(w.results.list.item(0))
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 1, timeout=5000)
    assert w.results.list.count() == 0 and w.results.query == ""
    assert "Type a name" in w.results.title.text()
    # the window's focus child (the window itself may not be active offscreen)
    qtbot.waitUntil(lambda: w.focusWidget() is w.entry.line, timeout=5000)
    role.rig.scan("6921168509256")  # the next scan rings up as usual
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 2, timeout=5000)
