"""Config loading: defaults, validation naming each bad key, secrets only from env or credentials."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from agent.app.config import PASSWORD_ENV, dtmf_methods, load_config, parse_config
from agent.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return path


def test_missing_default_file_gives_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    config = load_config(env={})
    assert config.trunk is None and config.models.stt == "bundled" and config.limits.end_silence_ms == 450


def test_explicit_missing_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml", env={})


def test_trunk_password_comes_from_env(tmp_path):
    path = write(tmp_path, '[trunk]\nregistrar = "sip:127.0.0.1:5060"\nusername = "alex"\n')
    config = load_config(path, env={PASSWORD_ENV: "s3cret"})
    assert config.trunk is not None and config.trunk.password == "s3cret"
    assert "s3cret" not in repr(config)


def test_trunk_password_from_credentials_file(tmp_path):
    creds = tmp_path / "credentials.toml"
    creds.write_text('[trunk]\npassword = "fromfile"\n')
    creds.chmod(0o600)
    path = write(tmp_path, '[trunk]\nregistrar = "sip:example.net"\nusername = "alex"\n')
    config = load_config(path, env={"TASKCALL_CREDENTIALS": str(creds)})
    assert config.trunk.password == "fromfile"


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_a_credentials_file_others_can_read_is_refused_with_the_fix(tmp_path, mode):
    creds = tmp_path / "credentials.toml"
    creds.write_text('[trunk]\npassword = "fromfile"\n')
    creds.chmod(mode)
    path = write(tmp_path, '[trunk]\nregistrar = "sip:example.net"\nusername = "alex"\n')
    with pytest.raises(ConfigError, match=rf"open to other users \(mode {mode:04o}\).*chmod 600 .*credentials.toml"):
        load_config(path, env={"TASKCALL_CREDENTIALS": str(creds)})


@pytest.mark.parametrize("realm", ["*", 'a"b', "x\ny"])
def test_a_wildcard_or_malformed_realm_is_refused(tmp_path, realm):
    with pytest.raises(ConfigError, match=r"trunk\.realm: must be the trunk's own realm"):
        parse_config({"trunk": {"registrar": "sip:example.net", "username": "alex", "realm": realm}})


def test_a_configured_realm_reaches_the_sip_settings(tmp_path):
    from agent.call.place import sip_settings
    config = parse_config({"trunk": {"registrar": "sip:example.net", "username": "alex", "realm": "example.net"}})
    config = replace(config, trunk=replace(config.trunk, password="pw"))
    assert sip_settings(config, tmp_path / "pjsip.log").realm == "example.net"


def test_password_in_config_is_refused(tmp_path):
    path = write(tmp_path, '[trunk]\nregistrar = "sip:x"\nusername = "a"\npassword = "oops"\n')
    with pytest.raises(ConfigError, match=r"trunk\.password: secrets are never read"):
        load_config(path, env={})


def test_every_bad_key_is_named_at_once():
    with pytest.raises(ConfigError) as err:
        parse_config({
            "sip": {"port": "5060", "colour": "blue"},
            "limits": {"ring_timeout_s": -1},
            "models": {"stt": "/does/not/exist"},
            "bogus": {},
        })
    message = str(err.value)
    for fragment in ("sip.port: expected an integer", "sip.colour: unknown key", "limits.ring_timeout_s: must be",
                     "models.stt: '/does/not/exist'", "bogus: unknown section"):
        assert fragment in message
    assert err.value.code == "config-invalid"


def test_trunk_needs_sip_uri_and_valid_caller_id():
    with pytest.raises(ConfigError) as err:
        parse_config({"trunk": {"registrar": "example.net", "username": "a", "caller_id": "555"}})
    assert "trunk.registrar: must be a SIP URI" in str(err.value)
    assert "trunk.caller_id" in str(err.value)


def test_not_toml(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(write(tmp_path, "[sip\nport=1"), env={})


def test_dtmf_methods_are_checked_and_kept_in_order():
    config = parse_config({"sip": {"dtmf_methods": "info, RFC4733", "dtmf_gap_ms": 400}})
    assert dtmf_methods(config.sip) == ("info", "rfc4733")
    with pytest.raises(ConfigError, match=r"sip.dtmf_methods: expected a comma-separated list .* got 'rfc2833'"):
        parse_config({"sip": {"dtmf_methods": "rfc2833"}})
    with pytest.raises(ConfigError, match="sip.dtmf_methods: a method is listed twice"):
        parse_config({"sip": {"dtmf_methods": "info,info"}})
    with pytest.raises(ConfigError, match="sip.dtmf_gap_ms: must be between 50 and 5000"):
        parse_config({"sip": {"dtmf_gap_ms": 10}})
