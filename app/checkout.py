"""Committing a sale: lines, split tender, points earned and spent, outbox — one transaction.

Idempotent by the cart's client UUID: committing the same cart twice (a double tap, a retry
after a timeout) yields one sale and returns it both times.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import peewee as pw

from app import ledger, outbox
from app.cart import Cart
from app.clock import utcnow
from app.db import write_tx
from app.errors import InsufficientPoints, NotFound, ValidationError
from app.models import Member, Merchant, Payment, Sale, SaleLine, Shift, Store, Terminal
from app.money import format_money
from app.points_rules import earn_per_line, point_value_minor

TENDERS = ("cash", "card", "points", "qr", "coupon")


@dataclass(frozen=True)
class Tender:
    kind: str
    amount: int = 0  # value applied (card, qr, coupon); for cash: what the customer handed over
    points: int = 0  # for kind == "points"
    reference: str = ""  # card terminal approval code, QR payment id...


@dataclass(frozen=True)
class TillContext:
    """Where and by whom a sale is rung up."""

    store_id: int
    terminal_id: int
    cashier_id: int
    shift_id: int | None = None


@dataclass(frozen=True)
class SaleResult:
    sale_id: int
    receipt_no: str
    total: int
    tax: int
    change: int
    points_earned: int
    points_spent: int
    member_balance: int | None
    replayed: bool = False


@dataclass(frozen=True)
class TenderPlan:
    """How a total is covered: what each tender applies and the change due."""

    applied: list[tuple[Tender, int]]
    change: int
    points_value: int


def plan_tenders(total: int, tenders: list[Tender], point_value: int) -> TenderPlan:
    """Non-cash tenders apply first and may not exceed what is due; cash covers the rest and
    gives change. Raises ValidationError when the tenders do not cover the total."""
    due = total
    applied: list[tuple[Tender, int]] = []
    cash: list[Tender] = []
    points_value = 0
    for t in tenders:
        if t.kind not in TENDERS:
            raise ValidationError(f"unknown tender {t.kind!r}")
        if t.amount < 0 or t.points < 0:
            raise ValidationError("a tender cannot be negative")
        if t.kind == "cash":
            cash.append(t)
            continue
        value = t.points * point_value if t.kind == "points" else t.amount
        if value > due:
            raise ValidationError(
                f"{t.kind} pays {format_money(value)} but only {format_money(due)} is due"
            )
        if t.kind == "card" and not t.reference.strip():
            raise ValidationError("enter the card terminal's approval code")
        applied.append((t, value))
        due -= value
        if t.kind == "points":
            points_value += value
    handed = sum(t.amount for t in cash)
    if handed < due:
        raise ValidationError(f"{format_money(due - handed)} still to pay")
    if cash:
        applied.append((Tender("cash", handed), due))
    return TenderPlan(applied, handed - due, points_value)


def _result(sale: Sale, replayed: bool) -> SaleResult:
    return SaleResult(
        sale_id=sale.id, receipt_no=sale.receipt_no, total=sale.total, tax=sale.tax,
        change=sale.change, points_earned=sale.points_earned, points_spent=sale.points_spent,
        member_balance=ledger.balance(sale.member_id) if sale.member_id else None,
        replayed=replayed,
    )


def next_receipt_no(terminal: Terminal) -> str:
    """Allocate the terminal's next receipt number inside the current transaction."""
    Terminal.update(next_receipt_seq=Terminal.next_receipt_seq + 1).where(
        Terminal.id == terminal.id
    ).execute()
    seq = Terminal.select(Terminal.next_receipt_seq).where(Terminal.id == terminal.id).scalar()
    return f"{terminal.code}-{seq - 1:06d}"


def lock_open_shift(shift_id: int) -> None:
    """Refuse a closed shift, and hold its row until commit so a concurrent close (on
    PostgreSQL) waits for this sale instead of fixing the expected cash without it."""
    touched = Shift.update(opening_float=Shift.opening_float).where(
        (Shift.id == shift_id) & Shift.closed_at.is_null()
    ).execute()
    if touched != 1:
        raise ValidationError("this shift is closed; open a new shift to sell")


def find_sale(client_uuid: str) -> Sale | None:
    return Sale.get_or_none(Sale.client_uuid == uuid.UUID(str(client_uuid)))


def checkout(cart: Cart, tenders: list[Tender], ctx: TillContext) -> SaleResult:
    """Commit ``cart`` paid by ``tenders``. Safe to call again with the same cart."""
    existing = find_sale(cart.client_uuid)
    if existing is not None:
        return _result(existing, replayed=True)
    if not cart.lines:
        raise ValidationError("the cart is empty")
    totals = cart.totals()
    if totals.total <= 0 and not tenders:
        tenders = [Tender("cash", 0)]
    plan = plan_tenders(totals.total, tenders, point_value_minor())
    points_spent = sum(t.points for t, _ in plan.applied if t.kind == "points")
    if points_spent and cart.member_id is None:
        raise ValidationError("identify the member before paying with points")
    if points_spent and points_spent > (held := ledger.balance(cart.member_id)):
        raise InsufficientPoints(f"the member holds {held} points, not {points_spent}")
    try:
        with write_tx():
            return _commit(cart, totals, plan, points_spent, ctx)
    except pw.IntegrityError:
        # The same cart committed concurrently on another connection: return that sale.
        existing = find_sale(cart.client_uuid)
        if existing is None:
            raise
        return _result(existing, replayed=True)


def _commit(cart, totals, plan: TenderPlan, points_spent: int, ctx: TillContext) -> SaleResult:  # type: ignore[no-untyped-def]
    store = Store.get_by_id(ctx.store_id)
    terminal = Terminal.get_by_id(ctx.terminal_id)
    merchant = Merchant.get_by_id(store.merchant_id)
    if ctx.shift_id is not None:
        lock_open_shift(ctx.shift_id)
    member = None
    if cart.member_id is not None:
        member = Member.get_or_none(Member.id == cart.member_id)
        if member is None:
            raise NotFound("the member on this sale no longer exists")
    now = utcnow()
    line_points = (
        earn_per_line(
            merchant, member.tier, now, [t.total for t in totals.lines],
            [ln.product.bonus_points * (1 if ln.weighed else ln.quantity) for ln in cart.lines],
            plan.points_value,
        )
        if member is not None
        else [0] * len(cart.lines)
    )
    sale = Sale.create(
        client_uuid=uuid.UUID(cart.client_uuid), kind="sale", receipt_no=next_receipt_no(terminal),
        merchant=merchant, store=store, terminal=terminal, shift=ctx.shift_id,
        cashier=ctx.cashier_id, member=member, created_at=now, subtotal=totals.subtotal,
        discount=totals.discount, total=totals.total, tax=totals.tax, change=plan.change,
        points_earned=sum(line_points), points_spent=points_spent,
    )
    SaleLine.insert_many([
        {
            "sale": sale.id, "line_no": i + 1, "product": ln.product.id, "name": ln.product.name,
            "name_en": ln.product.name_en, "barcode": ln.barcode, "quantity": ln.quantity,
            "measure": "g" if ln.weighed else "unit", "unit_price": ln.unit_price,
            "gross": lt.gross, "discount": lt.discount, "total": lt.total,
            "tax_rate_bp": ln.product.tax_rate_bp, "tax": lt.tax, "points": pts,
        }
        for i, (ln, lt, pts) in enumerate(zip(cart.lines, totals.lines, line_points, strict=True))
    ]).execute()
    Payment.insert_many([
        {"sale": sale.id, "tender": t.kind, "amount": value,
         "tendered": t.amount if t.kind == "cash" else value, "points": t.points,
         "reference": t.reference}
        for t, value in plan.applied
    ]).execute()
    if member is not None:
        lctx = ledger.Context(merchant=merchant, terminal=terminal, staff=ctx.cashier_id,
                              source_ref=sale.receipt_no)
        holder = ledger.member_account(member)
        if points_spent:
            ledger.spend(holder, merchant, points_spent, key=f"sale:{cart.client_uuid}:spend",
                         reason=f"paid at {merchant.name}", source="sale", ctx=lctx)
        if sale.points_earned:
            ledger.award(holder, merchant, sale.points_earned, key=f"sale:{cart.client_uuid}:earn",
                         reason=f"purchase at {merchant.name}", source="sale", ctx=lctx)
        Member.update(last_seen_at=now).where(Member.id == member.id).execute()
        outbox.enqueue(
            f"sale:{cart.client_uuid}:sms", "sms", member.phone,
            f"{merchant.name}: {format_money(sale.total)}, +{sale.points_earned} points"
            f"{f', -{points_spent} points' if points_spent else ''}; "
            f"balance {ledger.balance(member)}.",
        )
    return _result(sale, replayed=False)
