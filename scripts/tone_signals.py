"""Generated call-progress tones and test signals (8 kHz int16) for the tone detector's tests and corpora."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from agent.audio import SAMPLE_RATE, mulaw_roundtrip, read_wav_8k, to_frames
from agent.line.tones import CallProgressDetector

DBM0_PEAK = 22700.0  # int16 peak of a 0 dBm0 sine (G.711 mu-law overloads at +3.17 dBm0)
_FULL_SCALE = 32768.0  # int16 full scale, the 0 dBFS reference (full-scale square wave)

SPEECH_DIR = Path("/usr/share/asterisk/sounds/en")  # 8 kHz mono prompts
MUSIC_DIR = Path("/usr/share/asterisk/moh")  # 8 kHz mono music-on-hold tracks
SPEECH_PACKAGE = "asterisk-core-sounds-en-wav"  # Debian package that installs SPEECH_DIR/*.wav
MUSIC_PACKAGE = "asterisk-moh-opsound-wav"  # Debian package that installs MUSIC_DIR/*.wav


@dataclass(frozen=True)
class Cadence:
    """A call-progress tone: its frequencies, one cycle of its on/off pattern, and its modulation if any."""

    freqs: tuple[float, ...]  # Hz, sounded together at equal level
    pattern: tuple[float, ...]  # seconds: on, off, on, off ... (one cycle, starting with on)
    modulation_hz: float = 0.0  # E.180's 400*16: the tone amplitude-modulated at this rate; 0 for a steady tone


# Envelope bias + sin(2 pi f_mod t) of a modulated tone (E.180's f*f_mod). 1 is full AM, the carrier kept (tone
# generators such as Asterisk's keep it); 0 is the carrier times the sine, all its power in the two sidebands.
FULL_AM = 1.0
CARRIER_TIMES_SINE = 0.0

# Keys are the plan names the detector reports. Values from ITU-T E.180 and its supplement of national tones.
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
    "jp-ringback": Cadence((400.0,), (1.0, 2.0), modulation_hz=16.0),
    "jp-busy": Cadence((400.0,), (0.5, 0.5)),
    "in-ringback": Cadence((400.0,), (0.4, 0.2, 0.4, 2.0), modulation_hz=25.0),
    "in-busy": Cadence((400.0,), (0.75, 0.75)),
    "au-ringback": Cadence((425.0,), (0.4, 0.2, 0.4, 2.0), modulation_hz=25.0),
    "au-busy": Cadence((425.0,), (0.375, 0.375)),
    "fr-ringback": Cadence((440.0,), (1.5, 3.5)),
    "fr-busy": Cadence((440.0,), (0.5, 0.5)),
    "es-ringback": Cadence((425.0,), (1.5, 3.0)),
    "cn-ringback": Cadence((450.0,), (1.0, 4.0)),
    "cn-busy": Cadence((450.0,), (0.35, 0.35)),
}

# National E.180 tones that are another plan's tone and cadence, with the plan the detector names them by.
SAME_AS: dict[str, tuple[Cadence, str]] = {
    "au-ringback-400+450": (Cadence((400.0, 450.0), (0.4, 0.2, 0.4, 2.0)), "uk-ringback"),
    "de-ringback": (Cadence((425.0,), (1.0, 4.0)), "cept-ringback"),
    "de-busy": (Cadence((425.0,), (0.48, 0.48)), "cept-busy"),
    "it-ringback": (Cadence((425.0,), (1.0, 4.0)), "cept-ringback"),
    "it-busy": (Cadence((425.0,), (0.5, 0.5)), "cept-busy"),
    "it-busy-fast": (Cadence((425.0,), (0.2, 0.2)), "cept-congestion"),
    "nl-ringback": (Cadence((425.0,), (1.0, 4.0)), "cept-ringback"),
    "nl-busy": (Cadence((425.0,), (0.5, 0.5)), "cept-busy"),
    "es-busy": (Cadence((425.0,), (0.2, 0.2)), "cept-congestion"),
    "br-ringback": (Cadence((425.0,), (1.0, 4.0)), "cept-ringback"),
    "br-busy": (Cadence((425.0,), (0.25, 0.25)), "cept-congestion"),
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


def _envelope(n: int, modulation_hz: float, bias: float) -> np.ndarray:
    """bias + sin(2 pi modulation_hz t) over n samples, scaled to unit mean power."""
    t = np.arange(n) / SAMPLE_RATE
    # Any phase will do: the envelope runs on through the gaps, so each burst starts at a different one.
    return (bias + np.sin(2.0 * np.pi * modulation_hz * t + 0.3)) / math.sqrt(bias * bias + 0.5)


def pattern_audio(
    freqs: Sequence[float],
    pattern: Sequence[float],
    seconds: float,
    level_dbm0: float = -13.0,
    freq_offset_pct: float = 0.0,
    modulation_hz: float = 0.0,
    bias: float = FULL_AM,
) -> np.ndarray:
    """A tone gated on/off by pattern (seconds, starting with on, repeated) for seconds; phase runs on through gaps.

    With modulation_hz the tone is amplitude-modulated (envelope bias + sine, see FULL_AM) at the same mean power.
    """
    n = round(seconds * SAMPLE_RATE)
    shifted = [f * (1.0 + freq_offset_pct / 100.0) for f in freqs]
    # Gate by sample index so bursts start and end mid-frame, as they do on a real line.
    edges = np.cumsum(pattern) * SAMPLE_RATE
    phase = np.arange(n) % round(edges[-1])
    element = np.searchsorted(np.rint(edges), phase, side="right")
    samples = _sines(shifted, n, level_dbm0)
    if modulation_hz:
        samples *= _envelope(n, modulation_hz, bias)
    return _to_int16(samples * (element % 2 == 0))


def cadence_pcm(
    cadence: Cadence, seconds: float, level_dbm0: float = -13.0, freq_offset_pct: float = 0.0, bias: float = FULL_AM
) -> np.ndarray:
    """seconds of a call-progress tone, starting at the beginning of an on-burst."""
    return pattern_audio(
        cadence.freqs, cadence.pattern, seconds, level_dbm0, freq_offset_pct, cadence.modulation_hz, bias
    )


def cadence_audio(
    name: str, seconds: float, level_dbm0: float = -13.0, freq_offset_pct: float = 0.0, bias: float = FULL_AM
) -> np.ndarray:
    """seconds of the named call-progress tone (a key of CADENCES), starting at the beginning of an on-burst."""
    return cadence_pcm(CADENCES[name], seconds, level_dbm0, freq_offset_pct, bias)


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
