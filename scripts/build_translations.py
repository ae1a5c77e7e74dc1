"""Build the UI translations: extract the strings from ui/ into resources/i18n/*.ts
(pyside6-lupdate, existing translations kept) and compile them to .qm (pyside6-lrelease).

    uv run python scripts/build_translations.py               # update the .ts, then compile
    uv run python scripts/build_translations.py --release-only  # compile only (set-up, CI)

The .ts files are the sources (edited by translators, committed); the .qm files are built.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
I18N = REPO / "resources" / "i18n"
LANGUAGES = ("zh_CN",)


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 (uv sync)")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(REPO)) for p in (REPO / "ui").rglob("*.py"))


def update(language: str) -> Path:
    ts = I18N / f"patron_{language}.ts"
    subprocess.run([_tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none",
                    "-target-language", language, "-ts", str(ts.relative_to(REPO))],
                   cwd=REPO, check=True)
    return ts


def release(language: str) -> Path:
    ts = I18N / f"patron_{language}.ts"
    qm = ts.with_suffix(".qm")
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True,
                   stdout=subprocess.DEVNULL)
    return qm


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--release-only", action="store_true", help="compile the .ts files only")
    args = p.parse_args(argv)
    I18N.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        if not args.release_only:
            update(language)
        qm = release(language)
        print(f"{qm.relative_to(REPO)}: {qm.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
