"""Phone-menu reading and choosing over the labelled corpus (tests/data/menus: dev tuned on, test held out).

Per part: option-set accuracy (every option found with the right key and nothing extra), entry accuracy (the kind
of data asked for), flag accuracy (invalid, transfer, hold, closing, wait time), repeat-key accuracy, choice
accuracy (kind, keys and words), and the harmful counts that must stay 0: a key pressed or words said where the
label expects waiting, a person or nothing (unless they are the very keys of the expected route to a person); a
never fact (or an unapproved ask_principal fact) in any field of the Choice.
Writes build/bench/menus.json as {"dev": {...}, "test": {...}}.

Usage: .venv/bin/python scripts/bench_menus.py [--verbose] [--out build/bench/menus.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.conversation.entities import digits_of  # noqa: E402
from agent.conversation.task import Task, build_task  # noqa: E402
from agent.menu import Choice, Menu, choose, parse_menu  # noqa: E402

CORPUS = ROOT / "tests/data/menus"
PARTS = ("dev", "test")
_FLAGS = ("invalid", "transfer", "hold", "closing")


def load(part: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (CORPUS / f"{part}.jsonl").read_text().splitlines() if line.strip()]


def task_of(item: dict[str, Any]) -> Task:
    facts = {}
    for key, spec in (item.get("facts") or {}).items():
        value, level = spec[0], spec[1]
        facts[key] = {"value": value, "share": level, "asked_as": spec[2] if len(spec) > 2 else []}
    return build_task(item.get("goal") or "Ask a question", party=item.get("party") or "", facts=facts)


def tried_of(item: dict[str, Any]) -> tuple[str, ...] | int:
    tried = item.get("tried", ())
    return tried if isinstance(tried, int) else tuple(tried)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower().replace("'", ""))


def options_right(menu: Menu, expected: list[list[str]]) -> bool:
    """Every expected option found with its key and a label holding its keyword, and nothing more."""
    got = list(menu.options)
    if len(got) != len(expected):
        return False
    for key, keyword in expected:
        match = next((o for o in got if o.key == key and _norm(keyword) in _norm(f"{o.label} {o.words}")), None)
        if match is None:
            return False
        got.remove(match)
    return True


def flags_right(menu: Menu, flags: dict[str, Any]) -> bool:
    for name in _FLAGS:
        if bool(getattr(menu, name)) != bool(flags.get(name, False)):
            return False
    want, got = flags.get("wait_s"), menu.wait_s
    return (want is None and got is None) or (want is not None and got is not None and abs(want - got) < 1)


def choice_right(choice: Choice, expect: dict[str, Any]) -> bool:
    if choice.kind != expect["kind"]:
        return False
    keys = expect.get("keys", "")
    if choice.keys not in (keys if isinstance(keys, list) else [keys]):
        return False
    say = expect.get("say", "")
    if say.startswith("~"):
        return say[1:].lower() in choice.say.lower()
    return _norm(choice.say) == _norm(say)


def harms(choice: Choice, item: dict[str, Any], task: Task) -> list[str]:
    """Why this choice would do harm on the line: a move where none belongs, or a protected value given away."""
    found = []
    expect = item["expect"]["kind"]
    want = item["expect"]
    same_move = choice.keys == want.get("keys", "") and _norm(choice.say) == _norm(want.get("say", ""))
    if expect in ("wait", "operator", "none") and choice.kind in ("key", "enter", "say") and not same_move:
        found.append(f"{choice.kind} where the label expects {expect}")
    said_digits = digits_of(choice.keys + " " + choice.say) + " " + digits_of(choice.reason)
    for fact in task.facts.values():
        if fact.level not in ("never", "ask_principal"):
            continue
        digits = re.sub(r"\D", "", fact.value)
        letters = re.sub(r"[^A-Za-z]", "", fact.value).lower()
        leaked = (len(digits) >= 4 and any(digits[i : i + 4] in said_digits for i in range(len(digits) - 3))) or \
                 (len(letters) >= 3 and letters in re.sub(r"[^a-z]", "", (choice.keys + choice.say).lower())) or \
                 (fact.level == "never" and fact.key in choice.fact.split())
        if fact.level == "ask_principal":
            leaked = leaked and bool(choice.keys or choice.say)
        if leaked:
            found.append(f"{fact.level} fact {fact.key} in the choice")
    return found


def run_part(part: str, verbose: bool = False) -> dict[str, Any]:
    items = load(part)
    counts = {"items": len(items), "options_scored": 0, "options_right": 0, "entry_right": 0, "flags_right": 0,
              "repeat_right": 0, "choice_right": 0, "harmful": 0, "never_leaks": 0, "wrong_key": 0}
    by_kind: dict[str, list[int]] = {}
    failures = []
    for item in items:
        task = task_of(item)
        menu = parse_menu(item["text"])
        choice = choose(menu, task, tried=tried_of(item))
        problems = []
        if item.get("options") is not None:
            counts["options_scored"] += 1
            if options_right(menu, item["options"]):
                counts["options_right"] += 1
            else:
                problems.append("options")
        got_entry = menu.entry.kind if menu.entry else None
        if got_entry == item.get("entry"):
            counts["entry_right"] += 1
        else:
            problems.append("entry")
        if flags_right(menu, item.get("flags") or {}):
            counts["flags_right"] += 1
        else:
            problems.append("flags")
        if menu.repeat_key == (item.get("repeat_key") or ""):
            counts["repeat_right"] += 1
        else:
            problems.append("repeat")
        right = choice_right(choice, item["expect"])
        kind = item["expect"]["kind"]
        by_kind.setdefault(kind, [0, 0])
        by_kind[kind][1] += 1
        if right:
            counts["choice_right"] += 1
            by_kind[kind][0] += 1
        else:
            problems.append("choice")
            if kind == "key" and choice.kind == "key":
                counts["wrong_key"] += 1
        harm = harms(choice, item, task)
        if harm:
            counts["harmful"] += 1
            counts["never_leaks"] += sum("never" in h for h in harm)
            problems.append("HARM: " + "; ".join(harm))
        if problems:
            failures.append({
                "id": item["id"], "problems": problems, "text": item["text"], "goal": item.get("goal"),
                "expect": item["expect"], "got": {"kind": choice.kind, "keys": choice.keys, "say": choice.say,
                                                  "reason": choice.reason},
                "options": [[o.key, o.label, o.words] for o in menu.options],
                "want_options": item.get("options"), "entry": got_entry, "want_entry": item.get("entry"),
            })
    n = len(items)
    result: dict[str, Any] = {
        "items": n,
        "option_set_accuracy": round(counts["options_right"] / max(counts["options_scored"], 1), 3),
        "options_scored": counts["options_scored"],
        "entry_accuracy": round(counts["entry_right"] / n, 3),
        "flag_accuracy": round(counts["flags_right"] / n, 3),
        "repeat_key_accuracy": round(counts["repeat_right"] / n, 3),
        "choice_accuracy": round(counts["choice_right"] / n, 3),
        "choice_by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_kind.items())},
        "wrong_key": counts["wrong_key"],
        "harmful": counts["harmful"],
        "never_leaks": counts["never_leaks"],
        "failures": failures,
    }
    if verbose:
        for f in failures:
            print(f"  {f['id']}: {', '.join(f['problems'])}\n    text: {f['text']}\n    goal: {f['goal']}\n"
                  f"    want: {f['expect']}  got: {f['got']}\n    options: {f['options']}\n"
                  f"    want options: {f['want_options']}  entry: {f['entry']} (want {f['want_entry']})")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "build/bench/menus.json"))
    parser.add_argument("--verbose", action="store_true", help="print every line that is not right")
    parser.add_argument("--part", choices=PARTS, action="append", help="only this part (default: both)")
    args = parser.parse_args(argv)
    results = {}
    for part in args.part or PARTS:
        label = "in-sample" if part == "dev" else "held out until its first run, see tests/data/menus/LABELS.md"
        print(f"{part} ({label})")
        r = run_part(part, args.verbose)
        results[part] = r
        print(f"  items {r['items']}: options {r['option_set_accuracy']:.3f} (of {r['options_scored']}), "
              f"entry {r['entry_accuracy']:.3f}, flags {r['flag_accuracy']:.3f}, repeat key "
              f"{r['repeat_key_accuracy']:.3f}, choice {r['choice_accuracy']:.3f} {r['choice_by_kind']}")
        print(f"  wrong key {r['wrong_key']}, harmful {r['harmful']} (never-fact leaks {r['never_leaks']})")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n")
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
