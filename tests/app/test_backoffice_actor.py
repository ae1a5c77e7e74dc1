"""The back office's scope: operators see every merchant, a manager only their own; cashiers
and guides do not sign in; every change is audited with before and after."""

import json

import pytest

from app.backoffice import actor as actors
from app.backoffice.overview import overview
from app.demo import DEMO_PINS
from app.errors import NotFound, PermissionDenied
from app.models import AuditEntry, Merchant, Store


def test_operator_and_manager_sign_in_with_their_scope(world):
    op = actors.sign_in("op", DEMO_PINS["operator"])
    assert op.is_operator and op.merchant_id is None
    m1 = actors.sign_in("m1", DEMO_PINS["manager"])
    assert not m1.is_operator and m1.merchant_id == world.merchant_a.id
    assert overview(op).merchants == 2
    assert overview(m1).merchants == 1 and overview(m1).merchant_name == world.merchant_a.name


@pytest.mark.parametrize("code, role", [("c1", "cashier"), ("g1", "guide")])
def test_cashiers_and_guides_are_refused(world, code, role):
    with pytest.raises(PermissionDenied) as info:
        actors.sign_in(code, DEMO_PINS[role])
    assert info.value.code == "backoffice.role_refused"


def test_wrong_pin_and_unknown_code_are_refused(world):
    with pytest.raises(PermissionDenied):
        actors.sign_in("op", "0000")
    with pytest.raises(NotFound):
        actors.sign_in("nobody", "1234")


def test_a_manager_is_refused_another_merchants_data(world):
    m1 = actors.sign_in("m1", DEMO_PINS["manager"])
    m1.check_merchant(world.merchant_a.id)
    with pytest.raises(PermissionDenied) as info:
        m1.check_merchant(world.merchant_b.id)
    assert info.value.code == "backoffice.other_merchant"
    with pytest.raises(PermissionDenied):
        m1.check_merchant(None)  # coalition-wide rows are the operator's
    with pytest.raises(PermissionDenied):
        m1.scoped_merchant(world.merchant_b.id)
    assert m1.scoped_merchant(None) == world.merchant_a.id
    codes = [s.code for s in m1.merchants(Store.select(), Store.merchant)]
    assert codes == [world.store_a.code]
    with pytest.raises(PermissionDenied):
        m1.require_operator()


def test_audit_change_records_who_and_before_after(world):
    op = actors.sign_in("op", DEMO_PINS["operator"])
    merchant = Merchant.get_by_id(world.merchant_b.id)
    before = actors.row_dict(merchant)
    merchant.name = "茶语轩 新"
    merchant.save()
    entry = actors.audit_change(op, "merchant.edit", f"merchant:{merchant.id}", before,
                                actors.row_dict(merchant))
    row = AuditEntry.get_by_id(entry.id)
    detail = json.loads(row.detail)
    assert row.actor_id == op.staff_id
    assert detail["before"]["name"] == "茶语轩" and detail["after"]["name"] == "茶语轩 新"
