"""Reports with charts: points issued and redeemed per merchant per week, outstanding
liability, breakage and top members. Each chart has its numbers in a table beside it and
exports them as CSV — the same rows the chart draws."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.loyalty import rules_admin
from app.loyalty.rules_admin import Choice
from app.money import format_money
from app.reports.points import REPORTS, Report
from ui.backoffice.context import BackofficeContext
from ui.backoffice.page import Page
from ui.widgets.i18n import is_english, translate

KINDS = ("weekly_points", "liability", "breakage", "top_members")



def report_title(kind: str) -> str:
    return {
        "weekly_points": translate("ReportsPage", "Points issued and redeemed per week"),
        "liability": translate("ReportsPage", "Outstanding liability by issuer"),
        "breakage": translate("ReportsPage", "Breakage per merchant"),
        "top_members": translate("ReportsPage", "Top members by open points"),
    }[kind]


def column_title(column: str) -> str:
    return {
        "week_start": translate("ReportsPage", "Week from"),
        "merchant_code": translate("ReportsPage", "Code"),
        "merchant": translate("ReportsPage", "Merchant"),
        "issued": translate("ReportsPage", "Issued"),
        "redeemed": translate("ReportsPage", "Redeemed"),
        "open_points": translate("ReportsPage", "Open points"),
        "value_minor": translate("ReportsPage", "Value"),
        "expired_points": translate("ReportsPage", "Expired points"),
        "member_number": translate("ReportsPage", "Member number"),
        "name": translate("ReportsPage", "Name"),
        "phone": translate("ReportsPage", "Phone"),
    }.get(column, column)


def _cell(column: str, value: object) -> QStandardItem:
    text = format_money(value) if column == "value_minor" and isinstance(value, int) else (
        f"{value:,}" if isinstance(value, int) else str(value))
    item = QStandardItem(text)
    item.setEditable(False)
    if isinstance(value, int):
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class ReportsPage(Page):
    def __init__(self, ctx: BackofficeContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("reportsPage")
        self.report: Report | None = None
        self._english_names: dict[str, str] = {}
        self.heading = QLabel(objectName="pageHeading")
        self.kind_label = QLabel()
        self.kind_box = QComboBox(objectName="reportKind")
        self.kind_box.addItems([""] * len(KINDS))
        self.kind_box.currentIndexChanged.connect(lambda _: self.refresh())
        self.kind_label.setBuddy(self.kind_box)
        self.weeks_label = QLabel()
        self.weeks = QSpinBox(objectName="reportWeeks")
        self.weeks.setRange(1, 104)
        self.weeks.setValue(12)
        self.weeks.valueChanged.connect(lambda _: self.refresh())
        self.weeks_label.setBuddy(self.weeks)
        self.scope = QLabel(objectName="reportScope")
        self.export_button = QPushButton(objectName="exportCsv")
        self.export_button.clicked.connect(self._ask_path)
        self.export_button.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(self.kind_label)
        bar.addWidget(self.kind_box)
        bar.addWidget(self.weeks_label)
        bar.addWidget(self.weeks)
        bar.addWidget(self.scope, 1)
        bar.addWidget(self.export_button)
        self.chart = QChart()
        # Legend below the bars: beside them it takes width the table's columns need.
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart, objectName="reportChart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.model = QStandardItemModel(self)
        self.table = QTableView(objectName="reportTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.chart_view.setMinimumWidth(440)
        split = QHBoxLayout()
        split.addWidget(self.chart_view, 1)
        split.addWidget(self.table, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addLayout(split, 1)
        self.exported: str | None = None
        self.retranslate()

    def kind(self) -> str:
        return KINDS[max(0, self.kind_box.currentIndex())]

    def show_kind(self, kind: str) -> None:
        self.kind_box.setCurrentIndex(KINDS.index(kind))

    def refresh(self) -> None:
        weekly = self.kind() == "weekly_points"
        self.weeks_label.setVisible(weekly)
        self.weeks.setVisible(weekly)
        args = (self.weeks.value(),) if weekly else ()
        self.ctx.call(REPORTS[self.kind()], *args, on_done=self._show)
        if not self._english_names:  # reports carry the stored (Chinese) merchant names
            self.ctx.call(rules_admin.merchants, on_done=self._names_loaded)

    def _names_loaded(self, merchants: list[Choice]) -> None:
        self._english_names = {m.name: m.name_en for m in merchants if m.name_en}
        if self.report is not None:
            self._fill()

    def _shown(self, column: str, value: object) -> object:
        """A merchant's name in the UI language: its English name on an English screen."""
        if column == "merchant" and is_english():
            return self._english_names.get(str(value), value)
        return value

    def _show(self, report: Report) -> None:
        if report.kind != self.kind():
            return  # the user picked another report meanwhile
        self.report = report
        self.export_button.setEnabled(True)
        self._fill()

    # -- export -------------------------------------------------------------------------------
    def _ask_path(self) -> None:
        if self.report is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, translate("ReportsPage", "Export CSV"),
            str(Path.home() / f"{self.report.kind}.csv"),
            translate("ReportsPage", "CSV files (*.csv)"))
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> None:
        """Write the shown report's rows — the ones the chart draws — as CSV."""
        if self.report is None:
            return
        Path(path).write_bytes(self.report.csv_bytes())
        self.exported = path
        self.ctx.inform(translate("ReportsPage", "Exported {0}").format(Path(path).name))

    # -- drawing ------------------------------------------------------------------------------
    def _fill(self) -> None:
        report = self.report
        self.model.clear()
        if report is None:
            return
        self.model.setHorizontalHeaderLabels([column_title(c) for c in report.columns])
        for row in report.rows:
            self.model.appendRow([_cell(c, self._shown(c, v))
                                  for c, v in zip(report.columns, row, strict=True)])
        self.table.resizeColumnsToContents()
        self.scope.setText(translate("ReportsPage", "Whole coalition") if not report.scope
                           else translate("ReportsPage", "Merchant: {0}").format(report.scope))
        self._draw()

    def _draw(self) -> None:
        report = self.report
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(report_title(self.kind()))
        if report is None or not report.rows:
            chart.setTitle(report_title(self.kind()) + " — "
                           + translate("ReportsPage", "no data yet"))
            return
        if report.kind == "weekly_points":
            weeks = sorted({row[0] for row in report.rows})
            # Codes in the legend: two bars per merchant leave no room for long names (the
            # table beside the chart names them).
            merchants = sorted({row[1] for row in report.rows})
            by = {(row[0], row[1]): row for row in report.rows}
            series = QBarSeries()
            for name in merchants:
                for label, index in ((translate("ReportsPage", "issued"), 3),
                                     (translate("ReportsPage", "redeemed"), 4)):
                    bars = QBarSet(f"{name} {label}")
                    bars.append([float(by[(w, name)][index]) if (w, name) in by else 0.0
                                 for w in weeks])
                    series.append(bars)
            categories = [w.strftime("%m-%d") for w in weeks]
        elif report.kind == "top_members":
            series = QHorizontalBarSeries()
            bars = QBarSet(column_title("open_points"))
            rows = list(reversed(report.rows))  # the largest on top
            bars.append([float(row[3]) for row in rows])
            series.append(bars)
            categories = [f"{row[1] or row[0]} {row[2]}" for row in rows]
        else:
            series = QBarSeries()
            column = 2
            bars = QBarSet(column_title(report.columns[column]))
            bars.append([float(row[column]) for row in report.rows])
            series.append(bars)
            categories = [row[1] for row in report.rows]
        chart.addSeries(series)
        labels = QBarCategoryAxis()
        labels.append(categories)
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.applyNiceNumbers()
        horizontal = isinstance(series, QHorizontalBarSeries)
        chart.addAxis(labels, Qt.AlignmentFlag.AlignLeft if horizontal
                      else Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if horizontal
                      else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(labels)
        series.attachAxis(values)
        values.setMin(0)
        values.applyNiceNumbers()

    def retranslate(self) -> None:
        self.heading.setText(translate("ReportsPage", "Reports"))
        self.kind_label.setText(translate("ReportsPage", "&Report"))
        self.weeks_label.setText(translate("ReportsPage", "&Weeks"))
        for i, kind in enumerate(KINDS):
            self.kind_box.setItemText(i, report_title(kind))
        self.export_button.setText(translate("ReportsPage", "Export CSV…"))
        self._fill()
