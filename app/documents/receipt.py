"""Receipts: the data (``build_receipt``), the PDF (``receipt_pdf``) and the printer's job
(``receipt_print_job``). A refund or void receipt says so at the top and shows its amounts
as money going back (negative)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import peewee as pw

from app.clock import TIME_FORMAT, store_timezone, to_store_time
from app.documents import (
    OpsBuilder,
    check_language,
    money,
    name_in,
    pick,
    rate_label,
    tender_label,
)
from app.errors import NotFound
from app.models import (
    Account,
    Member,
    Merchant,
    Payment,
    Sale,
    SaleLine,
    Staff,
    Store,
    Terminal,
    Transfer,
)

KIND_TITLES = {
    "sale": ("销售小票", "SALES RECEIPT"),
    "refund": ("退货", "REFUND"),
    "void": ("作废", "VOID"),
}
FOOTER_SALE = (
    ("谢谢惠顾，欢迎再次光临", "Thank you, please come again"),
    ("退货请出示本小票（扫码）", "Show this QR code for returns"),
)
FOOTER_RETURN = (
    ("退款凭证，请妥善保管", "Refund slip: please keep it"),
)


@dataclass(frozen=True)
class ReceiptLine:
    name: str
    name_en: str
    measure: str  # unit | g
    quantity: int  # units, or grams
    unit_price: int  # per unit, or per kg
    gross: int
    discount: int
    total: int
    tax_rate_bp: int

    @property
    def weighed(self) -> bool:
        return self.measure == "g"

    @property
    def quantity_text(self) -> str:
        """'3' or '1.234 kg'."""
        if self.weighed:
            kg, g = divmod(self.quantity, 1000)
            return f"{kg}.{g:03d} kg"
        return str(self.quantity)


@dataclass(frozen=True)
class ReceiptTax:
    rate_bp: int
    total: int  # tax-inclusive amount at this rate
    tax: int


@dataclass(frozen=True)
class ReceiptPayment:
    tender: str  # cash | card | points | qr | coupon
    amount: int  # applied (or, on a refund, paid back)
    tendered: int  # cash handed over
    change: int
    points: int
    reference: str


@dataclass(frozen=True)
class ReceiptMember:
    number_masked: str
    phone_masked: str
    name_masked: str
    points_earned: int  # on a refund: points taken back
    points_spent: int  # on a refund: points given back
    balance: int  # right after this transaction


@dataclass(frozen=True)
class Receipt:
    kind: str  # sale | refund | void
    receipt_no: str
    original_receipt_no: str
    merchant_name: str
    store_name: str
    store_name_en: str
    store_address: str
    terminal_code: str
    cashier_name: str
    approved_by_name: str
    currency: str
    timezone: str
    time_local: datetime  # aware, in the store's zone
    member: ReceiptMember | None
    lines: tuple[ReceiptLine, ...]
    item_count: int
    subtotal: int
    discount: int
    total: int
    tax: int
    change: int
    tax_by_rate: tuple[ReceiptTax, ...]
    payments: tuple[ReceiptPayment, ...]
    footer: tuple[tuple[str, str], ...]  # (中文, English) lines
    qr_payload: str  # the receipt number: scanning it finds the sale for a refund

    @property
    def is_return(self) -> bool:
        return self.kind in ("refund", "void")

    def title(self, language: str = "zh_CN") -> str:
        zh, en = KIND_TITLES.get(self.kind, (self.kind, self.kind))
        return pick(language, zh, en)

    @property
    def time_text(self) -> str:
        return self.time_local.strftime(TIME_FORMAT)


def mask_phone(phone: str) -> str:
    """13800138000 → 138****8000."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_number(number: str) -> str:
    """A member or card number → only its last four digits shown."""
    return "*" * max(0, len(number) - 4) + number[-4:]


def mask_name(name: str) -> str:
    """刘洋 → 刘*; Alex Wang → A*** W***."""
    if not name:
        return ""
    if " " in name.strip():
        return " ".join(w[0] + "*" * (len(w) - 1) for w in name.split() if w)
    return name[0] + "*" * max(1, len(name) - 1)


def _balance_after(member_id: int, sale: Sale) -> int:
    """The member's points balance right after ``sale``: Σ of the account's entries up to the
    last one this sale (or refund) posted, so a reprint next month shows what the first print
    showed. The sale's entries are found by their idempotency keys (``sale:<uuid>:earn`` …
    from checkout, ``refund:<uuid>:earn`` … from refunds)."""
    account = Account.get_or_none(Account.owner_key == f"member:{member_id}")
    if account is None:
        return 0
    mine = (Transfer.debit == account.id) | (Transfer.credit == account.id)
    prefix = "sale" if sale.kind == "sale" else "refund"
    keys = [f"{prefix}:{sale.client_uuid}:{part}" for part in ("earn", "spend")]
    last_id = Transfer.select(pw.fn.MAX(Transfer.id)).where(
        mine & Transfer.idempotency_key.in_(keys)).scalar()
    upto = (Transfer.id <= last_id) if last_id else (Transfer.created_at <= sale.created_at)
    signed = pw.Case(None, [(Transfer.credit == account.id, Transfer.amount)],
                     Transfer.amount * -1)
    value = Transfer.select(pw.fn.SUM(signed)).where(mine & upto).scalar()
    return int(value or 0)


def build_receipt(sale_id: int) -> Receipt:
    """Everything a receipt shows for one sale, refund or void."""
    sale = Sale.get_or_none(Sale.id == sale_id)
    if sale is None:
        raise NotFound("receipt.unknown_sale", "no sale {sale_id}", sale_id=sale_id)
    store = Store.get_by_id(sale.store_id)
    merchant = Merchant.get_by_id(sale.merchant_id)
    terminal = Terminal.get_by_id(sale.terminal_id)
    cashier = Staff.get_by_id(sale.cashier_id)
    approver = Staff.get_by_id(sale.approved_by_id) if sale.approved_by_id else None
    original = Sale.get_by_id(sale.original_id).receipt_no if sale.original_id else ""
    tz = store_timezone(store)

    lines = tuple(
        ReceiptLine(ln.name, ln.name_en, ln.measure, ln.quantity, ln.unit_price, ln.gross,
                    ln.discount, ln.total, ln.tax_rate_bp)
        for ln in SaleLine.select().where(SaleLine.sale == sale.id).order_by(SaleLine.line_no)
    )
    rates: dict[int, list[int]] = {}
    for ln in SaleLine.select(SaleLine.tax_rate_bp, SaleLine.total, SaleLine.tax).where(
            SaleLine.sale == sale.id):
        acc = rates.setdefault(ln.tax_rate_bp, [0, 0])
        acc[0] += ln.total
        acc[1] += ln.tax
    payments = tuple(
        ReceiptPayment(p.tender, p.amount, p.tendered,
                       p.tendered - p.amount if p.tender == "cash" else 0, p.points, p.reference)
        for p in Payment.select().where(Payment.sale == sale.id).order_by(Payment.id)
    )

    member = None
    if sale.member_id is not None:
        m = Member.get_by_id(sale.member_id)
        member = ReceiptMember(
            number_masked=mask_number(m.number), phone_masked=mask_phone(m.phone),
            name_masked=mask_name(m.name), points_earned=sale.points_earned,
            points_spent=sale.points_spent, balance=_balance_after(m.id, sale),
        )

    is_return = sale.kind in ("refund", "void")
    return Receipt(
        kind=sale.kind,
        receipt_no=sale.receipt_no,
        original_receipt_no=original,
        merchant_name=merchant.name,
        store_name=store.name,
        store_name_en=store.name_en,
        store_address=store.address,
        terminal_code=terminal.code,
        cashier_name=cashier.name,
        approved_by_name=approver.name if approver else "",
        currency=store.currency,
        timezone=tz,
        time_local=to_store_time(sale.created_at, tz),
        member=member,
        lines=lines,
        item_count=sum(1 if ln.weighed else ln.quantity for ln in lines),
        subtotal=sale.subtotal,
        discount=sale.discount,
        total=sale.total,
        tax=sale.tax,
        change=sale.change,
        tax_by_rate=tuple(ReceiptTax(r, t, x) for r, (t, x) in sorted(rates.items())),
        payments=payments,
        footer=FOOTER_RETURN if is_return else FOOTER_SALE,
        qr_payload=sale.receipt_no,
    )


# -- rendering ---------------------------------------------------------------------------------
def receipt_ops(receipt: Receipt, language: str = "zh_CN", *,
                open_drawer: bool = False) -> list[dict[str, Any]]:
    """The receipt as print operations (shared by the printer job and the PDF), every label
    and product name in ``language`` ("zh_CN" or "en")."""
    lang = check_language(language)
    sign = -1 if receipt.is_return else 1

    def t(zh: str, en: str) -> str:
        return pick(lang, zh, en)

    def m(minor: int) -> str:
        return money(sign * minor, receipt.currency)

    b = OpsBuilder()
    if open_drawer:
        b.drawer()  # first, so the drawer opens while the receipt prints
    b.text(name_in(lang, receipt.store_name, receipt.store_name_en), align="center", bold=True,
           double=True)
    if lang == "zh_CN" and receipt.store_name_en:
        b.text(receipt.store_name_en, align="center")
    if receipt.store_address:
        b.text(receipt.store_address, align="center")
    if receipt.is_return:
        b.feed(1)
        b.text(receipt.title(lang), align="center", bold=True, double=True)
        if receipt.original_receipt_no:
            b.row(t("原小票", "Original"), receipt.original_receipt_no)
    b.rule()
    b.row(t("小票号", "Receipt"), receipt.receipt_no)
    b.row(t("时间", "Time"), receipt.time_text)
    b.row(t("收银台", "Till"), receipt.terminal_code)
    b.row(t("收银员", "Cashier"), receipt.cashier_name)
    if receipt.approved_by_name:
        b.row(t("批准", "Approved by"), receipt.approved_by_name)
    b.rule()
    for ln in receipt.lines:
        b.text(name_in(lang, ln.name, ln.name_en))
        per = "/kg" if ln.weighed else ""
        detail = f"  {ln.quantity_text} × {money(ln.unit_price, receipt.currency)}{per}"
        b.row(detail, m(ln.gross))
        if ln.discount:
            b.row("  " + t("优惠", "Discount"), m(-ln.discount))
    b.rule()
    b.row(t("件数", "Items"), str(receipt.item_count))
    b.row(t("小计", "Subtotal"), m(receipt.subtotal))
    if receipt.discount:
        b.row(t("优惠", "Discount"), m(-receipt.discount))
    total_label = (t("退款合计", "REFUND TOTAL") if receipt.is_return else t("合计", "TOTAL"))
    b.row(total_label, m(receipt.total), bold=True)
    for tax in receipt.tax_by_rate:
        b.row("  " + t("含税", "Tax incl.") + f" {rate_label(tax.rate_bp)}", m(tax.tax))
    b.rule()
    for p in receipt.payments:
        if p.tender == "points_shortfall":
            # Refunded points the member had already spent, kept back from the money.
            b.row(t("扣除已用积分", "Points already spent") + f" ({p.points})",
                  money(p.amount, receipt.currency))
            continue
        label = tender_label(p.tender, lang)
        if receipt.is_return:
            label = t("退回", "Back to") + " " + label
        if p.tender == "points" and p.points:
            label += f" ({p.points})"
        if p.tender in ("card", "qr") and p.reference:
            label += f" #{p.reference[-6:]}"
        b.row(label, m(p.amount))
        if p.tender == "cash" and not receipt.is_return and p.tendered != p.amount:
            b.row("  " + t("实收", "Tendered"), money(p.tendered, receipt.currency))
    if receipt.change:
        b.row(t("找零", "Change"), money(receipt.change, receipt.currency), bold=True)
    if receipt.member is not None:
        mem = receipt.member
        b.rule()
        b.row(t("会员", "Member"), f"{mem.name_masked} {mem.phone_masked}".strip())
        if receipt.is_return:
            if mem.points_earned:
                b.row(t("扣回积分", "Points taken back"), f"-{mem.points_earned}")
            if mem.points_spent:
                b.row(t("退回积分", "Points returned"), f"+{mem.points_spent}")
        else:
            b.row(t("本次积分", "Points earned"), f"+{mem.points_earned}")
            if mem.points_spent:
                b.row(t("使用积分", "Points used"), f"-{mem.points_spent}")
        b.row(t("积分余额", "Points balance"), str(mem.balance), bold=True)
    b.rule()
    b.qr(receipt.qr_payload, size=6)
    b.text(receipt.receipt_no, align="center")
    for zh, en in receipt.footer:
        b.text(t(zh, en), align="center")
    b.feed(3)
    b.cut()
    return b.ops


def receipt_print_job(receipt: Receipt, paper_mm: int = 80, language: str = "zh_CN", *,
                      open_drawer: bool = False) -> dict[str, Any]:
    """The plain print job the receipt printer renders (see ``app.documents``)."""
    b = OpsBuilder()
    b.ops = receipt_ops(receipt, language, open_drawer=open_drawer)
    return b.job(f"receipt:{receipt.receipt_no}", paper_mm)


def receipt_pdf(receipt: Receipt, path: str | Path, paper_mm: int = 80,
                language: str = "zh_CN") -> Path:
    """The receipt as a roll-shaped PDF, 80 mm wide by default."""
    from app.documents.pdf import render_roll_pdf

    title = f"{receipt.title(language)} {receipt.receipt_no}"
    return render_roll_pdf(receipt_ops(receipt, language), path, paper_mm, title=title)


__all__ = [
    "Receipt", "ReceiptLine", "ReceiptMember", "ReceiptPayment", "ReceiptTax",
    "build_receipt", "receipt_ops", "receipt_pdf", "receipt_print_job",
]
