"""Who answered, from the words alone: the answer cues over wording that neither listen corpus uses.

tests/data/listen/answer_wording.jsonl holds 80 answers (business hosts, residential "Hello?", voicemail
greetings, carrier voicemail and intercepts, phone menus, call screening), written from how phones speak and
split before any check ran on them: the "development" half may be tuned on, the "test" half is held out.

Each answer is read sentence by sentence, as STT hands the greeting over at its pauses: the first sentence whose
cues make a recording class (agent.line.amd's own rule) decides it; otherwise the words leave it to timing. A
person is right when no recording class came; the other classes when theirs did. This is the wording half of
`make bench-listen` without the audio: it says whether a miss there comes from the rules or from what STT heard.

    python scripts/bench_answer_wording.py [--out build/bench/answer_wording.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from agent.line.amd import recording_kind  # noqa: E402
from agent.line.cues import STRONG_PERSON_CUES, Cue, cues_in, emergency_only, reached_only  # noqa: E402

DATA = ROOT / "tests" / "data" / "listen" / "answer_wording.jsonl"
PARTS = ("test", "development")  # test figures first


def load(path: Path = DATA) -> list[dict[str, Any]]:
    """The answers, each {"part", "answer", "sentences"}; a bad line is named."""
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        item = json.loads(line)
        if item.get("part") not in PARTS or item.get("answer") not in ("person", "machine", "menu", "screening") \
                or not item.get("sentences"):
            raise ValueError(f"{path}:{n}: needs part (test/development), answer and sentences")
        items.append(item)
    return items


def words_decide(sentences: list[str]) -> str:
    """The answer class the first deciding sentence makes, or "timing" when the words leave it open.

    A recording's opening that a menu shares ("You've reached Lotus Spa.", "If this is an emergency, dial 911.")
    leaves it to the next sentence; when none decides, the pause after the greeting makes it a machine (the
    classifier's "reached-and-paused" and "notice-and-paused"), unless the last sentence waits for an answer
    ("... how can I help?")."""
    opened = False
    found: set[Cue] = set()
    for sentence in sentences:
        found = cues_in(sentence)
        kind = recording_kind(found, sentence)
        if kind == "machine" and (reached_only(sentence, found) or emergency_only(sentence, found)):
            opened = True
            continue
        if kind is not None:
            return kind
    return "machine" if opened and not found & STRONG_PERSON_CUES else "timing"


def right(answer: str, decided: str) -> bool:
    return decided == "timing" if answer == "person" else decided == answer


def score(items: list[dict[str, Any]]) -> dict[str, Any]:
    confusion: Counter[tuple[str, str]] = Counter()
    misses = []
    for item in items:
        decided = words_decide(item["sentences"])
        confusion[(item["answer"], decided)] += 1
        if not right(item["answer"], decided):
            misses.append({"answer": item["answer"], "decided": decided, "sentences": item["sentences"]})
    persons = [i for i in items if i["answer"] == "person"]
    return {
        "answers": len(items),
        "right": len(items) - len(misses),
        "accuracy": round((len(items) - len(misses)) / len(items), 3) if items else None,
        "person_as_recording": sum(n for (a, d), n in confusion.items() if a == "person" and d != "timing"),
        "persons": len(persons),
        "confusion": {f"{a}->{d}": n for (a, d), n in sorted(confusion.items())},
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench" / "answer_wording.json")
    args = parser.parse_args(argv)
    items = load()
    result: dict[str, Any] = {"meta": {"date": datetime.now(UTC).isoformat(timespec="seconds"), "data": str(DATA)}}
    for part in PARTS:
        section = score([i for i in items if i["part"] == part])
        result[part] = section
        print(f"{part:12s} right {section['right']}/{section['answers']} ({section['accuracy']}), "
              f"a person read as a recording {section['person_as_recording']}/{section['persons']}")
        for miss in section["misses"]:
            print(f"    {miss['answer']} read as {miss['decided']}: {' / '.join(miss['sentences'])}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
