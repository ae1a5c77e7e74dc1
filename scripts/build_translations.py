"""Build the UI translations: extract the strings from ui/ into resources/i18n/*.ts
(pyside6-lupdate, existing translations kept) and compile them to .qm (pyside6-lrelease).

    uv run python scripts/build_translations.py               # update the .ts, then compile
    uv run python scripts/build_translations.py --release-only  # compile only (set-up, CI)
    uv run python scripts/build_translations.py --missing     # error codes still to translate

Besides the literal strings of ui/, every domain error raised in app/ becomes an entry of the
"Errors" context (source text = its English template, disambiguation = its code; see
scripts/error_catalogue.py): the UI translates errors by code (ui/errors.py). New entries
arrive unfinished for a translator; --missing lists them and exits 1 while any is left.
Strings that left the sources are dropped, except error codes: their translations stay as
"vanished" entries, so a code that comes back (a branch merged, a raise restored) comes back
translated.

The .ts files are the sources (edited by translators, committed); the .qm files are built.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import error_catalogue

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
    sites, _ = error_catalogue.scan()
    with tempfile.TemporaryDirectory() as tmp:
        # lupdate sees only literal strings: the error codes of app/ reach it as a generated
        # file of translate() calls, so it keeps their translations and marks new ones.
        errors = Path(tmp) / "app_errors.py"
        errors.write_text(error_catalogue.lupdate_source(sites), encoding="utf-8")
        subprocess.run([_tool("pyside6-lupdate"), *sources(), str(errors),
                        "-locations", "none", "-target-language", language,
                        "-ts", str(ts.relative_to(REPO))],
                       cwd=REPO, check=True)
    ts.write_text(error_catalogue.prune_vanished(ts.read_text(encoding="utf-8")),
                  encoding="utf-8")
    return ts


def report_missing() -> int:
    """Print each error code without a finished translation (and each raise without a code)."""
    sites, offenders = error_catalogue.scan()
    problems = [f"{language}: {line}" for language in LANGUAGES
                for line in error_catalogue.missing(sites, I18N / f"patron_{language}.ts")]
    problems += [f"no code: {o}" for o in offenders]
    sys.stdout.write("".join(f"{line}\n" for line in problems))
    sys.stdout.write(f"{len(error_catalogue.entries(sites))} error codes, "
                     f"{len(problems)} problems\n")
    return 1 if problems else 0


def release(language: str) -> Path:
    ts = I18N / f"patron_{language}.ts"
    qm = ts.with_suffix(".qm")
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True,
                   stdout=subprocess.DEVNULL)
    return qm


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--release-only", action="store_true", help="compile the .ts files only")
    p.add_argument("--missing", action="store_true",
                   help="list the error codes without a finished translation (exit 1 if any)")
    args = p.parse_args(argv)
    if args.missing:
        return report_missing()
    I18N.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        if not args.release_only:
            update(language)
        qm = release(language)
        print(f"{qm.relative_to(REPO)}: {qm.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
