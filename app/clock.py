"""Time in one place: every stored time is naive UTC; people read it in their store's zone.

A store has one IANA time zone (``Store.timezone``). Receipts, X/Z reports, the sales history
and the status-bar clock all convert through :func:`to_store_time`, so a sale rung up at
09:30 in Shanghai reads 09:30 everywhere, whatever the machine's own clock zone is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Asia/Shanghai"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


_pinned: datetime | None = None


def utcnow() -> datetime:
    if _pinned is not None:
        return _pinned
    return datetime.now(UTC).replace(tzinfo=None)


@contextmanager
def pinned_at(when: datetime) -> Iterator[None]:
    """Within the block, :func:`utcnow` is ``when`` (naive UTC). For building history through
    the real services (the demo's past weeks of sales) and for tests; never used by a till."""
    global _pinned
    before, _pinned = _pinned, when
    try:
        yield
    finally:
        _pinned = before


def store_timezone(store: object) -> str:
    """The store's IANA time zone: its own ``timezone`` if valid, else Asia/Shanghai."""
    name = getattr(store, "timezone", "") or DEFAULT_TIMEZONE
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return DEFAULT_TIMEZONE
    return str(name)


def to_store_time(utc_naive: datetime, timezone: str) -> datetime:
    """A stored naive-UTC time as an aware time in the store's zone."""
    return utc_naive.replace(tzinfo=UTC).astimezone(ZoneInfo(timezone))


def store_now(timezone: str) -> datetime:
    """Now, in the store's zone (the status-bar clock)."""
    return to_store_time(utcnow(), timezone)


def store_time_text(utc_naive: datetime | None, timezone: str, fmt: str = TIME_FORMAT) -> str:
    """A stored UTC time as the store's local wall-clock text; "—" for no time."""
    if utc_naive is None:
        return "—"
    return to_store_time(utc_naive, timezone).strftime(fmt)
