"""Points ledger benchmarks on SQLite and PostgreSQL: a points payment (which first expires
the member's due lots), the expiry job, and verify().

    uv run python bench/bench_ledger.py [--members 500] [--lots 4] [--spends 300]

Seeds ``--members`` members with ``--lots`` lots each; half of every member's lots are
already past their expiry when the spends run, so each first spend per member also moves
those to breakage in its transaction. Then the job runs over what is left due, and
``verify()`` reconciles the whole ledger. Prints one ``metric: value unit`` per line.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from app import codes, jobs, ledger  # noqa: E402
from app.clock import utcnow  # noqa: E402
from app.db import bind, database, write_tx  # noqa: E402
from app.demo import seed_minimal  # noqa: E402
from app.models import Member  # noqa: E402


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def bench(url: str, label: str, members: int, lots: int, spends: int) -> None:
    codes.forget_secret()
    bind(url)
    world = seed_minimal()
    now = utcnow()
    holders = []
    with write_tx():
        for m in range(members):
            member = Member.create(number=f"6{m:011d}", phone=f"166{m:08d}")
            holder = ledger.member_account(member)
            for i in range(lots):
                past = i < lots // 2
                ledger.award(holder, (world.merchant_a, world.merchant_b)[i % 2], 50,
                             key=f"sale:bench:{m}:{i}", reason="bench", source="sale",
                             expires_at=now + timedelta(days=-1 - i if past else 30 + i))
            holders.append(holder)
    rng = random.Random(7)
    times = []
    for s in range(spends):
        holder = rng.choice(holders)
        t0 = time.perf_counter()
        with write_tx():
            if ledger.holder_balance(holder) >= 5:
                ledger.spend(holder, world.merchant_b, 5, key=f"sale:bench:pay:{s}",
                             reason="bench", source="sale")
        times.append((time.perf_counter() - t0) * 1000)
    print(f"points_spend_p50_ms_{label}: {statistics.median(times):.1f} ms")
    print(f"points_spend_p95_ms_{label}: {pct(times, 95):.1f} ms")
    t0 = time.perf_counter()
    jobs.run_due()
    elapsed = time.perf_counter() - t0
    print(f"expiry_job_s_{label}: {elapsed:.2f} s")
    t0 = time.perf_counter()
    problems = ledger.verify()
    print(f"ledger_verify_ms_{label}: {(time.perf_counter() - t0) * 1000:.0f} ms")
    print(f"ledger_verify_problems_{label}: {len(problems)} problems")
    database.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--lots", type=int, default=4)
    parser.add_argument("--spends", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench(str(Path(tmp) / "ledger.db"), "sqlite", args.members, args.lots, args.spends)
    from pgserver import PostgresServer

    server = PostgresServer(durable=True)
    admin = server.start()
    if admin is None:
        print("points_spend_p95_ms_postgresql: n/a (PostgreSQL not installed)", file=sys.stderr)
        return 0
    try:
        from app.db import open_database

        db = open_database(admin)
        db.execute_sql("DROP DATABASE IF EXISTS patron_bench_ledger")
        db.execute_sql("CREATE DATABASE patron_bench_ledger")
        db.close()
        bench(admin.rsplit("/", 1)[0] + "/patron_bench_ledger", "postgresql", args.members,
              args.lots, args.spends)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
