"""Role and status words of the organisation pages, in the UI language (the domain's codes
never appear on screen)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, QTimeZone

from ui.widgets.i18n import product_name, translate


def terminal_role_text(role: str) -> str:
    names = {
        "cashier": translate("OrgWords", "Cashier till"),
        "kiosk": translate("OrgWords", "Member kiosk"),
        "greeter": translate("OrgWords", "Greeter"),
        "handheld": translate("OrgWords", "Handheld"),
        "gate": translate("OrgWords", "Exit gate"),
        "backoffice": translate("OrgWords", "Back office"),
    }
    return names.get(role, role)


def staff_role_text(role: str) -> str:
    names = {
        "cashier": translate("OrgWords", "Cashier"),
        "manager": translate("OrgWords", "Manager"),
        "guide": translate("OrgWords", "Shopping guide"),
        "operator": translate("OrgWords", "Coalition operator"),
    }
    return names.get(role, role)


def active_text(active: bool) -> str:
    return translate("OrgWords", "Active") if active else translate("OrgWords", "Deactivated")


def local_time_text(utc_naive: datetime | None) -> str:
    """A UTC time from the database in this computer's time zone, e.g. 2026-11-29 14:05."""
    if utc_naive is None:
        return ""
    moment = QDateTime(utc_naive.date(), utc_naive.time(), QTimeZone.utc()).toLocalTime()
    return QLocale().toString(moment, "yyyy-MM-dd HH:mm")


def shown_name(row: object) -> str:
    """A merchant's or store's name in the UI language (the stored name where no English one
    was given)."""
    return product_name(row)
