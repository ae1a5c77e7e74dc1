"""Money as integer minor units (fen / cents). Decimal only where text meets numbers."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.errors import ValidationError

MINOR_PER_MAJOR = 100
CURRENCY_SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "HKD": "HK$"}


def parse_money(text: str) -> int:
    """'12.5' → 1250. Rejects more than two decimals, negatives and non-numbers."""
    cleaned = text.strip().replace(",", "").lstrip("¥$€").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError("money.not_amount", "“{text}” is not an amount of money",
                              text=text) from None
    if not value.is_finite() or value < 0:
        raise ValidationError("money.invalid_amount", "“{text}” is not a valid amount", text=text)
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError("money.too_many_decimals", "“{text}” has more than two decimals",
                              text=text)
    return int(value * MINOR_PER_MAJOR)


def format_money(minor: int, currency: str = "CNY", *, symbol: bool = True) -> str:
    """1250 → '¥12.50'; -1250 → '-¥12.50'."""
    if not isinstance(minor, int) or isinstance(minor, bool):
        raise TypeError(f"money must be int minor units, got {type(minor).__name__}")
    sign = "-" if minor < 0 else ""
    major, cents = divmod(abs(minor), MINOR_PER_MAJOR)
    prefix = CURRENCY_SYMBOLS.get(currency, currency + " ") if symbol else ""
    return f"{sign}{prefix}{major:,}.{cents:02d}"


def div_round(numerator: int, denominator: int) -> int:
    """Integer division rounded half away from zero (the rounding shops and tax offices use)."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    q, r = divmod(abs(numerator), denominator)
    if 2 * r >= denominator:
        q += 1
    return q if numerator >= 0 else -q


def quantize_decimal(value: Decimal) -> int:
    """A Decimal in major units → int minor units, rounded half up."""
    return int((value * MINOR_PER_MAJOR).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def allocate(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` exactly (largest remainder), Σ == total."""
    if not weights:
        return []
    wsum = sum(weights)
    if wsum <= 0:
        return [0] * len(weights)
    shares = [total * w // wsum for w in weights]
    remainders = sorted(
        range(len(weights)), key=lambda i: (total * weights[i]) % wsum, reverse=True
    )
    for i in remainders[: total - sum(shares)]:
        shares[i] += 1
    return shares
