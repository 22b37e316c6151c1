"""Sending keys, judged by independent receivers: baresip (RFC 4733, and in-band tones in what it records),
SIPp (SIP INFO, and a callee that refuses it), a tshark capture of the RFC 4733 events on the wire and
multimon-ng decoding in-band tones from the captured RTP. The sender is a bare SipEngine in its own process
(tests/e2e/dtmf_sender.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from scripts.farend_process import ROOT
from tests.e2e.capture import HAVE_TOOLS, Capture, multimon_digits
from tests.e2e.peers import Baresip, Sipp, have

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not (HAVE_TOOLS and have("baresip") and have("sipp")),
                       reason="needs tshark, multimon-ng, sox, baresip and sipp"),
]
KEYS = "2580*#"
GAP_S = 0.3  # the default pacing: silence between two keys


def _send(uri: str, digits: str, methods: str = "rfc4733,info,inband") -> list[dict[str, Any]]:
    """Dial uri, send the keys once answered, hang up; the sender's SIP events."""
    run = subprocess.run([sys.executable, "-m", "tests.e2e.dtmf_sender", uri, digits, "--methods", methods,
                          "--gap", str(GAP_S)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    events = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    assert any(e["event"] == "CallEnded" for e in events), run.stdout + run.stderr
    return events


def _sent(events: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(e["digit"], e["method"]) for e in events if e["event"] == "DtmfSent"]


def test_rfc4733_keys_reach_baresip_paced_on_the_wire(tmp_path):
    with Baresip(pad_seconds=30, workdir=tmp_path / "callee") as callee, Capture(tmp_path / "rtp.pcapng") as cap:
        events = _send(callee.uri, KEYS)
        callee.wait_for_event("CALL_CLOSED", timeout=5)
        received = callee.digits()
    assert _sent(events) == [(k, "rfc4733") for k in KEYS]
    assert received == KEYS  # baresip decoded every event, in order
    wire = cap.rtp_events()
    assert "".join(e.digit for e in wire) == KEYS, wire
    assert all(e.duration_ms >= 100 for e in wire), wire  # each key held long enough for an IVR
    gaps = [b.start_s - a.end_s for a, b in zip(wire, wire[1:], strict=False)]
    assert min(gaps) >= GAP_S - 0.05, gaps  # paced: never closer than the configured gap


def test_sip_info_keys_reach_sipp_when_no_telephone_event_was_offered(tmp_path):
    with Sipp("plain_uas", workdir=tmp_path / "callee") as callee:
        events = _send(callee.uri(), KEYS)
        callee.wait(5)
        logged = callee.actions()
    assert _sent(events) == [(k, "info") for k in KEYS]
    digits = [line.split("digit='")[1][0] for line in logged.splitlines() if line.startswith("INFO digit=")]
    assert "".join(digits) == KEYS, logged


def test_inband_tones_when_the_peer_refuses_info_decoded_from_the_wire(tmp_path):
    with Sipp("refuse_info_uas", workdir=tmp_path / "callee") as callee, Capture(tmp_path / "rtp.pcapng") as cap:
        events = _send(callee.uri(), KEYS)
        callee.wait(5)
    # The first key went as INFO, was refused (501), and went again as a tone; the rest as tones.
    assert _sent(events) == [(k, "inband") for k in KEYS]
    assert multimon_digits(cap.pcmu_audio(callee.media_port)) == KEYS


def test_inband_only_keys_are_heard_in_baresips_recording(tmp_path):
    with Baresip(pad_seconds=30, workdir=tmp_path / "callee") as callee:
        events = _send(callee.uri, KEYS, methods="inband")
        callee.wait_for_event("CALL_CLOSED", timeout=5)
        signalled = callee.digits()
        recordings = callee.recordings()
    assert _sent(events) == [(k, "inband") for k in KEYS]
    assert signalled == ""  # nothing signalled: the keys were only in the audio
    assert multimon_digits(Path(recordings[0])) == KEYS


def test_a_peer_that_takes_no_allowed_method_is_reported(tmp_path):
    with Sipp("refuse_info_uas", workdir=tmp_path / "callee") as callee:
        events = _send(callee.uri(), KEYS, methods="rfc4733,info")
        callee.wait(5)
    assert _sent(events) == []
    failed = [e for e in events if e["event"] == "DtmfFailed"]
    assert len(failed) == 1 and failed[0]["digits"] == KEYS, events
    assert "refused: info, rfc4733" in failed[0]["reason"], failed
