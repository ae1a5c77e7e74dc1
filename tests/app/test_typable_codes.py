"""Typable signed codes: a round trip, every single-symbol mutation and neighbour swap caught,
random strings never accepted, keys rotate, kinds never mix."""

import secrets

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import signing_keys, typable_codes
from app.errors import ValidationError
from app.typable_codes import ALPHABET, LENGTH, make, parse


@pytest.fixture
def ring(monkeypatch):
    old, new = secrets.token_hex(32), secrets.token_hex(32)
    monkeypatch.setenv(signing_keys.ENV_VAR, f"k1:{old}")
    signing_keys.forget()
    yield {"old": f"k1:{old}", "both": f"k2:{new},k1:{old}", "new_only": f"k2:{new}"}
    signing_keys.forget()


def use(monkeypatch, env):
    monkeypatch.setenv(signing_keys.ENV_VAR, env)
    signing_keys.forget()


def test_round_trip_in_every_spelling(ring):
    code = make("P", 123_456_789)
    assert len(code.text) == LENGTH and set(code.text) <= set(ALPHABET)
    for spelling in (code.text, code.grouped, code.grouped.lower(), f"  {code.text} "):
        assert parse(spelling, "P") == code
    assert not set("01IO") & set(code.text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(serial=st.integers(0, typable_codes.MAX_SERIAL))
def test_every_single_symbol_mutation_is_refused(ring, serial):
    text = make("P", serial).text
    for i in range(LENGTH):
        for c in ALPHABET + "01IO":
            if c == text[i]:
                continue
            mutated = text[:i] + c + text[i + 1:]
            with pytest.raises(ValidationError):
                parse(mutated, "P")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(serial=st.integers(0, typable_codes.MAX_SERIAL))
def test_neighbour_swaps_are_caught_as_typos(ring, serial):
    text = make("P", serial).text
    for i in range(1, LENGTH - 1):  # the kind letter is fixed: swapping it is not a P code
        if text[i] == text[i + 1]:
            continue
        swapped = text[:i] + text[i + 1] + text[i] + text[i + 2:]
        with pytest.raises(ValidationError) as info:
            parse(swapped, "P")
        assert info.value.code == "pointcode.typo"


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=0, max_size=40))
def test_random_text_is_never_accepted(ring, text):
    with pytest.raises(ValidationError):
        parse(text, "P")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=ALPHABET, min_size=LENGTH - 1, max_size=LENGTH - 1))
def test_random_codes_with_a_right_check_symbol_are_not_genuine(ring, body):
    body = "P" + body[1:]
    text = body + typable_codes.check_symbol(body)
    with pytest.raises(ValidationError) as info:
        parse(text, "P")
    assert info.value.code == "pointcode.not_genuine"


def test_typos_and_other_systems_get_their_own_words(ring):
    text = make("P", 42).text
    wrong = text[:5] + ("2" if text[5] != "2" else "3") + text[6:]
    with pytest.raises(ValidationError) as info:
        parse(wrong, "P")
    assert info.value.code == "pointcode.typo"
    for other in ("https://example.com/qr?id=5", "6901939621608", make("C", 42).text, 42, None):
        with pytest.raises(ValidationError) as info:
            parse(other, "P")
        assert info.value.code == "pointcode.not_this_kind"


def test_keys_rotate_and_an_unknown_key_is_refused(ring, monkeypatch):
    old_code = make("P", 7)
    use(monkeypatch, ring["both"])
    new_code = make("P", 8)
    assert new_code.key_id == "k2"
    assert parse(old_code.text, "P").key_id == "k1"
    assert parse(new_code.text, "P").serial == 8
    use(monkeypatch, ring["new_only"])
    with pytest.raises(ValidationError) as info:
        parse(old_code.text, "P")
    assert info.value.code == "pointcode.not_genuine"
