"""The conversation core, end to end: the real agent through kamailio against the far-end simulator playing
businesses that refuse, offer alternatives, ask for a secret, chat, answer a question, ask for a date of birth,
or are fully booked. Each is judged from the far end's log (what it heard over RTP) and the agent's outcome."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from scripts.farend_process import ROOT, FarEndProcess
from tests.e2e.agent_process import AgentRun, dial, write_config
from tests.e2e.peers import Kamailio

pytestmark = pytest.mark.e2e
USER, PASSWORD = "taskcall", "s3cret"
NUMBER = "+15550177"
PRINCIPAL = "Maria Delgado"
TASKS = ROOT / "scripts" / "scenarios" / "tasks"
CARD = "4556 7375 8689 9855"
_DIGIT_WORDS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
                "seven": "7", "eight": "8", "nine": "9"}


def _call(tmp_path: Path, scenario: str, limits: dict[str, float] | None = None,
          timeout: float = 150) -> tuple[AgentRun, list[dict[str, Any]]]:
    """The scenario's own task file (scripts/scenarios/tasks/), dialled through the trunk."""
    task = TASKS / f"{scenario}.toml"
    with FarEndProcess(scenario, tmp_path / "farend") as far, \
            Kamailio(USER, PASSWORD, routes={NUMBER: far.uri}, workdir=tmp_path / "trunk") as trunk:
        config = write_config(tmp_path / "agent", trunk=trunk.address, limits=limits, principal=PRINCIPAL)
        run = dial(NUMBER, config, "--task-file", str(task), password=PASSWORD, timeout=timeout)
        far.wait(30)
        return run, far.entries()


def _heard(far_log: list[dict[str, Any]]) -> list[str]:
    return [e["text"].lower() for e in far_log if e["event"] == "heard"]


def _completed(far_log: list[dict[str, Any]]) -> bool:
    return bool(next((e for e in far_log if e["event"] == "scenario-end"), {}).get("completed"))


def _digits(text: str) -> str:
    words = re.findall(r"[a-z]+|\d", text.lower())
    return "".join(_DIGIT_WORDS.get(w, w) for w in words if w.isdigit() or w in _DIGIT_WORDS)


def test_alternatives_outside_the_window_are_not_taken_and_one_inside_is_booked(tmp_path):
    run, far_log = _call(tmp_path, "clinic_alternatives")
    heard = _heard(far_log)
    assert _completed(far_log), (far_log, run.output)
    assert run.returncode == 0 and run.summary()["outcome"] == "booked", run.output
    assert re.search(r"11[:.]?15", run.summary()["details"]["time"]), run.summary()
    # Never accepted 2:30 or 4 alone: it held for the principal, then took 11:15.
    assert not any(re.search(r"(two thirty|2[:.]30|four|\b4\b).*works", h) for h in heard), heard
    assert any("hold" in h or "check" in h for h in heard), heard
    assert "You:" not in run.output  # the principal was never needed for the answer inside the window


def test_a_never_fact_is_refused_and_never_said(tmp_path):
    run, far_log = _call(tmp_path, "card_never")
    heard = _heard(far_log)
    assert _completed(far_log), (far_log, run.output)
    assert run.summary()["outcome"] == "booked" and run.summary()["details"]["booking_code"] == "5512", run.output
    card = re.sub(r"\D", "", CARD)
    said = _digits(" ".join(heard))
    assert not any(card[i : i + 4] in said for i in range(len(card) - 3)), heard  # no 4 digits of the card
    assert "name (share)" in run.output and "never said: card_number" in run.output  # dial lists what is shared
    assert CARD not in run.output


def test_small_talk_gets_a_short_reply_and_the_booking_goes_on(tmp_path):
    run, far_log = _call(tmp_path, "salon_small_talk")
    heard = _heard(far_log)
    assert _completed(far_log), (far_log, run.output)
    assert run.summary()["outcome"] == "booked", (run.output, far_log)
    chat = heard[1]  # the reply to "Isn't the weather gorgeous today? How's your day going?"
    assert len(chat.split()) <= 12 and "0100" not in _digits(chat) and "delgado" not in chat, heard
    # Jo paused before the booking number (the first read-back waited for it and has it), misread it and corrected it
    # at the read-back: the corrected one is brought back.
    checks = [e["ok"] for e in far_log if e["event"] == "code-checked"]
    assert checks and checks[-1] and not checks[0], (checks, heard)
    assert run.summary()["details"]["booking_code"] == "3847", run.output


def test_a_stock_question_whose_answer_is_the_goal(tmp_path):
    run, far_log = _call(tmp_path, "stock_question")
    assert _completed(far_log), (far_log, run.output)
    summary = run.summary()
    assert run.returncode == 0 and summary["outcome"] == "answered", run.output
    assert summary["details"]["answer"] and summary["details"]["price"] == "6.50", summary  # brought back


def test_a_date_of_birth_shared_if_asked(tmp_path):
    run, far_log = _call(tmp_path, "clinic_date_of_birth")
    heard = _heard(far_log)
    assert _completed(far_log), (far_log, run.output)
    assert run.summary()["outcome"] == "booked", run.output
    assert not any("march" in h for h in heard[:1]), heard  # not volunteered in the opening
    assert any("march" in h or "1984" in _digits(h) for h in heard[1:]), heard


def test_fully_booked_never_ends_as_success(tmp_path):
    run, far_log = _call(tmp_path, "fully_booked")
    heard = _heard(far_log)
    assert run.returncode == 1 and run.summary()["outcome"] == "unavailable", run.output
    assert not any("perfect" in h or "booked" in h for h in heard), heard
