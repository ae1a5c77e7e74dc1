"""Durability and concurrency: SIGKILL during commits, several processes selling at once."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import peewee as pw
import pytest

from app import ledger
from app.db import bind, database
from app.demo import seed_minimal
from app.models import Payment, Sale, SaleLine, Transfer

WORKER = Path(__file__).with_name("sale_worker.py")


def start_worker(url: str, count: int, seed: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WORKER), url, str(count), str(seed), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def acks(output: str) -> list[str]:
    return [line.split()[1] for line in output.splitlines() if line.startswith("ACK ")]


def assert_every_sale_complete(acked: list[str]) -> None:
    for key in acked:
        sale = Sale.get_or_none(Sale.client_uuid == uuid.UUID(key))
        assert sale is not None, f"acknowledged sale {key} is missing"
    for sale in Sale.select():
        lines = list(sale.lines)
        assert lines, f"sale {sale.receipt_no} has no lines"
        assert sum(ln.total for ln in lines) == sale.total
        assert sum(p.amount for p in sale.payments) == sale.total
        if sale.points_earned:
            assert Transfer.get_or_none(Transfer.idempotency_key == f"sale:{sale.client_uuid}:earn")
    assert ledger.verify() == []


@pytest.mark.slow
def test_sigkill_during_commits_loses_no_acknowledged_sale(sqlite_url):
    bind(sqlite_url)
    seed_minimal()
    database.close()
    rng = random.Random(42)
    acked: list[str] = []
    for round_no in range(12):
        proc = start_worker(sqlite_url, 10_000, round_no)
        # kill it while it commits, however long its start-up took on this machine: after its
        # first acknowledged sale, at a random moment (the kill time is the test's input)
        first = proc.stdout.readline()
        assert first.startswith("ACK "), f"round {round_no}: {first!r} {proc.stderr.read()}"
        time.sleep(rng.uniform(0.0, 1.3))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        acked += acks(first + out)
    assert len(acked) > 50, "the worker never got to commit"
    bind(sqlite_url)
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert_every_sale_complete(acked)
    # no partial sale: every sale row has its lines and payments, every line has its sale
    assert SaleLine.select().join(Sale, pw.JOIN.LEFT_OUTER).where(Sale.id.is_null()).count() == 0
    assert Payment.select().count() >= Sale.select().count()
    database.close()


@pytest.mark.slow
def test_concurrent_tills_never_lock_or_lose_updates(db_url):
    bind(db_url)
    world = seed_minimal()
    # give the member points so every worker also spends from the same account
    from app.db import write_tx

    with write_tx():
        ledger.award(ledger.member_account(world.member), world.merchant_a, 1000, key="adjust:seed",
                     reason="seed", source="adjustment")
    database.close()
    workers = [start_worker(db_url, 25, seed, "--points") for seed in range(4)]
    outputs = [w.communicate(timeout=240) for w in workers]
    for w, (out, err) in zip(workers, outputs, strict=True):
        assert w.returncode == 0, err
        assert "ERR" not in out, out
        assert "locked" not in err
    acked = [k for out, _ in outputs for k in acks(out)]
    assert len(acked) == 100
    bind(db_url)
    assert Sale.select().count() == 100
    receipts = [s.receipt_no for s in Sale.select()]
    assert len(set(receipts)) == 100 and max(receipts).endswith("000100")
    earned = sum(s.points_earned for s in Sale.select())
    assert ledger.balance(world.member) == 1000 + earned - 100
    assert_every_sale_complete(acked)
    database.close()
