"""The points ledger service: awards, spends, reversals, expiry, balances, verification.

Every public function here must run inside a write transaction (``app.db.write_tx``) — the
callers' use cases open one so that a sale, its payments and its points commit together.

Each movement carries an idempotency key in its source's namespace (app.ledger_keys);
replaying a key with the same request returns the first transfer and changes nothing, with a
different request it raises ``IdempotencyConflict``.

Expiry is exact at any moment: a lot whose ``expires_at`` has passed neither counts in a
balance nor spends, whether or not the expiry job (app.jobs) has run yet. Anything that takes
points from a holder first expires that holder's due lots in the same transaction.

Locking: every change to a holder's lots happens while the holder's account row is locked
(the balance update, or ``lock_row`` before reading lots), always account first, then lots.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import peewee as pw

from app import fixed_sql
from app.clock import utcnow
from app.db import database, is_sqlite, lock_row
from app.errors import IdempotencyConflict, InsufficientPoints, ValidationError
from app.fixed_sql import sql as raw_sql  # (the name point codes and balances know it by)
from app.ledger_keys import check_key, fingerprint
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


def member_holder(member_id: int, account_id: int | None) -> Account:
    """The member's account as an award needs it, from an id the caller already read with
    its own query (None: the member has no account yet, and the award creates it)."""
    return Account(id=account_id, kind="member", member=member_id,
                   owner_key=f"member:{member_id}")


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


def _due(now: datetime) -> pw.Expression:
    """Lots past their expiry that the expiry has not yet moved to breakage."""
    return (Lot.expires_at <= now) & Lot.expired_at.is_null() & (Lot.remaining > 0)


def balance(member: Member | int, now: datetime | None = None) -> int:
    """A member's spendable points at ``now``: the cached balance less what is already past
    its expiry but not yet moved to breakage by the job (one statement: every redemption
    shows it)."""
    mid = member if isinstance(member, int) else member.id
    row = database.execute_sql(raw_sql(
        "SELECT a.balance - COALESCE((SELECT SUM(l.remaining) FROM lot l WHERE l.account_id = "
        "a.id AND l.expires_at <= ? AND l.expired_at IS NULL AND l.remaining > 0), 0) "
        "FROM account a WHERE a.owner_key = ?"), (now or utcnow(), f"member:{mid}")).fetchone()
    return 0 if row is None else int(row[0])


def holder_balance(holder: Account, now: datetime | None = None) -> int:
    """Spendable points of a member or guide account at ``now`` (see ``balance``)."""
    cached = Account.select(Account.balance).where(Account.id == holder.id).scalar()
    return int(cached or 0) - _due_points(holder.id, now or utcnow())


def _due_points(account_id: int, now: datetime) -> int:
    return int(Lot.select(pw.fn.COALESCE(pw.fn.SUM(Lot.remaining), 0)).where(
        (Lot.account == account_id) & _due(now)
    ).scalar())


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


def _replayed(key: str, request_hash: str) -> Transfer | None:
    """The transfer ``key`` already made, if any — refused if it was asked for something else.
    Transfers from before fingerprints (empty hash) replay as before."""
    found = existing(key)
    if found is not None and found.request_hash and found.request_hash != request_hash:
        raise IdempotencyConflict(
            "ledger.key_conflict",
            "the points movement {key} was already made with different details",
            key=key)
    return found


def _once(key: str, request_hash: str,
          make: Callable[[], Transfer | None], probe: bool = True) -> Transfer | None:
    """Run ``make`` unless ``key`` was used; if another terminal commits the same key while we
    work (PostgreSQL: the unique index makes us wait, then fail), give its result instead.
    Without ``probe`` the caller has just won the key itself (a point code's conditional
    update: a code is redeemed once and never given back), so there is neither a look-up nor
    a savepoint: the unique index still refuses a used key, and that error undoes the
    caller's whole transaction (three round trips fewer on the hot path)."""
    if not probe:
        return make()
    if (found := _replayed(key, request_hash)) is not None:
        return found
    try:
        with database.atomic():  # a savepoint: losing the race undoes only this movement
            return make()
    except pw.IntegrityError:
        found = _replayed(key, request_hash)
        if found is None:
            raise
        return found


def _check_points(amount: object) -> int:
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise ValidationError("ledger.bad_amount",
                              "points must be a positive whole number, got {amount}",
                              amount=repr(amount))
    return amount


def _post(
    debit: Account,
    credit: Account,
    amount: int,
    *,
    key: str,
    request_hash: str,
    reason: str,
    source: str,
    ctx: Context,
    reverses: Transfer | None = None,
) -> Transfer:
    _check_points(amount)
    # Touch holder accounts in id order so two transactions never wait on each other in a cycle.
    for acct, delta in sorted(((debit, -amount), (credit, amount)), key=lambda p: p[0].id):
        if acct.kind not in HOLDER_KINDS:
            continue
        query = Account.update(balance=Account.balance + delta).where(Account.id == acct.id)
        if delta < 0:
            query = query.where(Account.balance >= -delta)
        if query.execute() != 1:
            held = Account.select(Account.balance).where(Account.id == acct.id).scalar()
            raise InsufficientPoints("ledger.insufficient",
                                     "the member holds {held} points, not {wanted}",
                                     held=int(held or 0), wanted=amount)
    return Transfer.create(
        idempotency_key=key,
        request_hash=request_hash,
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
    debit: Account | None = None,
    probe: bool = True,
) -> Transfer:
    """Issuer's points go to a member or guide as a new lot: issuer.issued → holder.
    ``debit``: the issuer's issued account when the caller already has it; ``probe``: see
    ``_once``."""
    check_key(key, source)
    _check_points(points)
    if holder.kind not in HOLDER_KINDS:
        raise ValidationError("ledger.not_a_holder",
                              "points can only be awarded to a member or a guide")
    if debit is None:
        debit = issued_account(issuer)
    request_hash = fingerprint(debit.owner_key, holder.owner_key, points, source)

    def make() -> Transfer:
        now = utcnow()
        expiry = expires_at or now + timedelta(days=issuer.points_validity_days)
        return _post_award(debit, holder, _id(issuer), points, key=key,
                           request_hash=request_hash, reason=reason, source=source, ctx=ctx,
                           now=now, expires_at=expiry)

    return _once(key, request_hash, make, probe)  # type: ignore[return-value]


def _id(value: object) -> int | None:
    return value.id if isinstance(value, pw.Model) else value  # type: ignore[return-value]


def _post_award(debit: Account, holder: Account, issuer_id: int, points: int, *, key: str,
                request_hash: str, reason: str, source: str, ctx: Context, now: datetime,
                expires_at: datetime) -> Transfer:
    """``_post`` of an award and its lot in three fixed statements (one on PostgreSQL): the
    holder's balance (the issued account has no cached balance), the transfer, the lot. A
    ``holder`` without an id (see :func:`member_holder`) has its account created by the
    first."""
    # The holder's spendable balance comes back with the update (what ``balance`` would read
    # next): a redemption shows it without another round trip.
    spendable_sql = (" RETURNING id, balance - COALESCE((SELECT SUM(l.remaining) FROM lot l "
                     "WHERE l.account_id = account.id AND l.expires_at <= ? AND "
                     "l.expired_at IS NULL AND l.remaining > 0), 0) AS spendable")
    if holder.id is None:
        # The holder's first points (a new member's first sale): the account is created with
        # them in the same statement; a concurrent creator's row is credited instead.
        credit = ("INSERT INTO account (kind, member_id, staff_id, balance, owner_key) "
                  "VALUES (?, ?, ?, ?, ?) ON CONFLICT (owner_key) DO UPDATE SET "
                  "balance = account.balance + excluded.balance" + spendable_sql)
        credit_params: tuple = (holder.kind, holder.member_id, holder.staff_id, points,
                                holder.owner_key, now)
    else:
        credit = "UPDATE account SET balance = balance + ? WHERE id = ?" + spendable_sql
        credit_params = (points, holder.id, now)
    values = dict(idempotency_key=key, request_hash=request_hash, debit=debit.id,
                  credit=holder.id, amount=points, reason=reason, source=source,
                  source_ref=ctx.source_ref, merchant=_id(ctx.merchant),
                  terminal=_id(ctx.terminal), staff=_id(ctx.staff), reverses=None,
                  created_at=now)
    if is_sqlite():
        spendable = fixed_sql.execute(credit, credit_params).fetchone()
        if spendable is None:
            raise _no_holder(points)
        holder.id = values["credit"] = spendable[0]
        transfer_id = fixed_sql.execute(
            "INSERT INTO transfer (idempotency_key, request_hash, debit_id, credit_id, amount, "
            "reason, source, source_ref, merchant_id, terminal_id, staff_id, reverses_id, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            tuple(values.values())).fetchone()[0]
        fixed_sql.execute(
            "INSERT INTO lot (account_id, issuer_id, transfer_id, points, remaining, "
            "awarded_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (holder.id, issuer_id, transfer_id, points, points, now, expires_at))
    else:
        # PostgreSQL: the three writes in one statement (data-modifying CTEs), one round trip.
        found = fixed_sql.execute(
            f"WITH h AS ({credit}), t AS (INSERT INTO transfer (idempotency_key, request_hash, "
            "debit_id, credit_id, amount, reason, source, source_ref, merchant_id, terminal_id, "
            "staff_id, created_at) SELECT ?::text, ?::text, ?::integer, h.id, ?::bigint, "
            "?::text, ?::text, ?::text, ?::integer, ?::integer, ?::integer, ?::timestamp FROM h "
            "RETURNING id), l AS (INSERT INTO lot (account_id, issuer_id, transfer_id, points, "
            "remaining, awarded_at, expires_at) SELECT h.id, ?::integer, t.id, ?::bigint, "
            "?::bigint, ?::timestamp, ?::timestamp FROM h, t) "
            "SELECT h.id, h.spendable, t.id FROM h, t",
            (*credit_params, key, request_hash, debit.id, points, reason, source, ctx.source_ref,
             values["merchant"], values["terminal"], values["staff"], now,
             issuer_id, points, points, now, expires_at)).fetchone()
        if found is None:
            raise _no_holder(points)
        holder.id = values["credit"] = found[0]
        spendable, transfer_id = found, found[2]
    transfer = Transfer(id=transfer_id, **values)
    # not a column (see ``balance_after``); a lot awarded already past its expiry is not
    # spendable either
    transfer.holder_balance = int(spendable[1]) - (points if expires_at <= now else 0)
    return transfer


def _no_holder(points: int) -> InsufficientPoints:
    return InsufficientPoints("ledger.insufficient",
                              "the member holds {held} points, not {wanted}",
                              held=0, wanted=points)


def balance_after(transfer: Transfer) -> int | None:
    """The credited holder's spendable balance right after an award made in this process
    (None for a transfer read back, e.g. a replay)."""
    return getattr(transfer, "holder_balance", None)


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
    holder: Account, transfer: Transfer, points: int, acceptor: Merchant | int | None,
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
        raise InsufficientPoints("ledger.lots_short",
                                 "the lots of account {account} hold {held} points, not {wanted}",
                                 account=holder.owner_key, held=points - need, wanted=points)


def _open_lots(holder: Account, now: datetime) -> list[Lot]:
    """The holder's spendable lots, oldest expiry first (FIFO; ties by award order)."""
    return list(
        Lot.select()
        .where((Lot.account == holder) & (Lot.remaining > 0) & Lot.expired_at.is_null()
               & (Lot.expires_at > now))
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
    now: datetime | None = None,
) -> Transfer:
    """Points paid at ``acceptor``: holder → acceptor.redeemed, consuming lots oldest-expiry
    first and recording how much of each issuer's points the acceptor took. Lots past their
    expiry are moved to breakage first, in the same transaction, so they cannot pay."""
    check_key(key, source)
    _check_points(points)
    credit = redeemed_account(acceptor)
    request_hash = fingerprint(holder.owner_key, credit.owner_key, points, source)
    moment = now or utcnow()

    def make() -> Transfer:
        expire_due(holder, moment, ctx)
        transfer = _post(holder, credit, points, key=key, request_hash=request_hash,
                         reason=reason, source=source, ctx=ctx)
        _consume(holder, transfer, points, acceptor, _open_lots(holder, moment))
        return transfer

    return _once(key, request_hash, make)  # type: ignore[return-value]


def _award_lot(original: Transfer) -> Lot:
    lot = Lot.select().where(Lot.transfer == original).order_by(Lot.id).first()
    if lot is None or lot.restored_from_id is not None:
        raise ValidationError("ledger.not_an_award", "transfer {transfer} is not a points award",
                              transfer=original.idempotency_key)
    return lot


def reverse_award(
    original: Transfer, points: int, *, key: str, reason: str, ctx: Context = Context(),
    now: datetime | None = None,
) -> tuple[Transfer | None, int]:
    """Take back up to ``points`` of an award (a refund). Only what is still left of the
    award's own lot can come back — not what was spent, nor what has expired; returns
    (transfer or None, shortfall in points)."""
    check_key(key, "refund")
    _check_points(points)
    lot = _award_lot(original)
    holder = Account.get_by_id(lot.account_id)
    credit = issued_account(lot.issuer_id)
    request_hash = fingerprint(holder.owner_key, credit.owner_key, points, "refund",
                               reverses=original.id)
    moment = now or utcnow()

    def make() -> Transfer | None:
        expire_due(holder, moment, ctx)  # locks the holder; an expired award gives nothing back
        current = Lot.get_by_id(lot.id)
        available = min(points, current.remaining)
        if available <= 0:
            return None
        transfer = _post(holder, credit, available, key=key, request_hash=request_hash,
                         reason=reason, source="refund", ctx=ctx, reverses=original)
        _consume(holder, transfer, available, None, [current])
        return transfer

    transfer = _once(key, request_hash, make)
    return transfer, points - (transfer.amount if transfer else 0)


def restore_spend(
    original: Transfer, points: int, *, key: str, reason: str, ctx: Context = Context()
) -> Transfer | None:
    """Give back up to ``points`` of a spend (refund of a sale paid with points): new lots
    keeping the original lots' issuers and expiry. Never gives back more than was spent."""
    check_key(key, "refund")
    _check_points(points)
    holder = Account.get_by_id(original.debit_id)
    acceptor_account = Account.get_by_id(original.credit_id)
    if acceptor_account.kind != "redeemed" or holder.kind not in HOLDER_KINDS:
        raise ValidationError("ledger.not_a_spend", "transfer {transfer} is not a points payment",
                              transfer=original.idempotency_key)
    request_hash = fingerprint(acceptor_account.owner_key, holder.owner_key, points, "refund",
                               reverses=original.id)

    def make() -> Transfer | None:
        # Two refunds of one sale restore from the same uses: the holder's lock orders them.
        lock_row(Account, holder.id)
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
        transfer = _post(acceptor_account, holder, total, key=key, request_hash=request_hash,
                         reason=reason, source="refund", ctx=ctx, reverses=original)
        for use, give in plan:
            lot = Lot.get_by_id(use.lot_id)
            Lot.create(account=holder, issuer=lot.issuer_id, transfer=transfer, points=give,
                       remaining=give, expires_at=lot.expires_at, restored_from=use.id)
        return transfer

    return _once(key, request_hash, make)


# -- expiry ---------------------------------------------------------------------------------
def expiry_key(account_id: int, cutoff: datetime, last_lot_id: int) -> str:
    """The key of one holder's expiry at ``cutoff``: one transfer for all the lots that expire
    together, named by the holder, the cut-off and the highest lot id among them. A lot expires
    once, so no two expiries can share their highest lot: the key never repeats, whichever path
    (a spend's :func:`expire_due` or the bulk run in app.loyalty.expiry) writes it."""
    return f"expire:{int(account_id)}:{expiry_cutoff_text(cutoff)}:{int(last_lot_id)}"


def expiry_cutoff_text(cutoff: datetime) -> str:
    return cutoff.strftime("%Y%m%dT%H%M%S.%f")


def expire_due(holder: Account | int, now: datetime | None = None,
               ctx: Context = Context()) -> int:
    """Expire one holder's lots that are past their expiry; returns the points expired.
    Their remainders go to breakage in ONE transfer (member → breakage, Σ R) with one lot use
    per issuer (no lot: each lot records its R in ``expired_points``), the same rows the bulk
    run (app.loyalty.expiry) writes. Locks the holder's account first, so a concurrent spend
    or job waits and then sees the lots already expired (each lot expires once)."""
    now = now or utcnow()
    account = lock_row(Account, holder if isinstance(holder, int) else holder.id)
    if account is None:
        return 0
    due = list(Lot.select(Lot.id, Lot.issuer, Lot.remaining).where(
        (Lot.account == account.id) & (Lot.expires_at <= now) & Lot.expired_at.is_null()
    ).order_by(Lot.expires_at, Lot.id))
    if not due:
        return 0
    per_issuer: dict[int, int] = {}
    for lot in due:
        if lot.remaining > 0:
            per_issuer[lot.issuer_id] = per_issuer.get(lot.issuer_id, 0) + lot.remaining
    total = sum(per_issuer.values())
    if total:
        breakage = breakage_account()
        key = expiry_key(account.id, now, max(lot.id for lot in due if lot.remaining > 0))
        transfer = _post(account, breakage, total, key=key,
                         request_hash=fingerprint(account.owner_key, breakage.owner_key,
                                                  total, "expiry"),
                         reason="points expired", source="expiry", ctx=ctx)
        LotUse.insert_many([{"transfer": transfer.id, "lot": None, "issuer": issuer,
                             "acceptor": None, "amount": amount}
                            for issuer, amount in sorted(per_issuer.items())]).execute()
    # The holder is locked: nobody else changes these lots meanwhile.
    Lot.update(expired_points=Lot.remaining, remaining=0, expired_at=now).where(
        Lot.id.in_([lot.id for lot in due]) & Lot.expired_at.is_null()).execute()
    return total


def holders_with_due_lots(now: datetime) -> list[int]:
    """Account ids holding lots past their expiry that the expiry has not yet processed."""
    rows = (Lot.select(Lot.account).where((Lot.expires_at <= now) & Lot.expired_at.is_null())
            .distinct().order_by(Lot.account).tuples())
    return [account_id for (account_id,) in rows]


def expire_lots(now: datetime | None = None, ctx: Context = Context()) -> int:
    """Move every expired lot's unspent remainder to breakage, once, in the current
    transaction. Returns points expired. (The scheduled job, app.jobs, does this one holder
    per transaction so no till waits on a long expiry run.)"""
    now = now or utcnow()
    return sum(expire_due(account_id, now, ctx) for account_id in holders_with_due_lots(now))


def adjust(
    holder: Account, points: int, *, key: str, reason: str, issuer: Merchant,
    ctx: Context = Context(), now: datetime | None = None, issuer_lots_only: bool = False,
) -> Transfer:
    """An operator's audited correction: positive adds a lot from ``issuer``, negative takes
    points back to the adjustment account (never points that have expired) — oldest first,
    from ``issuer``'s lots alone when ``issuer_lots_only`` (a merchant's manager corrects only
    points their merchant issued)."""
    check_key(key, "adjustment")
    if not reason.strip():
        raise ValidationError("ledger.reason_required", "a manual adjustment needs a reason")
    if isinstance(points, int) and not isinstance(points, bool) and points > 0:
        return award(holder, issuer, points, key=key, reason=reason, source="adjustment",
                     ctx=ctx)
    amount = _check_points(-points if isinstance(points, int) else points)
    credit = adjustment_account()
    request_hash = fingerprint(holder.owner_key, credit.owner_key, amount, "adjustment")
    moment = now or utcnow()

    def make() -> Transfer:
        expire_due(holder, moment, ctx)
        transfer = _post(holder, credit, amount, key=key, request_hash=request_hash,
                         reason=reason, source="adjustment", ctx=ctx)
        lots = _open_lots(holder, moment)
        if issuer_lots_only:
            lots = [lot for lot in lots if lot.issuer_id == issuer.id]
        _consume(holder, transfer, amount, None, lots)
        return transfer

    return _once(key, request_hash, make)  # type: ignore[return-value]


# -- checks ---------------------------------------------------------------------------------
def verify() -> list[str]:
    """Check the ledger's invariants; returns a list of problems (empty when all is well)."""
    from app.ledger_checks import verify_ledger

    return verify_ledger()


# -- points leaving the coalition's points (wallet, partners) -------------------------------
@dataclass(frozen=True)
class Release:
    """Points a holder gave back to one issuer (converted into money the issuer now owes)."""

    issuer_id: int
    points: int
    transfer: Transfer


def release(
    holder: Account, points: int, *, key: str, reason: str, source: str,
    ctx: Context = Context(), now: datetime | None = None,
) -> list[Release]:
    """Points converted out of the points ledger (into wallet money, to a partner): they go
    back from the holder to their issuers' issued accounts, oldest expiry first, one transfer
    per issuer (key ``{key}:{issuer id}``). No merchant accepted them, so they do not settle
    as points; the caller carries the issuer mix into what they became. Replaying ``key``
    returns the first release."""
    check_key(key, source)
    _check_points(points)
    done = released(key)
    if done:
        if sum(r.points for r in done) != points:
            raise IdempotencyConflict("ledger.key_conflict",
                                      "the points movement {key} was already made with "
                                      "different details", key=key)
        return done
    moment = now or utcnow()
    expire_due(holder, moment, ctx)  # locks the holder; expired points cannot convert
    plan: dict[int, list[tuple[Lot, int]]] = {}
    need = points
    for lot in _open_lots(holder, moment):
        if need == 0:
            break
        take = min(need, lot.remaining)
        plan.setdefault(lot.issuer_id, []).append((lot, take))
        need -= take
    if need:
        held = points - need
        raise InsufficientPoints("ledger.insufficient",
                                 "the member holds {held} points, not {wanted}",
                                 held=held, wanted=points)
    out: list[Release] = []
    with database.atomic():
        for issuer_id, takes in plan.items():
            amount = sum(t for _, t in takes)
            credit = issued_account(issuer_id)
            transfer = _post(holder, credit, amount, key=f"{key}:{issuer_id}",
                             request_hash=fingerprint(holder.owner_key, credit.owner_key,
                                                      amount, source),
                             reason=reason, source=source, ctx=ctx)
            for lot, take in takes:
                if _take_from_lot(lot, take) != take:
                    raise InsufficientPoints("ledger.lots_short",
                                             "the lots of account {account} hold {held} points, "
                                             "not {wanted}", account=holder.owner_key,
                                             held=0, wanted=points)
                LotUse.create(transfer=transfer, lot=lot, issuer=issuer_id, acceptor=None,
                              amount=take)
            out.append(Release(issuer_id, amount, transfer))
    return out


def released(key: str) -> list[Release]:
    """The transfers a ``release`` under ``key`` made (none if it was not made)."""
    rows = (Transfer.select().where(Transfer.idempotency_key.startswith(f"{key}:")
                                    & Transfer.reverses.is_null())
            .order_by(Transfer.id))
    out = []
    for t in rows:
        issuer = Account.get_by_id(t.credit_id).merchant_id
        out.append(Release(issuer, t.amount, t))
    return out


def restore_release(releases: list[Release], *, key: str, reason: str, source: str,
                    ctx: Context = Context()) -> list[Transfer]:
    """Undo a release (a partner refused the conversion): each issuer's points come back as
    new lots keeping the original lots' issuer and expiry. Idempotent by ``key``."""
    check_key(key, source)
    out: list[Transfer] = []
    for rel in releases:
        original = rel.transfer
        holder = Account.get_by_id(original.debit_id)
        issued = Account.get_by_id(original.credit_id)
        rkey = f"{key}:{rel.issuer_id}"
        request_hash = fingerprint(issued.owner_key, holder.owner_key, original.amount, source,
                                   reverses=original.id)

        def make(original: Transfer = original, holder: Account = holder,
                 issued: Account = issued, rkey: str = rkey,
                 request_hash: str = request_hash) -> Transfer:
            lock_row(Account, holder.id)
            transfer = _post(issued, holder, original.amount, key=rkey,
                             request_hash=request_hash, reason=reason, source=source, ctx=ctx,
                             reverses=original)
            for use in LotUse.select().where(LotUse.transfer == original).order_by(LotUse.id):
                lot = Lot.get_by_id(use.lot_id)
                Lot.create(account=holder, issuer=lot.issuer_id, transfer=transfer,
                           points=use.amount, remaining=use.amount, expires_at=lot.expires_at,
                           restored_from=use.id)
            return transfer

        out.append(_once(rkey, request_hash, make))  # type: ignore[arg-type]
    return out
