"""The e2e harness itself, against the real daemons (kamailio, baresip, SIPp), without the agent."""

from __future__ import annotations

import array
import math
import os
import socket
import wave
from pathlib import Path

import pytest

from tests.e2e.peers import (
    LOOPBACK,
    Baresip,
    Kamailio,
    PeerError,
    Sipp,
    free_udp_port,
    have,
    sip_options_ping,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not all(have(b) for b in ("kamailio", "sipp", "baresip", "sox")),
        reason="needs kamailio, sipp (sip-tester), baresip and sox",
    ),
]

USER, PASSWORD = "taskcall", "s3cret"
PROMPT = Path("/usr/share/asterisk/sounds/en_US_f_Allison/please-try-again.wav")  # 1.25 s
CALLER_AUDIO = Path("/usr/share/asterisk/sounds/en_US_f_Allison/all-circuits-busy-now.wav")


def rms(path: Path) -> float:
    with wave.open(str(path)) as w:
        assert w.getsampwidth() == 2
        samples = array.array("h", w.readframes(w.getnframes()))
    return math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0


def duration(path: Path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def group_gone(pid: int | None) -> bool:
    assert pid is not None
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def trunk(tmp_path):
    with Kamailio(USER, PASSWORD, workdir=tmp_path / "trunk") as k:
        yield k


def register(
    trunk: Kamailio, tmp_path: Path, password: str, user: str = USER, port: int | None = None
) -> Sipp:
    sipp = Sipp(
        "register_uac",
        port,
        remote=trunk.address,
        service=user,
        auth_user=user,
        auth_password=password,
        workdir=tmp_path / f"register-{password}",
    )
    with sipp:
        sipp.wait(10)
    return sipp


# --------------------------------------------------------------------------- kamailio registrar


def test_register_with_right_password(trunk, tmp_path):
    sipp = register(trunk, tmp_path, PASSWORD)
    assert sipp.returncode == 0, sipp.errors()
    assert sipp.statuses() == [401, 200]
    assert 'realm="taskcall.test"' in sipp.messages()
    trunk.wait_for_log(r"trunk: registered \[sip:taskcall@")


def test_register_with_wrong_password_is_refused(trunk, tmp_path):
    sipp = register(trunk, tmp_path, "not-the-password")
    assert sipp.returncode != 0
    assert sipp.statuses() == [401, 403]
    assert "registered [" not in trunk.log_text()


def test_register_as_unknown_user_is_refused(trunk, tmp_path):
    sipp = register(trunk, tmp_path, PASSWORD, user="mallory")
    assert sipp.returncode != 0
    assert sipp.statuses() == [401, 403]


def test_trunk_answers_options_and_stops_cleanly(tmp_path):
    k = Kamailio(workdir=tmp_path / "trunk")
    with k:
        assert sip_options_ping(k.port) == 200
        pid = k.pid
    assert k.returncode is not None
    assert group_gone(pid)  # workers too
    assert sip_options_ping(k.port, timeout=0.2) is None


def test_start_failure_names_the_log(tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as squatter:
        squatter.bind((LOOPBACK, 0))
        port = squatter.getsockname()[1]
        k = Kamailio(port=port, workdir=tmp_path / "trunk", start_timeout=5)
        with pytest.raises(PeerError) as err:
            with k:
                pass
    assert str(k.log_path) in str(err.value)
    assert not k.running


# --------------------------------------------------------------------------- kamailio proxy + SIPp callees


def call(trunk: Kamailio, number: str, tmp_path: Path, name: str, **kw) -> Sipp:
    caller = Sipp(
        "call_uac",
        remote=trunk.address,
        service=number,
        auth_user=USER,
        auth_password=PASSWORD,
        keys={"dtmf": "5"},
        workdir=tmp_path / name,
        **kw,
    )
    with caller:
        caller.wait(20)
    return caller


def test_invite_to_routed_number_reaches_busy_callee(tmp_path):
    busy = Sipp("busy_uas", workdir=tmp_path / "busy")
    with busy, Kamailio(USER, PASSWORD, {"+15550100": busy.uri("luigis")}, workdir=tmp_path / "trunk") as k:
        caller = call(k, "+15550100", tmp_path, "caller")
        assert busy.wait(5) == 0, busy.errors()
    assert caller.returncode == 0, caller.errors()
    assert caller.statuses()[0] == 407  # INVITE without credentials is challenged
    assert "Proxy-Authenticate: Digest" in caller.messages()
    assert caller.final_status() == 486
    # the callee saw the R-URI rewritten to its own user
    assert busy.received()[0].startswith(f"INVITE sip:luigis@{LOOPBACK}:{busy.port} ")


def test_number_matches_with_or_without_plus(tmp_path):
    busy = Sipp("busy_uas", workdir=tmp_path / "busy")
    with busy, Kamailio(USER, PASSWORD, {"+15550100": busy.uri("luigis")}, workdir=tmp_path / "trunk") as k:
        caller = call(k, "15550100", tmp_path, "caller")
    assert caller.final_status() == 486


def test_unknown_number_gets_404(trunk, tmp_path):
    caller = call(trunk, "+15559999", tmp_path, "caller")
    assert caller.returncode == 0, caller.errors()
    assert caller.statuses() == [407, 404]


def test_invite_with_wrong_password_gets_403(trunk, tmp_path):
    caller = Sipp(
        "call_uac",
        remote=trunk.address,
        service="+15550100",
        auth_user=USER,
        auth_password="wrong",
        keys={"dtmf": "5"},
        workdir=tmp_path / "caller",
    )
    with caller:
        caller.wait(10)
    assert caller.statuses() == [407, 403]


def test_cancel_while_ringing(tmp_path):
    ringing = Sipp("noanswer_uas", workdir=tmp_path / "ringing")
    with (
        ringing,
        Kamailio(USER, PASSWORD, {"+15550101": ringing.uri("mario")}, workdir=tmp_path / "trunk") as k,
    ):
        caller = Sipp(
            "cancel_uac",
            remote=k.address,
            service="+15550101",
            auth_user=USER,
            auth_password=PASSWORD,
            workdir=tmp_path / "caller",
        )
        with caller:
            assert caller.wait(10) == 0, caller.errors()
        assert ringing.wait(5) == 0, ringing.errors()
    assert 180 in caller.statuses()
    assert caller.final_status() == 487
    assert [line.split()[0] for line in ringing.received()] == ["INVITE", "CANCEL", "ACK"]


def test_answered_call_with_info_passes_the_proxy(tmp_path):
    callee = Sipp("answer_info_uas", workdir=tmp_path / "callee")
    with (
        callee,
        Kamailio(USER, PASSWORD, {"+15550102": callee.uri("peach")}, workdir=tmp_path / "trunk") as k,
    ):
        caller = call(k, "+15550102", tmp_path, "caller")
        assert callee.wait(5) == 0, callee.errors()
        log = k.log_text()
    assert caller.returncode == 0, caller.errors()
    assert caller.final_status() == 200
    assert "INFO digit='5' type=' application/dtmf-relay'" in callee.actions()
    assert [line.split()[0] for line in callee.received()] == ["INVITE", "ACK", "INFO", "BYE"]
    # record_route: ACK, INFO and BYE went through the trunk
    for method in ("ACK", "INFO", "BYE"):
        assert f"trunk: in-dialog {method} ->" in log


def test_call_to_the_registered_user_reaches_its_contact(tmp_path):
    with Kamailio(USER, PASSWORD, workdir=tmp_path / "trunk") as k:
        # nobody registered yet
        early = Sipp("call_uac", remote=k.address, service=USER, keys={"dtmf": "5"}, workdir=tmp_path / "c0")
        with early:
            early.wait(10)
        assert early.statuses() == [480]
        # register contact 127.0.0.1:PORT, then answer on that port
        port = free_udp_port(tcp_too=False)
        assert register(k, tmp_path, PASSWORD, port=port).returncode == 0
        agent = Sipp("answer_info_uas", port, workdir=tmp_path / "agent")
        with agent:
            caller = Sipp(
                "call_uac", remote=k.address, service=USER, keys={"dtmf": "7"}, workdir=tmp_path / "c1"
            )
            with caller:
                caller.wait(10)
            assert agent.wait(5) == 0
    assert caller.final_status() == 200
    assert 407 not in caller.statuses()  # calls to the agent need no credentials
    assert agent.received()[0].startswith(f"INVITE sip:{USER}@{LOOPBACK}:{port}")


# --------------------------------------------------------------------------- baresip callee


def test_baresip_answers_records_reports_digits_and_hangs_up(tmp_path):
    prompt = PROMPT if PROMPT.exists() else None
    audio = CALLER_AUDIO if CALLER_AUDIO.exists() else None
    with (
        Baresip(play=prompt, pad_seconds=0.5, workdir=tmp_path / "callee") as callee,
        Kamailio(USER, PASSWORD, {"+15550100": callee.uri}, workdir=tmp_path / "trunk") as k,
    ):
        caller = Sipp(
            "call_uac",
            remote=k.address,
            service="+15550100",
            auth_user=USER,
            auth_password=PASSWORD,
            keys={"dtmf": "#"},
            rtp_file=audio,
            workdir=tmp_path / "caller",
        )
        with caller:
            assert caller.wait(15) == 0, caller.errors()
        closed = callee.wait_for_event("CALL_CLOSED", timeout=5)
        pid = callee.pid
        assert callee.digits() == "#"
        received, sent = callee.recordings(), callee.sent_recordings()
        assert len(received) == 1 and len(sent) == 1
        assert received[0].name.startswith("dump-") and received[0].name.endswith("-dec.wav")
        if audio is not None:
            assert duration(received[0]) > 1.0
            assert rms(received[0]) > 500  # speech, not silence
        if prompt is not None:
            assert rms(sent[0]) > 500
    assert group_gone(pid)
    assert caller.final_status() == 200
    assert closed["peeruri"].startswith("sip:caller@")
    if prompt is not None:
        # prompt (1.25 s) + 0.5 s of silence ends before the caller's 3 s hold: baresip hangs up
        assert any(line.startswith("BYE ") for line in caller.received())


def test_baresip_rejects_users_it_has_no_account_for(tmp_path):
    with Baresip(pad_seconds=1, workdir=tmp_path / "callee") as callee:
        caller = Sipp(
            "call_uac",
            remote=callee.address,
            service="+15550100",
            keys={"dtmf": "1"},
            workdir=tmp_path / "caller",
        )
        with caller:
            caller.wait(10)
    assert caller.final_status() == 404
