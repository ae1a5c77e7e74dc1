"""Keeping payment-card numbers out of messages, screens and logs.

A run of 13–19 digits (spaces or dashes allowed between them) that passes the Luhn check is
treated as a primary account number and shown as ``••••1111`` (last four only). Member card
numbers, barcodes and receipt numbers rarely pass Luhn by accident at these lengths; when one
does, masking it in a message costs a cashier nothing, while leaking a PAN costs the store
its card acceptance.
"""

from __future__ import annotations

import logging
import re

_CANDIDATE = re.compile(r"(?<!\d)(?:\d[ \-]?){12,18}\d(?!\d)")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def looks_like_pan(text: str) -> bool:
    digits = re.sub(r"[ \-]", "", text)
    return digits.isdigit() and 13 <= len(digits) <= 19 and luhn_ok(digits)


def mask_card_numbers(text: str) -> str:
    """``text`` with every Luhn-valid 13–19 digit run replaced by ``••••`` + last four."""
    if not isinstance(text, str) or not any(c.isdigit() for c in text):
        return text

    def repl(m: re.Match[str]) -> str:
        digits = re.sub(r"[ \-]", "", m.group(0))
        return f"••••{digits[-4:]}" if looks_like_pan(digits) else m.group(0)

    return _CANDIDATE.sub(repl, text)


class CardNumberFilter(logging.Filter):
    """A logging filter that masks card numbers in every record's final message."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to logging's own error path
            return True
        masked = mask_card_numbers(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            record.exc_text = mask_card_numbers(
                logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = mask_card_numbers(record.exc_text)
        return True


def install_log_masking(logger: logging.Logger | None = None) -> None:
    """Mask card numbers in everything the process logs (call once at start-up)."""
    target = logger or logging.getLogger()
    flt = CardNumberFilter()
    for handler in target.handlers:
        if not any(isinstance(f, CardNumberFilter) for f in handler.filters):
            handler.addFilter(flt)
    if not any(isinstance(f, CardNumberFilter) for f in target.filters):
        target.addFilter(flt)
