"""Settlement run over 1 000 000 transfers, on SQLite and PostgreSQL (budget: ≤ 5 s each).

    uv run python bench/bench_settlement.py [--transfers 1000000] [--merchants 10]

Builds a fresh database (the real schema, through the migrations) holding one month of
coalition activity — a tenth of the transfers are awards by ``--merchants`` merchants to
10 000 members (one lot each), the rest points payments at every merchant, each with its lot
use — bulk-inserted with ``INSERT … SELECT`` over a generated series (not the ledger API: it
would take hours). Then the month's settlement run is timed: the per-pair aggregate over the
lot uses, the statement lines, the run row and its audit entry. The run is checked: its lines
sum to zero.

Prints one ``metric_name: value unit`` per line.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

import peewee as pw  # noqa: E402

from app import codes, ledger  # noqa: E402
from app.backoffice.actor import Actor  # noqa: E402
from app.db import bind, database, write_tx  # noqa: E402
from app.demo import seed_minimal  # noqa: E402
from app.models import Account, Merchant, SettlementLine, Staff  # noqa: E402
from app.settlement import mailing  # noqa: E402, F401  (imported here, not timed)
from app.settlement.runs import run_settlement  # noqa: E402

MEMBERS = 10_000
MONTH = date(2026, 9, 1)  # settled as a closed period (Asia/Shanghai)
BASE = "2026-09-02 00:00:00"
SPREAD_S = 20 * 86400  # activity spread over 20 days inside the month
ID_BASE = 1_000_000  # explicit ids for the bulk rows, clear of the seed's


def series(n: int) -> str:
    """FROM-clause rows i = 1..n."""
    if isinstance(database.obj, pw.SqliteDatabase):
        return (f"(WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c "
                f"WHERE i < {n}) SELECT i FROM c) AS s")
    return f"generate_series(1, {n}) AS s(i)"


def at(seconds: str) -> str:
    """A timestamp ``seconds`` (an SQL expression) after BASE."""
    if isinstance(database.obj, pw.SqliteDatabase):
        return f"datetime('{BASE}', '+' || ({seconds}) || ' seconds')"
    return f"(TIMESTAMP '{BASE}' + ({seconds}) * INTERVAL '1 second')"


def build(transfers: int, merchants: int) -> Staff:
    world = seed_minimal()
    with write_tx():
        shops = [world.merchant_a, world.merchant_b] + [
            Merchant.create(code=f"B{i:03d}", name=f"商户{i}") for i in range(2, merchants)]
        issued = [ledger.issued_account(m).id for m in shops]
        redeemed = [ledger.redeemed_account(m).id for m in shops]
    mids = [m.id for m in shops]
    for ids in (mids, issued, redeemed):  # the SQL below maps index → id arithmetically
        assert ids == list(range(ids[0], ids[0] + merchants)), ids
    m0, i0, r0, k = mids[0], issued[0], redeemed[0], merchants
    lots = transfers // 10
    spends = transfers - lots
    mb, ab, tb, lb, ub = (ID_BASE * n for n in (1, 2, 3, 5, 6))
    # The merchant index a payment is accepted at (never the lot's issuer while k > uses).
    other = f"((((i - 1) % {lots}) % {k} + 1 + (i - 1) / {lots}) % {k})"
    t = time.perf_counter()
    with write_tx():
        sqlite = isinstance(database.obj, pw.SqliteDatabase)

        def sql(text: str) -> None:  # psycopg reads % as a parameter: double it there
            database.obj.execute_sql(text if sqlite else text.replace("%", "%%"))

        sql(f"INSERT INTO member (id, number, phone, name, tier, email, language, created_at) "
            f"SELECT {mb} + i, CAST(900000000000 + i AS TEXT), CAST(15000000000 + i AS TEXT), "
            f"'', 'standard', '', 'zh_CN', {at('0')} FROM {series(MEMBERS)}")
        sql(f"INSERT INTO account (id, kind, member_id, balance, owner_key) "
            f"SELECT {ab} + i, 'member', {mb} + i, 0, 'bench-member:' || CAST(i AS TEXT) "
            f"FROM {series(MEMBERS)}")
        # Awards: merchant (i-1) % k → member (i-1) % MEMBERS, 100 points, one lot each.
        sql(f"INSERT INTO transfer (id, idempotency_key, request_hash, debit_id, credit_id, "
            f"amount, reason, source, source_ref, created_at) "
            f"SELECT {tb} + i, 'sale:bench-a' || CAST(i AS TEXT), '', {i0} + (i - 1) % {k}, "
            f"{ab} + 1 + (i - 1) % {MEMBERS}, 100, 'bench', 'sale', '', "
            f"{at(f'i % {SPREAD_S // 2}')} FROM {series(lots)}")
        sql(f"INSERT INTO lot (id, account_id, issuer_id, transfer_id, points, remaining, "
            f"awarded_at, expires_at) "
            f"SELECT {lb} + i, {ab} + 1 + (i - 1) % {MEMBERS}, {m0} + (i - 1) % {k}, {tb} + i, "
            f"100, 10, {at(f'i % {SPREAD_S // 2}')}, {at('40000000')} FROM {series(lots)}")
        # Payments: 10 points of lot (i-1) % lots at another merchant each time the lot is
        # used again (the u-th use goes u+1 merchants along), one lot use each.
        sql(f"INSERT INTO transfer (id, idempotency_key, request_hash, debit_id, credit_id, "
            f"amount, reason, source, source_ref, created_at) "
            f"SELECT {tb} + {lots} + i, 'sale:bench-s' || CAST(i AS TEXT), '', "
            f"{ab} + 1 + ((i - 1) % {lots}) % {MEMBERS}, {r0} + {other}, 10, 'bench', "
            f"'sale', '', {at(f'{SPREAD_S // 2} + i % {SPREAD_S // 2}')} FROM {series(spends)}")
        sql(f"INSERT INTO lot_use (id, transfer_id, lot_id, issuer_id, acceptor_id, amount, "
            f"created_at) "
            f"SELECT {ub} + i, {tb} + {lots} + i, {lb} + 1 + (i - 1) % {lots}, "
            f"{m0} + ((i - 1) % {lots}) % {k}, {m0} + {other}, 10, "
            f"{at(f'{SPREAD_S // 2} + i % {SPREAD_S // 2}')} FROM {series(spends)}")
    database.obj.execute_sql("ANALYZE")
    print(f"# built {transfers:,} transfers ({lots:,} lots, {spends:,} lot uses) in "
          f"{time.perf_counter() - t:.1f} s", file=sys.stderr)
    return world.operator


def bench(url: str, label: str, transfers: int, merchants: int) -> None:
    codes.forget_secret()
    bind(url)
    operator = build(transfers, merchants)
    actor = Actor.of(operator)
    t = time.perf_counter()
    outcome = run_settlement(actor, MONTH, now=datetime(2026, 11, 1))
    elapsed = time.perf_counter() - t
    lines = SettlementLine.select().where(SettlementLine.run == outcome.run_id)
    assert outcome.created and lines.count() == merchants * (merchants - 1)
    assert sum(line.amount_minor for line in lines) == 0
    crossing = sum(line.points_in for line in lines)
    assert Account.select().count() > MEMBERS
    size = "1m" if transfers == 1_000_000 else f"{transfers // 1000}k"
    print(f"settlement_run_{size}_transfers_s_{label}: {elapsed:.2f} s")
    print(f"# {crossing:,} points crossed between merchants", file=sys.stderr)
    database.obj.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--transfers", type=int, default=1_000_000)
    parser.add_argument("--merchants", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench(str(Path(tmp) / "settlement.db"), "sqlite", args.transfers, args.merchants)
    from pgserver import PostgresServer

    server = PostgresServer(durable=False)
    admin = server.start()
    if admin is None:
        print("settlement_run_s_postgres: n/a (PostgreSQL not installed)", file=sys.stderr)
        return 0
    try:
        from app.db import open_database

        db = open_database(admin)
        db.execute_sql("DROP DATABASE IF EXISTS patron_bench_settlement")
        db.execute_sql("CREATE DATABASE patron_bench_settlement")
        db.close()
        # Building the data set takes longer than a till statement may (10 s).
        bench(admin.rsplit("/", 1)[0] + "/patron_bench_settlement?statement_timeout=900000",
              "postgres", args.transfers, args.merchants)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
