"""The points ledger service: awards, spends, reversals, expiry, balances, verification.

Every public function here must run inside a write transaction (``app.db.write_tx``) — the
callers' use cases open one so that a sale, its payments and its points commit together.
Each movement carries an idempotency key; replaying a key returns the first transfer and
changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import peewee as pw

from app.clock import utcnow
from app.errors import InsufficientPoints, ValidationError
from app.models import Account, Lot, LotUse, Member, Merchant, Staff, Terminal, Transfer

HOLDER_KINDS = ("member", "guide")


# -- accounts -------------------------------------------------------------------------------
def _account(kind: str, owner_key: str, **owner: object) -> Account:
    acct = Account.get_or_none(Account.owner_key == owner_key)
    if acct is None:
        try:
            with Account._meta.database.atomic():
                acct = Account.create(kind=kind, owner_key=owner_key, **owner)
        except pw.IntegrityError:  # created concurrently by another terminal
            acct = Account.get(Account.owner_key == owner_key)
    return acct


def member_account(member: Member | int) -> Account:
    mid = member if isinstance(member, int) else member.id
    return _account("member", f"member:{mid}", member=mid)


def guide_account(staff: Staff | int) -> Account:
    sid = staff if isinstance(staff, int) else staff.id
    return _account("guide", f"guide:{sid}", staff=sid)


def issued_account(merchant: Merchant | int) -> Account:
    mid = merchant if isinstance(merchant, int) else merchant.id
    return _account("issued", f"issued:{mid}", merchant=mid)


def redeemed_account(merchant: Merchant | int) -> Account:
    mid = merchant if isinstance(merchant, int) else merchant.id
    return _account("redeemed", f"redeemed:{mid}", merchant=mid)


def breakage_account() -> Account:
    return _account("breakage", "breakage")


def adjustment_account() -> Account:
    return _account("adjustment", "adjustment")


def balance(member: Member | int) -> int:
    """A member's points balance (the cached sum of the account's entries)."""
    mid = member if isinstance(member, int) else member.id
    value = Account.select(Account.balance).where(Account.owner_key == f"member:{mid}").scalar()
    return int(value or 0)


def entries_balance(account: Account) -> int:
    """Σ credits − Σ debits of the account, computed from the entries themselves."""
    credits = Transfer.select(pw.fn.COALESCE(pw.fn.SUM(Transfer.amount), 0)).where(
        Transfer.credit == account
    ).scalar()
    debits = Transfer.select(pw.fn.COALESCE(pw.fn.SUM(Transfer.amount), 0)).where(
        Transfer.debit == account
    ).scalar()
    return int(credits) - int(debits)


# -- posting --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Context:
    """Who and where a movement happened: recorded on every transfer."""

    merchant: Merchant | int | None = None
    terminal: Terminal | int | None = None
    staff: Staff | int | None = None
    source_ref: str = ""


def existing(key: str) -> Transfer | None:
    return Transfer.get_or_none(Transfer.idempotency_key == key)


def _post(
    debit: Account,
    credit: Account,
    amount: int,
    *,
    key: str,
    reason: str,
    source: str,
    ctx: Context,
    reverses: Transfer | None = None,
) -> Transfer:
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise ValidationError(f"points must be a positive whole number, got {amount!r}")
    # Touch holder accounts in id order so two transactions never wait on each other in a cycle.
    for acct, delta in sorted(((debit, -amount), (credit, amount)), key=lambda p: p[0].id):
        if acct.kind not in HOLDER_KINDS:
            continue
        query = Account.update(balance=Account.balance + delta).where(Account.id == acct.id)
        if delta < 0:
            query = query.where(Account.balance >= -delta)
        if query.execute() != 1:
            raise InsufficientPoints(f"not enough points: {amount} needed")
    return Transfer.create(
        idempotency_key=key,
        debit=debit,
        credit=credit,
        amount=amount,
        reason=reason,
        source=source,
        source_ref=ctx.source_ref,
        merchant=ctx.merchant,
        terminal=ctx.terminal,
        staff=ctx.staff,
        reverses=reverses,
    )


def award(
    holder: Account,
    issuer: Merchant,
    points: int,
    *,
    key: str,
    reason: str,
    source: str,
    ctx: Context = Context(),
    expires_at: datetime | None = None,
) -> Transfer:
    """Issuer's points go to a member or guide as a new lot: issuer.issued → holder."""
    if (found := existing(key)) is not None:
        return found
    if holder.kind not in HOLDER_KINDS:
        raise ValidationError("points can only be awarded to a member or a guide")
    now = utcnow()
    transfer = _post(issued_account(issuer), holder, points, key=key, reason=reason,
                     source=source, ctx=ctx)
    Lot.create(
        account=holder,
        issuer=issuer,
        transfer=transfer,
        points=points,
        remaining=points,
        awarded_at=now,
        expires_at=expires_at or now + timedelta(days=issuer.points_validity_days),
    )
    return transfer


def _take_from_lot(lot: Lot, want: int) -> int:
    """Take up to ``want`` from a lot with a conditional update; returns what was taken."""
    while want > 0:
        take = min(want, lot.remaining)
        if take <= 0:
            return 0
        rows = (
            Lot.update(remaining=Lot.remaining - take)
            .where((Lot.id == lot.id) & (Lot.remaining >= take))
            .execute()
        )
        if rows == 1:
            return take
        lot = Lot.get_by_id(lot.id)  # someone else took some: look again
    return 0


def _consume(
    holder: Account, transfer: Transfer, points: int, acceptor: Merchant | None,
    lots: list[Lot],
) -> None:
    need = points
    for lot in lots:
        if need == 0:
            break
        taken = _take_from_lot(lot, need)
        if taken:
            LotUse.create(transfer=transfer, lot=lot, issuer=lot.issuer_id, acceptor=acceptor,
                          amount=taken)
            need -= taken
    if need:
        # The account balance said yes but the lots say no: refuse, roll the whole thing back.
        raise InsufficientPoints(f"lots of account {holder.id} hold {points - need} < {points}")


def _open_lots(holder: Account) -> list[Lot]:
    return list(
        Lot.select()
        .where((Lot.account == holder) & (Lot.remaining > 0) & Lot.expired_at.is_null())
        .order_by(Lot.expires_at, Lot.id)
    )


def spend(
    holder: Account,
    acceptor: Merchant,
    points: int,
    *,
    key: str,
    reason: str,
    source: str,
    ctx: Context = Context(),
) -> Transfer:
    """Points paid at ``acceptor``: holder → acceptor.redeemed, consuming lots oldest-expiry
    first and recording how much of each issuer's points the acceptor took."""
    if (found := existing(key)) is not None:
        return found
    transfer = _post(holder, redeemed_account(acceptor), points, key=key, reason=reason,
                     source=source, ctx=ctx)
    _consume(holder, transfer, points, acceptor, _open_lots(holder))
    return transfer


def reverse_award(
    original: Transfer, points: int, *, key: str, reason: str, ctx: Context = Context()
) -> tuple[Transfer | None, int]:
    """Take back up to ``points`` of an award (a refund). Only what is still left of the
    award's own lot can come back; returns (transfer or None, shortfall in points)."""
    if (found := existing(key)) is not None:
        return found, points - found.amount
    lot = Lot.get(Lot.transfer == original)
    available = min(points, lot.remaining)
    if available <= 0:
        return None, points
    holder = Account.get_by_id(lot.account_id)
    transfer = _post(holder, issued_account(lot.issuer_id), available, key=key, reason=reason,
                     source="refund", ctx=ctx, reverses=original)
    _consume(holder, transfer, available, None, [lot])
    return transfer, points - available


def restore_spend(
    original: Transfer, points: int, *, key: str, reason: str, ctx: Context = Context()
) -> Transfer | None:
    """Give back up to ``points`` of a spend (refund of a sale paid with points): new lots
    keeping the original lots' issuers and expiry. Never gives back more than was spent."""
    if (found := existing(key)) is not None:
        return found
    uses = list(LotUse.select().where(LotUse.transfer == original).order_by(LotUse.id.desc()))
    plan: list[tuple[LotUse, int]] = []
    left = points
    for use in uses:
        already = Lot.select(pw.fn.COALESCE(pw.fn.SUM(Lot.points), 0)).where(
            Lot.restored_from == use.id
        ).scalar()
        give = min(left, use.amount - int(already))
        if give > 0:
            plan.append((use, give))
            left -= give
        if left == 0:
            break
    total = points - left
    if total <= 0:
        return None
    holder = Account.get_by_id(original.debit_id)
    acceptor_account = Account.get_by_id(original.credit_id)
    transfer = _post(acceptor_account, holder, total, key=key, reason=reason, source="refund",
                     ctx=ctx, reverses=original)
    for use, give in plan:
        lot = Lot.get_by_id(use.lot_id)
        Lot.create(account=holder, issuer=lot.issuer_id, transfer=transfer, points=give,
                   remaining=give, expires_at=lot.expires_at,
                   restored_from=use.id)
    return transfer


def expire_lots(now: datetime | None = None, ctx: Context = Context()) -> int:
    """Move every expired lot's unspent remainder to breakage, once. Returns points expired."""
    now = now or utcnow()
    expired = 0
    due = Lot.select().where((Lot.expires_at <= now) & Lot.expired_at.is_null())
    for lot in list(due):
        key = f"expire:lot:{lot.id}"
        if lot.remaining > 0 and existing(key) is None:
            holder = Account.get_by_id(lot.account_id)
            transfer = _post(holder, breakage_account(), lot.remaining, key=key,
                             reason="points expired", source="expiry", ctx=ctx)
            _consume(holder, transfer, lot.remaining, None, [lot])
            expired += transfer.amount
        Lot.update(expired_at=now).where((Lot.id == lot.id) & Lot.expired_at.is_null()).execute()
    return expired


def adjust(
    holder: Account, points: int, *, key: str, reason: str, issuer: Merchant,
    ctx: Context = Context(),
) -> Transfer:
    """An operator's audited correction: positive adds a lot from ``issuer``, negative takes
    points back to the adjustment account."""
    if not reason.strip():
        raise ValidationError("a manual adjustment needs a reason")
    if points > 0:
        return award(holder, issuer, points, key=key, reason=reason, source="adjustment", ctx=ctx)
    if (found := existing(key)) is not None:
        return found
    transfer = _post(holder, adjustment_account(), -points, key=key, reason=reason,
                     source="adjustment", ctx=ctx)
    _consume(holder, transfer, -points, None, _open_lots(holder))
    return transfer


# -- checks ---------------------------------------------------------------------------------
def verify() -> list[str]:
    """Check the ledger's invariants; returns a list of problems (empty when all is well)."""
    problems: list[str] = []
    total = 0
    for acct in Account.select():
        summed = entries_balance(acct)
        total += summed
        if acct.kind in HOLDER_KINDS:
            if summed != acct.balance:
                problems.append(f"account {acct.owner_key}: cached {acct.balance} ≠ entries {summed}")
            if summed < 0:
                problems.append(f"account {acct.owner_key} is negative: {summed}")
            lots = Lot.select(pw.fn.COALESCE(pw.fn.SUM(Lot.remaining), 0)).where(
                Lot.account == acct
            ).scalar()
            if int(lots) != summed:
                problems.append(f"account {acct.owner_key}: lots hold {lots} ≠ balance {summed}")
    if total != 0:
        problems.append(f"Σ of all balances is {total}, not 0")
    bad_lots = Lot.select().where((Lot.remaining < 0) | (Lot.remaining > Lot.points)).count()
    if bad_lots:
        problems.append(f"{bad_lots} lots have a remainder outside 0..points")
    return problems
