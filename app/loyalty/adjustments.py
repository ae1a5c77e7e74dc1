"""Manual points adjustments from the back office: a reason from a list (plus free text),
idempotent by the window's client UUID, audited with the balance before and after, and the
member told of the change (``balance_changed``).

Who may adjust, and with whose approval (the rule):
- A merchant's **manager** adjusts only with their own merchant's points: an addition is a new
  lot issued by their merchant (their liability), a deduction takes back only points their
  merchant issued (oldest first). Every manager adjustment needs a **second manager of the
  same merchant** to approve it with their PIN: a stored single-use approval (app.approvals,
  action ``points_adjust``, target ``member:<id>``) consumed in the adjustment's transaction.
  A manager cannot approve their own request (four eyes).
- The coalition **operator** is the ledger's authority for corrections (LEDGER.md: "manual
  corrections by an operator (audited, with a reason)"): no approval, but an addition must
  name the merchant whose points these are, and a deduction takes the member's points oldest
  first whoever issued them.
Cashiers and guides never reach the back office (app.backoffice.actor), so a till-level
request cannot adjust points at all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from app import approvals
from app.backoffice.actor import Actor, audit_change
from app.db import write_tx
from app.errors import NotFound, ValidationError
from app.ledger import Context, adjust, balance, existing, member_account
from app.messaging.notices import queue_member
from app.models import Member, Merchant, Staff

ACTION = "points_adjust"
REASONS = ("missing_points", "goodwill", "correction", "fraud", "other")
# What the member's message says (the window shows its own translations of the codes).
REASON_WORDS = {
    "zh_CN": {"missing_points": "补录积分", "goodwill": "客户关怀", "correction": "更正",
              "fraud": "违规扣除", "other": "其他"},
    "en": {"missing_points": "missing points", "goodwill": "goodwill", "correction": "correction",
           "fraud": "misuse", "other": "other"},
}
MAX_POINTS = 1_000_000


def target(member_id: int) -> str:
    return f"member:{member_id}"


@dataclass(frozen=True)
class AdjustmentDone:
    transfer_id: int
    points: int
    balance: int
    approver_id: int | None
    replayed: bool  # the same client UUID again: the first adjustment, nothing new


def needs_approval(actor: Actor) -> bool:
    return not actor.is_operator


def request_approval(actor: Actor, member_id: int, manager_code: str, pin: str
                     ) -> approvals.Approval:
    """A second manager of the actor's merchant approves adjusting this member's points."""
    requester = Staff.get_by_id(actor.staff_id)
    return approvals.grant(ACTION, requester, manager_code, pin, target=target(member_id))


def _reason_text(reason: str, note: str) -> str:
    if reason not in REASONS:
        raise ValidationError("adjust.bad_reason", "choose a reason for the adjustment")
    note = (note or "").strip()
    if reason == "other" and not note:
        raise ValidationError("adjust.note_required",
                              "say why in the note when the reason is “other”")
    if len(note) > 150:
        raise ValidationError("adjust.note_long", "the note is at most 150 characters")
    return f"{reason}: {note}" if note else reason


def _points(points: object) -> int:
    if not isinstance(points, int) or isinstance(points, bool) or points == 0 \
            or abs(points) > MAX_POINTS:
        raise ValidationError("adjust.bad_points",
                              "an adjustment is a whole number of points, not zero, at most "
                              "{limit} either way", limit=MAX_POINTS)
    return points


def adjust_points(actor: Actor, member_id: int, points: int, reason: str, note: str = "", *,
                  client_uuid: str, approval: approvals.Approval | None = None,
                  issuer_id: int | None = None) -> AdjustmentDone:
    """Add (positive) or take back (negative) ``points`` of a member. See the module's rule."""
    try:
        key = f"adjust:bo:{uuid.UUID(str(client_uuid))}"
    except ValueError:
        raise ValidationError("adjust.bad_uuid", "the adjustment has no valid request id") \
            from None
    points = _points(points)
    text = _reason_text(reason, note)
    if actor.is_operator:
        if issuer_id is None and points > 0:
            raise ValidationError("adjust.issuer_required",
                                  "choose the merchant whose points these are")
    else:
        issuer_id = actor.scoped_merchant(issuer_id)
    with write_tx():
        member = Member.get_or_none(Member.id == member_id)
        if member is None:
            raise NotFound("lookup.no_member", "no member {member}", member=member_id)
        holder = member_account(member)
        done = existing(key)
        if done is not None:  # a retried request: the first answer, no second approval used
            return AdjustmentDone(done.id, points, balance(member), None, True)
        approver = None
        if needs_approval(actor):
            approver = approvals.consume(approval, action=ACTION, target=target(member.id),
                                         requester_id=actor.staff_id,
                                         merchant_id=actor.merchant_id, used_by=key)
        issuer = Merchant.get_by_id(issuer_id) if issuer_id is not None else \
            Merchant.select().order_by(Merchant.id).first()  # a deduction names no issuer
        before = balance(member)
        transfer = adjust(holder, points, key=key, reason=text, issuer=issuer,
                          ctx=Context(merchant=issuer_id, staff=actor.staff_id,
                                      source_ref=target(member.id)),
                          issuer_lots_only=not actor.is_operator)
        after = balance(member)
        audit_change(actor, ACTION, target(member.id), {"balance": before},
                     {"balance": after}, approver=approver, points=points, reason=text,
                     transfer=transfer.id, issuer=issuer_id)
        words = REASON_WORDS.get(member.language, REASON_WORDS["en"])[reason]
        queue_member(member, "balance_changed", f"balance:{key}", change=points, balance=after,
                     reason=f"{words}: {note.strip()}" if note.strip() else words)
    return AdjustmentDone(transfer.id, points, after, approver, False)
