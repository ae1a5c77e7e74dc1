"""The install script puts a working menu entry in place (run against a throwaway HOME)."""

from __future__ import annotations

import configparser
import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_desktop_entry_points_at_this_checkout(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "share"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "PATRON_HOME": str(tmp_path / "patron"),
           "QT_QPA_PLATFORM": "offscreen", "PATH": os.environ["PATH"]}
    result = subprocess.run([str(REPO / "packaging" / "install.sh"), "--autostart"], env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    entry = tmp_path / "share" / "applications" / "patron-cashier.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(entry, encoding="utf-8")
    exec_line = parser["Desktop Entry"]["Exec"].split()
    assert exec_line[0] == str(REPO / ".venv" / "bin" / "python") and Path(exec_line[0]).exists()
    assert exec_line[1] == str(REPO / "main.py") and exec_line[2:] == ["--role", "cashier"]
    assert (tmp_path / "config" / "autostart" / "patron-cashier.desktop").exists()
