"""Point code benchmarks (issue 11; budgets in brackets).

    uv run python bench/bench_pointcodes.py [--codes 400] [--collide 100] [--labels 10000]

* ``pointcode_redemptions_per_s_postgres_8proc`` [≥ 300 /s] and
  ``pointcode_double_redemptions_postgres`` [0]: 8 terminal processes on a durable throwaway
  PostgreSQL, each redeeming ``--codes`` codes of its own plus the same ``--collide`` codes
  every other process also tries (in a different order), as 8 different members. The rate is
  successful redemptions per second of wall time from "go" to the last process done.
* ``pointcode_double_redemptions_sqlite_4proc`` [0] and ``pointcode_locked_errors_sqlite_4proc``
  [0]: the same with 4 processes on one SQLite file.
* ``pointcode_client_cpu_ms_per_attempt_postgres`` / ``_sqlite``: the terminal processes' own
  CPU per code tried (won or refused): what the Python side costs, whatever the server does.
* ``pointcode_signature_checks_per_s`` [≥ 50 000 /s]: ``typable_codes.parse`` of scanned codes
  (format, check symbol, HMAC), no database.
* ``label_pdf_10k_s`` [≤ 30 s]: the label sheets of ``--labels`` codes (A4 3 × 8) as one PDF.

A double is a code whose points reached a member more than once (ledger transfers of the
code), or a code reported won by two processes. Prints one ``metric_name: value unit`` per line.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts")]
# A key of the bench's own when none is configured (the workers inherit it).
os.environ.setdefault("PATRON_SIGNING_KEYS", f"bench:{secrets.token_hex(32)}")

import peewee as pw  # noqa: E402

from app import ledger, typable_codes  # noqa: E402
from app.backoffice.actor import sign_in  # noqa: E402
from app.db import bind, database  # noqa: E402
from app.demo import DEMO_PINS, seed_minimal  # noqa: E402
from app.documents import labels  # noqa: E402
from app.models import PointCode, Product, Setting, Terminal, Transfer  # noqa: E402
from app.pointcodes import batches  # noqa: E402
from app.registration import join  # noqa: E402

WORKER = Path(__file__).with_name("pointcode_bench_worker.py")


def race(url: str, procs: int, own: int, collide: int, tmp: Path) -> dict[str, float]:
    """``procs`` processes redeeming; returns won, elapsed_s, doubles, locked, other."""
    bind(url)
    world = seed_minimal()
    Setting.create(key="code_attempts_free", value="10000000")  # refusals are by design here
    manager = sign_in("m1", DEMO_PINS["manager"])
    product = Product.get(Product.sku == "A001")
    total = procs * own + collide
    batch_codes: list[str] = []
    for start in range(0, total, batches.MAX_BATCH):
        batch = batches.generate_batch(manager, product.id, min(batches.MAX_BATCH,
                                                                total - start), 10)
        batch_codes += [c.code for c in batches.batch_codes(manager, batch.id)]
    shared = batch_codes[procs * own:]
    workers = []
    for i in range(procs):
        terminal = Terminal.create(store=world.store_a, code=f"MA-B{i}", role="kiosk")
        member = join(f"1370000{i:04d}", f"压测{i}", store_id=world.store_a.id,
                      terms_accepted=True)
        mine = batch_codes[i * own:(i + 1) * own]
        # interleave the colliding codes through the process's own, each process in its order
        theirs = shared if i % 2 == 0 else list(reversed(shared))
        step = max(1, len(mine) // max(1, len(theirs)))
        jobs: list[str] = []
        for k, code in enumerate(mine):
            jobs.append(code)
            if k % step == 0 and theirs:
                jobs.append(theirs.pop(0) if i % 2 == 0 else theirs.pop())
        jobs += theirs
        path = tmp / f"jobs-{i}.json"
        path.write_text(json.dumps({"terminal": terminal.id, "member": member.member_id,
                                    "codes": jobs}))
        workers.append(subprocess.Popen([sys.executable, str(WORKER), url, str(path)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True))
    database.close()  # SQLite: the parent holds no lock while the workers write
    for w in workers:
        line = w.stdout.readline().strip()
        if line != "READY":
            raise RuntimeError(f"worker did not start: {line} {w.stderr.read()}")
    started = time.perf_counter()
    for w in workers:
        w.stdin.write("go\n")
        w.stdin.flush()
    results = []
    for w in workers:
        out, err = w.communicate(timeout=1800)
        if w.returncode != 0:
            raise RuntimeError(f"worker failed: {err}")
        results.append(json.loads(out.strip().splitlines()[-1]))
    elapsed = time.perf_counter() - started
    won = [c for r in results for c in r["won"]]
    database.connect(reuse_if_open=True)
    credited_twice = (Transfer.select(Transfer.source_ref).where(Transfer.source == "code")
                      .group_by(Transfer.source_ref).having(pw.fn.COUNT(Transfer.id) > 1).count())
    redeemed = PointCode.select().where(PointCode.redeemed_at.is_null(False)).count()
    doubles = credited_twice + (len(won) - len(set(won)))
    if redeemed != len(set(won)) or len(set(won)) != total:
        doubles += abs(redeemed - len(set(won)))
        print(f"# {redeemed} codes redeemed, {len(set(won))} won, {total} tried",
              file=sys.stderr)
    problems = ledger.verify()
    if problems:
        print(f"# ledger problems: {problems[:3]}", file=sys.stderr)
    other = [e for r in results for e in r["other"]]
    if other:
        print(f"# other errors: {other[:5]}", file=sys.stderr)
    database.close()
    tried = sum(r["tried"] for r in results)
    return {"won": len(won), "elapsed_s": elapsed, "doubles": doubles,
            "cpu_ms_per_try": 1000 * sum(r["cpu_s"] for r in results) / max(1, tried),
            "locked": sum(r["locked"] for r in results), "other": len(other)}


def bench_postgres(own: int, collide: int) -> None:
    from pgserver import PostgresServer

    server = PostgresServer(durable=True)
    admin = server.start()
    if admin is None:
        print("pointcode_redemptions_per_s_postgres_8proc: n/a (PostgreSQL not installed)",
              file=sys.stderr)
        return
    try:
        from app.db import open_database

        db = open_database(admin)
        db.execute_sql("DROP DATABASE IF EXISTS patron_bench_codes")
        db.execute_sql("CREATE DATABASE patron_bench_codes")
        db.close()
        with tempfile.TemporaryDirectory() as tmp:
            r = race(admin.rsplit("/", 1)[0] + "/patron_bench_codes", 8, own, collide,
                     Path(tmp))
        print(f"pointcode_redemptions_per_s_postgres_8proc: {r['won'] / r['elapsed_s']:.0f} /s")
        print(f"pointcode_double_redemptions_postgres: {r['doubles']:.0f}")
        print(f"pointcode_client_cpu_ms_per_attempt_postgres: {r['cpu_ms_per_try']:.2f} ms")
        print(f"pointcode_bench_load_average: {os.getloadavg()[0]:.2f}")
    finally:
        database.initialize(None)
        server.stop()


def bench_sqlite(own: int, collide: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        r = race(str(Path(tmp) / "codes.db"), 4, own, collide, Path(tmp))
    database.initialize(None)
    print(f"pointcode_double_redemptions_sqlite_4proc: {r['doubles']:.0f}")
    print(f"pointcode_locked_errors_sqlite_4proc: {r['locked']:.0f}")
    print(f"pointcode_redemptions_per_s_sqlite_4proc: {r['won'] / r['elapsed_s']:.0f} /s")
    print(f"pointcode_client_cpu_ms_per_attempt_sqlite: {r['cpu_ms_per_try']:.2f} ms")


def bench_signatures(n: int = 200_000) -> None:
    codes = [typable_codes.make("P", 1_000_000 + i).text for i in range(min(n, 20_000))]
    started = time.perf_counter()
    for i in range(n):
        typable_codes.parse(codes[i % len(codes)], "P")
    elapsed = time.perf_counter() - started
    print(f"pointcode_signature_checks_per_s: {n / elapsed:.0f} /s")


def bench_labels(count: int) -> None:
    rows = [labels.Label(c.text, c.grouped)
            for c in (typable_codes.make("P", 2_000_000 + i) for i in range(count))]
    seen: list[int] = []
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        labels.render_labels(rows, "可口可乐 330ml 经典装", "a4_3x8", Path(tmp) / "l.pdf",
                             points=50, progress=lambda done, _total: seen.append(done))
        elapsed = time.perf_counter() - started
    assert seen and seen[-1] == count
    suffix = "10k" if count == 10_000 else f"{count}"
    print(f"label_pdf_{suffix}_s: {elapsed:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--codes", type=int, default=400, help="codes of each process's own")
    parser.add_argument("--collide", type=int, default=100, help="codes every process tries")
    parser.add_argument("--labels", type=int, default=10_000)
    parser.add_argument("--db", choices=("both", "sqlite", "postgres", "none"), default="both")
    args = parser.parse_args()
    bench_signatures()
    bench_labels(args.labels)
    if args.db in ("both", "sqlite"):
        bench_sqlite(args.codes, args.collide)
    if args.db in ("both", "postgres"):
        bench_postgres(args.codes, args.collide)
    return 0


if __name__ == "__main__":
    sys.exit(main())
