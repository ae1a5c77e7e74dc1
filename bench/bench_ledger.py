"""Points ledger benchmarks on SQLite and PostgreSQL: a points payment (which first expires
the member's due lots), the expiry job, and verify().

    uv run python bench/bench_ledger.py [--members 500] [--lots 4] [--spends 300]
                                        [--expiry-lots 1000000]

Seeds ``--members`` members with ``--lots`` lots each; half of every member's lots are
already past their expiry when the spends run, so each first spend per member also moves
those to breakage in its transaction. Then the job runs over what is left due, and
``verify()`` reconciles the whole ledger. Then, in a fresh database, ``--expiry-lots`` due
lots (four per member, seeded in bulk SQL with their award transfers) are expired by the
real job: ``expiry_job_1m_lots_s`` (budget ≤ 10 s over 1 000 000 lots). Prints one
``metric: value unit`` per line.
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
from bench.proc_cpu import server_cpu_s  # noqa: E402


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


def seed_due_lots(lots: int, issuer_id: int, now) -> None:
    """``lots`` lots of 100 points, four per member, all past their expiry, each with the award
    transfer behind it and the members' cached balances to match (bulk SQL)."""
    from app.db import is_sqlite

    db = database.obj
    members = max(lots // 4, 1)
    issued = ledger.issued_account(issuer_id).id
    with write_tx():
        if not is_sqlite():
            db.execute_sql("SET LOCAL statement_timeout = 0")  # bulk statements
        seq = ("WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {n}) "
               if is_sqlite() else "")
        src = "seq" if is_sqlite() else "generate_series(1, {n}) AS i"
        p = db.param
        db.execute_sql(
            (seq + "INSERT INTO member (number, phone, name, tier, email, language, created_at) "
             f"SELECT 'X' || i, '17' || i, '', 'standard', '', 'zh_CN', {p} FROM " + src
             ).format(n=members), (now,))
        db.execute_sql(
            "INSERT INTO account (kind, member_id, owner_key, balance) "
            "SELECT 'member', id, 'member:' || id, 400 FROM member WHERE substr(number, 1, 1) = 'X'")
        for k in range(4):
            db.execute_sql(
                "INSERT INTO transfer (idempotency_key, request_hash, debit_id, credit_id, "
                "amount, reason, source, source_ref, created_at) "
                f"SELECT 'sale:bx:' || a.id || ':{k}', '', {p}, a.id, 100, 'bench', 'sale', '', "
                f"{p} FROM account a WHERE substr(a.owner_key, 1, 7) = 'member:' AND a.member_id IN "
                "(SELECT id FROM member WHERE substr(number, 1, 1) = 'X')", (issued, now))
        db.execute_sql(
            "INSERT INTO lot (account_id, issuer_id, transfer_id, points, remaining, awarded_at, "
            f"expires_at) SELECT t.credit_id, {p}, t.id, 100, 100, {p}, {p} FROM transfer t "
            "WHERE substr(t.idempotency_key, 1, 8) = 'sale:bx:'",
            (issuer_id, now - timedelta(days=400), now - timedelta(days=1)))
    if not is_sqlite():
        # Lots awarded over a year are long vacuumed by the time they expire: so are these
        # (and autovacuum does not then start on them in the middle of the run).
        db.execute_sql("VACUUM ANALYZE")


def _server_cpu_s() -> float:
    """CPU seconds the PostgreSQL server serving this database has used so far, its worker
    connections included (bench.proc_cpu); 0 on SQLite, where the work is this process's own."""
    from app.db import is_sqlite

    if is_sqlite():
        return 0.0
    return server_cpu_s(database.obj.execute_sql("SELECT pg_backend_pid()").fetchone()[0])


def bench_expiry(url: str, label: str, lots: int, check: bool) -> None:
    codes.forget_secret()
    bind(url)
    world = seed_minimal()
    now = utcnow()
    t0 = time.perf_counter()
    seed_due_lots(lots, world.merchant_a.id, now)
    print(f"# seeded {lots} due lots in {time.perf_counter() - t0:.1f} s ({label})",
          file=sys.stderr)
    import os

    t0, cpu0, server0 = time.perf_counter(), time.process_time(), _server_cpu_s()
    [result] = jobs.run_due(now, only="expire_points")
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - cpu0 + _server_cpu_s() - server0
    assert result.count == 100 * (lots // 4) * 4, result
    print(f"expiry_job_1m_lots_s_{label}: {elapsed:.2f} s ({lots} lots)")
    # The machine may be shared: the CPU the run itself used (this process and, on
    # PostgreSQL, the server) and the load it ran under.
    print(f"expiry_job_1m_lots_cpu_s_{label}: {cpu:.2f} s")
    print(f"# load average {os.getloadavg()[0]:.1f} during the run ({label})", file=sys.stderr)
    if check:  # verify() over a million lots takes longer than the run: smaller sizes only
        problems = ledger.verify()
        print(f"expiry_job_verify_problems_{label}: {len(problems)} problems")
    database.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--lots", type=int, default=4)
    parser.add_argument("--spends", type=int, default=300)
    parser.add_argument("--expiry-lots", type=int, default=1_000_000)
    args = parser.parse_args()
    check = args.expiry_lots <= 200_000
    with tempfile.TemporaryDirectory() as tmp:
        bench(str(Path(tmp) / "ledger.db"), "sqlite", args.members, args.lots, args.spends)
    with tempfile.TemporaryDirectory() as tmp:
        bench_expiry(str(Path(tmp) / "expiry.db"), "sqlite", args.expiry_lots, check)
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
        db = open_database(admin)
        db.execute_sql("DROP DATABASE IF EXISTS patron_bench_expiry")
        db.execute_sql("CREATE DATABASE patron_bench_expiry")
        db.close()
        bench_expiry(admin.rsplit("/", 1)[0] + "/patron_bench_expiry", "postgres",
                     args.expiry_lots, check)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
