"""Signed codes: keys that live on the terminal and rotate, and hostile input refused cleanly."""

from __future__ import annotations

import os
import stat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import codes, signing_keys
from app.errors import ConfigError, ValidationError

# Fixed test keys (parametrised test ids must be the same in every pytest-xdist worker).
OLD, NEW = "6d2903f3e747b4aeb3a41ba81875c1da62d5cf75eeef63a7b24bc79b956f1acc", "a1" * 32


@pytest.fixture
def keys(monkeypatch):
    """Set the terminal's keys from the environment for one test."""

    def use(value: str) -> None:
        monkeypatch.setenv(signing_keys.ENV_VAR, value)
        signing_keys.forget()

    yield use
    signing_keys.forget()


def error_code(call) -> str:
    with pytest.raises(ValidationError) as info:
        call()
    return info.value.code


def test_a_code_names_its_key_and_verifies(keys):
    keys(f"k1:{OLD}")
    code = codes.sign("PM1", "880000000001")
    assert code.startswith("PM1.k1.880000000001.")
    assert codes.verify(code, "PM1") == "880000000001"
    assert codes.verify(f"  {code}\n", "PM1") == "880000000001"  # scanners add whitespace


def test_a_code_signed_with_an_old_key_verifies_after_rotation(keys):
    keys(f"k1:{OLD}")
    old_code = codes.sign("PM1", "880000000001")
    keys(f"k2:{NEW},k1:{OLD}")  # k2 is current now; k1 still verifies what it signed
    new_code = codes.sign("PM1", "880000000001")
    assert new_code.split(".")[1] == "k2"
    assert codes.verify(old_code, "PM1") == codes.verify(new_code, "PM1") == "880000000001"


def test_a_code_with_an_unknown_key_id_is_refused(keys):
    keys(f"k1:{OLD}")
    code = codes.sign("PM1", "880000000001")
    keys(f"k2:{NEW}")  # k1 retired
    assert error_code(lambda: codes.verify(code, "PM1")) == "code.unknown_key"


def test_the_same_key_id_with_another_key_is_not_genuine(keys):
    keys(f"k1:{OLD}")
    code = codes.sign("PM1", "880000000001")
    keys(f"k1:{NEW}")
    assert error_code(lambda: codes.verify(code, "PM1")) == "code.not_genuine"


@pytest.mark.parametrize("text, code", [
    ("PM1.k1.880000000001.ABCDEFGHIJKLMNOP", "code.not_genuine"),
    ("PM1.880000000001.ABCDEFGHIJKLMNOP", "code.no_key_id"),  # the format before key ids
    ("XX9.k1.880000000001.ABCDEFGHIJKLMNOP", "code.not_patron"),
    ("PM1.k1.8800.0000.ABCDEFGHIJKLMNOP", "code.not_patron"),
    ("PM1.K1.880000000001.ABCDEFGHIJKLMNOP", "code.malformed"),  # key ids are lower case
    ("PM1.k1.880000000001.abcdefghijklmnop", "code.malformed"),  # base32 is upper case
    ("PM1.k1.880000000001.ABCDEFGHIJKLMNO1", "code.malformed"),  # 1 is not base32
    ("PM1.k1.880000000001.ÄBCDEFGHIJKLMNOP", "code.bad_characters"),  # was a TypeError
    ("PM1.k1.８８０.ABCDEFGHIJKLMNOP", "code.bad_characters"),  # full-width digits
    ("PM1.k1.88 00.ABCDEFGHIJKLMNOP", "code.bad_characters"),
    ("PM1.k1." + "8" * 300 + ".ABCDEFGHIJKLMNOP", "code.too_long"),
    ("", "code.not_patron"),
])
def test_malformed_codes_are_refused_with_a_code(keys, text, code):
    keys(f"k1:{OLD}")
    assert error_code(lambda: codes.verify(text, "PM1")) == code


def test_a_non_text_code_is_refused(keys):
    keys(f"k1:{OLD}")
    assert error_code(lambda: codes.verify(b"PM1.k1.1.ABCDEFGHIJKLMNOP", "PM1")) == "code.not_patron"


def test_sign_refuses_what_verify_could_never_accept(keys):
    keys(f"k1:{OLD}")
    for prefix, payload in (("PM1", "8800.01"), ("pm1", "1"), ("PM1", "会员"), ("PM1", "")):
        assert error_code(lambda p=prefix, q=payload: codes.sign(p, q)) == "code.cannot_sign"


_genuine = None


def _a_genuine_code() -> str:
    global _genuine
    if _genuine is None:
        _genuine = codes.sign("PM1", "880000000001")
    return _genuine


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300) | st.from_regex(
    r"\APM1\.[a-z0-9]{1,3}\.[0-9A-Za-z._-]{0,20}\.[A-Z2-7]{0,20}\Z"))
def test_any_text_is_a_payload_or_a_validation_error(keys, text):
    keys(f"k1:{OLD}")
    try:
        codes.verify(text, "PM1")
    except ValidationError as exc:
        assert exc.code.startswith("code.")
    else:
        pytest.fail(f"{text!r} verified")


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(min_value=0, max_value=60), char=st.characters())
def test_a_genuine_code_with_any_character_changed_is_refused_cleanly(keys, position, char):
    global _genuine
    keys(f"k1:{OLD}")
    _genuine = None
    code = _a_genuine_code()
    position %= len(code)
    changed = code[:position] + char + code[position + 1:]
    if changed.strip() == code:
        return  # the same code (whitespace around it is allowed)
    with pytest.raises(ValidationError):
        codes.verify(changed, "PM1")


# -- where the keys come from ----------------------------------------------------------------
def test_key_file_is_created_private_and_read_back(tmp_path, monkeypatch):
    monkeypatch.delenv(signing_keys.ENV_VAR)
    path = tmp_path / "keys.toml"
    ring = signing_keys.use_key_file(path, create=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert signing_keys.read_key_file(path).current_key == ring.current_key
    code = codes.sign("PM1", "880000000001")
    assert code.split(".")[1] == ring.current
    signing_keys.forget()
    assert codes.verify(code, "PM1") == "880000000001"  # read again from the file
    signing_keys.forget()


def test_key_file_with_rotated_keys(tmp_path, monkeypatch):
    monkeypatch.delenv(signing_keys.ENV_VAR)
    path = tmp_path / "keys.toml"
    path.write_text(f'current = "k2"\n[keys]\nk2 = "{NEW}"\nk1 = "{OLD}"\n', encoding="utf-8")
    path.chmod(0o600)
    ring = signing_keys.use_key_file(path)
    assert ring.current == "k2" and ring.key("k1") == bytes.fromhex(OLD)
    signing_keys.forget()


@pytest.mark.parametrize("text, mode, code", [
    (f'current = "k1"\n[keys]\nk1 = "{OLD}"\n', 0o644, "keys.too_open"),
    (None, 0o600, "keys.missing"),
    ("current = ", 0o600, "keys.not_toml"),
    ('current = "k1"\n', 0o600, "keys.no_keys"),
    (f'current = "k9"\n[keys]\nk1 = "{OLD}"\n', 0o600, "keys.no_current"),
    ('current = "k1"\n[keys]\nk1 = "abcd"\n', 0o600, "keys.bad_key"),
    ('current = "k1"\n[keys]\nk1 = 5\n', 0o600, "keys.bad_key"),
    (f'current = "K.1"\n[keys]\n"K.1" = "{OLD}"\n', 0o600, "keys.bad_id"),
])
def test_a_bad_key_file_is_one_clear_error(tmp_path, monkeypatch, text, mode, code):
    monkeypatch.delenv(signing_keys.ENV_VAR)
    path = tmp_path / "keys.toml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
        path.chmod(mode)
    with pytest.raises(ConfigError) as info:
        signing_keys.use_key_file(path)
    assert info.value.code == code and str(path) in info.value.message
    assert OLD not in info.value.message
    signing_keys.forget()


@pytest.mark.parametrize("value, code", [
    ("k1", "keys.bad_env"), (f"k1:{OLD[:10]}", "keys.bad_key"), (f"K1:{OLD}", "keys.bad_id"),
    (f"k1:{OLD},k2", "keys.bad_env"),
])
def test_a_bad_key_environment_is_one_clear_error(monkeypatch, value, code):
    monkeypatch.setenv(signing_keys.ENV_VAR, value)
    signing_keys.forget()
    with pytest.raises(ConfigError) as info:
        signing_keys.active()
    assert info.value.code == code and signing_keys.ENV_VAR in info.value.message
    signing_keys.forget()


def test_the_environment_wins_over_the_key_file(tmp_path, keys):
    path = tmp_path / "keys.toml"
    signing_keys.new_key_file(path, "f1")
    keys(f"e1:{NEW}")
    assert signing_keys.use_key_file(path, create=True).current == "e1"


def test_the_key_file_command_never_overwrites(tmp_path):
    path = tmp_path / "keys.toml"
    assert signing_keys.main(["new", str(path), "k3"]) == 0
    assert signing_keys.read_key_file(path).current == "k3"
    before = path.read_bytes()
    assert signing_keys.main(["new", str(path)]) == 1
    assert path.read_bytes() == before and stat.S_IMODE(os.stat(path).st_mode) == 0o600


# -- nothing in the shared database -------------------------------------------------------------
def test_no_key_material_in_the_database_after_a_demo_seed(world, signing_keys_env):
    from app import members
    from app.models import ALL_MODELS, Setting

    qr = members.member_qr(world.member)
    assert members.identify(qr).id == world.member.id
    key_hex = signing_keys_env.split(":", 1)[1]
    rows = "\n".join(str(list(r)) for model in ALL_MODELS for r in model.select().tuples())
    assert key_hex not in rows.lower()
    assert not Setting.select().where(Setting.key.contains("secret")).exists()


def test_migration_v8_deletes_the_old_shared_secret(db):
    from app.migrations import MIGRATIONS
    from app.models import Setting

    Setting.create(key="code_secret", value=OLD)
    Setting.create(key="point_value_minor", value="1")
    step = next(fn for version, _, fn in MIGRATIONS if version == 8)
    step(db)
    step(db)  # a no-op once done
    assert [s.key for s in Setting.select()] == ["point_value_minor"]
