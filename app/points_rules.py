"""What a point is worth when paying. How many points a sale earns is app.loyalty.rules."""

from __future__ import annotations

from app import fixed_sql


def point_value_minor() -> int:
    """What one point is worth when paying, in minor units (coalition-wide setting)."""
    row = fixed_sql.execute('SELECT value FROM setting WHERE "key" = ?',
                            ("point_value_minor",)).fetchone()  # on every sale's path
    return int(row[0]) if row else 1
