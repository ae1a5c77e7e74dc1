"""X and Z shift reports: an A4 PDF for the office and a print job for the till's printer.

Both render an ``app.shifts.ShiftReport`` in the caller's language ("zh_CN" or "en": the till
passes its UI language) and title the two kinds unmistakably: "X 报表" / "X report"
(mid-shift, nothing closed) and "Z 报表 #n" / "Z report #n" (the closed shift's final figures).
Times are the store's local time (``app.clock``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.clock import store_time_text
from app.documents import (
    OpsBuilder,
    check_language,
    columns,
    money,
    name_in,
    pick,
    rate_label,
    tender_label,
)
from app.shifts import ShiftReport

TITLES = {"X": ("X 报表", "X report"), "Z": ("Z 报表", "Z report")}
SUBTITLES = {
    "X": ("班中快照，未结班", "Mid-shift snapshot, shift still open"),
    "Z": ("结班报表", "End of shift, final"),
}
# The tax table's three columns on the printed report: rate, amount incl. tax, tax.
TAX_COLUMNS = (6, 12)


def report_title(report: ShiftReport, language: str = "zh_CN") -> str:
    title = pick(language, *TITLES[report.kind])
    return f"{title} #{report.z_number}" if report.kind == "Z" and report.z_number else title


def _difference_label(diff: int | None, lang: str) -> str:
    if diff is not None and diff > 0:
        return pick(lang, "长款", "Over")
    if diff is not None and diff < 0:
        return pick(lang, "短款", "Short")
    return pick(lang, "差额", "Over/short")


def _quantity(measure: str, quantity: int) -> str:
    if measure == "g":
        sign = "-" if quantity < 0 else ""
        kg, g = divmod(abs(quantity), 1000)
        return f"{sign}{kg}.{g:03d} kg"
    return str(quantity)


def _header_rows(r: ShiftReport, lang: str) -> list[tuple[str, str]]:
    def t(zh: str, en: str) -> str:
        return pick(lang, zh, en)

    rows = [
        (t("门店", "Store"), name_in(lang, r.store_name, r.store_name_en)),
        (t("商户", "Merchant"), name_in(lang, r.merchant_name, r.merchant_name_en)),
        (t("收银台", "Till"), r.terminal_code),
        (t("班次", "Shift"), f"#{r.shift_id}"),
        (t("收银员", "Cashier"), r.cashier_name),
        (t("开班", "Opened"), store_time_text(r.opened_at, r.timezone)),
    ]
    if r.kind == "Z":
        rows += [(t("结班", "Closed"), store_time_text(r.closed_at, r.timezone)),
                 (t("结班人", "Closed by"), r.closed_by_name)]
    rows.append((t("打印", "Printed"), store_time_text(r.generated_at, r.timezone)))
    if r.first_receipt_no:
        rows.append((t("小票", "Receipts"), f"{r.first_receipt_no} – {r.last_receipt_no}"))
    return rows


def _summary_rows(r: ShiftReport, lang: str) -> list[tuple[str, str, str, bool]]:
    """(label, count, amount, emphasised)."""
    c = r.currency

    def t(zh: str, en: str) -> str:
        return pick(lang, zh, en)

    return [
        (t("销售", "Sales"), str(r.sales.count), money(r.sales.total, c), False),
        ("  " + t("毛销售额", "Gross"), "", money(r.gross, c), False),
        ("  " + t("折扣", "Discounts"), "", money(-r.discounts, c), False),
        (t("退货", "Refunds"), str(r.refunds.count), money(-r.refunds.total, c), False),
        (t("作废", "Voids"), str(r.voids.count), money(-r.voids.total, c), False),
        (t("净销售额", "Net sales"), str(r.transaction_count), money(r.net, c), True),
        ("  " + t("其中税额", "Tax incl."), "", money(r.tax, c), False),
        (t("件数", "Items sold"), str(r.sales.items), "", False),
        (t("会员交易", "Member sales"), str(r.sales.member_count), "", False),
        (t("发放积分", "Points earned"), str(r.points_earned), "", False),
        (t("抵扣积分", "Points spent"), str(r.points_spent), "", False),
    ]


def _cash_rows(r: ShiftReport, lang: str) -> list[tuple[str, str, bool]]:
    """(label, amount, emphasised)."""
    c = r.currency
    cash = r.cash

    def t(zh: str, en: str) -> str:
        return pick(lang, zh, en)

    rows = [
        (t("备用金", "Opening float"), money(cash.opening_float, c), False),
        (t("现金收入", "Cash received"), money(cash.cash_tendered, c), False),
        (t("找零", "Change given"), money(-cash.change_given, c), False),
        (t("现金退款", "Cash refunds"), money(-cash.cash_refunds, c), False),
        (t("应有现金", "Expected cash"), money(cash.expected, c), True),
    ]
    if cash.counted is not None:
        diff = cash.difference or 0
        rows += [
            (t("实点现金", "Counted cash"), money(cash.counted, c), True),
            (_difference_label(diff, lang), ("+" if diff > 0 else "") + money(diff, c), True),
        ]
    return rows


# -- print job -------------------------------------------------------------------------------
def shift_report_print_job(report: ShiftReport, paper_mm: int = 80,
                           language: str = "zh_CN") -> dict[str, Any]:
    """The report as a print job for the till's receipt printer (see ``app.documents``),
    in ``language`` ("zh_CN" or "en")."""
    lang = check_language(language)
    r = report
    c = r.currency

    def t(zh: str, en: str) -> str:
        return pick(lang, zh, en)

    b = OpsBuilder()
    b.text(name_in(lang, r.store_name, r.store_name_en), align="center", bold=True)
    b.text(report_title(r, lang), align="center", bold=True, double=True)
    b.text(pick(lang, *SUBTITLES[r.kind]), align="center")
    b.rule()
    for label, value in _header_rows(r, lang):
        b.row(label, value)
    b.rule()
    b.text(t("销售汇总", "Sales summary"), bold=True)
    for label, count, amount, strong in _summary_rows(r, lang):
        right = f"{count}  {amount}".strip() if count and amount else (amount or count)
        b.row(label, right, bold=strong)
    b.rule()
    b.text(t("按税率", "Tax by rate"), bold=True)
    b.row(columns((t("税率", "Rate"), t("含税金额", "Total")), TAX_COLUMNS), t("税额", "Tax"))
    for tax in r.tax_by_rate:
        b.row(columns((rate_label(tax.rate_bp), money(tax.total, c)), TAX_COLUMNS),
              money(tax.tax, c))
    b.rule()
    b.text(t("支付方式", "Tenders"), bold=True)
    for tender in r.tenders:
        b.row(f"{tender_label(tender.tender, lang)} ×{tender.count}", money(tender.amount, c))
        if tender.refund_count:
            b.row("  " + t("退款", "Refunds") + f" ×{tender.refund_count}",
                  money(-tender.refund_amount, c))
    b.rule()
    b.text(t("现金", "Cash drawer"), bold=True)
    for label, value, strong in _cash_rows(r, lang):
        b.row(label, value, bold=strong)
    if r.cash.denominations:
        for denom, count in r.cash.denominations:
            b.row(f"  {money(denom, c)} × {count}", money(denom * count, c))
    if r.top_lines:
        b.rule()
        b.text(t("畅销商品", "Top products"), bold=True)
        for line in r.top_lines:
            b.row(f"{name_in(lang, line.name, line.name_en)} "
                  f"{_quantity(line.measure, line.quantity)}", money(line.total, c))
    if r.kind == "Z":
        b.rule()
        b.feed(1)
        b.text(t("收银员签字", "Cashier") + ": ____________")
        b.feed(1)
        b.text(t("经理签字", "Manager") + ": ____________")
    b.feed(3)
    b.cut()
    number = r.z_number if r.kind == "Z" else f"{r.shift_id}-{r.generated_at:%H%M%S}"
    return b.job(f"shift-report:{r.terminal_code}:{r.kind}{number}", paper_mm)


# -- A4 PDF ----------------------------------------------------------------------------------
def shift_report_pdf(report: ShiftReport, path: str | Path, language: str = "zh_CN") -> Path:
    """The report as an A4 PDF in ``language`` ("zh_CN" or "en")."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from app.documents.pdf import register_fonts

    font = register_fonts()
    lang = check_language(language)
    r = report
    c = r.currency

    def t(zh: str, en: str) -> str:
        return pick(lang, zh, en)

    title_style = ParagraphStyle("title", fontName=font, fontSize=18, leading=22,
                                 alignment=TA_CENTER)
    sub_style = ParagraphStyle("sub", fontName=font, fontSize=10, leading=14, alignment=TA_CENTER,
                               textColor=colors.HexColor("#555555"))
    h_style = ParagraphStyle("h", fontName=font, fontSize=12, leading=15, spaceBefore=6,
                             spaceAfter=3, keepWithNext=1)
    width = A4[0] - 40 * mm

    def table(rows: list[list[str]], col: list[float], *, header: bool = False,
              bold_rows: tuple[int, ...] = ()) -> Table:
        t = Table(rows, colWidths=[width * f for f in col], hAlign="LEFT",
                  repeatRows=1 if header else 0)
        style = [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        if header:
            style += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                      ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.black)]
        for i in bold_rows:
            style += [("BACKGROUND", (0, i), (-1, i), colors.HexColor("#f4f4f4")),
                      ("FONTSIZE", (0, i), (-1, i), 10)]
        t.setStyle(TableStyle(style))
        return t

    story: list[Any] = [
        Paragraph(report_title(r, lang), title_style),
        Paragraph(pick(lang, *SUBTITLES[r.kind]), sub_style),
        Spacer(1, 4 * mm),
    ]
    head = _header_rows(r, lang)
    half = (len(head) + 1) // 2
    pairs = [
        [*head[i], *(head[i + half] if i + half < len(head) else ("", ""))]
        for i in range(half)
    ]
    info = table(pairs, [0.17, 0.33, 0.17, 0.33])
    info.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "LEFT")]))
    story.append(info)

    story.append(Paragraph(t("销售汇总", "Sales summary"), h_style))
    rows = _summary_rows(r, lang)
    summary = [[t("项目", "Item"), t("笔数", "Count"), t("金额", "Amount")]]
    summary += [[label, count, amount] for label, count, amount, _ in rows]
    strong = tuple(i + 1 for i, row in enumerate(rows) if row[3])
    story.append(table(summary, [0.5, 0.2, 0.3], header=True, bold_rows=strong))

    story.append(Paragraph(t("按税率", "Tax by rate"), h_style))
    tax_rows = [[t("税率", "Rate"), t("含税金额", "Total"), t("税额", "Tax"),
                 t("不含税", "Net of tax")]]
    tax_rows += [[rate_label(t.rate_bp), money(t.total, c), money(t.tax, c),
                  money(t.net_of_tax, c)] for t in r.tax_by_rate]
    tax_rows.append([t("合计", "Total"), money(sum(t.total for t in r.tax_by_rate), c),
                     money(sum(t.tax for t in r.tax_by_rate), c),
                     money(sum(t.net_of_tax for t in r.tax_by_rate), c)])
    story.append(table(tax_rows, [0.25, 0.25, 0.25, 0.25], header=True,
                       bold_rows=(len(tax_rows) - 1,)))

    story.append(Paragraph(t("支付方式", "Tenders"), h_style))
    tender_rows = [[t("方式", "Tender"), t("笔数", "Count"), t("金额", "Amount"),
                    t("退款", "Refunds"), t("净额", "Net")]]
    tender_rows += [[tender_label(x.tender, lang), str(x.count), money(x.amount, c),
                     f"{money(-x.refund_amount, c)} ×{x.refund_count}" if x.refund_count else "",
                     money(x.net, c)] for x in r.tenders]
    story.append(table(tender_rows, [0.24, 0.14, 0.2, 0.22, 0.2], header=True))

    story.append(Paragraph(t("现金", "Cash drawer"), h_style))
    cash = _cash_rows(r, lang)
    cash_rows = [[label, amount] for label, amount, _ in cash]
    emphasis = tuple(i for i, row in enumerate(cash) if row[2])
    if r.cash.denominations:
        # The count beside the figures it produced, to keep a Z report on one page.
        width, full = width * 0.48, width
        cash_table = table(cash_rows, [0.6, 0.4], bold_rows=emphasis)
        denoms = [[t("面额", "Denomination"), t("数量", "Count"), t("金额", "Amount")]]
        denoms += [[money(d, c), str(n), money(d * n, c)] for d, n in r.cash.denominations]
        denoms.append([t("合计", "Total"), str(sum(n for _, n in r.cash.denominations)),
                       money(r.cash.counted or 0, c)])
        denom_table = table(denoms, [0.4, 0.25, 0.35], header=True,
                            bold_rows=(len(denoms) - 1,))
        width = full
        pair = Table([[cash_table, denom_table]], colWidths=[width * 0.52, width * 0.48],
                     hAlign="LEFT")
        pair.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("FONTNAME", (0, 0), (-1, -1), font),  # not Helvetica
                                  ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("RIGHTPADDING", (0, 0), (0, 0), 4 * mm),
                                  ("RIGHTPADDING", (1, 0), (1, 0), 0)]))
        story.append(pair)
    else:
        story.append(table(cash_rows, [0.5, 0.5], bold_rows=emphasis))

    if r.kind == "Z":  # the count is what gets signed for
        story.append(Spacer(1, 5 * mm))
        story.append(table([[t("收银员签字", "Cashier signature") + ": ______________",
                             t("经理签字", "Manager signature") + ": ______________"]],
                           [0.5, 0.5]))

    if r.top_lines:
        story.append(Paragraph(t("畅销商品", "Top products"), h_style))
        top = [[t("商品", "Product"), t("数量", "Quantity"), t("金额", "Amount")]]
        top += [[name_in(lang, x.name, x.name_en), _quantity(x.measure, x.quantity),
                 money(x.total, c)] for x in r.top_lines]
        story.append(table(top, [0.6, 0.18, 0.22], header=True))

    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=14 * mm, bottomMargin=16 * mm,
                            initialFontName=font,  # every font embedded, none left to Helvetica
                            title=f"{report_title(r, lang)} {r.terminal_code}",
                            author="Patron")

    def footer(canvas: Any, doc_: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawString(20 * mm, 10 * mm, f"{name_in(lang, r.store_name, r.store_name_en)} | "
                          f"{r.terminal_code} | {report_title(r, lang)}")
        canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, f"{doc_.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out
