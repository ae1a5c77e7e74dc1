"""A print job as plain values, and its validation.

``{"job_id": str, "paper_mm": 58|80, "ops": [op, ...]}`` where an op is one of::

    {"op": "text", "text": str, "align": "left"|"center"|"right", "bold": bool, "double": bool}
    {"op": "row", "left": str, "right": str, "bold": bool}
    {"op": "rule"}
    {"op": "qr", "data": str, "size": int (1-16, module size in dots), "ec": "L"|"M"|"Q"|"H"}
    {"op": "barcode", "data": str, "symbology": "CODE128"|"EAN13"}
    {"op": "feed", "lines": int (0-255)}
    {"op": "cut", "partial": bool}
    {"op": "drawer", "pin": 2|5}

Optional keys take the defaults below. Amounts are already-formatted text; nothing here
is a number except sizes and line counts. :func:`validate_job` returns a normalised copy
(defaults filled in, control characters removed) or raises :class:`JobError`.
"""

from __future__ import annotations

from typing import Any

from hardware.barcode.symbology import gtin_check_digit, strip_controls

#: Characters per line at font A (12×24 dots) and the printable width in dots (203 dpi).
PAPER_COLUMNS: dict[int, int] = {58: 32, 80: 48}
PRINTABLE_DOTS: dict[int, int] = {58: 384, 80: 576}
PRINTABLE_MM: dict[int, int] = {58: 48, 80: 72}
DEFAULT_PAPER_MM = 80

ALIGNS = ("left", "center", "right")
QR_EC_LEVELS = ("L", "M", "Q", "H")
BARCODE_SYMBOLOGIES = ("CODE128", "EAN13")


class JobError(ValueError):
    """The job is malformed; printing it again will not help."""


def _str(op: dict[str, Any], key: str, default: str | None = None) -> str:
    value = op.get(key, default)
    if not isinstance(value, str):
        raise JobError(f"{op.get('op')}: '{key}' must be text, got {type(value).__name__}")
    return value


def _bool(op: dict[str, Any], key: str) -> bool:
    value = op.get(key, False)
    if not isinstance(value, bool):
        raise JobError(f"{op.get('op')}: '{key}' must be true or false")
    return value


def _int(op: dict[str, Any], key: str, default: int, lo: int, hi: int) -> int:
    value = op.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise JobError(f"{op.get('op')}: '{key}' must be an integer")
    if not lo <= value <= hi:
        raise JobError(f"{op.get('op')}: '{key}' must be within {lo}..{hi}, got {value}")
    return value


def _choice(op: dict[str, Any], key: str, default: str, allowed: tuple[str, ...]) -> str:
    value = op.get(key, default)
    if value not in allowed:
        raise JobError(f"{op.get('op')}: '{key}' must be one of {allowed}, got {value!r}")
    return str(value)


def clean_line_text(text: str) -> str:
    """Printable text: tabs become spaces, CR/LF become line breaks, other controls go."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return strip_controls(text, keep="\n")


def _validate_op(op: Any) -> dict[str, Any]:
    if not isinstance(op, dict):
        raise JobError(f"an op must be a dict, got {type(op).__name__}")
    kind = op.get("op")
    if kind == "text":
        return {
            "op": "text",
            "text": clean_line_text(_str(op, "text")),
            "align": _choice(op, "align", "left", ALIGNS),
            "bold": _bool(op, "bold"),
            "double": _bool(op, "double"),
        }
    if kind == "row":
        return {
            "op": "row",
            "left": clean_line_text(_str(op, "left", "")).replace("\n", " "),
            "right": clean_line_text(_str(op, "right", "")).replace("\n", " "),
            "bold": _bool(op, "bold"),
        }
    if kind == "rule":
        return {"op": "rule"}
    if kind == "qr":
        data = strip_controls(_str(op, "data"), keep="\n\x1d")
        if not data:
            raise JobError("qr: 'data' is empty")
        if len(data.encode("utf-8")) > 2953:
            raise JobError("qr: 'data' is too long for a QR code")
        return {
            "op": "qr",
            "data": data,
            "size": _int(op, "size", 6, 1, 16),
            "ec": _choice(op, "ec", "M", QR_EC_LEVELS),
        }
    if kind == "barcode":
        sym = _choice(op, "symbology", "CODE128", BARCODE_SYMBOLOGIES)
        data = _str(op, "data")
        if sym == "EAN13":
            if not (data.isascii() and data.isdigit() and len(data) in (12, 13)):
                raise JobError(f"barcode: EAN13 needs 12 or 13 digits, got {data!r}")
            check = str(gtin_check_digit(data[:12]))
            if len(data) == 13 and data[12] != check:
                raise JobError(f"barcode: EAN13 {data} has a wrong check digit")
            data = data[:12] + check
        else:
            if not data or not data.isascii() or not data.isprintable():
                raise JobError(f"barcode: CODE128 needs printable ASCII, got {data!r}")
            if len(data) > 80:
                raise JobError("barcode: CODE128 data longer than 80 characters")
        return {"op": "barcode", "data": data, "symbology": sym}
    if kind == "feed":
        return {"op": "feed", "lines": _int(op, "lines", 1, 0, 255)}
    if kind == "cut":
        return {"op": "cut", "partial": _bool(op, "partial")}
    if kind == "drawer":
        pin = _int(op, "pin", 2, 2, 5)
        if pin not in (2, 5):
            raise JobError("drawer: 'pin' must be 2 or 5")
        return {"op": "drawer", "pin": pin}
    raise JobError(f"unknown op {kind!r}")


def validate_job(job: Any, *, paper_mm: int | None = None) -> dict[str, Any]:
    """Check and normalise a job. ``paper_mm`` (the printer's own paper) overrides the job's."""
    if not isinstance(job, dict):
        raise JobError(f"a job must be a dict, got {type(job).__name__}")
    job_id = job.get("job_id")
    if not isinstance(job_id, str) or not job_id.strip():
        raise JobError("a job needs a non-empty text 'job_id'")
    paper = paper_mm if paper_mm is not None else job.get("paper_mm", DEFAULT_PAPER_MM)
    if isinstance(paper, bool) or paper not in PAPER_COLUMNS:
        raise JobError(f"paper_mm must be one of {sorted(PAPER_COLUMNS)}, got {paper!r}")
    ops = job.get("ops")
    if not isinstance(ops, list | tuple):
        raise JobError("a job needs a list of 'ops'")
    return {"job_id": job_id, "paper_mm": int(paper), "ops": [_validate_op(op) for op in ops]}


def needs_kanji_mode(job: dict[str, Any]) -> bool:
    """True when any printed text is outside ASCII (it is then sent as GB18030)."""
    for op in job["ops"]:
        if op["op"] == "text" and not op["text"].isascii():
            return True
        if op["op"] == "row" and not (op["left"].isascii() and op["right"].isascii()):
            return True
    return False
