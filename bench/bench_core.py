"""Core benchmarks: sale commit on SQLite and PostgreSQL, barcode look-up in 100 000 products.

    uv run python bench/bench_core.py [--sales 300] [--products 100000]

Prints one `metric: value unit` line per figure.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from app import codes  # noqa: E402
from app.cart import Cart  # noqa: E402
from app.catalogue import Catalogue  # noqa: E402
from app.checkout import Tender  # noqa: E402
from app.db import bind, database, write_tx  # noqa: E402
from app.demo import ean13, seed_minimal  # noqa: E402
from app.models import Barcode, Product  # noqa: E402
from app.till import Till  # noqa: E402


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def bench_sales(url: str, label: str, n: int) -> None:
    codes.forget_secret()
    bind(url)
    world = seed_minimal()
    till = Till.open()
    till.sign_in("c1", "1111")
    rng = random.Random(1)
    goods = ["6901939621608", "6921168509256", "0012345000065", "2000101012344"]
    hits = {c: till.scan(c) for c in goods}
    times = []
    for i in range(n):
        cart = Cart()
        for _ in range(rng.randint(2, 6)):
            cart.add(hits[rng.choice(goods)])
        cart.member_id = world.member.id if i % 2 == 0 else None
        tenders = [Tender("cash", cart.totals().total + 1000)]
        t0 = time.perf_counter()
        till.pay(cart, tenders)
        times.append((time.perf_counter() - t0) * 1000)
    print(f"sale_commit_p50_ms_{label}: {statistics.median(times):.1f} ms")
    print(f"sale_commit_p95_ms_{label}: {pct(times, 95):.1f} ms")
    database.close()


def bench_lookup(n_products: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        codes.forget_secret()
        bind(str(Path(tmp) / "catalogue.db"))
        world = seed_minimal()
        merchant = world.merchant_a.id
        batch = 5000
        with write_tx():
            for start in range(0, n_products, batch):
                rows = [{"merchant": merchant, "sku": f"P{i:07d}", "name": f"商品 {i}",
                         "name_en": f"Product {i}", "pinyin_initials": f"sp{i}", "price": 100 + i % 5000,
                         "tax_rate_bp": 1300}
                        for i in range(start, min(start + batch, n_products))]
                Product.insert_many(rows).execute()
            first = Product.select(Product.id).where(Product.sku == "P0000000").scalar()
            for start in range(0, n_products, batch):
                Barcode.insert_many([
                    {"merchant": merchant, "code": ean13(f"690{i:09d}"), "product": first + i}
                    for i in range(start, min(start + batch, n_products))
                ]).execute()
        catalogue = Catalogue(world.store_a)
        rng = random.Random(2)
        times = []
        for _ in range(3000):
            code = ean13(f"690{rng.randrange(n_products):09d}")
            t0 = time.perf_counter()
            catalogue.scan(code)
            times.append((time.perf_counter() - t0) * 1000)
        print(f"barcode_lookup_p95_ms_{n_products // 1000}k: {pct(times, 95):.2f} ms")
        t0 = time.perf_counter()
        catalogue.search("sp9999")
        print(f"product_search_pinyin_ms_{n_products // 1000}k: {(time.perf_counter() - t0) * 1000:.1f} ms")
        database.close()


def bench_cashier_process() -> None:
    """The whole cashier role as a till runs it (demo database, simulated devices), through
    main.py --self-test: its peak resident memory and start-to-ready time."""
    import os
    import subprocess

    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "PATRON_HOME": home, "QT_QPA_PLATFORM": "offscreen"}
        cmd = [sys.executable, str(REPO / "main.py"), "--role", "cashier", "--demo", "--self-test"]
        subprocess.run(cmd, env=env, capture_output=True, check=True)  # seeds the demo once
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
    print(f"cashier_peak_rss_mb: {usage.ru_maxrss / 1024:.0f} MB")
    print(f"cashier_selftest_process_s: {elapsed:.2f} s")
    if proc.returncode != 0 or "self-test" not in out:
        raise SystemExit(f"bench: the cashier self-test failed:\n{out}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sales", type=int, default=300)
    parser.add_argument("--products", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_sales(str(Path(tmp) / "sales.db"), "sqlite", args.sales)
    from pgserver import PostgresServer

    server = PostgresServer(durable=True)
    admin = server.start()
    if admin is None:
        print("sale_commit_p95_ms_postgresql: n/a (PostgreSQL not installed)", file=sys.stderr)
    else:
        try:
            from app.db import open_database

            db = open_database(admin)
            db.execute_sql("DROP DATABASE IF EXISTS patron_bench")
            db.execute_sql("CREATE DATABASE patron_bench")
            db.close()
            bench_sales(admin.rsplit("/", 1)[0] + "/patron_bench", "postgresql", args.sales)
        finally:
            server.stop()
    bench_lookup(args.products)
    bench_cashier_process()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"bench_core_peak_rss_mb: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
