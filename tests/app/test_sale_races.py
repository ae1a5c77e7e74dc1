"""Two tills racing on PostgreSQL, as separate processes: one cart paid from both, and two
carts paid with the same QR payment or coupon. One winner; the loser gets the replayed sale
(same cart) or a clear refusal (another cart) — never a second sale or a raw database error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from app import approvals, ledger
from app.cart import Cart
from app.catalogue import Catalogue
from app.clock import utcnow
from app.db import bind, database, write_tx
from app.demo import seed_minimal
from app.models import ApprovalGrant, Coupon, Offer, PaymentRecord, Sale, Setting, Staff
from app.payments import SimulatedQrProvider

WORKER = Path(__file__).with_name("pay_race_worker.py")
ROUNDS = int(os.environ.get("PATRON_RACE_ROUNDS", "60"))  # 200 for the figures
COLA = "6901939621608"

postgres_only = pytest.mark.parametrize(
    "db_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)


def race(db_url: str, tmp_path: Path, world, jobs_a: list, jobs_b: list) -> list[list[dict]]:
    """Start both workers, let them bind, then release them together."""
    ctx = [world.store_a.id, world.terminal_a.id, world.cashier_a.id]
    procs = []
    for name, jobs in (("a", jobs_a), ("b", jobs_b)):
        path = tmp_path / f"jobs-{name}.json"
        path.write_text(json.dumps({"ctx": ctx, "jobs": jobs}))
        procs.append(subprocess.Popen([sys.executable, str(WORKER), db_url, str(path)],
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
        results.append([json.loads(line) for line in out.splitlines() if line.strip()])
    return results


def cart_of(world, quantity: int) -> Cart:
    cart = Cart()
    cart.add(Catalogue(world.store_a).scan(COLA), quantity=quantity)
    return cart


@postgres_only
def test_two_tills_paying_one_cart_commit_one_sale_and_the_loser_gets_it_back(db_url, tmp_path):
    bind(db_url)
    world = seed_minimal()
    manager = Staff.get(Staff.code == "m1")
    qr = SimulatedQrProvider()
    jobs = []
    for i in range(ROUNDS):
        cart = cart_of(world, 1 + i % 5)
        cart.member_id = world.member.id
        total = cart.totals().total
        cart.set_cart_discount(total // 2)  # above the 10 % limit: an approval is consumed
        cart.add_approval(approvals._record_grant("discount", world.cashier_a, manager,
                                                  world.terminal_a, cart.approval_target))
        due = cart.totals().total
        paid = qr.charge(world.merchant_a.id, world.terminal_a.id, due, "134567890123456789")
        jobs.append({"cart": cart.to_dict(), "tenders": [["qr", due, 0, paid.reference]]})
    database.close()

    a, b = race(db_url, tmp_path, world, jobs, jobs)

    errors = [r for r in a + b if r["error"]]
    print(f"one cart paid from two tills x{ROUNDS}: "
          f"{len({r['sale'] for r in a + b if r['sale']})} sales, "
          f"{sum(r['replayed'] for r in a + b)} replays, {len(errors)} errors")
    assert errors == []
    for ra, rb in zip(a, b, strict=True):
        assert ra["sale"] == rb["sale"] and ra["sale"] is not None
        assert sorted([ra["replayed"], rb["replayed"]]) == [False, True]
    bind(db_url)
    assert Sale.select().count() == ROUNDS
    assert ApprovalGrant.select().where(ApprovalGrant.consumed_at.is_null()).count() == 0
    assert PaymentRecord.select().where(PaymentRecord.sale.is_null()).count() == 0
    assert ledger.verify() == []
    database.close()


@postgres_only
@pytest.mark.parametrize("tender", ["qr", "coupon", "coupon_discount"])
def test_one_payment_or_coupon_raced_by_two_carts_pays_one_sale(db_url, tmp_path, tender):
    bind(db_url)
    world = seed_minimal()
    with write_tx():  # a loser finding the coupon used counts as a refusal: not slowed here
        Setting.create(key="code_attempts_free", value="1000")
    now = utcnow()
    with write_tx():
        # A coupon pays as a tender, or (discount offer) is priced into the line: either way
        # the conditional update lets one of two racing sales have it.
        offer = Offer.create(merchant=world.merchant_a, title="¥1 off", face_value=100,
                             kind="discount" if tender == "coupon_discount" else "tender",
                             valid_from=now - timedelta(days=1),
                             valid_until=now + timedelta(days=30))
    jobs_a, jobs_b = [], []
    for i in range(ROUNDS):
        if tender == "qr":
            ref = SimulatedQrProvider().charge(world.merchant_a.id, world.terminal_a.id, 350,
                                               "134567890123456789").reference
            tenders = [["qr", 350, 0, ref]]
        else:
            with write_tx():
                Coupon.create(code=f"RACE-{i}", client_uuid=uuid.uuid4(), offer=offer,
                              member=world.member, valid_until=now + timedelta(days=30))
            tenders = [["coupon", 0, 0, f"RACE-{i}"], ["cash", 250, 0, ""]]
        for jobs in (jobs_a, jobs_b):
            cart = cart_of(world, 1)
            cart.member_id = world.member.id
            jobs.append({"cart": cart.to_dict(), "tenders": tenders})
    database.close()

    a, b = race(db_url, tmp_path, world, jobs_a, jobs_b)

    refusal = "payment.used" if tender == "qr" else "coupon.not_genuine"
    sold = sum(1 for r in a + b if r["sale"])
    print(f"one {tender} raced by two carts x{ROUNDS}: {sold} sales, "
          f"{sum(1 for r in a + b if r['error'] == refusal)} refused with {refusal}, "
          f"{sum(1 for r in a + b if r['error'] not in (None, refusal))} other errors")
    for ra, rb in zip(a, b, strict=True):
        outcomes = sorted([ra["error"] or "sold", rb["error"] or "sold"])
        assert outcomes == sorted(["sold", refusal]), (ra, rb)
    bind(db_url)
    assert Sale.select().count() == ROUNDS
    if tender != "qr":
        assert Coupon.select().where(Coupon.redeemed_sale.is_null()).count() == 0
        # ¥1 off the line, or ¥1 paid by the coupon: once per sale
        assert all(s.total == (250 if tender == "coupon_discount" else 350)
                   for s in Sale.select())
    database.close()


@postgres_only
def test_a_new_members_first_sales_on_two_tills_at_once_open_one_account(db_url, tmp_path):
    """The award creates a new member's account in its balance statement (no look-up first):
    two tills crediting the same new member at the same moment end with one account holding
    both awards, never a second account or a unique-key error."""
    from app.models import Account, Member

    bind(db_url)
    world = seed_minimal()
    with write_tx():
        members = [Member.create(number=f"8000{i:08d}", phone=f"1880{i:07d}")
                   for i in range(ROUNDS)]
    jobs = []
    for member in members:
        cart = cart_of(world, 1)
        cart.member_id = member.id
        jobs.append({"cart": cart.to_dict(), "tenders": [["cash", 350, 0, ""]]})
    others = [{**job, "cart": {**job["cart"], "client_uuid": str(uuid.uuid4())}}
              for job in jobs]  # the same member, another cart
    database.close()

    a, b = race(db_url, tmp_path, world, jobs, others)

    assert [r["error"] for r in a + b if r["error"]] == []
    bind(db_url)
    for member in members:
        accounts = list(Account.select().where(Account.member == member.id))
        assert len(accounts) == 1 and accounts[0].owner_key == f"member:{member.id}"
        assert accounts[0].balance == ledger.balance(member.id) == 6  # 3 points per sale
    assert ledger.verify() == []
    database.close()
