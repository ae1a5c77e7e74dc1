"""The screen's size factor and the theme scaled by it (ui/widgets/scaling.py)."""

from __future__ import annotations

import pytest

from ui.widgets.scaling import factor_for, scale_stylesheet


@pytest.mark.parametrize(("size", "expected"), [
    ((1024, 768), 1.0),      # the size the theme is drawn for
    ((800, 600), 1.0),       # never smaller than drawn: touch targets stay >= 48 px
    ((1920, 1080), 1.406),   # the height is the tighter dimension
    ((1280, 1024), 1.25),    # a 5:4 screen: the width is
    ((3840, 2160), 1.6),     # capped
])
def test_factor_follows_the_tighter_dimension(size, expected):
    assert factor_for(*size) == pytest.approx(expected, abs=0.001)


def test_theme_scales_type_and_targets_but_not_hairlines():
    qss = ("QPushButton { min-height: 48px; padding: 0px 14px; border: 1px solid #b8c2d0; "
           "font-size: 16px; margin: -2px; }\nQLabel#x { border: 2px solid red; }")
    scaled = scale_stylesheet(qss, 1.5)
    assert "min-height: 72px" in scaled and "font-size: 24px" in scaled
    assert "padding: 0px 21px" in scaled
    assert "border: 1px solid" in scaled and "border: 2px solid" in scaled
    assert "margin: -2px" in scaled
    assert scale_stylesheet(qss, 1.0) == qss
