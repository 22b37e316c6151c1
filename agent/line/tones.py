"""Streaming call-progress tone detector over 20 ms 8 kHz frames: ringback and busy of the US, UK, CEPT and
the common national plans of ITU-T E.180's supplement (JP, AU, FR, IT, DE, IN, ES, NL, CN, BR).

Each frame is fitted by least squares to nine tone families: the steady sinusoids 440+480, 400+450, 425, 480+620,
400, 440 and 450 Hz, and a 400 and a 425 Hz carrier under a slowly varying envelope. The latter are E.180's
modulated tones (400*16, 400*25, 425*25: the carrier times a 15-25 Hz modulation), whose sidebands lie within a
20 ms frame's resolution: a steady sinusoid explains only part of such a frame (none of a suppressed carrier), a
constant, slope and curve envelope nearly all of it. A frame is tonal when one family explains most of its energy,
so speech and music, whose energy is spread over many frequencies, rarely are. A run of tonal frames (one non-tonal
frame, a deep modulation's trough in noise, is bridged) is a burst once it has lasted 80 ms and its frequencies lie
within 2.5 % of a family's: a steady family's measured from the frame-to-frame phase advance of its fitted
amplitudes, a modulated family's as the spectral centroid around its carrier over each two frames (40 ms resolve the
sidebands; a real envelope, however deep, spreads them evenly and moves the centroid not at all). A modulated family
must also explain 90 % of the burst on average, as only a tone does. A burst fits every such family within 5 Hz of
the nearest (440 Hz is French, not Chinese 450 Hz), steady ones first. Burst edges are timed to a few milliseconds:
for steady tones from how much of the partial frames at either end the tone fills, for modulated ones (whose
envelope explains a partial frame too well to say) from 2.5 ms block energies. Bursts and the quiet gaps between
them are matched against the plans' cadences, each element within 20 % + 20 ms.

Plans, from E.180's national tables; a country whose tone and cadence are another's is heard under that name:
- ringback: us (440+480, 2/4 s), uk (400+450, 0.4/0.2/0.4/2; also Australia's 400+450, and its 425*25 as the
  carrier times the sine, which is the same two tones), cept (425, 1/4; also DE, IT, NL, BR), jp (400*16, 1/2),
  in (400*25, 0.4/0.2/0.4/2), au (425*25, 0.4/0.2/0.4/2), fr (440, 1.5/3.5), es (425, 1.5/3), cn (450, 1/4);
- busy: us busy and reorder (480+620), uk busy and congestion (400), cept busy and congestion (425; also DE's
  0.48/0.48, IT's 0.5/0.5 and 0.2/0.2, NL's, ES's 0.2/0.2 and BR's 0.25/0.25), jp (400, 0.5/0.5),
  in (400, 0.75/0.75), au (425, 0.375/0.375), fr (440, 0.5/0.5), cn (450, 0.35/0.35).

Decision rule:
- Ringback of one on-part per cycle: one burst of the right length, then 0.1 s of quiet; where the burst could
  also be a busy plan's of the same tone (Japan's 1 s ring and India's 0.75 s busy at 400 Hz), then quiet longer
  than that plan's gaps (0.94 s).
- Ringback of two on-parts (uk, in, au): burst, gap, burst (0.4 / 0.2 / 0.4 s), then 0.1 s of quiet.
- Busy, reorder, congestion: two bursts and two gaps of the right lengths (two cycles; one full cycle of
  UK congestion's four-part pattern), decided 80 ms into the third burst.
When several plans fit, the one whose family best explains the latest burst wins, then the first listed.
Once decided the label holds through the gaps while a plan of its label and tone fits. It returns to None when a
burst or gap runs past its expected length plus tolerance (the cadence so far is then forgotten), ends too short,
a burst has other frequencies, or 40 ms of non-tone sound (speech, music, noise well above the gap's floor)
arrives in a gap.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace
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
    (400.0, 450.0),  # UK and Australian ringback
    (425.0,),  # CEPT ringback, busy, congestion; Spanish ringback; Australian busy
    (480.0, 620.0),  # US busy, reorder
    (400.0,),  # UK busy, congestion; Japanese and Indian busy
    (440.0,),  # French ringback and busy
    (450.0,),  # Chinese ringback and busy
    (400.0,),  # modulated: Japanese ringback (400 Hz by 15-20 Hz), Indian (by 25 Hz)
    (425.0,),  # modulated: Australian ringback (425 Hz by 25 Hz)
)
_US_RING, _UK_RING, _CEPT, _US_BUSY, _UK, _FR, _CN, _MOD_400, _MOD_425 = range(len(_FAMILIES))
_MODULATED = (_MOD_400, _MOD_425)  # one carrier under a slowly varying envelope
_ENVELOPE_TERMS = 3  # constant, slope and curve: 20 ms of a 15-25 Hz modulation is at most half its cycle

# Each family is fitted as pairs of cos, sin columns: one pair per steady frequency, one per envelope term.
_PAIR_COUNTS = [_ENVELOPE_TERMS if i in _MODULATED else len(f) for i, f in enumerate(_FAMILIES)]
_PAIR_STARTS = np.cumsum([0] + _PAIR_COUNTS)  # first pair of each family
_PAIR_FREQS = np.repeat([f[0] for f in _FAMILIES], _PAIR_COUNTS)  # Hz, nominal frequency of each pair...
for _family, _freqs in enumerate(_FAMILIES):  # ...the second frequency of dual families
    _PAIR_FREQS[_PAIR_STARTS[_family] : _PAIR_STARTS[_family] + len(_freqs)] = _freqs
_DUAL = np.array([i for i, f in enumerate(_FAMILIES) if len(f) == 2])  # families of two frequencies
_DUAL_FIRST = _PAIR_STARTS[_DUAL]  # their first frequency's pair
_DUAL_SECOND = _DUAL_FIRST + 1  # their second frequency's pair
_CARRIERS = np.array([_FAMILIES[f][0] for f in _MODULATED])  # Hz, per modulated family
# Modulated families' frequency is measured over two frames (40 ms), whose spectrum resolves the sidebands,
# at these offsets from the carrier: wide enough to hold a 25 Hz modulation and to place tones 50 Hz away.
_GRID = np.arange(-5, 6) * 12.5  # Hz
_GRID_FREQS = (_CARRIERS[:, None] + _GRID).ravel()  # Hz, (families * offsets)

_MIN_FRACTION = 0.75  # share of a frame's energy its family must explain for the frame to be tonal
# A modulated family's mean share over a burst: its envelope explains much of any sound near its carrier (speech
# and music's bursts average 0.8), a modulated tone nearly all (0.96 at 20 dB SNR). Per frame 0.75 holds, as the
# troughs of a deep modulation sink into the line noise.
_MIN_MODULATED = 0.9
_MIN_SHARE = 0.15  # share of a dual tone's power each frequency must carry (allows ~7.5 dB imbalance)
_MIN_TONE_ENERGY = _frame_energy(-45.0)  # quieter tones are ignored: far below any network's tone level
_FREQ_TOL = 0.025  # relative: networks' tones may be off frequency by 2 %, plus estimation slack
_NEAR_HZ = 5.0  # a burst fits only families within this of the nearest: burst frequencies are known to < 1 Hz
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
_BLOCK = 20  # samples per block when timing a modulated burst's edges: 2.5 ms, a cycle of 400 Hz
_EDGE_SHARE = 0.1  # an edge block is tone above this share of the burst's mean block energy (noise is far below)


def _envelope_basis() -> np.ndarray:
    """Polynomials of the envelope terms' degrees over a frame, orthonormal (columns)."""
    u = (np.arange(_FRAME_SAMPLES) - (_FRAME_SAMPLES - 1) / 2.0) / _FRAME_SAMPLES  # frame-centred, -0.5..0.5
    return np.linalg.qr(np.vander(u, _ENVELOPE_TERMS, increasing=True))[0]


_ENVELOPE = _envelope_basis()


def _family_basis(family: int) -> np.ndarray:
    """Columns cos, sin per frequency of a steady family, or per envelope term of a modulated one."""
    n = np.arange(_FRAME_SAMPLES)
    w = 2.0 * np.pi * np.array(_FAMILIES[family]) / SAMPLE_RATE
    if family in _MODULATED:
        return np.column_stack([p * f(w[0] * n) for p in _ENVELOPE.T for f in (np.cos, np.sin)])
    return np.column_stack([f(wi * n) for wi in w for f in (np.cos, np.sin)])


def _centred(weights: np.ndarray) -> np.ndarray:
    """Columns that see x minus its mean (a DC offset is no part of any tone) without a pass to remove it."""
    return weights - weights.mean(axis=0)


def _fit_weights() -> np.ndarray:
    """One matrix for all families: least-squares coefficient weights, then the plain correlations."""
    solve, correlate = [], []
    for family in range(len(_FAMILIES)):
        basis = _family_basis(family)
        # x @ basis @ inv(basis.T @ basis) gives the fitted coefficients.
        solve.append(basis @ np.linalg.inv(basis.T @ basis))
        correlate.append(basis)
    return _centred(np.hstack(solve + correlate))


def _grid_weights() -> np.ndarray:
    """The modulated families' spectrum over one frame: cos, sin per grid frequency."""
    w = 2.0 * np.pi * _GRID_FREQS / SAMPLE_RATE
    n = np.arange(_FRAME_SAMPLES)
    return _centred(np.column_stack([f(wi * n) for wi in w for f in (np.cos, np.sin)]))


_WEIGHTS = _fit_weights()  # (160, 2 * coefficients)
_GRID_WEIGHTS = _grid_weights()  # (160, 2 * grid frequencies), wanted for tonal frames only
_COEFS = 2 * int(_PAIR_STARTS[-1])  # fitted coefficients: cos and sin per pair
_GRID_SHAPE = (len(_MODULATED), len(_GRID))
# The second frame of a pair starts 160 samples after the first: its spectrum turns back by this to add on.
_GRID_TURN = np.exp(-2j * np.pi * _GRID_FREQS * _FRAME_S).reshape(_GRID_SHAPE)
# Sums products of coefficients and correlations per family: the energy each family's fit explains.
_PER_FAMILY = np.zeros((_COEFS, len(_FAMILIES)))
for _family in range(len(_FAMILIES)):
    _PER_FAMILY[2 * _PAIR_STARTS[_family] : 2 * _PAIR_STARTS[_family + 1], _family] = 1.0
# A steady tone's fitted amplitude turns by 2 pi f * 20 ms a frame; undo the nominal turn so what is left
# is the offset from the nominal frequency (unambiguous within +-25 Hz, and the fit rejects more than ~20).
_UNTURN = np.exp(-2j * np.pi * _PAIR_FREQS * _FRAME_S)
_HZ_PER_RADIAN = 1.0 / (2.0 * np.pi * _FRAME_S)
_MAX_OFFSET = _FREQ_TOL * _PAIR_FREQS + 1.0  # Hz, per pair (the carrier's for envelope terms)
_MAX_SHIFT = _FREQ_TOL * _CARRIERS + 1.0  # Hz, per modulated family
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
    settle: float = _SETTLE_S  # seconds of quiet after the last burst before deciding


def _ring(name: str, family: int, pattern: tuple[float, ...], bursts: int = 1, gaps: int = 0) -> _Plan:
    """A ringback plan."""
    return _Plan(name, "ringback", family, pattern, bursts, gaps)


def _busy(name: str, family: int, pattern: tuple[float, ...]) -> _Plan:
    """A busy, reorder or congestion plan: decided after two bursts and two gaps."""
    return _Plan(name, "busy", family, pattern, 2, 2)


# E.180 values. A name may appear twice where networks differ; a country whose tone is another plan's (the CEPT
# 425 Hz of DE, IT, NL, BR; Australia's 400+450 Hz ringback) is heard as that plan. Ties go to the first listed.
_TABLE: tuple[_Plan, ...] = (
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
    _ring("jp-ringback", _MOD_400, (1.0, 2.0)),
    _ring("in-ringback", _MOD_400, (0.4, 0.2, 0.4, 2.0), bursts=2, gaps=1),
    _ring("au-ringback", _MOD_425, (0.4, 0.2, 0.4, 2.0), bursts=2, gaps=1),
    _ring("fr-ringback", _FR, (1.5, 3.5)),
    _ring("es-ringback", _CEPT, (1.5, 3.0)),
    _ring("cn-ringback", _CN, (1.0, 4.0)),
    _busy("jp-busy", _UK, (0.5, 0.5)),
    _busy("in-busy", _UK, (0.75, 0.75)),
    _busy("au-busy", _CEPT, (0.375, 0.375)),
    _busy("fr-busy", _FR, (0.5, 0.5)),
    _busy("cn-busy", _CN, (0.35, 0.35)),
)


def _longest(nominal: float) -> float:
    """Longest acceptable length of a cadence element, in seconds."""
    return nominal * (1.0 + _TIME_TOL) + _TIME_SLACK_S


def _shortest(nominal: float) -> float:
    """Shortest acceptable length of a cadence element, in seconds."""
    return nominal * (1.0 - _TIME_TOL) - _TIME_SLACK_S


def _alike(first: int, second: int) -> bool:
    """Whether one burst could fit both families: some of their frequencies lie within both tolerances."""
    return any(abs(a - b) <= _FREQ_TOL * (a + b) for a in _FAMILIES[first] for b in _FAMILIES[second])


def _with_settle(plan: _Plan) -> _Plan:
    """A one-burst ringback waits out the gaps of the busy plans whose burst its burst could be (Japan's 1 s
    ringback and India's 0.75 s busy, both 400 Hz): deciding on the burst alone would call a slow busy ringback."""
    if plan.label != "ringback" or plan.need_on > 1:
        return plan
    low, high = _shortest(plan.pattern[0]), _longest(plan.pattern[0])
    gaps = [
        _longest(rival.pattern[(on + 1) % len(rival.pattern)]) + _FRAME_S
        for rival in _TABLE
        if rival.label != plan.label and _alike(rival.family, plan.family)
        for on in range(0, len(rival.pattern), 2)
        if _shortest(rival.pattern[on]) <= high and low <= _longest(rival.pattern[on])
    ]
    return replace(plan, settle=max([plan.settle, *gaps]))


_PLANS = tuple(_with_settle(plan) for plan in _TABLE)
_CHECKS = sorted({plan.settle for plan in _PLANS})  # seconds into a gap at which to check for a decision


@dataclass(frozen=True)
class _Segment:
    """A completed burst or gap."""

    on: bool  # True: a tone burst; False: the quiet gap after one
    seconds: float  # length
    families: tuple[int, ...]  # bursts: indices into _FAMILIES that fit it, best first; gaps: none


def _fits(segment: _Segment, plan: _Plan, position: int) -> bool:
    """Whether a completed segment is the pattern element at position (kind, family, length)."""
    nominal = plan.pattern[position]
    if segment.on != (position % 2 == 0) or (segment.on and plan.family not in segment.families):
        return False
    return abs(segment.seconds - nominal) <= nominal * _TIME_TOL + _TIME_SLACK_S


def _matches(history: deque[_Segment], open_s: float) -> list[tuple[_Plan, int]]:
    """Plans the recent segments satisfy, each with the position of the open segment (lasting open_s so far)."""
    found = []
    newest = history[-1]
    for plan in _PLANS:
        if newest.on and open_s < plan.settle:
            continue  # the gap after its last burst is too young to decide on
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


def _preferred(found: list[tuple[_Plan, int]], history: deque[_Segment]) -> _Plan:
    """Of the plans that fit, the one whose family best explains the latest burst (then the first listed)."""
    families = next(segment.families for segment in reversed(history) if segment.on)
    return min(found, key=lambda item: families.index(item[0].family))[0]


class _Frame:
    """What one frame's analysis found."""

    __slots__ = ("energy", "fractions", "samples", "tonal", "hits", "amplitudes", "spectrum")

    def __init__(
        self,
        energy: float,
        fractions: np.ndarray,
        samples: np.ndarray,
        hits: np.ndarray | None = None,
        amplitudes: np.ndarray | None = None,
        spectrum: np.ndarray | None = None,
    ) -> None:
        self.energy = energy  # sum of squares, DC removed
        self.fractions = fractions  # per family: share of the energy its fitted sinusoids explain
        self.samples = samples  # the frame's samples, for timing a modulated burst's edges
        self.tonal = hits is not None  # some family explains the frame
        self.hits = _NO_HITS if hits is None else hits  # per family: the frame is tonal in that family
        self.amplitudes = amplitudes  # per pair: complex fitted amplitude (tonal frames only)
        self.spectrum = spectrum  # per modulated family and grid frequency: complex correlation (tonal frames only)


_SILENT = _Frame(0.0, _NO_FRACTIONS, np.zeros(_FRAME_SAMPLES))  # stands in for the frame before the first


def _analyse(frame: bytes) -> _Frame:
    """Fit every family to one frame."""
    x = np.frombuffer(frame, dtype="<i2").astype(np.float64)
    total = float(x.sum())
    energy = float(x @ x) - total * total / _FRAME_SAMPLES  # DC removed
    if energy < _MIN_TONE_ENERGY:
        return _Frame(energy, _NO_FRACTIONS, x)  # silence and gaps: no fit needed
    out = x @ _WEIGHTS
    coefs = out[:_COEFS]
    # The energy of the least-squares projection is x . (basis @ coefs), summed per family.
    family_energy = (coefs * out[_COEFS:]) @ _PER_FAMILY
    fractions = family_energy / energy
    if max(fractions.tolist()) < _MIN_FRACTION:
        return _Frame(energy, fractions, x)  # the common case for speech and music: settle it cheaply
    hits = (fractions >= _MIN_FRACTION) & (family_energy >= _MIN_TONE_ENERGY)
    cos, sin = coefs[0::2], coefs[1::2]
    if hits[_DUAL].any():
        # A dual-tone family must hear both its frequencies: 440 Hz alone is not US ringback.
        power = cos * cos + sin * sin
        first, second = power[_DUAL_FIRST], power[_DUAL_SECOND]
        hits[_DUAL] &= np.minimum(first, second) >= _MIN_SHARE * (first + second)
    if not hits.any():
        return _Frame(energy, fractions, x)
    grid = x @ _GRID_WEIGHTS
    spectrum = (grid[0::2] - 1j * grid[1::2]).reshape(_GRID_SHAPE)
    return _Frame(energy, fractions, x, hits, cos - 1j * sin, spectrum)


class _Run:
    """A run of tonal frames: tentative until confirmed as a tone burst of one or more families."""

    def __init__(self, index: int, lead: _Frame, frame: _Frame) -> None:
        self.first = index  # frame index of the first tonal frame
        self.last = index  # frame index of the latest tonal frame
        self.frames = 0  # tonal frames so far
        self.lead = lead  # the frame before the first: the tone may start inside it
        self.head = frame  # the first tonal frame
        self.tail = frame  # the latest tonal frame
        self.trail = _SILENT  # the frame after the latest (while gap == 1)
        self.hits = np.zeros(len(_FAMILIES))  # per family: frames it explained
        self.fraction_sum = np.zeros(len(_FAMILIES))
        self.energy = 0.0  # sum of the tonal frames' energies
        self.turn = np.zeros(len(_PAIR_FREQS), dtype=complex)  # per pair: summed frame-to-frame turn
        self.shift = np.zeros(len(_MODULATED))  # per modulated family: summed power-weighted grid offsets
        self.power = np.zeros(len(_MODULATED))  # per modulated family: summed power on the grid
        self.pairs = 0  # adjacent pairs of tonal frames
        self.centred = np.zeros(len(_MODULATED))  # per modulated family: pairs whose own centroid is in tune
        self.previous: _Frame | None = None  # the previous tonal frame, when adjacent
        self.loud = 0  # tonal frames loud enough to count as sound, should the run not become a burst
        self.family = -1  # once confirmed: the family that times its edges (the first of families)
        self.families: tuple[int, ...] = ()  # once confirmed: every family that fits it, best first
        self.start = 0.0  # seconds: when the burst began, once confirmed
        self.gap = 0  # non-tonal frames since the latest tonal frame (one is bridged)

    def add(self, index: int, frame: _Frame) -> None:
        """Take in one more tonal frame."""
        if self.gap:
            self.previous = None  # the phase turn across a dropout is not one frame's
            self.trail = _SILENT
            self.gap = 0
        self.last = index
        self.frames += 1
        self.tail = frame
        self.hits += frame.hits
        self.fraction_sum += frame.fractions
        self.energy += frame.energy
        previous, self.previous = self.previous, frame
        if previous is not None:
            self._pair(previous, frame)

    def _pair(self, first: _Frame, second: _Frame) -> None:
        """Take in two adjacent tonal frames: each pair's phase turn, each modulated family's 40 ms spectrum."""
        if first.amplitudes is None or second.amplitudes is None or first.spectrum is None or second.spectrum is None:
            return  # never: tonal frames have both
        self.turn += second.amplitudes * first.amplitudes.conj()
        both = first.spectrum + second.spectrum * _GRID_TURN
        power = both.real**2 + both.imag**2
        shift, total = power @ _GRID, power.sum(axis=1)
        self.shift += shift
        self.power += total
        self.pairs += 1
        # Each pair too, as each steady frame must be near its frequency: a glide is no modulated tone.
        self.centred += np.abs(shift) <= _MAX_SHIFT * total

    def _misses(self) -> tuple[np.ndarray, np.ndarray]:
        """Per family: Hz from its nominal frequencies (its worst one's), and whether all are within tolerance."""
        offsets = np.abs(np.angle(self.turn * _UNTURN)) * _HZ_PER_RADIAN  # Hz from each pair's frequency
        misses = np.maximum.reduceat(offsets, _PAIR_STARTS[:-1])
        in_tune = np.logical_and.reduceat(offsets <= _MAX_OFFSET, _PAIR_STARTS[:-1])
        # Modulated families: the spectral centroid near the carrier, which no phase turn follows (a real
        # envelope, however deep, spreads the spectrum evenly: only a frequency offset moves it).
        measured = self.power > 0.0
        centroid = np.where(measured, np.abs(self.shift) / np.where(measured, self.power, 1.0), np.inf)
        misses[list(_MODULATED)] = centroid
        in_tune[list(_MODULATED)] = (centroid <= _MAX_SHIFT) & (self.centred >= _HIT_SHARE * self.pairs)
        return misses, in_tune

    def resolve(self) -> tuple[int, ...]:
        """The families whose frequencies the run carries, steady then modulated, best explained first."""
        misses, in_tune = self._misses()
        fits = in_tune & (self.hits >= _HIT_SHARE * self.frames)
        fits[list(_MODULATED)] &= self.fraction_sum[list(_MODULATED)] >= _MIN_MODULATED * self.frames
        if not fits.any():
            return ()
        # Families overlap within their tolerance (440 and 450 Hz); a tone clearly nearer one is that one's.
        near = fits & (misses <= float(misses[fits].min()) + _NEAR_HZ)
        # An envelope explains a little of any tone near its carrier: a steady family that fits is the better one.
        return tuple(sorted(np.flatnonzero(near).tolist(), key=lambda f: (f in _MODULATED, -self.fraction_sum[f])))

    def confirm(self, families: tuple[int, ...]) -> None:
        """Take the families that fit; the first, steady if any fits, times the edges."""
        self.families = families
        self.family = families[0]

    def _filled(self, frame: _Frame) -> float:
        """How much of an edge frame the tone fills, 0-1, from its fraction against the burst's typical one."""
        family, inner = self.family, self.frames - 2
        head, tail = float(self.head.fractions[family]), float(self.tail.fractions[family])
        typical = 0.0
        if inner > 0:
            typical = (float(self.fraction_sum[family]) - head - tail) / inner
        if typical <= 0.0:
            typical = max(head, tail, 1e-9)
        return min(1.0, float(frame.fractions[family]) / typical)

    def _blocks(self, first: _Frame, second: _Frame) -> tuple[np.ndarray, float]:
        """Energies of the 2.5 ms blocks of two adjacent frames, and the burst's mean block energy."""
        x = np.concatenate([first.samples - first.samples.mean(), second.samples - second.samples.mean()])
        return (x.reshape(-1, _BLOCK) ** 2).sum(axis=1), max(self.energy / self.frames * _BLOCK / _FRAME_SAMPLES, 1e-9)

    def _onset(self) -> float:
        """Seconds into the lead frame at which a modulated burst began: at its first block of tone."""
        energies, typical = self._blocks(self.lead, self.head)
        tone = energies > _EDGE_SHARE * typical
        if not tone.any():
            return _FRAME_S
        block = int(np.argmax(tone))
        return (block + 1 - min(1.0, float(energies[block]) / typical)) * _BLOCK / SAMPLE_RATE

    def _offset(self) -> float:
        """Seconds into the tail frame at which a modulated burst ended: after its last block of tone."""
        energies, typical = self._blocks(self.tail, self.trail)
        tone = energies > _EDGE_SHARE * typical
        if not tone.any():
            return 0.0
        block = len(tone) - 1 - int(np.argmax(tone[::-1]))
        return (block + min(1.0, float(energies[block]) / typical)) * _BLOCK / SAMPLE_RATE

    def begins(self) -> float:
        """Seconds since the detector started at which the burst began."""
        if self.family in _MODULATED:
            # Its envelope explains a partly filled frame almost as well as a full one: time it by energy.
            return (self.first - 1) * _FRAME_S + self._onset()
        return (self.first + 1 - self._filled(self.head) - self._filled(self.lead)) * _FRAME_S

    def ends(self) -> float:
        """Seconds since the detector started at which the burst ended."""
        if self.family in _MODULATED:
            return self.last * _FRAME_S + self._offset()
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
        self._prior = _SILENT  # the previous frame
        # The gap after a burst, while it is clean (no sound in it but line noise).
        self._in_gap = False
        self._gap_start = 0.0  # seconds since start
        self._checks = 0  # decision checks the gap has had, one at each of _CHECKS
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
        elif run is not None and run.gap == 0:
            events = self._bridge(run, analysed)
        else:
            events = self._quiet_or_loud(analysed, now)
        self._prior = analysed
        return events + self._check_open(now)

    def _in_burst(self, run: _Run, index: int, frame: _Frame, now: float) -> list[ToneChanged]:
        """A frame during a confirmed burst: extend it, bridge a one-frame dropout, or end it."""
        if frame.tonal:
            run.add(index, frame)
            return []
        run.gap += 1
        if run.gap == 1:
            run.trail = frame
            return []
        # Two non-tonal frames: the burst ended in the first of them.
        self._run = None
        families = run.resolve()
        if not families:
            return self._intrusion(now)  # not a call-progress tone after all
        run.confirm(families)
        end = run.ends()
        self._history.append(_Segment(True, end - run.start, families))
        self._in_gap, self._gap_start, self._checks = True, end, 0
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
        families = run.resolve()
        if not families:
            return self._intrusion(now)  # tonal, but not at any call-progress frequency
        run.confirm(families)
        run.start = run.begins()
        if not self._in_gap:
            self._history.clear()  # the burst follows sound, not a clean gap: nothing before it counts
            return self._decide(now, now - run.start)
        self._in_gap = False
        self._history.append(_Segment(False, run.start - self._gap_start, ()))
        events = self._advance(now)
        return events + self._decide(now, now - run.start)

    def _bridge(self, run: _Run, frame: _Frame) -> list[ToneChanged]:
        """A non-tonal frame in a tentative run: hold it, as a burst does (a deep modulation's trough in noise)."""
        run.gap = 1
        run.trail = frame
        if self._in_gap:
            run.loud += frame.energy > self._loud_limit()  # it is sound, should the run not become a burst
        return []

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
        lasted = now - self._gap_start
        if self._checks == len(_CHECKS) or lasted < _CHECKS[self._checks]:
            return []
        while self._checks < len(_CHECKS) and lasted >= _CHECKS[self._checks]:
            self._checks += 1
        return self._decide(now, lasted)

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
        plan = _preferred(found, self._history)
        # Every plan of its label and tone that fits keeps the label: a cadence between two plans' (0.32 s of 425 Hz:
        # Australian busy or CEPT congestion) may fit either, cycle by cycle.
        self._track = [(p, at) for p, at in found if p.label == plan.label and p.family == plan.family]
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
            # The cadence broke: what came before is no part of any next one; this segment may be.
            while len(self._history) > 1:
                self._history.popleft()
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
        if lasted <= self._deadline:
            return []
        # The tone stopped or changed: its last burst must not start a new cadence (a stopped 0.75 s busy
        # would otherwise end as a 1 s ringback burst).
        self._history.clear()
        return self._drop(now)

    def _drop(self, now: float) -> list[ToneChanged]:
        """Return to no label (once)."""
        if self._label is None:
            return []
        self._label = None
        self._track = []
        return [ToneChanged(t=now, label=None, plan="")]
