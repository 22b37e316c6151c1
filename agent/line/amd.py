"""Who answered a call: a person, an answering machine, a menu or a call-screening assistant; then, for a
machine, when its greeting is over (the beep, or the end judged from its own pacing).

Businesses answer with long greetings ("Good evening, Luigi's, this is Marco, how can I help you?"), so
length alone never makes a machine. What does:
- a person's greeting stops and waits for us: silence after it, sooner trusted when their words offer help
  or ask us something (agent/line/cues.py), later when the words are neutral;
- a machine says so ("leave a message", "our hours are", "we're closed"), beeps, or talks on without
  leaving room for an answer;
- a menu and a screening assistant say so too, and are their own answers.
A person taken for a machine would hear a voicemail message instead of a conversation: the worst error.
So a long greeting whose words decide nothing, followed by silence, asks for a spoken "Hello?" probe
(ProbeWanted) instead of guessing; whatever answers the probe decides.

Pure: fed one frame's facts at a time by agent/line/classifier.py (voiced = the talker's own voice, from
agent/speech/voice.py), and the wording of each transcript.
"""

from __future__ import annotations

from agent.line.cues import (
    BARE_HELLO,
    BUSINESS_ONLY,
    LEAVE_A_MESSAGE,
    MENU_ONLY,
    OWNER_ABSENT,
    RECORDER_ONLY,
    SCREENER_AFTER_ALL,
    SCREENING_ONLY,
    STRONG_PERSON_CUES,
    VOICEMAIL_ONLY,
    Cue,
    cues_in,
    emergency_only,
    notice_only,
    reached_only,
)
from agent.line.events import AmdDecided, AmdEvent, BeepHeard, GreetingEnded, ProbeWanted, Who
from agent.line.features import FrameFeatures

PAUSE_S = 0.25  # seconds without voice that separate two runs of a greeting
SHORT_GREETING_S = 2.5  # seconds of voice: a "Hello?", a "Luigi's, Marco speaking"
# Less voice than this is no greeting: a click, or a bar of a radio the voice detector scored as speech for a frame
# or two. The shortest greetings in the corpora ("Yes?", "Hi.") carry 0.2 s and more of it.
GREETING_MIN_VOICE_S = 0.1
WAIT_STRONG_S = 0.7  # seconds of silence after words that offer help or ask us something: a person waiting
# ... but after a bare "Hello?" (cues.BARE_HELLO), which STT also writes for a recording's "Hello." that goes on after
# a pause between its sentences, this long: a person who asked it waits about as long before asking again.
WAIT_BARE_HELLO_S = 1.5
# After a greeting whose words decide nothing, a recording may only be pausing between its sentences: menus,
# closed offices and self-recorded voicemails pause up to about 2 s. A person who greeted and waits speaks again
# ("Hello?") after 2-3 s, so waiting this long costs a person little and keeps us off a recording's next sentence.
WAIT_SHORT_S = 2.0  # after a short greeting whose words decide nothing
WAIT_LONG_S = 2.0  # after a long greeting: then a greeting word makes it a person, neutral words a probe
# A person's greeting, however long, is said in one or two sentences (businesses greet in 1-6 s) before they wait.
# A greeting that greeted and then talked on past this much voice, in sentences that left no room for an answer,
# is a recording as often as a person: it gets the "Hello?" probe, which a person answers and a recorder does not.
GREETS_AND_WAITS_MAX_S = 6.0
# After a business's own formula with nobody in it ("Welcome to Rapid Parcel.", cues.BUSINESS_ONLY): what a menu,
# a closed office or a screener opens with, and some pause longer after it before their next sentence.
WAIT_BUSINESS_ONLY_S = 3.0
PROBE_PAUSE_FACTOR = 1.5  # the probe waits this many times the greeting's longest pause so far, plus
PROBE_MARGIN_S = 0.3  # this margin (the next sentence's first syllables are heard as voice a little late),
PROBE_WAIT_MAX_S = 3.0  # and no longer than this
WORDS_WAIT_S = 2.5  # silence after which a decision stops waiting for the words of the latest speech
SILENT_PERSON_S = 8.0  # nothing said this long after the answer (carriers stay silent 3-7 s): a silent person
TALKS_ON_S = 9.0  # seconds of voice with no pause of WAIT_STRONG_S: nobody greets a caller that long
SILENT_ANSWER_S = 4.0  # seconds without a word after the answer: "unknown" (carriers send 3-7 s of silence)
PROBE_ANSWER_S = 3.0  # seconds after our probe in which an answer must start
OVERRIDE_S = 30.0  # later words this soon after the answer may correct an earlier decision (see _corrects)
# A recorded greeting pauses up to about 2 s between its sentences (an owner thinking of the next one, a closed
# office before its options), so its end is never judged from less silence than this ...
GREETING_END_MIN_S = 2.5
GREETING_END_PAUSE_FACTOR = 1.25  # ... and this many times its own longest pause, plus
GREETING_END_MARGIN_S = 0.5  # this margin ...
# ... capped here. Before its first pause between sentences there is no pacing to judge from, so the silence after
# its first sentence ends it only at this cap (a message said into its second sentence would be cut off by the
# beep after it).
GREETING_END_MAX_S = 4.5
BEEP_PROMISED_S = 3.5  # silence to wait when the greeting promised a tone ("after the beep") that has not come
BEEP_TONALITY = 0.85  # share of a frame's energy in one spectral peak for a beep
BEEP_MIN_DBFS = -40.0  # a beep is at least this loud
BEEP_MIN_FRAMES = 8  # 160 ms of a steady pure tone at least
BEEP_MAX_FRAMES = 75  # and 1.5 s at most: longer is a tone or music, not a beep
QUIET_DBFS = -45.0  # a beep starts out of and ends into frames below this level (music runs on)
BEEP_DRIFT_HZ = 20.0  # a beep's frequency moves less than this between frames
BEEP_BAND_HZ = (300.0, 2500.0)  # beeps sit in this band
_FRAME_S = 0.02
# A "person" decided from timing alone (a short greeting, or silence), not from words that offered help or asked us
# something: later menu wording may still correct it.
PERSON_BY_TIMING = frozenset({"short-greeting", "greets-and-waits", "silent-line"})
# A "machine" decided from timing alone (it talked on, or through our probe, or went silent after it): a menu does
# all three before it names its keys, so later keys correct it too (unless a beep was heard).
# "You've reached Lotus Spa." and a pause ("reached-and-paused") is a machine the same way: a menu opens so too; and
# so is an emergency notice and a pause ("notice-and-paused"), which a doctor's menu gives before its keys.
MACHINE_BY_TIMING = frozenset({"talks-on", "talked-through-probe", "silent-after-probe", "reached-and-paused",
                               "notice-and-paused"})
_BY_TIMING = PERSON_BY_TIMING | MACHINE_BY_TIMING  # each reason belongs to one answer
# A "machine" decided from an announcement alone (hours, "we're closed"), with no word of a message: a menu
# announces so before its keys, which correct it as they do a timing one.
_MENU_MAY_CORRECT = _BY_TIMING | {"announcement"}


class AnsweringMachineDetector:
    """Decides who answered; for a machine, reports the beep and the end of its greeting (again if it goes on)."""

    def __init__(self) -> None:
        self.who: Who | None = None  # None until decided; "unknown" is provisional (nobody spoke yet)
        self._origin: float | None = None  # seconds, the first frame fed: the answer
        self._voice_s = 0.0  # seconds of voice since the answer (or since the probe)
        self._run_start: float | None = None  # start of the current run of voice
        self._last_voice: float | None = None  # seconds, latest voiced frame
        self._longest_pause = 0.0  # seconds, the longest pause inside the greeting so far
        self._since_pause_s = 0.0  # seconds of voice since the last pause of WAIT_STRONG_S
        self._cues: set[Cue] = set()  # everything the transcripts said
        self._last_cues: set[Cue] = set()  # what the latest transcript said
        self._bare_hello = False  # the latest transcript was a bare "Hello?"
        self._transcript_t: float | None = None  # when the latest transcript arrived
        self._business_only = False  # the latest transcript was a business's formula with nobody in it
        # "You've reached ..." ("reached-and-paused") or an emergency notice ("notice-and-paused") was said and
        # nothing else: a voicemail or a closed office, or a menu before its keys ("" when neither)
        self._opening = ""
        self._probe_t: float | None = None  # when our "Hello?" probe ended
        self._probe_wanted = False
        self._greeted = False  # something was said before our probe
        self._beep = _BeepTracker()
        self._beeped = False
        self._ended_at_voice: float | None = None  # the greeting-ended event was sent for voice up to here
        self._beep_promised = False
        self._decided_by = ""  # the reason of the latest decision ("short-greeting", "offers-help", ...)

    # ---- per frame -------------------------------------------------------------------------------
    def process(self, voiced: bool, f: FrameFeatures, t: float) -> list[AmdEvent]:
        """One frame: the talker's voice in it?, its features; t in seconds (the first frame is the answer)."""
        events: list[AmdEvent] = []
        if self._origin is None:
            self._origin = t
        if self._beep.process(f):
            self._beeped = True
            events.append(BeepHeard(t))
            if self.who != "machine":
                events.append(self._decide("machine", "beep", t))
        if voiced:
            self._on_voice(t)
        if self.who in (None, "unknown"):
            events.extend(self._by_timing(t))
        elif self.who == "machine":
            events.extend(self._greeting_over(t))
        return events

    def _on_voice(self, t: float) -> None:
        """Count voice and the pauses inside the greeting."""
        if self._last_voice is not None:
            gap = t - self._last_voice - _FRAME_S
            if gap >= PAUSE_S and self._run_start is not None:
                self._longest_pause = max(self._longest_pause, gap)
                self._run_start = t
            if gap >= WAIT_STRONG_S:
                self._since_pause_s = 0.0
        if self._run_start is None:
            self._run_start = t
        if self._probe_wanted and self._probe_t is None:
            self._probe_wanted = False  # the greeting went on before "Hello?" was said: want it again at its end
        self._voice_s += _FRAME_S
        self._since_pause_s += _FRAME_S
        self._last_voice = t

    # ---- wording ---------------------------------------------------------------------------------
    def transcript(self, text: str, t: float) -> list[AmdEvent]:
        """What STT heard of the latest words; recording wording decides at once, person wording on silence."""
        found = cues_in(text)
        self._last_cues = found
        self._bare_hello = bool(BARE_HELLO.match(text))
        self._transcript_t = t
        self._business_only = bool(BUSINESS_ONLY.search(text))
        return self._recording_words(text, found, t)

    def greeting_transcript(self, text: str, t: float) -> list[AmdEvent]:
        """What STT heard of the whole greeting so far, decoded at once: Whisper makes out a sentence better with the
        ones before it ("side business," alone; "For personal tax, say personal for business tax, say business" in
        the whole). Its recording wording decides as a sentence's does, or corrects a decision made from timing or
        an announcement, not one the sentences' own words made: the whole says again what they said ("You reach
        the virtual receptionist", read again after its screening prompt, is no voicemail). The timing rules go on
        reading what the latest sentence said (a bare "Hello?", an offer of help), and an opening in it ("You've
        reached ...", an emergency notice) counts only before anything was decided."""
        opening = self._opening
        found = cues_in(text)
        if self.who not in (None, "unknown") and self._decided_by not in _MENU_MAY_CORRECT:
            self._cues |= found
            return []
        events = self._recording_words(text, found, t)
        self._opening = opening or (self._opening if self.who in (None, "unknown") else "")
        return events

    def _recording_words(self, text: str, found: set[Cue], t: float) -> list[AmdEvent]:
        """Recording wording decides who answered at once, or corrects an early decision (see _corrects)."""
        self._cues |= found
        if "after the" in text.lower() or "at the tone" in text.lower():
            self._beep_promised = True
        kind = recording_kind(found, text)
        if kind is None:
            return []
        if kind == "machine" and self.who in (None, "unknown"):
            # "You've reached Lotus Spa." or "If this is an emergency, hang up and dial 911." opens a voicemail or
            # a menu: the next sentence, or the pause after it (a machine, see _by_timing), decides.
            opening = ("reached-and-paused" if reached_only(text, found) else
                       "notice-and-paused" if emergency_only(text, found) else "")
            if opening:
                self._opening = opening
                return []
        early = self._origin is not None and t - self._origin <= OVERRIDE_S
        if self.who in (None, "unknown") or (early and self._corrects(kind, found, text)):
            announced = kind == "machine" and "voicemail" not in found
            return [self._decide(kind, "announcement" if announced else "transcript", t)]
        return []

    def _corrects(self, kind: Who, found: set[Cue], text: str) -> bool:
        """Later words overrule an early decision: voicemail wording after a "person" or a screener's prompt
        (the screened person did not take the call), a screener's prompt after its first sentence sounded
        like carrier voicemail ("the person you're calling ..."), or after a first sentence that sounded like
        a person ("Hi, I'm Sam's virtual assistant." and a pause) when only a screener would say it; and a menu's
        keys after a "person" or a "machine" decided from timing alone ("Thank you for calling Northwind." and a
        pause; a long welcome that talked through our "Hello?")."""
        if kind == "machine" and "voicemail" in found:
            # After "person", only words no receptionist says of someone else ("she's not available", "I'll put
            # you through to her voicemail"): the recorder's own, or its owner's absence in the first person; and
            # after a "person" that only a pause made, its request for a message as a sentence of its own.
            owner = RECORDER_ONLY.search(text) or OWNER_ABSENT.search(text)
            if self._decided_by in PERSON_BY_TIMING and "?" not in text:
                owner = owner or LEAVE_A_MESSAGE.search(text)
            return self.who == "screening" or self.who == "person" and bool(owner)
        if kind == "menu" and self._decided_by in _MENU_MAY_CORRECT and not self._beeped:
            # "Thank you for calling Northwind." and a pause sounded like a person, a long welcome that talked
            # through our "Hello?" or announced an emergency number like a voicemail; "for bookings, press 1" is
            # neither.
            return bool(MENU_ONLY.search(text))
        if kind != "screening" or self._beeped:
            return False
        return self.who == "machine" or self.who == "person" and bool(SCREENER_AFTER_ALL.search(text))

    def probed(self, t: float) -> None:
        """Our "Hello?" probe finished playing at t: what follows answers it."""
        self._probe_t = t
        self._probe_wanted = False
        self._greeted = self._voice_s >= GREETING_MIN_VOICE_S  # (a click before it greeted nobody)
        self._voice_s = 0.0
        self._since_pause_s = 0.0
        self._run_start = None
        self._last_voice = None
        self._last_cues = set()
        self._bare_hello = False
        self._business_only, self._opening = False, ""

    # ---- decisions -------------------------------------------------------------------------------
    def _by_timing(self, t: float) -> list[AmdEvent]:
        """Who answered, from the greeting's length, the silence after it and its words."""
        if self._last_voice is None or self._voice_s < GREETING_MIN_VOICE_S:
            return self._no_voice_yet(t)
        if self._since_pause_s >= TALKS_ON_S:
            return [self._decide("machine", "talks-on", t)]
        silence = t - self._last_voice
        if silence < WAIT_STRONG_S or self._beep.sounding:
            return []  # a steady tone sounding now is no silence: a beep that will end the greeting, or not
        heard_last = self._transcript_t is not None and self._transcript_t >= self._last_voice
        if heard_last and self._last_cues & STRONG_PERSON_CUES:
            if self._bare_hello and silence < WAIT_BARE_HELLO_S:
                return []
            return [self._decide("person", "offers-help" if "offer" in self._last_cues else "asks-us", t)]
        if not heard_last and silence < WORDS_WAIT_S:
            return []  # "You've reached Tom." pauses like a "Hello?": its words decide, and they are coming
        if self._opening and self._probe_t is None:  # a voicemail's greeting or a menu's welcome, and a pause
            if silence < WAIT_BUSINESS_ONLY_S:
                return []
            return [self._decide("machine", self._opening, t)]
        if self._voice_s <= SHORT_GREETING_S:
            if silence < self._waited_out(WAIT_BUSINESS_ONLY_S if self._business_only else WAIT_SHORT_S):
                return []
            reason = "answered-probe" if self._probe_t is not None else "short-greeting"
            return [self._decide("person", reason, t)]
        if silence < WAIT_LONG_S:
            return []
        if self._cues & {"greeting", "asks"} and self._voice_s <= GREETS_AND_WAITS_MAX_S:
            if silence < self._waited_out(WAIT_LONG_S):
                return []
            return [self._decide("person", "greets-and-waits", t)]
        if self._probe_t is not None:  # a person answers "Hello?" briefly; a recording just goes on
            return [self._decide("machine", "talked-through-probe", t)]
        if not self._probe_wanted and silence >= self._probe_wait():
            self._probe_wanted = True
            return [ProbeWanted(t)]
        return []

    def _waited_out(self, wait: float) -> float:
        """Silence that says a greeting is over and they wait for us: `wait`, or longer than the greeting's own
        pauses so far when it paused long between its sentences (a slow speaker's voicemail, a menu's welcome);
        never more than PROBE_WAIT_MAX_S (or `wait`, when that is longer)."""
        return paced_wait(self._longest_pause, PROBE_PAUSE_FACTOR, PROBE_MARGIN_S, wait, max(wait, PROBE_WAIT_MAX_S))

    def _probe_wait(self) -> float:
        """Silence before "Hello?": longer than the greeting's own pauses so far (a closed office's greeting
        pauses between its sentences, and a probe said into the next one talks over it)."""
        return self._waited_out(WAIT_LONG_S)

    def _no_voice_yet(self, t: float) -> list[AmdEvent]:
        """Nothing said yet (since the answer, or since our probe)."""
        if self._probe_t is not None and self._greeted and t - self._probe_t >= PROBE_ANSWER_S:
            # A greeting, then a recorder listening: the silence that decided it is also its greeting's end (no
            # voice came since the probe for _greeting_over to measure from), so the message goes now.
            self._ended_at_voice = self._last_voice
            return [self._decide("machine", "silent-after-probe", t), GreetingEnded(t)]
        if self._origin is None or self._probe_t is not None:
            return []
        if self.who == "unknown" and t - self._origin >= SILENT_PERSON_S:
            return [self._decide("person", "silent-line", t)]  # a person who says nothing (our "Hello?" went first)
        if self.who is None and t - self._origin >= SILENT_ANSWER_S:
            return [self._decide("unknown", "no-speech", t)]  # provisional: a late greeting still decides
        return []

    def _greeting_over(self, t: float) -> list[AmdEvent]:
        """A machine's greeting ended without a beep: silence longer than its own pauses (or the beep's wait)."""
        if self._beeped or self._last_voice is None or self._ended_at_voice == self._last_voice:
            return []
        needed = paced_wait(self._longest_pause, GREETING_END_PAUSE_FACTOR, GREETING_END_MARGIN_S,
                            GREETING_END_MIN_S, GREETING_END_MAX_S)
        if self._longest_pause < WAIT_STRONG_S:  # one sentence so far: this may be its first pause
            needed = GREETING_END_MAX_S
        if self._beep_promised:
            needed = max(needed, BEEP_PROMISED_S)
        if t - self._last_voice < needed:
            return []
        self._ended_at_voice = self._last_voice
        return [GreetingEnded(t)]

    def _decide(self, who: Who, reason: str, t: float) -> AmdDecided:
        self.who, self._decided_by = who, reason
        return AmdDecided(t, who, reason)


def paced_wait(longest_pause: float, factor: float, margin: float, floor: float, cap: float) -> float:
    """A wait judged from a recording's own pacing: longer than its longest pause so far (factor times it, plus
    a margin), within [floor, cap]. Seconds or frames, as long as all five agree."""
    return min(cap, max(floor, factor * longest_pause + margin))


def recording_kind(found: set[Cue], text: str) -> Who | None:
    """Which answer class recording wording makes: a menu, a screening assistant, or a machine."""
    if "screening" in found and "menu" in found and not SCREENING_ONLY.search(text):
        return "menu"  # "in a few words, tell me why you're calling; you can say billing"
    if "voicemail" in found and "menu" in found and "screening" not in found and not VOICEMAIL_ONLY.search(text):
        return "menu"  # "You have reached Metro Transit. For our hours, press 1"
    if "screening" in found:  # its prompt names "the person you're calling", as carrier voicemail does
        return "screening"
    if "voicemail" in found:
        return "machine"
    if "menu" in found:
        return "menu"
    if "announcement" in found and not found & STRONG_PERSON_CUES and not notice_only(text, found):
        # "We're closed actually, but how can I help?": someone there says the hours too, and then waits for us.
        return "machine"
    return None  # hold wording is a queue: the classifier's hold, not an answer class


class _BeepTracker:
    """A beep: 0.16-1.5 s of one steady pure tone, out of quiet and into quiet."""

    def __init__(self) -> None:
        self.heard = False  # one beep per call: the recorder starts once
        self._frames = 0
        self._hz = 0.0
        self._since_quiet = 99  # frames since the latest quiet one, outside runs of tone

    @property
    def sounding(self) -> bool:
        """A steady pure tone is sounding now (what may be a beep that has not ended yet)."""
        return self._frames > 0

    def process(self, f: FrameFeatures) -> bool:
        """True on the frame where a beep ends."""
        steady = (
            f.tonal >= BEEP_TONALITY
            and f.level_dbfs >= BEEP_MIN_DBFS
            and BEEP_BAND_HZ[0] <= f.peak_hz <= BEEP_BAND_HZ[1]
            and (self._frames == 0 or abs(f.peak_hz - self._hz) <= BEEP_DRIFT_HZ)
        )
        # The 64 ms analysis window smears the onset: the frame before the run may be half beep.
        if steady and (self._frames > 0 or self._since_quiet <= 2):
            self._frames += 1
            self._hz = f.peak_hz
            return False
        quiet = f.level_dbfs < QUIET_DBFS
        ended = quiet and BEEP_MIN_FRAMES <= self._frames <= BEEP_MAX_FRAMES and not self.heard
        self.heard = self.heard or ended
        self._frames = 0
        self._since_quiet = 0 if quiet else self._since_quiet + 1
        return ended
