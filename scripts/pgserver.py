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

    def __init__(self, *, durable: bool = False) -> None:
        # Tests run with fsync off for speed; benchmarks measure a durable server.
        self.durable = durable
        self.dir = ""
        self.proc_started = False
        self.admin_url = os.environ.get("PATRON_TEST_PG_URL", "")

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
        subprocess.run(
            [*as_user, os.path.join(bindir, "pg_ctl"), "-D", data, "-w", "-l",
             os.path.join(self.dir, "log"), "-o",
             f"-p {port} -k {self.dir} -h 127.0.0.1 -c max_connections=100"
             + ("" if self.durable else " -c fsync=off -c synchronous_commit=off"),
             "start"],
            check=True, capture_output=True,
        )
        self.proc_started = True
        self.bindir = bindir
        self.as_user = as_user
        self.data = data
        self.admin_url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        return self.admin_url

    def stop(self) -> None:
        if self.proc_started:
            subprocess.run([*self.as_user, os.path.join(self.bindir, "pg_ctl"), "-D", self.data,
                            "-m", "immediate", "stop"], capture_output=True)
            shutil.rmtree(self.dir, ignore_errors=True)
