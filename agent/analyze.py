"""`taskcall analyze`: run the streaming line classifier over a recording, as it would hear a live call.

Frames go through one at a time and each record's `t` is the moment the classifier decided, so the
output shows what the agent knew when, never what a later second of audio revealed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from agent.audio import FRAME_MS, SAMPLE_RATE, read_wav, resample
from agent.errors import AudioFileError
from agent.line_classifier import classify_pcm
from agent.line_events import (
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
    RingingHeard,
)

_EVENT_NAMES: dict[type, str] = {
    RingingHeard: "ringing",
    HoldStarted: "hold-started",
    HoldEnded: "hold-ended",
    PersonPickedUp: "pickup",
    MenuPromptEnded: "menu-prompt-ended",
    BeepHeard: "beep",
    GreetingEnded: "greeting-ended",
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


def analyze_pcm(pcm: np.ndarray) -> list[dict[str, Any]]:
    """Every record `taskcall analyze --jsonl` prints for these samples, the clip label last."""
    records = [event_record(event) for event in classify_pcm(pcm)]
    records.append({"clip_label": clip_label(records, len(pcm) / SAMPLE_RATE)})
    return records


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
