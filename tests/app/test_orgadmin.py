"""Back-office administration of merchants, stores, terminals and staff: scope enforced by the
services, every change audited with before and after, bad input refused with a coded error
and nothing written; deactivated merchants' staff cannot sign in, deactivated terminals
cannot open. Runs on SQLite and PostgreSQL."""

import json

import pytest

from app import staff as staff_service
from app.backoffice.actor import Actor
from app.demo import DEMO_PINS
from app.errors import Conflict, PermissionDenied, ValidationError
from app.models import AuditEntry, Merchant, Staff, Store, Terminal
from app.orgadmin import merchants, people, stores, terminals
from app.till import Till


@pytest.fixture
def op(world):
    return Actor.of(world.operator)


@pytest.fixture
def m1(world):
    return Actor.of(world.manager_a)


def _audits(action):
    return [(e.target, json.loads(e.detail)) for e in
            AuditEntry.select().where(AuditEntry.action == action).order_by(AuditEntry.id)]


def register_mc(op):
    merchant = merchants.register_merchant(
        op, code="MC", name="鲜果铺", name_en="Fruit Stall", province="zhejiang",
        city="hangzhou", district="xihu", settlement_account_name="鲜果铺有限公司",
        settlement_bank="招商银行", settlement_account_no="6225 8800 1234 5678",
        settlement_email="finance@mc.example")
    store = stores.register_store(op, merchant.id, code="MC-S1", name="鲜果铺 西湖店",
                                  timezone="Asia/Shanghai")
    terminal = terminals.register_terminal(op, store.id, code="MC-T1", role="cashier")
    return merchant, store, terminal


def test_operator_registers_a_merchant_store_and_terminal_audited(world, op):
    merchant, store, terminal = register_mc(op)
    assert merchant.account_masked == "****5678"
    row = Merchant.get(Merchant.code == "MC")
    assert row.settlement_account_no == "6225880012345678" and row.city == "hangzhou"
    assert store.region == "hangzhou"  # the kiosk's offer region follows the merchant's city
    assert terminal.merchant_code == "MC" and terminal.active
    (target, detail), = _audits("merchant_registered")
    assert target == "merchant:MC" and detail["before"] is None
    assert detail["after"]["settlement_account_no"] == "****5678"  # never the full number
    assert _audits("store_registered")[0][0] == "store:MC-S1"
    assert _audits("terminal_registered")[0][1]["after"]["code"] == "MC-T1"
    # The new terminal opens as a till.
    assert Till.open("MC-T1").merchant_name == "鲜果铺"


@pytest.mark.parametrize("kind", ["merchant", "store", "terminal", "staff"])
def test_a_duplicate_code_is_refused_and_writes_nothing(world, op, kind):
    counts = {m: m.select().count() for m in (Merchant, Store, Terminal, Staff, AuditEntry)}
    with pytest.raises(Conflict) as info:
        if kind == "merchant":
            merchants.register_merchant(op, code="MA", name="x", province="shanghai",
                                        city="shanghai")
        elif kind == "store":
            stores.register_store(op, world.merchant_b.id, code="MA-S1", name="x")
        elif kind == "terminal":
            terminals.register_terminal(op, world.store_b.id, code="MA-T1")
        else:
            people.add_staff(op, code="c1", name="x", role="cashier", pin="1234",
                             merchant_id=world.merchant_b.id)
    assert info.value.code == f"org.{kind}_code_taken"
    assert {m: m.select().count() for m in counts} == counts


@pytest.mark.parametrize("fields, code", [
    ({"code": "M C"}, "org.code_format"),
    ({"name": "  "}, "org.name_required"),
    ({"city": "上海"}, "org.region_format"),
    ({"settlement_account_no": "12ab"}, "org.account_number_format"),
    ({"settlement_email": "not-mail"}, "org.email_format"),
])
def test_bad_merchant_input_is_refused_with_a_code(world, op, fields, code):
    values = {"code": "MD", "name": "店", "province": "shanghai", "city": "shanghai", **fields}
    with pytest.raises(ValidationError) as info:
        merchants.register_merchant(op, **values)
    assert info.value.code == code
    assert not Merchant.select().where(Merchant.code == values["code"]).exists()


def test_store_time_zone_is_checked_against_zoneinfo(world, m1):
    with pytest.raises(ValidationError) as info:
        stores.register_store(m1, world.merchant_a.id, code="MA-S2", name="二店",
                              timezone="Asia/Shang_hai")
    assert info.value.code == "org.bad_timezone"
    row = stores.register_store(m1, world.merchant_a.id, code="MA-S2", name="二店",
                                timezone="Asia/Urumqi")
    assert row.timezone == "Asia/Urumqi"
    with pytest.raises(ValidationError):
        stores.update_store(m1, row.id, timezone="Mars/Olympus")
    assert Store.get_by_id(row.id).timezone == "Asia/Urumqi"


def test_terminal_roles_are_checked(world, op):
    with pytest.raises(ValidationError) as info:
        terminals.register_terminal(op, world.store_a.id, code="MA-T9", role="toaster")
    assert info.value.code == "org.terminal_role"
    for role in terminals.TERMINAL_ROLES:
        assert terminals.register_terminal(op, world.store_a.id, code=f"MA-{role}",
                                           role=role).role == role


def test_merchants_are_the_operators(world, m1):
    with pytest.raises(PermissionDenied) as info:
        merchants.register_merchant(m1, code="MZ", name="x", province="a", city="b")
    assert info.value.code == "backoffice.operator_only"
    with pytest.raises(PermissionDenied):
        merchants.update_merchant(m1, world.merchant_a.id, name="改名")
    with pytest.raises(PermissionDenied):
        merchants.set_merchant_active(m1, world.merchant_a.id, False)
    assert [m.code for m in merchants.list_merchants(m1)] == ["MA"]
    with pytest.raises(PermissionDenied):
        merchants.get_merchant(m1, world.merchant_b.id)


def test_a_manager_cannot_list_or_change_another_merchants_org(world, m1):
    assert {s.code for s in stores.list_stores(m1)} == {"MA-S1"}
    assert {t.code for t in terminals.list_terminals(m1)} == {"MA-T1"}
    assert {s.code for s in people.list_staff(m1)} == {"c1", "m1", "g1"}
    a = world.merchant_a.id
    assert {s.merchant_id for s in stores.list_stores(m1)} == {a}
    assert {(t.merchant_id, t.store_id) for t in terminals.list_terminals(m1)} == {
        (a, world.store_a.id)}
    assert {s.merchant_id for s in people.list_staff(m1)} == {a}
    b = world.merchant_b.id
    refused = [
        lambda: stores.list_stores(m1, b),
        lambda: terminals.list_terminals(m1, b),
        lambda: people.list_staff(m1, b),
        lambda: stores.update_store(m1, world.store_b.id, name="x"),
        lambda: stores.set_store_active(m1, world.store_b.id, False),
        lambda: stores.register_store(m1, b, code="MB-S9", name="x"),
        lambda: terminals.register_terminal(m1, world.store_b.id, code="MB-T9"),
        lambda: terminals.set_terminal_active(m1, world.terminal_b.id, False),
        lambda: terminals.update_terminal(m1, world.terminal_b.id, role="kiosk"),
        lambda: people.add_staff(m1, code="x9", name="x", role="cashier", pin="1234",
                                 merchant_id=b),
        lambda: people.change_role(m1, world.cashier_b.id, "manager"),
        lambda: people.set_staff_active(m1, world.cashier_b.id, False),
        lambda: people.unlock(m1, world.cashier_b.id),
        lambda: people.reset_pin(m1, world.cashier_b.id, "4321"),
        lambda: people.get_staff(m1, world.operator.id),
    ]
    for call in refused:
        with pytest.raises(PermissionDenied) as info:
            call()
        assert info.value.code == "backoffice.other_merchant"
    assert Store.get_by_id(world.store_b.id).name == world.store_b.name
    assert Terminal.get_by_id(world.terminal_b.id).active
    assert Staff.get_by_id(world.cashier_b.id).role == "cashier"


def test_a_manager_edits_their_own_stores_and_terminals(world, m1):
    stores.update_store(m1, world.store_a.id, name="百联 南京东路店", address="南京东路 1 号")
    terminals.update_terminal(m1, world.terminal_a.id, role="handheld")
    (target, detail), = _audits("store_changed")
    assert detail["before"]["name"] == world.store_a.name
    assert detail["after"]["name"] == "百联 南京东路店"
    assert Terminal.get_by_id(world.terminal_a.id).role == "handheld"
    # A terminal moves only between its own merchant's stores.
    with pytest.raises(PermissionDenied):
        terminals.update_terminal(m1, world.terminal_a.id, store_id=world.store_b.id)


def test_changing_a_merchants_city_moves_its_stores_region(world, op):
    merchants.update_merchant(op, world.merchant_a.id, province="shanghai", city="shanghai")
    merchants.update_merchant(op, world.merchant_a.id, city="suzhou", province="jiangsu")
    assert Store.get_by_id(world.store_a.id).region == "suzhou"
    assert Store.get_by_id(world.store_b.id).region == "shanghai"  # another merchant's


def test_an_empty_account_number_field_is_not_sent_and_the_number_stays(world, op):
    merchants.update_merchant(op, world.merchant_a.id, settlement_account_no="6222020200112233")
    merchants.update_merchant(op, world.merchant_a.id, settlement_bank="工商银行")
    row = Merchant.get_by_id(world.merchant_a.id)
    assert row.settlement_account_no == "6222020200112233" and row.settlement_bank == "工商银行"
    assert merchants.get_merchant(op, row.id).account_masked == "****2233"


def test_deactivated_merchants_staff_cannot_sign_in_and_tills_refuse(world, op):
    merchants.set_merchant_active(op, world.merchant_b.id, False)
    with pytest.raises(PermissionDenied) as info:
        staff_service.sign_in("c2", DEMO_PINS["cashier"])
    assert info.value.code == "staff.merchant_inactive"
    with pytest.raises(PermissionDenied) as info:
        Till.open("MB-T1")
    assert info.value.code == "till.merchant_inactive"
    staff_service.sign_in("c1", DEMO_PINS["cashier"])  # the other merchant's staff still can
    merchants.set_merchant_active(op, world.merchant_b.id, True)
    assert staff_service.sign_in("c2", DEMO_PINS["cashier"]).code == "c2"
    assert [t for t, _ in _audits("merchant_deactivated")] == ["merchant:MB"]


def test_deactivated_terminal_and_closed_store_refuse_to_open(world, m1):
    terminals.set_terminal_active(m1, world.terminal_a.id, False)
    with pytest.raises(PermissionDenied) as info:
        Till.open("MA-T1")
    assert info.value.code == "till.terminal_inactive"
    terminals.set_terminal_active(m1, world.terminal_a.id, True)
    stores.set_store_active(m1, world.store_a.id, False)
    with pytest.raises(PermissionDenied) as info:
        Till.open("MA-T1")
    assert info.value.code == "till.store_inactive"
    stores.set_store_active(m1, world.store_a.id, True)
    assert Till.open("MA-T1").terminal_code == "MA-T1"
    (_, detail), = _audits("terminal_deactivated")
    assert detail["before"]["active"] is True and detail["after"]["active"] is False


def test_only_the_operator_creates_operators(world, op, m1):
    with pytest.raises(PermissionDenied):
        people.add_staff(m1, code="op2", name="x", role="operator", pin="1234", merchant_id=None)
    with pytest.raises(ValidationError) as info:
        people.add_staff(op, code="op2", name="x", role="operator", pin="1234",
                         merchant_id=world.merchant_a.id)
    assert info.value.code == "org.operator_no_merchant"
    row = people.add_staff(op, code="op2", name="二号运营", role="operator", pin="1234",
                           merchant_id=None)
    assert row.merchant_id is None and row.role == "operator"
    added = people.add_staff(m1, code="c9", name="新收银", role="cashier", pin="5555",
                             merchant_id=world.merchant_a.id)
    assert added.merchant_code == "MA"
    assert staff_service.sign_in("c9", "5555").role == "cashier"
    (target, detail), = [a for a in _audits("staff_added") if a[0] == "staff:c9"]
    assert "pin_hash" not in detail["after"] and detail["after"]["role"] == "cashier"


def test_staff_input_is_checked(world, m1):
    a = world.merchant_a.id
    for kwargs, code in [
        ({"role": "boss"}, "staff.unknown_role"),
        ({"pin": "12"}, "staff.pin_format"),
        ({"code": ""}, "org.code_format"),
        ({"merchant_id": None}, "org.staff_needs_merchant"),
        ({"merchant_id": world.merchant_b.id}, "backoffice.other_merchant"),
    ]:
        values = {"code": "c8", "name": "x", "role": "cashier", "pin": "1234",
                  "merchant_id": a, **kwargs}
        with pytest.raises((ValidationError, PermissionDenied)) as info:
            people.add_staff(m1, **values)
        assert info.value.code == code
    assert not Staff.select().where(Staff.code == "c8").exists()


def test_change_role_and_deactivate_are_audited(world, m1):
    people.change_role(m1, world.cashier_a.id, "manager")
    (target, detail), = _audits("staff_role_changed")
    assert (target, detail["before"]["role"], detail["after"]["role"]) == (
        "staff:c1", "cashier", "manager")
    with pytest.raises(ValidationError):
        people.change_role(m1, world.cashier_a.id, "operator")
    with pytest.raises(PermissionDenied) as info:
        people.set_staff_active(m1, world.manager_a.id, False)
    assert info.value.code == "org.own_deactivation"
    people.set_staff_active(m1, world.guide_a.id, False)
    with pytest.raises(Exception):  # noqa: B017  (NotFound: no active staff with that code)
        staff_service.sign_in("g1", DEMO_PINS["guide"])


def test_lock_out_is_shown_and_unlocked(world, m1):
    person = Staff.get_by_id(world.cashier_a.id)
    for _ in range(staff_service.MAX_FAILED_ATTEMPTS):
        staff_service.verify_pin(Staff.get_by_id(person.id), "0000")
    row = next(r for r in people.list_staff(m1) if r.code == "c1")
    assert row.locked and row.locked_until is not None
    with pytest.raises(PermissionDenied):
        staff_service.sign_in("c1", DEMO_PINS["cashier"])
    assert not people.unlock(m1, person.id).locked
    assert staff_service.sign_in("c1", DEMO_PINS["cashier"]).code == "c1"
    (_, detail), = _audits("staff_unlocked")
    assert detail["before"]["locked_until"] is not None and detail["after"]["locked_until"] is None


def test_a_managers_pin_reset_needs_a_stored_approval(world, m1):
    c1 = world.cashier_a.id
    with pytest.raises(PermissionDenied) as info:
        people.reset_pin(m1, c1, "4321")
    assert info.value.code == "approval.required"
    with pytest.raises(PermissionDenied):
        people.approve_pin_reset(m1, c1, "0000")  # a wrong manager PIN
    approval = people.approve_pin_reset(m1, c1, DEMO_PINS["manager"])
    people.reset_pin(m1, c1, "4321", approval)
    assert staff_service.sign_in("c1", "4321").code == "c1"
    with pytest.raises(PermissionDenied) as info:  # single use
        people.reset_pin(m1, c1, "5678", approval)
    assert info.value.code == "approval.used"
    # An approval for c1 does not reset g1's PIN.
    other = people.approve_pin_reset(m1, c1, DEMO_PINS["manager"])
    with pytest.raises(PermissionDenied) as info:
        people.reset_pin(m1, world.guide_a.id, "5678", other)
    assert info.value.code == "approval.mismatch"
    (target, detail), = _audits("staff_pin_reset")
    entry = AuditEntry.get(AuditEntry.action == "staff_pin_reset")
    assert target == "staff:c1" and entry.approver_id == world.manager_a.id
    assert "pin_hash" not in json.dumps(detail)


def test_the_operator_resets_without_approval_audited(world, op):
    people.reset_pin(op, world.manager_b.id, "8642")
    assert staff_service.sign_in("m2", "8642").code == "m2"
    entry = AuditEntry.get(AuditEntry.action == "staff_pin_reset")
    assert entry.actor_id == world.operator.id and entry.approver_id is None


def test_a_till_open_when_its_terminal_is_deactivated_can_do_no_more(world, m1):
    from app import scope

    assert scope.of_terminal(world.terminal_a.id).merchant_id == world.merchant_a.id
    terminals.set_terminal_active(m1, world.terminal_a.id, False)
    with pytest.raises(PermissionDenied) as info:
        scope.of_terminal(world.terminal_a.id)
    assert info.value.code == "scope.terminal_inactive"
    assert scope.of_terminal(world.terminal_b.id).merchant_id == world.merchant_b.id


def test_a_deactivated_terminal_sells_no_more_and_writes_nothing(world, m1):
    from app.cart import Cart
    from app.catalogue import Catalogue
    from app.checkout import Tender, TillContext, checkout
    from app.models import Sale

    ctx = TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id, None)
    cart = Cart()
    cart.add(Catalogue(world.store_a).scan("6901939621608"))
    terminals.set_terminal_active(m1, world.terminal_a.id, False)
    with pytest.raises(PermissionDenied) as info:
        checkout(cart, [Tender("cash", 1000)], ctx)
    assert info.value.code == "sale.terminal_inactive"
    assert Sale.select().count() == 0
    terminals.set_terminal_active(m1, world.terminal_a.id, True)
    assert checkout(cart, [Tender("cash", 1000)], ctx).total == 350
