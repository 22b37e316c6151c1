"""`make demo`: a real SIP call on loopback from `taskcall dial` to the simulated restaurant.

Exits 0 only when the booking is confirmed on both sides.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.farend_process import ROOT, FarEndProcess  # noqa: E402

TASK = "Book a table for 4 tomorrow at 7:30 pm"


def main() -> int:
    work = ROOT / "build" / "demo"
    work.mkdir(parents=True, exist_ok=True)
    config = work / "config.toml"
    config.write_text(f'[storage]\ndir = "{work / "data"}"\n\n[principal]\nname = "Alex"\n', encoding="utf-8")
    print("Starting the simulated restaurant (Luigi's) on loopback...", flush=True)
    with FarEndProcess("restaurant", work, echo=False) as far:
        cmd = [str(Path(sys.executable).parent / "taskcall"), "dial", far.uri, "--task", TASK,
               "--fact", "name=Alex Smith", "--party", "Luigi's", "--config", str(config)]
        print("$ " + " ".join(f"'{c}'" if " " in c else c for c in cmd[0:1] + cmd[1:]), flush=True)
        agent = subprocess.run(cmd, stdin=subprocess.DEVNULL)
        far.wait(30)
        entries = far.entries()
    end = next((e for e in entries if e["event"] == "scenario-end"), None)
    print("")
    print("The far end's log (what it heard from the agent over RTP):")
    for entry in entries:
        if entry["event"] == "heard":
            print(f"  heard: {entry['text']!r}  (voice-to-voice {entry['v2v_ms']} ms)")
    if end is not None:
        print(f"  scenario completed: {end['completed']}, captured: {end['vars']}")
    ok = agent.returncode == 0 and end is not None and end["completed"]
    print("\nDEMO OK: the booking is confirmed." if ok else "\nDEMO FAILED: see build/demo/ for logs.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
