"""Refunds and voids of committed sales, with manager approval, exact points reversal, audit.

A refund is itself a Sale row (kind 'refund' or 'void', positive amounts, lines pointing at
the lines they return). Points the sale earned are taken back; if the member already spent
some of them, the shortfall is deducted from the money refunded at the point value and shown
to the cashier, so a balance never goes negative. Points the sale was paid with come back as
lots keeping their original issuers and expiry.

The money goes back the way it came: card to the same card (the cashier enters the card
terminal's refund reference), QR to the wallet through its provider when the provider can,
cash in cash — split in proportion to what each tender still has to give back, so partial
refunds add up exactly to the sale. A manager may choose all cash instead; the choice is in the
audit entry. ``preview_refund`` shows the split before anyone approves.

Coupons: the refund that returns the last of a sale gives back the coupons the sale used that
are still valid (their redemption is undone by a conditional update, audited as
``coupon_restore``); a coupon tender's share is then not paid in money. A partial refund gives
no coupon back and pays nothing for a still-valid coupon's share either (the coupon comes back
whole when the rest of the sale is returned). A coupon past its validity is not restored: its
share goes back in cash, as before coupons could be restored. A discount coupon has no share:
its lines were sold for less and are refunded at what was paid.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime

import peewee as pw

from app import approvals, audit, coupons, ledger, payments, scope
from app.approvals import Approval
from app.checkout import TillContext, find_sale, lock_open_shift, next_receipt_no
from app.clock import utcnow
from app.db import lock_row, write_tx
from app.errors import IdempotencyConflict, NotFound, PermissionDenied, ValidationError
from app.messaging import notices
from app.models import (
    AuditEntry,
    Coupon,
    Member,
    Payment,
    Sale,
    SaleLine,
    Shift,
    Staff,
    Terminal,
)
from app.money import format_money
from app.points_rules import point_value_minor
from app.rewards import wallet

CART_ACTIONS = ("line_void", "cart_void", "discount", "price_override")
# What a manager may choose instead of the original tenders.
REFUND_CHOICES = ("cash",)
# Tenders money can go back through; a coupon's share comes back as the coupon, is kept, or
# (the coupon expired) goes back in cash.
MONEY_BACK = ("cash", "card", "qr", "wallet")


@dataclass(frozen=True)
class RefundableLine:
    line_id: int
    name: str
    quantity: int  # still refundable (units or grams)
    measure: str
    total: int  # money still refundable on this line
    sold: int = 0  # quantity on the original sale
    name_en: str = ""


@dataclass(frozen=True)
class RefundTender:
    """Money going back through one tender."""

    tender: str  # cash | card | qr
    amount: int
    reference: str = ""  # the original card approval code / QR payment reference
    refund_reference: str = ""  # the card terminal's or the wallet's refund reference


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
    tenders: tuple[RefundTender, ...] = ()  # money_back, tender by tender
    refund_to: str = ""  # "" = by the original tenders; "cash" = the manager chose cash
    coupons_restored: tuple[str, ...] = ()  # codes of the coupons given back
    coupon_value: int = 0  # coupon tenders' share: given back as the coupon, or kept

    def amount_to(self, tender: str) -> int:
        return sum(t.amount for t in self.tenders if t.tender == tender)


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
                                      line.total - total, line.quantity, line.name_en or ""))
    return out


def _portion(whole: int, already: int, qty: int, remaining_before: int, line_qty: int) -> int:
    """The share of ``whole`` for ``qty`` of ``line_qty``; the last piece takes what is left,
    so refunding a line in parts adds up to exactly the line."""
    if qty == remaining_before:
        return whole - already
    return whole * qty // line_qty


def request_hash(kind: str, sale_id: int, lines: dict[int, int] | None,
                 terminal_id: int, refund_to: str | None = None) -> str:
    """The fingerprint of a refund request: a client UUID replayed with another payload is
    refused instead of answered with the first refund."""
    payload = {
        "kind": kind,
        "sale": int(sale_id),
        "lines": None if lines is None else sorted([int(k), v] for k, v in lines.items()),
        "terminal": int(terminal_id),
    }
    if refund_to:  # absent when by the original tenders: earlier fingerprints still match
        payload["refund_to"] = refund_to
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
    refund_to: str | None = None,
    card_references: dict[str, str] | None = None,
) -> RefundResult:
    """Refund ``lines`` ({original line id: quantity}) of a sale, or everything left if None.

    The money goes back by the original tenders unless ``refund_to`` is a manager's choice
    (``"cash"``). ``card_references`` maps each original card approval code to the card
    terminal's refund reference (required for a refund, recorded for a void when given).
    Safe to call again with the same ``client_uuid`` and payload (the first result comes back,
    ``replayed``), also from another till racing this one."""
    _check_choice(refund_to)
    fingerprint = request_hash(kind, sale_id, lines, ctx.terminal_id, refund_to)
    if (done := find_sale(client_uuid)) is not None:
        return _replay(done, kind, fingerprint)
    try:
        with write_tx():
            here, cashier, original = _checked_original(sale_id, ctx)
            if (done := find_sale(client_uuid)) is not None:  # the racer with our key won
                return _replay(done, kind, fingerprint)
            approver = approvals.consume(
                approval, action=kind, target=approvals.sale_target(original.id),
                requester_id=cashier.id, merchant_id=here.merchant_id,
                used_by=f"{kind} of {original.receipt_no}")
            if (kind == "void" and original.shift_id is not None
                    and original.shift_id != ctx.shift_id):
                raise ValidationError("refund.void_other_shift",
                                      "a sale can only be voided in the shift that made it")
            plan = _plan(original, lines)
            return _commit_refund(original, plan, ctx, approver, client_uuid, kind, fingerprint,
                                  refund_to, card_references or {}, preview=False)
    except pw.IntegrityError:
        # The same key committed on another connection between our checks and our insert.
        done = find_sale(client_uuid)
        if done is None:
            raise
        return _replay(done, kind, fingerprint)


class _Preview(Exception):
    """Carries a preview's result out of its transaction, which is rolled back."""

    def __init__(self, result: RefundResult) -> None:
        super().__init__()
        self.result = result


def preview_refund(sale_id: int, lines: dict[int, int] | None, ctx: TillContext, *,
                   kind: str = "refund", refund_to: str | None = None) -> RefundResult:
    """What ``refund`` would pay back, tender by tender, if it committed now — for the cashier
    and the manager to see before approving. The same code runs and its transaction is rolled
    back, so the figures cannot drift from the real refund's."""
    _check_choice(refund_to)
    try:
        with write_tx():
            _, _, original = _checked_original(sale_id, ctx)
            plan = _plan(original, lines)
            raise _Preview(_commit_refund(original, plan, ctx, None, str(uuid.uuid4()), kind,
                                          "", refund_to, {}, preview=True))
    except _Preview as done:
        return done.result


def _check_choice(refund_to: str | None) -> None:
    if refund_to and refund_to not in REFUND_CHOICES:
        raise ValidationError("refund.bad_choice",
                              "a refund goes back by the original tenders or in {choices}",
                              choices=", ".join(REFUND_CHOICES))


def _checked_original(sale_id: int, ctx: TillContext) -> tuple[scope.Scope, Staff, Sale]:
    here = scope.of_terminal(ctx.terminal_id)
    cashier = Staff.get_by_id(ctx.cashier_id)
    here.check_staff(cashier)
    # The one locking pattern: hold the original sale until commit, so a second
    # refund of it (another till, same instant) reads what this one refunded.
    original = lock_row(Sale, sale_id)
    if original is None or original.kind != "sale":
        raise NotFound("refund.no_sale", "only a completed sale can be refunded")
    here.check_refund(original)
    return here, cashier, original


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


def _commit_refund(original, plan, ctx, approver_id, client_uuid, kind, fingerprint,  # type: ignore[no-untyped-def]
                   refund_to, card_references, *, preview) -> RefundResult:
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

    now = utcnow()
    finishing = _finishes(original, plan)
    split = split_by_tenders(money_back, _still_to_give_back(original))
    split, coupon_value = _coupon_shares(split, now)
    if refund_to:
        # Wallet money is converted points: it goes back to the wallet whatever the manager
        # chooses for the rest, so a refund never turns points into cash.
        split = _wallet_stays(split)
    money_back -= coupon_value
    tenders = _route(split)
    if not preview:
        _check_card_references(tenders, card_references, kind)
    refund_sale = Sale.create(
        client_uuid=uuid.UUID(client_uuid), request_hash=fingerprint, kind=kind,
        original=original,
        receipt_no=next_receipt_no(terminal), merchant=original.merchant_id,
        store=original.store_id, terminal=terminal, shift=ctx.shift_id, cashier=ctx.cashier_id,
        approved_by=approver_id, member=original.member_id, created_at=now,
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
    if not preview:
        tenders = [_pay_back(t, card_references, refund_sale, terminal, client_uuid)
                   for t in tenders]
    payments_rows = [{"sale": refund_sale.id, "tender": t.tender, "amount": t.amount,
                      "tendered": t.amount, "points": 0, "reference": t.reference}
                     for t in tenders]
    if not payments_rows:  # a refund wholly in points still records its (zero) money line
        payments_rows.append({"sale": refund_sale.id, "tender": "cash", "amount": 0,
                              "tendered": 0, "points": 0, "reference": ""})
    if restored:
        ledger.restore_spend(ledger.existing(f"sale:{original.client_uuid}:spend"), restored,
                             key=f"refund:{client_uuid}:spend", reason="refund", ctx=lctx)
        payments_rows.append({"sale": refund_sale.id, "tender": "points",
                              "amount": restored * value, "tendered": 0, "points": restored,
                              "reference": ""})
    if coupon_value:  # not money: the coupon comes back, or its share is kept
        payments_rows.append({"sale": refund_sale.id, "tender": "coupon",
                              "amount": coupon_value, "tendered": 0, "points": 0,
                              "reference": ""})
    if deduction:
        payments_rows.append({"sale": refund_sale.id, "tender": "points_shortfall",
                              "amount": deduction, "tendered": 0, "points": shortfall,
                              "reference": ""})
    Payment.insert_many(payments_rows).execute()
    restored_codes: list[str] = []
    if finishing:
        for coupon in coupons.restore(original.id, now):
            restored_codes.append(coupon.code)
            if not preview:
                audit.record("coupon_restore", actor=ctx.cashier_id, approver=approver_id,
                             terminal=terminal, target=coupon.code, sale=original.receipt_no,
                             refund_receipt=refund_sale.receipt_no)
    main = _main_tender(tenders)
    if not preview and original.member_id is not None and (reversed_points or restored):
        notices.queue_balance_change(Member.get_by_id(original.member_id),
                                     f"refund:{client_uuid}:balance", restored - reversed_points,
                                     f"{original.merchant.name} {refund_sale.receipt_no}")
    if not preview:
        audit.record(kind, actor=ctx.cashier_id, approver=approver_id, terminal=terminal,
                     target=original.receipt_no, refund_receipt=refund_sale.receipt_no,
                     total=total, money_back=money_back, tender=main,
                     refund_to=refund_to or "original tenders",
                     tenders=[[t.tender, t.amount, t.reference, t.refund_reference]
                              for t in tenders],
                     coupons_restored=restored_codes, coupon_value=coupon_value)
    return RefundResult(refund_sale.id, refund_sale.receipt_no, money_back, main,
                        reversed_points, shortfall, deduction, restored,
                        tenders=tuple(tenders), refund_to=refund_to or "",
                        coupons_restored=tuple(restored_codes), coupon_value=coupon_value)


def _finishes(original: Sale, plan: list[tuple]) -> bool:
    """Whether this refund returns everything still left on the sale."""
    wanted = {line.id: qty for line, qty, *_ in plan}
    return all(wanted.get(ln.line_id) == ln.quantity for ln in refundable_lines(original.id))


def _coupon_shares(split: dict[tuple[str, str], int],
                   now: datetime) -> tuple[dict[tuple[str, str], int], int]:
    """Take the coupon tenders' shares out of ``split``: a still-valid coupon's share is not
    money (the coupon is given back, or kept until the rest is returned); an expired coupon's
    share goes back in cash. Returns the money split and the coupons' share."""
    money: dict[tuple[str, str], int] = {}
    kept = 0
    for (tender, reference), amount in split.items():
        if tender != "coupon":
            money[(tender, reference)] = money.get((tender, reference), 0) + amount
            continue
        coupon = Coupon.get_or_none(Coupon.code == reference)
        if coupon is not None and coupon.valid_until > now:
            kept += amount
        else:
            money[("cash", "")] = money.get(("cash", ""), 0) + amount
    return money, kept


def _still_to_give_back(original: Sale) -> dict[tuple[str, str], int]:
    """What each money tender of ``original`` (keyed by tender and reference) has not yet got
    back from earlier refunds. Cash chosen by a manager earlier counts against cash first."""
    caps: dict[tuple[str, str], int] = {}
    for p in original.payments:
        if p.tender == "points":
            continue
        key = _back_key(p.tender, p.reference)
        caps[key] = caps.get(key, 0) + p.amount
    earlier = (Payment.select(Payment.tender, Payment.reference,
                              pw.fn.SUM(Payment.amount).alias("back"))
               .join(Sale).where((Sale.original == original.id)
                                 & Payment.tender.in_((*MONEY_BACK, "coupon")))
               .group_by(Payment.tender, Payment.reference).tuples())
    coupon_back = 0  # a refund's coupon row is one sum over the sale's coupons
    for tender, reference, back in earlier:
        if tender == "coupon":
            coupon_back += int(back)
            continue
        key = _back_key(tender, reference)
        if key in caps:
            caps[key] = max(0, caps[key] - int(back))
    for key in sorted(k for k in caps if k[0] == "coupon"):
        take = min(coupon_back, caps[key])
        caps[key] -= take
        coupon_back -= take
    return caps


def _wallet_stays(split: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """A split by the original tenders with everything but the wallet's share in cash."""
    wallet_back = split.get(("wallet", ""), 0)
    cash = sum(split.values()) - wallet_back
    out = {("cash", ""): cash} if cash else {}
    if wallet_back:
        out[("wallet", "")] = wallet_back
    return out


def _back_key(tender: str, reference: str) -> tuple[str, str]:
    """Which way a tender's share goes back: its card or QR payment, its coupon, the member's
    wallet, or cash."""
    if tender in ("card", "qr", "coupon"):
        return (tender, reference)
    return ("wallet", "") if tender == "wallet" else ("cash", "")


def split_by_tenders(amount: int, caps: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """Share ``amount`` among tenders in proportion to ``caps`` (largest remainder, ties to
    cash first), never more than a tender's cap; the sum is exactly ``amount``. What the caps
    cannot hold goes back in cash."""
    whole = sum(caps.values())
    if amount >= whole:
        out = {k: v for k, v in caps.items() if v}
        if amount > whole:
            out[("cash", "")] = out.get(("cash", ""), 0) + amount - whole
        return out
    out = {k: amount * v // whole for k, v in caps.items()}
    left = amount - sum(out.values())
    order = sorted(caps, key=lambda k: (-(amount * caps[k] % whole), k[0] != "cash", k))
    for k in order[:left]:
        out[k] += 1
    return {k: v for k, v in out.items() if v}


def _route(split: dict[tuple[str, str], int]) -> list[RefundTender]:
    """The split as tenders: a QR payment whose provider cannot refund goes back in cash."""
    tenders: list[RefundTender] = []
    cash = 0
    for (tender, reference), amount in split.items():
        if tender == "qr" and payments.qr_refunder(reference) is None:
            cash += amount
        elif tender == "cash":
            cash += amount
        else:
            tenders.append(RefundTender(tender, amount, reference))
    if cash:
        tenders.insert(0, RefundTender("cash", cash))
    return tenders


def _check_card_references(tenders: list[RefundTender], references: dict[str, str],
                           kind: str) -> None:
    for t in tenders:
        if t.tender == "card" and kind == "refund" and not references.get(t.reference, "").strip():
            raise ValidationError("refund.card_reference",
                                  "refund {amount} on the card terminal (approval {reference}) "
                                  "and enter its refund reference",
                                  amount=format_money(t.amount), reference=t.reference)


def _pay_back(t: RefundTender, references: dict[str, str], refund_sale: Sale,
              terminal: Terminal, key: str) -> RefundTender:
    """Record the card terminal's refund, or pay a wallet back through its provider (last in
    the transaction, after every check)."""
    if t.tender == "card" and references.get(t.reference, "").strip():
        ref = payments.card_refund_reference(references[t.reference], terminal)
        payments.record_refund("card", payments.CARD_PROVIDER, ref, t.amount, refund_sale,
                               terminal)
        return RefundTender(t.tender, t.amount, t.reference, references[t.reference].strip())
    if t.tender == "qr":
        provider = payments.qr_refunder(t.reference)
        assert provider is not None  # _route sent the others to cash
        ref = provider.refund(t.reference, t.amount, f"refund:{key}")
        payments.record_refund("qr", provider.name, ref, t.amount, refund_sale, terminal)
        return RefundTender(t.tender, t.amount, t.reference, ref)
    if t.tender == "wallet":  # back into the member's stored value, keeping its issuers
        entry = wallet.refund(refund_sale.original, t.amount, refund_sale, f"wallet:refund:{key}")
        return RefundTender(t.tender, t.amount, t.reference, entry.key)
    return t


def _main_tender(tenders: list[RefundTender]) -> str:
    """The tender a one-word summary names: cash when any goes back in cash."""
    if not tenders or any(t.tender == "cash" for t in tenders):
        return "cash"
    return max(tenders, key=lambda t: t.amount).tender


def _result_of(sale: Sale, replayed: bool) -> RefundResult:
    """An earlier refund's result, tender by tender as its audit entry recorded it."""
    pays = list(sale.payments)
    detail: dict = {}
    for entry in AuditEntry.select().where((AuditEntry.action == sale.kind)
                                           & (AuditEntry.target == sale.original.receipt_no)):
        found = json.loads(entry.detail or "{}")
        if found.get("refund_receipt") == sale.receipt_no:
            detail = found
            break
    if "tenders" in detail:
        tenders = tuple(RefundTender(t, int(a), r, rr) for t, a, r, rr in detail["tenders"])
    else:  # refunds from before tender-by-tender refunds
        tenders = tuple(RefundTender(p.tender, p.amount, p.reference)
                        for p in pays if p.tender in MONEY_BACK and p.amount)
    short = next((p for p in pays if p.tender == "points_shortfall"), None)
    chosen = detail.get("refund_to", "")
    return RefundResult(
        sale.id, sale.receipt_no, sum(t.amount for t in tenders), _main_tender(list(tenders)),
        sale.points_earned, short.points if short else 0, short.amount if short else 0,
        sale.points_spent, replayed=replayed, tenders=tenders,
        refund_to="" if chosen in ("", "original tenders") else chosen,
        coupons_restored=tuple(detail.get("coupons_restored", ())),
        coupon_value=int(detail.get("coupon_value", 0)),
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
