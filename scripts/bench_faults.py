"""`make bench-faults`: every fault of scripts/fault_calls.py on a real call, with the outcome the agent gave,
whether that was the defined one, whether the records are complete (read back from the files alone), and
the seconds from the fault to the agent's exit.

Prints one line per fault and writes build/bench/faults.json:
  {"faults": [{"name", "outcome", "as_expected", "records_complete", "seconds_to_end", ...}], ...}
Exit status 1 when any fault missed its defined outcome or left incomplete records.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.farend_process import ROOT  # noqa: E402
from scripts.fault_calls import FAULTS, can_mount_tmpfs  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="*", help=f"fault names (default: all of {', '.join(FAULTS)})")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench" / "faults.json")
    args = parser.parse_args()
    args.out = args.out.resolve()  # kamailio wants absolute folders
    root = args.out.parent / "fault-runs"
    rows: list[dict[str, Any]] = []
    skipped = []
    for name, fault in FAULTS.items():
        if args.only and name not in args.only:
            continue
        if name == "disk_full_while_recording" and not can_mount_tmpfs():
            skipped.append(f"{name}: needs root to mount a small tmpfs")
            print(f"{name}: skipped (needs root to mount a small tmpfs)", flush=True)
            continue
        work = root / name
        shutil.rmtree(work, ignore_errors=True)
        print(f"{name}...", flush=True)
        row = fault(work).row()
        rows.append(row)
        failed = [k for k, ok in row["checks"].items() if not ok]
        print(f"  outcome {row['outcome']} ({'as expected' if row['as_expected'] else 'NOT as expected'}"
              f"{': ' + ', '.join(failed) if failed else ''}), records "
              f"{'complete' if row['records_complete'] else 'INCOMPLETE: ' + '; '.join(row['record_problems'])}"
              f", {row['seconds_to_end']} s from the fault to the end", flush=True)
    report: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "faults": rows,
        "skipped": skipped,
        "meets_targets": all(r["as_expected"] and r["records_complete"] for r in rows),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"as expected {sum(r['as_expected'] for r in rows)}/{len(rows)}, records complete "
          f"{sum(r['records_complete'] for r in rows)}/{len(rows)}; written to {args.out}")
    return 0 if report["meets_targets"] else 1


if __name__ == "__main__":
    sys.exit(main())
