"""The printed coupon slip: its ESC/POS bytes carry the coupon's QR content, the grouped code,
the Chinese offer title and the validity; each print is one spool job id."""

import uuid

import pytest

from app.coupons.ordering import order_offer
from app.coupons.slip import coupon_slip_job, slip_job_id
from app.errors import NotFound
from hardware.printer.escpos_render import render_job
from tests.app.test_coupon_ordering import kiosk, make_offer, rich_member  # noqa: F401
from tests.escpos_decode import qr_payloads, text_of


def test_slip_bytes_decode_to_the_qr_and_the_chinese_title(world, kiosk):  # noqa: F811
    offer = make_offer(world)
    member = rich_member(world)
    issued = order_offer(kiosk, member, offer.id, str(uuid.uuid4()))
    job = coupon_slip_job(kiosk, member, issued.id, "zh_CN")
    assert job["job_id"] == slip_job_id(issued.code) == f"coupon-slip:{issued.code}"
    data = render_job(job)
    assert qr_payloads(data) == [issued.code]
    text = text_of(data)
    for shown in ("龙井买一送一", "电子优惠券", issued.grouped, "有效期至",
                  kiosk.store_name, f"{issued.valid_until:%Y-%m-%d}"[:7]):
        assert shown in text, shown
    assert "龙井买一送一".encode("gb18030") in data
    english = render_job(coupon_slip_job(kiosk, member, issued.id, "en", reprint="t2"))
    assert "Longjing 2-for-1" in text_of(english) and "Re-print" in text_of(english) and "龙井买一送一" in text_of(english)
    assert coupon_slip_job(kiosk, member, issued.id, "en", reprint="t2")["job_id"].endswith(":t2")


def test_someone_elses_coupon_prints_nothing(world, kiosk):  # noqa: F811
    offer = make_offer(world)
    member = rich_member(world)
    issued = order_offer(kiosk, member, offer.id, str(uuid.uuid4()))
    with pytest.raises(NotFound):
        coupon_slip_job(kiosk, member + 999, issued.id)
