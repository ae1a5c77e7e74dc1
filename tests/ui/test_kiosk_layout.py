"""The layout audit of the kiosk's scenes (scripts/screenshots_kiosk.py) at 1080×1920 portrait
and 1920×1080 landscape, in Chinese and English: nothing off screen, no overlaps, touch targets
of 64 px and more, no cut labels, no text of the other language apart from stored names. Each
size and language is walked once in a child process whose offscreen screen has that size."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

import screenshots_kiosk  # noqa: E402

from tests.layout_walks import walk_reports  # noqa: E402


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    """``walked(size, language)``: the audit report of that walk, made once per module."""
    return walk_reports(tmp_path_factory, "kiosk", screenshots_kiosk.SIZES, "the kiosk walk")


@pytest.mark.parametrize("lang", screenshots_kiosk.LANGUAGES)
@pytest.mark.parametrize("size", list(screenshots_kiosk.SIZES))
@pytest.mark.parametrize("scene", screenshots_kiosk.SCENES)
def test_kiosk_scene_fits_and_reads(walked, scene, size, lang):
    report = walked(size, lang)
    assert scene in report, f"the walk never showed {scene}"
    problems = report[scene]
    assert not problems, f"{scene} at {size} in {lang}, {len(problems)} problems:\n  " + \
        "\n  ".join(problems)
