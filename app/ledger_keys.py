"""Idempotency keys of ledger movements: one namespace per source, and the request's fingerprint.

A key names one movement for ever. It starts with its source's prefix (``sale:…``,
``refund:…``, ``expire:…``, ``adjust:…``), so a sale's key can never collide with a refund's or
an expiry's, whatever the caller puts after the prefix. The fingerprint (``Transfer.request_hash``)
records what the key was first asked to do; replaying the key with the same request returns
the first transfer, with another request it is refused.
"""

from __future__ import annotations

import hashlib
import json

from app.errors import ValidationError

# source → the prefix its keys carry (the text before the first ':').
KEY_PREFIXES = {
    "sale": "sale",
    "refund": "refund",
    "expiry": "expire",
    "adjustment": "adjust",
    "registration": "registration",
    "code": "code",
    "coupon": "coupon",
    "feedback": "feedback",
    "guide": "guide",
    "settlement": "settlement",
    "reward": "reward",  # a reward bought with points (app.rewards.catalogue)
    "wallet": "wallet",  # points converted into wallet money (app.rewards.wallet)
    "partner": "partner",  # points converted to a partner's money (app.rewards.partners)
}


def check_key(key: str, source: str) -> None:
    """Refuse a key outside its source's namespace (or a source the ledger does not know)."""
    prefix = KEY_PREFIXES.get(source)
    if prefix is None:
        raise ValidationError("ledger.unknown_source", "points cannot come from a {source}",
                              source=source)
    if not isinstance(key, str) or not key.startswith(prefix + ":") or len(key) <= len(prefix) + 1:
        raise ValidationError("ledger.key_namespace",
                              "the key {key} of a {source} movement must start with {prefix}:",
                              key=str(key), source=source, prefix=prefix)


def fingerprint(debit_key: str, credit_key: str, amount: int, source: str,
                reverses: int | None = None) -> str:
    """SHA-256 hex of the request's canonical JSON: the accounts by owner key (stable across
    terminals), the amount asked for, the source and, for a reversal, the transfer reversed."""
    payload: dict[str, object] = {"debit": debit_key, "credit": credit_key, "amount": amount,
                                  "source": source}
    if reverses is not None:
        payload["reverses"] = reverses
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
