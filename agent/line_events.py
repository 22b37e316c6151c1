"""What the line classifier reports: labels and call events, as plain frozen facts.

Kept apart from the detectors so the pure call controller can react to them without importing
numpy, webrtcvad or the detectors themselves. Each `t` is seconds of line audio since the
classifier started (the answer, in a call) at the moment it decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Label = Literal["music", "silence", "ivr_speech", "live_speech", "ringback", "busy", "dtmf"]
LABELS: tuple[Label, ...] = ("music", "silence", "ivr_speech", "live_speech", "ringback", "busy", "dtmf")
Who = Literal["person", "machine", "unknown"]


@dataclass(frozen=True)
class LabelChanged:
    """The line's label changed."""

    t: float  # seconds since the classifier started, when it decided
    label: Label


@dataclass(frozen=True)
class DigitHeard:
    """An in-band DTMF digit (or an RFC 4733 / SIP INFO digit passed through `digit_received`)."""

    t: float  # seconds, when it was decided
    digit: str
    how: str = "in-band"  # "in-band" (heard in the audio) or "signalled" (RFC 4733 or SIP INFO)


@dataclass(frozen=True)
class RingingHeard:
    """Ringback began: the far end is being alerted."""

    t: float  # seconds


@dataclass(frozen=True)
class HoldStarted:
    """Hold music began (2 s of it)."""

    t: float  # seconds


@dataclass(frozen=True)
class HoldEnded:
    """Hold is over: a person picked up (PersonPickedUp follows at the same t)."""

    t: float  # seconds


@dataclass(frozen=True)
class PersonPickedUp:
    """A live person answered after hold."""

    t: float  # seconds
    reason: str  # which rule decided: "live-floor", "waits-after-speech", "transcript"


@dataclass(frozen=True)
class MenuPromptEnded:
    """A recorded prompt ended and the line stayed silent: a menu waits for a key."""

    t: float  # seconds


@dataclass(frozen=True)
class AmdDecided:
    """Who answered, and why; a later transcript may correct a person to a machine."""

    t: float  # seconds since answer, when it decided
    who: Who
    reason: str  # "long-greeting", "short-greeting", "beep", "transcript", "no-speech"


@dataclass(frozen=True)
class BeepHeard:
    """A voicemail beep: the machine records from now."""

    t: float  # seconds since answer


@dataclass(frozen=True)
class GreetingEnded:
    """A machine's greeting ended without a beep (silence followed it)."""

    t: float  # seconds since answer


AmdEvent = AmdDecided | BeepHeard | GreetingEnded
LineEvent = (
    LabelChanged
    | DigitHeard
    | RingingHeard
    | HoldStarted
    | HoldEnded
    | PersonPickedUp
    | MenuPromptEnded
    | AmdDecided
    | BeepHeard
    | GreetingEnded
)
