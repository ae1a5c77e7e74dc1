"""Shifts: opening float, closing count, X and Z reports.

A terminal has at most one open shift. The guarantee holds across terminals and connections:
``open_shift`` first writes the terminal's row inside its write transaction (SQLite: the
IMMEDIATE transaction already serialises writers; PostgreSQL: the row lock makes a second
opener wait for the first to commit, then see its shift), and closing is a conditional
``UPDATE … WHERE closed_at IS NULL`` whose row count decides who closed it.

Figures come from SQL aggregates grouped in the database (sales by kind, lines by tax rate,
payments by tender, lines by product), never from Python loops over rows; a Z report over a
million sale lines stays within the 2 s budget on SQLite (``bench/bench_reports.py``).

Sign conventions: sales, refunds and voids are stored with positive amounts and a ``kind``.
Reports show each kind's own totals, and *net* figures = sales − refunds − voids. Cash in the
drawer = opening float + cash kept on sales (handed over − change) − cash paid back on refunds
and voids.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

import peewee as pw

from app import approvals, audit
from app.approvals import Approval
from app.clock import utcnow
from app.db import lock_row, write_tx
from app.documents import store_timezone
from app.errors import NotFound, PermissionDenied, ValidationError
from app.models import (
    Merchant,
    Payment,
    Product,
    Sale,
    SaleLine,
    Shift,
    Staff,
    Store,
    Terminal,
)

# Notes and coins a drawer is counted in, largest first, in minor units.
DENOMINATIONS: dict[str, tuple[int, ...]] = {
    "CNY": (10000, 5000, 2000, 1000, 500, 100, 50, 10),
}
SALE_KINDS = ("sale", "refund", "void")
TOP_LINES = 10


class ShiftAlreadyOpen(ValidationError):
    """The terminal already has an open shift."""


class ShiftClosed(ValidationError):
    """The shift is closed (closing twice, or an X report of a closed shift)."""


# -- report data ------------------------------------------------------------------------------
@dataclass(frozen=True)
class KindTotals:
    """One kind of transaction (sales, refunds or voids) over the shift; amounts positive."""

    count: int = 0
    gross: int = 0  # before discounts
    discount: int = 0
    total: int = 0  # tax-inclusive, after discounts
    tax: int = 0
    items: int = 0  # units sold (a weighed line counts as one item)
    change: int = 0  # change handed back (sales only)
    points_earned: int = 0  # on refunds/voids: points taken back
    points_spent: int = 0  # on refunds/voids: points given back
    member_count: int = 0  # transactions with a member identified


@dataclass(frozen=True)
class TaxRow:
    rate_bp: int
    total: int  # tax-inclusive amount taxed at this rate, net of refunds and voids
    tax: int  # tax included in it

    @property
    def net_of_tax(self) -> int:
        return self.total - self.tax


@dataclass(frozen=True)
class TenderRow:
    tender: str  # cash | card | points | qr | coupon | points_shortfall (refunds only)
    count: int  # payments on sales
    amount: int  # value applied to sales (cash: net of change)
    refund_count: int = 0  # payments back on refunds and voids
    refund_amount: int = 0
    points: int = 0  # points tender: net points taken

    @property
    def net(self) -> int:
        return self.amount - self.refund_amount


@dataclass(frozen=True)
class TopLine:
    product_id: int | None
    name: str
    name_en: str
    measure: str  # unit | g
    quantity: int  # net units, or net grams
    total: int  # net amount


@dataclass(frozen=True)
class CashSummary:
    opening_float: int
    cash_tendered: int  # cash handed over on sales
    change_given: int
    cash_sales: int  # kept from sales: tendered − change
    cash_refunds: int  # paid back on refunds and voids
    expected: int  # float + cash_sales − cash_refunds
    counted: int | None = None  # Z only
    denominations: tuple[tuple[int, int], ...] = ()  # (denomination minor, count), Z only

    @property
    def difference(self) -> int | None:
        """Over (+) or short (−): counted − expected. None until counted."""
        return None if self.counted is None else self.counted - self.expected


@dataclass(frozen=True)
class ShiftReport:
    kind: str  # "X" (mid-shift snapshot) | "Z" (closed shift, final)
    shift_id: int
    z_number: int | None
    merchant_name: str
    store_name: str
    store_name_en: str
    store_address: str
    terminal_code: str
    cashier_name: str
    closed_by_name: str
    currency: str
    timezone: str
    opened_at: datetime  # naive UTC
    closed_at: datetime | None
    generated_at: datetime
    sales: KindTotals
    refunds: KindTotals
    voids: KindTotals
    tax_by_rate: tuple[TaxRow, ...]
    tenders: tuple[TenderRow, ...]
    cash: CashSummary
    first_receipt_no: str = ""
    last_receipt_no: str = ""
    top_lines: tuple[TopLine, ...] = field(default=())
    merchant_name_en: str = ""

    @property
    def gross(self) -> int:
        return self.sales.gross

    @property
    def discounts(self) -> int:
        return self.sales.discount

    @property
    def returns(self) -> int:
        return self.refunds.total + self.voids.total

    @property
    def net(self) -> int:
        """Sales after discounts, less refunds and voids (tax-inclusive)."""
        return self.sales.total - self.returns

    @property
    def tax(self) -> int:
        return self.sales.tax - self.refunds.tax - self.voids.tax

    @property
    def points_earned(self) -> int:
        return self.sales.points_earned - self.refunds.points_earned - self.voids.points_earned

    @property
    def points_spent(self) -> int:
        return self.sales.points_spent - self.refunds.points_spent - self.voids.points_spent

    @property
    def transaction_count(self) -> int:
        return self.sales.count + self.refunds.count + self.voids.count


# -- helpers ---------------------------------------------------------------------------------
def _int(value: object) -> int:
    """SQL sums come back as int (SQLite) or Decimal (PostgreSQL SUM(bigint)); both exact."""
    return 0 if value is None else int(value)  # type: ignore[call-overload]


def _shift(shift: Shift | int) -> Shift:
    sid = shift if isinstance(shift, int) else shift.id
    found = Shift.get_or_none(Shift.id == sid)
    if found is None:
        raise NotFound("shift.unknown", "no shift {shift}", shift=sid)
    return found


def _terminal_id(terminal: Terminal | int) -> int:
    return terminal if isinstance(terminal, int) else terminal.id


def _staff(staff: Staff | int) -> Staff:
    sid = staff if isinstance(staff, int) else staff.id
    found = Staff.get_or_none((Staff.id == sid) & (Staff.active == True))  # noqa: E712
    if found is None:
        raise NotFound("staff.unknown", "no active staff member {staff}", staff=sid)
    return found


def count_denominations(counts: Mapping[int | str, int], currency: str = "CNY") -> tuple[
        int, tuple[tuple[int, int], ...]]:
    """Total a drawer count {denomination minor: how many} → (total, normalised counts).

    Denominations must be the currency's notes and coins; counts whole and not negative."""
    allowed = DENOMINATIONS.get(currency)
    normalised: dict[int, int] = {}
    for raw_denom, raw_count in counts.items():
        if isinstance(raw_denom, str) and raw_denom.strip().isdigit():
            denom = int(raw_denom)
        elif isinstance(raw_denom, int) and not isinstance(raw_denom, bool):
            denom = raw_denom
        else:
            raise ValidationError("shift.denomination_format",
                                  "“{denomination}” is not a denomination in minor units",
                                  denomination=str(raw_denom))
        if denom <= 0 or (allowed is not None and denom not in allowed):
            raise ValidationError("shift.denomination_unknown",
                                  "{denomination} is not a {currency} note or coin (minor units)",
                                  denomination=denom, currency=currency)
        if not isinstance(raw_count, int) or isinstance(raw_count, bool) or raw_count < 0:
            raise ValidationError("shift.count_invalid",
                                  "the count of {denomination} must be a whole number ≥ 0",
                                  denomination=denom)
        normalised[denom] = normalised.get(denom, 0) + raw_count
    ordered = tuple(sorted(((d, c) for d, c in normalised.items() if c), reverse=True))
    return sum(d * c for d, c in ordered), ordered


# -- opening and closing ---------------------------------------------------------------------
def current_shift(terminal: Terminal | int) -> Shift | None:
    """The terminal's open shift, if any."""
    return (
        Shift.select()
        .where((Shift.terminal == _terminal_id(terminal)) & Shift.closed_at.is_null())
        .order_by(Shift.id.desc())
        .first()
    )


def open_shift(terminal: Terminal | int, cashier: Staff | int, opening_float: int) -> Shift:
    """Open a shift on ``terminal`` with ``opening_float`` in the drawer.

    Raises ShiftAlreadyOpen if the terminal has an open shift (even one opened a moment ago
    on another connection)."""
    if not isinstance(opening_float, int) or isinstance(opening_float, bool):
        raise ValidationError("shift.float_not_whole",
                              "the opening float must be a whole number of minor units")
    if opening_float < 0:
        raise ValidationError("shift.float_negative", "the opening float cannot be negative")
    tid = _terminal_id(terminal)
    person = _staff(cashier)
    if person.role not in ("cashier", "manager"):
        raise PermissionDenied("shift.role_not_allowed", "{name} cannot run a till (role {role})",
                               name=person.name, role=person.role)
    try:
        with write_tx():
            # Write the terminal's row first: on PostgreSQL this row lock serialises openers
            # of one terminal, so the check below sees any shift a racing opener committed.
            locked = Terminal.update(next_z_seq=Terminal.next_z_seq).where(
                Terminal.id == tid).execute()
            if locked != 1:
                raise NotFound("terminal.unknown", "no terminal {terminal}", terminal=tid)
            store = Store.select(Store.merchant).join(Terminal).where(Terminal.id == tid).get()
            if person.merchant_id is not None and person.merchant_id != store.merchant_id:
                raise PermissionDenied("shift.staff_other_merchant",
                                       "{name} does not work for this store's merchant",
                                       name=person.name)
            existing = current_shift(tid)
            if existing is not None:
                raise ShiftAlreadyOpen(
                    "shift.already_open_since",
                    "this terminal already has an open shift (#{shift}, opened {opened} UTC); "
                    "close it first", shift=existing.id,
                    opened=f"{existing.opened_at:%Y-%m-%d %H:%M}")
            shift = Shift.create(terminal=tid, cashier=person, opened_at=utcnow(),
                                 opening_float=opening_float)
            audit.record("shift_open", actor=person, terminal=tid, target=f"shift:{shift.id}",
                         opening_float=opening_float)
            return shift
    except pw.IntegrityError:
        # A unique index on open shifts per terminal (if the schema has one) caught a race.
        raise ShiftAlreadyOpen("shift.already_open",
                               "this terminal already has an open shift; close it first") from None


def close_shift(
    shift: Shift | int, closed_by: Staff | int, denomination_counts: Mapping[int | str, int],
    approval: Approval | None = None,
) -> Shift:
    """Close ``shift`` with the drawer counted by denomination; allocates the terminal's next
    Z number. Closing a closed shift raises ShiftClosed and changes nothing.

    With ``approval`` (a manager's, for ``shift:<id>``, requested by ``closed_by``), the
    approving manager closes the shift; the approval is used in the closing transaction."""
    row = _shift(shift)
    requester = _staff(closed_by)
    store = Store.select(Store.currency, Store.merchant).join(Terminal).where(
        Terminal.id == row.terminal_id).get()
    counted, ordered = count_denominations(denomination_counts, store.currency)
    now = utcnow()
    with write_tx():
        # The one locking pattern: hold the shift row, so a sale or refund committing into
        # this shift finishes first (its cash counts) or waits and then finds it closed.
        current = lock_row(Shift, row.id)
        if current.closed_at is not None:
            raise ShiftClosed("shift.already_closed", "this shift is already closed (Z {z})",
                              z=current.z_number)
        closer = requester
        if approval is not None:
            closer = _staff(approvals.consume(
                approval, action="shift_close", target=approvals.shift_target(row.id),
                requester_id=requester.id, merchant_id=store.merchant_id,
                used_by=f"close of shift {row.id}"))
        if closer.id != row.cashier_id and not (
                closer.role == "manager" and closer.merchant_id == store.merchant_id):
            raise PermissionDenied("shift.close_not_allowed",
                                   "only the shift's cashier or the store's manager can close it")
        claimed = Shift.update(
            closed_at=now, closed_by=closer, counted_cash=counted,
            denomination_counts=json.dumps({str(d): c for d, c in ordered}),
        ).where((Shift.id == row.id) & Shift.closed_at.is_null()).execute()
        if claimed != 1:
            raise ShiftClosed("shift.already_closed", "this shift is already closed (Z {z})",
                              z=current.z_number)
        cash = _cash_figures(row.id)
        expected = row.opening_float + cash["kept"] - cash["refunded"]
        Terminal.update(next_z_seq=Terminal.next_z_seq + 1).where(
            Terminal.id == row.terminal_id).execute()
        z_number = Terminal.select(Terminal.next_z_seq).where(
            Terminal.id == row.terminal_id).scalar() - 1
        Shift.update(expected_cash=expected, z_number=z_number).where(
            Shift.id == row.id).execute()
        audit.record(
            "shift_close", actor=closer, approver=closer if approval is not None else None,
            terminal=row.terminal_id, target=f"shift:{row.id}",
            z_number=z_number, expected_cash=expected, counted_cash=counted,
            difference=counted - expected, denominations={str(d): c for d, c in ordered},
            requested_by=requester.id,
        )
    return _shift(row.id)


# -- aggregates ------------------------------------------------------------------------------
def _cash_figures(shift_id: int) -> dict[str, int]:
    """Cash kept from sales and paid back on refunds/voids, summed in the database."""
    is_sale = pw.Case(None, [(Sale.kind == "sale", 1)], 0)
    kept, tendered, refunded = (
        Payment.select(
            pw.fn.SUM(Payment.amount * is_sale),
            pw.fn.SUM(Payment.tendered * is_sale),
            pw.fn.SUM(Payment.amount * (1 - is_sale)),
        )
        .join(Sale)
        .where((Sale.shift == shift_id) & (Payment.tender == "cash"))
        .tuples()
        .get()
    )
    return {"kept": _int(kept), "tendered": _int(tendered), "refunded": _int(refunded)}


def _kind_totals(shift_id: int) -> dict[str, dict[str, object]]:
    rows = (
        Sale.select(
            Sale.kind, pw.fn.COUNT(Sale.id), pw.fn.SUM(Sale.subtotal), pw.fn.SUM(Sale.discount),
            pw.fn.SUM(Sale.total), pw.fn.SUM(Sale.tax), pw.fn.SUM(Sale.change),
            pw.fn.SUM(Sale.points_earned), pw.fn.SUM(Sale.points_spent),
            pw.fn.COUNT(Sale.member), pw.fn.MIN(Sale.receipt_no), pw.fn.MAX(Sale.receipt_no),
        )
        .where(Sale.shift == shift_id)
        .group_by(Sale.kind)
        .tuples()
    )
    out: dict[str, dict[str, object]] = {}
    for kind, n, gross, disc, total, tax, change, earned, spent, members, first, last in rows:
        out[kind] = {
            "count": _int(n), "gross": _int(gross), "discount": _int(disc),
            "total": _int(total), "tax": _int(tax), "change": _int(change),
            "points_earned": _int(earned), "points_spent": _int(spent),
            "member_count": _int(members), "first": first or "", "last": last or "",
        }
    return out


# One sort key for the lines pass: SQLite groups by sorting, and sorting a million rows on a
# single integer is markedly faster than on four columns (two of them text).
_RATE_SPAN = 16384  # tax_rate_bp ≤ 10000 (a CHECK on Product)
_KIND_CODES = {"sale": 0, "refund": 1, "void": 2}


def _line_groups(shift_id: int) -> list[tuple[str, int, int | None, str, int, int, int, int]]:
    """One pass over the shift's lines grouped by (product, tax rate, kind, measure):
    Σ total, Σ tax, Σ quantity, line count. A few thousand groups for a million lines."""
    kind_code = pw.Case(Sale.kind, [("sale", 0), ("refund", 1)], 2)
    product = pw.Cast(pw.fn.COALESCE(SaleLine.product, 0), "BIGINT")
    key = ((product * _RATE_SPAN + SaleLine.tax_rate_bp) * 4 + kind_code) * 2 + pw.Case(
        SaleLine.measure, [("g", 1)], 0)
    rows = (
        SaleLine.select(
            key, pw.fn.SUM(SaleLine.total), pw.fn.SUM(SaleLine.tax),
            pw.fn.SUM(SaleLine.quantity), pw.fn.COUNT(SaleLine.id),
        )
        .join(Sale, on=(SaleLine.sale == Sale.id))
        .where(Sale.shift == shift_id)
        .group_by(pw.SQL("1"))  # by the key: one evaluation per row
        .tuples()
    )
    kinds = {code: kind for kind, code in _KIND_CODES.items()}
    out = []
    for packed, total, tax, qty, count in rows:
        k = int(packed)
        measure = "g" if k & 1 else "unit"
        kind = kinds[(k >> 1) & 3]
        product_id, rate = divmod(k >> 3, _RATE_SPAN)
        out.append((kind, rate, product_id or None, measure, _int(total), _int(tax), _int(qty),
                    _int(count)))
    return out


def _tender_groups(shift_id: int) -> list[tuple[str, str, int, int, int, int]]:
    """(kind, tender, payments, Σ amount, Σ tendered, Σ points)."""
    return [
        (kind, tender, _int(n), _int(amount), _int(tendered), _int(points))
        for kind, tender, n, amount, tendered, points in Payment.select(
            Sale.kind, Payment.tender, pw.fn.COUNT(Payment.id), pw.fn.SUM(Payment.amount),
            pw.fn.SUM(Payment.tendered), pw.fn.SUM(Payment.points),
        )
        .join(Sale)
        .where(Sale.shift == shift_id)
        .group_by(Sale.kind, Payment.tender)
        .tuples()
    ]


def _product_names(product_ids: list[int]) -> dict[int, tuple[str, str]]:
    if not product_ids:
        return {}
    return {
        pid: (name, name_en)
        for pid, name, name_en in Product.select(Product.id, Product.name, Product.name_en)
        .where(Product.id.in_(product_ids))
        .tuples()
    }


def _build_report(row: Shift, kind: str) -> ShiftReport:
    terminal = Terminal.get_by_id(row.terminal_id)
    store = Store.get_by_id(terminal.store_id)
    merchant = Merchant.get_by_id(store.merchant_id)
    cashier = Staff.get_by_id(row.cashier_id)
    closer = Staff.get_by_id(row.closed_by_id) if row.closed_by_id else None

    kinds = _kind_totals(row.id)
    items: dict[str, int] = dict.fromkeys(SALE_KINDS, 0)
    by_rate: dict[int, list[int]] = {}
    by_product: dict[tuple[int | None, str], list[int]] = {}
    for skind, rate, product_id, measure, total, tax, qty, lines in _line_groups(row.id):
        sign = 1 if skind == "sale" else -1
        items[skind] += qty if measure == "unit" else lines
        acc = by_rate.setdefault(rate, [0, 0])
        acc[0] += sign * total
        acc[1] += sign * tax
        prod = by_product.setdefault((product_id, measure), [0, 0])
        prod[0] += sign * qty
        prod[1] += sign * total

    def totals(k: str) -> KindTotals:
        d = kinds.get(k)
        if d is None:
            return KindTotals()
        return KindTotals(
            count=_int(d["count"]), gross=_int(d["gross"]), discount=_int(d["discount"]),
            total=_int(d["total"]), tax=_int(d["tax"]), items=items.get(k, 0),
            change=_int(d["change"]), points_earned=_int(d["points_earned"]),
            points_spent=_int(d["points_spent"]), member_count=_int(d["member_count"]),
        )

    tenders: dict[str, dict[str, int]] = {}
    cash = {"kept": 0, "tendered": 0, "refunded": 0}
    for skind, tender, n, amount, tendered, points in _tender_groups(row.id):
        if tender == "cash":
            if skind == "sale":
                cash["kept"] += amount
                cash["tendered"] += tendered
            else:
                cash["refunded"] += amount
        t = tenders.setdefault(tender, {"count": 0, "amount": 0, "rcount": 0, "ramount": 0,
                                        "points": 0})
        if skind == "sale":
            t["count"] += n
            t["amount"] += amount
            t["points"] += points
        else:
            t["rcount"] += n
            t["ramount"] += amount
            t["points"] -= points
    tender_order = {k: i for i, k in enumerate(
        ("cash", "card", "qr", "points", "wallet", "coupon", "points_shortfall"))}
    tender_rows = tuple(
        TenderRow(k, v["count"], v["amount"], v["rcount"], v["ramount"], v["points"])
        for k, v in sorted(tenders.items(), key=lambda kv: (tender_order.get(kv[0], 99), kv[0]))
    )

    sales_change = _int(kinds.get("sale", {}).get("change"))
    expected_now = row.opening_float + cash["kept"] - cash["refunded"]
    denominations: tuple[tuple[int, int], ...] = ()
    if kind == "Z":
        stored = json.loads(row.denomination_counts or "{}")
        denominations = tuple(sorted(((int(d), int(c)) for d, c in stored.items()),
                                     reverse=True))
    cash_summary = CashSummary(
        opening_float=row.opening_float,
        cash_tendered=cash["tendered"],
        change_given=sales_change,
        cash_sales=cash["kept"],
        cash_refunds=cash["refunded"],
        # A Z report shows what was fixed at closing; an X report, the drawer right now.
        expected=row.expected_cash if kind == "Z" else expected_now,
        counted=row.counted_cash if kind == "Z" else None,
        denominations=denominations,
    )

    ranked = sorted(
        ((pid, measure, qty, total) for (pid, measure), (qty, total) in by_product.items()
         if total > 0),
        key=lambda r: (-r[3], r[0] or 0),
    )[:TOP_LINES]
    names = _product_names([pid for pid, *_ in ranked if pid is not None])
    top = tuple(
        TopLine(pid, *names.get(pid, ("—", "")) if pid is not None else ("—", ""),
                measure, qty, total)
        for pid, measure, qty, total in ranked
    )

    first = [str(kinds[k]["first"]) for k in kinds if kinds[k]["first"]]
    last = [str(kinds[k]["last"]) for k in kinds if kinds[k]["last"]]
    return ShiftReport(
        kind=kind,
        shift_id=row.id,
        z_number=row.z_number if kind == "Z" else None,
        merchant_name=merchant.name,
        merchant_name_en=merchant.name_en,
        store_name=store.name,
        store_name_en=store.name_en,
        store_address=store.address,
        terminal_code=terminal.code,
        cashier_name=cashier.name,
        closed_by_name=closer.name if closer else "",
        currency=store.currency,
        timezone=store_timezone(store),
        opened_at=row.opened_at,
        closed_at=row.closed_at,
        generated_at=utcnow(),
        sales=totals("sale"),
        refunds=totals("refund"),
        voids=totals("void"),
        tax_by_rate=tuple(TaxRow(rate, t, x) for rate, (t, x) in sorted(by_rate.items())),
        tenders=tender_rows,
        cash=cash_summary,
        first_receipt_no=min(first) if first else "",
        last_receipt_no=max(last) if last else "",
        top_lines=top,
    )


def x_report(shift: Shift | int) -> ShiftReport:
    """A mid-shift snapshot of an open shift. Changes nothing."""
    row = _shift(shift)
    if row.closed_at is not None:
        raise ShiftClosed("shift.closed_final", "this shift is closed; its final figures are Z {z}",
                          z=row.z_number)
    return _build_report(row, "X")


def z_report(shift: Shift | int) -> ShiftReport:
    """The closed shift's final report. Idempotent: the counted and expected cash were fixed
    at closing and the shift's sales can no longer change, so every run gives the same
    figures (only ``generated_at`` moves)."""
    row = _shift(shift)
    if row.closed_at is None or row.z_number is None:
        raise ValidationError("shift.still_open",
                              "the shift is still open: close it to get its Z report")
    return _build_report(row, "Z")
