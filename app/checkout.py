"""Committing a sale: lines, split tender, points earned and spent, outbox — one transaction.

The domain decides: the cart is re-priced from the catalogue (app.pricing), discounts above
the store's limit and every price override consume a manager's approval, and each coupon, QR
or card tender is checked against its record — all inside the sale's transaction. A coupon of
a discount offer is priced into its lines here (app.coupons), never taken from the till.

Idempotent by the cart's client UUID with a fingerprint of the request: committing the same
cart twice (a double tap, a retry after a timeout) yields one sale and returns it both times;
the same key with other lines, discounts, tenders or member is an IdempotencyConflict.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, replace

import peewee as pw

from app import approvals, audit, coupons, fixed_sql, ledger, payments
from app.cart import Cart, discount_needs_approval
from app.catalogue import Catalogue
from app.clock import utcnow
from app.db import is_sqlite, write_tx
from app.errors import (
    IdempotencyConflict,
    InsufficientFunds,
    InsufficientPoints,
    NotFound,
    PatronError,
    PermissionDenied,
    ValidationError,
)
from app.loyalty.rules import EARN_KNOWN_SQL, EarnKnown, earn_for_cart, tier_percent_of
from app.messaging import notices
from app.models import (
    Account,
    Coupon,
    Member,
    Merchant,
    Payment,
    Sale,
    SaleLine,
    Store,
    Terminal,
)
from app.money import format_money
from app.points_rules import POINT_VALUE_KEY, point_value_of
from app.pricing import price_cart
from app.rewards import wallet

TENDERS = ("cash", "card", "points", "qr", "coupon", "wallet")


@dataclass(frozen=True)
class Tender:
    kind: str
    # value applied (card, qr); for cash: what the customer handed over. A coupon's value
    # comes from its record, never from here.
    amount: int = 0
    points: int = 0  # for kind == "points"
    reference: str = ""  # card terminal approval code, QR payment reference, coupon code


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
    wallet_value: int = 0  # money paid from the stored-value wallet (converted points)


def plan_tenders(total: int, tenders: list[Tender], point_value: int) -> TenderPlan:
    """Non-cash tenders apply first and may not exceed what is due (a coupon worth more
    than is due covers what is due); cash covers the rest and gives change. Raises
    ValidationError when the tenders do not cover the total."""
    due = total
    applied: list[tuple[Tender, int]] = []
    cash: list[Tender] = []
    points_value = 0
    wallet_value = 0
    for t in tenders:
        if t.kind not in TENDERS:
            raise ValidationError("tender.unknown", "unknown tender {kind}", kind=repr(t.kind))
        if t.amount < 0 or t.points < 0:
            raise ValidationError("tender.negative", "a tender cannot be negative")
        if t.kind == "cash":
            cash.append(t)
            continue
        value = t.points * point_value if t.kind == "points" else t.amount
        if t.kind == "coupon":
            value = min(value, due)
        if value <= 0:  # a zero payment would be a record that pays nothing
            raise ValidationError("tender.zero", "a {kind} payment must be more than zero",
                                  kind=t.kind)
        if value > due:
            raise ValidationError("tender.over_due", "{kind} pays {value} but only {due} is due",
                                  kind=t.kind, value=format_money(value), due=format_money(due))
        if t.kind == "card" and not t.reference.strip():
            raise ValidationError("tender.card_code", "enter the card terminal's approval code")
        applied.append((t, value))
        due -= value
        if t.kind == "points":
            points_value += value
        if t.kind == "wallet":
            wallet_value += value
    handed = sum(t.amount for t in cash)
    if handed < due:
        raise ValidationError("tender.short", "{amount} still to pay",
                              amount=format_money(due - handed))
    if cash:
        applied.append((Tender("cash", handed), due))
    return TenderPlan(applied, handed - due, points_value, wallet_value)


def request_hash(cart: Cart, tenders: list[Tender]) -> str:
    """SHA-256 of what the till asked for: lines as scanned (product, label, quantity,
    discount, asked price when overridden), cart discount, member and tenders. Display
    prices are not part of it: they are the catalogue's to decide."""
    request = {
        "lines": [[ln.product.id, ln.barcode, ln.quantity, ln.line_discount,
                   ln.unit_price if ln.price_overridden else None] for ln in cart.lines],
        "cart_discount": cart.cart_discount,
        "member": cart.member_id,
        "tenders": [[t.kind, t.amount, t.points, t.reference] for t in tenders],
    }
    canonical = json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _result(sale: Sale, replayed: bool, balance: int | None = None) -> SaleResult:
    """``balance``: the member's balance when the caller has just learnt it."""
    if balance is None and sale.member_id:
        balance = ledger.balance(sale.member_id)
    return SaleResult(
        sale_id=sale.id, receipt_no=sale.receipt_no, total=sale.total, tax=sale.tax,
        change=sale.change, points_earned=sale.points_earned, points_spent=sale.points_spent,
        member_balance=balance, replayed=replayed,
    )


def _replay(sale: Sale, fingerprint: str) -> SaleResult:
    """The sale already committed under this key: returned as is when the request is the
    same; a different request under a used key is refused, never silently dropped."""
    if sale.kind != "sale" or (sale.request_hash and sale.request_hash != fingerprint):
        raise IdempotencyConflict(
            "sale.key_reused",
            "this cart was already paid as receipt {receipt_no} with other items or payments; "
            "the new cart was not sold", receipt_no=sale.receipt_no)
    return _result(sale, replayed=True)


_NEXT_SEQ = ("UPDATE terminal SET next_receipt_seq = next_receipt_seq + 1 WHERE id = ? "
             "RETURNING next_receipt_seq - 1 AS seq")
# ``receipt_no`` below in SQL (PostgreSQL), for the statement that allocates and inserts.
_RECEIPT_NO_SQL = ("(SELECT ?::text || '-' || CASE WHEN r.seq < 1000000 "
                   "THEN lpad(r.seq::text, 6, '0') ELSE r.seq::text END FROM r)")


def next_receipt_no(terminal: Terminal) -> str:
    """Allocate the terminal's next receipt number inside the current transaction."""
    return receipt_no(terminal.code, fixed_sql.execute(_NEXT_SEQ, (terminal.id,)).fetchone()[0])


def receipt_no(terminal_code: str, seq: int) -> str:
    return f"{terminal_code}-{seq:06d}"


def _insert_sale(values: dict, terminal: Terminal) -> tuple[int, str]:
    """Allocate the receipt number and insert the sale (``values`` without its receipt
    number): (sale id, receipt number). On PostgreSQL one statement does both."""
    if is_sqlite():
        number = next_receipt_no(terminal)
        return fixed_sql.insert(Sale, [{**values, "receipt_no": number}], returning_id=True), number
    text, params = fixed_sql.insert_statement(Sale, [{**values, "receipt_no": ""}])
    # The receipt number's placeholder becomes its allocation (a data-modifying CTE).
    at = [f.name for f in fixed_sql.fields(Sale) if not isinstance(f, pw.AutoField)].index(
        "receipt_no")
    parts = text.split("?")
    text = (f"WITH r AS ({_NEXT_SEQ}) " + "?".join(parts[:at + 1]) + _RECEIPT_NO_SQL
            + "?".join(parts[at + 1:]) + " RETURNING id, receipt_no")
    params[at] = terminal.code
    return fixed_sql.execute(text, (terminal.id, *params)).fetchone()


def lock_open_shift(shift_id: int) -> None:
    """Refuse a closed shift, and hold its row until commit so a concurrent close (on
    PostgreSQL) waits for this sale instead of fixing the expected cash without it."""
    touched = fixed_sql.execute("UPDATE shift SET opening_float = opening_float WHERE id = ? "
                                "AND closed_at IS NULL", (shift_id,)).rowcount
    if touched != 1:
        raise ValidationError("shift.closed", "this shift is closed; open a new shift to sell")


def find_sale(client_uuid: str) -> Sale | None:
    return Sale.get_or_none(Sale.client_uuid == uuid.UUID(str(client_uuid)))


def checkout(cart: Cart, tenders: list[Tender], ctx: TillContext) -> SaleResult:
    """Commit ``cart`` paid by ``tenders``. Safe to call again with the same cart."""
    fingerprint = request_hash(cart, tenders)
    if not cart.lines:  # (a sale always has lines: an empty cart cannot be a replay)
        raise ValidationError("cart.empty", "the cart is empty")
    try:
        with write_tx():
            done = _commit(cart, tenders, fingerprint, ctx)
    except (pw.IntegrityError, PatronError) as exc:
        # The same cart committed concurrently on another connection: its approvals, coupons
        # and payments are now used, or its key is taken. The loser gets that sale back.
        existing = find_sale(cart.client_uuid)
        if existing is None:
            coupons.record_refusal(exc, ctx.terminal_id)  # after the rollback: it must stay
            raise
        return _replay(existing, fingerprint)
    if done is None:  # committed before under this key (a double tap, a retry after a timeout)
        return _replay(find_sale(cart.client_uuid), fingerprint)
    return done


def _consume_cart_approvals(cart: Cart, priced: Cart, store: Store, ctx: TillContext) -> None:
    """Every price override and every discount above the store's limit uses one manager
    approval given for this cart; each is consumed here, in the sale's transaction."""
    limit = store.discount_limit_bp
    needs: list[tuple[str, dict]] = []
    for n, line in enumerate(priced.lines, start=1):
        if line.price_overridden:
            needs.append(("price_override", {"line": n, "product": line.product.sku,
                                             "list_price": line.product.price,
                                             "new_price": line.unit_price}))
        if discount_needs_approval(line.line_discount, line.gross, limit):
            needs.append(("discount", {"scope": "line", "line": n, "product": line.product.sku,
                                       "amount": line.line_discount, "gross": line.gross}))
    base = sum(line.net for line in priced.lines)
    if discount_needs_approval(priced.cart_discount, base, limit):
        needs.append(("discount", {"scope": "cart", "amount": priced.cart_discount,
                                   "base": base}))
    held = {action: [a for a in cart.approvals if a.action == action]
            for action in ("discount", "price_override")}
    for action, detail in needs:
        approval = held[action].pop() if held[action] else None
        approver = approvals.consume(approval, action=action, target=cart.approval_target,
                                     requester_id=ctx.cashier_id, merchant_id=store.merchant_id,
                                     used_by=f"sale:{cart.client_uuid}")
        audit.record(action, actor=ctx.cashier_id, approver=approver, terminal=ctx.terminal_id,
                     target=cart.approval_target, **detail)


def _discount_lines(priced: Cart, info: coupons.CouponInfo) -> None:
    """Take a discount coupon's value off the lines it is for (its product, or any line),
    largest line first, never below zero nor below what the cart discount needs."""
    matching = [i for i, ln in enumerate(priced.lines)
                if info.product_id is None or ln.product.id == info.product_id]
    left = min(info.value, sum(ln.net for ln in priced.lines) - priced.cart_discount)
    if not matching or left <= 0:
        raise ValidationError("coupon.no_product", "this coupon takes {value} off {product}; "
                              "add it to the sale first", value=format_money(info.value),
                              product=info.product_name or "a product")
    for i in sorted(matching, key=lambda i: -priced.lines[i].net):
        line = priced.lines[i]
        take = min(left, line.net)
        priced.lines[i] = replace(line, line_discount=line.line_discount + take)
        left -= take


@dataclass(frozen=True)
class _Place:
    """Everything a sale's commit reads before deciding, from one statement."""

    store: Store
    terminal: Terminal
    merchant: Merchant
    member: Member | None
    replay: bool  # a sale under the cart's key is already committed
    member_account: int | None  # the member's points account (None: none yet)
    issued_account: int | None  # the merchant's issued-points account (None: none yet)
    tier_pct: int  # the member's tier multiplier at this merchant (app.loyalty.rules)
    point_value: int  # what a point pays (app.points_rules)
    earn_known: EarnKnown  # whether the merchant has earning rules, promotions at all


_PLACE_MODELS = ((Store, "s"), (Terminal, "t"), (Merchant, "m"), (Member, "mem"))


def _place(cart: Cart, ctx: TillContext) -> _Place | None:
    """The store, terminal, merchant and member of a sale with its replay check, the two
    accounts its points move between, the member's tier multiplier, the point's value and
    whether the merchant has earning rules or promotions at all: one round trip instead of up
    to eleven queries. None when the store or the terminal does not exist."""
    row = fixed_sql.execute(
        "SELECT " + ", ".join(fixed_sql.columns(model, alias) for model, alias in _PLACE_MODELS)
        + ", (SELECT x.id FROM sale x WHERE x.client_uuid = ?), "
        "(SELECT a.id FROM account a WHERE a.owner_key = 'member:' || mem.id), "
        "(SELECT a.id FROM account a WHERE a.owner_key = 'issued:' || m.id), "
        "(SELECT tm.percent FROM tier_multiplier tm WHERE tm.merchant_id = m.id "
        "AND tm.tier = mem.tier), (SELECT v.value FROM setting v WHERE v.\"key\" = ?), "
        + EARN_KNOWN_SQL + " FROM store s JOIN merchant m ON m.id = s.merchant_id CROSS JOIN terminal t "
        "LEFT JOIN member mem ON mem.id = ? WHERE s.id = ? AND t.id = ?",
        (Sale.client_uuid.db_value(cart.client_uuid), POINT_VALUE_KEY, cart.member_id,
         ctx.store_id, ctx.terminal_id)).fetchone()
    if row is None:
        return None
    found = []
    at = 0
    for model, _alias in _PLACE_MODELS:
        width = len(fixed_sql.fields(model))
        found.append(fixed_sql.instance(model, row[at:at + width]))
        at += width
    replay, member_account, issued_account, tier_pct, point_value, has_rules, has_promos = (
        row[at:])
    member = found[3]
    return _Place(*found, replay is not None, member_account, issued_account,
                  tier_percent_of(member.tier if member else None, tier_pct),
                  point_value_of(point_value), EarnKnown(bool(has_rules), bool(has_promos)))


def _commit(cart: Cart, tenders: list[Tender], fingerprint: str,
            ctx: TillContext) -> SaleResult | None:
    """The sale, or None when the cart's key was already used (the caller replays it).

    The statements are fixed ones (app.fixed_sql) where the sale's path meets them: building
    queries with peewee cost more client time than the database spent answering them."""
    place = _place(cart, ctx)
    if place is None:  # an unknown store or terminal: the model's own DoesNotExist
        Store.get_by_id(ctx.store_id)
        Terminal.get_by_id(ctx.terminal_id)
    if place.replay:
        return None
    store, terminal, merchant, member = place.store, place.terminal, place.merchant, place.member
    if not (terminal.active and store.active and merchant.active):
        # Deactivated in the back office while this till was open (e.g. a stolen till).
        raise PermissionDenied("sale.terminal_inactive",
                               "terminal “{terminal}”, its store or its merchant is deactivated "
                               "in the back office; this till can sell no more",
                               terminal=terminal.code)
    if ctx.shift_id is not None:
        lock_open_shift(ctx.shift_id)
    if cart.member_id is not None and member is None:
        raise NotFound("sale.member_gone", "the member on this sale no longer exists")
    priced = price_cart(cart, Catalogue(store))
    _consume_cart_approvals(cart, priced, store, ctx)
    # Coupons are checked against their records here, in the sale's transaction: a tender
    # coupon pays its offer's face value, a discount coupon is priced into its lines (the
    # merchant's own offer, so no discount approval is asked for it).
    claimed: list[Coupon] = []
    valued: list[Tender] = []
    for t in tenders:
        if t.kind == "coupon":
            coupon, info = coupons.check(t.reference, member, merchant, ctx.terminal_id)
            if coupon in claimed:
                raise ValidationError("coupon.twice", "a coupon can be used once on a sale")
            claimed.append(coupon)
            if info.kind == coupons.DISCOUNT:
                _discount_lines(priced, info)
                continue
            t = replace(t, amount=info.value, reference=info.code)  # its value, not the client's
        valued.append(t)
    totals = priced.totals()
    if totals.total <= 0 and not valued:
        valued = [Tender("cash", 0)]
    plan = plan_tenders(totals.total, valued, place.point_value)
    points_spent = sum(t.points for t, _ in plan.applied if t.kind == "points")
    if points_spent and member is None:
        raise ValidationError("sale.points_need_member",
                              "identify the member before paying with points")
    if points_spent and points_spent > (held := ledger.balance(member)):
        raise InsufficientPoints("points.insufficient",
                                 "the member holds {held} points, not {wanted}",
                                 held=held, wanted=points_spent)
    if plan.wallet_value and member is None:
        raise ValidationError("sale.wallet_needs_member",
                              "identify the member before paying from their wallet")
    if plan.wallet_value and plan.wallet_value > (funds := wallet.balance(member)):
        raise InsufficientFunds("wallet.insufficient", "the wallet holds {held}, not {wanted}",
                                held=format_money(funds), wanted=format_money(plan.wallet_value))
    now = utcnow()
    # The domain decides the points from its own prices and rules (app.loyalty.rules).
    line_points = (
        # Wallet money is converted points: it earns nothing, like points themselves.
        earn_for_cart(merchant, store, member.tier, now, priced,
                      plan.points_value + plan.wallet_value, place.tier_pct,
                      place.earn_known).per_line
        if member is not None
        else [0] * len(priced.lines)
    )
    values = dict(
        client_uuid=uuid.UUID(cart.client_uuid), request_hash=fingerprint, kind="sale",
        merchant=merchant.id, store=store.id,
        terminal=terminal.id, shift=ctx.shift_id, cashier=ctx.cashier_id,
        member=member.id if member is not None else None, created_at=now,
        subtotal=totals.subtotal, discount=totals.discount, total=totals.total, tax=totals.tax,
        change=plan.change, points_earned=sum(line_points), points_spent=points_spent,
    )
    sale_id, values["receipt_no"] = _insert_sale(values, terminal)
    sale = Sale(id=sale_id, **values)
    # The sale's rows and the coupons' claims travel together (one round trip on
    # PostgreSQL); each claim goes last in its batch so its row count is the one read.
    writes = [
        fixed_sql.insert_statement(SaleLine, [
            {
                "sale": sale.id, "line_no": i + 1, "product": ln.product.id,
                "name": ln.product.name, "name_en": ln.product.name_en, "barcode": ln.barcode,
                "quantity": ln.quantity, "measure": "g" if ln.weighed else "unit",
                "unit_price": ln.unit_price, "gross": lt.gross, "discount": lt.discount,
                "total": lt.total, "tax_rate_bp": ln.product.tax_rate_bp, "tax": lt.tax,
                "points": pts,
            }
            for i, (ln, lt, pts) in enumerate(
                zip(priced.lines, totals.lines, line_points, strict=True))
        ]),
        fixed_sql.insert_statement(Payment, [
            {"sale": sale.id, "tender": t.kind, "amount": value,
             "tendered": t.amount if t.kind == "cash" else value, "points": t.points,
             "reference": t.reference}
            for t, value in plan.applied
        ]),
    ]
    if member is not None:
        writes.append(("UPDATE member SET last_seen_at = ? WHERE id = ?",
                       (Member.last_seen_at.db_value(now), member.id)))
    for coupon in claimed:
        coupons.claimed(fixed_sql.execute_many([*writes, coupons.claim(coupon, sale)]).rowcount)
        writes = []
    if writes:
        fixed_sql.execute_many(writes)
    for t, value in plan.applied:
        if t.kind == "qr":
            payments.claim_qr(t.reference, value, sale)
        elif t.kind == "card":
            payments.record_card(t.reference, value, sale, terminal)
        elif t.kind == "wallet":
            wallet.pay(member.id, merchant.id, value, sale, key=f"wallet:sale:{cart.client_uuid}")
    balance = None
    if member is not None:
        lctx = ledger.Context(merchant=merchant, terminal=terminal, staff=ctx.cashier_id,
                              source_ref=sale.receipt_no)
        holder = ledger.member_holder(member.id, place.member_account)
        if points_spent:
            ledger.spend(holder, merchant, points_spent, key=f"sale:{cart.client_uuid}:spend",
                         reason=f"paid at {merchant.name}", source="sale", ctx=lctx)
        if sale.points_earned:
            issued = (Account(id=place.issued_account, kind="issued",
                              owner_key=f"issued:{merchant.id}")
                      if place.issued_account is not None else None)
            # The sale's row above took the cart's key, so its earn key is fresh (no probe);
            # the transfer's unique key still guards it. The award returns the balance.
            earned = ledger.award(holder, merchant, sale.points_earned,
                                  key=f"sale:{cart.client_uuid}:earn",
                                  reason=f"purchase at {merchant.name}", source="sale",
                                  ctx=lctx, debit=issued, probe=False)
            balance = ledger.balance_after(earned)
        elif points_spent:
            balance = ledger.balance(member)
        # One balance notice per sale that moved points, queued with the sale (the dispatcher
        # sends it later, off the till's path).
        notices.queue_balance_change(member, f"sale:{cart.client_uuid}:balance",
                                     sale.points_earned - points_spent,
                                     f"{merchant.name} {sale.receipt_no}", balance=balance)
    return _result(sale, replayed=False, balance=balance)
