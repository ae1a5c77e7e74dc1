"""Turning an exception into a sentence a user can act on, in the UI language — never a
traceback.

A domain error (``app.errors.PatronError``) is translated by its code: the Qt translations
hold one "Errors" entry per code (source text = the English template, disambiguation = the
code; scripts/build_translations.py collects them from app/), and the translation is filled
with the error's params by name. In English the template itself is shown as a sentence.

A database error is sorted by ``app.db.classify`` (unreachable / refused / conflict): only an
unreachable database is "offline"; a refused or conflicting write is a clear refusal, and the
till stays online. An operation that timed out in the UI worker counts as unreachable.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

import app.db
from app.errors import PatronError
from app.privacy import mask_card_numbers
from ui.domain_words import readable_params

CONTEXT = "Errors"

# A rule the database enforced (a unique key, a trigger, a permission) is not an outage.
def database_problem(exc: BaseException) -> str | None:
    """"unreachable", "refused", "conflict" or None (not a database error)."""
    if isinstance(exc, PatronError):
        return None
    kind = app.db.classify(exc)
    if kind is None and isinstance(exc, ConnectionError | TimeoutError):
        return "unreachable"
    return kind


def is_database_down(exc: BaseException) -> bool:
    """True when ``exc`` says the database did not answer (not a rule that was broken)."""
    return database_problem(exc) == "unreachable"


def sentence(text: str) -> str:
    """An English lower-case template as a sentence: capitalised, with a full stop."""
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text[-1] in ".!?…。" else text + "."


def _fill(text: str, params: Mapping[str, Any]) -> str | None:
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError):
        return None


def domain_message(exc: PatronError) -> str:
    """The error in the UI language, looked up by its code and filled with its params."""
    english = sentence(exc.template)
    translated = QCoreApplication.translate(CONTEXT, exc.template, exc.code)
    text = english if translated == exc.template else translated
    # A translation whose fields do not match the params falls back to the English message.
    params = readable_params(exc.code, exc.params)
    return _fill(text, params) or _fill(english, params) or sentence(exc.message)


def translate_message(message: str) -> str:
    """A bare English message (no code) as a sentence. Prefer ``user_message(exc)``."""
    return sentence(message)


def user_message(exc: BaseException) -> str:
    """One or two sentences for the banner."""
    if isinstance(exc, PatronError):
        return domain_message(exc)
    problem = database_problem(exc)
    if problem == "unreachable":
        return QCoreApplication.translate(
            "Errors", "The database cannot be reached. Nothing was saved; the cart is kept on "
            "this till. Try again in a moment.")
    if problem == "conflict":
        return QCoreApplication.translate(
            "Errors", "Someone else changed the same record at the same moment; nothing was "
            "saved. Try again.")
    if problem == "refused":
        return QCoreApplication.translate(
            "Errors", "The database refused this change; nothing was saved. Call the manager.")
    detail = mask_card_numbers(str(exc)) or type(exc).__name__
    return QCoreApplication.translate(
        "Errors", "Something went wrong ({0}). The cart is kept; try again or call the "
        "manager.").format(detail[:160])
