"""Hostile SIP at the agent's own port while it is on a call: SIPp sends a broken-SDP INVITE, a BYE for an
unknown dialog, an unknown method, a message past the UDP size limit and a flood of OPTIONS. Each is answered
as RFC 3261 says, or dropped, and the call in progress goes on to its booking."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time

import pytest

from scripts.farend_process import FarEndProcess
from tests.e2e.agent_process import RESTAURANT_TASK, TASKCALL, write_config
from tests.e2e.peers import Sipp, free_udp_port, have

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not have("sipp"), reason="needs sipp")]
# scenario, messages, rate per second (the flood)
BARRAGE = [("hostile_bad_sdp_invite", 1, 0), ("hostile_unknown_bye", 1, 0), ("hostile_unknown_method", 1, 0),
           ("hostile_oversized", 1, 0), ("hostile_options", 300, 100)]


def _codes(messages: str) -> list[int]:
    return [int(code) for code in re.findall(r"^\s*SIP/2\.0 (\d{3})", messages, re.M)]


def test_hostile_requests_leave_the_call_in_progress_unaffected(tmp_path):
    port = free_udp_port(tcp_too=False)
    answers: dict[str, list[int]] = {}
    with FarEndProcess("restaurant", tmp_path / "farend") as far:
        config = write_config(tmp_path / "agent")
        config.write_text(config.read_text() + f"\n[sip]\nport = {port}\n")
        env = {k: v for k, v in os.environ.items() if not k.startswith("TASKCALL_")}
        proc = subprocess.Popen([TASKCALL, "dial", far.uri, "--config", str(config), *RESTAURANT_TASK],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, env=env)
        deadline = time.monotonic() + 60
        while not any(e["event"] == "heard" for e in far.entries()) and time.monotonic() < deadline:
            time.sleep(0.2)  # the call is up and the agent has spoken
        for name, count, rate in BARRAGE:
            extra = ["-recv_timeout", "4000", "-default_behaviors", "none"] + (["-r", str(rate), "-l", "50"] if rate
                                                                              else [])
            with Sipp(name, remote=f"127.0.0.1:{port}", calls=count, extra_args=extra,
                      workdir=tmp_path / name) as sipp:
                sipp.wait(30)
                answers[name] = _codes(sipp.messages())
        output, _ = proc.communicate(timeout=150)
        far.wait(20)
        far_log = far.entries()
    folder = next((tmp_path / "agent" / "data" / "calls").iterdir())
    summary = json.loads((folder / "call.json").read_text())
    pjsip_log = (folder / "pjsip.log").read_text(errors="replace")
    assert proc.returncode == 0 and summary["outcome"] == "booked", output
    assert next(e for e in far_log if e["event"] == "scenario-end")["completed"], far_log
    assert set(answers["hostile_bad_sdp_invite"]) - {100} <= {400, 486, 488}, answers  # refused, never 200
    assert answers["hostile_bad_sdp_invite"], answers
    assert answers["hostile_unknown_bye"] == [481], answers  # RFC 3261 12.2.2
    # PJSIP drops a method it does not know (RFC 3261 would have 405 or 501): never a crash, and a line in its log
    assert set(answers["hostile_unknown_method"]) <= {405, 501}, answers
    assert "FROBNICATE" in pjsip_log and "Error parsing SDP" in pjsip_log
    # ... and in the call's own record, as it happened
    lines = [json.loads(line)["text"] for line in (folder / "transcript.jsonl").read_text().splitlines()]
    warnings = [line for line in lines if line.startswith("SIP warning:")]
    assert any("SDP" in w for w in warnings) and any("FROBNICATE" in w for w in warnings), warnings
    assert len(warnings) <= 21, warnings  # a flood does not flood the transcript
    assert set(answers["hostile_oversized"]) <= {200, 400, 513}, answers  # taken, refused, or dropped
    options = answers["hostile_options"]
    assert set(options) <= {200} and len(options) >= 270, (len(options), set(options))  # the flood answered
