"""Streaming in-band DTMF detector over 20 ms 8 kHz frames, to ITU-T Q.24-style accept/reject limits.

Every 5 ms the last 20 ms of audio is Hann-windowed and its spectrum is sampled on a 12.5 Hz grid over
the row band and the column band (a zoomed Goertzel bank, as one matrix product). A window holds a
digit when each group has one clear peak whose interpolated frequency is within 2.5 % of a keypad
frequency, the two peaks carry most of the window's power, the twist is inside the limits, and the
level is steady across the window's four 5 ms quarters (so a window half in silence does not count).
Four such windows in a row for the same digit (about 32 ms of tone) report it, once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from agent.audio import FRAME_BYTES, FRAME_SAMPLES, SAMPLE_RATE, to_frames

# G.711's largest sine is +3.17 dBm0, and its peak is taken as int16 full scale, so a 0 dBm0 sine
# has a peak of about 22748 (RMS about 16086, -6.18 dBFS).
DBM0_PEAK = 32768.0 * 10.0 ** (-3.17 / 20.0)  # int16 peak amplitude of a 0 dBm0 sine
DBM0_POWER = DBM0_PEAK * DBM0_PEAK / 2.0  # mean square (int16 units squared) of a 0 dBm0 sine

ROW_HZ = (697.0, 770.0, 852.0, 941.0)  # low group, Hz
COL_HZ = (1209.0, 1336.0, 1477.0, 1633.0)  # high group, Hz
KEYPAD = ("123A", "456B", "789C", "*0#D")  # KEYPAD[row][column]

# Acceptance limits. Each sits halfway between what Q.24 says must be accepted and what must be rejected.
MAX_OFFSET_PCT = 2.5  # %: accept a tone within +-1.5 % of nominal, reject +-3.5 % and beyond
MAX_TWIST_NORMAL_DB = 9.0  # dB the high group may be weaker than the low group (accept 8, reject 10)
MAX_TWIST_REVERSE_DB = 5.0  # dB the high group may be stronger than the low group (accept 4, reject 6)
MIN_LEVEL_DBM0 = -32.0  # dBm0, power of the tone pair: accept -25, reject below about -32

_WIN = 160  # samples per analysis window (20 ms)
_HOP = 40  # samples between windows (5 ms); also the length of a window quarter
_QUARTERS = _WIN // _HOP  # 4 quarters per window
_PER_FRAME = FRAME_SAMPLES // _HOP  # 4 new windows per 20 ms frame
_TAIL = _WIN - _HOP  # samples of the previous frame the first new window reaches back into
_GRID_HZ = 12.5  # Hz between spectrum samples: a quarter of the 50 Hz bin, for accurate interpolation
# Bands searched for each group's peak, Hz: a peak on a band edge means a tone outside it, rejected.
_ROW_BAND = (640.0, 1000.0)  # 8 % below 697 Hz to 6 % above 941 Hz
_COL_BAND = (1125.0, 1750.0)  # 7 % below 1209 Hz to 7 % above 1633 Hz
_LOBE_BINS = 8  # grid steps to the first null of the Hann main lobe (100 Hz)
_MIN_DOMINANCE = 10.0  # group peak over the strongest spectrum sample outside its main lobe (10 dB)
_MIN_TONE_SHARE = 0.65  # fraction of the window's power the two peaks must carry (rejects speech, music)
_MIN_QUARTER_SHARE = 0.5  # every quarter's energy over the quarters' mean: tone all through the window
_HITS = 4  # windows in a row needed: spans 35 ms of audio, so 40 ms tones pass and 20 ms ones cannot
# Windows in a row without the digit before the same digit may be reported again: a 10 ms dropout
# spoils about 5 windows (bridged), a 40 ms pause about 10 (a new press).
_RELEASE = 6


@dataclass(frozen=True)
class DtmfDetected:
    """A DTMF digit was heard in the audio."""

    digit: str  # "0"-"9", "*", "#", "A"-"D"
    t: float  # seconds since the detector started, at the end of the window that decided
    start_t: float  # seconds since the detector started, where the tone began (estimate, about +-3 ms)


def _grid(band: tuple[float, float]) -> np.ndarray:
    """Frequencies, in Hz, sampled across one group's band."""
    lo, hi = band
    return lo + _GRID_HZ * np.arange(round((hi - lo) / _GRID_HZ) + 1)


_ROW_GRID = _grid(_ROW_BAND)
_COL_GRID = _grid(_COL_BAND)
_SCALLOP = 0.9  # a grid sample's worst loss against the true peak (an eighth of a bin: under 0.1 dB), with margin
_HANN = np.sin(np.pi * (np.arange(_WIN) + 0.5) / _WIN) ** 2
# Scale so a tone centred on a grid frequency reads its own mean power (amplitude squared over 2).
_TONE_SCALE = 2.0 / float(_HANN.sum()) ** 2


def _basis() -> np.ndarray:
    """Hann-windowed cosines then sines for every grid frequency: one matrix product gives the spectrum."""
    freqs = np.concatenate([_ROW_GRID, _COL_GRID])
    phase = 2.0 * np.pi * np.outer(np.arange(_WIN), freqs) / SAMPLE_RATE
    # float32: the spectrum only feeds ratios and a log-parabola, and the product runs twice as fast.
    scale = np.sqrt(_TONE_SCALE) * _HANN[:, None]  # squared outputs then read directly as tone power
    return (np.concatenate([np.cos(phase), np.sin(phase)], axis=1) * scale).astype(np.float32)


_BASIS = _basis()
_N_ROW = len(_ROW_GRID)
_N_BINS = len(_ROW_GRID) + len(_COL_GRID)
_MIN_POWER = DBM0_POWER * 10.0 ** (MIN_LEVEL_DBM0 / 10.0)  # int16 units squared
_MAX_NORMAL = 10.0 ** (MAX_TWIST_NORMAL_DB / 10.0)  # power ratio low / high
_MAX_REVERSE = 10.0 ** (MAX_TWIST_REVERSE_DB / 10.0)  # power ratio high / low
_MIN_DOM = 10.0 ** (_MIN_DOMINANCE / 10.0)
# Window w of a frame starts at buffer sample _HOP * w and covers quarters w .. w + 3.
_WINDOW_INDEX = _HOP * np.arange(_PER_FRAME)[:, None] + np.arange(_WIN)[None, :]


def _group_peak(power: list[float], grid_lo: float, nominal: tuple[float, ...]) -> tuple[float, int] | None:
    """Interpolated power and keypad index of one group's single clear tone, or None if it has none."""
    k = power.index(max(power))
    if not 0 < k < len(power) - 1:  # a peak on the band edge lies outside every keypad tolerance
        return None
    # Parabola through the log powers around the peak: the Hann main lobe is near Gaussian there.
    a, b, c = (math.log(power[i] + 1e-9) for i in (k - 1, k, k + 1))
    shift = max(-0.5, min(0.5, 0.5 * (a - c) / min(a - 2.0 * b + c, -1e-9)))
    freq = grid_lo + (k + shift) * _GRID_HZ  # Hz
    key = min(range(len(nominal)), key=lambda i: abs(freq - nominal[i]))
    if abs(freq / nominal[key] - 1.0) > MAX_OFFSET_PCT / 100.0:
        return None
    # Everything outside the peak's main lobe must be far weaker: one tone, not a cluster or a formant.
    rest = max(power[: max(0, k - _LOBE_BINS)] + power[k + _LOBE_BINS + 1 :], default=0.0)
    peak = math.exp(b - 0.25 * (a - c) * shift)
    return (peak, key) if peak >= _MIN_DOM * rest else None


def _classify(power: list[float], total: float) -> int:
    """Keypad index (row * 4 + column) of the digit one window's spectrum holds, or -1."""
    row = _group_peak(power[:_N_ROW], _ROW_BAND[0], ROW_HZ)
    col = _group_peak(power[_N_ROW:], _COL_BAND[0], COL_HZ)
    if row is None or col is None:
        return -1
    pair = row[0] + col[0]
    if pair < _MIN_POWER or pair < _MIN_TONE_SHARE * total:
        return -1
    if row[0] > _MAX_NORMAL * col[0] or col[0] > _MAX_REVERSE * row[0]:
        return -1
    return row[1] * 4 + col[1]


def _window_digits(buf: np.ndarray) -> list[int]:
    """Keypad index held by each of the frame's four windows, or -1."""
    blocks = buf.reshape(-1, _HOP)
    quarters = np.einsum("ij,ij->i", blocks, blocks).tolist()  # energy per 5 ms quarter
    totals = [sum(quarters[w : w + _QUARTERS]) / _WIN for w in range(_PER_FRAME)]  # mean power per window
    # A window qualifies only if loud enough and level all through: a tone half in silence fails here.
    steady = [
        total >= _MIN_POWER and min(quarters[w : w + _QUARTERS]) >= _MIN_QUARTER_SHARE * _HOP * total
        for w, total in enumerate(totals)
    ]
    if not any(steady):  # cheap exit for silence, line noise floors and many speech frames
        return [-1] * _PER_FRAME
    squared = np.square(buf[_WINDOW_INDEX] @ _BASIS)
    power = squared[:, :_N_BINS] + squared[:, _N_BINS:]
    # Cheap test before the detailed one: the strongest sample of each group must together already
    # carry most of the window's power. Speech, music and noise nearly always stop here.
    strongest = (power[:, :_N_ROW].max(axis=1) + power[:, _N_ROW:].max(axis=1)).tolist()
    keys = [-1] * _PER_FRAME
    for w in range(_PER_FRAME):
        if steady[w] and strongest[w] >= _MIN_TONE_SHARE * _SCALLOP * totals[w]:
            keys[w] = _classify(power[w].tolist(), totals[w])
    return keys


class DtmfDetector:
    """Turns a stream of 20 ms frames into DtmfDetected events; pure, no clock reads."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Forget any digit in progress and restart the clock at zero."""
        self._tail = np.zeros(_TAIL, np.float32)  # last samples of the previous frame
        self._window = 0  # windows analysed since start or the last reset
        self._run_key = -1  # keypad index of the current run of identical windows (-1: none)
        self._run_len = 0  # windows in that run
        self._run_start = 0  # sample index where the run's first window starts
        self._held = -1  # keypad index reported and not yet released (-1: none)
        self._missing = 0  # windows in a row without the held digit

    def process(self, frame: bytes) -> list[DtmfDetected]:
        """Feed one 20 ms frame (320 bytes, 8 kHz 16-bit mono); return the digits it completed."""
        if len(frame) != FRAME_BYTES:
            raise ValueError(f"frame must be {FRAME_BYTES} bytes (20 ms at 8 kHz), got {len(frame)}")
        buf = np.concatenate([self._tail, np.frombuffer(frame, dtype="<i2").astype(np.float32)])
        self._tail = buf[-_TAIL:]
        events: list[DtmfDetected] = []
        for key in _window_digits(buf):
            event = self._step(key)
            if event is not None:
                events.append(event)
        return events

    def _step(self, key: int) -> DtmfDetected | None:
        """Advance the run and release counters by one window; report a digit when its run is long enough."""
        end = (self._window + 1) * _HOP  # sample index where this window ends
        self._window += 1
        if key != self._run_key:
            self._run_key, self._run_len, self._run_start = key, 0, max(0, end - _WIN)
        self._run_len += 1
        # Brief dropouts inside a held tone (noise, a codec glitch) must not split it into two digits.
        self._missing = 0 if key == self._held else self._missing + 1
        if self._held >= 0 and self._missing >= _RELEASE:
            self._held = -1
        if key < 0 or key == self._held or self._run_len != _HITS:
            return None
        self._held, self._missing = key, 0
        digit = KEYPAD[key // 4][key % 4]
        return DtmfDetected(digit=digit, t=end / SAMPLE_RATE, start_t=self._run_start / SAMPLE_RATE)


def detect_digits(pcm: np.ndarray) -> list[DtmfDetected]:
    """Run a fresh streaming detector over a whole int16 recording (8 kHz mono)."""
    detector = DtmfDetector()
    return [event for frame in to_frames(pcm) for event in detector.process(frame)]
