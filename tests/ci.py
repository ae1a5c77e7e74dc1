"""Whether the tests run in CI, and the one way a test gives up when a tool is missing.

Locally a missing PostgreSQL or poppler is a skip, so a laptop without them can still run the
rest; in CI the same test must fail, or a green run could hide that it never ran.
"""

from __future__ import annotations

import os

import pytest

# Values CI services and people use to say "not CI" (GitHub sets CI=true; some set CI=1).
_FALSE = {"", "0", "false", "no", "off", "n", "f"}


def in_ci(environ: dict[str, str] | None = None) -> bool:
    """True when the CI variable is set to anything but an explicit false ("false", "0", "")."""
    value = (os.environ if environ is None else environ).get("CI")
    return value is not None and value.strip().lower() not in _FALSE


def skip_or_fail(reason: str) -> None:
    """Skip the test locally; fail it in CI, where every test must run."""
    if in_ci():
        pytest.fail(f"{reason} — CI must run this test", pytrace=False)
    pytest.skip(reason)


def require(condition: bool, reason: str) -> None:
    """Carry on when ``condition`` holds, else skip locally / fail in CI with ``reason``."""
    if not condition:
        skip_or_fail(reason)


def _skip_is_failure(report) -> None:
    """In CI a skipped test is a failed test, whoever skipped it (a fixture, a mark, an
    importorskip), so no test can go green by not running. Expected failures stay as they are."""
    if report.skipped and not hasattr(report, "wasxfail") and in_ci():
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in CI ({reason}); CI must run every test"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _skip_is_failure(outcome.get_result())
