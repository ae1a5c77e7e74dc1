"""A throwaway PostgreSQL cluster for tests and benchmarks (or PATRON_TEST_PG_URL)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """A throwaway PostgreSQL cluster for the test session (or PATRON_TEST_PG_URL)."""

    def __init__(self, *, durable: bool = False, own: bool = False) -> None:
        # Tests run with fsync off for speed; benchmarks measure a durable server.
        self.durable = durable
        self.dir = ""
        self.proc_started = False
        # ``own``: always a private cluster (a test that stops and restarts the server must
        # not do it to a shared one named by PATRON_TEST_PG_URL).
        self.admin_url = "" if own else os.environ.get("PATRON_TEST_PG_URL", "")

    def start(self) -> str | None:
        if self.admin_url:
            return self.admin_url
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        initdb = bins[-1] if bins else shutil.which("initdb")
        if not initdb:
            return None
        bindir = os.path.dirname(initdb)
        self.dir = tempfile.mkdtemp(prefix="patron-pg-")
        as_user: list[str] = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            shutil.chown(self.dir, "postgres", "postgres")
            as_user = ["runuser", "-u", "postgres", "--"]
        data = os.path.join(self.dir, "data")
        port = _free_port()
        subprocess.run([*as_user, initdb, "-D", data, "-A", "trust", "-U", "postgres",
                        "-E", "UTF8", "--no-sync"], check=True, capture_output=True)
        self.bindir = bindir
        self.as_user = as_user
        self.data = data
        self.port = port
        self.start_server()
        self.proc_started = True
        self.admin_url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        return self.admin_url

    def start_server(self) -> None:
        """Start (or start again, on the same port and data) the server process."""
        subprocess.run(
            [*self.as_user, os.path.join(self.bindir, "pg_ctl"), "-D", self.data, "-w", "-l",
             os.path.join(self.dir, "log"), "-o",
             f"-p {self.port} -k {self.dir} -h 127.0.0.1 -c max_connections=100"
             + ("" if self.durable else " -c fsync=off -c synchronous_commit=off"),
             "start"],
            check=True, capture_output=True,
        )

    def stop_server(self, mode: str = "fast") -> None:
        """Stop the server process, keeping its data. ``fast`` is an administrator's restart
        (open transactions rolled back, every connection dropped); ``immediate`` is a crash,
        which on a test server (fsync and synchronous_commit off) may lose recent commits."""
        subprocess.run([*self.as_user, os.path.join(self.bindir, "pg_ctl"), "-D", self.data,
                        "-m", mode, "-w", "stop"], capture_output=True)

    def restart(self, mode: str = "fast") -> None:
        self.stop_server(mode)
        self.start_server()

    def stop(self) -> None:
        if self.proc_started:
            self.stop_server("immediate")
            shutil.rmtree(self.dir, ignore_errors=True)


def admin_sql(url: str, sql: str) -> list[tuple]:
    """Run one statement on its own connection (CREATE DATABASE, pg_terminate_backend…) and
    return its rows, if it has any."""
    from app.db import open_database

    db = open_database(url)
    db.connect()
    try:
        cursor = db.execute_sql(sql)
        return list(cursor.fetchall()) if cursor.description else []
    finally:
        db.close()
