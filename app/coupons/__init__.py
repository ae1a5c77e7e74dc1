"""Electronic coupons (SPEC §3): ordered at the kiosk (:mod:`.ordering`), carried as a short
typable signed code and a QR (app.typable_codes, kind ``C``), and used once at a till as a
tender (:mod:`.tender`)."""

from app.coupons.tender import CouponInfo, check, redeem

__all__ = ["CouponInfo", "check", "redeem"]
