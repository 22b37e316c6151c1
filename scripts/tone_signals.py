"""Generated call-progress tones and test signals (8 kHz int16) for the tone detector's tests and corpora."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from agent.audio import SAMPLE_RATE, mulaw_roundtrip, read_wav_8k, to_frames
from agent.tones import CallProgressDetector

DBM0_PEAK = 22700.0  # int16 peak of a 0 dBm0 sine (G.711 mu-law overloads at +3.17 dBm0)
_FULL_SCALE = 32768.0  # int16 full scale, the 0 dBFS reference (full-scale square wave)

SPEECH_DIR = Path("/usr/share/asterisk/sounds/en")  # 8 kHz mono prompts
MUSIC_DIR = Path("/usr/share/asterisk/moh")  # 8 kHz mono music-on-hold tracks
SPEECH_PACKAGE = "asterisk-core-sounds-en-wav"  # Debian package that installs SPEECH_DIR/*.wav
MUSIC_PACKAGE = "asterisk-moh-opsound-wav"  # Debian package that installs MUSIC_DIR/*.wav


@dataclass(frozen=True)
class Cadence:
    """A call-progress tone: its frequencies and one cycle of its on/off pattern."""

    freqs: tuple[float, ...]  # Hz, sounded together at equal level
    pattern: tuple[float, ...]  # seconds: on, off, on, off ... (one cycle, starting with on)


# Keys are the plan names the detector reports.
CADENCES: dict[str, Cadence] = {
    "us-ringback": Cadence((440.0, 480.0), (2.0, 4.0)),
    "uk-ringback": Cadence((400.0, 450.0), (0.4, 0.2, 0.4, 2.0)),
    "cept-ringback": Cadence((425.0,), (1.0, 4.0)),
    "us-busy": Cadence((480.0, 620.0), (0.5, 0.5)),
    "us-reorder": Cadence((480.0, 620.0), (0.25, 0.25)),
    "uk-busy": Cadence((400.0,), (0.375, 0.375)),
    "uk-congestion": Cadence((400.0,), (0.4, 0.35, 0.225, 0.525)),
    "cept-busy": Cadence((425.0,), (0.5, 0.5)),
    "cept-congestion": Cadence((425.0,), (0.25, 0.25)),
}


def dbm0_to_dbfs(level_dbm0: float) -> float:
    """RMS level in dBFS of a sine at level_dbm0 (0 dBm0 is about -6.2 dBFS)."""
    return level_dbm0 + 20.0 * math.log10(DBM0_PEAK / math.sqrt(2.0) / _FULL_SCALE)


def _to_int16(samples: np.ndarray) -> np.ndarray:
    """Round and clip float samples to int16."""
    return np.clip(np.rint(samples), -32768, 32767).astype(np.int16)


def _sines(freqs: Sequence[float], n: int, level_dbm0: float, start: int = 0) -> np.ndarray:
    """Float sum of sines sharing level_dbm0 of total power equally, from sample index start."""
    t = np.arange(start, start + n) / SAMPLE_RATE
    peak = DBM0_PEAK * 10.0 ** ((level_dbm0 - 10.0 * math.log10(max(1, len(freqs)))) / 20.0)
    out = np.zeros(n)
    for f in freqs:
        out += peak * np.sin(2.0 * np.pi * f * t)
    return out


def tone(freqs: Sequence[float], ms: float, level_dbm0: float = -13.0) -> np.ndarray:
    """A steady tone of ms milliseconds; level_dbm0 is the total power, shared equally by the frequencies."""
    return _to_int16(_sines(freqs, round(ms * SAMPLE_RATE / 1000.0), level_dbm0))


def white_noise(seconds: float, level_dbfs: float, seed: int = 0) -> np.ndarray:
    """Gaussian white noise at an RMS level in dBFS, like a hissy phone line."""
    rng = np.random.default_rng(seed)
    rms = _FULL_SCALE * 10.0 ** (level_dbfs / 20.0)
    return _to_int16(rng.standard_normal(round(seconds * SAMPLE_RATE)) * rms)


def pattern_audio(
    freqs: Sequence[float],
    pattern: Sequence[float],
    seconds: float,
    level_dbm0: float = -13.0,
    freq_offset_pct: float = 0.0,
) -> np.ndarray:
    """A tone gated on/off by pattern (seconds, starting with on, repeated) for seconds; phase runs on through gaps."""
    n = round(seconds * SAMPLE_RATE)
    shifted = [f * (1.0 + freq_offset_pct / 100.0) for f in freqs]
    # Gate by sample index so bursts start and end mid-frame, as they do on a real line.
    edges = np.cumsum(pattern) * SAMPLE_RATE
    phase = np.arange(n) % round(edges[-1])
    element = np.searchsorted(np.rint(edges), phase, side="right")
    return _to_int16(_sines(shifted, n, level_dbm0) * (element % 2 == 0))


def cadence_audio(name: str, seconds: float, level_dbm0: float = -13.0, freq_offset_pct: float = 0.0) -> np.ndarray:
    """seconds of the named call-progress tone (a key of CADENCES), starting at the beginning of an on-burst."""
    cadence = CADENCES[name]
    return pattern_audio(cadence.freqs, cadence.pattern, seconds, level_dbm0, freq_offset_pct)


def debian_recordings() -> tuple[list[Path], list[Path]]:
    """The Debian-packaged speech prompts and music-on-hold tracks; FileNotFoundError naming a missing package."""
    found = []
    for folder, package in ((SPEECH_DIR, SPEECH_PACKAGE), (MUSIC_DIR, MUSIC_PACKAGE)):
        paths = sorted(folder.glob("*.wav"))
        if not paths:
            raise FileNotFoundError(f"no recordings in {folder}: install the Debian package {package}")
        found.append(paths)
    return found[0], found[1]


def _package_for(path: Path) -> str:
    """The Debian package that ships a recording, for error messages."""
    return MUSIC_PACKAGE if MUSIC_DIR in path.parents else SPEECH_PACKAGE


def labelled_seconds(pcm: np.ndarray) -> float:
    """Seconds a fresh detector spends labelled (ringback or busy) over int16 audio."""
    detector = CallProgressDetector()
    since: float | None = None  # s: when the current label began
    total = 0.0
    frames = to_frames(pcm)
    for frame in frames:
        for event in detector.process(frame):
            if event.label is not None and since is None:
                since = event.t
            elif event.label is None and since is not None:
                total += event.t - since
                since = None
    if since is not None:
        total += len(frames) * len(frames[0]) / 2 / SAMPLE_RATE - since
    return total


def false_tone_seconds(paths: Iterable[str | Path]) -> tuple[float, float]:
    """Seconds labelled ringback/busy, and seconds of audio, over recordings with no tone, each through mu-law."""
    labelled = audio = 0.0
    for name in paths:
        path = Path(name)
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: install the Debian package {_package_for(path)}")
        pcm = mulaw_roundtrip(read_wav_8k(path))
        labelled += labelled_seconds(pcm)
        audio += len(pcm) / SAMPLE_RATE
    return labelled, audio
