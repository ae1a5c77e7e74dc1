"""Errors the domain raises. Errors are data: each carries a stable ``code`` and ``params``.

    raise ValidationError("cart.empty", "the cart is empty")
    raise InsufficientPoints("points.insufficient",
                             "the member holds {held} points, not {wanted}", held=5, wanted=9)

The English ``template`` is the message for logs, scripts and the English UI; windows look
the code up in the Qt translations ("Errors" context, the template as source text, the code
as disambiguation) and format the translation with the same ``params`` (ui/errors.py). A test
fails when a code raised in ``app/`` has no finished zh_CN translation: after adding one, run
``uv run python scripts/build_translations.py`` (the code arrives unfinished in the .ts),
translate it, and check with ``--missing``. Keep the code and template literal (the build
reads them from the source) and name every field; one code has one template.

Text parameters are masked on the way in: anything that looks like a payment-card number
never reaches a message, a banner or a log line (app.privacy).
"""

from __future__ import annotations

from typing import Any

from app.privacy import mask_card_numbers


class PatronError(Exception):
    """Base of every expected, user-facing domain error."""

    def __init__(self, code: str, template: str = "", /, **params: Any) -> None:
        if not template:  # a bare message (legacy call sites): no stable code yet
            code, template = "unspecified", code
        self.code = code
        self.template = mask_card_numbers(template)
        self.params = {k: mask_card_numbers(v) if isinstance(v, str) else v
                       for k, v in params.items()}
        super().__init__(self.message)

    @property
    def message(self) -> str:
        try:
            return self.template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.template

    def __reduce__(self):  # picklable across process boundaries (tests, workers)
        return (_rebuild, (type(self), self.code, self.template, self.params))


def _rebuild(cls: type[PatronError], code: str, template: str, params: dict) -> PatronError:
    return cls(code, template, **params)


class ValidationError(PatronError):
    """Input was malformed (a barcode, a phone number, a quantity...)."""


class NotFound(PatronError):
    """A looked-up thing (product, member, card, sale) does not exist."""


class PermissionDenied(PatronError):
    """The staff member may not do this, the approval failed, or the data is outside the
    caller's merchant or store scope."""


class InsufficientPoints(PatronError):
    """A member tried to spend more points than they hold."""


class InsufficientFunds(PatronError):
    """A member tried to pay more stored-value (wallet) money than the wallet holds."""


class AlreadyRedeemed(PatronError):
    """A one-time code (point code, coupon, order token, approval) was used before."""


class IdempotencyConflict(PatronError):
    """A client key was replayed with a different payload: the first operation stands and
    the new one is refused (never silently dropped)."""


class Conflict(PatronError):
    """The data changed under the caller (a concurrent refund, a closed shift...)."""


class ConfigError(PatronError):
    """The terminal's configuration file is missing, unreadable or inconsistent."""
