"""What a point is worth when paying. How many points a sale earns is app.loyalty.rules."""

from __future__ import annotations

from app.models import Setting


def point_value_minor() -> int:
    """What one point is worth when paying, in minor units (coalition-wide setting)."""
    row = Setting.get_or_none(Setting.key == "point_value_minor")
    return int(row.value) if row else 1
