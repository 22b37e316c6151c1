"""Noise beds under a far end's line, generated for tests: a workshop, a radio."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from agent.audio import SAMPLE_RATE, read_wav_8k

MOH = Path("/usr/share/asterisk/moh/macroform-cold_day.wav")


def at_dbfs(x: np.ndarray, dbfs: float) -> np.ndarray:
    """x scaled to an RMS level in dBFS."""
    return x / (np.sqrt(np.mean(np.square(x))) + 1e-9) * 32768 * 10 ** (dbfs / 20)


def hammering(seconds: float, dbfs: float, seed: int = 3) -> np.ndarray:
    """A workshop: hammer blows every 0.25-0.9 s, each a noise burst with a ringing metal partial."""
    rng = np.random.default_rng(seed)
    n = int(seconds * SAMPLE_RATE)
    out, t = np.zeros(n), 0
    k = np.arange(int(0.08 * SAMPLE_RATE))
    while (t := t + int(rng.uniform(0.25, 0.9) * SAMPLE_RATE)) < n - len(k):
        ring = np.sin(2 * np.pi * rng.uniform(900, 2500) * k / SAMPLE_RATE) * np.exp(-k / 240)
        out[t : t + len(k)] += rng.standard_normal(len(k)) * np.exp(-k / 96) + 0.6 * ring
    return at_dbfs(out, dbfs)


def radio_music(seconds: float, dbfs: float) -> np.ndarray:
    """Pop music from a packaged track, playing softly in the room."""
    music = read_wav_8k(MOH).astype(np.float64)[30 * SAMPLE_RATE :]
    return at_dbfs(np.resize(music, int(seconds * SAMPLE_RATE)), dbfs)
