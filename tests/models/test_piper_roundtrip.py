"""The bundled Piper voice, streamed per sentence at 8 kHz, heard back through mu-law by Whisper."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from agent.audio import SAMPLE_RATE, mulaw_roundtrip
from agent.errors import TtsError
from agent.speech.speak import GAP_MS, PiperTTS, TextToSpeech, split_sentences
from agent.speech.transcribe import WhisperSTT

BOOKING = "I'd like to book a table for four people at seven thirty."
REPLY = (
    "I'd like to book a table for four people at seven thirty. My name is Alex Morgan. "
    "Could you send the confirmation by text message, please?"
)


@pytest.fixture(scope="module")
def piper() -> Iterator[PiperTTS]:
    """One loaded voice for the module."""
    tts = PiperTTS()
    started = time.perf_counter()
    tts.load()
    print(f"\nPiper load + warm-up: {time.perf_counter() - started:.2f} s")
    yield tts


@pytest.fixture(scope="module")
def whisper() -> Iterator[WhisperSTT]:
    """One loaded Whisper for the module."""
    stt = WhisperSTT()
    stt.load()
    yield stt


def samples(chunk: bytes) -> np.ndarray:
    """A PCM chunk as int16 samples."""
    return np.frombuffer(chunk, dtype="<i2")


@pytest.mark.models
def test_piper_through_the_phone_band_is_understood(piper: PiperTTS, whisper: WhisperSTT) -> None:
    chunks = list(piper.synthesize(BOOKING))
    assert len(chunks) == 1 and len(chunks[0]) % 2 == 0
    heard = whisper.transcribe(mulaw_roundtrip(samples(chunks[0])).tobytes())
    # Whisper writes the time its own way: "seven thirty", "7:30" (-> "7", "30") or "730".
    words = set(re.findall(r"[a-z']+|\d+", heard.lower()))
    print(f"heard: {heard!r}")
    assert {"book", "table"} <= words
    assert words & {"four", "4"} and words & {"seven", "7", "730"}


@pytest.mark.models
def test_output_is_8khz_int16_with_faded_edges(piper: PiperTTS) -> None:
    assert piper._voice is not None
    native = np.concatenate([c.audio_int16_array for c in piper._voice.synthesize(BOOKING)])
    native_rate = piper._voice.config.sample_rate
    assert native_rate == 22050
    pcm = samples(next(iter(piper.synthesize(BOOKING))))
    # Same duration at 8 kHz as at the voice's own rate (Piper's durations vary a little per run).
    assert len(pcm) / SAMPLE_RATE == pytest.approx(len(native) / native_rate, rel=0.15)
    assert pcm[0] == 0 and abs(int(pcm[-1])) < 50  # 5 ms fades: no click at either edge
    assert 8000 < np.abs(pcm).max() < 32767  # loud but with headroom, never clipped


@pytest.mark.models
def test_sentences_stream_one_chunk_each(piper: PiperTTS, monkeypatch: pytest.MonkeyPatch) -> None:
    assert piper._voice is not None
    voice_calls: list[str] = []
    real = piper._voice.synthesize

    def counting(text: str, **kwargs: Any) -> Any:
        voice_calls.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(piper._voice, "synthesize", counting)
    stream = piper.synthesize(REPLY)
    started = time.perf_counter()
    first = next(stream)
    first_at = time.perf_counter() - started
    assert len(voice_calls) == 1  # the rest is not synthesized until the caller asks for it
    rest = list(stream)
    done_at = time.perf_counter() - started
    chunks = [first, *rest]
    print(f"Piper first sentence after {first_at:.3f} s; all {len(chunks)} after {done_at:.3f} s")
    assert len(chunks) == len(split_sentences(REPLY)) == 3
    assert first_at < done_at * 0.8
    gap = SAMPLE_RATE * GAP_MS // 1000
    assert all(len(c) % 2 == 0 for c in chunks)
    assert all(not samples(c)[-gap:].any() for c in chunks[:-1])  # a pause after each sentence ...
    assert samples(chunks[-1])[-gap:].any()  # ... but not after the last


@pytest.mark.models
def test_thread_limit_reaches_onnxruntime(piper: PiperTTS) -> None:
    assert piper._voice is not None
    assert piper._voice.session.get_session_options().intra_op_num_threads == 1


@pytest.mark.models
def test_empty_text_yields_nothing(piper: PiperTTS) -> None:
    assert list(piper.synthesize("  ")) == []


def test_piper_satisfies_the_protocol() -> None:
    tts: TextToSpeech = PiperTTS()  # nothing loaded: construction is cheap
    assert tts is not None


def test_missing_voice_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(TtsError, match="nobody.onnx"):
        PiperTTS(voice=str(tmp_path / "nobody.onnx")).load()
    (tmp_path / "half.onnx").write_bytes(b"")
    with pytest.raises(TtsError, match=r"half\.onnx\.json"):
        PiperTTS(voice=str(tmp_path / "half.onnx")).load()


def test_broken_voice_file_is_a_tts_error(tmp_path: Path) -> None:
    (tmp_path / "bad.onnx").write_bytes(b"not a model")
    (tmp_path / "bad.onnx.json").write_text("{}")
    with pytest.raises(TtsError, match="bad.onnx") as info:
        PiperTTS(voice=str(tmp_path / "bad.onnx")).load()
    assert info.value.code == "tts-failed" and info.value.__cause__ is not None
