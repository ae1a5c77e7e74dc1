"""Screenshots of every back-office page (the ``PAGES`` list of ui/backoffice/pages.py, so a
page added there appears here by itself), at 1280×800 and 1920×1080, in Chinese and English,
signed in as the demo coalition operator on a throwaway demo database.

    uv run python scripts/screenshots_backoffice.py              # -> docs/screenshots/all/
                                                                 # and the README's pair
    uv run python scripts/screenshots_backoffice.py --size 1280x800 --lang en --page staff

Pictures are named ``backoffice_<page>_<size>_<language>.png``. As for the till's pictures
(scripts/screenshots.py) each size runs in a child process whose offscreen screen is that
size. The walk (:func:`run`) is shared with the back-office layout audit
(tests/ui/test_backoffice_layout.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import screenshots  # noqa: E402  (the till's: screen set-up, demo database, folders)

SIZES = {"1280x800": (1280, 800), "1920x1080": (1920, 1080)}
LANGUAGES = screenshots.LANGUAGES
README_SHOTS = [("merchants", "1280x800", "zh_CN"), ("staff", "1920x1080", "en")]
OPERATOR = ("op", "7777")  # app.demo.DEMO_PINS["operator"]
PAGE_LOAD_S = 60.0  # a page still loading after this is pictured as it is (and says so)


def page_keys() -> list[str]:
    from ui.backoffice.pages import PAGES

    return [spec.key for spec in PAGES]


def settle(window: Any, limit_s: float = PAGE_LOAD_S) -> bool:
    """Let the page's worker calls finish and their results show (True), or give up."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    runner = window.ctx.runner
    deadline = time.monotonic() + limit_s
    quiet = 0
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        quiet = quiet + 1 if runner.pending == 0 else 0
        if quiet >= 5:  # idle across a few turns: a result's follow-up calls have started
            return True
        time.sleep(0.02)
    return False


def run(language: str, visit: Callable[[Any, str, list[Any]], None],
        pages: set[str] | None = None) -> None:
    """Open every back-office page in ``language`` on a fresh demo database, calling
    ``visit(window, page_key, [window])`` once each page has loaded."""
    from app.backoffice.actor import sign_in
    from ui.app import make_application, show_on_screen
    from ui.backoffice.context import BackofficeContext
    from ui.backoffice.window import BackofficeWindow

    make_application(language)
    # A name of letters and digits only: the pages show paths under it (partners' folders),
    # and the layout audit reads snake_case words as raw program text.
    home = Path(tempfile.gettempdir()) / f"patron-backoffice-{language}-{os.getpid()}"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    screenshots.seed_database(home)
    ctx = BackofficeContext()
    window = BackofficeWindow(ctx)
    show_on_screen(window, fullscreen=False)  # as the back-office role opens it
    try:
        window._signed_in(sign_in(*OPERATOR))
        for key in page_keys():
            if pages is not None and key not in pages:
                continue
            window.open_page(key)
            if not settle(window):
                print(f"warning: page {key} still loading after {PAGE_LOAD_S:.0f} s",
                      file=sys.stderr)
            visit(window, key, [window])
    finally:
        window.close()
        ctx.shutdown()


def shoot_child(size_name: str, languages: list[str], pages: set[str] | None,
                out: Path) -> list[Path]:
    written: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)
    for language in languages:
        def save(window: Any, key: str, widgets: list[Any], language: str = language) -> None:
            path = out / f"backoffice_{key}_{size_name}_{language}.png"
            window.grab().save(str(path))
            written.append(path)

        run(language, save, pages)
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", choices=sorted(SIZES), action="append")
    p.add_argument("--lang", choices=LANGUAGES, action="append")
    p.add_argument("--page", action="append", help="a page key of ui/backoffice/pages.py")
    p.add_argument("--readme", action="store_true", help="only the README's pair")
    p.add_argument("--out", help="folder for every picture (default docs/screenshots/all)")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    out = Path(args.out) if args.out else screenshots.ALL
    if args.child:
        for path in shoot_child(args.size[0], args.lang or list(LANGUAGES),
                                set(args.page) if args.page else None, out):
            print(path)
        return 0
    wanted = list(README_SHOTS) if args.readme else [
        (pg, sz, lg) for sz in args.size or SIZES for lg in args.lang or LANGUAGES
        for pg in args.page or page_keys()]
    tmp = Path(tempfile.mkdtemp(prefix="patron-backoffice-screens-"))
    for size_name in dict.fromkeys(sz for _, sz, _ in wanted):
        for language in dict.fromkeys(lg for _, sz, lg in wanted if sz == size_name):
            keys = [pg for pg, sz, lg in wanted if sz == size_name and lg == language]
            screenshots.shoot_in_child(__file__, SIZES, size_name, language, out, tmp,
                                       (a for k in keys for a in ("--page", k)))
    if not args.out:
        screenshots.copy_to_readme(out / f"backoffice_{key}_{size_name}_{language}.png"
                                   for key, size_name, language in README_SHOTS)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
