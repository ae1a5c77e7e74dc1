"""Errors the domain raises. Each carries a message fit to show a cashier or shopper."""

from __future__ import annotations


class PatronError(Exception):
    """Base of every expected, user-facing domain error."""


class ValidationError(PatronError):
    """Input was malformed (a barcode, a phone number, a quantity...)."""


class NotFound(PatronError):
    """A looked-up thing (product, member, card, sale) does not exist."""


class PermissionDenied(PatronError):
    """The staff member may not do this, or the manager approval failed."""


class InsufficientPoints(PatronError):
    """A member tried to spend more points than they hold."""


class AlreadyRedeemed(PatronError):
    """A one-time code (point code, coupon, order token) was used before."""


class ConfigError(PatronError):
    """The terminal's configuration file is missing, unreadable or inconsistent."""
