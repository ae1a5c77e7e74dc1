"""Signed codes (HMAC with the terminal's signing keys): member QR, coupons, point codes, orders.

A code is ``PREFIX.KEYID.payload.SIGNATURE``: the key id says which key signed it (keys rotate,
see app.signing_keys); the signature is a truncated HMAC-SHA256 in base32, short enough for a
QR on a small label, long enough (80 bits) that guessing is hopeless.

Codes arrive from scanners, cameras and keyboards, so :func:`verify` treats its input as
hostile: anything that is not a well-formed code — non-ASCII, wrong alphabet, too long, an
unknown key — is a ValidationError with its own code, never another exception.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from app import signing_keys
from app.errors import ValidationError

MAX_LENGTH = 200  # far above any real code; stops a pasted page from being parsed
PREFIX = re.compile(r"[A-Z][A-Z0-9]{0,7}", re.ASCII)
PAYLOAD = re.compile(r"[A-Za-z0-9_:+/=~-]{1,120}", re.ASCII)
SIGNATURE = re.compile(r"[A-Z2-7]{16}", re.ASCII)  # 10 bytes of base32, padding dropped
_PRINTABLE_ASCII = re.compile(r"[!-~]*", re.ASCII)


def _signature(key: bytes, prefix: str, key_id: str, payload: str) -> str:
    mac = hmac.new(key, f"{prefix}.{key_id}.{payload}".encode(), hashlib.sha256).digest()
    return base64.b32encode(mac[:10]).decode().rstrip("=")


def sign(prefix: str, payload: str) -> str:
    """A code for ``payload``, signed with the terminal's current key."""
    if not PREFIX.fullmatch(prefix) or not PAYLOAD.fullmatch(payload):
        raise ValidationError("code.cannot_sign", "a code needs an upper-case prefix and a "
                              "payload of letters, digits and _:+/=~- (got {prefix}.{payload})",
                              prefix=prefix[:20], payload=payload)
    ring = signing_keys.active()
    signature = _signature(ring.current_key, prefix, ring.current, payload)
    return f"{prefix}.{ring.current}.{payload}.{signature}"


def verify(code: object, prefix: str) -> str:
    """Return the payload of a genuine code with this prefix; raise ValidationError otherwise."""
    if not isinstance(code, str):
        raise ValidationError("code.not_patron", "this is not a code Patron issued")
    code = code.strip()
    if len(code) > MAX_LENGTH:
        raise ValidationError("code.too_long", "this code is too long ({length} characters) to "
                              "be one Patron issued", length=len(code))
    if not _PRINTABLE_ASCII.fullmatch(code):
        raise ValidationError("code.bad_characters", "this code contains characters Patron "
                              "codes never have")
    parts = code.split(".")
    if parts[0] != prefix or len(parts) not in (3, 4):
        raise ValidationError("code.not_patron", "this is not a code Patron issued")
    if len(parts) == 3:
        raise ValidationError("code.no_key_id", "this code was signed before key ids were "
                              "introduced; issue a new one")
    _, key_id, payload, signature = parts
    if not (signing_keys.KEY_ID.fullmatch(key_id) and PAYLOAD.fullmatch(payload)
            and SIGNATURE.fullmatch(signature)):
        raise ValidationError("code.malformed", "this code is damaged or mistyped")
    key = signing_keys.active().key(key_id)
    if key is None:
        raise ValidationError("code.unknown_key", "this code was signed with key {key_id}, which "
                              "this terminal does not know", key_id=key_id)
    if not hmac.compare_digest(signature, _signature(key, prefix, key_id, payload)):
        raise ValidationError("code.not_genuine", "this code is not genuine (signature does not "
                              "match)")
    return payload


def forget_secret() -> None:
    """Drop the cached signing keys (tests and re-binding to another database)."""
    signing_keys.forget()
