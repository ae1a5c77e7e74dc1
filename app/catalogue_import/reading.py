"""Reading a catalogue file into text cells: CSV in UTF-8 (with or without BOM), GB18030 (as
Chinese Excel saves "CSV") or UTF-16 ("Unicode text"), and XLSX through openpyxl's read-only
mode. The format is told from the bytes, not the file name; an encoding is never guessed
silently: a UTF-8 file with a damaged byte is reported, not read as GB18030 mojibake.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from app.errors import ValidationError

MAX_BYTES = 200 * 1024 * 1024
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # XLS (Excel 97–2003)


@dataclass
class Sheet:
    """A file's rows as text: the header and the data rows with their row numbers (as the
    user sees them: the header is row 1)."""

    name: str
    kind: str  # csv | xlsx
    encoding: str  # utf-8 | utf-8-sig | gb18030 | utf-16 | "" (xlsx)
    digest: str  # sha256 of the bytes: an import checks it is the file the preview read
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


Progress = Callable[[int, int], None]


def read_sheet(path: str | Path, progress: Progress | None = None) -> Sheet:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ValidationError("import.too_large",
                                  "the file is {mb} MB; at most 200 MB are read",
                                  mb=size // (1024 * 1024))
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError("import.unreadable", "the file cannot be read: {detail}",
                              detail=exc.strerror or str(exc)) from None
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ValidationError("import.empty_file", "the file is empty")
    if data.startswith(_ZIP):
        sheet = _read_xlsx(path.name, data, digest, progress)
    elif data.startswith(_OLE):
        raise ValidationError("import.xls", "XLS files (Excel 97–2003) are not read; save the "
                                            "sheet as XLSX or CSV")
    else:
        sheet = _read_csv(path.name, data, digest, progress)
    if not sheet.rows:
        raise ValidationError("import.no_rows", "the file has a header but no product rows")
    return sheet


# -- CSV ----------------------------------------------------------------------------------------
def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", "utf-8-sig"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", "utf-16"), "utf-16"
    if b"\x00" in data:
        raise ValidationError("import.not_text", "the file is neither CSV text nor an XLSX "
                                                 "workbook")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Mostly valid UTF-8 with a damaged spot is a broken UTF-8 file: reading it as GB18030
    # would turn every Chinese name into nonsense without a word.
    # (GB18030 read as UTF-8 gives an error at nearly every ideograph and valid sequences
    # only by rare chance.)
    loose = data.decode("utf-8", errors="replace")
    valid = sum(1 for ch in loose if ord(ch) > 0x7F and ch != "\ufffd")
    spots = len(re.findall("\ufffd+", loose))
    if valid > 2 * spots:
        line = data[:utf8_error.start].count(b"\n") + 1
        raise ValidationError("import.broken_utf8",
                              "the file is UTF-8 with invalid bytes on line {line}; save it "
                              "again as UTF-8", line=line)
    return _strict(data, "gb18030", "gb18030"), "gb18030"


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ValidationError("import.encoding",
                              "the file is neither UTF-8 nor GB18030 text (line {line} cannot "
                              "be read as {encoding})", line=line, encoding=name) from None


def _read_csv(name: str, data: bytes, digest: str, progress: Progress | None) -> Sheet:
    text, encoding = decode(data)
    first = text.split("\n", 1)[0]
    # Excel's "Unicode text" is tab-separated; some European exports use semicolons.
    delimiter = max(",\t;", key=first.count) if first else ","
    delimiter = delimiter if first.count(delimiter) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    total = text.count("\n") + 1
    try:
        header = next(reader, None)
        if header is None:
            raise ValidationError("import.empty_file", "the file is empty")
        sheet = Sheet(name, "csv", encoding, digest, header)
        for cells in reader:
            if any(c.strip() for c in cells):
                sheet.rows.append((reader.line_num, cells))
            if progress and reader.line_num % 2000 == 0:
                progress(reader.line_num, total)
    except csv.Error as exc:
        raise ValidationError("import.csv_syntax", "the file is not valid CSV at line {line}: "
                                                   "{detail}", line=reader.line_num,
                              detail=str(exc)) from None
    return sheet


# -- XLSX ---------------------------------------------------------------------------------------
def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person typed. Numbers never pass through float
    arithmetic: 12.8 stays "12.8" (its shortest repr), 6901939621608.0 becomes the barcode."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    return str(value).strip()


def _read_xlsx(name: str, data: bytes, digest: str, progress: Progress | None) -> Sheet:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # From the bytes, not the path: the format was told from them, whatever the name says.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise ValidationError("import.not_xlsx", "the file is not a readable XLSX workbook: "
                                                 "{detail}", detail=str(exc)) from None
    try:
        sheet_ = book.worksheets[0]
        total = sheet_.max_row or 0
        rows: Iterator = sheet_.iter_rows(values_only=True)
        header_cells = next(rows, None)
        if header_cells is None:
            raise ValidationError("import.empty_file", "the file is empty")
        sheet = Sheet(name, "xlsx", "", digest, [cell_text(v) for v in header_cells])
        for number, values in enumerate(rows, start=2):
            cells = [cell_text(v) for v in values]
            if any(cells):
                sheet.rows.append((number, cells))
            if progress and number % 2000 == 0:
                progress(number, total)
    finally:
        book.close()
    return sheet
