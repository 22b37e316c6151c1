"""The wordings of the ends of a call: the phone answered (greeting) and the farewell (goodbye)."""

from __future__ import annotations

import re

from agent.conversation.reading.wording import _alternatives

_GREETING = _alternatives(
    # The phone answered: "thanks for calling", "how can I help", "Dana speaking", "you've reached", "good morning"
    # alone.
    r"\b(?:thank you for calling|thanks for calling|how (?:can|may|could) (?:i|we) (?:help|"
    r"assist)|what can i do for you|speaking\s*$|this is (?:\w+ ){0,2}\w+(?: speaking)?\s*$|"
    r"(?:good )?(?:morning|afternoon|evening)\b.*\b(?:speaking|this is|how can)|you're through "
    r"to|you've reached|welcome to|^hello\b|^hi\b.*\b(?:it's|this is|speaking)|box office|"
    r"reception\s*$|^(?:[\w']+ ){0,3}(?:it's \w+|hello|hi|good (?:morning|afternoon|"
    r"evening))\s*[.!]?$|"
    r"^(?:yeah |hi |hello )?(?:hello|hi|good (?:morning|afternoon|evening))\b(?: [\w']+){0,4}$)",
    # The business's name and a greeting word either side: "Luigi's, good evening", "afternoon, boat yard", "kia ora,
    # Riverside Holiday Park", "Main Street Pharmacy, can I help you", "what can I do ya for".
    r"^[\w'&. ]{2,40}(?:, (?:good )?(?:morning|afternoon|evening)|,? (?:hiya|hi|hello))\W*$|"
    r"^(?:good )?(?:morning|afternoon|evening|kia ora|hiya|howdy|g'day),? [\w'&. ]{2,40}$|"
    r"(?:^|,\s*)(?:yes,? )?(?:can|may) i help(?: you)?\W*$|\b(?:can|may) i help you\W*$|\bwhat can i do (?:you|ya|"
    r"ye) for\b|"
    r"\bhow (?:can|may|should) i (?:direct|route) your call\b",
    # A name and "go ahead": an invitation to speak.
    r"^(?:yeah |hi )?[\w' ]{2,40} go ahead\s*[.!]?$",
    # "you're speaking to Priya at the front desk".
    r"^(?:[\w']+,? ){0,8}you(?:'re| are) (?:speaking|talking) (?:to|with) "
    r"[\w']+(?: [\w']+){0,9}$",
)

# What a business answers the phone with: a short line naming one of these is the business naming itself.
_PLACE_WORDS = re.compile(r"\b(?:surgery|library|council|desk|bookings?|switchboard|counter|section|shop|services|"
                          r"kennels|hospital|cinema|pharmacy|garage|clinic|hotel|bank|enquiries|reception|office|"
                          r"motors|autos|plumb\w*|salon|studio|dental|practice|centre|center|restaurant|cafe|bar|"
                          r"lettings|hardware|airways|airlines|ferries|hire|rental|bistro|grill|kitchen|vets?|"
                          r"physio\w*|optic\w*|spa|gym|school|theatre|theater|box office|team|department|line|"
                          r"florists?|bakery|bakers|tailors?|cleaners|locksmiths?|electrical|electricians?|removals|"
                          r"tours|couriers?|depot|groom\w*|"
                          r"cabs|taxis?|dentists?|pharmacy|chemists?|clinic|vets|water|energy|accounts|lettings|estates|"
                          r"backpackers|hostel|lodge|campsite)\b", re.I)

# "see you then" closes a call, unless the line settles details with it (see _acts)
_SEE_YOU_THEN = re.compile(r"\bsee (?:you|ya) (?:then|soon|later|there)\W*$")

_GOODBYE = _alternatives(
    # Farewells: "goodbye", "take care", "have a good day", "cheerio", "see you later", "bye then".
    r"\b(?:good ?bye|bye(?: now| bye)?|take care|have a (?:good|nice|great|lovely|blessed|wonderful) (?:one|day|"
    r"night|evening|weekend|afternoon|morning)|have a (?:good|nice|great|lovely) rest of (?:your|the) (?:day|week|"
    r"evening|weekend)|ta[- ]?ra|cheerio|see ya|thanks for calling,? bye|"
    r"speak soon|talk soon|cheers then|thanks again bye|see (?:you|him|her|them) (?:in a bit|"
    r"soon|later)|"
    r"(?:see (?:you|him|her|them) \w+ then|bye|cheers)(?: (?:then|cheers|love|mate|now))*\s*$)\b|"
    r"(?:^|,\s*|\bso,? )good luck(?: with (?:it|that|everything|the \w+))?\W*$|"
    r"\benjoy (?:the rest of )?(?:your|the) (?:day|evening|week|weekend|afternoon|flight|trip|stay|meal|holiday)\W*$",
    # Farewells as other Englishes say them: "take it easy", "catch ya later", "have a fab day", "ciao", "laters", "see
    # you Monday".
    r"\btake it easy\b|\bcatch (?:ya|you)(?: later)?\b|\bhave a (?:wonderful|fab|brilliant) "
    r"(?:day|one|evening|weekend)\b|^(?:okay|ok|alright|right) (?:thanks|"
    r"thank you) for calling\b|\b(?:ciao|adios|au revoir|ta ta|toodle-?oo|laters)\W*$|"
    r"\bsee (?:you|him|her|them) (?:on )?(?:tomorrow|today|tonight|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)\W*$",
    # "see you then, drive safe", "safe travels", and "see you then" itself (_SEE_YOU_THEN).
    r"\b(?:drive|travel|get home) safe(?:ly)?\W*$|\bsafe travels\b|" + _SEE_YOU_THEN.pattern,
    # "hooroo", "ta-ra", "catch ya" ending the line.
    r"\b(?:hooroo|ta-ra|tara|catch ya)\W*$",
    # "ta ra", and "good night" alone.
    r"\bta ra\W*$|^(?:ok |okay )?(?:good ?night|night night)\W*$",
)

# A farewell that ends the line ("..., have a nice day"), whatever came before it.
_SIGNS_OFF = re.compile(r"\b(?:bye(?: now| then| bye)?|cheerio|ta ta|take care|have a (?:nice|good|great|lovely|"
                        r"wonderful|safe|blessed) (?:day|one|evening|afternoon|weekend|night|trip|flight)|"
                        r"(?:drive|travel|get home) safe(?:ly)?|safe travels)\W*$|" + _SEE_YOU_THEN.pattern)
# A closing at the end of a long turn ("... thanks for calling"): the rest is the answer (see turn._closing_body).
_CLOSING_END = re.compile(r"[,.!]?\s*\b(?:(?:thanks|thank you) for (?:calling|your call|ringing)\b[^.?!]{0,40}|"
                          r"good ?bye|bye(?: now)?|have a (?:good|nice|great|lovely) (?:day|evening|one))\W*$", re.I)

# They ask what we want, with nothing else asked: "how can I help", "sorry, what can I do for you?", "what did you
# need?", "what's it regarding?". The answer is our request (a greeting's answer), never a fact nor a question for
# the principal; matched on a line's last clause, to its end.
_INVITES = re.compile(
    r"(?:^|[,.!?]\s*|\b(?:sorry|so|okay|ok|right|yes|yeah|and|hi|hello)[,]?\s+)"
    r"(?:how (?:can|may|could) (?:i|we) (?:help|assist)(?: you)?|(?:can|may) (?:i|we) help(?: you)?|"
    r"what (?:can|could) (?:i|we) (?:do for you|help you with)|what (?:do|did) you (?:need|want)(?: from (?:me|us))?|"
    r"what (?:are|were) you (?:after|looking for|calling (?:about|for))|what is it (?:you need|you're after|you want|"
    r"you're calling about)|what(?:'s| is) (?:this|it|the call) (?:regarding|about|in regards? to)|what do you "
    r"(?:need|want) (?:me|us) to do)(?: for you)?(?: today| this \w+)?\W*$")
