"""The layout audit of one screen of the till: what a cashier would notice on day one.

For each scene of the screenshot walk (scripts/screenshots.py) it checks the widgets the
person in front of the screen can see:

- **off screen**: a visible widget (clipped by its parents, so a scroll area's rows outside
  its viewport do not count) that lies partly outside the screen;
- **overlap**: two visible sibling widgets whose rectangles overlap;
- **language**: a visible text in English with Chinese in it, or in Chinese with English words
  in it — names as stored aside (in English a product or store without an English name, a
  member's or cashier's name; in Chinese any product's Chinese name), and codes (receipt
  numbers, barcodes, units, key names) aside; and, in both, raw program text: a config key or action name (``paper_mm``, a lone
  ``devices``) or a JSON list;
- **touch**: a button, input, spin box (its arrows too) or combo box under 48 px;
- **cut text**: a one-line label narrower than its text (the end of it is not shown);
- **two confirm buttons**: a keypad's Enter key and the dialog's own confirm button both
  shown where they can only mean the same (one input, nothing else to press).

Run as a program it audits one screen size in one language and writes a JSON report
``{scene: [problem, …]}``; tests/ui/test_layout_audit.py runs it in a child process whose
offscreen screen has that size, as the screenshots do.

    python tests/layout_audit.py --size 1024x768 --lang en --json /tmp/audit.json
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QStyle,
    QStyleOptionSpinBox,
    QTabBar,
    QTextEdit,
    QWidget,
)

REPO = Path(__file__).resolve().parents[1]
MIN_TOUCH = 48
# Latin a Chinese screen may show: key names, units, payment and code kinds, the product.
LATIN_IN_CHINESE = {
    "esc", "enter", "pin", "qr", "pdf", "usb", "kg", "g", "ml", "l", "x", "z", "pos", "escpos",
    "upc", "ean", "plu", "id", "ok", "vip", "del", "tab", "patron", "nfc", "ic", "app", "wifi",
    "mm", "cm", "com", "tty", "dev", "pts", "ttys", "ttyusb", "cny", "rmb", "sku", "no",
}
# The language switch names the other language in that language.
LANGUAGE_NAMES = {"中文", "English"}
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e]")
# Tokens with a digit are codes (MA-T1-000012, A004, F3, 330ml, #1); paths and addresses too.
CODE = re.compile(r"[A-Za-z0-9_#./:\\-]*\d[A-Za-z0-9_#./:\\-]*|/[\w./-]+|\S+@\S+")
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
TAGS = re.compile(r"<[^>]+>")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|「[^」]*」")
# What a program says to itself: snake_case keys, a line that is one lower-case identifier,
# JSON lists and objects.
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
IDENTIFIER_LINE = re.compile(r"^[a-z][a-z0-9]{2,}$")
JSON = re.compile(r"[\[{]\s*[\[{\"]")
UNITS = {"kg", "ml", "mm", "cm", "pcs"}


# -- what is visible ---------------------------------------------------------------------------
def shown_rect(widget: QWidget, top: QWidget) -> QRect:
    """The part of ``widget`` its parents let through, in ``top``'s coordinates."""
    rect = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        rect = rect.intersected(QRect(parent.mapTo(top, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect.intersected(top.rect())


def visible_widgets(top: QWidget) -> list[QWidget]:
    """The widgets of ``top`` (its own window, not a dialog over it) a person can see."""
    return [w for w in top.findChildren(QWidget)
            if w.window() is top and w.isVisibleTo(top) and not shown_rect(w, top).isEmpty()]


def describe(widget: QWidget) -> str:
    text = " ".join(widget_texts(widget))[:40]
    name = widget.objectName() or "-"
    owner = widget.parentWidget()
    while owner is not None and not owner.objectName():
        owner = owner.parentWidget()
    if owner is not None and not owner.isWindow():
        name = f"{owner.objectName()}/{name}"
    return f"{name} ({type(widget).__name__})" + (f" {text!r}" if text else "")


def _item_texts(view: QAbstractItemView) -> list[str]:
    """The cells and headers a view shows on screen (rows scrolled away are not seen)."""
    model = view.model()
    if model is None:
        return []
    shown = view.viewport().rect()
    root = view.rootIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # a list model keeps columnCount private: it has one
        columns = 1
    texts = []
    for row in range(model.rowCount(root)):
        for col in range(columns):
            index = model.index(row, col, root)
            if view.visualRect(index).intersects(shown):
                value = model.data(index)
                if value not in (None, ""):
                    texts.append(str(value))
    for header in (getattr(view, "horizontalHeader", lambda: None)(),):
        if header is not None and header.isVisible():
            texts += [str(model.headerData(c, header.orientation()) or "")
                      for c in range(columns) if not header.isSectionHidden(c)]
    return [t for t in texts if t]


def widget_texts(widget: QWidget, typed: bool = True) -> list[str]:
    """The texts ``widget`` itself draws; with ``typed=False`` not what was typed into an
    input (the cashier's words, in whatever language), only its placeholder."""
    texts: list[str] = []
    if isinstance(widget, QLabel):
        texts.append(html.unescape(TAGS.sub(" ", widget.text())))
    elif isinstance(widget, QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QLineEdit):
        if typed and widget.echoMode() == QLineEdit.EchoMode.Normal:
            texts.append(widget.text())
        if not widget.text():
            texts.append(widget.placeholderText())
    elif isinstance(widget, QPlainTextEdit):
        texts.append(widget.toPlainText())
    elif isinstance(widget, QTextEdit):
        texts.append(widget.toPlainText())
    elif isinstance(widget, QComboBox):
        texts.append(widget.currentText())
    elif isinstance(widget, QTabBar):
        texts += [widget.tabText(i) for i in range(widget.count())]
    elif isinstance(widget, QAbstractItemView):
        texts += _item_texts(widget)
    return [t for t in (t.strip() for t in texts) if t]


# -- the checks --------------------------------------------------------------------------------
def off_screen(top: QWidget, screen: QRect) -> list[str]:
    origin = top.geometry().topLeft()
    out = []
    for w in visible_widgets(top):
        rect = shown_rect(w, top).translated(origin)
        if not screen.contains(rect) and _leaf(w):
            out.append(f"off screen: {describe(w)} at {_fmt(rect)} (screen {_fmt(screen)})")
    if not screen.contains(top.geometry()):
        out.insert(0, f"off screen: {describe(top)} at {_fmt(top.geometry())} "
                      f"(screen {_fmt(screen)})")
    return out


def _leaf(widget: QWidget) -> bool:
    """A widget the eye sees as a thing (a button, a text, an input), not a container."""
    return bool(widget_texts(widget)) or isinstance(
        widget, (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QAbstractItemView))


def overlaps(top: QWidget) -> list[str]:
    shown = visible_widgets(top)
    ids = {id(w) for w in shown}
    out = []
    for parent in [top, *shown]:
        if isinstance(parent, QStackedWidget | QAbstractSpinBox | QComboBox) \
                or _internal(parent):
            continue  # their children are the widget's own parts, drawn on purpose
        kids = [c for c in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly) if id(c) in ids]
        for i, a in enumerate(kids):
            for b in kids[i + 1:]:
                common = a.geometry().intersected(b.geometry())
                if common.width() > 1 and common.height() > 1:
                    out.append(f"overlap: {describe(a)} and {describe(b)} share "
                               f"{common.width()}×{common.height()} px")
    return out


def _internal(widget: QWidget) -> bool:
    """Qt's own parts of a composite widget (a scroll area's viewport and bars, a view's
    headers): laid out by Qt, overlapping only where Qt means them to."""
    from PySide6.QtWidgets import QAbstractScrollArea

    return isinstance(widget, QAbstractScrollArea)


def language(top: QWidget, lang: str, names: Iterable[str]) -> list[str]:
    names = sorted((n for n in names if n), key=len, reverse=True)
    out = []
    for w in visible_widgets(top):
        for text in widget_texts(w, typed=False):
            shown = text
            for name in names:
                if name in shown:
                    shown = shown.replace(name, " ")
            raw = SNAKE.findall(shown) + JSON.findall(shown) + [
                line.strip() for line in shown.splitlines()
                if IDENTIFIER_LINE.match(line.strip()) and line.strip() not in UNITS]
            rest = QUOTED.sub(" ", shown)  # “xj”: the cashier's own words, quoted back
            if raw:
                out.append(f"raw text: {describe(w)} shows {text[:80]!r} "
                           f"({' '.join(dict.fromkeys(raw))[:60]})")
            if lang == "en":
                found = "".join(dict.fromkeys(CJK.findall(rest)))
                if found:
                    out.append(f"Chinese in English: {describe(w)} shows {text[:80]!r} "
                               f"({found[:12]})")
            else:
                words = [m for m in WORD.findall(CODE.sub(" ", rest))
                         if m.lower() not in LATIN_IN_CHINESE and not (m.isupper() and len(m) <= 4)]
                if words:
                    out.append(f"English in Chinese: {describe(w)} shows {text[:80]!r} "
                               f"({' '.join(dict.fromkeys(words))[:60]})")
    return out


def touch_targets(top: QWidget) -> list[str]:
    out = []
    for w in visible_widgets(top):
        if not _is_target(w):
            continue
        if w.width() < MIN_TOUCH or w.height() < MIN_TOUCH:
            out.append(f"touch target {w.width()}×{w.height()} px: {describe(w)}")
        if isinstance(w, QAbstractSpinBox) and \
                w.buttonSymbols() != QAbstractSpinBox.ButtonSymbols.NoButtons:
            option = QStyleOptionSpinBox()
            w.initStyleOption(option)
            for part, label in ((QStyle.SubControl.SC_SpinBoxUp, "up"),
                                (QStyle.SubControl.SC_SpinBoxDown, "down")):
                r = w.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option, part, w)
                if r.width() < MIN_TOUCH or r.height() < MIN_TOUCH:
                    out.append(f"touch target {r.width()}×{r.height()} px: {label} arrow of "
                               f"{describe(w)}")
    return out


def _is_target(widget: QWidget) -> bool:
    if not isinstance(widget, (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox)):
        return False
    if widget.objectName() == "qt_tableview_cornerbutton":
        return False  # a table's corner, drawn as a button but never a target here
    owner = widget.parentWidget()
    # a spin box's or combo box's own line edit, a line edit's clear button: the owner counts
    return not isinstance(owner, (QAbstractSpinBox, QComboBox, QLineEdit))


def cut_texts(top: QWidget) -> list[str]:
    out = []
    for w in visible_widgets(top):
        if isinstance(w, QLabel) and w.text() and not w.wordWrap() and w.pixmap().isNull() \
                and w.width() < w.minimumSizeHint().width() - 1:
            out.append(f"cut text: {describe(w)} is {w.width()} px wide, its text needs "
                       f"{w.minimumSizeHint().width()} px")
    return out


def confirm_buttons(top: QWidget) -> list[str]:
    """One way to confirm: where a keypad types into the only input and the only other ways
    out are Cancel and the dialog's confirm, its Enter key and that confirm do the same."""
    shown = [w for w in visible_widgets(top) if isinstance(w, QAbstractButton)]
    enters = [w for w in shown if w.objectName() == "keypadEnter"]
    confirms = [w for w in shown if w.objectName() == "primaryButton"]
    if not enters or not confirms:
        return []
    inputs = [w for w in visible_widgets(top) if isinstance(w, QLineEdit) and _is_target(w)]
    others = [w for w in shown if not w.isCheckable() and w not in confirms + enters
              and w.objectName() != "cancelButton" and w.parentWidget().objectName() != "keypad"]
    if len(inputs) == 1 and not others:
        return [f"two confirm buttons: {describe(enters[0])} and {describe(confirms[0])}"]
    return []


def audit(widgets: list[QWidget], lang: str, screen: QRect, names: Iterable[str]) -> list[str]:
    names = list(names)
    problems: list[str] = []
    for top in widgets:
        problems += off_screen(top, screen)
        problems += overlaps(top)
        problems += language(top, lang, names)
        problems += touch_targets(top)
        problems += cut_texts(top)
        problems += confirm_buttons(top)
    return list(dict.fromkeys(problems))


def audit_desktop(widgets: list[QWidget], lang: str, screen: QRect,
                  names: Iterable[str]) -> list[str]:
    """The back office's checks: a desktop window for mouse and keyboard, so no touch sizes
    and no keypads; on screen, no overlaps, one language, no cut labels."""
    names = list(names)
    problems: list[str] = []
    for top in widgets:
        problems += off_screen(top, screen)
        problems += overlaps(top)
        problems += language(top, lang, names)
        problems += cut_texts(top)
    return list(dict.fromkeys(problems))


def stored_org_texts() -> set[str]:
    """What the back office shows as stored: staff codes, region codes, time zones, banks and
    account names (a Chinese screen shows ``shanghai`` or ``Asia/Shanghai`` as typed)."""
    from app.models import Merchant, Staff, Store

    texts = {r.code for r in Staff.select(Staff.code)}
    for m in Merchant.select():
        texts |= {m.province, m.city, m.district, m.settlement_bank,
                  m.settlement_account_name, m.name_en}
    for st in Store.select():
        texts |= {st.region, st.timezone, st.name_en}
    return {t for t in texts if t}


def names_as_they_are(lang: str) -> set[str]:
    """Texts a screen may show whatever else its language: people's names, and the names of
    products, categories, stores, merchants and offers as stored (Chinese) — on a Chinese
    screen all of them, on an English one those without an English name."""
    from app.models import Category, Member, Merchant, Product, Promotion, Staff, Store

    names: set[str] = set()
    for model in (Product, Category, Store, Merchant):
        query = model.select(model.name)
        if lang == "en":
            query = query.where(model.name_en == "")
        names |= {r.name for r in query}
    names |= {r.name for r in Promotion.select(Promotion.name)}
    names |= {r.name for r in Staff.select(Staff.name)}
    names |= {r.name for r in Member.select(Member.name) if r.name}
    return names | LANGUAGE_NAMES


def _fmt(r: QRect) -> str:
    return f"{r.x()},{r.y()} {r.width()}×{r.height()}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="audit one screen size in one language")
    p.add_argument("--size", required=True)
    p.add_argument("--lang", required=True)
    p.add_argument("--json", required=True)
    p.add_argument("--walk", choices=("till", "backoffice", "kiosk"), default="till",
                   help="the till's scenes (scripts/screenshots.py) or the back office's "
                        "pages (scripts/screenshots_backoffice.py)")
    args = p.parse_args(argv)
    if args.walk == "backoffice":
        return _audit_backoffice(args.lang, Path(args.json))
    if args.walk == "kiosk":
        return _audit_kiosk(args.lang, Path(args.json))
    sys.path.insert(0, str(REPO / "scripts"))
    import screenshots  # noqa: PLC0415  (the walk the pictures take)

    report: dict[str, list[str]] = {}

    def check(stage: Any, scene: str, widgets: list[QWidget]) -> None:
        from PySide6.QtGui import QGuiApplication

        if not names:  # the walk seeds its database first: read them from it once
            names.update(names_as_they_are(args.lang))
        screen = QGuiApplication.primaryScreen().geometry()
        report[scene] = audit(widgets, args.lang, screen, names)

    names: set[str] = set()
    try:
        screenshots.run(args.lang, check)
    except Exception as exc:  # noqa: BLE001  (the scenes not reached say why)
        for scene in screenshots.SCENES:
            report.setdefault(scene, [f"the walk stopped before this scene: {exc!r}"])
    Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


def _audit_backoffice(lang: str, out: Path) -> int:
    sys.path.insert(0, str(REPO / "scripts"))
    import screenshots_backoffice as walk  # noqa: PLC0415

    report: dict[str, list[str]] = {}
    names: set[str] = set()

    def check(window: Any, page: str, widgets: list[QWidget]) -> None:
        from PySide6.QtGui import QGuiApplication

        if not names:
            names.update(names_as_they_are(lang) | stored_org_texts())
        screen = QGuiApplication.primaryScreen().geometry()
        report[page] = audit_desktop(widgets, lang, screen, names)

    try:
        walk.run(lang, check)
    except Exception as exc:  # noqa: BLE001  (the pages not reached say why)
        for page in walk.page_keys():
            report.setdefault(page, [f"the walk stopped before this page: {exc!r}"])
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


def _audit_kiosk(lang: str, out: Path) -> int:
    """The kiosk's scenes (scripts/screenshots_kiosk.py): the touch checks of the till — on
    screen, no overlaps, one language, targets of 64 px and more, no cut labels."""
    sys.path.insert(0, str(REPO / "scripts"))
    import screenshots_kiosk as walk  # noqa: PLC0415

    report: dict[str, list[str]] = {}
    names: set[str] = set()

    def check(role: Any, scene: str, widgets: list[QWidget]) -> None:
        from PySide6.QtGui import QGuiApplication

        from app.models import Offer  # noqa: PLC0415

        if not names:  # offers are stored texts too (an English screen shows a Chinese title
            names.update(names_as_they_are(lang) | stored_org_texts())  # with no English one)
            names.update(o.title for o in Offer.select() if lang != "en" or not o.title_en)
            names.update(o.description for o in Offer.select() if o.description)
        screen = QGuiApplication.primaryScreen().geometry()
        # the on-screen keyboard's letter keys are Latin in Chinese too: pinyin is typed on them
        report[scene] = [p for p in audit(widgets, lang, screen, names)
                         if not re.search(r"keyboard/key_[a-z] ", p)]

    try:
        walk.run(lang, check)
    except Exception as exc:  # noqa: BLE001  (the scenes not reached say why)
        for scene in walk.SCENES:
            report.setdefault(scene, [f"the walk stopped before this scene: {exc!r}"])
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
