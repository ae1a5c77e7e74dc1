"""Statements of the till's hot paths, written once per process instead of built per call.

Peewee builds every query from expression objects; on a sale's commit that building cost more
client time than PostgreSQL spent answering (bench/bench_coupons.py: about 0.3 ms of Python
per statement against 0.06 ms for a fixed one). The helpers here derive their SQL from the
models' own field lists, once per process, so a column a later migration adds is read with
the rest and written with its model default; values go through the fields' own
``db_value`` / ``python_value``, exactly as peewee would convert them.

Placeholders are written ``?`` and put into the bound database's style by ``sql()``; the
text holds no other ``?`` and no ``%`` (psycopg2 formats the statement with its parameters).
On PostgreSQL each text is prepared once per connection (``PREPARE``) and run by name.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import Any

import peewee as pw

from app.db import database

_SQL: dict[tuple[str, str], str] = {}
_INSERTS: dict[tuple[type[pw.Model], int, bool, bool], tuple[str, list[pw.Field]]] = {}
_COLUMNS: dict[tuple[type[pw.Model], str], str] = {}


def sql(text: str) -> str:
    """``text`` (written with ``?`` placeholders) in the bound database's placeholder style."""
    param = database.obj.param
    found = _SQL.get((text, param))
    if found is None:
        found = _SQL[(text, param)] = text.replace("?", param)
    return found


def execute(text: str, params: Sequence[object] = ()) -> Any:
    """Run one fixed statement; returns the driver's cursor. On PostgreSQL the statement is
    prepared once per connection and then executed by name, so the server neither parses nor
    plans it again (that was half of a sale's server time)."""
    db = database.obj
    if not isinstance(db, pw.PostgresqlDatabase):
        return db.execute_sql(sql(text), params)
    return _run(db, [(text, params)])


def execute_many(statements: list[tuple[str, Sequence[object]]]) -> Any:
    """Run ``statements`` in order and return the last one's cursor (its rows, its row
    count): on PostgreSQL in one round trip, so writes whose results nobody reads travel with
    the one whose result is read."""
    db = database.obj
    if not isinstance(db, pw.PostgresqlDatabase):
        for text, params in statements[:-1]:
            db.execute_sql(sql(text), params)
        text, params = statements[-1]
        return db.execute_sql(sql(text), params)
    return _run(db, statements)


def _run(db: pw.Database, statements: list[tuple[str, Sequence[object]]]) -> Any:
    calls, flat = [], []
    for text, params in statements:
        calls.append(_call(_name(text), params))
        flat.extend(params)
    call = "; ".join(calls)
    for text, _params in statements:
        _prepare(db, _name(text), text)
    try:
        return db.execute_sql(call, flat)
    except pw.DatabaseError as exc:
        # A connection reopened by app.db's healing (outside a transaction) has nothing
        # prepared yet: prepare there and run the statements once more.
        driver_error = exc.__context__  # peewee raises its own error from psycopg2's
        if getattr(driver_error, "pgcode", None) != _NOT_PREPARED or db.in_transaction():
            raise
        _prepared.pop(db.connection(), None)
        db.execute_sql("DEALLOCATE ALL")  # the server's list and ours start again, both empty
        for text, _params in statements:
            _prepare(db, _name(text), text)
        return db.execute_sql(call, flat)


def _name(text: str) -> str:
    name = _NAMES.get(text)
    if name is None:
        name = _NAMES[text] = f"fixed_{len(_NAMES)}"
    return name


def _call(name: str, params: Sequence[object]) -> str:
    return f"EXECUTE {name}({', '.join(['%s'] * len(params))})" if params else f"EXECUTE {name}"


_NAMES: dict[str, str] = {}
_NOT_PREPARED = "26000"  # invalid_sql_statement_name: no such prepared statement
# The statements prepared on each open PostgreSQL connection (forgotten with the connection).
_prepared: weakref.WeakKeyDictionary[object, set[str]] = weakref.WeakKeyDictionary()


def _prepare(db: pw.Database, name: str, text: str) -> None:
    conn = db.connection()
    done = _prepared.get(conn)
    if done is None:
        done = _prepared[conn] = set()
    if name in done:
        return
    parts = text.split("?")
    numbered = "".join(f"{part}${n}" for n, part in enumerate(parts[:-1], start=1)) + parts[-1]
    # Parameter types come from where each one is used (a column, a comparison).
    db.execute_sql(f"PREPARE {name} AS {numbered}")
    done.add(name)


def fields(model: type[pw.Model]) -> list[pw.Field]:
    return model._meta.sorted_fields


def columns(model: type[pw.Model], alias: str) -> str:
    """Every column of ``model`` as ``alias."column", …`` in :func:`fields` order."""
    key = (model, alias)
    found = _COLUMNS.get(key)
    if found is None:
        found = _COLUMNS[key] = ", ".join(f'{alias}."{f.column_name}"' for f in fields(model))
    return found


def instance(model: type[pw.Model], values: Sequence[object]) -> pw.Model | None:
    """A ``model`` row read with :func:`columns` (``values`` in that order), as a model
    instance like peewee's own select would give; None when its primary key is NULL (an
    outer join that found nothing)."""
    fs = fields(model)
    if values[0] is None and fs[0].primary_key:
        return None
    obj = model(__no_default__=1)
    obj.__data__ = {f.name: (None if v is None else f.python_value(v))
                    for f, v in zip(fs, values, strict=True)}
    obj._dirty = set()
    return obj


def insert(model: type[pw.Model], rows: list[dict[str, object]], *,
           returning_id: bool = False, ignore_taken: bool = False) -> int | None:
    """Insert ``rows`` (by field name; a missing field gets its model default) in one
    statement; with ``returning_id`` the (first) new row's id; with ``ignore_taken`` a row
    whose unique key is already taken is skipped (``ON CONFLICT DO NOTHING``)."""
    cursor = execute(*insert_statement(model, rows, returning_id=returning_id,
                                       ignore_taken=ignore_taken))
    if not returning_id:
        return None
    row = cursor.fetchone()
    return None if row is None else row[0]


def insert_statement(model: type[pw.Model], rows: list[dict[str, object]], *,
                     returning_id: bool = False, ignore_taken: bool = False
                     ) -> tuple[str, list[object]]:
    """The statement and parameters :func:`insert` runs (for :func:`execute_many`)."""
    key = (model, len(rows), returning_id, ignore_taken)
    found = _INSERTS.get(key)
    if found is None:
        written = [f for f in fields(model) if not isinstance(f, pw.AutoField)]
        names = ", ".join(f'"{f.column_name}"' for f in written)
        row = "(" + ", ".join(["?"] * len(written)) + ")"
        text = (f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES '
                + ", ".join([row] * len(rows))
                + (" ON CONFLICT DO NOTHING" if ignore_taken else "")
                + (" RETURNING id" if returning_id else ""))
        found = _INSERTS[key] = (text, written)
    text, written = found
    params: list[object] = []
    for values in rows:
        for f in written:
            if f.name in values:
                value = values[f.name]
            else:
                value = f.default() if callable(f.default) else f.default
            params.append(None if value is None else f.db_value(value))
    return text, params
