"""Everything the call controller asks the outside world to do: imperatives, run by the runner."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Register:
    """REGISTER to the trunk."""


@dataclass(frozen=True)
class Dial:
    """INVITE the callee."""

    uri: str


@dataclass(frozen=True)
class HangUp:
    """Send BYE / CANCEL."""


@dataclass(frozen=True)
class SendDtmf:
    """Send digits (RFC 4733, SIP INFO as fallback)."""

    digits: str


@dataclass(frozen=True)
class Transcribe:
    """Run STT on an utterance."""

    heard_id: int
    audio: bytes  # 8 kHz 16-bit mono
    segment: int | None = None  # the line classifier's segment it ended in: comes back on Transcribed


@dataclass(frozen=True)
class Decide:
    """Ask the dialogue what to do about `text` (kind: opening, heard, principal). again: the latest decision was
    withdrawn (they went on talking before our answer began): undo it, and decide on `text`, which holds its words
    and theirs since."""

    decision_id: int
    kind: str
    text: str
    again: bool = False


@dataclass(frozen=True)
class Speak:
    """Synthesize and play `text`; SpeechFinished(utterance_id) follows when it has been played."""

    utterance_id: int
    text: str


@dataclass(frozen=True)
class StopSpeaking:
    """Barge-in: drop whatever has not been played yet."""


@dataclass(frozen=True)
class AskPrincipal:
    """Relay a question to the principal; PrincipalReplied follows, if they answer."""

    question_id: int
    question: str
    party: str


@dataclass(frozen=True)
class StartTimer:
    """TimerFired(name) after `seconds`; restarting a running timer moves its deadline."""

    name: str
    seconds: float


@dataclass(frozen=True)
class CancelTimer:
    """Forget a timer."""

    name: str


@dataclass(frozen=True)
class Record:
    """A line of the transcript (speaker: "them", "agent", "principal", "system")."""

    speaker: str
    text: str


@dataclass(frozen=True)
class NoteHeard:
    """Tell the line classifier what STT heard (hold, voicemail and greeting wording are cues)."""

    text: str
    confidence: float | None = None  # STT's own, when it gives one: unintelligible words on hold are no person
    segment: int | None = None  # the classifier's sound segment the words are of; None: the current one


@dataclass(frozen=True)
class HoldLine:
    """Tell the line classifier about a hold the controller decided ("asked", "sip", "screening"), "resumed" (a SIP
    hold lifted), or "declined" (its silent hold is none: we owe them an answer, or asked them to wait)."""

    kind: str


@dataclass(frozen=True)
class NoteProbe:
    """Our "Hello?" probe has just played: the line classifier judges what answers it."""


@dataclass(frozen=True)
class Finish:
    """The call is over: the runner stops, stores and reports."""

    outcome: str  # the goal's ("booked", "cancelled", ...), "busy", "no-answer", "callback-needed", ...
    reason: str  # in words
    details: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
