"""The catalogue import as the back office calls it: a dry run, the import, the rejects as
CSV. Each takes the signed-in :class:`~app.backoffice.actor.Actor` first and refuses another
merchant's catalogue to a manager."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.backoffice.actor import Actor, audit_change
from app.catalogue_import.plan import Plan, Progress, RowOutcome, parse_sheet, plan
from app.catalogue_import.reading import Sheet, read_sheet
from app.catalogue_import.rows import Reject
from app.catalogue_import.write import apply
from app.db import lock_row, write_tx
from app.errors import Conflict, NotFound, ValidationError
from app.models import Merchant

Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class MerchantChoice:
    id: int
    code: str
    name: str


@dataclass
class Preview:
    """What a file would do, with nothing written."""

    merchant_id: int
    file_name: str
    kind: str
    encoding: str
    digest: str
    rows: int
    new: int
    updated: int
    unchanged: int
    rejected: int  # rows
    new_categories: list[str]
    sample: list[RowOutcome]
    rejects: list[Reject] = field(default_factory=list)

    @property
    def importable(self) -> int:
        return self.new + self.updated


@dataclass(frozen=True)
class ImportResult:
    merchant_id: int
    created: int
    updated: int
    unchanged: int
    skipped: int  # rejected rows left out by choice
    categories_created: int


def merchant_choices(actor: Actor) -> list[MerchantChoice]:
    """The merchants whose catalogue this actor may import: all for the operator, their own
    for a manager."""
    query = actor.merchants(Merchant.select(), Merchant.id).order_by(Merchant.code)
    return [MerchantChoice(m.id, m.code, m.name) for m in query]


def _merchant(actor: Actor, merchant_id: int) -> None:
    actor.check_merchant(merchant_id)
    if not Merchant.select().where(Merchant.id == merchant_id).exists():
        raise NotFound("import.no_merchant", "merchant {id} does not exist", id=merchant_id)


def _read(path: str | Path, progress: Progress | None) -> Sheet:
    def reading(done: int, total: int) -> None:
        if progress is not None:
            progress("read", done, total)

    return read_sheet(path, reading)


def preview(actor: Actor, merchant_id: int, path: str | Path, *,
            progress: Progress | None = None, cancelled: Cancelled | None = None) -> Preview:
    """The dry run: every row read, checked and compared with the merchant's products."""
    _merchant(actor, merchant_id)
    sheet = _read(path, progress)
    parsed, rejects, outcome = parse_sheet(sheet, progress, cancelled)
    result = plan(merchant_id, sheet, parsed, rejects, outcome, progress, cancelled)
    return Preview(merchant_id, sheet.name, sheet.kind, sheet.encoding, sheet.digest, result.rows,
                   len(result.creates), len(result.updates), result.unchanged,
                   result.rejected_rows, result.new_categories, result.sample, result.rejects)


def import_file(actor: Actor, merchant_id: int, path: str | Path, *,
                skip_rejected: bool = False, expect_digest: str | None = None,
                progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> ImportResult:
    """Import the file in one transaction: all of it, or — when the user chose to skip the
    rejected rows — the rest of it; a failure or a cancel half-way writes nothing. Re-running
    it changes nothing (products are matched by merchant and sku)."""
    _merchant(actor, merchant_id)
    sheet = _read(path, progress)
    if expect_digest is not None and sheet.digest != expect_digest:
        raise Conflict("import.file_changed",
                       "the file changed since the dry run; run the dry run again")
    parsed, rejects, outcome = parse_sheet(sheet, progress, cancelled)
    with write_tx():
        # One import per merchant at a time: a second waits here, then finds the products
        # the first wrote (and changes nothing when it is the same file).
        if lock_row(Merchant, merchant_id) is None:
            raise NotFound("import.no_merchant", "merchant {id} does not exist", id=merchant_id)
        result: Plan = plan(merchant_id, sheet, parsed, rejects, outcome, progress, cancelled)
        if result.rejects and not skip_rejected:
            raise ValidationError("import.has_rejects",
                                  "{rows} rows were rejected; nothing was imported. Correct "
                                  "them, or choose to skip them and import the rest",
                                  rows=result.rejected_rows)
        if result.creates or result.updates:
            apply(actor, result, sheet.digest, progress, cancelled)
            audit_change(actor, "catalogue.import", f"merchant:{merchant_id}", None,
                         {"created": len(result.creates), "updated": len(result.updates),
                          "unchanged": result.unchanged, "skipped": result.rejected_rows},
                         file=sheet.name, file_sha256=sheet.digest, rows=result.rows)
    return ImportResult(merchant_id, len(result.creates), len(result.updates), result.unchanged,
                        result.rejected_rows, len(result.new_categories))


def rejects_csv(rejects: list[Reject], describe: Callable[[Reject], str] | None = None) -> bytes:
    """The rejected rows as CSV (UTF-8 with BOM, so Chinese Excel opens it right): row,
    column, code and reason — ``describe`` gives the reason in the reader's language."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["row", "column", "code", "reason"])
    for r in rejects:
        writer.writerow([r.row, r.column, r.code, describe(r) if describe else r.message])
    return out.getvalue().encode("utf-8-sig")
