"""Which of the task's facts answers a keyed request, and how its value is keyed or spelled.

A request names a kind ("confirmation number" -> booking_reference); the fact is found by the task's key
for that kind and its synonyms, by the words of a custom key ("conference_number" answers "conference number"),
or by a custom fact's `asked_as` phrases. Keys carry only digits, "*" and "#": a value with letters cannot be
keyed, and is spelled out to be said instead where the menu takes speech.
"""

from __future__ import annotations

import re

from agent.conversation.entities import MONTHS
from agent.conversation.task import Fact, Task
from agent.menu.entry import Entry

# The fact keys a task may use for each kind of request, most usual first.
FACT_KEYS: dict[str, tuple[str, ...]] = {
    "booking_reference": ("booking_reference", "confirmation_number", "confirmation_code", "confirmation",
                          "reservation_number", "record_locator", "pnr", "booking_number", "booking_ref",
                          "reference", "reference_number", "ticket_number", "itinerary_number"),
    "order_number": ("order_number", "tracking_number", "order_id", "tracking", "order"),
    "account_number": ("account_number", "account", "customer_number", "account_no", "customer_id", "meter_number"),
    "policy_number": ("policy_number", "policy", "insurance_number", "policy_no"),
    "member_id": ("member_id", "member_number", "membership_number", "membership_id", "subscriber_id",
                  "frequent_flyer", "frequent_flyer_number", "loyalty_number"),
    "date_of_birth": ("date_of_birth", "dob", "birth_date", "birthdate", "birthday"),
    "postcode": ("postcode", "zip", "zip_code", "postal_code", "post_code", "zipcode"),
    "phone": ("phone", "phone_number", "mobile", "telephone", "callback_number", "cell", "mobile_number"),
    "extension": ("extension", "ext", "extension_number"),
    "pin": ("pin", "passcode", "password", "access_code", "pin_number", "security_code"),
    "ssn": ("ssn", "social_security_number", "social_security", "ssn_last4"),
    "card_number": ("card_number", "card", "credit_card", "debit_card"),
}
_MONTHS = {name: i + 1 for i, name in enumerate(MONTHS)} | {name[:3]: i + 1 for i, name in enumerate(MONTHS)}


def fact_for(entry: Entry, task: Task) -> Fact | None:
    """The task's fact that answers the request, whatever its level (the caller decides what may be keyed)."""
    facts = task.facts
    for fact in facts.values():  # the principal's own words for it first
        if any(phrase and (phrase in entry.asked or entry.asked in phrase) for phrase in fact.asked_as):
            return fact
    for key in FACT_KEYS.get(entry.kind, ()):
        if key in facts:
            return facts[key]
    for fact in facts.values():  # "conference_number" answers "conference number"
        words = fact.key.split("_")
        if len(words) >= 2 and all(re.search(r"\b" + re.escape(w) + r"\b", entry.asked) for w in words):
            return fact
    return None


def keyed(entry: Entry, value: str) -> str:
    """The value as the request wants it keyed (digits only: a date in the asked order, a phone without +1);
    "" when it holds letters and so cannot be keyed."""
    if entry.kind == "date_of_birth":
        date = date_digits(value, entry.date_order or "mdy", entry.year_digits)
        if date:
            return date
    digits = re.sub(r"[\s().+/-]", "", value)
    if not digits.isdigit():
        return ""
    if entry.kind == "phone" and len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]  # the North American country code: phone menus ask for the ten digits
    if entry.last_digits:
        digits = digits[-entry.last_digits :]
    elif entry.digits and len(digits) > entry.digits and entry.kind in ("phone", "postcode"):
        # a phone number's trailing digits (no country code); a ZIP+4's first five
        digits = digits[-entry.digits :] if entry.kind == "phone" else digits[: entry.digits]
    return digits


def spelled(value: str) -> str:
    """Letters and digits one by one, as said to a speech menu ("AB-12" -> "A B 1 2")."""
    return " ".join(c.upper() for c in value if c.isalnum())


def date_digits(value: str, order: str = "mdy", year_digits: int = 4) -> str:
    """A date written any usual way ("1985-03-14", "March 14, 1985", "14/03/1985") as digits in `order`;
    "" when the text is no date."""
    parts = _date_parts(value.strip().lower())
    if parts is None:
        return ""
    year, month, day = parts
    fields = {"y": f"{year:04d}"[-year_digits:], "m": f"{month:02d}", "d": f"{day:02d}"}
    return "".join(fields[c] for c in order)


def _date_parts(text: str) -> tuple[int, int, int] | None:
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if m:
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return _valid(year, b, a) if a > 12 else _valid(year, a, b)  # month first unless it cannot be
    words = re.findall(r"[a-z]+|\d+", text)
    month = next((_MONTHS[w] for w in words if w in _MONTHS), None)
    numbers = [int(w) for w in words if w.isdigit()]
    if month and len(numbers) == 2:
        day, year = (numbers[0], numbers[1]) if numbers[1] > 31 else (numbers[1], numbers[0])
        return _valid(year, month, day)
    m = re.fullmatch(r"(\d{2})(\d{2})(\d{4})", text)
    if m:
        return _valid(int(m.group(3)), int(m.group(1)), int(m.group(2)))
    return None


def _valid(year: int, month: int, day: int) -> tuple[int, int, int] | None:
    return (year, month, day) if 1 <= month <= 12 and 1 <= day <= 31 and 1000 <= year <= 9999 else None
