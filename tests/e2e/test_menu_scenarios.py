"""Phone menus end to end: the real agent through kamailio against the far-end simulator playing an airline's
three-level menu with a booking reference and a two-minute queue, a doctor's speech menu, a utility menu only 0
leaves, a lost-and-found with no person behind it, and a slow keys-only gas menu. Judged from both ends: the
agent's outcome and report, and the simulator's log of the keys it received and the words it heard."""

from __future__ import annotations

from typing import Any

import pytest

from scripts.ivr_calls import IvrRun, run_scenario, score

pytestmark = pytest.mark.e2e


def _of(far_log: list[dict[str, Any]], event: str) -> list[dict[str, Any]]:
    return [e for e in far_log if e["event"] == event]


def _inputs(run: IvrRun) -> list[str]:
    return [e["input"] for e in _of(run.far_log, "menu-input")]


def _check(run: IvrRun) -> dict[str, Any]:
    row = score(run)
    context = (row, run.agent.output)
    assert row["success"], context
    assert row["words_on_hold"] == 0, context  # never a word to a recording, a prompt or the hold
    return row


@pytest.mark.slow
def test_airline_menu_three_levels_a_reference_and_a_queue(tmp_path):
    run = run_scenario("airline_menu", tmp_path)
    row = _check(run)
    inputs = _of(run.far_log, "menu-input")
    # The right way is 2 (existing reservation), 1 (change a flight), 1 (domestic). Whisper tiny sometimes
    # loses a word at a prompt's edge ("or a new booking, press 1 for an existing reservation", the last
    # "press 2" of "... domestic travel, press 1, for international travel"), which puts a label on the wrong
    # key; the menu then comes back and the agent corrects itself. A few wasted keys are counted by
    # make bench-ivr; here the right path must be taken in the end and little wasted on the way.
    keys = iter(_inputs(run))
    assert all(any(k == want for k in keys) for want in ("2", "1", "1")), (inputs, run.agent.output)
    assert row["wrong_keys"] <= 3, (inputs, run.agent.output)
    collected = _of(run.far_log, "collected")
    assert collected and collected[-1]["ok"] and collected[-1]["digits"] == "482913", collected
    assert not any(e["agent_talked"] for e in _of(run.far_log, "announced")), run.far_log
    assert "wait" in run.agent.output.lower() and "2 minutes" in run.agent.output, run.agent.output  # noted wait
    assert row["seconds_to_person"] is not None and row["seconds_to_person"] > 130, row  # the whole queue waited


def test_doctor_speech_menu_short_hold_and_a_booking(tmp_path):
    run = run_scenario("doctor_speech_menu", tmp_path)
    row = _check(run)
    first = _of(run.far_log, "menu-input")[0]
    assert first["right"] and row["wrong_keys"] == 0, first


@pytest.mark.slow
def test_a_menu_that_loops_is_left_by_zero(tmp_path):
    run = run_scenario("loop_until_zero", tmp_path)
    _check(run)
    assert _inputs(run)[-1] == "0", (_of(run.far_log, "menu-input"), run.agent.output)
    assert len(_inputs(run)) <= 4, _inputs(run)  # the loop is noticed, not walked for minutes


def test_a_dead_end_is_given_up_cleanly_and_reported(tmp_path):
    run = run_scenario("dead_end", tmp_path)
    row = _check(run)
    assert run.agent.returncode != 0 and "path" in row["reason"], row
    assert "menu" in run.agent.output.lower(), run.agent.output


@pytest.mark.slow
def test_a_keys_only_utility_menu_is_never_spoken_to(tmp_path):
    run = run_scenario("utility_no_speak", tmp_path)
    row = _check(run)
    assert _inputs(run) == ["4"] and row["wrong_keys"] == 0, (_of(run.far_log, "menu-input"), run.agent.output)
    collected = _of(run.far_log, "collected")
    assert collected and collected[-1]["ok"] and collected[-1]["digits"] == "88123456", collected
    assert not [e for e in _of(run.far_log, "ivr-heard")], _of(run.far_log, "ivr-heard")
