"""The layout audit of the kiosk's scenes (scripts/screenshots_kiosk.py) at 1080×1920 portrait
and 1920×1080 landscape, in Chinese and English: nothing off screen, no overlaps, touch targets
of 64 px and more, no cut labels, no text of the other language apart from stored names. Each
size and language is walked once in a child process whose offscreen screen has that size."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
import screenshots  # noqa: E402
import screenshots_kiosk  # noqa: E402

TS = REPO / "resources" / "i18n" / "patron_zh_CN.ts"
QM = TS.with_suffix(".qm")


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    if not QM.exists() or QM.stat().st_mtime < TS.stat().st_mtime:
        subprocess.run([sys.executable, str(REPO / "scripts" / "build_translations.py"),
                        "--release-only"], check=True, capture_output=True)
    folder = tmp_path_factory.mktemp("kiosk-audit")
    reports: dict[tuple[str, str], dict[str, list[str]]] = {}

    def report(size: str, lang: str) -> dict[str, list[str]]:
        if (size, lang) not in reports:
            out = folder / f"{size}-{lang}.json"
            env = screenshots.offscreen_env(screenshots_kiosk.SIZES[size], folder)
            env["PATRON_HOME"] = str(folder / f"home-{size}-{lang}")
            done = subprocess.run(
                [sys.executable, str(REPO / "tests" / "layout_audit.py"), "--walk", "kiosk",
                 "--size", size, "--lang", lang, "--json", str(out)],
                env=env, cwd=REPO, capture_output=True, text=True, timeout=300)
            if done.returncode or not out.exists():
                pytest.fail(f"the kiosk walk at {size} in {lang} failed:\n{done.stderr[-3000:]}")
            reports[size, lang] = json.loads(out.read_text(encoding="utf-8"))
        return reports[size, lang]

    return report


@pytest.mark.parametrize("lang", screenshots_kiosk.LANGUAGES)
@pytest.mark.parametrize("size", list(screenshots_kiosk.SIZES))
@pytest.mark.parametrize("scene", screenshots_kiosk.SCENES)
def test_kiosk_scene_fits_and_reads(walked, scene, size, lang):
    report = walked(size, lang)
    assert scene in report, f"the walk never showed {scene}"
    problems = report[scene]
    assert not problems, f"{scene} at {size} in {lang}, {len(problems)} problems:\n  " + \
        "\n  ".join(problems)
