"""How a till on PostgreSQL heals: backends terminated between sales, the server restarted.

    uv run python bench/bench_reconnect.py [--kills 100] [--restarts 5]

Starts a private PostgreSQL cluster. Prints one `metric: value unit` line per figure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from pgserver import PostgresServer, admin_sql  # noqa: E402

from app.cart import Cart  # noqa: E402
from app.checkout import Tender  # noqa: E402
from app.db import bind, classify, database  # noqa: E402
from app.demo import seed_minimal  # noqa: E402
from app.models import Sale  # noqa: E402
from app.till import Till  # noqa: E402


def sell(till: Till, cart: Cart | None = None) -> None:
    if cart is None:
        cart = Cart()
        cart.add(till.scan("6901939621608"), quantity=1)
    till.pay(cart, [Tender("cash", cart.totals().total)])


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--kills", type=int, default=100)
    p.add_argument("--restarts", type=int, default=5)
    args = p.parse_args()
    server = PostgresServer(own=True)
    if server.start() is None:
        print("PostgreSQL is not installed", file=sys.stderr)
        return 1
    try:
        admin_sql(server.admin_url, "CREATE DATABASE till")
        bind(server.admin_url.rsplit("/", 1)[0] + "/till")
        seed_minimal()
        till = Till.open("MA-T1")
        till.sign_in("c1", "1111")
        till.open_shift(100_00)
        sell(till)

        ok = failed = 0
        for _ in range(args.kills):
            admin_sql(server.admin_url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                    "WHERE datname = 'till' AND pid <> pg_backend_pid()")
            try:
                sell(till)
                ok += 1
            except Exception:  # counted: the figure is how many sales needed no retry
                failed += 1
        print(f"pg_sales_after_backend_killed_ok: {ok} sales")  # of args.kills, none retried
        print(f"pg_sales_after_backend_killed_failed: {failed} sales")

        refused, back_ms = [], []
        for _ in range(args.restarts):
            cart = Cart()
            cart.add(till.scan("6901939621608"), quantity=1)
            server.stop_server()
            try:
                sell(till, cart)
            except Exception as exc:  # expected: the server is down
                refused.append(classify(exc))
            server.start_server()
            started = time.perf_counter()
            sell(till, cart)  # the cashier's retry, same cart key
            back_ms.append((time.perf_counter() - started) * 1000)
        unreachable = sum(1 for kind in refused if kind == "unreachable")
        print(f"pg_sales_while_down: {args.restarts} sales")
        print(f"pg_sales_while_down_classified_unreachable: {unreachable} sales")
        print(f"pg_first_sale_after_restart_median_ms: {statistics.median(back_ms):.0f} ms")
        print(f"pg_first_sale_after_restart_max_ms: {max(back_ms):.0f} ms")
        expected = 1 + ok + args.restarts
        print(f"pg_sales_recorded_minus_expected: {Sale.select().count() - expected} sales")
        database.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
