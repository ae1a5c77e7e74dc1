"""The layout audit of every back-office page (ui/backoffice/pages.py, so pages added later
are audited too) at 1280×800 and 1920×1080, in Chinese and English: on screen, no overlaps,
no cut labels, no English on a Chinese screen apart from stored names and codes (and no
Chinese on an English one). Each size and language is walked once in a child process whose
offscreen screen has that size, as scripts/screenshots_backoffice.py does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

import screenshots_backoffice  # noqa: E402

from tests.layout_walks import walk_reports  # noqa: E402
from ui.backoffice.pages import PAGES  # noqa: E402


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    """``walked(size, language)``: the audit report of that walk, made once per module."""
    return walk_reports(tmp_path_factory, "backoffice", screenshots_backoffice.SIZES,
                        "the back-office walk")


@pytest.mark.parametrize("lang", screenshots_backoffice.LANGUAGES)
@pytest.mark.parametrize("size", list(screenshots_backoffice.SIZES))
@pytest.mark.parametrize("page", [spec.key for spec in PAGES])
def test_backoffice_page_fits_and_reads(walked, page, size, lang):
    report = walked(size, lang)
    assert page in report, f"the walk never showed {page}"
    problems = report[page]
    assert not problems, f"{page} at {size} in {lang}, {len(problems)} problems:\n  " + \
        "\n  ".join(problems)


def test_the_audit_finds_english_on_a_chinese_backoffice_page(qtbot):
    """The desktop audit is not blind: an untranslated label on a Chinese page is reported."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from tests.layout_audit import audit_desktop

    top = QWidget()
    qtbot.addWidget(top)
    layout = QVBoxLayout(top)
    layout.addWidget(QLabel("商户"))
    layout.addWidget(QLabel("Register merchant"))
    top.resize(400, 200)
    top.show()
    problems = audit_desktop([top], "zh_CN", QRect(0, 0, 1280, 800), set())
    assert any("Register merchant" in p for p in problems)
    assert not any("商户" in p for p in problems)
