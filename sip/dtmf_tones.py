"""In-band DTMF: the two-tone signal of a key, for peers that take neither RFC 4733 events nor SIP INFO.

Pure numpy; the SIP thread pushes the result into the playout buffer like any other sound.
"""

from __future__ import annotations

import numpy as np

RATE = 8000
_LOW = {"1": 697, "2": 697, "3": 697, "A": 697, "4": 770, "5": 770, "6": 770, "B": 770,
        "7": 852, "8": 852, "9": 852, "C": 852, "*": 941, "0": 941, "#": 941, "D": 941}
_HIGH = {"1": 1209, "4": 1209, "7": 1209, "*": 1209, "2": 1336, "5": 1336, "8": 1336, "0": 1336,
         "3": 1477, "6": 1477, "9": 1477, "#": 1477, "A": 1633, "B": 1633, "C": 1633, "D": 1633}
DIGITS = frozenset(_LOW)
TONE_DBFS = -10.0  # each of the two tones; the pair peaks about 4 dB under full scale (ITU-T Q.23 levels)


def dtmf_tone(digit: str, seconds: float = 0.12, level_dbfs: float = TONE_DBFS) -> bytes:
    """8 kHz 16-bit mono PCM of one key's tone pair, with 4 ms ramps so it starts and ends without a click."""
    key = digit.upper()
    if key not in DIGITS:
        raise ValueError(f"not a DTMF key: {digit!r}")
    t = np.arange(int(seconds * RATE)) / RATE
    amplitude = 32768 * 10 ** (level_dbfs / 20) * np.sqrt(2)
    pcm = amplitude * (np.sin(2 * np.pi * _LOW[key] * t) + np.sin(2 * np.pi * _HIGH[key] * t))
    ramp = min(len(t) // 2, 32)
    if ramp:
        pcm[:ramp] *= np.linspace(0.0, 1.0, ramp)
        pcm[len(t) - ramp :] *= np.linspace(1.0, 0.0, ramp)
    return np.clip(np.rint(pcm), -32768, 32767).astype("<i2").tobytes()
