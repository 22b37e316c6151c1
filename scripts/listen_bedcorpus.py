"""The development corpus's people answering from a noisy room: who answered, and no hold, with a bed under them.

`python scripts/listen_bedcorpus.py [--corpus build/listen-devcorpus] [--level -40] [--out DIR]` writes every
person's answer scene (kind "amd", answer "person") of the development corpus (scripts/listen_devcorpus.py) four
times, once under each of the simulator's room beds (scripts/farend.py: a radio playing music, a kitchen, a
workshop, a street), mixed at `level` dBFS RMS under the whole scene and AMD_TAIL_S more of its line, and a
manifest.json in the same format. scripts/bench_listen.py reads it as a development corpus (`--sections
development --dev-corpus DIR`); `make bench-listen-beds` runs it at -40 dBFS (a radio or a kitchen behind a
counter, about 20 dB under the voices) and -35 dBFS (a loud one, 10-15 dB under them).

Why: a person who picks up in a shop, a café or a kitchen has its sound under their greeting and under their
silence after it. A bed must not make them a machine (talks-on), and music under them must not be taken for a
queue's hold music, after which the call would say nothing to them. Only people get a bed: a recording's line
is its own. The frame labels of the source scenes do not describe the bed, so the scenes carry none (no frame
accuracy is scored). Development material, like the corpus it is made from; the test corpus is never run through it.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BEDS = ("radio", "kitchen", "workshop", "street")


def build(corpus: Path, out: Path, level: float) -> int:
    """Write the person answers of `corpus` under each bed at `level` dBFS into `out`; the number of scenes."""
    import numpy as np

    from agent.audio import read_wav_8k, write_wav
    from scripts.bench_listen import AMD_TAIL_S, line_goes_on, truth_answer
    from scripts.farend import make_bed

    manifest_path = corpus / "manifest.json"
    if not manifest_path.is_file():
        sys.exit(f"{manifest_path} is missing: build the development corpus first (make listen-devcorpus)")
    manifest = json.loads(manifest_path.read_text())
    people = [i for i in manifest["items"] if i["kind"] == "amd" and truth_answer(i) == "person"]
    out.mkdir(parents=True, exist_ok=True)
    items: list[dict[str, Any]] = []
    for b, kind in enumerate(BEDS):
        bed = make_bed([kind], level, seed=11 + b, seconds=60.0)  # a seamless loop, longer than any scene
        for n, item in enumerate(people):
            # The scene and the line after it (the bench adds noise at the level of the file's end, which would
            # be the bed's level but not the bed): the bed plays under both, from its own place in the loop.
            pcm = line_goes_on(read_wav_8k(corpus / item["file"]), AMD_TAIL_S, seed=n)
            under = np.roll(np.resize(bed, len(pcm)), -int(n * 2.3 * 8000))
            mixed = np.clip(pcm.astype(np.int32) + under, -32768, 32767).astype(np.int16)
            name = f"{Path(item['file']).stem}-{kind}.wav"
            write_wav(out / name, mixed, 8000)
            scene = copy.deepcopy(item)
            scene.update(file=name, seconds=round(len(mixed) / 8000, 2), segments=[], answer="person")
            scene.setdefault("meta", {})["bed"] = {"kind": kind, "level_dbfs": level}
            items.append(scene)
    (out / "manifest.json").write_text(json.dumps({**manifest, "items": items, "robustness": [],
                                                   "bed_level_dbfs": level}, indent=1) + "\n")
    return len(items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "build" / "listen-devcorpus")
    parser.add_argument("--level", type=float, default=-40.0, help="the bed's RMS level in dBFS")
    parser.add_argument("--out", type=Path, help="default: <corpus>-bed<level>")
    args = parser.parse_args()
    if not -60.0 <= args.level <= -20.0:
        sys.exit(f"--level must be between -60 and -20 dBFS, got {args.level:g}")
    out = args.out or args.corpus.with_name(f"{args.corpus.name}-bed{abs(args.level):g}")
    written = build(args.corpus, out, args.level)
    print(f"wrote {written} person answers under room beds at {args.level:g} dBFS into {out}")


if __name__ == "__main__":
    main()
