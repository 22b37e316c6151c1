"""Streaming call-progress tone detector over 20 ms 8 kHz frames: ringback and busy (US, UK, CEPT cadences).

Each frame is fitted by least squares to the sinusoids of five tone families (440+480, 400+450, 425,
480+620 and 400 Hz); a frame is tonal when one family explains most of its energy, so speech and music,
whose energy is spread over many frequencies, rarely are. A run of tonal frames is a burst once it has
lasted 80 ms and its true frequencies, measured from the frame-to-frame phase advance of the fitted
amplitudes, lie within 2.5 % of the family's (a 440 Hz note is not a 425 Hz tone). Burst edges are timed
to a few milliseconds from how much of the partial frames at either end the tone fills. Bursts and the
quiet gaps between them are matched against the known cadences, each element within 20 % + 20 ms.

Decision rule:
- US and CEPT ringback: one burst of the right length (2.0 s / 1.0 s), then 0.1 s of quiet.
- UK ringback: burst, gap, burst (0.4 / 0.2 / 0.4 s), then 0.1 s of quiet.
- Busy, reorder, congestion: two bursts and two gaps of the right lengths (two cycles; one full cycle of
  UK congestion's four-part pattern), decided 80 ms into the third burst.
Once decided the label holds through the gaps. It returns to None when a burst or gap runs past its
expected length plus tolerance, ends too short, a burst has other frequencies, or 40 ms of non-tone sound
(speech, music, noise well above the gap's floor) arrives in a gap.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Literal

import numpy as np

from agent.audio import FRAME_BYTES, FRAME_MS, SAMPLE_RATE

ToneLabel = Literal["ringback", "busy"]  # "busy" covers busy, reorder/fast-busy and congestion

_FRAME_S = FRAME_MS / 1000.0  # seconds per frame
_FRAME_SAMPLES = FRAME_BYTES // 2  # samples per frame
_DBM0_PEAK = 22700.0  # int16 peak of a 0 dBm0 sine (G.711 overloads at +3.17 dBm0)


def _frame_energy(dbm0: float) -> float:
    """Sum of squares over one frame of a sine at dbm0."""
    return _FRAME_SAMPLES * _DBM0_PEAK**2 / 2.0 * 10.0 ** (dbm0 / 10.0)


# Tone families, fitted jointly per frame. Several plans share a family: CEPT uses 425 Hz for all three.
_FAMILIES: tuple[tuple[float, ...], ...] = (
    (440.0, 480.0),  # US ringback
    (400.0, 450.0),  # UK ringback
    (425.0,),  # CEPT ringback, busy, congestion
    (480.0, 620.0),  # US busy, reorder
    (400.0,),  # UK busy, congestion
)
_US_RING, _UK_RING, _CEPT, _US_BUSY, _UK = range(len(_FAMILIES))
_COMP_FREQS = np.array([f for freqs in _FAMILIES for f in freqs])  # Hz, every fitted component in order
_COMP_STARTS = np.cumsum([0] + [len(freqs) for freqs in _FAMILIES])  # first component of each family
_DUAL = np.array([i for i, freqs in enumerate(_FAMILIES) if len(freqs) == 2])  # families of two frequencies
_DUAL_FIRST = _COMP_STARTS[_DUAL]  # their first component
_DUAL_SECOND = _DUAL_FIRST + 1  # their second component

_MIN_FRACTION = 0.75  # share of a frame's energy its family must explain for the frame to be tonal
_MIN_SHARE = 0.15  # share of a dual tone's power each frequency must carry (allows ~7.5 dB imbalance)
_MIN_TONE_ENERGY = _frame_energy(-45.0)  # quieter tones are ignored: far below any network's tone level
_FREQ_TOL = 0.025  # relative: networks' tones may be off frequency by 2 %, plus estimation slack
_HIT_SHARE = 0.6  # share of a burst's frames its family must have explained
_CONFIRM_FRAMES = 4  # tonal frames (80 ms) before a run counts as a tone burst
_SETTLE_S = 0.1  # seconds of quiet after a burst before a decision may rest on that burst having ended
_TONE_TO_GAP = 0.1  # a gap frame above this share of the last burst's frame energy (-10 dB) is loud...
_FLOOR_TO_LOUD = 16.0  # ...and so is one 12 dB above the gap's own noise floor...
_QUIET_ENERGY = _frame_energy(-50.0)  # ...unless it is below -50 dBm0
_INTRUSION_FRAMES = 2  # consecutive loud non-tone frames in a gap that break the cadence (one is a click)
_TIME_TOL = 0.2  # relative tolerance of every cadence element
_TIME_SLACK_S = 0.02  # seconds added to it: one frame
_HISTORY = 8  # completed bursts and gaps remembered


def _fit_weights() -> np.ndarray:
    """One matrix for all families: least-squares coefficient weights, the plain correlations, then a sum."""
    n = np.arange(_FRAME_SAMPLES)
    solve, correlate = [], []
    for freqs in _FAMILIES:
        w = 2.0 * np.pi * np.array(freqs) / SAMPLE_RATE
        # Columns cos, sin per frequency: x @ basis @ inv(basis.T @ basis) gives the fitted coefficients.
        basis = np.column_stack([f(wi * n) for wi in w for f in (np.cos, np.sin)])
        solve.append(basis @ np.linalg.inv(basis.T @ basis))
        correlate.append(basis)
    weights = np.hstack(solve + correlate)
    # Centred columns see x minus its mean (a DC offset is no part of any tone) without a pass to remove it;
    # the last column, all ones, sums x so the energy can drop the mean too.
    return np.hstack([weights - weights.mean(axis=0), np.ones((_FRAME_SAMPLES, 1))])


_WEIGHTS = _fit_weights()  # (160, 2 * coefficients + 1)
_COEFS = 2 * len(_COMP_FREQS)  # fitted coefficients: cos and sin per component
# Sums products of coefficients and correlations per family: the energy each family's fit explains.
_PER_FAMILY = np.zeros((_COEFS, len(_FAMILIES)))
for _family in range(len(_FAMILIES)):
    _PER_FAMILY[2 * _COMP_STARTS[_family] : 2 * _COMP_STARTS[_family + 1], _family] = 1.0
# A steady tone's fitted amplitude turns by 2 pi f * 20 ms a frame; undo the nominal turn so what is left
# is the offset from the nominal frequency (unambiguous within +-25 Hz, and the fit rejects more than ~20).
_UNTURN = np.exp(-2j * np.pi * _COMP_FREQS * _FRAME_S)
_HZ_PER_RADIAN = 1.0 / (2.0 * np.pi * _FRAME_S)
_MAX_OFFSET = _FREQ_TOL * _COMP_FREQS + 1.0  # Hz
_NO_FRACTIONS = np.zeros(len(_FAMILIES))
_NO_HITS = np.zeros(len(_FAMILIES), dtype=bool)


@dataclass(frozen=True)
class ToneChanged:
    """The call-progress tone state changed."""

    t: float  # seconds since the detector started, when it decided (never uses later audio)
    label: ToneLabel | None  # None: no call-progress tone any more
    plan: str  # which cadence matched, e.g. "us-ringback", "uk-busy", "cept-congestion"; "" when None


@dataclass(frozen=True)
class _Plan:
    """One cadence: its family and one cycle of on/off seconds, and how much of it a decision needs."""

    name: str
    label: ToneLabel
    family: int  # index into _FAMILIES
    pattern: tuple[float, ...]  # seconds: on, off, on, off ... one cycle, starting with on
    need_on: int  # matching bursts before deciding
    need_off: int  # matching gaps before deciding


def _ring(name: str, family: int, pattern: tuple[float, ...], bursts: int = 1, gaps: int = 0) -> _Plan:
    """A ringback plan."""
    return _Plan(name, "ringback", family, pattern, bursts, gaps)


def _busy(name: str, family: int, pattern: tuple[float, ...]) -> _Plan:
    """A busy, reorder or congestion plan: decided after two bursts and two gaps."""
    return _Plan(name, "busy", family, pattern, 2, 2)


# Checked in order; a name may appear twice where networks differ.
_PLANS: tuple[_Plan, ...] = (
    _ring("us-ringback", _US_RING, (2.0, 4.0)),
    _ring("uk-ringback", _UK_RING, (0.4, 0.2, 0.4, 2.0), bursts=2, gaps=1),
    _ring("cept-ringback", _CEPT, (1.0, 4.0)),
    _busy("us-busy", _US_BUSY, (0.5, 0.5)),
    _busy("us-reorder", _US_BUSY, (0.25, 0.25)),
    _busy("us-reorder", _US_BUSY, (0.3, 0.2)),
    _busy("uk-busy", _UK, (0.375, 0.375)),
    _busy("uk-congestion", _UK, (0.4, 0.35, 0.225, 0.525)),
    _busy("cept-busy", _CEPT, (0.5, 0.5)),
    _busy("cept-congestion", _CEPT, (0.25, 0.25)),
    _busy("cept-congestion", _CEPT, (0.2, 0.3)),
)


def _longest(nominal: float) -> float:
    """Longest acceptable length of a cadence element, in seconds."""
    return nominal * (1.0 + _TIME_TOL) + _TIME_SLACK_S


@dataclass(frozen=True)
class _Segment:
    """A completed burst or gap."""

    on: bool  # True: a tone burst; False: the quiet gap after one
    seconds: float  # length
    family: int  # bursts: index into _FAMILIES; gaps: -1


def _fits(segment: _Segment, plan: _Plan, position: int) -> bool:
    """Whether a completed segment is the pattern element at position (kind, family, length)."""
    nominal = plan.pattern[position]
    if segment.on != (position % 2 == 0) or (segment.on and segment.family != plan.family):
        return False
    return abs(segment.seconds - nominal) <= nominal * _TIME_TOL + _TIME_SLACK_S


def _matches(history: deque[_Segment], open_s: float) -> list[tuple[_Plan, int]]:
    """Plans the recent segments satisfy, each with the position of the open segment (lasting open_s so far)."""
    found = []
    newest = history[-1]
    for plan in _PLANS:
        size = len(plan.pattern)
        for position in range(0 if newest.on else 1, size, 2):
            bursts = gaps = 0
            for back, segment in enumerate(reversed(history)):
                if not _fits(segment, plan, (position - back) % size):
                    break
                bursts += segment.on
                gaps += not segment.on
            following = (position + 1) % size
            if bursts >= plan.need_on and gaps >= plan.need_off and open_s <= _longest(plan.pattern[following]):
                found.append((plan, following))
    return found


class _Frame:
    """What one frame's analysis found."""

    __slots__ = ("energy", "fractions", "tonal", "hits", "amplitudes")

    def __init__(
        self, energy: float, fractions: np.ndarray, hits: np.ndarray | None = None, amplitudes: np.ndarray | None = None
    ) -> None:
        self.energy = energy  # sum of squares, DC removed
        self.fractions = fractions  # per family: share of the energy its fitted sinusoids explain
        self.tonal = hits is not None  # some family explains the frame
        self.hits = _NO_HITS if hits is None else hits  # per family: the frame is tonal in that family
        self.amplitudes = amplitudes  # per component: complex fitted amplitude (tonal frames only)


def _analyse(frame: bytes) -> _Frame:
    """Fit every family's sinusoids to one frame."""
    x = np.frombuffer(frame, dtype="<i2").astype(np.float64)
    out = x @ _WEIGHTS
    total = float(out[-1])
    energy = float(x @ x) - total * total / _FRAME_SAMPLES
    if energy < _MIN_TONE_ENERGY:
        return _Frame(energy, _NO_FRACTIONS)
    coefs = out[:_COEFS]
    # The energy of the least-squares projection is x . (basis @ coefs), summed per family.
    family_energy = (coefs * out[_COEFS:-1]) @ _PER_FAMILY
    fractions = family_energy / energy
    if max(fractions.tolist()) < _MIN_FRACTION:
        return _Frame(energy, fractions)  # the common case for speech and music: settle it cheaply
    hits = (fractions >= _MIN_FRACTION) & (family_energy >= _MIN_TONE_ENERGY)
    cos, sin = coefs[0::2], coefs[1::2]
    if hits[_DUAL].any():
        # A dual-tone family must hear both its frequencies: 440 Hz alone is not US ringback.
        power = cos * cos + sin * sin
        first, second = power[_DUAL_FIRST], power[_DUAL_SECOND]
        hits[_DUAL] &= np.minimum(first, second) >= _MIN_SHARE * (first + second)
    if not hits.any():
        return _Frame(energy, fractions)
    return _Frame(energy, fractions, hits, cos - 1j * sin)


class _Run:
    """A run of tonal frames: tentative until confirmed as a tone burst of one family."""

    def __init__(self, index: int, lead: np.ndarray, frame: _Frame) -> None:
        self.first = index  # frame index of the first tonal frame
        self.last = index  # frame index of the latest tonal frame
        self.frames = 0  # tonal frames so far
        self.lead = lead  # fractions of the frame before the first: the tone may start inside it
        self.head = frame.fractions  # fractions of the first tonal frame
        self.tail = frame.fractions  # fractions of the latest tonal frame
        self.trail = _NO_FRACTIONS  # fractions of the frame after the latest (while gap == 1)
        self.hits = np.zeros(len(_FAMILIES))  # per family: frames it explained
        self.fraction_sum = np.zeros(len(_FAMILIES))
        self.energy = 0.0  # sum of the tonal frames' energies
        self.turn = np.zeros(len(_COMP_FREQS), dtype=complex)  # per component: summed frame-to-frame turn
        self.previous: np.ndarray | None = None  # amplitudes of the previous tonal frame, when adjacent
        self.loud = 0  # tonal frames loud enough to count as sound, should the run not become a burst
        self.family = -1  # index into _FAMILIES once confirmed
        self.start = 0.0  # seconds: when the burst began, once confirmed
        self.gap = 0  # non-tonal frames since the latest tonal frame (one is bridged)

    def add(self, index: int, frame: _Frame) -> None:
        """Take in one more tonal frame."""
        if self.gap:
            self.previous = None  # the phase turn across a dropout is not one frame's
            self.trail = _NO_FRACTIONS
            self.gap = 0
        self.last = index
        self.frames += 1
        self.tail = frame.fractions
        self.hits += frame.hits
        self.fraction_sum += frame.fractions
        self.energy += frame.energy
        if self.previous is not None and frame.amplitudes is not None:
            self.turn += frame.amplitudes * self.previous.conj()
        self.previous = frame.amplitudes

    def resolve(self) -> int:
        """The family whose frequencies the run carries, or -1 when none fits."""
        offsets = np.angle(self.turn * _UNTURN) * _HZ_PER_RADIAN  # Hz from each nominal frequency
        in_tune = np.abs(offsets) <= _MAX_OFFSET
        best, best_fraction = -1, 0.0
        for family in range(len(_FAMILIES)):
            if self.hits[family] < _HIT_SHARE * self.frames:
                continue
            if not in_tune[_COMP_STARTS[family] : _COMP_STARTS[family + 1]].all():
                continue
            if self.fraction_sum[family] > best_fraction:
                best, best_fraction = family, float(self.fraction_sum[family])
        return best

    def _filled(self, fractions: np.ndarray) -> float:
        """How much of an edge frame the tone fills, 0-1, from its fraction against the burst's typical one."""
        family, inner = self.family, self.frames - 2
        typical = 0.0
        if inner > 0:
            typical = float(self.fraction_sum[family] - self.head[family] - self.tail[family]) / inner
        if typical <= 0.0:
            typical = max(float(self.head[family]), float(self.tail[family]), 1e-9)
        return min(1.0, float(fractions[family]) / typical)

    def begins(self) -> float:
        """Seconds since the detector started at which the burst began."""
        return (self.first + 1 - self._filled(self.head) - self._filled(self.lead)) * _FRAME_S

    def ends(self) -> float:
        """Seconds since the detector started at which the burst ended."""
        return (self.last + self._filled(self.tail) + self._filled(self.trail)) * _FRAME_S


class CallProgressDetector:
    """Labels a stream of 20 ms frames ringback, busy or neither from tone cadences; pure, no clock reads."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Forget all tones and restart the clock at zero."""
        self._index = 0  # frames processed since start or the last reset
        self._label: ToneLabel | None = None
        self._track: list[tuple[_Plan, int]] = []  # labelled: the plans still fitting, with the open position
        self._deadline = 0.0  # labelled: seconds the open segment may last
        self._history: deque[_Segment] = deque(maxlen=_HISTORY)
        self._run: _Run | None = None  # tonal frames now: tentative, or a confirmed burst
        self._prior = _NO_FRACTIONS  # fractions of the previous frame
        # The gap after a burst, while it is clean (no sound in it but line noise).
        self._in_gap = False
        self._gap_start = 0.0  # seconds since start
        self._settled = False  # the gap has lasted _SETTLE_S and had its decision check
        self._tone_energy = 0.0  # mean frame energy of the burst before the gap
        self._floor_sum = 0.0  # summed energy of the gap's quiet frames
        self._floor_frames = 0
        self._loud_run = 0  # consecutive loud frames in the gap

    @property
    def label(self) -> ToneLabel | None:
        """The current call-progress tone, or None."""
        return self._label

    @property
    def tone_on(self) -> bool:
        """True while a call-progress tone burst is sounding now, cadence confirmed or not."""
        return self._run is not None and self._run.family >= 0 and self._run.gap == 0

    def process(self, frame: bytes) -> list[ToneChanged]:
        """Feed one 20 ms frame (320 bytes, 8 kHz 16-bit mono); return the changes it caused."""
        if len(frame) != FRAME_BYTES:
            raise ValueError(f"frame must be {FRAME_BYTES} bytes (20 ms at 8 kHz), got {len(frame)}")
        index = self._index
        self._index += 1
        now = self._index * _FRAME_S  # the end of this frame: decisions use nothing later
        analysed = _analyse(frame)
        run = self._run
        if run is not None and run.family >= 0:
            events = self._in_burst(run, index, analysed, now)
        elif analysed.tonal:
            events = self._tonal(index, analysed, now)
        else:
            events = self._quiet_or_loud(analysed, now)
        self._prior = analysed.fractions
        return events + self._check_open(now)

    def _in_burst(self, run: _Run, index: int, frame: _Frame, now: float) -> list[ToneChanged]:
        """A frame during a confirmed burst: extend it, bridge a one-frame dropout, or end it."""
        if frame.tonal:
            run.add(index, frame)
            return []
        run.gap += 1
        if run.gap == 1:
            run.trail = frame.fractions
            return []
        # Two non-tonal frames: the burst ended in the first of them.
        self._run = None
        family = run.resolve()
        if family < 0:
            return self._intrusion(now)  # not a call-progress tone after all
        run.family = family
        end = run.ends()
        self._history.append(_Segment(True, end - run.start, family))
        self._in_gap, self._gap_start, self._settled = True, end, False
        self._tone_energy = run.energy / run.frames
        self._floor_sum, self._floor_frames, self._loud_run = 0.0, 0, 0
        events = self._advance(now)
        # The first non-tonal frame holds the burst's tail; this one is the first of the gap proper.
        return events + self._quiet_or_loud(frame, now)

    def _tonal(self, index: int, frame: _Frame, now: float) -> list[ToneChanged]:
        """A tonal frame outside a confirmed burst: grow the tentative run, and confirm or reject it."""
        if self._run is None:
            self._run = _Run(index, self._prior, frame)
        run = self._run
        run.add(index, frame)
        if self._in_gap:
            run.loud += frame.energy > self._loud_limit()
        if run.frames < _CONFIRM_FRAMES:
            return []
        family = run.resolve()
        if family < 0:
            return self._intrusion(now)  # tonal, but not at any call-progress frequency
        run.family = family
        run.start = run.begins()
        if not self._in_gap:
            self._history.clear()  # the burst follows sound, not a clean gap: nothing before it counts
            return self._decide(now, now - run.start)
        self._in_gap = False
        self._history.append(_Segment(False, run.start - self._gap_start, -1))
        events = self._advance(now)
        return events + self._decide(now, now - run.start)

    def _quiet_or_loud(self, frame: _Frame, now: float) -> list[ToneChanged]:
        """A non-tonal frame outside a burst: in a gap, track the noise floor and watch for sound."""
        abandoned = self._run
        self._run = None
        if not self._in_gap:
            return []
        if abandoned is not None:
            self._loud_run += abandoned.loud  # the tonal frames just before were sound, not tone
        loud = frame.energy > self._loud_limit()
        if loud:
            self._loud_run += 1
        if self._loud_run >= _INTRUSION_FRAMES:
            return self._intrusion(now)
        if not loud:
            self._loud_run = 0
            self._floor_sum += frame.energy
            self._floor_frames += 1
        if self._settled or now - self._gap_start < _SETTLE_S:
            return []
        self._settled = True
        return self._decide(now, now - self._gap_start)

    def _loud_limit(self) -> float:
        """Frame energy above which a gap frame is sound rather than line noise."""
        limit = self._tone_energy * _TONE_TO_GAP
        if self._floor_frames >= 2:
            floor = self._floor_sum / self._floor_frames
            limit = min(limit, max(floor * _FLOOR_TO_LOUD, _QUIET_ENERGY))
        return limit

    def _intrusion(self, now: float) -> list[ToneChanged]:
        """Sound that is no call-progress tone: forget the cadence so far."""
        self._history.clear()
        self._run = None
        self._in_gap = False
        self._loud_run = 0
        return self._drop(now)

    def _decide(self, now: float, open_s: float) -> list[ToneChanged]:
        """When unlabelled, label the stream if the recent bursts and gaps match a plan."""
        if self._label is not None or not self._history:
            return []
        found = _matches(self._history, open_s)
        if not found:
            return []
        plan = found[0][0]
        self._track = [(p, position) for p, position in found if p.name == plan.name]
        self._deadline = max(_longest(p.pattern[position]) for p, position in self._track)
        self._label = plan.label
        return [ToneChanged(t=now, label=plan.label, plan=plan.name)]

    def _advance(self, now: float) -> list[ToneChanged]:
        """When labelled, step the tracked plans past the segment just completed; drop the label if none fits."""
        if self._label is None:
            return []
        segment = self._history[-1]
        kept = [(p, (position + 1) % len(p.pattern)) for p, position in self._track if _fits(segment, p, position)]
        if not kept:
            return self._drop(now)
        self._track = kept
        self._deadline = max(_longest(p.pattern[position]) for p, position in kept)
        return []

    def _check_open(self, now: float) -> list[ToneChanged]:
        """When labelled, drop the label once the open burst or gap outlasts what the plan allows."""
        if self._label is None:
            return []
        run = self._run
        if run is not None and run.family >= 0:
            # Up to the latest tonal frame: a frame of dropout may be the burst's end, known a frame later.
            lasted = (run.last + 1) * _FRAME_S - run.start
        elif self._in_gap:
            # A tonal run still being confirmed may be the next burst: the gap then ended where it began.
            lasted = (now if run is None else run.first * _FRAME_S) - self._gap_start
        else:
            return self._drop(now)  # neither in a burst nor a clean gap: the cadence is gone
        return self._drop(now) if lasted > self._deadline else []

    def _drop(self, now: float) -> list[ToneChanged]:
        """Return to no label (once)."""
        if self._label is None:
            return []
        self._label = None
        self._track = []
        return [ToneChanged(t=now, label=None, plan="")]
