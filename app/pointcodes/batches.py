"""Generating, listing and voiding batches of point codes (back office).

Unit ``i`` of batch ``b`` has serial ``b × 100 000 + i``: unique without a shared counter, and
a batch holds at most 100 000 units. The codes are signed with the current key when generated
(their text is stored, so a label can be printed again after the key rotates)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import peewee as pw

from app import typable_codes
from app.backoffice.actor import Actor, audit_change, row_dict
from app.clock import utcnow
from app.db import lock_row, write_tx
from app.errors import Conflict, NotFound, ValidationError
from app.models import Merchant, PointCode, PointCodeBatch, Product
from app.models.engagement import QUESTION_KINDS

KIND = "P"
MAX_BATCH = 100_000
_CHUNK = 1000

Progress = Callable[[int, int], None]  # done, total


@dataclass(frozen=True)
class Question:
    kind: str  # none | choice | rating | text
    text: str
    text_en: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (中文, English)
    feedback_points: int = 0


@dataclass(frozen=True)
class BatchInfo:
    id: int
    merchant_id: int
    merchant_name: str
    product_id: int
    product_name: str
    points: int
    count: int
    created_at: datetime
    voided_at: datetime | None
    question: Question


@dataclass(frozen=True)
class LabelCode:
    code: str  # canonical text: the QR's content
    grouped: str  # for people, under the QR


def serial_of(batch_id: int, index: int) -> int:
    return batch_id * MAX_BATCH + index


def _whole(value: object, what: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValidationError("pointcode.bad_number", "{what} must be a whole number from "
                              "{low} to {high}, not {value}", what=what, low=low, high=high,
                              value=repr(value))
    return value


def check_question(q: Question) -> Question:
    if q.kind not in QUESTION_KINDS:
        raise ValidationError("pointcode.bad_question_kind", "a follow-up question is none, "
                              "choice, rating or text, not {kind}", kind=q.kind)
    _whole(q.feedback_points, "the feedback reward", 0, 100_000)
    if q.kind != "none" and not q.text.strip():
        raise ValidationError("pointcode.question_empty", "write the follow-up question")
    if q.kind == "choice" and not 2 <= len(q.choices) <= 8:
        raise ValidationError("pointcode.choices_count", "a single-choice question needs 2 to 8 "
                              "answers, not {count}", count=len(q.choices))
    if q.kind == "choice" and any(not zh.strip() for zh, _ in q.choices):
        raise ValidationError("pointcode.choice_empty", "every answer needs its text")
    return q


def _info(b: PointCodeBatch) -> BatchInfo:
    choices = tuple((c["zh"], c.get("en", "")) for c in json.loads(b.choices or "[]"))
    return BatchInfo(b.id, b.merchant_id, b.merchant.name, b.product_id, b.product.name,
                     b.points, b.count, b.created_at, b.voided_at,
                     Question(b.question_kind, b.question, b.question_en, choices,
                              b.feedback_points))


def generate_batch(actor: Actor, product_id: int, count: int, points: int,
                   question: Question = Question("none", ""),
                   progress: Progress | None = None) -> BatchInfo:
    """A batch of ``count`` codes worth ``points`` each for the product (all or nothing)."""
    _whole(count, "the number of codes", 1, MAX_BATCH)
    _whole(points, "the points per code", 1, 1_000_000)
    check_question(question)
    product = Product.get_or_none(Product.id == product_id)
    if product is None:
        raise NotFound("pointcode.no_product", "product {product} does not exist",
                       product=product_id)
    actor.check_merchant(product.merchant_id)
    with write_tx():
        batch = PointCodeBatch.create(
            merchant=product.merchant_id, product=product, points=points, count=count,
            created_by=actor.staff_id, question_kind=question.kind, question=question.text,
            question_en=question.text_en, feedback_points=question.feedback_points,
            choices=json.dumps([{"zh": zh, "en": en} for zh, en in question.choices],
                               ensure_ascii=False) if question.kind == "choice" else "")
        for start in range(0, count, _CHUNK):
            rows = [{"serial": typable_codes.make(KIND, serial_of(batch.id, i)).text,
                     "batch": batch.id, "product": product.id, "merchant": product.merchant_id,
                     "points": points}
                    for i in range(start, min(count, start + _CHUNK))]
            PointCode.insert_many(rows).execute()
            if progress is not None:
                progress(min(count, start + _CHUNK), count)
        audit_change(actor, "pointcode_batch", f"batch:{batch.id}", None, row_dict(batch))
    return _load(batch.id)


def _with_names() -> pw.ModelSelect:
    return (PointCodeBatch.select(PointCodeBatch, Merchant, Product).join(Merchant)
            .switch(PointCodeBatch).join(Product))


def _load(batch_id: int) -> BatchInfo:
    return _info(_with_names().where(PointCodeBatch.id == batch_id).get())


def _batch(actor: Actor, batch_id: int, *, lock: bool = False) -> PointCodeBatch:
    batch = (lock_row(PointCodeBatch, batch_id) if lock
             else PointCodeBatch.get_or_none(PointCodeBatch.id == batch_id))
    if batch is None:
        raise NotFound("pointcode.no_batch", "batch {batch} does not exist", batch=batch_id)
    actor.check_merchant(batch.merchant_id)
    return batch


def list_batches(actor: Actor, merchant_id: int | None = None) -> list[BatchInfo]:
    query = _with_names().order_by(PointCodeBatch.id.desc())
    merchant = actor.scoped_merchant(merchant_id)
    if merchant is not None:
        query = query.where(PointCodeBatch.merchant == merchant)
    return [_info(b) for b in query]


def batch_codes(actor: Actor, batch_id: int) -> list[LabelCode]:
    """The batch's codes in unit order, for its label sheets."""
    _batch(actor, batch_id)
    rows = (PointCode.select(PointCode.serial).where(PointCode.batch == batch_id)
            .order_by(PointCode.id).tuples())
    return [LabelCode(code, typable_codes.TypableCode(KIND, 0, "", code).grouped)
            for (code,) in rows]


def void_batch(actor: Actor, batch_id: int) -> BatchInfo:
    """Void a batch: its codes not yet redeemed stop working (redeemed ones stay counted)."""
    with write_tx():
        batch = _batch(actor, batch_id, lock=True)
        if batch.voided_at is not None:
            raise Conflict("pointcode.batch_voided", "batch {batch} was already voided",
                           batch=batch_id)
        before = row_dict(batch)
        PointCodeBatch.update(voided_at=utcnow(), voided_by=actor.staff_id).where(
            PointCodeBatch.id == batch_id).execute()
        batch = PointCodeBatch.get_by_id(batch_id)
        audit_change(actor, "pointcode_batch_void", f"batch:{batch_id}", before,
                     row_dict(batch))
    return _load(batch_id)
