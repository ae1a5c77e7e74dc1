"""The domain decides what a sale costs and what pays for it (SQLite and PostgreSQL).

The till sends what was scanned and asked for; checkout prices it from the catalogue,
enforces discount limits and price-override approvals, and checks every coupon, QR and card
tender against its record. A used client key with another payload is an IdempotencyConflict.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from app import approvals, ledger
from app.barcodes import make_variable_measure
from app.cart import Cart
from app.catalogue import Catalogue
from app.checkout import Tender, TillContext, checkout
from app.clock import utcnow
from app.db import write_tx
from app.errors import (
    AlreadyRedeemed,
    IdempotencyConflict,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from app.models import (
    ApprovalGrant,
    AuditEntry,
    Coupon,
    Member,
    Offer,
    Payment,
    PaymentRecord,
    Product,
    Sale,
    SaleLine,
    Store,
)
from app.payments import SimulatedQrProvider

COLA = "6901939621608"  # ¥3.50, 13 %, no bonus points
WATER = "6921168509256"  # ¥2.00, +5 bonus points


def ctx(world) -> TillContext:
    return TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id)


def scanned(world, *codes: str, quantity: int = 1) -> Cart:
    cart = Cart()
    for code in codes:
        cart.add(Catalogue(world.store_a).scan(code), quantity=quantity)
    return cart


def approve(world, action: str, cart: Cart) -> approvals.Approval:
    return approvals.grant(action, world.cashier_a, "m1", "9999", world.terminal_a,
                           cart.approval_target)


def lines_of(result) -> list[SaleLine]:
    return list(SaleLine.select().where(SaleLine.sale == result.sale_id)
                .order_by(SaleLine.line_no))


# -- 1. prices, tax rates and bonus points come from the catalogue -------------------------------
def test_a_tampered_price_tax_rate_and_bonus_commit_at_catalogue_values(world):
    cart = scanned(world, WATER, quantity=2)
    cart.member_id = world.member.id
    line = cart.lines[0]
    line.product = replace(line.product, price=1, tax_rate_bp=0, bonus_points=500)
    line.unit_price = 1
    assert cart.totals().total == 2  # what the tampered client believes

    result = checkout(cart, [Tender("cash", 400)], ctx(world))

    assert result.total == 400 and result.change == 0
    (sold,) = lines_of(result)
    assert (sold.unit_price, sold.tax_rate_bp, sold.total) == (200, 1300, 400)
    assert sold.tax == 46  # 400 × 13/113, not 0
    assert result.points_earned == 4 + 2 * 5  # ¥4 at 1 point per ¥1, plus 5 bonus per unit


def test_a_cart_restored_from_the_journal_sells_at_todays_price(world):
    saved = scanned(world, COLA, quantity=2).to_dict()
    Product.update(price=420).where(Product.sku == "A001").execute()

    restored = Cart.from_dict(saved)
    assert restored.lines[0].unit_price == 350  # the saved, stale price
    result = checkout(restored, [Tender("cash", 1000)], ctx(world))

    assert result.total == 840 and lines_of(result)[0].unit_price == 420


def test_another_merchants_or_an_inactive_product_is_refused(world):
    tea = Catalogue(world.store_b).scan("6923456789012")  # merchant B's
    cart = Cart()
    cart.add(tea)
    with pytest.raises(NotFound) as refused:
        checkout(cart, [Tender("cash", 20000)], ctx(world))
    assert refused.value.code == "catalogue.not_sold_here"

    cart = scanned(world, COLA)
    Product.update(active=False).where(Product.sku == "A001").execute()
    with pytest.raises(NotFound):
        checkout(cart, [Tender("cash", 1000)], ctx(world))
    assert Sale.select().count() == 0


def test_variable_measure_labels_are_read_again_from_the_barcode(world):
    cat = Catalogue(world.store_a)
    cart = Cart()
    cart.add(cat.scan("2000101012344"))  # apples, 1234 g by label
    cart.add(cat.scan(make_variable_measure("23", "00102", 1234)))  # bananas, ¥12.34 by label
    cart.lines[0].quantity = 10  # 10 g instead of 1234
    cart.lines[1].fixed_total = 1  # ¥0.01 instead of ¥12.34

    result = checkout(cart, [Tender("cash", 5000)], ctx(world))

    apples, bananas = lines_of(result)
    assert (apples.quantity, apples.total) == (1234, 1602)
    assert bananas.total == 1234
    assert result.total == 1602 + 1234


# -- 2. discount limits and price overrides ---------------------------------------------------
def test_a_discount_within_the_stores_limit_needs_no_approval(world):
    cart = scanned(world, COLA, quantity=10)  # ¥35.00; 10 % is ¥3.50
    cart.set_line_discount(0, 350)
    assert checkout(cart, [Tender("cash", 3150)], ctx(world)).total == 3150


def test_a_discount_above_the_limit_needs_an_approval_consumed_at_commit(world):
    cart = scanned(world, COLA, quantity=10)
    cart.set_cart_discount(351)
    with pytest.raises(PermissionDenied) as refused:
        checkout(cart, [Tender("cash", 3500)], ctx(world))
    assert refused.value.code == "approval.required"
    assert Sale.select().count() == 0

    cart.add_approval(approve(world, "discount", cart))
    result = checkout(cart, [Tender("cash", 3500)], ctx(world))
    assert result.total == 3500 - 351
    grant = ApprovalGrant.get()
    assert grant.consumed_at is not None and grant.consumed_ref == f"sale:{cart.client_uuid}"
    audit = AuditEntry.get(AuditEntry.action == "discount")
    assert audit.approver_id == world.manager_a.id and '"scope": "cart"' in audit.detail


def test_the_discount_limit_lives_in_the_database(world):
    Store.update(discount_limit_bp=0).where(Store.id == world.store_a.id).execute()
    cart = scanned(world, COLA)
    cart.set_line_discount(0, 1)
    with pytest.raises(PermissionDenied, match="approval"):
        checkout(cart, [Tender("cash", 1000)], ctx(world))
    Store.update(discount_limit_bp=10000).where(Store.id == world.store_a.id).execute()
    cart.set_line_discount(0, 350)
    assert checkout(cart, [Tender("cash", 0)], ctx(world)).total == 0


def test_a_price_override_needs_its_own_cart_approval(world):
    cart = scanned(world, COLA, quantity=2)
    cart.override_price(0, 100)
    with pytest.raises(PermissionDenied):
        checkout(cart, [Tender("cash", 1000)], ctx(world))

    other = scanned(world, WATER)
    cart.add_approval(approve(world, "price_override", other))  # given for another cart
    with pytest.raises(PermissionDenied) as refused:
        checkout(cart, [Tender("cash", 1000)], ctx(world))
    assert refused.value.code == "approval.mismatch"

    cart.approvals.clear()
    cart.add_approval(approve(world, "discount", cart))  # the wrong action
    with pytest.raises(PermissionDenied):
        checkout(cart, [Tender("cash", 1000)], ctx(world))

    cart.add_approval(approve(world, "price_override", cart))
    result = checkout(cart, [Tender("cash", 1000)], ctx(world))
    assert result.total == 200 and lines_of(result)[0].unit_price == 100


def test_one_approval_pays_for_one_override_only(world):
    cart = scanned(world, COLA, WATER)
    cart.override_price(0, 1)
    cart.override_price(1, 1)
    cart.add_approval(approve(world, "price_override", cart))
    with pytest.raises(PermissionDenied) as refused:
        checkout(cart, [Tender("cash", 1000)], ctx(world))
    assert refused.value.code == "approval.required"
    assert ApprovalGrant.get().consumed_at is None  # rolled back with the refused sale


# -- 3. tenders against their records -----------------------------------------------------------
def make_coupon(world, member=None, face_value=500, code="CPN-1", valid_days=30):
    now = utcnow()
    with write_tx():
        offer = Offer.get_or_none(Offer.title == "¥5 off") or Offer.create(
            merchant=world.merchant_a, title="¥5 off", face_value=face_value,
            valid_from=now - timedelta(days=1), valid_until=now + timedelta(days=30))
        return Coupon.create(code=code, client_uuid=__import__("uuid").uuid4(), offer=offer,
                             member=member or world.member,
                             valid_until=now + timedelta(days=valid_days))


def test_a_coupon_pays_its_recorded_value_once_and_only_for_its_member(world):
    make_coupon(world)
    cart = scanned(world, COLA, quantity=4)  # ¥14.00
    cart.member_id = world.member.id
    result = checkout(cart, [Tender("coupon", 99_999, reference="CPN-1"),
                             Tender("cash", 900)], ctx(world))
    assert result.change == 0
    pay = Payment.get((Payment.sale == result.sale_id) & (Payment.tender == "coupon"))
    assert pay.amount == 500  # from the offer, not the client's 99 999
    coupon = Coupon.get(Coupon.code == "CPN-1")
    assert coupon.redeemed_sale_id == result.sale_id

    # Used, anonymous, another member's, unknown, expired: one uniform refusal, nothing sold.
    again = scanned(world, COLA, quantity=4)
    again.member_id = world.member.id
    with pytest.raises(ValidationError) as refused:
        checkout(again, [Tender("coupon", reference="CPN-1"), Tender("cash", 900)], ctx(world))
    assert refused.value.code == "coupon.not_genuine"
    assert refused.value.message == "this coupon cannot be used"

    anonymous = scanned(world, COLA, quantity=4)
    make_coupon(world, code="CPN-2")
    with pytest.raises(ValidationError) as refused:
        checkout(anonymous, [Tender("coupon", reference="CPN-2"), Tender("cash", 900)],
                 ctx(world))
    assert refused.value.code == "coupon.needs_member"
    with write_tx():
        other = Member.create(number="880000000099", phone="13900000099", name="Other")
    make_coupon(world, member=other, code="CPN-OTHER")
    for code in ("CPN-OTHER", "NO-SUCH"):
        with pytest.raises(ValidationError) as refused:
            checkout(again, [Tender("coupon", reference=code), Tender("cash", 1400)],
                     ctx(world))
        assert refused.value.code == "coupon.not_genuine"
    assert Sale.select().count() == 1
    assert Coupon.get(Coupon.code == "CPN-OTHER").redeemed_at is None


def test_an_expired_coupon_is_refused(world):
    make_coupon(world, code="OLD", valid_days=-1)
    cart = scanned(world, COLA)
    cart.member_id = world.member.id
    with pytest.raises(ValidationError) as refused:
        checkout(cart, [Tender("coupon", reference="OLD"), Tender("cash", 350)], ctx(world))
    assert refused.value.code == "coupon.not_genuine"  # the same words as a code never issued
    assert Coupon.get(Coupon.code == "OLD").redeemed_at is None


def test_a_qr_payment_pays_one_sale_for_its_exact_amount(world):
    qr = SimulatedQrProvider()
    paid = qr.charge(world.merchant_a.id, world.terminal_a.id, 700, "134567890123456789")
    cart = scanned(world, COLA, quantity=2)
    with pytest.raises(ValidationError) as refused:
        checkout(cart, [Tender("qr", 350, reference=paid.reference), Tender("cash", 350)],
                 ctx(world))
    assert refused.value.code == "payment.amount_mismatch"

    result = checkout(cart, [Tender("qr", 700, reference=paid.reference)], ctx(world))
    assert PaymentRecord.get(PaymentRecord.reference == paid.reference).sale_id == result.sale_id

    second = scanned(world, COLA, quantity=2)
    with pytest.raises(AlreadyRedeemed) as refused:
        checkout(second, [Tender("qr", 700, reference=paid.reference)], ctx(world))
    assert refused.value.code == "payment.used"
    with pytest.raises(NotFound) as refused:
        checkout(second, [Tender("qr", 700, reference="SIMFORGED")], ctx(world))
    assert refused.value.code == "payment.unknown"


def test_a_qr_payment_taken_for_another_merchant_is_refused(world):
    paid = SimulatedQrProvider().charge(world.merchant_b.id, world.terminal_b.id, 350,
                                        "134567890123456789")
    with pytest.raises(PermissionDenied):
        checkout(scanned(world, COLA), [Tender("qr", 350, reference=paid.reference)],
                 ctx(world))


def test_a_card_approval_code_is_recorded_and_cannot_pay_twice(world):
    first = checkout(scanned(world, COLA), [Tender("card", 350, reference="A1234")], ctx(world))
    record = PaymentRecord.get(PaymentRecord.kind == "card")
    assert (record.sale_id, record.amount) == (first.sale_id, 350)
    with pytest.raises(AlreadyRedeemed) as refused:
        checkout(scanned(world, COLA), [Tender("card", 350, reference="A1234")], ctx(world))
    assert refused.value.code == "payment.card_code_used"
    assert Sale.select().count() == 1


# -- 4. idempotency with a fingerprint ----------------------------------------------------------
def test_a_used_key_with_another_payload_is_a_conflict_and_the_same_payload_a_replay(world):
    cart = scanned(world, COLA)
    first = checkout(cart, [Tender("cash", 500)], ctx(world))
    assert checkout(cart, [Tender("cash", 500)], ctx(world)).replayed

    cart.add(Catalogue(world.store_a).scan(WATER))
    with pytest.raises(IdempotencyConflict) as conflict:
        checkout(cart, [Tender("cash", 1000)], ctx(world))
    assert conflict.value.code == "sale.key_reused"
    assert first.receipt_no in conflict.value.message
    with pytest.raises(IdempotencyConflict):  # other tenders alone conflict too
        checkout(scanned_with_key(world, cart.client_uuid, COLA), [Tender("cash", 350)],
                 ctx(world))
    assert Sale.select().count() == 1

    cart.renew_key()
    assert not checkout(cart, [Tender("cash", 1000)], ctx(world)).replayed
    assert ledger.verify() == []


def scanned_with_key(world, key: str, *codes: str) -> Cart:
    cart = scanned(world, *codes)
    cart.client_uuid = key
    return cart


def test_a_zero_card_payment_is_refused_not_recorded(world):
    with pytest.raises(ValidationError) as refused:
        checkout(scanned(world, COLA), [Tender("card", 0, reference="Z1"), Tender("cash", 350)],
                 ctx(world))
    assert refused.value.code == "tender.zero"
    assert PaymentRecord.select().count() == 0
