"""The layering rules of DESIGN.md and the lint rules run with the tests."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)


def _tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def test_import_contracts_hold():
    """app/ has no Qt, hardware/ no domain, ui/ no ORM (import-linter, from pyproject.toml)."""
    result = _run(_tool("lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_is_clean():
    result = _run(_tool("ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ui_runs_no_queries():
    """Model query methods never appear in ui/ (import-linter sees imports, not calls)."""
    # Model.select(...), Model.get_or_none(...), query.execute(), raw SQL
    pattern = re.compile(r"\b[A-Z]\w*\.(select|get_or_none|get_by_id|create|delete|"
                         r"insert|insert_many)\(|\.execute\(\)|execute_sql\(")
    offenders = [
        f"{path.relative_to(REPO)}:{n}: {line.strip()}"
        for path in (REPO / "ui").rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_app_never_imports_qt_even_indirectly():
    code = (
        "import sys, importlib, pkgutil, app\n"
        "for m in pkgutil.walk_packages(app.__path__, 'app.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'hardware', 'ui'))]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
