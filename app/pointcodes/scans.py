"""Scanning a unit's point code: a guide marks it, a member redeems it, then answers the
batch's follow-up question.

Every decision is a conditional UPDATE checked by its row count (one winner on SQLite and
PostgreSQL, whatever the number of terminals). A typed code with a typo is refused by its check
symbol before any database round trip. Forged, mutated, voided and used codes get the same
message, and each such refusal slows the terminal and the member down (app.throttle).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import peewee as pw

from app import ledger, throttle, typable_codes
from app.clock import utcnow
from app.db import database, write_tx
from app.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.models import (
    Account,
    FeedbackAnswer,
    Member,
    Merchant,
    PointCode,
    PointCodeBatch,
    Product,
    Staff,
)
from app.pointcodes.batches import KIND, Question
from app.pointcodes.linkage import guide_points


@dataclass(frozen=True)
class Marked:
    code: str
    product_name: str
    guide_name: str


@dataclass(frozen=True)
class Redeemed:
    code: str
    points: int
    product_name: str
    product_name_en: str
    merchant_name: str
    guide_points: int  # what the marking guide earned with it (0: no guide / no rule)
    question: Question | None  # the follow-up to ask now (None: none, or already answered)
    balance: int
    repeat: bool = False  # the same member's code again (a retry): nothing credited this time


@dataclass(frozen=True)
class Answered:
    reward: int
    balance: int


def _not_usable() -> ValidationError:
    return ValidationError("pointcode.not_genuine", "this code cannot be used")


def _parse(text: object) -> typable_codes.TypableCode:
    """The code, or a typo / not-a-point-code error (no database round trip)."""
    try:
        return typable_codes.parse(text, KIND)
    except ValidationError as exc:
        if exc.code == "pointcode.not_genuine":
            raise _Forged() from None
        raise


class _Forged(Exception):
    """Well-formed but not signed by a known key: counted as a failure like a used code."""


_live_batch = PointCodeBatch.select(PointCodeBatch.id).where(PointCodeBatch.voided_at.is_null())


def _refuse(terminal_id: int | None, member_id: int | None = None) -> ValidationError:
    throttle.failed(*throttle.scopes(terminal_id, member_id), terminal=terminal_id)
    return _not_usable()


def guide_mark(text: object, guide_id: int, terminal_id: int | None = None) -> Marked:
    """Mark the unit as sold by this guide. Marking again by the same guide is harmless; a
    second guide is told who marked it."""
    try:
        code = _parse(text)
    except _Forged:
        raise _refuse(terminal_id) from None
    guide = Staff.get_or_none((Staff.id == guide_id) & (Staff.active == True))  # noqa: E712
    if guide is None or guide.role != "guide":
        raise PermissionDenied("pointcode.not_a_guide", "only a signed-in shopping guide can "
                               "mark units")
    throttle.check(*throttle.scopes(terminal_id))
    with write_tx():
        marked = PointCode.update(guide=guide.id, guide_marked_at=utcnow()).where(
            (PointCode.serial == code.text) & PointCode.guide.is_null()
            & PointCode.redeemed_at.is_null() & PointCode.batch.in_(_live_batch)
            & (PointCode.merchant == guide.merchant_id)).execute()
        row = (PointCode.select(PointCode, Product).join(Product)
               .where(PointCode.serial == code.text).first())
    if row is None or (not marked and row.guide_id is None):
        if row is not None and row.merchant_id != guide.merchant_id and row.redeemed_at is None:
            raise PermissionDenied("pointcode.other_merchants_unit", "this unit is another "
                                   "merchant's; its guides mark it")
        raise _refuse(terminal_id)
    if not marked and row.guide_id != guide.id:
        other = Staff.get_by_id(row.guide_id)
        raise Conflict("pointcode.marked_by_other", "{guide} already marked this unit on {at}",
                       guide=other.name, at=f"{row.guide_marked_at:%Y-%m-%d %H:%M}")
    return Marked(code.text, row.product.name, guide.name)


def member_redeem(text: object, member_id: int, terminal_id: int | None = None) -> Redeemed:
    """The unit's points to the member (and the linked points to its guide), once.

    The hot path (8 terminals at hundreds a second, DESIGN.md): one throttle statement, the
    deciding update, one read of the unit with its accounts, the award's three writes, the
    balance. An unknown member needs no query of its own: the update's foreign key refuses
    it (or, on a refusal, it is looked up then)."""
    try:
        code = _parse(text)
    except _Forged:
        raise _refuse(terminal_id, member_id) from None
    throttle.check(*throttle.scopes(terminal_id, member_id))
    key = f"code:{code.text}"
    try:
        with write_tx():
            won, unit = _claim(code.text, member_id, terminal_id)
            row = unit.code if unit else None
            replay = (not won and row is not None and row.redeemed_by_id == member_id
                      and ledger.existing(key) is not None)  # a retry of our own redemption
            linked: int | None = None
            balance: int | None = None
            if unit is None or not (won or replay):
                failed = True
            else:
                failed = False
                if won:
                    linked, balance = _award(unit, member_id, terminal_id)
    except pw.IntegrityError:
        _member_must_exist(member_id)  # the foreign key refused an unknown member
        raise
    if failed or row is None:
        _member_must_exist(member_id)
        raise _refuse(terminal_id, member_id)
    return _redeemed(row, member_id, repeat=not won, linked=linked, balance=balance)


def _member_must_exist(member_id: int) -> None:
    if not Member.select().where(Member.id == member_id).exists():
        raise NotFound("pointcode.no_member", "member {member} does not exist", member=member_id)


# The deciding update: one winner, whatever the number of terminals (a voided batch's codes
# and codes without a batch never match).
_CLAIM = ("UPDATE point_code SET redeemed_at = ?, redeemed_by_id = ?, redeemed_terminal_id = ? "
          "WHERE serial = ? AND redeemed_at IS NULL AND batch_id IN "
          "(SELECT b.id FROM point_code_batch b WHERE b.voided_at IS NULL)")

# The unit with its batch, product and merchant, the issuer's issued account and the member's
# account, in one statement (the accounts are NULL until first used).
_UNIT = ("SELECT pc.id, pc.serial, pc.batch_id, pc.product_id, pc.merchant_id, pc.points, "
         "pc.guide_id, pc.redeemed_by_id, p.name, p.name_en, m.name, m.points_validity_days, "
         "b.question_kind, b.question, b.question_en, b.choices, b.feedback_points, ia.id, "
         "ma.id FROM point_code pc JOIN product p ON p.id = pc.product_id "
         "JOIN merchant m ON m.id = pc.merchant_id "
         "LEFT JOIN point_code_batch b ON b.id = pc.batch_id "
         "LEFT JOIN account ia ON ia.owner_key = 'issued:' || pc.merchant_id "
         "LEFT JOIN account ma ON ma.owner_key = ? WHERE pc.serial = ?")


# PostgreSQL decides and reads in one round trip: the update's row feeds the unit's read.
_CLAIM_AND_READ = (f"WITH pc AS ({_CLAIM} RETURNING *) "
                   + _UNIT.replace("FROM point_code pc ", "FROM pc "))


def _claim(serial: str, member_id: int, terminal_id: int | None) -> tuple[bool, _Unit | None]:
    """(whether this redemption won the code, the unit as it now is)."""
    claim = (utcnow(), member_id, terminal_id, serial)
    if isinstance(database.obj, pw.PostgresqlDatabase):
        found = database.execute_sql(ledger.raw_sql(_CLAIM_AND_READ),
                                     (*claim, f"member:{member_id}", serial)).fetchone()
        if found is not None:
            return True, _unit_of(found)
        return False, _unit(serial, member_id)
    won = database.execute_sql(ledger.raw_sql(_CLAIM), claim).rowcount == 1
    return won, _unit(serial, member_id)


@dataclass(frozen=True)
class _Unit:
    code: PointCode  # with its product, merchant and batch attached
    issued_account: int | None
    member_account: int | None


def _unit(serial: str, member_id: int) -> _Unit | None:
    found = database.execute_sql(ledger.raw_sql(_UNIT), (f"member:{member_id}", serial)).fetchone()
    return None if found is None else _unit_of(found)


def _unit_of(found: tuple) -> _Unit:
    (pc_id, serial, batch_id, product_id, merchant_id, points, guide_id, redeemed_by, name,
     name_en, merchant_name, validity, kind, question, question_en, choices, feedback,
     issued, member_account) = found
    code = PointCode(id=pc_id, serial=serial, points=points, guide=guide_id,
                     redeemed_by=redeemed_by)
    code.product = Product(id=product_id, name=name, name_en=name_en)
    code.merchant = Merchant(id=merchant_id, name=merchant_name, points_validity_days=validity)
    if batch_id is not None:
        code.batch = PointCodeBatch(id=batch_id, question_kind=kind, question=question,
                                    question_en=question_en, choices=choices,
                                    feedback_points=feedback)
    return _Unit(code, issued, member_account)


def _award(unit: _Unit, member_id: int, terminal_id: int | None) -> tuple[int, int | None]:
    """Credit the member (and the marking guide); returns the guide's linked points and the
    member's balance after."""
    row = unit.code
    merchant = row.merchant
    holder = (Account(id=unit.member_account, kind="member", owner_key=f"member:{member_id}")
              if unit.member_account else ledger.member_account(member_id))
    issued = (Account(id=unit.issued_account, kind="issued", owner_key=f"issued:{merchant.id}")
              if unit.issued_account else None)
    ctx = ledger.Context(merchant=merchant.id, terminal=terminal_id, source_ref=row.serial)
    # We just won the code: its key is fresh (the unique index still guards it).
    credited = ledger.award(holder, merchant, row.points, key=f"code:{row.serial}",
                            reason="point code", source="code", ctx=ctx, debit=issued,
                            probe=False)
    linked = 0
    if row.guide_id is not None:
        linked = guide_points(merchant.id, row.points)
        if linked:
            ledger.award(ledger.guide_account(row.guide_id), merchant, linked,
                         key=f"guide:{row.serial}", reason="guide linkage", source="guide",
                         ctx=ledger.Context(merchant=merchant.id, terminal=terminal_id,
                                            staff=row.guide_id, source_ref=row.serial),
                         debit=issued)
    return linked, ledger.balance_after(credited)


def _question(batch: PointCodeBatch | None, member_id: int) -> Question | None:
    if batch is None or batch.question_kind == "none":
        return None
    if FeedbackAnswer.select().where((FeedbackAnswer.batch == batch.id)
                                     & (FeedbackAnswer.member == member_id)).exists():
        return None
    choices = tuple((c["zh"], c.get("en", "")) for c in json.loads(batch.choices or "[]"))
    return Question(batch.question_kind, batch.question, batch.question_en, choices,
                    batch.feedback_points)


def _redeemed(row: PointCode, member_id: int, repeat: bool = False,
              linked: int | None = None, balance: int | None = None) -> Redeemed:
    """What the member is shown; ``row`` comes from :func:`_unit` (its product, merchant and
    batch attached); ``linked``: the guide's points just awarded (None: look them up);
    ``balance``: the member's balance the award returned (None: read it)."""
    if linked is None:
        guide_transfer = ledger.existing(f"guide:{row.serial}")
        linked = guide_transfer.amount if guide_transfer else 0
    return Redeemed(row.serial, row.points, row.product.name, row.product.name_en,
                    row.merchant.name, linked, _question(row.batch, member_id),
                    ledger.balance(member_id) if balance is None else balance, repeat)


def answer(text: object, member_id: int, reply: object) -> Answered:
    """The member's answer to the follow-up of a unit they redeemed; the batch's feedback
    reward once per member and batch."""
    code = typable_codes.normalise(text)
    row = PointCode.get_or_none((PointCode.serial == code) & (PointCode.redeemed_by == member_id))
    if row is None or row.batch_id is None:
        raise _not_usable()
    batch = PointCodeBatch.get_by_id(row.batch_id)
    stored = _check_reply(batch, reply)
    try:
        with write_tx():
            FeedbackAnswer.create(batch=batch.id, member=member_id, code=code, answer=stored)
            reward = batch.feedback_points
            if reward:
                ledger.award(ledger.member_account(member_id),
                             Merchant.get_by_id(batch.merchant_id), reward,
                             key=f"feedback:{batch.id}:{member_id}", reason="feedback reward",
                             source="feedback",
                             ctx=ledger.Context(merchant=batch.merchant_id, source_ref=code))
    except pw.IntegrityError:
        raise Conflict("pointcode.already_answered", "this question was already answered; "
                       "its reward is given once") from None
    return Answered(reward, ledger.balance(member_id))


def _check_reply(batch: PointCodeBatch, reply: object) -> str:
    kind = batch.question_kind
    if kind == "none":
        raise ValidationError("pointcode.no_question", "this code has no follow-up question")
    if kind == "choice":
        count = len(json.loads(batch.choices or "[]"))
        if not isinstance(reply, int) or isinstance(reply, bool) or not 0 <= reply < count:
            raise ValidationError("pointcode.bad_choice", "choose one of the {count} answers",
                                  count=count)
        return str(reply)
    if kind == "rating":
        if not isinstance(reply, int) or isinstance(reply, bool) or not 1 <= reply <= 5:
            raise ValidationError("pointcode.bad_rating", "a rating is 1 to 5 stars")
        return str(reply)
    text = reply.strip() if isinstance(reply, str) else ""
    if not text or len(text) > 500:
        raise ValidationError("pointcode.bad_text", "write an answer of 1 to 500 characters")
    return text
