"""The terminal's configuration file (TOML): which terminal this is, its database, devices.

A broken file never crashes the till with a traceback: it raises ConfigError naming the file,
the line and what is wrong.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import ConfigError

ROLES = ("cashier", "kiosk", "greeter", "backoffice", "devices")
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


@dataclass
class TerminalConfig:
    role: str = "cashier"
    terminal: str = ""  # terminal code; "" = the first terminal in the database
    db_url: str = ""
    language: str = "zh_CN"
    fullscreen: bool = False
    customer_display: bool = False  # open a customer-facing window on a second screen
    discount_limit_percent: int = 10  # larger discounts need a manager
    devices: dict[str, dict] = field(default_factory=lambda: {
        k: dict(v) for k, v in SIMULATED_DEVICES.items()})
    source: str = "(defaults)"

    def validate(self) -> TerminalConfig:
        if self.role not in ROLES:
            raise ConfigError(f"{self.source}: role {self.role!r} is not one of {', '.join(ROLES)}")
        if self.language not in LANGUAGES:
            raise ConfigError(f"{self.source}: language {self.language!r} is not zh_CN or en")
        if not isinstance(self.devices, dict) or not all(
            isinstance(v, dict) and "kind" in v for v in self.devices.values()
        ):
            raise ConfigError(f"{self.source}: every [devices.NAME] table needs a 'kind'")
        if not isinstance(self.discount_limit_percent, int) or not 0 <= self.discount_limit_percent <= 100:
            raise ConfigError(f"{self.source}: discount_limit_percent must be 0–100")
        return self


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
        raise ConfigError(f"config file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {path} cannot be read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    term = raw.get("terminal", {})
    known = {"role", "code", "language", "fullscreen", "customer_display", "discount_limit_percent"}
    if unknown := set(term) - known:
        raise ConfigError(f"{path}: unknown setting(s) in [terminal]: {', '.join(sorted(unknown))}")
    cfg = TerminalConfig(
        role=term.get("role", "cashier"),
        terminal=str(term.get("code", "")),
        db_url=raw.get("database", {}).get("url", ""),
        language=term.get("language", "zh_CN"),
        fullscreen=bool(term.get("fullscreen", False)),
        customer_display=bool(term.get("customer_display", False)),
        discount_limit_percent=term.get("discount_limit_percent", 10),
        source=str(path),
    )
    if "devices" in raw:
        cfg.devices = raw["devices"]
    return cfg.validate()
