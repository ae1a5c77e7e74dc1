"""Small language helpers shared by the cashier panels."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from ui.domain_words import tender_text


def is_english() -> bool:
    return QLocale().language() == QLocale.Language.English


def current_language() -> str:
    return "en" if is_english() else "zh_CN"


def product_name(product: object) -> str:
    """A product's (or sale line's) name in the UI language."""
    name = getattr(product, "name", "")
    name_en = getattr(product, "name_en", "")
    return name_en if is_english() and name_en else name


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate(context, text, disambiguation, n)


def coupon_title(coupon: tuple[str, ...]) -> str:
    """A member's coupon ``(code, title[, English title])`` by its title in the UI language
    (a cart journalled before the English title was kept has none)."""
    if is_english() and len(coupon) > 2 and coupon[2]:
        return coupon[2]
    return coupon[1]


def tier_name(tier: str) -> str:
    names = {
        "standard": translate("Tiers", "Standard"),
        "silver": translate("Tiers", "Silver"),
        "gold": translate("Tiers", "Gold"),
        "platinum": translate("Tiers", "Platinum"),
    }
    return names.get(tier, tier)


def tender_name(kind: str) -> str:
    return tender_text(kind)


def kind_name(kind: str) -> str:
    names = {
        "sale": translate("Kinds", "Sale"),
        "refund": translate("Kinds", "Refund"),
        "void": translate("Kinds", "Void"),
    }
    return names.get(kind, kind)
