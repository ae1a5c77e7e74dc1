"""What a point is worth when paying. How many points a sale earns is app.loyalty.rules."""

from __future__ import annotations

from app import fixed_sql

POINT_VALUE_KEY = "point_value_minor"


def point_value_minor() -> int:
    """What one point is worth when paying, in minor units (coalition-wide setting)."""
    row = fixed_sql.execute('SELECT value FROM setting WHERE "key" = ?',
                            (POINT_VALUE_KEY,)).fetchone()
    return point_value_of(row[0] if row else None)


def point_value_of(stored: str | None) -> int:
    """The point's value from the setting's stored text (None: not set), for a caller that
    read the setting with its own query (checkout reads it with its first one)."""
    return int(stored) if stored is not None else 1
