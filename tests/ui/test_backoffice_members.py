"""The back office's members and expiry pages, driven through the real window."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QDialog

from app import ledger, staff
from app.clock import utcnow
from app.db import write_tx
from app.demo import DEMO_PINS
from app.models import AuditEntry, Transfer
from ui.backoffice.context import BackofficeContext
from ui.backoffice.window import BackofficeWindow


@pytest.fixture
def window(world, qtbot):
    with write_tx():
        holder = ledger.member_account(world.member)
        ledger.award(holder, world.merchant_a, 80, key="sale:ui:a", reason="A sale",
                     source="sale", ctx=ledger.Context(merchant=world.merchant_a))
        ledger.award(holder, world.merchant_b, 30, key="sale:ui:b", reason="B sale",
                     source="sale", ctx=ledger.Context(merchant=world.merchant_b))
        ledger.award(holder, world.merchant_b, 7, key="sale:ui:old", reason="old",
                     source="sale", expires_at=utcnow() - timedelta(days=1))
        staff.create_staff("m1b", "周副经理", "manager", "8888", world.merchant_a)
    ctx = BackofficeContext()
    win = BackofficeWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    ctx.shutdown()


def sign_in(qtbot, win, code: str, pin: str) -> None:
    win.sign_in.code.setText(code)
    win.sign_in.pin.setText(pin)
    win.sign_in.submit()
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.main)


def find(qtbot, page, text: str):
    page.query.setText(text)
    page.search()
    qtbot.waitUntil(lambda: page.found is not None)
    qtbot.waitUntil(lambda: page.member is not None and page.page_data is not None)


def test_a_manager_finds_a_member_by_last_four_and_sees_others_hidden(window, qtbot, world):
    sign_in(qtbot, window, "m1", DEMO_PINS["manager"])
    page = window.open_page("members")
    find(qtbot, page, world.member.phone[-4:])
    assert page.results.rowCount() == 1
    assert "****" in page.results.rows[0][2]
    assert "110" in page.summary.text()  # the expired 7 do not count
    lots = page.lots.rows
    assert [row[0] for row in lots] == ["Another merchant", world.merchant_a.name] or \
        [row[0] for row in lots] == [world.merchant_a.name, "Another merchant"]
    history = {row[4]: row for row in page.history.rows}
    assert "A sale" in history and "B sale" not in history
    assert sum(1 for row in page.history.rows if row[3] == "Another merchant") == 1  # B sale
    assert AuditEntry.select().where(AuditEntry.action == "member_view").count() >= 1


def test_history_filters_by_kind(window, qtbot, world):
    sign_in(qtbot, window, "op", DEMO_PINS["operator"])
    page = window.open_page("members")
    find(qtbot, page, world.member.number)
    assert page.page_data.total == 3
    page.h_source.setCurrentIndex(page.h_source.findData("refund"))
    page.page_data = None
    page.load_history(0)
    qtbot.waitUntil(lambda: page.page_data is not None)
    assert page.page_data.total == 0 and page.history.rowCount() == 0


def test_a_manager_adjusts_with_a_second_managers_pin(window, qtbot, world):
    sign_in(qtbot, window, "m1", DEMO_PINS["manager"])
    page = window.open_page("members")
    find(qtbot, page, world.member.number)
    dialog = page.open_adjustment()
    dialog.points.setValue(25)
    dialog.reason.setCurrentIndex(dialog.reason.findData("missing_points"))
    dialog.note.setText("receipt 17")
    dialog.manager.setText("m1b")
    dialog.pin.setText("0000")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert dialog.isVisible() and dialog.pin.text() == ""
    assert Transfer.select().where(Transfer.source == "adjustment").count() == 0
    dialog.pin.setText("8888")
    with qtbot.waitSignal(dialog.done_adjusting, timeout=10_000):
        dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    qtbot.waitUntil(lambda: "135" in page.summary.text())
    assert ledger.balance(world.member) == 135


def test_the_operator_runs_the_expiry_and_sees_breakage_per_merchant(window, qtbot, world):
    sign_in(qtbot, window, "op", DEMO_PINS["operator"])
    page = window.open_page("expiry")
    qtbot.waitUntil(lambda: page.preview is not None)
    assert page.preview[:2] == (1, 7)
    page.run_button.click()
    qtbot.waitUntil(lambda: page.outcome is not None and not page.running)
    assert page.outcome.points == 7
    assert page.breakage.rows == [(world.merchant_b.code, world.merchant_b.name, "1", "7")]
    assert "7" in page.result.text()
    qtbot.waitUntil(lambda: page.preview is not None and page.preview[:2] == (0, 0))


def test_a_manager_has_no_expiry_page(window, qtbot):
    sign_in(qtbot, window, "m1", DEMO_PINS["manager"])
    keys = [spec.key for spec in window.specs]
    assert "members" in keys and "expiry" not in keys


def test_withdraw_face_consent_from_the_member_panel(window, qtbot, world):
    from PySide6.QtWidgets import QMessageBox

    from app.faces import templates
    from app.models import FaceTemplate

    templates.enrol(world.member, templates.grant_consent(world.member), [[0.01] * 128])
    sign_in(qtbot, window, "m1", DEMO_PINS["manager"])
    page = window.open_page("members")
    find(qtbot, page, world.member.number)
    qtbot.waitUntil(lambda: page.face_button.isEnabled())
    box = page.ask_withdraw_face()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: FaceTemplate.select().count() == 0)
    qtbot.waitUntil(lambda: page.face is not None and not page.face_button.isEnabled())
