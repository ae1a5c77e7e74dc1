"""Product search benchmark (budget: p95 ≤ 30 ms at 1 000 000 products, SQLite and PostgreSQL).

    uv run python bench/bench_search.py [--products 1000000] [--queries 400] [--db both]

Builds a catalogue of ``--products`` products with varied, real-looking names (thousands of
brands × product kinds × flavours × sizes, pinyin initials and English names), in a
temporary SQLite file and on a throwaway PostgreSQL server (scripts/pgserver.py), each with
the real schema (migrations, so the v9 search indexes and their triggers). Then runs the
same cashier-like queries through ``Catalogue.search`` on each: one and two ideographs,
two-letter pinyin prefixes, three-to-five character name substrings, brand names, pinyin
initials, English words and SKUs. The clock covers the query and turning rows into
products. Also checks with EXPLAIN that both search paths use their index at this size.

Prints one ``metric_name: value unit`` per line.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

_BRAND_CHARS = ("金银华美康乐福泰安顺鑫源隆盛丰达恒佳宝瑞祥天海山川光明新东方中国大好味"
                "香甜鲜农家园绿野蓝白红黄青春晨星月阳云雪松竹梅兰菊")
_KINDS = [("牛奶", "milk"), ("酸奶", "yoghurt"), ("矿泉水", "mineral water"), ("绿茶", "green tea"),
          ("果汁", "juice"), ("方便面", "instant noodles"), ("大米", "rice"), ("酱油", "soy sauce"),
          ("饼干", "biscuits"), ("薯片", "potato chips"), ("巧克力", "chocolate"),
          ("洗发水", "shampoo"), ("牙膏", "toothpaste"), ("纸巾", "tissues"), ("香蕉", "bananas"),
          ("苹果", "apples"), ("面包", "bread"), ("火腿肠", "ham sausage"), ("啤酒", "beer"),
          ("咖啡", "coffee"), ("洗衣液", "laundry liquid"), ("食用油", "cooking oil"),
          ("挂面", "noodles"), ("速冻水饺", "frozen dumplings"), ("冰淇淋", "ice cream"),
          ("蜂蜜", "honey"), ("红枣", "red dates"), ("花生", "peanuts"), ("瓜子", "sunflower seeds"),
          ("醋", "vinegar"), ("盐", "salt"), ("白糖", "sugar"), ("鸡蛋", "eggs"), ("豆浆", "soy milk"),
          ("茶叶", "tea leaves"), ("洗洁精", "dish soap"), ("沐浴露", "shower gel"),
          ("卫生巾", "sanitary pads"), ("电池", "batteries"), ("拖鞋", "slippers")]
_FLAVOURS = [("原味", "original"), ("草莓", "strawberry"), ("香草", "vanilla"), ("麻辣", "spicy"),
             ("海盐", "sea salt"), ("蜂蜜", "honey"), ("柠檬", "lemon"), ("红烧牛肉", "braised beef"),
             ("低糖", "low sugar"), ("有机", "organic"), ("", ""), ("", "")]
_SIZES = ["250ml", "500ml", "1L", "100g", "500g", "1kg", "5kg", "6连包", "家庭装", "小包装",
          "标准装", "超值装", "12入", "礼盒装"]


def catalogue_rows(products: int, seed: int = 1) -> list[tuple[str, str, str, str]]:
    """``(sku, name, name_en, pinyin_initials)`` for ``products`` products."""
    from app.pinyin import initials

    rng = random.Random(seed)
    brands = sorted({"".join(rng.sample(_BRAND_CHARS, rng.choice((2, 2, 3))))
                     for _ in range(4000)})
    cache: dict[str, str] = {}

    def py(text: str) -> str:
        if text not in cache:
            cache[text] = initials(text)
        return cache[text]

    rows = []
    for i in range(products):
        brand = brands[rng.randrange(len(brands))]
        kind, kind_en = _KINDS[rng.randrange(len(_KINDS))]
        flavour, flavour_en = _FLAVOURS[rng.randrange(len(_FLAVOURS))]
        size = _SIZES[rng.randrange(len(_SIZES))]
        name = f"{brand}{flavour}{kind} {size}"
        name_en = f"{py(brand).title()} {flavour_en} {kind_en} {size}".replace("  ", " ")
        rows.append((f"B{i:07d}", name, name_en, py(brand) + py(flavour) + py(kind) + py(size)))
    return rows


def queries(rows: list[tuple[str, str, str, str]], count: int, seed: int = 2) -> list[str]:
    """What cashiers type, drawn from the catalogue itself (so most queries find something)."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        sku, name, name_en, pinyin = rows[rng.randrange(len(rows))]
        chinese = name.split(" ")[0]
        kind = i % 8
        if kind == 0:
            out.append(rng.choice(chinese))  # one ideograph
        elif kind == 1:
            at = rng.randrange(len(chinese) - 1)
            out.append(chinese[at:at + 2])  # two ideographs
        elif kind == 2:
            out.append(pinyin[:2])  # start of the pinyin initials
        elif kind == 3:
            n = rng.choice((3, 4, 5))
            at = rng.randrange(max(1, len(chinese) - n + 1))
            out.append(chinese[at:at + n])  # a piece of the name
        elif kind == 4:
            out.append(pinyin[:rng.choice((3, 4, 5))])  # pinyin initials
        elif kind == 5:
            out.append(rng.choice(name_en.split(" ")[:1] + name_en.split(" ")[1:2]))
        elif kind == 6:
            out.append(chinese[:3])  # a brand and what follows
        else:
            out.append(sku)
    return out


# Both builds load the products with the search triggers off, then index them in one pass
# (app.search_index.install, as migration v9 does on an existing catalogue): a bulk load is
# how a hypermarket's catalogue arrives, and the build is not what is timed.
def _insert_sqlite(db, merchant: int, rows) -> None:  # type: ignore[no-untyped-def]
    from app.db import write_tx
    from app.search_index import install

    for name in ("product_search_ai", "product_search_ad", "product_search_au"):
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
    db.execute_sql("DROP TABLE IF EXISTS product_fts")
    db.execute_sql("DELETE FROM product_term")
    with write_tx():
        db.cursor().executemany(
            "INSERT INTO product (merchant_id, sku, name, name_en, pinyin_initials, sold_by, "
            "price, tax_rate_bp, bonus_points, active) VALUES (?, ?, ?, ?, ?, 'unit', ?, 1300, "
            "0, 1)", [(merchant, s, n, e, p, 100 + i % 9000) for i, (s, n, e, p)
                      in enumerate(rows)])
        install(db)
    db.execute_sql("ANALYZE")


def _insert_postgres(db, merchant: int, rows) -> None:  # type: ignore[no-untyped-def]
    from app.search_index import install

    buf = io.StringIO()
    for i, (s, n, e, p) in enumerate(rows):
        buf.write(f"{merchant}\t{s}\t{n}\t{e}\t{p}\tunit\t{100 + i % 9000}\t1300\t0\tt\n")
    buf.seek(0)
    with db.atomic():
        db.execute_sql("DROP TRIGGER IF EXISTS product_terms_sync ON product")
        db.execute_sql("DELETE FROM product_term")
        db.cursor().copy_expert(
            "COPY product (merchant_id, sku, name, name_en, pinyin_initials, sold_by, price, "
            "tax_rate_bp, bonus_points, active) FROM STDIN", buf)
        install(db)
    db.execute_sql("VACUUM ANALYZE product")
    db.execute_sql("VACUUM ANALYZE product_term")


def build(url: str, rows) -> float:  # type: ignore[no-untyped-def]
    from app.db import bind, database, is_sqlite
    from app.demo import seed_minimal
    from app.models import Merchant

    t0 = time.perf_counter()
    db = bind(url)
    seed_minimal()
    merchant = Merchant.get(Merchant.code == "MA").id
    (_insert_sqlite if is_sqlite() else _insert_postgres)(db, merchant, rows)
    database.initialize(None)
    db.close()
    return time.perf_counter() - t0


def _plans(cat) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from app.db import database, is_sqlite

    prefix = "EXPLAIN QUERY PLAN " if is_sqlite() else "EXPLAIN "
    steps = [("first", "方便面"), ("short", "面")] + (
        [] if is_sqlite() else [("head", "方便面"), ("probe", "方便面")])
    plans = {}
    for step, text in steps:
        sql, params = cat.search_sql(step, text)
        plans[step] = "\n".join(str(r[-1]) for r in database.obj.execute_sql(prefix + sql,
                                                                               params))
    return plans


def run(url: str, texts: list[str]) -> dict[str, object]:
    from app.catalogue import SHORT_QUERY, Catalogue
    from app.db import bind, database, is_sqlite
    from app.models import Merchant, Store

    db = bind(url, migrate=False)
    store = Store.select().join(Merchant).where(Merchant.code == "MA").get()
    cat = Catalogue(store)
    for text in texts[:40]:  # warm the caches as a till's first minutes do
        cat.search(text)
    times: dict[str, list[float]] = {"short": [], "long": []}
    found = 0
    for text in texts:
        start = time.perf_counter()
        result = cat.search(text)
        times["short" if len(text) < SHORT_QUERY else "long"].append(
            (time.perf_counter() - start) * 1000)
        found += bool(result)
    plans = _plans(cat)
    if is_sqlite():
        uses = ("VIRTUAL TABLE INDEX" in plans["first"]
                and "sqlite_autoindex_product_term" in plans["short"]
                and "TEMP B-TREE" not in plans["first"] + plans["short"])
    else:
        uses = ("product_search_trgm" in plans["probe"]
                and "product_pkey" in plans["first"] and "product_pkey" in plans["head"]
                and "product_term_pkey" in plans["short"]
                and "Sort" not in plans["first"] + plans["short"])
    database.initialize(None)
    db.close()
    return {"times": times, "found": found, "uses_index": uses, "plans": plans}


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * len(values))) - 1)]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--products", type=int, default=1_000_000)
    p.add_argument("--queries", type=int, default=400)
    p.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    p.add_argument("--show-plans", action="store_true")
    args = p.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="patron-bench-search-", suffix=f"-{os.getpid()}"))
    os.environ["PATRON_HOME"] = str(work / "home")
    rows = catalogue_rows(args.products)
    texts = queries(rows, args.queries)
    size = (f"{args.products // 1_000_000}m" if args.products % 1_000_000 == 0
            else f"{args.products // 1000}k")
    targets = []
    if args.db in ("sqlite", "both"):
        targets.append(("sqlite", str(work / "catalogue.db"), None))
    if args.db in ("postgres", "both"):
        from scripts.pgserver import PostgresServer, admin_sql

        server = PostgresServer(own=True)
        admin = server.start()
        if admin is None:
            raise SystemExit("bench: PostgreSQL is not installed")
        admin_sql(admin, "CREATE DATABASE bench_search")
        targets.append(("postgres", admin.rsplit("/", 1)[0] + "/bench_search?statement_timeout=3600000",
                            server))
    print(f"search_products: {args.products} products")
    print(f"search_queries: {len(texts)} queries")
    for name, url, server in targets:
        try:
            build_s = build(url, rows)
            result = run(url, texts)
        finally:
            if server is not None:
                server.stop()
        times = result["times"]
        every = times["short"] + times["long"]  # type: ignore[index]
        print(f"search_catalogue_build_s_{size}_{name}: {build_s:.1f} s")
        print(f"product_search_p50_ms_{size}_{name}: {statistics.median(every):.1f} ms")
        print(f"product_search_p95_ms_{size}_{name}: {p95(every):.1f} ms")
        print(f"product_search_short_p95_ms_{size}_{name}: {p95(times['short']):.1f} ms")  # type: ignore[index]
        print(f"product_search_long_p95_ms_{size}_{name}: {p95(times['long']):.1f} ms")  # type: ignore[index]
        print(f"product_search_max_ms_{size}_{name}: {max(every):.1f} ms")
        print(f"product_search_queries_found_{size}_{name}: {result['found']} queries")
        print(f"product_search_uses_index_{size}_{name}: {int(bool(result['uses_index']))} bool")
        if args.show_plans:
            for step, plan in result["plans"].items():  # type: ignore[union-attr]
                print(f"-- {name} {step}:\n{plan}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:  # a million products take a gigabyte of temporary files
        for leftover in Path(tempfile.gettempdir()).glob(f"patron-bench-search-*-{os.getpid()}"):
            shutil.rmtree(leftover, ignore_errors=True)
