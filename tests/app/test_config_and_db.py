"""Config files, database URLs, pragmas and migrations."""

from __future__ import annotations

import pytest

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
