"""Cross-validation of the greeting rule across identities (app/faces/decision.py).

    uv run python bench/bench_face_thresholds.py [--faces ../shared/testdata/faces]

Every photo of ``DIR/people/<identity>/`` is encoded once (largest face, 5-point alignment).
Then, leaving out one identity at a time, each of its photos is matched against everyone
else — the left-out identity plays a stranger — and, for identities with two photos or more,
each photo is matched against a gallery holding everyone's photos except that one — the
identity plays a returning member. A single photo *votes* under the rule's thresholds
(distance ≤ accept_distance, margin ≥ min_margin); a greeting needs ``agree`` such votes
from one track, so these single-photo rates are an upper bound on what the greeter risks.
face_recognition's single-image rule (nearest ≤ 0.6) is scored beside it.

Prints ``metric_name: value unit`` lines; the thresholds are not fitted to these faces.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from app.faces.decision import GreetingRule  # noqa: E402
from app.faces.index import FaceIndex  # noqa: E402
from bench.face_data import people, photo_encoding  # noqa: E402

PLAIN_TOLERANCE = 0.6


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--faces", type=Path, default=REPO.parent / "shared" / "testdata" / "faces")
    args = ap.parse_args(argv)
    if not (args.faces / "people").is_dir():
        print(f"face_thresholds: {args.faces}/people not found, skipped")
        return 0
    rule = GreetingRule()
    photos: list[tuple[int, np.ndarray]] = []
    ids = {}
    for identity, paths in people(args.faces).items():
        for p in paths:
            enc = photo_encoding(p)
            if enc is not None:
                photos.append((ids.setdefault(identity, len(ids) + 1), enc))
    by_id: dict[int, list[int]] = {}
    for i, (mid, _) in enumerate(photos):
        by_id.setdefault(mid, []).append(i)

    def gallery(skip) -> FaceIndex:
        idx = FaceIndex()
        idx.add_many([(i + 1, mid, e) for i, (mid, e) in enumerate(photos) if not skip(i, mid)])
        return idx

    imp_votes = imp_plain = imp_n = 0
    imp_min = np.inf
    for mid in by_id:  # every identity in turn is the stranger
        idx = gallery(lambda i, m, out=mid: m == out)
        for i in by_id[mid]:
            m = idx.match(photos[i][1])
            imp_n += 1
            imp_min = min(imp_min, m.distance)
            imp_votes += rule.vote(m) is not None
            imp_plain += m.distance <= PLAIN_TOLERANCE
    gen_ok = gen_wrong = gen_plain_wrong = gen_n = 0
    gen_max = 0.0
    for mid, rows in by_id.items():  # each photo returns, its own photo left out
        if len(rows) < 2:
            continue
        for i in rows:
            m = gallery(lambda j, _m, out=i: j == out).match(photos[i][1])
            gen_n += 1
            voted = rule.vote(m)
            gen_ok += voted == mid
            gen_wrong += voted is not None and voted != mid
            gen_plain_wrong += m.member_id != mid and m.distance <= PLAIN_TOLERANCE
            own = [np.linalg.norm(photos[j][1] - photos[i][1]) for j in rows if j != i]
            gen_max = max(gen_max, float(min(own)))
    print(f"face_cv_identities: {len(by_id)} identities, {len(photos)} photos")
    print(f"face_cv_stranger_votes: {imp_votes}/{imp_n} photos "
          f"(rule: distance <= {rule.accept_distance}, margin >= {rule.min_margin})")
    print(f"face_cv_stranger_plain_matches: {imp_plain}/{imp_n} photos (nearest <= 0.6)")
    print(f"face_cv_stranger_nearest_min: {imp_min:.3f} distance")
    print(f"face_cv_member_votes: {gen_ok}/{gen_n} photos")
    print(f"face_cv_member_wrong_votes: {gen_wrong} photos "
          f"(plain rule: {gen_plain_wrong})")
    print(f"face_cv_member_own_nearest_max: {gen_max:.3f} distance")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
