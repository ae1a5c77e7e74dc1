"""Refunds and shift closes racing in separate processes on PostgreSQL: one winner, and the
loser gets the replayed result or a clear refusal — never a double refund, a raw
IntegrityError, or a cash figure that misses a committed refund or sale."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections import Counter
from pathlib import Path

import pytest

from app import approvals, refunds, shifts
from app.cart import Cart
from app.catalogue import Catalogue
from app.checkout import Tender, TillContext, checkout
from app.db import write_tx
from app.demo import seed_minimal
from app.models import Payment, Sale, SaleLine, Shift, Terminal

WORKER = Path(__file__).with_name("refund_worker.py")
COLA = "6901939621608"  # ¥3.50
# More rounds for a measurement: PATRON_RACE_ROUNDS=200 uv run pytest … -s
SALES = int(os.environ.get("PATRON_RACE_ROUNDS", "50"))
SHIFT_ROUNDS = max(2, SALES * 2 // 5)

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


class Racer:
    """One worker process: a till of its own, answering one command at a time."""

    def __init__(self, url: str, terminal_code: str, log: Path) -> None:
        self.log = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, str(WORKER), url, terminal_code], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.log, text=True, bufsize=1)
        assert self.answer() == "READY", log.read_text()

    def send(self, command: str) -> None:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def answer(self) -> str:
        return self.proc.stdout.readline().strip()

    def ask(self, command: str) -> str:
        self.send(command)
        return self.answer()

    def stop(self) -> None:
        self.proc.stdin.close()
        assert self.answer() == "BYE"
        self.proc.wait(timeout=60)
        self.log.close()


def race(racers: list[Racer], commands: list[str]) -> list[str]:
    """Send each racer its command together, then collect the answers."""
    for racer, command in zip(racers, commands, strict=True):
        racer.send(command)
    return [racer.answer() for racer in racers]


def sell_cola(world, terminal, shift_id=None) -> int:
    cart = Cart()
    cart.add(Catalogue(world.store_a).scan(COLA))
    ctx = TillContext(world.store_a.id, terminal.id, world.cashier_a.id, shift_id)
    return checkout(cart, [Tender("cash", 350)], ctx).sale_id


def second_till(world) -> Terminal:
    with write_tx():
        return Terminal.create(store=world.store_a, code="MA-T2")


def test_two_tills_refund_one_sale_at_the_same_instant(pg_url, tmp_path):
    world = seed_minimal()
    sales = [sell_cola(world, world.terminal_a) for _ in range(SALES)]
    t2 = second_till(world)
    racers = [Racer(pg_url, world.terminal_a.code, tmp_path / "a.log"),
              Racer(pg_url, t2.code, tmp_path / "b.log")]
    outcomes: Counter[str] = Counter()
    for sale_id in sales:
        assert race(racers, [f"GRANT {sale_id}"] * 2) == ["OK - 0"] * 2
        answers = race(racers, [f"REFUND {sale_id} {uuid.uuid4()}" for _ in racers])
        won = [a for a in answers if a.startswith("OK ")]
        lost = [a for a in answers if not a.startswith("OK ")]
        assert len(won) == 1, answers
        assert lost[0].startswith("REFUSED ValidationError refund.nothing_left"), answers
        outcomes["single refund"] += 1
    for racer in racers:
        racer.stop()
    per_sale = Counter(s.original_id for s in Sale.select().where(Sale.kind == "refund"))
    assert per_sale == Counter({sale_id: 1 for sale_id in sales})
    assert outcomes["single refund"] == SALES
    print(f"\n{SALES} sales refunded by two tills at once: {len(per_sale)} single refunds, "
          f"{sum(n - 1 for n in per_sale.values())} doubles")


def test_two_tills_refunding_parts_of_a_card_and_cash_sale_split_it_exactly(pg_url, tmp_path):
    world = seed_minimal()
    ctx = TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id)
    sales = []
    for n in range(SALES):  # 3 colas, ¥10.50: ¥5.00 on card, ¥5.50 cash
        cart = Cart()
        cart.add(Catalogue(world.store_a).scan(COLA), quantity=3)
        sales.append(checkout(cart, [Tender("card", 500, reference=f"C{n}"),
                                     Tender("cash", 550)], ctx).sale_id)
    t2 = second_till(world)
    racers = [Racer(pg_url, world.terminal_a.code, tmp_path / "a.log"),
              Racer(pg_url, t2.code, tmp_path / "b.log")]
    for n, sale_id in enumerate(sales):
        line_id = SaleLine.get(SaleLine.sale == sale_id).id
        assert race(racers, [f"GRANT {sale_id}"] * 2) == ["OK - 0"] * 2
        answers = race(racers, [f"REFUNDONE {sale_id} {line_id} {uuid.uuid4()} C{n} R{n}{t}"
                                for t in "ab"])
        assert all(a.startswith("OK ") for a in answers), answers
        approval = approvals.grant("refund", world.cashier_a, "m1", "9999",
                                   target=approvals.sale_target(sale_id))
        refunds.refund(sale_id, None, ctx, approval, str(uuid.uuid4()),
                       card_references={f"C{n}": f"R{n}c"})
    for racer in racers:
        racer.stop()
    back = Counter()
    for p in Payment.select(Payment.tender, Payment.amount, Sale.original).join(Sale).where(
            Sale.kind == "refund").objects():
        back[(p.original, p.tender)] += p.amount
    assert all(back[(s, "card")] == 500 and back[(s, "cash")] == 550 for s in sales), back
    print(f"\n{SALES} card+cash sales, two tills refunding one cola each at once, then the "
          f"rest: {SALES} sales back exactly ¥5.00 to card and ¥5.50 cash, 0 over a tender")


def test_one_refund_key_racing_on_two_connections_is_replayed(pg_url, tmp_path):
    world = seed_minimal()
    sales = [sell_cola(world, world.terminal_a) for _ in range(SALES)]
    # The same till twice (a retry sent while the first request still runs): one key.
    racers = [Racer(pg_url, world.terminal_a.code, tmp_path / f"{n}.log") for n in "ab"]
    replayed = 0
    for sale_id in sales:
        assert race(racers, [f"GRANT {sale_id}"] * 2) == ["OK - 0"] * 2
        key = uuid.uuid4()
        answers = race(racers, [f"REFUND {sale_id} {key}"] * 2)
        assert all(a.startswith("OK ") for a in answers), answers
        receipts = {a.split()[1] for a in answers}
        assert len(receipts) == 1, answers
        assert sorted(a.split()[2] for a in answers) == ["0", "1"], answers
        replayed += 1
    for racer in racers:
        racer.stop()
    assert Sale.select().where(Sale.kind == "refund").count() == SALES
    print(f"\n{SALES} refund keys sent by two connections at once: {SALES} refunds, "
          f"{replayed} losers got the replayed result, 0 errors")


def test_one_refund_key_on_two_sales_at_once_is_a_conflict_not_an_integrity_error(pg_url,
                                                                                  tmp_path):
    world = seed_minimal()
    rounds = max(2, SALES // 5)
    racers = [Racer(pg_url, world.terminal_a.code, tmp_path / f"{n}.log") for n in "ab"]
    for _ in range(rounds):
        pair = [sell_cola(world, world.terminal_a) for _ in racers]
        assert race(racers, [f"GRANT {sale_id}" for sale_id in pair]) == ["OK - 0"] * 2
        key = uuid.uuid4()
        answers = race(racers, [f"REFUND {sale_id} {key}" for sale_id in pair])
        assert sorted(a.split()[0] for a in answers) == ["OK", "REFUSED"], answers
        lost = next(a for a in answers if a.startswith("REFUSED"))
        assert lost.startswith("REFUSED IdempotencyConflict refund.key_reused"), answers
    for racer in racers:
        racer.stop()
    assert Sale.select().where(Sale.kind == "refund").count() == rounds
    print(f"\n{rounds} refund keys used for two different sales at once: {rounds} refunds, "
          f"{rounds} IdempotencyConflicts, 0 IntegrityErrors")


def test_shift_close_racing_a_refund_or_a_sale_counts_what_committed(pg_url, tmp_path):
    world = seed_minimal()
    racers = [Racer(pg_url, world.terminal_a.code, tmp_path / f"{n}.log") for n in "ab"]
    outcomes: Counter[str] = Counter()
    for round_no in range(SHIFT_ROUNDS):
        shift = shifts.open_shift(world.terminal_a, world.cashier_a, 10000)
        sale_id = sell_cola(world, world.terminal_a, shift.id)
        assert racers[0].ask("SHIFT") == f"OK {shift.id} 0"
        if round_no % 2 == 0:
            assert racers[0].ask(f"GRANT {sale_id}") == "OK - 0"
            first = f"REFUND {sale_id} {uuid.uuid4()}"
        else:
            first = "SELL"
        action, close = race(racers, [first, "CLOSE"])
        assert close.startswith("OK Z"), close
        kind = first.split()[0].lower()
        if action.startswith("OK "):
            outcomes[f"{kind} before close"] += 1
        else:
            assert action.startswith("REFUSED ValidationError") and "closed" in action, action
            outcomes[f"{kind} refused after close"] += 1
        closed = Shift.get_by_id(shift.id)
        # The Z report's expected cash was fixed at closing: it must include every refund or
        # sale that committed into the shift (none may slip in afterwards).
        cash = shifts._cash_figures(shift.id)
        assert closed.expected_cash == closed.opening_float + cash["kept"] - cash["refunded"]
    for racer in racers:
        racer.stop()
    assert sum(outcomes.values()) == SHIFT_ROUNDS
    print(f"\nshift close racing a refund or sale, {SHIFT_ROUNDS} rounds: {dict(outcomes)}; "
          "every Z report's expected cash matches what committed")
