"""The CI switch: `CI=false` is not CI, and in CI a skipped test fails instead of going green."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ci import in_ci

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("value", ["true", "True", "1", "yes", "github-actions"])
def test_ci_values_mean_ci(value):
    assert in_ci({"CI": value})


@pytest.mark.parametrize("value", ["false", "FALSE", "0", "", " ", "no", "off"])
def test_false_values_mean_not_ci(value):
    assert not in_ci({"CI": value})


def test_no_variable_is_not_ci():
    assert not in_ci({})


SKIPPING = '''
import pytest
from tests.ci import require

def test_skips_by_call():
    pytest.skip("no frobnicator")

@pytest.mark.skipif(True, reason="no widget")
def test_skips_by_mark():
    pass

@pytest.fixture
def tool():
    require(False, "tool missing")

def test_skips_in_fixture(tool):
    pass

def test_importorskip():
    pytest.importorskip("no_such_module_patron")

@pytest.mark.xfail(reason="known", strict=True)
def test_expected_failure():
    assert False

def test_runs():
    assert True
'''


def _run_pytest(tmp_path, ci_value: str | None) -> subprocess.CompletedProcess:
    (tmp_path / "test_skipping.py").write_text(SKIPPING)
    (tmp_path / "conftest.py").write_text(
        "from tests.ci import pytest_runtest_makereport  # noqa: F401\n")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci_value is not None:
        env["CI"] = ci_value
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "--rootdir", str(tmp_path), str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def test_in_ci_every_skip_fails(tmp_path):
    run = _run_pytest(tmp_path, "true")
    assert run.returncode == 1, run.stdout + run.stderr
    # a skip while setting up (mark, fixture) reports as an error, in the call as a failure
    assert "2 failed, 1 passed, 1 xfailed, 2 errors" in run.stdout, run.stdout
    assert "CI must run" in run.stdout


@pytest.mark.parametrize("ci_value", [None, "false", "0", ""])
def test_outside_ci_skips_stay_skips(tmp_path, ci_value):
    run = _run_pytest(tmp_path, ci_value)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed, 4 skipped, 1 xfailed" in run.stdout, run.stdout
