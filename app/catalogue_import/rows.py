"""One row of a catalogue file checked on its own (no database): each cell parsed into the
product field it sets, or a coded reason why not. Money is parsed from its decimal text into
fen, never through float."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.barcodes import normalize_gtin
from app.errors import PatronError, ValidationError

_PRICE = re.compile(r"^(\d{1,9})(?:\.(\d{1,2}))?$")
_PERCENT = re.compile(r"^(\d{1,3})(?:\.(\d{1,2}))?\s*%?$")
_COUNT = re.compile(r"^\d{1,7}$")
_PLU = re.compile(r"^\d{1,5}$")
_SPLIT = re.compile(r"[|;,\s]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SOLD_BY = {"unit": "unit", "件": "unit", "计件": "unit", "按件": "unit",
            "weight": "weight", "称重": "weight", "按重量": "weight", "散装": "weight"}
_ACTIVE = {"yes": True, "y": True, "true": True, "1": True, "是": True, "启用": True,
           "no": False, "n": False, "false": False, "0": False, "否": False, "停用": False}
LIMITS = {"sku": 40, "name": 200, "name_en": 200, "category": 100}


@dataclass
class Reject:
    """Why one cell (or the whole row, ``column`` "") of a row was refused."""

    row: int
    column: str
    error: PatronError

    @property
    def code(self) -> str:
        return self.error.code

    @property
    def message(self) -> str:
        return self.error.message


@dataclass
class ParsedRow:
    """A row's fields that passed: only what the file gave (an empty cell gives nothing)."""

    row: int
    sku: str
    values: dict[str, Any] = field(default_factory=dict)  # Product field → value
    category: str | None = None
    barcodes: list[str] = field(default_factory=list)


def _price(text: str) -> int:
    match = _PRICE.match(text)
    if match is None:
        if re.match(r"^-\s*\d", text):
            raise ValidationError("import.price_negative", "price “{text}” is negative",
                                  text=text)
        raise ValidationError("import.price_format",
                              "price “{text}” is not a number of yuan such as 12.80", text=text)
    yuan, fen = match.group(1), (match.group(2) or "").ljust(2, "0")
    return int(yuan) * 100 + int(fen)


def _tax(text: str) -> int:
    match = _PERCENT.match(text)
    if match is None:
        raise ValidationError("import.tax_format",
                              "tax rate “{text}” is not a percentage such as 13 or 9%", text=text)
    bp = int(match.group(1)) * 100 + int((match.group(2) or "").ljust(2, "0"))
    if bp > 10000:
        raise ValidationError("import.tax_range", "tax rate “{text}” is above 100 %", text=text)
    return bp


def _count(text: str, column: str) -> int:
    if not _COUNT.match(text):
        raise ValidationError("import.not_count",
                              "“{text}” in {column} is not a whole number of 0 or more",
                              text=text, column=column)
    return int(text)


def _text(text: str, column: str) -> str:
    if _CONTROL.search(text):
        raise ValidationError("import.control_character",
                              "{column} holds a control character", column=column)
    if len(text) > LIMITS[column]:
        raise ValidationError("import.too_long", "{column} is longer than {limit} characters",
                              column=column, limit=LIMITS[column])
    return text


def _barcodes(text: str) -> list[str]:
    codes = []
    for raw in _SPLIT.split(text):
        if not raw:
            continue
        code = normalize_gtin(raw)
        if len(code) == 13 and code[0] == "2":
            raise ValidationError("import.barcode_in_store_range",
                                  "barcode “{code}” is in the in-store range 20–29 that scale "
                                  "labels use; give the product a PLU instead", code=code)
        if code not in codes:
            codes.append(code)
    return codes


def _cell(key: str, text: str, parsed: ParsedRow) -> None:
    if key == "name":
        parsed.values["name"] = _text(text, "name")
    elif key == "name_en":
        parsed.values["name_en"] = _text(text, "name_en")
    elif key == "price":
        parsed.values["price"] = _price(text)
    elif key == "tax_rate":
        parsed.values["tax_rate_bp"] = _tax(text)
    elif key == "category":
        parsed.category = _text(text, "category")
    elif key == "barcodes":
        parsed.barcodes = _barcodes(text)
    elif key == "sold_by":
        sold_by = _SOLD_BY.get(text.lower())
        if sold_by is None:
            raise ValidationError("import.sold_by",
                                  "sold_by “{text}” is neither unit nor weight", text=text)
        parsed.values["sold_by"] = sold_by
    elif key == "plu":
        if not _PLU.match(text):
            raise ValidationError("import.plu_format", "PLU “{text}” is not 1 to 5 digits",
                                  text=text)
        parsed.values["plu"] = text.zfill(5)
    elif key == "bonus_points":
        parsed.values["bonus_points"] = _count(text, "bonus_points")
    elif key in ("unit_weight_g", "weight_tolerance_g"):
        grams = _count(text, key)
        if key == "unit_weight_g" and grams == 0:
            raise ValidationError("import.weight_zero", "unit_weight_g must be more than 0")
        parsed.values[key] = grams
    elif key == "active":
        active = _ACTIVE.get(text.lower())
        if active is None:
            raise ValidationError("import.active_format", "active “{text}” is not yes or no",
                                  text=text)
        parsed.values["active"] = active


def parse_row(number: int, keys: list[str], cells: list[str]) -> tuple[ParsedRow | None,
                                                                        list[Reject]]:
    """The row's fields, or every reason it is refused (all of them, not just the first)."""
    if len(cells) > len(keys) and any(c.strip() for c in cells[len(keys):]):
        return None, [Reject(number, "", ValidationError(
            "import.column_count", "the row has {found} cells; the header has {expected}",
            found=len(cells), expected=len(keys)))]
    if len(cells) < len(keys):
        return None, [Reject(number, "", ValidationError(
            "import.column_count", "the row has {found} cells; the header has {expected}",
            found=len(cells), expected=len(keys)))]
    cells = [c.strip() for c in cells[:len(keys)]]
    by_key = dict(zip(keys, cells, strict=True))
    rejects: list[Reject] = []
    sku = by_key["sku"]
    if not sku:
        rejects.append(Reject(number, "sku", ValidationError("import.required",
                                                             "{column} is empty", column="sku")))
    else:
        try:
            _text(sku, "sku")
        except PatronError as exc:
            rejects.append(Reject(number, "sku", exc))
    parsed = ParsedRow(number, sku)
    for key, text in by_key.items():
        if key == "sku":
            continue
        if not text:
            if key in ("name", "price"):
                rejects.append(Reject(number, key, ValidationError(
                    "import.required", "{column} is empty", column=key)))
            continue
        try:
            _cell(key, text, parsed)
        except PatronError as exc:
            rejects.append(Reject(number, key, exc))
    return (None if rejects else parsed), rejects
