"""Streaming speech endpointer over 20 ms 8 kHz frames: the talker's voice (agent/speech/voice.py), a level gate
and timing rules.

A turn ends after end_silence_ms without the talker's voice, not without sound: a kitchen, a workshop or a
radio under their line must not hold the turn open.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

import numpy as np

from agent.audio import FRAME_BYTES, FRAME_MS, SAMPLE_RATE
from agent.speech.voice import VoiceDetector, VoiceFrame

_FULL_SCALE = 32768.0  # int16 full scale, the 0 dBFS reference
_FRAME_S = FRAME_MS / 1000.0  # seconds per frame
_PRE_ROLL_MS = 400  # milliseconds kept before the detected start: the voice score reacts up to 0.25 s late
# The level gate runs on 5 ms blocks, so speech is measured to 5 ms: a 60 ms click straddling
# four frames counts as about 60 ms, not 80, and cannot pass an 80 ms start rule.
_BLOCK_MS = 5  # milliseconds per level block
_BLOCKS = FRAME_MS // _BLOCK_MS  # level blocks per frame


@dataclass(frozen=True)
class SpeechStarted:
    """Speech began (reported once start_ms of speech has been heard)."""

    t: float  # seconds since the segmenter started, at the first frame of speech


@dataclass(frozen=True)
class SpeechEnded:
    """An utterance ended: its audio and when it began and ended."""

    t: float  # seconds since the segmenter started, at the end of the last speech frame
    # 8 kHz 16-bit mono: pre-roll + utterance + what followed until the end was decided (kept out of repr)
    audio: bytes = field(repr=False)
    start_t: float  # seconds since the segmenter started, same as the matching SpeechStarted.t


SegmentEvent = SpeechStarted | SpeechEnded


def _frames(ms: float) -> int:
    """Whole frames needed to cover a span of milliseconds (at least one)."""
    return max(1, math.ceil(ms / FRAME_MS))


class SpeechSegmenter:
    """Turns a stream of 20 ms frames into SpeechStarted / SpeechEnded events; pure, no clock reads."""

    def __init__(
        self,
        start_ms: int = 80,
        end_silence_ms: int = 450,
        max_utterance_s: float = 20.0,
        min_level_dbfs: float = -50.0,
    ) -> None:
        if start_ms <= 0 or end_silence_ms <= 0 or max_utterance_s <= 0:
            raise ValueError("start_ms, end_silence_ms and max_utterance_s must be positive")
        self._voice: VoiceDetector | None = None  # made on first use when frames come without a voice verdict
        self.last_voice = VoiceFrame(0.0, -120.0, False)  # what the detector said of the latest frame
        self.last_was_speech = False  # the latest frame counted as speech (an utterance's last one ends it)
        self._start_frames = _frames(start_ms)
        self._start_ms = start_ms
        # Start needs start_ms of speech within a window twice as long, so one dropped
        # frame inside a real onset does not delay it, while an isolated click never fills it.
        self._window_frames = 2 * self._start_frames
        self._end_frames = _frames(end_silence_ms)
        self._max_frames = _frames(max_utterance_s * 1000.0)
        self._pre_roll_frames = _PRE_ROLL_MS // FRAME_MS
        # Sum of squares of one 5 ms block of int16 samples at min_level_dbfs: compared
        # directly, so there is no log per frame.
        block_samples = SAMPLE_RATE * _BLOCK_MS // 1000
        self._min_block_energy = block_samples * (_FULL_SCALE * 10.0 ** (min_level_dbfs / 20.0)) ** 2
        self.reset()

    def reset(self) -> None:
        """Forget any utterance in progress and restart the clock at zero."""
        if self._voice is not None:
            self._voice.reset()
        self._frame_index = 0  # frames processed since start or the last reset
        # Idle: recent frames and their milliseconds of speech, for the start window and the pre-roll.
        self._recent: deque[bytes] = deque(maxlen=self._pre_roll_frames + self._window_frames)
        self._speech_ms: deque[int] = deque(maxlen=self._window_frames)
        # In speech: the utterance so far, and where it stands.
        self._in_speech = False
        self._utterance: list[bytes] = []
        self._start_index = 0  # frame index of the first speech frame
        self._last_speech_index = 0  # frame index of the latest speech frame
        self._utterance_offset = 0  # frame index of self._utterance[0]

    @property
    def in_speech(self) -> bool:
        """True between a SpeechStarted and its SpeechEnded."""
        return self._in_speech

    def process(self, frame: bytes, voice: VoiceFrame | None = None) -> list[SegmentEvent]:
        """Feed one 20 ms frame (320 bytes, 8 kHz 16-bit mono); return the events it caused.

        `voice` is the call's one voice detector's verdict on this frame; without it the segmenter runs its own.
        """
        if len(frame) != FRAME_BYTES:
            raise ValueError(f"frame must be {FRAME_BYTES} bytes (20 ms at 8 kHz), got {len(frame)}")
        index = self._frame_index
        self._frame_index += 1
        # The detector tracks the bed and the talker's level, so it sees every frame, gated or not.
        if voice is None:
            if self._voice is None:
                self._voice = VoiceDetector()
            voice = self._voice.process(frame)
        self.last_voice = voice
        speech_ms = self._speech_ms_in(frame) if self.last_voice.voiced else 0
        self.last_was_speech = speech_ms > 0
        if self._in_speech:
            return self._continue(frame, index, speech_ms > 0)
        return self._idle(frame, index, speech_ms)

    def _speech_ms_in(self, frame: bytes) -> int:
        """Milliseconds of this frame loud enough to be speech (the voice score is per 32 ms chunk, this per 5 ms)."""
        samples = np.frombuffer(frame, dtype="<i2").astype(np.float32)
        samples *= samples
        energies = samples.reshape(_BLOCKS, -1).sum(axis=1)
        return _BLOCK_MS * int(np.count_nonzero(energies >= self._min_block_energy))

    def _idle(self, frame: bytes, index: int, speech_ms: int) -> list[SegmentEvent]:
        """Watch the start window; on enough speech, open an utterance with its pre-roll."""
        self._recent.append(frame)
        self._speech_ms.append(speech_ms)
        if not speech_ms or sum(self._speech_ms) < self._start_ms:
            return []
        # The utterance starts at the earliest speech frame in the window.
        first_in_window = index - len(self._speech_ms) + 1
        start_index = first_in_window + next(i for i, ms in enumerate(self._speech_ms) if ms)
        recent_offset = index - len(self._recent) + 1  # frame index of self._recent[0]
        keep_from = max(start_index - self._pre_roll_frames, recent_offset)
        self._utterance = list(self._recent)[keep_from - recent_offset :]
        self._utterance_offset = keep_from
        self._start_index = start_index
        self._last_speech_index = index
        self._in_speech = True
        self._recent.clear()
        self._speech_ms.clear()
        return [SpeechStarted(t=start_index * _FRAME_S)]

    def _continue(self, frame: bytes, index: int, speech: bool) -> list[SegmentEvent]:
        """Extend the utterance; end it after end_silence_ms of non-speech or at max length."""
        self._utterance.append(frame)
        if speech:
            self._last_speech_index = index
        if index - self._last_speech_index >= self._end_frames:
            return [self._finish(self._last_speech_index + 1)]
        if index + 1 - self._start_index >= self._max_frames:
            return [self._finish(index + 1)]
        return []

    def _finish(self, end_index: int) -> SpeechEnded:
        """Close the utterance at end_index (exclusive) of the voice.

        The audio keeps everything heard up to now, the silence after the voice included: a soft last
        syllable below the voice detector's gate still reaches STT.
        """
        audio = b"".join(self._utterance)
        event = SpeechEnded(t=end_index * _FRAME_S, audio=audio, start_t=self._start_index * _FRAME_S)
        self._in_speech = False
        self._utterance = []
        return event
