"""What the SIP user agent needs to know, as plain values (built from the agent's config)."""

from __future__ import annotations

from dataclasses import dataclass, field

DTMF_METHODS = ("rfc4733", "info", "inband")


@dataclass(frozen=True)
class SipSettings:
    """Local binding plus, optionally, the trunk account."""

    bind_address: str = "127.0.0.1"
    port: int = 0  # 0 = pick a free port
    public_address: str = ""
    user: str = "taskcall"  # local user part when no trunk account is used
    registrar: str = ""  # empty = no registration, SIP URIs are dialled directly
    username: str = ""
    domain: str = ""
    password: str = field(default="", repr=False)
    realm: str = ""  # digest realm the password is for; "" = learnt from the registrar's first challenge
    transport: str = "udp"
    caller_id: str = ""
    outbound_proxy: str = ""
    register_expires_s: int = 300
    log_path: str = ""  # pjsip's own log; empty = no log file
    log_level: int = 3
    auto_answer: bool = False  # answer incoming calls (the far-end simulator)
    # How keys are sent, tried in this order per call: RFC 4733 events (only if the peer's SDP offered
    # telephone-event), SIP INFO (application/dtmf-relay; dropped for the call once the peer refuses one),
    # in-band tones in the audio.
    dtmf_methods: tuple[str, ...] = DTMF_METHODS
    dtmf_gap_s: float = 0.3  # silence between two keys; IVRs miss keys sent closer together
    dtmf_tone_s: float = 0.12  # how long each key is held
    # No RTP from the far end this long (not on hold) = a dead line. Generous: some carriers send nothing
    # during silence (no comfort noise), and a hold with music always sends.
    media_timeout_s: float = 20.0

    @property
    def account_domain(self) -> str:
        """The SIP domain for our identity and dialled numbers."""
        if self.domain:
            return self.domain
        if self.registrar:
            return self.registrar.split(":", 1)[1].split(";", 1)[0]
        return self.bind_address
