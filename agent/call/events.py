"""Everything the call controller reacts to: past-tense facts (SIP events come from sip.events)."""

from __future__ import annotations

from dataclasses import dataclass

from agent.conversation.dialogue_types import Action


@dataclass(frozen=True)
class Started:
    """The runner is ready: register or dial."""


@dataclass(frozen=True)
class StopRequested:
    """The principal interrupted (Ctrl-C) or the service is shutting down."""

    reason: str


@dataclass(frozen=True)
class SpeechStarted:
    """The other party started talking (VAD)."""

    t: float  # seconds since the call was answered


@dataclass(frozen=True)
class UtteranceEnded:
    """The other party finished a turn; `audio` is 8 kHz 16-bit mono."""

    audio: bytes
    t: float  # seconds since the call was answered, at the end of the utterance
    # The line classifier's sound segment its last words were in (LineListener.utterance_segment): its words go
    # back to the classifier with it. None where no classifier heard it.
    segment: int | None = None


@dataclass(frozen=True)
class Transcribed:
    """Whisper's text for utterance `heard_id`."""

    heard_id: int
    text: str
    ms: float  # processing time, milliseconds
    confidence: float | None = None  # Whisper's mean token log-probability; None when STT gives none
    segment: int | None = None  # the line classifier's segment the utterance ended in (UtteranceEnded.segment)


@dataclass(frozen=True)
class Decided:
    """The dialogue's action for decision `decision_id`."""

    decision_id: int
    action: Action
    ms: float


@dataclass(frozen=True)
class SpeechFinished:
    """Everything of utterance `utterance_id` has been played to the line."""

    utterance_id: int


@dataclass(frozen=True)
class PrincipalReplied:
    """The principal answered question `question_id`."""

    question_id: int
    text: str


@dataclass(frozen=True)
class TimerFired:
    """A timer started by StartTimer ran out."""

    name: str


@dataclass(frozen=True)
class WorkerFailed:
    """A worker could not do its job; it reports instead of dying silently."""

    worker: str  # "stt", "tts", "dialogue", "escalation"
    code: str
    message: str


@dataclass(frozen=True)
class ThreadFailed:
    """An unexpected exception on one of the call's threads: the call ends as "internal-error: <where>"."""

    where: str  # "listener", "stt", "tts", "dialogue", "sip"
    message: str
