"""Screenshots of the cashier window and every dialog, at 1024×768 and 1920×1080, in Chinese
and English, taken from the real window on a throwaway demo database with simulated devices.

    uv run python scripts/screenshots.py            # every scene -> docs/screenshots/all/,
                                                    # and the README's few -> docs/screenshots/
    uv run python scripts/screenshots.py --readme   # only the README's few
    uv run python scripts/screenshots.py --size 1024x768 --lang en --scene payment_card

Each size runs in a child process whose offscreen screen IS that size (Qt's offscreen platform
reads its screens from a JSON file), so the window and the dialogs place and size themselves
as they would on that till; the customer display is pictured alone at the same size.
A picture shows the whole screen (window and dialog over it), named
``<scene>_<size>_<language>.png``.

The walk through the scenes (:func:`walk`) is shared with the layout audit
(tests/ui/test_layout_audit.py), which checks the same widgets the pictures show.
Needs a CJK font on the machine for the Chinese ones (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

README_DIR = REPO / "docs" / "screenshots"
ALL = README_DIR / "all"  # every scene: made by `make screenshots`, ignored by git
SIZES = {"1024x768": (1024, 768), "1920x1080": (1920, 1080)}
LANGUAGES = ("zh_CN", "en")
# The README shows these few (committed); the full set, 124 pictures of ~14 MB that change
# with every layout tweak, is made into docs/screenshots/all/ and kept out of git.
README_SHOTS = [("cart", "1024x768", "zh_CN"), ("cart", "1920x1080", "en"),
                ("payment_cash", "1024x768", "en"), ("customer_display_cart", "1920x1080", "zh_CN")]
# Every scene :func:`walk` shows, in order; the audit is parametrised over these names.
SCENES = [
    "sign_in", "shift_open", "cart_empty", "customer_display_idle", "cart",
    "customer_display_cart", "search_results", "cart_keypad", "quantity_entry", "price_entry", "discount", "weigh", "pin_pad",
    "member_search", "new_member", "new_member_error", "payment_cash", "payment_card",
    "payment_points", "payment_qr", "payment_coupon", "change_due", "customer_display_change",
    "history", "refund", "x_report", "devices_pin", "devices", "shift_close", "shift_close_pin",
    "z_report",
]
MANAGER_PIN = "9999"  # app.demo.DEMO_PINS


def screen_config(size: tuple[int, int]) -> dict[str, Any]:
    """One screen of ``size``. (The customer display, alone on a screen, then covers it: the
    offscreen platform lists a second screen first, and the display would take the till's.)"""
    w, h = size
    return {"screens": [{"name": "till", "x": 0, "y": 0, "width": w, "height": h,
                         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


def offscreen_env(size: tuple[int, int], folder: Path) -> dict[str, str]:
    """The environment of a child process whose offscreen screens are ``size``."""
    path = folder / f"screens-{size[0]}x{size[1]}.json"
    path.write_text(json.dumps(screen_config(size)))
    return {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={path}"}


def shoot_in_child(script: str | Path, sizes: dict[str, tuple[int, int]], size_name: str,
                   language: str, out: Path, tmp: Path, options: Iterable[str] = ()) -> None:
    """Run ``script --child`` for one size and language: an offscreen screen of that size and
    a home (demo database, settings) of its own."""
    env = offscreen_env(sizes[size_name], tmp)
    env["PATRON_HOME"] = str(tmp / f"home-{size_name}-{language}")
    subprocess.run([sys.executable, str(script), "--child", "--size", size_name, "--lang",
                    language, "--out", str(out), *options], check=True, env=env)


def copy_to_readme(shots: Iterable[Path]) -> None:
    """The README's few pictures, copied from a run's output folder (those it made)."""
    for shot in shots:
        if shot.exists():
            shutil.copyfile(shot, README_DIR / shot.name)
            print(README_DIR / shot.name)


# -- driving the window ---------------------------------------------------------------------
class Stage:
    """One cashier role on the demo database, in one language, and the waits a walk needs."""

    def __init__(self, role: Any) -> None:
        self.role = role
        self.session = role.session
        self.window = role.window
        self.flows = role.window.flows

    @staticmethod
    def spin(until: Callable[[], bool], what: str, timeout_s: float = 10.0) -> None:
        from PySide6.QtCore import QCoreApplication

        deadline = time.monotonic() + timeout_s
        while not until():
            if time.monotonic() > deadline:
                raise TimeoutError(f"screenshots: {what} did not happen in {timeout_s:.0f} s")
            QCoreApplication.processEvents()
            time.sleep(0.005)

    def idle(self) -> None:
        """Every database call queued so far has run and reached the window."""
        done: list[bool] = []
        self.role.runner.submit(lambda: None, lambda _r: done.append(True))
        self.spin(lambda: bool(done), "the database worker")

    def settle(self) -> None:
        """Apply pending layouts and paints, so geometry is what the screen shows."""
        from PySide6.QtCore import QCoreApplication, QEvent

        for _ in range(4):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            QCoreApplication.processEvents()

    def dialog(self, name: str) -> Any:
        def shown() -> bool:
            d = self.flows.dialog
            return d is not None and d.objectName() == name and d.isVisible()

        self.spin(shown, f"the dialog {name}")
        self.settle()
        return self.flows.dialog

    def close(self, dialog: Any) -> None:
        dialog.busy = False
        dialog.done(0)
        self.spin(lambda: not dialog.isVisible(), "closing the dialog")

    def approve_with_pin(self) -> None:
        pin = self.dialog("pinDialog")
        pin.pin.setText(MANAGER_PIN)
        pin.submit()
        self.spin(lambda: not pin.isVisible(), "the manager approval")

    def dialogs(self) -> list[Any]:
        """The visible dialogs over the window (a change screen, a receipt prompt…)."""
        from PySide6.QtWidgets import QApplication, QDialog

        return [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QDialog) and w.isVisible()]


def walk(stage: Stage) -> Iterator[tuple[str, list[Any]]]:
    """Drive the till through every scene in :data:`SCENES`; yield ``(scene, widgets)`` while
    it shows (``widgets``: the top-levels the scene is about), then move on."""
    from app.barcodes import make_variable_measure

    s, f, w = stage.session, stage.flows, stage.window
    display = stage.role.customer_display
    stage.spin(lambda: s.ready, "the till connecting")

    sign_in = stage.dialog("signInDialog")
    yield "sign_in", [sign_in]
    sign_in.code.setText("c1")
    sign_in.pin.setText("1111")
    sign_in.submit()
    stage.spin(lambda: s.cashier is not None, "signing in")
    opening = stage.dialog("openShiftDialog")
    yield "shift_open", [opening]
    opening.amount.setText("500")
    opening.submit()
    stage.spin(lambda: s.shift is not None and f.dialog is None, "opening the shift")
    stage.settle()
    yield "cart_empty", [w]
    yield "customer_display_idle", [display]

    codes = ["6901939621608", "6901939621608", "6921168509256",
             make_variable_measure("20", "00101", 732), "0012345000065"]
    for code in codes:
        s.handle_scan(code)
        stage.idle()
    s.handle_card(type("Card", (), {"kind": "member", "number": "880000000001"})())
    stage.spin(lambda: s.member is not None, "the member")
    stage.idle()
    s.set_line_discount(0, 50)
    w.cart.select_row(len(s.cart.lines) - 1)
    stage.spin(lambda: w.categories.product_list.count() > 0, "the product tiles")
    w.banner.dismiss()
    stage.settle()
    yield "cart", [w]
    yield "customer_display_cart", [display]
    w.search("xj")  # pinyin initials: bananas, sold loose and pre-packed
    stage.spin(lambda: w.results.list.count() > 0, "the search results")
    stage.idle()
    stage.settle()
    yield "search_results", [w]
    w.show_page(len(w.page_buttons) - 1)  # the keypad page
    stage.settle()
    yield "cart_keypad", [w]
    w.show_page(0)

    for scene, open_it, name in (("quantity_entry", lambda: f.edit_quantity(0), "entryDialog"),
                                 ("price_entry", lambda: f.override_price(0), "entryDialog"),
                                 ("discount", lambda: f.line_discount(0), "discountDialog")):
        open_it()
        d = stage.dialog(name)
        yield scene, [d]
        stage.close(d)

    from app.catalogue import ScanHit

    found: list[Any] = []
    s.submit(lambda: s.till.search("Bananas"), found.extend)  # weighed at the till
    stage.spin(lambda: bool(found), "the bananas")
    f.weigh(ScanHit(found[0], found[0].barcode))
    d = stage.dialog("weighDialog")
    yield "weigh", [d]
    stage.close(d)

    f.no_sale()
    d = stage.dialog("pinDialog")
    yield "pin_pad", [d]
    stage.close(d)

    f.identify()
    d = stage.dialog("identifyDialog")
    yield "member_search", [d]
    stage.close(d)
    f.register()
    d = stage.dialog("registerDialog")
    yield "new_member", [d]
    d.submit()  # nothing typed: the error line appears
    stage.spin(lambda: d.error.isVisible(), "the new-member error line")
    stage.settle()
    yield "new_member_error", [d]
    stage.close(d)

    f.pay()
    pay = stage.dialog("paymentDialog")
    yield "payment_cash", [pay]
    for kind in ("card", "points", "qr", "coupon"):
        pay.page_buttons[kind].click()
        stage.idle()
        stage.settle()
        yield f"payment_{kind}", [pay]
    pay.page_buttons["cash"].click()
    total = pay.total
    pay.cash_edit.setText(str((total // 10000 + 1) * 100))  # the next 100 up: change due
    pay.complete()
    stage.spin(lambda: not pay.isVisible() and not s.cart.lines, "the payment")
    stage.idle()
    stage.settle()
    yield "change_due", [w, *stage.dialogs()]
    yield "customer_display_change", [display]
    for d in stage.dialogs():
        stage.close(d)

    f.history()
    d = stage.dialog("historyDialog")
    stage.spin(lambda: d.table.rowCount() > 0, "the sales list")
    stage.settle()
    yield "history", [d]
    receipt_no = d.sales[0].receipt_no
    stage.close(d)
    f.refund(receipt_no)
    d = stage.dialog("refundDialog")
    stage.spin(lambda: d.sale is not None, "the sale to refund")
    stage.settle()
    yield "refund", [d]
    stage.close(d)

    f.x_report()
    d = stage.dialog("reportDialog")
    stage.idle()
    stage.settle()
    yield "x_report", [d]
    stage.close(d)

    f.devices()
    yield "devices_pin", [stage.dialog("pinDialog")]
    stage.approve_with_pin()
    from ui.devices_screen import DevicesScreen

    def devices_screen() -> Any:
        found = [x for x in w.findChildren(DevicesScreen) if x.isVisible()]
        return found[0] if found else None

    stage.spin(lambda: devices_screen() is not None, "the Devices screen")
    stage.settle()
    screen = devices_screen()
    yield "devices", [screen]
    screen.done(0)
    stage.spin(lambda: not screen.isVisible(), "closing the Devices screen")

    f.close_shift()
    d = stage.dialog("closeShiftDialog")
    yield "shift_close", [d]
    d.submit()
    yield "shift_close_pin", [stage.dialog("pinDialog")]
    stage.approve_with_pin()
    d = stage.dialog("reportDialog")
    stage.idle()
    stage.settle()
    yield "z_report", [d]
    stage.close(d)


def open_till(language: str, state: Path) -> Stage:
    from app.config import SIMULATED_DEVICES, TerminalConfig
    from ui.app import set_language
    from ui.cashier.role import CashierRole

    set_language(language)
    cfg = TerminalConfig(role="cashier", terminal="MA-T1", language=language,
                         devices={k: dict(v) for k, v in SIMULATED_DEVICES.items()})
    cfg.devices["printer"] = {"kind": "capture", "paper_mm": 80}
    cfg.customer_display = True
    role = CashierRole(cfg, demo=True, state_dir=state)
    role.show()
    if role.customer_display is not None:
        # A till's customer display fills a screen of its own; the one offscreen screen
        # stands in for it (a window over the till's window, pictured alone).
        role.customer_display.showFullScreen()
        role.window.activateWindow()
    return Stage(role)


def seed_database(home: Path) -> None:
    """A fresh demo database in ``home`` (PATRON_HOME), bound."""
    os.environ["PATRON_HOME"] = str(home)
    from app.db import bind
    from app.demo import seed_demo

    bind(str(home / "demo.db"))
    seed_demo()


def run(language: str, visit: Callable[[Stage, str, list[Any]], None],
        scenes: set[str] | None = None) -> None:
    """Walk every scene in ``language`` on a fresh demo database (one per language: the walk
    closes the shift), calling ``visit(stage, scene, widgets)`` for the wanted ones."""
    from ui.app import make_application

    make_application(language)
    home = Path(tempfile.mkdtemp(prefix=f"patron-scenes-{language}-"))
    seed_database(home)
    stage = open_till(language, home / "state")
    try:
        for scene, widgets in walk(stage):
            if scenes is None or scene in scenes:
                visit(stage, scene, widgets)
            if scenes is not None and scenes <= {s for s in SCENES[:SCENES.index(scene) + 1]}:
                break  # the rest of the walk shows nothing wanted
    finally:
        for d in stage.dialogs():
            d.busy = False
            d.done(0)
        stage.role.shutdown()
        stage.window.deleteLater()


# -- pictures ---------------------------------------------------------------------------------
def screen_picture(stage: Stage, widgets: list[Any]) -> Any:
    """The screen as the person in front of it sees it: the window, then the scene's dialogs
    over it, each where it is (a part off the screen is cut off); the customer display alone."""
    from PySide6.QtGui import QColor, QPainter, QPixmap

    geo = widgets[0].screen().geometry()
    picture = QPixmap(geo.size())
    picture.fill(QColor("#202020"))
    painter = QPainter(picture)
    display = stage.role.customer_display
    layers = widgets if display in widgets or stage.window in widgets else [
        stage.window, *widgets]
    for top in layers:
        painter.drawPixmap(top.geometry().topLeft() - geo.topLeft(), top.grab())
    painter.end()
    return picture


def shoot_child(size_name: str, languages: list[str], scenes: set[str] | None,
                out: Path) -> list[Path]:
    """In the child process: walk and save a picture of each wanted scene."""
    written: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)

    for language in languages:
        def save(stage: Stage, scene: str, widgets: list[Any], language: str = language) -> None:
            path = out / f"{scene}_{size_name}_{language}.png"
            screen_picture(stage, widgets).save(str(path))
            written.append(path)

        run(language, save, scenes)
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", choices=sorted(SIZES), action="append")
    p.add_argument("--lang", choices=LANGUAGES, action="append")
    p.add_argument("--scene", choices=SCENES, action="append")
    p.add_argument("--readme", action="store_true",
                   help="only the README's pictures (docs/screenshots/)")
    p.add_argument("--out", help=f"folder for every scene (default {ALL.relative_to(REPO)})")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    out = Path(args.out) if args.out else ALL
    if args.child:  # one size, on a screen of that size
        for path in shoot_child(args.size[0], args.lang or list(LANGUAGES),
                                set(args.scene) if args.scene else None, out):
            print(path)
        return 0
    wanted = list(README_SHOTS) if args.readme else [
        (sc, sz, lg) for sz in args.size or SIZES for lg in args.lang or LANGUAGES
        for sc in args.scene or SCENES]
    tmp = Path(tempfile.mkdtemp(prefix="patron-screens-"))
    for size_name in dict.fromkeys(sz for _, sz, _ in wanted):
        for language in dict.fromkeys(lg for _, sz, lg in wanted if sz == size_name):
            scenes = [sc for sc, sz, lg in wanted if sz == size_name and lg == language]
            shoot_in_child(__file__, SIZES, size_name, language, out, tmp,
                           (a for sc in scenes for a in ("--scene", sc)))
    if not args.out:  # the README's few, from the same run
        copy_to_readme(out / f"{scene}_{size_name}_{language}.png"
                       for scene, size_name, language in README_SHOTS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
