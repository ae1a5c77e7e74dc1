"""Kiosk benchmarks (issue 9): issuing a coupon, an offer change reaching a running kiosk, and
the kiosk's cold start.

    uv run python bench/bench_kiosk.py [--orders 300] [--changes 5] [--starts 3]

* ``coupon_issue_p95_ms_sqlite`` / ``_postgres``: order → coupon committed
  (app.coupons.ordering.order_offer: offer locked, stock, limit, points spent, code, outbox),
  budgets 50 / 80 ms;
* ``offer_change_to_kiosk_s``: a merchant's change committed → shown on a running kiosk window
  (a real KioskRole, offscreen, its offers feed polling as in production), budget 5 s;
* ``kiosk_cold_start_s``: a new process → the kiosk's attract screen shown with its offers,
  on a prepared database, budget 2 s.

Prints one `metric: value unit` line per figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts")]
os.environ.setdefault("PATRON_SIGNING_KEYS", "k1:" + "5a" * 32)  # codes need a key


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def prepare(url: str) -> None:
    """A migrated database with the minimal coalition, a kiosk, a rich member, one offer."""
    from app import codes, ledger
    from app.clock import utcnow
    from app.db import bind, write_tx
    from app.demo import seed_minimal
    from app.models import Offer, Terminal

    codes.forget_secret()
    bind(url)
    world = seed_minimal()
    now = utcnow()
    with write_tx():
        Terminal.create(store=world.store_a, code="MA-K1", role="kiosk")
        ledger.award(ledger.member_account(world.member), world.merchant_a, 10_000_000,
                     key="registration:bench", reason="bench", source="registration")
        Offer.create(merchant=world.merchant_b, title="龙井买一送一", title_en="Longjing 2-for-1",
                     price_points=100, face_value=1000, valid_from=now - timedelta(days=1),
                     valid_until=now + timedelta(days=30), per_member_limit=1_000_000,
                     stock=1_000_000)


def bench_issue(url: str, label: str, orders: int) -> None:
    from app.coupons.ordering import order_offer
    from app.db import database
    from app.kiosk.terminal import open_kiosk
    from app.models import Member, Offer

    prepare(url)
    kiosk = open_kiosk()
    member = Member.select().first().id
    offer = Offer.select().first().id
    times = []
    for i in range(orders + 10):
        t0 = time.perf_counter()
        order_offer(kiosk, member, offer, str(uuid.uuid4()))
        if i >= 10:  # warm-up excluded
            times.append((time.perf_counter() - t0) * 1000)
    print(f"coupon_issue_p50_ms_{label}: {statistics.median(times):.1f} ms")
    print(f"coupon_issue_p95_ms_{label}: {pct(times, 95):.1f} ms")
    database.close()


def bench_offer_change(db_path: Path, state: Path, changes: int) -> None:
    """A running kiosk window; a merchant publishes a new offer; how long until it shows."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from app.clock import utcnow
    from app.config import TerminalConfig
    from app.db import write_tx
    from app.models import Merchant, Offer
    from ui.app import make_application
    from ui.kiosk.role import KioskRole
    from ui.null_hub import NullHub

    class QuietHub(NullHub):
        def start(self) -> None:
            pass

    prepare(str(db_path))
    make_application("zh_CN")
    role = KioskRole(TerminalConfig(role="kiosk"), hub=QuietHub("bench"), state_dir=state)
    role.show()

    def spin(until, limit_s: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if until():
                return True
        return False

    def shown(title: str) -> bool:
        slides = role.window.attract.slides
        return any(getattr(getattr(slides.widget(i), "offer", None), "title", "") == title
                   for i in range(slides.count()))

    spin(lambda: bool(role.ctx.offers.offers))
    merchant = Merchant.select().first()
    times = []
    for i in range(changes):
        title = f"新品 {i}"
        now = utcnow()
        with write_tx():
            Offer.create(merchant=merchant, title=title, price_points=10 + i,
                         valid_from=now - timedelta(minutes=1), valid_until=now + timedelta(days=1))
        t0 = time.perf_counter()  # committed: the merchant's change is published
        if not spin(lambda t=title: shown(t)):
            raise SystemExit(f"bench: offer {title} never reached the kiosk")
        times.append(time.perf_counter() - t0)
    role.shutdown()
    print(f"offer_change_to_kiosk_s: {max(times):.2f} s")
    print(f"offer_change_to_kiosk_median_s: {statistics.median(times):.2f} s")


def child_cold_start(db_path: str, state: str) -> int:
    """In a fresh process: the kiosk as ``main.py --role kiosk`` builds it; READY once the
    attract screen shows the offers."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from app.config import TerminalConfig
    from app.db import bind
    from ui.app import make_application
    from ui.kiosk.role import KioskRole

    bind(db_path)
    make_application("zh_CN")
    role = KioskRole(TerminalConfig(role="kiosk", devices={}), state_dir=Path(state))
    role.show()
    attract = role.window.attract
    while not (role.window.isVisible() and attract.isVisible() and attract.slides.count() > 1):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    role.shutdown()
    return 0


def bench_cold_start(db_path: Path, state: Path, starts: int) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PATRON_HOME": str(state)}
    times = []
    for _ in range(starts):
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, __file__, "--child-cold-start", str(db_path),
                                 str(state)], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, env=env, text=True)
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - t0
        proc.wait(30)
        if not line.startswith("READY"):
            raise SystemExit("bench: the kiosk cold-start child did not get ready")
        times.append(elapsed)
    print(f"kiosk_cold_start_s: {statistics.median(times):.2f} s")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--orders", type=int, default=300)
    p.add_argument("--changes", type=int, default=5)
    p.add_argument("--starts", type=int, default=3)
    p.add_argument("--child-cold-start", nargs=2, metavar=("DB", "STATE"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child_cold_start:
        return child_cold_start(*args.child_cold_start)
    from app.db import database

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bench_issue(str(work / "issue.db"), "sqlite", args.orders)
        from pgserver import PostgresServer

        server = PostgresServer(durable=True)
        admin = server.start()
        if admin is None:
            print("coupon_issue_p95_ms_postgres: n/a (PostgreSQL not installed)", file=sys.stderr)
        else:
            try:
                from app.db import open_database

                db = open_database(admin)
                db.execute_sql("DROP DATABASE IF EXISTS patron_bench_kiosk")
                db.execute_sql("CREATE DATABASE patron_bench_kiosk")
                db.close()
                bench_issue(admin.rsplit("/", 1)[0] + "/patron_bench_kiosk", "postgres",
                            args.orders)
            finally:
                server.stop()
        bench_offer_change(work / "kiosk.db", work / "state", args.changes)
        database.close()
        bench_cold_start(work / "kiosk.db", work / "cold", args.starts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
