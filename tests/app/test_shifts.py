"""Shifts on SQLite and PostgreSQL: one open shift per terminal, the closing count, Z numbers,
and X/Z figures that add up to the cent."""

from __future__ import annotations

import dataclasses
import json
import threading
import uuid

import pytest

from app import approvals, ledger, refunds, shifts
from app.cart import Cart
from app.catalogue import Catalogue
from app.checkout import Tender, TillContext, checkout
from app.db import database, write_tx
from app.errors import NotFound, PermissionDenied, ValidationError
from app.models import AuditEntry, SaleLine, Shift, Terminal

COLA = "6901939621608"  # ¥3.50, 13 %
WATER = "6921168509256"  # ¥2.00, 13 %, 5 bonus points
APPLES_1234G = "2000101012344"  # 1.234 kg × ¥12.98/kg, 9 %


def sell(world, shift, items, tenders, *, member=False):
    cat = Catalogue(world.store_a)
    cart = Cart()
    for code, qty in items:
        cart.add(cat.scan(code), quantity=qty)
    if member:
        cart.member_id = world.member.id
    ctx = TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id, shift.id)
    return checkout(cart, tenders, ctx)


def give_back(world, shift, kind, sale_id, lines=None):
    """A refund or void through the refund service, approved by the manager."""
    ctx = TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id, shift.id)
    approval = approvals.grant(kind, world.cashier_a, "m1", "9999",
                               target=approvals.sale_target(sale_id))
    return refunds.refund(sale_id, lines, ctx, approval, str(uuid.uuid4()), kind=kind)


def test_shift_figures_cash_card_points_refund_void(world):
    with write_tx():
        ledger.award(ledger.member_account(world.member), world.merchant_a, 500,
                     key="adjust:test-seed-points", reason="seed", source="adjustment")
    shift = shifts.open_shift(world.terminal_a, world.cashier_a, 20000)

    # Cash with change: 3 × ¥3.50 + apples ¥16.02 = ¥26.52; ¥50 handed over, ¥23.48 back.
    a = sell(world, shift, [(COLA, 3), (APPLES_1234G, 1)], [Tender("cash", 5000)], member=True)
    assert (a.total, a.change) == (2652, 2348)
    # Card: 2 × ¥3.50.
    b = sell(world, shift, [(COLA, 2)], [Tender("card", 700, reference="AUTH01")])
    # Points only: one water, 200 points.
    c = sell(world, shift, [(WATER, 1)], [Tender("points", points=200)], member=True)
    assert c.points_spent == 200 and c.change == 0
    # Refund one cola of sale A in cash; void sale B back to the card.
    cola_line = SaleLine.get((SaleLine.sale == a.sale_id) & (SaleLine.line_no == 1))
    back = give_back(world, shift, "refund", a.sale_id, {cola_line.id: 1})
    assert (back.money_back, back.tender, back.points_shortfall) == (350, "cash", 0)
    voided = give_back(world, shift, "void", b.sale_id)
    assert (voided.money_back, voided.tender) == (700, "card")

    x = shifts.x_report(shift)
    assert x.kind == "X" and x.z_number is None and x.cash.counted is None
    assert x.sales == shifts.KindTotals(
        count=3, gross=3552, discount=0, total=3552,
        tax=121 + 132 + 81 + 23,  # per line: 1050→121, 1602→132, 700→81, 200→23
        items=3 + 1 + 2 + 1, change=2348, points_earned=a.points_earned + c.points_earned,
        points_spent=200, member_count=2,
    )
    assert (x.refunds.count, x.refunds.total, x.refunds.tax) == (1, 350, 40)  # 121 × 1/3
    assert x.refunds.points_earned == back.points_reversed > 0
    assert (x.voids.count, x.voids.total, x.voids.tax) == (1, 700, 81)
    assert x.gross == 3552 and x.discounts == 0
    assert x.net == 3552 - 350 - 700 == 2502
    assert x.tax == 357 - 40 - 81
    assert x.tax_by_rate == (
        shifts.TaxRow(900, 1602, 132),
        shifts.TaxRow(1300, 1050 + 700 + 200 - 350 - 700, 121 + 81 + 23 - 40 - 81),
    )
    assert sum(t.total for t in x.tax_by_rate) == x.net
    assert x.tenders == (
        shifts.TenderRow("cash", 1, 2652, 1, 350),
        shifts.TenderRow("card", 1, 700, 1, 700),
        shifts.TenderRow("points", 1, 200, 0, 0, points=200),
    )
    assert sum(t.net for t in x.tenders) == x.net
    assert x.points_earned == a.points_earned + c.points_earned - back.points_reversed
    assert x.points_spent == 200
    # Drawer: float ¥200 + cash kept on A (¥50 − ¥23.48) − ¥3.50 refunded.
    assert x.cash == shifts.CashSummary(
        opening_float=20000, cash_tendered=5000, change_given=2348, cash_sales=2652,
        cash_refunds=350, expected=20000 + 2652 - 350,
    )
    assert x.top_lines[0].name == "红富士苹果" and x.top_lines[0].quantity == 1234
    assert x.first_receipt_no == "MA-T1-000001" and x.last_receipt_no == "MA-T1-000005"

    # ¥100×2 + ¥20 + ¥1×2 + ¥0.5 + ¥0.1×3 = ¥222.80: ¥0.22 short of ¥223.02.
    closed = shifts.close_shift(shift, world.cashier_a,
                                {10000: 2, 2000: 1, 100: 2, 50: 1, 10: 3, 5000: 0})
    assert closed.closed_at is not None and closed.z_number == 1
    assert (closed.expected_cash, closed.counted_cash) == (22302, 22280)
    assert json.loads(closed.denomination_counts) == {
        "10000": 2, "2000": 1, "100": 2, "50": 1, "10": 3}

    z = shifts.z_report(closed)
    assert z.kind == "Z" and z.z_number == 1 and z.closed_by_name == world.cashier_a.name
    assert z.cash.expected == 22302 and z.cash.counted == 22280 and z.cash.difference == -22
    assert z.cash.denominations == ((10000, 2), (2000, 1), (100, 2), (50, 1), (10, 3))
    # Everything but the cash count and the stamp is the X report's figures.
    assert dataclasses.replace(z, kind="X", z_number=None, closed_at=None, closed_by_name="",
                               generated_at=x.generated_at, cash=x.cash) == x
    assert z.store_name == "百联超市 南京路店" and z.terminal_code == "MA-T1"
    assert z.timezone == "Asia/Shanghai"


def test_z_report_is_idempotent_and_over_is_positive(world):
    shift = shifts.open_shift(world.terminal_a, world.cashier_a, 10000)
    sell(world, shift, [(COLA, 1)], [Tender("cash", 1000)])
    shifts.close_shift(shift, world.manager_a, {10000: 1, 500: 1})  # ¥105 for ¥103.50
    first = shifts.z_report(shift.id)
    again = shifts.z_report(shift.id)
    assert dataclasses.replace(again, generated_at=first.generated_at) == first
    assert first.cash.expected == 10350 and first.cash.difference == 150
    assert first.closed_by_name == world.manager_a.name


def test_closing_twice_is_refused_and_changes_nothing(world):
    shift = shifts.open_shift(world.terminal_a, world.cashier_a, 5000)
    closed = shifts.close_shift(shift, world.cashier_a, {1000: 5})
    with pytest.raises(shifts.ShiftClosed, match="already closed"):
        shifts.close_shift(shift, world.manager_a, {10000: 9})
    again = Shift.get_by_id(shift.id)
    assert (again.z_number, again.counted_cash, again.closed_by_id) == (
        closed.z_number, 5000, world.cashier_a.id)
    assert Terminal.get_by_id(world.terminal_a.id).next_z_seq == 2
    actions = [e.action for e in AuditEntry.select().where(
        AuditEntry.target == f"shift:{shift.id}").order_by(AuditEntry.id)]
    assert actions == ["shift_open", "shift_close"]
    detail = json.loads(AuditEntry.get(AuditEntry.action == "shift_close").detail)
    assert detail["z_number"] == 1 and detail["difference"] == 0


def test_one_open_shift_per_terminal(world):
    first = shifts.open_shift(world.terminal_a, world.cashier_a, 10000)
    with pytest.raises(shifts.ShiftAlreadyOpen):
        shifts.open_shift(world.terminal_a, world.manager_a, 10000)
    assert shifts.current_shift(world.terminal_a).id == first.id
    # Another terminal is independent.
    other = shifts.open_shift(world.terminal_b, world.cashier_b, 0)
    assert shifts.current_shift(world.terminal_b.id).id == other.id
    shifts.close_shift(first, world.cashier_a, {})
    assert shifts.current_shift(world.terminal_a) is None
    assert shifts.open_shift(world.terminal_a, world.cashier_a, 0).id != first.id


def test_racing_openers_get_one_shift(world):
    """Two tills (two connections) open a shift on one terminal at the same moment."""
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def opener() -> None:
        try:
            barrier.wait()
            shifts.open_shift(world.terminal_a.id, world.cashier_a.id, 10000)
            outcomes.append("opened")
        except shifts.ShiftAlreadyOpen:
            outcomes.append("refused")
        finally:
            database.close()

    threads = [threading.Thread(target=opener) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["opened", "refused", "refused", "refused"]
    assert Shift.select().where(Shift.terminal == world.terminal_a,
                                Shift.closed_at.is_null()).count() == 1


def test_x_report_changes_nothing(world):
    shift = shifts.open_shift(world.terminal_a, world.cashier_a, 10000)
    sell(world, shift, [(COLA, 2)], [Tender("cash", 700)])
    audits = AuditEntry.select().count()
    first = shifts.x_report(shift)
    second = shifts.x_report(shift)
    assert dataclasses.replace(second, generated_at=first.generated_at) == first
    assert first.cash.expected == 10700 and first.sales.count == 1
    row = Shift.get_by_id(shift.id)
    assert row.closed_at is None and row.z_number is None and row.expected_cash is None
    assert Terminal.get_by_id(world.terminal_a.id).next_z_seq == 1
    assert AuditEntry.select().count() == audits
    with pytest.raises(ValidationError, match="still open"):
        shifts.z_report(shift)
    shifts.close_shift(shift, world.cashier_a, {})
    with pytest.raises(shifts.ShiftClosed):
        shifts.x_report(shift)


def test_z_numbers_increase_per_terminal(world):
    numbers = []
    for _ in range(3):
        shift = shifts.open_shift(world.terminal_a, world.cashier_a, 0)
        numbers.append(shifts.close_shift(shift, world.cashier_a, {}).z_number)
    other = shifts.open_shift(world.terminal_b, world.cashier_b, 0)
    assert numbers == [1, 2, 3]
    assert shifts.close_shift(other, world.cashier_b, {}).z_number == 1
    assert shifts.z_report(shift).z_number == 3


def test_an_empty_shift_reports_zeros(world):
    shift = shifts.open_shift(world.terminal_a, world.cashier_a, 30000)
    x = shifts.x_report(shift)
    assert x.net == 0 and x.tenders == () and x.tax_by_rate == () and x.top_lines == ()
    assert x.cash.expected == 30000 and x.first_receipt_no == ""


def test_selling_into_a_closed_shift_is_refused(world):
    shift = shifts.open_shift(world.terminal_a, world.cashier_a, 0)
    shifts.close_shift(shift, world.cashier_a, {})
    with pytest.raises(ValidationError, match="closed"):
        sell(world, shift, [(COLA, 1)], [Tender("cash", 350)])


@pytest.mark.parametrize(
    "counts, message",
    [({2500: 1}, "note or coin"), ({100: -1}, "≥ 0"), ({100: 1.5}, "≥ 0"),
     ({"abc": 1}, "denomination"), ({0: 1}, "note or coin"), ({100: True}, "≥ 0")],
)
def test_bad_counts_are_refused_and_the_shift_stays_open(world, counts, message):
    shift = shifts.open_shift(world.terminal_a, world.cashier_a, 0)
    with pytest.raises(ValidationError, match=message):
        shifts.close_shift(shift, world.cashier_a, counts)
    assert shifts.current_shift(world.terminal_a).id == shift.id


def test_string_keys_from_json_are_counted():
    assert shifts.count_denominations({"10000": 1, "50": 3}) == (10150, ((10000, 1), (50, 3)))


def test_opening_and_closing_rules(world):
    for bad in (-1, 10.0, True):
        with pytest.raises(ValidationError):
            shifts.open_shift(world.terminal_a, world.cashier_a, bad)
    with pytest.raises(PermissionDenied):
        shifts.open_shift(world.terminal_a, world.guide_a, 0)
    with pytest.raises(PermissionDenied, match="merchant"):
        shifts.open_shift(world.terminal_a, world.cashier_b, 0)
    shift = shifts.open_shift(world.terminal_a, world.cashier_a, 0)
    with pytest.raises(PermissionDenied):
        shifts.close_shift(shift, world.guide_a, {})
    with pytest.raises(PermissionDenied):  # another merchant's manager
        shifts.close_shift(shift, world.manager_b, {})
    assert shifts.current_shift(world.terminal_a).id == shift.id


def test_shift_refusals_carry_a_code_and_params(world):
    """The window translates these by code (ui/errors.py): each names its figures."""
    first = shifts.open_shift(world.terminal_a, world.cashier_a, 10000)
    with pytest.raises(shifts.ShiftAlreadyOpen) as twice:
        shifts.open_shift(world.terminal_a, world.manager_a, 0)
    assert twice.value.code == "shift.already_open_since"
    assert twice.value.params["shift"] == first.id
    with pytest.raises(ValidationError) as negative:
        shifts.open_shift(world.terminal_b, world.cashier_b, -1)
    assert negative.value.code == "shift.float_negative"
    with pytest.raises(ValidationError) as coin:
        shifts.count_denominations({2500: 1}, "CNY")
    assert (coin.value.code, coin.value.params) == (
        "shift.denomination_unknown", {"denomination": 2500, "currency": "CNY"})
    with pytest.raises(ValidationError) as still_open:
        shifts.z_report(first)
    assert still_open.value.code == "shift.still_open"
    closed = shifts.close_shift(first, world.cashier_a, {})
    with pytest.raises(shifts.ShiftClosed) as after:
        shifts.x_report(first)
    assert (after.value.code, after.value.params) == ("shift.closed_final",
                                                      {"z": closed.z_number})
    with pytest.raises(NotFound) as unknown:
        shifts.x_report(first.id + 1000)
    assert (unknown.value.code, unknown.value.params) == ("shift.unknown",
                                                          {"shift": first.id + 1000})
