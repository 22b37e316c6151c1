"""Named DTMF must-accept / must-reject cases and the talk-off corpus, shared by the unit tests and the benchmark.

Every case is line audio: generated at 8 kHz, then passed through a G.711 mu-law round trip. Levels are
in dBm0 of the tone pair (the two tones' powers together; agent.line.dtmf.DBM0_PEAK is the 0 dBm0 reference).
Twist is low-group level minus high-group level: positive is normal twist (high group weaker),
negative is reverse twist. SNR is the tone pair's power over the noise power in the 300-3400 Hz band.

    .venv/bin/python -m scripts.dtmf_cases             # pass rates of the named cases
    .venv/bin/python -m scripts.dtmf_cases --talkoff   # also: digits found in all speech and music
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent.audio import SAMPLE_RATE, mulaw_roundtrip, read_wav_8k  # noqa: E402
from agent.line.dtmf import COL_HZ, DBM0_PEAK, DBM0_POWER, KEYPAD, ROW_HZ, detect_digits  # noqa: E402

DIGITS = "123A456B789C*0#D"  # all 16 keys
SEQUENCE = "123456789*0#ABCD"
SPEECH_DIR = Path("/usr/share/asterisk/sounds/en")  # Debian asterisk-core-sounds-en-wav: 8 kHz prompts
MUSIC_DIR = Path("/usr/share/asterisk/moh")  # Debian asterisk-moh-opsound-wav: 8 kHz music on hold
SPEECH_PACKAGE = "asterisk-core-sounds-en-wav"
MUSIC_PACKAGE = "asterisk-moh-opsound-wav"
LEAD_MS = 60.0  # ms of line before the first tone of a case
TAIL_MS = 60.0  # ms of line after the last tone
_BAND_SHARE = (3400.0 - 300.0) / (SAMPLE_RATE / 2.0)  # share of white noise's power inside 300-3400 Hz


class Case(NamedTuple):
    """One named test signal (mu-law line audio, int16) and the digits a detector must report."""

    name: str
    pcm: np.ndarray
    expected: str


def _samples(ms: float) -> int:
    """Whole samples in a span of milliseconds."""
    return round(ms * SAMPLE_RATE / 1000.0)


def _to_int16(signal: np.ndarray) -> np.ndarray:
    """Round and clip float samples to int16, as a real converter saturates."""
    return np.clip(np.rint(signal), -32768, 32767).astype(np.int16)


def _sine(hz: float, ms: float, level_dbm0: float, phase: float = 0.0) -> np.ndarray:
    """A sine at a level in dBm0 (float samples)."""
    n = np.arange(_samples(ms))
    return DBM0_PEAK * 10.0 ** (level_dbm0 / 20.0) * np.sin(2.0 * np.pi * hz * n / SAMPLE_RATE + phase)


def digit_freqs(digit: str) -> tuple[float, float]:
    """The (low, high) keypad frequencies of a digit, Hz."""
    for row, keys in enumerate(KEYPAD):
        if digit in keys:
            return ROW_HZ[row], COL_HZ[keys.index(digit)]
    raise ValueError(f"not a DTMF digit: {digit!r}")


def dtmf_tone(
    digit: str,
    ms: float,
    level_dbm0: float = -10.0,
    offset_low_pct: float = 0.0,
    offset_high_pct: float = 0.0,
    twist_db: float = 0.0,
    phase_low: float = 0.0,
    phase_high: float = 0.0,
) -> np.ndarray:
    """One DTMF tone pair as int16: pair power level_dbm0, split between the tones by the twist."""
    low, high = digit_freqs(digit)
    low_share = 1.0 / (1.0 + 10.0 ** (-twist_db / 10.0))  # fraction of the pair's power in the low tone
    low_dbm0 = level_dbm0 + 10.0 * np.log10(low_share)
    high_dbm0 = level_dbm0 + 10.0 * np.log10(1.0 - low_share)
    pair = _sine(low * (1 + offset_low_pct / 100.0), ms, low_dbm0, phase_low)
    pair += _sine(high * (1 + offset_high_pct / 100.0), ms, high_dbm0, phase_high)
    return _to_int16(pair)


def silence(ms: float) -> np.ndarray:
    """Digital silence as int16."""
    return np.zeros(_samples(ms), np.int16)


def dtmf_sequence(
    digits: str,
    on_ms: float = 40.0,
    off_ms: float = 40.0,
    lead_ms: float = LEAD_MS,
    tail_ms: float = TAIL_MS,
    **tone: float,
) -> np.ndarray:
    """Digits sent as on_ms of tone and off_ms of silence each, with silence before and after (int16)."""
    parts = [silence(lead_ms)]
    for i, digit in enumerate(digits):
        if i:
            parts.append(silence(off_ms))
        # Tones start at different phases, as from a real keypad.
        parts.append(dtmf_tone(digit, on_ms, phase_low=0.7 * i, phase_high=1.9 * i, **tone))
    parts.append(silence(tail_ms))
    return np.concatenate(parts)


def add_noise(pcm: np.ndarray, snr_db: float, level_dbm0: float, seed: int) -> np.ndarray:
    """Add white Gaussian noise snr_db below a level_dbm0 signal, measured in the 300-3400 Hz band."""
    band_power = DBM0_POWER * 10.0 ** ((level_dbm0 - snr_db) / 10.0)
    sigma = np.sqrt(band_power / _BAND_SHARE)
    noise = np.random.default_rng(seed).standard_normal(pcm.size) * sigma
    return _to_int16(pcm.astype(np.float64) + noise)


def white_noise(ms: float, level_dbm0: float, seed: int) -> np.ndarray:
    """White Gaussian noise at a full-band level in dBm0 (int16)."""
    sigma = np.sqrt(DBM0_POWER * 10.0 ** (level_dbm0 / 10.0))
    return _to_int16(np.random.default_rng(seed).standard_normal(_samples(ms)) * sigma)


def _framed(signal: np.ndarray, lead_ms: float = LEAD_MS) -> np.ndarray:
    """Silence, the signal, silence."""
    return np.concatenate([silence(lead_ms), signal, silence(TAIL_MS)])


def _case(name: str, pcm: np.ndarray, expected: str) -> Case:
    """A case as the far end's line delivers it: through G.711 mu-law."""
    return Case(name, mulaw_roundtrip(pcm), expected)


def _offset_accept() -> Iterable[Case]:
    """Every digit with +-1.5 % on the low tone, the high tone, or both (either sign each)."""
    pairs = [(1.5, 0.0), (-1.5, 0.0), (0.0, 1.5), (0.0, -1.5), (1.5, 1.5), (-1.5, -1.5), (1.5, -1.5), (-1.5, 1.5)]
    for digit in DIGITS:
        for lo, hi in pairs:
            pcm = _framed(dtmf_tone(digit, 40, -10, offset_low_pct=lo, offset_high_pct=hi, phase_high=1.0))
            yield _case(f"offset {digit} low {lo:+.1f}% high {hi:+.1f}%", pcm, digit)


def _twist_accept() -> Iterable[Case]:
    """Every digit at 8 dB normal and 4 dB reverse twist, and the extremes at both ends of the level range."""
    for digit in DIGITS:
        for twist in (8.0, -4.0):
            yield _case(f"twist {digit} {twist:+.0f} dB", _framed(dtmf_tone(digit, 40, -10, twist_db=twist)), digit)
    for level in (0.0, -25.0):
        for twist in (8.0, -4.0):
            pcm = _framed(dtmf_tone("5", 40, level, twist_db=twist))
            yield _case(f"twist 5 {twist:+.0f} dB at {level:.0f} dBm0", pcm, "5")


def _level_accept() -> Iterable[Case]:
    """Every digit from 0 dBm0 down to -25 dBm0."""
    for level in (0.0, -5.0, -10.0, -15.0, -20.0, -25.0):
        for digit in DIGITS:
            yield _case(f"level {digit} {level:.0f} dBm0", _framed(dtmf_tone(digit, 40, level)), digit)


def _noise_accept() -> Iterable[Case]:
    """Every digit, and the 40/40 ms sequence, in white noise at 12 dB SNR."""
    for seed, digit in enumerate(DIGITS):
        pcm = add_noise(_framed(dtmf_tone(digit, 40, -10)), 12.0, -10.0, seed)
        yield _case(f"noise 12 dB {digit}", pcm, digit)
    for level in (-10.0, -25.0):
        pcm = add_noise(dtmf_sequence(SEQUENCE, level_dbm0=level), 12.0, level, 100)
        yield _case(f"noise 12 dB sequence 40/40 ms at {level:.0f} dBm0", pcm, SEQUENCE)


def _timing_accept() -> Iterable[Case]:
    """Durations from 40 ms up, 40 ms pauses, repeats, and every alignment to the 20 ms frame grid."""
    for ms in (40, 45, 50, 60, 100, 500, 2000):
        yield _case(f"duration {ms} ms", _framed(dtmf_tone("8", ms, -10)), "8")
    yield _case("sequence 40/40 ms", dtmf_sequence(SEQUENCE), SEQUENCE)
    yield _case("repeats 40/40 ms", dtmf_sequence("1122##DD00"), "1122##DD00")
    yield _case("sequence 40/40 ms at -25 dBm0", dtmf_sequence(SEQUENCE, level_dbm0=-25), SEQUENCE)
    for ms in range(20):
        digit = DIGITS[ms % 16]
        yield _case(f"alignment {ms} ms {digit}", _framed(dtmf_tone(digit, 40, -10), LEAD_MS + ms), digit)


def accept_cases() -> list[Case]:
    """Signals a Q.24-style detector must report exactly (the expected digits, each once)."""
    cases = [_case(f"digit {d}", _framed(dtmf_tone(d, 40, -10, phase_low=0.3, phase_high=2.0)), d) for d in DIGITS]
    for group in (_offset_accept, _twist_accept, _level_accept, _noise_accept, _timing_accept):
        cases += group()
    return cases


def _offset_reject() -> Iterable[Case]:
    """Every digit with 3.5 % or 5 % off on either tone or both; the outer tones also 10 % off."""
    singles = [(p, 0.0) for p in (3.5, -3.5, 5.0, -5.0)] + [(0.0, p) for p in (3.5, -3.5, 5.0, -5.0)]
    both = [(3.5, 3.5), (-3.5, -3.5), (3.5, -3.5), (-3.5, 3.5)]
    for digit in DIGITS:
        for lo, hi in singles + both:
            pcm = _framed(dtmf_tone(digit, 100, -10, offset_low_pct=lo, offset_high_pct=hi))
            yield _case(f"offset {digit} low {lo:+.1f}% high {hi:+.1f}%", pcm, "")
    for digit, lo, hi in (("1", -10.0, 0.0), ("*", 10.0, 0.0), ("1", 0.0, -10.0), ("D", 0.0, 10.0)):
        pcm = _framed(dtmf_tone(digit, 100, -10, offset_low_pct=lo, offset_high_pct=hi))
        yield _case(f"offset {digit} low {lo:+.1f}% high {hi:+.1f}%", pcm, "")


def _twist_reject() -> Iterable[Case]:
    """Every digit at 10 dB normal and 6 dB reverse twist (limits 9 and 5 dB)."""
    for digit in DIGITS:
        for twist in (10.0, -6.0):
            yield _case(f"twist {digit} {twist:+.0f} dB", _framed(dtmf_tone(digit, 100, -10, twist_db=twist)), "")
    for twist in (10.0, -6.0):
        yield _case(f"twist 5 {twist:+.0f} dB at 0 dBm0", _framed(dtmf_tone("5", 100, 0, twist_db=twist)), "")


def _short_reject() -> Iterable[Case]:
    """20 ms tones: every digit, every alignment to the frame grid, loud and soft."""
    for digit in DIGITS:
        yield _case(f"20 ms {digit}", _framed(dtmf_tone(digit, 20, -10)), "")
    for ms in range(20):
        digit = DIGITS[ms % 16]
        yield _case(f"20 ms alignment {ms} ms {digit}", _framed(dtmf_tone(digit, 20, 0), LEAD_MS + ms), "")
    yield _case("20 ms tones 40 ms apart", dtmf_sequence(SEQUENCE, on_ms=20), "")
    yield _case("20 ms tones in 12 dB noise", add_noise(dtmf_sequence(SEQUENCE, on_ms=20), 12.0, -10.0, 7), "")


def _single_reject() -> Iterable[Case]:
    """Each keypad frequency alone, at a normal and a loud level."""
    for hz in ROW_HZ + COL_HZ:
        for level in (-10.0, 0.0):
            yield _case(f"single {hz:.0f} Hz {level:.0f} dBm0", _framed(_to_int16(_sine(hz, 500, level))), "")


def _line_reject() -> Iterable[Case]:
    """Silence, DC, clipping, white noise and tone pairs below the level floor."""
    yield _case("silence", silence(2000), "")
    yield _case("DC +8000", _framed(np.full(_samples(1000), 8000, np.int16)), "")
    yield _case("DC -20000", _framed(np.full(_samples(1000), -20000, np.int16)), "")
    yield _case("DC steps", np.repeat(np.array([0, 9000, -9000, 0, 20000], np.int16), _samples(200)), "")
    yield _case("clipped 1 kHz square", _framed(_to_int16(np.sign(_sine(1000, 500, 0)) * 32767)), "")
    yield _case("clipped 403 Hz square", _framed(_to_int16(np.sign(_sine(403, 500, 0)) * 32767)), "")
    yield _case("clipped noise +10 dBm0", _framed(white_noise(1000, 10.0, 1)), "")
    for i, level in enumerate((-40.0, -30.0, -20.0, -10.0, 0.0)):
        yield _case(f"white noise {level:.0f} dBm0", white_noise(2000, level, 10 + i), "")
    for level in (-36.0, -40.0):
        yield _case(f"level {level:.0f} dBm0", dtmf_sequence(SEQUENCE, on_ms=100, level_dbm0=level), "")


def reject_cases() -> list[Case]:
    """Signals a Q.24-style detector must not report any digit for."""
    cases: list[Case] = []
    for group in (_offset_reject, _twist_reject, _short_reject, _single_reject, _line_reject):
        cases += group()
    return cases


def reported(case: Case) -> str:
    """The digits the detector reports for a case, as one string."""
    return "".join(event.digit for event in detect_digits(case.pcm))


def _wavs(folder: Path, package: str) -> list[Path]:
    """Every wav under a Debian sounds folder; a clear error naming the package when it is missing."""
    paths = sorted(folder.rglob("*.wav")) if folder.is_dir() else []
    if not paths:
        raise FileNotFoundError(f"no wav files under {folder}: install the Debian package {package}")
    return paths


def speech_paths() -> list[Path]:
    """All English Asterisk prompts (8 kHz speech), subfolders included."""
    return _wavs(SPEECH_DIR, SPEECH_PACKAGE)


def music_paths() -> list[Path]:
    """All Asterisk music-on-hold tracks (8 kHz music)."""
    return _wavs(MUSIC_DIR, MUSIC_PACKAGE)


def talkoff_digits(paths: Iterable[Path]) -> tuple[int, float]:
    """Digits detected in recordings that hold none, and the seconds of audio searched (mu-law line audio)."""
    digits, samples = 0, 0
    for path in paths:
        pcm = mulaw_roundtrip(read_wav_8k(path))
        digits += len(detect_digits(pcm))
        samples += pcm.size
    return digits, samples / SAMPLE_RATE


def main() -> None:
    """Print pass rates for the named cases, and optionally the talk-off count over the whole corpus."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--talkoff", action="store_true", help="also run all speech and music (minutes)")
    args = parser.parse_args()
    for label, cases in (("accept", accept_cases()), ("reject", reject_cases())):
        failed = [(case.name, got) for case in cases if (got := reported(case)) != case.expected]
        print(f"{label}: {len(cases) - len(failed)}/{len(cases)} pass")
        for name, got in failed:
            print(f"  FAIL {name}: reported {got!r}")
    if args.talkoff:
        for label, paths in (("speech", speech_paths()), ("music", music_paths())):
            start = time.process_time()
            digits, seconds = talkoff_digits(paths)
            cpu = time.process_time() - start
            print(f"talk-off {label}: {digits} digits in {seconds / 3600:.3f} h ({len(paths)} files, {cpu:.1f} s CPU)")


if __name__ == "__main__":
    main()
