"""Phone-menu calls end to end, shared by `make bench-ivr` and tests/e2e/test_menu_scenarios.py: the real agent
(`taskcall dial`, its own process) registers to kamailio, which routes the number to the far-end simulator
playing an IVR scenario; each call is scored from both ends.

Scores (per scenario): success (the expected outcome, and the simulator's own log agrees), seconds from the
answer to a person, wrong keys (inputs the menu rejected or that did not serve the task, references not
recognised), words the agent spoke while a recording or a hold was playing (from the simulator's
transcripts of the agent's audio; a stretch of agent audio without words counts as one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.farend_process import ROOT, FarEndProcess
from tests.e2e.agent_process import AgentRun, dial, write_config
from tests.e2e.peers import Kamailio

USER, PASSWORD = "taskcall", "s3cret"
NUMBER = "+15550190"
PRINCIPAL = "Alex Smith"
TASKS = ROOT / "scripts" / "scenarios" / "tasks"


@dataclass(frozen=True)
class IvrScenario:
    """A menu scenario, the outcomes that count as its success, and what the principal types if asked."""

    name: str
    expect: tuple[str, ...]
    principal: str | None = None  # stdin for the terminal escalator
    timeout_s: float = 420


SCENARIOS = (
    IvrScenario("airline_menu", ("changed",), principal="Yes, the later flight is fine.\n"),
    IvrScenario("doctor_speech_menu", ("booked",)),
    IvrScenario("loop_until_zero", ("answered",)),
    IvrScenario("dead_end", ("menu-dead-end",)),
    IvrScenario("utility_no_speak", ("booked",), principal="Yes, please set up the payment plan.\n"),
)
BY_NAME = {s.name: s for s in SCENARIOS}


@dataclass
class IvrRun:
    """One finished call: the agent's side and the simulator's log."""

    scenario: IvrScenario
    agent: AgentRun
    far_log: list[dict[str, Any]]


def run_scenario(name: str, work: Path) -> IvrRun:
    """Dial the scenario's number through kamailio with its task file (scripts/scenarios/tasks/NAME.toml)."""
    scenario = BY_NAME[name]
    with FarEndProcess(name, work / "farend") as far, \
            Kamailio(USER, PASSWORD, routes={NUMBER: far.uri}, workdir=work / "trunk") as trunk:
        config = write_config(work / "agent", trunk=trunk.address, principal=PRINCIPAL)
        agent = dial(NUMBER, config, "--task-file", str(TASKS / f"{name}.toml"), password=PASSWORD,
                     stdin=scenario.principal, timeout=scenario.timeout_s)
        far.wait(30)
        return IvrRun(scenario, agent, far.entries())


def completed(far_log: list[dict[str, Any]]) -> bool:
    """The simulator ran its scenario to the end (or through its own hang-up)."""
    return bool(next((e for e in far_log if e["event"] == "scenario-end"), {}).get("completed"))


def wrong_keys(far_log: list[dict[str, Any]]) -> int:
    """Inputs a menu rejected or that did not serve the task, and references that were not recognised."""
    rejected = sum(e["event"] == "menu-invalid" for e in far_log)
    off_path = sum(e["event"] == "menu-input" and e.get("right") is False for e in far_log)
    bad_entries = sum(e["event"] == "collected" and e.get("expected") and not e.get("ok") for e in far_log)
    return rejected + off_path + bad_entries


def words_on_recordings(far_log: list[dict[str, Any]]) -> tuple[int, list[str]]:
    """Words the agent spoke over a recording, a prompt or the hold, until a person came on (the end of the
    last queue hold, or the first listen step that heard it); and what it said (the simulator transcribes the
    agent's audio during menus, collects, holds and silences)."""
    spoken: list[str] = []
    count = 0
    holds = [i for i, e in enumerate(far_log) if e["event"] == "hold"]
    end = holds[-1] + 1 if holds else len(far_log)  # the queue's end: a person from there on
    for e in far_log[:end]:
        if e["event"] == "heard":
            break  # a listen step heard the agent: it is talking with a person from here on
        if e["event"] == "ivr-heard" and e.get("used"):
            continue  # its answer to a speech menu or a spoken reference: what the prompt asked for
        if e["event"] in ("ivr-heard", "hold", "silence") and e.get("text"):
            spoken.append(e["text"])
            count += len(re.findall(r"[\w']+", e["text"]))
        elif e["event"] in ("said", "played", "announced", "hold") and e.get("agent_talked"):
            spoken.append(f"(agent audio during {e['event']} {str(e.get('text', ''))[:50]!r})")
            count += 1
    return count, spoken


def seconds_to_person(run: IvrRun) -> float | None:
    """From the answer to the agent's finding a person (a pick-up after hold, or a person answering)."""
    lines = run.agent.transcript() if run.agent.calls() else []
    answered = next((line["t"] for line in lines if line["speaker"] == "system" and line["text"] == "answered"), None)
    person = next((line["t"] for line in lines if line["speaker"] == "system"
                   and ("person picked up" in line["text"] or "answered by a person" in line["text"])), None)
    if answered is None or person is None:
        return None
    return round(person - answered, 1)


def score(run: IvrRun) -> dict[str, Any]:
    """The bench's row for one call."""
    summary = run.agent.summary() if run.agent.calls() else {"outcome": "no-call", "reason": run.agent.output[-300:]}
    words, spoken = words_on_recordings(run.far_log)
    outcome = summary.get("outcome", "")
    # A dead end succeeds when the agent gives up by itself; the simulator's scenario need not complete.
    far_ok = completed(run.far_log) or run.scenario.expect == ("menu-dead-end",)
    details = summary.get("details", {})
    return {
        "name": run.scenario.name,
        "success": outcome in run.scenario.expect and far_ok,
        "seconds_to_person": seconds_to_person(run),
        "wrong_keys": wrong_keys(run.far_log),
        "words_on_hold": words,
        "outcome": outcome,
        "reason": summary.get("reason", ""),
        "far_end_completed": completed(run.far_log),
        "menu_path": details.get("menu_path", ""),
        "keys_sent": details.get("keys_sent", ""),
        "dtmf_method": details.get("dtmf_method", ""),
        "spoken_on_recordings": spoken,
        "talk_s": summary.get("talk_s"),
    }
