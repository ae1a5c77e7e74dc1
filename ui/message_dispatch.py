"""The outbox dispatcher on a terminal: every half minute, on its own worker thread.

A till or the back office whose config file sets up message providers ([messaging]) sends
the outbox itself, so a member's balance SMS leaves within a minute of the sale; a terminal
without providers runs nothing (another one, or cron's ``main.py --job messages``, sends).
Any number of terminals may run it at once: the dispatcher's claims keep each message to one
of them (app.messaging.dispatcher).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from ui.background_jobs import BackgroundJobs

FIRST_RUN_MS = 5_000  # soon after start-up: messages queued while the terminal was off
INTERVAL_MS = 30_000


def _dispatch() -> Any:
    from app.messaging import dispatcher, providers

    return dispatcher.dispatch(providers.configured())


def message_dispatch(parent: QObject | None = None, *, first_ms: int = FIRST_RUN_MS,
                     interval_ms: int = INTERVAL_MS) -> BackgroundJobs | None:
    """The timer-driven dispatcher, or None when this terminal has no message providers."""
    from app.messaging import providers

    if not providers.configured():
        return None
    # No operation timeout: a long queue over a slow mail server may take minutes, each send
    # bounded by the provider's own timeout; a tick that finds it still going is skipped.
    return BackgroundJobs(_dispatch, first_ms=first_ms, interval_ms=interval_ms, parent=parent,
                          name="messages", timeout_s=None)
