"""The base model and field conventions shared by every table."""

from __future__ import annotations

import peewee as pw

from app.clock import utcnow
from app.db import database


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


def index_where_set(model: type[BaseModel], field: pw.Field, name: str, *on: pw.Field) -> None:
    """Index ``on`` (default: ``field``) only over the rows where the optional ``field`` is
    set: rows without it (most, for many links) then cost that index nothing on write."""
    model.add_index(model.index(*(on or (field,)), name=name).where(field.is_null(False)))


def created_at_field(index: bool = True) -> pw.DateTimeField:
    return pw.DateTimeField(default=utcnow, index=index)


class MoneyField(pw.BigIntegerField):
    """Integer minor units (fen / cents). Never float, never NUMERIC (SQLite sums NUMERIC as
    float)."""

    def db_value(self, value: object) -> object:
        if isinstance(value, float):
            raise TypeError("money must be an integer number of minor units, not float")
        return super().db_value(value)
