"""Which challenges the trunk password may answer, and which calls go through the trunk account."""

from __future__ import annotations

import pytest

from sip.engine import SipEngine, challenge_realm, uri_hostport
from sip.events import ChallengeRefused
from sip.settings import SipSettings

TRUNK = SipSettings(registrar="sip:127.0.0.1:5060", username="taskcall", password="pw")


@pytest.mark.parametrize(("message", "realm"), [
    ('SIP/2.0 401 Unauthorized\r\nWWW-Authenticate: Digest realm="taskcall.test", nonce="x"\r\n', "taskcall.test"),
    ('SIP/2.0 407 Proxy\r\nproxy-authenticate:Digest nonce="n", REALM = "sip.example.net"\r\n', "sip.example.net"),
    ('SIP/2.0 401 Unauthorized\r\nContent-Length: 0\r\n', ""),
    ('SIP/2.0 401 X\r\nSubject: realm="not.a.challenge"\r\n', ""),
])
def test_the_realm_of_a_challenge(message, realm):
    assert challenge_realm(message) == realm


@pytest.mark.parametrize(("uri", "hostport"), [
    ("sip:+15550100@127.0.0.1:5060", "127.0.0.1:5060"),
    ("sip:luigis@Example.NET", "example.net:5060"),
    ("sips:bob@example.net", "example.net:5061"),
    ("<sip:bob@10.0.0.1:5070;transport=udp>", "10.0.0.1:5070"),
    ("sip:127.0.0.1:5060", "127.0.0.1:5060"),
    ("sip:a@[::1]:5062", "::1:5062"),
])
def test_host_and_port_of_a_uri(uri, hostport):
    assert uri_hostport(uri) == hostport


def test_only_uris_at_the_trunk_go_through_its_account():
    engine = SipEngine(TRUNK, lambda e: None)
    engine._resolve_trunk()
    assert engine.via_trunk("sip:+15550100@127.0.0.1:5060")
    assert engine.via_trunk("sip:+15550100@127.0.0.1")  # 5060 is the default port
    assert not engine.via_trunk("sip:luigis@127.0.0.1:5070")
    assert not engine.via_trunk("sip:luigis@evil.example")
    assert not SipEngine(SipSettings(), lambda e: None).via_trunk("sip:x@127.0.0.1:5060")  # no trunk at all


def test_the_registrars_first_challenge_binds_the_realm_and_others_are_refused():
    events = []
    engine = SipEngine(TRUNK, events.append)
    engine._resolve_trunk()
    foreign = 'SIP/2.0 401 Unauthorized\r\nWWW-Authenticate: Digest realm="evil.test", nonce="x"\r\n'
    engine._on_reg_state(401, "Unauthorized", 0, foreign, "10.9.9.9:5060")  # not the registrar: not learnt
    assert engine._realm == "" and isinstance(events[0], ChallengeRefused) and events[0].realm == "evil.test"
    ours = foreign.replace("evil.test", "taskcall.test")
    events.clear()
    engine._on_reg_state(401, "Unauthorized", 0, ours, "127.0.0.1:5060")
    assert engine._realm == "taskcall.test" and events == []  # learnt; REGISTER again with the password
    engine._on_reg_state(401, "Unauthorized", 0, foreign, "127.0.0.1:5060")
    assert isinstance(events[0], ChallengeRefused) and events[0].trunk_realm == "taskcall.test"


def test_a_call_challenge_is_answered_only_for_the_trunk_realm_on_a_trunk_call():
    events = []
    engine = SipEngine(TRUNK, events.append)
    engine._realm = "taskcall.test"
    ours = 'SIP/2.0 407 P\r\nProxy-Authenticate: Digest realm="taskcall.test", nonce="x"\r\n'
    engine._on_call_challenge(True, ours, "127.0.0.1:5060")
    assert events == []
    engine._on_call_challenge(False, ours, "127.0.0.1:5099")  # a direct call: no trunk account to answer with
    engine._on_call_challenge(True, ours.replace("taskcall.test", "x.test"), "127.0.0.1:5060")
    assert [e.realm for e in events] == ["taskcall.test", "x.test"]
