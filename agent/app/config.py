"""One frozen config tree, loaded once from TOML plus environment (secrets only from env or a credentials file)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, get_type_hints

from agent.errors import ConfigError

PASSWORD_ENV = "TASKCALL_TRUNK_PASSWORD"
CREDENTIALS_ENV = "TASKCALL_CREDENTIALS"
CONFIG_ENV = "TASKCALL_CONFIG"


@dataclass(frozen=True)
class TrunkConfig:
    """The SIP trunk this agent registers to; absent means SIP URIs are dialled directly."""

    registrar: str = ""  # SIP URI of the registrar, e.g. "sip:sip.example.net"
    username: str = ""
    domain: str = ""  # SIP domain of the account; defaults to the registrar's host
    transport: str = "udp"  # "udp" or "tcp"
    caller_id: str = ""  # E.164 number presented as caller, optional
    outbound_proxy: str = ""  # SIP URI, optional
    register_timeout_s: float = 10.0  # seconds without a REGISTER answer before the trunk counts as unreachable
    # The digest realm the password is for; empty = the realm of the registrar's first challenge. The
    # password answers challenges of this realm only, so no other host gets a digest of it.
    realm: str = ""
    password: str = field(default="", repr=False)  # filled from the environment only, never from TOML


@dataclass(frozen=True)
class SipConfig:
    """Local SIP/RTP binding."""

    bind_address: str = "127.0.0.1"  # explicit address: pjsua2 would otherwise publish the external one
    port: int = 0  # UDP/TCP port for SIP; 0 picks a free one
    public_address: str = ""  # address to publish in SDP/Contact if different from bind_address
    log_path: str = ""  # pjsip log file; empty = inside the call's folder
    # How menu keys are sent, in order of preference: "rfc4733" (used only if the peer offered
    # telephone-event), "info" (SIP INFO, dropped once the peer refuses it), "inband" (tones in the audio).
    dtmf_methods: str = "rfc4733,info,inband"
    dtmf_gap_ms: int = 300  # silence between keys; IVRs miss keys sent closer together


@dataclass(frozen=True)
class PrincipalConfig:
    """The person this agent calls for."""

    name: str = "my principal"
    contact: str = "terminal"  # "terminal" (Slack comes later)


@dataclass(frozen=True)
class ModelsConfig:
    """Which local model serves each role ("bundled" = the one shipped in a Python package)."""

    stt: str = "bundled"  # "bundled" (Whisper tiny.en) or a path to a CTranslate2 Whisper model folder
    stt_beam_size: int = 1
    tts_voice: str = "bundled"  # "bundled" (Piper en_US joe) or a path to a Piper .onnx voice
    tts_length_scale: float = 1.0  # >1 speaks slower
    llm: str = "none"  # "none" (rules only), "bundled" (SmolLM2-135M) or a path to a GGUF file
    llm_threads: int = 1
    llm_context: int = 2048  # tokens


@dataclass(frozen=True)
class LimitsConfig:
    """Timeouts and bounds of a call."""

    ring_timeout_s: float = 45.0  # give up when nobody answers
    max_call_s: float = 1800.0  # hang up a call that runs longer
    principal_timeout_s: float = 150.0  # wait this long for the principal, then promise a callback
    greeting_wait_s: float = 4.0  # after answer, speak first if the other side stays silent this long
    end_silence_ms: int = 450  # trailing silence that ends the other party's turn
    idle_hangup_s: float = 60.0  # hang up when nobody has spoken for this long
    media_timeout_s: float = 20.0  # no audio packets at all from them this long (not on hold): the line is dead
    max_hold_s: float = 3600.0  # the hold budget: a queue is waited out this long (call length does not count it)
    max_silent_hold_s: float = 300.0  # a line silent on both sides (no music, nobody asked us to wait): this long
    menu_budget_s: float = 300.0  # give up on a phone menu that has reached neither a person nor a queue by then


@dataclass(frozen=True)
class StorageConfig:
    """Where transcripts, recordings and the call index are kept."""

    dir: str = "~/.local/share/taskcall"


@dataclass(frozen=True)
class Config:
    """The whole configuration."""

    trunk: TrunkConfig | None = None
    sip: SipConfig = SipConfig()
    principal: PrincipalConfig = PrincipalConfig()
    models: ModelsConfig = ModelsConfig()
    limits: LimitsConfig = LimitsConfig()
    storage: StorageConfig = StorageConfig()

    @property
    def storage_dir(self) -> Path:
        """The storage folder with ~ expanded."""
        return Path(self.storage.dir).expanduser()


_SECTIONS: dict[str, type] = {
    "trunk": TrunkConfig,
    "sip": SipConfig,
    "principal": PrincipalConfig,
    "models": ModelsConfig,
    "limits": LimitsConfig,
    "storage": StorageConfig,
}
_SECRET_KEYS = {"password", "secret", "token"}


def default_config_path() -> Path:
    """The config file used when --config is not given."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "taskcall" / "config.toml"


def load_config(path: Path | None = None, *, env: dict[str, str] | None = None) -> Config:
    """Load and validate the config; a missing default file means the built-in defaults."""
    env = dict(os.environ) if env is None else env
    explicit = path is not None
    path = path or default_config_path()
    if not path.exists():
        if explicit:
            raise ConfigError(f"{path}: config file not found")
        data: dict[str, Any] = {}
    else:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    config = parse_config(data, source=str(path))
    if config.trunk is not None:
        config = replace(config, trunk=replace(config.trunk, password=_trunk_password(env)))
    return config


def parse_config(data: dict[str, Any], *, source: str = "config") -> Config:
    """Build a Config from parsed TOML, naming every bad key at once."""
    problems: list[str] = []
    sections: dict[str, Any] = {}
    for name, value in data.items():
        cls = _SECTIONS.get(name)
        if cls is None:
            problems.append(f"{name}: unknown section (expected one of {', '.join(_SECTIONS)})")
            continue
        if not isinstance(value, dict):
            problems.append(f"{name}: must be a table ([{name}])")
            continue
        sections[name] = _build_section(name, cls, value, problems)
    if "trunk" in sections and sections["trunk"] is not None:
        _check_trunk(sections["trunk"], problems)
    _check_ranges(sections, problems)
    if problems:
        raise ConfigError(f"{source}: " + "; ".join(problems))
    return Config(**{k: v for k, v in sections.items() if v is not None})


def _build_section(name: str, cls: type, values: dict[str, Any], problems: list[str]) -> Any:
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls) if f.name != "password"}
    kwargs: dict[str, Any] = {}
    before = len(problems)
    for key, value in values.items():
        where = f"{name}.{key}"
        if key in _SECRET_KEYS or key not in known and any(s in key for s in _SECRET_KEYS):
            problems.append(
                f"{where}: secrets are never read from the config file; set {PASSWORD_ENV} "
                f"or put it in the credentials file"
            )
            continue
        if key not in known:
            problems.append(f"{where}: unknown key (expected one of {', '.join(sorted(known))})")
            continue
        expected = hints[key]
        ok, converted = _coerce(value, expected)
        if not ok:
            problems.append(f"{where}: expected {_type_name(expected)}, got {type(value).__name__} {value!r}")
            continue
        kwargs[key] = converted
    if len(problems) > before:
        return None
    return cls(**kwargs)


def _coerce(value: Any, expected: Any) -> tuple[bool, Any]:
    if expected is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False, None
        return True, float(value)
    if expected is int:
        return (isinstance(value, int) and not isinstance(value, bool)), value
    if expected is str:
        return isinstance(value, str), value
    if expected is bool:
        return isinstance(value, bool), value
    return False, None


def _type_name(expected: Any) -> str:
    return {float: "a number", int: "an integer", str: "a string", bool: "true or false"}.get(
        expected, str(expected)
    )


def _check_trunk(trunk: TrunkConfig, problems: list[str]) -> None:
    from agent.app.numbers import NumberError, parse_e164

    if not trunk.registrar.startswith(("sip:", "sips:")):
        problems.append(f"trunk.registrar: must be a SIP URI such as 'sip:sip.example.net', got {trunk.registrar!r}")
    if not trunk.username:
        problems.append("trunk.username: required when [trunk] is present")
    if trunk.transport not in ("udp", "tcp"):
        problems.append(f"trunk.transport: must be 'udp' or 'tcp', got {trunk.transport!r}")
    if trunk.caller_id:
        try:
            parse_e164(trunk.caller_id)
        except NumberError as exc:
            problems.append(f"trunk.caller_id: {exc.args[0]}")
    if trunk.register_timeout_s <= 0:
        problems.append("trunk.register_timeout_s: must be positive")
    if trunk.realm.strip() == "*" or any(c in trunk.realm for c in '"\\\r\n'):
        problems.append(f"trunk.realm: must be the trunk's own realm (no '*', quotes or line breaks), "
                        f"got {trunk.realm!r}")


def _check_ranges(sections: dict[str, Any], problems: list[str]) -> None:
    sip = sections.get("sip")
    if sip is not None and not 0 <= sip.port <= 65535:
        problems.append(f"sip.port: must be 0-65535, got {sip.port}")
    if sip is not None:
        _check_dtmf(sip, problems)
    principal = sections.get("principal")
    if principal is not None and principal.contact not in ("terminal",):
        problems.append(f"principal.contact: must be 'terminal', got {principal.contact!r}")
    models = sections.get("models")
    if models is not None:
        if models.stt_beam_size < 1:
            problems.append("models.stt_beam_size: must be at least 1")
        if not 0.5 <= models.tts_length_scale <= 2.0:
            problems.append("models.tts_length_scale: must be between 0.5 and 2.0")
        if models.llm_threads < 1:
            problems.append("models.llm_threads: must be at least 1")
        for key in ("stt", "tts_voice", "llm"):
            value = getattr(models, key)
            if value not in ("bundled", "none") and not Path(value).expanduser().exists():
                problems.append(f"models.{key}: {value!r} is neither 'bundled' nor an existing path")
        if models.stt == "none" or models.tts_voice == "none":
            problems.append("models.stt / models.tts_voice: a call needs both; use 'bundled' or a path")
    limits = sections.get("limits")
    if limits is not None:
        for f in fields(limits):
            if getattr(limits, f.name) <= 0:
                problems.append(f"limits.{f.name}: must be positive")
        if not 200 <= limits.end_silence_ms <= 3000:
            problems.append("limits.end_silence_ms: must be between 200 and 3000")


def dtmf_methods(sip: SipConfig) -> tuple[str, ...]:
    """The configured DTMF methods as a tuple, in order ("rfc4733, info" -> ("rfc4733", "info"))."""
    return tuple(m.strip().lower() for m in sip.dtmf_methods.split(",") if m.strip())


def _check_dtmf(sip: SipConfig, problems: list[str]) -> None:
    from sip.settings import DTMF_METHODS

    methods = dtmf_methods(sip)
    unknown = [m for m in methods if m not in DTMF_METHODS]
    if unknown or not methods:
        problems.append(f"sip.dtmf_methods: expected a comma-separated list of {', '.join(DTMF_METHODS)}, "
                        f"got {sip.dtmf_methods!r}")
    elif len(set(methods)) != len(methods):
        problems.append(f"sip.dtmf_methods: a method is listed twice in {sip.dtmf_methods!r}")
    if not 50 <= sip.dtmf_gap_ms <= 5000:
        problems.append(f"sip.dtmf_gap_ms: must be between 50 and 5000, got {sip.dtmf_gap_ms}")


def _trunk_password(env: dict[str, str]) -> str:
    if env.get(PASSWORD_ENV):
        return env[PASSWORD_ENV]
    cred_path = Path(env.get(CREDENTIALS_ENV) or default_config_path().parent / "credentials.toml")
    if not cred_path.exists():
        return ""
    mode = cred_path.stat().st_mode & 0o777
    if mode & 0o077:  # as ssh refuses a private key others can read
        raise ConfigError(f"{cred_path}: credentials file is open to other users (mode {mode:04o}); it holds the "
                          f"trunk password. Make it private with: chmod 600 {cred_path}")
    try:
        data = tomllib.loads(cred_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{cred_path}: credentials file is not valid TOML: {exc}") from exc
    password = data.get("trunk", {}).get("password", "") if isinstance(data.get("trunk"), dict) else ""
    if not isinstance(password, str):
        raise ConfigError(f"{cred_path}: trunk.password must be a string")
    return password


def describe(config: Config) -> list[str]:
    """Human-readable lines for `taskcall config check`, with secrets masked."""
    lines = []
    for name in _SECTIONS:
        section = getattr(config, name)
        if section is None:
            lines.append(f"[{name}] not set: numbers cannot be dialled, SIP URIs are called directly")
            continue
        assert is_dataclass(section)
        for f in fields(section):
            value = getattr(section, f.name)
            shown = repr(value)
            if f.name == "password":
                shown = "(set)" if value else f"(missing: set {PASSWORD_ENV})"
            lines.append(f"{name}.{f.name} = {shown}")
    return lines
