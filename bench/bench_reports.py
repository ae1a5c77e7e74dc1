"""Z report over a shift of 1 000 000 sale lines on SQLite (budget: ≤ 2 s).

    uv run python bench/bench_reports.py [--lines 1000000] [--keep PATH]

Builds a fresh SQLite database (the real schema, through the migrations) holding one shift:
sales of ~5 lines each over 2 000 products at two tax rates, weighed lines, discounts,
members, cash/card/QR/points payments, 1 % refunds and 0.2 % voids. Rows are bulk-inserted
with ``executemany`` inside one transaction. Then the shift is closed and its Z report timed.

Prints one ``metric_name: value unit`` per line.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import shifts  # noqa: E402
from app.db import bind, database, write_tx  # noqa: E402
from app.demo import seed_minimal  # noqa: E402
from app.models import Payment, Product, Sale, SaleLine, Shift, Terminal  # noqa: E402
from app.money import div_round  # noqa: E402

PRODUCTS = 2000
LINES_PER_SALE = (1, 9)  # uniform: 5 on average


def _insert(cursor, model, rows: list[tuple], columns: list[str]) -> None:
    table = model._meta.table_name
    marks = ", ".join("?" for _ in columns)
    cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def build(path: Path, n_lines: int, seed: int = 1) -> tuple[int, int]:
    """Fill a new database at ``path``; returns (shift id, sale lines written)."""
    rng = random.Random(seed)
    db = bind(str(path))
    world = seed_minimal()
    shift = shifts.open_shift(world.terminal_a, world.cashier_a, 50000)
    t0 = shift.opened_at
    db.execute_sql("PRAGMA synchronous=OFF")  # the fixture only; the app keeps FULL

    with write_tx():
        products = []
        for i in range(PRODUCTS):
            weighed = i % 10 == 0
            products.append((world.merchant_a.id, f"B{i:05d}", f"商品{i:05d} 标准装",
                             f"Product {i:05d}", "", None, "weight" if weighed else "unit",
                             rng.randrange(150, 9000, 10), 900 if i % 4 == 0 else 1300, 0, None,
                             None, None, True))
        _insert(db.cursor(), Product, products,
                ["merchant_id", "sku", "name", "name_en", "pinyin_initials", "category_id",
                 "sold_by", "price", "tax_rate_bp", "bonus_points", "plu", "unit_weight_g",
                 "weight_tolerance_g", "active"])
        catalogue = list(Product.select(Product.id, Product.name, Product.name_en,
                                        Product.sold_by, Product.price, Product.tax_rate_bp)
                         .where(Product.sku.startswith("B")).tuples())

    sale_cols = ["id", "client_uuid", "kind", "original_id", "receipt_no", "merchant_id",
                 "store_id", "terminal_id", "shift_id", "cashier_id", "approved_by_id",
                 "member_id", "created_at", "subtotal", "discount", "total", "tax", "change",
                 "points_earned", "points_spent", "request_hash"]
    line_cols = ["sale_id", "line_no", "product_id", "original_line_id", "name", "name_en",
                 "barcode", "quantity", "measure", "unit_price", "gross", "discount", "total",
                 "tax_rate_bp", "tax", "points"]
    pay_cols = ["sale_id", "tender", "amount", "tendered", "points", "reference"]
    w = world
    sale_id = int(Sale.select(Sale.id).order_by(Sale.id.desc()).scalar() or 0)
    written = 0
    seq = 0
    with write_tx():
        cur = db.cursor()
        sales: list[tuple] = []
        lines: list[tuple] = []
        pays: list[tuple] = []

        def flush() -> None:
            _insert(cur, Sale, sales, sale_cols)
            _insert(cur, SaleLine, lines, line_cols)
            _insert(cur, Payment, pays, pay_cols)
            sales.clear()
            lines.clear()
            pays.clear()

        while written < n_lines:
            sale_id += 1
            seq += 1
            roll = rng.random()
            kind = "void" if roll < 0.002 else "refund" if roll < 0.012 else "sale"
            count = 1 if kind != "sale" else min(rng.randint(*LINES_PER_SALE), n_lines - written)
            subtotal = discount = total = tax = 0
            for line_no in range(1, count + 1):
                pid, name, name_en, sold_by, price, rate = catalogue[rng.randrange(PRODUCTS)]
                if sold_by == "weight":
                    qty, measure = rng.randrange(150, 2500), "g"
                    gross = div_round(qty * price, 1000)
                else:
                    qty, measure = rng.choice((1, 1, 1, 2, 3)), "unit"
                    gross = qty * price
                disc = gross // 10 if rng.random() < 0.05 else 0
                ltotal = gross - disc
                ltax = div_round(ltotal * rate, 10000 + rate)
                lines.append((sale_id, line_no, pid, None, name, name_en, "", qty, measure,
                              price, gross, disc, ltotal, rate, ltax, 0))
                subtotal, discount, total, tax = (subtotal + gross, discount + disc,
                                                  total + ltotal, tax + ltax)
            written += count
            member = w.member.id if rng.random() < 0.3 else None
            earned = total // 100 if member and kind == "sale" else 0
            tender = rng.choices(("cash", "card", "qr", "points"), (55, 25, 15, 5))[0]
            if tender == "points" and (member is None or kind != "sale"):
                tender = "cash"
            change = 0
            if tender == "cash" and kind == "sale":
                handed = -(-total // 1000) * 1000  # rounded up to the next ¥10
                change = handed - total
                pays.append((sale_id, "cash", total, handed, 0, ""))
            elif tender == "points":
                pays.append((sale_id, "points", total, total, total, ""))
                earned = 0
            else:
                pays.append((sale_id, tender, total, total, 0,
                             f"R{sale_id}" if tender != "cash" else ""))
            at = t0 + timedelta(seconds=seq)
            sales.append((sale_id, uuid.uuid4().hex, kind, None, f"MA-T1-{seq:07d}",
                          w.merchant_a.id, w.store_a.id, w.terminal_a.id, shift.id,
                          w.cashier_a.id, w.manager_a.id if kind != "sale" else None, member,
                          str(at), subtotal, discount, total, tax, change, earned,
                          total if tender == "points" else 0, ""))
            if len(lines) >= 50_000:
                flush()
        flush()
        Terminal.update(next_receipt_seq=seq + 1).where(Terminal.id == w.terminal_a.id).execute()
    db.execute_sql("PRAGMA synchronous=FULL")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute_sql("ANALYZE")
    return shift.id, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the database here and keep it")
    args = parser.parse_args()

    tmp = None
    if args.keep:
        path = args.keep
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="patron-bench-")
        path = Path(tmp.name) / "bench.db"

    start = time.perf_counter()
    shift_id, written = build(path, args.lines)
    build_s = time.perf_counter() - start
    database.close()

    # A fresh connection, as a manager's Z run would have.
    bind(str(path))
    start = time.perf_counter()
    shifts.close_shift(shift_id, Shift.get_by_id(shift_id).cashier_id,
                       {10000: 9999})
    close_s = time.perf_counter() - start
    timings = []
    report = None
    for _ in range(max(1, args.runs)):
        start = time.perf_counter()
        report = shifts.z_report(shift_id)
        timings.append(time.perf_counter() - start)
    database.close()
    assert report is not None
    lines_in_report = report.sales.items  # touch the figures: they were really computed

    print(f"z_report_fixture_build_s: {build_s:.1f} s")
    print(f"z_report_sale_lines: {written} lines")
    print(f"z_report_transactions: {report.transaction_count} sales")
    print(f"close_shift_1m_lines_s_sqlite: {close_s:.3f} s")
    print(f"z_report_1m_lines_first_s_sqlite: {timings[0]:.3f} s")
    print(f"z_report_1m_lines_s_sqlite: {statistics.median(timings):.3f} s")
    if lines_in_report <= 0:
        raise SystemExit("the report found no sales")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
