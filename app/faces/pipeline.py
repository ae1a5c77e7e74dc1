"""The greeter's recognition pipeline, with no Qt: frames in, face boxes and greetings out.

For the greeter window (ui/greeter/) — how to use it::

    from app.faces.index import FaceIndex
    from app.faces.pipeline import Pipeline, PipelineConfig

    index = FaceIndex()
    pipeline = Pipeline(index, PipelineConfig(), sync=index.sync)  # sync: needs the db bound
    pipeline.start()                       # spawns the encoder processes, starts its thread
    ...
    # for every camera frame (the camera thread or a QTimer; never blocks, ~0.1 ms):
    result = pipeline.feed(frame_bgr, t)   # t: the frame's time in seconds (monotonic/video)
    for face in result.faces:              # FaceBox: track_id, box (full-frame px), state,
        ...                                # member_id (only once greeted; None for strangers)
    for g in result.greetings:             # Greeting: member_id, distance, margin, track_id,
        ...                                # frame_time, once per recognised arrival (track)
    ...
    pipeline.close()                       # stops the thread and the encoder process

* ``state`` of a face: ``"looking"`` (still deciding), ``"greeted"`` (member_id set),
  ``"unknown"`` (decided not to greet: a stranger, or a track that matched two members).
  Draw no name for anything but ``"greeted"``.
* Greetings are also available without feeding through ``pipeline.greetings()``; each one
  is delivered exactly once. The window turns a greeting into a welcome card and a visit
  (the visit service de-duplicates arrivals; ``app.faces.templates.record_match`` keeps the
  member's templates from expiring).
* ``PipelineConfig.mode``: ``"passive"`` recognises everyone who walks in; ``"check-in"``
  recognises nobody until ``pipeline.check_in()`` (the tap on "check in") and then only
  for ``check_in_s`` seconds. Boxes are shown in both modes.
* ``pipeline.status()``: ``"starting"``, ``"running"``, or ``"error: …"`` (encoder process
  failed); the pipeline keeps running (boxes, sync) and restarts a dead encoder.
* The index is synced on the pipeline's own thread every ``sync_interval_s`` (≤ 2 s), so an
  enrolment, a withdrawal or an expiry reaches the running greeter within 5 s. A sync that
  fails (database away) is logged and retried; the greeter goes on with the index it has.
  The thread's database connection is closed when the pipeline closes.
* Start the greeter process with ``OPENBLAS_NUM_THREADS=1`` (before numpy is imported): the
  1:N match is one small gemv, and BLAS threads only fight the encoder for the cores.
* Figures: ``uv run python -m bench.greeter_replay --faces … --arrivals … --video …``
  (``--timeline`` shows where the time goes per arrival; ``--offline`` for video-time
  figures free of the machine's load), and ``bench/bench_face_match.py``,
  ``bench/bench_face_thresholds.py``. ``Pipeline(..., trace=callable)`` receives a
  ``TraceEvent`` per step (benches only: member ids and distances, never an encoding).

Stages: the newest frame wins (a slow stage skips frames, never queues them) → HOG detection
on a downscaled copy, and at full resolution where the picture moves and around small
tracked faces (``app.faces.motion``, ``app.faces.detect``: a face is found the frame it comes
through the door; an empty, still doorway costs no detection at all) → IoU/centroid tracking
(``app.faces.tracking``) → crops to two encoder processes (``app.faces.encoder``), each
crop cut from the newest analysed frame the moment an encoder is free, newest tracks first,
each track at most once per frame and never again once decided → 1:N match
(``app.faces.index``) → the agreement and margin rule (``app.faces.decision``: three of five
votes, or two strong ones with no other member near).

Where the time goes, a face coming in on a quiet 2-core machine: detection of its first
frame ≈ 25 ms, two encodings side by side (its first two frames) ≈ 80–100 ms each, so the
greeting is decided ≈ 150 ms after the face appears and shown with the next frame.

Privacy: encodings of people who are not greeted live only in this process's memory, as
match results of their track, and are dropped when the track ends; nothing is written to
the database, to disk or to the log (only counts and member ids of greetings are logged).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from app.faces.decision import GreetingRule, TrackVotes
from app.faces.detect import Detector
from app.faces.encoder import EncoderPool, crop_for_encoding
from app.faces.geometry import Box
from app.faces.index import SYNC_INTERVAL_S, FaceIndex
from app.faces.motion import MotionRegions, merge
from app.faces.tracking import Track, Tracker

log = logging.getLogger(__name__)

LOOKING, GREETED, UNKNOWN = "looking", "greeted", "unknown"


@dataclass(frozen=True)
class PipelineConfig:
    detect_scale: float = 0.5  # the whole-frame pass: faces from ~150 px
    detect_upsample: int = 0
    # The finer pass inside regions that move and around small tracked faces: faces from
    # ~75 px, i.e. the frame a face comes through the door (app.faces.detect).
    region_scale: float = 1.0
    motion_regions: bool = True
    # A fine look over the whole frame this often, for a small face that stands still.
    full_look_interval_s: float = 2.0
    min_face_px: int = 80  # smaller faces are tracked and boxed but not encoded
    rule: GreetingRule = GreetingRule()
    # Encoder processes: the encodings a greeting needs are computed side by side, one per
    # core (each holds dlib's models, ~100 MB resident).
    encoders: int = 2
    # One crop per encoder process at a time: the next crop is cut from the newest analysed
    # frame the moment a result comes back, never queued behind another and gone stale.
    max_in_flight: int = 1
    # Niceness of the encoder processes (0: the same as the greeter's threads).
    encoder_nice: int = 0
    per_track_in_flight: int = 2
    # A track still undecided after ``rule.window`` encodings (a stranger, mostly) gets one
    # encoding at most this often (frame time), so it leaves the cores to new arrivals and
    # to the preview while it keeps its chances as the face comes nearer.
    undecided_interval_s: float = 0.25
    # A greeted track is encoded again this often (0: never): when the face there is no
    # longer the member's (someone stepped into their place), the track restarts, so no
    # box carries a member's name over somebody else.
    recheck_interval_s: float = 1.0
    sync_interval_s: float = SYNC_INTERVAL_S
    # While the encoders are busy, detect at most this often (frame time): the boxes are
    # extrapolated in between, and the encoders get the CPU the detector would have taken.
    busy_detect_interval_s: float = 0.08
    mode: str = "passive"  # passive | check-in
    check_in_s: float = 10.0

    def __post_init__(self) -> None:
        if self.mode not in ("passive", "check-in"):
            raise ValueError("mode must be 'passive' or 'check-in'")
        if self.sync_interval_s > 2.0:
            raise ValueError("sync_interval_s must be ≤ 2 s (changes reach greeters in 5 s)")


@dataclass(frozen=True)
class FaceBox:
    track_id: int
    box: Box
    state: str  # looking | greeted | unknown
    member_id: int | None  # only when greeted


@dataclass(frozen=True)
class Greeting:
    member_id: int
    distance: float  # the worst of the agreeing encodings
    margin: float  # the smallest margin among them
    track_id: int
    frame_time: float  # time of the frame whose encoding completed the agreement
    frame_seq: int


@dataclass(frozen=True)
class TraceEvent:
    """One step of the pipeline, for ``--timeline`` in the replay (where the time goes).

    ``kind``: ``detect`` (a detection round finished: ``detail`` has the boxes' sizes and
    the detector's milliseconds), ``born`` (a new track), ``submit`` (a crop went to an
    encoder), ``encoded`` (its match came back: distance, margin, vote), ``greet`` and
    ``unknown`` (the track's decision). Member ids only, never an encoding."""

    kind: str
    wall: float  # time.monotonic() when it happened
    seq: int  # the frame the step is about (its feed sequence number)
    frame_time: float
    track_id: int | None = None
    detail: dict | None = None


@dataclass(frozen=True)
class FrameResult:
    frame_time: float
    faces: tuple[FaceBox, ...]
    greetings: tuple[Greeting, ...]


@dataclass(frozen=True)
class _Shown:
    track_id: int
    box: Box
    prev: tuple[Box, float] | None
    seen_at: float
    state: str
    member_id: int | None


class Pipeline:
    def __init__(self, index: FaceIndex, config: PipelineConfig | None = None, *,
                 sync: Callable[[], object] | None = None,
                 encoder: EncoderPool | None = None,
                 detector: Detector | None = None,
                 on_greeting: Callable[[Greeting], None] | None = None,
                 trace: Callable[[TraceEvent], None] | None = None) -> None:
        self.index = index
        self.config = config or PipelineConfig()
        self._sync = sync
        self._encoder = encoder
        self._detector = detector
        self._on_greeting = on_greeting
        self._trace = trace
        self._tracker = Tracker()
        self._cond = threading.Condition()
        self._frame: tuple[int, float, np.ndarray] | None = None
        self._seq = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._greetings: queue.SimpleQueue[Greeting] = queue.SimpleQueue()
        self._shown: tuple[_Shown, ...] = ()
        self._requests: dict[int, tuple[int, float, int]] = {}  # req -> track, t, seq
        self._req_ids = 0
        self._armed_until = 0.0
        self._last_sync = -1e9
        self._restart_at = 0.0
        self._detected_at = -1e9
        self._full_look_at = -1e9
        self._motion = MotionRegions()
        # The newest analysed frame: encoders freed between frames get their next crop from it.
        self._analysed: tuple[int, float, np.ndarray] | None = None
        self._status = "starting"
        self.frames_fed = 0
        self._done_seq = 0  # the newest frame analysed
        self.frames_analysed = 0
        self.encodings_done = 0

    # -- life cycle ----------------------------------------------------------------------------
    def start(self) -> Pipeline:
        if self._detector is None:
            self._detector = Detector(self.config.detect_scale, self.config.detect_upsample,
                                      region_scale=self.config.region_scale)
        if self._encoder is None:
            self._encoder = EncoderPool(self.config.encoders, self.config.max_in_flight,
                                        nice=self.config.encoder_nice)
        self._encoder.start()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="face-pipeline", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None
        if self._encoder is not None:
            self._encoder.close()

    def status(self) -> str:
        return self._status

    @property
    def encoder_pid(self) -> int | None:
        return self._encoder.pid if self._encoder else None

    @property
    def encoder_pids(self) -> list[int]:
        return self._encoder.pids if self._encoder else []

    def wait_ready(self, timeout_s: float = 30.0) -> bool:
        """Block until the encoder process has loaded its models (benches, tests)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._status == "running":
                return True
            if self._status.startswith("error"):
                return False
            time.sleep(0.02)
        return False

    def check_in(self, now: float | None = None) -> None:
        """Check-in mode: recognise for the next ``check_in_s`` seconds (frame time)."""
        t = now if now is not None else self._latest_time()
        self._armed_until = t + self.config.check_in_s

    def _latest_time(self) -> float:
        with self._cond:
            return self._frame[1] if self._frame else 0.0

    # -- the caller's side ---------------------------------------------------------------------
    def feed(self, frame_bgr: np.ndarray, t: float) -> FrameResult:
        """Hand over the newest frame (replacing any frame not yet analysed) and get the faces
        to draw on it and the greetings decided since the last call. Never blocks."""
        with self._cond:
            self._seq += 1
            self._frame = (self._seq, t, frame_bgr)
            self._cond.notify_all()
        self.frames_fed += 1
        faces = tuple(FaceBox(s.track_id, self._predict(s, t), s.state, s.member_id)
                      for s in self._shown)
        return FrameResult(t, faces, tuple(self.greetings()))

    def step(self, frame_bgr: np.ndarray, t: float, timeout_s: float = 30.0) -> FrameResult:
        """``feed`` and wait until this frame is analysed and its encodings are back: the
        same pipeline, frame by frame, for tests and offline replays (not for a live camera)."""
        result = self.feed(frame_bgr, t)
        seq = self._seq
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while not (self._done_seq >= seq and not self._requests):
                left = deadline - time.monotonic()
                if left <= 0 or self._stop.is_set():
                    break
                self._cond.wait(min(left, 0.05))
        faces = tuple(FaceBox(s.track_id, s.box, s.state, s.member_id) for s in self._shown)
        return FrameResult(t, faces, result.greetings + tuple(self.greetings()))

    def greetings(self) -> list[Greeting]:
        out = []
        while True:
            try:
                out.append(self._greetings.get_nowait())
            except queue.Empty:
                return self._still_enrolled(out)

    def _still_enrolled(self, greetings: list[Greeting]) -> list[Greeting]:
        """A greeting made just before its member withdrew (their templates left the index
        between the decision and its hand-over) is stale: nobody is named without consent."""
        if not greetings:
            return greetings
        enrolled = self.index.members()
        return [g for g in greetings if g.member_id in enrolled]

    def _predict(self, s: _Shown, t: float) -> Box:
        if s.prev is None:
            return s.box
        tr = Track(s.track_id, s.box, s.seen_at, s.seen_at, prev=s.prev)
        return tr.predicted(t, self._tracker.predict_s)

    # -- the pipeline thread -------------------------------------------------------------------
    def _run(self) -> None:
        try:
            self._loop()
        finally:
            if self._sync is not None:  # the sync opened this thread's own connection
                from app.db import database

                if database.obj is not None and not database.obj.is_closed():
                    database.obj.close()

    def _loop(self) -> None:
        last_seq = 0
        held = False
        while not self._stop.is_set():
            self._maybe_sync()
            self._collect()
            with self._cond:
                if self._frame is None or self._frame[0] == last_seq or held:
                    self._cond.wait(0.005)
                frame = self._frame
            if frame is None or frame[0] == last_seq or self._stop.is_set():
                continue
            # A frame held back while the encoders are busy stays the next to analyse: the
            # moment one is free, it is analysed and cropped, not the frame after it.
            held = self._hold_back(frame[1])
            if held:
                continue
            last_seq = frame[0]
            try:
                self._analyse(*frame)
            except Exception:  # a bad frame must not stop the greeter
                log.exception("face pipeline: frame %d could not be analysed", frame[0])
            with self._cond:
                self._done_seq = last_seq
                self._cond.notify_all()

    def _maybe_sync(self) -> None:
        if self._sync is None:
            return
        now = time.monotonic()
        if now - self._last_sync < self.config.sync_interval_s:
            return
        self._last_sync = now
        try:
            self._sync()
        except Exception as exc:  # database away: keep greeting with the index we have
            log.warning("face index sync failed (%s); retrying", type(exc).__name__)

    def _collect(self) -> None:
        enc = self._encoder
        if enc is None:
            return
        if not enc.alive():
            now = time.monotonic()
            if now >= self._restart_at:
                self._status = f"error: {enc.error or 'encoder process stopped'}"
                log.warning("face encoder process is not running; restarting it")
                self._restart_at = now + 5.0
                self._requests.clear()
                for track in self._tracker.tracks.values():
                    track.data["in_flight"] = 0
                enc.revive()
            return
        results = enc.poll()
        for req_id, encoding in results:
            self._on_encoding(req_id, encoding)
        if results:
            self._dispatch()  # the freed encoder takes its next crop now, not next frame
            with self._cond:
                self._cond.notify_all()
        if enc.ready and self._status != "running":
            self._status = "running"
        elif enc.error:
            self._status = f"error: {enc.error}"

    def _armed(self, t: float) -> bool:
        return self.config.mode == "passive" or t <= self._armed_until

    def _note(self, kind: str, seq: int, t: float, track_id: int | None = None,
              **detail) -> None:
        if self._trace is not None:
            self._trace(TraceEvent(kind, time.monotonic(), seq, t, track_id, detail or None))

    def _regions(self, frame: np.ndarray, t: float) -> list[Box] | None:
        """Where the fine pass looks: moving regions without a face the coarse pass already
        sees, and around tracked faces too small for the coarse pass (so a face that stops
        moving stays tracked); the whole frame every ``full_look_interval_s``. None when the
        frame needs no detection at all: nothing tracked and not a pixel moved."""
        assert self._detector is not None
        h, w = frame.shape[:2]
        moving = self._motion.regions(frame) if self.config.motion_regions else []
        due = t - self._full_look_at >= self.config.full_look_interval_s or t < self._full_look_at
        deciding = any(not tr.data["votes"].settled for tr in self._tracker.tracks.values()
                       if "votes" in tr.data)
        if due and not deciding:  # never while someone is being recognised: it costs ~70 ms
            self._full_look_at = t
            return [Box(0, 0, w, h)]
        if self._motion.still and not self._tracker.tracks:
            return None  # an empty, unchanged doorway: nothing to look for
        coarse = self._detector.coarse_min_px * 1.2  # safely within the coarse pass's reach
        tracked = [tr.predicted(t, self._tracker.predict_s) for tr in self._tracker.tracks.values()]
        big = [b for b in tracked if b.size >= coarse]
        regions = [r for r in moving
                   if not any(r.left <= b.centre[0] <= r.right and r.top <= b.centre[1] <= r.bottom
                              for b in big)]
        for b in tracked:
            if b.size < coarse:
                g = round(b.size * 0.6)  # room for the step it takes until the next frame
                regions.append(Box(b.left - g, b.top - g, b.right + g, b.bottom + g))
        return merge(regions, w, h)

    def _hold_back(self, t: float) -> bool:
        """While the encoders are all busy, detect at most every ``busy_detect_interval_s``."""
        return (self._encoder is not None and self._encoder.busy
                and 0 <= t - self._detected_at < self.config.busy_detect_interval_s)

    def _analyse(self, seq: int, t: float, frame: np.ndarray) -> None:
        assert self._detector is not None
        self._detected_at = t
        began = time.monotonic()
        regions = self._regions(frame, t)
        if regions is None:
            self._analysed = (seq, t, frame)
            return
        detections = self._detector.detect(frame, regions)
        self.frames_analysed += 1
        matched, _ended = self._tracker.update([d.box for d in detections], t)
        if self._trace is not None:
            self._note("detect", seq, t, sizes=[d.box.size for d in detections],
                       ms=(time.monotonic() - began) * 1000.0,
                       regions=[r.size for r in regions])
        for track, box in matched:
            if "votes" not in track.data:
                self._note("born", seq, t, track.id, size=box.size)
                track.data["votes"] = TrackVotes(self.config.rule)
            elif track.lost_for(self._tracker.jump_within_s):
                self._picked_up(track, seq, t)
        self._analysed = (seq, t, frame)
        self._dispatch()
        self._publish()

    def _dispatch(self) -> None:
        """Give free encoders crops of the newest analysed frame: tracks with the fewest
        encodings first (a face that just came in before one already being decided), each
        track at most once per frame, none once its track is settled."""
        enc = self._encoder
        if self._analysed is None or enc is None or not enc.ready or enc.busy:
            return
        seq, t, frame = self._analysed
        if not self._armed(t):
            return
        wanted = []
        recheck = self.config.recheck_interval_s
        for track in self._tracker.tracks.values():
            votes: TrackVotes | None = track.data.get("votes")
            in_flight = track.data.get("in_flight", 0)
            since = t - track.data.get("submitted_at", -1e9)
            if (votes is None or track.seen_at != t
                    or track.box.size < self.config.min_face_px
                    or track.data.get("encoded_seq") == seq
                    or in_flight >= self.config.per_track_in_flight):
                continue
            if votes.greeted is not None:  # a check now and then, after everyone else
                if recheck > 0 and not in_flight and not 0 <= since < recheck:
                    wanted.append((1, 0, track.first_seen_at, track))
                continue
            if votes.settled:
                continue
            if votes.encodings >= self.config.rule.window and (
                    in_flight or 0 <= since < self.config.undecided_interval_s):
                continue
            wanted.append((0, votes.encodings + in_flight, track.first_seen_at, track))
        wanted.sort(key=lambda w: w[:3])
        for *_, track in wanted:
            if enc.busy:
                break
            crop, inner = crop_for_encoding(frame, track.box)
            self._req_ids += 1
            if not enc.submit(self._req_ids, crop, inner):
                break
            self._requests[self._req_ids] = (track.id, t, seq)
            track.data["in_flight"] = track.data.get("in_flight", 0) + 1
            track.data["encoded_seq"] = seq
            track.data["submitted_at"] = t
            self._note("submit", seq, t, track.id, req=self._req_ids, size=track.box.size)

    def _on_encoding(self, req_id: int, encoding: np.ndarray | None) -> None:
        track_id, t, seq = self._requests.pop(req_id, (None, 0.0, 0))
        track = self._tracker.tracks.get(track_id) if track_id is not None else None
        if track is None:
            return  # the person left; their encoding is dropped with the track
        track.data["in_flight"] = max(0, track.data.get("in_flight", 1) - 1)
        if encoding is None:
            return
        self.encodings_done += 1
        votes: TrackVotes = track.data["votes"]
        match = self.index.match(encoding)
        if votes.greeted is not None:
            self._recheck(track, votes.greeted, match, seq, t)
            return
        was_settled = votes.settled
        member = votes.add(match)
        if self._trace is not None:
            timing = getattr(self._encoder, "timing", lambda _r: None)(req_id)
            self._note("encoded", seq, t, track.id, req=req_id, timing=timing,
                       member=match.member_id if match else None,
                       distance=match.distance if match else None,
                       margin=match.margin if match else None,
                       vote=self.config.rule.vote(match))
            if votes.settled and not was_settled and votes.greeted is None:
                self._note("unknown", seq, t, track.id, conflicted=votes.conflicted)
        if member is not None:
            self._note("greet", seq, t, track.id, member=member)
            distance, margin = votes.evidence(member)
            greeting = Greeting(member, distance, margin, track.id, t, seq)
            log.info("greeting member %d (track %d, distance %.3f, margin %.3f)", member,
                     track.id, distance, margin)
            self._greetings.put(greeting)
            if self._on_greeting is not None:
                self._on_greeting(greeting)
        self._publish()

    def _picked_up(self, track: Track, seq: int, t: float) -> None:
        """A track found again after a while unseen may be someone else where it was: a
        greeted one is checked at the next chance, one decided as unknown starts deciding
        afresh (a stranger's decision must not keep the next person from being greeted)."""
        votes: TrackVotes = track.data["votes"]
        if votes.greeted is not None:
            track.data.pop("submitted_at", None)
        elif votes.settled:
            track.data["votes"] = TrackVotes(self.config.rule)
            track.data.pop("submitted_at", None)
        self._note("picked_up", seq, t, track.id, gap=track.gap)

    def _recheck(self, track: Track, member: int, match, seq: int, t: float) -> None:
        """A greeted track encoded again: still the member (nearest, within the plausible
        distance), or someone else now — then the track restarts, unnamed, and whoever it
        is gets recognised (or not) from scratch."""
        rule = self.config.rule
        still = (match is not None and match.member_id == member
                 and match.distance <= rule.conflict_distance)
        self._note("recheck", seq, t, track.id, member=member, still=still,
                   distance=match.distance if match else None)
        if not still:
            log.info("track %d no longer shows the member it greeted; restarted", track.id)
            new = self._tracker.restart(track)
            new.data["votes"] = TrackVotes(rule)
            self._note("born", seq, t, new.id, size=new.box.size)
        self._publish()

    def _publish(self) -> None:
        shown = []
        for track in self._tracker.tracks.values():
            votes: TrackVotes | None = track.data.get("votes")
            if votes is not None and votes.greeted is not None:
                state, member = GREETED, votes.greeted
            elif votes is not None and votes.settled:
                state, member = UNKNOWN, None
            else:
                state, member = LOOKING, None
            shown.append(_Shown(track.id, track.box, track.prev, track.seen_at, state, member))
        self._shown = tuple(shown)
