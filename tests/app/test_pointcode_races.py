"""Four terminals redeeming the same point codes at the same instant, as separate processes, on
PostgreSQL and SQLite: every code is redeemed exactly once, its points counted once, and the
losers get the uniform refusal — never a raw database error or "database is locked"."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app import ledger
from app.backoffice.actor import sign_in
from app.demo import DEMO_PINS
from app.models import PointCode, Product, Setting, Terminal, Transfer
from app.pointcodes import batches
from app.registration import join

WORKER = Path(__file__).with_name("pointcode_worker.py")
CODES, TERMINALS = 40, 4


def test_colliding_redemptions_have_one_winner_per_code(db_url, db, world, tmp_path):
    Setting.create(key="code_attempts_free", value="100000")  # refusals expected by design
    manager = sign_in("m1", DEMO_PINS["manager"])
    batch = batches.generate_batch(manager, Product.get(Product.sku == "A001").id, CODES, 25)
    codes = [c.code for c in batches.batch_codes(manager, batch.id)]
    procs = []
    for i in range(TERMINALS):
        terminal = Terminal.create(store=world.store_a, code=f"MA-R{i}", role="kiosk")
        member = join(f"1390000{i:04d}", f"会员{i}", store_id=world.store_a.id,
                      terms_accepted=True)
        path = tmp_path / f"jobs-{i}.json"
        ordered = codes if i % 2 == 0 else list(reversed(codes))
        path.write_text(json.dumps({"terminal": terminal.id, "member": member.member_id,
                                    "codes": ordered}))
        procs.append(subprocess.Popen([sys.executable, str(WORKER), db_url, str(path)],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True))
    db.close()  # SQLite: this connection holds no lock while the workers write
    for p in procs:
        assert p.stdout.readline().strip() == "READY", p.stderr.read()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        assert "locked" not in err
        results += [json.loads(line) for line in out.splitlines() if line.strip()]
    assert len(results) == CODES * TERMINALS
    wins = [r for r in results if r["ok"]]
    assert sorted(r["code"] for r in wins) == sorted(codes)  # each code exactly once
    assert {r["error"] for r in results if not r["ok"]} == {"pointcode.not_genuine"}
    assert PointCode.select().where(PointCode.redeemed_at.is_null(False)).count() == CODES
    assert Transfer.select().where(Transfer.source == "code").count() == CODES
    assert ledger.verify() == []
