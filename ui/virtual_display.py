"""What to tell someone who starts Patron on a machine without a screen.

The message holds a command that works when pasted as printed: from the repository, under
``xvfb-run`` with a full-HD screen, through the project's own Python (``uv run python``).
If xvfb-run or the libraries Qt's xcb plugin loads are missing, it says what to install
(``make demo`` installs them itself when run as root: scripts/setup.sh --demo).
No Qt here: this runs before any Qt module is imported.
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCREEN = "-screen 0 1920x1080x24"

#: Debian packages for a virtual X display that Qt's xcb plugin can open. Keep in step with
#: XVFB_PACKAGES in scripts/setup.sh (a test compares them).
XVFB_PACKAGES = (
    "xvfb",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
    "libxcb-shape0",
)


def uv_command(which: str | None = None) -> str:
    """How to call uv in a shell: plain ``uv`` unless setup.sh put it in ~/.local/bin, which
    the Makefile adds to PATH but a login shell may not."""
    found = which if which is not None else shutil.which("uv")
    local = Path.home() / ".local" / "bin" / "uv"
    if found and Path(found) == local:
        return "~/.local/bin/uv"
    return "uv"


def python_command(args: Sequence[str], *, cwd: Path, uv: str = "uv") -> str:
    """``uv run python main.py args`` as typed in ``cwd``: from elsewhere, uv is pointed at the
    project and main.py given by path, so relative paths in ``args`` keep their meaning."""
    if cwd.resolve() == REPO:
        words = ["run", "python", "main.py", *args]
    else:
        words = ["run", "--project", str(REPO), "python", str(REPO / "main.py"), *args]
    return f"{uv} {shlex.join(words)}"


def message(args: Sequence[str], *, cwd: Path | None = None, uv: str | None = None,
            have_xvfb: bool | None = None) -> str:
    """The no-display message for ``main.py`` started with ``args`` (sys.argv[1:])."""
    cwd = Path.cwd() if cwd is None else cwd
    uv = uv_command() if uv is None else uv
    have_xvfb = shutil.which("xvfb-run") is not None if have_xvfb is None else have_xvfb
    lines = [
        "patron: no display found (DISPLAY is not set).",
        "  On a machine without a screen, run it in a virtual one:",
        f"    {shlex.join(['xvfb-run', '-a', '-s', SCREEN])} {python_command(args, cwd=cwd, uv=uv)}",
    ]
    if not have_xvfb:
        sudo = "" if os.geteuid() == 0 else "sudo "
        lines += [
            "  xvfb-run is not installed: run `make demo` as root (it installs it), or",
            f"    {sudo}apt-get install -y {' '.join(XVFB_PACKAGES)}",
        ]
    lines += [
        "  or check it without any screen (nothing is shown):",
        f"    QT_QPA_PLATFORM=offscreen {python_command([*args, '--self-test'], cwd=cwd, uv=uv)}",
    ]
    return "\n".join(lines)
