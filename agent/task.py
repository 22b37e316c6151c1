"""What the principal wants from a call: the goal, the party, and the facts they authorized."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from agent.errors import TaskFileError

_FACT_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_TASK_KEYS = {"goal", "party", "number", "facts", "on_machine", "machine_message"}
MACHINE_POLICIES = ("leave_message", "hang_up")  # what to do when an answering machine answers


@dataclass(frozen=True)
class Task:
    """The job for one call; only `goal` and `facts` may ever be said to the other party."""

    goal: str  # in the principal's words, e.g. "Book a table for 4 tomorrow at 7:30 pm"
    party: str = ""  # who we are calling, e.g. "Luigi's"
    number: str = ""  # optional default destination
    facts: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
    on_machine: str = "leave_message"  # one of MACHINE_POLICIES
    machine_message: str = ""  # the principal's own words for a voicemail; "" = built from the goal

    def fact(self, key: str) -> str | None:
        """An authorized fact, or None."""
        return self.facts.get(key)


def parse_fact(text: str) -> tuple[str, str]:
    """Parse one `--fact key=value` option."""
    key, sep, value = text.partition("=")
    key = key.strip().lower()
    if not sep:
        raise TaskFileError(f"--fact {text!r}: expected key=value, e.g. --fact name='Alex Smith'")
    _check_fact(key, value.strip(), f"--fact {text!r}")
    return key, value.strip()


def _check_fact(key: str, value: Any, where: str) -> None:
    if not _FACT_KEY.match(key):
        raise TaskFileError(f"{where}: fact name {key!r} must be lower_snake_case letters and digits")
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise TaskFileError(f"{where}: fact {key!r} must be text or a number, got {type(value).__name__}")
    if not str(value).strip():
        raise TaskFileError(f"{where}: fact {key!r} is empty")


def build_task(
    goal: str,
    *,
    party: str = "",
    number: str = "",
    facts: dict[str, Any] | None = None,
    on_machine: str = "leave_message",
    machine_message: str = "",
) -> Task:
    """Validate and freeze a task."""
    if not goal or not goal.strip():
        raise TaskFileError("the task has no goal: say what the call should achieve (--task or goal = ...)")
    policy = on_machine.strip().lower().replace("-", "_")
    if policy not in MACHINE_POLICIES:
        raise TaskFileError(f"on_machine {on_machine!r}: expected one of {', '.join(MACHINE_POLICIES)}")
    clean: dict[str, str] = {}
    for key, value in (facts or {}).items():
        _check_fact(key, value, "facts")
        clean[key] = str(value).strip()
    return Task(
        goal=goal.strip(),
        party=party.strip(),
        number=number.strip(),
        facts=MappingProxyType(clean),
        on_machine=policy,
        machine_message=machine_message.strip(),
    )


def load_task_file(path: Path) -> dict[str, Any]:
    """Read a task TOML file into plain values, naming any unknown or malformed key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise TaskFileError(f"{path}: task file not found") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TaskFileError(f"{path}: not valid TOML: {exc}") from exc
    for key, value in data.items():
        if key not in _TASK_KEYS:
            raise TaskFileError(f"{path}: unknown key {key!r} (expected {', '.join(sorted(_TASK_KEYS))})")
        if key == "facts":
            if not isinstance(value, dict):
                raise TaskFileError(f"{path}: 'facts' must be a table ([facts])")
            for fact_key, fact_value in value.items():
                _check_fact(fact_key, fact_value, f"{path}: facts.{fact_key}")
        elif not isinstance(value, str):
            raise TaskFileError(f"{path}: {key!r} must be a string, got {type(value).__name__}")
    return data


def merge_task(
    file_data: dict[str, Any] | None,
    goal: str | None,
    facts: list[str],
    number: str | None = None,
    on_machine: str | None = None,
) -> Task:
    """Combine a task file with command-line options; the command line wins."""
    data = dict(file_data or {})
    merged_facts = {k: str(v) for k, v in dict(data.get("facts", {})).items()}
    for item in facts:
        key, value = parse_fact(item)
        merged_facts[key] = value
    return build_task(
        goal or data.get("goal", ""),
        party=data.get("party", ""),
        number=number or data.get("number", ""),
        facts=merged_facts,
        on_machine=on_machine or data.get("on_machine", "leave_message"),
        machine_message=data.get("machine_message", ""),
    )
