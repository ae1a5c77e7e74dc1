"""Text from scanners, card readers and keyboards, checked before it reaches a query.

A wedge can type control characters (a NUL, an escape), a camera can decode a page of text,
and PostgreSQL refuses a NUL in a string outright (psycopg2 raises ValueError, which would
reach the cashier as an unexpected error and, on SQLite, simply match nothing). One check at
the entry points turns all of these into a ValidationError with a code.
"""

from __future__ import annotations

import unicodedata

from app.errors import ValidationError

MAX_LENGTH = 200  # longer than any code, card number or product name anyone types


def checked(text: object, max_length: int = MAX_LENGTH) -> str:
    """``text`` stripped; ValidationError if it is not text, too long, or holds control
    characters."""
    if not isinstance(text, str):
        raise ValidationError("input.not_text", "this input is not text")
    text = text.strip()
    if len(text) > max_length:
        raise ValidationError("input.too_long", "this input is too long ({length} characters, "
                              "at most {limit})", length=len(text), limit=max_length)
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text):
        raise ValidationError("input.control_characters", "this input contains control "
                              "characters; scan or type it again")
    return text
