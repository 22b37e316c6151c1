"""`make bench-listen`: the line classifier over the held-out TEST corpus, the TUNING corpus and the DEVELOPMENT
corpus, test first.

`python scripts/bench_listen.py [--test-corpus build/listen-testcorpus] [--corpus build/listen-corpus]
[--dev-corpus build/listen-devcorpus] [--sections test,tuning,development] [--analyzer agent.line.analyze:analyze_pcm]
[--out build/bench/listen.json]` builds a corpus first when its manifest is missing (scripts/listen_testcorpus.py,
scripts/listen_corpus.py, scripts/listen_devcorpus.py), runs the analyzer over every file as a call would feed it,
prints the TEST figures and then the others, and writes JSON: `meta` (date, analyzer, the commit of agent/, each
corpus's size), then `test`, `tuning` and `development`, each with metrics, labels, label and AMD confusion, targets
and per-file rows. The test corpus is made from other sources and phrasings than the other two: its figures are
the ones that say how the classifier does on lines it was not tuned on. The development corpus (answers and
returns from hold only, from a third set of sources) is where a rule is developed before the test corpus sees it.

How it scores (each corpus on its own):
- Labels, frame by frame on a 100 ms grid: the prediction at time x is the label of the latest label record
  with t <= x (none before the first one, which counts against recall). The first 1.0 s after each ground-truth
  boundary, the start of the file included, is not scored: deciding takes time. Precision and recall per label,
  and the confusion matrix, are over the scored points of every labelled file.
- Pickup (hold calls): a call with a pickup is detected when its first pickup event falls within
  [pickup_t - 0.3, pickup_t + 4.0] s; latency is that event's t - pickup_t. Every pickup event outside that
  window (or any in a call with no pickup) is a false pickup, counted per hour of hold audio (up to pickup_t, or
  the whole call when nobody picks up). A missed pickup (with no false one before it) is heard once more with the
  person trying again (SECOND_TRY, SECOND_TRY_AFTER_S after the clip's end, whose last second or more is the line):
  missed_picked_up_on_second_try counts those picked up by 4.0 s after it began (and not before the person was
  there), missed_for_good the rest. A miss costs the person seconds of waiting; one for good would leave them
  talking to nobody.
- AMD (answer scenes, t = 0 at the answer): the decision is the first "person", "machine", "menu" or "screening"
  event ("unknown" is none: a decision may still follow); no decision is a miss. Truth is the manifest's `answer`
  (older manifests: person or machine from `machine`). Each answer clip is heard with AMD_TAIL_S more of its own
  line after it (noise at the level of its last half second): a call does not end where the clip does, and a
  silent answer is decided only after SILENT_PERSON_S. person_as_machine counts person scenes decided "machine";
  person_on_music_hold those in which the classifier said music hold (their room's radio taken for a queue).
  Decision times are over the decided person scenes: from the answer, and after the truth `greeting_end_t`.
  message_timing_ok, over machine scenes: the share whose first "beep" or "greeting-ended" event comes at or after
  the truth greeting end and, when there is a beep, at or after `beep_t` (no such event is not ok).
- Clip accuracy: the final clip_label record against the manifest's clip_label, over clips.
- DTMF: scripts.dtmf_cases must-accept and must-reject cases through agent.line.dtmf.detect_digits; talk-off is every
  digit record over files whose truth has no DTMF (the unlabelled robustness files included), per hour.
- CPU: time.process_time of the analyzer summed over all files, over the seconds of audio analysed
  (cpu_core_fraction_per_call); the voice detector alone, timed in a second pass (voice_detector_core_fraction:
  in a call one detector serves the turn segmenter and the classifier); the classifier's own cost is the
  difference (classifier_core_fraction). Its target is checked only for acoustic analyzers: one whose name ends
  in "_heard" runs Whisper beside the classifier.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LABELS = ("music", "silence", "ivr_speech", "live_speech", "ringback", "busy", "dtmf")
NONE = "(none)"  # the prediction before the classifier's first label record
STEP_S = 0.1  # scoring grid
EXCLUDE_S = 1.0  # not scored after each truth boundary: the classifier may take this long to decide
PICKUP_EARLY_S, PICKUP_LATE_S = 0.3, 4.0  # a pickup event counts within [pickup_t - 0.3, pickup_t + 4.0]
AMD_TAIL_S = 10.0  # seconds of the line an answer clip is heard with after its end (longer than SILENT_PERSON_S)
# A person back from hold whom nobody answered tries again. A hold call whose pick-up was missed is heard once more
# with the line going on SECOND_TRY_AFTER_S past the clip's end and then SECOND_TRY (in the simulator's flite voice, at
# the level of the person's first words): is the person picked up then, or missed for good?
SECOND_TRY = "Hello? Are you still there?"
SECOND_TRY_AFTER_S = 3.0
SECOND_TRY_VOICE = "flite:rms"
# (metric, comparison, target): what the figures must reach (the test corpus's are the ones that count).
TARGETS = (
    ("pickup_recall", ">=", 0.95),
    ("pickup_latency_s_p50", "<=", 1.0),
    ("false_pickups_per_hold_hour", "<=", 1.0),
    ("person_as_machine", "==", 0),
    ("amd_accuracy", ">=", 0.95),
    ("amd_decision_after_greeting_s_p50", "<=", 2.5),
    ("message_timing_ok", "==", 1.0),
    ("dtmf_accept_pass_rate", ">=", 1.0),
    ("dtmf_reject_pass_rate", ">=", 1.0),
    ("talkoff_digits_per_hour", "<=", 0.0),
    ("classifier_core_fraction", "<=", 0.02),
)

Analyzer = Callable[[Any], list[dict[str, Any]]]


# ---------------------------------------------------------------- scoring (pure)


def percentile(values: Iterable[float], q: float) -> float | None:
    """Nearest-rank percentile, rounded to 0.01; None for no data."""
    ordered = sorted(values)
    if not ordered:
        return None
    index = min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))
    return round(ordered[index], 2)


def grid(seconds: float, step: float = STEP_S) -> list[float]:
    """Scoring times 0, step, 2 step ... before the end of the file."""
    return [round(k * step, 6) for k in range(math.ceil(seconds / step - 1e-9))]


def predicted_labels(records: list[dict[str, Any]], times: list[float]) -> list[str]:
    """The label in force at each time: that of the latest label record with t <= x (NONE before any)."""
    changes = sorted((r["t"], r["label"]) for r in records if "label" in r and "t" in r)
    out, i, label = [], 0, NONE
    for x in times:
        while i < len(changes) and changes[i][0] <= x + 1e-9:
            label = changes[i][1]
            i += 1
        out.append(label)
    return out


def truth_labels(segments: list[dict[str, Any]], times: list[float]) -> list[str]:
    """The ground-truth label at each time (segments are contiguous and cover the file)."""
    out, i = [], 0
    for x in times:
        while i < len(segments) - 1 and x >= segments[i]["end"] - 1e-9:
            i += 1
        out.append(segments[i]["label"])
    return out


def scored_mask(segments: list[dict[str, Any]], times: list[float], exclude_s: float = EXCLUDE_S) -> list[bool]:
    """False for the times within exclude_s after a segment start (0.0 included): decision latency is allowed."""
    starts = [seg["start"] for seg in segments]
    return [not any(s - 1e-9 <= x < s + exclude_s - 1e-9 for s in starts) for x in times]


def confusion(truth: list[str], pred: list[str], mask: list[bool]) -> Counter[tuple[str, str]]:
    """Counts of (truth, predicted) over the scored times."""
    return Counter((t, p) for t, p, keep in zip(truth, pred, mask, strict=True) if keep)


def precision_recall(counts: Counter[tuple[str, str]]) -> dict[str, dict[str, float | int | None]]:
    """Per label: precision, recall (None where nothing to divide by) and the scored truth frames."""
    out: dict[str, dict[str, float | int | None]] = {}
    for label in LABELS:
        hit = counts[(label, label)]
        predicted = sum(n for (_, p), n in counts.items() if p == label)
        actual = sum(n for (t, _), n in counts.items() if t == label)
        out[label] = {"precision": round(hit / predicted, 4) if predicted else None,
                      "recall": round(hit / actual, 4) if actual else None, "frames": actual}
    return out


def label_confusion(records: list[dict[str, Any]], segments: list[dict[str, Any]],
                    seconds: float) -> Counter[tuple[str, str]]:
    """The confusion counts of one file."""
    times = grid(seconds)
    return confusion(truth_labels(segments, times), predicted_labels(records, times), scored_mask(segments, times))


@dataclass(frozen=True)
class PickupOutcome:
    """What the classifier did on one hold call."""

    expected: bool  # the call ends with a live pickup
    detected: bool  # its first pickup event fell in the window
    latency_s: float | None  # that event's t - pickup_t
    false: int  # pickup events while nobody was there: before the window (all of them when there is no pickup)
    hold_s: float  # seconds of hold audio: up to pickup_t, or the whole call
    # Pickup events after the window: the person was there, heard late (a miss, not a pickup of hold; until
    # 2026-12-06 these were counted as false too, against hold time that ends at pickup_t).
    late: int = 0
    # A missed pick-up heard again with the person's second try (SECOND_TRY): picked up by PICKUP_LATE_S after it
    # began. None: not tried (no pick-up in the call, it was found, or a false pick-up came first).
    second_try: bool | None = None


def pickup_times(records: list[dict[str, Any]]) -> list[float]:
    """When the analyzer picked up, in order."""
    return sorted(r["t"] for r in records if r.get("event") == "pickup")


def pickup_outcome(records: list[dict[str, Any]], pickup_t: float | None, seconds: float) -> PickupOutcome:
    """Score the pickup events of one hold call against its truth."""
    events = pickup_times(records)
    if pickup_t is None:
        return PickupOutcome(False, False, None, len(events), seconds)
    lo, hi = pickup_t - PICKUP_EARLY_S, pickup_t + PICKUP_LATE_S
    inside = [t for t in events if lo - 1e-9 <= t <= hi + 1e-9]
    early = [t for t in events if t < lo - 1e-9]
    detected = bool(events) and events[0] == (inside[0] if inside else None)
    latency = round(events[0] - pickup_t, 3) if detected else None
    return PickupOutcome(True, detected, latency, len(early), pickup_t, len(events) - len(inside) - len(early))


def pickup_metrics(outcomes: list[PickupOutcome]) -> dict[str, float | int | None]:
    """pickup_recall, latency p50/p95, false pickups per hold hour."""
    expected = [o for o in outcomes if o.expected]
    latencies = [o.latency_s for o in expected if o.latency_s is not None]
    hold_h = sum(o.hold_s for o in outcomes) / 3600
    false = sum(o.false for o in outcomes)
    late = sum(o.late for o in outcomes)
    tried = [o.second_try for o in expected if o.second_try is not None]
    return {
        "pickup_calls": len(expected),
        "pickup_recall": round(sum(o.detected for o in expected) / len(expected), 4) if expected else None,
        "pickup_latency_s_p50": percentile(latencies, 50),
        "pickup_latency_s_p95": percentile(latencies, 95),
        "false_pickups": false,
        "hold_hours": round(hold_h, 3),
        "false_pickups_per_hold_hour": round(false / hold_h, 3) if hold_h else None,
        "late_pickups": late,  # after the window, the person there: misses, not counted in false_pickups
        "missed_picked_up_on_second_try": sum(tried),  # misses found when the person tried again (SECOND_TRY)
        "missed_for_good": len(tried) - sum(tried),  # misses not found even then
    }


def second_try_found(records: list[dict[str, Any]], pickup_t: float, again_t: float) -> bool:
    """The call heard with the person's second try (from again_t): its first pick-up came once the person was there
    and by PICKUP_LATE_S after the second try began (late on the first try counts: it came before that)."""
    events = pickup_times(records)
    return bool(events) and pickup_t - PICKUP_EARLY_S - 1e-9 <= events[0] <= again_t + PICKUP_LATE_S + 1e-9


AMD_WHO = ("person", "machine", "menu", "screening")  # a decision; "unknown" is not one (it may still come)
MESSAGE_EVENTS = ("beep", "greeting-ended")  # when the agent would start leaving its message


def amd_decision(records: list[dict[str, Any]]) -> tuple[str | None, float | None]:
    """The first person/machine/menu/screening event: (who, t), or (None, None)."""
    for r in sorted((r for r in records if r.get("event") in AMD_WHO), key=lambda r: r["t"]):
        return r["event"], r["t"]
    return None, None


def amd_settled(records: list[dict[str, Any]]) -> str | None:
    """The last person/machine/menu/screening event: the first decision as later words corrected it (a call
    acts on each correction: a message for a machine, the screening reply for a screener)."""
    decisions = sorted((r for r in records if r.get("event") in AMD_WHO), key=lambda r: r["t"])
    return decisions[-1]["event"] if decisions else None


def message_time(records: list[dict[str, Any]]) -> float | None:
    """t of the first beep or greeting-ended event: when a message would start; None if neither came."""
    times = sorted(r["t"] for r in records if r.get("event") in MESSAGE_EVENTS)
    return times[0] if times else None


def truth_answer(entry: dict[str, Any]) -> str:
    """The manifest's `answer`, or (manifests before it) person/machine from `machine`."""
    return str(entry.get("answer") or ("machine" if entry.get("machine") else "person"))


@dataclass(frozen=True)
class AmdOutcome:
    """What the analyzer decided on one answer scene, beside the scene's truth."""

    answer: str  # truth: person, machine, menu, screening
    decided: str | None  # first decision, None for none
    t: float | None  # when (seconds from the answer)
    greeting_end_t: float | None = None  # truth: end of the opening (None: nothing was said)
    beep_t: float | None = None  # truth: start of the beep
    message_t: float | None = None  # first beep / greeting-ended event
    settled: str | None = None  # the last decision, after any correction by later words
    music_hold_t: float | None = None  # when the classifier said music hold: never right for a person's answer

    @property
    def right(self) -> bool:
        """The decision matches the truth (no decision never does)."""
        return self.decided == self.answer

    @property
    def message_ok(self) -> bool:
        """A machine's message would start after its greeting ended and not before its beep."""
        if self.message_t is None or self.greeting_end_t is None or self.message_t < self.greeting_end_t:
            return False
        return self.beep_t is None or self.message_t >= self.beep_t


def amd_outcome(records: list[dict[str, Any]], entry: dict[str, Any]) -> AmdOutcome:
    """Score the records of one answer scene against its manifest entry."""
    who, t = amd_decision(records)
    held = [r["t"] for r in records if r.get("event") == "hold-started" and r.get("kind") == "music"]
    return AmdOutcome(truth_answer(entry), who, t, entry.get("greeting_end_t"), entry.get("beep_t"),
                      message_time(records), amd_settled(records), min(held) if held else None)


def amd_confusion(outcomes: list[AmdOutcome]) -> dict[str, dict[str, int]]:
    """Truth answer -> {decision ("none" for none) -> scenes}."""
    out: dict[str, dict[str, int]] = {}
    for o in outcomes:
        row = out.setdefault(o.answer, {})
        row[o.decided or "none"] = row.get(o.decided or "none", 0) + 1
    return {answer: dict(sorted(row.items())) for answer, row in sorted(out.items())}


def amd_metrics(outcomes: list[AmdOutcome]) -> dict[str, float | int | None]:
    """Accuracy, recall per answer class, person-as-machine, decision times and machine message timing."""

    def share(flags: list[bool]) -> float | None:
        """Share of True, None for none."""
        return round(sum(flags) / len(flags), 4) if flags else None

    people = [o for o in outcomes if o.answer == "person"]
    machines = [o for o in outcomes if o.answer == "machine"]
    decided = [o for o in people if o.t is not None]
    after = [o.t - o.greeting_end_t for o in decided if o.t is not None and o.greeting_end_t is not None]
    out: dict[str, float | int | None] = {
        "amd_scenes": len(outcomes), "amd_accuracy": share([o.right for o in outcomes]),
        "amd_accuracy_settled": share([o.settled == o.answer for o in outcomes]),
        "person_as_machine": sum(o.decided == "machine" for o in people),
        # A person's room (a radio, a kitchen) taken for hold music: the call would fall silent on them.
        "person_on_music_hold": sum(o.music_hold_t is not None for o in people),
        "amd_undecided": sum(o.decided is None for o in outcomes),
    }
    for answer in AMD_WHO:
        out[f"amd_{answer}_recall"] = share([o.right for o in outcomes if o.answer == answer])
    out.update({
        "amd_decision_s_p50": percentile((o.t for o in decided if o.t is not None), 50),
        "amd_decision_s_p95": percentile((o.t for o in decided if o.t is not None), 95),
        "amd_decision_after_greeting_s_p50": percentile(after, 50),
        "amd_decision_after_greeting_s_p95": percentile(after, 95),
        "message_timing_ok": share([o.message_ok for o in machines]),
    })
    return out


def digits_heard(records: list[dict[str, Any]]) -> str:
    """The DTMF digits of the records, in order."""
    return "".join(r["dtmf"] for r in records if "dtmf" in r)


def final_clip_label(records: list[dict[str, Any]]) -> str | None:
    """The classifier's label for the whole file (its last clip_label record)."""
    labels = [r["clip_label"] for r in records if "clip_label" in r]
    return labels[-1] if labels else None


def check_targets(metrics: dict[str, Any], skip: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Each target (those in skip left out) with its value and whether it passes (a missing value fails)."""
    out = []
    for name, op, target in TARGETS:
        if name in skip:
            continue
        value = metrics.get(name)
        passes = {">=": lambda v, t: v >= t, "<=": lambda v, t: v <= t, "==": lambda v, t: v == t}[op]
        out.append({"metric": name, "op": op, "target": target, "value": value,
                    "pass": value is not None and passes(value, target)})
    return out


# ---------------------------------------------------------------- running


def load_analyzer(spec: str) -> Analyzer:
    """module:function, imported now (agent.line.analyze:analyze_pcm by default)."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name or "analyze_pcm")


def ensure_corpus(corpus: Path, builder: str) -> dict[str, Any]:
    """The corpus manifest, building the full corpus first (scripts.<builder>.build) when it is missing."""
    manifest = corpus / "manifest.json"
    if not manifest.is_file():
        build = importlib.import_module(f"scripts.{builder}").build
        print(f"{manifest} is missing: building it with scripts/{builder}.py (a minute or so)", flush=True)
        build(corpus)
    return json.loads(manifest.read_text(encoding="utf-8"))


def run_files(corpus: Path, manifest: dict[str, Any], analyze: Analyzer) -> list[dict[str, Any]]:
    """analyze every labelled and robustness file; each entry with its records and CPU seconds."""
    import numpy as np

    from agent.audio import read_wav_8k

    runs: list[dict[str, Any]] = []
    again: Any = None  # the second try's audio, synthesized at the first miss
    for entry in [*manifest["items"], *manifest.get("robustness", [])]:
        pcm = read_wav_8k(corpus / entry["file"])
        if entry["kind"] == "amd":
            pcm = line_goes_on(pcm, AMD_TAIL_S, seed=len(runs))
        started = time.process_time()
        records = analyze(pcm)
        run = {"entry": entry, "records": records, "cpu_s": time.process_time() - started,
               "voice_cpu_s": voice_cpu_s(pcm), "seconds": len(pcm) / 8000}
        pickup_t = entry.get("pickup_t") if entry["kind"] == "hold" else None
        first_try = pickup_outcome(records, pickup_t, run["seconds"]) if pickup_t is not None else None
        if first_try is not None and not first_try.detected and not first_try.false:  # (a false one spoilt it)
            if again is None:
                from scripts.farend import Voice

                again = np.frombuffer(Voice(SECOND_TRY_VOICE).pcm(SECOND_TRY), "<i2")
            longer, again_t = with_second_try(pcm, pickup_t, again, seed=len(runs))
            run["second_try"] = {"t": again_t, "records": analyze(longer)}  # (its CPU is not the call's)
        runs.append(run)
    return runs


def with_second_try(pcm: Any, pickup_t: float, voice: Any, seed: int) -> tuple[Any, float]:
    """A hold call's audio with its person trying again: the line goes on SECOND_TRY_AFTER_S after the clip, then
    `voice` at the level of the person's first words (from pickup_t) over the line, then 2 s more of it.
    Returns the audio and the time the second try starts."""
    import numpy as np

    from scripts.listen_corpus import active_rms_db, at_level

    start = len(pcm) + int(SECOND_TRY_AFTER_S * 8000)
    out = line_goes_on(pcm, SECOND_TRY_AFTER_S + len(voice) / 8000 + 2.0, seed).astype(np.float64)
    out[start : start + len(voice)] += at_level(voice.astype(np.float64), active_rms_db(pcm[int(pickup_t * 8000):]))
    return np.clip(np.round(out), -32768, 32767).astype(pcm.dtype), start / 8000


def line_goes_on(pcm: Any, seconds: float, seed: int) -> Any:
    """pcm followed by `seconds` of its line: Gaussian noise at the RMS level of its last half second."""
    import numpy as np

    last = pcm[-4000:].astype(np.float64)
    level = float(np.sqrt(np.mean(last**2))) if len(last) else 0.0
    tail = np.random.default_rng(seed).normal(0.0, level, int(seconds * 8000))
    return np.concatenate([pcm, np.clip(np.round(tail), -32768, 32767).astype(pcm.dtype)])


def voice_cpu_s(pcm: Any) -> float:
    """CPU seconds the voice detector alone takes over pcm: its share of hearing the line.

    In a call one voice detector serves both the turn segmenter and the classifier, so the classifier's
    own cost is the analyzer's minus this.
    """
    from agent.audio import to_frames
    from agent.speech.voice import VoiceDetector

    detector = VoiceDetector()
    started = time.process_time()
    for frame in to_frames(pcm):
        detector.process(frame)
    return time.process_time() - started


def dtmf_case_rates() -> dict[str, Any]:
    """Pass rates of the scripts.dtmf_cases must-accept and must-reject cases, with the failures' names."""
    try:
        from agent.line.dtmf import detect_digits
        from scripts.dtmf_cases import accept_cases, reject_cases
    except ImportError as exc:
        return {"dtmf_accept_pass_rate": None, "dtmf_reject_pass_rate": None, "dtmf_case_error": str(exc)}
    out: dict[str, Any] = {}
    for name, cases in (("accept", accept_cases()), ("reject", reject_cases())):
        failed = [c.name for c in cases if "".join(d.digit for d in detect_digits(c.pcm)) != c.expected]
        out[f"dtmf_{name}_pass_rate"] = round(1 - len(failed) / len(cases), 4) if cases else None
        out[f"dtmf_{name}_failures"] = failed
    return out


@dataclass
class Tally:
    """Running counts over the files of one corpus."""

    labels: Counter[tuple[str, str]]
    pickups: list[PickupOutcome]
    amd: list[AmdOutcome]
    counts: Counter[str]  # clips, clips_right, dtmf_items, dtmf_right, talkoff
    talkoff_s: float = 0.0


def score_file(run: dict[str, Any], tally: Tally) -> dict[str, Any]:
    """Add one analysed file to the tally; returns its per-file row."""
    entry, records = run["entry"], run["records"]
    row: dict[str, Any] = {"file": entry["file"], "kind": entry["kind"], "cpu_s": round(run["cpu_s"], 3),
                           "clip_label": final_clip_label(records)}
    segments = entry.get("segments")
    if segments:
        tally.labels += label_confusion(records, segments, entry["seconds"])
    if entry["kind"] == "hold":
        outcome = pickup_outcome(records, entry["pickup_t"], entry["seconds"])
        again = run.get("second_try")
        if again is not None:
            outcome = replace(outcome, second_try=second_try_found(again["records"], entry["pickup_t"], again["t"]))
            found = pickup_times(again["records"])
            row["second_try_t"] = round(again["t"], 2)
            row["second_try_pickup_t"] = found[0] if found else None
        tally.pickups.append(outcome)
        row.update(pickup_t=entry["pickup_t"], pickup_latency_s=outcome.latency_s, false_pickups=outcome.false,
                   late_pickups=outcome.late, picked_up_on_second_try=outcome.second_try)
    if entry["kind"] == "amd":
        amd = amd_outcome(records, entry)
        tally.amd.append(amd)
        row.update(answer=amd.answer, decision=amd.decided, decision_t=amd.t, greeting_end_t=amd.greeting_end_t,
                   beep_t=amd.beep_t, message_t=amd.message_t, settled=amd.settled, music_hold_t=amd.music_hold_t,
                   probe_t=next((r["t"] for r in records if r.get("event") == "probe-wanted"), None))
        tally.counts["amd_probes"] += row["probe_t"] is not None
    if entry["kind"] == "clip":
        tally.counts["clips"] += 1
        tally.counts["clips_right"] += row["clip_label"] == entry["clip_label"]
    heard = digits_heard(records)
    if segments and any(seg["label"] == "dtmf" for seg in segments):
        tally.counts["dtmf_items"] += 1
        tally.counts["dtmf_right"] += heard == entry.get("digits", "")
        row.update(digits=entry.get("digits", ""), heard=heard)
    else:
        tally.counts["talkoff"] += len(heard)
        tally.talkoff_s += run["seconds"]
        if heard:
            row["talkoff"] = heard
    return row


def score(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Every figure of one corpus from its runs: metrics, labels, label and AMD confusion, per-file rows."""
    tally = Tally(Counter(), [], [], Counter())
    per_file = [score_file(run, tally) for run in runs]
    c, labels = tally.counts, tally.labels
    audio_s = sum(run["seconds"] for run in runs)
    cpu_s = sum(run["cpu_s"] for run in runs)
    voice_s = sum(run.get("voice_cpu_s", 0.0) for run in runs)
    scored = sum(labels.values())
    metrics: dict[str, Any] = {
        "frame_accuracy": round(sum(n for (t, p), n in labels.items() if t == p) / scored, 4) if scored else None,
        **pickup_metrics(tally.pickups),
        **amd_metrics(tally.amd),
        "amd_probes": c["amd_probes"],  # answer scenes where the call would have said "Hello?"
        "clip_accuracy": round(c["clips_right"] / c["clips"], 4) if c["clips"] else None,
        "dtmf_corpus_exact": round(c["dtmf_right"] / c["dtmf_items"], 4) if c["dtmf_items"] else None,
        "talkoff_digits": c["talkoff"],
        "talkoff_digits_per_hour": round(c["talkoff"] / (tally.talkoff_s / 3600), 3) if tally.talkoff_s else None,
        "audio_s": round(audio_s, 1),
        "cpu_s": round(cpu_s, 2),
        "cpu_core_fraction_per_call": round(cpu_s / audio_s, 5) if audio_s else None,
        "voice_detector_core_fraction": round(voice_s / audio_s, 5) if audio_s else None,
        "classifier_core_fraction": round(max(0.0, cpu_s - voice_s) / audio_s, 5) if audio_s else None,
    }
    return {"metrics": metrics, "labels": precision_recall(labels), "label_counts": labels,
            "confusion": {t: {p: n for (tt, p), n in sorted(labels.items()) if tt == t} for t in LABELS},
            "amd_confusion": amd_confusion(tally.amd), "per_file": per_file}


# ---------------------------------------------------------------- report


def _fmt(value: Any) -> str:
    """A figure for the table."""
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def report(section: dict[str, Any]) -> str:
    """The readable table of one corpus."""
    metrics, labels, counts = section["metrics"], section["labels"], section["label_counts"]
    lines = [f"{'label':<12} {'precision':>9} {'recall':>7} {'frames':>7}"]
    for label, row in labels.items():
        lines.append(f"{label:<12} {_fmt(row['precision']):>9} {_fmt(row['recall']):>7} {row['frames']:>7}")
    predicted = [*LABELS, NONE] + sorted({p for _, p in counts} - {*LABELS, NONE})
    short = {"ivr_speech": "ivr", "live_speech": "live", "ringback": "ring", "silence": "sil", NONE: "none"}
    lines += ["", "confusion (rows truth, columns predicted, 100 ms frames):",
              f"{'':<12}" + "".join(f"{short.get(p, p)[:7]:>8}" for p in predicted)]
    for t in LABELS:
        lines.append(f"{t:<12}" + "".join(f"{counts[(t, p)]:>8}" for p in predicted))
    decisions = [*AMD_WHO, "unknown", "none"]
    lines += ["", "AMD (rows truth answer, columns first decision, scenes):",
              f"{'':<12}" + "".join(f"{d[:9]:>10}" for d in decisions)]
    for answer, row in section["amd_confusion"].items():
        lines.append(f"{answer:<12}" + "".join(f"{row.get(d, 0):>10}" for d in decisions))
    lines.append("")
    shown = {row["metric"] for row in section["targets"]}
    for name, value in metrics.items():
        if name not in shown:
            lines.append(f"{name:<36} {_fmt(value)}")
    lines.append("")
    for row in section["targets"]:
        verdict = "PASS" if row["pass"] else "FAIL"
        lines.append(f"{row['metric']:<36} {_fmt(row['value']):>8}   target {row['op']} {row['target']:<5} {verdict}")
    return "\n".join(lines)


def corpus_meta(corpus: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """Where a corpus is, how it was built and how big it is."""
    kinds = Counter(item["kind"] for item in manifest["items"])
    return {"path": str(corpus), "seed": manifest.get("seed"), "small": manifest.get("small"),
            "items": {**dict(sorted(kinds.items())), "robustness": len(manifest.get("robustness", []))},
            "audio_s": round(sum(i["seconds"] for i in [*manifest["items"], *manifest.get("robustness", [])]), 1),
            "size_mb": round(sum(p.stat().st_size for p in corpus.glob("*.wav")) / 1e6, 1)}


def agent_version() -> str:
    """The last commit that touched agent/ (the analyzer's code), marked when agent/ has uncommitted changes."""
    import subprocess

    root = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(["git", "log", "-1", "--format=%h", "--", "agent"], cwd=root, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "agent"], cwd=root, capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + (" + uncommitted changes" if dirty else "")


def bench(corpus: Path, builder: str, analyze: Analyzer, skip: tuple[str, ...],
          cases: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run and score one corpus: (its section, its meta)."""
    manifest = ensure_corpus(corpus, builder)
    section = score(run_files(corpus, manifest, analyze))
    section["metrics"].update({k: v for k, v in cases.items() if not k.endswith("_failures")})
    section["targets"] = check_targets(section["metrics"], skip)
    return section, corpus_meta(corpus, manifest)


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("build/listen-corpus"), help="the tuning corpus")
    parser.add_argument("--test-corpus", type=Path, default=Path("build/listen-testcorpus"),
                        help="the held-out test corpus (scripts/listen_testcorpus.py)")
    parser.add_argument("--dev-corpus", type=Path, default=Path("build/listen-devcorpus"),
                        help="the development corpus (scripts/listen_devcorpus.py): third sources, to develop on")
    parser.add_argument("--sections", default="test,tuning,development",
                        help="which corpora to run, comma-separated (default: all three)")
    parser.add_argument("--out", type=Path, default=Path("build/bench/listen.json"))
    parser.add_argument("--analyzer", default="agent.line.analyze:analyze_pcm", help="module:function to benchmark")
    parser.add_argument("--no-dtmf-cases", action="store_true", help="skip the DTMF must-accept/reject cases")
    args = parser.parse_args(argv)
    corpora = {"test": (args.test_corpus, "listen_testcorpus", "TEST corpus (held out: never tuned on)"),
               "tuning": (args.corpus, "listen_corpus", "TUNING corpus"),
               "development": (args.dev_corpus, "listen_devcorpus",
                               "DEVELOPMENT corpus (third sources: developed on, like the tuning corpus)")}
    wanted = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = [s for s in wanted if s not in corpora]
    if unknown or not wanted:
        print(f"error: --sections: unknown corpus {', '.join(unknown) or '(none given)'}; "
              f"choose from {', '.join(corpora)}", file=sys.stderr)
        return 2
    try:
        analyze = load_analyzer(args.analyzer)
    except (ImportError, AttributeError) as exc:
        print(f"error: cannot load the classifier {args.analyzer}: {exc}", file=sys.stderr)
        return 2
    cases = {} if args.no_dtmf_cases else dtmf_case_rates()
    # A "_heard" analyzer runs Whisper beside the classifier: its CPU is not the classifier's.
    skip = ("classifier_core_fraction",) if args.analyzer.endswith("_heard") else ()
    skip += ("dtmf_accept_pass_rate", "dtmf_reject_pass_rate") if args.no_dtmf_cases else ()
    result: dict[str, Any] = {"meta": {"date": datetime.now(UTC).isoformat(timespec="seconds"),
                                       "analyzer": args.analyzer, "agent_commit": agent_version(), "corpora": {}}}
    for name in [s for s in corpora if s in wanted]:
        corpus, builder, title = corpora[name]
        section, meta = bench(corpus, builder, analyze, skip, cases)
        result["meta"]["corpora"][name] = meta
        print(f"\n==== {title}: {corpus}, {meta['audio_s'] / 60:.1f} min ====\n{report(section)}", flush=True)
        section.pop("label_counts")
        result[name] = section
    result["dtmf_case_failures"] = {k: v for k, v in cases.items() if k.endswith("_failures")}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
