"""One size factor for the whole UI, taken from the screen the window opens on.

The theme and the widgets are drawn for a 1024×768 till; on a larger screen type and touch
targets grow with the available height (and width), so a 1920×1080 till is not a small till
in the middle of a big screen. The factor is a plain module value: the theme (``ui.app``)
sets it once per screen and widgets ask ``px()`` for their sizes.
"""

from __future__ import annotations

import re

BASE_WIDTH, BASE_HEIGHT = 1024, 768
MAX_FACTOR = 1.6
# borders and hairlines (1–3 px) keep their width; type, padding and targets scale
_PX = re.compile(r"(?<![\w.-])(\d+)px")
_SMALLEST_SCALED = 4

_factor = 1.0


def factor_for(width: int, height: int) -> float:
    """The factor for an available screen area: 1.0 at 1024×768 and below, growing with the
    tighter of the two dimensions, capped so a wall screen does not get fist-sized keys."""
    if width <= 0 or height <= 0:
        return 1.0
    grow = min(width / BASE_WIDTH, height / BASE_HEIGHT)
    return round(max(1.0, min(MAX_FACTOR, grow)), 3)


def factor() -> float:
    return _factor


def set_factor(value: float) -> None:
    global _factor
    _factor = max(1.0, min(MAX_FACTOR, value))


def px(base: int) -> int:
    """``base`` pixels at 1024×768, scaled to the current screen."""
    return round(base * _factor)


def scale_stylesheet(qss: str, value: float) -> str:
    """The style sheet with every size of 4 px and more multiplied by ``value``."""
    if value == 1.0:
        return qss

    def scaled(match: re.Match[str]) -> str:
        n = int(match.group(1))
        return f"{round(n * value) if n >= _SMALLEST_SCALED else n}px"

    return _PX.sub(scaled, qss)
