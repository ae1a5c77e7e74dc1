"""Coupon redemption at 8 tills at once on PostgreSQL (issue 9).

    uv run python bench/bench_coupons.py [--tills 8] [--per-till 150] [--rivals 10]

Issues ``tills × per-till`` coupons (typable ``C…`` codes, one member each), then starts one
process per till; each sells one product per coupon through the real checkout (the coupon is
checked, claimed by its conditional update, the rest paid in cash, points earned). Every
``--rivals``-th coupon of a till is also tried by the next till at the same time, so the
database has to refuse doubles while the tills run. Prints:

    coupon_redemptions_per_s_postgres_8proc: N /s     (sales with a coupon committed / wall time)
    coupon_double_redemptions_postgres: 0             (coupons paying more than one sale)

and on stderr a detail line with the CPU a sale costs the tills and their PostgreSQL backends
(their sum bounds the figure: 2 cores / CPU per sale) and the load average, since the figure
depends on what else the machine runs.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from bench.proc_cpu import process_cpu_s  # noqa: E402

COLA = "6901939621608"  # ¥3.50 in the minimal seed


def worker(url: str, jobs_path: str) -> int:
    """One till: READY, wait for go, redeem its coupons, print one JSON result line."""
    from app.cart import Cart
    from app.catalogue import Catalogue
    from app.checkout import Tender, TillContext, checkout
    from app.db import bind, database
    from app.errors import PatronError
    from app.models import Store

    spec = json.loads(Path(jobs_path).read_text())
    bind(url)
    ctx = TillContext(*spec["ctx"])
    product = Catalogue(Store.get_by_id(ctx.store_id)).scan(COLA)
    print("READY", flush=True)
    sys.stdin.readline()
    sold = refused = 0
    errors: dict[str, int] = {}
    # The till's own CPU and its PostgreSQL backend's, while it sells.
    backend = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    cpu, server_cpu = time.process_time(), process_cpu_s(backend)
    for member_id, code in spec["jobs"]:
        cart = Cart()
        cart.add(product)
        cart.member_id = member_id
        try:
            checkout(cart, [Tender("coupon", reference=code), Tender("cash", 250)], ctx)
            sold += 1
        except PatronError as exc:
            refused += exc.code == "coupon.not_genuine"
            if exc.code != "coupon.not_genuine":
                errors[exc.code] = errors.get(exc.code, 0) + 1
    print(json.dumps({"sold": sold, "refused": refused, "errors": errors,
                      "cpu": time.process_time() - cpu,
                      "server_cpu": process_cpu_s(backend) - server_cpu}), flush=True)
    return 0


def seed(tills: int, per_till: int) -> list[tuple[list, list]]:
    """Tills of store MA and their coupons: [(ctx, [(member id, grouped code)])]."""
    from app import typable_codes
    from app.clock import utcnow
    from app.db import write_tx
    from app.demo import seed_minimal
    from app.models import Coupon, Member, Offer, Setting, Terminal

    world = seed_minimal()
    now = utcnow()
    out = []
    with write_tx():
        # The racing tills' losers are refusals; this bench measures redemption, not the
        # throttle (tests/app/test_coupon_redemption.py covers that).
        Setting.delete().where(Setting.key == "code_attempts_free").execute()
        Setting.create(key="code_attempts_free", value="1000000")
        offer = Offer.create(merchant=world.merchant_a, title="立减1元", title_en="¥1 off",
                             face_value=100, valid_from=now - timedelta(days=1),
                             valid_until=now + timedelta(days=30))
        for t in range(tills):
            terminal = Terminal.create(store=world.store_a, code=f"MA-B{t:02d}",
                                       role="cashier")
            jobs = []
            for n in range(per_till):
                member = Member.create(number=f"7{t:03d}{n:08d}", phone=f"177{t:02d}{n:06d}")
                coupon = Coupon.create(code=f"pending:{uuid.uuid4()}", client_uuid=uuid.uuid4(),
                                       offer=offer, member=member,
                                       valid_until=now + timedelta(days=30))
                code = typable_codes.make("C", coupon.id)
                Coupon.update(code=code.text).where(Coupon.id == coupon.id).execute()
                jobs.append([member.id, code.grouped.lower()])  # typed as a cashier might
            out.append(([world.store_a.id, terminal.id, world.cashier_a.id], jobs))
    return out


def bench(url: str, tills: int, per_till: int, rivals: int, tmp: Path) -> None:
    from app.db import bind, database
    from app.models import Coupon, Payment

    bind(url)
    plans = seed(tills, per_till)
    database.close()
    procs = []
    for t, (ctx, jobs) in enumerate(plans):
        # Every rivals-th coupon of the previous till too, in the same order: they collide.
        prev = plans[t - 1][1]
        mixed = list(jobs)
        for i, job in enumerate(prev[::rivals]):
            mixed.insert(min(len(mixed), i * rivals), job)
        path = tmp / f"till-{t}.json"
        path.write_text(json.dumps({"ctx": ctx, "jobs": mixed}))
        procs.append(subprocess.Popen([sys.executable, __file__, "--worker", url, str(path)],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True))
    for p in procs:
        line = p.stdout.readline().strip()
        if line != "READY":
            raise SystemExit(f"a till did not start: {line} {p.stderr.read()}")
    t0 = time.perf_counter()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=1800)
        if p.returncode != 0:
            raise SystemExit(err)
        results.append(json.loads(out.strip().splitlines()[-1]))
    elapsed = time.perf_counter() - t0
    sold = sum(r["sold"] for r in results)
    errors: dict[str, int] = {}
    for r in results:
        for k, v in r["errors"].items():
            errors[k] = errors.get(k, 0) + v
    bind(url)
    import peewee as pw

    doubles = (Payment.select(Payment.reference).where(Payment.tender == "coupon")
               .group_by(Payment.reference).having(pw.fn.COUNT(Payment.id) > 1).count())
    unused = Coupon.select().where(Coupon.redeemed_sale.is_null()).count()
    database.close()
    print(f"coupon_redemptions_per_s_postgres_{tills}proc: {sold / elapsed:.0f} /s")
    print(f"coupon_double_redemptions_postgres: {doubles}")
    client_cpu = sum(r["cpu"] for r in results)
    server_cpu = sum(r["server_cpu"] for r in results)
    print(f"coupon_bench_detail: {sold} sales, {sum(r['refused'] for r in results)} refused "
          f"rivals, {unused} coupons unused, other errors {errors or 'none'}, "
          f"{elapsed:.1f} s; CPU per sale: tills {client_cpu / sold * 1000:.2f} ms, "
          f"their PostgreSQL backends {server_cpu / sold * 1000:.2f} ms; {os.cpu_count()} cores, load "
          f"average {os.getloadavg()[0]:.2f}", file=sys.stderr)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        return worker(sys.argv[2], sys.argv[3])
    parser = argparse.ArgumentParser()
    parser.add_argument("--tills", type=int, default=8)
    parser.add_argument("--per-till", type=int, default=150)
    parser.add_argument("--rivals", type=int, default=10)
    args = parser.parse_args()
    # A throwaway signing key for this run, inherited by the tills (never the data directory's).
    os.environ["PATRON_SIGNING_KEYS"] = f"bench:{secrets.token_hex(32)}"
    from pgserver import PostgresServer

    server = PostgresServer(durable=True)
    admin = server.start()
    if admin is None:
        print("coupon_redemptions_per_s_postgres_8proc: n/a (PostgreSQL not installed)",
              file=sys.stderr)
        return 0
    try:
        import tempfile

        from app.db import open_database

        db = open_database(admin)
        db.execute_sql("DROP DATABASE IF EXISTS patron_bench_coupons")
        db.execute_sql("CREATE DATABASE patron_bench_coupons")
        db.close()
        with tempfile.TemporaryDirectory() as tmp:
            bench(admin.rsplit("/", 1)[0] + "/patron_bench_coupons", args.tills, args.per_till,
                  args.rivals, Path(tmp))
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
