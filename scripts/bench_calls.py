"""`make bench`: simulated restaurant calls on loopback, measured from both ends.

Prints the figures and writes build/bench/calls.json: voice-to-voice latency measured at the far end
(end of its line to the first agent frame above silence), per-turn STT / dialogue / TTS milliseconds
from the agent, CPU seconds per call minute and peak RSS of the agent process, and lost frames.
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

from scripts.farend_process import ROOT, FarEndProcess  # noqa: E402

TASK = ["--task", "Book a table for 4 tomorrow at 7:30 pm", "--fact", "name=Alex Smith", "--party", "Luigi's"]


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile; None for no data."""
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return round(ordered[index], 1)


def run_call(scenario: str, work: Path) -> dict[str, Any]:
    """One call: the simulator and the agent as separate processes; the agent's own rusage via wait4."""
    shutil.rmtree(work, ignore_errors=True)  # a previous run's calls must not be read as this one's
    config = work / "config.toml"
    work.mkdir(parents=True, exist_ok=True)
    config.write_text(f'[storage]\ndir = "{work / "data"}"\n', encoding="utf-8")
    with FarEndProcess(scenario, work) as far:
        cmd = [str(Path(sys.executable).parent / "taskcall"), "dial", far.uri, *TASK, "--config", str(config)]
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
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=5, help="restaurant calls")
    parser.add_argument("--long", action="store_true", help="also one ~3-minute call with a long hold")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench" / "calls.json")
    args = parser.parse_args()
    root = args.out.parent / "runs"
    calls = []
    plan = ["restaurant"] * args.calls + (["long_hold"] if args.long else [])
    for i, scenario in enumerate(plan, 1):
        print(f"call {i}/{len(plan)} ({scenario})...", flush=True)
        result = run_call(scenario, root / f"{i:02d}-{scenario}")
        print(f"  {result['outcome']}, v2v {result['v2v_ms']} ms, cpu {result['cpu_s']} s, "
              f"rss {result['peak_rss_mb']} MB, lost frames {result['lost_frames']}", flush=True)
        calls.append(result)
    v2v = [v for c in calls for v in c["v2v_ms"]]
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "calls": len(calls),
        "confirmed": sum(c["outcome"] == "confirmed" and c["far_end_completed"] for c in calls),
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
        "per_call": calls,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "per_call"}, indent=2))
    print(f"written to {args.out}")
    return 0 if report["confirmed"] == len(calls) else 1


if __name__ == "__main__":
    sys.exit(main())
