"""The walks the layout audits run: each size and language of a screenshot walk, once, in a
child process whose offscreen screen has that size (tests/layout_audit.py --walk), read back
as {scene: [problems]}."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
import screenshots  # noqa: E402

TS = REPO / "resources" / "i18n" / "patron_zh_CN.ts"
QM = TS.with_suffix(".qm")

Report = Callable[[str, str], dict[str, list[str]]]


def walk_reports(tmp_path_factory: pytest.TempPathFactory, walk: str | None,
                 sizes: dict, what: str, timeout: int = 300) -> Report:
    """``report(size, language)`` of ``walk`` (None: the till's), each walked on first use."""
    if not QM.exists() or QM.stat().st_mtime < TS.stat().st_mtime:
        subprocess.run([sys.executable, str(REPO / "scripts" / "build_translations.py"),
                        "--release-only"], check=True, capture_output=True)
    folder = tmp_path_factory.mktemp(f"{walk or 'till'}-audit")
    reports: dict[tuple[str, str], dict[str, list[str]]] = {}

    def report(size: str, lang: str) -> dict[str, list[str]]:
        if (size, lang) not in reports:
            out = folder / f"{size}-{lang}.json"
            env = screenshots.offscreen_env(sizes[size], folder)
            env["PATRON_HOME"] = str(folder / f"home-{size}-{lang}")
            done = subprocess.run(
                [sys.executable, str(REPO / "tests" / "layout_audit.py"),
                 *(["--walk", walk] if walk else []), "--size", size, "--lang", lang,
                 "--json", str(out)],
                env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout)
            if done.returncode or not out.exists():
                pytest.fail(f"{what} at {size} in {lang} failed:\n{done.stderr[-3000:]}")
            reports[size, lang] = json.loads(out.read_text(encoding="utf-8"))
        return reports[size, lang]

    return report
