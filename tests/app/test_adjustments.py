"""Back-office points adjustments (issue 8, screen 6): a reason, a second manager's stored
approval for a manager (none for the operator), a manager adjusts only their merchant's points,
idempotent by the client UUID, audited before/after, and the member is told."""

from __future__ import annotations

import json
import uuid

import pytest

from app import ledger, staff
from app.backoffice.actor import Actor
from app.db import write_tx
from app.errors import InsufficientPoints, PermissionDenied, ValidationError
from app.loyalty import adjustments
from app.models import AuditEntry, OutboxMessage, Staff, Transfer


def actor(code: str) -> Actor:
    return Actor.of(Staff.get(Staff.code == code))


@pytest.fixture
def second_manager(world):
    with write_tx():
        return staff.create_staff("m1b", "周副经理", "manager", "8888", world.merchant_a)


@pytest.fixture
def member(world):
    """The demo member holds 50 points from A and 40 from B."""
    with write_tx():
        holder = ledger.member_account(world.member)
        ledger.award(holder, world.merchant_a, 50, key="sale:adj:a", reason="r", source="sale")
        ledger.award(holder, world.merchant_b, 40, key="sale:adj:b", reason="r", source="sale")
    return world.member



def test_a_managers_adjustment_needs_a_second_managers_approval(member, world, second_manager):
    m1 = actor("m1")
    with pytest.raises(PermissionDenied) as missing:
        adjustments.adjust_points(m1, member.id, 20, "missing_points", "receipt 42",
                                  client_uuid=str(uuid.uuid4()))
    assert missing.value.code == "approval.required"
    with pytest.raises(PermissionDenied) as own:
        adjustments.request_approval(m1, member.id, "m1", "9999")
    assert own.value.code == "approval.self"
    with pytest.raises(PermissionDenied):  # another merchant's manager cannot approve
        adjustments.request_approval(m1, member.id, "m2", "9999")
    approval = adjustments.request_approval(m1, member.id, "m1b", "8888")
    done = adjustments.adjust_points(m1, member.id, 20, "missing_points", "receipt 42",
                                     client_uuid=str(uuid.uuid4()), approval=approval)
    assert (done.balance, done.approver_id) == (110, second_manager.id)
    move = Transfer.get_by_id(done.transfer_id)
    assert (move.source, move.merchant_id, move.staff_id) == ("adjustment", world.merchant_a.id,
                                                              m1.staff_id)
    assert move.reason == "missing_points: receipt 42"
    entry = AuditEntry.get(AuditEntry.action == "points_adjust")
    assert entry.approver_id == second_manager.id
    detail = json.loads(entry.detail)
    assert (detail["before"], detail["after"]) == ({"balance": 90}, {"balance": 110})
    # The approval was single use
    with pytest.raises(PermissionDenied) as used:
        adjustments.adjust_points(m1, member.id, 5, "goodwill", client_uuid=str(uuid.uuid4()),
                                  approval=approval)
    assert used.value.code == "approval.used"
    assert ledger.verify() == []


def test_the_member_is_told_and_a_retry_changes_nothing(member, world):
    op = actor("op")
    request = str(uuid.uuid4())
    done = adjustments.adjust_points(op, member.id, 15, "goodwill", "late delivery",
                                     client_uuid=request, issuer_id=world.merchant_b.id)
    assert not done.replayed and done.approver_id is None and done.balance == 105
    [message] = list(OutboxMessage.select().where(OutboxMessage.kind == "balance_changed"))
    assert "+15" in message.body and "105" in message.body and "客户关怀" in message.body
    counts = (Transfer.select().count(), OutboxMessage.select().count(),
              AuditEntry.select().where(AuditEntry.action == "points_adjust").count())
    again = adjustments.adjust_points(op, member.id, 15, "goodwill", "late delivery",
                                      client_uuid=request, issuer_id=world.merchant_b.id)
    assert again.replayed and again.transfer_id == done.transfer_id
    assert counts == (Transfer.select().count(), OutboxMessage.select().count(),
                      AuditEntry.select().where(AuditEntry.action == "points_adjust").count())


def test_a_manager_takes_back_only_their_merchants_points(member, world, second_manager):
    m1 = actor("m1")

    def approval():
        return adjustments.request_approval(m1, member.id, "m1b", "8888")

    with pytest.raises(InsufficientPoints):  # 60 > the 50 that A issued (B's 40 untouched)
        adjustments.adjust_points(m1, member.id, -60, "correction", client_uuid=str(uuid.uuid4()),
                                  approval=approval())
    assert ledger.balance(member) == 90
    done = adjustments.adjust_points(m1, member.id, -50, "fraud", "returned goods",
                                     client_uuid=str(uuid.uuid4()), approval=approval())
    assert done.balance == 40
    with pytest.raises(PermissionDenied) as other:
        adjustments.adjust_points(m1, member.id, 5, "goodwill", client_uuid=str(uuid.uuid4()),
                                  approval=approval(), issuer_id=world.merchant_b.id)
    assert other.value.code == "backoffice.other_merchant"
    # The operator takes back whoever issued the points, oldest first.
    adjustments.adjust_points(actor("op"), member.id, -40, "correction",
                              client_uuid=str(uuid.uuid4()))
    assert ledger.balance(member) == 0
    assert ledger.verify() == []


@pytest.mark.parametrize("points, reason, note, code", [
    (0, "goodwill", "", "adjust.bad_points"),
    (True, "goodwill", "", "adjust.bad_points"),
    (2_000_000, "goodwill", "", "adjust.bad_points"),
    (5, "because", "", "adjust.bad_reason"),
    (5, "other", "  ", "adjust.note_required"),
    (5, "other", "x" * 151, "adjust.note_long"),
])
def test_bad_input_is_refused_and_writes_nothing(member, points, reason, note, code):
    before = Transfer.select().count(), AuditEntry.select().count()
    with pytest.raises(ValidationError) as bad:
        adjustments.adjust_points(actor("op"), member.id, points, reason, note,
                                  client_uuid=str(uuid.uuid4()), issuer_id=1)
    assert bad.value.code == code
    assert (Transfer.select().count(), AuditEntry.select().count()) == before


def test_the_operator_names_the_issuer_of_an_addition(member):
    with pytest.raises(ValidationError) as bad:
        adjustments.adjust_points(actor("op"), member.id, 5, "goodwill",
                                  client_uuid=str(uuid.uuid4()))
    assert bad.value.code == "adjust.issuer_required"
    with pytest.raises(ValidationError) as no_uuid:
        adjustments.adjust_points(actor("op"), member.id, 5, "goodwill", client_uuid="nope",
                                  issuer_id=1)
    assert no_uuid.value.code == "adjust.bad_uuid"
