"""The wording of an offer: a slot, an alternative or a choice put to the caller."""

from __future__ import annotations

import re

from agent.conversation.reading.wording import _alternatives

_OFFER = _alternatives(
    # Something put to the caller: "we could do eight", "how about", "would Tuesday work", "earliest", "there's a slot
    # at", "instead".
    r"\b(?:i|we) (?:can|could|might be able to) (?:do|offer|fit|squeeze|give|get|put|pop|move|book|try|manage|"
    r"waitlist|route|see|slot)\b|\bhow about\b|\bwhat about\b|\b(?:would|does|will|could) (?:the )?[\w:.' ]{1,25}"
    r"\b(?:work|suit|do|be any good|be okay|be ok|be alright)\b|\bhow does [\w:.' ]{1,25} sound\b|"
    r"\bbest i can do\b|\b(?:i'd|we'd|i would|we would|she'd|he'd) be able to\b|"
    r"\b(?:could|can) (?:do|see|show|ring|call|fit|come|send|put|get|offer|squeeze|book|pop|have) (?:you|her|him|"
    r"them|it|a|one|the)\b|\bclosest (?:i|we) (?:have|can)\b|\b(?:earliest|next available|next one|next free|soonest)"
    r"\b|\binstead\b(?! of)|\bif you (?:can|could) (?:do|come|make|manage)\b|\bif (?:she|he|you) (?:wants?|likes?|"
    r"prefers?) the\b|\b(?:there's|there is|there are|i've got|we've got|i have|we have|i got|we got|i do have|"
    r"we do have|i can see|got) (?:a |an |one |two |some )?(?:availability|space|spaces|room|rooms|a slot|slots?|"
    r"seats?|tables?|appointments?|opening|cancellation|gap|something|one at|nine|eight|seven|six|ten|eleven|"
    r"\d)|\b(?:is|are|'s) (?:free|available)\b|\bcould (?:put|pop|fit|book|squeeze) you\b|(?<!no )\bwaitlist\b|"
    r"\bor (?:the )?(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b.*\b(?:works?|suits?)"
    r"\b|(?<!not )(?<!n't )\bfree (?:at|on|from)\b|(?<!not )(?<!n't )\bavailable (?:at|on|from)\b",
    # "there's still a slot", "if she can be home", "if you drop him off", "can or not", "I've a table by the window".
    r"\b(?:there's|there is|there are)(?: still)? (?!no\b|not\b|none\b)(?:an? |some )?"
    r"(?:[\w-]+ ){0,2}(?:slot|slots|seat|seats|table|tables|room|rooms|space|spaces|appointment|"
    r"appointments|opening|openings|spot|spots)\b|"
    r"\bif (?:she|he|they|you) (?:can|could) (?:be home|get here|get in|drop|bring)\b|"
    r"\bif you (?:bring|drop) (?:him|her|it|them) (?:in|off|round)\b|\bcan or not\b|"
    r"\b(?:i've|we've) (?:a|an) [\w ]{0,20}(?:room|table|slot|seat|space|one)\b",
    # "we've had a cancellation", "there's a two", "could see her Tuesday", "what we can do is", "we can either", "I
    # could upgrade you", "how's Friday looking".
    r"\b(?:had|got|have) a cancellation\b|\b(?:there's|there is|i've got|we've got|i have|we have) "
    r"(?:a |an )?(?:one|two|three|four|five|twelve)\b|\b(?:could|can) (?:do|see|meet|fit|come|"
    r"squeeze|book|offer) (?:you |her |him |them )?(?:on |at )?(?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|tomorrow|today|\d)|\bwhat (?:i|we) can do is\b|\b(?:i|"
    r"we) can either\b|\b(?:i|we|she|he) (?:can|could) (?:mail|send|"
    r"set|pause|order|upgrade|waitlist|squeeze|meet|arrange|sort|drop|move|switch) (?:her|him|"
    r"you|ya|"
    r"them|it|one|a|an|up)\b|\bcould squeeze\b|\bif (?:she|he|they) (?:can|could) (?:come|arrive|do|"
    r"make|manage)\b|\bhow's \w+ looking\b",
    # Offers in other words: "what I can do though is ...", "want me to send him", "if that's good for you".
    r"\bwhat (?:i|we) (?:can|could) do (?:though |instead |for you |for her |for him )?is\b|"
    r"\b(?:want|like) me to (?:send|book|put|pop|hold|reserve|get|bring|do|sort|squeeze|pencil)\b|"
    r"\bif that's (?:good|ok|okay|alright|all right|any good|any use) (?:for|with|to) (?:you|her|him|them)\b",
    # "we could put you near the window", "I can slot her in with Dr Shah".
    r"\b(?:i|we) (?:can|could) (?:put|pop|fit|squeeze|slot|stick) (?:you|her|him|them) "
    r"(?:near|in|on|up|at|by|into|with|next to)\b",
    # "I can waive the fee", "I've a cancellation at twenty past ten if that's any use", "I've a double at 140 or a twin
    # at 125".
    r"\b(?:i|we) (?:can|could) (?:waive|bump|add|knock|throw in|include|extend|reduce|match|drop|"
    r"discount)\b|\b(?:i've|we've) (?:got )?a cancellation\b|"
    r"\b(?:i've|we've|i have|we have)(?: got)? (?:a|an|one|two) [\w ]{1,40}? or (?:a|an|one|two)\b",
    # two things they have or can do, ours to pick: "I've a double at 140 or a twin at 125", "I can put you near the
    # toilet block or up in the top field"
    r"\b(?:i've|we've|i have|we have|i've got|we've got|i can|we can|i could|we could)\b(?!'t| not)[^.?!]{1,60}?"
    r"\bor (?!not\b|anything\b|nothing\b)|"
    r"\b(?:there's|there is|we've got|i've got|we have|i have) (?:a |an )?(?:later|earlier|another|other|different) "
    r"\w+|\bfailing that\b|"
    r"\b(?:maybe|perhaps|possibly) [\w' ]{0,25}(?:is|would be|could be) (?:possible|free|available|ok|okay|fine|"
    r"cheaper)\b|\bif (?:that|it) suits?\b|"
    r"\b(?:i|we) (?:can|could) (?:hold|keep|have) (?:it|them|the|her|him|someone|somebody|a|an|one)\b|"
    # "Saturday eleven thirty is ok, after twelve we are full": a slot said to be fine
    r"\b(?:\d|o'clock|thirty|fifteen|forty[- ]five|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"tomorrow) (?:is|would be|'s) (?:ok|okay|fine|possible|doable|open|free|available)\b|"
    r"^(?:(?:and|so|ok|okay|right|well)[,]?\s+)*how(?:'s| is| would| does) (?:the )?(?:\d|half|quarter|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve)",
    # "if she fancies it", "if you're interested", "the lad could pop round between eight and ten".
    r"\bif (?:she|he|you|they) fanc(?:y|ies) (?:it|that)\b|\bif (?:she's|he's|you're|they're) interested\b|"
    r"\b(?:could|can) (?:pop|come|swing|nip) (?:round|over|by|out)\b",
    # Alternatives in other words: "rather than cancel it we can pause the cover", "she could go on a payment plan",
    # "you can swap onto the Sunday matinee", "Marco could take you now", "I've got a very similar hotel two streets
    # back", "there's an inside cabin for 1,290 or a balcony one for 1,650", "I can actually offer the 500 meg package".
    r"\brather than (?:cancel|stop|clos|leav|end|refund|los|scrap|giv)\w*\b|"
    r"\b(?:she|he|you|they) (?:could|can) (?:go on|go onto|swap|switch|freeze|pause|upgrade|downgrade|transfer "
    r"(?:it|her|him|the)|move (?:to|onto|it|her|him|the))\b|"
    r"\b(?:could|can) take (?:you|her|him|them) (?:now|today|tomorrow|at|in|on|this)\b|"
    r"\b(?:i've|we've|i have|we have)(?: got)? (?:a |an |some )?(?:very |really )?(?:similar|cheaper|smaller|"
    r"bigger|larger|narrower|wider|budget|alternative|equivalent|comparable|refurbished|second[- ]hand)\b|"
    r"\b(?:there's|there is|there are) (?!no\b|not\b|nothing\b)(?:a |an |some )?[\w ,.]{1,40}? (?:for|at) "
    r"[\w,.]+ or (?:a|an|the|one)\b|"
    r"\b(?:i'd|we'd|i would|we would) (?:suggest|recommend|advise)\b|"
    r"\b(?:we've got|we have|i've got|i have|there's)\b[^.?!]{1,50}\b(?:very similar|exactly the same|just as good|"
    r"does the same|same thing)\b|"
    r"\b(?:i|we) (?:can|could) (?:actually|also|still|probably|maybe|definitely) (?:do|offer|fit|give|get|put|"
    r"move|book|squeeze)\b",
)

# What they can do instead, said after what they can't: "... but Saturday morning is possible", "... but if he's
# dropped off at 8 Monday he'd be home by 4".
_OFFER_AFTER_ALL = re.compile(r"\bbut (?:[\w':,.]+ ){1,10}(?:is|are|would be|could be|'d be) (?:possible|available|"
                              r"free|doable|an option|fine)\b|\bbut if (?:she's|he's|they're|it's|you're) (?:dropped "
                              r"off|brought in|here|in) (?:by |at |before |on )?", re.I)
# "there is nothing I can do on that" offers nothing: taken out of a line before offers are looked for.
_NOTHING_TO_DO = re.compile(r"\b(?:nothing|not much|not a lot|little|not something|not anything) (?:more |else )?"
                            r"(?:that )?(?:i|we) (?:can|could) (?:do|offer)\b")
