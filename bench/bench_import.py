"""Catalogue import benchmark (budget: ≤ 30 s for 100 000 rows, validation included).

    uv run python bench/bench_import.py [--rows 100000] [--db both]

Writes a CSV file of ``--rows`` new products (Chinese names, English names, prices, tax
rates, 40 categories, one valid EAN-13 barcode each, some sold by weight with a PLU) into a
temporary directory, then imports it through the back-office service (app.catalogue_import:
read, check every row, compare with the merchant's products, write in one transaction with
the search-index triggers and the audit) into a fresh SQLite file and a throwaway PostgreSQL
server. The clock covers the whole ``import_file`` call (reading, checking, comparing, writing,
committing); this process's CPU time is printed beside it, and how many progress reports the
import gave. Then the same file again (it must change nothing) and a price list changing
every product's price are timed.

Prints one ``metric_name: value unit`` per line.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

_KINDS = [("牛奶", "milk"), ("酸奶", "yoghurt"), ("矿泉水", "mineral water"), ("绿茶", "green tea"),
          ("果汁", "juice"), ("方便面", "instant noodles"), ("大米", "rice"), ("酱油", "soy sauce"),
          ("饼干", "biscuits"), ("薯片", "potato chips"), ("巧克力", "chocolate"),
          ("洗发水", "shampoo"), ("牙膏", "toothpaste"), ("纸巾", "tissues"), ("面包", "bread"),
          ("火腿肠", "ham sausage"), ("啤酒", "beer"), ("咖啡", "coffee"), ("洗衣液", "detergent"),
          ("食用油", "cooking oil"), ("挂面", "noodles"), ("速冻水饺", "frozen dumplings"),
          ("冰淇淋", "ice cream"), ("蜂蜜", "honey"), ("红枣", "red dates"), ("花生", "peanuts"),
          ("瓜子", "sunflower seeds"), ("醋", "vinegar"), ("盐", "salt"), ("白糖", "sugar"),
          ("鸡蛋", "eggs"), ("豆浆", "soy milk"), ("茶叶", "tea leaves"), ("洗洁精", "dish soap"),
          ("沐浴露", "shower gel"), ("电池", "batteries"), ("拖鞋", "slippers"),
          ("香蕉", "bananas"), ("苹果", "apples"), ("橙子", "oranges")]
_BRAND_CHARS = "金银华美康乐福泰安顺鑫源隆盛丰达恒佳宝瑞祥天海山川光明新东方中大好味香甜鲜农家园绿"
_SIZES = ["250ml", "500ml", "1L", "100g", "500g", "1kg", "6连包", "家庭装", "标准装", "礼盒装"]
HEADER = ["sku", "name", "name_en", "price", "tax_rate", "category", "barcodes", "sold_by",
          "plu", "bonus_points", "active"]


def ean13(number: int) -> str:
    from app.barcodes import gtin_check_digit

    body = f"69{number:010d}"
    return body + str(gtin_check_digit(body))


def catalogue_rows(count: int, seed: int = 1, start: int = 0) -> list[list[str]]:
    """``count`` valid rows of new products (``start`` offsets skus, barcodes and PLUs)."""
    rng = random.Random(seed)
    rows = []
    for i in range(start, start + count):
        brand = "".join(rng.sample(_BRAND_CHARS, 2))
        kind, kind_en = _KINDS[i % len(_KINDS)]
        size = _SIZES[rng.randrange(len(_SIZES))]
        weighed = i % 50 == 0
        rows.append([
            f"S{i:07d}", f"{brand}{kind} {size}", f"{kind_en} {size}",
            str(Decimal(rng.randrange(1, 99999)) / 100) if not weighed
            else f"{rng.randrange(5, 80)}.90",
            rng.choice(("13", "9", "6%")), kind, "" if weighed else ean13(i + 1),
            "weight" if weighed else "unit", f"{(20000 + i // 50) % 100000}" if weighed else "",
            str(rng.choice((0, 0, 0, 5))), "yes"])
    return rows


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def run(url: str, path: Path, repriced: Path) -> dict[str, float]:
    from app.backoffice.actor import sign_in
    from app.catalogue_import import import_file
    from app.db import bind, database
    from app.demo import DEMO_PINS, seed_minimal
    from app.models import Product

    db = bind(url)
    world = seed_minimal()
    actor = sign_in("op", DEMO_PINS["operator"])
    reports: list[str] = []
    t0, cpu0 = time.perf_counter(), time.process_time()
    first = import_file(actor, world.merchant_a.id, path,
                        progress=lambda stage, done, total: reports.append(stage))
    out = {"s": time.perf_counter() - t0, "cpu_s": time.process_time() - cpu0,
           "created": first.created, "progress_reports": len(reports)}
    t0 = time.perf_counter()
    again = import_file(actor, world.merchant_a.id, path)
    out["unchanged_s"] = time.perf_counter() - t0
    assert again.created == again.updated == 0, again
    t0 = time.perf_counter()
    changed = import_file(actor, world.merchant_a.id, repriced)
    out["repriced_s"] = time.perf_counter() - t0
    assert changed.updated == first.created, changed
    products = Product.select().where(Product.merchant == world.merchant_a.id).count()
    assert products >= first.created, (products, first)
    database.initialize(None)
    db.close()
    return out


def reprice(rows: list[list[str]]) -> list[list[str]]:
    """The same products, every price 1.00 higher: a price list's update."""
    price = HEADER.index("price")
    return [[*row[:price], str(Decimal(row[price]) + 1), *row[price + 1:]] for row in rows]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    args = p.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="patron-bench-import-", suffix=f"-{os.getpid()}"))
    os.environ["PATRON_HOME"] = str(work / "home")
    rows = catalogue_rows(args.rows)
    path = write_csv(work / "catalogue.csv", rows)
    repriced = write_csv(work / "repriced.csv", reprice(rows))
    size = f"{args.rows // 1000}k" if args.rows % 1000 == 0 else str(args.rows)
    targets = []
    if args.db in ("sqlite", "both"):
        targets.append(("sqlite", f"sqlite:///{work / 'import.db'}", None))
    if args.db in ("postgres", "both"):
        from scripts.pgserver import PostgresServer, admin_sql

        server = PostgresServer(own=True, durable=True)
        admin = server.start()
        if admin is None:
            raise SystemExit("bench: PostgreSQL is not installed")
        admin_sql(admin, "CREATE DATABASE bench_import")
        targets.append(("postgres", admin.rsplit("/", 1)[0] + "/bench_import", server))
    print(f"catalogue_import_rows: {args.rows} rows")
    for name, url, server in targets:
        try:
            out = run(url, path, repriced)
        finally:
            if server is not None:
                server.stop()
        print(f"catalogue_import_{size}_s_{name}: {out['s']:.1f} s")
        # this process's CPU time (the PostgreSQL server's is not in it): on a shared machine
        # the wall-clock figure above also holds the time other programs had the cores
        print(f"catalogue_import_{size}_cpu_s_{name}: {out['cpu_s']:.1f} s")
        print(f"catalogue_import_{size}_progress_reports_{name}: {out['progress_reports']} "
              "reports")
        print(f"catalogue_reimport_unchanged_{size}_s_{name}: {out['unchanged_s']:.1f} s")
        print(f"catalogue_reimport_repriced_{size}_s_{name}: {out['repriced_s']:.1f} s")
        print(f"catalogue_import_created_{size}_{name}: {out['created']} products")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        shutil.rmtree(next(Path(tempfile.gettempdir()).glob(
            f"patron-bench-import-*-{os.getpid()}"), Path("/nonexistent")), ignore_errors=True)
