"""Field checks shared by the organisation services: codes, names, regions, settlement
details, time zones. Each bad value is a coded ValidationError raised before anything is
written."""

from __future__ import annotations

import re
import zoneinfo
from functools import cache

from app.errors import ValidationError

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")
_REGION = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def code(value: str) -> str:
    """A merchant, store, terminal or staff code: letters, digits, . _ - (up to 32)."""
    value = (value or "").strip()
    if not _CODE.match(value):
        raise ValidationError("org.code_format",
                              "“{code}” is not a valid code: use 1 to 32 letters, digits, "
                              "dots, dashes or underscores, starting with a letter or digit",
                              code=value)
    return value


def name(value: str, limit: int = 200) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError("org.name_required", "a name is required")
    if len(value) > limit:
        raise ValidationError("org.name_too_long", "a name has at most {limit} characters",
                              limit=limit)
    return value


def optional_text(value: str, limit: int) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise ValidationError("org.text_too_long", "“{text}” is longer than {limit} characters",
                              text=value[:40], limit=limit)
    return value


def region(value: str, *, required: bool) -> str:
    """A region code (province, city or district), lower-case pinyin such as ``shanghai``:
    the kiosk matches offers on the store's region, so it must be spelled one way."""
    value = (value or "").strip().lower()
    if not value and not required:
        return ""
    if not _REGION.match(value):
        raise ValidationError("org.region_format",
                              "“{region}” is not a region code: use lower-case letters, digits "
                              "and dashes, e.g. shanghai", region=value)
    return value


def account_number(value: str) -> str:
    """A settlement bank account number: 8 to 34 digits (spaces allowed when typed)."""
    value = re.sub(r"[\s-]", "", value or "")
    if value and not (value.isdigit() and 8 <= len(value) <= 34):
        raise ValidationError("org.account_number_format",
                              "a settlement account number is 8 to 34 digits")
    return value


def masked_account(value: str) -> str:
    """An account number as screens and audit rows show it: the last four digits."""
    return "" if not value else "*" * 4 + value[-4:]


def email(value: str) -> str:
    value = (value or "").strip()
    if value and (len(value) > 254 or not _EMAIL.match(value)):
        raise ValidationError("org.email_format", "“{email}” is not an e-mail address",
                              email=value)
    return value


def currency(value: str) -> str:
    value = (value or "").strip().upper()
    if not _CURRENCY.match(value):
        raise ValidationError("org.currency_format",
                              "“{currency}” is not a currency code such as CNY",
                              currency=value)
    return value


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def timezone(value: str) -> str:
    value = (value or "").strip()
    if value not in _zones():
        raise ValidationError("org.bad_timezone",
                              "“{timezone}” is not a time zone such as Asia/Shanghai",
                              timezone=value)
    return value


def timezones() -> list[str]:
    """The time zones a store may use (for the edit dialog's list)."""
    return sorted(_zones())
