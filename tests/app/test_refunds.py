"""Refunds and voids: manager approval, exact money and points reversal, audit that cannot change."""

from __future__ import annotations

import json
import uuid

import peewee as pw
import pytest

from app import approvals, ledger, payments, shifts
from app.cart import Cart
from app.catalogue import Catalogue
from app.checkout import Tender, TillContext, checkout
from app.db import write_tx
from app.errors import IdempotencyConflict, NotFound, PermissionDenied, ValidationError
from app.models import (
    ApprovalGrant,
    AuditEntry,
    Payment,
    PaymentRecord,
    Sale,
    SaleLine,
    Setting,
    Terminal,
    Transfer,
)
from app.refunds import (
    RefundTender,
    find_by_receipt,
    no_sale,
    preview_refund,
    refund,
    refundable_lines,
    split_by_tenders,
    void_sale,
)


def till(world) -> TillContext:
    return TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id)


def sell(world, qty=10, tenders=None, member=True):
    cart = Cart()
    cart.add(Catalogue(world.store_a).scan("6901939621608"), quantity=qty)  # ¥3.50 each
    if member:
        cart.member_id = world.member.id
    return checkout(cart, tenders or [Tender("cash", 100_00)], till(world))


def approval(world, action, target):
    return approvals.grant_by_pin(action, world.cashier_a, "9999", world.terminal_a.id, target)


def for_sale(world, sale, action="refund"):
    return approval(world, action, approvals.sale_target(sale.sale_id))


def test_partial_then_full_refund_adds_up_exactly(world):
    sale = sell(world, qty=3)  # ¥10.50 → 10 points
    line = refundable_lines(sale.sale_id)[0]
    first = refund(sale.sale_id, {line.line_id: 1}, till(world), for_sale(world, sale),
                   str(uuid.uuid4()))
    assert first.money_back == 350 and first.points_reversed == 10 * 1 // 3
    rest = refund(sale.sale_id, None, till(world), for_sale(world, sale), str(uuid.uuid4()))
    assert first.money_back + rest.money_back == 1050
    assert first.points_reversed + rest.points_reversed == 10
    assert ledger.balance(world.member) == 0
    assert refundable_lines(sale.sale_id) == []
    with pytest.raises(ValidationError, match="already been refunded"):
        refund(sale.sale_id, None, till(world), for_sale(world, sale), str(uuid.uuid4()))
    assert ledger.verify() == []


def test_refund_is_idempotent_by_client_uuid(world):
    sale = sell(world)
    key = str(uuid.uuid4())
    a = refund(sale.sale_id, None, till(world), for_sale(world, sale), key)
    b = refund(sale.sale_id, None, till(world), for_sale(world, sale), key)
    assert b.replayed and b.sale_id == a.sale_id and b.money_back == a.money_back
    assert Sale.select().where(Sale.kind == "refund").count() == 1


def test_spent_earned_points_are_deducted_from_the_money(world):
    sale = sell(world, qty=10)  # ¥35.00 → 35 points
    spend_cart = Cart()
    spend_cart.add(Catalogue(world.store_a).scan("6921168509256"))  # ¥2.00 +5 bonus
    spend_cart.member_id = world.member.id
    checkout(spend_cart, [Tender("points", points=30), Tender("cash", 170)], till(world))
    held = ledger.balance(world.member)  # 5 left of the lot + 1 + 5 bonus from the 2nd sale
    result = refund(sale.sale_id, None, till(world), for_sale(world, sale), str(uuid.uuid4()))
    assert result.points_reversed == 5 and result.points_shortfall == 30
    assert result.shortfall_deduction == 30 and result.money_back == 3500 - 30
    assert ledger.balance(world.member) == held - 5
    assert ledger.verify() == []


def test_refund_of_points_paid_sale_restores_lots_with_their_issuer(world):
    mb_account = ledger.member_account(world.member)
    from app.db import write_tx

    with write_tx():
        ledger.award(mb_account, world.merchant_b, 500, key="adjust:t-seed", reason="seed",
                     source="adjustment")
    sale = sell(world, qty=2, tenders=[Tender("points", points=500), Tender("cash", 200)])
    assert ledger.balance(world.member) == 2  # earned on ¥2.00 of money
    result = refund(sale.sale_id, None, till(world), for_sale(world, sale), str(uuid.uuid4()))
    assert result.points_restored == 500 and result.money_back == 200
    assert ledger.balance(world.member) == 500
    restored = Transfer.get(Transfer.idempotency_key.endswith(":spend") & Transfer.reverses.is_null(False))
    assert {lot.issuer_id for lot in restored.lot_set} == {world.merchant_b.id}
    assert ledger.verify() == []


def test_refund_needs_a_manager_and_not_oneself(world):
    sale = sell(world)
    with pytest.raises(PermissionDenied):
        refund(sale.sale_id, None, till(world), None, str(uuid.uuid4()))
    with pytest.raises(PermissionDenied, match="wrong"):
        approvals.grant_by_pin("refund", world.cashier_a, "0000")
    with pytest.raises(PermissionDenied, match="own action"):
        approvals.grant("refund", world.manager_a, "m1", "9999")
    wrong_action = approval(world, "no_sale", approvals.sale_target(sale.sale_id))
    with pytest.raises(PermissionDenied):
        refund(sale.sale_id, None, till(world), wrong_action, str(uuid.uuid4()))


def test_repeated_wrong_pins_lock_approval(world):
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            approvals.grant_by_pin("refund", world.cashier_a, "1234")
    with pytest.raises(PermissionDenied, match="locked"):
        approvals.grant_by_pin("refund", world.cashier_a, "9999")


def test_void_and_no_sale_are_audited_and_the_audit_log_is_immutable(world):
    sale = sell(world)
    void_sale(sale.sale_id, till(world), for_sale(world, sale, "void"), str(uuid.uuid4()))
    no_sale(till(world), approval(world, "no_sale", approvals.terminal_target(world.terminal_a.id)),
            reason="change for a note")
    actions = [a.action for a in AuditEntry.select().order_by(AuditEntry.id)]
    assert "void" in actions and "no_sale" in actions
    assert Sale.get(Sale.kind == "void").lines.count() == 1
    entry = AuditEntry.select().first()
    with pytest.raises(pw.DatabaseError):
        AuditEntry.update(action="tampered").where(AuditEntry.id == entry.id).execute()
    with pytest.raises(pw.DatabaseError):
        AuditEntry.delete().execute()
    with pytest.raises(pw.DatabaseError):
        Transfer.delete().execute()


def test_refund_quantities_are_checked(world):
    sale = sell(world, qty=2)
    line = SaleLine.get(SaleLine.sale == sale.sale_id)
    for bad in (0, -1, 3):
        with pytest.raises(ValidationError):
            refund(sale.sale_id, {line.id: bad}, till(world), for_sale(world, sale),
                   str(uuid.uuid4()))


# -- merchant scope ---------------------------------------------------------------------------
def b_till(world) -> TillContext:
    return TillContext(world.store_b.id, world.terminal_b.id, world.cashier_b.id)


def test_another_merchants_till_cannot_refund_or_look_up_a_sale(world):
    sale = sell(world, member=False)
    receipt = Sale.get_by_id(sale.sale_id).receipt_no
    b_approval = approvals.grant("refund", world.cashier_b, "m2", "9999", world.terminal_b.id,
                                 approvals.sale_target(sale.sale_id))
    with pytest.raises(PermissionDenied) as refused:
        refund(sale.sale_id, None, b_till(world), b_approval, str(uuid.uuid4()))
    assert refused.value.code == "scope.refund_other_merchant"
    # The client cannot claim A's store from B's terminal: the scope comes from the terminal.
    claims_a = TillContext(world.store_a.id, world.terminal_b.id, world.cashier_b.id)
    with pytest.raises(PermissionDenied):
        refund(sale.sale_id, None, claims_a, b_approval, str(uuid.uuid4()))
    # Nor sign A's cashier in at B's terminal.
    a_at_b = TillContext(world.store_b.id, world.terminal_b.id, world.cashier_a.id)
    with pytest.raises(PermissionDenied) as cashier:
        refund(sale.sale_id, None, a_at_b, for_sale(world, sale), str(uuid.uuid4()))
    assert cashier.value.code == "scope.staff_other_merchant"
    # Nor ring the refund up in another terminal's shift.
    b_shift = shifts.open_shift(world.terminal_b, world.cashier_b, 0)
    in_b_shift = TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id,
                             b_shift.id)
    with pytest.raises(PermissionDenied) as shift:
        refund(sale.sale_id, None, in_b_shift, for_sale(world, sale), str(uuid.uuid4()))
    assert shift.value.code == "scope.shift_other_terminal"
    with pytest.raises(NotFound):
        find_by_receipt(receipt, world.terminal_b.id)
    with pytest.raises(PermissionDenied):
        refundable_lines(sale.sale_id, world.terminal_b.id)
    assert Sale.select().where(Sale.kind != "sale").count() == 0
    assert find_by_receipt(receipt, world.terminal_a.id).id == sale.sale_id


def test_a_coalition_policy_lets_any_merchant_refund(world):
    sale = sell(world, member=False)
    with write_tx():
        Setting.create(key="refund_policy", value="coalition")
    b_approval = approvals.grant("refund", world.cashier_b, "m2", "9999", world.terminal_b.id,
                                 approvals.sale_target(sale.sale_id))
    result = refund(sale.sale_id, None, b_till(world), b_approval, str(uuid.uuid4()))
    assert result.money_back == 3500
    assert Sale.get_by_id(result.sale_id).terminal_id == world.terminal_b.id


# -- idempotency with a fingerprint -----------------------------------------------------------
def test_a_refund_key_replayed_with_other_lines_is_a_conflict(world):
    sale = sell(world, qty=3)
    line = refundable_lines(sale.sale_id)[0]
    key = str(uuid.uuid4())
    first = refund(sale.sale_id, {line.line_id: 1}, till(world), for_sale(world, sale), key)
    again = refund(sale.sale_id, {line.line_id: 1}, till(world), for_sale(world, sale), key)
    assert again.replayed and again.sale_id == first.sale_id
    unused_approval = for_sale(world, sale)
    with pytest.raises(IdempotencyConflict) as other:
        refund(sale.sale_id, {line.line_id: 2}, till(world), unused_approval, key)
    assert other.value.code == "refund.key_reused"
    assert "first refund stands" in other.value.message
    assert Sale.select().where(Sale.kind == "refund").count() == 1
    assert ApprovalGrant.get(ApprovalGrant.token == uuid.UUID(unused_approval.token)).consumed_at is None


def test_sales_refunds_and_voids_have_their_own_key_spaces(world):
    sale = sell(world)
    sale_key = str(Sale.get_by_id(sale.sale_id).client_uuid)
    with pytest.raises(IdempotencyConflict) as sale_as_refund:
        refund(sale.sale_id, None, till(world), for_sale(world, sale), sale_key)
    assert sale_as_refund.value.code == "refund.key_other_kind"
    key = str(uuid.uuid4())
    void_sale(sale.sale_id, till(world), for_sale(world, sale, "void"), key)
    with pytest.raises(IdempotencyConflict):
        refund(sale.sale_id, None, till(world), for_sale(world, sale), key)
    assert Sale.select().where(Sale.kind == "refund").count() == 0


# -- money back by the original tenders -------------------------------------------------------
def test_a_card_and_cash_sale_goes_back_to_the_card_and_the_cash(world):
    sale = sell(world, qty=10, member=False,  # ¥35.00: ¥20.00 on card, ¥15.00 cash
                tenders=[Tender("card", 2000, reference="AUTH77"), Tender("cash", 1500)])
    with pytest.raises(ValidationError) as no_ref:
        refund(sale.sale_id, None, till(world), for_sale(world, sale), str(uuid.uuid4()))
    assert no_ref.value.code == "refund.card_reference"
    assert Sale.select().where(Sale.kind == "refund").count() == 0
    result = refund(sale.sale_id, None, till(world), for_sale(world, sale), str(uuid.uuid4()),
                    card_references={"AUTH77": "RF5501"})
    assert result.money_back == 3500 and result.tender == "cash"
    assert set(result.tenders) == {RefundTender("card", 2000, "AUTH77", "RF5501"),
                                   RefundTender("cash", 1500)}
    rows = {p.tender: (p.amount, p.reference) for p in Payment.select().where(
        Payment.sale == result.sale_id)}
    assert rows == {"card": (2000, "AUTH77"), "cash": (1500, "")}
    record = PaymentRecord.get(PaymentRecord.sale == result.sale_id)
    assert (record.kind, record.status, record.amount) == ("card", "refunded", 2000)
    assert record.reference.endswith(":RF5501")
    entry = AuditEntry.select().where(AuditEntry.action == "refund").get()
    assert json.loads(entry.detail)["refund_to"] == "original tenders"
    # A replay answers with the same split.
    again = refund(sale.sale_id, None, till(world), None,
                   str(Sale.get_by_id(result.sale_id).client_uuid),
                   card_references={"AUTH77": "RF5501"})
    assert again.replayed and set(again.tenders) == set(result.tenders)


def test_partial_refunds_split_in_proportion_and_add_up_per_tender(world):
    sale = sell(world, qty=3, member=False,  # ¥10.50: ¥5.00 card, ¥5.50 cash
                tenders=[Tender("card", 500, reference="A1"), Tender("cash", 550)])
    line = refundable_lines(sale.sale_id)[0]
    backs = []
    for n in range(3):
        backs.append(refund(sale.sale_id, {line.line_id: 1}, till(world), for_sale(world, sale),
                            str(uuid.uuid4()), card_references={"A1": f"R{n}"}))
    assert [(b.amount_to("card"), b.amount_to("cash")) for b in backs] == [
        (167, 183), (166, 184), (167, 183)]
    assert sum(b.amount_to("card") for b in backs) == 500
    assert sum(b.amount_to("cash") for b in backs) == 550


def test_split_by_tenders_is_exact_and_never_over_a_cap():
    caps = {("cash", ""): 551, ("card", "A"): 333, ("card", "B"): 117}
    for amount in range(0, 1002):
        split = split_by_tenders(amount, caps)
        assert sum(split.values()) == amount
        assert all(split[k] <= caps[k] for k in split)
    assert split_by_tenders(1100, caps)[("cash", "")] == 551 + 99


def test_the_manager_may_choose_cash_and_the_choice_is_audited(world):
    sale = sell(world, qty=2, member=False, tenders=[Tender("card", 700, reference="AUTH8")])
    result = refund(sale.sale_id, None, till(world), for_sale(world, sale), str(uuid.uuid4()),
                    refund_to="cash")
    assert result.tenders == (RefundTender("cash", 700),) and result.refund_to == "cash"
    detail = json.loads(AuditEntry.get(AuditEntry.action == "refund").detail)
    assert detail["refund_to"] == "cash" and detail["tenders"] == [["cash", 700, "", ""]]
    with pytest.raises(ValidationError) as bad:
        refund(sale.sale_id, None, till(world), for_sale(world, sale), str(uuid.uuid4()),
               refund_to="points")
    assert bad.value.code == "refund.bad_choice"


def _qr_sale(world, qty=2):
    captured = payments.provider().charge(world.merchant_a.id, world.terminal_a.id, 350 * qty,
                                          "1" * 18)
    return sell(world, qty=qty, member=False,
                tenders=[Tender("qr", 350 * qty, reference=captured.reference)]), captured


def test_a_qr_sale_goes_back_to_the_wallet_through_its_provider(world):
    sale, captured = _qr_sale(world)
    key = str(uuid.uuid4())
    result = refund(sale.sale_id, None, till(world), for_sale(world, sale), key)
    (back,) = result.tenders
    assert (back.tender, back.amount, back.reference) == ("qr", 700, captured.reference)
    assert back.refund_reference.startswith("SIMR") and result.tender == "qr"
    # Asked again with the refund's key (a retry after a failed commit), the acquirer answers
    # with the same refund instead of paying twice.
    assert payments.provider().refund(captured.reference, 700, f"refund:{key}") \
        == back.refund_reference
    record = PaymentRecord.get(PaymentRecord.sale == result.sale_id)
    assert (record.kind, record.status, record.reference) == ("qr", "refunded",
                                                              back.refund_reference)


def test_a_qr_sale_whose_provider_cannot_refund_goes_back_in_cash(world, monkeypatch):
    sale, _ = _qr_sale(world)

    class ChargeOnly:
        name = "simulated-qr"

        def charge(self, *args):  # pragma: no cover - never called here
            raise AssertionError

    monkeypatch.setitem(payments.PROVIDERS, "simulated-qr", ChargeOnly())
    result = refund(sale.sale_id, None, till(world), for_sale(world, sale), str(uuid.uuid4()))
    assert result.tenders == (RefundTender("cash", 700),)


def test_a_preview_shows_the_split_and_leaves_nothing_behind(world):
    sale = sell(world, qty=3, tenders=[Tender("card", 600, reference="P1"), Tender("cash", 450)])
    seq = Terminal.get_by_id(world.terminal_a.id).next_receipt_seq
    counts = (Sale.select().count(), AuditEntry.select().count(), Transfer.select().count())
    shown = preview_refund(sale.sale_id, None, till(world))
    cash = preview_refund(sale.sale_id, None, till(world), refund_to="cash")
    assert cash.tenders == (RefundTender("cash", shown.money_back),)
    assert (Sale.select().count(), AuditEntry.select().count(), Transfer.select().count()) == counts
    assert Terminal.get_by_id(world.terminal_a.id).next_receipt_seq == seq
    done = refund(sale.sale_id, None, till(world), for_sale(world, sale), str(uuid.uuid4()),
                  card_references={"P1": "RP1"})
    assert [(t.tender, t.amount) for t in shown.tenders] == [
        (t.tender, t.amount) for t in done.tenders]
    assert shown.money_back == done.money_back and shown.points_reversed == done.points_reversed
