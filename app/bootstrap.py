"""Opening the terminal's database at start-up (and seeding the demo coalition)."""

from __future__ import annotations

import peewee as pw

from app.db import bind


def redact(url: str) -> str:
    """A database URL fit for a log line or a status bar: no password."""
    if "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    return f"{scheme}://…@{rest.split('@', 1)[1]}"


def open_database(url: str, *, demo: bool) -> tuple[bool, str]:
    """Bind the models to ``url`` and migrate; with ``demo``, seed an empty database."""
    try:
        bind(url)
    except (pw.OperationalError, pw.InterfaceError, OSError, ValueError) as exc:
        return False, f"cannot open database {redact(url)}: {exc}".strip()
    if demo:
        from app.models import Terminal

        if not Terminal.select().exists():
            from app.demo import seed_demo

            seed_demo()
    return True, redact(url)
