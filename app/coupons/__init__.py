"""Electronic coupons (SPEC §3): ordered at the kiosk (:mod:`.ordering`), carried as a short
typable signed code and a QR (app.typable_codes, kind ``C``), and used once at a till as a
tender or a discount (:mod:`.tender`)."""

from app.coupons.tender import (
    DISCOUNT,
    TENDER,
    CouponInfo,
    check,
    claim,
    claimed,
    looks_like_coupon,
    record_refusal,
    redeem,
    restore,
)

__all__ = ["DISCOUNT", "TENDER", "CouponInfo", "check", "claim", "claimed", "looks_like_coupon",
           "record_refusal", "redeem", "restore"]
