"""Signed codes (HMAC with the coalition secret): member QR, coupons, point codes, orders.

A code is ``PREFIX.payload.signature``; the signature is a truncated HMAC-SHA256 in base32,
short enough for a QR on a small label, long enough (80 bits) that guessing is hopeless.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from app.errors import ValidationError
from app.models import Setting

_SECRET_KEY = "code_secret"
_cached: bytes | None = None


def coalition_secret() -> bytes:
    """The coalition's signing secret, created once and kept in the shared database."""
    global _cached
    if _cached is None:
        row = Setting.get_or_none(Setting.key == _SECRET_KEY)
        if row is None:
            Setting.insert(key=_SECRET_KEY, value=secrets.token_hex(32)).on_conflict_ignore().execute()
            row = Setting.get(Setting.key == _SECRET_KEY)
        _cached = bytes.fromhex(row.value)
    return _cached


def forget_secret() -> None:
    """Drop the cached secret (tests and re-binding to another database)."""
    global _cached
    _cached = None


def _signature(prefix: str, payload: str) -> str:
    mac = hmac.new(coalition_secret(), f"{prefix}.{payload}".encode(), hashlib.sha256).digest()
    return base64.b32encode(mac[:10]).decode().rstrip("=")


def sign(prefix: str, payload: str) -> str:
    if "." in prefix or "." in payload:
        raise ValueError("prefix and payload may not contain '.'")
    return f"{prefix}.{payload}.{_signature(prefix, payload)}"


def verify(code: str, prefix: str) -> str:
    """Return the payload of a genuine code with this prefix; raise ValidationError otherwise."""
    parts = code.strip().split(".")
    if len(parts) != 3 or parts[0] != prefix:
        raise ValidationError("this is not a code Patron issued")
    if not hmac.compare_digest(parts[2], _signature(prefix, parts[1])):
        raise ValidationError("this code is not genuine (signature does not match)")
    return parts[1]
