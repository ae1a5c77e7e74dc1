"""Receipts and shift reports: the data, the PDF (read back with pdftotext) and the print job
the receipt printer renders — on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from datetime import datetime

import pytest

from app import approvals, refunds, shifts
from app.cart import Cart
from app.catalogue import Catalogue
from app.checkout import Tender, TillContext, checkout
from app.documents import rate_label
from app.documents.receipt import (
    build_receipt,
    mask_name,
    mask_phone,
    receipt_pdf,
    receipt_print_job,
)
from app.documents.shift_report import shift_report_pdf, shift_report_print_job
from app.models import Sale, SaleLine
from tests.ci import require

COLA = "6901939621608"  # 可口可乐 330ml, ¥3.50
APPLES_1234G = "2000101012344"  # 红富士苹果 1.234 kg × ¥12.98/kg


def pdf_text(path) -> str:
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                         capture_output=True, text=True)
    return out.stdout


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
