"""The PDF stand-in: same jobs, a receipt-shaped PDF with the Chinese text in it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from hardware.printer import PdfPrinter, make_printer
from hardware.printer.pdf_render import render_job_pdf
from tests.ci import require


@pytest.fixture(autouse=True)
def _pdftotext():
    """Every test here reads its PDF back with pdftotext: skip locally without it, fail in CI."""
    require(shutil.which("pdftotext") is not None, "needs poppler-utils (pdftotext)")


RECEIPT = {
    "job_id": "S-2025-0001",
    "paper_mm": 80,
    "ops": [
        {"op": "text", "text": "Patron 百货", "align": "center", "bold": True, "double": True},
        {"op": "text", "text": "欢迎光临，谢谢惠顾！", "align": "center"},
        {"op": "rule"},
        {"op": "row", "left": "乌龙茶 Oolong tea 500g", "right": "¥128.00"},
        {"op": "row", "left": "合计 Total", "right": "¥128.00", "bold": True},
        {"op": "rule"},
        {"op": "qr", "data": "PTN:积分:abc123", "size": 6},
        {"op": "barcode", "data": "590123412345", "symbology": "EAN13"},
        {"op": "feed", "lines": 2},
        {"op": "cut"},
        {"op": "drawer"},
    ],
}


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_render_pdf_has_the_chinese_text(tmp_path: Path) -> None:
    path = render_job_pdf(RECEIPT, tmp_path / "r.pdf")
    text = pdftotext(path)
    assert "欢迎光临，谢谢惠顾！" in text
    assert "乌龙茶 Oolong tea 500g" in text and "128.00" in text
    assert "百货" in text and "合计" in text
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_pdf_page_is_the_paper_width(tmp_path: Path) -> None:
    for paper in (58, 80):
        path = render_job_pdf(RECEIPT, tmp_path / f"{paper}.pdf", paper_mm=paper)
        info = subprocess.run(
            ["pdfinfo", str(path)], capture_output=True, text=True, check=True
        ).stdout
        width_pt = float(info.split("Page size:")[1].split("x")[0])
        assert width_pt == pytest.approx(paper / 25.4 * 72, abs=0.5)


def test_pdf_qr_and_barcode_scan_back(tmp_path: Path) -> None:
    import cv2

    from hardware.barcode.decode import decode

    path = render_job_pdf(RECEIPT, tmp_path / "r.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "200", str(path), str(tmp_path / "page")], check=True)
    img = cv2.imread(str(next(tmp_path.glob("page*.png"))))
    found = {(d.text, d.symbology) for d in decode(img)}
    assert ("PTN:积分:abc123", "QR") in found
    assert ("5901234123457", "EAN13") in found


def test_pdf_printer_queue(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "receipts"
    printer = make_printer({"kind": "pdf", "folder": str(folder), "paper_mm": 58})
    assert isinstance(printer, PdfPrinter)
    written: list[tuple[str, str]] = []
    printer.pdf_written.connect(lambda j, p: written.append((j, p)))
    try:
        with qtbot.waitSignal(printer.job_printed, timeout=5000):
            printer.start()
            printer.submit(RECEIPT)
        path = folder / "S-2025-0001.pdf"
        assert written == [("S-2025-0001", str(path))]
        assert "欢迎光临" in pdftotext(path)
        with qtbot.waitSignal(printer.job_printed, timeout=5000):
            printer.drawer_kick()  # nothing to draw: no file
        assert sorted(p.name for p in folder.iterdir()) == ["S-2025-0001.pdf"]
    finally:
        printer.stop()

    # A new printer (say after a restart) finds the file: the job is not printed again.
    again = PdfPrinter(folder)
    try:
        with qtbot.waitSignal(again.job_skipped, timeout=5000) as blocker:
            again.start()
            again.submit(RECEIPT)
        assert blocker.args == ["S-2025-0001", "already printed"]
    finally:
        again.stop()


def test_unsafe_job_ids_make_safe_file_names(tmp_path: Path) -> None:
    printer = PdfPrinter(tmp_path)
    name = printer.path_for("../../etc/passwd").name
    assert "/" not in name and name.endswith(".pdf") and not name.startswith(".")
    assert printer.path_for("a/b") != printer.path_for("a_b")


def pdffonts(path: Path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font in the PDF, from poppler's pdffonts."""
    require(shutil.which("pdffonts") is not None, "needs poppler-utils (pdffonts)")
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                         text=True).stdout.splitlines()
    header = out[0]
    emb = header.index(" emb") + 1
    return [(line.split()[0], line[emb:emb + 3].strip() == "yes") for line in out[2:]]


def test_the_receipt_font_is_embedded_and_words_stay_whole(tmp_path: Path) -> None:
    # With the non-embedded CID font STSong-Light viewers substituted a face of their own and
    # pdftotext read "C ashier", "M ember".
    job = {"job_id": "fonts", "paper_mm": 58, "ops": [
        {"op": "row", "left": "收银员 Cashier", "right": "Alex Wang"},
        {"op": "row", "left": "会员 Member", "right": "¥1,234.50"},
        {"op": "text", "text": "× 2 – 已付", "bold": True},
        {"op": "barcode", "data": "MA-T1-000001", "symbology": "CODE128"},
    ]}
    path = render_job_pdf(job, tmp_path / "fonts.pdf")
    fonts = pdffonts(path)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert any("WenQuanYi" in name for name, _ in fonts), fonts
    text = pdftotext(path)
    for word in ("Cashier", "Member", "Alex Wang", "¥1,234.50", "已付"):
        assert word in text, (word, text)


def test_a_missing_font_says_what_to_install(tmp_path: Path, monkeypatch) -> None:
    from hardware.printer import pdf_render

    monkeypatch.setattr(pdf_render, "_fonts_ready", False)
    monkeypatch.setenv(pdf_render.FONT_ENV, str(tmp_path / "no-such-font.ttc"))
    with pytest.raises(pdf_render.FontMissing, match="fonts-wqy-microhei"):
        render_job_pdf(RECEIPT, tmp_path / "r.pdf")
