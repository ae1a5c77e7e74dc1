"""Loyalty benchmarks on SQLite and PostgreSQL: the earning rules a sale is priced by, and the
tier evaluation over many members.

    uv run python bench/bench_loyalty.py [--members 20000] [--earns 300]

``earn``: app.loyalty.rules.earn for a 20-line cart at a merchant with product and category
rules, a tier multiplier and promotions (what checkout adds to a sale's commit). ``tiers``:
``--members`` members whose sale awards (rows written in bulk: the evaluation only reads the
ledger) put a third of them above the silver threshold; the first evaluation moves those
(one transaction, TierChange and message each), the second changes nothing.
Prints one ``metric: value unit`` per line.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from app import codes  # noqa: E402
from app.backoffice.actor import sign_in  # noqa: E402
from app.clock import utcnow  # noqa: E402
from app.db import bind, database, write_tx  # noqa: E402
from app.demo import DEMO_PINS, seed_minimal  # noqa: E402
from app.loyalty import rules, rules_admin, tiers  # noqa: E402
from app.loyalty.rules import EarnLine  # noqa: E402
from app.loyalty.rules_admin import PromotionInput  # noqa: E402
from app.models import Account, Category, Member, Product, Transfer  # noqa: E402


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def bench_earn(world, earns: int, label: str) -> None:
    op = sign_in("op", DEMO_PINS["operator"])
    ma = world.merchant_a.id
    drinks = Category.get((Category.merchant == ma) & (Category.name_en == "Drinks"))
    products = list(Product.select().where(Product.merchant == ma))
    rules_admin.save_points_rule(op, ma, category_id=drinks.id, rate_points=2,
                                 rate_per_minor=100)
    rules_admin.save_points_rule(op, ma, product_id=products[0].id, bonus_per_unit=3)
    for weekday in "1234567":
        rules_admin.save_promotion(op, ma, PromotionInput(
            f"day {weekday}", 150, date(2020, 1, 1), date(2099, 1, 1), weekdays=weekday,
            from_minute=600, to_minute=840))
    lines = [EarnLine(p.id, p.category_id, p.price * 2, 2, p.bonus_points)
             for p in (products * 5)[:20]]
    times = []
    for _ in range(earns):
        t0 = time.perf_counter()
        rules.earn(world.merchant_a, world.store_a, "gold", utcnow(), lines)
        times.append((time.perf_counter() - t0) * 1000)
    print(f"earn_rules_20_lines_p50_ms_{label}: {statistics.median(times):.2f} ms")
    print(f"earn_rules_20_lines_p95_ms_{label}: {pct(times, 95):.2f} ms")


def seed_members(world, members: int) -> None:
    issued = Account.get_or_none(Account.owner_key == f"issued:{world.merchant_a.id}") \
        or Account.create(kind="issued", owner_key=f"issued:{world.merchant_a.id}",
                          merchant=world.merchant_a.id)
    now = utcnow()
    batch = 2000
    for start in range(0, members, batch):
        with write_tx():
            rows = [{"number": f"5{m:011d}", "phone": f"155{m:08d}"}
                    for m in range(start, min(members, start + batch))]
            Member.insert_many(rows).execute()
            ids = [i for (i,) in Member.select(Member.id).where(
                Member.number.in_([r["number"] for r in rows])).tuples()]
            Account.insert_many([{"kind": "member", "owner_key": f"member:{i}", "member": i}
                                 for i in ids]).execute()
            accounts = dict(Account.select(Account.member, Account.id).where(
                Account.member.in_(ids)).tuples())
            Transfer.insert_many([
                {"idempotency_key": f"sale:bench-tier:{i}:earn", "debit": issued.id,
                 "credit": accounts[i], "amount": 150 if i % 3 == 0 else 40,
                 "reason": "bench", "source": "sale", "created_at": now - timedelta(days=i % 300)}
                for i in ids]).execute()


def bench_tiers(world, members: int, label: str) -> None:
    op = sign_in("op", DEMO_PINS["operator"])
    tiers.save_tier(op, "standard", "普通会员", "Standard", 0)
    tiers.save_tier(op, "silver", "银卡会员", "Silver", 100)
    seed_members(world, members)
    as_of = utcnow() + timedelta(seconds=1)
    t0 = time.perf_counter()
    first = tiers.evaluate(as_of)
    elapsed = time.perf_counter() - t0
    print(f"tier_evaluation_s_{label}: {elapsed:.2f} s "
          f"({first.evaluated} members, {first.changed} moved)")
    t0 = time.perf_counter()
    again = tiers.evaluate(as_of)
    print(f"tier_reevaluation_s_{label}: {time.perf_counter() - t0:.2f} s "
          f"({again.changed} moved)")


def bench(url: str, label: str, members: int, earns: int) -> None:
    codes.forget_secret()
    bind(url)
    world = seed_minimal()
    bench_earn(world, earns, label)
    bench_tiers(world, members, label)
    database.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=20000)
    parser.add_argument("--earns", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench(str(Path(tmp) / "loyalty.db"), "sqlite", args.members, args.earns)
    from pgserver import PostgresServer

    server = PostgresServer(durable=True)
    admin = server.start()
    if admin is None:
        print("tier_evaluation_s_postgresql: n/a (PostgreSQL not installed)", file=sys.stderr)
        return 0
    try:
        from app.db import open_database

        db = open_database(admin)
        db.execute_sql("DROP DATABASE IF EXISTS patron_bench_loyalty")
        db.execute_sql("CREATE DATABASE patron_bench_loyalty")
        db.close()
        bench(admin.rsplit("/", 1)[0] + "/patron_bench_loyalty", "postgresql", args.members,
              args.earns)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
