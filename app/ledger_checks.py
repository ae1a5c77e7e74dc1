"""The ledger's invariants, checked against the stored rows (``verify`` command, self-test).

Besides balances (cached = Σ entries = Σ lot remainders, Σ of all = 0), the lots are
reconciled with the records of their use, so a remainder changed by hand or a use without its
movement shows up:
  * each lot's remaining = its points − Σ its uses − what expired from it;
  * an expiry's lot uses (one per issuer, no lot) sum, per holder and issuer, to what the
    holder's lots of that issuer lost to expiry;
  * every movement that takes points from a holder (spend, expiry, reversal, negative
    adjustment) is covered by lot uses summing to its amount;
  * every movement that gives a holder points (award, restoration) created lots summing to
    its amount;
  * points restored from a use never exceed what that use consumed.
"""

from __future__ import annotations

import peewee as pw

from app.models import Account, Lot, LotUse, Transfer

HOLDER_KINDS = ("member", "guide")
SHOWN = 5  # rows named per kind of problem; the rest are counted


def _listed(what: str, rows: list[str]) -> list[str]:
    if not rows:
        return []
    more = f" (and {len(rows) - SHOWN} more)" if len(rows) > SHOWN else ""
    return [f"{what}: {'; '.join(rows[:SHOWN])}{more}"]


def _balances() -> list[str]:
    problems: list[str] = []
    credits = dict(Transfer.select(Transfer.credit, pw.fn.SUM(Transfer.amount))
                   .group_by(Transfer.credit).tuples())
    debits = dict(Transfer.select(Transfer.debit, pw.fn.SUM(Transfer.amount))
                  .group_by(Transfer.debit).tuples())
    lots = dict(Lot.select(Lot.account, pw.fn.SUM(Lot.remaining)).group_by(Lot.account).tuples())
    total = 0
    for acct in Account.select():
        summed = int(credits.get(acct.id, 0)) - int(debits.get(acct.id, 0))
        total += summed
        if acct.kind not in HOLDER_KINDS:
            continue
        if summed != acct.balance:
            problems.append(f"account {acct.owner_key}: cached {acct.balance} ≠ entries {summed}")
        if summed < 0:
            problems.append(f"account {acct.owner_key} is negative: {summed}")
        held = int(lots.get(acct.id, 0))
        if held != summed:
            problems.append(f"account {acct.owner_key}: lots hold {held} ≠ balance {summed}")
    if total != 0:
        problems.append(f"Σ of all balances is {total}, not 0")
    return problems


def _lots_against_uses() -> list[str]:
    used = (LotUse.select(LotUse.lot, pw.fn.SUM(LotUse.amount).alias("used"))
            .group_by(LotUse.lot).alias("used_by_lot"))
    used_amount = pw.fn.COALESCE(used.c.used, 0)
    rows = (Lot.select(Lot.id, Lot.points, Lot.remaining, used_amount, Lot.expired_points)
            .join(used, pw.JOIN.LEFT_OUTER, on=(used.c.lot_id == Lot.id))
            .where(Lot.remaining != Lot.points - used_amount - Lot.expired_points)
            .order_by(Lot.id).tuples())
    return _listed("lots whose remainder ≠ points − uses − expired",
                   [f"lot {i}: {rem} ≠ {pts} − {u} − {x}" for i, pts, rem, u, x in rows])


def _expiries_against_lots() -> list[str]:
    """Per holder and issuer: the expiry uses (no lot) = Σ the lots' expired points."""
    booked = dict(((holder, issuer), int(total)) for holder, issuer, total in (
        LotUse.select(Transfer.debit, LotUse.issuer, pw.fn.SUM(LotUse.amount))
        .join(Transfer, on=(LotUse.transfer == Transfer.id))
        .where(LotUse.lot.is_null()).group_by(Transfer.debit, LotUse.issuer).tuples()))
    lost = dict(((holder, issuer), int(total)) for holder, issuer, total in (
        Lot.select(Lot.account, Lot.issuer, pw.fn.SUM(Lot.expired_points))
        .where(Lot.expired_points > 0).group_by(Lot.account, Lot.issuer).tuples()))
    rows = [f"account {holder} issuer {issuer}: uses {booked.get((holder, issuer), 0)} ≠ "
            f"lots {lost.get((holder, issuer), 0)}"
            for holder, issuer in sorted(set(booked) | set(lost))
            if booked.get((holder, issuer), 0) != lost.get((holder, issuer), 0)]
    return _listed("expiries whose uses ≠ what the lots lost", rows)


def _movements_covered(holder_side: pw.Field, per_transfer: pw.Select, what: str,
                       noun: str) -> list[str]:
    """Movements with a holder on ``holder_side`` whose per-transfer ``total`` (lot uses
    taken, or lots made) differs from their amount."""
    covered = pw.fn.COALESCE(per_transfer.c.total, 0)
    rows = (Transfer.select(Transfer.idempotency_key, Transfer.amount, covered)
            .join(Account, on=(holder_side == Account.id))
            .join(per_transfer, pw.JOIN.LEFT_OUTER,
                  on=(per_transfer.c.transfer_id == Transfer.id))
            .where(Account.kind.in_(HOLDER_KINDS) & (Transfer.amount != covered))
            .order_by(Transfer.id).tuples())
    return _listed(what, [f"{key}: {amount} ≠ {noun} {c}" for key, amount, c in rows])


def _takings_against_uses() -> list[str]:
    uses = (LotUse.select(LotUse.transfer, pw.fn.SUM(LotUse.amount).alias("total"))
            .group_by(LotUse.transfer).alias("uses_by_transfer"))
    return _movements_covered(Transfer.debit, uses,
                              "movements from a holder whose lot uses ≠ amount", "uses")


def _givings_against_lots() -> list[str]:
    made = (Lot.select(Lot.transfer, pw.fn.SUM(Lot.points).alias("total"))
            .group_by(Lot.transfer).alias("lots_by_transfer"))
    return _movements_covered(Transfer.credit, made,
                              "movements to a holder whose lots ≠ amount", "lots")


def _restorations_within_uses() -> list[str]:
    restored = (Lot.select(Lot.restored_from, pw.fn.SUM(Lot.points).alias("restored"))
                .where(Lot.restored_from.is_null(False))
                .group_by(Lot.restored_from).alias("restored_by_use"))
    rows = (LotUse.select(LotUse.id, LotUse.amount, restored.c.restored)
            .join(restored, on=(restored.c.restored_from_id == LotUse.id))
            .where(restored.c.restored > LotUse.amount)
            .order_by(LotUse.id).tuples())
    return _listed("lot uses restored beyond what they consumed",
                   [f"use {i}: restored {r} > {amount}" for i, amount, r in rows])


def verify_ledger() -> list[str]:
    """Every problem found (empty when the ledger is sound)."""
    problems = _balances()
    bad_lots = Lot.select().where((Lot.remaining < 0) | (Lot.remaining > Lot.points)).count()
    if bad_lots:
        problems.append(f"{bad_lots} lots have a remainder outside 0..points")
    return (problems + _lots_against_uses() + _expiries_against_lots()
            + _takings_against_uses() + _givings_against_lots() + _restorations_within_uses())
