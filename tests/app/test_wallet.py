"""The stored-value wallet on SQLite and PostgreSQL: points earned at MA convert into wallet
money that MB's till takes as a tender; the money settles MA → MB; a refund puts it back."""

from __future__ import annotations

import uuid
from datetime import timedelta

import peewee as pw
import pytest

from app import approvals, ledger
from app.backoffice.actor import sign_in
from app.cart import Cart
from app.catalogue import Catalogue
from app.checkout import Tender, TillContext, checkout
from app.clock import utcnow
from app.db import write_tx
from app.demo import DEMO_PINS
from app.errors import (
    IdempotencyConflict,
    InsufficientFunds,
    InsufficientPoints,
    PermissionDenied,
    ValidationError,
)
from app.models import (
    AuditEntry,
    OutboxMessage,
    Payment,
    Sale,
    Setting,
    WalletEntry,
    WalletLot,
    WalletUse,
)
from app.refunds import refund
from app.rewards import wallet
from app.settlement import point_positions

COLA, TEA = "6901939621608", "6923456789012"


def till_a(world) -> TillContext:
    return TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id)


def till_b(world) -> TillContext:
    return TillContext(world.store_b.id, world.terminal_b.id, world.cashier_b.id)


def earn_at_a(world, colas: int = 100) -> int:
    """The member buys colas at MA's till (1 point per ¥1): returns points earned."""
    cart = Cart()
    cart.add(Catalogue(world.store_a).scan(COLA), quantity=colas)
    cart.member_id = world.member.id
    return checkout(cart, [Tender("cash", cart.totals().total)], till_a(world)).points_earned


def tea_cart(world, member: bool = True) -> Cart:
    cart = Cart()
    cart.add(Catalogue(world.store_b).scan(TEA))  # ¥128.00 at MB
    if member:
        cart.member_id = world.member.id
    return cart


def period():
    now = utcnow()
    return now - timedelta(hours=1), now + timedelta(hours=1)


def test_points_convert_into_wallet_money_once_with_the_issuer_mix(world):
    assert earn_at_a(world) == 350
    op = sign_in("op", DEMO_PINS["operator"])
    key = str(uuid.uuid4())
    done = wallet.convert(op, world.member.id, 300, key)
    assert (done.points, done.amount, done.balance) == (300, 300, 300)  # 100 cents / 100 points
    assert ledger.balance(world.member) == 50
    lots = list(WalletLot.select())
    assert [(lot.issuer_id, lot.amount) for lot in lots] == [(world.merchant_a.id, 300)]
    again = wallet.convert(op, world.member.id, 300, key)
    assert again.replayed and again.entry_id == done.entry_id
    assert ledger.balance(world.member) == 50 and wallet.balance(world.member) == 300
    with pytest.raises(IdempotencyConflict):
        wallet.convert(op, world.member.id, 200, key)
    assert wallet.entries_balance(world.member) == wallet.balance(world.member) == 300
    assert ledger.verify() == [] and wallet.verify() == []
    note = OutboxMessage.get(OutboxMessage.kind == "wallet_converted")  # once, not on replay
    assert "¥3.00" in note.body and note.recipient == world.member.phone
    audit = AuditEntry.get(AuditEntry.action == "wallet.convert")
    assert audit.actor_id == op.staff_id


def test_bad_conversions_write_nothing(world):
    earn_at_a(world, 10)  # 35 points
    op = sign_in("op", DEMO_PINS["operator"])
    for bad in (0, -5, 2.5, "10"):
        with pytest.raises(ValidationError):
            wallet.convert(op, world.member.id, bad, str(uuid.uuid4()))
    with pytest.raises(InsufficientPoints):
        wallet.convert(op, world.member.id, 36, str(uuid.uuid4()))
    m2 = sign_in("m2", DEMO_PINS["manager"])  # the member's home merchant is MA
    with pytest.raises(PermissionDenied):
        wallet.convert(m2, world.member.id, 10, str(uuid.uuid4()))
    assert WalletEntry.select().count() == 0 and ledger.balance(world.member) == 35
    assert ledger.verify() == []


def test_conversion_rounds_down_to_whole_cents(world):
    earn_at_a(world, 10)
    Setting.create(key=wallet.RATE_KEY, value="150")  # 1.5 cents a point
    done = wallet.convert(None, world.member.id, 3, str(uuid.uuid4()))
    assert done.amount == 4  # 4.5 → 4
    with pytest.raises(ValidationError) as info:
        Setting.update(value="10").where(Setting.key == wallet.RATE_KEY).execute()
        wallet.convert(None, world.member.id, 9, str(uuid.uuid4()))  # 0.9 cents
    assert info.value.code == "wallet.too_few_points"


def test_mb_till_takes_the_wallet_and_the_money_settles_ma_to_mb(world):
    earn_at_a(world)
    wallet.convert(None, world.member.id, 300, str(uuid.uuid4()))
    start, end = period()
    points_before = point_positions(start, end)
    cart = tea_cart(world)
    sale = checkout(cart, [Tender("wallet", 300), Tender("cash", 12500)], till_b(world))
    assert sale.total == 12800
    assert wallet.balance(world.member) == 0 == wallet.entries_balance(world.member)
    pays = {p.tender: p.amount for p in Payment.select().where(Payment.sale == sale.sale_id)}
    assert pays == {"wallet": 300, "cash": 12500}
    # Wallet money earns no points: only the cash part does (MB: 2 points per ¥1).
    assert sale.points_earned == 250
    use = WalletUse.get()
    assert (use.issuer_id, use.acceptor_id, use.amount) == (world.merchant_a.id,
                                                           world.merchant_b.id, 300)
    money = wallet.money_positions(start, end)
    assert money == {world.merchant_b.id: 300, world.merchant_a.id: -300}
    assert sum(money.values()) == 0
    assert point_positions(start, end) == points_before  # the conversion is not a points spend
    again = checkout(cart, [Tender("wallet", 300), Tender("cash", 12500)], till_b(world))
    assert again.replayed and wallet.balance(world.member) == 0


def test_an_empty_wallet_or_no_member_sells_nothing(world):
    earn_at_a(world, 10)
    wallet.convert(None, world.member.id, 30, str(uuid.uuid4()))
    sales = Sale.select().count()
    with pytest.raises(InsufficientFunds) as info:
        checkout(tea_cart(world), [Tender("wallet", 31), Tender("cash", 12769)], till_b(world))
    assert info.value.code == "wallet.insufficient"
    with pytest.raises(ValidationError) as info:
        checkout(tea_cart(world, member=False), [Tender("wallet", 30), Tender("cash", 12770)],
                 till_b(world))
    assert info.value.code == "sale.wallet_needs_member"
    assert Sale.select().count() == sales
    assert wallet.balance(world.member) == 30 and WalletUse.select().count() == 0


def test_a_refund_at_mb_puts_the_money_back_with_its_issuer(world):
    earn_at_a(world)
    wallet.convert(None, world.member.id, 300, str(uuid.uuid4()))
    sale = checkout(tea_cart(world), [Tender("wallet", 300), Tender("cash", 12500)],
                    till_b(world))
    approval = approvals.grant_by_pin("refund", world.cashier_b, DEMO_PINS["manager"],
                                      world.terminal_b.id, approvals.sale_target(sale.sale_id))
    result = refund(sale.sale_id, None, till_b(world), approval, str(uuid.uuid4()))
    assert result.amount_to("wallet") == 300 and result.amount_to("cash") == 12500
    assert wallet.balance(world.member) == 300 == wallet.entries_balance(world.member)
    restored = WalletLot.get(WalletLot.restored_from.is_null(False))
    assert (restored.issuer_id, restored.amount) == (world.merchant_a.id, 300)
    start, end = period()
    assert wallet.money_positions(start, end) == {}  # paid and given back in the period
    # The money can pay again (at MA now: no settlement between merchants).
    cart = Cart()
    cart.add(Catalogue(world.store_a).scan(COLA))
    cart.member_id = world.member.id
    checkout(cart, [Tender("wallet", 300), Tender("cash", 50)], till_a(world))
    assert wallet.balance(world.member) == 0
    assert wallet.money_positions(start, end) == {}
    assert wallet.verify() == [] and ledger.verify() == []


def test_a_refund_in_cash_by_the_managers_choice_still_puts_the_wallet_part_back(world):
    earn_at_a(world)
    wallet.convert(None, world.member.id, 300, str(uuid.uuid4()))
    sale = checkout(tea_cart(world), [Tender("wallet", 300), Tender("card", 12500, reference="A1")],
                    till_b(world))
    approval = approvals.grant_by_pin("refund", world.cashier_b, DEMO_PINS["manager"],
                                      world.terminal_b.id, approvals.sale_target(sale.sale_id))
    result = refund(sale.sale_id, None, till_b(world), approval, str(uuid.uuid4()),
                    refund_to="cash")
    assert result.amount_to("wallet") == 300 and result.amount_to("cash") == 12500
    assert wallet.balance(world.member) == 300 and wallet.verify() == []


def test_wallet_entries_cannot_be_changed(world):
    earn_at_a(world, 10)
    wallet.convert(None, world.member.id, 30, str(uuid.uuid4()))
    with pytest.raises(pw.DatabaseError), write_tx():
        WalletEntry.update(amount=3000).execute()
    with pytest.raises(pw.DatabaseError), write_tx():
        WalletEntry.delete().execute()
    assert wallet.entries_balance(world.member) == 30


def test_the_operator_sets_the_rate_and_a_manager_may_not(world):
    op = sign_in("op", DEMO_PINS["operator"])
    wallet.set_rate(op, 250)
    assert wallet.rate() == 250 and wallet.money_for(10) == 25
    with pytest.raises(PermissionDenied):
        wallet.set_rate(sign_in("m1", DEMO_PINS["manager"]), 300)
    with pytest.raises(ValidationError):
        wallet.set_rate(op, 0)
    assert AuditEntry.select().where(AuditEntry.action == "wallet.rate").count() == 1
    view = wallet.wallet_view(op, world.member.number)
    assert view.rate == 250 and view.balance == 0


postgres_only = pytest.mark.parametrize(
    "db_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)


@postgres_only
def test_two_tills_paying_from_one_wallet_at_once_never_overdraw_it(db_url, tmp_path):
    import json
    import subprocess
    import sys
    from pathlib import Path

    from app.db import bind
    from app.demo import seed_minimal

    bind(db_url)
    world = seed_minimal()
    earn_at_a(world, 200)  # 700 points
    wallet.convert(None, world.member.id, 600, str(uuid.uuid4()))  # ¥6.00
    worker = Path(__file__).with_name("wallet_race_worker.py")
    procs = []
    for till in (till_a(world), till_b(world)):
        spec = {"ctx": [till.store_id, till.terminal_id, till.cashier_id],
                "member": world.member.id, "sales": 6, "wallet": 100}
        path = tmp_path / f"jobs-{till.terminal_id}.json"
        path.write_text(json.dumps(spec))
        procs.append(subprocess.Popen([sys.executable, str(worker), db_url, str(path)],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True))
    for p in procs:
        assert p.stdout.readline().strip() == "READY", p.stderr.read()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        results += [json.loads(line)["result"] for line in out.splitlines() if line.strip()]
    assert results.count("ok") == 6, results  # ¥6.00 pays six ¥1.00 wallet tenders, no more
    assert set(results) <= {"ok", "wallet.insufficient"}, results
    assert wallet.balance(world.member) == 0
    assert Payment.select().where(Payment.tender == "wallet").count() == 6
    assert wallet.verify() == [] and ledger.verify() == []
    money = wallet.money_positions(*period())
    assert sum(money.values()) == 0


@pytest.mark.parametrize("seed", [1, 2])
def test_random_conversions_payments_and_refunds_keep_every_invariant(world, seed):
    """After each random step: cached balance = Σ entries = Σ lots, the points ledger verifies,
    the money positions sum to zero, and no wallet goes negative."""
    import random

    rng = random.Random(seed)
    with write_tx():
        for issuer in (world.merchant_a, world.merchant_b):
            ledger.award(ledger.member_account(world.member), issuer, 5000,
                         key=f"sale:{uuid.uuid4()}", reason="test", source="sale")
    sales = []
    start, end = period()
    for _ in range(14):
        step = rng.choice(["convert", "pay_a", "pay_b", "refund"])
        try:
            if step == "convert":
                wallet.convert(None, world.member.id, rng.randint(1, 900), str(uuid.uuid4()))
            elif step in ("pay_a", "pay_b"):
                till, code, store = ((till_a(world), COLA, world.store_a) if step == "pay_a"
                                     else (till_b(world), TEA, world.store_b))
                cart = Cart()
                cart.add(Catalogue(store).scan(code))
                cart.member_id = world.member.id
                total = cart.totals().total
                use = min(total, rng.randint(1, 400))
                sales.append(checkout(cart, [Tender("wallet", use),
                                             Tender("cash", total - use)], till).sale_id)
            elif sales:
                sale = Sale.get_by_id(sales.pop(rng.randrange(len(sales))))
                terminal = sale.terminal_id
                ctx = till_a(world) if terminal == world.terminal_a.id else till_b(world)
                cashier = world.cashier_a if ctx == till_a(world) else world.cashier_b
                approval = approvals.grant_by_pin("refund", cashier, DEMO_PINS["manager"],
                                                  terminal, approvals.sale_target(sale.id))
                refund(sale.id, None, ctx, approval, str(uuid.uuid4()))
        except (InsufficientFunds, InsufficientPoints):
            pass  # refused whole: the invariants below must still hold
        assert wallet.verify() == [] and ledger.verify() == []
        assert wallet.balance(world.member) >= 0
        assert sum(wallet.money_positions(start, end).values()) == 0
    kinds = {e.kind for e in WalletEntry.select()}
    assert {"convert", "pay"} <= kinds, kinds  # the walk did move money
