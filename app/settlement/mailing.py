"""Statement e-mails: after a run, each merchant with a settlement address gets its statement
PDF, queued in the run's transaction (the dispatcher sends it; the key makes it once)."""

from __future__ import annotations

from pathlib import Path

from app.backoffice.actor import Actor
from app.documents import money
from app.documents.statement import file_stem, statement_csv, statement_pdf, total_sentence
from app.messaging.notices import queue
from app.models import Merchant, SettlementLine, SettlementRun
from app.settlement.runs import run_merchants
from app.settlement.statements import build_statement, statement

MESSAGE_KIND = "merchant_statement"


def settlement_email(merchant: Merchant) -> str:
    # Merchant.settlement_email comes with the merchants screen (migration 11); until then,
    # no merchant has an address and no statement is mailed.
    return (getattr(merchant, "settlement_email", "") or "").strip()


def queue_statements(run: SettlementRun) -> int:
    """Queue the run's statement e-mails; returns how many were queued."""
    ids = SettlementLine.select(SettlementLine.merchant).where(SettlementLine.run == run.id)
    queued = 0
    for merchant in Merchant.select().where(Merchant.id.in_(ids)).order_by(Merchant.code):
        address = settlement_email(merchant)
        if not address:
            continue
        stmt = build_statement(run.id, merchant.id)
        language = getattr(merchant, "language", "") or "zh_CN"
        queue(f"settlement:{run.id}:{merchant.code}", "email", address, MESSAGE_KIND,
              language,
              attachments=[(file_stem(stmt) + ".pdf", "application/pdf",
                            statement_pdf(stmt, language if language == "en" else "zh_CN"))],
              merchant=stmt.merchant_name, first_day=stmt.first_day.isoformat(),
              last_day=stmt.last_day.isoformat(), amount=money(stmt.total_minor),
              summary=total_sentence(stmt, "en" if language == "en" else "zh_CN"))
        queued += 1
    return queued


def save_statement(actor: Actor, run_id: int, merchant_id: int, folder: str,
                   language: str = "zh_CN") -> list[str]:
    """Write the statement's PDF and CSV into ``folder``; returns the two paths."""
    stmt = statement(actor, run_id, merchant_id)
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    pdf = target / (file_stem(stmt) + ".pdf")
    csv = target / (file_stem(stmt) + ".csv")
    pdf.write_bytes(statement_pdf(stmt, language))
    csv.write_bytes(statement_csv(stmt, language))
    return [str(pdf), str(csv)]


def save_all_statements(actor: Actor, run_id: int, folder: str,
                        language: str = "zh_CN") -> list[str]:
    """Every statement of the run the actor may see (a manager: their own), PDF and CSV."""
    paths: list[str] = []
    for merchant_id, _, _ in run_merchants(actor, run_id):
        paths += save_statement(actor, run_id, merchant_id, folder, language)
    return paths
