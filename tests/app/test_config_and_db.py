"""Config files, database URLs, pragmas and migrations."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import config
from app.db import open_database
from app.errors import ConfigError
from app.migrations import MIGRATIONS, current_version, migrate


def test_config_defaults_and_a_full_file(tmp_path, monkeypatch):
    monkeypatch.setenv("PATRON_HOME", str(tmp_path))
    cfg = config.load(None)  # no file yet: defaults with simulated devices
    assert cfg.role == "cashier" and "scale" in cfg.devices
    path = tmp_path / "till.toml"
    path.write_text('[terminal]\nrole = "cashier"\ncode = "MA-T1"\nlanguage = "en"\n'
                    '[database]\nurl = "sqlite:///x.db"\n'
                    '[devices.scale]\nkind = "cas_ecr"\nport = "/dev/ttyUSB0"\n', encoding="utf-8")
    cfg = config.load(path)
    assert (cfg.terminal, cfg.language, cfg.db_url) == ("MA-T1", "en", "sqlite:///x.db")
    assert cfg.devices == {"scale": {"kind": "cas_ecr", "port": "/dev/ttyUSB0"}}


@pytest.mark.parametrize(
    "text, message",
    [("[terminal\nrole=", "not valid TOML"), ('[terminal]\nrole = "boss"', "not one of"),
     ('[terminal]\nlanguage = "fr"', "zh_CN or en"), ('[terminal]\ncolour = 1', "unknown setting"),
     ("[devices.scale]\nport = 1", "needs a 'kind'"), (b"\xff\xfe", "cannot be read")],
)
def test_broken_config_files_get_one_clear_message(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        config.load(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("text, setting, expected", [
    ("[terminal]\ncode = 5", "[terminal] code", "a string in quotes, not 5"),
    ("[terminal]\nrole = 5", "[terminal] role", "a string in quotes, not 5"),
    ("[database]\nurl = 5", "[database] url", "a string in quotes, not 5"),
    ('[terminal]\nfullscreen = "false"', "[terminal] fullscreen",
     'true or false (no quotes), not "false"'),
    ("[terminal]\nfullscreen = 1", "[terminal] fullscreen", "true or false (no quotes), not 1"),
    ('[terminal]\ncustomer_display = "yes"', "[terminal] customer_display", "true or false"),
    ('[terminal]\ndiscount_limit_percent = "10"', "[terminal] discount_limit_percent",
     'a whole number, not "10"'),
    ("[terminal]\ndiscount_limit_percent = 10.5", "[terminal] discount_limit_percent",
     "a whole number, not 10.5"),
    ("[terminal]\ndiscount_limit_percent = true", "[terminal] discount_limit_percent",
     "a whole number, not true"),
    ("[security]\nkey_file = 0", "[security] key_file", "a string in quotes, not 0"),
    ('terminal = "MA-T1"', "terminal", "a table ([terminal])"),
    ("devices = 5", "devices", "tables"),
    ("[devices]\nscale = 5", "[devices.scale]", "a table"),
    ("[devices.scale]\nkind = 5", "[devices.scale] kind", "a string in quotes, not 5"),
    ('[devices.scale]\nkind = "cas_ecr"\nbaudrate = "9600"', "[devices.scale] baudrate",
     'a whole number, not "9600"'),
    ('[devices.scale]\nkind = "cas_ecr"\nhandshake = "false"', "[devices.scale] handshake",
     "true or false"),
    ('[devices.scale]\nkind = "cas_ecr"\nport = true', "[devices.scale] port", "device path"),
    ('[devices.printer]\nkind = "pdf"\nstatus_query = "no"', "[devices.printer] status_query",
     "true or false"),
    ('[devices.printer]\nkind = "escpos_network"\ntimeout_s = "5"', "[devices.printer] timeout_s",
     "a number"),
    ('[devices.card_reader]\nkind = "wedge"\nmember_ranges = [[880000, 889999]]',
     "[devices.card_reader] member_ranges", "card-number pairs in quotes"),
    ('[devices.card_reader]\nkind = "wedge"\nmember_ranges = "880000-889999"',
     "[devices.card_reader] member_ranges", "card-number pairs"),
    ('[devices.card_reader]\nkind = "wedge"\n[devices.card_reader.wedge]\nmax_gap_ms = "30"',
     "[devices.card_reader.wedge] max_gap_ms", "a whole number"),
    ('[devices.scanner]\nkind = ""', "[devices.scanner]", "kind is empty"),
])
def test_a_setting_of_the_wrong_type_is_refused_by_name(tmp_path, text, setting, expected):
    path = tmp_path / "till.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        config.load(path)
    message = str(info.value)
    assert message.startswith(f"{path}: {setting}") and expected in message, message
    assert info.value.code.startswith("config.")


def test_well_typed_settings_are_read_as_written(tmp_path):
    path = tmp_path / "till.toml"
    path.write_text('[terminal]\nfullscreen = false\ncustomer_display = true\n'
                    'discount_limit_percent = 0\n[security]\nkey_file = "~/k.toml"\n'
                    '[devices.printer]\nkind = "escpos_network"\nhost = "10.0.0.9"\nport = 9100\n'
                    'timeout_s = 2.5\nstatus_query = false\n'
                    '[devices.card_reader]\nkind = "wedge"\nmember_ranges = [["88", "89"]]\n'
                    '[devices.card_reader.wedge]\nmax_gap_ms = 30\n', encoding="utf-8")
    cfg = config.load(path)
    assert (cfg.fullscreen, cfg.customer_display, cfg.discount_limit_percent) == (False, True, 0)
    assert cfg.key_file_path() is not None and cfg.key_file_path().name == "k.toml"
    assert "~" not in str(cfg.key_file_path())
    assert cfg.devices["printer"]["port"] == 9100


def test_unknown_section_is_refused(tmp_path):
    path = tmp_path / "till.toml"
    path.write_text("[databse]\nurl = \"sqlite:///x.db\"\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown section \[databse\]"):
        config.load(path)


def test_missing_named_config_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        config.load(tmp_path / "nope.toml")


def test_sqlite_pragmas_apply_to_every_connection(tmp_path):
    db = open_database(f"sqlite:///{tmp_path}/p.db")
    db.connect()
    values = {p: db.execute_sql(f"PRAGMA {p}").fetchone()[0]
              for p in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}
    assert values == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
                      "busy_timeout": 15000}


def test_migrations_run_once_and_are_versioned(db):
    latest = MIGRATIONS[-1][0]
    assert current_version(db) == latest
    assert migrate(db) == latest  # running again changes nothing
    assert "transfer" in db.get_tables()


def test_bind_refuses_a_postgres_url_without_database():
    with pytest.raises(ValueError, match="no database name"):
        open_database("postgresql://user@localhost/")


_VALUES = ["5", "-1", "1.5", '"x"', '"false"', '""', "true", "false", "[1]", '[["88", "89"]]',
           "[[88, 89]]", "{kind = \"pdf\"}", "{a = 1}", "1979-05-27"]
_KEYS = sorted({k for keys in config.SECTIONS.values() for k in keys}
               | set(config.DEVICE_SETTINGS) | {"port", "member_ranges", "timeout_s", "max_gap_ms"})


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables=st.lists(st.tuples(
    st.sampled_from(["terminal", "database", "security", "devices.scale", "devices.scanner.wedge"]),
    st.lists(st.tuples(st.sampled_from(_KEYS), st.sampled_from(_VALUES)), max_size=4,
             unique_by=lambda kv: kv[0])), max_size=3, unique_by=lambda t: t[0]))
def test_any_config_is_read_with_its_types_or_refused_clearly(tmp_path, tables):
    text = "\n".join(f"[{name}]\n" + "\n".join(f"{k} = {v}" for k, v in items)
                     for name, items in tables)
    path = tmp_path / "fuzz.toml"
    path.write_text(text, encoding="utf-8")
    try:
        cfg = config.load(path)
    except ConfigError as exc:
        assert str(path) in str(exc)
        return
    assert type(cfg.fullscreen) is bool and type(cfg.customer_display) is bool
    assert type(cfg.discount_limit_percent) is int
    assert all(isinstance(v, str) for v in (cfg.role, cfg.terminal, cfg.db_url, cfg.key_file))


def test_the_old_discount_limit_setting_loads_with_a_warning(tmp_path, caplog):
    """The limit moved to the store's row; an old till.toml still loads and says so."""
    import logging

    from app import config

    path = tmp_path / "till.toml"
    path.write_text("[terminal]\ndiscount_limit_percent = 50\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="app.config"):
        config.load(path)
    assert "discount_limit_percent is no longer read" in caplog.text
    assert "store.discount_limit_bp" in caplog.text
