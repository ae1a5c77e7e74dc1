"""Label sheets of point codes: the QRs on a rendered page decode back to the batch's codes,
the product's Chinese name is real text in the PDF, every stock fits its sheet, the preview
is the first sheet, and a manager prints only their merchant's batches."""

import subprocess

import pytest
import zxingcpp
from PIL import Image

from app import typable_codes
from app.backoffice.actor import sign_in
from app.demo import DEMO_PINS
from app.documents import labels
from app.errors import PermissionDenied, ValidationError
from app.models import Product
from app.pointcodes import batches, label_sheets


def _page_png(pdf, page: int, out_dir) -> Image.Image:
    prefix = out_dir / f"page{page}"
    subprocess.run(["pdftoppm", "-r", "200", "-f", str(page), "-l", str(page), "-png",
                    "-singlefile", str(pdf), str(prefix)], check=True)
    return Image.open(f"{prefix}.png")


def _text(pdf, page: int = 1) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize("stock_key", ["a4_3x8", "a4_4x10"])
def test_a_rendered_sheet_decodes_back_to_the_codes(tmp_path, stock_key):
    stock = labels.STOCKS[stock_key]
    codes = [typable_codes.make("P", 500_000 + i) for i in range(stock.per_sheet + 5)]
    rows = [labels.Label(c.text, c.grouped) for c in codes]
    seen = []
    pdf = tmp_path / "labels.pdf"
    pages = labels.render_labels(rows, "百联特浓牛奶 250ml", stock_key, pdf, points=50,
                                 progress=lambda done, total: seen.append((done, total)))
    assert pages == 2
    assert seen == [(stock.per_sheet, len(rows)), (len(rows), len(rows))]
    decoded = {r.text for r in zxingcpp.read_barcodes(_page_png(pdf, 1, tmp_path))}
    assert decoded == {c.text for c in codes[:stock.per_sheet]}
    second = {r.text for r in zxingcpp.read_barcodes(_page_png(pdf, 2, tmp_path))}
    assert second == {c.text for c in codes[stock.per_sheet:]}
    text = _text(pdf)
    assert "百联特浓牛奶" in text and "50 积分" in text
    assert codes[0].grouped.split("-")[0] in text


def test_every_stock_fits_an_a4_sheet():
    for s in labels.STOCKS.values():
        assert s.left + (s.columns - 1) * s.pitch_x + s.width <= 210 + 1e-6, s.key
        assert s.top + (s.rows - 1) * s.pitch_y + s.height <= 297 + 1e-6, s.key
        assert s.pitch_x >= s.width and s.pitch_y >= s.height, s.key
    assert labels.STOCKS["a4_3x8"].per_sheet == 24 and labels.STOCKS["a4_4x10"].per_sheet == 40


def test_a_long_name_is_cut_to_two_lines(tmp_path):
    code = typable_codes.make("P", 7)
    pdf = tmp_path / "long.pdf"
    labels.render_labels([labels.Label(code.text, code.grouped)], "特浓" * 40, "a4_4x10", pdf)
    assert "…" in _text(pdf)


def test_bad_requests_are_refused(tmp_path):
    with pytest.raises(ValidationError) as info:
        labels.render_labels([], "x", "a4_3x8", tmp_path / "x.pdf")
    assert info.value.code == "labels.empty"
    code = typable_codes.make("P", 8)
    with pytest.raises(ValidationError) as info:
        labels.render_labels([labels.Label(code.text, code.grouped)], "x", "a5", tmp_path / "y")
    assert info.value.code == "labels.bad_stock"


def test_a_batch_prints_in_its_managers_scope(world, tmp_path):
    manager = sign_in("m1", DEMO_PINS["manager"])
    product = Product.get(Product.sku == "A001")
    batch = batches.generate_batch(manager, product.id, 30, 40)
    pdf = tmp_path / "batch.pdf"
    assert label_sheets.save_labels(manager, batch.id, "a4_3x8", pdf) == 2
    preview = label_sheets.preview_pdf(manager, batch.id, "a4_3x8")
    (tmp_path / "preview.pdf").write_bytes(preview)
    decoded = {r.text for r in zxingcpp.read_barcodes(_page_png(tmp_path / "preview.pdf", 1,
                                                                tmp_path))}
    assert decoded == {c.code for c in batches.batch_codes(manager, batch.id)[:24]}
    assert product.name in _text(pdf)
    with pytest.raises(PermissionDenied):
        label_sheets.save_labels(sign_in("m2", DEMO_PINS["manager"]), batch.id, "a4_3x8",
                                 tmp_path / "other.pdf")
    assert not (tmp_path / "other.pdf").exists()
