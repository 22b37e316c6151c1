"""What may be dialled: E.164 numbers through the trunk, or SIP URIs directly."""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.errors import NumberError

_SEPARATORS = re.compile(r"[\s().\-]")
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_HOST_PORT = re.compile(
    r"^(?:[A-Za-z0-9_.!~*'()&=+$,;?/%+-]+@)?"  # optional user part
    r"(?P<host>[A-Za-z0-9.\-]+|\[[0-9a-fA-F:]+\])(?::(?P<port>\d{1,5}))?(?:;\S*)?$"
)


@dataclass(frozen=True)
class Destination:
    """A validated callee: an E.164 number (needs a trunk) or a SIP URI (dialled as is)."""

    text: str  # as shown to the user: "+15550100" or "sip:luigis@127.0.0.1:5070"
    is_number: bool

    def uri(self, trunk_domain: str | None) -> str:
        """The request URI to INVITE."""
        if not self.is_number:
            return self.text
        if not trunk_domain:
            raise NumberError(
                f"{self.text}: dialling a phone number needs a [trunk] in the config; "
                "without one, give a SIP URI such as sip:someone@127.0.0.1:5070"
            )
        return f"sip:{self.text}@{trunk_domain}"


def parse_e164(text: str) -> str:
    """Normalise a phone number to E.164 ("+15550100"), or raise NumberError saying why."""
    raw = text.strip()
    if not raw:
        raise NumberError("empty number")
    compact = _SEPARATORS.sub("", raw)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if not compact.startswith("+"):
        raise NumberError(f"{text!r}: give the number in international form with a leading + and country code")
    if not compact[1:].isdigit():
        bad = next(c for c in compact[1:] if not c.isdigit())
        raise NumberError(f"{text!r}: unexpected character {bad!r} in a phone number")
    if not _E164.match(compact):
        raise NumberError(f"{text!r}: an E.164 number has 7 to 15 digits after the +, not starting with 0")
    return compact


def parse_destination(text: str) -> Destination:
    """Accept an E.164 number (also as a tel: link) or a sip:/sips: URI."""
    raw = text.strip()
    if raw.lower().startswith(("sip:", "sips:")):
        scheme, _, rest = raw.partition(":")
        match = _HOST_PORT.match(rest)
        if not rest or match is None:
            raise NumberError(f"{text!r}: not a valid SIP URI (expected sip:user@host[:port])")
        port = match.group("port")
        if port is not None and not 0 < int(port) < 65536:
            raise NumberError(f"{text!r}: port {port} is out of range")
        return Destination(text=f"{scheme.lower()}:{rest}", is_number=False)
    if raw.lower().startswith("tel:"):
        # A phone link (RFC 3966), as copied from a web page: "tel:+1-555-0100". Its parameters (";ext=12",
        # ";phone-context=...") ask for what a dialled number cannot carry.
        number, _, params = raw[4:].partition(";")
        if params:
            raise NumberError(f"{text!r}: a tel: link's parameters ({params}) cannot be dialled; give the number alone")
        return Destination(text=parse_e164(number), is_number=True)
    return Destination(text=parse_e164(raw), is_number=True)
