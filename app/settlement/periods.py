"""Settlement periods: weekly (Monday to Monday) or monthly, per coalition setting, in the
coalition's time zone.

Settings (``Setting`` rows): ``settlement_period`` = ``weekly`` | ``monthly`` (default
monthly) and ``coalition_timezone`` = an IANA zone (default Asia/Shanghai). A period runs
from local midnight of its first day to local midnight of the next period's first day; it is
stored in UTC like every other time in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.clock import DEFAULT_TIMEZONE, utcnow
from app.errors import ConfigError, ValidationError
from app.models import Setting

PERIOD_SETTING = "settlement_period"
TIMEZONE_SETTING = "coalition_timezone"
PERIOD_KINDS = ("weekly", "monthly")


@dataclass(frozen=True)
class Period:
    kind: str
    first_day: date  # local, inclusive
    next_first_day: date  # local, exclusive
    timezone: str
    start: datetime  # UTC, naive
    end: datetime  # UTC, naive

    @property
    def last_day(self) -> date:
        return self.next_first_day - timedelta(days=1)

    def is_closed(self, now: datetime | None = None) -> bool:
        return self.end <= (now or utcnow())


def period_kind() -> str:
    row = Setting.get_or_none(Setting.key == PERIOD_SETTING)
    kind = row.value.strip() if row else "monthly"
    if kind not in PERIOD_KINDS:
        raise ConfigError("settlement.bad_period_setting",
                          "the setting settlement_period is “{value}”; it must be weekly or "
                          "monthly", value=kind)
    return kind


def coalition_timezone() -> str:
    row = Setting.get_or_none(Setting.key == TIMEZONE_SETTING)
    name = (row.value.strip() if row else "") or DEFAULT_TIMEZONE
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError("settlement.bad_timezone",
                          "the setting coalition_timezone is “{value}”, not a time zone",
                          value=name) from exc
    return name


def _utc(day: date, zone: str) -> datetime:
    local = datetime.combine(day, time(0), tzinfo=ZoneInfo(zone))
    return local.astimezone(UTC).replace(tzinfo=None)


def _next_first_day(first: date, kind: str) -> date:
    if kind == "weekly":
        return first + timedelta(days=7)
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _first_day_containing(day: date, kind: str) -> date:
    if kind == "weekly":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def _make(first: date, kind: str, zone: str) -> Period:
    following = _next_first_day(first, kind)
    return Period(kind, first, following, zone, _utc(first, zone), _utc(following, zone))


def period_starting(first_day: date, kind: str | None = None, zone: str | None = None) -> Period:
    """The period that begins on ``first_day`` (a Monday, or the 1st of a month)."""
    kind = kind or period_kind()
    zone = zone or coalition_timezone()
    if _first_day_containing(first_day, kind) != first_day:
        raise ValidationError("settlement.not_a_period_start",
                              "{day} does not begin a {kind} settlement period",
                              day=first_day.isoformat(), kind=kind)
    return _make(first_day, kind, zone)


def current_period(now: datetime | None = None) -> Period:
    kind, zone = period_kind(), coalition_timezone()
    local = (now or utcnow()).replace(tzinfo=UTC).astimezone(ZoneInfo(zone)).date()
    return _make(_first_day_containing(local, kind), kind, zone)


def recent_periods(count: int = 12, now: datetime | None = None) -> list[Period]:
    """The open period and the ``count − 1`` before it, newest first."""
    period = current_period(now)
    found = [period]
    while len(found) < count:
        day_before = period.first_day - timedelta(days=1)
        period = _make(_first_day_containing(day_before, period.kind), period.kind,
                       period.timezone)
        found.append(period)
    return found


def local_day(utc_naive: datetime, zone: str) -> date:
    """The local date at a UTC moment (a period's bounds are local midnights)."""
    return utc_naive.replace(tzinfo=UTC).astimezone(ZoneInfo(zone)).date()
