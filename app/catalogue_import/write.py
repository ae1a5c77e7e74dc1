"""Writing a plan: new categories, then products in batches, their barcodes, and an audit
entry per product changed (before and after). Runs inside the caller's write transaction, so
a failure or a cancel half-way writes nothing. New products are indexed for search batch by
batch (app.search_index.bulk_insert); changed ones through the database's triggers."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache

from app import search_index
from app.backoffice.actor import Actor, audit_change
from app.catalogue_import.plan import Change, Plan, Progress, _tick
from app.clock import utcnow
from app.db import database, is_sqlite
from app.models import AuditEntry, Barcode, Category, Product
from app.pinyin import initials as _initials

BATCH = 1000  # rows per INSERT and per progress report / cancel check
_PRODUCT_FIELDS = ("name", "price", "name_en", "tax_rate_bp", "sold_by", "plu", "bonus_points",
                   "unit_weight_g", "weight_tolerance_g", "active", "category_id")
_PRODUCT_COLUMNS = ("merchant_id", "sku", "pinyin_initials",
                    *(Product._meta.combined[f].column_name for f in _PRODUCT_FIELDS))


# pypinyin reads each run of ideographs on its own (its phrase segmentation never crosses
# other characters), so a name's initials are its runs' initials joined; runs repeat across a
# catalogue (brands, kinds), and pypinyin is the slowest part of writing a new product.
_RUNS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[^\u3400-\u9fff\uf900-\ufaff]+")


@lru_cache(maxsize=100_000)
def _run_initials(run: str) -> str:
    return _initials(run)


def initials(name: str) -> str:
    """app.pinyin.initials, memoised per run of ideographs."""
    return "".join(_run_initials(run) for run in _RUNS.findall(name))


def _chunks(items: list, size: int = BATCH):  # type: ignore[no-untyped-def]
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _insert(model: type, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Many rows in one statement per batch, without building a query object per row (the
    ORM's insert_many spends more time writing SQL than the database spends storing)."""
    if not rows:
        return
    table = model._meta.table_name
    fields = [model._meta.columns[c] for c in columns]
    values = [tuple(f.db_value(v) for f, v in zip(fields, row, strict=True)) for row in rows]
    cursor = database.cursor()
    names = ", ".join(columns)
    if is_sqlite():
        marks = ", ".join("?" for _ in columns)
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", values)
    else:
        from psycopg2.extras import execute_values

        execute_values(cursor, f"INSERT INTO {table} ({names}) VALUES %s", values,
                       page_size=BATCH)


_PG_TYPES = {"price": "bigint", "tax_rate_bp": "integer", "bonus_points": "integer",
             "unit_weight_g": "integer", "weight_tolerance_g": "integer",
             "category_id": "integer", "active": "boolean"}  # the rest: text


def _update(keys: tuple[str, ...], rows: list[tuple]) -> None:
    """``UPDATE product SET <keys> WHERE id`` for many rows: ``rows`` are (id, *values)."""
    fields = [Product._meta.combined[k] for k in keys]
    columns = [f.column_name for f in fields]
    values = [(pid, *(f.db_value(v) for f, v in zip(fields, rest, strict=True)))
              for pid, *rest in rows]
    cursor = database.cursor()
    if is_sqlite():
        sets = ", ".join(f"{c} = ?" for c in columns)
        cursor.executemany(f"UPDATE product SET {sets} WHERE id = ?",
                           [(*rest, pid) for pid, *rest in values])
        return
    from psycopg2.extras import execute_values

    sets = ", ".join(f"{c} = v.{c}" for c in columns)
    # VALUES rows carry no column types: NULLs and literals are cast to the column's.
    template = "(%s::integer, " + ", ".join(
        f"%s::{_PG_TYPES.get(k, 'text')}" for k in keys) + ")"
    execute_values(cursor, f"UPDATE product AS p SET {sets} FROM (VALUES %s) AS v(id, "
                           f"{', '.join(columns)}) WHERE p.id = v.id", values,
                   template=template, page_size=BATCH)


def _insert_products(merchant: int, batch: list[Change],
                     index: Callable[[list[int]], None]) -> None:
    """One multi-row INSERT … RETURNING per batch (both databases), so the new ids come back
    without a second query. The values are already the columns' types (parsed, never float)."""
    rows = [(merchant, c.sku, initials(c.after["name"]), *(c.after[f] for f in _PRODUCT_FIELDS))
            for c in batch]
    mark = "?" if is_sqlite() else "%s"
    one = "(" + ", ".join(mark for _ in _PRODUCT_COLUMNS) + ")"
    cursor = database.cursor()
    cursor.execute(f"INSERT INTO product ({', '.join(_PRODUCT_COLUMNS)}) VALUES "
                   + ", ".join(one for _ in rows) + " RETURNING sku, id",
                   [value for row in rows for value in row])
    ids = dict(cursor.fetchall())
    for c in batch:
        c.product_id = ids[c.sku]
    index([c.product_id for c in batch])


def apply(actor: Actor, plan: Plan, digest: str, progress: Progress | None = None,
          cancelled: Callable[[], bool] | None = None) -> None:
    merchant = plan.merchant_id
    category_ids: dict[str, int] = {}
    for name in plan.new_categories:
        category = Category.create(merchant=merchant, name=name)
        category_ids[name] = category.id
        audit_change(actor, "catalogue.category_created", f"category:{category.id}", None,
                     {"merchant": merchant, "name": name}, file_sha256=digest)
    for change in plan.creates + plan.updates:
        if change.category in category_ids:
            change.after["category_id"] = category_ids[change.category]
    total = len(plan.creates) + len(plan.updates)
    done = 0
    audits: list[tuple] = []
    barcodes: list[tuple] = []
    with search_index.bulk_insert(database.obj, merchant) as index:
        for batch in _chunks(plan.creates):
            _tick(progress, cancelled, "write", done, total)
            _insert_products(merchant, batch, index)
            for c in batch:
                barcodes.extend((merchant, code, c.product_id) for code in c.barcodes)
                audits.append(_audit_row(actor, "catalogue.product_created", c, digest))
            done += len(batch)
    # Updates grouped by the columns they change: one statement per batch of a group, and
    # the search triggers (which fire on any UPDATE OF a name column) only where a name moved.
    groups: dict[tuple[str, ...], list[Change]] = {}
    for c in plan.updates:
        changed = {k: v for k, v in c.after.items() if c.before is not None
                   and c.before.get(k) != v}
        if "name" in changed:
            changed["pinyin_initials"] = initials(changed["name"])
        c.after = {**c.after, **changed}
        if changed:
            groups.setdefault(tuple(sorted(changed)), []).append(c)
        barcodes.extend((merchant, code, c.product_id) for code in c.barcodes)
        audits.append(_audit_row(actor, "catalogue.product_updated", c, digest))
    for columns, changes in groups.items():
        for batch in _chunks(changes):
            _tick(progress, cancelled, "write", done, total)
            _update(columns, [(c.product_id, *(c.after[k] for k in columns)) for c in batch])
            done += len(batch)
    for batch in _chunks(barcodes):
        _insert(Barcode, ("merchant_id", "code", "product_id"), batch)
    for batch in _chunks(audits):
        _insert(AuditEntry, ("at", "action", "actor_id", "target", "detail"), batch)
    _tick(progress, cancelled, "write", total, total)


def _audit_row(actor: Actor, action: str, change: Change, digest: str) -> tuple:
    after = {"sku": change.sku, **change.after}
    if change.barcodes:
        after["barcodes_added"] = change.barcodes
    before = None if change.before is None else {"sku": change.sku, **change.before}
    return (utcnow(), action, actor.staff_id, f"product:{change.product_id}",
            json.dumps({"before": before, "after": after, "file_sha256": digest,
                        "row": change.row}, ensure_ascii=False, sort_keys=True, default=str))
