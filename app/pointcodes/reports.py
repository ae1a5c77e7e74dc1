"""What the back office reports on point codes, and what guides see: codes generated, marked
and redeemed per batch, per guide and per store; the guides' board; feedback answers. Every
figure is one aggregate query, scoped to the actor's merchant."""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from app import ledger
from app.backoffice.actor import Actor
from app.models import (
    Account,
    FeedbackAnswer,
    PointCode,
    PointCodeBatch,
    Product,
    Staff,
    Store,
    Terminal,
    Transfer,
)


@dataclass(frozen=True)
class BatchFigures:
    batch_id: int
    product_name: str
    generated: int
    marked: int
    redeemed: int
    voided: bool


@dataclass(frozen=True)
class GuideFigures:
    guide_id: int
    name: str
    marked: int
    redeemed: int
    linked_points: int


@dataclass(frozen=True)
class StoreFigures:
    store_id: int
    name: str
    redeemed: int


def _count(expr: pw.Node) -> pw.Node:
    return pw.fn.SUM(pw.Case(None, [(expr, 1)], 0))


def by_batch(actor: Actor, merchant_id: int | None = None) -> list[BatchFigures]:
    merchant = actor.scoped_merchant(merchant_id)
    query = (PointCode.select(PointCodeBatch.id, Product.name, pw.fn.COUNT(PointCode.id),
                              _count(PointCode.guide.is_null(False)),
                              _count(PointCode.redeemed_at.is_null(False)),
                              PointCodeBatch.voided_at)
             .join(PointCodeBatch).switch(PointCode).join(Product)
             .group_by(PointCodeBatch.id, Product.name, PointCodeBatch.voided_at)
             .order_by(PointCodeBatch.id.desc()))
    if merchant is not None:
        query = query.where(PointCodeBatch.merchant == merchant)
    return [BatchFigures(b, name, int(g), int(m or 0), int(r or 0), voided is not None)
            for b, name, g, m, r, voided in query.tuples()]


def by_guide(actor: Actor, merchant_id: int | None = None) -> list[GuideFigures]:
    """Guides by linked points earned (the board), with units marked and redeemed."""
    merchant = actor.scoped_merchant(merchant_id)
    query = (PointCode.select(Staff.id, Staff.name, pw.fn.COUNT(PointCode.id),
                              _count(PointCode.redeemed_at.is_null(False)))
             .join(Staff, on=(PointCode.guide == Staff.id))
             .group_by(Staff.id, Staff.name))
    if merchant is not None:
        query = query.where(PointCode.merchant == merchant)
    linked = dict(Transfer.select(Account.staff, pw.fn.SUM(Transfer.amount))
                  .join(Account, on=(Transfer.credit == Account.id))
                  .where((Transfer.source == "guide") & Account.staff.is_null(False))
                  .group_by(Account.staff).tuples())
    rows = [GuideFigures(g, name, int(m), int(r or 0), int(linked.get(g, 0)))
            for g, name, m, r in query.tuples()]
    return sorted(rows, key=lambda f: (-f.linked_points, -f.redeemed, f.name))


def by_store(actor: Actor, merchant_id: int | None = None) -> list[StoreFigures]:
    merchant = actor.scoped_merchant(merchant_id)
    query = (PointCode.select(Store.id, Store.name, pw.fn.COUNT(PointCode.id))
             .join(Terminal, on=(PointCode.redeemed_terminal == Terminal.id))
             .join(Store).group_by(Store.id, Store.name).order_by(Store.name))
    if merchant is not None:
        query = query.where(PointCode.merchant == merchant)
    return [StoreFigures(s, name, int(n)) for s, name, n in query.tuples()]


def answers(actor: Actor, batch_id: int) -> list[tuple[str, str]]:
    """(when, answer) of a batch's follow-up question, newest first (no member shown)."""
    batch = PointCodeBatch.get_by_id(batch_id)
    actor.check_merchant(batch.merchant_id)
    rows = (FeedbackAnswer.select(FeedbackAnswer.at, FeedbackAnswer.answer)
            .where(FeedbackAnswer.batch == batch_id).order_by(FeedbackAnswer.at.desc()).tuples())
    return [(f"{at:%Y-%m-%d %H:%M}", text) for at, text in rows]


def guide_balance(guide_id: int) -> int:
    """A guide's points (their own account), for the guide's screen."""
    return ledger.holder_balance(ledger.guide_account(guide_id))
