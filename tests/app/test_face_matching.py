"""The 1:N index, the margin and agreement rule, and the index kept in step with the database
(issue 10: new, withdrawn and expired templates reach a running greeter)."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from app.clock import utcnow
from app.faces import templates
from app.faces.decision import GreetingRule, TrackVotes
from app.faces.index import FaceIndex, Match
from app.members import register
from app.models import FaceTemplate, FaceTombstone

RNG = np.random.default_rng(10)


def unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


def person() -> np.ndarray:
    return unit(RNG.normal(size=128))


def near(base: np.ndarray, distance: float) -> np.ndarray:
    """A vector at exactly ``distance`` from ``base``."""
    d = RNG.normal(size=128)
    d -= d.dot(base) * base / base.dot(base)
    return (base + unit(d) * distance).astype(np.float32)


# -- the index --------------------------------------------------------------------------------
def test_match_finds_the_nearest_member_and_the_nearest_other_member():
    a, b, c = person(), person(), person()
    idx = FaceIndex(capacity=2)  # grows
    idx.add_many([(1, 10, a), (2, 10, near(a, 0.2)), (3, 20, b), (4, 30, c)])
    q = near(a, 0.1)
    m = idx.match(q)
    assert m.member_id == 10 and m.template_id == 1
    assert m.distance == pytest.approx(0.1, abs=1e-4)
    others = {20: np.linalg.norm(b - q), 30: np.linalg.norm(c - q)}
    second = min(others, key=others.get)
    assert m.second_member_id == second
    assert m.second_distance == pytest.approx(others[second], abs=1e-4)
    assert m.margin == pytest.approx(others[second] - 0.1, abs=1e-4)


def test_the_runner_up_is_another_member_even_when_one_member_holds_every_near_template():
    a, b = person(), person()
    rows = [(i, 1, near(a, 0.05 + i * 0.001)) for i in range(40)] + [(99, 2, b)]
    idx = FaceIndex()
    idx.add_many(rows)
    m = idx.match(a)
    assert m.member_id == 1 and m.second_member_id == 2
    assert m.second_distance == pytest.approx(float(np.linalg.norm(b - a)), abs=1e-4)


def test_a_lone_member_has_no_runner_up_and_an_empty_index_matches_nothing():
    idx = FaceIndex()
    assert idx.match(person()) is None
    a = person()
    idx.add(1, 5, a)
    m = idx.match(a)
    assert m.member_id == 5 and m.second_member_id is None and m.margin == np.inf


def test_removed_templates_never_match_and_compaction_keeps_the_rest():
    people = [person() for _ in range(8)]
    idx = FaceIndex()
    idx.add_many([(i + 1, 100 + i, p) for i, p in enumerate(people)])
    assert idx.remove([1, 2, 3]) == 3  # ≥ a quarter dead: compacted
    assert len(idx) == 5
    for i, p in enumerate(people):
        m = idx.match(p)
        if i < 3:
            assert m.member_id != 100 + i
        else:
            assert m.member_id == 100 + i and m.distance < 1e-3
    assert idx.remove_member(107) == 1 and 107 not in idx.members()


def test_match_agrees_with_brute_force_on_many_templates():
    mat = RNG.normal(size=(5000, 128)).astype(np.float32)
    members = RNG.integers(0, 1500, size=5000)
    idx = FaceIndex()
    idx.add_many([(i, int(members[i]), mat[i]) for i in range(5000)])
    for _ in range(20):
        q = RNG.normal(size=128).astype(np.float32)
        d = np.linalg.norm(mat - q, axis=1)
        best = int(np.argmin(d))
        other = np.where(members == members[best], np.inf, d)
        m = idx.match(q)
        assert m.member_id == members[best]
        assert m.distance == pytest.approx(d[best], rel=1e-4)
        assert m.second_distance == pytest.approx(other.min(), rel=1e-4)


# -- the greeting rule ------------------------------------------------------------------------
def match(member: int, distance: float, second: float) -> Match:
    return Match(member, distance, 1, member + 1, second)


def test_a_vote_needs_the_distance_and_the_margin():
    rule = GreetingRule()
    assert rule.vote(match(7, 0.45, 0.70)) == 7
    assert rule.vote(match(7, 0.55, 0.90)) is None  # too far: above 0.5
    assert rule.vote(match(7, 0.45, 0.52)) is None  # a look-alike within the margin
    assert rule.vote(None) is None


def test_agreement_greets_once_after_k_of_n_votes():
    votes = TrackVotes(GreetingRule(agree=3, window=5))
    assert votes.add(match(7, 0.40, 0.8)) is None
    assert votes.add(match(7, 0.58, 0.8)) is None  # plausible, no vote
    assert votes.add(match(7, 0.42, 0.8)) is None
    assert votes.add(match(7, 0.41, 0.8)) == 7  # the third vote
    assert votes.evidence(7) == (pytest.approx(0.42), pytest.approx(0.38))
    assert votes.add(match(7, 0.40, 0.8)) is None  # once per track
    assert votes.greeted == 7 and votes.settled


def test_votes_outside_the_window_do_not_count():
    votes = TrackVotes(GreetingRule(agree=3, window=3))
    votes.add(match(7, 0.45, 0.8))  # votes, not strong enough for the quick path
    votes.add(match(7, 0.45, 0.8))
    votes.add(None)
    votes.add(None)
    assert votes.add(match(7, 0.45, 0.8)) is None  # only one vote left in the last three
    assert votes.greeted is None


def test_a_track_that_resembles_two_members_is_never_greeted():
    votes = TrackVotes(GreetingRule(agree=2, window=5))
    votes.add(match(7, 0.45, 0.8))
    votes.add(match(9, 0.58, 0.8))  # plausibly someone else too
    assert votes.conflicted
    for _ in range(5):
        assert votes.add(match(7, 0.40, 0.8)) is None
    assert votes.greeted is None and votes.settled


def test_a_single_close_frame_never_greets():
    """The baseline's mistake: one frame within 0.6 names a stranger."""
    votes = TrackVotes(GreetingRule())
    for d in (0.59, 0.61, 0.60, 0.62, 0.59, 0.61):
        assert votes.add(match(3, d, 0.9)) is None
    assert votes.greeted is None


def test_rule_arguments_are_checked():
    with pytest.raises(ValueError):
        GreetingRule(agree=4, window=3)
    with pytest.raises(ValueError):
        GreetingRule(accept_distance=0.7, conflict_distance=0.6)


# -- in step with the database ----------------------------------------------------------------
def enrolled(world, phone: str, n: int = 3, base: np.ndarray | None = None):
    member = register(phone, "face member", store=world.store_a)
    consent = templates.grant_consent(member, store=world.store_a)
    base = person() if base is None else base
    templates.enrol(member, consent, [near(base, 0.05) for _ in range(n)], world.store_a)
    return member, base


def test_sync_picks_up_new_withdrawn_and_expired_templates(world):
    idx = FaceIndex()
    idx.sync()
    assert len(idx) == 0
    anna, anna_face = enrolled(world, "13900000001")
    ben, ben_face = enrolled(world, "13900000002", n=4)
    changes = idx.sync()
    assert len(changes.added) == 7 and len(idx) == 7
    assert idx.match(anna_face).member_id == anna.id
    assert idx.sync().added == []  # nothing new: nothing read

    assert templates.withdraw_face_consent(anna) == 3
    changes = idx.sync()
    assert sorted(changes.removed) == sorted(
        t for (t,) in FaceTombstone.select(FaceTombstone.template_id).tuples())
    assert idx.members() == {ben.id}
    assert idx.match(anna_face).member_id == ben.id

    # ben's templates fall out of use: the expiry job removes them, the index follows
    later = utcnow() + timedelta(days=templates.DEFAULT_TTL_DAYS + 1)
    assert templates.expire_templates(later) == 4
    assert templates.expire_templates(later) == 0  # idempotent
    idx.sync()
    assert len(idx) == 0 and idx.match(ben_face) is None


def test_re_enrolment_replaces_the_templates_in_every_index(world):
    idx = FaceIndex()
    anna, old_face = enrolled(world, "13900000003")
    idx.sync()
    consent = templates.active_consent(anna)
    new_face = person()
    templates.enrol(anna, consent, [new_face, near(new_face, 0.05)], world.store_a)
    idx.sync()
    assert len(idx) == 2 and FaceTemplate.select().count() == 2
    assert idx.match(new_face).distance < 1e-3
    assert idx.match(old_face).distance > 0.5


def test_a_matched_template_does_not_expire(world):
    anna, _ = enrolled(world, "13900000004")
    soon = utcnow() + timedelta(days=templates.DEFAULT_TTL_DAYS - 1)
    templates.record_match(anna.id, soon)
    assert templates.expire_templates(soon + timedelta(days=2)) == 0
    assert FaceTemplate.select().count() == 3


def test_the_ttl_comes_from_the_settings(world):
    from app.models import Setting

    Setting.create(key=templates.TTL_KEY, value="30")
    enrolled(world, "13900000005")
    assert templates.expire_templates(utcnow() + timedelta(days=29)) == 0
    assert templates.expire_templates(utcnow() + timedelta(days=31)) == 3


def test_the_expiry_job_is_registered_and_idempotent(world):
    from app import jobs

    enrolled(world, "13900000006")
    later = utcnow() + timedelta(days=templates.DEFAULT_TTL_DAYS + 1)
    first = next(r for r in jobs.run_due(later) if r.name == "expire_face_templates")
    again = next(r for r in jobs.run_due(later) if r.name == "expire_face_templates")
    assert (first.ran, first.count, again.count) == (True, 3, 0)


def test_an_index_behind_the_pruned_tombstones_reloads_in_full(world):
    idx = FaceIndex()
    anna, _ = enrolled(world, "13900000007")
    ben, ben_face = enrolled(world, "13900000008")
    idx.sync()
    stale = FaceIndex()
    stale.sync()
    templates.withdraw_face_consent(anna)
    # a month on: the tombstone of anna's withdrawal is pruned; ben stays in use
    much_later = utcnow() + timedelta(days=templates.TOMBSTONE_KEEP_DAYS + 1)
    templates.record_match(ben.id, much_later)
    templates.expire_templates(much_later)
    assert FaceTombstone.select().count() == 0
    changes = stale.sync()
    assert changes.reload and stale.members() == {ben.id}
