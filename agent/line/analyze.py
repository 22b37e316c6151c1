"""`taskcall analyze`: run the streaming line classifier over a recording, as it would hear a live call.

Frames go through one at a time and each record's `t` is the moment the classifier decided, so the
output shows what the agent knew when, never what a later second of audio revealed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from agent.audio import FRAME_MS, SAMPLE_RATE, read_wav, resample
from agent.errors import AudioFileError
from agent.line.classifier import classify_pcm
from agent.line.events import (
    AmdDecided,
    BeepHeard,
    DigitHeard,
    GreetingEnded,
    HoldEnded,
    HoldStarted,
    LabelChanged,
    LineEvent,
    MenuPromptEnded,
    PersonPickedUp,
    ProbeWanted,
    RingingHeard,
    WordsWanted,
)
from agent.line.listener import LineListener
from agent.speech.listen import SpeechEnded, SpeechStarted
from agent.speech.transcribe import SpeechToText, transcribe_scored

_EVENT_NAMES: dict[type, str] = {
    RingingHeard: "ringing",
    HoldStarted: "hold-started",
    HoldEnded: "hold-ended",
    PersonPickedUp: "pickup",
    MenuPromptEnded: "menu-prompt-ended",
    BeepHeard: "beep",
    GreetingEnded: "greeting-ended",
    ProbeWanted: "probe-wanted",
}


def load_recording(path: str | Path) -> tuple[np.ndarray, list[str]]:
    """The recording as 8 kHz mono int16, and a note for each conversion made on the way."""
    audio = read_wav(path)
    notes: list[str] = []
    frames, channels = audio.samples.shape
    if frames == 0:
        raise AudioFileError(f"{path}: holds no audio")
    if channels == 2:
        # taskcall's own recordings put the other party on the left and the agent on the right.
        notes.append("stereo: analysing the left channel (the other party in taskcall recordings)")
        mono = audio.samples[:, 0]
    else:
        if channels > 2:
            notes.append(f"{channels} channels: analysing their mix")
        mono = audio.samples.mean(axis=1)
    if audio.width != 2:
        notes.append(f"{8 * audio.width}-bit samples: converted to 16-bit")
    if audio.rate != SAMPLE_RATE:
        notes.append(f"{audio.rate} Hz: resampled to {SAMPLE_RATE} Hz (a phone line's rate)")
    pcm = resample(mono, audio.rate, SAMPLE_RATE)
    if len(pcm) < SAMPLE_RATE * FRAME_MS // 1000:
        raise AudioFileError(f"{path}: shorter than one 20 ms frame")
    return pcm, notes


def event_record(event: LineEvent) -> dict[str, Any]:
    """One classifier event as a JSON-ready record (the `--jsonl` format)."""
    t = round(event.t, 2)
    if isinstance(event, HoldStarted):
        return {"event": "hold-started", "t": t, "kind": event.kind}
    if isinstance(event, LabelChanged):
        return {"t": t, "label": event.label}
    if isinstance(event, DigitHeard):
        return {"dtmf": event.digit, "t": t}
    if isinstance(event, AmdDecided):
        return {"event": event.who, "t": t, "reason": event.reason}
    record: dict[str, Any] = {"event": _EVENT_NAMES[type(event)], "t": t}
    if isinstance(event, PersonPickedUp):
        record["reason"] = event.reason
    return record


def clip_label(records: Iterable[dict[str, Any]], duration_s: float) -> str:
    """The label that covered most of the recording."""
    covered: dict[str, float] = {}
    label, since = "silence", 0.0  # before the first decision nothing was heard yet
    for record in records:
        if "label" in record:
            covered[label] = covered.get(label, 0.0) + record["t"] - since
            label, since = record["label"], record["t"]
    covered[label] = covered.get(label, 0.0) + duration_s - since
    return max(covered, key=covered.__getitem__)


# Seconds our "Hello?" probe takes to play (Piper's bundled voice): a call tells the classifier when it ended.
PROBE_SPOKEN_S = 0.6
# When a call's greeting timer says "Hello?" (CallSettings.greeting_wait_s) into music that has played since the
# answer with not a word said: a queue's, or a radio in a silent person's room.
GREETING_WAIT_S = 4.0


def analyze_pcm(pcm: np.ndarray, stt: SpeechToText | None = None, probe: bool = False) -> list[dict[str, Any]]:
    """Every record `taskcall analyze --jsonl` prints for these samples, the clip label last.

    With `stt`, speech is also transcribed as in a call (the VAD segmenter's utterances, skipping
    music and tones) and each transcript reaches the classifier when it would have: at the end of
    the utterance plus the time STT took. Hold, voicemail and greeting wording then count too.

    With `probe` (and `stt`), a wanted "Hello?" probe is said as a call says it (not over the far end's voice)
    and the classifier is told when it ended; and, as a call's greeting timer does, once GREETING_WAIT_S after
    the answer into music that has been the line since it with not a word transcribed. A recording does not hear
    it, so what follows is what a recording does after a probe: it goes on, or stays silent.
    """
    events = classify_pcm(pcm) if stt is None else _classify_with_transcripts(pcm, stt, probe)
    records = [event_record(event) for event in events]
    records.append({"clip_label": clip_label(records, len(pcm) / SAMPLE_RATE)})
    return records


_stt_cache: list[SpeechToText] = []


def analyze_pcm_heard(pcm: np.ndarray) -> list[dict[str, Any]]:
    """analyze_pcm with the bundled Whisper, loaded once (for `make bench-listen`)."""
    if not _stt_cache:
        from agent.speech.transcribe import WhisperSTT

        stt = WhisperSTT()
        stt.load()
        _stt_cache.append(stt)
    return analyze_pcm(pcm, _stt_cache[0], probe=True)


def _classify_with_transcripts(pcm: np.ndarray, stt: SpeechToText, probe: bool = False) -> list[LineEvent]:
    """The line as a call hears it: the listener's classifier and segmenter, with STT beside them.

    Words come back when they would in a call: the end of the utterance (or the moment the classifier
    asked) plus the time STT took here. The classifier's own requests (WordsWanted) are answered with
    their segment; utterance transcripts with the segment the utterance ended in, as the controller passes them on.
    """
    listener = LineListener()
    classifier = listener.classifier
    step = SAMPLE_RATE * FRAME_MS // 1000
    data = np.asarray(pcm, dtype="<i2")
    # (seconds when STT would have finished, text, segment, STT's confidence, of the whole greeting)
    pending: list[tuple[float, str, int | None, float | None, bool]] = []
    # The whole-greeting decode waiting for STT to be free (seconds when it would be): as the call's worker does, a
    # newer one asked meanwhile takes its place (it holds all the older would decode), and one no longer wanted when
    # it would start is dropped.
    waiting: tuple[float, WordsWanted] | None = None
    events: list[LineEvent] = []
    talking = False  # the far end's voice is on (between the segmenter's SpeechStarted and SpeechEnded)
    probe_ends: float | None = None  # when our "Hello?" will have played
    probed = False
    words_heard = False  # an utterance was transcribed (agent/call/hearing.py: no "Hello?" into music after words)
    for start in range(0, len(data) - step + 1, step):
        frame = data[start : start + step].tobytes()
        found, segments = listener.process(frame)
        if probe_ends is not None and classifier.t >= probe_ends:
            classifier.probed()
            probe_ends = None
        if waiting is not None and waiting[0] <= classifier.t:
            starts, wanted = waiting
            waiting = None
            if classifier.greeting_words_wanted():
                pending.append(_transcribed(stt, wanted.audio, starts, wanted.segment, greeting=True))
                pending.sort(key=lambda item: item[0])
        while pending and pending[0][0] <= classifier.t:
            _, text, asked_for, confidence, whole_greeting = pending.pop(0)
            if whole_greeting:
                events.extend(classifier.greeting_transcript(text))
            else:
                events.extend(classifier.transcript(text, asked_for, confidence))
        greeting_wanted: list[WordsWanted] = []
        for event in found:
            if isinstance(event, WordsWanted) and event.greeting:
                greeting_wanted.append(event)
            elif isinstance(event, WordsWanted):
                pending.append(_transcribed(stt, event.audio, classifier.t, event.segment))
            else:
                events.append(event)
            if probe and isinstance(event, ProbeWanted) and not probed and not talking:
                probed, probe_ends = True, classifier.t + PROBE_SPOKEN_S  # as agent/call/hearing.py probes once
        for turn in segments:
            talking = isinstance(turn, SpeechStarted) or (talking and not isinstance(turn, SpeechEnded))
            # As the controller does: hold music the voice detector let through is not transcribed.
            if isinstance(turn, SpeechEnded) and not (classifier.on_hold and classifier.label == "music"):
                pending.append(_transcribed(stt, turn.audio, classifier.t, listener.utterance_segment))
                words_heard = True
        for event in greeting_wanted:
            # As the call's one STT worker does: after the utterance's own words and whatever else it was doing.
            waiting = max([classifier.t, *(item[0] for item in pending)]), event
        music_from_answer = classifier.on_hold and classifier.hold_kind == "music" and not words_heard
        if probe and not probed and not talking and music_from_answer and classifier.t >= GREETING_WAIT_S:
            probed, probe_ends = True, classifier.t + PROBE_SPOKEN_S  # the greeting timer's "Hello?" into music
        pending.sort(key=lambda item: item[0])
    return events


def _transcribed(stt: SpeechToText, audio: bytes, now: float, segment: int | None,
                 greeting: bool = False) -> tuple[float, str, int | None, float | None, bool]:
    """STT on audio now: when its text would arrive (now plus the time it took), the text, its segment, STT's
    confidence, and whether it is of the whole greeting (WordsWanted.greeting)."""
    started = time.perf_counter()
    text, confidence = transcribe_scored(stt, audio, retries=not greeting)
    return now + time.perf_counter() - started, text, segment, confidence, greeting


def describe_record(record: dict[str, Any]) -> str:
    """A record as a line for people."""
    if "clip_label" in record:
        return f"whole recording: {record['clip_label']}"
    stamp = f"{record['t']:8.2f}s  "
    if "label" in record:
        return stamp + record["label"]
    if "dtmf" in record:
        return stamp + f"DTMF digit {record['dtmf']}"
    reason = f" ({record['reason']})" if "reason" in record else ""
    return stamp + f"** {record['event']}{reason}"
