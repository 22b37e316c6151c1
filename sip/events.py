"""What the SIP layer reports, as plain past-tense facts (no pjsua2 types cross this line)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SipReady:
    """The user agent is up; `contact` is the address peers can reach it at."""

    contact: str  # e.g. "sip:taskcall@127.0.0.1:5071"


@dataclass(frozen=True)
class RegistrationSucceeded:
    """The trunk accepted our REGISTER."""

    expires_s: int


@dataclass(frozen=True)
class RegistrationFailed:
    """The trunk refused REGISTER, or could not be reached."""

    code: int
    reason: str


@dataclass(frozen=True)
class CallProceeding:
    """The first response of any kind to our INVITE (100 Trying, 180, a final answer): the peer is alive."""


@dataclass(frozen=True)
class CallRinging:
    """The callee is alerting (180/183)."""

    code: int


@dataclass(frozen=True)
class CallAnswered:
    """200 OK: the call is up and media flows."""


@dataclass(frozen=True)
class CallHeld:
    """The far end put the call on hold (re-INVITE/UPDATE with sendonly or inactive SDP); not a hang-up.

    Audio keeps flowing to us if they send any (hold music), but nothing we say reaches them.
    """


@dataclass(frozen=True)
class MediaStopped:
    """No RTP has come from the far end for `seconds` while the call is up and not held: the line is dead
    (the far end's BYE lost on a dead path, a far end or carrier that crashed). Reported once per silence."""

    seconds: float


@dataclass(frozen=True)
class CallResumed:
    """The far end took the call off hold: media flows both ways again."""


@dataclass(frozen=True)
class CallEnded:
    """The call is over; `code` is the last SIP status (0 when none arrived)."""

    code: int
    reason: str
    by_us: bool  # True when this side hung up or cancelled


@dataclass(frozen=True)
class IncomingCall:
    """Someone is calling this user agent."""

    remote_uri: str


@dataclass(frozen=True)
class DtmfReceived:
    """A digit arrived as RFC 4733 event or SIP INFO."""

    digit: str
    method: str = ""  # "rfc4733" or "info"


@dataclass(frozen=True)
class DtmfSent:
    """One key went out (method: "rfc4733", "info" or "inband")."""

    digit: str
    method: str


@dataclass(frozen=True)
class DtmfFailed:
    """Keys could not be sent: the peer takes none of the configured methods."""

    digits: str
    reason: str


@dataclass(frozen=True)
class ChallengeRefused:
    """A digest challenge we did not answer: its realm is not the trunk's, or the call is not via the trunk.

    The trunk password's digest goes to the trunk's realm only; the request then fails with 401/407."""

    method: str  # "REGISTER" or "INVITE"
    realm: str  # the realm the challenge asked for
    source: str  # "ip:port" it came from
    trunk_realm: str  # the realm the password is bound to ("" before one is known)


@dataclass(frozen=True)
class SipFailed:
    """The SIP stack could not do what was asked (bind failed, bad URI...)."""

    code: str  # stable error code, e.g. "sip-start-failed"
    message: str
