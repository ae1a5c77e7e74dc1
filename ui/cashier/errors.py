"""Moved to ui/errors.py (shared by every role); kept so older imports still work."""

from ui.errors import (  # noqa: F401
    database_problem,
    domain_message,
    is_database_down,
    translate_message,
    user_message,
)
