"""Answering-machine detection in the first seconds after answer: greeting length, pauses, beep, words.

A person answers with a short "Hello?" and waits; a machine talks on ("Hi, you've reached Alex, I
can't take your call...") and ends with a beep. The rules follow the classic AMD shape (Asterisk's
app_amd: a long greeting is a machine, a short one followed by silence is a person) plus the beep and
transcript cues. Pure: fed one frame's facts at a time by agent/line_classifier.py.
"""

from __future__ import annotations

from agent.line_cues import Cue
from agent.line_events import AmdDecided, AmdEvent, BeepHeard, GreetingEnded, Who
from agent.line_features import FrameFeatures

LONG_GREETING_S = 2.8  # seconds of greeting (speech with short pauses) that only a machine says
AFTER_GREETING_S = 0.8  # seconds of silence after a short greeting: a person waiting for us
SILENT_ANSWER_S = 4.0  # seconds without speech after answer: say "unknown" and let the call go on
GREETING_END_S = 1.5  # seconds of silence that end a machine's greeting when no beep comes
BEEP_TONALITY = 0.85  # share of a frame's energy in one spectral peak for a beep
BEEP_MIN_DBFS = -40.0  # a beep is at least this loud
BEEP_MIN_FRAMES = 8  # 160 ms of a steady pure tone at least
BEEP_MAX_FRAMES = 75  # and 1.5 s at most: longer is a tone or music, not a beep
QUIET_DBFS = -45.0  # a beep starts out of and ends into frames below this level (music runs on)
BEEP_DRIFT_HZ = 20.0  # a beep's frequency moves less than this between frames
BEEP_BAND_HZ = (300.0, 2500.0)  # beeps sit in this band


class AnsweringMachineDetector:
    """Decides person or machine once; then reports the beep or the end of the greeting."""

    def __init__(self) -> None:
        self.who: Who | None = None
        self._origin: float | None = None  # seconds, the first frame fed: the answer
        self._greeting_start: float | None = None  # seconds, first speech frame
        self._last_speech: float | None = None  # seconds, latest speech frame
        self._beep_frames = 0
        self._beep_hz = 0.0
        self._since_quiet = 99  # frames since the latest quiet one, outside runs of tone
        self._beeped = False
        self._greeting_over = False

    def process(self, quiet: bool, speech: bool, f: FrameFeatures, t: float) -> list[AmdEvent]:
        """One frame: quiet?, classified as speech?, its features; t in seconds (the first frame is the answer)."""
        events: list[AmdEvent] = []
        if self._origin is None:
            self._origin = t
        if self._beep(f, t):
            events.append(BeepHeard(t))
            if self.who != "machine":
                events.append(self._decide("machine", "beep", t))
        if speech and not quiet:
            if self._greeting_start is None:
                self._greeting_start = t
            self._last_speech = t
        if self.who is None:
            decision = self._by_timing(t)
            if decision is not None:
                events.append(decision)
        elif self.who == "machine" and not self._beeped and not self._greeting_over:
            if self._last_speech is not None and t - self._last_speech >= GREETING_END_S:
                self._greeting_over = True
                events.append(GreetingEnded(t))
        return events

    def transcript(self, cue: Cue | None, t: float) -> list[AmdEvent]:
        """A voicemail phrase makes it a machine, even over an earlier 'person'; a greeting, a person."""
        if cue == "voicemail" and self.who != "machine":
            return [self._decide("machine", "transcript", t)]
        if cue == "greeting" and self.who is None:
            return [self._decide("person", "transcript", t)]
        return []

    def _by_timing(self, t: float) -> AmdDecided | None:
        """The greeting's length and the silence after it."""
        if self._greeting_start is None or self._last_speech is None:
            silent = self._origin is not None and t - self._origin >= SILENT_ANSWER_S
            return self._decide("unknown", "no-speech", t) if silent else None
        if self._last_speech - self._greeting_start >= LONG_GREETING_S:
            return self._decide("machine", "long-greeting", t)
        if t - self._last_speech >= AFTER_GREETING_S:
            return self._decide("person", "short-greeting", t)
        return None

    def _beep(self, f: FrameFeatures, t: float) -> bool:
        """True when a beep ends: 0.16-1.5 s of one steady pure tone, out of quiet and into quiet."""
        steady = (
            f.tonal >= BEEP_TONALITY
            and f.level_dbfs >= BEEP_MIN_DBFS
            and BEEP_BAND_HZ[0] <= f.peak_hz <= BEEP_BAND_HZ[1]
            and (self._beep_frames == 0 or abs(f.peak_hz - self._beep_hz) <= BEEP_DRIFT_HZ)
        )
        # The 64 ms analysis window smears the onset: the frame before the run may be half beep.
        if steady and (self._beep_frames > 0 or self._since_quiet <= 2):
            self._beep_frames += 1
            self._beep_hz = f.peak_hz
            return False
        quiet = f.level_dbfs < QUIET_DBFS
        ended = quiet and BEEP_MIN_FRAMES <= self._beep_frames <= BEEP_MAX_FRAMES and not self._beeped
        self._beep_frames = 0
        self._since_quiet = 0 if quiet else self._since_quiet + 1
        if ended:
            self._beeped = True
        return ended

    def _decide(self, who: Who, reason: str, t: float) -> AmdDecided:
        self.who = who
        return AmdDecided(t, who, reason)
