"""Render the README screenshots of the cashier window with a demo cart, in both languages.

    uv run python scripts/screenshots.py                 # docs/screenshots/cashier_{zh_CN,en}.png
    uv run python scripts/screenshots.py --size 1024x768 --out /tmp/shots

Runs offscreen on a throwaway demo database with simulated devices; needs a CJK font on
the machine for the Chinese one (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def spin(until, timeout_s: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + timeout_s
    while not until():
        if time.monotonic() > deadline:
            raise SystemExit("screenshots: the window did not get there in time")
        QCoreApplication.processEvents()
        time.sleep(0.01)


def demo_cart(role) -> None:  # type: ignore[no-untyped-def]
    from app.barcodes import make_variable_measure

    s = role.session
    flows = role.window.flows
    spin(lambda: s.ready)
    spin(lambda: flows.dialog is not None and flows.dialog.objectName() == "signInDialog")
    flows.dialog.code.setText("c1")
    flows.dialog.pin.setText("1111")
    flows.dialog.submit()
    spin(lambda: s.cashier is not None and (s.shift is not None or (
        flows.dialog is not None and flows.dialog.objectName() == "openShiftDialog")))
    if s.shift is None:
        flows.dialog.amount.setText("500")
        flows.dialog.submit()
        spin(lambda: s.shift is not None)
    codes = ["6901939621608", "6901939621608", "6921168509256",
             make_variable_measure("20", "00101", 732), "0012345000065"]
    for code in codes:
        s.handle_scan(code)
        spin(lambda: not role.runner.pending)
    s.handle_card(type("Card", (), {"kind": "member", "number": "880000000001"})())
    spin(lambda: s.member is not None and not role.runner.pending)
    s.set_line_discount(0, 50)
    role.window.cart.select_row(len(s.cart.lines) - 1)
    spin(lambda: role.window.categories.product_list.count() > 0)
    role.window.banner.dismiss()


def shoot(language: str, size: tuple[int, int], out: Path) -> Path:
    from app.config import SIMULATED_DEVICES, TerminalConfig
    from ui.app import make_application, set_language
    from ui.cashier.role import CashierRole

    qapp = make_application(language)
    set_language(language)
    state = Path(tempfile.mkdtemp(prefix="patron-shot-"))
    cfg = TerminalConfig(role="cashier", terminal="MA-T1", language=language,
                         devices={k: dict(v) for k, v in SIMULATED_DEVICES.items()})
    cfg.devices["printer"] = {"kind": "capture", "paper_mm": 80}
    role = CashierRole(cfg, demo=True, state_dir=state)
    role.show()
    role.window.resize(*size)
    demo_cart(role)
    spin(lambda: all(s == "connected" for s, _ in role.hub.statuses().values()), 5.0) \
        if hasattr(role.hub, "statuses") else None
    for _ in range(20):
        qapp.processEvents()
        time.sleep(0.02)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"cashier_{language}.png"
    role.window.grab().save(str(path))
    role.shutdown()
    return path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", default="1280x800", help="window size, e.g. 1024x768")
    p.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    p.add_argument("--lang", choices=("zh_CN", "en"), action="append")
    args = p.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    home = Path(tempfile.mkdtemp(prefix="patron-shots-"))
    os.environ["PATRON_HOME"] = str(home)
    from app.db import bind
    from app.demo import seed_demo

    bind(str(home / "demo.db"))
    seed_demo()
    for language in args.lang or ["zh_CN", "en"]:
        print(shoot(language, (width, height), Path(args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
