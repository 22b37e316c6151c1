"""Which fact a line asks for or says back: the cues of each fact (FACT_CUES), and the tests for a request of one."""

from __future__ import annotations

import re

from agent.conversation import entities
from agent.conversation.reading.wording.forms import _VERBS, _WH_OPEN
from agent.conversation.reading.wording.questions import _REQUEST

# Which words in a request point at which fact; longer phrases are tried first within a clause.
FACT_CUES: dict[str, tuple[str, ...]] = {
    "card_security_code": ("security code", "cvv", "cvc", "three digit code", "3 digit code", "code on the back",
                           "digits on the back", "security number"),
    "card_number": ("card number", "card details", "long number on the card", "last four", "last 4", "credit card",
                    "debit card", "card to", "a card", "the card", "payment details", "card on file"),
    "date_of_birth": ("date of birth", "birth date", "birthdate", "dob", "d o b", "born", "birthday"),
    "ssn": ("social security number", "social security", "ssn", "social insurance number", "of her social",
            "the social on", "her social", "his social",
            "of his social", "of the social", "of your social"),
    "passport_number": ("passport",),
    "insurance_number": ("insurance number", "insurance details", "national insurance", "nhs number",
                         "medicare", "insurance policy", "insurer", "insurance"),
    "member_id": ("member number", "membership number", "member id", "member ID", "membership id", "frequent flyer",
                  "frequent flier", "loyalty number", "rewards number", "loyalty card", "club card", "membership",
                  "library card"),
    "booking_reference": ("booking reference", "reference number", "confirmation number", "confirmation code",
                          "booking number", "booking code", "order number", "reservation number", "tracking number",
                          "record locator", "ticket number", "the reference", "a reference", "your reference",
                          "pnr", "e-ticket", "case number", "claim number", "booking ref"),
    "account_number": ("account number", "account no", "policy number", "customer number", "customer reference",
                       "sort code", "routing number", "meter number", "account reference", "membership account",
                       "account ending"),
    "vehicle_reg": ("registration", "reg number", "the reg", "number plate", "license plate", "licence plate",
                    "plate number", "vehicle reg"),
    # India's postal code is its "PIN code": "the delivery pin code", "area pin code"
    "postcode": ("postcode", "post code", "zip code", "zip", "postal code", "eircode", "delivery pin code",
                 "area pin code", "postal pin code", "address pin code"),
    "email": ("email address", "email", "e-mail", "e mail"),
    "phone": ("phone number", "number's best", "number to get", "handphone", "contact number", "mobile number",
              "cell number", "mobile", "cell", "phone",
              "callback number", "call back number", "number to reach", "reach you", "reach her", "reach him",
              "best number", "landline", "number we can", "number to call", "number to text", "telephone"),
    "address": ("address", "street", "first line", "house number", "where does she live", "where does he live",
                "where do you live", "where she lives", "where he lives", "pick up from", "picking up from",
                "pick you up from", "collect you from", "from where", "where from"),
    "party_size": ("how many people", "how many guests", "how many of you", "how many tickets", "how many adults",
                   "how many in your party", "how many will", "how many are", "how many rooms", "how many for",
                   "party size", "size of your party", "size of the party", "number of people", "number of guests",
                   "for how many", "how many"),
    "name": ("name", "surname", "last name", "first name", "who is it for", "who's it for", "under whose",
             "who is the booking", "who's the booking", "who am i speaking", "who's calling", "who is calling",
             "spell that", "spell it", "name on the card", "name on the account"),
    "time": ("what time", "which time", "time suits", "time would", "time works", "time do you", "what hour",
             "roughly when", "what sort of time"),
    "date": ("what day", "which day", "what date", "which date", "which night", "what night", "when would",
             "when do you", "when did you",
             "preferred date", "day would", "day suits", "day works", "day do you", "what dates", "which dates"),
}


def _fact_cue(clause: str, custom: dict[str, tuple[str, ...]]) -> str:
    # A greeting card's or a cake's words are no payment card: "did she want a little message on the card".
    clause = re.sub(r"\b(?:message|note|writing|words|greeting|inscription) (?:on|in|for) the card\b", "message",
                    clause)
    # The phone as a way of doing something is no phone number: "no sick notes over the phone", "can't be done by
    # phone", "phone consults".
    clause = re.sub(r"\b(?:over|by|on) the phone\b|\bby phone\b|\bphone (?:consults?|consultations?|appointments?|"
                    r"calls?|lines?|banking|payments?)\b", "that way", clause)
    best: tuple[int, bool, int, str] | None = None
    for key, cues in list(custom.items()) + list(FACT_CUES.items()):
        for cue in cues:
            # The substring test first: most cues are in no clause, and a pattern per cue per clause was a fifth of
            # the time it takes to read a line.
            if cue in clause and re.search(r"\b" + re.escape(cue) + r"\b", clause):
                weak = cue.startswith("spell")  # "could you spell that" names nothing itself
                rank = (0 if key in custom else 1, weak, -len(cue), key)
                if best is None or rank < best:
                    best = rank
    if best is None:
        return ""
    key = best[3]
    if key == "name" and re.search(r"\b(?:pet's|dog's|cat's|the pet|his|doctor's|company) name\b", clause):
        return "other"
    return key


def _leading_fact(clause: str, custom: dict[str, tuple[str, ...]]) -> bool:
    """"and the last four digits of the card for the guarantee": "and" then a fact, early in the clause."""
    m = re.match(r"^(?:(?:ok|okay|right|so|alright)[,]?\s+)?(?:and|also|plus|then)\s+((?:[\w']+\s+){0,5}[\w']+)",
                 clause)
    if not m or not _fact_cue(m.group(1), custom):
        return False
    return not re.search(r"\b(?:is|was|'s|will be|are)\s+(?:[A-Z\d]|one|two|three|four|five|six|seven|eight|nine|"
                         r"zero|oh|double)\b", clause, re.I)  # "and your new confirmation number is 4471": told


def _fact_request(clause: str, custom: dict[str, tuple[str, ...]]) -> bool:
    """The clause asks for a fact outright ("and the postcode", "can I take a number")."""
    return bool(_fact_cue(clause, custom) and (_REQUEST.search(clause) or _WH_OPEN.match(clause)))


def _bare_request(clause: str) -> bool:
    """"and the postcode", "date of birth please", "name for the ticket": a request without a verb."""
    words = clause.split()
    if re.search(r"\b(?:is|are|was|were|will|has|have|had)\b|'s (?:[A-Z\d]|one|two|three|four|five|six|seven|eight|"
                 r"nine|zero)", clause):
        return False  # "your booking code is 4747" tells, it does not ask
    if entities.times(clause) and not re.search(r"\b(?:time|date|day)\b", clause):
        return False  # "the King Street branch shuts at half four": a statement about hours
    if len(words) <= 10 and not _VERBS.search(" ".join(words[:5])) and _fact_cue(" ".join(words[:5]), {}):
        return True
    if re.search(r"\b(?:is|are|was|were|will|has|have|had)\b|'s (?:[A-Z\d]|one|two|three|four|five|six|seven|eight|"
                 r"nine|zero)", clause):
        return False  # "your booking code is 4747" tells, it does not ask
    return bool(re.match(r"^(?:and|also|plus|then|so)?\s*(?:the|your|her|his|a|an|their)\b", clause)) and len(
        words) <= 9 or len(words) <= 4 or clause.rstrip(" .").endswith("please")


def _mentions_detail(clause: str) -> bool:
    return bool(entities.times(clause) or entities.dates(clause) or re.search(
        r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|people|adults|under|for|the|at|on|mr|mrs|ms|miss|"
        r"dr|her|his)\b|\b[a-z](?: [a-z]){2,}\b", clause, re.I))  # a name spelled out ("O S E I") is a detail


def _confirmed_fact(clause: str, custom: dict[str, tuple[str, ...]]) -> str:
    cue = _fact_cue(clause, custom)
    if cue and cue not in ("time", "date", "party_size"):
        return cue
    if re.search(r"\b(?:people|adults|children|guests|persons)\b", clause):
        return "party_size"  # "four adults for the 9.40": the head count, though a time rides along
    if re.search(r"\b(?:mr|mrs|ms|miss|dr)\.? [A-Z]|\b[A-Za-z](?: [A-Za-z]){2,}\b(?! ?\d)", clause) and not \
            re.search(r"\d", clause):
        return "name"  # "and it's Mr Osei O S E I yes"
    if re.search(r"\b\d+[a-z]? [\w']+ (?:way|road|rd|street|st|avenue|ave|lane|close|drive|court|crescent|place|"
                 r"terrace|grove|gardens|park|parade|row|square)\b|\b(?:flat|apartment|unit|apt) \d", clause, re.I):
        return "address"
    if len(re.sub(r"\D", "", clause)) >= 8 or re.search(r"\b(?:mobile|phone|landline|contact)\b", clause):
        return "phone"  # "and it's still 0412 556 901 for the contact"
    if entities.times(clause):
        return "time"
    if re.search(r"\b(?:people|adults|children|guests|persons|of you|tickets|for (?:one|two|three|four|five|six|"
                 r"seven|eight|nine|ten|\d{1,2})\b(?! (?:am|pm|o'clock)))", clause):
        return "party_size"
    if entities.dates(clause):
        return "date"
    if re.search(r"\b(?:under|surname|name)\b", clause):
        return "name"
    return cue or "other"
