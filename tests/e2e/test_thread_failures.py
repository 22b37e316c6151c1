"""A bug on one of the call's threads ends the call cleanly: the named outcome `internal-error: <thread>`,
exit code 4, a goodbye the far end hears where one can still be said, and complete records (transcript,
a readable recording, call.json). The bug is planted by tests/e2e/faulty_agent.py in the real agent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave

import pytest

from scripts.farend_process import ROOT, FarEndProcess
from tests.e2e.agent_process import RESTAURANT_TASK, write_config

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("where", ["listener", "controller", "sip"])
def test_a_thread_that_fails_ends_the_call_cleanly_with_its_records(tmp_path, where):
    with FarEndProcess("restaurant", tmp_path / "farend") as far:
        config = write_config(tmp_path / "agent")
        env = {k: v for k, v in os.environ.items() if not k.startswith("TASKCALL_")}
        run = subprocess.run([sys.executable, "-m", "tests.e2e.faulty_agent", where, "dial", far.uri,
                              "--config", str(config), *RESTAURANT_TASK], cwd=ROOT, env=env, text=True,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
        far.wait(20)
        far_log = far.entries()
    assert run.returncode == 4, run.stdout
    assert f"[internal-error: {where}]" in run.stdout and "InjectedFault" in run.stdout, run.stdout
    assert "Traceback" not in run.stdout.split("Outcome:")[-1]  # ended by the agent, not by a crash
    folder = next((tmp_path / "agent" / "data" / "calls").iterdir())
    summary = json.loads((folder / "call.json").read_text())
    assert summary["outcome"] == f"internal-error: {where}", summary
    lines = [json.loads(line) for line in (folder / "transcript.jsonl").read_text().splitlines()]
    assert any(f"the {where} thread failed" in line["text"] for line in lines), lines
    with wave.open(str(folder / "recording.wav")) as wav:  # a valid header over what was written
        assert wav.getnchannels() == 2 and wav.getnframes() > 8000 * 2, wav.getnframes()
    ended = [e for e in far_log if e["event"] == "call-ended"]
    assert ended and not ended[0]["by_us"], far_log  # the agent hung up: a BYE, not a dead line
    if where != "sip":  # the SIP thread is gone: no goodbye can be played, only the BYE it sent
        heard = " ".join(e["text"].lower() for e in far_log if e["event"] == "heard")
        assert "wrong" in heard or "call you back" in heard, far_log
