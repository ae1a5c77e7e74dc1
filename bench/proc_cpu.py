"""CPU seconds of local processes, read from Linux /proc (0 where a process cannot be read,
e.g. a server on another machine): what a benchmark run cost when the machine is shared."""

from __future__ import annotations

import os
from pathlib import Path


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def process_cpu_s(pid: int, *, with_children: bool = False) -> float:
    """utime + stime of ``pid`` (and of its children it has waited for: cutime + cstime)."""
    try:
        fields = _stat(pid)
    except (OSError, IndexError):
        return 0.0
    return sum(int(f) for f in fields[11:15 if with_children else 13]) / os.sysconf("SC_CLK_TCK")


def server_cpu_s(backend_pid: int) -> float:
    """The whole PostgreSQL server a backend belongs to: its postmaster (with the backends that
    have ended, reaped into its children times) and every live process it started."""
    try:
        postmaster = int(_stat(backend_pid)[1])
    except (OSError, IndexError):
        return 0.0
    total = process_cpu_s(postmaster, with_children=True)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int(_stat(int(entry.name))[1])
        except (OSError, IndexError):
            continue
        if parent == postmaster:
            total += process_cpu_s(int(entry.name), with_children=True)
    return total
