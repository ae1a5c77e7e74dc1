"""The stored-value wallet: points convert into money a member spends at any merchant's till.

Conversion: ``points × rate // 100`` minor units, where the rate is the coalition setting
``wallet_minor_per_100_points`` (default: 100 × the points' own paying value, so converting
never changes what points buy); the result is rounded **down** to whole minor units and the
preview shows the exact money before the member agrees.

Settlement — the wallet carries the issuer mix. The points converted go back to their issuers
through the ledger (``ledger.release``: member → issuer.issued, oldest expiry first); each
issuer's share becomes a :class:`WalletLot` of money that issuer still owes. A payment at
merchant B takes wallet lots oldest first and records (issuer, acceptor, amount) in
:class:`WalletUse`, so :func:`money_positions` says exactly who owes whom, in money, and sums
to zero; a refund gives the money back as new lots keeping the issuers it came from.

Every movement is an append-only :class:`WalletEntry` with a unique key; the cached balance on
:class:`Wallet` changes in the same transaction by a conditional UPDATE (``balance >= amount``
for a debit), which also serialises two payments from one wallet.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

import peewee as pw

from app import ledger, members
from app.backoffice.actor import Actor, audit_change
from app.db import database, write_tx
from app.errors import IdempotencyConflict, InsufficientFunds, NotFound, ValidationError
from app.messaging import notices
from app.models import (
    Member,
    Merchant,
    Sale,
    Setting,
    Wallet,
    WalletEntry,
    WalletLot,
    WalletUse,
)
from app.money import allocate, format_money
from app.points_rules import point_value_minor

RATE_KEY = "wallet_minor_per_100_points"


def rate() -> int:
    """Wallet minor units credited for 100 points (coalition setting)."""
    row = Setting.get_or_none(Setting.key == RATE_KEY)
    return int(row.value) if row else 100 * point_value_minor()


def money_for(points: int) -> int:
    """What ``points`` convert into, rounded down to whole minor units."""
    return points * rate() // 100


def _wallet(member_id: int) -> Wallet:
    found = Wallet.get_or_none(Wallet.member == member_id)
    if found is None:
        try:
            with database.atomic():
                found = Wallet.create(member=member_id)
        except pw.IntegrityError:  # created at the same moment by another terminal
            found = Wallet.get(Wallet.member == member_id)
    return found


def balance(member: Member | int) -> int:
    mid = member if isinstance(member, int) else member.id
    value = Wallet.select(Wallet.balance).where(Wallet.member == mid).scalar()
    return int(value or 0)


def entries_balance(member: Member | int) -> int:
    """Σ of the wallet's entries (the cached balance must equal it)."""
    mid = member if isinstance(member, int) else member.id
    return int(WalletEntry.select(pw.fn.COALESCE(pw.fn.SUM(WalletEntry.amount), 0))
               .join(Wallet).where(Wallet.member == mid).scalar())


def _check_amount(amount: object, code: str = "wallet.bad_amount") -> int:
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise ValidationError("wallet.bad_amount",
                              "a wallet amount must be a positive number of minor units, "
                              "got {amount}", amount=repr(amount))
    return amount


def _entry(key: str) -> WalletEntry | None:
    return WalletEntry.get_or_none(WalletEntry.key == key)


def _replay(key: str, kind: str, amount: int) -> WalletEntry | None:
    found = _entry(key)
    if found is not None and (found.kind != kind or abs(found.amount) != amount):
        raise IdempotencyConflict("wallet.key_conflict",
                                  "the wallet movement {key} was already made with different "
                                  "details", key=key)
    return found


def _move(wallet: Wallet, delta: int) -> None:
    query = Wallet.update(balance=Wallet.balance + delta).where(Wallet.id == wallet.id)
    if delta < 0:
        query = query.where(Wallet.balance >= -delta)
    if query.execute() != 1:
        held = Wallet.select(Wallet.balance).where(Wallet.id == wallet.id).scalar()
        raise InsufficientFunds("wallet.insufficient",
                                "the wallet holds {held}, not {wanted}",
                                held=format_money(int(held or 0)),
                                wanted=format_money(-delta))


# -- conversion -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Conversion:
    entry_id: int
    points: int
    amount: int
    balance: int
    replayed: bool = False


def convert(actor: Actor | None, member_id: int, points: int, client_uuid: str, *,
            staff_id: int | None = None) -> Conversion:
    """Convert ``points`` of a member into wallet money, in one transaction; idempotent by
    ``client_uuid``. ``actor`` (back office) must see the member's home merchant; a kiosk or
    till passes None and its staff id."""
    if not isinstance(points, int) or isinstance(points, bool) or points <= 0:
        raise ValidationError("wallet.bad_points",
                              "points to convert must be a positive whole number, got {points}",
                              points=repr(points))
    key = f"wallet:{client_uuid}"
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise NotFound("wallet.no_member", "no member {member}", member=member_id)
    if actor is not None:
        actor.check_merchant(member.home_merchant_id)
    amount = money_for(points)
    if amount <= 0:
        raise ValidationError("wallet.too_few_points",
                              "{points} points convert into less than one cent", points=points)
    if (done := _replay(key, "convert", amount)) is not None:
        return Conversion(done.id, done.points, done.amount, balance(member_id), replayed=True)
    try:
        with write_tx():
            entry = _convert(actor, member, points, amount, key, staff_id)
    except pw.IntegrityError:
        done = _replay(key, "convert", amount)
        if done is None:
            raise
        return Conversion(done.id, done.points, done.amount, balance(member_id), replayed=True)
    return Conversion(entry.id, points, amount, balance(member_id))


def _convert(actor: Actor | None, member: Member, points: int, amount: int, key: str,
             staff_id: int | None) -> WalletEntry:
    holder = ledger.member_account(member)
    ctx = ledger.Context(staff=staff_id or (actor.staff_id if actor else None),
                         source_ref=key)
    releases = ledger.release(holder, points, key=key, reason="converted into wallet money",
                              source="wallet", ctx=ctx)
    wallet = _wallet(member.id)
    before = balance(member.id)
    _move(wallet, amount)
    entry = WalletEntry.create(wallet=wallet, key=key, kind="convert", amount=amount,
                               points=points, staff=ctx.staff)
    shares = allocate(amount, [r.points for r in releases])
    for rel, share in zip(releases, shares, strict=True):
        if share:
            WalletLot.create(wallet=wallet, issuer=rel.issuer_id, entry=entry, amount=share,
                             remaining=share)
    notices.queue_member(member, "wallet_converted", f"{key}:notice", points=points,
                         amount=format_money(amount), wallet=format_money(before + amount))
    if actor is not None:
        audit_change(actor, "wallet.convert", f"member:{member.number}",
                     {"wallet_balance": before}, {"wallet_balance": before + amount},
                     points=points, amount=amount)
    return entry


# -- paying at a till -----------------------------------------------------------------------
def pay(member_id: int, merchant_id: int, amount: int, sale: Sale, key: str) -> WalletEntry:
    """Debit ``amount`` from the member's wallet for ``sale`` at ``merchant_id`` (call inside
    the sale's transaction). Insufficient money: InsufficientFunds, and the sale rolls back."""
    _check_amount(amount)
    wallet = Wallet.get_or_none(Wallet.member == member_id)
    if wallet is None:
        raise InsufficientFunds("wallet.insufficient", "the wallet holds {held}, not {wanted}",
                                held=format_money(0), wanted=format_money(amount))
    _move(wallet, -amount)  # locks the wallet row until commit
    entry = WalletEntry.create(wallet=wallet, key=key, kind="pay", amount=-amount,
                               merchant=merchant_id, sale=sale.id, staff=sale.cashier_id)
    need = amount
    lots = (WalletLot.select().where((WalletLot.wallet == wallet) & (WalletLot.remaining > 0))
            .order_by(WalletLot.id))
    for lot in lots:
        if need == 0:
            break
        take = min(need, lot.remaining)
        taken = WalletLot.update(remaining=WalletLot.remaining - take).where(
            (WalletLot.id == lot.id) & (WalletLot.remaining >= take)).execute()
        if taken != 1:  # cannot happen while the wallet row is held; refuse rather than guess
            raise InsufficientFunds("wallet.lots_short",
                                    "the wallet's money changed while paying; try again")
        WalletUse.create(entry=entry, lot=lot, issuer=lot.issuer_id, acceptor=merchant_id,
                         amount=take)
        need -= take
    if need:
        raise InsufficientFunds("wallet.lots_short",
                                "the wallet's money changed while paying; try again")
    return entry


def paid_back_so_far(pay_entry: WalletEntry) -> int:
    return int(WalletEntry.select(pw.fn.COALESCE(pw.fn.SUM(WalletEntry.amount), 0))
               .where(WalletEntry.reverses == pay_entry.id).scalar())


def refund(original_sale: Sale, amount: int, refund_sale: Sale, key: str) -> WalletEntry:
    """Give ``amount`` of a wallet payment back (a refund of ``original_sale``, inside the
    refund's transaction): new lots keeping the issuers the money came from, never more
    than was paid."""
    _check_amount(amount)
    pay_entry = (WalletEntry.select().where((WalletEntry.sale == original_sale.id)
                                            & (WalletEntry.kind == "pay")).first())
    if pay_entry is None:
        raise NotFound("wallet.no_payment", "sale {receipt} was not paid from a wallet",
                       receipt=original_sale.receipt_no)
    if (done := _replay(key, "refund", amount)) is not None:
        return done
    wallet = Wallet.get_by_id(pay_entry.wallet_id)
    if paid_back_so_far(pay_entry) + amount > -pay_entry.amount:
        raise ValidationError("wallet.refund_too_much",
                              "only {left} of this wallet payment is left to give back",
                              left=format_money(-pay_entry.amount - paid_back_so_far(pay_entry)))
    _move(wallet, amount)
    entry = WalletEntry.create(wallet=wallet, key=key, kind="refund", amount=amount,
                               merchant=refund_sale.merchant_id, sale=refund_sale.id,
                               reverses=pay_entry, staff=refund_sale.cashier_id)
    left = amount
    for use in WalletUse.select().where(WalletUse.entry == pay_entry).order_by(WalletUse.id.desc()):
        already = int(WalletLot.select(pw.fn.COALESCE(pw.fn.SUM(WalletLot.amount), 0))
                      .where(WalletLot.restored_from == use.id).scalar())
        give = min(left, use.amount - already)
        if give > 0:
            WalletLot.create(wallet=wallet, issuer=use.issuer_id, entry=entry, amount=give,
                             remaining=give, restored_from=use.id)
            left -= give
        if left == 0:
            break
    return entry


# -- settlement -----------------------------------------------------------------------------
def money_positions(start: datetime, end: datetime) -> dict[int, int]:
    """Per merchant id, wallet money (minor units) it is owed (+) or owes (−) for [start, end):
    what others' converted points paid at it, less what was given back by refunds. Σ = 0."""
    if not start < end:
        raise ValidationError("settlement.bad_period",
                              "a settlement period must end after it starts ({start} – {end})",
                              start=start.isoformat(), end=end.isoformat())
    positions: dict[int, int] = defaultdict(int)
    paid = (WalletUse.select(WalletUse.issuer, WalletUse.acceptor, pw.fn.SUM(WalletUse.amount))
            .where((WalletUse.created_at >= start) & (WalletUse.created_at < end)
                   & (WalletUse.issuer != WalletUse.acceptor))
            .group_by(WalletUse.issuer, WalletUse.acceptor).tuples())
    for issuer, acceptor, amount in paid:
        positions[acceptor] += int(amount)
        positions[issuer] -= int(amount)
    back = (WalletLot.select(WalletUse.issuer, WalletUse.acceptor, pw.fn.SUM(WalletLot.amount))
            .join(WalletUse, on=(WalletLot.restored_from == WalletUse.id))
            .where((WalletLot.created_at >= start) & (WalletLot.created_at < end)
                   & (WalletUse.issuer != WalletUse.acceptor))
            .group_by(WalletUse.issuer, WalletUse.acceptor).tuples())
    for issuer, acceptor, amount in back:
        positions[acceptor] -= int(amount)
        positions[issuer] += int(amount)
    return {k: v for k, v in positions.items() if v}


# -- back office ------------------------------------------------------------------------------
@dataclass(frozen=True)
class WalletView:
    member_id: int
    member_number: str
    member_name: str
    points: int
    balance: int
    rate: int  # minor units per 100 points
    entries: list[tuple[str, str, int, int, str]]  # (when, kind, amount, points, merchant)


def wallet_view(actor: Actor, member_number: str) -> WalletView:
    member = members.identify(member_number)  # member number, card, phone or QR
    actor.check_merchant(member.home_merchant_id)
    rows = (WalletEntry.select(WalletEntry, Merchant.code)
            .join(Wallet).switch(WalletEntry).join(Merchant, pw.JOIN.LEFT_OUTER)
            .where(Wallet.member == member.id).order_by(WalletEntry.id.desc()).limit(200))
    entries = [(e.created_at.strftime("%Y-%m-%d %H:%M"), e.kind, e.amount, e.points,
                e.merchant.code if e.merchant_id else "") for e in rows]
    return WalletView(member.id, member.number, member.name, ledger.balance(member),
                      balance(member), rate(), entries)


def set_rate(actor: Actor, minor_per_100_points: int) -> None:
    """The operator sets the conversion rate (coalition-wide), audited."""
    actor.require_operator()
    if (not isinstance(minor_per_100_points, int) or isinstance(minor_per_100_points, bool)
            or minor_per_100_points <= 0):
        raise ValidationError("wallet.bad_rate",
                              "the rate must be a positive number of cents per 100 points")
    with write_tx():
        before = rate()
        Setting.insert(key=RATE_KEY, value=str(minor_per_100_points)).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: str(minor_per_100_points)}
        ).execute()
        audit_change(actor, "wallet.rate", RATE_KEY, {"rate": before},
                     {"rate": minor_per_100_points})


def convert_for_number(actor: Actor, member_number: str, points: int,
                       client_uuid: str) -> Conversion:
    """The back office converts points into the wallet of the member with this number."""
    member = members.identify(member_number)  # member number, card, phone or QR
    return convert(actor, member.id, points, client_uuid)


def verify() -> list[str]:
    """The wallet's invariants, as a list of problems (empty when all is well): each cached
    balance equals the sum of its entries and the sum of its lots' remainders."""
    problems = []
    sums = dict(WalletEntry.select(WalletEntry.wallet, pw.fn.SUM(WalletEntry.amount))
                .group_by(WalletEntry.wallet).tuples())
    lots = dict(WalletLot.select(WalletLot.wallet, pw.fn.SUM(WalletLot.remaining))
                .group_by(WalletLot.wallet).tuples())
    for w in Wallet.select():
        entries, remaining = int(sums.get(w.id, 0)), int(lots.get(w.id, 0))
        if not w.balance == entries == remaining:
            problems.append(f"wallet {w.id}: balance {w.balance}, entries {entries}, "
                            f"lots {remaining}")
    return problems
