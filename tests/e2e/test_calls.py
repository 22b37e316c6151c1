"""The real agent process against real peers on loopback: kamailio as the trunk, the far-end simulator,
baresip and SIPp as independent callees."""

from __future__ import annotations

import json
import re
import wave

import pytest

from agent.audio import read_wav_8k
from agent.speech.transcribe import WhisperSTT
from scripts.farend_process import FarEndProcess
from tests.e2e.agent_process import RESTAURANT_TASK, dial, write_config
from tests.e2e.peers import Baresip, Kamailio, Sipp, free_udp_port
from tests.models.wer import normalize

pytestmark = pytest.mark.e2e
USER, PASSWORD = "taskcall", "s3cret"
RESTAURANT = "+15550100"


def test_restaurant_booking_through_the_trunk(tmp_path):
    with FarEndProcess("restaurant", tmp_path / "farend") as far, \
            Kamailio(USER, PASSWORD, routes={RESTAURANT: far.uri}, workdir=tmp_path / "trunk") as trunk:
        config = write_config(tmp_path / "agent", trunk=trunk.address)
        run = dial(RESTAURANT, config, password=PASSWORD)
        far.wait(30)
        far_log = far.entries()
    assert run.returncode == 0, run.diagnosis()
    summary = run.summary()
    assert summary["outcome"] == "booked"
    assert summary["details"]["booking_code"] == "4719"
    # The far end heard the agent only over RTP, through its own VAD and Whisper.
    end = next(e for e in far_log if e["event"] == "scenario-end")
    assert end["completed"], far_log
    assert re.search(r"7[:.]?30", end["vars"]["time"]), end
    assert end["vars"]["party_size"] == "4"
    assert "alex" in end["vars"]["name"].lower()
    heard = [e for e in far_log if e["event"] == "heard"]
    assert heard and all(e["v2v_ms"] is not None for e in heard[:4])
    said = [line["text"] for line in run.transcript() if line["speaker"] == "them"]
    assert any("booking code" in s.lower() for s in said)
    # A clean call leaves no SIP warning in its record (they are kept for what really went wrong).
    assert not [line for line in run.transcript() if line["text"].startswith("SIP warning")], run.output
    with wave.open(str(run.calls()[0] / "recording.wav")) as w:
        assert w.getnchannels() == 2 and w.getnframes() > 8000 * 10


def test_wrong_password_is_a_clear_error(tmp_path):
    with Kamailio(USER, PASSWORD, workdir=tmp_path / "trunk") as trunk:
        config = write_config(tmp_path / "agent", trunk=trunk.address)
        run = dial(RESTAURANT, config, password="wrong")
    assert run.returncode == 3, run.output
    assert "trunk-auth-failed" in run.output and "refused our credentials" in run.output
    assert run.summary()["outcome"] == "trunk-auth-failed"
    assert not (run.calls()[0] / "recording.wav").exists()  # never answered: no empty audio file


def test_missing_password_refused_before_dialling(tmp_path):
    config = write_config(tmp_path / "agent", trunk=f"127.0.0.1:{free_udp_port()}")
    run = dial(RESTAURANT, config, password=None)
    assert run.returncode == 2 and "TASKCALL_TRUNK_PASSWORD" in run.output
    assert run.calls() == []


def test_unreachable_trunk(tmp_path):
    config = write_config(tmp_path / "agent", trunk=f"127.0.0.1:{free_udp_port()}")
    run = dial(RESTAURANT, config, password=PASSWORD)
    assert run.returncode == 3, run.output
    assert "trunk-unreachable" in run.output
    assert run.summary()["outcome"] == "trunk-unreachable"


def test_busy_callee(tmp_path):
    port = free_udp_port()
    with Sipp("busy_uas", port, workdir=tmp_path / "sipp") as callee, \
            Kamailio(USER, PASSWORD, routes={RESTAURANT: callee.uri()}, workdir=tmp_path / "trunk") as trunk:
        run = dial(RESTAURANT, write_config(tmp_path / "agent", trunk=trunk.address), password=PASSWORD)
    assert run.returncode == 1, run.output
    assert run.summary()["outcome"] == "busy"
    assert "the line is busy" in run.output


def test_nobody_answers(tmp_path):
    port = free_udp_port()
    with Sipp("noanswer_uas", port, workdir=tmp_path / "sipp") as callee, \
            Kamailio(USER, PASSWORD, routes={RESTAURANT: callee.uri()}, workdir=tmp_path / "trunk") as trunk:
        config = write_config(tmp_path / "agent", trunk=trunk.address, limits={"ring_timeout_s": 3})
        run = dial(RESTAURANT, config, password=PASSWORD)
    assert run.returncode == 1, run.output
    summary = run.summary()
    assert summary["outcome"] == "no-answer" and "3 s" in summary["reason"]


def test_unknown_number_is_not_found(tmp_path):
    with Kamailio(USER, PASSWORD, workdir=tmp_path / "trunk") as trunk:
        run = dial("+15559999", write_config(tmp_path / "agent", trunk=trunk.address), password=PASSWORD)
    assert run.returncode == 1 and run.summary()["outcome"] == "not-found"


def test_baresip_hears_what_the_agent_says(tmp_path):
    prompt = "/usr/share/asterisk/sounds/en_US_f_Allison/hello-world.wav"
    with Baresip("baresip", play=prompt, pad_seconds=20, workdir=tmp_path / "baresip") as callee, \
            Kamailio(USER, PASSWORD, routes={RESTAURANT: callee.uri}, workdir=tmp_path / "trunk") as trunk:
        config = write_config(tmp_path / "agent", trunk=trunk.address, limits={"idle_hangup_s": 6})
        run = dial(RESTAURANT, config, password=PASSWORD)
        recordings = callee.recordings()
    assert run.summary()["talk_s"] > 3, run.output
    assert recordings, "baresip recorded nothing"
    said = next(line["text"] for line in run.transcript() if line["speaker"] == "agent")
    heard = WhisperSTT().transcribe(read_wav_8k(recordings[0]).tobytes())
    # Most of our first line's words, as Whisper heard baresip's recording of it. Not every one: tiny.en writes
    # "for four" as "for ford" in some runs, and "7:30" as "730".
    ours, theirs = normalize(said.replace(":", "")), set(normalize(heard.replace(":", "")))
    found = [word for word in ours if word in theirs]
    assert "table" in found and len(found) >= 0.75 * len(ours), (said, heard, run.output)


def test_dropped_call_keeps_transcript_and_recording(tmp_path):
    with FarEndProcess("hangup_midway", tmp_path / "farend") as far:
        run = dial(far.uri, write_config(tmp_path / "agent"))
        far.wait(20)
    assert run.returncode == 1, run.output
    summary = run.summary()
    assert summary["outcome"] == "hung-up"
    lines = run.transcript()
    assert any(line["speaker"] == "agent" for line in lines)
    with wave.open(str(run.calls()[0] / "recording.wav")) as w:
        assert w.getnframes() > 8000 * 2


def test_invalid_number_refused_before_dialling(tmp_path):
    run = dial("555-0100", write_config(tmp_path / "agent"), *RESTAURANT_TASK)
    assert run.returncode == 2 and "number-invalid" in run.output and run.calls() == []


def test_principal_answers_a_question_the_task_did_not_cover(tmp_path):
    with FarEndProcess("phone_question", tmp_path / "farend") as far:
        config = write_config(tmp_path / "agent", limits={"principal_timeout_s": 60})
        run = dial(far.uri, config, stdin="+1 555 0199\n")
        far.wait(30)
        far_log = far.entries()
    assert run.returncode == 0, run.output
    assert "I'm on the call with Luigi's. They ask:" in run.output and "phone number" in run.output
    end = next(e for e in far_log if e["event"] == "scenario-end")
    # The principal's own digits reached the far end over RTP. Its Whisper sometimes merges the repeated
    # "5 5 5" ("plus 1-55-0199"), so the check is on the digits only the principal's answer carries.
    assert end["completed"] and end["vars"]["phone"].endswith("0199"), far_log
    said = [line["text"] for line in run.transcript() if line["speaker"] == "agent"]
    assert any("+1 555 0199" in text for text in said), said
    heard = " ".join(e["text"].lower() for e in far_log if e["event"] == "heard")
    assert "hold on" in heard, heard
    assert run.summary()["details"]["booking_code"] == "3648"


def test_silent_principal_means_a_promised_callback(tmp_path):
    with FarEndProcess("phone_question", tmp_path / "farend") as far:
        config = write_config(tmp_path / "agent", limits={"principal_timeout_s": 4})
        run = dial(far.uri, config)
        far.wait(30)
        far_log = far.entries()
    assert run.returncode == 1, run.output
    assert run.summary()["outcome"] == "callback-needed"
    heard = " ".join(e["text"].lower() for e in far_log if e["event"] == "heard")
    # The far end hears us through its own Whisper, which writes the contraction either way
    # ("hasn't" or "has not") from one run to the next.
    assert re.search(r"has(n't| not) responded", heard) and "call you back" in heard, heard


def test_barge_in_stops_the_agent(tmp_path):
    with FarEndProcess("barge_in", tmp_path / "farend") as far:
        run = dial(far.uri, write_config(tmp_path / "agent"))
        far.wait(30)
        far_log = far.entries()
    barged = next(e for e in far_log if e["event"] == "barged-in")
    # Measured at the far end: from the start of its speech to the agent's last audible frame. The figure
    # (250-410 ms on 2 busy cores) is reported, not timed here: the test pins that the agent stops at once
    # rather than finishing its five-second sentence, whose end the far end must never hear.
    print(f"barge-in: agent stopped {barged['agent_stop_ms']} ms after the far end started talking")
    assert barged["agent_stop_ms"] < 1500, barged
    # Everything of ours it heard, the opening it cut off included (no reply to its line, so not "heard")
    heard = " ".join(e["text"].lower() for e in far_log if e["event"] in ("heard", "talked-over", "before-our-line"))
    assert "7:30" not in heard and "seven thirty" not in heard and "table" not in heard, heard
    # What they said after cutting in was heard. "clos": tiny.en heard "we are close tonight" in one CI run; the
    # test pins that the line after the barge-in reaches STT, not how well tiny.en spells it.
    them = [line["text"].lower() for line in run.transcript() if line["speaker"] == "them"]
    assert any("clos" in t and "tonight" in t for t in them), them


def test_sip_port_in_use_is_a_clear_error(tmp_path):
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        config = write_config(tmp_path / "agent")
        config.write_text(config.read_text() + f"\n[sip]\nport = {port}\n")
        run = dial("sip:nobody@127.0.0.1:5999", config)
    assert run.returncode == 3, run.output
    assert "sip-start-failed" in run.output
    assert run.summary()["outcome"] == "failed"


def test_hold_on_keeps_the_line_past_the_idle_limit(tmp_path):
    with FarEndProcess("hold_on", tmp_path / "farend") as far:
        run = dial(far.uri, write_config(tmp_path / "agent", limits={"idle_hangup_s": 8}))
        far.wait(30)
        far_log = far.entries()
    assert run.returncode == 0, run.output
    assert next(e for e in far_log if e["event"] == "scenario-end")["completed"]
    agent_lines = [line for line in run.transcript() if line["speaker"] == "agent"]
    hold = next(line for line in run.transcript() if "hold on" in line["text"].lower())
    # Nothing said while on hold: the next agent line comes after the 12 s hold.
    after = [line for line in agent_lines if line["t"] > hold["t"]]
    assert after and after[0]["t"] - hold["t"] > 12, run.output


def test_ctrl_c_hangs_up_and_keeps_the_record(tmp_path):
    import os
    import signal
    import subprocess
    import time

    from tests.e2e.agent_process import TASKCALL

    with FarEndProcess("restaurant", tmp_path / "farend") as far:
        config = write_config(tmp_path / "agent")
        env = {k: v for k, v in os.environ.items() if not k.startswith("TASKCALL_")}
        proc = subprocess.Popen([TASKCALL, "dial", far.uri, "--config", str(config), *RESTAURANT_TASK],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, env=env)
        deadline = time.monotonic() + 60
        while not any(e["event"] == "heard" for e in far.entries()) and time.monotonic() < deadline:
            time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        output, _ = proc.communicate(timeout=30)
        far.wait(20)
        far_log = far.entries()
    assert proc.returncode == 1, output
    assert "Outcome:  stopped" in output, output
    folder = next((tmp_path / "agent" / "data" / "calls").iterdir())
    summary = json.loads((folder / "call.json").read_text())
    assert summary["outcome"] == "stopped" and "interrupted" in summary["reason"]
    assert any(e["event"] == "call-ended" and not e["by_us"] for e in far_log)


def test_queue_hold_music_then_a_person_picks_up(tmp_path):
    with FarEndProcess("queue_hold", tmp_path / "farend") as far:
        run = dial(far.uri, write_config(tmp_path / "agent", limits={"idle_hangup_s": 20}))
        far.wait(30)
        far_log = far.entries()
    assert run.returncode == 0, run.output
    assert next(e for e in far_log if e["event"] == "scenario-end")["completed"], far_log
    # Nothing said over the queue greeting, the music or the announcement (the simulator heard only silence).
    hold_steps = [e for e in far_log if e["event"] in ("said", "played")][:4]
    assert [e["agent_talked"] for e in hold_steps] == [False] * 4, hold_steps
    lines = run.transcript()
    system = [line["text"] for line in lines if line["speaker"] == "system"]
    assert any(text.startswith("on hold") for text in system), system
    pickup = next(line for line in lines if line["text"].startswith("a person picked up"))
    first_agent = next(line for line in lines if line["speaker"] == "agent")
    assert first_agent["t"] > pickup["t"], lines


VOICEMAIL = """
name = "Alex's phone"
voice = "flite:rms"
answer_after_s = 1.0
listen_timeout_s = 20.0

[[step]]
say = "Hi, you've reached Alex. I can't take your call right now. Please leave a message after the tone."

[[step]]
play = "{beep}"

[[step]]
listen = true
expect_any = ["assistant", "calling", "table"]

[[step]]
wait_s = 8.0
"""


def _voicemail(tmp_path):
    import numpy as np

    from agent.audio import write_wav

    beep = (np.sin(2 * np.pi * 1000 * np.arange(4000) / 8000) * 12000).astype(np.int16)
    write_wav(tmp_path / "beep.wav", np.concatenate([np.zeros(2400, np.int16), beep, np.zeros(800, np.int16)]), 8000)
    scenario = tmp_path / "voicemail.toml"
    scenario.write_text(VOICEMAIL.format(beep=tmp_path / "beep.wav"))
    return scenario


def test_answering_machine_gets_a_message_after_the_beep(tmp_path):
    with FarEndProcess(_voicemail(tmp_path), tmp_path / "farend") as far:
        run = dial(far.uri, write_config(tmp_path / "agent"))
        far.wait(30)
        far_log = far.entries()
    assert run.returncode == 1 and "left-message" in run.output, run.output
    greeting, beep = [e for e in far_log if e["event"] in ("said", "played")][:2]
    assert not greeting["agent_talked"] and not beep["agent_talked"], far_log  # nothing over the greeting
    heard = " ".join(e.get("text", "") for e in far_log if e["event"] == "heard").lower()
    assert "assistant" in heard or "calling" in heard, far_log


def test_answering_machine_policy_hang_up(tmp_path):
    with FarEndProcess(_voicemail(tmp_path), tmp_path / "farend") as far:
        run = dial(far.uri, write_config(tmp_path / "agent"), *RESTAURANT_TASK, "--on-machine", "hang-up")
        far.wait(30)
    assert run.returncode == 1 and "answering-machine" in run.output, run.output
    assert not any(line["speaker"] == "agent" for line in run.transcript()), run.output
