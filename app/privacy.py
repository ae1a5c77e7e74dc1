"""Keeping payment-card numbers out of messages, screens and logs.

A run of 13–19 digits (spaces or dashes allowed between them) that passes the Luhn check —
and is not a valid 13/14-digit retail barcode — is treated as a primary account number and shown as ``••••1111`` (last four only). Member card
numbers, barcodes and receipt numbers rarely pass Luhn by accident at these lengths; when one
does, masking it in a message costs a cashier nothing, while leaking a PAN costs the store
its card acceptance.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

# A run of digit groups, each separated by one space or dash: "4000 0566 5566 5556", or a card
# number between other numbers ("has 4000056655665556 16 digits").
_RUN = re.compile(r"\d+(?:[ \-]\d+)*", re.ASCII)
_GROUP = re.compile(r"\d+", re.ASCII)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _gs1_check_ok(digits: str) -> bool:
    """A GTIN-13/14 check digit (weights 3,1 from the right) — a retail barcode."""
    body, check = digits[:-1], ord(digits[-1]) - 48
    total = sum((ord(c) - 48) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def _is_pan(digits: str) -> bool:
    """13–19 digits passing Luhn, except a 13/14-digit run that is also a valid GTIN: about
    one EAN-13 in ten passes Luhn, and a cashier must read an unknown barcode in full, while
    13/14-digit card numbers (old Visa, Diners) are rare — nine in ten of them still mask."""
    if not 13 <= len(digits) <= 19 or not luhn_ok(digits):
        return False
    return not (len(digits) <= 14 and _gs1_check_ok(digits))


def looks_like_pan(text: str) -> bool:
    digits = re.sub(r"[ \-]", "", text)
    return digits.isdigit() and _is_pan(digits)


def _mask_run(run: str) -> str:
    """Mask, left to right, the longest whole-group spans of ``run`` that are card numbers."""
    groups = [(g.start(), g.end()) for g in _GROUP.finditer(run)]
    out, done, i = [], 0, 0
    while i < len(groups):
        found, digits = None, ""
        for j in range(i, len(groups)):
            digits += run[groups[j][0]:groups[j][1]]
            if len(digits) > 19:
                break
            if _is_pan(digits):
                found = (j, digits)
        if found is None:
            i += 1
            continue
        j, pan = found
        out += [run[done:groups[i][0]], f"••••{pan[-4:]}"]
        done, i = groups[j][1], j + 1
    return "".join(out) + run[done:]


def mask_card_numbers(text: str) -> str:
    """``text`` with every Luhn-valid 13–19 digit number replaced by ``••••`` + last four."""
    if not isinstance(text, str) or not any(c.isdigit() for c in text):
        return text
    return _RUN.sub(lambda m: _mask_run(m.group(0)), text)


def mask_record(record: logging.LogRecord) -> None:
    """Mask card numbers in a log record's message, exception text and stack, in place."""
    try:
        message = record.getMessage()
    except Exception:  # a malformed record: leave it to logging's own error path
        return
    masked = mask_card_numbers(message)
    if masked != message:
        record.msg, record.args = masked, None
    if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
        text = logging.Formatter().formatException(record.exc_info)
        if (masked_text := mask_card_numbers(text)) != text:
            record.exc_text = masked_text
    elif record.exc_text:
        record.exc_text = mask_card_numbers(record.exc_text)
    if record.stack_info:
        record.stack_info = mask_card_numbers(record.stack_info)


class CardNumberFilter(logging.Filter):
    """A logging filter that masks card numbers in every record's final message."""

    def filter(self, record: logging.LogRecord) -> bool:
        mask_record(record)
        return True


def _masking_factory(make: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def masked(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        mask_record(record)
        return record

    masked.masks_card_numbers = True  # type: ignore[attr-defined]
    return masked


def install_log_masking(logger: logging.Logger | None = None) -> None:
    """Mask card numbers in everything the process logs (call once at start-up).

    Every record is masked where it is made (the log record factory), so loggers and handlers
    created later — a library's, a file handler, a test's capture — never see a number; the
    filter on the root handlers covers records built by hand."""
    current = logging.getLogRecordFactory()
    if not getattr(current, "masks_card_numbers", False):
        logging.setLogRecordFactory(_masking_factory(current))
    target = logger or logging.getLogger()
    flt = CardNumberFilter()
    for handler in target.handlers:
        if not any(isinstance(f, CardNumberFilter) for f in handler.filters):
            handler.addFilter(flt)
    if not any(isinstance(f, CardNumberFilter) for f in target.filters):
        target.addFilter(flt)


# Libraries that log the data they handle: peewee logs every query with its parameters at
# DEBUG, and a card number typed into a search is a parameter. Their records are masked at the
# logger itself, whether or not the process installed the masking above.
DATA_LOGGERS = ("peewee",)
for _name in DATA_LOGGERS:
    if not any(isinstance(f, CardNumberFilter) for f in logging.getLogger(_name).filters):
        logging.getLogger(_name).addFilter(CardNumberFilter())
