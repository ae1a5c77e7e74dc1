"""A worker process for race tests: a terminal of its own that answers one JSON line per
command line. It prints READY once connected; ``send`` writes commands, ``read`` waits for the
answers, ``close`` ends it (and checks that it exited cleanly)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


class LineWorker:
    def __init__(self, script: Path, *args: str) -> None:
        self.proc = subprocess.Popen([sys.executable, str(script), *args],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "READY"

    def send(self, *lines: str) -> None:
        self.proc.stdin.write("".join(f"{line}\n" for line in lines))
        self.proc.stdin.flush()

    def read(self, n: int = 1) -> list:
        return [json.loads(self.proc.stdout.readline()) for _ in range(n)]

    def close(self) -> None:
        self.proc.stdin.close()
        assert self.proc.wait(30) == 0
