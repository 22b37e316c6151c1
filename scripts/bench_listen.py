"""`make bench-listen`: the line classifier (agent.analyze.analyze_pcm) over the labelled listen corpus.

`python scripts/bench_listen.py [--corpus build/listen-corpus] [--out build/bench/listen.json]` builds the corpus
first when its manifest is missing (scripts/listen_corpus.py), runs the classifier over every file as a call
would feed it, prints a table and writes the figures as JSON.

How it scores:
- Labels, frame by frame on a 100 ms grid: the prediction at time x is the label of the latest label record
  with t <= x (none before the first one, which counts against recall). The first 1.0 s after each ground-truth
  boundary, the start of the file included, is not scored: deciding takes time. Precision and recall per label,
  and the confusion matrix, are over the scored points of every labelled file.
- Pickup (hold calls): a call with a pickup is detected when its first pickup event falls within
  [pickup_t - 0.3, pickup_t + 4.0] s; latency is that event's t - pickup_t. Every pickup event outside that
  window (or any in a call with no pickup) is a false pickup, counted per hour of hold audio (up to pickup_t, or
  the whole call when nobody picks up).
- AMD (answer scenes, t = 0 at the answer): the first "machine" or "person" event is the decision; no decision is
  a miss. Decision times are over the decided scenes.
- Clip accuracy: the final clip_label record against the manifest's clip_label, over clips.
- DTMF: scripts.dtmf_cases must-accept and must-reject cases through agent.dtmf.detect_digits; talk-off is every
  digit record over files whose truth has no DTMF (the unlabelled robustness files included), per hour.
- CPU: time.process_time of analyze_pcm summed over all files, over the seconds of audio analysed.
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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LABELS = ("music", "silence", "ivr_speech", "live_speech", "ringback", "busy", "dtmf")
NONE = "(none)"  # the prediction before the classifier's first label record
STEP_S = 0.1  # scoring grid
EXCLUDE_S = 1.0  # not scored after each truth boundary: the classifier may take this long to decide
PICKUP_EARLY_S, PICKUP_LATE_S = 0.3, 4.0  # a pickup event counts within [pickup_t - 0.3, pickup_t + 4.0]
# (metric, comparison, target): what the figures must reach.
TARGETS = (
    ("pickup_recall", ">=", 0.95),
    ("pickup_latency_s_p50", "<=", 1.0),
    ("false_pickups_per_hold_hour", "<=", 1.0),
    ("dtmf_accept_pass_rate", ">=", 1.0),
    ("dtmf_reject_pass_rate", ">=", 1.0),
    ("talkoff_digits_per_hour", "<=", 0.0),
    ("cpu_core_fraction_per_call", "<=", 0.02),
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
    false: int  # pickup events outside the window (all of them when there is no pickup)
    hold_s: float  # seconds of hold audio: up to pickup_t, or the whole call


def pickup_outcome(records: list[dict[str, Any]], pickup_t: float | None, seconds: float) -> PickupOutcome:
    """Score the pickup events of one hold call against its truth."""
    events = sorted(r["t"] for r in records if r.get("event") == "pickup")
    if pickup_t is None:
        return PickupOutcome(False, False, None, len(events), seconds)
    lo, hi = pickup_t - PICKUP_EARLY_S, pickup_t + PICKUP_LATE_S
    inside = [t for t in events if lo - 1e-9 <= t <= hi + 1e-9]
    detected = bool(events) and events[0] == (inside[0] if inside else None)
    latency = round(events[0] - pickup_t, 3) if detected else None
    return PickupOutcome(True, detected, latency, len(events) - len(inside), pickup_t)


def pickup_metrics(outcomes: list[PickupOutcome]) -> dict[str, float | int | None]:
    """pickup_recall, latency p50/p95, false pickups per hold hour."""
    expected = [o for o in outcomes if o.expected]
    latencies = [o.latency_s for o in expected if o.latency_s is not None]
    hold_h = sum(o.hold_s for o in outcomes) / 3600
    false = sum(o.false for o in outcomes)
    return {
        "pickup_calls": len(expected),
        "pickup_recall": round(sum(o.detected for o in expected) / len(expected), 4) if expected else None,
        "pickup_latency_s_p50": percentile(latencies, 50),
        "pickup_latency_s_p95": percentile(latencies, 95),
        "false_pickups": false,
        "hold_hours": round(hold_h, 3),
        "false_pickups_per_hold_hour": round(false / hold_h, 3) if hold_h else None,
    }


def amd_decision(records: list[dict[str, Any]]) -> tuple[str | None, float | None]:
    """The first machine/person event: (who, t), or (None, None)."""
    for r in sorted((r for r in records if r.get("event") in ("machine", "person")), key=lambda r: r["t"]):
        return r["event"], r["t"]
    return None, None


def amd_metrics(results: list[tuple[bool, str | None, float | None]]) -> dict[str, float | int | None]:
    """Accuracy, machine and person recall, decision time p50/p95 from (is machine, decision, t) per scene."""
    machines = [r for r in results if r[0]]
    people = [r for r in results if not r[0]]

    def right(r: tuple[bool, str | None, float | None]) -> bool:
        """The decision matches the truth (no decision never does)."""
        return r[1] == ("machine" if r[0] else "person")

    def share(rs: list[tuple[bool, str | None, float | None]]) -> float | None:
        """Share decided right, None for none."""
        return round(sum(map(right, rs)) / len(rs), 4) if rs else None

    times = [r[2] for r in results if r[2] is not None]
    return {"amd_scenes": len(results), "amd_accuracy": share(results), "amd_machine_recall": share(machines),
            "amd_person_recall": share(people), "amd_undecided": sum(r[1] is None for r in results),
            "amd_decision_s_p50": percentile(times, 50), "amd_decision_s_p95": percentile(times, 95)}


def digits_heard(records: list[dict[str, Any]]) -> str:
    """The DTMF digits of the records, in order."""
    return "".join(r["dtmf"] for r in records if "dtmf" in r)


def final_clip_label(records: list[dict[str, Any]]) -> str | None:
    """The classifier's label for the whole file (its last clip_label record)."""
    labels = [r["clip_label"] for r in records if "clip_label" in r]
    return labels[-1] if labels else None


def check_targets(metrics: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with its value and whether it passes (a missing value fails)."""
    out = []
    for name, op, target in TARGETS:
        value = metrics.get(name)
        ok = value is not None and (value >= target if op == ">=" else value <= target)
        out.append({"metric": name, "op": op, "target": target, "value": value, "pass": ok})
    return out


# ---------------------------------------------------------------- running


def load_analyzer(spec: str) -> Analyzer:
    """module:function, imported now (agent.analyze:analyze_pcm by default)."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name or "analyze_pcm")


def ensure_corpus(corpus: Path) -> dict[str, Any]:
    """The corpus manifest, building the full corpus first when it is missing."""
    manifest = corpus / "manifest.json"
    if not manifest.is_file():
        from scripts.listen_corpus import build

        print(f"{manifest} is missing: building the corpus (a few minutes)", flush=True)
        build(corpus)
    return json.loads(manifest.read_text(encoding="utf-8"))


def run_files(corpus: Path, manifest: dict[str, Any], analyze: Analyzer) -> list[dict[str, Any]]:
    """analyze every labelled and robustness file; each entry with its records and CPU seconds."""
    from agent.audio import read_wav_8k

    runs = []
    for entry in [*manifest["items"], *manifest.get("robustness", [])]:
        pcm = read_wav_8k(corpus / entry["file"])
        started = time.process_time()
        records = analyze(pcm)
        runs.append({"entry": entry, "records": records, "cpu_s": time.process_time() - started,
                     "seconds": len(pcm) / 8000})
    return runs


def dtmf_case_rates() -> dict[str, Any]:
    """Pass rates of the scripts.dtmf_cases must-accept and must-reject cases, with the failures' names."""
    try:
        from agent.dtmf import detect_digits
        from scripts.dtmf_cases import accept_cases, reject_cases
    except ImportError as exc:
        return {"dtmf_accept_pass_rate": None, "dtmf_reject_pass_rate": None, "dtmf_case_error": str(exc)}
    out: dict[str, Any] = {}
    for name, cases in (("accept", accept_cases()), ("reject", reject_cases())):
        failed = [c.name for c in cases if "".join(d.digit for d in detect_digits(c.pcm)) != c.expected]
        out[f"dtmf_{name}_pass_rate"] = round(1 - len(failed) / len(cases), 4) if cases else None
        out[f"dtmf_{name}_failures"] = failed
    return out


def score(runs: list[dict[str, Any]]) -> tuple[dict[str, Any], Counter[tuple[str, str]], list[dict[str, Any]]]:
    """Every figure from the runs: (metrics, label confusion, per-file summary)."""
    counts: Counter[tuple[str, str]] = Counter()
    pickups: list[PickupOutcome] = []
    amd: list[tuple[bool, str | None, float | None]] = []
    clips = clips_right = dtmf_items = dtmf_right = talkoff = 0
    talkoff_s = 0.0
    per_file = []
    for run in runs:
        entry, records = run["entry"], run["records"]
        row: dict[str, Any] = {"file": entry["file"], "kind": entry["kind"], "cpu_s": round(run["cpu_s"], 3),
                               "clip_label": final_clip_label(records)}
        segments = entry.get("segments")
        if segments:
            counts += label_confusion(records, segments, entry["seconds"])
        if entry["kind"] == "hold":
            outcome = pickup_outcome(records, entry["pickup_t"], entry["seconds"])
            pickups.append(outcome)
            row.update(pickup_t=entry["pickup_t"], pickup_latency_s=outcome.latency_s, false_pickups=outcome.false)
        if entry["kind"] == "amd":
            who, t = amd_decision(records)
            amd.append((bool(entry["machine"]), who, t))
            row.update(machine=entry["machine"], decision=who, decision_t=t)
        if entry["kind"] == "clip":
            clips += 1
            clips_right += row["clip_label"] == entry["clip_label"]
        heard = digits_heard(records)
        if segments and any(seg["label"] == "dtmf" for seg in segments):
            dtmf_items += 1
            dtmf_right += heard == entry.get("digits", "")
            row.update(digits=entry.get("digits", ""), heard=heard)
        else:
            talkoff += len(heard)
            talkoff_s += run["seconds"]
            if heard:
                row["talkoff"] = heard
        per_file.append(row)
    audio_s = sum(run["seconds"] for run in runs)
    cpu_s = sum(run["cpu_s"] for run in runs)
    scored = sum(counts.values())
    metrics: dict[str, Any] = {
        "frame_accuracy": round(sum(n for (t, p), n in counts.items() if t == p) / scored, 4) if scored else None,
        **pickup_metrics(pickups),
        **amd_metrics(amd),
        "clip_accuracy": round(clips_right / clips, 4) if clips else None,
        "dtmf_corpus_exact": round(dtmf_right / dtmf_items, 4) if dtmf_items else None,
        "talkoff_digits": talkoff,
        "talkoff_digits_per_hour": round(talkoff / (talkoff_s / 3600), 3) if talkoff_s else None,
        "audio_s": round(audio_s, 1),
        "cpu_s": round(cpu_s, 2),
        "cpu_core_fraction_per_call": round(cpu_s / audio_s, 5) if audio_s else None,
    }
    return metrics, counts, per_file


# ---------------------------------------------------------------- report


def _fmt(value: Any) -> str:
    """A figure for the table."""
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def report(metrics: dict[str, Any], labels: dict[str, dict[str, Any]], counts: Counter[tuple[str, str]],
           targets: list[dict[str, Any]]) -> str:
    """The readable table."""
    lines = [f"{'label':<12} {'precision':>9} {'recall':>7} {'frames':>7}"]
    for label, row in labels.items():
        lines.append(f"{label:<12} {_fmt(row['precision']):>9} {_fmt(row['recall']):>7} {row['frames']:>7}")
    predicted = [*LABELS, NONE] + sorted({p for _, p in counts} - {*LABELS, NONE})
    short = {"ivr_speech": "ivr", "live_speech": "live", "ringback": "ring", "silence": "sil", NONE: "none"}
    lines += ["", "confusion (rows truth, columns predicted, 100 ms frames):",
              f"{'':<12}" + "".join(f"{short.get(p, p)[:7]:>8}" for p in predicted)]
    for t in LABELS:
        lines.append(f"{t:<12}" + "".join(f"{counts[(t, p)]:>8}" for p in predicted))
    lines.append("")
    shown = {row["metric"] for row in targets}
    for name, value in metrics.items():
        if name not in shown:
            lines.append(f"{name:<32} {_fmt(value)}")
    lines.append("")
    for row in targets:
        verdict = "PASS" if row["pass"] else "FAIL"
        lines.append(f"{row['metric']:<32} {_fmt(row['value']):>8}   target {row['op']} {row['target']:<5} {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("build/listen-corpus"))
    parser.add_argument("--out", type=Path, default=Path("build/bench/listen.json"))
    parser.add_argument("--analyzer", default="agent.analyze:analyze_pcm", help="module:function to benchmark")
    parser.add_argument("--no-dtmf-cases", action="store_true", help="skip the DTMF must-accept/reject cases")
    args = parser.parse_args(argv)
    manifest = ensure_corpus(args.corpus)
    try:
        analyze = load_analyzer(args.analyzer)
    except (ImportError, AttributeError) as exc:
        print(f"error: cannot load the classifier {args.analyzer}: {exc}", file=sys.stderr)
        return 2
    runs = run_files(args.corpus, manifest, analyze)
    metrics, counts, per_file = score(runs)
    if not args.no_dtmf_cases:
        cases = dtmf_case_rates()
        metrics.update({k: v for k, v in cases.items() if not k.endswith("_failures")})
    else:
        cases = {}
    labels = precision_recall(counts)
    targets = check_targets(metrics)
    print(report(metrics, labels, counts, targets))
    kinds = Counter(item["kind"] for item in manifest["items"])
    result = {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "corpus": str(args.corpus),
        "seed": manifest.get("seed"),
        "small": manifest.get("small"),
        "items": {**dict(sorted(kinds.items())), "robustness": len(manifest.get("robustness", []))},
        "analyzer": args.analyzer,
        "metrics": metrics,
        "labels": labels,
        "confusion": {t: {p: n for (tt, p), n in sorted(counts.items()) if tt == t} for t in LABELS},
        "targets": targets,
        "dtmf_case_failures": {k: v for k, v in cases.items() if k.endswith("_failures")},
        "per_file": per_file,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
