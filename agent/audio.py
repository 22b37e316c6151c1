"""Phone-audio helpers: 8 kHz 16-bit mono frames, levels, resampling, G.711 mu-law, wav files."""

from __future__ import annotations

import math
import wave
from dataclasses import dataclass
from math import gcd
from pathlib import Path

import numpy as np
from scipy.signal import resample_poly

from agent.errors import AudioFileError

SAMPLE_RATE = 8000  # Hz: the narrowband phone rate every agent module works at
FRAME_MS = 20  # milliseconds per frame, as PJSIP's clock delivers them
FRAME_SAMPLES = SAMPLE_RATE * FRAME_MS // 1000  # 160 samples per frame
FRAME_BYTES = FRAME_SAMPLES * 2  # 320 bytes per frame (16-bit signed little-endian mono)

SILENCE_DBFS = -120.0  # dBFS reported for digital silence, where log10 would be -inf
_FULL_SCALE = 32768.0  # int16 full scale, the 0 dBFS reference

# G.711 mu-law constants, in the 14-bit domain of the reference C code.
_MULAW_BIAS = 0x21  # 33: added so every magnitude has a leading bit to find
_MULAW_CLIP = 8159  # largest 14-bit magnitude that still fits after the bias


def resample(pcm: np.ndarray, src_rate: int, dst_rate: int) -> np.ndarray:
    """Resample int16 (or float, int16-scaled) mono samples with a polyphase filter; int16 out."""
    if src_rate <= 0 or dst_rate <= 0:
        raise ValueError(f"sample rates must be positive, got {src_rate} -> {dst_rate}")
    samples = np.asarray(pcm)
    if src_rate == dst_rate or samples.size == 0:
        return np.clip(np.rint(samples), -32768, 32767).astype(np.int16)
    # Reduce the ratio so e.g. 22050 -> 8000 runs as up 160 / down 441, not 8000 / 22050.
    g = gcd(src_rate, dst_rate)
    out = resample_poly(samples.astype(np.float32), dst_rate // g, src_rate // g)
    # The filter can overshoot full scale near clipped input: clip rather than wrap around.
    return np.clip(np.rint(out), -32768, 32767).astype(np.int16)


def to_frames(pcm: bytes | np.ndarray) -> list[bytes]:
    """Cut 8 kHz 16-bit mono audio into 320-byte frames, zero-padding the last one."""
    data = np.asarray(pcm, dtype="<i2").tobytes() if isinstance(pcm, np.ndarray) else bytes(pcm)
    if not data:
        return []
    remainder = len(data) % FRAME_BYTES
    if remainder:
        data += bytes(FRAME_BYTES - remainder)
    return [data[i : i + FRAME_BYTES] for i in range(0, len(data), FRAME_BYTES)]


def frame_dbfs(frame: bytes) -> float:
    """RMS level of 16-bit little-endian samples in dBFS (full-scale square wave = 0 dBFS)."""
    samples = np.frombuffer(frame, dtype="<i2").astype(np.float32)
    if samples.size == 0:
        return SILENCE_DBFS
    mean_square = float(np.dot(samples, samples)) / samples.size
    if mean_square <= 0.0:
        return SILENCE_DBFS
    return max(SILENCE_DBFS, 10.0 * math.log10(mean_square / (_FULL_SCALE * _FULL_SCALE)))


def mulaw_encode(pcm: np.ndarray) -> np.ndarray:
    """Encode int16 samples to G.711 mu-law bytes (uint8), as a PCMU phone line would."""
    # Same arithmetic as the Sun reference g711.c that PJSIP (and CPython's audioop) use:
    # shift to 14 bits first (flooring negatives), then sign, magnitude, segment, mantissa.
    x = np.asarray(pcm, dtype=np.int32) >> 2
    mask = np.where(x < 0, 0x7F, 0xFF)
    magnitude = np.minimum(np.abs(x), _MULAW_CLIP) + _MULAW_BIAS
    # The segment is the position of the highest set bit, counted from bit 5.
    segment = np.maximum(np.frexp(magnitude.astype(np.float64))[1] - 6, 0)
    code = np.where(segment >= 8, 0x7F, (np.minimum(segment, 7) << 4) | ((magnitude >> (segment + 1)) & 0x0F))
    return (code ^ mask).astype(np.uint8)


def mulaw_decode(codes: np.ndarray) -> np.ndarray:
    """Decode G.711 mu-law bytes (uint8) to int16 samples."""
    u = ~np.asarray(codes, dtype=np.int32) & 0xFF
    exponent = (u >> 4) & 0x07
    mantissa = u & 0x0F
    # Decoding works in the 16-bit domain: bias 0x84 is the 14-bit bias shifted left by 2.
    magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84
    return np.where(u & 0x80, -magnitude, magnitude).astype(np.int16)


def mulaw_roundtrip(pcm: np.ndarray) -> np.ndarray:
    """Pass int16 samples through G.711 mu-law and back: what a PCMU phone line does to them."""
    return mulaw_decode(mulaw_encode(pcm))


def _samples_from_bytes(raw: bytes, width: int) -> np.ndarray:
    """Decode interleaved little-endian PCM of 1-4 bytes a sample to float64 scaled as int16."""
    if width == 1:  # 8-bit wav is unsigned, centred on 128
        return (np.frombuffer(raw, dtype=np.uint8).astype(np.float64) - 128.0) * 256.0
    if width == 2:
        return np.frombuffer(raw, dtype="<i2").astype(np.float64)
    if width == 3:  # 24-bit: widen each sample to 32 bits by hand, numpy has no int24
        b = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        value = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        value = np.where(value & 0x800000, value - 0x1000000, value)
        return value.astype(np.float64) / 256.0
    if width == 4:
        return np.frombuffer(raw, dtype="<i4").astype(np.float64) / 65536.0
    raise ValueError(f"unsupported sample width {width} bytes")


@dataclass(frozen=True)
class WavAudio:
    """A PCM wav file's samples as found, before any conversion."""

    samples: np.ndarray  # float64 scaled as int16, shape (frames, channels)
    rate: int  # samples per second
    width: int  # bytes per sample in the file


def _is_empty(path: str | Path) -> bool:
    try:
        return Path(path).stat().st_size == 0
    except OSError:
        return False


def read_wav(path: str | Path) -> WavAudio:
    """Read a PCM wav (1-4 byte samples, any rate and channel count); AudioFileError says what is wrong."""
    try:
        with wave.open(str(path), "rb") as wav:
            rate = wav.getframerate()
            channels = wav.getnchannels()
            width = wav.getsampwidth()
            expected = wav.getnframes()
            raw = wav.readframes(expected)
    except FileNotFoundError as exc:
        raise AudioFileError(f"{path}: file not found") from exc
    except IsADirectoryError as exc:
        raise AudioFileError(f"{path}: is a folder, not a wav file") from exc
    except (wave.Error, EOFError) as exc:
        # An empty file, or one cut inside its header, ends in an EOFError with no message.
        why = str(exc) or ("the file is empty" if _is_empty(path) else "its header is cut short")
        raise AudioFileError(f"{path}: not a PCM wav file ({why})") from exc
    if width not in (1, 2, 3, 4):
        raise AudioFileError(f"{path}: unsupported sample width {width} bytes (1-4 supported)")
    if rate <= 0 or channels <= 0:
        raise AudioFileError(f"{path}: bad header: {rate} Hz, {channels} channels")
    frame_size = width * channels
    got = len(raw) // frame_size
    if got < expected:
        raise AudioFileError(f"{path}: truncated: header says {expected} frames, file holds {got}")
    samples = _samples_from_bytes(raw[: got * frame_size], width)
    return WavAudio(samples.reshape(-1, channels), rate, width)


def read_wav_8k(path: str | Path) -> np.ndarray:
    """Read a PCM wav of any rate and channel count as 8 kHz mono int16 samples."""
    audio = read_wav(path)
    return resample(audio.samples.mean(axis=1), audio.rate, SAMPLE_RATE)


def write_wav(path: str | Path, pcm: np.ndarray | bytes, rate: int, channels: int = 1) -> None:
    """Write int16 samples (interleaved when channels > 1) as a 16-bit PCM wav."""
    data = pcm if isinstance(pcm, bytes) else np.asarray(pcm, dtype="<i2").tobytes()
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(data)
