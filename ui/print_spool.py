"""A print spool on disk: a committed sale's receipt survives a crash before it printed, and a
job that did print is never printed again after a restart."""

from __future__ import annotations

import json
import os
import re
import threading
from pathlib import Path
from typing import Any


def _safe(job_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", job_id)


class PrintSpool:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pending_dir = folder / "pending"
        self.pending_dir.mkdir(parents=True, exist_ok=True)
        self.log = folder / "printed.log"
        self._lock = threading.Lock()
        self._printed: set[str] = set()
        if self.log.exists():
            self._printed = set(self.log.read_text(encoding="utf-8").split())

    def was_printed(self, job_id: str) -> bool:
        return job_id in self._printed

    def save(self, job: dict[str, Any]) -> None:
        path = self.pending_dir / f"{_safe(job['job_id'])}.json"
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(job, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)

    def mark_printed(self, job_id: str) -> None:
        with self._lock:
            if job_id not in self._printed:
                self._printed.add(job_id)
                with open(self.log, "a", encoding="utf-8") as fh:
                    fh.write(job_id + "\n")
                    fh.flush()
                    os.fsync(fh.fileno())
        (self.pending_dir / f"{_safe(job_id)}.json").unlink(missing_ok=True)

    def pending(self) -> list[dict[str, Any]]:
        jobs = []
        for path in sorted(self.pending_dir.glob("*.json"), key=lambda p: p.stat().st_mtime):
            try:
                jobs.append(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                path.rename(path.with_suffix(".corrupt"))  # keep it for a human, don't loop
        return [j for j in jobs if not self.was_printed(j.get("job_id", ""))]
