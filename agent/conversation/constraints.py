"""What the agent may accept alone: date choices, a time window, a price ceiling, quantities.

Parsed from the task's [accept] table; a malformed or contradictory rule is refused naming its key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from agent.conversation import entities
from agent.errors import TaskFileError

_ACCEPT_KEYS = ("date", "time", "max_price")  # any other key is a quantity ("party_size = "3-5"")
_DATE_WORDS = ("today", "tomorrow", *entities.WEEKDAYS)


@dataclass(frozen=True)
class Accept:
    """The principal's limits. Empty fields mean "only what the goal says" (anything else goes to the principal)."""

    dates: tuple[str, ...] = ()  # normalised as entities.dates() writes them ("friday", "14th", "tomorrow")
    time_from: int | None = None  # minutes after midnight, inclusive
    time_to: int | None = None
    max_price: float | None = None
    currency: str = ""
    quantities: MappingProxyType[str, tuple[int, int]] = field(default_factory=lambda: MappingProxyType({}))
    price_each: bool = False  # the ceiling is per unit ("£45 each", "200 USD per night"): a total is no price of one

    def time_ok(self, time: entities.Time) -> bool | None:
        """True/False when a window is set and the time is inside/outside it (any reading); None when unset."""
        if self.time_from is None or self.time_to is None:
            return None
        return any(self.time_from <= m <= self.time_to for m in time.candidates())

    def date_ok(self, date: str) -> bool | None:
        """True/False against the accepted dates; None when none are set."""
        return (date in self.dates) if self.dates else None

    def price_ok(self, amount: float) -> bool | None:
        """True/False against the ceiling; None when none is set."""
        return amount <= self.max_price if self.max_price is not None else None


def parse_accept(data: dict[str, Any]) -> Accept:
    """An Accept from the [accept] table."""
    dates: tuple[str, ...] = ()
    time_from = time_to = None
    max_price = None
    currency = ""
    each = False
    quantities: dict[str, tuple[int, int]] = {}
    for key, value in data.items():
        if key == "date":
            dates = _dates(value)
        elif key == "time":
            time_from, time_to = _window(value)
        elif key == "max_price":
            max_price, currency, each = _price(value)
        else:
            quantities[key] = _quantity(key, value)
    return Accept(dates, time_from, time_to, max_price, currency, MappingProxyType(quantities), each)


def _dates(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise TaskFileError(f"accept.date: expected a day or a list of days, got {item!r}")
        word = item.strip().lower()
        found = [word] if word in _DATE_WORDS else entities.dates(word)
        if len(found) != 1:
            raise TaskFileError(f"accept.date: {item!r} is not a day (a weekday, today, tomorrow or 'the 14th')")
        out.append(found[0])
    return tuple(out)


def _window(value: Any) -> tuple[int, int]:
    if not isinstance(value, str):
        raise TaskFileError(f"accept.time: expected a window like \"19:00-20:30\", got {value!r}")
    parts = [p.strip() for p in re.split(r"\s*(?:-|–|to|until)\s*", value.strip()) if p.strip()]
    if len(parts) not in (1, 2):
        raise TaskFileError(f"accept.time: {value!r} is not a window like \"19:00-20:30\"")
    bounds = [_clock(p, value) for p in parts]
    start, end = bounds[0], bounds[-1]
    if start > end:
        raise TaskFileError(f"accept.time: {value!r} ends before it starts")
    return start, end


def _clock(text: str, whole: str) -> int:
    found = entities.times(text if re.search(r"[:.]|am|pm", text, re.I) else f"at {text}")
    if len(found) != 1:
        raise TaskFileError(f"accept.time: {text!r} in {whole!r} is not a time (use 24 h, e.g. 19:30, or 7:30 pm)")
    t = found[0]
    if not t.meridiem and re.search(r"[:.]", text):
        return t.hour * 60 + t.minute  # "12:00", "09:30": the 24-hour clock, as written
    return t.candidates()[-1] if not t.meridiem else t.candidates()[0]  # a bare "7" in a window is evening


_SYMBOLS = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "₹": "INR", "Rs": "INR", "¥": "JPY", "R": "ZAR",
            "NZ$": "NZD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD"}


# "each", "per night", "a head", "/ticket": a ceiling on the price of one of what is booked, not on a total.
PER_UNIT = r"(?:each|apiece|per \w+|an? (?:head|night|person|ticket|seat|room|day|hour|adult|child)|/\s*\w+)"


def _price(value: Any) -> tuple[float, str, bool]:
    each = False
    if isinstance(value, int | float) and not isinstance(value, bool):
        amount, currency = float(value), ""
    elif isinstance(value, str):
        unit_free = re.sub(r"\s*" + PER_UNIT + r"\s*$", "", value, flags=re.I)
        each, value = unit_free != value, unit_free
        m = re.fullmatch(r"\s*(NZ\$|A\$|C\$|AU\$|CA\$|US\$|[$£€₹¥R]|Rs\.?)?\s*(\d[\d,]*(?:\.\d{1,2})?)\s*"
                         r"([A-Za-z]{3})?\s*", value)
        if not m or re.search(r",(?!\d{3}\b)", m.group(2)):
            raise TaskFileError(f"accept.max_price: {value!r} is not an amount like \"75 USD\", \"£60\" or \"₹9000\"")
        amount = float(m.group(2).replace(",", ""))
        currency = (m.group(3) or _SYMBOLS.get((m.group(1) or "").rstrip("."), "")).upper()
    else:
        raise TaskFileError(f"accept.max_price: expected an amount like \"75 USD\", got {value!r}")
    if amount <= 0:
        raise TaskFileError(f"accept.max_price: {value!r} must be more than zero")
    return amount, currency, each


def with_goal_unit_price(accept: Accept, goal: str) -> Accept:
    """The ceiling per unit when the goal says so of it ("2 tickets, up to £45 each"), though [accept] gave the
    amount alone."""
    if accept.max_price is None or accept.price_each:
        return accept
    amount = f"{accept.max_price:g}"
    if re.search(r"(?<![\d.])" + re.escape(amount) + r"(?:\.00)?\s*(?:[A-Za-z]{3}\s*)?" + PER_UNIT + r"\b", goal, re.I):
        return replace(accept, price_each=True)
    return accept


def _quantity(key: str, value: Any) -> tuple[int, int]:
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", key):
        raise TaskFileError(f"accept.{key}: not a known limit (date, time, max_price) or a quantity name")
    if isinstance(value, int) and not isinstance(value, bool):
        lo = hi = value
    elif isinstance(value, str) and re.fullmatch(r"\s*\d+\s*(-\s*\d+\s*)?", value):
        nums = [int(n) for n in re.findall(r"\d+", value)]
        lo, hi = nums[0], nums[-1]
    else:
        raise TaskFileError(f"accept.{key}: expected a number or a range like \"3-5\", got {value!r}")
    if lo > hi:
        raise TaskFileError(f"accept.{key}: {value!r} is an empty range")
    return lo, hi


# The part of the day a goal names, when it names no time ("Tuesday morning", "Thursday afternoon"): what a
# person calling for them would take as inside it.
_PARTS_OF_DAY = (("morning", 7 * 60, 12 * 60), ("lunchtime", 11 * 60 + 30, 14 * 60 + 30),
                 ("afternoon", 12 * 60, 17 * 60 + 30), ("evening", 17 * 60, 22 * 60), ("tonight", 17 * 60, 22 * 60))


def with_goal_window(accept: Accept, goal: str) -> Accept:
    """The limits, with a time window from the part of the day the goal names when none is set and the goal
    names no time of its own (the caller checks that): "dropping it off Tuesday morning" takes 9:30."""
    if accept.time_from is not None:
        return accept
    low = goal.lower()
    named = [(lo, hi) for word, lo, hi in _PARTS_OF_DAY if re.search(rf"\b{word}\b", low)]
    if len(named) != 1:
        return accept  # none, or "morning or afternoon": only what the goal says, the rest to the principal
    return replace(accept, time_from=named[0][0], time_to=named[0][1])


def check_goal_against(accept: Accept, goal: str) -> None:
    """Refuse limits that exclude the goal's own time or day (the principal contradicts themself). The goal's own
    time is the one it books ("pick up Saturday at 9 am"), not a deadline beside it ("return it by 5 pm")."""
    from agent.conversation.slots import derive_facts

    if accept.time_from is not None and accept.time_to is not None:
        for t in entities.times(derive_facts(goal).get("time", "")):
            if accept.time_ok(t) is False:
                raise TaskFileError(f"accept.time: the window excludes the goal's own time ({t.text()})")
    if accept.dates:
        goal_dates = [d for d in entities.dates(goal) if d in _DATE_WORDS]
        if goal_dates and not any(d in accept.dates for d in goal_dates):
            raise TaskFileError(f"accept.date: {list(accept.dates)} excludes the goal's own day ({goal_dates[0]})")
