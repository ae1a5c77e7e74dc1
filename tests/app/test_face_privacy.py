"""Privacy of faces (SPEC §1.6, issue 10): no template without consent, withdrawal deletes
every template at once, unknown faces are never written anywhere, a corrupt template row is
skipped without stopping the greeter or leaking its contents."""

from __future__ import annotations

import logging
import re
import sys

import numpy as np
import pytest

from app.errors import NotFound, ValidationError
from app.faces import templates
from app.faces.index import FaceIndex
from app.members import register
from app.models import AuditEntry, Consent, FaceCounter, FaceTemplate, FaceTombstone, Member
from tests.app.face_rig import files_under, table_counts, video_frames

RNG = np.random.default_rng(6)


def encodings(n: int = 3) -> list[np.ndarray]:
    return [RNG.normal(size=128).astype(np.float32) * 0.09 for _ in range(n)]


def member(world, phone: str) -> Member:
    return register(phone, "member", store=world.store_a)


def nothing_written(before: dict[str, int]) -> None:
    assert table_counts() == before


# -- consent ----------------------------------------------------------------------------------
def test_no_template_without_a_face_consent(world):
    anna = member(world, "13900000021")
    before = table_counts()
    with pytest.raises(ValidationError) as err:
        templates.enrol(anna, None, encodings(), world.store_a)
    assert err.value.code == "faces.no_consent"
    marketing = Consent.create(member=anna, kind="marketing", purpose="offers")
    before = table_counts()
    with pytest.raises(ValidationError) as err:
        templates.enrol(anna, marketing, encodings(), world.store_a)
    assert err.value.code == "faces.no_consent"
    nothing_written(before)


def test_another_members_consent_does_not_count(world):
    anna, ben = member(world, "13900000022"), member(world, "13900000023")
    bens = templates.grant_consent(ben)
    before = table_counts()
    with pytest.raises(ValidationError) as err:
        templates.enrol(anna, bens, encodings(), world.store_a)
    assert err.value.code == "faces.no_consent"
    nothing_written(before)


def test_a_withdrawn_consent_refuses_enrolment(world):
    anna = member(world, "13900000024")
    consent = templates.grant_consent(anna, store=world.store_a, staff=world.cashier_a)
    assert consent.kind == "face" and consent.recorded_by_id == world.cashier_a.id
    templates.withdraw_face_consent(anna)
    before = table_counts()
    with pytest.raises(ValidationError):
        templates.enrol(anna, consent, encodings(), world.store_a)  # the stale object
    nothing_written(before)


@pytest.mark.parametrize("bad, code", [
    ([], "faces.encoding_count"),
    (encodings(6), "faces.encoding_count"),
    ([np.zeros(127, np.float32)], "faces.bad_encoding"),
    ([np.full(128, np.nan, np.float32)], "faces.encoding_not_finite"),
])
def test_bad_encodings_are_refused_and_write_nothing(world, bad, code):
    anna = member(world, "13900000025")
    consent = templates.grant_consent(anna)
    before = table_counts()
    with pytest.raises(ValidationError) as err:
        templates.enrol(anna, consent, bad, world.store_a)
    assert err.value.code == code
    nothing_written(before)


def test_the_consent_records_purpose_and_retention_and_is_granted_once(world):
    anna = member(world, "13900000026")
    first = templates.grant_consent(anna, retention_days=180)
    assert templates.grant_consent(anna).id == first.id
    assert (first.retention_days, first.withdrawn_at) == (180, None)
    assert "no photos" in first.purpose
    with pytest.raises(ValidationError):
        templates.grant_consent(member(world, "13900000027"), retention_days=0)


# -- withdrawal -------------------------------------------------------------------------------
def test_withdrawal_deletes_every_template_of_the_member_at_once(world):
    anna, ben = member(world, "13900000028"), member(world, "13900000029")
    for m in (anna, ben):
        templates.enrol(m, templates.grant_consent(m), encodings(4), world.store_a)
    # a second enrolment replaces the first: still one member's set
    templates.enrol(anna, templates.active_consent(anna), encodings(5), world.store_a)
    version = templates.current_version()
    assert templates.withdraw_face_consent(anna, staff=world.cashier_a) == 5
    assert FaceTemplate.select().where(FaceTemplate.member == anna.id).count() == 0
    assert FaceTemplate.select().where(FaceTemplate.member == ben.id).count() == 4
    # one transaction: every tombstone of the withdrawal carries the same version
    stones = FaceTombstone.select().where(FaceTombstone.reason == "withdrawn")
    assert {s.version for s in stones} == {version + 1} and stones.count() == 5
    consent = Consent.get(Consent.member == anna.id, Consent.kind == "face")
    assert consent.withdrawn_at is not None  # the withdrawal stays on record
    assert templates.active_consent(anna) is None
    audit = AuditEntry.get(AuditEntry.action == "face.consent_withdrawn")
    assert '"templates_deleted": 5' in audit.detail
    assert templates.withdraw_face_consent(anna) == 0  # a repeat deletes nothing
    with pytest.raises(NotFound):
        templates.withdraw_face_consent(Member(id=999999))


def test_tombstones_hold_no_face_data():
    assert {f.name for f in FaceTombstone._meta.sorted_fields} == {
        "id", "template_id", "member_id", "version", "reason", "at"}


# -- corrupt rows -----------------------------------------------------------------------------
def test_a_corrupt_template_row_is_skipped_with_a_warning_and_the_index_keeps_running(
        world, caplog):
    anna = member(world, "13900000030")
    good = encodings(3)
    templates.enrol(anna, templates.grant_consent(anna), good, world.store_a)
    ben = member(world, "13900000031")
    bens = templates.grant_consent(ben)
    # rows written behind the service's back: a truncated blob and a non-finite one
    version = templates.current_version() + 1
    FaceCounter.update(version=version).execute()
    short = FaceTemplate.create(member=ben, consent=bens, encoding=b"\x01" * 100, version=version)
    nan = FaceTemplate.create(member=ben, consent=bens, version=version,
                              encoding=np.full(128, np.nan, "<f4").tobytes())
    idx = FaceIndex()
    with caplog.at_level(logging.WARNING, logger="app.faces"):
        changes = idx.sync()
    assert changes.skipped == 2 and len(idx) == 3
    assert idx.match(good[0]).member_id == anna.id
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(f"face template {short.id} " in w and "100 bytes" in w for w in warned)
    assert any(f"face template {nan.id} " in w for w in warned)
    assert not any("\\x01" in w or "nan" in w.lower() for w in warned)


# -- unknown faces ----------------------------------------------------------------------------
FLOATS = re.compile(r"-?\d+\.\d{3,}")


@pytest.mark.slow
def test_an_unknown_face_writes_no_row_no_file_and_no_log(sqlite_db, tmp_path, monkeypatch,
                                                          caplog):
    """A stranger walks through the door: the pipeline tracks and encodes them, and nothing
    about them is stored — no database row, no file (Python-level writes are watched through
    an audit hook; the encoder process writes through Python too), no encoding in the log."""
    from app.demo import seed_minimal
    from app.faces.pipeline import Pipeline

    world = seed_minimal()
    anna = member(world, "13900000032")
    templates.enrol(anna, templates.grant_consent(anna), encodings(3), world.store_a)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    index = FaceIndex()
    index.sync()
    writes: list[str] = []
    watching = [False]

    def hook(event: str, args: tuple) -> None:
        if watching[0] and event == "open" and len(args) > 1 and isinstance(args[1], str) \
                and any(c in args[1] for c in "wax+"):
            writes.append(str(args[0]))

    sys.addaudithook(hook)
    pipeline = Pipeline(index).start()
    try:
        assert pipeline.wait_ready(120)
        files_before = files_under(tmp_path)
        rows_before = table_counts()
        caplog.set_level(logging.DEBUG)
        watching[0] = True
        seen_faces = 0
        for i, img in video_frames(94, 163, 3):  # alex_lacamoire: never enrolled
            result = pipeline.step(img, i / 25)
            assert result.greetings == ()
            seen_faces += len(result.faces)
        watching[0] = False
        assert seen_faces and pipeline.encodings_done >= 3  # the stranger was really encoded
    finally:
        watching[0] = False
        pipeline.close()
    assert table_counts() == rows_before
    assert files_under(tmp_path) == files_before
    assert writes == []
    for record in caplog.records:
        assert len(FLOATS.findall(record.getMessage())) < 3, record.getMessage()
