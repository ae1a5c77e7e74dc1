"""Patron: start one role of the application on this terminal.

    python main.py --role cashier --demo            # the demo till, simulated devices
    python main.py --role cashier --db postgresql://patron@db/patron --config till1.toml
    python main.py --role cashier --demo --self-test
    python main.py --migrate --db postgresql://patron_owner@db/patron --till-role patron_till
    python main.py --print-role-sql --db postgresql://patron_owner@db/patron
    python main.py --job messages --config till1.toml   # send the outbox once (cron)
    python main.py --job expire --db postgresql://patron@db/patron   # cron / systemd timer
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

EXIT_OK, EXIT_CONFIG, EXIT_DATABASE, EXIT_SCHEMA = 0, 2, 3, 4  # listed in ui/launch.py


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    from app.config import ROLES

    p = argparse.ArgumentParser(prog="patron", description="Patron point of sale")
    p.add_argument("--role", choices=ROLES, help="which window(s) to open (default: config)")
    p.add_argument("--db", help="database URL: sqlite:///path.db or postgresql://user@host/db")
    p.add_argument("--config", help="terminal config file (TOML)")
    p.add_argument("--terminal", help="terminal code (overrides the config)")
    p.add_argument("--lang", choices=("zh_CN", "en"), help="UI language (overrides the config)")
    p.add_argument("--demo", action="store_true",
                   help="embedded demo database with a seeded coalition and simulated devices")
    p.add_argument("--self-test", action="store_true",
                   help="open the role, check database and devices, print a line per part, exit")
    p.add_argument("--migrate", action="store_true",
                   help="admin: bring the database schema up to date (as its owner role) and "
                        "grant the till role its rights, then exit")
    p.add_argument("--till-role", help="with --migrate / --print-role-sql: the tills' "
                                       "PostgreSQL role (default patron_till)")
    p.add_argument("--print-role-sql", action="store_true",
                   help="admin: print the SQL that creates the PostgreSQL roles, then exit")
    p.add_argument("--run-jobs", action="store_true",
                   help="run the due background jobs (points expiry) once, print a line per "
                        "job, then exit (for cron; tills also run them on a timer)")
    p.add_argument("--job", metavar="NAME",
                   help="run one background job once and exit, for cron/systemd: "
                        "expire (points expiry), expiry-notices, messages (send the outbox)")
    p.add_argument("--verbose", action="store_true")
    return p.parse_args(argv)


def admin_command(args: argparse.Namespace, url: str, messaging: object = None) -> int:
    """--migrate, --print-role-sql and --run-jobs: no window, no display needed."""
    from app.errors import ConfigError

    if args.run_jobs or args.job:
        return run_jobs(url, demo=args.demo, job=args.job, messaging=messaging)

    if args.print_role_sql:
        from urllib.parse import urlparse

        from app import db_roles

        parts = urlparse(url) if url.startswith(("postgresql://", "postgres://")) else None
        try:
            print(db_roles.setup_script(
                (parts.path.strip("/") if parts else "") or db_roles.DEFAULT_DATABASE,
                (parts.username if parts else None) or db_roles.DEFAULT_OWNER,
                args.till_role or db_roles.DEFAULT_TILL), end="")
        except ConfigError as exc:
            print(f"patron: {exc}", file=sys.stderr)
            return EXIT_CONFIG
        return EXIT_OK
    import peewee as pw

    from app.bootstrap import migrate_database, redact

    try:
        for line in migrate_database(url, till_role=args.till_role):
            print(f"patron: {line}")
    except ConfigError as exc:
        print(f"patron: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except (pw.DatabaseError, pw.InterfaceError, OSError, ValueError) as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"patron: cannot migrate {redact(url)}: {detail}", file=sys.stderr)
        return EXIT_DATABASE
    return EXIT_OK


def run_jobs(url: str, *, demo: bool, job: str | None = None, messaging: object = None) -> int:
    """Bind the database as a till would (same schema rule), then run the due jobs once
    (``job``: the one job of that name, e.g. ``expire``)."""
    from app import jobs
    from app.bootstrap import open_database
    from app.errors import ConfigError
    from app.messaging import providers

    if job is not None and job not in jobs.JOB_NAMES and job not in jobs.job_names():
        print(f"patron: no job {job!r} (jobs: {', '.join(sorted(jobs.JOB_NAMES))})",
              file=sys.stderr)
        return EXIT_CONFIG
    if messaging is not None:  # the outbox goes out through this terminal's providers
        providers.configure(messaging)

    try:
        ok, detail = open_database(url, demo=demo)
    except ConfigError as exc:
        print(f"patron: {exc}", file=sys.stderr)
        return EXIT_SCHEMA
    if not ok:
        print(f"patron: {detail}", file=sys.stderr)
        return EXIT_DATABASE
    return jobs.run_command(job=job)  # 0, or EXIT_UNHEALTHY (1) when a job failed


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or os.environ.get("QT_QPA_PLATFORM"))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.role == "greeter":  # before numpy loads: the 1:N match needs no BLAS threads
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from app.privacy import install_log_masking

    install_log_masking()  # no card number reaches a log line, whichever logger writes it
    if args.migrate or args.print_role_sql or args.run_jobs or args.job:
        from app import config as configmod
        from app.errors import ConfigError

        try:
            cfg = configmod.load(configmod.Path(args.config) if args.config else None)
        except ConfigError as exc:
            print(f"patron: {exc}", file=sys.stderr)
            return EXIT_CONFIG
        if args.demo and not cfg.messaging.sms_provider:  # as the demo windows do
            cfg.messaging.sms_provider = "file"
        return admin_command(args, args.db or cfg.db_url or configmod.default_db_url(),
                             cfg.messaging)
    if args.self_test and not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a self-test needs no screen
    if not has_display():
        from ui import virtual_display  # no Qt: says how to run it in a virtual screen

        print(virtual_display.message(sys.argv[1:] if argv is None else argv), file=sys.stderr)
        return EXIT_CONFIG

    from app import config as configmod
    from app.errors import ConfigError

    try:
        cfg = configmod.load(configmod.Path(args.config) if args.config else None)
    except ConfigError as exc:
        print(f"patron: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    cfg.role = args.role or cfg.role
    cfg.language = args.lang or cfg.language
    cfg.terminal = args.terminal or cfg.terminal
    if args.demo:
        cfg.devices = {k: dict(v) for k, v in configmod.SIMULATED_DEVICES.items()}
        if not cfg.messaging.sms_provider:  # the demo's SMS go to sms.jsonl in its data dir
            cfg.messaging.sms_provider = "file"
    url = args.db or cfg.db_url or (
        "sqlite:///" + str(configmod.data_dir() / "demo.db") if args.demo
        else configmod.default_db_url())

    from ui.launch import launch

    return launch(cfg, url, demo=args.demo, self_test=args.self_test)


if __name__ == "__main__":
    sys.exit(main())
