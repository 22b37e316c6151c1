"""What the principal wants from a call: the goal, what counts as done, the facts and how freely each may be
shared, and what the agent may accept alone.

Built once before dialling (task file + command line) and frozen; every error names the key that is wrong.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from agent.conversation import constraints
from agent.conversation.constraints import Accept
from agent.conversation.slots import derive_facts
from agent.errors import TaskFileError

_FACT_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_TASK_KEYS = {"goal", "party", "number", "facts", "on_machine", "machine_message", "done_when", "bring_back",
              "accept", "persona"}
_FACT_TABLE_KEYS = {"value", "share", "asked_as"}
_PERSONA_KEYS = {"on_behalf_of", "disclosure"}
MACHINE_POLICIES = ("leave_message", "hang_up")  # what to do when an answering machine answers
LEVELS = ("share", "if_asked", "ask_principal", "never")
DONE_WHEN = ("booked", "changed", "cancelled", "reserved", "answered", "message_left")
BRING_BACK = ("confirmation_code", "reference_number", "answer", "price", "date", "time")
DEFAULT_DISCLOSURE = "I'm an AI assistant."
# The goal's first verb says what counts as done when the task file does not.
_GOAL_VERBS = (
    (r"\b(cancel|call off)\b", "cancelled"),
    (r"\b(change|move|reschedule|switch|rebook|push back|bring forward)\b", "changed"),
    (r"\b(reserve|hold|put aside|set aside)\b", "reserved"),
    (r"\b(ask|find out|check|see if|see whether|enquire|inquire|how much|whether|what|when|is there|are there|"
     r"do they)\b", "answered"),
    (r"\b(book|schedule|make|get|order|arrange|set up)\b", "booked"),
)


@dataclass(frozen=True)
class Fact:
    """One piece of the principal's information and how freely it may be said."""

    key: str
    value: str
    level: str = "share"  # one of LEVELS
    asked_as: tuple[str, ...] = ()  # phrases a business uses to ask for a custom fact ("policy number")


@dataclass(frozen=True)
class Persona:
    """On whose behalf the agent calls, and the sentence that says it is an AI ("" = not said)."""

    on_behalf_of: str = ""  # "" = the configured principal's name
    disclosure: str = DEFAULT_DISCLOSURE


@dataclass(frozen=True)
class Task:
    """The job for one call. Only the goal and facts, at their levels, may ever be said to the other party."""

    goal: str  # in the principal's words, e.g. "Book a table for 4 tomorrow at 7:30 pm"
    party: str = ""  # who we are calling, e.g. "Luigi's"
    number: str = ""  # optional default destination
    facts: MappingProxyType[str, Fact] = field(default_factory=lambda: MappingProxyType({}))
    on_machine: str = "leave_message"  # one of MACHINE_POLICIES
    machine_message: str = ""  # the principal's own words for a voicemail; "" = built from the goal
    done_when: str = "booked"  # one of DONE_WHEN
    bring_back: tuple[str, ...] = ()  # what the call should return, from BRING_BACK
    accept: Accept = field(default_factory=Accept)
    persona: Persona = field(default_factory=Persona)

    def fact(self, key: str) -> str | None:
        """A fact that may be said without asking anyone (share or if_asked), or None."""
        found = self.facts.get(key)
        return found.value if found is not None and found.level in ("share", "if_asked") else None

    def values(self, *levels: str) -> dict[str, str]:
        """Fact values at the given levels (all levels when none are given)."""
        return {k: f.value for k, f in self.facts.items() if not levels or f.level in levels}

    def shared_facts(self) -> list[str]:
        """What `taskcall dial` prints before dialling: which facts may be said, at which level."""
        return [f"{k} ({f.level})" for k, f in self.facts.items() if f.level != "never"]


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


def make_fact(key: str, spec: Any, where: str) -> Fact:
    """A fact from a plain value (shared when relevant) or a table {value, share, asked_as}."""
    if not isinstance(spec, dict):
        _check_fact(key, spec, where)
        return Fact(key, str(spec).strip(), asked_as=_named_as(key))
    unknown = set(spec) - _FACT_TABLE_KEYS
    if unknown:
        raise TaskFileError(f"{where}: unknown key {sorted(unknown)[0]!r} (expected value, share, asked_as)")
    if "value" not in spec:
        raise TaskFileError(f"{where}: fact {key!r} has no value")
    _check_fact(key, spec["value"], where)
    level = spec.get("share", "share")
    if level not in LEVELS:
        raise TaskFileError(f"{where}.share: unknown level {level!r} (expected one of {', '.join(LEVELS)})")
    asked = spec.get("asked_as", [])
    if isinstance(asked, str):
        asked = [asked]
    if not isinstance(asked, list) or not all(isinstance(a, str) and a.strip() for a in asked):
        raise TaskFileError(f"{where}.asked_as: expected a list of phrases, e.g. [\"policy number\"]")
    return Fact(key, str(spec["value"]).strip(), level, tuple(a.strip().lower() for a in asked) or _named_as(key))


# Other names owners give the well-known facts: a fact named so is asked for as the well-known one is ("registration
# = 'KN19 XRT'" answers "what's the reg"), under the owner's own key.
_OTHER_NAMES = {
    "vehicle_reg": ("registration", "reg", "plate", "number_plate", "licence_plate", "license_plate", "car_reg",
                    "registration_number", "reg_number", "plates"),
    "date_of_birth": ("dob", "birthday", "birth_date", "birthdate", "born"),
    "phone": ("mobile", "cell", "telephone", "phone_number", "mobile_number", "cell_number", "tel", "landline"),
    "email": ("email_address", "e_mail", "mail"),
    "postcode": ("zip", "zip_code", "zipcode", "postal_code", "post_code", "eircode"),
    "name": ("full_name", "surname", "last_name", "family_name"),
    "booking_reference": ("reference", "booking_ref", "confirmation_number", "confirmation_code", "booking_number",
                          "booking_code", "reservation_number", "pnr"),
    "account_number": ("account", "account_no", "customer_number", "policy_number"),
    "member_id": ("membership_number", "member_number", "membership_id", "frequent_flyer_number", "loyalty_number"),
    "address": ("home_address", "street_address", "postal_address"),
}
_WELL_KNOWN_BY_OTHER_NAME = {other: known for known, others in _OTHER_NAMES.items() for other in others}


def _named_as(key: str) -> tuple[str, ...]:
    """A custom fact is asked for by its own name ("tracking_number": "the tracking number please"), or as the
    well-known fact it is another name for ("registration": "what's the reg"); the well-known ones have their cues in
    the reading."""
    from agent.conversation.reading import FACT_CUES

    if key in FACT_CUES:
        return ()
    if key in _WELL_KNOWN_BY_OTHER_NAME:
        return tuple(FACT_CUES[_WELL_KNOWN_BY_OTHER_NAME[key]])
    return () if "_" not in key else (key.replace("_", " "),)


def infer_done_when(goal: str) -> str:
    """What counts as done, read from the goal's verb ("Cancel my ..." -> cancelled); booked by default."""
    lowered = goal.lower()
    hits = [(m.start(), done) for pattern, done in _GOAL_VERBS for m in [re.search(pattern, lowered)] if m]
    return min(hits)[1] if hits else "booked"


def build_task(
    goal: str,
    *,
    party: str = "",
    number: str = "",
    facts: dict[str, Any] | None = None,
    on_machine: str = "leave_message",
    machine_message: str = "",
    done_when: str = "",
    bring_back: list[str] | tuple[str, ...] = (),
    accept: dict[str, Any] | None = None,
    persona: dict[str, Any] | None = None,
) -> Task:
    """Validate and freeze a task; a contradiction between the goal and the constraints is refused."""
    if not goal or not goal.strip():
        raise TaskFileError("the task has no goal: say what the call should achieve (--task or goal = ...)")
    policy = on_machine.strip().lower().replace("-", "_")
    if policy not in MACHINE_POLICIES:
        raise TaskFileError(f"on_machine {on_machine!r}: expected one of {', '.join(MACHINE_POLICIES)}")
    done = (done_when or infer_done_when(goal)).strip().lower()
    if done not in DONE_WHEN:
        raise TaskFileError(f"done_when {done_when!r}: expected one of {', '.join(DONE_WHEN)}")
    for item in bring_back:
        if item not in BRING_BACK:
            raise TaskFileError(f"bring_back: unknown item {item!r} (expected any of {', '.join(BRING_BACK)})")
    clean = {key: spec if isinstance(spec, Fact) else make_fact(key, spec, f"facts.{key}")
             for key, spec in (facts or {}).items()}
    rules = constraints.with_goal_unit_price(constraints.parse_accept(accept or {}), goal)
    if "time" not in derive_facts(goal) and not re.search(r"\b(?:between|from|after|before|until|by)\s+\d", goal, re.I):
        rules = constraints.with_goal_window(rules, goal)
    if done != "changed":  # "move my 9 am flight to the afternoon": the goal's time is the one being left
        constraints.check_goal_against(rules, goal)
    return Task(
        goal=goal.strip(),
        party=party.strip(),
        number=number.strip(),
        facts=MappingProxyType(clean),
        on_machine=policy,
        machine_message=machine_message.strip(),
        done_when=done,
        bring_back=tuple(bring_back),
        accept=rules,
        persona=_persona(persona or {}),
    )


def _persona(data: dict[str, Any]) -> Persona:
    unknown = set(data) - _PERSONA_KEYS
    if unknown:
        raise TaskFileError(f"persona: unknown key {sorted(unknown)[0]!r} (expected on_behalf_of, disclosure)")
    disclosure = data.get("disclosure", DEFAULT_DISCLOSURE)
    if disclosure is False:
        disclosure = ""
    if not isinstance(disclosure, str):
        raise TaskFileError("persona.disclosure: expected a sentence, or false to leave it out")
    behalf = data.get("on_behalf_of", "")
    if not isinstance(behalf, str):
        raise TaskFileError("persona.on_behalf_of: expected a name")
    return Persona(behalf.strip(), disclosure.strip())


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
        if key in ("facts", "accept", "persona"):
            if not isinstance(value, dict):
                raise TaskFileError(f"{path}: {key!r} must be a table ([{key}])")
        elif key == "bring_back":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise TaskFileError(f"{path}: 'bring_back' must be a list of strings")
        elif not isinstance(value, str):
            raise TaskFileError(f"{path}: {key!r} must be a string, got {type(value).__name__}")
    try:
        for fact_key, spec in data.get("facts", {}).items():
            make_fact(fact_key, spec, f"facts.{fact_key}")
        constraints.parse_accept(data.get("accept", {}))
        _persona(data.get("persona", {}))
    except TaskFileError as exc:
        raise TaskFileError(f"{path}: {exc.args[0]}") from None
    return data


def merge_task(
    file_data: dict[str, Any] | None,
    goal: str | None,
    facts: list[str],
    number: str | None = None,
    on_machine: str | None = None,
) -> Task:
    """Combine a task file with command-line options; the command line wins (a --fact keeps the file's level)."""
    data = dict(file_data or {})
    merged: dict[str, Any] = dict(data.get("facts", {}))
    for item in facts:
        key, value = parse_fact(item)
        old = merged.get(key)
        merged[key] = {**old, "value": value} if isinstance(old, dict) else value
    return build_task(
        goal or data.get("goal", ""),
        party=data.get("party", ""),
        number=number or data.get("number", ""),
        facts=merged,
        on_machine=on_machine or data.get("on_machine", "leave_message"),
        machine_message=data.get("machine_message", ""),
        done_when=data.get("done_when", ""),
        bring_back=data.get("bring_back", []),
        accept=data.get("accept", {}),
        persona=data.get("persona", {}),
    )
