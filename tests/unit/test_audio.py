"""Phone-audio helpers: frames, levels, resampling, mu-law and wav files."""

from __future__ import annotations

import struct
import wave
from pathlib import Path

import numpy as np
import pytest

from agent.audio import (
    FRAME_BYTES,
    FRAME_SAMPLES,
    SAMPLE_RATE,
    frame_dbfs,
    mulaw_decode,
    mulaw_encode,
    mulaw_roundtrip,
    read_wav_8k,
    resample,
    to_frames,
    write_wav,
)
from agent.errors import AudioFileError

LIBRIVOX_0880 = Path(
    "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.wav"
)


def tone(freq: float, seconds: float, rate: int = SAMPLE_RATE, amplitude: float = 10000.0) -> np.ndarray:
    """A sine tone as int16 samples."""
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.int16)


def peak_hz(pcm: np.ndarray, rate: int) -> float:
    """Frequency of the strongest FFT bin."""
    spectrum = np.abs(np.fft.rfft(pcm.astype(np.float64)))
    return float(np.fft.rfftfreq(len(pcm), 1 / rate)[np.argmax(spectrum)])


def test_frame_constants() -> None:
    assert (SAMPLE_RATE, FRAME_SAMPLES, FRAME_BYTES) == (8000, 160, 320)


def test_resample_keeps_duration_pitch_and_dtype() -> None:
    src = tone(1000, 1.0, rate=22050)
    out = resample(src, 22050, 8000)
    assert out.dtype == np.int16
    assert len(out) == 8000
    assert peak_hz(out, 8000) == pytest.approx(1000, abs=2)
    up = resample(tone(440, 0.5), 8000, 16000)
    assert len(up) == 8000 and peak_hz(up, 16000) == pytest.approx(440, abs=3)


def test_resample_clips_instead_of_wrapping() -> None:
    square = np.where(np.arange(4410) % 100 < 50, 32767, -32768).astype(np.int16)
    out = resample(square, 44100, 8000)
    assert out.max() == 32767 and out.min() == -32768  # overshoot clipped, no wrap to the other sign


def test_resample_same_rate_and_empty() -> None:
    x = tone(300, 0.1)
    assert np.array_equal(resample(x, 8000, 8000), x)
    assert resample(np.zeros(0, np.int16), 16000, 8000).size == 0


def test_to_frames_pads_last_frame_with_zeros() -> None:
    pcm = np.arange(1, 401, dtype=np.int16)  # 2.5 frames
    frames = to_frames(pcm)
    assert [len(f) for f in frames] == [FRAME_BYTES] * 3
    last = np.frombuffer(frames[2], dtype="<i2")
    assert last[:80].tolist() == list(range(321, 401)) and not last[80:].any()
    assert to_frames(pcm.tobytes()) == frames
    assert to_frames(b"") == []


def test_frame_dbfs_levels() -> None:
    assert frame_dbfs(bytes(FRAME_BYTES)) == -120.0
    full_square = np.where(np.arange(160) % 2 == 0, 32767, -32767).astype(np.int16)
    assert frame_dbfs(full_square.tobytes()) == pytest.approx(0.0, abs=0.01)
    sine = tone(1000, 0.02, amplitude=32767 / 10)  # -20 dB peak, RMS 3 dB lower
    assert frame_dbfs(sine.tobytes()) == pytest.approx(-23.0, abs=0.1)


def test_mulaw_reference_values() -> None:
    # Codes from the Sun g711.c reference (also what CPython's audioop produced).
    pcm = np.array([0, -1, 1, 100, -100, 32767, -32768], dtype=np.int16)
    assert mulaw_encode(pcm).tolist() == [255, 126, 255, 242, 114, 128, 0]
    assert mulaw_decode(np.array([255, 127, 128, 0], dtype=np.uint8)).tolist() == [0, 0, 32124, -32124]


def test_mulaw_roundtrip_error_is_small_relative_to_level() -> None:
    x = np.arange(-32768, 32768, 7, dtype=np.int16)
    y = mulaw_roundtrip(x)
    assert y.dtype == np.int16
    # Each code is its interval's midpoint: error under 1/32 of the magnitude, plus the
    # 8-count step near zero.
    err = np.abs(y.astype(np.int32) - x)
    assert np.all(err <= np.abs(x.astype(np.int32)) // 32 + 16)
    assert np.array_equal(mulaw_roundtrip(y), y)  # decoded values are fixed points


def test_write_then_read_wav_resamples_and_mixes(tmp_path: Path) -> None:
    left = tone(500, 0.5, rate=16000)
    stereo = np.stack([left, left], axis=1).reshape(-1)
    path = tmp_path / "stereo.wav"
    write_wav(path, stereo, 16000, channels=2)
    pcm = read_wav_8k(path)
    assert pcm.dtype == np.int16 and len(pcm) == 4000
    assert peak_hz(pcm, 8000) == pytest.approx(500, abs=3)
    assert np.abs(pcm).max() == pytest.approx(10000, rel=0.05)


def test_read_wav_8bit_and_24bit(tmp_path: Path) -> None:
    x = tone(400, 0.2)
    p8 = tmp_path / "u8.wav"
    with wave.open(str(p8), "wb") as w:
        w.setparams((1, 1, 8000, 0, "NONE", "not compressed"))
        w.writeframes(((x.astype(np.int32) >> 8) + 128).astype(np.uint8).tobytes())
    assert np.abs(read_wav_8k(p8).astype(np.int32) - x).max() < 300
    p24 = tmp_path / "s24.wav"
    wide = x.astype(np.int32) << 8
    raw = b"".join(int(v).to_bytes(3, "little", signed=True) for v in wide)
    with wave.open(str(p24), "wb") as w:
        w.setparams((1, 3, 8000, 0, "NONE", "not compressed"))
        w.writeframes(raw)
    assert np.array_equal(read_wav_8k(p24), x)


def test_read_real_recording() -> None:
    pcm = read_wav_8k(LIBRIVOX_0880)  # 16 kHz mono original, 2.99 s
    assert len(pcm) == pytest.approx(2.99 * 8000, abs=2)


def test_read_wav_rejects_non_wav(tmp_path: Path) -> None:
    path = tmp_path / "notes.wav"
    path.write_text("hello, not audio")
    with pytest.raises(AudioFileError, match="notes.wav.*not a PCM wav"):
        read_wav_8k(path)


def test_an_empty_wav_and_one_cut_in_its_header_say_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    with pytest.raises(AudioFileError, match=r"empty.wav: not a PCM wav file \(the file is empty\)"):
        read_wav_8k(empty)
    cut = tmp_path / "cut.wav"
    cut.write_bytes(b"RIFF")
    with pytest.raises(AudioFileError, match=r"cut.wav: not a PCM wav file \(its header is cut short\)"):
        read_wav_8k(cut)


def test_read_wav_rejects_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AudioFileError, match="nothere.wav.*not found"):
        read_wav_8k(tmp_path / "nothere.wav")


def test_read_wav_rejects_truncated_file(tmp_path: Path) -> None:
    path = tmp_path / "cut.wav"
    write_wav(path, tone(400, 1.0), 8000)
    path.write_bytes(path.read_bytes()[:3000])
    with pytest.raises(AudioFileError, match="cut.wav.*truncated"):
        read_wav_8k(path)
    (tmp_path / "header.wav").write_bytes(path.read_bytes()[:20])
    with pytest.raises(AudioFileError, match="header.wav"):
        read_wav_8k(tmp_path / "header.wav")


def test_read_wav_rejects_unsupported_sample_width(tmp_path: Path) -> None:
    # A PCM header with 40-bit samples: the wave module reads it, we refuse it.
    data = bytes(50)
    fmt = struct.pack("<HHIIHH", 1, 1, 8000, 8000 * 5, 5, 40)
    body = (
        b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
    )
    path = tmp_path / "wide.wav"
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    with pytest.raises(AudioFileError, match="wide.wav.*sample width 5"):
        read_wav_8k(path)
