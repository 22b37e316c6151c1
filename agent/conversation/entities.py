"""Entities in a business's words, normalised from Whisper's text: times, dates, money, codes, spelled names.

Pure functions. Whisper writes numbers every way a person says them ("seven thirty", "7.30pm", "730",
"half seven", "quarter to nine", "nineteen hundred"), so each reader accepts digits and number words alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "oh": 0, "o": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
NATO = {
    "alpha": "A", "alfa": "A", "bravo": "B", "charlie": "C", "delta": "D", "echo": "E", "foxtrot": "F",
    "golf": "G", "hotel": "H", "india": "I", "juliet": "J", "juliett": "J", "kilo": "K", "lima": "L", "mike": "M",
    "november": "N", "oscar": "O", "papa": "P", "quebec": "Q", "romeo": "R", "sierra": "S", "tango": "T",
    "uniform": "U", "victor": "V", "whiskey": "W", "whisky": "W", "xray": "X", "x-ray": "X", "yankee": "Y",
    "zulu": "Z",
}


@dataclass(frozen=True)
class Time:
    """A time of day as said: `meridiem` is "am", "pm" or "" when the speaker left it to context."""

    hour: int  # 0-23 when meridiem is given or the hour is > 12; else 1-12
    minute: int
    meridiem: str = ""

    def candidates(self) -> list[int]:
        """Minutes after midnight for each reading a listener could take (two when am/pm is unsaid)."""
        if self.meridiem == "am":
            return [(self.hour % 12) * 60 + self.minute]
        if self.meridiem == "pm":
            return [(self.hour % 12 + 12) * 60 + self.minute]
        if self.hour > 12 or self.hour == 0:
            return [self.hour * 60 + self.minute]
        return [(self.hour % 12) * 60 + self.minute, (self.hour % 12 + 12) * 60 + self.minute]

    def text(self) -> str:
        """How the agent says it back ("8:15 pm", "8:15")."""
        hour = self.hour if self.hour <= 12 else self.hour - 12
        if self.hour > 12 and not self.meridiem:
            return f"{hour}:{self.minute:02d} pm"
        base = f"{hour or 12}:{self.minute:02d}" if self.minute or not self.meridiem else f"{hour or 12}"
        return f"{base} {self.meridiem}".strip()


def number_words(text: str) -> str:
    """Number words turned into digits ("twenty five" -> "25", "two hundred and twelve" -> "212")."""
    tokens = re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)?|\d+|[^\sA-Za-z\d]+|\s+", text)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        value, used = _read_number(tokens, i)
        if used:
            out.append(str(value))
            i += used
        else:
            out.append(tokens[i])
            i += 1
    return "".join(out)


def _read_number(tokens: list[str], i: int) -> tuple[int, int]:
    """A cardinal spoken in words starting at tokens[i]: (value, tokens consumed), or (0, 0). Thousands too:
    "two thousand four hundred" -> 2400, "six thousand and fifty" -> 6050."""
    value, used = _read_group(tokens, i)
    if not used or value >= 1000 or _next_word(tokens, i + used) != "thousand":
        return value, used
    value *= 1000
    used += 2
    rest_start = i + used
    if _next_word(tokens, rest_start) == "and":
        rest_start += 2
    if rest_start < len(tokens) - 1 and tokens[rest_start].isspace():
        rest, rest_used = _read_group(tokens, rest_start + 1)
        if rest_used and rest < 1000:
            value += rest
            used = rest_start + 1 + rest_used - i
    return value, used


def _read_group(tokens: list[str], i: int) -> tuple[int, int]:
    """A number below a thousand in words at tokens[i] ("a hundred and twenty" -> 120): (value, tokens used)."""
    word = tokens[i].lower()
    if word == "a" and _next_word(tokens, i + 1) in ("hundred", "thousand"):
        word, tokens = "one", [*tokens[:i], "one", *tokens[i + 1 :]]  # "a hundred and twenty bucks"
    if "-" in word:  # "twenty-five"
        tens, _, unit = word.partition("-")
        if tens in TENS and unit in UNITS and UNITS[unit] < 10:
            return TENS[tens] + UNITS[unit], 1
        return 0, 0
    if word == "o" or word == "oh":
        return 0, 0  # only inside codes and times ("seven oh five"), read there
    if word not in UNITS and word not in TENS:
        return 0, 0
    value = UNITS.get(word, TENS.get(word, 0))
    used = 1
    if word in TENS and _next_word(tokens, i + used) in UNITS and UNITS[_next_word(tokens, i + used)] < 10:
        value += UNITS[_next_word(tokens, i + used)]
        used += 2
    nxt = _next_word(tokens, i + used)
    if nxt == "hundred" and value < 100:
        value *= 100
        used += 2
        rest_start = i + used
        if _next_word(tokens, rest_start) == "and":
            rest_start += 2
        if rest_start < len(tokens) - 1:
            rest, rest_used = _read_group(tokens, rest_start + 1) if tokens[rest_start].isspace() else (0, 0)
            if rest_used and rest < 100:
                value += rest
                used = rest_start + 1 + rest_used - i
    return value, used


def _next_word(tokens: list[str], i: int) -> str:
    """The word after the whitespace at tokens[i], lowercased, or ""."""
    if i < len(tokens) and tokens[i].isspace() and i + 1 < len(tokens):
        return tokens[i + 1].lower()
    return ""


_MERIDIEM = r"(?:\s*(a\.?\s?m\.?|p\.?\s?m\.?|in the morning|in the afternoon|in the evening|at night|tonight))?"
_TIME_PATTERNS = (
    # 7:30, 7.30, 19:30, 7:30 pm
    re.compile(r"\b([01]?\d|2[0-3])[:.]([0-5]\d)(?!\d)" + _MERIDIEM, re.I),
    # 730 pm, 1145am, "at 1930", "do 730" (3-4 digits glued, only with am/pm or after a time verb)
    re.compile(r"\b(?:at|do|or|around|about|have|got|try|is) ([1-9]|1\d|2[0-3])([0-5]\d)\b" + _MERIDIEM, re.I),
    re.compile(r"\b([1-9]|1[0-2])([0-5]\d)" + r"\s*(a\.?\s?m\.?|p\.?\s?m\.?)", re.I),
    # 7 pm, 7 o'clock
    re.compile(r"\b([01]?\d|2[0-3])(?:\s*o'?\s?clock)?" + r"\s*(a\.?\s?m\.?|p\.?\s?m\.?)", re.I),
    re.compile(r"\b([01]?\d|2[0-3])\s*o'?\s?clock\b" + _MERIDIEM, re.I),
)


def times(text: str) -> list[Time]:
    """Times of day mentioned, in order ("half seven" -> 7:30, "quarter to nine" -> 8:45, "noon" -> 12:00)."""
    lowered = text.lower()
    # "nineteen hundred (hours)" is a clock time, not 1900 ("19:00")
    lowered = re.sub(r"\b(thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
                     r"twenty[- ](?:one|two|three)) hundred(?: hours)?\b",
                     lambda m: f"{UNITS.get(m.group(1), 0) or 20 + UNITS.get(m.group(1)[7:], 0)}:00", lowered)
    lowered = _spoken_times(number_words(lowered))
    # "7 30 p.m.": hour and minutes apart, before a dotted am/pm
    lowered = re.sub(r"\b(1[0-2]|[1-9]) ([0-5]\d)(?=\s*(?:a|p)\.\s?m\b)", r"\1:\2", lowered)
    # Whisper's "2015 PM" for "two fifteen p.m." (a year's shape): no clock has hour 20 with p.m.
    lowered = re.sub(r"\b([2-9])0([0-5]\d)\s*(?=(?:a|p)\.?\s?m\b)", r"\1:\2 ", lowered)
    # Whisper's "11-15" for eleven fifteen: minutes that cannot be an hour (15-55 in fives) make it a time
    lowered = re.sub(r"\b(1[0-2]|[1-9])-(15|[2-5][05])\b(?!\s*(?:minutes?|mins?|people|persons|guests|percent|%|"
                     r"days?|weeks?|years?))", r"\1:\2", lowered)
    found: list[tuple[int, Time]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _TIME_PATTERNS:
        for m in pattern.finditer(lowered):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            groups = [g for g in m.groups()]
            hour = int(groups[0])
            minute = int(groups[1]) if len(groups) > 2 or (groups[1] and groups[1].isdigit()) else 0
            meridiem_text = groups[-1] if groups[-1] and not groups[-1].isdigit() else ""
            if hour > 23 or minute > 59:
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), Time(hour, minute, _meridiem(meridiem_text))))
    for m in re.finditer(r"\b(?:between|from|open|served|opens|runs|is|are|'s|we're|hours are) (1[0-2]|[1-9])"
                         r"(?::([0-5]\d))? (?:and|till|until|to|-) (1[0-2]|[1-9])(?::([0-5]\d))?\b", lowered):
        if not any(a <= m.start(1) < b for a, b in taken):
            taken.append((m.start(), m.end()))
            found.append((m.start(1), Time(int(m.group(1)), int(m.group(2) or 0))))
            found.append((m.start(3), Time(int(m.group(3)), int(m.group(4) or 0))))
    for m in re.finditer(r"\b(noon|midday|midnight)\b", lowered):
        found.append((m.start(), Time(12, 0, "pm") if m.group(1) != "midnight" else Time(0, 0, "am")))
    # "at 8", "around 9", "for 7" (a bare hour after a time preposition), "8 15" said as two numbers
    for m in re.finditer(r"\b(?:at|around|about|by|until|till|from|before|after|or|do|have|got)\s+"
                         r"(1[0-2]|[1-9])(?:\s+([0-5]\d))?\b(?!\s*(?:people|persons|guests|of|days?|weeks?|"
                         r"minutes?|hours?|dollars?|pounds?|euros?|bucks|percent|%|th|st|nd|rd|[:.]\d))", lowered):
        start = m.start(1)
        if any(a <= start < b for a, b in taken):
            continue
        if m.group(0).split()[0] in ("do", "have", "got", "or") and not _time_context(lowered, m):
            continue
        taken.append((start, m.end()))
        found.append((start, Time(int(m.group(1)), int(m.group(2) or 0))))
    return [t for _, t in sorted(found, key=lambda item: item[0])]


def _time_context(text: str, match: re.Match[str]) -> bool:
    """A bare number after "for"/"or"/"do" is a time only near another time word ("8 or 9 o'clock", "at 8 or 9")."""
    window = text[max(0, match.start() - 40) : match.end() + 25]
    return bool(re.search(r"\b(at|o'?clock|am|pm|a\.m|p\.m|time|slot|tonight|evening|morning|afternoon)\b|\d[:.]\d",
                          window))


def _spoken_times(text: str) -> str:
    """Spoken clock phrases rewritten as H:MM ("half seven" -> "7:30", "quarter to 9" -> "8:45")."""
    text = re.sub(r"\bhalf past (\d{1,2})\b", lambda m: f"{m.group(1)}:30", text)
    # "half 9" is 9:30, but not in "half an hour" or "half 9 and ..."
    text = re.sub(r"\bhalf (\d{1,2})\b(?!\s*(?:hours?|an|of)\b)", lambda m: f"{m.group(1)}:30", text)
    text = re.sub(r"\b(?:a )?quarter past (\d{1,2})\b", lambda m: f"{m.group(1)}:15", text)
    text = re.sub(r"\b(?:a )?quarter (?:to|till|of) (\d{1,2})\b",
                  lambda m: f"{(int(m.group(1)) - 2) % 12 + 1}:45", text)
    text = re.sub(r"\b(\d{1,2}) (?:minutes )?(?:to|till) (\d{1,2})\b(?! (?:people|minutes|days|weeks))",
                  lambda m: f"{(int(m.group(2)) - 2) % 12 + 1}:{60 - int(m.group(1)):02d}"
                  if int(m.group(1)) in (5, 10, 15, 20, 25) and int(m.group(2)) <= 12 and re.search(
                      r"\b(?:at|by|for|is|then|about|around|would|could|how about|what about|or),?\s*$",
                      text[: m.start()]) else m.group(0), text)
    # "ten of nine" (US): 8:50
    text = re.sub(r"\b(5|10|15|20|25) of (\d{1,2})\b(?! (?:them|those|us|you|the))",
                  lambda m: f"{(int(m.group(2)) - 2) % 12 + 1}:{60 - int(m.group(1)):02d}"
                  if int(m.group(2)) <= 12 else m.group(0), text)
    text = re.sub(r"\b(\d{1,2}) (?:minutes )?past (\d{1,2})\b",
                  lambda m: f"{m.group(2)}:{int(m.group(1)):02d}" if int(m.group(1)) < 60 else m.group(0), text)
    text = re.sub(r"\b(\d{1,2}) hundred(?: hours)?\b",
                  lambda m: f"{m.group(1)}:00" if int(m.group(1)) <= 23 else m.group(0), text)
    # "at 14 hours"; never a duration ("it takes around 2 hours")
    text = re.sub(r"\b(at|by|from|until|till) (1?\d|2[0-3]) hours\b", lambda m: f"{m.group(1)} {m.group(2)}:00", text)
    # "seven thirty", "eight fifteen", "nine oh five" (hour then minutes, once number words are digits)
    # Any word may follow ("the ten fifteen sailing", "seven forty's sold out") except units and counts.
    text = re.sub(r"\b(1\d|2[0-3]|[1-9]) (?:oh |o )?(0[1-9]|[1-5]\d|[1-9])(?!\d)(?!\s*(?:minutes?|mins?|people|persons|"
                  r"guests|pounds?|dollars?|euros?|quid|bucks|pence|p\b|percent|%|years?|days?|weeks?|hours?|kg|"
                  r"miles?|times|each|a (?:night|day|month|week|year|head)|an hour|per|plus|inc|ex|off|grand|"
                  r"thousand|hundred|[-:.\d]))",
                  lambda m: f"{m.group(1)}:{int(m.group(2)):02d}" if len(m.group(2)) == 2 or "o" in m.group(0)
                  else m.group(0), text)
    return text


def _meridiem(text: str) -> str:
    t = (text or "").lower().replace(".", "").replace(" ", "")
    if t.startswith("a") or t == "inthemorning":
        return "am"
    if t.startswith("p") or t in ("intheafternoon", "intheevening", "atnight", "tonight"):
        return "pm"
    return ""


def dates(text: str) -> list[str]:
    """Dates mentioned, normalised: weekday names, "today", "tomorrow", "14th", "march 3rd"."""
    lowered = text.lower()
    found: list[tuple[int, str]] = []
    for m in re.finditer(r"\b(today|tonight|tomorrow|this (?:morning|afternoon|evening)|" + "|".join(WEEKDAYS)
                         + r")s?\b", lowered):
        day = m.group(1)
        found.append((m.start(), "today" if day == "tonight" or day.startswith("this ") else day))
    month = "|".join(MONTHS + ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"))
    ordinal_words = "|".join(sorted(ORDINALS, key=len, reverse=True))
    for m in re.finditer(r"\b(?:the )?((?:twenty|thirty)[- ](?:" + ordinal_words + r")|" + ordinal_words +
                         r"|\d{1,2}(?:st|nd|rd|th))(?: of (" + month + r"))?\b", lowered):
        day = _ordinal_value(m.group(1))
        if day and 1 <= day <= 31 and _is_date_ordinal(lowered, m):
            found.append((m.start(), _suffix(day)))
    for m in re.finditer(r"\b(" + month + r")\.? (\d{1,2})(?:st|nd|rd|th)?\b", lowered):
        if 1 <= int(m.group(2)) <= 31 and not (m.group(1) == "may" and _modal_may(lowered, m.start())):
            found.append((m.start(), _suffix(int(m.group(2)))))
    found.sort()
    seen: list[str] = []
    for _, d in found:
        if d not in seen:
            seen.append(d)
    return seen


def _modal_may(text: str, at: int) -> bool:
    return bool(re.match(r"may (i|we|you)\b", text[at:]))


def _is_date_ordinal(text: str, m: re.Match[str]) -> bool:
    """"the 14th", "on the fifth", "14th of March": not "the first thing" or "second floor"."""
    word = m.group(1)
    if m.group(2):
        return True
    before = text[max(0, m.start() - 12) : m.start()]
    after = text[m.end() : m.end() + 12]
    if re.match(r"\s*(floor|time|thing|one|option|choice|visit|appointment|available|step|line|name|of the)\b", after):
        return False
    if word[0].isdigit():
        return True
    return bool(re.search(r"\b(on|the|for|until|till|by|from|it's|its|is)\s*$", before)) and m.group(0).startswith(
        "the") or bool(re.search(r"\b(on|for|until|by)\s+$", before))


def _ordinal_value(word: str) -> int:
    word = word.replace("-", " ")
    if word[0].isdigit():
        return int(re.match(r"\d+", word).group(0))  # type: ignore[union-attr]
    parts = word.split()
    if len(parts) == 2:
        return TENS.get(parts[0], 0) + ORDINALS.get(parts[1], 0)
    return ORDINALS.get(word, 0)


def _suffix(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }".replace(" ", "")


_CURRENCY = (r"(?:dollars?|bucks|usd|pounds?|quid|gbp|euros?|eur|rupees?|francs?|rand|yen|inr|zar|nzd|aud|cad|naira|"
             r"cedis?|shillings?|ringgit|pesos?|dirhams?|baht|kwacha|rupiah|ngn|kes|myr|php|sgd)")


def money(text: str, highest: bool = False, price_asked: bool = False) -> list[str]:
    """Amounts, as decimal strings ("212 dollars 40" -> "212.40", "$75" -> "75.00", "£12.5" -> "12.50").

    With `highest`, an amount said in words that reads two ways ("two ninety": 2.90 or 290) is taken at its
    higher reading: what a price ceiling must be checked against, since a price read too low lets an offer over
    the ceiling through. With `price_asked` (we asked what something costs), the question is the price context a
    figure of two or more number words needs ("it's three forty nine for the box" -> "3.49").
    """
    lowered = number_words(text.lower()).replace(",", "")
    found: list[tuple[int, str]] = []
    for m in re.finditer(r"(?:[$£€₹¥]|\brs\.?)\s?(\d+(?:\.\d{1,2})?)", lowered):
        found.append((m.start(), _amount(m.group(1))))
    for m in re.finditer(r"\b(\d+(?:\.\d{1,2})?)\s*" + _CURRENCY +
                         r"(?:\s*(?:and\s*)?(\d{1,2})(?:\s*(?:cents?|pence|p)\b)?)?", lowered):
        if any(abs(m.start() - s) <= 2 for s, _ in found):
            continue
        cents = m.group(2)
        value = float(m.group(1)) + (int(cents) / 100 if cents and "." not in m.group(1) else 0)
        found.append((m.start(), f"{value:.2f}"))
    # "sixty p", "53p"; never the minutes of a time ("2:15 p.m.")
    for m in re.finditer(r"(?<![:.\d])\b(\d{1,2}) ?(?:pence\b|p\b(?!\.?\s?m\b))", lowered):
        found.append((m.start(), f"{int(m.group(1)) / 100:.2f}"))
    # "599 per month", "6500 a night": digits priced by what follows them
    for m in re.finditer(r"(?<![:.\d])(?<!\d )\b(\d{2,6}(?:\.\d{1,2})?)(?=\s*(?:per (?:night|month|week|year|hour|"
                         r"person|head|day)|a (?:night|month|week|year|head|day)|an hour)\b)", lowered):
        if not any(abs(m.start() - s) <= 2 for s, _ in found):
            found.append((m.start(), _amount(m.group(1))))
    written = {a for _, a in found}
    # In the order said: "it's two ninety for the four hours plus fuel, about twenty bucks" brings back 2.90 first
    found += [(at, a) for at, a in _spoken_prices_at(text, highest, price_asked) if a not in written]
    return [a for _, a in sorted(found)]


_PRICE_BEFORE = re.compile(r"\b(?:charge|fee|cost|costs|price|rate|quote|fare|deposit|total|amount|balance|"
                           r"comes to|come to|that's|it's|is|was|are|be|from|extra|of|special|just|only|"
                           r"reduced from|out's|out is)\s*$")
_PRICE_AFTER = re.compile(r"^\s*(?:a night|a month|a week|an hour|a head|per|each|plus|inc|including|ex|excluding|"
                          r"vat|tax|all together|altogether|reduced|for (?:kids|adults|children)|adults|the interim|"
                          r"all in|flat)\b")
# What an amount said as two or more number words is for: "it's fifty four eighty five for the test", "two ninety
# for the four hours". A single word is not enough ("it's four for the table" is a party).
_FOR_WHAT = (r"for (?:the |a |an |your |her |his )?(?:\w+ )?(?:test|service|repair|job|visit|session|lesson|class|"
             r"treatment|check|check-up|mot|hire|hours?|pair|lot|set|callout|call out|labour|parts|fitting|"
             r"consultation|appointment|room|night|nights|ticket|tickets|week|day)\b")
_PRICE_FOR = re.compile(r"^\s*" + _FOR_WHAT)
_PRICED_FOR = re.compile(r"\b" + _FOR_WHAT)
_PRICE_CONTEXT = re.compile(r"\b(?:charge|fee|cost|price|rate|quote|fare|deposit|total|amount|balance|pay|paid|"
                            r"a day|a year|for the year|another|on top|to pay|looking at|rent|excess|each|monthly|"
                            r"vat|tax|a night|a month|an hour|per|each|a head|tickets? (?:are|is)|special|service|"
                            r"vaccination|highlights|debit|call out|callout|from \w+ to|reduced|comes to|"
                            r"that's from|starts? (?:at|from)|all in|flat fee|a flat|flat rate)\b")

# Number words right after "at", "by" or "until" are a time ("at eleven fifteen for the check-up"), unless the
# "at" is a price's ("priced at", "it comes in at", "starts at") or what follows prices them ("at eighty nine each").
_AT_A_TIME = re.compile(r"\b(?:at|by|until|till|til)\s*$")
_PRICED_AT = re.compile(r"\b(?:priced|charged|charge|comes? in|came in|starts?|starting|started|billed|listed|rated|"
                        r"costed|valued|set|pegged|fixed|on offer)\s+at\s*$")


def spoken_prices(text: str, highest: bool = False) -> list[str]:
    """Amounts said without a currency in a price context ("the rate is two ten plus tax" -> "210.00")."""
    return [a for _, a in _spoken_prices_at(text, highest)]


def _spoken_prices_at(text: str, highest: bool = False, price_asked: bool = False) -> list[tuple[int, str]]:
    """spoken_prices, each with where it starts in the text; `price_asked`: see money()."""
    low = text.lower()
    if not _PRICE_CONTEXT.search(low) and not _PRICED_FOR.search(low) and not re.search(r"\b(?:hundred|thousand)\b",
                                                                                      low) and not price_asked:
        return []
    found: list[tuple[int, str]] = []
    word = r"(?:" + "|".join(sorted([*UNITS, *TENS], key=len, reverse=True)) + r")"
    # "five thousand", "a hundred and forty", "one hundred twelve forty": hundreds and thousands said out
    big = r"[ -](?:hundred|thousand)\b"
    for m in re.finditer(rf"\b(?:a(?= (?:hundred|thousand)))?(?:{word})?(?:{big}|(?:[ -]|,? and ){word}\b)*", low):
        phrase = m.group(0).strip()
        if phrase in ("", "a"):
            continue
        before, after = low[: m.start()], low[m.end() :]
        several_words = len(re.split(r"[ -]|,? and ", phrase)) >= 2
        priced_for = several_words and _PRICE_FOR.match(after)
        # "that'd be three hundred and twenty": an amount in hundreds said as what something comes to
        big_amount = bool(re.search(r"\b(?:hundred|thousand)\b", phrase)) and re.search(
            r"\b(?:that'd be|it'd be|that would be|it would be|that'll be|it'll be|that's|it's|comes to|come to)\s*$",
            before)
        # a figure of two words or more said as what it is, in answer to "how much": "it's three forty nine"
        answers_price = price_asked and several_words and _PRICE_BEFORE.search(before)
        if _AT_A_TIME.search(before) and not _PRICED_AT.search(before) and not _PRICE_AFTER.search(after):
            continue  # "that's Tuesday at eleven fifteen for the check-up": a time ("at forty two fifty each" is not)
        if not (_PRICE_BEFORE.search(before) and _PRICE_CONTEXT.search(low) or _PRICE_AFTER.search(after)
                or priced_for or big_amount or answers_price) or re.match(
                r"\s*(?:people|person|guests|nights|days|weeks|minutes|hours|o'clock|noon|midday|midnight|am|pm|a\.m|"
                r"p\.m|of you|tickets|rooms|miles|km|kilometres|kilometers|metres|meters|feet|pages|words|calories|"
                r"points|years|months|seats|members|students|pupils|patients|customers|calls|times)\b", after):
            continue
        if re.match(r"\s*" + _CURRENCY + r"\b", after):
            continue  # "two hundred twelve dollars and forty cents": read with its currency above
        if re.search(r"\b(?:hundred|thousand)\b", phrase):
            value = _hundreds_value(phrase)
        else:
            value = _price_value([w for w in re.split(r"[ -]|,? and ", phrase) if w], highest)
        if value is not None:
            found.append((m.start(), f"{value:.2f}"))
    return found


def _hundreds_value(phrase: str) -> float | None:
    """"five thousand" -> 5000, "one hundred twelve forty" -> 112.40 (a whole amount, then its cents)."""
    parts = [int(x) for x in re.findall(r"\d+", number_words(phrase))]
    if len(parts) == 1:
        return float(parts[0])
    if len(parts) == 2 and parts[1] < 100:
        return parts[0] + parts[1] / 100
    return None


def _price_value(words: list[str], highest: bool = False) -> float | None:
    """"one eighty nine ninety five" -> 189.95: chunks of 1-99, hundreds first when the lead chunk is 1-9."""
    chunks: list[int] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in TENS and i + 1 < len(words) and words[i + 1] in UNITS and UNITS[words[i + 1]] < 10:
            chunks.append(TENS[w] + UNITS[words[i + 1]])
            i += 2
        elif w in ("oh", "o"):
            return None
        else:
            chunks.append(UNITS.get(w, TENS.get(w, 0)))
            i += 1
    if len(chunks) == 1:
        return float(chunks[0])
    if len(chunks) == 2:
        a, b = chunks
        # "two ten", "four twenty" are hundreds; "six fifty", "nine ninety" are units and cents (or hundreds: the
        # highest reading)
        return float(a * 100 + b) if a < 10 and (b < 50 or highest) else a + b / 100
    if len(chunks) == 3 and all(c < 10 for c in chunks):
        return float(chunks[0] * 100 + chunks[1] * 10 + chunks[2])  # "one eight nine" said digit by digit: 189
    if len(chunks) == 3 and chunks[0] < 10:
        return chunks[0] * 100 + chunks[1] + chunks[2] / 100
    return None


def _amount(text: str) -> str:
    return f"{float(text):.2f}"


# Codes that are not a reference for what we asked: "your zip code is", "your door code is".
NOT_A_REFERENCE = (r"area|zip|postal|post|country|dialing|dialling|security|promo|promotion|discount|pin|tax|sort|"
                   r"dress|door|gate|verification|bar|qr|voucher|coupon|access|phone|account|customer|card|error|"
                   r"status|source|machine|secret")
# "your <word> code is 4719": a reference given to us whatever the word, so Whisper's "boating code" or "footing
# code" for "booking code" still gives the code (the word is one token, and not one of the codes above).
# (Whisper glues "booking code" into "book encode" on a lossy line: "encode" and "incode" are the code too.)
YOUR_CODE = rf"\byour\s+(?!(?:{NOT_A_REFERENCE})\b)[a-z]+\s+(?:en|in)?code\s+(?:is|will be)\b"
# "... <word> code is 4719" without "your" ("book in code is", Whisper's "booking code is"): the code is read,
# though it alone does not make the turn a completion.
_ANY_CODE = rf"\b(?!(?:{NOT_A_REFERENCE})\b)[a-z]+\s+(?:en|in)?code\s+(?:is|will be)\b"
# "your <word> number is 3817" whatever the word, as a person hears it when the word is lost ("your book in
# number", Whisper's "booking" after "booked in"), unless the word names a number that is no reference.
_NOT_A_REFERENCE_NUMBER = (rf"{NOT_A_REFERENCE}|room|table|seat|flight|gate|platform|bay|extension|member|"
                           r"membership|patient|policy|contact|mobile|cell|cellphone|fax|home|work|office|direct|"
                           r"callback|serial|model|registration|license|licence|social|insurance|id|house|street|"
                           r"unit|apartment|suite|floor|lucky|lane|pump|locker|telephone|emergency|national")
_YOUR_NUMBER = (rf"\b(?:your|you're)\s+(?!(?:{_NOT_A_REFERENCE_NUMBER})\b)[a-z]+(?:[\s-]in)?\s+"
                r"number(?:\s+(?:is|will be)|'s)")
_CODE_INTRO = re.compile(
    r"\b(?:booking|confirmation|reservation|reference|ref|order|ticket|case|claim|tracking|appointment|"
    rf"record|locator|pnr|cancell?ation|job|quote|invoice|receipt|transaction)\b"
    rf"\s*(?:code|number|no\.?|#|id)?\s*(?:is|it's|'s|is going to be|will be|:)?\s*|"
    rf"{_ANY_CODE}\s*|{_YOUR_NUMBER}\s*",
    re.I,
)
_CODE_STOP = {"and", "so", "that", "for", "under", "please", "if", "you", "we", "i", "thank", "thanks", "is", "the",
              "on", "at", "to", "your", "it", "of", "okay", "ok", "alright", "all", "see", "have", "just"}


# A code given again as a correction, once the line has named what it is: "I read you the wrong code, that one's
# somebody else's. Yours is L D seven seven two six."
_CORRECTED_CODE = re.compile(r"\b(?:yours|the (?:right|correct|new|proper) one|it should (?:be|read))(?:'s| is)?\s+",
                             re.I)


def code(text: str) -> str | None:
    """A confirmation or reference code read out after its name ("reference K 7 4 2" -> "K742"), every digit kept."""
    for match in _CODE_INTRO.finditer(text):
        found = read_code(text[match.end() :])
        if found:
            return found
    if re.search(r"\b(?:code|reference|ref|confirmation)\b", text, re.I):
        for match in _CORRECTED_CODE.finditer(text):
            found = read_code(text[match.end() :])
            if found and any(c.isdigit() for c in found):
                return found
    return None


# Words Whisper writes for a digit said on a poor line ("4 7 1 9" as "471 night"): one straight after a code's
# characters means its end was misheard, and a code cut short is worse than none (a wrong code is a wrong success;
# without one the call asks for it, or brings back none). "for" and "to" are left out: they follow codes as words.
_DIGIT_SOUNDALIKE = {"night", "nite", "nein", "tree", "won", "ate", "sicks", "fife", "fore"}
_DIGIT_WORD = r"(?:\d+|zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)"
_DIGIT_RUN = re.compile(rf"\b{_DIGIT_WORD}(?:[\s,-]+{_DIGIT_WORD})*\b", re.I)


def spoken_code(text: str) -> str | None:
    """A code named or not: "the booking number is 3 8 4 7", or a bare run of digits ("it's three eight four
    seven", "No no, 3847"); the first run of at least 3 digits."""
    named = code(text)
    if named:
        return named
    for run in _DIGIT_RUN.finditer(text):
        after = re.match(r"\W*([A-Za-z]+)", text[run.end() :])
        if after and after.group(1).lower() in _DIGIT_SOUNDALIKE:
            continue  # "471 night": cut short (see read_code)
        found = read_code(re.sub(r"^(?:oh[\s,]+)+", "", run.group(), flags=re.I))  # "oh, sorry": not a zero
        if found and sum(c.isdigit() for c in found) >= 3:
            return found
    return None


def read_code(text: str) -> str | None:
    """Characters read one by one, in words or digits ("four four seven one", "B for bravo 9 double 2"); None
    when there are none, or when they run into a word STT makes of a digit (_DIGIT_SOUNDALIKE)."""
    tokens = re.findall(r"[A-Za-z]+-[A-Za-z]+|[A-Za-z\d]+", text)
    out = ""
    repeat = 1
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower()
        if low in ("double", "triple"):
            repeat = 2 if low == "double" else 3
            i += 1
            continue
        if low == "for" and out and i + 1 < len(tokens) and tokens[i + 1].lower() in NATO:
            i += 2  # "B for bravo": the letter is already read
            continue
        if low == "as" and i + 2 < len(tokens) and tokens[i + 1].lower() == "in":
            i += 3  # "D as in delta"
            continue
        piece = _code_piece(tok)
        if piece is None:
            if out and low in _DIGIT_SOUNDALIKE:
                return None
            if out:
                break
            i += 1
            if i > 3:
                return None  # no code within the first words after its name
            continue
        out += piece * repeat
        repeat = 1
        i += 1
    return out if len(out) >= 3 and any(c.isdigit() for c in out) or len(out) >= 4 else None


def _code_piece(token: str) -> str | None:
    low = token.lower()
    if token.isdigit():
        return token
    if low in UNITS and UNITS[low] < 10:
        return str(UNITS[low])
    if low in NATO:
        return NATO[low]
    if len(token) == 1 and token.isupper():  # a letter read out ("K 7 4 2"); "it's" leaves a lowercase "s"
        return token.upper()
    if re.fullmatch(r"[A-Za-z]{1,3}\d[A-Za-z\d]*|\d+[A-Za-z]{1,3}\d*", token) and low not in _CODE_STOP:
        return token.upper()
    return None


def spelled(text: str) -> str | None:
    """A word spelled letter by letter ("D E L G A D O", "d-e-l-g-a-d-o") as one word ("Delgado")."""
    m = re.search(r"(?<![\w'])([A-Za-z](?:[\s,.-]+[A-Za-z]){2,})\b", text)
    if not m:
        return None
    letters = re.sub(r"[^A-Za-z]", "", m.group(1))
    return letters.capitalize()


def digits_of(text: str) -> str:
    """Every digit in the text, number words included ("four four seven" -> "447"), for the guard's checks."""
    tokens = re.findall(r"[A-Za-z]+|\d", text.lower())
    out = []
    repeat = 1
    for tok in tokens:
        if tok in ("double", "triple"):
            repeat = 2 if tok == "double" else 3
            continue
        if tok.isdigit():
            out.append(tok * repeat)
        elif tok in UNITS and UNITS[tok] < 10:
            out.append(str(UNITS[tok]) * repeat)
        elif tok == "o" or tok == "oh":
            out.append("0" * repeat)
        repeat = 1
    return "".join(out)
