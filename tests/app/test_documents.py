"""Receipts and shift reports: the data, the PDF (read back with pdftotext) and the print job
the receipt printer renders — on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from app import approvals, refunds, shifts
from app.cart import Cart
from app.catalogue import Catalogue
from app.checkout import Tender, TillContext, checkout
from app.clock import store_time_text
from app.documents import display_width, rate_label
from app.documents.receipt import (
    build_receipt,
    mask_name,
    mask_phone,
    receipt_pdf,
    receipt_print_job,
)
from app.documents.shift_report import shift_report_pdf, shift_report_print_job
from app.errors import ConfigError, ValidationError
from app.models import Sale, SaleLine, Shift, Store, Terminal
from app.till import Till
from tests.ci import require

COLA = "6901939621608"  # 可口可乐 330ml, ¥3.50
APPLES_1234G = "2000101012344"  # 红富士苹果 1.234 kg × ¥12.98/kg


def pdf_text(path) -> str:
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                         capture_output=True, text=True)
    return out.stdout


CHINESE = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


def pdffonts(path) -> list[tuple[str, bool]]:
    """(font name, embedded?) per font, from poppler's pdffonts."""
    require(shutil.which("pdffonts") is not None, "pdffonts (poppler-utils) is not installed")
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                         text=True).stdout.splitlines()
    emb = out[0].index(" emb") + 1
    return [(ln.split()[0], ln[emb:emb + 3].strip() == "yes") for ln in out[2:]]


def rows(job) -> dict[str, str]:
    return {op["left"].strip(): op["right"] for op in job["ops"] if op["op"] == "row"}


def texts(job) -> list[str]:
    return [op["text"] for op in job["ops"] if op["op"] == "text"]


@pytest.fixture
def cash_sale(world):
    shift = shifts.open_shift(world.terminal_a, world.cashier_a, 20000)
    cat = Catalogue(world.store_a)
    cart = Cart()
    cart.add(cat.scan(COLA), quantity=3)
    cart.add(cat.scan(APPLES_1234G))
    cart.set_line_discount(0, 50)
    cart.member_id = world.member.id
    ctx = TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id, shift.id)
    result = checkout(cart, [Tender("cash", 5000)], ctx)
    return shift, result


def test_receipt_data(world, cash_sale):
    _, result = cash_sale
    r = build_receipt(result.sale_id)
    assert r.kind == "sale" and not r.is_return and r.receipt_no == "MA-T1-000001"
    assert r.qr_payload == r.receipt_no
    assert (r.subtotal, r.discount, r.total, r.change) == (1050 + 1602, 50, 2602, 2398)
    assert [(ln.name, ln.quantity_text, ln.total) for ln in r.lines] == [
        ("可口可乐 330ml", "3", 1000), ("红富士苹果", "1.234 kg", 1602)]
    assert r.item_count == 4
    assert [(t.rate_bp, t.total) for t in r.tax_by_rate] == [(900, 1602), (1300, 1000)]
    assert sum(t.tax for t in r.tax_by_rate) == r.tax == result.tax
    [pay] = r.payments
    assert (pay.tender, pay.amount, pay.tendered, pay.change) == ("cash", 2602, 5000, 2398)
    assert r.member is not None
    assert r.member.phone_masked == "138****8000" and "13800138000" not in repr(r)
    assert r.member.points_earned == result.points_earned == 26
    assert r.member.balance == 26
    # Shown in the store's time (UTC+8 for Shanghai).
    sale = Sale.get_by_id(result.sale_id)
    assert r.time_local.utcoffset().total_seconds() == 8 * 3600
    assert r.time_local.replace(tzinfo=None) - sale.created_at == (
        datetime(2000, 1, 1, 8) - datetime(2000, 1, 1))


def test_receipt_balance_is_the_balance_after_that_sale(world, cash_sale):
    shift, first = cash_sale
    cart = Cart()
    cart.add(Catalogue(world.store_a).scan(COLA), quantity=10)
    cart.member_id = world.member.id
    ctx = TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id, shift.id)
    second = checkout(cart, [Tender("points", points=20), Tender("cash", 4000)], ctx)
    assert build_receipt(first.sale_id).member.balance == 26  # a reprint shows the same
    assert build_receipt(second.sale_id).member.balance == second.member_balance


def test_receipt_print_job(world, cash_sale):
    _, result = cash_sale
    receipt = build_receipt(result.sale_id)
    job = receipt_print_job(receipt, 80)
    assert job["job_id"] == "receipt:MA-T1-000001" and job["paper_mm"] == 80
    ops = job["ops"]
    assert ops[-1] == {"op": "cut"} and {"op": "drawer"} not in ops
    assert ops[0] == {"op": "text", "text": "百联超市 南京路店", "align": "center", "bold": True,
                      "double": True}
    assert {"op": "qr", "data": "MA-T1-000001", "size": 6} in ops
    assert {"op": "row", "left": "合计", "right": "¥26.02", "bold": True} in ops
    assert {"op": "row", "left": "找零", "right": "¥23.98", "bold": True} in ops
    r = rows(job)
    assert r["小票号"] == "MA-T1-000001"
    assert r["1.234 kg × ¥12.98/kg"] == "¥16.02"
    assert r["3 × ¥3.50"] == "¥10.50" and r["优惠"] == "-¥0.50"
    assert r["实收"] == "¥50.00" and r["现金"] == "¥26.02"
    assert r["会员"] == "刘* 138****8000" and r["积分余额"] == "26"
    assert r[f"含税 {rate_label(900)}"] == "¥1.32"
    assert "可口可乐 330ml" in texts(job)
    for op in ops:  # the documented plain format, nothing else
        assert set(op) <= {"op", "text", "align", "bold", "double", "left", "right", "data",
                           "size", "symbology", "lines"}

    drawer = receipt_print_job(receipt, 58, open_drawer=True)
    assert drawer["paper_mm"] == 58 and drawer["ops"].count({"op": "drawer"}) == 1
    with pytest.raises(ValueError):
        receipt_print_job(receipt, 76)


def test_receipt_pdf_shows_chinese_total_and_number(world, cash_sale, tmp_path):
    _, result = cash_sale
    path = receipt_pdf(build_receipt(result.sale_id), tmp_path / "receipt.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    text = pdf_text(path)
    for expected in ("可口可乐 330ml", "红富士苹果", "百联超市 南京路店", "MA-T1-000001",
                     "¥26.02", "合计", "138****8000", "1.234 kg"):
        assert expected in text, expected
    # One page, 80 mm wide, as long as the receipt.
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True,
                          text=True).stdout
    size = next(ln for ln in info.splitlines() if ln.startswith("Page size:")).split()
    assert "Pages:           1" in info
    assert abs(float(size[2]) - 80 / 25.4 * 72) < 0.5 and float(size[4]) > float(size[2]) * 2


def give_back(world, shift_id, sale_id, lines=None, kind="refund"):
    ctx = TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id, shift_id)
    approval = approvals.grant(kind, world.cashier_a, "m1", "9999",
                               target=approvals.sale_target(sale_id))
    return refunds.refund(sale_id, lines, ctx, approval, str(uuid.uuid4()), kind=kind)


def test_refund_receipt_is_labelled(world, cash_sale, tmp_path):
    shift, result = cash_sale
    apples = SaleLine.get((SaleLine.sale == result.sale_id) & (SaleLine.line_no == 2))
    back = give_back(world, shift.id, result.sale_id, {apples.id: 1234})
    assert back.money_back == 1602 and back.points_reversed > 0
    receipt = build_receipt(back.sale_id)
    assert receipt.is_return and receipt.title() == "退货" and receipt.title("en") == "REFUND"
    assert receipt.original_receipt_no == "MA-T1-000001"
    assert receipt.member.balance == 26 - back.points_reversed
    job = receipt_print_job(receipt, 80)
    assert {"op": "text", "text": "退货", "align": "center", "bold": True,
            "double": True} in job["ops"]
    r = rows(job)
    assert r["退款合计"] == "-¥16.02"
    assert r["原小票"] == "MA-T1-000001"
    assert r["退回 现金"] == "-¥16.02"
    assert r["扣回积分"] == f"-{back.points_reversed}"
    assert r["1.234 kg × ¥12.98/kg"] == "-¥16.02"
    assert {"op": "qr", "data": back.receipt_no, "size": 6} in job["ops"]
    text = pdf_text(receipt_pdf(receipt, tmp_path / "refund.pdf"))
    assert "退货" in text and "-¥16.02" in text and "红富士苹果" in text
    # The original's reprint still shows the balance right after it was sold.
    assert build_receipt(result.sale_id).member.balance == 26


def test_refund_of_spent_points_shows_the_deduction(world, cash_sale):
    shift, first = cash_sale  # earned 26 points
    ctx = TillContext(world.store_a.id, world.terminal_a.id, world.cashier_a.id, shift.id)
    cart = Cart()
    cart.add(Catalogue(world.store_a).scan(COLA))
    cart.member_id = world.member.id
    checkout(cart, [Tender("points", points=26), Tender("cash", 324)], ctx)  # spends them all
    back = give_back(world, shift.id, first.sale_id)
    assert back.points_shortfall == 26 and back.shortfall_deduction == 26
    receipt = build_receipt(back.sale_id)
    r = rows(receipt_print_job(receipt, 80))
    assert r["退款合计"] == "-¥26.02"
    assert r["扣除已用积分 (26)"] == "¥0.26"
    assert r["退回 现金"] == "-¥25.76"


def test_void_receipt_is_labelled(world, cash_sale):
    shift, result = cash_sale
    back = give_back(world, shift.id, result.sale_id, kind="void")
    job = receipt_print_job(build_receipt(back.sale_id), 58, open_drawer=True)
    assert "作废" in texts(job) and job["ops"][0] == {"op": "drawer"}
    assert rows(job)["退款合计"] == "-¥26.02"


def test_masking():
    assert mask_phone("13800138000") == "138****8000"
    assert mask_name("刘洋") == "刘*" and mask_name("欧阳娜娜") == "欧***"
    assert mask_name("Alex Wang") == "A*** W***" and mask_name("") == ""


def test_shift_report_documents(world, cash_sale, tmp_path):
    shift, _ = cash_sale
    x = shifts.x_report(shift)
    x_job = shift_report_print_job(x, 80)
    assert "X 报表" in texts(x_job)
    assert rows(x_job)["应有现金"] == "¥226.02"
    assert "实点现金" not in rows(x_job)
    x_text = pdf_text(shift_report_pdf(x, tmp_path / "x.pdf"))
    assert "X 报表" in x_text and "Z 报表" not in x_text

    shifts.close_shift(shift, world.cashier_a, {10000: 2, 2000: 1, 500: 1, 100: 1})
    z = shifts.z_report(shift)
    z_job = shift_report_print_job(z, 58)
    assert z_job["paper_mm"] == 58 and z_job["job_id"] == "shift-report:MA-T1:Z1"
    assert "Z 报表 #1" in texts(z_job)
    r = rows(z_job)
    assert r["应有现金"] == "¥226.02"
    assert r["实点现金"] == "¥226.00"
    assert r["短款"] == "-¥0.02"
    assert r["净销售额"] == "1  ¥26.02"
    assert r["¥100.00 × 2"] == "¥200.00"
    assert z_job["ops"][-1] == {"op": "cut"}
    z_text = pdf_text(shift_report_pdf(z, tmp_path / "z.pdf"))
    for expected in ("Z 报表", "#1", "百联超市 南京路店", "¥226.02", "¥226.00",
                     "短款", "-¥0.02", "现金", "13%", "9%", "红富士苹果"):
        assert expected in z_text, expected
    assert "X 报表" not in z_text


def test_every_print_op_renders_in_a_roll_pdf(tmp_path):
    from app.documents.pdf import render_roll_pdf, wrap_text

    long_name = "一个非常非常长的中文商品名称需要自动换行显示 with English words"
    ops = [
        {"op": "drawer"},
        {"op": "text", "text": long_name, "align": "left", "bold": False, "double": False},
        {"op": "text", "text": "大字 BIG", "align": "center", "bold": True, "double": True},
        {"op": "row", "left": "很长很长很长很长很长很长很长的左边 left", "right": "¥1,234.56",
         "bold": True},
        {"op": "rule"},
        {"op": "barcode", "data": "MA-T1-000001", "symbology": "CODE128"},
        {"op": "barcode", "data": "6901939621608", "symbology": "EAN13"},
        {"op": "qr", "data": "会员 PM1", "size": 4},
        {"op": "feed", "lines": 2},
        {"op": "cut"},
    ]
    text = pdf_text(render_roll_pdf(ops, tmp_path / "ops.pdf", 58))
    assert "大字 BIG" in text and "¥1,234.56" in text and "MA-T1-000001" in text
    lines = wrap_text(long_name, 8.5, 150)
    assert len(lines) > 1 and "".join(lines).replace(" ", "") == long_name.replace(" ", "")
    assert all(not ln.startswith(" ") for ln in lines)
    assert rate_label(950) == "9.5%" and rate_label(1300) == "13%"


# -- issue 12: one language per document, the store's time, tax columns, embedded fonts ------
def test_english_receipt_has_english_labels_and_product_names(world, cash_sale, tmp_path):
    _, result = cash_sale
    receipt = build_receipt(result.sale_id)
    job = receipt_print_job(receipt, 80, "en")
    r = rows(job)
    assert r["TOTAL"] == "¥26.02" and r["Change"] == "¥23.98" and r["Cash"] == "¥26.02"
    assert r["Receipt"] == "MA-T1-000001" and r["Points balance"] == "26"
    assert texts(job)[0] == "Bailian Market #1"  # the store's English name, double size
    assert "Coca-Cola 330ml" in texts(job) and "Fuji apples" in texts(job)
    # Nothing Chinese but people's own names (the cashier, the masked member).
    printed = texts(job) + list(r) + [v for k, v in r.items() if k not in ("Member", "Cashier")]
    assert not [t for t in printed if CHINESE.search(t)], [t for t in printed if CHINESE.search(t)]
    # Chinese documents stay Chinese.
    zh = rows(receipt_print_job(receipt, 80, "zh_CN"))
    assert zh["合计"] == "¥26.02" and "TOTAL" not in zh
    with pytest.raises(ValidationError) as err:
        receipt_print_job(receipt, 80, "fr")
    assert err.value.code == "documents.language"

    text = pdf_text(receipt_pdf(receipt, tmp_path / "en.pdf", language="en"))
    for expected in ("TOTAL", "Cashier", "Member", "Coca-Cola 330ml",
                     "Thank you, please come again"):
        assert expected in text, expected
    assert "合计" not in text and "谢谢惠顾" not in text


def test_english_shift_reports(world, cash_sale, tmp_path):
    shift, _ = cash_sale
    shifts.close_shift(shift, world.cashier_a, {10000: 2, 2000: 1, 500: 1, 100: 1})
    z = shifts.z_report(shift)
    job = shift_report_print_job(z, 58, "en")
    assert "Z report #1" in texts(job) and "Tax by rate" in texts(job)
    r = rows(job)
    assert r["Expected cash"] == "¥226.02" and r["Short"] == "-¥0.02"
    assert r["Net sales"] == "1  ¥26.02"
    labels = texts(job) + list(r)
    assert not [t for t in labels if CHINESE.search(t)], [t for t in labels if CHINESE.search(t)]
    pdf = pdf_text(shift_report_pdf(z, tmp_path / "z-en.pdf", "en"))
    for expected in ("Z report #1", "Tax by rate", "Expected cash", "Fuji apples", "Tenders"):
        assert expected in pdf, expected
    for own_name in (z.merchant_name, z.cashier_name, z.closed_by_name):  # names aside
        pdf = pdf.replace(own_name, "")
    assert not CHINESE.search(pdf), pdf


def test_printed_tax_table_has_column_labels_over_its_figures(world, cash_sale):
    shift, _ = cash_sale
    for language, head in (("zh_CN", ("税率", "含税金额", "税额")), ("en", ("Rate", "Total", "Tax"))):
        ops = shift_report_print_job(shifts.x_report(shift), 80, language)["ops"]
        at = next(i for i, op in enumerate(ops) if op.get("text") in ("按税率", "Tax by rate"))
        header, *figures = [op for op in ops[at + 1:at + 4]]
        assert header["op"] == "row" and header["right"] == head[2]
        assert header["left"].split() == [head[0], head[1]]
        # Each rate's total ends in the column where the label "Total" ends.
        label_end = display_width(header["left"])
        assert [f["left"].split()[0] for f in figures] == ["9%", "13%"]
        assert [display_width(f["left"]) for f in figures] == [label_end, label_end]
        assert [f["right"] for f in figures] == ["¥1.32", "¥1.15"]


def test_times_are_the_stores_local_time_everywhere(world, cash_sale):
    # A store in New York: receipts, reports, the sales history and the status-bar clock all
    # read New York time, whatever zone the machine runs in (UTC here).
    shift, result = cash_sale
    Store.update(timezone="America/New_York").where(Store.id == world.store_a.id).execute()
    sale = Sale.get_by_id(result.sale_id)
    new_york = sale.created_at.replace(tzinfo=UTC).astimezone(ZoneInfo("America/New_York"))
    local = new_york.strftime("%Y-%m-%d %H:%M:%S")
    assert local != sale.created_at.strftime("%Y-%m-%d %H:%M:%S")

    assert rows(receipt_print_job(build_receipt(result.sale_id), 80))["时间"] == local
    x = shifts.x_report(shift)
    opened = Shift.get_by_id(shift.id).opened_at
    assert rows(shift_report_print_job(x, 80, "en"))["Opened"] == store_time_text(
        opened, "America/New_York")

    till = Till(Terminal.get_by_id(world.terminal_a.id))
    assert [s.created_at for s in till.recent_sales() if s.id == sale.id] == [local]
    clock = datetime.strptime(till.store_now(), "%Y-%m-%d %H:%M")
    now_ny = datetime.now(ZoneInfo("America/New_York")).replace(tzinfo=None)
    assert abs((now_ny - clock).total_seconds()) < 120  # New York's wall clock, not UTC's
    assert till.current_shift().opened_at == store_time_text(opened, "America/New_York",
                                                             "%Y-%m-%d %H:%M")


def test_roll_pdf_embeds_its_font_and_keeps_words_whole(world, cash_sale, tmp_path):
    # STSong-Light was never embedded: viewers substituted a face and read "C ashier".
    _, result = cash_sale
    receipt = build_receipt(result.sale_id)
    for language in ("en", "zh_CN"):
        path = receipt_pdf(receipt, tmp_path / f"r-{language}.pdf", language=language)
        fonts = pdffonts(path)
        assert fonts and all(embedded for _, embedded in fonts), fonts
        assert all("WenQuanYi" in name for name, _ in fonts), fonts
    text = pdf_text(tmp_path / "r-en.pdf")
    assert "Cashier" in text and "Member" in text and "Points balance" in text
    shift = cash_sale[0]
    x_path = shift_report_pdf(shifts.x_report(shift), tmp_path / "x.pdf", "en")
    shifts.close_shift(shift, world.cashier_a, {10000: 2, 2000: 1, 500: 1, 100: 1})
    z_path = shift_report_pdf(shifts.z_report(shift), tmp_path / "z.pdf", "zh_CN")
    for path in (x_path, z_path):  # the Z report's count table sits in a table of its own
        assert all(embedded for _, embedded in pdffonts(path)), pdffonts(path)


def test_missing_pdf_font_is_a_clear_config_error(tmp_path, monkeypatch):
    from app.documents import pdf

    monkeypatch.setattr(pdf, "_registered", False)
    monkeypatch.setenv(pdf.FONT_ENV, str(tmp_path / "missing.ttc"))
    with pytest.raises(ConfigError) as err:
        pdf.render_roll_pdf([{"op": "text", "text": "x"}], tmp_path / "x.pdf")
    assert err.value.code == "documents.font_missing"
    assert "fonts-wqy-microhei" in err.value.message


def test_roll_pdf_wraps_at_spaces():
    from app.documents.pdf import text_width, wrap_text

    # Double size on 58 mm: the store name broke as "百联超市 南京路" / "店".
    width = text_width("百联超市 南京路", 17)
    assert wrap_text("百联超市 南京路店", 17, width) == ["百联超市", "南京路店"]
    assert wrap_text("  优惠 Discount", 8.5, 200) == ["  优惠 Discount"]


def test_setup_installs_the_pdf_font():
    import fnmatch
    from pathlib import Path

    from app.documents.pdf import FONT_PATHS

    setup = (Path(__file__).resolve().parents[2] / "scripts" / "setup.sh").read_text("utf-8")
    assert "missing+=(fonts-wqy-microhei)" in setup
    globs = [g for g in ("/usr/share/fonts/*/wqy/wqy-microhei.ttc",
                         "/usr/share/fonts/*wqy-microhei*/wqy-microhei.ttc") if g in setup]
    assert any(fnmatch.fnmatch(FONT_PATHS[0], g) for g in globs)
