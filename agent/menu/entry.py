"""A prompt's request to key in (or say) a piece of data: what is asked, how, and how it ends.

"Please enter your account number followed by the pound key", "say or enter your 10 digit phone number",
"enter your date of birth as two digit month, two digit day and four digit year", "if you know your party's
extension you may dial it at any time". Works on text already passed through `parse.prepare` (lowercase, keys
as "#"/"*").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.conversation.entities import UNITS

# What a request names -> its kind (the usual fact key). Longer phrases are tried first.
KINDS: dict[str, tuple[str, ...]] = {
    "booking_reference": ("confirmation number", "confirmation code", "confirmation", "booking reference",
                          "booking number", "booking code", "reservation number", "reservation code",
                          "record locator", "pnr", "itinerary number", "ticket number", "reference number",
                          "trip number", "e-ticket number"),
    "order_number": ("order number", "tracking number", "shipment number", "package number", "parcel number",
                     "order id", "waybill number"),
    "account_number": ("account number", "customer number", "customer id", "account id", "meter number",
                       "billing id", "customer account", "account"),
    "policy_number": ("policy number", "policy id", "policy"),
    "member_id": ("member id", "member number", "membership number", "membership id", "subscriber id",
                  "subscriber number", "frequent flyer number", "frequent flier number", "loyalty number",
                  "rewards number", "member identification"),
    "date_of_birth": ("date of birth", "birth date", "birthdate", "birthday", "dob"),
    "postcode": ("zip code", "zip", "postal code", "postcode", "post code"),
    "phone": ("phone number", "telephone number", "mobile number", "cell number", "cell phone number",
              "home phone", "callback number", "call back number", "contact number", "phone"),
    "extension": ("extension",),
    "pin": ("personal identification number", "pin number", "pin", "passcode", "password", "access code",
            "security code", "pass code"),
    "ssn": ("social security number", "social security", "ssn", "social insurance number", "tax id"),
    "card_number": ("credit card number", "debit card number", "card number"),
}
_PHRASES = sorted(((p, k) for k, ps in KINDS.items() for p in ps), key=lambda pk: -len(pk[0]))
# A request with no known kind still names a thing that is keyed: "conference number", "student id".
_KEYED_NOUN = re.compile(r"\b(?:number|code|id|pin|password|passcode|extension|letters|digits|locator|reference|date)"
                         r"\b")
_VERB = (r"(?P<verb>say or enter|enter or say|say or key in|key in or say|say or type|key in|enter|input|type in|"
         r"type|punch in|provide|say|dial)")
_REQUEST = re.compile(
    rf"(?:^|(?<=[.,;!?])\s*|\b(?:please|now|then|first|and|kindly|to begin|to start|to continue|to get started|"
    rf"you may|you can|can you|will you|would you)\s+){_VERB}\s+(?P<what>(?:in\s+)?(?:your|the|a|an|his|her|their|"
    rf"its|the patient'?s|the account holder'?s|your party'?s|the caller'?s|the member'?s|the last|last)\b[^.;!?]*)"
)
_EXTENSION = re.compile(
    r"\bif you know (?:your party'?s |the party'?s |the |your |their )?extension(?: of [\w' ]+?)?,? "
    r"(?:you (?:may|can) |please )?(?:dial|enter|key|press|input) it\b|\b(?:dial|enter) (?:your party'?s |the )"
    r"extension (?:at any time|now)\b")
_STOP = re.compile(r"\s+(?:followed by|then|using|on (?:your|the)|with your|and (?:press|then)|or (?:press|say|"
                   r"stay|hold)|now|if|to |at any|as |starting|located|in the format|by pressing|when|after|"
                   r"associated|from|that|which|so|for)\b|,")
_TERMINATOR = re.compile(r"\b(?:followed by|then press|and press|and then press|then|and then|ending with|end with|"
                         r"finish with|(?:when|once) (?:you are |you're )?(?:done|finished),? press)\s+(?:the\s+)?"
                         r"(?:key\s+)?([#*])")
_DIGITS = re.compile(r"\b(\d+|" + "|".join(k for k, v in UNITS.items() if 2 <= v <= 19) +
                     r")[- ](?:digits?|characters?|numbers?)\b")
_LAST = re.compile(r"\blast (\d|four|three|five|six|two) (?:digits|numbers)\b")
_OPTIONAL = re.compile(r"\bif you (?:know|have|are an?|are calling from|'re an?)\b|\bat any time\b")
_TWO_DIGIT_YEAR = re.compile(r"\b(?:two|2)[- ]digit year\b|\byy\b(?!yy)")


@dataclass(frozen=True)
class Entry:
    """A request to key data: what is asked, its kind, and how the answer must be given."""

    asked: str  # the prompt's words for it: "confirmation number", "date of birth", "party's extension"
    kind: str = "other"  # the kind of fact asked for (a key of KINDS), "other" when the words name none
    terminator: str = ""  # "#" or "*" when the prompt said "followed by pound" / "then press star"
    speech: bool = False  # it may be said ("say or enter your ...")
    optional: bool = False  # the menu goes on without it ("if you know your party's extension ...")
    digits: int | None = None  # the length the prompt announced ("your 10 digit phone number")
    last_digits: int | None = None  # only the last digits ("the last four digits of your social security number")
    date_order: str = ""  # for dates: "mdy", "dmy" or "ymd" when the prompt said which ("" = month first)
    year_digits: int = 4  # for dates: 2 when the prompt asked for a two-digit year or six digits in all


def kind_of(asked: str) -> str:
    """The kind of fact a request names ("your six digit confirmation code" -> "booking_reference")."""
    for phrase, kind in _PHRASES:
        if re.search(r"\b" + re.escape(phrase) + r"\b", asked):
            return kind
    return "other"


def parse_entry(t: str) -> Entry | None:
    """The first request to key data in the (prepared) text, or None."""
    ext = _EXTENSION.search(t)
    for m in _REQUEST.finditer(t):
        before = t[: m.start("verb")]
        if re.search(r"\bto\s+$", before) and not re.search(r"\b(?:please|now)\s+$", before):
            continue  # "press 1 to enter an extension" is an option, not a request
        what = m.group("what")
        asked = _STOP.split(re.sub(r"^in\s+", "", what), maxsplit=1)[0].strip()
        asked = re.sub(r"^(?:the last|last) (?:\w+ )?(?:digits|numbers) of\s+", "", asked)
        asked = re.sub(r"^(?:your|the|a|an|his|her|their|its)\s+", "", asked)
        asked = re.sub(r"^(?:\d+|\w+)[- ](?:digits?|characters?)\s+", "", asked).strip()
        kind = kind_of(asked)
        if kind == "other" and not _KEYED_NOUN.search(asked):
            continue  # "say the name of the department" asks for a choice, not data
        if kind == "other" and re.search(r"\bname\b", asked) and not re.search(r"\bletters\b", asked):
            continue
        return _entry(t, m, asked, kind)
    if ext:
        return Entry(asked="extension", kind="extension", optional=True, terminator=_terminator(t, ext.end()))
    return None


def _entry(t: str, m: re.Match[str], asked: str, kind: str) -> Entry:
    sentence_start = max(t.rfind(c, 0, m.start("verb")) for c in ".;!?") + 1
    lead = t[sentence_start : m.start("verb")]
    clause = t[m.start("verb") :]
    clause = re.split(r"[.;!?](?:\s|$)", clause, maxsplit=1)[0] if kind != "date_of_birth" else clause[:160]
    digits = _DIGITS.search(clause)
    last = _LAST.search(m.group("what"))
    order, year_digits = _date_format(clause) if kind == "date_of_birth" else ("", 4)
    count = _count(digits.group(1)) if digits else None
    if kind == "date_of_birth" and count == 6:
        year_digits = 2
    return Entry(
        asked=asked, kind=kind, terminator=_terminator(t, m.end("verb")),
        speech="say" in m.group("verb"),
        optional=bool(_OPTIONAL.search(lead)) or bool(re.search(r"\bat any time\b", clause)),
        digits=count, last_digits=_count(last.group(1)) if last else None, date_order=order, year_digits=year_digits,
    )


def _count(word: str) -> int:
    return int(word) if word.isdigit() else UNITS.get(word, 0)


def _terminator(t: str, start: int) -> str:
    """The key that ends the entry, said after the request ("followed by the pound key")."""
    sentences = re.split(r"[.;!?]\s+(?!(?:then|and|followed|when|once)\b)", t[start : start + 140], maxsplit=2)
    m = _TERMINATOR.search(" ".join(sentences[:2]))
    return m.group(1) if m else ""


def _date_format(clause: str) -> tuple[str, int]:
    """The order of day, month and year a date prompt asks for ("day, day, month, month ..." -> "dmy")."""
    found = {part: m.start() for part in ("month", "day", "year")
             for m in [re.search(r"\b" + part + r"\b", clause)] if m}
    spelled = re.search(r"\b(mm|dd|yyyy|yy)\W*(mm|dd)\W*(mm|dd|yyyy|yy)\b", clause)
    year_digits = 2 if _TWO_DIGIT_YEAR.search(clause) else 4
    if spelled:  # "mm dd yyyy"
        return "".join(g[0] for g in spelled.groups()), 2 if "yy" in spelled.groups() else year_digits
    if len(found) >= 2:
        order = "".join(p[0] for p, _ in sorted(found.items(), key=lambda kv: kv[1]))
        full = order + "".join(p for p in "mdy" if p not in order)
        return full, year_digits
    return "", year_digits
