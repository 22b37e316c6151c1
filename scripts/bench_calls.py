"""`make bench`: simulated restaurant calls on loopback, measured from both ends.

Prints the figures and writes build/bench/calls.json: voice-to-voice latency measured at the far end
(end of its line to the first agent frame above silence), per-turn STT / dialogue / TTS milliseconds
from the agent, CPU seconds per call minute and peak RSS of the agent process, and lost frames.
With --noisy N, N more calls to a bicycle shop with a workshop and a radio under every line (noisy_shop)
go in a separate "noisy" section: v2v from the end of the shop's voice (not of the bed) and each outcome.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent.call.place import SUCCESS_OUTCOMES as SUCCESS  # noqa: E402
from scripts.farend_process import ROOT, FarEndProcess  # noqa: E402

TASK = ["--task", "Book a table for 4 tomorrow at 7:30 pm", "--fact", "name=Alex Smith", "--party", "Luigi's"]
NOISY_TASK = ["--task", "Book a tune-up for my bike on Tuesday at 9 am", "--fact", "name=Alex Smith",
              "--party", "Spoke & Chain Cycles"]
NOISY_TARGETS_MS = {"p50": 1000.0, "p95": 1600.0}  # v2v under the noise bed, from the end of their voice


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile; None for no data."""
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return round(ordered[index], 1)


def run_call(scenario: str, work: Path, task: list[str] = TASK) -> dict[str, Any]:
    """One call: the simulator and the agent as separate processes; the agent's own rusage via wait4."""
    shutil.rmtree(work, ignore_errors=True)  # a previous run's calls must not be read as this one's
    config = work / "config.toml"
    work.mkdir(parents=True, exist_ok=True)
    config.write_text(f'[storage]\ndir = "{work / "data"}"\n', encoding="utf-8")
    with FarEndProcess(scenario, work) as far:
        cmd = [str(Path(sys.executable).parent / "taskcall"), "dial", far.uri, *task, "--config", str(config)]
        started = time.monotonic()
        out = (work / "agent.out").open("w")
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - started
        far.wait(30)
        far_log = far.entries()
    summary = json.loads(next((work / "data" / "calls").iterdir()).joinpath("call.json").read_text())
    end = next((e for e in far_log if e["event"] == "scenario-end"), {})
    talk_min = max(summary["talk_s"], 1.0) / 60
    return {
        "scenario": scenario,
        "exit_code": proc.returncode,
        "outcome": summary["outcome"],
        "far_end_completed": bool(end.get("completed")),
        "wall_s": round(wall, 1),
        "talk_s": summary["talk_s"],
        "v2v_ms": [e["v2v_ms"] for e in far_log if e["event"] == "heard" and e.get("v2v_ms") is not None],
        "stt_ms": summary["metrics"]["stt_ms"],
        "dialogue_ms": summary["metrics"]["dialogue_ms"],
        "tts_first_ms": summary["metrics"]["tts_first_ms"],
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "cpu_s_per_call_minute": round((usage.ru_utime + usage.ru_stime) / talk_min, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "lost_frames": summary["metrics"]["lost_frames"],
        "late_frames": summary["metrics"]["late_frames"],
    }


def quiet_section(calls: list[dict[str, Any]]) -> dict[str, Any]:
    """The quiet calls' figures (restaurant, long hold): the report's top level, as before."""
    if not calls:
        return {"calls": 0, "confirmed": 0}
    v2v = [v for c in calls for v in c["v2v_ms"]]
    return {
        "calls": len(calls),
        "confirmed": sum(c["outcome"] in SUCCESS and c["far_end_completed"] for c in calls),
        "voice_to_voice_ms": {"p50": percentile(v2v, 50), "p95": percentile(v2v, 95), "n": len(v2v)},
        "stt_ms": {"p50": percentile([x for c in calls for x in c["stt_ms"]], 50),
                   "p95": percentile([x for c in calls for x in c["stt_ms"]], 95)},
        "dialogue_ms": {"p50": percentile([x for c in calls for x in c["dialogue_ms"]], 50),
                        "p95": percentile([x for c in calls for x in c["dialogue_ms"]], 95)},
        "tts_first_ms": {"p50": percentile([x for c in calls for x in c["tts_first_ms"]], 50),
                         "p95": percentile([x for c in calls for x in c["tts_first_ms"]], 95)},
        "cpu_s_per_call_minute": max(c["cpu_s_per_call_minute"] for c in calls),
        "peak_rss_mb": max(c["peak_rss_mb"] for c in calls),
        "lost_frames": sum(c["lost_frames"] for c in calls),
        "late_frames": sum(c["late_frames"] for c in calls),
        "per_call": calls,
    }



def noisy_section(calls: list[dict[str, Any]]) -> dict[str, Any]:
    """The noisy calls' figures: v2v percentiles against their targets, and each call's outcome."""
    v2v = [v for c in calls for v in c["v2v_ms"]]
    p50, p95 = percentile(v2v, 50), percentile(v2v, 95)
    return {
        "scenario": "noisy_shop",
        "calls": len(calls),
        "confirmed": sum(c["outcome"] in SUCCESS and c["far_end_completed"] for c in calls),
        "voice_to_voice_ms": {"p50": p50, "p95": p95, "n": len(v2v)},
        "targets_ms": NOISY_TARGETS_MS,
        "meets_targets": p50 is not None and p95 is not None
        and p50 <= NOISY_TARGETS_MS["p50"] and p95 <= NOISY_TARGETS_MS["p95"],
        "per_call": [{"outcome": c["outcome"], "far_end_completed": c["far_end_completed"], "v2v_ms": c["v2v_ms"],
                      "wall_s": c["wall_s"], "cpu_s_per_call_minute": c["cpu_s_per_call_minute"],
                      "lost_frames": c["lost_frames"], "late_frames": c["late_frames"]} for c in calls],
    }


def run_plan(plan: list[tuple[str, list[str]]], root: Path, first: int = 1) -> list[dict[str, Any]]:
    """Run calls one after the other, printing a line for each."""
    calls = []
    for i, (scenario, task) in enumerate(plan, first):
        print(f"call {i}/{first + len(plan) - 1} ({scenario})...", flush=True)
        result = run_call(scenario, root / f"{i:02d}-{scenario}", task)
        print(f"  {result['outcome']}, v2v {result['v2v_ms']} ms, cpu {result['cpu_s']} s, "
              f"rss {result['peak_rss_mb']} MB, lost frames {result['lost_frames']}, "
              f"late frames {result['late_frames']}", flush=True)
        calls.append(result)
    return calls


def print_noisy(noisy: dict[str, Any]) -> None:
    """The noisy section against its targets."""
    v2v, targets = noisy["voice_to_voice_ms"], noisy["targets_ms"]
    for q in ("p50", "p95"):
        verdict = "ok" if v2v[q] is not None and v2v[q] <= targets[q] else "MISSED"
        print(f"noisy v2v {q}: {v2v[q]} ms (target <= {targets[q]:g} ms) {verdict}")
    print(f"noisy calls confirmed: {noisy['confirmed']}/{noisy['calls']} "
          f"({', '.join(c['outcome'] for c in noisy['per_call'])})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=5, help="restaurant calls")
    parser.add_argument("--long", action="store_true", help="also one ~3-minute call with a long hold")
    parser.add_argument("--noisy", type=int, default=0, help="calls to the noisy bicycle shop (noisy_shop)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench" / "calls.json")
    args = parser.parse_args()
    root = args.out.parent / "runs"
    plan = [("restaurant", TASK)] * args.calls + ([("long_hold", TASK)] if args.long else [])
    calls = run_plan(plan + [("noisy_shop", NOISY_TASK)] * args.noisy, root)
    calls, noisy_calls = calls[: len(plan)], calls[len(plan) :]
    report: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        **quiet_section(calls),
    }
    if noisy_calls:
        report["noisy"] = noisy_section(noisy_calls)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k not in ("per_call", "noisy")}, indent=2))
    if noisy_calls:
        print_noisy(report["noisy"])
    print(f"written to {args.out}")
    confirmed = report.get("confirmed", 0) + report.get("noisy", {}).get("confirmed", 0)
    failed = confirmed != len(calls) + len(noisy_calls)
    frames = [(c["scenario"], c["lost_frames"], c["late_frames"]) for c in calls + noisy_calls
              if c["lost_frames"] or c["late_frames"]]
    for scenario, lost, late in frames:  # the audio path must keep up on these cores: any loss is a failure
        print(f"FAIL: {scenario}: {lost} lost and {late} late frames (both must be 0)", file=sys.stderr)
    return 1 if failed or frames else 0


if __name__ == "__main__":
    sys.exit(main())
