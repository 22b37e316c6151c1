"""The wording of a completion (done): the request made, changed, cancelled or sent, said in so many ways.

Whether a completion word really reports our request done (not negated, not for later, not a question) is
decided in completion.py, with the wordings of wording/not_done.py.
"""

from __future__ import annotations

from agent.conversation import entities
from agent.conversation.reading.wording import _alternatives

# After "I've done it": their own experience ("four times", "before", "myself"), not our request completed.
_OWN_EXPERIENCE = (r" (?:\w+ )?(?:times|before|myself|ourselves|once|twice|loads|plenty|a few|many|so many|every|"
                   r"too)\b")

_DONE = _alternatives(
    # A completion stated: "you're booked", "that's been cancelled", "all sorted", "your reference is", "I've moved it",
    # "we'll see you then".
    r"\b(?:you're|you are|you're now|she's|he's|they're|we're|that's|that is|it's|it is|that has|that's been|"
    r"it's been|it has been|has been|have been|is|are|'s been|been|all|i've|i have|we've|we have|i|we|"
    r"'ve)\s+(?:all\s+|now\s+|just\s+|been\s+)*(?:booked|confirmed|reserved|cancelled|canceled|rescheduled|"
    r"rebooked|moved|changed|sorted|set|done|processed|submitted|placed|scheduled|arranged|registered|"
    r"put (?:you|her|him|them|it) (?:down|in|aside|on)|got (?:you|her|him|them) (?:down|in|booked)|"
    r"pencilled|penciled|updated|renewed|issued|refunded|added|logged|entered|put through|gone through|"
    r"blocked|switched|transferred|applied|amended|in for|booked in|swapped|reordered|re-ordered|enrolled|"
    r"signed up|frozen|paused|suspended|reactivated)\b|"
    r"\b(?:all (?:sorted|done|set|booked)|(?:you're|she's|he's|they're|that's) all good|that's you (?:booked|sorted|in|"
    r"all)|you're (?:in|on) for|"
    r"(?:has|have|'s) gone through|(?:will|'ll) be ready|"
    r"(?:is|are|'s) (?:held|ready)|(?:booking|confirmation|reservation|new booking) (?:reference|number|code) is|"
    r"(?:your|the) (?:reference|confirmation)(?: number| code)? is|we'll expect (?:you|her|him|them)|"
    rf"{entities.YOUR_CODE}\s+(?=\d|(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double)\b)|"
    r"got (?:you|her|him|them) (?:down|in|booked)|i've (?:put|booked|moved|changed|cancelled|set|"
    r"reserved|added|sorted|rebooked)|we've (?:put|booked|moved|changed|cancelled|set|reserved|"
    r"added|sorted|rebooked)|that's (?:booked|done|sorted|confirmed|cancelled|reserved|changed|set)|"
    r"booked (?:for|in|under|on)|confirmed for|reserved for|cancellation(?:'s| has| is) (?:gone|been|done|"
    r"processed|through)|consider it done|"
    r"(?:that's|she's|he's|they're|you're|we've got|i've got) (?:(?![\w']+ing\b)[\w']+ ){0,4}(?:in|down|on) "
    r"(?:for|with|the list|"
    r"the waiting list)|(?:that's|that is) (?:[\w']+ ){1,4}(?:moved|frozen|cancelled|canceled|changed|booked|"
    r"done|sorted|stopped|blocked|renewed|updated|in for)|(?:i've|i have|we've|we have) "
    r"(?:just |now |also |gone ahead and |went ahead and )?"
    r"(?:moved|taken|frozen|swapped|reordered|re-ordered|enrolled|signed (?:you|her|him|them) up|stuck|marked|put|"
    r"booked|cancelled|canceled|changed|added|removed|entered|logged|sent|"
    r"arranged|blocked|switched|renewed|applied|pencilled|penciled|reserved|rebooked|rescheduled|processed|"
    r"submitted|refunded|noted|scheduled|registered|ordered|cleared|stopped)|(?:has|have|'s) gone in|"
    r"(?:we'll|we will|i'll) see (?:you|her|him|them|ye|ya|yous|youse)\b(?! (?:about|if|what|whether))|on my way|"
    r"be with (?:you|her|him|them) (?:by|at|in|"
    r"around|between))\b",
    # Done in other words: "I've done that", "it's in the system", "good to go", "done and dusted", "your new time is",
    # "locked in", "has been processed", "we've got you down".
    r"\b(?:i've|we've|i have|we have) done (?:that|it|this|the change|the booking)\b"
    rf"(?!{_OWN_EXPERIENCE})|"
    r"\bdone (?:that|it) for (?:you|her|him|them)\b|\b(?:it's|that's|she's|he's|you're|is) in the "
    r"(?:book|system|diary|calendar)\b|\bgood to go\b|\bdone and dusted\b|\byour new (?:time|date|"
    r"appointment|flight|booking|slot|seat) is\b|\blocked in\b|\b(?:has|have|'s) been (?:stopped|"
    r"opened|closed|paused|frozen|activated|processed|lodged|filed|raised|approved|sent|dispatched|"
    r"posted|fixed|repaired|released|added|booked|confirmed|cancelled|canceled|changed|moved|"
    r"updated|waived|credited|refunded|reversed|extended|renewed|amended|rescheduled|blocked|deactivated|disabled|"
    r"replaced|reissued|put on hold|set aside|kept aside|held|ordered|put in|requested|taken off|removed|reported|"
    r"ported|submitted|emailed|made|locked)\b|"
    r"\b(?:we've|i've) got (?:you|her|him|them)(?: down| in| booked)?\s*(?:[,.]|$)|"
    r"\b(?:booking|confirmation|reference|claim|order) (?:code|number)'s\b|"
    r"\b(?:the )?new confirmation is\b|"
    r"\balready booked for\b|\bthe freeze is on\b|"
    # "your flight has changed to Friday at 2:15": the booking itself, not the business's hours
    r"\b(?:your|the|her|his|their) (?:flight|booking|reservation|appointment|ticket|order|table|slot|"
    r"visit|seat|plan) (?:has|have|is|'s) (?:now )?(?:been )?(?:now )?(?:changed|moved|rescheduled|"
    r"switched|updated) (?:to|for)\b",
    # Fitted in and moved: "I've popped her in", "moved you to Friday", "Sam's all sorted", "booking ref is", "that's
    # the discount applied".
    r"\b(?:i've|i have|we've|we have|i|we) (?:just )?(?:popped|squeezed|slotted|fitted|snuck|stuck) "
    r"(?:you|her|him|them|it|\w+) in\b|"
    r"\b(?:moved|switched|rebooked) (?:you|her|him|them) (?:to|onto|over to)\b|"
    r"\b(?!(?:what|that|there|let|who|how|where|here|it)'s)[a-z]+'s (?:all |now )?(?:done|sorted|"
    r"cancelled|canceled|confirmed|in for|booked in|paid for|been done|been sorted|scheduled|arranged|frozen|"
    r"amended|processed|refunded|released)\b|"
    r"\b(?:booking|confirmation|reservation) ref(?:erence)? is\b|"
    r"\b(?:that's|that is) (?:[\w']+ ){1,4}(?:applied|added|activated|paid|posted|set up|put on|"
    r"gone in|gone through|gone out|amended|waived|released|extended|refunded|processed|scheduled|arranged)\b|"
    # Verbless, and the place given: "refund processed, you'll see it in five days", "sorted, the table's yours
    # from seven", "the penalty has been waived", "tickets are on hold under her name".
    r"^(?:(?:ok(?:ay)?|right|so|alright|yes|yeah|great|lovely|perfect),? )*(?:the |your |her |his )?(?:refund|payment|"
    r"order|booking|cancellation|change|transfer|request|claim|application|appointment|reservation)s? (?:is |has "
    r"been |'s been )?(?:now )?(?:processed|confirmed|cancelled|canceled|booked|sorted|approved|submitted|placed|"
    r"done|amended)\b|"
    r"\b(?:table|room|slot|spot|appointment|place|booking|seat|pitch|lane|court)(?:'s| is) (?:all )?yours\b|"
    r"\bon hold (?:under|in) (?:her|his|your|their|the|the same) name\b",
    # "the order reference is T H 8 8 2 0 3", "collect them with reference C 9 2 1": what was ordered has its reference
    r"\b(?:order|ticket|tickets|collection) (?:reference|ref|number|code) is\b|"
    r"\bcollect (?:it|them|the tickets) with (?:the )?(?:reference|code)\b",
    # "you're in at ten", "your new confirmation number is", "she's now on the 9.40".
    r"\b(?:you're|she's|he's|they're) (?:all )?in (?:at|on) (?:the |a )?(?:\d|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|half|quarter|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|tomorrow)|"
    r"\b(?:the |your |her |his )?new (?:confirmation|booking|reference)(?: code| number)? is\b|"
    r"\b(?:she's|he's|you're|they're) now (?:on|booked on|in for) the\b",
    # Completions in other verbs: a dispatch ("Marcus is on his way"), "I went ahead and extended it", "I've generated
    # your PAC", "I've waived the fee".
    r"\b(?:is|'s|are|'re) (?:now )?on (?:his|her|their) way\b|"
    r"\b(?:i|we) (?:just )?went ahead and (?:\w+ed|put|set|sent|got|made)\b|"
    r"\b(?:i've|i have|we've|we have) (?:just |now |also )?(?:extended|generated|created|upgraded|"
    r"downgraded|credited|waived|reset|unlocked|activated|dispatched|allocated|assigned|topped up|"
    r"ported|released|reinstated)\b",
    # "that's her place secured", "that's sent", "it's on the list for 11", "it's been accepted", "I've lodged it".
    r"\bthat's (?:her|him|them|you|your|his|their)(?: \w+)? (?:enrolled|secured|registered|signed up|"
    r"sorted|confirmed|booked)\b|\b(?:that's|it's) (?:all )?(?:sent|filed|submitted|gone off)\b|"
    r"\b(?:it's|that's|you're|she's|he's|they're) (?:on|in) the (?:list|diary|book|rota|schedule) "
    r"for\b|\b(?:has|have|'s) been accepted\b|"
    r"\b(?:i've|i have|we've|we have) (?:just |now |also )?(?:filed|lodged|emailed|posted)\b",
    # "no wahala, I've arranged it", "I've shifted her to Wednesday", "Jason'll be there Wednesday between 8 and 10",
    # "the parcel has been put on hold at the depot", "booking number 55821".
    r"\b(?:i've|we've|i have|we have) (?:just )?(?:shifted|bumped|chucked|bunged|shoved|popped|"
    r"stuck|squeezed|slotted) (?:you|her|him|them|it) (?:in|down|over|to|onto|across)\b|"
    r"\b(?:'s|is|are|'re) all ready\b|"
    r"\b(?:that's|that is) (?:[\w']+ ){5,6}(?:moved|changed|booked|done|sorted|transferred|switched)\b|"
    r"\b(?:booking|confirmation|reservation|order|reference) (?:number|no|ref|code)\W+(?=\d)|"
    r"\b(?:[a-z]+'ll|[a-z]+ will) be (?:there|round|over|out|with (?:her|him|you|them))(?: to (?:you|her|him|"
    r"them))? (?:on |at |"
    r"between |about |around |by )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"tomorrow|today|this|\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"between|about|around)",
    # In clipped or non-standard grammar: "ok I put it for Friday", "is noted", "lesson changed to the friday".
    r"\b(?:i|we) (?:just )?(?:put|write|wrote|book|change|move) (?:it|her|him|them|the (?:stay|booking|order|"
    r"appointment|lesson|table|reservation|delivery)) (?:down )?(?:for|on|to|in)\b|"
    r"\b(?:i|we) (?:just )?(?:extend|extended) (?:the|her|his|their) (?:stay|booking)\b|"
    r"\b(?:is|are|'s) (?:now )?(?:noted|stopped|ordered)\b|"
    r"\b(?:lesson|appointment|booking|table|reservation|flight|slot)s? (?:is |'s |has been )?(?:now )?(?:changed|"
    r"moved) to\b|^(?:ok(?:ay)?|right|yes|yeah|alright)?,? ?done\b(?!\W*$)|\bsorted,? see you\b|"
    r"\b(?:booked|put|got|popped) (?:you|her|him|them) (?:in|down)\b(?! (?:for|on|at) (?:a|the)? ?(?:waiting|wait|"
    r"cancellation|reserve)|\?)|"
    # "I'll pop him in Wednesday ten past nine", "ok I put you Monday 8.15am": the slot named as it is taken
    r"\b(?:i'll|we'll|i will|we will|i|we) (?:just )?(?:pop|put|book|squeeze|slot|pencil|get) (?:you|her|him|them)"
    r"(?: in| down)? (?:for |on |at )?(?:the )?(?=(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"tomorrow|\d)\b)|"
    r"\b(?:job|repair|work order|service|ticket) (?:number|reference|ref|no)(?:'s| is)\b",
    # "sorted" alone, "the membership's now frozen", "the reading's gone on".
    r"^(?:(?:ok|okay|right|yep|yeah|lovely|great)[,]? )?(?:all )?sorted\W*$|"
    r"\b(?:membership|account|direct debit|subscription|card|plan)(?:'s| is| has been) (?:now )?(?:frozen|paused|"
    r"cancelled|stopped|closed)\b|"
    r"\b(?:reading|payment|order|request|booking|application|claim|refund)(?:'s|s)? (?:now )?gone (?:on|in|through)\b",
    # Sent on its way: "the batteries are in the post", "the commode's going out to her tomorrow", "the router's being
    # dispatched today", "the car's on its way", "the refund's gone back on the card".
    r"\b(?:is|are|'s|'re) (?:now |already )?in the post\b|"
    r"\b(?:is|are|'s|'re) (?:going|gone) out to (?:her|him|you|them)\b|"
    r"\b(?:is|are|'s|'re) being (?:dispatched|sent|posted|delivered|shipped) (?:out )?(?:today|tomorrow|this)\b|"
    r"\b(?:is|'s|are|'re) (?:now )?on (?:its|it's) way\b|"
    r"\b(?:refund|money|payment|deposit)(?:'s| is| has)? (?:\w+ )?(?:gone back|been returned|on its way back)\b|"
    r"\b(?:'s|has|have) (?:been )?(?:gone|sent) (?:\w+ly |over |through |across )to\b|"
    r"\b(?:was|were|been) (?:sent|emailed|posted|faxed|passed) (?:over |off |through |on )?(?:this morning |today |"
    r"yesterday |earlier )?to (?:the|your|her|his)\b|"
    # Set aside, readied, in place, on the way: "I put the jacket aside for you", "cancelled it for you", "we'll have
    # it ready by tomorrow lunchtime", "the stop payment is in place", "the tow truck is on the way", "got it in the
    # system", "she is now at 3:15", "Jess has got you at eleven", "we got the car down for Tuesday", "the flea
    # treatment's been ordered".
    r"\b(?:i've|i|we've|we) (?:just )?put (?:it|that|them|(?:the|her|his|your) (?:[\w-]+ ){0,2}[\w-]+) "
    r"(?:aside|by|away|behind "
    r"the counter)\b|"
    r"\b(?:cancelled|canceled|booked|moved|changed|rebooked|reserved|extended) (?:it|that|this|them|her|him) for "
    r"(?:you|her|him|them)\b|"
    r"\b(?:we'll|i'll|we will|i will) have (?:it|them|that|her|him|the [\w-]+) (?:ready|done|sorted|fixed) (?:for "
    r"(?:you|her|him|them) )?(?:by|for|on|at|from)\b|"
    r"\b(?<!policy )(?<!rule )(?<!system )(?<!process )(?:is|'s|are) (?:now )?in place\b|"
    r"\b(?:is|'s|are) (?:now )?on the way\b|"
    r"\bgot (?:it|that|you|her|him|them) (?:in|on) the (?:system|diary|book|calendar|schedule)\b|"
    r"\b(?:she|he|you|it|they|the \w+)(?:'s| is| are|'re) now (?:at|on|for) (?:the )?(?:\d|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|tomorrow)|"
    r"\b(?:has|have|'s) got (?:you|her|him|them) (?:in |down )?(?:at|for|on) (?:the )?(?:\d|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|half|quarter|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"tomorrow)|"
    r"\b(?:we|i)(?:'ve)? got (?:the [\w-]+|it|her|him|you|them) down for\b|"
    r"\b(?:has|have|'s) been (?:assigned|allocated|issued|booked) (?:for|to) (?:her|him|you|them)\b|"
    r"\bthat's (?:her|him|you|them|your \w+|her \w+|his \w+) in (?:for|then)\b|"
    r"\b(?:'s|has) gone (?:off )?to the (?:dispensary|pharmacy|chemist|lab|printers?|post office|team|office|depot|"
    r"kitchen)\b",
    # Taken off, removed, reported: "she's been taken off our list", "that's the bolt-on removed", "the late fee's
    # been taken off", "that's the blue badge renewal submitted", "the unit's reserved in her name".
    r"\b(?:that's|that is) (?:[\w'-]+ ){1,4}(?:removed|reported|submitted|taken off|ported|switched off|turned off)\b|"
    r"\b(?!(?:what|that|there|let|who|how|where|here|it)'s)[a-z]+'s (?:now )?(?:reserved|booked|submitted|removed|"
    r"been emailed|been sent)\b(?! (?:out|up|solid)\b)",
    # The visit given its day: "the engineer's down for Wednesday morning", "redelivery set for Friday", "the engineer
    # visit's on for friday between eight and one".
    r"\b(?:engineer|visit|delivery|redelivery|collection|pickup|pick-up|installation|viewing|repair|survey|"
    r"inspection|fitting|appointment|booking)(?:'s| is| has been)? (?:now )?(?:down|on|set|booked|arranged|"
    r"scheduled) for (?:the |this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|"
    r"today|\d)|"
    r"\b(?:appointment|booking|reservation|flight|table|slot|visit|delivery|collection)(?:'s| is) now (?:on|at|for)\b|"
    # In plain past tense: "I extended it to three nights", "your renewal went through", "the card's been locked",
    # "you're good for the 9th at 8".
    r"\b(?:i|we) (?:just )?(?:extended|moved|changed|switched|updated|upgraded|rebooked|rescheduled) (?:it|that|"
    r"this|her|him|them|you)\b(?![^.?!]{0,30}\bbut\b)|"
    r"\b(?:payment|renewal|order|booking|request|application|refund|transfer|change|registration)s? went through\b|"
    r"\b(?:you're|she's|he's|they're) (?:all )?good for (?:the |this |next )?(?:\d|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|tomorrow|today)|"
    r"\b[a-z]+(?:'s| is| are) (?:now )?down for (?:[\w-]+ ){0,3}(?:on )?(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|tomorrow)\b",
)
