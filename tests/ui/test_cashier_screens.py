"""The window on the screen it opens on: it fits the available area (or takes the whole screen
when configured fullscreen), and type and touch targets grow with the screen. Each screen size
is its own process (tests/ui/screen_process.py): the offscreen platform's screen is fixed per
process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def run_till(tmp_path, url: str, size: tuple[int, int], language: str = "en",
             *flags: str) -> subprocess.CompletedProcess:
    config = tmp_path / f"screen_{size[0]}x{size[1]}.json"
    config.write_text(json.dumps({"screens": [{
        "name": "till", "x": 0, "y": 0, "width": size[0], "height": size[1],
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "PATRON_HOME": str(tmp_path / "home")}
    args = [sys.executable, str(HERE / "screen_process.py"), url, str(tmp_path / "state"),
            language, *flags]
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)


def open_on_screen(tmp_path, url: str, size: tuple[int, int], language: str = "en",
                   fullscreen: bool = False) -> dict:
    done = run_till(tmp_path, url, size, language, *(["fullscreen"] if fullscreen else []))
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    return json.loads(lines[-1])


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_window_fits_a_1024x768_screen(seeded_url, tmp_path, language):
    seen = open_on_screen(tmp_path, seeded_url, (1024, 768), language)
    x, y, w, h = seen["frame"]
    sx, sy, sw, sh = seen["screen"]
    assert sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh, seen
    assert not seen["outside"], f"widgets off screen: {seen['outside']}"
    assert not seen["fullscreen"]
    # a notice shows (an unknown barcode): the bar stays one touch target tall and the cart
    # keeps room for more than five lines
    assert seen["banner"][0] and seen["banner"][1] <= 56, seen["banner"]
    assert seen["cart_rows_visible"] >= 5.5, seen
    assert min(seen["remove_member"]) >= 48, seen["remove_member"]


def test_window_goes_fullscreen_by_config(seeded_url, tmp_path):
    seen = open_on_screen(tmp_path, seeded_url, (1024, 768), fullscreen=True)
    assert seen["fullscreen"]
    assert seen["frame"] == [0, 0, 1024, 768]
    assert not seen["outside"]


def test_type_and_targets_grow_on_a_1920x1080_screen(seeded_url, tmp_path):
    small = open_on_screen(tmp_path, seeded_url, (1024, 768))
    large = open_on_screen(tmp_path, seeded_url, (1920, 1080))
    assert large["frame"][2:] == [1920, 1080]
    assert not large["outside"]
    for what, size in large["font_px"].items():
        assert size >= small["font_px"][what] * 1.3, (what, small["font_px"], large["font_px"])
    assert large["font_px"]["status"] >= 18
    assert large["pay_height"] >= small["pay_height"] * 1.3
    assert large["row_height"] >= small["row_height"] * 1.3
    # the product tiles use the room instead of leaving most of the panel empty: larger, and
    # a short category's tiles grow taller (the seeded category has two products)
    count, _, tile_height, _, _ = large["tiles"]
    assert count == 2 and tile_height >= small["tiles"][2] * 1.3, json.dumps(large)
    assert large["tiles_filled"] >= 0.5, json.dumps(large)


def test_quit_ends_the_app_while_the_sign_in_is_open(seeded_url, tmp_path):
    done = run_till(tmp_path, seeded_url, (1024, 768), "en", "quit")
    assert "REFUSED" not in done.stdout, "QApplication.quit() was refused by the sign-in"
    assert done.returncode == 0, done.stderr[-3000:]
