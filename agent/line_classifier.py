"""What is on the line right now: a streaming classifier of 20 ms frames into labels and call events.

Labels: music, silence, ivr_speech (a recorded prompt or announcement), live_speech, ringback, busy, dtmf.
Events: label changes, DTMF digits, ringing, hold started / ended, a person picked up after hold,
a menu prompt ended, and who answered (a person or a machine, from agent/amd.py).

Pure: frames and transcripts in, events out, time counted in frames (no clock reads). The call's
listener thread feeds it in real time; `taskcall analyze` feeds it a recording.

How it decides (see agent/line_features.py for the measurements):
- tones and digits come from their own detectors (agent/tones.py, agent/dtmf.py);
- frames quieter than QUIET_DBFS (or loud but not voice-like to webrtcvad) are quiet; 0.8 s of
  quiet is silence;
- a run of sound between pauses is music when its spectral peaks persist (notes), speech when they
  glide (syllables), with a band of hysteresis between;
- who speaks comes from context: on hold, speech is an announcement until the pick-up rules say a
  person is there; after a pick-up, speech is live until music returns.
Pick-up rules, in hold: speech after the music stopped (a voice mixed over the music is an
announcement), with a live line's noise floor in its pauses (a PBX plays prompts over digital
silence; a bridged agent brings their room and headset hiss) and no music bed under it; or, on a
clean line, an utterance followed by 1.2 s of silence that the music does not end (announcements
give way to the music again); or a transcript that greets ("how can I help").
"""

from __future__ import annotations

from collections import deque
from typing import Literal

import numpy as np
import webrtcvad

from agent.amd import AnsweringMachineDetector
from agent.audio import FRAME_BYTES, FRAME_MS, SAMPLE_RATE
from agent.dtmf import DtmfDetector
from agent.line_cues import main_cue
from agent.line_events import (
    AmdDecided,
    AmdEvent,
    DigitHeard,
    HoldEnded,
    HoldStarted,
    Label,
    LabelChanged,
    LineEvent,
    MenuPromptEnded,
    PersonPickedUp,
    RingingHeard,
)
from agent.line_features import FrameFeatures, LineFeatures
from agent.tones import CallProgressDetector

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
BED_PERSISTENCE = 0.5  # a pause this tonal (on average) is a soft passage of music, not a gap (noise <= 0.42)
LEAD_IN_FRAMES = 10  # the 0.2 s of line just before a sound segment starts: its floor
MUSIC_GAP_FRAMES = 10  # 0.2 s of quiet: the music stopped, rather than a voice being mixed over it
PICKUP_SPEECH_FRAMES = 20  # 0.4 s of sound, heard as speech, before a pick-up from the line's floor
PICKUP_QUIET_FRAMES = 60  # 1.2 s of silence after an utterance, music not back: a person waits
MENU_END_FRAMES = 40  # 0.8 s of silence after a prompt: the menu is waiting for a key
PRINT_FRAMES = 20  # the first 0.4 s of a segment on hold is compared with the announcements heard before
PRINT_SHIFT = 2  # frames of misalignment tolerated between two prints
PRINT_MATCH = 0.85  # correlation at which two prints are the same recording
MAX_PRINTS = 64  # prints kept per call
DTMF_HOLD_FRAMES = 5  # the dtmf label stays 100 ms after a digit is decided


Sound = Literal["quiet", "music", "speech", "noise"]


class LineClassifier:
    """Feed 20 ms frames with process(); transcripts with transcript(); read events back."""

    def __init__(self, detect_machine: bool = True) -> None:
        self._detect_machine = detect_machine  # run answering-machine detection from t = 0 (the answer)
        self.reset()

    def reset(self) -> None:
        """Start over at t = 0."""
        self._features = LineFeatures()
        self._vad = webrtcvad.Vad(2)
        self._dtmf = DtmfDetector()
        self._tones = CallProgressDetector()
        self._amd = AnsweringMachineDetector() if self._detect_machine else None
        self._frames = 0  # frames processed
        self.label: Label | None = None
        self.on_hold = False  # music was heard and no person has picked up since
        # A person is on the line (picked up, or answered in person); None until anything says so.
        self.live: bool | None = None
        self._sound: Sound = "quiet"
        self._quiet_run = SILENCE_FRAMES  # consecutive quiet frames
        self._before_quiet: Sound = "quiet"  # what was heard before the current quiet run
        self._quiet_tonal: list[float] = []  # tonal persistence of the frames of the current quiet run
        self._music_run = 0  # consecutive frames labelled music
        self._segment: deque[FrameFeatures] = deque(maxlen=SEGMENT_FRAMES)  # the current sound segment
        self._recent: deque[FrameFeatures] = deque(maxlen=LEAD_IN_FRAMES)  # the latest frames, any kind
        self._lead_in: list[FrameFeatures] = []  # the frames just before the current segment began
        self._segment_frames = 0  # loud frames in the current sound segment (not capped like _segment)
        self._heard_speech = False  # speech since the last pick-up check
        self._dtmf_until = -1  # frame index until which the label stays dtmf
        # Spectral prints of the segments heard on hold (the announcements among them); the latest
        # MAX_PRINTS only, so an hour of hold music with rests does not grow the list or the comparisons.
        self._prints: deque[np.ndarray] = deque(maxlen=MAX_PRINTS)
        self._repeat = False  # the current segment replays an announcement already heard on this call
        self._last_music = -1  # frame index of the latest frame heard as music
        self._gap_after_music = True  # the music stopped (a pause of MUSIC_GAP_FRAMES) before the speech now

    @property
    def t(self) -> float:
        """Seconds of audio processed."""
        return self._frames * FRAME_MS / 1000.0

    def process(self, frame: bytes) -> list[LineEvent]:
        """Classify one frame (320 bytes, 8 kHz 16-bit mono); return what it caused, in order."""
        if len(frame) != FRAME_BYTES:
            raise ValueError(f"frame must be {FRAME_BYTES} bytes (20 ms at 8 kHz), got {len(frame)}")
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
            self._track(features, quiet, events)
            self._recent.append(features)
        if self._amd is not None and tone_label is None and not tone_now:
            self._take_amd(self._amd.process(quiet, self._sound == "speech", features, self.t), events)
        self._relabel(tone_label, events)
        return events

    def transcript(self, text: str) -> list[LineEvent]:
        """Take what STT heard in the latest utterance; a greeting on hold is a person picking up."""
        cue = main_cue(text)
        events: list[LineEvent] = []
        if self._amd is not None:
            self._take_amd(self._amd.transcript(cue, self.t), events)
        if cue == "greeting" and self.on_hold:
            self._pick_up("transcript", events)
        elif cue in ("hold", "voicemail", "menu"):
            self._heard_speech = False  # that was a recording: the silence after it is not a person waiting
        return events

    def digit_received(self, digit: str) -> list[LineEvent]:
        """A digit that arrived out of band (RFC 4733 or SIP INFO): the same event as an in-band one."""
        return [DigitHeard(self.t, digit, "signalled")]

    def _take_amd(self, found: list[AmdEvent], events: list[LineEvent]) -> None:
        """Pass the answering-machine detector's events on; its verdict says who is speaking."""
        for event in found:
            events.append(event)
            if isinstance(event, AmdDecided) and event.who != "unknown" and not self.on_hold:
                self.live = event.who == "person"

    def _track(self, f: FrameFeatures, quiet: bool, events: list[LineEvent]) -> None:
        """Follow sound segments and pauses; run the hold, pick-up and menu rules."""
        if quiet:
            if self._quiet_run == 0:
                self._before_quiet = self._sound
            self._quiet_run += 1
            if f.persistence is not None:
                self._quiet_tonal.append(f.persistence)
            # The music stopped: a pause right after music, or a long one after speech, that is not
            # a soft passage of the music. Word gaps of a voice mixed over music do not count.
            needed = MUSIC_GAP_FRAMES if self._before_quiet == "music" else SILENCE_FRAMES
            if self._quiet_run == needed and _mean(self._quiet_tonal) < BED_PERSISTENCE:
                self._gap_after_music = True
            if self._quiet_run == SEGMENT_GAP_FRAMES:  # what comes next is judged afresh
                self._close_segment(events)
                self._segment.clear()
                self._segment_frames = 0
                self._sound = "quiet"
            if self._quiet_run >= SILENCE_FRAMES:
                self._sound = "quiet"
            self._after_speech(events)
            return
        if self._quiet_run >= SEGMENT_GAP_FRAMES:  # a new segment: keep the line as it was just before it
            self._lead_in = list(self._recent)
            self._repeat = False
        self._quiet_run = 0
        self._quiet_tonal.clear()
        self._segment.append(f)
        self._segment_frames += 1
        sound = self._segment_sound()
        if sound is not None:
            self._sound = sound
        if self._sound == "music":
            self._last_music, self._gap_after_music = self._frames, False
            self._music_run += 1
            if self._music_run == HOLD_MUSIC_FRAMES and not self.on_hold:
                self.on_hold, self.live = True, False
                events.append(HoldStarted(self.t))
        else:
            self._music_run = 0
        if self.on_hold and self._segment_frames == PRINT_FRAMES:
            self._check_repeat()
        if self._sound == "speech":
            self._heard_speech = not self._repeat
            ready = self._segment_frames >= PICKUP_SPEECH_FRAMES and self._gap_after_music and not self._repeat
            if self.on_hold and ready and self._live_floor():
                self._pick_up("live-floor", events)

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
        if self.on_hold and self._gap_after_music and not self._repeat and self._live_floor():
            self._pick_up("live-floor", events)
        self._relabel(None, events)
        self._sound = "quiet"

    def _segment_sound(self) -> Sound | None:
        """Music or speech from the segment's peak persistence; None while undecided."""
        values = [f.persistence for f in self._segment if f.persistence is not None]
        if len(self._segment) >= NOISE_FRAMES and len(values) < NOISE_SHARE * len(self._segment):
            levels = [f.level_dbfs for f in self._segment]
            if max(levels) - min(levels) < NOISE_SPREAD_DB:
                return "noise"  # loud and steady, without spectral peaks: hiss, static, clipping
        if len(values) < EARLY_FRAMES:
            return None
        mean = _mean(values)
        # Music needs half a second: a steady first vowel can look like a note for a few frames.
        # Half a second of clear music, or music resuming after a rest, is music; a borderline sound needs a
        # second (a held vowel can look like a note for a while).
        clear = mean >= CLEAR_MUSIC_PERSISTENCE or self._before_quiet == "music"
        needed = MIN_MUSIC_VALUES if clear else MUSIC_FRAMES
        if mean >= MUSIC_PERSISTENCE and self._segment_frames >= needed and len(values) >= MIN_MUSIC_VALUES:
            return "music"
        if mean <= EARLY_SPEECH_PERSISTENCE or (mean <= SPEECH_PERSISTENCE and len(values) >= MIN_FRAMES):
            return "speech"
        return None

    def _live_floor(self) -> bool:
        """The line just before this speech carried a live line's steady noise.

        A PBX starts a prompt out of digital silence (or the file's own near-silence); a bridged
        agent's line brings their room and headset hiss a moment before their first word. (That
        the music really stopped, rather than a voice being mixed over it, is `_gap_after_music`.)
        """
        if len(self._lead_in) < LEAD_IN_FRAMES:
            return False
        return min(p.level_dbfs for p in self._lead_in) > LIVE_FLOOR_DBFS

    def _after_speech(self, events: list[LineEvent]) -> None:
        """Silence after speech: a person waiting on hold, or a menu waiting for a key."""
        if not self._heard_speech:
            return
        if self.on_hold and self._quiet_run >= PICKUP_QUIET_FRAMES and self._before_quiet == "speech":
            self._pick_up("waits-after-speech", events)
        elif not self.on_hold and not self.live and self._quiet_run == MENU_END_FRAMES:
            events.append(MenuPromptEnded(self.t))
            self._heard_speech = False

    def _pick_up(self, reason: str, events: list[LineEvent]) -> None:
        """A person is on the line after hold."""
        self.on_hold, self.live, self._heard_speech = False, True, False
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
    """Run the streaming classifier over a whole int16 recording, frame by frame."""
    classifier = LineClassifier(detect_machine)
    step = SAMPLE_RATE * FRAME_MS // 1000
    data = np.asarray(pcm, dtype="<i2")
    events: list[LineEvent] = []
    for start in range(0, len(data) - step + 1, step):
        events.extend(classifier.process(data[start : start + step].tobytes()))
    return events
