"""Slowing down guessing: refused codes (point codes, coupons) are counted per terminal and per
member in the database, so every process and terminal sees the same count. After ``FREE``
refusals within ``WINDOW`` the scope must wait ``PAUSE`` after its last refusal; each further
refusal doubles the pause (up to ``MAX_PAUSE``). The coalition setting ``code_attempts_free``
changes ``FREE``."""

from __future__ import annotations

from datetime import datetime, timedelta

from app import fixed_sql
from app.clock import utcnow
from app.db import write_tx
from app.errors import PermissionDenied
from app.models import AttemptFailure

FREE = 5
WINDOW = timedelta(minutes=10)
PAUSE = timedelta(seconds=30)
MAX_PAUSE = timedelta(minutes=15)


def _pause(failures: int, free: int) -> timedelta:
    return min(PAUSE * 2 ** min(max(0, failures - free), 10), MAX_PAUSE)


def _recent(scopes: tuple[str, ...], since: datetime) -> list[tuple[str, int, object, object]]:
    """(scope, refusals since ``since``, the last one, the ``code_attempts_free`` setting) of
    each scope with any: one statement whatever the number of scopes (a redemption checks
    two on its hot path), and none of the setting's cost when nothing was refused."""
    return list(fixed_sql.execute(*recent_query(scopes, since)).fetchall())


def recent_query(scopes: tuple[str, ...], since: datetime) -> tuple[str, tuple]:
    """The statement (``?`` placeholders) and parameters that read what :func:`judge` needs,
    for a caller that reads it together with its own rows (a coupon at the till)."""
    marks = ", ".join(["?"] * len(scopes))
    sql = (f'SELECT f.scope, COUNT(*), MAX(f.at), (SELECT s.value FROM setting s WHERE s."key" = '
           f'?) FROM attempt_failure f WHERE f.scope IN ({marks}) AND f.at > ? GROUP BY f.scope')
    return sql, ("code_attempts_free", *scopes, since)


def _setting(value: object) -> int:
    try:
        return max(1, int(value)) if value is not None else FREE  # type: ignore[call-overload]
    except ValueError:
        return FREE


def check(*scopes: str) -> None:
    """Refuse (``throttle.slow_down``) while any scope must wait. The count is read from the
    database every time (other processes' refusals count too)."""
    if not scopes:
        return
    now = utcnow()
    judge(_recent(scopes, now - WINDOW), now)


def judge(recent: list[tuple[str, int, object, object]], now: datetime) -> None:
    """:func:`check` on rows :func:`recent_query` read (since ``now - WINDOW``)."""
    at_field = AttemptFailure.at
    for _scope, count, last, setting in recent:
        free = _setting(setting)
        if count < free:
            continue
        wait = at_field.python_value(last) + _pause(count, free) - now
        if wait > timedelta(0):
            raise PermissionDenied("throttle.slow_down", "too many codes were refused here; "
                                   "try again in {seconds} seconds",
                                   seconds=int(wait.total_seconds()) + 1)


def failed(*scopes: str, terminal: int | None = None) -> None:
    """Count a refusal for each scope, in its own transaction (the refused operation wrote
    nothing, but this must stay)."""
    with write_tx():
        for scope in scopes:
            AttemptFailure.create(scope=scope, terminal=terminal)


def scopes(terminal_id: int | None, member_id: int | None = None) -> tuple[str, ...]:
    out = []
    if terminal_id is not None:
        out.append(f"terminal:{terminal_id}")
    if member_id is not None:
        out.append(f"member:{member_id}")
    return tuple(out)
