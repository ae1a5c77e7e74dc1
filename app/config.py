"""The terminal's configuration file (TOML): which terminal this is, its database, devices.

A broken file never crashes the till with a traceback: it raises ConfigError naming the file,
the line and what is wrong.
"""

from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import ConfigError

log = logging.getLogger(__name__)

ROLES = ("cashier", "kiosk", "greeter", "backoffice", "guide", "devices")
LANGUAGES = ("zh_CN", "en")


def data_dir() -> Path:
    """Where the embedded database and local state live (XDG data dir, or PATRON_HOME)."""
    if env := os.environ.get("PATRON_HOME"):
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("patron", "Patron"))


def default_config_path() -> Path:
    return data_dir() / "terminal.toml"


def default_db_url() -> str:
    return "sqlite:///" + str(data_dir() / "patron.db")


# Simulated devices: the demo and tests run the real drivers against these.
SIMULATED_DEVICES: dict[str, dict] = {
    "scanner": {"kind": "wedge"},
    "scale": {"kind": "simulator-toledo8217"},
    "printer": {"kind": "pdf", "paper_mm": 80},
    "card_reader": {"kind": "wedge", "member_ranges": [["880000000000", "889999999999"]]},
}


SMTP_SECURITY = ("starttls", "ssl", "none")
SMS_PROVIDERS = ("", "file")


@dataclass
class MessagingConfig:
    """How this terminal sends the outbox: the SMTP server and the SMS provider.

    The credentials live in the terminal's own file, never in the shared database: every
    merchant's tills can read that database, and a mail password is not theirs to read."""

    smtp_host: str = ""  # "" = this terminal sends no e-mail (another one may)
    smtp_port: int = 0  # 0 = the usual port for the security: 587 starttls, 465 ssl, 25 none
    smtp_security: str = "starttls"
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = ""  # the From address; "" = smtp_user
    smtp_timeout_s: int = 20
    smtp_ca_file: str = ""  # a private CA's certificate for the server; "" = the system's
    sms_provider: str = ""  # "" = this terminal sends no SMS; "file" = one JSON line per SMS
    sms_file: str = ""  # for the file provider; "" = sms.jsonl in the data directory

    @property
    def port(self) -> int:
        return self.smtp_port or {"starttls": 587, "ssl": 465}.get(self.smtp_security, 25)

    def sms_path(self) -> Path:
        return Path(self.sms_file).expanduser() if self.sms_file else data_dir() / "sms.jsonl"

    def validate(self, source: str) -> MessagingConfig:
        if self.smtp_security not in SMTP_SECURITY:
            raise ConfigError("config.smtp_security", "{source}: [messaging] smtp_security "
                              "{value} is not one of {allowed}", source=source,
                              value=repr(self.smtp_security), allowed=", ".join(SMTP_SECURITY))
        if not 0 <= self.smtp_port <= 65535:
            raise ConfigError("config.smtp_port", "{source}: [messaging] smtp_port {value} is "
                              "not a port number", source=source, value=self.smtp_port)
        if self.smtp_timeout_s <= 0:
            raise ConfigError("config.smtp_timeout", "{source}: [messaging] smtp_timeout_s "
                              "must be above 0", source=source)
        if self.smtp_host and not (self.smtp_from or self.smtp_user):
            raise ConfigError("config.smtp_from", "{source}: [messaging] needs smtp_from (or "
                              "smtp_user) to send e-mail", source=source)
        if bool(self.smtp_user) != bool(self.smtp_password):
            raise ConfigError("config.smtp_login", "{source}: [messaging] smtp_user and "
                              "smtp_password go together", source=source)
        if self.smtp_ca_file and not Path(self.smtp_ca_file).expanduser().is_file():
            raise ConfigError("config.smtp_ca_file", "{source}: [messaging] smtp_ca_file "
                              "{path} is not a file", source=source, path=self.smtp_ca_file)
        if self.sms_provider not in SMS_PROVIDERS:
            raise ConfigError("config.sms_provider", "{source}: [messaging] sms_provider "
                              "{value} is not one of {allowed}", source=source,
                              value=repr(self.sms_provider), allowed="file")
        return self


@dataclass
class TerminalConfig:
    role: str = "cashier"
    terminal: str = ""  # terminal code; "" = the first terminal in the database
    db_url: str = ""
    language: str = "zh_CN"
    fullscreen: bool = False
    customer_display: bool = False  # open a customer-facing window on a second screen
    # No longer read: the discount limit is the store's, in the database (store.discount_limit_bp),
    # so a till cannot raise its own. Still type-checked so old files load; a warning says so.
    discount_limit_percent: int = 10
    key_file: str = ""  # the terminal's signing keys; "" = keys.toml in the data directory
    devices: dict[str, dict] = field(default_factory=lambda: {
        k: dict(v) for k, v in SIMULATED_DEVICES.items()})
    messaging: MessagingConfig = field(default_factory=MessagingConfig)
    source: str = "(defaults)"

    def key_file_path(self) -> Path | None:
        return Path(self.key_file).expanduser() if self.key_file else None

    def validate(self) -> TerminalConfig:
        src = self.source
        if self.role not in ROLES:
            raise ConfigError("config.bad_role", "{source}: role {value} is not one of {allowed}",
                              source=src, value=repr(self.role), allowed=", ".join(ROLES))
        if self.language not in LANGUAGES:
            raise ConfigError("config.bad_language", "{source}: language {value} is not zh_CN or en",
                              source=src, value=repr(self.language))
        if not isinstance(self.devices, dict) or not all(
            isinstance(v, dict) and "kind" in v for v in self.devices.values()
        ):
            raise ConfigError("config.device_no_kind", "{source}: every [devices.NAME] table needs "
                              "a 'kind'", source=src)
        if (type(self.discount_limit_percent) is not int
                or not 0 <= self.discount_limit_percent <= 100):
            raise ConfigError("config.bad_discount_limit", "{source}: discount_limit_percent must be "
                              "0–100", source=src)
        self.messaging.validate(src)
        return self


# -- what each setting must be ---------------------------------------------------------------
# A TOML value of the wrong type is refused, never coerced: bool("false") is True, and a till
# that turns fullscreen on when told "false" has read its file wrong.
_TEXT, _FLAG, _WHOLE = "a string in quotes", "true or false (no quotes)", "a whole number"
SECTIONS: dict[str, dict[str, str]] = {
    "terminal": {"role": _TEXT, "code": _TEXT, "language": _TEXT, "fullscreen": _FLAG,
                 "customer_display": _FLAG, "discount_limit_percent": _WHOLE},
    "database": {"url": _TEXT},
    "security": {"key_file": _TEXT},
    "messaging": {"smtp_host": _TEXT, "smtp_port": _WHOLE, "smtp_security": _TEXT,
                  "smtp_user": _TEXT, "smtp_password": _TEXT, "smtp_from": _TEXT,
                  "smtp_timeout_s": _WHOLE, "smtp_ca_file": _TEXT, "sms_provider": _TEXT,
                  "sms_file": _TEXT},
}
# Device settings are checked by each driver; these are the ones whose wrong type would be
# read silently (a quoted "false" as true, a number where text is expected).
DEVICE_SETTINGS: dict[str, str] = {
    "kind": _TEXT, "name": _TEXT, "parity": _TEXT, "unit": _TEXT, "sim_unit": _TEXT,
    "host": _TEXT, "profile": _TEXT, "folder": _TEXT, "path": _TEXT,
    "keep_gs": _FLAG, "xonxoff": _FLAG, "rtscts": _FLAG, "dsrdtr": _FLAG, "status_query": _FLAG,
    "handshake": _FLAG, "terminator_required": _FLAG, "use_event_timestamps": _FLAG,
    "loop": _FLAG,
    "baudrate": _WHOLE, "bytesize": _WHOLE, "stopbits": _WHOLE, "paper_mm": _WHOLE,
    "vendor_id": _WHOLE, "product_id": _WHOLE, "in_ep": _WHOLE, "out_ep": _WHOLE,
    "confirm_reads": _WHOLE, "min_length": _WHOLE, "max_gap_ms": _WHOLE, "sim_grams": _WHOLE,
}
_NUMBER, _PORT = "a number", "a device path in quotes or a TCP port number"
_RANGES = 'a list of [first, last] card-number pairs in quotes, e.g. [["880000", "889999"]]'


def _is(kind: str, value: object) -> bool:
    if kind == _TEXT:
        return isinstance(value, str)
    if kind == _FLAG:
        return isinstance(value, bool)
    if kind == _WHOLE:
        return type(value) is int
    if kind == _NUMBER:
        return type(value) in (int, float)
    if kind == _PORT:
        return isinstance(value, str) or type(value) is int
    return isinstance(value, list) and all(  # _RANGES
        isinstance(pair, list) and len(pair) == 2
        and all(isinstance(n, str) and n.isascii() and n.isdigit() for n in pair)
        for pair in value)


def _shown(value: object) -> str:
    """A value as the file spells it, for the message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value[:40]}"'
    if isinstance(value, dict):
        return "a table"
    return repr(value)[:40]


def _wrong_type(path: Path, where: str, value: object, kind: str) -> ConfigError:
    return ConfigError("config.wrong_type", "{path}: {setting} must be {kind}, not {value}",
                       path=str(path), setting=where, kind=kind, value=_shown(value))


def _check_device(path: Path, where: str, table: object) -> None:
    if not isinstance(table, dict):
        raise _wrong_type(path, where, table, "a table ([devices.NAME] with kind = ...)")
    for key, value in table.items():
        name = f"{where} {key}"
        if isinstance(value, dict):  # a nested table: the wedge timing, a scanner's camera
            _check_device(path, f"{where[:-1]}.{key}]", value)
            continue
        kind = DEVICE_SETTINGS.get(key) or (
            _WHOLE if key.endswith("_ms") else _NUMBER if key.endswith("_s")
            else _PORT if key == "port" else _RANGES if key == "member_ranges" else None)
        if kind is not None and not _is(kind, value):
            raise _wrong_type(path, name, value, kind)
    if "kind" in table and not table["kind"]:
        raise ConfigError("config.device_kind", "{path}: {setting} kind is empty",
                          path=str(path), setting=where)


def check_types(path: Path, raw: dict) -> None:
    """Refuse unknown settings and values of the wrong type, naming the file and the key."""
    for section, value in raw.items():
        if section == "devices":
            if not isinstance(value, dict):
                raise _wrong_type(path, "devices", value, "tables ([devices.NAME])")
            for name, table in value.items():
                _check_device(path, f"[devices.{name}]", table)
            continue
        if section not in SECTIONS:
            raise ConfigError("config.unknown_section", "{path}: unknown section [{section}] "
                              "(known: {known})", path=str(path), section=section,
                              known=", ".join(sorted([*SECTIONS, "devices"])))
        if not isinstance(value, dict):
            raise _wrong_type(path, section, value, f"a table ([{section}])")
        if unknown := set(value) - set(SECTIONS[section]):
            raise ConfigError("config.unknown_setting", "{path}: unknown setting(s) in "
                              "[{section}]: {names}", path=str(path), section=section,
                              names=", ".join(sorted(unknown)))
        for key, item in value.items():
            if not _is(SECTIONS[section][key], item):
                raise _wrong_type(path, f"[{section}] {key}", item, SECTIONS[section][key])


def load(path: Path | None) -> TerminalConfig:
    """Read the config file; a missing default file means defaults, a missing named file is an
    error."""
    if path is None:
        path = default_config_path()
        if not path.exists():
            return TerminalConfig().validate()
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("config.missing", "config file {path} does not exist",
                          path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError("config.unreadable", "config file {path} cannot be read: {reason}",
                          path=str(path), reason=str(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("config.not_toml", "config file {path} is not valid TOML: {reason}",
                          path=str(path), reason=str(exc)) from None
    check_types(Path(path), raw)
    term = raw.get("terminal", {})
    if "discount_limit_percent" in term:
        log.warning("%s: [terminal] discount_limit_percent is no longer read; the discount limit "
                    "is set per store in the database (store.discount_limit_bp)", path)
    cfg = TerminalConfig(
        role=term.get("role", "cashier"),
        terminal=term.get("code", ""),
        db_url=raw.get("database", {}).get("url", ""),
        language=term.get("language", "zh_CN"),
        fullscreen=term.get("fullscreen", False),
        customer_display=term.get("customer_display", False),
        discount_limit_percent=term.get("discount_limit_percent", 10),
        key_file=raw.get("security", {}).get("key_file", ""),
        messaging=MessagingConfig(**raw.get("messaging", {})),
        source=str(path),
    )
    if "devices" in raw:
        cfg.devices = raw["devices"]
    return cfg.validate()
