"""The trunk password goes to the trunk's realm only: the real agent registers through kamailio (learning
the realm from its challenge), then meets hosts that challenge for another realm. They must get no digest.
SIPp plays the foreign host; its message trace shows everything it received."""

from __future__ import annotations

import stat

import pytest

from tests.e2e.agent_process import dial, write_config
from tests.e2e.peers import Kamailio, Sipp, have

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not have("sipp"), reason="needs sipp")]
USER, PASSWORD = "taskcall", "s3cret"
NUMBER = "+15550190"


def _no_digest(callee: Sipp) -> None:
    messages = callee.messages()
    assert "INVITE sip:" in messages, messages  # the call did reach it
    assert "authorization" not in messages.lower(), messages  # no digest of the password, of any realm
    assert "ANSWERED CHALLENGE" not in callee.actions()


def test_a_sip_uri_outside_the_trunk_is_dialled_without_the_trunk_account(tmp_path):
    with Kamailio(USER, PASSWORD, workdir=tmp_path / "trunk") as trunk, \
            Sipp("challenge_uas", workdir=tmp_path / "callee") as callee:
        config = write_config(tmp_path / "agent", trunk=trunk.address)
        run = dial(callee.uri(), config, password=PASSWORD, timeout=60)
        callee.wait(15)
        _no_digest(callee)
        assert trunk.address not in callee.messages()  # not as the trunk's account (its From names the trunk)
    assert run.returncode == 1 and run.summary()["outcome"] == "auth-refused", run.output
    assert "refused a digest challenge to our INVITE" in run.output and "'foreign.test'" in run.output, run.output


def test_a_foreign_realm_behind_the_trunk_gets_no_digest(tmp_path):
    with Sipp("challenge_uas", workdir=tmp_path / "callee") as callee, \
            Kamailio(USER, PASSWORD, routes={NUMBER: callee.uri()}, workdir=tmp_path / "trunk") as trunk:
        config = write_config(tmp_path / "agent", trunk=trunk.address)
        run = dial(NUMBER, config, password=PASSWORD, timeout=60)
        callee.wait(15)
        _no_digest(callee)  # kamailio took its own credentials off; the callee's realm got none
    assert run.returncode == 1 and run.summary()["outcome"] == "auth-refused", run.output
    assert "registered" in run.output or any(line["text"] == "registered" for line in run.transcript())
    assert "bound to realm 'taskcall.test'" in run.output, run.output  # learnt from the registrar's challenge


def test_a_configured_realm_that_is_not_the_registrars_sends_no_digest(tmp_path):
    with Kamailio(USER, PASSWORD, workdir=tmp_path / "trunk") as trunk:
        config = write_config(tmp_path / "agent", trunk=trunk.address)
        config.write_text(config.read_text().replace('username = "taskcall"\n',
                                                     'username = "taskcall"\nrealm = "other.test"\n'))
        run = dial(NUMBER, config, password=PASSWORD, timeout=60)
        log = trunk.log_text()
    assert run.summary()["outcome"] == "trunk-auth-failed", run.output
    assert "refused a digest challenge to our REGISTER" in run.output and "'taskcall.test'" in run.output
    assert "authenticated as" not in log and "bad credentials" not in log, log  # no Authorization came


def test_call_records_are_private_to_the_service_user(tmp_path):
    with Kamailio(USER, PASSWORD, workdir=tmp_path / "trunk") as trunk:
        run = dial(NUMBER, write_config(tmp_path / "agent", trunk=trunk.address), password=PASSWORD, timeout=60)
    folder = run.calls()[0]
    for path in (run.storage / "calls", folder):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
    assert stat.S_IMODE((run.storage / "calls.sqlite").stat().st_mode) == 0o600
    assert (folder / "call.json").exists() and (folder / "transcript.jsonl").exists()
