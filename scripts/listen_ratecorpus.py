"""The development corpus's answers at another speaking rate: a check that who answered does not lean on its pace.

`python scripts/listen_ratecorpus.py [--corpus build/listen-devcorpus] [--rate 0.8] [--out DIR]` writes every answer
scene (kind "amd") of the development corpus (scripts/listen_devcorpus.py) again through sox's `tempo` (WSOLA: the
pitch stays, the beep keeps its frequency), and a manifest.json in the same format with every truth time divided by
the rate (greeting end, beep, segments). scripts/bench_listen.py reads it as a development corpus
(`--sections development --dev-corpus DIR`); `make bench-listen-rate` runs it at 0.8 and 1.2.

Why: the corpora's voices speak at one rate each, and a slow speaker's greeting pauses longer between its
sentences and holds its words longer, which is what the timing rules judge. Read its figures knowing what it does:
the pauses slow down with the words, so at 0.8 a corpus pause of 2 s becomes 2.5 s (real slow speakers pause
longer too, though not in proportion). It is development material (the rules are developed on it); the test corpus
is never run through it.
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TIMES = ("pickup_t", "beep_t", "greeting_end_t", "silence_before_s", "seconds")


def scaled_item(item: dict[str, Any], rate: float) -> dict[str, Any]:
    """A manifest item with every truth time as it falls in audio played at `rate` times its speed."""
    if rate <= 0:
        raise ValueError(f"the rate must be above 0, got {rate}")

    def at(t: float | None) -> float | None:
        return None if t is None else round(t / rate, 3)

    scaled = copy.deepcopy(item)
    for key in TIMES:
        if key in scaled:
            scaled[key] = at(scaled[key])
    scaled["segments"] = [{**s, "start": at(s["start"]), "end": at(s["end"])} for s in item.get("segments", [])]
    for announcement in scaled.get("meta", {}).get("announcements") or []:
        announcement["t"] = at(announcement["t"])
    scaled.setdefault("meta", {})["rate"] = rate
    return scaled


def build(corpus: Path, out: Path, rate: float) -> int:
    """Write the answers of `corpus` at `rate` into `out`; the number of scenes written."""
    if shutil.which("sox") is None:
        sys.exit("sox is missing: install it (make debs)")
    manifest_path = corpus / "manifest.json"
    if not manifest_path.is_file():
        sys.exit(f"{manifest_path} is missing: build the development corpus first (make listen-devcorpus)")
    manifest = json.loads(manifest_path.read_text())
    out.mkdir(parents=True, exist_ok=True)
    items = []
    for item in manifest["items"]:
        if item["kind"] != "amd":
            continue
        # -D: no dither, so the same corpus and rate give the same files; -s: tuned for speech
        subprocess.run(["sox", "-D", str(corpus / item["file"]), str(out / item["file"]), "tempo", "-s", str(rate)],
                       check=True)
        items.append(scaled_item(item, rate))
    (out / "manifest.json").write_text(json.dumps({**manifest, "items": items, "rate": rate}, indent=1) + "\n")
    return len(items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "build" / "listen-devcorpus")
    parser.add_argument("--rate", type=float, default=0.8, help="speed factor: below 1 slower, above 1 faster")
    parser.add_argument("--out", type=Path, help="default: <corpus>-rate<rate>")
    args = parser.parse_args()
    if not 0.5 <= args.rate <= 2.0:
        sys.exit(f"--rate must be between 0.5 and 2.0 (sox tempo), got {args.rate}")
    out = args.out or args.corpus.with_name(f"{args.corpus.name}-rate{args.rate:g}")
    print(f"wrote {build(args.corpus, out, args.rate)} answer scenes at {args.rate:g}x into {out}")


if __name__ == "__main__":
    main()
