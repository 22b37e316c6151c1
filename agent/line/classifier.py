"""What is on the line right now: a streaming classifier of 20 ms frames into labels and call events.

Labels: music, silence, ivr_speech (a recorded prompt or announcement), live_speech, ringback, busy, dtmf.
Events: label changes, DTMF digits, ringing, hold started / ended, a person picked up after hold,
a menu prompt ended, who answered (agent/line/amd.py), and requests for the words of the speech now on
the line (WordsWanted: a partial transcript, answered through `transcript(text, segment)`).

Pure: frames, voice scores and transcripts in, events out, time counted in frames (no clock reads). The
call's listener thread feeds it in real time; `taskcall analyze` feeds it a recording.

How it decides (see agent/line/features.py for the measurements):
- tones and digits come from their own detectors (agent/line/tones.py, agent/line/dtmf.py);
- frames quieter than QUIET_DBFS (or loud but not voice-like to webrtcvad) are quiet; 0.8 s of
  quiet is silence;
- a run of sound between pauses is music when its spectral peaks persist (notes), speech when they
  glide (syllables), with a band of hysteresis between;
- who speaks comes from context: on hold, speech is an announcement until the pick-up rules say a
  person is there; after a pick-up, speech is live until hold comes back;
- 2 s of music is hold, unless it is a radio in a live talker's room: well below their voice and already
  sounding in the pauses between their words (hold music starts when the voice has stopped).

One notion of hold, whatever caused it (HoldKind): music (or a queue's wording), a person who asked us
to wait (`hold("asked")`), the far end's SIP hold (`hold("sip")`, then `sip_resumed()`), a screening
assistant (`hold("screening")`), or 10 s of silence on both sides (a silent hold or transfer, a
person looking something up without a word; nobody waits that long for us to speak). The controller tells
the classifier about the holds it decided, so the pick-up rules always run while the call is on hold.

Pick-up rules:
- after a person asked us to wait (or a SIP hold was lifted): their voice again, 0.3 s of it;
- after music, a queue or a long silence: evidence from three sides, none trusted alone (a live line's noise floor,
  say, is absent on clean VoIP lines and present on recordings made with hiss):
  - acoustics: speech after the music stopped (not voiced over it), not a replay of an announcement
    already heard on this call (spectral prints);
  - meaning: the words of that speech, asked for after 0.6 s of it and again when it pauses: an offer
    of help or a question to us is a person; hold, menu, voicemail or announcement wording vetoes;
    a greeting counts when the line also carries a live line's noise before the first word (and no music);
  - timing: after speech, 1.2 s of silence that the music does not end: someone waits for an answer; longer
    when this queue has paused that long itself after an announcement before its music came back.
"""

from __future__ import annotations

import math
from collections import deque
from typing import Literal

import numpy as np
import webrtcvad

from agent.audio import FRAME_BYTES, FRAME_MS, SAMPLE_RATE
from agent.line.amd import OVERRIDE_S, PROBE_ANSWER_S, AnsweringMachineDetector, paced_wait
from agent.line.cues import QUEUE_CUES, RECORDING_CUES, asks_in_form, ends_in_offer, main_cue, speaker_of
from agent.line.dtmf import DtmfDetector
from agent.line.events import (
    AmdDecided,
    AmdEvent,
    DigitHeard,
    HoldEnded,
    HoldKind,
    HoldStarted,
    Label,
    LabelChanged,
    LineEvent,
    MenuPromptEnded,
    PersonPickedUp,
    RingingHeard,
    WordsWanted,
)
from agent.line.features import FrameFeatures, LineFeatures
from agent.line.tones import CallProgressDetector
from agent.speech.voice import VoiceDetector, VoiceFrame

QUIET_DBFS = -45.0  # frames below this RMS level are pauses, line noise or silence
SILENCE_FRAMES = 40  # 0.8 s of quiet before the label says silence (shorter pauses belong to the sound)
SEGMENT_GAP_FRAMES = 15  # 0.3 s of quiet starts a new sound segment (music stops, a speaker starts)
SEGMENT_FRAMES = 50  # the last 1 s of a segment decides what it is
MUSIC_PERSISTENCE = 0.41  # mean peak persistence at or above: music (hold music measures 0.41-0.72)
CLEAR_MUSIC_PERSISTENCE = 0.5  # at or above: music without doubt
SPEECH_PERSISTENCE = 0.38  # at or below, with enough frames: speech (prompts and voices 0.18-0.40)
EARLY_SPEECH_PERSISTENCE = 0.30  # at or below after only EARLY_FRAMES: clearly speech
MIN_FRAMES, EARLY_FRAMES = 10, 6  # frames with a persistence value needed for a speech decision
MUSIC_FRAMES = 50  # a second of sound before a borderline one can be music
MIN_MUSIC_VALUES = 25  # frames with a persistence value before any music decision
NOISE_SHARE = 0.25  # a segment with peaks in fewer of its frames than this,
NOISE_FRAMES = 25  # over at least half a second,
NOISE_SPREAD_DB = 10.0  # and a level this steady, is noise (a sparse soft piano is not)
HOLD_MUSIC_FRAMES = 100  # 2 s of music means we are on hold
LIVE_FLOOR_DBFS = -61.0  # a lead-in floor above this is a live line's room or headset noise (PBX prompts: <= -62)
VOICE_ONSET_FRAMES = 5  # 0.1 s of a clear voice inside music starts a segment of its own
SOUNDING_DBFS = -55.0  # a pause frame louder than this still carries something (a bed, soft music)
DUCKED_DB = 20.0  # music turned down under an announcement stays within this of its level before
GAP_FRAMES_NEEDED = 5  # sounding frames between words (no voice in them) needed to show music under a voice
NO_VOICE_PROB = 0.15  # a segment's mean Silero score at or below this: no voice in it
SEGMENT_VOICE_PROB = 0.5  # at or above: a voice
TONAL_FLOOR = 0.3  # and music still has some held partials (hammering and clatter have fewer)
BED_PERSISTENCE = 0.5  # a pause this tonal (on average) is a soft passage of music, not a gap (noise <= 0.42)
LEAD_IN_FRAMES = 10  # the 0.2 s of line just before a sound segment starts: its floor
# Who answered also reads the whole greeting so far, decoded at once (greeting_words), for this long after the
# answer: the time in which later words may still correct a decision (amd.OVERRIDE_S).
GREETING_WORDS_MAX_S = OVERRIDE_S
GREETING_WORDS_MIN_MORE_S = 0.2  # ... when the greeting is longer than its latest utterance by this much
MUSIC_GAP_FRAMES = 10  # 0.2 s of quiet: the music stopped, rather than a voice being mixed over it
PICKUP_SPEECH_FRAMES = 20  # 0.4 s of sound, heard as speech, before a pick-up from the line's floor
PICKUP_QUIET_FRAMES = 60  # 1.2 s of silence after an utterance, music not back: a person waits
# ... and longer than this queue's own longest pause before its music came back: half as long again, plus 0.3 s
# (the music may come back softly, lengthening the silence heard), but never more than 3 s.
QUEUE_PAUSE_FACTOR = 1.5
QUEUE_PAUSE_MARGIN_FRAMES = 15
QUEUE_PAUSE_CAP_FRAMES = 150
# On music hold, words that say nothing of who talks (neither a queue's wording nor a greeting, a question, an
# offer of help or talk resumed: "ask about our spring specials ...") are as likely a queue's promotion as a person.
# After this many words of that, the silence that shows a person waiting is the longest a queue pauses (the cap
# above): a person who said none of it is answered a little later, a promotion never. Not after a live line's floor
# (LIVE_FLOOR_DBFS): the room of someone who picked up, where a PBX's announcement starts out of its own silence.
SAID_NOTHING_MIN_WORDS = 5
SAID_NOTHING_QUIET_FRAMES = QUEUE_PAUSE_CAP_FRAMES
# Whisper tiny.en's mean token log-probability below which several words are a guess: English speech scores
# -0.1 to -0.8 (Asterisk's, Piper's and flite's voices), Italian and Russian prompts mostly -1.1 to -2.9.
UNCLEAR_LOGPROB = -1.3
UNCLEAR_MIN_WORDS = 3
# Below this, even words that greet, ask something or resume talk (the weak person cues) are a guess: a person
# back from hold in a voice tiny.en mishears scored -1.31 to -1.76 ("So I can consume the unit" for "So I checked,
# and the Tuesday slot is gone"), an announcement garbled into a greeting -2.13 ("Thank you, my name is..."). Set
# on development seeds 11-13 and the tuning corpus (in-sample).
GUESSED_LOGPROB = -2.0
MENU_END_FRAMES = 40  # 0.8 s of silence after a prompt: the menu is waiting for a key
# Silence on both sides (nothing of theirs above SOUNDING_DBFS, nothing of ours) this long is a hold: a person
# waits for our answer a second or two, and we speak within a few seconds of their words or of the answer.
SILENT_HOLD_FRAMES = 500
PRINT_FRAMES = 20  # the first 0.4 s of a segment on hold is compared with the announcements heard before
PRINT_SHIFT = 2  # frames of misalignment tolerated between two prints
PRINT_MATCH = 0.85  # correlation at which two prints are the same recording
MAX_PRINTS = 64  # prints kept per call
DTMF_HOLD_FRAMES = 5  # the dtmf label stays 100 ms after a digit is decided
MAYBE_VOICE_PROB = 0.2  # Silero probability from which a frame may carry a voice (its onsets score low at first)
VOICE_PROB = 0.35  # and from which it does (Silero's own end-of-speech threshold)
VOICE_BACK_FRAMES = 15  # 0.3 s of voice after a person asked us to wait: they are back
WORDS_AT_FRAMES = (30, 70)  # ask for the words of a segment on hold after 0.6 s and 1.4 s of sound in it
WORDS_MIN_VOICE = 3  # if at least this many of its frames may carry a voice
WORDS_PAUSE_FRAMES = 8  # and when it pauses for 0.16 s (between words: a partial cut mid-word reads badly)
WORDS_PAUSE_MIN_FRAMES = 15  # after at least 0.3 s of sound
MAX_WORDS_ASKED = 4  # requests per segment at most
MAX_SEGMENT_AUDIO_FRAMES = 250  # keep at most 5 s of a segment's audio for those requests
STALE_SEGMENTS = 3  # words asked for this many segments ago still count (a short pause splits a sentence)
TALKER_VOICE_PROB = 0.8  # while a person is live, "music" this surely a voice is them talking
BED_MUSIC_DB = 12.0  # music this far below the live talker's voice is a radio in their room, not hold
BED_TALK_FRAMES = 1500  # for 30 s after their last voiced frame at most (our opening and their reply fit in it)
# A voice that starts this soon before our "Hello?" probe ended (it is 0.6 s long), or up to PROBE_ANSWER_S after,
# answers it: on a music hold from the answer (someone with a radio on who waited in silence) its words decide.
PROBE_OVERLAP_S = 0.5
# The answer goes on into the sounds that follow it after a breath (a pause under SILENCE_FRAMES, or a voice that
# starts straight out of the radio's music), up to this long after the probe: "Yeah, hello? ... Who's this?" makes
# two sounds, and the utterance's words come with the second. (Bounded: a queue's music with a singer would chain on.)
PROBE_REPLY_S = 6.0
BED_TALKER_FRAMES = 8  # voiced frames of theirs (0.16 s: a "Hi.") needed to know how loud their voice is
BED_GAP_FRAMES = 10  # pause frames between the talker's words needed to tell whether a bed was under their voice


Sound = Literal["quiet", "music", "speech", "noise"]


class LineClassifier:
    """Feed 20 ms frames with process(); transcripts with transcript(); holds the controller decided with hold()."""

    def __init__(self, detect_machine: bool = True) -> None:
        self._detect_machine = detect_machine  # run answering-machine detection from t = 0 (the answer)
        self._voice_detector: VoiceDetector | None = None  # made on first use when frames come without scores
        self.reset()

    def reset(self) -> None:
        """Start over at t = 0."""
        self._features = LineFeatures()
        self._vad = webrtcvad.Vad(2)
        self._dtmf = DtmfDetector()
        self._tones = CallProgressDetector()
        self._amd = AnsweringMachineDetector() if self._detect_machine else None
        self._judging = self._detect_machine  # who answered is still open (a queue's hold closes it)
        if self._voice_detector is not None:
            self._voice_detector.reset()
        self._frames = 0  # frames processed
        self._both_silent = 0  # consecutive frames with nothing from them (above SOUNDING_DBFS) and nothing from us
        self._before_silence_hold: tuple[bool | None, bool] = (None, self._judging)  # live, judging
        self.label: Label | None = None
        self.hold_kind: HoldKind | None = None  # why the line is on hold; None when it is not
        # A person is on the line (picked up, or answered in person); None until anything says so.
        self.live: bool | None = None
        self._sound: Sound = "quiet"
        self._quiet_run = SILENCE_FRAMES  # consecutive quiet frames
        self._before_quiet: Sound = "quiet"  # what was heard before the current quiet run
        self._quiet_tonal: list[float] = []  # tonal persistence of the frames of the current quiet run
        self._music_run = 0  # consecutive frames labelled music
        self._voice_run = 0  # consecutive sounding frames Silero scores as a voice
        # The current segment's pauses between words: (level, persistence) of those that still sound (a bed,
        # ducked music), and a count of those that are silent.
        self._between_words: deque[tuple[float, float]] = deque(maxlen=SEGMENT_FRAMES)
        self._silent_pauses = 0
        self._music_levels: deque[float] = deque(maxlen=HOLD_MUSIC_FRAMES)  # levels of the latest music frames
        self._talker_levels: deque[float] = deque(maxlen=250)  # levels of the voiced frames of whoever is live
        self._talker_heard_at = 0  # the frame of their latest voiced one
        self._talker_gaps: deque[float] = deque(maxlen=250)  # levels of the frames between their words, voiceless
        self._segment: deque[FrameFeatures] = deque(maxlen=SEGMENT_FRAMES)  # the current sound segment
        self._segment_probs: deque[float] = deque(maxlen=SEGMENT_FRAMES)  # and Silero's voice scores for it
        self._recent: deque[FrameFeatures] = deque(maxlen=LEAD_IN_FRAMES)  # the latest frames, any kind
        self._recent_audio: deque[bytes] = deque(maxlen=LEAD_IN_FRAMES)  # and their audio
        self._lead_in: list[FrameFeatures] = []  # the frames just before the current segment began
        self._segment_frames = 0  # loud frames in the current sound segment (not capped like _segment)
        self._segment_id = 0  # counts sound segments: transcripts asked for carry it back
        self._segment_started = 0.0  # when the current segment began (seconds)
        self._probe_t: float | None = None  # when our "Hello?" probe ended
        self._answer_segments: set[int] = set()  # the segments that answered it on a music hold (see PROBE_OVERLAP_S)
        self._segment_audio: list[bytes] = []  # the current segment's audio (lead-in first), for WordsWanted
        # The line since the answer (its first GREETING_WORDS_MAX_S) and the frame its first voice began in: the
        # whole greeting, for greeting_words.
        self._greeting_audio: list[bytes] = []
        self._greeting_voice_at: int | None = None
        self._segment_voice = 0  # frames of the current segment that may carry a voice
        self._segment_sure_voice = 0  # and that do
        self._words_asked = 0  # WordsWanted requests made for the current segment
        self._segment_after_gap = True  # the current segment began after the music stopped (not voiced over it)
        self._vetoed = False  # the current segment's words said it is a recording
        self._unclear = False  # ... or only that STT could not make them out (later words of it may)
        self._words_person = ""  # what its words said of a person: "", "person" or "strong-person"
        self._said_nothing = False  # its words, several of them, said nothing of who talks
        self._heard_speech = False  # speech since the last pick-up check
        self._spoke_again = False  # this segment began after speech and a person's wait (_waited_after_speech)
        self._dtmf_until = -1  # frame index until which the label stays dtmf
        # Spectral prints of the segments heard on hold (the announcements among them); the latest
        # MAX_PRINTS only, so an hour of hold music with rests does not grow the list or the comparisons.
        self._prints: deque[np.ndarray] = deque(maxlen=MAX_PRINTS)
        self._repeat = False  # the current segment replays an announcement already heard on this call
        self._last_music = -1  # frame index of the latest frame heard as music
        self._gap_after_music = True  # the music stopped (a pause of MUSIC_GAP_FRAMES) before the speech now
        # This queue's own pacing: the longest silence after an announcement before its music came back, in
        # frames; a person waiting for us must stay silent longer than that (see _after_speech).
        self._queue_pause = 0
        self._pickup_quiet = PICKUP_QUIET_FRAMES  # frames of silence after speech that make a person waiting
        self._pause_after_speech: int | None = None  # the silence before the current segment, after speech
        self._recording_segment = -1  # the latest segment whose words said a recording talks
        self._recording_worded = False  # ... by their own wording (else: heard in a recording's next breath)

    @property
    def t(self) -> float:
        """Seconds of audio processed."""
        return self._frames * FRAME_MS / 1000.0

    @property
    def on_hold(self) -> bool:
        """The line is on hold, for whatever reason."""
        return self.hold_kind is not None

    @property
    def segment(self) -> int:
        """The current sound segment's number (they count up from 0 as sounds begin after pauses)."""
        return self._segment_id

    @property
    def amd(self) -> AnsweringMachineDetector | None:
        """The answering-machine detector (None when this classifier runs without one)."""
        return self._amd

    def process(self, frame: bytes, voice: VoiceFrame | None = None, we_talk: bool = False) -> list[LineEvent]:
        """Classify one frame (320 bytes, 8 kHz 16-bit mono) and its voice score; return what it caused, in order.

        `voice` is the call's one voice detector's verdict on this frame (agent/speech/voice.py); without it the
        classifier scores the frame itself. `we_talk`: our own audio of the same 20 ms carried sound.
        """
        if len(frame) != FRAME_BYTES:
            raise ValueError(f"frame must be {FRAME_BYTES} bytes (20 ms at 8 kHz), got {len(frame)}")
        if voice is None:
            if self._voice_detector is None:
                self._voice_detector = VoiceDetector()
            voice = self._voice_detector.process(frame)
        self._frames += 1
        events: list[LineEvent] = []
        features = self._features.process(frame)
        for digit in self._dtmf.process(frame):
            events.append(DigitHeard(self.t, digit.digit))
            self._dtmf_until = self._frames + DTMF_HOLD_FRAMES
        tone_label = self._tones.label
        for change in self._tones.process(frame):
            tone_label = change.label
            if change.label == "ringback":
                events.append(RingingHeard(self.t))
        tone_now = self._tones.tone_on or self._frames <= self._dtmf_until
        quiet = features.level_dbfs < QUIET_DBFS or not self._vad.is_speech(frame, SAMPLE_RATE)
        if not tone_now:
            self._track(frame, features, voice, quiet, events)
            self._recent.append(features)
            self._recent_audio.append(frame)
        if self._amd is not None and self._frames * FRAME_MS <= GREETING_WORDS_MAX_S * 1000:
            self._greeting_audio.append(frame)
            if self._greeting_voice_at is None and not quiet and voice.prob >= SEGMENT_VOICE_PROB:
                self._greeting_voice_at = self._frames - 1
        amd = self._judge()
        if amd is not None and tone_label is None and not tone_now:
            self._take_amd(amd.process(voice.voiced, features, self.t), events)
        silent = quiet and features.level_dbfs < SOUNDING_DBFS and not we_talk and tone_label is None and not tone_now
        self._both_silent = self._both_silent + 1 if silent else 0
        if self._both_silent == SILENT_HOLD_FRAMES:
            self._silence_is_hold(events)
        self._relabel(tone_label, events)
        return events

    def _silence_is_hold(self, events: list[LineEvent]) -> None:
        """Both sides silent for SILENT_HOLD_FRAMES: a hold, unless the line is on hold already or a recording
        answered (a machine's recorder listening after its beep is silent too, and so is a menu waiting)."""
        if self.on_hold or self.live is False:
            return
        if self._amd is not None and self._amd.who not in (None, "unknown", "person"):
            return
        self._before_silence_hold = (self.live, self._judging)
        self._start_hold("silence", events)

    def greeting_words(self, utterance_bytes: int) -> list[LineEvent]:
        """An utterance (of utterance_bytes of audio) just ended: ask for the words of the whole greeting so far,
        from just before its first voice, when it is longer than that utterance and who answered is still open to
        them. Whisper makes out a sentence better with the ones before it than cut off at the segmenter's pauses
        ("for business tax," and "side business," heard apart). Not once a person is talking with us: their turns
        are transcribed as they end, and a decode of everything they said would hold up the next one."""
        if not self.greeting_words_wanted() or self._greeting_voice_at is None:
            return []
        start = max(0, self._greeting_voice_at - LEAD_IN_FRAMES)
        audio = b"".join(self._greeting_audio[start:])
        if len(audio) < utterance_bytes + GREETING_WORDS_MIN_MORE_S * SAMPLE_RATE * 2:
            return []
        return [WordsWanted(self.t, self._segment_id, audio, greeting=True)]

    def greeting_words_wanted(self) -> bool:
        """Whether the whole greeting's words may still change who answered: asked as an utterance ends
        (greeting_words), and again when STT is free to decode them (a person decided meanwhile needs them no more)."""
        amd = self._judge()
        return amd is not None and amd.who != "person" and self.t <= GREETING_WORDS_MAX_S

    def greeting_transcript(self, text: str) -> list[LineEvent]:
        """What STT heard of the whole greeting asked for by greeting_words: for who answered only."""
        events: list[LineEvent] = []
        amd = self._judge()
        if amd is not None:
            self._take_amd(amd.greeting_transcript(text, self.t), events)
        return events

    def transcript(self, text: str, segment: int | None = None, confidence: float | None = None) -> list[LineEvent]:
        """What STT heard of sound segment `segment`: one asked for with WordsWanted, or the one an utterance's last
        words were in (LineListener.utterance_segment); None: of the current one. `confidence` is STT's own (mean
        token log-probability), None when it gives none.

        Hold, menu, voicemail and announcement wording says a recording is talking; an offer of help or a
        question to us says a person is. On hold that decides the pick-up; at the answer, who answered.
        Words STT could not make out on hold (another language's announcement, turned into invented
        English) are no person unless they offer help or ask us something, or greet, ask or resume talk in words
        STT did more than guess: nothing is picked up from them, and the silence after them is no waiting.
        """
        events: list[LineEvent] = []
        amd = self._judge()
        if amd is not None:  # (who answered reads every word the line said, however late STT gave it)
            self._take_amd(amd.transcript(text, self.t), events)
        if segment is not None and segment < self._segment_id - STALE_SEGMENTS:
            return events  # words of a sound long over: what came since has been judged on its own
        heard = self._segment_id if segment is None else segment  # the segment these words are of
        now = heard == self._segment_id  # ... the sound playing now
        cue = main_cue(text)  # (once: the cues are read from the whole text)
        # On a queue's hold, an offer of help after a recording's words in one transcript is the person put through as
        # the queue cut its announcement: their words come after the recording's, so they decide. (Not while a
        # screening assistant decides: "I'm Dana's virtual assistant. How can I help you?" is the assistant's.)
        queue_hold = self.hold_kind in ("music", "silence")
        put_through = queue_hold and cue in RECORDING_CUES and ends_in_offer(text)
        if put_through:
            cue = "offer"
        said = speaker_of(cue)
        if self._answers_probe(heard) and said != "recording" and text.strip():
            # Someone answered our "Hello?" (a queue's music does not): whatever STT made of their words over the
            # radio ("Yeah, hello? Who's this?" came back as "You add hello, use this."), unless they are a
            # recording's own.
            self._pick_up("answered-probe", events)
            return events
        if said == "person" and self.on_hold and cue == "asks" and not asks_in_form(text):
            # A question only by the mark at its end: STT's mark on a sentence cut short ("You are caller number 6"
            # asked for mid-way, as "You must hold the number, see?") and on another language's announcement made
            # English ("Grazie per la sua pazienza" as "Grat if it was what at the end?"). Such words say nothing
            # of who talks: the silence after them decides, as after any ("You still with me?" and a wait).
            said = None
        # An offer of help or a question to us stands however unsure STT was ("Slunt Next, Mark Speaking"), and a
        # greeting, another question or talk resumed unless STT all but guessed it (GUESSED_LOGPROB): a person's first
        # words misheard. Invented English for another language's announcement seldom says that much.
        weak_guess = said == "person" and confidence is not None and confidence < GUESSED_LOGPROB
        if self.on_hold and (said is None or weak_guess) and _unintelligible(text, confidence):
            if now:
                self._vetoed = self._unclear = True  # this sound is no person (a later sound is judged afresh)
                self._heard_speech = False
            return events
        if self.on_hold and now and self._unclear:
            # STT made out this sound's words this time, having been asked for more of it (its whole utterance
            # after a part of it): they are judged instead of the guess ("and showing on other end", then "I've
            # been showing off at the end." for a person's "Nothing's showing on our end.").
            self._vetoed = self._unclear = False
            self._heard_speech = True
        if self.on_hold and now:
            self._said_nothing = said is None and len(text.split()) >= SAID_NOTHING_MIN_WORDS
        offers = queue_hold and cue == "offer"
        if said is not None and self.on_hold and not put_through and self._continues_recording(heard, offers):
            said = "recording"  # "... and your call will" and, a breath later, "be answered in turn?"
        if said == "recording":
            if heard >= self._recording_segment:  # (late words of an earlier sound do not move it back)
                # (worded: its own words said so, not only their nearness to a recording's)
                same = heard == self._recording_segment
                self._recording_worded = cue in RECORDING_CUES or (same and self._recording_worded)
                self._recording_segment = heard
            if now or self._goes_on_from(heard):
                # The sound now is that recording, or it going on after a breath. (Words of a sound before a real
                # pause say nothing of the one now: STT answers up to a second after an utterance ends, and a person
                # put through may have started meanwhile.)
                self._vetoed = True
                self._heard_speech = False  # that was a recording: the silence after it is not a person waiting
            if cue in QUEUE_CUES and not self.on_hold and not self.live:
                self._start_hold("music", events)  # a queue's wording before (or without) its music
        elif said is not None and self.on_hold and self.hold_kind != "sip":
            # A greeting ("Hi, this is Dana") counts with one more sign of a person: the music stopped for it
            # (a voice over the music is an announcement), or a live line's floor, or they asked us to wait.
            self._words_person = said
            # A live floor under music is the music itself: it backs nothing while the music plays (words heard
            # then are lyrics, or an announcement over it).
            floor = self._live_floor() and not self._music_playing()
            backed = self._music_stopped() or floor or self.hold_kind == "asked"
            if said == "strong-person" or backed:
                self._pick_up("transcript", events)
        return events

    def _continues_recording(self, heard: int, offers: bool) -> bool:
        """Words of segment `heard` are of a segment whose earlier words said a recording talks, or of the current
        segment when it followed such a segment after a pause too short to be silence (SILENCE_FRAMES): the same
        announcement going on. STT hears a recording in pieces, and a clause it mishears can read as a question
        to us; a person back from hold usually starts after the line has been quiet a moment.

        `offers`: the words offer help. In a sound whose own words said no recording they are a person's however
        soon they came: a queue that bridges an agent stops its announcement mid-word, and "Hi, thanks for holding,
        how can I help?" may follow within a breath. (A question is not enough: STT makes one of a clause it
        mishears.)"""
        if heard == self._recording_segment:
            return self._recording_worded or not offers
        if offers:
            return False
        return heard == self._segment_id and self._goes_on_from(self._recording_segment)

    def _goes_on_from(self, earlier: int) -> bool:
        """The current segment began right after segment `earlier`, its pause too short to be silence
        (SILENCE_FRAMES): the same voice going on, as likely as not."""
        pause = self._pause_after_speech
        return earlier == self._segment_id - 1 and pause is not None and pause < SILENCE_FRAMES

    def hold(self, kind: HoldKind) -> list[LineEvent]:
        """The controller put the call on hold (a person asked us to wait, a SIP hold, a screening assistant)."""
        if self.hold_kind == "music" and kind != "sip":
            return []  # music is already the hold: its pick-up rules are the stricter ones
        events: list[LineEvent] = []
        self._start_hold(kind, events)
        return events

    def silence_declined(self) -> None:
        """The controller did not take a silent line for a hold (it owes them an answer, or asked them to wait
        while it asks the principal): the line is as it was before the silence."""
        if self.hold_kind == "silence":
            self.hold_kind = None
            self.live, self._judging = self._before_silence_hold
            self._both_silent = 0

    def sip_resumed(self) -> None:
        """The far end lifted its SIP hold: their voice, when it comes, is them back."""
        if self.hold_kind == "sip":
            self.hold_kind = "asked"
            self._heard_speech = False

    def probed(self) -> None:
        """Our "Hello?" probe has just finished playing: what the line says next answers it."""
        if self._amd is not None:
            self._amd.probed(self.t)
        self._probe_t = self.t
        if self._sound != "quiet" and self.t - self._segment_started <= PROBE_OVERLAP_S:
            self._note_probe_answer()  # their reply began as our "Hello?" ended

    def _note_probe_answer(self) -> None:
        """The current segment began as an answer to our probe; on a music hold it is someone answering it."""
        if self.on_hold and self.hold_kind == "music" and not self._answer_segments:
            self._answer_segments.add(self._segment_id)

    def digit_received(self, digit: str) -> list[LineEvent]:
        """A digit that arrived out of band (RFC 4733 or SIP INFO): the same event as an in-band one."""
        return [DigitHeard(self.t, digit, "signalled")]

    def _judge(self) -> AnsweringMachineDetector | None:
        """The answering-machine detector while who answered is judged: off hold, or while a screening assistant
        decides (a queue's music and announcements are no answer, and a person who asked us to wait has answered)."""
        return self._amd if self._judging and self.hold_kind in (None, "screening") else None

    def _take_amd(self, found: list[AmdEvent], events: list[LineEvent]) -> None:
        """Pass the answering-machine detector's events on; its verdict says who is speaking."""
        for event in found:
            events.append(event)
            if isinstance(event, AmdDecided) and event.who != "unknown" and not self.on_hold:
                self.live = event.who == "person"

    def _start_hold(self, kind: HoldKind, events: list[LineEvent]) -> None:
        """The line is on hold from now: a person there before is gone until the pick-up rules say so."""
        changed = self.hold_kind != kind
        if kind in ("music", "silence") and (self._amd is None or self._amd.who in (None, "unknown")):
            self._judging = False  # a queue answered: whoever picks up later is a person, not an answer to judge
        self.hold_kind, self.live, self._heard_speech = kind, False, False
        self._vetoed, self._unclear, self._words_person, self._said_nothing = False, False, "", False
        if changed and kind in ("music", "silence"):
            events.append(HoldStarted(self.t, kind))

    def _track(self, frame: bytes, f: FrameFeatures, voice: VoiceFrame, quiet: bool, events: list[LineEvent]) -> None:
        """Follow sound segments and pauses; run the hold, pick-up and menu rules."""
        if quiet:
            self._on_quiet(f, events)
            return
        self._voice_run = self._voice_run + 1 if voice.prob >= SEGMENT_VOICE_PROB else 0
        if self._quiet_run >= SEGMENT_GAP_FRAMES:  # a new segment: keep the line as it was just before it
            self._spoke_again = self._waited_after_speech()
            self._new_segment()
        elif self._sound == "music" and self._voice_run == VOICE_ONSET_FRAMES:
            # A voice starts with no pause after the music: judge it on its own, not as the tail of the music.
            self._new_segment()
            self._segment.clear()
            self._segment_probs.clear()
            self._segment_frames, self._sound = 0, "quiet"
        self._quiet_run = 0
        self._quiet_tonal.clear()
        self._segment.append(f)
        self._segment_probs.append(voice.prob)
        self._segment_frames += 1
        if len(self._segment_audio) < MAX_SEGMENT_AUDIO_FRAMES:
            self._segment_audio.append(frame)
        self._segment_voice += voice.prob >= MAYBE_VOICE_PROB
        self._segment_sure_voice += voice.prob >= VOICE_PROB
        sound = self._segment_sound()
        if sound is not None:
            self._sound = sound
        self._follow_music(f, voice, events)
        if self.on_hold and self._segment_frames == PRINT_FRAMES:
            self._check_repeat()
        if self._sound == "speech":
            self._heard_speech = not self._repeat
        # Also while who answered is undecided (live None): a host who greets and then listens to us
        # leaves only the greeting to measure their voice by, and a radio under our opening must be
        # heard as their room, not as hold. A machine's voice is never read (not live). A short greeting
        # over a radio ("Hi.") may never make its segment speech: a sure voice frame is theirs all the same.
        if self.live is not False and voice.voiced and (self._sound == "speech" or voice.prob >= TALKER_VOICE_PROB):
            if self._frames - self._talker_heard_at > LEAD_IN_FRAMES:
                # Their voice starts: the line just before it is their room too (a "Hello?" has no pause inside
                # it to hear a radio in, but the radio was there before the word).
                self._talker_gaps.extend(r.level_dbfs for r in self._recent)
            self._talker_levels.append(f.level_dbfs)
            self._talker_heard_at = self._frames
        elif self.live is not False and self._sound == "speech":
            self._talker_gaps.append(f.level_dbfs)  # a loud bed keeps the gaps between words loud
        self._voice_on_hold(events)

    def _waited_after_speech(self) -> bool:
        """On music hold, the silence ending now followed words after the music stopped, words that said no
        recording, and was as long as a person's wait (PICKUP_QUIET_FRAMES): whoever speaks now spoke, waited for
        us and speaks again ("Hello?" ... "Hi, can you hear me?"). A queue goes back to its music after its words."""
        if not (self.on_hold and self.hold_kind == "music" and self._heard_speech and self._segment_after_gap):
            return False
        # (a click in the silence makes a sound too short to be anything: the quiet after it is still the wait)
        return (not self._vetoed and not self._said_nothing and self._before_quiet in ("speech", "quiet")
                and self._quiet_run >= PICKUP_QUIET_FRAMES)

    def _new_segment(self) -> None:
        """A sound segment begins after a pause."""
        self._between_words.clear()
        self._silent_pauses = 0
        self._lead_in = list(self._recent)
        self._segment_audio = list(self._recent_audio)
        # (the pause before this sound: 0 when a voice starts straight out of music)
        answer_goes_on = (self._segment_id in self._answer_segments and self._quiet_run < SILENCE_FRAMES
                          and self._segment_sure_voice >= VOICE_ONSET_FRAMES and self._probe_t is not None
                          and self.t - self._probe_t <= PROBE_REPLY_S)
        self._segment_id += 1
        self._segment_started = self.t
        if self._probe_t is not None and self.t - self._probe_t <= PROBE_ANSWER_S:
            self._note_probe_answer()
        self._segment_voice = self._segment_sure_voice = self._words_asked = 0
        self._segment_after_gap = self._gap_after_music
        self._repeat = self._vetoed = self._unclear = self._said_nothing = False
        self._words_person = ""
        self._pause_after_speech = self._quiet_run if self._before_quiet == "speech" else None
        if answer_goes_on:
            self._answer_segments.add(self._segment_id)

    def _on_quiet(self, f: FrameFeatures, events: list[LineEvent]) -> None:
        """A quiet frame: pauses end segments, and silence after speech means a person or a menu waits."""
        if self._quiet_run == 0:
            self._before_quiet = self._sound
        self._quiet_run += 1
        if f.persistence is not None:
            self._quiet_tonal.append(f.persistence)
        if self._quiet_run < SEGMENT_GAP_FRAMES and self._before_quiet == "speech" and self.live is not False:
            self._talker_gaps.append(f.level_dbfs)  # what their room sounds like between their words
        if self._quiet_run < SEGMENT_GAP_FRAMES:  # a pause between words: is the music still under the voice?
            if f.level_dbfs < SOUNDING_DBFS:
                self._silent_pauses += 1
                if self._silent_pauses >= GAP_FRAMES_NEEDED:
                    self._gap_after_music = True  # the voice pauses into silence: the music has stopped
            elif f.persistence is not None:
                self._between_words.append((f.level_dbfs, f.persistence))
        # The music stopped: a pause right after music, or a long one after speech, that is not
        # a soft passage of the music. Word gaps of a voice mixed over music do not count.
        needed = MUSIC_GAP_FRAMES if self._before_quiet == "music" else SILENCE_FRAMES
        if self._quiet_run == needed and _mean(self._quiet_tonal) < BED_PERSISTENCE:
            self._gap_after_music = True
        if self._quiet_run == WORDS_PAUSE_FRAMES and self._segment_frames >= WORDS_PAUSE_MIN_FRAMES:
            self._ask_words(events)  # the words so far, at a pause
        if self._quiet_run == SEGMENT_GAP_FRAMES:  # what comes next is judged afresh
            self._segment_after_gap = self._music_stopped()  # for the silence that follows it
            self._close_segment(events)
            self._segment.clear()
            self._segment_probs.clear()
            self._segment_frames = 0
            self._sound = "quiet"
        if self._quiet_run >= SILENCE_FRAMES:
            self._sound = "quiet"
        self._after_speech(events)

    def _follow_music(self, f: FrameFeatures, voice: VoiceFrame, events: list[LineEvent]) -> None:
        """Count music; 2 s of it is hold, unless it is a radio playing softly under a person who is talking."""
        if self._sound != "music":
            self._music_run = 0
            return
        if self._music_run == 0 and self._pause_after_speech is not None:  # the music is back after words
            self._queue_pause = max(self._queue_pause, self._pause_after_speech)
            self._pickup_quiet = math.ceil(paced_wait(self._queue_pause, QUEUE_PAUSE_FACTOR, QUEUE_PAUSE_MARGIN_FRAMES,
                                                PICKUP_QUIET_FRAMES, QUEUE_PAUSE_CAP_FRAMES))
            self._pause_after_speech = None
        self._last_music, self._gap_after_music = self._frames, False
        self._spoke_again = False  # what began after the wait is the music back: a queue, not someone speaking again
        if self.live and voice.prob >= TALKER_VOICE_PROB:
            return  # a person we are talking to, in a tonal voice (synthetic ones sound like notes): not hold
        self._music_run += 1
        self._music_levels.append(f.level_dbfs)
        # After "let me check", music means they put us on their PBX's hold: its stricter rules take over.
        no_music_hold = self.hold_kind in (None, "asked", "silence")
        if self._music_run >= HOLD_MUSIC_FRAMES and no_music_hold and not self._is_bed():
            self._start_hold("music", events)

    def _is_bed(self) -> bool:
        """The music sits well below the live talker's voice and was already under it: a radio in their room.

        Hold music starts when the voice has stopped; a radio plays under the words too, so the pauses between
        them carry sound. A clean greeting followed by soft music (a queue's, which may pass for a person) is
        hold. And music that plays on long after their last word is hold, whatever was under it."""
        if not self.live or len(self._talker_levels) < BED_TALKER_FRAMES or len(self._talker_gaps) < BED_GAP_FRAMES:
            return False
        if self._frames - self._talker_heard_at > BED_TALK_FRAMES:
            return False
        if float(np.percentile(self._talker_gaps, 10)) < SOUNDING_DBFS:
            return False  # their pauses fall silent (measured: clean greetings <= -68 dBFS, beds >= -45)
        talker = float(np.percentile(self._talker_levels, 90))
        return float(np.median(self._music_levels)) < talker - BED_MUSIC_DB

    def _voice_on_hold(self, events: list[LineEvent]) -> None:
        """A voice while on hold: after "let me check", 0.3 s of it is them back; after music, ask for its words."""
        if self._answers_probe() and not self._words_asked and self._voice_run == 0:
            if self._segment_sure_voice >= VOICE_BACK_FRAMES:
                self._ask_words(events)  # their answer to our "Hello?", at its first pause: its words decide
            return
        if not self.on_hold or self.hold_kind == "sip" or self._repeat or self._sound == "music":
            return
        if self.hold_kind == "asked":
            values = [f.persistence for f in self._segment if f.persistence is not None]
            tonal = len(values) >= EARLY_FRAMES and _mean(values) >= CLEAR_MUSIC_PERSISTENCE  # hold music starting
            if self._segment_sure_voice >= VOICE_BACK_FRAMES and not self._vetoed and not tonal:
                self._pick_up("voice-after-hold", events)
            return
        if self._spoke_again and self._segment_sure_voice >= VOICE_BACK_FRAMES and self._segment_frames >= PRINT_FRAMES:
            self._pick_up("spoke-again", events)  # (a replayed announcement was caught above: self._repeat)
            return
        first = not self._words_asked and self._segment_frames >= WORDS_AT_FRAMES[0]  # once the music is known gone
        if (first or self._segment_frames in WORDS_AT_FRAMES) and self._music_stopped():
            self._ask_words(events)

    def _answers_probe(self, segment: int | None = None) -> bool:
        """Segment `segment` (None: the current one) answered our "Hello?", and we are on a music hold."""
        heard = self._segment_id if segment is None else segment
        return self.hold_kind == "music" and heard in self._answer_segments

    def _music_stopped(self) -> bool:
        """The music is not under the speech now: it paused before it, or the gaps between its words hold no notes.

        A person may start talking the instant the hold music stops, with no pause between; an announcement
        voiced over ducked music keeps the music's held notes in its word gaps.
        """
        if self._gap_after_music:
            return True
        if self._silent_pauses >= GAP_FRAMES_NEEDED:
            return True  # the voice pauses into silence: nothing plays under it
        gaps = list(self._between_words)
        if len(gaps) < GAP_FRAMES_NEEDED or not self._music_levels:
            return False  # no pause yet to listen into
        level = sorted(g[0] for g in gaps)[len(gaps) // 2]
        music = sorted(self._music_levels)[len(self._music_levels) // 2]
        # Ducked hold music stays within DUCKED_DB of its old level and keeps some held notes; a live line's
        # noise between words is far softer than the music was, or has none.
        return level < music - DUCKED_DB or _mean([g[1] for g in gaps]) < TONAL_FLOOR

    def _ask_words(self, events: list[LineEvent]) -> None:
        """Ask for a transcript of the segment so far (on hold, when its words can decide a pick-up)."""
        answers = self._answers_probe()
        candidate = self.on_hold and self.hold_kind in ("music", "screening", "silence") and (
            self._music_stopped() or answers)
        asked_enough = self._words_asked >= MAX_WORDS_ASKED
        if not candidate or self._repeat or self._vetoed or asked_enough or self._segment_voice < WORDS_MIN_VOICE:
            return
        if self._sound == "music" and not answers:
            return  # the words of music are lyrics at best (a reply to our "Hello?" may have a radio under it)
        self._words_asked += 1
        events.append(WordsWanted(self.t, self._segment_id, b"".join(self._segment_audio)))

    def _check_repeat(self) -> None:
        """Compare the first 0.4 s of this segment with the announcements heard so far; remember it.

        Queues replay the same recordings: a voice that starts exactly like an earlier one on this
        call is that recording again, however live its line sounds.
        """
        frames = list(self._segment)[-PRINT_FRAMES:]
        now = _print_of(frames)
        self._repeat = any(_prints_match(now, earlier) for earlier in self._prints)
        if not self._repeat:
            self._prints.append(now)

    def _close_segment(self, events: list[LineEvent]) -> None:
        """A short sound ended undecided ("Hello?" in a flat voice): not music, which does not stop so soon."""
        values = [f.persistence for f in self._segment if f.persistence is not None]
        if self._sound != "quiet" or self._segment_frames < MIN_FRAMES or len(values) < EARLY_FRAMES:
            return
        if _mean(values) >= MUSIC_PERSISTENCE:
            return
        self._sound = self._before_quiet = "speech"
        self._heard_speech = not self._repeat
        self._relabel(None, events)
        self._sound = "quiet"

    def _segment_sound(self) -> Sound | None:
        """Music or speech from the segment's peak persistence; None while undecided."""
        values = [f.persistence for f in self._segment if f.persistence is not None]
        if len(self._segment) >= NOISE_FRAMES and len(values) < NOISE_SHARE * len(self._segment):
            levels = [f.level_dbfs for f in self._segment]
            if max(levels) - min(levels) < NOISE_SPREAD_DB:
                return "noise"  # loud and steady, without spectral peaks: hiss, static, clipping
        voice = _mean(list(self._segment_probs))
        if len(values) < EARLY_FRAMES:
            return None
        mean = _mean(values)
        # Silero's voice score separates speech from music across far more kinds of both than peak persistence,
        # measured on a few tracks: a long sound it hears no voice in is music, one it hears a voice in is speech
        # unless its notes are held like a song's.
        if self._segment_frames >= MUSIC_FRAMES and voice <= NO_VOICE_PROB and mean >= TONAL_FLOOR:
            return "music"
        if len(self._segment_probs) >= MIN_FRAMES and voice >= SEGMENT_VOICE_PROB and mean < CLEAR_MUSIC_PERSISTENCE:
            return "speech"
        # Half a second of clear music, or music resuming after a rest, is music; a borderline sound needs a
        # second (a held vowel can look like a note for a while).
        clear = mean >= CLEAR_MUSIC_PERSISTENCE or self._before_quiet == "music"
        needed = MIN_MUSIC_VALUES if clear else MUSIC_FRAMES
        if mean >= MUSIC_PERSISTENCE and self._segment_frames >= needed and len(values) >= MIN_MUSIC_VALUES:
            return "music"
        if mean <= EARLY_SPEECH_PERSISTENCE or (mean <= SPEECH_PERSISTENCE and len(values) >= MIN_FRAMES):
            return "speech"
        return None

    def _music_playing(self) -> bool:
        """Music was heard on this call and has not paused since (a voice now may be the song's own)."""
        return self._last_music >= 0 and not self._gap_after_music

    def _live_floor(self) -> bool:
        """The line just before this speech carried a live line's steady noise.

        A PBX starts a prompt out of digital silence (or the file's own near-silence); a bridged
        agent's line often brings their room and headset hiss a moment before their first word. Never
        enough alone (clean VoIP lines have no floor, some recordings have hiss): it backs a greeting.
        """
        if len(self._lead_in) < LEAD_IN_FRAMES:
            return False
        return min(p.level_dbfs for p in self._lead_in) > LIVE_FLOOR_DBFS

    def _after_speech(self, events: list[LineEvent]) -> None:
        """Silence after speech: a person waiting on hold, or a menu waiting for a key."""
        if not self._heard_speech:
            return
        # A voice over the music was an announcement, whatever silence follows it.
        waiting = self.on_hold and self.hold_kind != "sip" and not self._vetoed and self._segment_after_gap
        # Longer than this queue's own pauses between an announcement and its music (capped: people wait); after
        # words that said nothing of who talks, on music hold, as long as any queue pauses, unless their room's floor
        # came before them (the line just before the sound now over, which began after the music stopped).
        quiet = self._pickup_quiet
        if self._said_nothing and self.hold_kind == "music" and not self._live_floor():
            quiet = max(quiet, SAID_NOTHING_QUIET_FRAMES)
        if waiting and self._quiet_run >= quiet and self._before_quiet == "speech":
            self._pick_up("waits-after-speech", events)
        elif not self.on_hold and self.live is False and self._quiet_run == MENU_END_FRAMES:
            events.append(MenuPromptEnded(self.t))
            self._heard_speech = False

    def _pick_up(self, reason: str, events: list[LineEvent]) -> None:
        """A person is on the line after hold."""
        if not self.on_hold:
            return
        self.hold_kind, self.live, self._heard_speech = None, True, False
        events.extend([HoldEnded(self.t), PersonPickedUp(self.t, reason)])

    def _relabel(self, tone_label: Literal["ringback", "busy"] | None, events: list[LineEvent]) -> None:
        """Choose the label for now and report it if it changed."""
        label: Label | None
        if tone_label is not None:
            label = tone_label
        elif self._frames <= self._dtmf_until:
            label = "dtmf"
        elif self._sound == "music":
            label = "music"
        elif self._sound == "speech":
            live = self.live if self.live is not None else self._live_floor()
            label = "live_speech" if live else "ivr_speech"
        elif self._sound == "noise" or self._quiet_run >= SILENCE_FRAMES or (not self.label and self._quiet_run >= 10):
            label = "silence"
        else:
            label = self.label
        if label is not None and label != self.label:
            self.label = label
            events.append(LabelChanged(self.t, label))


def _unintelligible(text: str, confidence: float | None) -> bool:
    """Several words STT was unsure of: speech it could not make out. Short replies ("uh huh", "hello?")
    score low even in English, so they are never judged this way."""
    return confidence is not None and confidence < UNCLEAR_LOGPROB and len(text.split()) >= UNCLEAR_MIN_WORDS


def _mean(values: list[float]) -> float:
    """Mean of a short list (0.0 when empty); plain Python beats numpy at this size, every frame."""
    return sum(values) / len(values) if values else 0.0


def _print_of(frames: list[FrameFeatures]) -> np.ndarray:
    """A segment's spectral print: its frames' band energies, each band's mean removed, unit norm."""
    bands = np.stack([f.bands for f in frames])
    bands = bands - bands.mean(axis=0)
    return bands / (float(np.linalg.norm(bands)) + 1e-9)


def _prints_match(a: np.ndarray, b: np.ndarray) -> bool:
    """True when two prints correlate above PRINT_MATCH at some shift of up to 2 frames (frame grid jitter)."""
    for shift in range(-PRINT_SHIFT, PRINT_SHIFT + 1):
        x, y = (a[shift:], b[: len(b) - shift]) if shift >= 0 else (a[:shift], b[-shift:])
        x, y = x - x.mean(axis=0), y - y.mean(axis=0)
        score = float((x * y).sum() / (np.linalg.norm(x) * np.linalg.norm(y) + 1e-9))
        if score >= PRINT_MATCH:
            return True
    return False


def classify_pcm(pcm: np.ndarray, detect_machine: bool = True) -> list[LineEvent]:
    """Run the streaming classifier over a whole int16 recording, frame by frame (acoustics alone: no words)."""
    classifier = LineClassifier(detect_machine)
    step = SAMPLE_RATE * FRAME_MS // 1000
    data = np.asarray(pcm, dtype="<i2")
    events: list[LineEvent] = []
    for start in range(0, len(data) - step + 1, step):
        found = classifier.process(data[start : start + step].tobytes())
        events.extend(e for e in found if not isinstance(e, WordsWanted))  # nobody here to transcribe
    return events
