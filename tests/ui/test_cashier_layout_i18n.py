"""Layout on the two target screens, touch-target sizes, both languages at run time and per
terminal, translation completeness, and the customer display."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "i18n" / "patron_zh_CN.ts"
QM = TS.with_suffix(".qm")


@pytest.fixture(scope="module", autouse=True)
def compiled_translations():
    if not QM.exists() or QM.stat().st_mtime < TS.stat().st_mtime:
        subprocess.run([sys.executable, str(REPO / "scripts" / "build_translations.py"),
                        "--release-only"], check=True, capture_output=True)


def _visible(window, kind):
    return [w for w in window.findChildren(kind) if w.isVisibleTo(window) and w.window() is window]


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_layout_fits_and_touch_targets_are_large(make_role, qtbot, size, language):
    role = make_role(language=language)
    w = role.window
    for code in ("6901939621608", "6921168509256"):
        role.rig.scan(code)
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 2, timeout=5000)
    role.session.handle_card(type("C", (), {"kind": "member", "number": "880000000001"})())
    qtbot.waitUntil(lambda: role.session.member is not None, timeout=5000)
    w.resize(*size)
    qtbot.waitUntil(lambda: w.size().width() == size[0], timeout=2000)
    # a resize lays the widgets out later (posted LayoutRequest events): apply them all now
    for _ in range(3):  # a layout applied can ask its children to lay out in turn
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    assert w.width() <= size[0] and w.height() <= size[1]
    rect = w.rect()
    small = []
    for b in _visible(w, QAbstractButton) + _visible(w, QLineEdit):
        if b.objectName() == "qt_tableview_cornerbutton":  # disabled, not a target
            continue
        top_left = b.mapTo(w, b.rect().topLeft())
        assert rect.contains(top_left), f"{b.objectName()} outside the window"
        if b.height() < 48 or b.width() < 48:
            small.append((b.objectName() or b.text(), b.width(), b.height()))
    assert not small, f"touch targets under 48 px: {small}"
    clipped = [(lbl.objectName(), lbl.text()) for lbl in _visible(w, QLabel)
               if lbl.text() and not lbl.wordWrap()
               and lbl.width() < lbl.minimumSizeHint().width() - 1]
    assert not clipped, f"clipped labels: {clipped}"
    assert w.cart.view.viewport().height() >= 5 * 48  # room for at least five lines
    assert w.totals.pay_button.isVisible()


def test_language_switches_at_run_time(make_role, qtbot):
    role = make_role(language="en")
    w = role.window
    role.rig.scan("6901939621608")
    qtbot.waitUntil(lambda: len(role.session.cart.lines) == 1, timeout=5000)
    assert w.totals.pay_button.text().startswith("Pay")
    assert w.cart.model.data(w.cart.model.index(0, 0)) == "Coca-Cola 330ml"
    w.top.buttons["language"].click()
    qtbot.waitUntil(lambda: w.totals.pay_button.text().startswith("收款"), timeout=3000)
    assert w.cart.model.headerData(0, Qt.Orientation.Horizontal) == "商品"
    assert w.cart.model.data(w.cart.model.index(0, 0)) == "可口可乐 330ml"
    assert w.member.identify_button.text() == "会员 (F3)"
    assert w.top.buttons["language"].text() == "English"
    w.top.buttons["language"].click()
    qtbot.waitUntil(lambda: w.totals.pay_button.text().startswith("Pay"), timeout=3000)
    assert w.member.identify_button.text() == "Member (F3)"


def test_language_per_terminal_config(make_role):
    role = make_role(language="zh_CN")
    w = role.window
    assert w.totals.pay_button.text() == "收款"
    assert w.entry.search_button.text() == "搜索"
    assert "数据库" in w.status.db.text()


def test_every_ui_string_has_a_chinese_translation(tmp_path):
    tree = ET.parse(TS)
    unfinished = [m.findtext("source") for m in tree.iter("message")
                  if m.find("translation").get("type") == "unfinished"
                  or not (m.findtext("translation") or "").strip()]
    assert not unfinished, f"untranslated: {unfinished[:10]}"
    # the .ts is current: extracting the strings again finds nothing new
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (REPO / "ui" / "cashier").rglob("*.py"))
    subprocess.run(["pyside6-lupdate", *sources, "-ts", str(fresh)], check=True,
                   capture_output=True)
    known = {(c.findtext("name"), m.findtext("source"))
             for c in tree.iter("context") for m in c.iter("message")}
    new = {(c.findtext("name"), m.findtext("source"))
           for c in ET.parse(fresh).iter("context") for m in c.iter("message")} - known
    assert not new, f"run scripts/build_translations.py: new strings {sorted(new)[:10]}"


def test_customer_display_follows_the_sale(make_role, qtbot):
    role = make_role(customer_display=True)
    cd = role.customer_display
    assert cd is not None and cd.isVisible()
    assert cd.pages.currentIndex() == 0  # idle: the offers slideshow
    first = cd.slide.text()
    cd._next_slide()
    assert cd.slide.text() != first
    role.rig.scan("6901939621608")
    qtbot.waitUntil(lambda: cd.lines.rowCount() == 1, timeout=5000)
    assert cd.pages.currentIndex() == 1
    assert "¥3.50" in cd.total.text()
    role.session.handle_card(type("C", (), {"kind": "member", "number": "880000000001"})())
    qtbot.waitUntil(lambda: "刘洋" in cd.member.text(), timeout=5000)
    w = role.window
    w.flows.pay()
    d = w.flows.dialog
    d.cash_edit.setText("10")
    paid = []
    d.paid.connect(paid.append)
    d.complete()
    qtbot.waitUntil(lambda: bool(paid), timeout=5000)
    assert cd.pages.currentIndex() == 2
    assert cd.change_due.change_value.text() == "¥6.50"  # the change
    assert f"+{paid[0].points_earned} points" in cd.change_due.points.text()
