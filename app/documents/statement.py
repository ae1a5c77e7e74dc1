"""A merchant's settlement statement as an A4 PDF (embedded CJK font) and as CSV.

Both say, line by line, who owes whom: "茶语轩 应收 百联超市 ¥1.20" — the counterparty's points
accepted here, ours accepted there, the net points and their value at the run's point value.
The CSV carries the same figures in minor units for spreadsheets (UTF-8 with a BOM so Excel
reads the Chinese names).
"""

from __future__ import annotations

import csv
import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas

from app.documents import check_language, money, pick
from app.documents.pdf import _draw, register_fonts, wrap_text
from app.settlement.statements import Statement, StatementLine

MARGIN = 18 * mm
SIZE = 10.0
LEADING = 15.0


def owes_sentence(stmt: Statement, line: StatementLine, language: str = "zh_CN") -> str:
    """Who pays whom on one line, in words."""
    amount = money(abs(line.amount_minor), stmt.currency)
    if line.amount_minor > 0:
        return pick(language, f"{stmt.merchant_name} 应收 {line.counterparty_name} {amount}",
                    f"{line.counterparty_name} owes {stmt.merchant_name} {amount}")
    if line.amount_minor < 0:
        return pick(language, f"{stmt.merchant_name} 应付 {line.counterparty_name} {amount}",
                    f"{stmt.merchant_name} owes {line.counterparty_name} {amount}")
    return pick(language, f"{stmt.merchant_name} 与 {line.counterparty_name} 两清",
                f"{stmt.merchant_name} and {line.counterparty_name} are square")


def total_sentence(stmt: Statement, language: str = "zh_CN") -> str:
    amount = money(abs(stmt.total_minor), stmt.currency)
    if stmt.total_minor > 0:
        return pick(language, f"本期净额：{stmt.merchant_name} 应收 {amount}",
                    f"Net for the period: {stmt.merchant_name} is owed {amount}")
    if stmt.total_minor < 0:
        return pick(language, f"本期净额：{stmt.merchant_name} 应付 {amount}",
                    f"Net for the period: {stmt.merchant_name} owes {amount}")
    return pick(language, "本期净额：0", "Net for the period: 0")


def _point_value(stmt: Statement) -> str:
    per_point = stmt.point_value_minor_per_100 / 100  # display only; sums are integers
    return f"{per_point:g}"


def statement_pdf(stmt: Statement, language: str = "zh_CN") -> bytes:
    check_language(language)
    font = register_fonts()
    out = io.BytesIO()
    c = rl_canvas.Canvas(out, pagesize=A4, pageCompression=1, initialFontName=font)
    c.setTitle(pick(language, "积分结算对账单", "Points settlement statement")
               + f" {stmt.merchant_code} {stmt.first_day.isoformat()}")
    width, height = A4
    cols = (MARGIN, MARGIN + 62 * mm, MARGIN + 90 * mm, MARGIN + 118 * mm, width - MARGIN)
    y = height - MARGIN

    def line(text: str, size: float = SIZE, bold: bool = False) -> None:
        nonlocal y
        for part in wrap_text(text, size, width - 2 * MARGIN, font):
            y = _room(c, y, height)
            _draw(c, MARGIN, y, part, size, bold)
            y -= size * 1.5

    line(pick(language, "积分结算对账单", "Points settlement statement"), 16, True)
    y -= 4
    line(pick(language, f"商户：{stmt.merchant_name}（{stmt.merchant_code}）",
              f"Merchant: {stmt.merchant_name} ({stmt.merchant_code})"))
    line(pick(language,
              f"结算期间：{stmt.first_day.isoformat()} 至 {stmt.last_day.isoformat()}（{stmt.timezone}）",
              f"Period: {stmt.first_day.isoformat()} to {stmt.last_day.isoformat()} "
              f"({stmt.timezone})"))
    line(pick(language, f"积分价值：每分 {_point_value(stmt)} 分钱；结算编号 {stmt.run_id}",
              f"Point value: {_point_value(stmt)} minor units per point; run {stmt.run_id}"))
    y -= 6
    heads = pick(language, "对方商户|收入积分|付出积分|净积分|金额",
                 "Counterparty|Points in|Points out|Net points|Amount").split("|")
    y = _room(c, y, height)
    figures_x = (cols[2], cols[3], cols[3] + 28 * mm, cols[4])
    _draw(c, cols[0], y, heads[0], SIZE, True)
    for x, head in zip(figures_x, heads[1:], strict=True):
        _draw(c, x, y, head, SIZE, True, "right")
    y -= 4
    c.line(MARGIN, y, width - MARGIN, y)
    y -= LEADING
    for row in stmt.lines:
        y = _room(c, y, height)
        _draw(c, cols[0], y, row.counterparty_name, SIZE, False)
        values = (f"{row.points_in:,}", f"{row.points_out:,}", f"{row.net_points:+,}",
                  money(row.amount_minor, stmt.currency))
        for x, value in zip(figures_x, values, strict=True):
            _draw(c, x, y, value, SIZE, False, "right")
        y -= LEADING
        line("  " + owes_sentence(stmt, row, language), SIZE - 1)
    if not stmt.lines:
        line(pick(language, "本期没有跨商户积分使用。",
                  "No points crossed between merchants in this period."))
    y -= 2
    c.line(MARGIN, y + LEADING - 4, width - MARGIN, y + LEADING - 4)
    line(total_sentence(stmt, language), 11, True)
    y -= 6
    line(pick(language,
              "说明：收入积分＝对方商户发放、在本商户使用的积分；付出积分＝本商户发放、在对方使用的积分；"
              "均已扣除退款退回的积分。每对商户的净积分按积分价值折算一次（四舍五入），双方金额相反，"
              "全体商户合计为零。",
              "Points in: the counterparty's points spent here; points out: ours spent there; "
              "both less points refunds gave back. Each pair's net points are valued once "
              "(rounded half away from zero) with opposite signs for the two merchants, so all "
              "positions sum to zero."), SIZE - 1.5)
    c.showPage()
    c.save()
    return out.getvalue()


def _room(c: rl_canvas.Canvas, y: float, height: float) -> float:
    """A new page when the next line would fall into the bottom margin."""
    if y < MARGIN:
        c.showPage()
        return height - MARGIN
    return y


CSV_HEADER = ("run", "period_first_day", "period_last_day", "timezone", "merchant_code",
              "merchant", "counterparty_code", "counterparty", "points_in", "points_out",
              "net_points", "amount_minor", "currency", "says")


def statement_csv(stmt: Statement, language: str = "zh_CN") -> bytes:
    check_language(language)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in stmt.lines:
        writer.writerow((stmt.run_id, stmt.first_day.isoformat(), stmt.last_day.isoformat(),
                         stmt.timezone, stmt.merchant_code, stmt.merchant_name,
                         row.counterparty_code, row.counterparty_name, row.points_in,
                         row.points_out, row.net_points, row.amount_minor, stmt.currency,
                         owes_sentence(stmt, row, language)))
    writer.writerow((stmt.run_id, stmt.first_day.isoformat(), stmt.last_day.isoformat(),
                     stmt.timezone, stmt.merchant_code, stmt.merchant_name, "", "",
                     stmt.points_in, stmt.points_out, stmt.points_in - stmt.points_out,
                     stmt.total_minor, stmt.currency, total_sentence(stmt, language)))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def file_stem(stmt: Statement) -> str:
    return f"statement-{stmt.merchant_code}-{stmt.first_day.isoformat()}"
