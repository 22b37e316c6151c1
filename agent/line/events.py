"""What the line classifier reports: labels and call events, as plain frozen facts.

Kept apart from the detectors so the pure call controller can react to them without importing
numpy, webrtcvad or the detectors themselves. Each `t` is seconds of line audio since the
classifier started (the answer, in a call) at the moment it decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Label = Literal["music", "silence", "ivr_speech", "live_speech", "ringback", "busy", "dtmf"]
LABELS: tuple[Label, ...] = ("music", "silence", "ivr_speech", "live_speech", "ringback", "busy", "dtmf")
# Who answered: "unknown" is provisional (nobody has spoken yet); "menu" and "screening" are recordings that
# want something of us (a key, our name and purpose) rather than a voicemail message.
Who = Literal["person", "machine", "menu", "screening", "unknown"]
# Why the line is on hold: hold music (or a queue's announcements), a person who asked us to wait ("let me
# check"), the far end's SIP hold (a re-INVITE with sendonly or inactive), or a screening assistant
# checking whether its owner will take the call; or a line silent on both sides for a while (a silent hold,
# a transfer, someone looking something up without a word).
HoldKind = Literal["music", "asked", "sip", "screening", "silence"]


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
    """The line went on hold: music for 2 s, queue wording, or a long silence (the classifier's own decision)."""

    t: float  # seconds
    kind: HoldKind = "music"


@dataclass(frozen=True)
class HoldEnded:
    """Hold is over: a person picked up (PersonPickedUp follows at the same t)."""

    t: float  # seconds


@dataclass(frozen=True)
class PersonPickedUp:
    """A live person answered after hold."""

    t: float  # seconds
    # which rule decided: "transcript", "live-floor", "waits-after-speech", "voice-after-hold", "answered-probe"
    reason: str


@dataclass(frozen=True)
class MenuPromptEnded:
    """A recorded prompt ended and the line stayed silent: a menu waits for a key."""

    t: float  # seconds


@dataclass(frozen=True)
class AmdDecided:
    """Who answered, and why; a later transcript may correct a person to a machine."""

    t: float  # seconds since answer, when it decided
    who: Who
    # "offers-help", "asks-us", "short-greeting", "greets-and-waits", "answered-probe", "beep", "transcript",
    # "announcement" (a machine by an announcement alone), "talks-on", "talked-through-probe",
    # "silent-after-probe", "reached-and-paused", "notice-and-paused", "silent-line", "no-speech"
    reason: str


@dataclass(frozen=True)
class BeepHeard:
    """A voicemail beep: the machine records from now."""

    t: float  # seconds since answer


@dataclass(frozen=True)
class ProbeWanted:
    """A long greeting whose words decide nothing, then silence: say a short "Hello?" and let the answer decide."""

    t: float  # seconds since answer


@dataclass(frozen=True)
class WordsWanted:
    """The classifier needs the words of the speech now on the line (a partial transcript) to decide who it is."""

    t: float  # seconds, when asked
    segment: int  # which speech segment the audio belongs to: the answer goes back with it
    audio: bytes = field(repr=False)  # 8 kHz 16-bit mono, from just before the segment's start until now
    # True: the audio is the whole greeting since its first voice, and its words go back through
    # LineClassifier.greeting_transcript (who answered), not transcript
    greeting: bool = False


@dataclass(frozen=True)
class GreetingEnded:
    """A machine's greeting ended without a beep (silence followed it)."""

    t: float  # seconds since answer


AmdEvent = AmdDecided | BeepHeard | GreetingEnded | ProbeWanted
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
    | ProbeWanted
    | WordsWanted
)
