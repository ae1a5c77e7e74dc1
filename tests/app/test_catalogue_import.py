"""Catalogue import (issue 8, screen 3): CSV and XLSX files of products and barcodes, a dry
run that writes nothing, every rejected row with a coded reason, all-or-nothing imports (or
skip-the-rejected by choice), idempotent re-imports, the search index kept right, scope and
audit. Both databases."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.backoffice.actor import sign_in
from app.catalogue import Catalogue
from app.catalogue_import import (
    ImportCancelled,
    import_file,
    merchant_choices,
    preview,
    rejects_csv,
)
from app.demo import DEMO_PINS
from app.errors import Conflict, PermissionDenied, ValidationError
from app.models import AuditEntry, Barcode, Category, Product, ProductTerm, Store

HEADER = "sku,name,name_en,price,tax_rate,category,barcodes,sold_by,plu,bonus_points,active"
GOOD = [
    "N001,鲜榨橙汁 1L,Orange juice 1L,12.80,13,果汁,4006381333931,unit,,2,yes",
    "N002,散装红枣,Red dates (loose),39.9,9%,干果,,weight,123,,",
    "N003,有机绿茶,Organic green tea,58,6,茶叶,96385074|4012345678901,unit,,,1",
]


@pytest.fixture
def op(world):
    return sign_in("op", DEMO_PINS["operator"])


@pytest.fixture
def m1(world):
    return sign_in("m1", DEMO_PINS["manager"])


def write(tmp_path, lines, name="cat.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def products(merchant):
    return Product.select().where(Product.merchant == merchant).count()


def snapshot(merchant):
    """Everything an import may write, to prove a refused one wrote nothing."""
    return (products(merchant), Barcode.select().count(), Category.select().count(),
            AuditEntry.select().count(), ProductTerm.select().count())


def catalogue(merchant_id):
    return Catalogue(Store.get(Store.merchant == merchant_id))


def test_a_dry_run_counts_and_writes_nothing_then_the_import_writes_it_all(world, op,
                                                                           tmp_path):
    ma = world.merchant_a.id
    path = write(tmp_path, [HEADER, *GOOD,
                            "A001,可口可乐 330ml,Coca-Cola 330ml,3.80,13,饮料,6901939621608,unit,,,",
                            "A002,农夫山泉 550ml,Nongfu Spring 550ml,2.00,13,饮料,,unit,,5,yes"])
    before = snapshot(ma)
    seen = []
    pv = preview(op, ma, path, progress=lambda stage, done, total: seen.append(stage))
    assert snapshot(ma) == before
    assert (pv.new, pv.updated, pv.unchanged, pv.rejected) == (3, 1, 1, 0)
    assert pv.kind == "csv" and pv.encoding == "utf-8" and pv.rows == 5
    assert pv.new_categories == ["果汁", "干果", "茶叶"]  # in file order
    assert [(s.sku, s.status) for s in pv.sample] == [
        ("N001", "new"), ("N002", "new"), ("N003", "new"), ("A001", "updated"),
        ("A002", "unchanged")]
    assert {"check", "compare"} <= set(seen)

    result = import_file(op, ma, path, expect_digest=pv.digest)
    assert (result.created, result.updated, result.unchanged) == (3, 1, 1)
    juice = Product.get(Product.merchant == ma, Product.sku == "N001")
    assert (juice.price, juice.tax_rate_bp, juice.bonus_points, juice.sold_by) == (1280, 1300, 2,
                                                                                  "unit")
    assert juice.category.name == "果汁" and juice.pinyin_initials.startswith("xzcz")
    dates = Product.get(Product.merchant == ma, Product.sku == "N002")
    assert (dates.price, dates.tax_rate_bp, dates.sold_by, dates.plu) == (3990, 900, "weight",
                                                                          "00123")
    tea = Product.get(Product.merchant == ma, Product.sku == "N003")
    assert tea.price == 5800 and tea.tax_rate_bp == 600
    assert {b.code for b in tea.barcodes} == {"96385074", "4012345678901"}  # EAN-8, EAN-13
    assert Product.get(Product.merchant == ma, Product.sku == "A001").price == 380
    # the till finds the new products by barcode, name, pinyin initials and one character
    cat = catalogue(ma)
    assert cat.scan("4006381333931").product.sku == "N001"
    assert [p.sku for p in cat.search("橙汁")] == ["N001"]
    assert "N001" in [p.sku for p in cat.search("xzcz")]
    assert "N002" in [p.sku for p in cat.search("枣")]
    # audited: one entry per product with before and after, one for the import
    created = AuditEntry.get(AuditEntry.action == "catalogue.product_created",
                             AuditEntry.target == f"product:{juice.id}")
    detail = json.loads(created.detail)
    assert detail["before"] is None and detail["after"]["price"] == 1280
    assert created.actor_id == op.staff_id
    updated = json.loads(AuditEntry.get(AuditEntry.action == "catalogue.product_updated").detail)
    assert (updated["before"]["price"], updated["after"]["price"]) == (350, 380)
    summary = json.loads(AuditEntry.get(AuditEntry.action == "catalogue.import").detail)
    assert summary["after"]["created"] == 3 and summary["file_sha256"] == pv.digest


def test_importing_the_same_file_again_changes_nothing(world, op, tmp_path):
    ma = world.merchant_a.id
    path = write(tmp_path, [HEADER, *GOOD])
    import_file(op, ma, path)
    before = snapshot(ma)
    again = import_file(op, ma, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert snapshot(ma) == before
    assert preview(op, ma, path).unchanged == 3


def test_an_empty_cell_or_a_missing_column_keeps_what_the_product_has(world, op, tmp_path):
    ma = world.merchant_a.id
    # A003 is sold by weight with PLU 00101 and 9 % tax; this file only reprices it
    path = write(tmp_path, ["sku,name,price,tax_rate", "A003,红富士苹果,13.98,"])
    result = import_file(op, ma, path)
    assert result.updated == 1
    apple = Product.get(Product.merchant == ma, Product.sku == "A003")
    assert (apple.price, apple.tax_rate_bp, apple.sold_by, apple.plu) == (1398, 900, "weight",
                                                                          "00101")


BAD_ROWS = [
    ("X01,短行,Short,1.00", "", "import.column_count"),
    ("X02,逗号价格,Comma,\"12,8元\",13,,,unit,,,", "price", "import.price_format"),
    ("X03,负价,Negative,-1.00,13,,,unit,,,", "price", "import.price_negative"),
    ("X04,三位小数,Too precise,1.005,13,,,unit,,,", "price", "import.price_format"),
    ("X05,未知方式,Unknown,1.00,13,,,box,,,", "sold_by", "import.sold_by"),
    ("X06,坏条码,Bad check digit,1.00,13,,4006381333932,unit,,,", "barcodes",
     "barcode.check_digit"),
    ("N001,重复编码,Duplicate sku,1.00,13,,,unit,,,", "sku", "import.duplicate_sku"),
    ("X07,别人的条码,Taken,1.00,13,,6901939621608,unit,,,", "barcodes", "import.barcode_taken"),
    ("X08,别人的PLU,PLU taken,1.00,13,,,weight,101,,", "plu", "import.plu_taken"),
    ("X09,,No name,1.00,13,,,unit,,,", "name", "import.required"),
    ("X10,税率,Tax,1.00,13.5.1,,,unit,,,", "tax_rate", "import.tax_format"),
    ("X11,积分,Points,1.00,13,,,unit,,-3,", "bonus_points", "import.not_count"),
    ("X12,店内码,In-store code,1.00,13,,2000101012344,unit,,,", "barcodes",
     "import.barcode_in_store_range"),
    ("X13,启用,Active,1.00,13,,,unit,,,maybe", "active", "import.active_format"),
]


def test_every_bad_row_is_reported_with_its_reason_and_nothing_is_imported(world, op,
                                                                           tmp_path):
    ma = world.merchant_a.id
    lines = [HEADER, *GOOD, *(row for row, _, _ in BAD_ROWS)]
    path = write(tmp_path, lines)
    pv = preview(op, ma, path)
    assert (pv.new, pv.rejected) == (3, len(BAD_ROWS))
    got = {(r.row, r.column, r.code) for r in pv.rejects}
    want = {(len(GOOD) + 2 + i, column, code) for i, (_, column, code) in enumerate(BAD_ROWS)}
    assert got == want
    assert all(r.message for r in pv.rejects)
    assert [s.status for s in pv.sample].count("rejected") == len(BAD_ROWS)

    before = snapshot(ma)
    with pytest.raises(ValidationError) as info:
        import_file(op, ma, path)
    assert info.value.code == "import.has_rejects"
    assert info.value.params["rows"] == len(BAD_ROWS)
    assert snapshot(ma) == before

    result = import_file(op, ma, path, skip_rejected=True)
    assert (result.created, result.skipped) == (3, len(BAD_ROWS))
    assert not Product.select().where(Product.sku.startswith("X")).exists()
    assert Product.get(Product.merchant == ma, Product.sku == "N001").name == "鲜榨橙汁 1L"


def test_the_rejects_report_is_csv_excel_reads(world, op, tmp_path):
    path = write(tmp_path, [HEADER, *GOOD, BAD_ROWS[1][0], BAD_ROWS[5][0]])
    pv = preview(op, world.merchant_a.id, path)
    data = rejects_csv(pv.rejects)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["row", "column", "code", "reason"]
    assert rows[1][:3] == ["5", "price", "import.price_format"]
    assert "12,8元" in rows[1][3]
    assert rows[2][:3] == ["6", "barcodes", "barcode.check_digit"]
    translated = rejects_csv(pv.rejects, describe=lambda r: f"<{r.code}>")
    assert b"<import.price_format>" in translated


@pytest.mark.parametrize("content, code", [
    (b"", "import.empty_file"),
    (b"\xef\xbb\xbf\r\n", "import.empty_file"),
    (HEADER.encode() + b"\n", "import.no_rows"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "import.not_text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "import.xls"),
    (b"PK\x03\x04 not really a workbook", "import.not_xlsx"),
    (b"sku,name\nA1,x\n", "import.missing_columns"),
    (b"sku,name,prcie\nA1,x,1\n", "import.unknown_column"),
    (b"sku,name,price,price\nA1,x,1,2\n", "import.repeated_column"),
    ("sku,name,price\nA1,苹果,1\nA2,梨,2\n".encode() + b"A3,\xe6\xa2\xff,3\n",
     "import.broken_utf8"),
    (b'sku,name,price\nA1,"unclosed,1\n', "import.csv_syntax"),
])
def test_a_bad_file_gets_a_clear_coded_message(world, op, tmp_path, content, code):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    before = snapshot(world.merchant_a.id)
    with pytest.raises(ValidationError) as info:
        preview(op, world.merchant_a.id, path)
    assert info.value.code == code
    with pytest.raises(ValidationError):
        import_file(op, world.merchant_a.id, path, skip_rejected=True)
    assert snapshot(world.merchant_a.id) == before


@pytest.mark.parametrize("encoding, reported", [
    ("gb18030", "gb18030"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16")])
def test_chinese_excel_encodings_are_detected(world, op, tmp_path, encoding, reported):
    lines = [HEADER, *GOOD]
    if encoding == "utf-16":  # Excel's "Unicode text" is tab-separated
        lines = [line.replace(",", "\t") for line in lines]
    path = write(tmp_path, lines, encoding=encoding)
    pv = preview(op, world.merchant_a.id, path)
    assert pv.encoding == reported and pv.new == 3 and pv.rejected == 0
    assert pv.sample[0].name == "鲜榨橙汁 1L"
    import_file(op, world.merchant_a.id, path)
    assert Product.get(Product.sku == "N003").name == "有机绿茶"


def test_xlsx_numbers_are_read_as_typed_never_through_float(world, op, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["SKU", "品名", "售价", "税率", "条码", "销售方式", "称重码"])
    sheet.append(["N100", "牛肉干", 12.8, 13, 4006381333931, "件", None])
    sheet.append([101, "散装花生", 19.99, 9, None, "称重", 77])
    sheet.append(["N102", "巧克力", 0.1, "13%", "96385074", "unit", None])
    path = tmp_path / "cat.xlsx"
    book.save(path)
    pv = preview(op, world.merchant_a.id, path)
    assert pv.kind == "xlsx" and (pv.new, pv.rejected) == (3, 0)
    import_file(op, world.merchant_a.id, path)
    jerky = Product.get(Product.sku == "N100")
    assert jerky.price == 1280 and [b.code for b in jerky.barcodes] == ["4006381333931"]
    nuts = Product.get(Product.sku == "101")
    assert (nuts.price, nuts.sold_by, nuts.plu, nuts.tax_rate_bp) == (1999, "weight", "00077",
                                                                      900)
    assert Product.get(Product.sku == "N102").price == 10


def test_a_manager_imports_only_into_their_own_merchant(world, m1, tmp_path):
    path = write(tmp_path, [HEADER, *GOOD])
    assert [c.code for c in merchant_choices(m1)] == ["MA"]
    with pytest.raises(PermissionDenied):
        preview(m1, world.merchant_b.id, path)
    with pytest.raises(PermissionDenied):
        import_file(m1, world.merchant_b.id, path)
    assert products(world.merchant_b.id) == 1
    assert import_file(m1, world.merchant_a.id, path).created == 3


def test_a_barcode_of_another_merchant_is_free_for_this_one(world, op, tmp_path):
    # 6923456789012 is MB's Longjing tea; barcodes are unique per merchant only
    path = write(tmp_path, [HEADER, "N200,龙井,Longjing,99,13,,6923456789012,unit,,,"])
    assert import_file(op, world.merchant_a.id, path).created == 1


def test_a_cancel_or_a_failure_half_way_writes_nothing(world, op, tmp_path):
    ma = world.merchant_a.id
    rows = [f"C{i:04d},商品{i},Item {i},{i}.50,13,新类,,unit,,," for i in range(2500)]
    path = write(tmp_path, [HEADER, *rows])
    before = snapshot(ma)
    stages = []

    def cancel_while_writing():
        return "write" in stages and len(stages) > stages.index("write") + 1

    with pytest.raises(ImportCancelled):
        import_file(op, ma, path, progress=lambda stage, d, t: stages.append(stage),
                    cancelled=cancel_while_writing)
    assert "write" in stages
    assert snapshot(ma) == before
    with pytest.raises(ImportCancelled):
        preview(op, ma, path, cancelled=lambda: True)


def test_the_file_must_be_the_one_the_dry_run_read(world, op, tmp_path):
    path = write(tmp_path, [HEADER, *GOOD])
    digest = preview(op, world.merchant_a.id, path).digest
    write(tmp_path, [HEADER, *GOOD[:1]])
    with pytest.raises(Conflict) as info:
        import_file(op, world.merchant_a.id, path, expect_digest=digest)
    assert info.value.code == "import.file_changed"


def test_thousands_of_rows_import_and_index_like_single_products(world, op, tmp_path):
    from app.demo import add_product

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from bench_import import catalogue_rows, write_csv

    ma = world.merchant_a.id
    rows = catalogue_rows(3000, seed=5)
    path = write_csv(tmp_path / "big.csv", rows)
    result = import_file(op, ma, path)
    assert result.created == 3000
    # the bulk-indexed terms equal the terms the insert trigger writes for one product
    name = rows[1234][1]
    twin = add_product(world.merchant_a, "TWIN", name, "", 100)
    bulk = Product.get(Product.merchant == ma, Product.sku == rows[1234][0])

    def terms(pid):
        return sorted(t for (t,) in ProductTerm.select(ProductTerm.term).where(
            ProductTerm.product_id == pid).tuples())

    assert terms(bulk.id) and terms(bulk.id) == terms(twin.id)
    cat = catalogue(ma)
    assert bulk.sku in [p.sku for p in cat.search(name.split(" ")[0], limit=500)]
    assert cat.scan(rows[7][6]).product.sku == rows[7][0]
    assert import_file(op, ma, path).unchanged == 3000


postgres_only = pytest.mark.parametrize(
    "db_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)


@postgres_only
def test_two_back_offices_importing_one_file_at_once_create_each_product_once(world, db_url,
                                                                              tmp_path):
    path = write(tmp_path, [HEADER, *GOOD,
                            *(f"P{i:04d},并发{i},Race {i},1.{i % 100:02d},13,,,unit,,,"
                              for i in range(400))])
    worker = Path(__file__).with_name("import_worker.py")
    procs = [subprocess.Popen([sys.executable, str(worker), db_url, str(path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for p in procs:  # both start at once: the second waits on the merchant's lock
        p.stdin.write("go\n")
        p.stdin.flush()
    outs = [p.communicate(timeout=120) for p in procs]
    results = sorted(out.strip() for out, _ in outs)
    assert results == ["OK 0 0 403", "OK 403 0 0"], outs
    assert products(world.merchant_a.id) == 5 + 403


def test_migration_v16_brings_the_bulk_indexing_pause_to_an_older_database(world, op,
                                                                           tmp_path):
    from app.db import database
    from app.migrations import SchemaVersion, migrate

    db = database.obj
    db.execute_sql("DROP TABLE product_index_pause")
    with SchemaVersion.bind_ctx(db):
        SchemaVersion.delete().where(SchemaVersion.version == 16).execute()
    migrate(db)
    assert db.table_exists("product_index_pause")
    path = write(tmp_path, [HEADER, *GOOD])
    assert import_file(op, world.merchant_a.id, path).created == 3
    assert [p.sku for p in catalogue(world.merchant_a.id).search("绿茶")] == ["N003"]
    # the pause was this import's alone: a product added afterwards is indexed by its trigger
    from app.demo import add_product

    add_product(world.merchant_a, "LATER", "后来的绿茶", "", 100)
    assert "LATER" in [p.sku for p in catalogue(world.merchant_a.id).search("绿茶")]
    assert db.execute_sql("SELECT count(*) FROM product_index_pause").fetchone()[0] == 0


def test_updates_rename_reprice_and_recategorise_with_the_search_index_following(world, op,
                                                                                 tmp_path):
    ma = world.merchant_a.id
    path = write(tmp_path, [
        "sku,name,price,category,plu,unit_weight_g,active,barcodes",
        "A001,百事可乐 330ml,3.60,碳酸饮料,,,,",          # renamed, new category
        "A002,农夫山泉 550ml,2.50,,,600,,6901234567892",  # repriced, weight, barcode added
        "A004,香蕉,6.98,,555,,,",                         # PLU 00102 → 00555
        "A005,UPC 进口薯片,15.90,,,,no,",                  # taken off sale
    ])
    pv = preview(op, ma, path)
    assert (pv.updated, pv.unchanged, pv.rejected) == (4, 0, 0), pv.rejects
    import_file(op, ma, path)
    cola = Product.get(Product.merchant == ma, Product.sku == "A001")
    assert (cola.name, cola.price, cola.category.name) == ("百事可乐 330ml", 360, "碳酸饮料")
    assert not Product.get(Product.merchant == ma, Product.sku == "A005").active
    assert cola.pinyin_initials.startswith("bskl")
    water = Product.get(Product.merchant == ma, Product.sku == "A002")
    assert (water.price, water.unit_weight_g) == (250, 600)
    assert {b.code for b in water.barcodes} == {"6921168509256", "6901234567892"}
    assert Product.get(Product.merchant == ma, Product.sku == "A004").plu == "00555"
    cat = catalogue(ma)
    assert [p.sku for p in cat.search("百事")] == ["A001"]
    assert [p.sku for p in cat.search("可口可乐")] == []
    assert cat.scan("6901234567892").product.sku == "A002"
    assert import_file(op, ma, path).unchanged == 4


NAMES = ["盐", "UPC 进口薯片", "可口可乐 330ml", "Ａ牌㐀豆浆（原味）", "金龙鱼 食用油 5L 装", "x",
         "丰", "面包 ab 面包"]


def test_bulk_indexing_writes_the_terms_the_trigger_writes(world, op, tmp_path):
    from app.demo import add_product

    path = write(tmp_path, ["sku,name,price", *(f"B{i},{n},1" for i, n in enumerate(NAMES))])
    import_file(op, world.merchant_a.id, path)

    def terms(product):
        return sorted(t for (t,) in ProductTerm.select(ProductTerm.term).where(
            ProductTerm.product_id == product.id).tuples())

    for i, name in enumerate(NAMES):
        bulk = Product.get(Product.merchant == world.merchant_a.id, Product.sku == f"B{i}")
        twin = add_product(world.merchant_a, f"T{i}", name, "", 100)  # the trigger's terms
        assert terms(bulk) == terms(twin), name
        assert bulk.pinyin_initials == twin.pinyin_initials, name
