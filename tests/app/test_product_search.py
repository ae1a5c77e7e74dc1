"""Product search: look-alikes told apart, the indexes kept by triggers, both paths (trigram
and short-query terms) used, and the same answers on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from app.catalogue import Catalogue
from app.db import bind, database, is_sqlite
from app.demo import add_product
from app.models import Category, Merchant, Product, Store

# Queries covering both paths: one and two ideographs, pinyin prefixes, trigram substrings
# of Chinese and English names and of pinyin initials, an SKU, a barcode, LIKE specials.
QUERIES = ["香", "香蕉", "牛", "牛奶", "k", "kk", "kkkl", "ksf", "可口可", "康师傅", "牛奶 家",
           "milk", "MILK", "Master Kong", "apples", "A004", "6901939621608", "100%", "a_b",
           "面", "zz", "不存在的商品"]

EXTRA = [  # sku, name, name_en
    ("S001", "康师傅红烧牛肉面", "Master Kong braised beef noodles"),
    ("S002", "康师傅牛奶 家庭装", "Master Kong milk (family)"),
    ("S003", "光明牛奶", "Bright milk"),
    ("S004", "牛", "Beef"),
    ("S005", "纯牛奶 100% 原味", "Pure milk 100% original"),
    ("S006", "a_b 测试面", "Test noodles a_b"),
]


def _seed_extra(merchant: Merchant) -> None:
    for sku, name, name_en in EXTRA:
        add_product(merchant, sku, name, name_en, 500)


def _store_a() -> Store:
    return Store.select().join(Merchant).where(Merchant.code == "MA").get()


def _answers(cat: Catalogue) -> dict[str, list[str]]:
    return {q: [p.sku for p in cat.search(q)] for q in QUERIES}


def test_short_and_long_queries_find_what_they_should(world):
    _seed_extra(world.merchant_a)
    cat = Catalogue(world.store_a)
    assert [p.sku for p in cat.search("牛")] == ["S004", "S003", "S001", "S002", "S005"]
    assert [p.sku for p in cat.search("牛奶")] == ["S003", "S002", "S005"]
    assert [p.sku for p in cat.search("kk")] == ["A001"]  # start of the pinyin initials
    assert [p.sku for p in cat.search("ksf")] == ["S001", "S002"]  # pinyin, trigram path
    assert [p.sku for p in cat.search("MASTER kong")] == ["S001", "S002"]  # case-insensitive
    assert [p.sku for p in cat.search("100%")] == ["S005"]  # % is a character, not a pattern
    assert [p.sku for p in cat.search("a_b")] == ["S006"]
    assert [p.sku for p in cat.search("A003")] == ["A003"]  # exact SKU
    assert [p.sku for p in cat.search("6901939621608")] == ["A001"]  # exact barcode
    assert cat.search("龙") == [] and cat.search("龙井") == []  # another merchant's product


def test_look_alike_results_carry_what_tells_them_apart(db):
    from app.demo import seed_demo

    world = seed_demo(products_per_merchant=20)
    found = Catalogue(world.store_a).search("香蕉")
    assert [(p.sku, p.weighed, p.category) for p in found] == [
        ("A004", True, "水果"), ("W001", True, "生鲜称重")]
    assert [p.category_en for p in found] == ["Fruit", "Fresh by weight"]


def test_imports_and_edits_are_searchable_at_once(world):
    cat = Catalogue(world.store_a)
    merchant = world.merchant_a.id
    # An import writing rows directly, as a bulk loader does: no application code runs.
    Product.insert_many([
        {"merchant": merchant, "sku": "I001", "name": "榴莲千层蛋糕", "name_en": "Durian crepe cake",
         "pinyin_initials": "llqcdg", "price": 3800},
    ]).execute()
    assert [p.sku for p in cat.search("榴莲")] == ["I001"]
    assert [p.sku for p in cat.search("千层蛋")] == ["I001"]
    assert [p.sku for p in cat.search("crepe")] == ["I001"]
    assert [p.sku for p in cat.search("ll")] == ["I001"]
    Product.update(name="芒果千层蛋糕", pinyin_initials="mgqcdg").where(
        Product.sku == "I001").execute()
    assert cat.search("榴莲") == [] and cat.search("ll") == []
    assert [p.sku for p in cat.search("芒果")] == ["I001"]
    assert [p.sku for p in cat.search("mgq")] == ["I001"]
    Product.update(active=False).where(Product.sku == "I001").execute()
    assert cat.search("芒果") == [] and cat.search("mgq") == []
    Product.delete().where(Product.sku == "I001").execute()
    assert cat.search("芒果") == [] and cat.search("crepe") == []


def _plan(cat: Catalogue, step: str, text: str) -> str:
    sql, params = cat.search_sql(step, text)
    if is_sqlite():
        return "\n".join(str(row[-1]) for row in
                         database.obj.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
    with database.obj.atomic():
        # At this size reading the table is cheaper; the question is whether the index serves.
        database.obj.execute_sql("SET LOCAL enable_seqscan = off")
        database.obj.execute_sql("SET LOCAL enable_sort = off")
        return "\n".join(row[0] for row in database.obj.execute_sql("EXPLAIN " + sql, params))


def test_both_paths_use_their_index(world):
    _seed_extra(world.merchant_a)
    # Enough other products that reading them all is the planner's worse choice.
    Product.insert_many([
        {"merchant": world.merchant_a.id, "sku": f"F{i:05d}", "name": f"填充商品 {i:05d}",
         "name_en": f"Filler {i:05d}", "pinyin_initials": f"tcsp{i:05d}", "price": 100}
        for i in range(3000)]).execute()
    database.obj.execute_sql("ANALYZE")
    cat = Catalogue(world.store_a)
    first, short = _plan(cat, "first", "康师傅"), _plan(cat, "short", "牛奶")
    if is_sqlite():
        assert "SCAN f VIRTUAL TABLE INDEX" in first and ":M" in first, first
        assert "SEARCH t USING COVERING INDEX sqlite_autoindex_product_term" in short, short
        # Both read in the order they return: LIMIT stops them; nothing is sorted.
        assert "TEMP B-TREE FOR ORDER BY" not in first + short, (first, short)
    else:
        probe, head = _plan(cat, "probe", "康师傅"), _plan(cat, "head", "康师傅")
        assert "product_search_trgm" in probe, probe
        assert "product_pkey" in head, head
        assert "product_pkey" in first and "Sort" not in first, first
        assert "product_term_pkey" in short and "Sort" not in short, short


def test_many_matches_and_few_matches_rank_alike(world):
    """Three characters or more: the first 40 matches in catalogue order, shortest names
    first — whether the matches were few (taken from the trigram index) or many (the ids
    walked until 40 match)."""
    from app import catalogue

    merchant = world.merchant_a.id
    Product.insert_many([
        {"merchant": merchant, "sku": f"M{i:04d}", "name": "牛奶" + "装" * (i % 7) + f" {i}",
         "name_en": f"Milk {i}", "pinyin_initials": "nn", "price": 100} for i in range(60)
    ]).execute()
    cat = Catalogue(world.store_a)
    few = [p.sku for p in cat.search("MILK")]
    answers = []
    for head_rows, few_matches in ((10, 10), (10, 10**6), (10**6, 10)):
        # the catalogue walked on; the trigram index's list; the head of the catalogue
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(catalogue, "HEAD_ROWS", head_rows)
            mp.setattr(catalogue, "FEW_MATCHES", few_matches)
            answers.append([p.sku for p in cat.search("MILK")])
    assert answers == [few] * 3 and len(few) == 40
    assert sorted(few) == [f"M{i:04d}" for i in range(40)]  # the first 40 in catalogue order
    assert few[:3] == ["M0000", "M0007", "M0001"]  # "牛奶 0", "牛奶 7", "牛奶装 1"


def test_case_folds_ascii_letters_only_the_same_on_both_databases(world):
    Product.create(merchant=world.merchant_a, sku="U001", name="ÄPFEL Straße 苹果",
                   name_en="Äpfel", pinyin_initials="pg", price=500)
    cat = Catalogue(world.store_a)
    assert [p.sku for p in cat.search("straße")] == ["U001"]
    assert [p.sku for p in cat.search("STRASSE")] == []
    assert [p.sku for p in cat.search("äpfel")] == []  # Ä is not an ASCII letter
    assert [p.sku for p in cat.search("Äpf")] == ["U001"]


def _answers_on(url: str) -> dict[str, list[str]]:
    bound = bind(url)
    try:
        _seed_extra(Merchant.get(Merchant.code == "MA"))
        Category.get_or_none()  # the binding works
        return _answers(Catalogue(_store_a()))
    finally:
        bound.close()
        database.initialize(None)


@pytest.mark.postgres
def test_sqlite_and_postgresql_give_the_same_answers(seeded_sqlite_url, seeded_pg_url):
    on_sqlite = _answers_on(seeded_sqlite_url)
    on_postgres = _answers_on(seeded_pg_url)
    assert on_sqlite == on_postgres
    assert sum(bool(v) for v in on_sqlite.values()) >= 15  # the queries do find things


def test_migration_v9_indexes_an_existing_catalogue(world):
    """A database from before v9 (products, no search indexes) is searchable once migrated."""
    from app.migrations import MIGRATIONS, SchemaVersion, migrate

    db = database.obj
    if is_sqlite():
        for name in ("product_search_ai", "product_search_ad", "product_search_au"):
            db.execute_sql(f"DROP TRIGGER {name}")
        db.execute_sql("DROP TABLE product_fts")
    else:
        db.execute_sql("DROP TRIGGER product_terms_sync ON product")
        db.execute_sql("DROP INDEX product_search_trgm")
    db.execute_sql("DELETE FROM product_term")
    with SchemaVersion.bind_ctx(db):
        SchemaVersion.delete().where(SchemaVersion.version == 9).execute()
    cat = Catalogue(world.store_a)
    assert cat.search("可乐") == []  # the old catalogue, not indexed
    assert migrate(db) == max(version for version, _, _ in MIGRATIONS)  # v9 re-applied
    assert [p.sku for p in cat.search("可乐")] == ["A001"]
    assert [p.sku for p in cat.search("可口可")] == ["A001"]
    assert [p.sku for p in cat.search("kk")] == ["A001"]
    _seed_extra(world.merchant_a)  # and the triggers are back
    assert [p.sku for p in cat.search("光明")] == ["S003"]
