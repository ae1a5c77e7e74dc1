"""Stored approvals on SQLite and PostgreSQL: single-use, bound to one action, one target and one
requester, short-lived, scoped to the approver's merchant, used up by the action they approve."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import timedelta

import pytest

from app import approvals, refunds, shifts, staff
from app.approvals import Approval
from app.cart import Cart
from app.catalogue import Catalogue
from app.checkout import Tender, TillContext, checkout
from app.clock import utcnow
from app.db import write_tx
from app.errors import PermissionDenied, ValidationError
from app.models import ApprovalGrant, AuditEntry, Sale, SaleLine, Shift
from app.till import Till

COLA = "6901939621608"  # ¥3.50


def ctx(world, cashier=None, shift_id=None) -> TillContext:
    who = cashier or world.cashier_a
    return TillContext(world.store_a.id, world.terminal_a.id, who.id, shift_id)


def sell(world, qty=2):
    cart = Cart()
    cart.add(Catalogue(world.store_a).scan(COLA), quantity=qty)
    return checkout(cart, [Tender("cash", 100_00)], ctx(world))


def grant(world, action, target, requester=None):
    return approvals.grant(action, requester or world.cashier_a, "m1", "9999",
                           world.terminal_a.id, target)


def refund_with(world, sale, approval, lines=None, cashier=None):
    return refunds.refund(sale.sale_id, lines, ctx(world, cashier), approval, str(uuid.uuid4()))


def unused(approval: Approval) -> bool:
    return ApprovalGrant.get(ApprovalGrant.token == uuid.UUID(approval.token)).consumed_at is None


def refunds_of(sale) -> int:
    return Sale.select().where(Sale.original == sale.sale_id).count()


def test_one_refund_approval_pays_out_one_refund(world):
    first, second = sell(world), sell(world)
    line = SaleLine.get(SaleLine.sale == first.sale_id)
    approval = grant(world, "refund", approvals.sale_target(first.sale_id))
    refund_with(world, first, approval, {line.id: 1})
    assert not unused(approval)
    with pytest.raises(PermissionDenied) as used:  # the rest of the same sale
        refund_with(world, first, approval)
    assert used.value.code == "approval.used"
    with pytest.raises(PermissionDenied) as other:  # another sale
        refund_with(world, second, approval)
    assert other.value.code == "approval.mismatch"
    assert (refunds_of(first), refunds_of(second)) == (1, 0)


def test_forged_and_mismatched_handles_are_refused(world):
    sale = sell(world)
    target = approvals.sale_target(sale.sale_id)
    later = utcnow() + timedelta(minutes=5)
    # The old attack: a handle made up by the caller, "approved" by the cashier themself.
    made_up = Approval(str(uuid.uuid4()), "void", target, world.cashier_a.id,
                       world.cashier_a.id, later)
    with pytest.raises(PermissionDenied) as forged:
        refunds.void_sale(sale.sale_id, ctx(world), made_up, str(uuid.uuid4()))
    assert forged.value.code == "approval.required"
    not_a_token = dataclasses.replace(made_up, token="'; drop table sale; --")
    with pytest.raises(PermissionDenied):
        refunds.void_sale(sale.sale_id, ctx(world), not_a_token, str(uuid.uuid4()))

    real = grant(world, "refund", target)
    # A real token relabelled for another action: the stored grant decides, not the handle.
    with pytest.raises(PermissionDenied) as relabelled:
        refunds.void_sale(sale.sale_id, ctx(world), dataclasses.replace(real, action="void"),
                          str(uuid.uuid4()))
    assert relabelled.value.code == "approval.mismatch"
    other_sale = sell(world)
    with pytest.raises(PermissionDenied) as other_target:
        refund_with(world, other_sale, dataclasses.replace(
            real, target=approvals.sale_target(other_sale.sale_id)))
    assert other_target.value.code == "approval.mismatch"
    colleague = staff.create_staff("c9", "周敏", "cashier", "2468", world.merchant_a)
    with pytest.raises(PermissionDenied) as other_requester:
        refund_with(world, sale, real, cashier=colleague)
    assert other_requester.value.code == "approval.mismatch"
    assert unused(real) and Sale.select().where(Sale.kind != "sale").count() == 0
    # The handle's claimed approver means nothing: the grant's manager is recorded.
    result = refund_with(world, sale, dataclasses.replace(real, approver_id=world.cashier_a.id))
    assert Sale.get_by_id(result.sale_id).approved_by_id == world.manager_a.id


def test_another_merchants_manager_cannot_approve(world):
    sale = sell(world)
    target = approvals.sale_target(sale.sale_id)
    with pytest.raises(PermissionDenied) as named:
        approvals.grant("refund", world.cashier_a, "m2", "9999", world.terminal_a.id, target)
    assert named.value.code == "approval.other_merchant"
    # Merchant B's manager approves B's cashier; the handle is no good at merchant A's till.
    b_grant = approvals.grant("refund", world.cashier_b, "m2", "9999", world.terminal_b.id,
                              target)
    with write_tx(), pytest.raises(PermissionDenied) as scoped:
        approvals.consume(b_grant, action="refund", target=target,
                          requester_id=world.cashier_b.id, merchant_id=world.merchant_a.id)
    assert scoped.value.code == "approval.other_merchant"
    with pytest.raises(PermissionDenied):
        refund_with(world, sale, b_grant, cashier=world.cashier_b)
    assert unused(b_grant) and refunds_of(sale) == 0


def test_an_expired_approval_is_refused(world):
    sale = sell(world)
    approval = grant(world, "refund", approvals.sale_target(sale.sale_id))
    with write_tx():
        ApprovalGrant.update(expires_at=utcnow() - timedelta(seconds=1)).where(
            ApprovalGrant.token == uuid.UUID(approval.token)).execute()
    with pytest.raises(PermissionDenied) as expired:
        refund_with(world, sale, approval)
    assert expired.value.code == "approval.expired"
    assert refunds_of(sale) == 0


def test_an_action_that_fails_leaves_its_approval_unused(world):
    sale = sell(world, qty=2)
    line = SaleLine.get(SaleLine.sale == sale.sale_id)
    approval = grant(world, "refund", approvals.sale_target(sale.sale_id))
    with pytest.raises(ValidationError):
        refund_with(world, sale, approval, {line.id: 3})  # more than was sold
    assert unused(approval)
    assert refund_with(world, sale, approval, {line.id: 2}).money_back == 700
    assert not unused(approval)


def test_no_sale_and_cart_changes_use_an_approval_for_their_own_target(world):
    terminal = approvals.terminal_target(world.terminal_a.id)
    drawer = grant(world, "no_sale", terminal)
    refunds.no_sale(ctx(world), drawer, "change for a note")
    with pytest.raises(PermissionDenied) as again:
        refunds.no_sale(ctx(world), drawer, "again")
    assert again.value.code == "approval.used"
    other_till = grant(world, "no_sale", approvals.terminal_target(world.terminal_b.id))
    with pytest.raises(PermissionDenied):
        refunds.no_sale(ctx(world), other_till)

    cart = str(uuid.uuid4())
    discount = grant(world, "discount", approvals.cart_target(cart))
    with pytest.raises(PermissionDenied):  # another cart
        refunds.record_cart_action("discount", ctx(world), discount, str(uuid.uuid4()))
    refunds.record_cart_action("discount", ctx(world), discount, cart, amount=500)
    with pytest.raises(PermissionDenied):
        refunds.record_cart_action("discount", ctx(world), discount, cart, amount=900)
    audited = [(a.action, a.approver_id) for a in AuditEntry.select().where(
        AuditEntry.action.in_(["no_sale", "discount"])).order_by(AuditEntry.id)]
    assert audited == [("no_sale", world.manager_a.id), ("discount", world.manager_a.id)]


def test_shift_close_and_devices_screen_use_their_approval(world):
    till = Till(world.terminal_a)
    till.sign_in("c1", "1111")
    till.open_shift(10000)
    shift_id = till.shift_id
    wrong = till.approve("shift_close", "9999", approvals.shift_target(shift_id + 1))
    with pytest.raises(PermissionDenied):
        till.close_shift({}, wrong)
    assert Shift.get_by_id(shift_id).closed_at is None
    approval = till.approve("shift_close", "9999", approvals.shift_target(shift_id))
    report = till.close_shift({10000: 1}, approval)
    assert report.closed_by_name == world.manager_a.name and not unused(approval)
    with pytest.raises(shifts.ShiftClosed):
        shifts.close_shift(shift_id, world.cashier_a, {}, approval)

    devices = till.approve("devices", "9999", till.approval_target())
    till.open_devices(devices)
    with pytest.raises(PermissionDenied):
        till.open_devices(devices)
    assert AuditEntry.select().where(AuditEntry.action == "devices").count() == 1
