"""The demo greeter's members: enrolled at demo time from the shared test faces, when that
folder is next to the checkout (../shared/testdata). The photos are read and forgotten; they
are never copied into the repository or the database (only encodings are stored)."""

from __future__ import annotations

import os
from pathlib import Path

from app.models import FaceTemplate, Member, Store

DEMO_PHONE_PREFIX = "1370000"


def shared_testdata() -> Path | None:
    """``$PATRON_TESTDATA`` or ``../shared/testdata`` beside the repository, if present."""
    env = os.environ.get("PATRON_TESTDATA")
    root = Path(env) if env else Path(__file__).resolve().parents[2].parent / "shared" / "testdata"
    return root if (root / "faces" / "people").is_dir() else None


def door_video() -> Path | None:
    root = shared_testdata()
    video = root / "video" / "arrivals.mp4" if root else None
    return video if video and video.exists() else None


def demo_members_enrolled() -> int:
    return (FaceTemplate.select(FaceTemplate.member).join(Member)
            .where(Member.phone.startswith(DEMO_PHONE_PREFIX)).distinct().count())


def enrol_demo_faces(store_id: int) -> int:
    """Enrol a demo member per identity of the shared faces (not the door video's strangers,
    not the photos the video shows). Skipped when done before. Returns members enrolled."""
    root = shared_testdata()
    if root is None:
        return 0
    already = demo_members_enrolled()
    if already:
        return already
    from app.faces.photos import enrol_folder

    return len(enrol_folder(root / "faces", arrivals_csv=root / "video" / "arrivals.csv",
                            store=Store.get_by_id(store_id), phone_prefix=DEMO_PHONE_PREFIX))
