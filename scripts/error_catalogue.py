"""The catalogue of domain error codes, read from the source of ``app/`` (nothing is imported).

Every ``XError("area.what", "english template {param}", param=...)`` call in ``app/`` whose
class is a ``PatronError`` subclass is a *site*: its code and template become one entry of the
"Errors" context in the Qt translations (source text = template, disambiguation = code). A call
that does not have that shape (a bare message, an f-string, a positional ``{0}`` field, a field
without its keyword) is an *offender*: it cannot be translated by code.

Used by scripts/build_translations.py (to feed lupdate and list missing translations) and by
tests/test_error_codes.py.
"""

from __future__ import annotations

import ast
import re
import string
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "app"
CONTEXT = "Errors"
BASE = "PatronError"
CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


@dataclass(frozen=True)
class Site:
    path: str
    line: int
    cls: str
    code: str
    template: str
    params: frozenset[str] | None  # None when the call passes **kwargs (names unknown)


@dataclass(frozen=True)
class Offender:
    path: str
    line: int
    cls: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.cls}: {self.problem}"


def fields(template: str) -> set[str]:
    """The replacement-field names of a ``str.format`` template ("" for a positional one)."""
    names = set()
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None:
            names.add(re.split(r"[.\[]", name, maxsplit=1)[0])
    return names


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def error_classes(trees: Iterable[ast.Module]) -> set[str]:
    """``PatronError`` and every class in the scanned code that derives from it."""
    classes = [(n.name, {_name(b) for b in n.bases})
               for tree in trees for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    known = {BASE}
    while True:
        more = {name for name, bases in classes if bases & known} - known
        if not more:
            return known
        known |= more


def _check(call: ast.Call, path: str, cls: str) -> Site | Offender:
    def bad(problem: str) -> Offender:
        return Offender(path, call.lineno, cls, problem)

    args = call.args
    if not args or any(isinstance(a, ast.Starred) for a in args):
        return bad("no literal code and template")
    first = args[0]
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return bad(f"bare message {ast.unparse(first)[:70]} (no code)")
    if len(args) == 1:
        return bad(f"bare message {first.value[:70]!r} (no code)")
    code, second = first.value, args[1]
    if not CODE.match(code):
        return bad(f"code {code!r} is not a dotted lower-case code")
    if len(args) > 2:
        return bad(f"{code}: params must be keywords, not positional arguments")
    if not (isinstance(second, ast.Constant) and isinstance(second.value, str)):
        return bad(f"{code}: the template must be a literal string, not {ast.unparse(second)[:60]}")
    template = second.value
    names = fields(template)
    if "" in names or any(n.isdigit() for n in names):
        return bad(f"{code}: template fields must be named, not positional")
    if any(k.arg is None for k in call.keywords):
        return Site(path, call.lineno, cls, code, template, None)
    given = {k.arg for k in call.keywords if k.arg}
    if names != given:
        return bad(f"{code}: template fields {sorted(names)} but params {sorted(given)}")
    return Site(path, call.lineno, cls, code, template, frozenset(given))


def _where(found: Site | Offender) -> tuple[str, int]:
    return found.path, found.line


def scan(root: Path = APP) -> tuple[list[Site], list[Offender]]:
    """Every construction of a domain error under ``root``: the good ones and the offenders."""
    parsed = [(p, ast.parse(p.read_text(encoding="utf-8"), str(p))) for p in _files(root)]
    classes = error_classes(t for _, t in parsed)
    sites: list[Site] = []
    offenders: list[Offender] = []
    for path, tree in parsed:
        rel = str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in classes:
                found = _check(node, rel, _name(node.func) or "")
                (sites if isinstance(found, Site) else offenders).append(found)
            elif isinstance(node, ast.Raise) and node.exc is not None \
                    and not isinstance(node.exc, ast.Call) and _name(node.exc) in classes:
                offenders.append(Offender(rel, node.lineno, _name(node.exc) or "",
                                          "raised without a code"))
    return sorted(sites, key=_where), sorted(offenders, key=_where)


def entries(sites: Iterable[Site]) -> list[tuple[str, str]]:
    """The distinct (code, template) pairs, sorted by code."""
    return sorted({(s.code, s.template) for s in sites})


def lupdate_source(sites: Iterable[Site]) -> str:
    """Python text that pyside6-lupdate reads as one "Errors" message per (code, template)."""
    lines = ['"""Generated by scripts/build_translations.py for lupdate; never imported."""',
             "from PySide6.QtCore import QCoreApplication", ""]
    for code, template in entries(sites):
        lines.append(f"QCoreApplication.translate({CONTEXT!r}, {template!r}, {code!r})")
    return "\n".join(lines) + "\n"


_CONTEXT_XML = re.compile(r"<context>.*?</context>\n?", re.S)
_MESSAGE_XML = re.compile(r"[ \t]*<message>.*?</message>\n?", re.S)


def prune_vanished(ts_text: str) -> str:
    """The .ts text without the strings that left the sources, keeping those of error codes:
    a vanished code's translation is the memory that lupdate revives if the code returns."""

    def message(m: re.Match[str], keep_vanished: bool) -> str:
        block = m.group(0)
        gone = 'type="vanished"' in block or 'type="obsolete"' in block
        return "" if gone and not (keep_vanished and "<comment>" in block) else block

    def context(m: re.Match[str]) -> str:
        block = m.group(0)
        errors = f"<name>{CONTEXT}</name>" in block
        block = _MESSAGE_XML.sub(lambda msg: message(msg, errors), block)
        return block if "<message>" in block else ""

    return _CONTEXT_XML.sub(context, ts_text)


@dataclass(frozen=True)
class Translation:
    text: str
    finished: bool


def translations(ts: Path) -> dict[tuple[str, str], Translation]:
    """The "Errors" entries of a .ts file, keyed by (code, template)."""
    found: dict[tuple[str, str], Translation] = {}
    for context in ET.parse(ts).iter("context"):
        if context.findtext("name") != CONTEXT:
            continue
        for message in context.iter("message"):
            code = message.findtext("comment")
            if not code:
                continue
            tr = message.find("translation")
            text = (tr.text or "") if tr is not None else ""
            finished = tr is not None and tr.get("type") not in ("unfinished", "vanished",
                                                                 "obsolete")
            found[(code, message.findtext("source") or "")] = Translation(text,
                                                                         finished and bool(text))
    return found


def missing(sites: Iterable[Site], ts: Path) -> list[str]:
    """One line per code without a finished translation whose {fields} match the template."""
    known = translations(ts)
    problems = []
    for code, template in entries(sites):
        tr = known.get((code, template))
        if tr is None:
            problems.append(f"{code}: not in {ts.name}: {template!r}")
        elif not tr.finished:
            problems.append(f"{code}: unfinished: {template!r}")
        elif fields(tr.text) != fields(template):
            problems.append(f"{code}: translation fields {sorted(fields(tr.text))} "
                            f"differ from template fields {sorted(fields(template))}")
    return problems
