"""Building a role's window(s) from the config, and the self-test."""

from __future__ import annotations

import sys
import time

from app.config import TerminalConfig

# main.py's exit codes: healthy, unhealthy (self-test, or a --run-jobs job failed), bad config
# or no display, no database, a database schema this code does not match (run ``main.py --migrate``, or update Patron)
EXIT_OK, EXIT_UNHEALTHY, EXIT_CONFIG, EXIT_DATABASE, EXIT_SCHEMA = 0, 1, 2, 3, 4


def _line(part: str, ok: bool, detail: str) -> None:
    sys.stdout.write(f"{part:<22} {'ok  ' if ok else 'FAIL'} {detail}\n")
    sys.stdout.flush()


def launch(cfg: TerminalConfig, url: str, *, demo: bool, self_test: bool) -> int:
    started = time.perf_counter()
    from app.bootstrap import open_database
    from app.errors import ConfigError

    try:
        ok, detail = open_database(url, demo=demo)
    except ConfigError as exc:  # out-of-date or newer schema: one line, no window
        if self_test:
            _line("schema", False, str(exc))
        else:
            sys.stderr.write(f"patron: {exc}\n")
        return EXIT_SCHEMA
    if not ok:
        if self_test:
            _line("database", False, detail)
        else:
            sys.stderr.write(f"patron: {detail}\n")
        return EXIT_DATABASE
    if cfg.role != "devices":  # the Devices screen signs and reads no codes: set up hardware first
        keys_ok, keys_detail = load_signing_keys(cfg, demo=demo)
        if self_test:
            _line("signing keys", keys_ok, keys_detail)
        if not keys_ok:
            if not self_test:
                sys.stderr.write(f"patron: {keys_detail}\n")
            return EXIT_CONFIG

    from app.messaging import providers

    providers.configure(cfg.messaging)  # this terminal's mail and SMS, from its own file

    from ui.app import make_application
    from ui.roles import build_role

    qapp = make_application(cfg.language)
    try:
        role = build_role(cfg, demo=demo)
    except Exception as exc:  # a clear line, never a traceback in front of staff
        if self_test:
            _line(f"window {cfg.role}", False, str(exc))
            return EXIT_UNHEALTHY
        sys.stderr.write(f"patron: cannot open the {cfg.role} window: {exc}\n")
        return EXIT_UNHEALTHY
    if self_test:
        return run_self_test(role, cfg, started)
    role.show()
    code = qapp.exec()
    role.shutdown()
    return code


def load_signing_keys(cfg: TerminalConfig, *, demo: bool) -> tuple[bool, str]:
    """The terminal's code-signing keys (environment or key file); the demo makes its own."""
    from app import signing_keys
    from app.config import data_dir
    from app.errors import ConfigError

    # The demo's own key file, so a demo run never leaves a key a real till would pick up.
    path = cfg.key_file_path() or (data_dir() / "demo-keys.toml" if demo else None)
    try:
        ring = signing_keys.use_key_file(path, create=demo)
    except ConfigError as exc:
        return False, exc.message
    return True, f"current key {ring.current} ({len(ring.keys)} known) from {ring.source}"


def run_self_test(role, cfg: TerminalConfig, started: float) -> int:  # type: ignore[no-untyped-def]
    from app.health import check_database

    healthy = True
    for part, ok, detail in check_database():
        _line(part, ok, detail)
        healthy &= ok
    role.show()
    window_ok, window_detail = role.self_check()
    _line(f"window {cfg.role}", window_ok,
          f"{window_detail}; ready in {(time.perf_counter() - started) * 1000:.0f} ms")
    healthy &= window_ok
    for part, ok, detail in role.device_report(timeout_s=5.0):
        _line(f"device {part}", ok, detail)
        healthy &= ok
    role.shutdown()
    _line("self-test", healthy, "healthy" if healthy else "NOT healthy")
    return EXIT_OK if healthy else EXIT_UNHEALTHY
