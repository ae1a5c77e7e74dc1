"""Deciding what a catalogue file would do to one merchant's products: which rows are new,
which change a product, which change nothing, and which are refused and why.

The same plan serves the dry run (outside any transaction) and the import (inside the write
transaction, against the rows as they are then), so the preview shows exactly what the
import will write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.catalogue_import.columns import map_header
from app.catalogue_import.reading import Sheet
from app.catalogue_import.rows import ParsedRow, Reject, parse_row
from app.db import database
from app.errors import PatronError, ValidationError
from app.models import Barcode, Category, Product

# Product fields a file can set, and what a new product gets when the file leaves one out.
DEFAULTS: dict[str, Any] = {
    "name_en": "", "tax_rate_bp": 1300, "sold_by": "unit", "plu": None, "bonus_points": 0,
    "unit_weight_g": None, "weight_tolerance_g": None, "active": True, "category_id": None,
}
FIELDS = ("name", "price", *DEFAULTS)
SAMPLE_ROWS = 100
CHECK_EVERY = 1000  # rows between progress reports and cancel checks

Progress = Callable[[str, int, int], None]  # stage, done, total


class ImportCancelled(PatronError):
    """The user cancelled a dry run or an import: nothing was written."""


@dataclass(frozen=True)
class RowOutcome:
    row: int
    sku: str
    name: str
    price: int | None
    status: str  # new | updated | unchanged | rejected


@dataclass
class Change:
    """One product to create (``product_id`` None) or update, with the barcodes to add."""

    row: int
    sku: str
    product_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any]
    category: str | None  # a category name the import creates (category_id filled in later)
    barcodes: list[str]


@dataclass
class Plan:
    merchant_id: int
    rows: int
    creates: list[Change] = field(default_factory=list)
    updates: list[Change] = field(default_factory=list)
    unchanged: int = 0
    rejects: list[Reject] = field(default_factory=list)
    new_categories: list[str] = field(default_factory=list)
    sample: list[RowOutcome] = field(default_factory=list)

    @property
    def rejected_rows(self) -> int:
        return len({r.row for r in self.rejects})


def parse_sheet(sheet: Sheet, progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None
                ) -> tuple[list[ParsedRow], list[Reject], dict[int, ParsedRow | None]]:
    """Every row checked on its own and against the other rows of the file (a sku, barcode or
    PLU given twice): the rows that passed, the rejects, and each row number's outcome."""
    keys = map_header(sheet.header)
    parsed: list[ParsedRow] = []
    rejects: list[Reject] = []
    seen_sku: dict[str, int] = {}
    seen_code: dict[str, int] = {}
    seen_plu: dict[str, int] = {}
    outcome: dict[int, ParsedRow | None] = {}
    total = len(sheet.rows)
    for index, (number, cells) in enumerate(sheet.rows):
        if index % CHECK_EVERY == 0:
            _tick(progress, cancelled, "check", index, total)
        row, problems = parse_row(number, keys, cells)
        sku = row.sku if row else _sku_of(keys, cells)
        if sku:
            first = seen_sku.setdefault(sku, number)
            if first != number:
                problems.append(Reject(number, "sku", ValidationError(
                    "import.duplicate_sku", "sku “{sku}” is also on row {first}",
                    sku=sku, first=first)))
        if row is not None:
            for code in row.barcodes:
                first = seen_code.setdefault(code, number)
                if first != number:
                    problems.append(Reject(number, "barcodes", ValidationError(
                        "import.duplicate_barcode", "barcode “{code}” is also on row {first}",
                        code=code, first=first)))
            plu = row.values.get("plu")
            if plu:
                first = seen_plu.setdefault(plu, number)
                if first != number:
                    problems.append(Reject(number, "plu", ValidationError(
                        "import.duplicate_plu", "PLU “{plu}” is also on row {first}",
                        plu=plu, first=first)))
        if problems:
            rejects.extend(problems)
            outcome[number] = None
        else:
            parsed.append(row)
            outcome[number] = row
    _tick(progress, cancelled, "check", total, total)
    return parsed, rejects, outcome


def _sku_of(keys: list[str], cells: list[str]) -> str:
    index = keys.index("sku")
    return cells[index].strip() if index < len(cells) else ""


def _tick(progress: Progress | None, cancelled: Callable[[], bool] | None, stage: str,
          done: int, total: int) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelled("import.cancelled", "cancelled; nothing was imported")
    if progress is not None:
        progress(stage, done, total)


def plan(merchant_id: int, sheet: Sheet, parsed: list[ParsedRow], rejects: list[Reject],
         outcome: dict[int, ParsedRow | None], progress: Progress | None = None,
         cancelled: Callable[[], bool] | None = None) -> Plan:
    """Compare the file's rows with the merchant's products as they are now."""
    # Raw cursors: the ORM's per-value conversion would cost more than the comparison.
    active = FIELDS.index("active")
    products = {}
    for pid, sku, *values in database.execute(Product.select(
            Product.id, Product.sku, *(Product._meta.combined[f] for f in FIELDS)
    ).where(Product.merchant == merchant_id)):
        values[active] = bool(values[active])  # SQLite answers 1 / 0
        products[sku] = (pid, dict(zip(FIELDS, values, strict=True)))
    sku_of_id = {pid: sku for sku, (pid, _) in products.items()}
    codes = dict(database.execute(Barcode.select(Barcode.code, Barcode.product).where(
        Barcode.merchant == merchant_id)))
    plus = {values["plu"]: sku for sku, (_, values) in products.items() if values["plu"]}
    categories = dict(Category.select(Category.name, Category.id).where(
        Category.merchant == merchant_id).tuples())
    result = Plan(merchant_id, len(sheet.rows), rejects=list(rejects))
    total = len(parsed)
    rejected_now: set[int] = set()
    for index, row in enumerate(parsed):
        if index % CHECK_EVERY == 0:
            _tick(progress, cancelled, "compare", index, total)
        found = products.get(row.sku)
        own_id = found[0] if found else None
        problems = []
        for code in row.barcodes:
            owner = codes.get(code)
            if owner is not None and owner != own_id:
                problems.append(Reject(row.row, "barcodes", ValidationError(
                    "import.barcode_taken", "barcode “{code}” belongs to product {sku}",
                    code=code, sku=sku_of_id.get(owner, "?"))))
        plu = row.values.get("plu")
        if plu and plus.get(plu, row.sku) != row.sku:
            problems.append(Reject(row.row, "plu", ValidationError(
                "import.plu_taken", "PLU “{plu}” belongs to product {sku}",
                plu=plu, sku=plus[plu])))
        if problems:
            result.rejects.extend(problems)
            rejected_now.add(row.row)
            continue
        category_id = None
        if row.category is not None:
            category_id = categories.get(row.category)
            if category_id is None and row.category not in result.new_categories:
                result.new_categories.append(row.category)
        given = dict(row.values)
        if row.category is not None:
            given["category_id"] = category_id
        new_codes = [c for c in row.barcodes if c not in codes]  # others' codes were refused
        if found is None:
            after = {**DEFAULTS, **given}
            result.creates.append(Change(row.row, row.sku, None, None, after, row.category,
                                         new_codes))
            continue
        before = found[1]
        after = {**before, **given}
        if after != before or new_codes or (row.category is not None and category_id is None):
            result.updates.append(Change(row.row, row.sku, own_id, before, after, row.category,
                                         new_codes))
        else:
            result.unchanged += 1
    _tick(progress, cancelled, "compare", total, total)
    result.rejects.sort(key=lambda r: r.row)
    result.sample = _sample(sheet, outcome, result, rejected_now)
    return result


def _sample(sheet: Sheet, outcome: dict[int, ParsedRow | None], result: Plan,
            rejected_now: set[int]) -> list[RowOutcome]:
    status = {c.row: "new" for c in result.creates[:SAMPLE_ROWS]}
    status.update({c.row: "updated" for c in result.updates[:SAMPLE_ROWS]})
    sample = []
    for number, _cells in sheet.rows[:SAMPLE_ROWS]:
        row = outcome.get(number)
        if row is None or number in rejected_now:
            cells = dict(zip(map_header(sheet.header), _cells, strict=False))
            sample.append(RowOutcome(number, cells.get("sku", "").strip(),
                                     cells.get("name", "").strip(), None, "rejected"))
        else:
            sample.append(RowOutcome(number, row.sku, row.values.get("name", ""),
                                     row.values.get("price"),
                                     status.get(number, "unchanged")))
    return sample
