"""The printed coupon slip: the kiosk printer's job for one coupon (store, offer, the coupon's QR,
its grouped code, validity), in the plain print-job format of app.documents.

The job id is ``coupon-slip:<code>`` for the first print and ``coupon-slip:<code>:<token>`` for
a re-print the shopper asks for (one token per tap), so the spool prints each exactly once,
even across paper running out or a restart, and a re-print is a new job rather than a
duplicate the spool would drop.
"""

from __future__ import annotations

from typing import Any

from app import typable_codes
from app.clock import to_store_time
from app.documents import OpsBuilder, check_language, name_in, pick
from app.errors import NotFound
from app.kiosk.terminal import KioskInfo
from app.models import Coupon, Merchant, Offer

KIND = "C"


def slip_job_id(code: str, reprint: str = "") -> str:
    return f"coupon-slip:{code}" + (f":{reprint}" if reprint else "")


def coupon_slip_job(kiosk: KioskInfo, member_id: int, coupon_id: int, language: str = "zh_CN",
                    *, reprint: str = "", paper_mm: int = 80) -> dict[str, Any]:
    """The slip of the member's coupon. The offer's title is printed in Chinese always (it is
    what the merchant's staff read), with the English title under it on an English slip."""
    lang = check_language(language)
    coupon = Coupon.get_or_none((Coupon.id == coupon_id) & (Coupon.member == member_id))
    if coupon is None:
        raise NotFound("coupon.not_yours", "this coupon is not yours")
    offer = Offer.get_by_id(coupon.offer_id)
    merchant = Merchant.get_by_id(offer.merchant_id)
    grouped = typable_codes.TypableCode(KIND, coupon.id, "", coupon.code).grouped

    def t(zh: str, en: str) -> str:
        return pick(lang, zh, en)

    until = to_store_time(coupon.valid_until, kiosk.timezone)
    b = OpsBuilder()
    b.text(name_in(lang, kiosk.store_name, kiosk.store_name_en), align="center", bold=True,
           double=True)
    b.text(t("电子优惠券", "COUPON"), align="center", bold=True)
    b.rule()
    b.text(name_in(lang, merchant.name, merchant.name_en), align="center")
    b.text(offer.title, align="center", bold=True, double=True)
    if lang == "en" and offer.title_en:
        b.text(offer.title_en, align="center")
    b.feed(1)
    b.qr(coupon.code, size=8)
    b.text(grouped, align="center", bold=True)
    b.rule()
    b.row(t("有效期至", "Valid until"), f"{until:%Y-%m-%d %H:%M}")
    b.row(t("发券机", "Kiosk"), kiosk.terminal_code)
    if reprint:
        b.text(t("补打", "Re-print"), align="center")
    b.text(t("结账时出示二维码或报出券码，限用一次。", "Show the QR code or read the code at the "
             "till. It can be used once."), align="center")
    b.feed(3)
    b.cut()
    return b.job(slip_job_id(coupon.code, reprint), paper_mm)
