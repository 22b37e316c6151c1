"""The wording of a refusal (unavailable): nothing free, a slot gone, a thing they do not do, and what only
looks like one (money taken, a step still to come, a plan that fell through)."""

from __future__ import annotations

import re

from agent.conversation.reading.wording import _alternatives

# A service stopped or closed: "we've stopped doing the lunch deal", "delivery's stopped for tonight", "the list's
# been closed since Christmas". A refusal, and never our request done (not_done._STANDING).
SERVICE_STOPPED = (r"\b(?:stopped|stopping|stop) (?:doing|selling|offering|serving|making|stocking|taking|running|"
                   r"accepting)\b|\b(?:delivery|deliveries|service|kitchen|sales|orders|takeaway|collections?)(?:'s| "
                   r"is| are| has| have)(?: been)? (?:now )?(?:stopped|closed|suspended|paused)\b|\b(?:list|register|"
                   r"books|practice|waiting list|waitlist|registration|applications?)(?:'s| is| are| has| have)(?: "
                   r"been)? (?:now )?closed\b")

_UNAVAILABLE = _alternatives(
    # A refusal or nothing free: "fully booked", "not available", "we can't", "we don't do that", "sold out".
    r"\b(?:fully booked|booked (?:up|solid|out)|sold out|no availability|not available|(?:isn't|aren't) available|"
    r"unavailable|"
    r"nothing (?:left|available|free|on|at|for|until|till|before|after)|(?:we're|we are|we're all|it's) (?:full|"
    r"closed)|full (?:up|tonight|today|this)|no (?:tables|rooms|seats|slots|spaces|appointments)|"
    r"can't|cannot|can not|couldn't|unable to|not able to|won't be able|won't be possible|isn't possible|"
    r"not possible|no way|afraid not|(?:we|i) don't (?:do|have|take|offer|allow|accept|stock|carry)|"
    r"(?:we|i) haven't got|(?:we've|we have|i've|i have) got nothing|we've nothing|(?:we|i) have nothing|"
    r"there's nothing(?! (?:more|else) (?:for )?(?:she|he|you|they|her|him|them)\b| (?:that )?(?:needs?|to worry|wrong|"
    r"to pay|owing|outstanding|to (?:be )?(?:done|signed|sent))\b)|there isn't|there aren't|none left|"
    r"all gone|non[- ]?(?:changeable|refundable)|not allowed|"
    r"not (?:doing|taking)|(?:is|are|'s) (?:full(?! name| price| amount| address| details| postcode)|"
    r"gone(?! (?:\w+ly )?(?:(?:off|out|over|through|across|back) )?to\b)|taken|"
    r"off)|all taken|"
    r"chock[- ]?a[- ]?block|chocka|chockers|"
    r"(?:pretty |totally |completely )?(?:rammed|slammed|packed out)\b|"
    r"not a (?:chair|table|seat|room|slot|space) left|(?:do|does) not (?:accept|take|do)|"
    r"doesn't (?:accept|take|do)|(?:has|have) to be done (?:online|in person|by)|out of stock|we don't)\b",
    # Gone already: "that one's already been taken", "it's already let".
    r"\b(?:that|it|this|that one|the \w+)(?:'s| has| is) already (?:been )?"
    r"(?:taken|gone|sold|leased|let|claimed|snapped up|filled)\b",
    # None left, closed, discontinued: "we've none", "none of our vans are free", "the office is closed", "not gonna
    # work", "no rooms left", "not running".
    r"\b(?:we've|we have|i've) none\b|"
    r"\bnone of (?:our|the|them|those) \w+ (?:do|does|are|is|have|has|left|available)\b|"
    r"\b(?:line|office|shop|desk|branch|clinic)(?:'s| is) closed\b|"
    r"\bnot (?:gonna|going to) (?:work|happen|be possible)\b|\bno \w+ left\b|"
    r"\bdiscontinued\b|\bwon't be getting (?:any )?more\b|\bnot running\b",
    # "flat out", "no more slots", "not covered", "not taking on", "no waitlist", "slammed".
    r"\bflat out\b|\bno more slots?\b|\bnot covered\b|\b(?:no|not) taking on\b|"
    r"\bno waitlist\b|\bcannot make it\b|\bslammed\b",
    # Declining in so many words: "end of the month's a no I'm afraid", "it's a no from her", "we've got nowt", "there's
    # no pet cabins left", "there's nothing I can do about that".
    r"\b(?:'s|is|it's|that's) a no\b|\bgot nowt\b|\bno (?:\w+ ){1,2}left\b|"
    r"\bnothing (?:more |else )?(?:that )?(?:i|we) can do\b",
    # A place that went: "the last space went ten minutes ago", "it's been taken by a school group", "we stopped doing
    # ceramic coating".
    r"\b(?:has|have|'s|'ve) (?:been |got )?(?:taken|gone|snapped up) by\b|"
    r"\b(?:last|final|only) (?:\w+ )?(?:space|slot|place|spot|table|room|seat|pitch|"
    r"lane|appointment|one|ticket)s? (?:went|has gone|'s gone|got taken|was taken|"
    r"has been taken|sold)\b|"
    r"\b(?:we|they|i) (?:stopped|quit|gave up) (?:doing|offering|selling|stocking|"
    r"running|taking|making)\b|\bwaiting list (?:till|until|for|into)\b|"
    r"\bnot happening\b",
    # "we're completely full", "the fund won't cover it".
    r"\b(?:we're|we are|it's|that's|they're) "
    r"(?:completely |totally |absolutely |fully )?full\b"
    r"(?! (?:price|name|address|amount|day|service|refund))|"
    r"\b(?:won't|doesn't|does not|will not|can't|cannot) cover\b",
    # "not taking on new patients", "the system's down", "it won't let me book", "we're not working the bank holiday",
    # "we can't take it".
    r"\b(?:isn't|aren't|is not|are not|not|no longer) taking on\b|"
    r"\bsystem(?:'s| is) (?:down|not working)\b|\b(?:just )?been sold\b|"
    r"\b(?:won't|doesn't|don't|does not|will not) let (?:me|us) (?:book|change|do|cancel|process|move)\b|"
    r"\b(?:are|is|'re|'s) not working (?:on )?(?:the |a )?(?:bank holiday|weekends?|sundays?|saturdays?|today|"
    r"tomorrow|that day)\b|"
    r"\b(?:won't|will not|can't|cannot) take (?:it|them|that)\b(?! (?:to|off|out|away|back|in for|for))",
    # Slots gone in other words: "the three o'clock's actually been taken", "that table's just gone", "the system just
    # won't let me", "isn't seeing exotics any more".
    r"\b(?:'s|has|have|is|are) (?:actually |just |already |now )*been (?:taken|snapped up|filled|released)\b"
    r"(?! (?:off|out|away|down|care|into))|"
    r"\b(?:just|already) gone\b|\bspoke too soon\b|\bshut (?:for|until|till)\b|\buntil further notice\b|"
    r"\b(?:won't|doesn't|wouldn't|will not|does not) (?:\w+ )?let (?:me|us)\b|\bsaid no\b|"
    r"\b(?:isn't|aren't|is not|are not|don't|doesn't|do not|does not) (?:\w+ ){1,3}(?:any ?more|anymore)\b|"
    r"\b(?:someone|somebody)(?:'s| has) (?:just |literally )?(?:taken|grabbed|booked|nabbed) (?:it|that)\b|"
    r"\bno availability\b|\b(?:now|completely|fully|totally) full\b(?! (?:price|name|address|amount|day|service|"
    r"refund))",
    # A door closed to this request: "not accepting new patients", "the practice list is closed", "outside our service
    # area", "not in network with that plan", "name change is not permitted", "that rate doesn't allow for any
    # cancellation", "no openings till the new year", "we do not rent to drivers under twenty one".
    r"\b(?:not|isn't|aren't|no longer) (?:currently |presently |really )?(?:accepting|seeing|adding|registering|"
    r"enrolling|admitting|allowing)\b|"
    r"\b(?:list|register|books|practice|waiting list|waitlist|registration|applications?|enrol?ment|kitchen|"
    r"bookings|reservations)(?:'s| is| are|'s been| has been| have been) "
    r"(?:now |already |currently |all )?closed\b|\bclosed to new\b|"
    r"\b(?:not|isn't|aren't) (?:permitted|eligible|changeable|refundable|transferable|in network|in-network)\b|"
    r"\boutside (?:of )?(?:our|the) (?:service |delivery |coverage |catchment )?(?:area|zone|radius)\b|"
    r"\b(?:doesn't|does not|don't|do not|won't|will not) allow (?:for )?(?:any|a|an|that|this|it|you)\b|"
    r"\bno (?:openings|vacancies|places|inventory|capacity)\b|\bfull house\b|\b(?:is|are|'s|'re) all full\b|"
    r"\bnot something (?:we|i) (?:can|could|are able to|do|offer)\b|"
    r"\b(?:we're|we are|we) (?:not|aren't) open\b|"
    r"\b(?:we|they|i|the council) (?:don't|do not|doesn't|does not|no longer) (?:collect|deliver|rent|service|ship|"
    r"operate|serve|sell|repair|fix|install|cater|insure|hire|treat|see|book)\b",
    # A service stopped: "we've stopped doing the lunch deal", "delivery's stopped for tonight".
    SERVICE_STOPPED + "|"
    # Nobody to do it: "there's nobody free tonight", "no one available till Monday".
    r"\b(?:nobody|no one|no-one) (?:free|available|about|in|around)\b|"
    # "there's no refund on the annual fee", "there's no discount for that".
    r"(?<!if )\bthere's no (?:\w+ )?(?:refunds?|discounts?|option|way|chance|cover|space|room|exceptions?)\b|"
    # "I'm not really in a position to do that", "that's not something the council deals with".
    r"\bnot (?:really )?in a position to\b|\bnot something (?:we|i|they|the \w+) (?:\w+ ){0,2}(?:deals?|handles?|"
    r"covers?|offers?|looks? after) with\b|\bnot something (?:we|i|they|the \w+) (?:\w+ ){0,2}(?:handles?|covers?|"
    r"offers?|looks? after)\b|"
    # Full in one word: "nope, full", "sorry, all full".
    r"^(?:(?:nope|no|sorry|nah|ah)[,]? )+(?:we're |all |totally |completely |absolutely )?full\W*$",
)

# Taken money is a payment made, not a slot gone: "the deposit one fifty is taken".
_PAYMENT_TAKEN = re.compile(r"\b(?:deposit|payment|fee|money|amount|balance)\b[\w' ]{0,25}?\b(?:is|'s|has been|was) "
                            r"(?:now )?taken\b")

# A step still to come, not a refusal: "I can't confirm the date till I've had the signed quote back".
_PENDING_STEP = re.compile(r"\b(?:can't|cannot|can not|won't be able to|couldn't) (?:\w+ )?(?:confirm|put (?:it|that|"
                           r"this|her|him|the \w+) through|finali[sz]e|lock (?:it|that|this) in|process|approve|"
                           r"tell you (?:it's|if|whether))\b[^.?!]{0,60}?\b(?:till|until|unless|before|once)\b")

# A plan that fell through: "we were going to move it to the afternoon for you but the afternoon's been closed off",
# "we were gonna squeeze you in at 6.30 but the last space went". What follows "but" is what happened.
_FELL_THROUGH = re.compile(r"\b(?:(?:were|was) (?:going to|gonna|about to|meant to|supposed to|planning to|hoping to|"
                           r"trying to)|(?:i'd|we'd|i would|we would) have)\b[^.?!]{0,100}?\bbut\b|"
                           r"\b(?:we|i) (?:did|had) have\b[^.?!]{0,80}?\bbut\b")
