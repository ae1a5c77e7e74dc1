"""Slowing down guessing: refused codes (point codes, coupons) are counted per terminal and per
member in the database, so every process and terminal sees the same count. After ``FREE``
refusals within ``WINDOW`` the scope must wait ``PAUSE`` after its last refusal; each further
refusal doubles the pause (up to ``MAX_PAUSE``). The coalition setting ``code_attempts_free``
changes ``FREE``."""

from __future__ import annotations

from datetime import timedelta

from app.clock import utcnow
from app.db import write_tx
from app.errors import PermissionDenied
from app.models import AttemptFailure, Setting

FREE = 5
WINDOW = timedelta(minutes=10)
PAUSE = timedelta(seconds=30)
MAX_PAUSE = timedelta(minutes=15)


def _free() -> int:
    row = Setting.get_or_none(Setting.key == "code_attempts_free")
    try:
        return max(1, int(row.value)) if row else FREE
    except ValueError:
        return FREE


def _pause(failures: int, free: int) -> timedelta:
    return min(PAUSE * 2 ** min(max(0, failures - free), 10), MAX_PAUSE)


def check(*scopes: str) -> None:
    """Refuse (``throttle.slow_down``) while any scope must wait."""
    now = utcnow()
    free = _free()
    for scope in scopes:
        recent = list(AttemptFailure.select(AttemptFailure.at)
                      .where((AttemptFailure.scope == scope) & (AttemptFailure.at > now - WINDOW))
                      .order_by(AttemptFailure.at.desc()).limit(free + 10).tuples())
        if len(recent) < free:
            continue
        wait = recent[0][0] + _pause(len(recent), free) - now
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
