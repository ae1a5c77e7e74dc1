"""Cashier window benchmarks (budgets: scan → line painted p95 ≤ 30 ms with 100 000 products;
cold start to a usable cashier window ≤ 1.5 s).

    uv run python bench/bench_cashier.py [--products 100000] [--scans 300] [--starts 3]

Builds a temporary SQLite database with the real schema (migrations), the minimal demo
world and ``--products`` extra products with EAN-13 barcodes, bulk-inserted. Then:

* scan → line painted: the real cashier window (offscreen), signed in with a shift open;
  a scan is delivered as the device hub delivers one (``scanned``), and the clock stops when
  the cart view paints the changed line. The cart is voided every 25 scans so it stays the
  size of a real basket.
* cold start: a fresh Python process (``--child-cold-start``) from exec to the cashier
  window shown with the till open, the catalogue loaded and the sign-in ready; the median
  of ``--starts`` runs.

Prints one ``metric_name: value unit`` per line.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def build_catalogue(path: Path, products: int) -> list[str]:
    """The demo world plus ``products`` products with barcodes; returns their codes."""
    from app.db import bind, database, write_tx
    from app.demo import ean13, seed_minimal
    from app.models import Category, Merchant

    bind(str(path))
    seed_minimal()
    db = database.obj
    merchant = Merchant.get(Merchant.code == "MA").id
    rng = random.Random(1)
    codes = []
    with write_tx():
        cats = [Category.create(merchant=merchant, name=f"类别{i}", name_en=f"Category {i}",
                                sort=10 + i).id for i in range(20)]
        cur = db.cursor()
        rows = []
        for i in range(products):
            rows.append((merchant, f"B{i:07d}", f"商品{i:06d} 标准装", f"Product {i:06d}",
                         "sp", cats[i % len(cats)], "unit", rng.randrange(100, 20000),
                         1300, 0, 1))
        cur.executemany(
            "INSERT INTO product (merchant_id, sku, name, name_en, pinyin_initials, "
            "category_id, sold_by, price, tax_rate_bp, bonus_points, active) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        first = cur.execute("SELECT MIN(id) FROM product WHERE sku LIKE 'B%'").fetchone()[0]
        barcodes = []
        for i in range(products):
            code = ean13(f"68{i:010d}")
            codes.append(code)
            barcodes.append((merchant, code, first + i))
        cur.executemany("INSERT INTO barcode (merchant_id, code, product_id) VALUES (?, ?, ?)",
                        barcodes)
    db.execute_sql("ANALYZE")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    database.initialize(None)
    return codes


def _spin(qapp, until, timeout_s: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while not until():
        if time.monotonic() > deadline:
            raise SystemExit("bench: the cashier window did not get there in time")
        qapp.processEvents()
        time.sleep(0.001)


def bench_scans(db_path: Path, codes: list[str], scans: int, state: Path) -> list[float]:
    from PySide6.QtCore import QEvent, QObject

    from app.config import TerminalConfig
    from app.db import bind
    from ui.app import make_application
    from ui.cashier.role import CashierRole
    from ui.cashier.session import CartChange
    from ui.null_hub import NullHub

    bind(str(db_path))
    qapp = make_application("en")
    hub = NullHub("benchmark: scans are delivered as the hub delivers them")
    role = CashierRole(TerminalConfig(language="en", terminal="MA-T1", devices={}), hub=hub,
                       state_dir=state)
    role.show()
    role.window.resize(1280, 800)
    s, flows = role.session, role.window.flows
    _spin(qapp, lambda: flows.dialog is not None and flows.dialog.objectName() == "signInDialog")
    flows.dialog.code.setText("c1")
    flows.dialog.pin.setText("1111")
    flows.dialog.submit()
    _spin(qapp, lambda: s.cashier is not None and (s.shift is not None or (
        flows.dialog is not None and flows.dialog.objectName() == "openShiftDialog")))
    if s.shift is None:
        flows.dialog.amount.setText("100")
        flows.dialog.submit()
        _spin(qapp, lambda: s.shift is not None)
    view = role.window.cart.view
    model = role.window.cart.model

    class PaintProbe(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.waiting_rows = -1
            self.painted_at = 0.0

        def eventFilter(self, watched, event):  # type: ignore[no-untyped-def]
            if (event.type() == QEvent.Type.Paint and self.waiting_rows >= 0
                    and model.rowCount() == self.waiting_rows):
                self.painted_at = time.perf_counter()
                self.waiting_rows = -1
            return False

    probe = PaintProbe()
    view.viewport().installEventFilter(probe)
    rng = random.Random(2)
    times = []
    for i in range(scans + 10):
        if len(s.cart.lines) >= 25:  # the customer paid: a fresh basket
            s.cart.clear()
            s._changed(CartChange("reset"))
            _spin(qapp, lambda: not role.runner.pending)
            for _ in range(5):
                qapp.processEvents()
        code = codes[rng.randrange(len(codes))]
        probe.waiting_rows = len(s.cart.lines) + 1
        probe.painted_at = 0.0
        start = time.perf_counter()
        hub.scanned.emit(code)
        _spin(qapp, lambda: probe.painted_at > 0)
        if i >= 10:  # warm-up scans excluded
            times.append((probe.painted_at - start) * 1000)
    role.shutdown()
    return times


def child_cold_start(db_path: str, state: str) -> int:
    """Run in a fresh process: prints READY when the window is usable."""
    from app.config import TerminalConfig
    from app.db import bind
    from ui.app import make_application
    from ui.cashier.role import CashierRole

    bind(db_path)
    qapp = make_application("zh_CN")
    role = CashierRole(TerminalConfig(language="zh_CN", terminal="MA-T1"),
                       state_dir=Path(state))
    ready = {"ok": False}
    role.window.ready.connect(lambda: ready.__setitem__("ok", True))
    role.show()
    cats = role.window.categories
    _spin(qapp, lambda: ready["ok"] and cats.product_list.count() > 0
          and role.window.isVisible())
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    role.shutdown()
    return 0


def bench_cold_start(db_path: Path, starts: int, state: Path) -> list[float]:
    times = []
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PATRON_HOME": str(state)}
    for _ in range(starts):
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, __file__, "--child-cold-start", str(db_path),
                                 str(state)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                env=env, text=True)
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - start
        proc.wait(30)
        if not line.startswith("READY"):
            raise SystemExit("bench: the cold-start child did not get ready")
        times.append(elapsed)
    return times


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--products", type=int, default=100_000)
    p.add_argument("--scans", type=int, default=300)
    p.add_argument("--starts", type=int, default=3)
    p.add_argument("--child-cold-start", nargs=2, metavar=("DB", "STATE"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child_cold_start:
        return child_cold_start(*args.child_cold_start)
    work = Path(tempfile.mkdtemp(prefix="patron-bench-cashier-"))
    os.environ["PATRON_HOME"] = str(work / "home")
    db_path = work / "catalogue.db"
    t0 = time.perf_counter()
    codes = build_catalogue(db_path, args.products)
    build_s = time.perf_counter() - t0
    cold = bench_cold_start(db_path, args.starts, work / "cold")
    times = sorted(bench_scans(db_path, codes, args.scans, work / "state"))
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    print(f"catalogue_products: {args.products} products")
    print(f"catalogue_build_s: {build_s:.2f} s")
    print(f"scan_to_line_painted_p50_ms: {statistics.median(times):.1f} ms")
    print(f"scan_to_line_painted_p95_ms: {p95:.1f} ms")
    print(f"cold_start_cashier_window_s: {statistics.median(cold):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
