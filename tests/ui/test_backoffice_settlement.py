"""The Settlement and Reports pages: the operator settles a closed period, reads a statement,
saves it as PDF and CSV and opens the entries behind a line; a manager sees their own
statement only; every report charts and exports the same numbers."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

import app.settlement.periods as periods
from app.models import SettlementRun
from tests.app.test_settlement_runs import earn_and_spend
from tests.ui.test_backoffice_shell import sign_in
from tests.ui.test_backoffice_shell import window as window  # noqa: F401  (fixture)


@pytest.fixture
def month_later(monkeypatch):
    """The pages' clock 40 days on: this month's activity is in a closed period."""
    real = periods.utcnow
    monkeypatch.setattr(periods, "utcnow", lambda: real() + timedelta(days=40))
    return real


def open_settlement(qtbot, window, code, pin):
    sign_in(qtbot, window, code, pin)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.main)
    page = window.open_page("settlement")
    qtbot.waitUntil(lambda: len(page.periods) > 0)
    return page


def test_the_operator_settles_reads_saves_and_drills_down(world, window, qtbot, month_later,
                                                          tmp_path):
    from app.demo import DEMO_PINS

    earn_and_spend(world, "x", earn_at_a=100, spend_at_b=70)
    page = open_settlement(qtbot, window, "op", DEMO_PINS["operator"])
    this_month = periods.current_period(month_later()).first_day
    row = next(i for i, p in enumerate(page.periods) if p.period.first_day == this_month)
    page.period_view.selectRow(row)
    assert page.selected_period().state == "due"
    assert page.run_button.isVisible() and page.run_button.isEnabled()
    page.run_button.click()
    qtbot.waitUntil(lambda: page.statement is not None, timeout=10000)
    assert SettlementRun.select().count() == 1
    assert page.selected_period().state == "settled"
    assert page.merchant_box.count() == 2
    page.merchant_box.setCurrentIndex(1)  # MB 茶语轩
    qtbot.waitUntil(lambda: page.statement is not None and page.statement.merchant_code == "MB")
    assert page.line_model.rowCount() == 1
    assert page.line_model.item(0, 4).text() == "¥0.70"
    assert "茶语轩" in page.total.text() and "¥0.70" in page.total.text()

    page.save_to(str(tmp_path))
    qtbot.waitUntil(lambda: bool(page.saved))
    names = sorted(p.rsplit("/", 1)[1] for p in page.saved)
    assert names == [f"statement-MB-{this_month}.csv", f"statement-MB-{this_month}.pdf"]
    page.saved = []
    page.save_to(str(tmp_path / "all"), every=True)
    qtbot.waitUntil(lambda: bool(page.saved))
    assert sorted(p.rsplit("/", 1)[1] for p in page.saved) == [
        f"statement-{code}-{this_month}.{ext}" for code in ("MA", "MB") for ext in ("csv", "pdf")]

    page.line_view.selectRow(0)
    page.entries_button.click()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert dialog.model.rowCount() == 1
    assert dialog.model.item(0, 4).text() == "+70"
    assert dialog.model.item(0, 5).text() == "sale:x:sb"
    assert "****" in dialog.model.item(0, 1).text()
    dialog.reject()

    # Running it again from the page changes nothing.
    page.period_view.selectRow(row)
    assert not page.run_button.isEnabled()


def test_a_manager_sees_only_their_statement_and_cannot_run(world, window, qtbot, month_later):
    from app.backoffice.actor import Actor
    from app.demo import DEMO_PINS
    from app.settlement.runs import run_settlement

    earn_and_spend(world, "x", earn_at_a=100, spend_at_b=70)
    this_month = periods.current_period(month_later()).first_day
    run_settlement(Actor.of(world.operator), this_month)
    page = open_settlement(qtbot, window, "m1", DEMO_PINS["manager"])
    assert not page.run_button.isVisible() and not page.save_all_button.isVisible()
    qtbot.waitUntil(lambda: page.statement is not None)
    assert page.merchant_box.count() == 1
    assert page.statement.merchant_code == "MA"
    assert page.line_model.item(0, 4).text() == "-¥0.70"


def test_every_report_charts_and_exports_its_numbers(world, window, qtbot, tmp_path):
    from app.demo import DEMO_PINS
    from ui.backoffice.reports import KINDS
    from ui.widgets.i18n import translate

    earn_and_spend(world, "x", earn_at_a=100, spend_at_b=70, earn_at_b=30)
    sign_in(qtbot, window, "op", DEMO_PINS["operator"])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.main)
    page = window.open_page("reports")
    for kind in KINDS:
        if kind == "breakage":
            continue  # nothing has expired in this world
        page.show_kind(kind)
        qtbot.waitUntil(lambda k=kind: page.report is not None and page.report.kind == k)
        assert page.chart.series(), kind
        assert page.model.rowCount() == len(page.report.rows) > 0
        path = tmp_path / f"{kind}.csv"
        page.export_csv(str(path))
        rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
        assert len(rows) == len(page.report.rows) + 1
    page.show_kind("weekly_points")
    qtbot.waitUntil(lambda: page.report is not None and page.report.kind == "weekly_points")
    bars = {s.label(): [s.at(i) for i in range(s.count())]
            for s in page.chart.series()[0].barSets()}
    issued, redeemed = translate("ReportsPage", "issued"), translate("ReportsPage", "redeemed")
    assert bars[f"MA {issued}"][-1] == 100
    assert bars[f"MB {redeemed}"][-1] == 70
    assert page.weeks.isVisible()
    page.weeks.setValue(1)  # this week only: the same figures
    qtbot.waitUntil(lambda: page.report is not None and len(
        {row[0] for row in page.report.rows}) == 1)
    page.show_kind("liability")
    assert not page.weeks.isVisible()


def test_a_manager_reports_on_their_merchant(world, window, qtbot):
    from app.demo import DEMO_PINS

    earn_and_spend(world, "x", earn_at_a=100, spend_at_b=70, earn_at_b=30)
    sign_in(qtbot, window, "m2", DEMO_PINS["manager"])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.main)
    page = window.open_page("reports")
    page.show_kind("liability")
    qtbot.waitUntil(lambda: page.report is not None and page.report.kind == "liability")
    assert [r[0] for r in page.report.rows] == ["MB"]
    assert "茶语轩" in page.scope.text()
