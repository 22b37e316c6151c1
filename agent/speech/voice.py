"""Is the other party's own voice in this frame? A neural voice detector plus a level gate relative to the talker.

webrtcvad answers "is there any sound shaped like speech", so a workshop, a kitchen or a radio under the far
end's line keeps a turn open until a lull. Two things tell their voice from such a bed:
- Silero VAD (the ONNX model that ships inside faster-whisper, `faster_whisper/assets/silero_vad_v6.onnx`)
  scores speech against hammering, clatter, traffic and music far better than an energy or GMM detector;
- the person on the phone is close to the microphone: their voice stands well above the bed and above a
  radio's talk in the background. A frame counts only when it is within TALKER_RANGE_DB of the talker's
  own recent level and clears the bed's level by BED_MARGIN_DB.

Pure streaming state, fed one 20 ms frame at a time on the listener thread; the model session is shared
by every detector in the process (onnxruntime sessions are safe to run from several threads).
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.signal import firwin

from agent.audio import FRAME_BYTES
from agent.errors import SttError

MODEL_RATE = 16000  # Hz: the bundled Silero model takes 16 kHz audio only
CHUNK = 512  # samples at 16 kHz (32 ms) per model call
CONTEXT = 64  # samples of the previous chunk the model sees before each one
ON_PROB, OFF_PROB = 0.5, 0.35  # voice starts at ON_PROB and lasts while the probability stays above OFF_PROB
IDLE_PROB = 0.15  # a chunk below this holds no speech
RESET_CHUNKS = 16  # 0.5 s of such chunks in a row: the model's state starts afresh
BED_FRAMES = 150  # the latest 3 s of frames without speech estimate the bed's level
BED_PERCENTILE = 20  # the quiet end of those frames: the bed between hits and clatter
BED_MARGIN_DB = 6.0  # a voice frame clears the bed by this much
TALKER_FRAMES = 400  # levels of the latest 8 s of accepted voice frames: the talker's own level
TALKER_PERCENTILE = 90  # the loud end of their voice (vowels), steadier than the mean
TALKER_RANGE_DB = 16.0  # a voice frame is at most this far below the talker's level (a radio behind them is more)
TALKER_MIN_FRAMES = 25  # frames of voice before the talker's level is trusted (0.5 s)
# 2x interpolation: a 48-tap low-pass (unity gain after zero stuffing) split into its two polyphase halves,
# so each 8 kHz frame costs two short convolutions instead of a filter over twice as many samples.
_UP_TAPS = firwin(48, 0.5).astype(np.float64) * 2.0
_PHASES = (_UP_TAPS[0::2].copy(), _UP_TAPS[1::2].copy())  # even outputs, odd outputs
_HISTORY = len(_PHASES[0]) - 1  # input samples each output needs from before the frame

_session_lock = threading.Lock()
_sessions: dict[str, Any] = {}


def bundled_model_path() -> Path:
    """The Silero VAD model inside the faster-whisper package."""
    try:
        import faster_whisper
    except ImportError as exc:
        raise SttError("the voice detector needs faster-whisper (it ships the Silero VAD model)") from exc
    path = Path(faster_whisper.__file__).parent / "assets" / "silero_vad_v6.onnx"
    if not path.is_file():
        raise SttError(f"the Silero VAD model is missing from faster-whisper: {path}")
    return path


def _session(path: Path) -> Any:
    """One onnxruntime session per model file, made on first use, single-threaded (the call runs beside STT)."""
    key = str(path)
    with _session_lock:
        if key not in _sessions:
            import onnxruntime

            opts = onnxruntime.SessionOptions()
            opts.inter_op_num_threads = 1
            opts.intra_op_num_threads = 1
            opts.log_severity_level = 4
            try:
                providers = ["CPUExecutionProvider"]
                _sessions[key] = onnxruntime.InferenceSession(key, providers=providers, sess_options=opts)
            except Exception as exc:  # onnxruntime raises its own types
                raise SttError(f"cannot load the voice detector model {key}: {exc}") from exc
        return _sessions[key]


@dataclass(frozen=True)
class VoiceFrame:
    """What the detector found in one 20 ms frame."""

    prob: float  # Silero's speech probability of the latest 32 ms chunk
    level_dbfs: float  # RMS level of the frame
    voiced: bool  # the talker's own voice: probable speech, above the bed, near the talker's level


class VoiceDetector:
    """Streaming voice detection over 20 ms 8 kHz frames."""

    def __init__(self, model_path: Path | None = None) -> None:
        self._session = _session(model_path or bundled_model_path())
        self.reset()

    def reset(self) -> None:
        """Forget the audio, the bed and the talker."""
        self._state = np.zeros((2, 1, 128), dtype=np.float32)  # the model's h and c
        self._context = np.zeros(CONTEXT, dtype=np.float32)
        self._history = np.zeros(_HISTORY)  # the last input samples, for the interpolation filter
        self._pending = np.zeros(0, dtype=np.float32)  # 16 kHz samples not yet scored
        self._prob = 0.0
        self._idle_chunks = 0  # model chunks in a row without speech
        self._speaking = False  # hysteresis state of the probability
        self._levels: deque[float] = deque(maxlen=BED_FRAMES)
        self._talker: deque[float] = deque(maxlen=TALKER_FRAMES)
        self._bed_db = -120.0
        self._talker_db: float | None = None
        self._frames = 0

    def process(self, frame: bytes) -> VoiceFrame:
        """One 20 ms frame (320 bytes, 8 kHz 16-bit mono)."""
        if len(frame) != FRAME_BYTES:
            raise ValueError(f"frame must be {FRAME_BYTES} bytes (20 ms at 8 kHz), got {len(frame)}")
        samples = np.frombuffer(frame, dtype="<i2").astype(np.float64)
        level = _level_dbfs(samples)
        self._score(samples)
        self._frames += 1
        if self._prob < OFF_PROB:  # a speaker's own soft syllables must not raise the bed
            self._levels.append(level)
        if self._frames % 10 == 1:  # percentiles every 200 ms: the bed and the talker move slowly
            self._bed_db = _percentile(self._levels, BED_PERCENTILE) if self._levels else -120.0
            if len(self._talker) >= TALKER_MIN_FRAMES:
                self._talker_db = _percentile(self._talker, TALKER_PERCENTILE)
        voiced = self._speaking and level >= self._bed_db + BED_MARGIN_DB
        if voiced and self._talker_db is not None:
            voiced = level >= self._talker_db - TALKER_RANGE_DB
        if voiced:
            self._talker.append(level)
        return VoiceFrame(self._prob, level, voiced)

    def _score(self, samples: np.ndarray) -> None:
        """Upsample to 16 kHz and run the model on every whole 32 ms chunk."""
        padded = np.concatenate([self._history, samples])
        self._history = padded[-_HISTORY:]
        up = np.empty(2 * len(samples))
        up[0::2] = np.convolve(padded, _PHASES[0], "valid")
        up[1::2] = np.convolve(padded, _PHASES[1], "valid")
        self._pending = np.concatenate([self._pending, (up / 32768.0).astype(np.float32)])
        while len(self._pending) >= CHUNK:
            chunk, self._pending = self._pending[:CHUNK], self._pending[CHUNK:]
            inputs = {"input": np.concatenate([self._context, chunk])[None], "h": self._state[0:1],
                      "c": self._state[1:2]}
            prob, h, c = self._session.run(None, inputs)
            self._context = chunk[-CONTEXT:]
            self._prob = float(prob.reshape(-1)[0])
            self._speaking = self._prob >= (OFF_PROB if self._speaking else ON_PROB)
            # Minutes of music or silence drive the model's state where a first soft "Hello?" scores near 0:
            # after RESET_CHUNKS without speech it starts afresh, as at the start of a stream.
            self._idle_chunks = 0 if self._prob >= IDLE_PROB else self._idle_chunks + 1
            fresh = self._idle_chunks >= RESET_CHUNKS
            self._state = np.zeros_like(self._state) if fresh else np.concatenate([h, c])
            if fresh:
                self._idle_chunks = 0


def _percentile(values: deque[float], q: int) -> float:
    """The nearest-rank q-th percentile (np.percentile costs ten times as much for a few hundred values)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, len(ordered) * q // 100)]


def _level_dbfs(samples: np.ndarray) -> float:
    """RMS level in dBFS, floored at -120."""
    mean_square = float(samples @ samples) / len(samples)
    return max(-120.0, 10.0 * float(np.log10(mean_square / 32768.0**2 + 1e-14)))


