"""Face consent and templates: the only code that writes face data to the database.

Rules (SPEC §1.6, issue 10):

* no template without an active consent row of kind ``face`` for that member;
* withdrawing consent deletes every template of the member in one transaction, and the
  withdrawal stays on record (``Consent.withdrawn_at``);
* templates unused (never matched) for ``faces.template_ttl_days`` days expire
  (``expire_templates``, a job in app/jobs.py, idempotent);
* every change takes the next face-change version (see app/models/faces.py), so running
  greeters pick it up through ``FaceIndex.sync``;
* encodings are never logged; unknown faces never reach this module.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from app import audit
from app.clock import utcnow
from app.db import lock_row, locked, write_tx
from app.errors import NotFound, ValidationError
from app.models import (
    Consent,
    FaceCounter,
    FaceTemplate,
    FaceTombstone,
    Member,
    Setting,
    Staff,
    Store,
)

log = logging.getLogger(__name__)

FACE = "face"
ENCODING_DIM = 128
ENCODING_BYTES = ENCODING_DIM * 4  # float32
# The enrolment dialog takes 3–5 frames; the service also accepts a single good one (a
# member re-enrolled from the back office, the demo enrolled from photos).
MIN_ENCODINGS, MAX_ENCODINGS = 1, 5
TTL_KEY = "faces.template_ttl_days"
DEFAULT_TTL_DAYS = 365
DEFAULT_PURPOSE = ("Recognise the member at the store entrance to greet them and show their "
                   "member information; templates only, no photos kept.")
# Tombstones older than this are pruned; a greeter that has not synced for that long reloads.
TOMBSTONE_KEEP_DAYS = 30


def encode_blob(encoding: Sequence[float] | np.ndarray) -> bytes:
    """128 finite floats -> the 512-byte little-endian float32 blob stored in the database."""
    arr = np.asarray(encoding, dtype=np.float64).reshape(-1)
    if arr.shape != (ENCODING_DIM,):
        raise ValidationError("faces.bad_encoding",
                              "a face encoding has {size} values, expected {expected}",
                              size=int(arr.size), expected=ENCODING_DIM)
    if not np.all(np.isfinite(arr)):
        raise ValidationError("faces.encoding_not_finite",
                              "a face encoding holds values that are not finite numbers")
    return arr.astype("<f4").tobytes()


def decode_blob(blob: bytes | memoryview | None) -> np.ndarray | None:
    """The stored blob -> float32[128], or None when it is not a well-formed template."""
    if blob is None:
        return None
    raw = bytes(blob)
    if len(raw) != ENCODING_BYTES:
        return None
    arr = np.frombuffer(raw, dtype="<f4").astype(np.float32)
    return arr if np.all(np.isfinite(arr)) else None


def _next_version() -> int:
    """Take the next face-change version; the counter row stays locked until commit, so
    versions become visible in the order they were handed out."""
    row = lock_row(FaceCounter, 1)
    if row is None:
        FaceCounter.insert(id=1, version=0, pruned_through=0).on_conflict_ignore().execute()
        row = lock_row(FaceCounter, 1)
    version = row.version + 1
    FaceCounter.update(version=version).where(FaceCounter.id == 1).execute()
    return version


def current_version() -> int:
    row = FaceCounter.get_or_none(FaceCounter.id == 1)
    return row.version if row else 0


def active_consent(member: Member | int) -> Consent | None:
    member_id = member.id if isinstance(member, Member) else int(member)
    return (Consent.select()
            .where(Consent.member == member_id, Consent.kind == FACE,
                   Consent.withdrawn_at.is_null())
            .order_by(Consent.granted_at.desc(), Consent.id.desc())
            .first())


def grant_consent(member: Member, *, staff: Staff | None = None, store: Store | None = None,
                  purpose: str = DEFAULT_PURPOSE, retention_days: int | None = None) -> Consent:
    """Record the member's consent to face recognition (the consent dialog calls this once the
    member has confirmed). A consent already in force is returned unchanged."""
    days = retention_days if retention_days is not None else template_ttl_days()
    if not 1 <= days <= 3650:
        raise ValidationError("faces.bad_retention",
                              "the retention period must be 1 to 3650 days, not {days}", days=days)
    with write_tx():
        lock_row(Member, member.id)
        existing = active_consent(member)
        if existing is not None:
            return existing
        consent = Consent.create(member=member, kind=FACE, purpose=purpose[:300],
                                 retention_days=days, recorded_by=staff, store=store)
        audit.record("face.consent_granted", actor=staff, target=f"member:{member.id}",
                     consent=consent.id, retention_days=days)
    return consent


@dataclass(frozen=True)
class Enrolment:
    member_id: int
    consent_id: int
    template_ids: tuple[int, ...]
    version: int
    replaced: int  # templates of an earlier enrolment removed


def enrol(member: Member, consent: Consent | None, encodings: Sequence[Sequence[float]],
          store: Store | None = None, *, staff: Staff | None = None) -> Enrolment:
    """Store 1–5 encodings as the member's face templates, bound to ``consent``.

    Refused (nothing written) unless ``consent`` is the member's face consent and still in
    force when the transaction runs. A new enrolment replaces the member's earlier templates.
    """
    if not MIN_ENCODINGS <= len(encodings) <= MAX_ENCODINGS:
        raise ValidationError("faces.encoding_count",
                              "enrolment needs {low} to {high} face encodings, got {count}",
                              low=MIN_ENCODINGS, high=MAX_ENCODINGS, count=len(encodings))
    blobs = [encode_blob(e) for e in encodings]
    if consent is None:
        raise ValidationError("faces.no_consent",
                              "the member has not consented to face recognition")
    with write_tx():
        if lock_row(Member, member.id) is None:
            raise NotFound("member.not_found", "no member {member}", member=member.id)
        # Read the consent inside the transaction: a withdrawal that committed first wins.
        fresh = Consent.get_or_none(Consent.id == consent.id)
        if (fresh is None or fresh.member_id != member.id or fresh.kind != FACE
                or fresh.withdrawn_at is not None):
            raise ValidationError("faces.no_consent",
                                  "the member has not consented to face recognition")
        version = _next_version()
        replaced = _delete_templates(
            FaceTemplate.member == member.id, version, "replaced")
        now = utcnow()
        ids = []
        for blob in blobs:
            ids.append(FaceTemplate.insert(
                member=member.id, consent=fresh.id, encoding=blob, created_at=now,
                store=store, version=version).execute())
        audit.record("face.enrolled", actor=staff, target=f"member:{member.id}",
                     consent=fresh.id, templates=len(ids), replaced=replaced)
    return Enrolment(member.id, fresh.id, tuple(ids), version, replaced)


def _delete_templates(where: object, version: int, reason: str) -> int:
    """Delete the templates matching ``where`` and leave a tombstone for each (ids only)."""
    rows = list(locked(FaceTemplate.select(FaceTemplate.id, FaceTemplate.member)
                       .where(where)).tuples())
    if not rows:
        return 0
    now = utcnow()
    FaceTombstone.insert_many(
        [{"template_id": tid, "member_id": mid, "version": version, "reason": reason, "at": now}
         for tid, mid in rows]).execute()
    ids = [tid for tid, _ in rows]
    for start in range(0, len(ids), 500):
        FaceTemplate.delete().where(FaceTemplate.id.in_(ids[start:start + 500])).execute()
    return len(rows)


def withdraw_face_consent(member: Member, *, staff: Staff | None = None,
                          store: Store | None = None) -> int:
    """Withdraw every face consent of the member and delete all their templates, at once.

    Returns the number of templates deleted. Safe to repeat (a second call deletes nothing).
    """
    with write_tx():
        if lock_row(Member, member.id) is None:
            raise NotFound("member.not_found", "no member {member}", member=member.id)
        version = _next_version()
        deleted = _delete_templates(FaceTemplate.member == member.id, version, "withdrawn")
        withdrawn = (Consent.update(withdrawn_at=utcnow())
                     .where(Consent.member == member.id, Consent.kind == FACE,
                            Consent.withdrawn_at.is_null())
                     .execute())
        audit.record("face.consent_withdrawn", actor=staff, target=f"member:{member.id}",
                     templates_deleted=deleted, consents=withdrawn,
                     store=store.id if store else None)
    return deleted


def template_ttl_days() -> int:
    row = Setting.get_or_none(Setting.key == TTL_KEY)
    try:
        days = int(row.value) if row else DEFAULT_TTL_DAYS
    except ValueError:
        log.warning("setting %s is not a whole number of days; using %d", TTL_KEY,
                    DEFAULT_TTL_DAYS)
        return DEFAULT_TTL_DAYS
    return days if days > 0 else DEFAULT_TTL_DAYS


def expire_templates(now: datetime | None = None, ttl_days: int | None = None) -> int:
    """Delete templates not matched (or, never matched, not enrolled) within the TTL, and
    prune old tombstones. Idempotent: a second run finds nothing due."""
    now = now or utcnow()
    cutoff = now - timedelta(days=ttl_days or template_ttl_days())
    last_used = FaceTemplate.last_matched_at
    due = (((last_used.is_null()) & (FaceTemplate.created_at < cutoff))
           | (last_used < cutoff))
    expired = 0
    with write_tx():
        if FaceTemplate.select(FaceTemplate.id).where(due).exists():
            version = _next_version()
            expired = _delete_templates(due, version, "expired")
        old = FaceTombstone.select(FaceTombstone.version).where(
            FaceTombstone.at < now - timedelta(days=TOMBSTONE_KEEP_DAYS))
        newest_old = old.order_by(FaceTombstone.version.desc()).scalar()
        if newest_old:
            FaceTombstone.delete().where(FaceTombstone.version <= newest_old).execute()
            FaceCounter.update(pruned_through=newest_old).where(
                FaceCounter.id == 1, FaceCounter.pruned_through < newest_old).execute()
    if expired:
        log.info("face templates expired: %d", expired)
    return expired


def record_match(member_id: int, at: datetime | None = None) -> int:
    """A greeting happened: the member's templates count as used (they do not expire).
    Not a content change, so no new version. Returns rows touched."""
    with write_tx():
        return (FaceTemplate.update(last_matched_at=at or utcnow())
                .where(FaceTemplate.member == member_id).execute())


@dataclass(frozen=True)
class Changes:
    """What changed after a version: templates to add (id, member id, float32[128]),
    template ids to drop, the version now reached, and whether a full reload is needed."""

    added: list[tuple[int, int, np.ndarray]]
    removed: list[int]
    version: int
    reload: bool
    skipped: int = 0  # corrupt rows left out


def changes_since(version: int) -> Changes:
    """One cheap read (both queries use the version indexes) for FaceIndex.sync.

    A corrupt template (wrong blob length, non-finite values) is skipped with a warning that
    names the row, never its contents."""
    counter = FaceCounter.get_or_none(FaceCounter.id == 1)
    now_version = counter.version if counter else 0
    # Version 0 (a new index) or an index older than the pruned tombstones: load everything.
    reload = version <= 0 or (counter is not None and version < counter.pruned_through)
    if not reload and now_version <= version:
        return Changes([], [], now_version, False)
    # Bounded by the counter read first: every transaction up to that version has committed
    # (the counter row commits with its templates), so nothing below it can appear later.
    window = FaceTemplate.version <= now_version
    if not reload:
        window &= FaceTemplate.version > version
    rows = (FaceTemplate.select(FaceTemplate.id, FaceTemplate.member, FaceTemplate.encoding)
            .where(window).order_by(FaceTemplate.id).tuples())
    added, skipped = [], 0
    for tid, mid, blob in rows:
        enc = decode_blob(blob)
        if enc is None:
            skipped += 1
            log.warning("face template %s of member %s is corrupt (%s bytes); skipped",
                        tid, mid, len(bytes(blob)) if blob is not None else 0)
            continue
        added.append((tid, mid, enc))
    removed = [] if reload else [
        tid for (tid,) in FaceTombstone.select(FaceTombstone.template_id)
        .where(FaceTombstone.version > version, FaceTombstone.version <= now_version).tuples()]
    return Changes(added, removed, now_version, reload, skipped)
