"""Errors as codes: every domain error raised in app/ has a dotted code and an English
template, every code has a finished zh_CN translation with the same {params}, and the window
shows the translation filled in (issue 7, point 9)."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import escape

import error_catalogue
import peewee as pw
import pytest

from app.errors import NotFound, PatronError, ValidationError

REPO = Path(__file__).resolve().parent.parent
TS = REPO / "resources" / "i18n" / "patron_zh_CN.ts"


def _per_file(lines: list[tuple[str, str]]) -> str:
    grouped: dict[str, list[str]] = defaultdict(list)
    for path, line in lines:
        grouped[path].append(line)
    return "\n".join(f"{path} ({len(items)}):\n    " + "\n    ".join(items)
                     for path, items in sorted(grouped.items()))


# -- (a) every raise has a code ----------------------------------------------------------------
def test_every_domain_error_in_app_has_a_code_and_a_template():
    sites, offenders = error_catalogue.scan()
    assert len(sites) >= 37  # the scan sees the raises (a broken scanner finds nothing)
    assert not offenders, (
        f"{len(offenders)} domain errors in app/ have no code (use "
        f'XError("area.what", "template {{param}}", param=...)):\n'
        + _per_file([(o.path, f"line {o.line}: {o.cls}: {o.problem}") for o in offenders]))


def test_the_scan_flags_every_shape_that_cannot_be_translated(tmp_path):
    (tmp_path / "errs.py").write_text(
        "class PatronError(Exception): ...\n"
        "class ValidationError(PatronError): ...\n"
        "class ShiftClosed(ValidationError): ...\n", encoding="utf-8")
    (tmp_path / "use.py").write_text(
        "from errs import ShiftClosed, ValidationError\n"
        "def f(x, kw):\n"
        "    ValidationError('cart.ok', 'fine {x}', x=x)\n"
        "    ValidationError('bare message')\n"
        "    ValidationError(f'no code {x}')\n"
        "    ValidationError('Not.Dotted code', 'template')\n"
        "    ValidationError('cart.fstring', f'template {x}')\n"
        "    ValidationError('cart.positional', 'template {0}', x)\n"
        "    ShiftClosed('shift.missing_param', 'closed at {time}')\n"
        "    ShiftClosed('shift.extra_param', 'closed', time=x)\n"
        "    ValidationError('cart.splat', 'open {x}', **kw)\n"
        "    raise ShiftClosed\n", encoding="utf-8")
    sites, offenders = error_catalogue.scan(tmp_path)
    assert [(s.code, s.params) for s in sites] == [
        ("cart.ok", frozenset({"x"})), ("cart.splat", None)]
    assert [o.line for o in offenders] == [4, 5, 6, 7, 8, 9, 10, 12]
    assert "ShiftClosed" in {o.cls for o in offenders}  # subclasses of subclasses count


# -- (b) every code has a finished zh_CN translation with the same {params} -------------------
def test_every_error_code_has_a_finished_chinese_translation():
    sites, _ = error_catalogue.scan()
    problems = error_catalogue.missing(sites, TS)
    assert not problems, (
        f"{len(problems)} error codes lack a finished zh_CN translation (run "
        "`uv run python scripts/build_translations.py`, translate the unfinished 'Errors' "
        "entries, then `--missing`):\n  " + "\n  ".join(problems))


def test_missing_translations_are_reported(tmp_path):
    sites, _ = error_catalogue.scan()
    site = next(s for s in sites if s.code == "member.phone_length")
    ts = tmp_path / "partial.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">'
        "<context><name>Errors</name>"
        f"<message><source>{escape(site.template)}</source><comment>{site.code}</comment>"
        "<translation>手机号为 11 位；“{text}”是 {count} 位。</translation></message>"
        "</context></TS>", encoding="utf-8")
    problems = error_catalogue.missing([site], ts)
    assert problems == ["member.phone_length: translation fields ['count', 'text'] differ "
                        "from template fields ['digits', 'text']"]
    assert error_catalogue.missing([s for s in sites if s.code == "barcode.empty"], ts) == [
        "barcode.empty: not in partial.ts: 'empty barcode'"]


def test_lupdate_reads_every_code_the_scan_finds(tmp_path):
    """The generated translate() calls survive lupdate exactly (quotes, apostrophes, braces)."""
    sites, _ = error_catalogue.scan()
    source = tmp_path / "app_errors.py"
    source.write_text(error_catalogue.lupdate_source(sites), encoding="utf-8")
    ts = tmp_path / "fresh.ts"
    subprocess.run([str(Path(sys.executable).parent / "pyside6-lupdate"), str(source),
                    "-ts", str(ts)], check=True, capture_output=True)
    assert set(error_catalogue.translations(ts)) == set(error_catalogue.entries(sites))


def test_missing_command_exits_nonzero_while_something_is_missing():
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "build_translations.py"),
                           "--missing"], capture_output=True, text=True, cwd=REPO)
    sites, offenders = error_catalogue.scan()
    assert f"{len(error_catalogue.entries(sites))} error codes" in done.stdout
    assert done.returncode == (1 if offenders or error_catalogue.missing(sites, TS) else 0)


# -- (c) one code, one template ----------------------------------------------------------------
def test_a_code_is_never_used_with_two_templates():
    sites, _ = error_catalogue.scan()
    templates: dict[str, set[str]] = defaultdict(set)
    where: dict[str, list[str]] = defaultdict(list)
    for s in sites:
        templates[s.code].add(s.template)
        where[s.code].append(f"{s.path}:{s.line} {s.template!r}")
    clashes = {code: where[code] for code, ts in templates.items() if len(ts) > 1}
    assert not clashes, "codes used with different templates:\n" + "\n".join(
        f"  {code}: {sorted(places)}" for code, places in sorted(clashes.items()))


# -- (d) the window shows the translation ------------------------------------------------------
@pytest.fixture(scope="module")
def compiled_translations():
    subprocess.run([sys.executable, str(REPO / "scripts" / "build_translations.py"),
                    "--release-only"], check=True, capture_output=True)


@pytest.fixture
def language(qapp, compiled_translations):
    from ui.app import set_language

    def use(name: str) -> None:
        assert set_language(name)

    yield use
    set_language("en")


def _raised(fn, *args) -> PatronError:
    with pytest.raises(PatronError) as info:
        fn(*args)
    return info.value


def test_user_message_translates_by_code_and_fills_params(language):
    from app.members import normalize_phone
    from ui.errors import user_message

    exc = _raised(normalize_phone, "1381234")
    assert exc.code == "member.phone_length"
    language("zh_CN")
    assert user_message(exc) == "手机号为 11 位；“1381234”是 7 位。"
    built = ValidationError("barcode.length",
                            "barcode “{raw}” has {digits} digits; expected 8, 12 or 13",
                            raw="69012", digits=5)
    assert user_message(built) == "条码“69012”有 5 位，应为 8、12 或 13 位。"
    language("en")
    assert user_message(exc) == "A mobile number has 11 digits; “1381234” has 7."
    assert user_message(built) == "Barcode “69012” has 5 digits; expected 8, 12 or 13."


def test_a_card_number_in_a_param_stays_masked_in_both_languages(language):
    from app.barcodes import normalize_gtin
    from ui.errors import user_message

    exc = _raised(normalize_gtin, "4111111111111111")
    language("zh_CN")
    assert user_message(exc) == "条码“••••1111”有 16 位，应为 8、12 或 13 位。"
    language("en")
    assert "4111111111111111" not in user_message(exc)


def test_an_error_without_a_translation_falls_back_to_the_english_sentence(language):
    from ui.errors import user_message

    language("zh_CN")
    exc = NotFound("test.untranslated", "no widget {name}", name="红茶")
    assert user_message(exc) == "No widget 红茶."
    # a translation whose fields do not fit the params never shows raw braces
    legacy = ValidationError("only a bare message")
    assert user_message(legacy) == "Only a bare message."


def test_errors_raised_against_the_database_read_in_chinese(db, world, language):
    from app.catalogue import Catalogue
    from app.members import identify
    from ui.errors import user_message

    language("zh_CN")
    assert user_message(_raised(identify, "13912345678")) == "没有手机号为 13912345678 的会员。"
    unknown = _raised(Catalogue(world.store_a).scan, "6901111222234")
    assert unknown.code == "catalogue.unknown_barcode"
    assert user_message(unknown) == "未知条码 6901111222234。"



def test_shift_and_till_refusals_read_in_chinese(db, world, language):
    from app import shifts
    from app.till import Till
    from ui.errors import user_message

    language("zh_CN")
    first = shifts.open_shift(world.terminal_a, world.cashier_a, 0)
    twice = _raised(shifts.open_shift, world.terminal_a, world.cashier_a, 0)
    opened = f"{first.opened_at:%Y-%m-%d %H:%M}"
    assert user_message(twice) == f"本收银机已有未结束的班次（#{first.id}，{opened} UTC 开班），请先交班。"
    assert user_message(_raised(Till.open, "NOPE-T9")) == "收银机“NOPE-T9”未注册。"
    assert user_message(_raised(shifts.count_denominations, {"abc": 1})) == (
        "“abc”不是有效面额（以分计）。")

# -- database errors: only an unreachable database is "offline" --------------------------------
def test_a_broken_rule_in_the_database_is_not_an_outage(db, world, language):
    from app.models import Member, MemberCard
    from ui.errors import database_problem, is_database_down, user_message

    member = Member.create(number="M-dup-1", phone="13911112222", home_merchant=world.merchant_a)
    MemberCard.create(member=member, number="CARD-DUP", kind="physical")
    with pytest.raises(pw.IntegrityError) as info:
        with db.atomic():
            MemberCard.create(member=member, number="CARD-DUP", kind="physical")
    assert database_problem(info.value) == "conflict"
    assert not is_database_down(info.value)
    language("zh_CN")
    assert user_message(info.value) == "其他人同时修改了同一记录；未保存任何数据。请重试。"


def test_a_database_that_refuses_connections_is_an_outage(language):
    from app.db import open_database
    from ui.errors import database_problem, user_message

    unreachable = open_database("postgresql://patron@127.0.0.1:9/patron")
    with pytest.raises(pw.DatabaseError) as info:
        unreachable.connect()
    assert database_problem(info.value) == "unreachable"
    language("zh_CN")
    assert user_message(info.value).startswith("无法连接数据库")


def test_the_classifier_of_app_db_decides_when_it_exists(monkeypatch):
    import app.db
    from ui.errors import database_problem, is_database_down

    monkeypatch.setattr(app.db, "classify", lambda exc: "refused", raising=False)
    assert database_problem(pw.OperationalError("permission denied for table sale")) == "refused"
    assert not is_database_down(pw.OperationalError("permission denied for table sale"))
    monkeypatch.setattr(app.db, "classify", lambda exc: None, raising=False)
    assert is_database_down(TimeoutError("the operation did not return"))
    assert database_problem(ValueError("a bug")) is None


# -- the .ts keeps what translators wrote ------------------------------------------------------
def test_a_vanished_code_keeps_its_translation_and_a_vanished_ui_string_goes():
    ts = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="zh_CN">\n'
        "<context>\n    <name>Dialogs</name>\n"
        "    <message>\n        <source>Old button</source>\n"
        '        <translation type="vanished">旧按钮</translation>\n    </message>\n'
        "</context>\n<context>\n    <name>Errors</name>\n"
        "    <message>\n        <source>the cart is empty</source>\n"
        "        <comment>cart.empty</comment>\n"
        '        <translation type="vanished">购物车是空的。</translation>\n    </message>\n'
        "    <message>\n        <source>Wrong PIN.</source>\n"
        '        <translation type="obsolete">密码错误。</translation>\n    </message>\n'
        "    <message>\n        <source>empty barcode</source>\n"
        "        <comment>barcode.empty</comment>\n"
        "        <translation>条码为空。</translation>\n    </message>\n"
        "</context>\n</TS>\n")
    pruned = error_catalogue.prune_vanished(ts)
    assert "Dialogs" not in pruned and "Wrong PIN." not in pruned
    assert "购物车是空的。" in pruned and "条码为空。" in pruned
    assert pruned.endswith("</context>\n</TS>\n")
