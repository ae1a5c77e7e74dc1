"""Refunds and voids of committed sales, with manager approval, exact points reversal, audit.

A refund is itself a Sale row (kind 'refund' or 'void', positive amounts, lines pointing at
the lines they return). Points the sale earned are taken back; if the member already spent
some of them, the shortfall is deducted from the money refunded at the point value and shown
to the cashier, so a balance never goes negative. Points the sale was paid with come back as
lots keeping their original issuers and expiry.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass

import peewee as pw

from app import approvals, audit, ledger, scope
from app.approvals import Approval
from app.checkout import TillContext, find_sale, lock_open_shift, next_receipt_no
from app.clock import utcnow
from app.db import lock_row, write_tx
from app.errors import IdempotencyConflict, NotFound, PermissionDenied, ValidationError
from app.models import Payment, Sale, SaleLine, Shift, Staff, Terminal
from app.points_rules import point_value_minor

CART_ACTIONS = ("line_void", "cart_void", "discount", "price_override")


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


def find_by_receipt(receipt_no: str, terminal_id: int) -> Sale:
    """The sale with ``receipt_no``, if the terminal's merchant may see it."""
    sale = scope.of_terminal(terminal_id).sales().where(
        Sale.receipt_no == receipt_no.strip()).first()
    if sale is None:
        # Another merchant's sales stay invisible here; the message says where to go next.
        raise NotFound("refund.no_receipt", "no sale with receipt number {receipt} at this "
                       "merchant; check the number, or refund it at the merchant that sold it",
                       receipt=receipt_no)
    return sale


def refundable_lines(sale_id: int, terminal_id: int | None = None) -> list[RefundableLine]:
    """What is left to refund on a sale; with ``terminal_id``, only a sale it may refund."""
    if terminal_id is not None:
        sale = Sale.get_or_none(Sale.id == sale_id)
        if sale is None:
            raise NotFound("refund.no_sale", "only a completed sale can be refunded")
        scope.of_terminal(terminal_id).check_refund(sale)
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


def request_hash(kind: str, sale_id: int, lines: dict[int, int] | None,
                 terminal_id: int) -> str:
    """The fingerprint of a refund request: a client UUID replayed with another payload is
    refused instead of answered with the first refund."""
    payload = {
        "kind": kind,
        "sale": int(sale_id),
        "lines": None if lines is None else sorted([int(k), v] for k, v in lines.items()),
        "terminal": int(terminal_id),
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(done: Sale, kind: str, fingerprint: str) -> RefundResult:
    """The result of an earlier request with the same client UUID, if it was this request."""
    if done.kind != kind:
        # Sales, refunds and voids have their own key spaces: a sale's key is not a refund.
        raise IdempotencyConflict(
            "refund.key_other_kind",
            "this request key was already used for a {used}, not a {kind}; start again",
            used=done.kind, kind=kind)
    if done.request_hash and done.request_hash != fingerprint:
        raise IdempotencyConflict(
            "refund.key_reused",
            "this {kind} key was already used for receipt {receipt} with other lines; the "
            "first {kind} stands, start a new one", kind=kind, receipt=done.receipt_no)
    return _result_of(done, replayed=True)


def refund(
    sale_id: int,
    lines: dict[int, int] | None,
    ctx: TillContext,
    approval: Approval | None,
    client_uuid: str,
    *,
    kind: str = "refund",
) -> RefundResult:
    """Refund ``lines`` ({original line id: quantity}) of a sale, or everything left if None.

    Safe to call again with the same ``client_uuid`` and payload (the first result comes back,
    ``replayed``), also from another till racing this one."""
    fingerprint = request_hash(kind, sale_id, lines, ctx.terminal_id)
    if (done := find_sale(client_uuid)) is not None:
        return _replay(done, kind, fingerprint)
    try:
        with write_tx():
            here = scope.of_terminal(ctx.terminal_id)
            cashier = Staff.get_by_id(ctx.cashier_id)
            here.check_staff(cashier)
            # The one locking pattern: hold the original sale until commit, so a second
            # refund of it (another till, same instant) reads what this one refunded.
            original = lock_row(Sale, sale_id)
            if original is None or original.kind != "sale":
                raise NotFound("refund.no_sale", "only a completed sale can be refunded")
            if (done := find_sale(client_uuid)) is not None:  # the racer with our key won
                return _replay(done, kind, fingerprint)
            here.check_refund(original)
            approver = approvals.consume(
                approval, action=kind, target=approvals.sale_target(original.id),
                requester_id=cashier.id, merchant_id=here.merchant_id,
                used_by=f"{kind} of {original.receipt_no}")
            if (kind == "void" and original.shift_id is not None
                    and original.shift_id != ctx.shift_id):
                raise ValidationError("refund.void_other_shift",
                                      "a sale can only be voided in the shift that made it")
            plan = _plan(original, lines)
            return _commit_refund(original, plan, ctx, approver, client_uuid, kind, fingerprint)
    except pw.IntegrityError:
        # The same key committed on another connection between our checks and our insert.
        done = find_sale(client_uuid)
        if done is None:
            raise
        return _replay(done, kind, fingerprint)


def _plan(original: Sale, lines: dict[int, int] | None) -> list[tuple]:
    """(line, quantity, total, tax, points, gross) for each line to refund, read under the
    lock on the original sale."""
    left = refundable_lines(original.id)
    if not left:
        raise ValidationError("refund.nothing_left",
                              "everything on this sale has already been refunded")
    wanted = lines or {ln.line_id: ln.quantity for ln in left}
    plan = []
    for line_id, qty in wanted.items():
        line = SaleLine.get_or_none((SaleLine.id == line_id) & (SaleLine.sale == original.id))
        if line is None:
            raise NotFound("refund.no_line", "line {line} is not on sale {receipt}",
                           line=line_id, receipt=original.receipt_no)
        if not isinstance(qty, int) or isinstance(qty, bool) or qty <= 0:
            raise ValidationError("refund.bad_quantity",
                                  "a refund quantity must be a positive whole number")
        done_qty, done_total, done_tax, done_points = _refunded_so_far(line)
        remaining = line.quantity - done_qty
        if qty > remaining:
            raise ValidationError("refund.too_many",
                                  "only {remaining} of {name} can still be refunded",
                                  remaining=remaining, name=line.name)
        plan.append((line, qty,
                     _portion(line.total, done_total, qty, remaining, line.quantity),
                     _portion(line.tax, done_tax, qty, remaining, line.quantity),
                     _portion(line.points, done_points, qty, remaining, line.quantity),
                     _portion(line.gross, 0, qty, line.quantity + 1, line.quantity)))
    return plan


def _commit_refund(original, plan, ctx, approver_id, client_uuid, kind, fingerprint) -> RefundResult:  # type: ignore[no-untyped-def]
    terminal = Terminal.get_by_id(ctx.terminal_id)
    if ctx.shift_id is not None:
        if not Shift.select().where((Shift.id == ctx.shift_id)
                                    & (Shift.terminal == terminal.id)).exists():
            raise PermissionDenied("scope.shift_other_terminal",
                                   "shift {shift} is not this till's shift", shift=ctx.shift_id)
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
        client_uuid=uuid.UUID(client_uuid), request_hash=fingerprint, kind=kind,
        original=original,
        receipt_no=next_receipt_no(terminal), merchant=original.merchant_id,
        store=original.store_id, terminal=terminal, shift=ctx.shift_id, cashier=ctx.cashier_id,
        approved_by=approver_id, member=original.member_id, created_at=utcnow(),
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
    audit.record(kind, actor=ctx.cashier_id, approver=approver_id, terminal=terminal,
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
    """Opening the drawer without a sale: needs an approval for this till, leaves an audit row."""
    approvals.record_approved(approval, action="no_sale",
                              target=approvals.terminal_target(ctx.terminal_id),
                              requester_id=ctx.cashier_id, terminal_id=ctx.terminal_id,
                              reason=reason)


def record_cart_action(action: str, ctx: TillContext, approval: Approval | None,
                       cart_uuid: str, **detail: object) -> None:
    """Audit an approved change to the open cart ``cart_uuid`` (price override, line void,
    big discount, cart void)."""
    if action not in CART_ACTIONS:
        raise ValidationError("approval.unknown_cart_action",
                              "{action} is not a change to a cart", action=action)
    approvals.record_approved(approval, action=action, target=approvals.cart_target(cart_uuid),
                              requester_id=ctx.cashier_id, terminal_id=ctx.terminal_id,
                              **detail)
