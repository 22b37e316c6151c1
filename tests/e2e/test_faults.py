"""Faults on real calls end in their defined outcome with complete records (scripts/fault_calls.py makes each
fault for real; `make bench-faults` runs the same and writes build/bench/faults.json).

Covered elsewhere, not repeated here: the registrar unreachable at start (test_calls.py::
test_unreachable_trunk), a BYE while the agent talks (test_calls.py::test_dropped_call_keeps_transcript_and_
recording), a hold by re-INVITE (test_line_scenarios.py::test_sip_hold_keeps_the_call_silently), thread
failures (test_thread_failures.py) and hostile SIP (test_hostile_sip.py)."""

from __future__ import annotations

import json

import pytest

from scripts import fault_calls
from scripts.fault_calls import FaultRun

pytestmark = pytest.mark.e2e


def _explain(run: FaultRun) -> str:
    return json.dumps(run.row(), indent=1) + "\n" + run.output[-3000:]


def test_at_5_percent_rtp_loss_and_60_ms_jitter_the_booking_still_succeeds(tmp_path):
    run = fault_calls.lossy_network(tmp_path, 0.05)
    assert run.as_expected and run.outcome == "booked", _explain(run)
    assert run.records_complete, _explain(run)
    assert 0.03 < run.detail["rtp_lost"] < 0.07 and run.detail["rtp_reordered"] > 0, run.detail  # the fault was real


@pytest.mark.slow
def test_at_15_percent_rtp_loss_the_call_ends_honestly(tmp_path):
    """The booking may or may not get through; what the agent reports must be true (never a wrong code)."""
    run = fault_calls.lossy_network(tmp_path, 0.15)
    assert run.as_expected, _explain(run)
    assert run.records_complete, _explain(run)


def test_the_trunk_killed_mid_call_leaves_the_call_to_finish(tmp_path):
    """The media flows end to end, not through the trunk: the booking goes on without it, and the call
    still ends (the far end's BYE, routed through the dead trunk, never comes)."""
    run = fault_calls.trunk_killed_mid_call(tmp_path)
    assert run.as_expected, _explain(run)
    assert run.records_complete, _explain(run)


def test_a_trunk_that_dies_after_registering_is_reported_unreachable_not_no_answer(tmp_path):
    run = fault_calls.trunk_dies_before_invite(tmp_path)
    assert run.as_expected, _explain(run)
    assert "no response at all to the INVITE" in run.output, run.output
    assert run.records_complete, _explain(run)


def test_a_codec_change_by_reinvite_mid_call_keeps_the_conversation(tmp_path):
    run = fault_calls.reinvite(tmp_path, "codec_change", ("booked",))
    assert run.as_expected, _explain(run)
    assert run.records_complete, _explain(run)


@pytest.mark.skipif(not fault_calls.can_mount_tmpfs(), reason="needs root to mount a small tmpfs")
def test_a_disk_that_fills_while_recording_stops_the_recording_not_the_call(tmp_path):
    run = fault_calls.disk_full(tmp_path)
    assert run.as_expected, _explain(run)
    assert run.records_complete, _explain(run)  # the recording up to the fault, whole frames, a true header


def test_kill_9_mid_call_leaves_readable_records_that_the_next_start_completes(tmp_path):
    run = fault_calls.kill_9(tmp_path)
    assert run.as_expected, _explain(run)
    assert run.records_complete, _explain(run)
