"""The layout audit of every back-office page (ui/backoffice/pages.py, so pages added later
are audited too) at 1280×800 and 1920×1080, in Chinese and English: on screen, no overlaps,
no cut labels, no English on a Chinese screen apart from stored names and codes (and no
Chinese on an English one). Each size and language is walked once in a child process whose
offscreen screen has that size, as scripts/screenshots_backoffice.py does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
import screenshots  # noqa: E402
import screenshots_backoffice  # noqa: E402

from ui.backoffice.pages import PAGES  # noqa: E402

TS = REPO / "resources" / "i18n" / "patron_zh_CN.ts"
QM = TS.with_suffix(".qm")


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    if not QM.exists() or QM.stat().st_mtime < TS.stat().st_mtime:
        subprocess.run([sys.executable, str(REPO / "scripts" / "build_translations.py"),
                        "--release-only"], check=True, capture_output=True)
    folder = tmp_path_factory.mktemp("backoffice-audit")
    reports: dict[tuple[str, str], dict[str, list[str]]] = {}

    def report(size: str, lang: str) -> dict[str, list[str]]:
        if (size, lang) not in reports:
            out = folder / f"{size}-{lang}.json"
            env = screenshots.offscreen_env(screenshots_backoffice.SIZES[size], folder)
            env["PATRON_HOME"] = str(folder / f"home-{size}-{lang}")
            done = subprocess.run(
                [sys.executable, str(REPO / "tests" / "layout_audit.py"), "--walk",
                 "backoffice", "--size", size, "--lang", lang, "--json", str(out)],
                env=env, cwd=REPO, capture_output=True, text=True, timeout=300)
            if done.returncode or not out.exists():
                pytest.fail(f"the back-office walk at {size} in {lang} failed:\n"
                            f"{done.stderr[-3000:]}")
            reports[size, lang] = json.loads(out.read_text(encoding="utf-8"))
        return reports[size, lang]

    return report


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
