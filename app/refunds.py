"""Refunds and voids of committed sales, with manager approval, exact points reversal, audit.

A refund is itself a Sale row (kind 'refund' or 'void', positive amounts, lines pointing at
the lines they return). Points the sale earned are taken back; if the member already spent
some of them, the shortfall is deducted from the money refunded at the point value and shown
to the cashier, so a balance never goes negative. Points the sale was paid with come back as
lots keeping their original issuers and expiry.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import peewee as pw

from app import audit, ledger
from app.checkout import TillContext, find_sale, lock_open_shift, next_receipt_no
from app.clock import utcnow
from app.db import write_tx
from app.errors import NotFound, ValidationError
from app.models import Payment, Sale, SaleLine, Staff, Terminal
from app.points_rules import point_value_minor
from app.staff import Approval, require


@dataclass(frozen=True)
class RefundableLine:
    line_id: int
    name: str
    quantity: int  # still refundable (units or grams)
    measure: str
    total: int  # money still refundable on this line


@dataclass(frozen=True)
class RefundResult:
    sale_id: int
    receipt_no: str
    money_back: int  # paid back through `tender`
    tender: str
    points_reversed: int  # earned points taken back
    points_shortfall: int  # earned points already spent, charged as money instead
    shortfall_deduction: int
    points_restored: int  # points the sale was paid with, given back
    replayed: bool = False


def _refunded_so_far(line: SaleLine) -> tuple[int, int, int, int]:
    """(quantity, total, tax, points) already refunded from an original line."""
    row = (
        SaleLine.select(
            pw.fn.COALESCE(pw.fn.SUM(SaleLine.quantity), 0),
            pw.fn.COALESCE(pw.fn.SUM(SaleLine.total), 0),
            pw.fn.COALESCE(pw.fn.SUM(SaleLine.tax), 0),
            pw.fn.COALESCE(pw.fn.SUM(SaleLine.points), 0),
        )
        .where(SaleLine.original_line == line.id)
        .tuples()
        .first()
    )
    return tuple(int(v) for v in row)  # type: ignore[return-value]


def find_by_receipt(receipt_no: str) -> Sale:
    sale = Sale.get_or_none(Sale.receipt_no == receipt_no.strip())
    if sale is None:
        raise NotFound(f"no sale with receipt number {receipt_no}")
    return sale


def refundable_lines(sale_id: int) -> list[RefundableLine]:
    out = []
    for line in SaleLine.select().where(SaleLine.sale == sale_id).order_by(SaleLine.line_no):
        qty, total, _, _ = _refunded_so_far(line)
        if line.quantity - qty > 0:
            out.append(RefundableLine(line.id, line.name, line.quantity - qty, line.measure,
                                      line.total - total))
    return out


def _portion(whole: int, already: int, qty: int, remaining_before: int, line_qty: int) -> int:
    """The share of ``whole`` for ``qty`` of ``line_qty``; the last piece takes what is left,
    so refunding a line in parts adds up to exactly the line."""
    if qty == remaining_before:
        return whole - already
    return whole * qty // line_qty


def refund(
    sale_id: int,
    lines: dict[int, int] | None,
    ctx: TillContext,
    approval: Approval | None,
    client_uuid: str,
    *,
    kind: str = "refund",
) -> RefundResult:
    """Refund ``lines`` ({original line id: quantity}) of a sale, or everything left if None."""
    cashier = Staff.get_by_id(ctx.cashier_id)
    require(approval, kind, cashier)
    if (done := find_sale(client_uuid)) is not None:
        return _result_of(done, replayed=True)
    with write_tx():
        original = Sale.get_or_none(Sale.id == sale_id)
        if original is None or original.kind != "sale":
            raise NotFound("only a completed sale can be refunded")
        if kind == "void" and original.shift_id is not None and original.shift_id != ctx.shift_id:
            raise ValidationError("a sale can only be voided in the shift that made it")
        wanted = lines or {ln.line_id: ln.quantity for ln in refundable_lines(sale_id)}
        if not wanted:
            raise ValidationError("everything on this sale has already been refunded")
        plan = []
        for line_id, qty in wanted.items():
            line = SaleLine.get_or_none((SaleLine.id == line_id) & (SaleLine.sale == sale_id))
            if line is None:
                raise NotFound(f"line {line_id} is not on sale {original.receipt_no}")
            if not isinstance(qty, int) or qty <= 0:
                raise ValidationError("a refund quantity must be a positive whole number")
            done_qty, done_total, done_tax, done_points = _refunded_so_far(line)
            remaining = line.quantity - done_qty
            if qty > remaining:
                raise ValidationError(f"only {remaining} of {line.name} can still be refunded")
            plan.append((line, qty,
                         _portion(line.total, done_total, qty, remaining, line.quantity),
                         _portion(line.tax, done_tax, qty, remaining, line.quantity),
                         _portion(line.points, done_points, qty, remaining, line.quantity),
                         _portion(line.gross, 0, qty, line.quantity + 1, line.quantity)))
        return _commit_refund(original, plan, ctx, approval, client_uuid, kind)


def _commit_refund(original, plan, ctx, approval, client_uuid, kind) -> RefundResult:  # type: ignore[no-untyped-def]
    terminal = Terminal.get_by_id(ctx.terminal_id)
    if ctx.shift_id is not None:
        lock_open_shift(ctx.shift_id)
    total = sum(p[2] for p in plan)
    points_to_reverse = sum(p[4] for p in plan)
    value = point_value_minor()
    lctx = ledger.Context(merchant=original.merchant_id, terminal=terminal, staff=ctx.cashier_id,
                          source_ref=original.receipt_no)

    # Points the sale was paid with come back in proportion to the money refunded.
    restored = 0
    spend = ledger.existing(f"sale:{original.client_uuid}:spend")
    if spend is not None and original.total > 0:
        refunded_before = Sale.select(pw.fn.COALESCE(pw.fn.SUM(Sale.total), 0)).where(
            Sale.original == original
        ).scalar()
        already = Payment.select(pw.fn.COALESCE(pw.fn.SUM(Payment.points), 0)).join(Sale).where(
            (Sale.original == original) & (Payment.tender == "points")
        ).scalar()
        due = original.points_spent * (int(refunded_before) + total) // original.total
        restored = max(0, min(due - int(already), total // value if value else 0))
    # Earned points go back; what the member already spent is charged as money.
    reversed_points, shortfall = 0, 0
    earn = ledger.existing(f"sale:{original.client_uuid}:earn")
    if earn is not None and points_to_reverse:
        t, shortfall = ledger.reverse_award(
            earn, points_to_reverse, key=f"refund:{client_uuid}:earn", reason="refund", ctx=lctx)
        reversed_points = t.amount if t else 0
    deduction = min(shortfall * value, total - restored * value)
    money_back = total - restored * value - deduction

    tenders = {p.tender: p.amount for p in original.payments if p.tender != "points"}
    tender = "cash" if "cash" in tenders or not tenders else max(tenders, key=tenders.get)
    refund_sale = Sale.create(
        client_uuid=uuid.UUID(client_uuid), kind=kind, original=original,
        receipt_no=next_receipt_no(terminal), merchant=original.merchant_id,
        store=original.store_id, terminal=terminal, shift=ctx.shift_id, cashier=ctx.cashier_id,
        approved_by=approval.approver_id, member=original.member_id, created_at=utcnow(),
        subtotal=sum(p[5] for p in plan), discount=sum(p[5] for p in plan) - total, total=total,
        tax=sum(p[3] for p in plan),
        # On a refund row: points taken back, and points given back.
        points_earned=reversed_points, points_spent=restored,
    )
    SaleLine.insert_many([
        {"sale": refund_sale.id, "line_no": i + 1, "product": line.product_id,
         "original_line": line.id, "name": line.name, "name_en": line.name_en,
         "barcode": line.barcode, "quantity": qty, "measure": line.measure,
         "unit_price": line.unit_price, "gross": gross, "discount": gross - money,
         "total": money, "tax_rate_bp": line.tax_rate_bp, "tax": tax, "points": points}
        for i, (line, qty, money, tax, points, gross) in enumerate(plan)
    ]).execute()
    payments = [{"sale": refund_sale.id, "tender": tender, "amount": money_back,
                 "tendered": money_back, "points": 0, "reference": ""}]
    if restored:
        ledger.restore_spend(ledger.existing(f"sale:{original.client_uuid}:spend"), restored,
                             key=f"refund:{client_uuid}:spend", reason="refund", ctx=lctx)
        payments.append({"sale": refund_sale.id, "tender": "points", "amount": restored * value,
                         "tendered": 0, "points": restored, "reference": ""})
    if deduction:
        payments.append({"sale": refund_sale.id, "tender": "points_shortfall", "amount": deduction,
                         "tendered": 0, "points": shortfall, "reference": ""})
    Payment.insert_many(payments).execute()
    audit.record(kind, actor=ctx.cashier_id, approver=approval.approver_id, terminal=terminal,
                 target=original.receipt_no, refund_receipt=refund_sale.receipt_no,
                 total=total, money_back=money_back, tender=tender)
    return RefundResult(refund_sale.id, refund_sale.receipt_no, money_back, tender,
                        reversed_points, shortfall, deduction, restored)


def _result_of(sale: Sale, replayed: bool) -> RefundResult:
    pays = {p.tender: p for p in sale.payments}
    back = next((p for t, p in pays.items() if t not in ("points", "points_shortfall")), None)
    short = pays.get("points_shortfall")
    return RefundResult(
        sale.id, sale.receipt_no, back.amount if back else 0, back.tender if back else "cash",
        sale.points_earned, short.points if short else 0, short.amount if short else 0,
        sale.points_spent, replayed=replayed,
    )


def void_sale(sale_id: int, ctx: TillContext, approval: Approval | None,
              client_uuid: str) -> RefundResult:
    """Cancel a whole sale of this shift (a mistake caught at the till)."""
    return refund(sale_id, None, ctx, approval, client_uuid, kind="void")


def no_sale(ctx: TillContext, approval: Approval | None, reason: str = "") -> None:
    """Opening the drawer without a sale: needs approval, leaves an audit row."""
    cashier = Staff.get_by_id(ctx.cashier_id)
    require(approval, "no_sale", cashier)
    with write_tx():
        audit.record("no_sale", actor=cashier, approver=approval.approver_id,
                     terminal=ctx.terminal_id, reason=reason)


def record_cart_action(action: str, ctx: TillContext, approval: Approval | None,
                       **detail: object) -> None:
    """Audit an approved change to an open cart (price override, line void, big discount)."""
    cashier = Staff.get_by_id(ctx.cashier_id)
    require(approval, action, cashier)
    with write_tx():
        audit.record(action, actor=cashier, approver=approval.approver_id,
                     terminal=ctx.terminal_id, **detail)
