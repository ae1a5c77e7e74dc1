"""Turning an exception into a sentence a cashier can act on — never a traceback.

Domain errors (``app.errors.PatronError``) carry an English message meant for people; the
common ones are translated here. A database that cannot be reached is recognised by its
exception class (the UI imports no peewee) and reported as such.
"""

from __future__ import annotations

import re

from app.errors import PatronError
from app.privacy import mask_card_numbers
from ui.cashier.i18n import translate

_DB_ERROR_NAMES = {"OperationalError", "InterfaceError", "DatabaseError"}
_DB_MODULES = ("peewee", "psycopg2", "sqlite3", "playhouse")


def is_database_down(exc: BaseException) -> bool:
    """True when ``exc`` says the database did not answer (not a rule that was broken)."""
    for cls in type(exc).__mro__:
        if cls.__name__ in _DB_ERROR_NAMES and cls.__module__.split(".")[0] in _DB_MODULES:
            return True
    return isinstance(exc, ConnectionError | TimeoutError)


def _patterns() -> list[tuple[re.Pattern[str], str]]:
    return [
        (re.compile(r"^wrong PIN$"), translate("Errors", "Wrong PIN.")),
        (re.compile(r"^wrong manager PIN$"), translate("Errors", "Wrong manager PIN.")),
        (re.compile(r"^no active staff member with code '(.*)'$"),
         translate("Errors", "No active staff member with code {0}.")),
        (re.compile(r"^unknown barcode (.*)$"), translate("Errors", "Unknown barcode {0}.")),
        (re.compile(r"^no member with phone (.*)$"), translate("Errors", "No member with phone number {0}.")),
        (re.compile(r"^no member or card “(.*)”$"), translate("Errors", "No member or card {0}.")),
        (re.compile(r"^(.*) still to pay$"), translate("Errors", "{0} still to pay.")),
        (re.compile(r"^only a manager can approve this$"), translate("Errors", "Only a manager can approve this.")),
        (re.compile(r"^too many wrong manager PINs.*"),
         translate("Errors", "Too many wrong manager PINs; approval is locked for a while.")),
        (re.compile(r"^(.*) is locked after too many wrong PINs; try later$"),
         translate("Errors", "{0} is locked after too many wrong PINs; try later.")),
        (re.compile(r"^the cart is empty$"), translate("Errors", "The cart is empty.")),
        (re.compile(r"^identify the member before paying with points$"),
         translate("Errors", "Identify the member before paying with points.")),
        (re.compile(r"^the member holds (\d+) points, not (\d+)$"),
         translate("Errors", "The member holds {0} points, not {1}.")),
        (re.compile(r"^enter the card terminal's approval code$"),
         translate("Errors", "Enter the card terminal's approval code.")),
        (re.compile(r"^no sale with receipt number (.*)$"), translate("Errors", "No sale with receipt number {0}.")),
        (re.compile(r"^everything on this sale has already been refunded$"),
         translate("Errors", "Everything on this sale has already been refunded.")),
        (re.compile(r"^a sale can only be voided in the shift that made it$"),
         translate("Errors", "A sale can only be voided in the shift that made it.")),
        (re.compile(r"^this shift is closed; open a new shift to sell$"),
         translate("Errors", "This shift is closed; open a new shift to sell.")),
        (re.compile(r"^a mobile number has 11 digits; “(.*)” has (\d+)$"),
         translate("Errors", "A mobile number has 11 digits; {0} has {1}.")),
        (re.compile(r"^“(.*)” is not a mobile number.*$"),
         translate("Errors", "{0} is not a mobile number (it must start 13–19).")),
        (re.compile(r"^“(.*)” is not a phone number$"), translate("Errors", "{0} is not a phone number.")),
        (re.compile(r"^(.*) is sold by weight: put it on the scale$"),
         translate("Errors", "{0} is sold by weight: put it on the scale.")),
        (re.compile(r"^quantity above (\d+) is not allowed$"),
         translate("Errors", "A quantity above {0} is not allowed.")),
        (re.compile(r"^weight is above the scale's range$"), translate("Errors", "The weight is above the scale's range.")),
        (re.compile(r"^card (.*) already belongs to a member$"),
         translate("Errors", "Card {0} already belongs to a member.")),
        (re.compile(r"^this terminal already has an open shift.*$"),
         translate("Errors", "This terminal already has an open shift; close it first.")),
        (re.compile(r"^a manager cannot approve their own action$"),
         translate("Errors", "A manager cannot approve their own action.")),
    ]


def translate_message(message: str) -> str:
    for pattern, template in _patterns():
        m = pattern.match(message)
        if m:
            return template.format(*m.groups())
    return message[:1].upper() + message[1:] if message else message


def user_message(exc: BaseException) -> str:
    """One or two sentences for the banner."""
    if is_database_down(exc):
        return translate("Errors", "The database cannot be reached. Nothing was saved; "
                  "the cart is kept on this till. Try again in a moment.")
    if isinstance(exc, PatronError):
        return translate_message(str(exc))
    detail = mask_card_numbers(str(exc)) or type(exc).__name__  # masked before it is cut
    return translate("Errors", "Something went wrong ({0}). The cart is kept; try again or call "
              "the manager.").format(detail[:160])
