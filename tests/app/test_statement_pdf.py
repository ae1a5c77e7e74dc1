"""The settlement statement as PDF (read back with pdftotext: Chinese names, who owes whom,
the amounts) and as CSV (the same figures), and saving both to a folder."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest

from app.backoffice.actor import Actor
from app.documents.statement import statement_csv, statement_pdf
from app.errors import PermissionDenied
from app.settlement.mailing import save_all_statements, save_statement
from app.settlement.periods import current_period
from app.settlement.runs import run_settlement
from app.settlement.statements import statement
from tests.app.test_settlement_runs import after, earn_and_spend, set_point_value
from tests.ci import require


def pdf_text(data: bytes, tmp_path) -> str:
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    path = tmp_path / "statement.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture
def settled(world):
    set_point_value(2)
    earn_and_spend(world, "x", earn_at_a=1000, spend_at_b=617)
    period = current_period()
    run_id = run_settlement(Actor.of(world.operator), period.first_day,
                            now=after(period)).run_id
    return world, run_id, period


def test_the_pdf_says_who_owes_whom_in_chinese(settled, tmp_path):
    world, run_id, period = settled
    b = statement(Actor.of(world.manager_b), run_id, world.merchant_b.id)
    text = pdf_text(statement_pdf(b), tmp_path)
    assert "积分结算对账单" in text
    assert "茶语轩 应收 百联超市 ¥12.34" in text  # 617 points × 2 fen
    assert "本期净额：茶语轩 应收 ¥12.34" in text
    assert period.first_day.isoformat() in text and "617" in text
    a = statement(Actor.of(world.operator), run_id, world.merchant_a.id)
    text = pdf_text(statement_pdf(a), tmp_path)
    assert "百联超市 应付 茶语轩 ¥12.34" in text and "-¥12.34" in text
    english = pdf_text(statement_pdf(a, "en"), tmp_path)
    assert "百联超市 owes 茶语轩 ¥12.34" in english


def test_the_pdf_embeds_its_font(settled, tmp_path):
    world, run_id, _ = settled
    require(shutil.which("pdffonts") is not None, "pdffonts (poppler-utils) is not installed")
    path = tmp_path / "s.pdf"
    path.write_bytes(statement_pdf(statement(Actor.of(world.operator), run_id,
                                             world.merchant_b.id)))
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)


def test_the_csv_carries_the_same_figures(settled):
    world, run_id, _ = settled
    b = statement(Actor.of(world.operator), run_id, world.merchant_b.id)
    data = statement_csv(b)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(r["counterparty"], r["points_in"], r["amount_minor"]) for r in rows] == [
        ("百联超市", "617", "1234"), ("", "617", "1234")]
    assert rows[0]["says"] == "茶语轩 应收 百联超市 ¥12.34"


def test_saving_writes_both_files_within_scope(settled, tmp_path):
    world, run_id, period = settled
    manager_a = Actor.of(world.manager_a)
    paths = save_statement(manager_a, run_id, world.merchant_a.id, str(tmp_path / "out"))
    assert [p.rsplit("/", 1)[1] for p in paths] == [
        f"statement-MA-{period.first_day.isoformat()}.pdf",
        f"statement-MA-{period.first_day.isoformat()}.csv"]
    with pytest.raises(PermissionDenied):
        save_statement(manager_a, run_id, world.merchant_b.id, str(tmp_path / "other"))
    assert not (tmp_path / "other").exists()


def test_saving_every_statement_covers_what_the_actor_may_see(settled, tmp_path):
    world, run_id, period = settled
    everything = save_all_statements(Actor.of(world.operator), run_id, str(tmp_path / "op"))
    assert len(everything) == 4
    own = save_all_statements(Actor.of(world.manager_b), run_id, str(tmp_path / "m"))
    assert [p.rsplit("/", 1)[1] for p in own] == [
        f"statement-MB-{period.first_day.isoformat()}.pdf",
        f"statement-MB-{period.first_day.isoformat()}.csv"]
