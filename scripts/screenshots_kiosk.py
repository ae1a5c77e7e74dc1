"""Screenshots of the kiosk's scenes — attract, home, offers, identify, join, order, delivery,
slip printed, account, still there?, out of order — at 1080×1920 portrait and 1920×1080
landscape, in Chinese and English, on a throwaway demo database with the capture printer and
the simulated card dispenser behind the real device hub.

    uv run python scripts/screenshots_kiosk.py                 # -> docs/screenshots/all/
                                                               # and the README's pictures
    uv run python scripts/screenshots_kiosk.py --size 1080x1920 --lang en --scene order

Pictures are named ``kiosk_<scene>_<size>_<language>.png``. Each size runs in a child process
whose offscreen screen is that size. The walk (:func:`run`) is shared with the kiosk layout
audit (tests/layout_audit.py --walk kiosk, tests/ui/test_kiosk_layout.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import screenshots  # noqa: E402  (the till's: screen set-up, demo database, folders)

SIZES = {"1080x1920": (1080, 1920), "1920x1080": (1920, 1080)}
LANGUAGES = screenshots.LANGUAGES
SCENES = ["attract", "home", "offers", "identify", "identify_code", "join", "order",
          "delivery", "slip_printed", "account", "return_card", "still_there", "out_of_order"]
README_SHOTS = [("offers", "1080x1920", "zh_CN"), ("delivery", "1080x1920", "en"),
                ("attract", "1920x1080", "en"), ("order", "1920x1080", "zh_CN")]
NEW_PHONE = "13912345678"


def pump(until: Callable[[], bool] | None = None, limit_s: float = 10.0) -> bool:
    """Process events until ``until()`` holds (or a short settle without a condition)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + (limit_s if until else 0.4)
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if until is not None and until():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            return True
        time.sleep(0.01)
    return until is None


def walk(role: Any) -> Iterator[tuple[str, list[Any]]]:
    from app.models import Member, OutboxMessage
    from ui.kiosk.flows import FLOWS
    from ui.kiosk.screens.join import JoinScreen

    win, ctx = role.window, role.ctx
    flows = {f.key: f for f in FLOWS}
    pump(lambda: bool(ctx.offers.offers))
    win.attract.next_slide()
    yield "attract", [win]
    win.start_session()
    pump()
    yield "home", [win]
    win.open_flow(flows["offers"])
    offers = win.top()
    pump(lambda: bool(offers.cards))
    yield "offers", [win]
    offers.choose(offers.cards[0].offer)
    identify = win.top()
    pump()
    yield "identify", [win]
    member = Member.select().order_by(Member.id).first()
    identify.phone.setText(member.phone)
    identify.send()
    pump(lambda: identify.pages.currentIndex() == 1)
    yield "identify_code", [win]
    join = JoinScreen(ctx, NEW_PHONE, lambda _j: None)
    win.push(join)
    pump()
    yield "join", [win]
    win.pop()
    code = (OutboxMessage.select().where(OutboxMessage.recipient == member.phone)
            .order_by(OutboxMessage.id.desc()).first().body)
    identify.code.setText("".join(ch for ch in code if ch.isdigit())[:6])
    identify.confirm()
    pump(lambda: type(win.top()).__name__ == "OrderScreen")
    order = win.top()
    pump(lambda: bool(order.balance.text()))
    yield "order", [win]
    order.order()
    pump(lambda: type(win.top()).__name__ == "DeliveryScreen")
    delivery = win.top()
    pump()
    yield "delivery", [win]
    delivery.print_slip()
    pump(lambda: delivery.state == "printed")
    yield "slip_printed", [win]
    win.home()
    win.open_flow(flows["account"])
    account = win.top()
    pump(lambda: bool(account.rows))
    yield "account", [win]
    win.home()
    win.open_flow(flows["return_card"])
    pump()
    yield "return_card", [win]
    win.still_there.ask(12)
    pump()
    yield "still_there", [win.still_there]  # it covers the window on purpose
    win.still_there.hide()
    win.device_status("printer", "error", "paper out")
    pump()
    yield "out_of_order", [win]


def run(language: str, visit: Callable[[Any, str, list[Any]], None],
        scenes: set[str] | None = None) -> None:
    """Walk the kiosk's scenes in ``language`` on a fresh demo database, calling
    ``visit(role, scene, widgets)`` for the wanted ones."""
    from app.config import TerminalConfig
    from app.models import Setting
    from ui.app import make_application
    from ui.devices import DeviceHub
    from ui.kiosk.role import KioskRole

    make_application(language)
    home = Path(tempfile.mkdtemp(prefix=f"patron-kiosk-{language}-"))
    screenshots.seed_database(home)
    from app import signing_keys

    signing_keys.use_key_file(home / "demo-keys.toml", create=True)  # as the demo does
    Setting.get_or_create(key="registration_points", defaults={"value": "100"})
    hub = DeviceHub({"printer": {"kind": "capture", "status_interval_s": 0.3},
                     "card_dispenser": {"kind": "simulator"}}, data_dir=home / "state")
    hub.start()
    role = KioskRole(TerminalConfig(role="kiosk"), hub=hub, state_dir=home / "state",
                     idle_s=3600)
    role.show()
    try:
        for scene, widgets in walk(role):
            if scenes is None or scene in scenes:
                visit(role, scene, widgets)
    finally:
        role.shutdown()
        hub.stop()


def shoot_child(size_name: str, languages: list[str], scenes: set[str] | None,
                out: Path) -> list[Path]:
    written: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)
    for language in languages:
        def save(role: Any, scene: str, widgets: list[Any], language: str = language) -> None:
            path = out / f"kiosk_{scene}_{size_name}_{language}.png"
            role.window.grab().save(str(path))
            written.append(path)

        run(language, save, scenes)
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", choices=sorted(SIZES), action="append")
    p.add_argument("--lang", choices=LANGUAGES, action="append")
    p.add_argument("--scene", choices=SCENES, action="append")
    p.add_argument("--out", help="folder for every picture (default docs/screenshots/all)")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    out = Path(args.out) if args.out else screenshots.ALL
    if args.child:
        for path in shoot_child(args.size[0], args.lang or list(LANGUAGES),
                                set(args.scene) if args.scene else None, out):
            print(path)
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="patron-kiosk-screens-"))
    for size_name in args.size or SIZES:
        for language in args.lang or LANGUAGES:
            screenshots.shoot_in_child(__file__, SIZES, size_name, language, out, tmp,
                                       (a for s in args.scene or [] for a in ("--scene", s)))
    if not args.out:
        screenshots.copy_to_readme(out / f"kiosk_{scene}_{size_name}_{language}.png"
                                   for scene, size_name, language in README_SHOTS)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
