"""SIP final responses in words a principal understands."""

from __future__ import annotations

_OUTCOMES: dict[int, tuple[str, str]] = {
    486: ("busy", "the line is busy"),
    600: ("busy", "the line is busy"),
    480: ("no-answer", "nobody answered"),
    408: ("no-answer", "nobody answered"),
    487: ("cancelled", "the call was cancelled before it was answered"),
    404: ("not-found", "the number does not exist"),
    484: ("not-found", "the number is incomplete"),
    604: ("not-found", "the number does not exist anywhere"),
    410: ("not-found", "the number is no longer in service"),
    403: ("rejected", "the trunk refused the call"),
    603: ("rejected", "the callee declined the call"),
    488: ("rejected", "the callee cannot take our audio codecs"),
    401: ("trunk-auth-failed", "the trunk refused our credentials"),
    407: ("trunk-auth-failed", "the trunk refused our credentials"),
    502: ("trunk-unreachable", "the trunk could not reach the callee"),
    503: ("trunk-unreachable", "the trunk is unreachable or out of service"),
    504: ("trunk-unreachable", "the trunk timed out"),
}


def describe_failure(code: int, reason: str = "") -> tuple[str, str]:
    """(outcome, words) for a final SIP status; unknown codes fall back to their class."""
    if code in _OUTCOMES:
        outcome, words = _OUTCOMES[code]
    elif code == 0:
        outcome, words = "trunk-unreachable", "no answer from the SIP peer"
    elif 400 <= code < 500:
        outcome, words = "rejected", "the call was refused"
    elif 500 <= code < 600:
        outcome, words = "trunk-unreachable", "the trunk reported a server error"
    else:
        outcome, words = "rejected", "the call was declined"
    detail = f"SIP {code} {reason}".strip() if code else reason or "no SIP response"
    return outcome, f"{words} ({detail})"
