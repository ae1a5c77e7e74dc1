"""The columns of a catalogue file: their names (English and the Chinese headers a merchant's
own spreadsheet tends to have), which are required, and what each means.

A column left out of the file leaves that field of an existing product as it is (a new
product gets the default); so does an empty cell. Barcodes listed are added to the product;
barcodes it already has are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import ValidationError


@dataclass(frozen=True)
class Column:
    key: str
    required: bool
    aliases: tuple[str, ...]  # other header names accepted (what each column means is
    # explained on the import page, ui/backoffice/catalogue_import.py, and in the README)


COLUMNS: tuple[Column, ...] = (
    Column("sku", True, ("商品编码", "货号", "编码")),
    Column("name", True, ("品名", "商品名称", "名称")),
    Column("name_en", False, ("英文名", "英文名称")),
    Column("price", True, ("售价", "价格", "零售价")),
    Column("tax_rate", False, ("tax", "税率")),
    Column("category", False, ("分类", "类别")),
    Column("barcodes", False, ("barcode", "条码", "条形码")),
    Column("sold_by", False, ("销售方式",)),
    Column("plu", False, ("称重码",)),
    Column("bonus_points", False, ("奖励积分",)),
    Column("unit_weight_g", False, ("单件重量",)),
    Column("weight_tolerance_g", False, ("重量公差",)),
    Column("active", False, ("启用", "在售")),
)

BY_KEY = {c.key: c for c in COLUMNS}
REQUIRED = tuple(c.key for c in COLUMNS if c.required)


def _fold(text: str) -> str:
    return text.strip().lstrip("\ufeff").lower().replace(" ", "_").replace("-", "_")


_NAMES = {_fold(name): c.key for c in COLUMNS for name in (c.key, *c.aliases)}


def map_header(cells: list[str]) -> list[str]:
    """The column keys of a header row, in file order. Refuses unknown, repeated and missing
    columns: a misspelt "prcie" must not silently become a file without prices."""
    keys: list[str] = []
    for index, cell in enumerate(cells):
        name = (cell or "").strip()
        if not name:
            if any((c or "").strip() for c in cells[index:]):
                raise ValidationError("import.header_blank",
                                      "column {position} of the header has no name",
                                      position=index + 1)
            break  # trailing empty header cells (a spreadsheet's stray formatting)
        key = _NAMES.get(_fold(name))
        if key is None:
            raise ValidationError("import.unknown_column",
                                  "column “{column}” is not known; the columns are: {known}",
                                  column=name, known=", ".join(c.key for c in COLUMNS))
        if key in keys:
            raise ValidationError("import.repeated_column",
                                  "column “{column}” appears twice in the header", column=name)
        keys.append(key)
    missing = [k for k in REQUIRED if k not in keys]
    if missing:
        raise ValidationError("import.missing_columns",
                              "the file has no {columns} column; sku, name and price are "
                              "required", columns=", ".join(missing))
    return keys
