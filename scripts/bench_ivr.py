"""`make bench-ivr`: every phone-menu scenario called end to end through kamailio, scored from both ends.

Prints one line per scenario and writes build/bench/ivr.json:
  {"scenarios": [{"name", "success", "seconds_to_person", "wrong_keys", "words_on_hold", ...}], "targets": ...,
   "menus": <scripts/bench_menus.py's figures on the menu corpus, dev (tuned on) and test (held out)>}
Targets: every scenario succeeds with the bundled defaults; zero words over hold music, announcements or
prompts. (That every key arrives at both independent peers is tests/e2e/test_dtmf_send.py's job.)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.farend_process import ROOT  # noqa: E402
from scripts.ivr_calls import SCENARIOS, run_scenario, score  # noqa: E402


def menu_understanding(out: Path) -> dict[str, Any] | None:
    """The menu corpus figures (scripts/bench_menus.py), if that bench is present."""
    script = ROOT / "scripts" / "bench_menus.py"
    if not script.exists():
        return None
    target = out.parent / "menus.json"
    subprocess.run([sys.executable, str(script), "--out", str(target)], cwd=ROOT, check=True)
    return json.loads(target.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="*", help="scenario names (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench" / "ivr.json")
    args = parser.parse_args()
    args.out = args.out.resolve()  # kamailio wants absolute folders
    root = args.out.parent / "ivr-runs"
    rows = []
    for scenario in SCENARIOS:
        if args.only and scenario.name not in args.only:
            continue
        work = root / scenario.name
        shutil.rmtree(work, ignore_errors=True)
        print(f"{scenario.name}...", flush=True)
        row = score(run_scenario(scenario.name, work))
        rows.append(row)
        print(f"  success {row['success']} ({row['outcome']}), to a person {row['seconds_to_person']} s, "
              f"wrong keys {row['wrong_keys']}, words on hold/prompts {row['words_on_hold']}, "
              f"keys {row['keys_sent'] or '-'} ({row['dtmf_method'] or '-'}), path: {row['menu_path'] or '-'}",
              flush=True)
    report: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "scenarios": rows,
        "targets": {"success": "every scenario", "words_on_hold": 0},
        "meets_targets": all(r["success"] for r in rows) and not any(r["words_on_hold"] for r in rows),
    }
    menus = menu_understanding(args.out)
    if menus is not None:
        report["menus"] = menus
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"succeeded {sum(r['success'] for r in rows)}/{len(rows)}, "
          f"words on hold/prompts {sum(r['words_on_hold'] for r in rows)}, "
          f"wrong keys {sum(r['wrong_keys'] for r in rows)}; written to {args.out}")
    return 0 if report["meets_targets"] else 1


if __name__ == "__main__":
    sys.exit(main())
