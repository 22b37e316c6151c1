"""Reading a turn: what the business's words do (dialogue acts), with negation, conditions and question scope.

Pure: `read(text)` -> Reading. Explicit rules, tuned on tests/data/dialogue/dev.jsonl and reported on
test.jsonl by `make bench-dialogue`. Whisper's text has no reliable "?" and runs clauses together, so a
question is known by its form (an auxiliary or wh-word opening a clause, a tag like "right"), not its mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.conversation import entities
from agent.conversation.entities import Time

ACTS = ("done", "unavailable", "offer", "ask_fact", "ask_confirm", "question", "hold", "transfer", "callback",
        "goodbye", "small_talk", "greeting", "ask_principal", "extraction", "inform", "ack", "unclear")

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
_FILLERS = re.compile(r"\b(um+|uh+|er+|erm|ah|hmm+|oya|abeg)\b(?!-)[,.]?\s*", re.I)  # (Nigerian "oya", "abeg")
_AUX = r"(?:is|are|was|were|do|does|did|would|will|can|could|shall|should|have|has|had|may|might|must)"
_SUBJ = (r"(?:you|she|he|they|it|there|that|this|we|i|her|his|the|your|our|a|an|anyone|anybody|anything|someone|"
         r"somebody|any)")
_QUESTION_OPEN = re.compile(rf"^(?:(?:and|so|ok|okay|right|sorry|also|then|now|just|oh|well|great|lovely|sure|"
                            rf"perfect|alright|all right|yeah|yes|no)[,]?\s+)*{_AUX}\s+{_SUBJ}\b", re.I)
_WH_OPEN = re.compile(r"^(?:(?:and|so|ok|okay|right|sorry|also|then|now|just|oh|well|great|lovely|sure|perfect|"
                      r"alright|yeah)[,]?\s+)*(what|what's|whats|which|when|where|who|who's|whose|how|how's)\b",
                      re.I)
_REQUEST = re.compile(
    r"\b(?:can|could|may|might) i (?:just |quickly |also |please )?(?:get|have|take|grab|ask (?:for|you for)|"
    r"confirm|check|verify|jot down|note|put|add)\b|"
    r"\b(?:can|could|would) you (?:just |please |also )?(?:give|tell|spell|read|provide|send|confirm|verify|"
    r"repeat|pass)\b|"
    r"\b(?:i|we)(?:'ll| will|'d| would)? (?:just |also |still |first |do |really |definitely )?need\b|"
    r"\b(?:i'm|we're|i am|we are) (?:gonna|going to) (?:need|have to get|have to take)\b|"
    r"\bi(?:'ll| will) (?:just )?take\b|"
    r"\blet me (?:just )?(?:get|take|grab)\b|\bdo you (?:have|know)\b|\bhave you got\b|\bhas (?:she|he) got\b|"
    r"\bdoes (?:she|he|they) have\b|\bplease\s*$|\bcan i (?:start|begin) with\b|\blet's start with\b|^(?:just |"
    r"if you )?(?:pop|read|give|send|tell|spell|text|email|"
    r"quote) (?:me|us|the|your|her|his)\b|\b(?:if you|could you|can you) (?:read|tell|give|send) (?:me|us)\b|"
    r"\bif i could (?:get|have|take)\b|\bi(?:'ll| will) book it once\b|"
    r"\b(?:kindly|please) (?:\w+ ){0,4}?(?:tell|share|give|provide|send|confirm)\b",
    re.I,
)
_CONFIRM_TAG = re.compile(r"(?:\b(?:right|correct|yeah|yes|yep|is that right|is that correct|am i right|"
                          r"just to confirm|isn't it|confirm that matches[\w' ]*|does that match[\w' ]*|"
                          r"is that what you(?:'ve| have) got|is it|innit|ok|okay)\s*[?.!]*\s*$)", re.I)
_CONFIRM_OPEN = re.compile(r"^(?:(?:and|so|ok|okay|right|sorry|just)[,]?\s+)*(?:so (?:that's|that is|it's|we're|"
                           r"you're|you said)|just to (?:confirm|check|double check)|can i (?:just )?(?:check|confirm|"
                           r"double check)|to confirm|you said|is that (?:still|the|for|booked under|under)|"
                           r"is it still|and (?:that's|is that)|(?:and )?(?:is|are) (?:she|he|it|that|"
                           r"they) still|(?:and )?(?:it's|that's|she's|he's) still|so it (?:was|is)|so it's)\b|"
                           r"\bstill the (?:right|correct|best|same) (?:email|number|address|contact|one)\b", re.I)
_OFFER = re.compile(
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
    r"\d)|\b(?:is|are|'s) (?:free|available)\b|\bcould (?:put|pop|fit|book|squeeze) you\b|\bwaitlist\b|"
    r"\bor (?:the )?(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b.*\b(?:works?|suits?)"
    r"\b|\bfree (?:at|on|from)\b|\bavailable (?:at|on|from)\b",
    re.I,
)
_UNAVAILABLE = re.compile(
    r"\b(?:fully booked|booked (?:up|solid|out)|sold out|no availability|not available|unavailable|"
    r"nothing (?:left|available|free|on|at|for|until|till|before|after)|(?:we're|we are|we're all|it's) (?:full|"
    r"closed)|full (?:up|tonight|today|this)|no (?:tables|rooms|seats|slots|spaces|appointments)|"
    r"can't|cannot|can not|couldn't|unable to|not able to|won't be able|won't be possible|isn't possible|"
    r"not possible|no way|afraid not|(?:we|i) don't (?:do|have|take|offer|allow|accept|stock|carry)|"
    r"(?:we|i) haven't got|(?:we've|we have|i've|i have) got nothing|we've nothing|there's nothing|"
    r"there isn't|there aren't|none left|all gone|non[- ]?(?:changeable|refundable)|not allowed|"
    r"not (?:doing|taking)|(?:is|are|'s) (?:full(?! name| price| amount| address| details| postcode)|"
    r"gone(?! (?:off|out|over|through|across|back) to\b)|taken|"
    r"off)|all taken|"
    r"chock[- ]?a[- ]?block|chocka|chockers|"
    r"(?:pretty |totally |completely )?(?:rammed|slammed|packed out)\b|"
    r"not a (?:chair|table|seat|room|slot|space) left|(?:do|does) not (?:accept|take|do)|"
    r"doesn't (?:accept|take|do)|(?:has|have) to be done (?:online|in person|by)|out of stock|we don't)\b",
    re.I,
)
_DONE = re.compile(
    r"\b(?:you're|you are|you're now|she's|he's|they're|we're|that's|that is|it's|it is|that has|that's been|"
    r"it's been|it has been|has been|have been|is|are|'s been|been|all|i've|i have|we've|we have|i|we|"
    r"'ve)\s+(?:all\s+|now\s+|just\s+|been\s+)*(?:booked|confirmed|reserved|cancelled|canceled|rescheduled|"
    r"rebooked|moved|changed|sorted|set|done|processed|submitted|placed|scheduled|arranged|registered|"
    r"put (?:you|her|him|them|it) (?:down|in|aside|on)|got (?:you|her|him|them) (?:down|in|booked)|"
    r"pencilled|penciled|updated|renewed|issued|refunded|added|logged|entered|put through|gone through|"
    r"blocked|switched|transferred|applied|amended|in for|booked in|swapped|reordered|re-ordered|enrolled|"
    r"signed up|frozen|paused|suspended|reactivated)\b|"
    r"\b(?:all (?:sorted|done|set|booked|good)|that's you (?:booked|sorted|in|all)|you're (?:in|on) for|"
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
    r"(?:we'll|we will|i'll) see (?:you|her|him|them)|on my way|be with (?:you|her|him|them) (?:by|at|in|"
    r"around|between))\b",
    re.I,
)
_DONE_BLOCK = re.compile(r"(?:\bnot|n't|\bnever|\bno|\bonce|\bif|\bunless|\bpending|\bas soon as|\bwhen|"
                         r"\bwhether|\byet|\bshould|\bwould|\bmight|\bcould|\bcan|\bneed|\bneeds|\bwant|\bwants|"
                         r"\btry|\btrying|\bhope|\bhopefully|\bprobably|\bmaybe|\bbefore i|\bbefore we|\bfully|"
                         r"\balready)\b", re.I)
_DONE_AFTER_BLOCK = re.compile(r"\b(?:once|if|unless|as soon as|pending|provided|subject to|because of|due to|"
                               r"in pencil|provisional(?:ly)?|tentative(?:ly)?|but (?:i|we) (?:can't|cannot|can not|"
                               r"won't|still need|need)|but (?:it|that|this|she|he|they) (?:still )?(?:needs?|has to|"
                               r"have to|must|will need|'ll need)|but (?:you|she|he|they) (?:will|'ll|must|need to|"
                               r"have to|has to) pay|"
                               r"until (?:we|i|you|"
                               r"the|it|she|he)|till (?:we|i|you|the|it|she|he))\b", re.I)
_HOLD = re.compile(r"\b(?:hold on|hang on|hold up|please hold|hold please|hold the line|hold for|bear with me|"
                   r"one (?:moment|sec|second|minute|mo)|just a (?:moment|sec|second|minute|tick|mo)|"
                   r"give me (?:a|one|two) (?:moment|sec|second|minute|tick|mo)|wait a (?:moment|sec|second|"
                   r"minute)|let me (?:just )?(?:check|see|have a look|look|find|pull|ask|grab|get the|"
                   r"bring)|stay on the line|can you hold|could you hold|i'll (?:just )?check|i'll have a look|"
                   r"i'll just see|bear with|^wait\W*$|(?:two|few|couple of|a couple) (?:secs|seconds|mins|"
                   r"minutes|ticks))\b", re.I)
_TRANSFER = re.compile(r"\b(?:transfer(?:ring)? you|(?:put|pop)(?:ting|ping)? you through|connect(?:ing)? you|"
                       r"pass(?:ing)? "
                       r"you (?:over|on|to)|put you on to|put you onto|i'll get (?:my|the|a|someone)|"
                       r"let me get (?:my|the|someone)|i'll fetch)\b", re.I)
_CALLBACK = re.compile(r"\b(?:call|ring|phone|bell|buzz) (?:you|her|him|them) back\b|\b(?:give|get) (?:you|her|"
                       r"him|them) a (?:call|ring|bell|buzz)\b|\bget back to (?:you|her|him|them)\b|\b(?:call|ring)"
                       r" (?:you|her|him|them) (?:when|once|as soon|later|tomorrow|in)\b|\bgive you a (?:call|"
                       r"ring|bell)\b|\bcall you\b|\b(?:will|'ll) (?:be in )?(?:contact|phone|ring|call|email|text) "
                       r"(?:you|her|him|them|the number|back)\b|\b(?:will|'ll) be in (?:touch|contact)\b", re.I)
_GOODBYE = re.compile(r"\b(?:good ?bye|bye(?: now| bye)?|take care|have a (?:good|nice|great|lovely) (?:one|day|"
                      r"night|evening|weekend|afternoon|morning)|ta-?ra|cheerio|see ya|thanks for calling,? bye|"
                      r"speak soon|talk soon|cheers then|thanks again bye|see (?:you|him|her|them) (?:in a bit|"
                      r"soon|later)|"
                      r"(?:see (?:you|him|her|them) \w+ then|bye|cheers)(?: (?:then|cheers|love|mate|now))*\s*$)\b",
                      re.I)
_GREETING = re.compile(r"\b(?:thank you for calling|thanks for calling|how (?:can|may|could) (?:i|we) (?:help|"
                       r"assist)|what can i do for you|speaking\s*$|this is (?:\w+ ){0,2}\w+(?: speaking)?\s*$|"
                       r"(?:good )?(?:morning|afternoon|evening)\b.*\b(?:speaking|this is|how can)|you're through "
                       r"to|you've reached|welcome to|^hello\b|^hi\b.*\b(?:it's|this is|speaking)|box office|"
                       r"reception\s*$|^(?:[\w']+ ){0,3}(?:it's \w+|hello|hi|good (?:morning|afternoon|"
                       r"evening))\s*[.!]?$|"
                       r"^(?:yeah |hi |hello )?(?:hello|hi|good (?:morning|afternoon|evening))\b(?: [\w']+){0,4}$)",
                       re.I)
_ASK_PRINCIPAL = re.compile(
    r"\b(?:speak|talk|have a word|a word|chat|a quick word) (?:to|with) (?:her|him|them|the patient|the account "
    r"holder|the card ?holder|the homeowner|the owner|the passenger|the guest|the customer|the policy ?holder|"
    r"mr|mrs|ms|miss|dr|the person|your (?:boss|client|principal|employer)|someone who)|(?:get|put) (?:her|him|"
    r"them|the account holder|the patient) on the (?:line|phone)|(?:can|could) (?:she|he|they) (?:call|ring|"
    r"give us a (?:call|ring)|come to the phone)|(?:need|have) to (?:speak|talk) to (?:her|him|them|the)|"
    r"(?:she|he|they) (?:will |would )?(?:need|has|have) to (?:call|ring|come in|do (?:it|this|that) "
    r"(?:herself|himself|themselves))|only (?:speak|talk|deal) (?:to|with) the|is (?:she|he) (?:there|available|"
    r"with you|around)|(?:herself|himself|themselves|in person|directly)\b.*\b(?:speak|talk|word)|"
    r"(?:can|could) (?:she|he|they|mum|dad) come (?:on|to the phone)|"
    r"(?:\byou (?:just |please )?put (?:her|him|them) on\b(?! hold| the (?:list|waiting|wait|\d)| for| standby)|"
    r"\bput (?:her|him|them) on(?: the (?:line|phone))?\W*$)|"
    r"is (?:mum|dad|she|he) there|(?:himself|herself|themselves) (?:must|has to|have to|needs? to|will need to) "
    r"(?:call|ring|phone|agree|consent)|(?:must|has to|needs? to|will need to) (?:call|ring|phone) (?:us )?"
    r"(?:herself|himself|themselves|directly)|(?:to agree|consent) (?:to [\w ]+ )?(?:herself|himself|themselves)",
    re.I,
)
_EXTRACTION = re.compile(
    r"\b(?:password|passcode|(?:her|his|your|the|card|bank) pin(?! ?code)|(?<!delivery )(?<!area )(?<!postal )"
    r"(?<!address )pin (?:number|code)|mother's maiden|"
    r"maiden name|security answer|memorable word|"
    r"what else (?:do|can) you|what other|everything you (?:know|have)|all (?:the|her|his) (?:details|info|"
    r"information)|ignore (?:your|the|that|those|all|previous)|forget (?:your|the) (?:instructions|script|"
    r"rules)|(?:where|when) (?:is|does) (?:she|he) (?:live|work|normally|usually|go|away|out|home)|out of the "
    r"house|alarm|what (?:does|do) (?:she|he) (?:earn|make|do for a living)|her employer|his employer|"
    r"how much (?:does|do) (?:she|he) (?:earn|make|have)|who (?:is|are) (?:she|he) (?:actually|really)|"
    r"(?:her|his) (?:bank details|online banking|login|username)|read (?:me|out) (?:her|his|the) (?:full|whole|"
    r"entire)|full card number|whole card number|entire card number|system prompt|your instructions|"
    r"pretend (?:to be|you're)|what's she like|is she single|"
    r"(?:what's|what is|about|know|tell me|share) her schedule|her schedule like|"
    r"when (?:is|will) (?:she|he) "
    r"(?:be )?(?:away|on holiday|out|travel\w*)|whilst i have you|while i have you|while i've got you|"
    r"when's (?:she|he) (?:usually |normally )?(?:away|out|travel\w*|home)|who (?:does|did|was|is) (?:she|he) "
    r"(?:usually |normally )?(?:travel\w*|come|go|live|stay)\w* with|(?:usually|normally) away|"
    r"mental health|medical history|criminal|religion|political|while you're on|between you and me|"
    r"ignore (?:whatever|any|all|your|the|those)|who else lives|(?<!my )(?:husband|wife|partner) does|diagnosis|"
    r"top budget|her budget|his budget|offered on anything)\b",
    re.I,
)
_SMALL_TALK = re.compile(r"\b(?:how(?:'s| is| are) (?:your|you|things|it going|the day|life|the weather)|"
                         r"how are you|weather|lovely day|nice day|what a (?:day|week|morning)|is it friday|"
                         r"(?:friday|weekend) yet|nice name|lovely name|love (?:that|spaniels|dogs|the name|"
                         r"your)|busy (?:day|time|week|morning|today)|crazy (?:day|week|busy)|oh my days|"
                         r"where has the (?:day|time|week) gone|isn't it\s*$|aren't they\s*$|haha|ha ha|"
                         r"bless (?:her|him)|how exciting|how lovely|sounds fun|"
                         r"(?<!that's )(?<!it's )good for (?:her|him|you)|"
                         r"(?:hot|cold|rainy|wet|warm|sunny|freezing|boiling) (?:today|out|one|out there)|traffic|"
                         r"is it (?:really |only |still |even )*(?:\w+ ){0,2}(?:yet|already)|dragging|"
                         r"how(?:'s| is) (?:your|the) (?:day|week|morning)|ooh|aw+)\b", re.I)
_ACK_WORDS = {"okay", "ok", "right", "sure", "mm-hm", "mhm", "mm", "hm", "uh-huh", "uh", "huh", "yeah", "yep",
              "yes", "got", "it", "alright", "all", "great", "perfect", "lovely", "cool", "fine", "gotcha", "i",
              "see", "understood", "no", "problem", "worries", "cheers", "ta", "thanks", "thank", "you", "oh",
              "ah", "sounds", "good", "brilliant", "fab", "excellent", "noted", "yup", "aha", "mm-hmm", "so", "aye",
              "po", "ma'am", "sir", "can", "lah",
              "that's", "correct", "exactly",
              "go", "on", "sorry",
              "with", "i'm", "sound", "ace", "nice", "okey", "dokey", "righto", "sweet", "grand", "ja",
              "yebo", "rightio", "roger"}
_HALLUCINATIONS = re.compile(r"thank you for watching|thanks for watching|subtitles by|amara\.org|"
                             r"like and subscribe|www\.|\.com\b|^(?:you\s*)+$|please subscribe", re.I)
# After "I've done it": their own experience ("four times", "before", "myself"), not our request completed.
_OWN_EXPERIENCE = (r" (?:\w+ )?(?:times|before|myself|ourselves|once|twice|loads|plenty|a few|many|so many|every|"
                   r"too)\b")


def _more(pattern: re.Pattern[str], extra: str) -> re.Pattern[str]:
    """A pattern widened with more wordings (kept apart so each list reads as one idea)."""
    return re.compile(pattern.pattern + "|" + extra, re.I)


# Wordings from the third development author (other Englishes: US, Scottish, South African, Singaporean, Kiwi).
_HOLD = _more(_HOLD, r"\b(?:place|put|pop)(?:ting)? you on (?:a )?(?:brief |short |quick )?hold\b|"
                     r"\bdon't go anywhere\b|"
                     r"\bhang fire\b|\blemme (?:just )?(?:see|check|look|have a look)\b|\b(?:mind|okay|ok) holding\b|"
                     r"\bhold a (?:while|sec|second|moment|minute|tick)\b|\bi (?:check|see) the system\b")
_TRANSFER = _more(_TRANSFER, r"\b(?:put|pop|flick|send|get|pass|switch|move)(?:ting|ping|ing)? you (?:through|over|"
                             r"across) to\b")
_CALLBACK = _more(_CALLBACK, r"\b(?:give|flick) (?:you|her|him|them) a (?:shout|call|ring|bell|buzz) back\b|"
                             r"\breach out\b|\bbell (?:you|her|him|them)\b|\bshout back\b")
_GOODBYE = _more(_GOODBYE, r"\btake it easy\b|\bcatch (?:ya|you)(?: later)?\b|\bhave a (?:wonderful|fab|brilliant) "
                           r"(?:day|one|evening|weekend)\b|^(?:okay|ok|alright|right) (?:thanks|"
                           r"thank you) for calling\b|\b(?:ciao|adios|au revoir|ta ta|toodle-?oo|laters)\W*$|"
                           r"\bsee (?:you|him|her|them) (?:on )?(?:tomorrow|today|tonight|monday|tuesday|wednesday|"
                           r"thursday|friday|saturday|sunday)\W*$")
_ASK_PRINCIPAL = _more(_ASK_PRINCIPAL, r"\b(?:speak|talk|word|chat|go through [\w ]+) (?:to|with) [\w' ]{1,30}"
                                       r"(?:herself|himself|themselves|directly|in person)\b|"
                                       r"\bis (?:mrs |mr |ms |miss |dr |the |his |her |your )?(?:mom|mum|dad|parent|"
                                       r"guardian|recipient|patient|member|policyholder|policy holder|account holder|"
                                       r"homeowner|tenant|"
                                       # a name ("is Maria around"); the text is lower case by now, so not an
                                       # adverb ("a full groom is usually around a hundred")
                                       r"(?!(?:\w+ly|still|just|also|now|often|about|always|there|here|that|this|"
                                       r"it|not|open|closed|the)\b)[a-z]+) (?:around|available|there|free to)\b|"
                                       r"\bon the line to (?:authori[sz]e|confirm|agree|sign)\b|\b(?:she|"
                                       r"he) there or not\b|"
                                       r"\b(?:rang|call|ring|give us a call) (?:us )?(?:herself|himself|directly)\b|"
                                       r"(?<!i'll )(?<!we'll )\bget (?:her|him) to (?:give us a )?(?:call|ring)\b")
_EXTRACTION = _more(_EXTRACTION, r"\bbetween us\b|\bon (?:her|his) own during\b|\busually out\b|\bcurrent landlord\b|"
                                 r"\b(?:her|his) (?:annual )?(?:income|salary|login|singpass)\b|"
                                 r"\bwhat(?:'s| is) (?:her|his) weight\b|"
                                 r"\bfor a living\b|"
                                 r"\bwhere(?:'s| does| is) (?:she|he) live\b|\bjust curious\b|\bsend (?:her )?flyers\b|"
                                 r"\bwhat's in the parcel\b|\bhow much was it\b")
# Fourth development author: scouting a home (when it is empty, who is in, what is in it) and harvesting contacts.
_EXTRACTION = _more(_EXTRACTION, r"\b(?:house|home|flat|place|property) (?:\w+ ){0,2}(?:empty|unattended)\b|"
                                 r"\b(?:daily|usual|weekly) routine\b|\bleave the house\b|\bvaluables\b|"
                                 r"\b(?:home|in) on (?:her|his|their) own\b|\bwho's minding (?:her|his|the) (?:house|"
                                 r"home|place)\b|"
                                 r"\bwhere does (?:the family|her family|his family|the dad|the mum) live\b|"
                                 r"\bmailing list\b|\bwhat days does (?:she|he) usually\b")
# Fifth development author: codes and logins, relatives and neighbours, overriding the principal's word.
_EXTRACTION = _more(_EXTRACTION, r"\bfull pin\b|\ball four digits\b|\bone[- ]time (?:pass)?code\b|\botp\b|"
                                 r"\bcode (?:that was |we )?(?:just )?(?:texted|sent) to (?:her|him)\b|"
                                 r"\b(?:front )?door code\b|\balarm code\b|\bkey ?safe\b|\blogin\b|\bpassword\b|"
                                 r"\bignore what (?:she|he|they) (?:told|said)|\bdisregard\b|"
                                 r"\binstructions (?:she|he|they) gave\b|\bword for word\b|"
                                 r"\bwho (?:she|he) lives with\b|\b(?:her|his) neighbou?rs\b|"
                                 r"\bstill with (?:her|his) (?:husband|wife|partner)\b|"
                                 r"\b(?:son|daughter|husband|wife|partner)'s (?:mobile|number|address|work)\b|"
                                 r"\bwhere (?:he|she)'s working\b|\bdo for work\b|\bgood money\b|"
                                 r"\b(?:she|he) usually (?:train|trains|go|goes|leave|leaves|get home|gets home|walk|"
                                 r"walks)\b")
_OFFER = _more(_OFFER, r"\b(?:there's|there is|there are)(?: still)? (?!no\b|not\b|none\b)(?:an? |some )?"
                       r"(?:[\w-]+ ){0,2}(?:slot|slots|seat|seats|table|tables|room|rooms|space|spaces|appointment|"
                       r"appointments|opening|openings|spot|spots)\b|"
                       r"\bif (?:she|he|they|you) (?:can|could) (?:be home|get here|get in|drop|bring)\b|"
                       r"\bif you (?:bring|drop) (?:him|her|it|them) (?:in|off|round)\b|\bcan or not\b|"
                       r"\b(?:i've|we've) (?:a|an) [\w ]{0,20}(?:room|table|slot|seat|space|one)\b")
_CALLBACK = _more(_CALLBACK, r"\brevert (?:back )?to (?:you|her|him|them)\b|"
                             r"\b(?:whatsapp|text|message|email|e-mail|msg) (?:you|her|him|them) back\b")
# The caller is to ring again: "if you ring back after two", "you could try us again tomorrow"
_CALL_US_BACK = re.compile(r"\b(?:if you|you can|you could|you'll (?:need|have) to|you need to|you might want to|"
                           r"best to|can you|could you|please)\s+(?:just\s+)?(?:ring|call|phone|try)\s+"
                           r"(?:us\s+|me\s+|back\s+|again\s+){1,2}(?:after|later|tomorrow|in|on|at|before|next|this|when|once|monday|tuesday|"
                           r"wednesday|thursday|friday|saturday|sunday)\b", re.I)
_CALLBACK = _more(_CALLBACK, _CALL_US_BACK.pattern)
_TRANSFER = _more(_TRANSFER, r"\btransfer(?:ring)? (?:the|this|your) call\b")
# "can you pass the phone to Mr Tan", "I'll need Mrs Chen on the line to give consent", "I can only discuss the
# account with the account holder".
# Someone else must speak for themselves: "I can only discuss a pupil's absence with a parent or guardian, is mum
# or dad available to speak", "is the account holder there to talk".
_ASK_PRINCIPAL = _more(_ASK_PRINCIPAL, r"\b(?:is|are) (?:mum|mom|dad|the parent|a parent|a guardian|the guardian|"
                                       r"the account ?holder|the policy ?holder|the card ?holder|the patient|"
                                       r"the homeowner|your (?:mum|mom|dad|husband|wife|partner|boss))"
                                       r"(?: or (?:\w+ ){1,2})? (?:available|around|there|free|about) to "
                                       r"(?:speak|talk|come to the phone|have a word)\b|"
                                       r"\bonly (?:discuss|speak about|talk about|go through|release|disclose) "
                                       r"[\w' ]{1,40} (?:with|to) (?:a|the) (?:parent|guardian|account ?holder|"
                                       r"policy ?holder|card ?holder|patient|homeowner|owner)\b")
_ASK_PRINCIPAL = _more(_ASK_PRINCIPAL, r"\b(?:pass|hand|give) (?:the phone|the call|it) (?:over )?to (?:mr|mrs|ms|miss|"
                                       r"dr|her|him|them|the)\b|"
                                       r"\bneed (?:mr |mrs |ms |miss |dr |the )?[\w']+ (?:on the (?:line|phone)|"
                                       r"to (?:give|confirm) (?:consent|permission|authori[sz]ation))\b|"
                                       r"\bonly (?:discuss|speak about|talk about|go through) [\w' ]{1,30} with the "
                                       r"(?:account|card|policy) ?holder\b")
_ASK_PRINCIPAL = _more(_ASK_PRINCIPAL, r"\byou (?:able to |be able to |just |please )?put "
                                       r"(?:mr |mrs |ms |miss |dr )?(?:the account holder|the policy ?holder|"
                                       r"the patient|the member|the card ?holder|[a-z]+) on\b"
                                       r"(?! hold| the list| a list)(?= (?:i|we|please|for|to|so)\b|\W*$)")
_UNAVAILABLE = _more(_UNAVAILABLE, r"\b(?:that|it|this|that one|the \w+)(?:'s| has| is) already (?:been )?"
                                   r"(?:taken|gone|sold|leased|let|claimed|snapped up|filled)\b")
_UNAVAILABLE = _more(_UNAVAILABLE, r"\b(?:we've|we have|i've) none\b|"
                                   r"\bnone of (?:our|the|them|those) \w+ (?:do|does|are|is|have|has|left|available)\b|"
                                   r"\b(?:line|office|shop|desk|branch|clinic)(?:'s| is) closed\b|"
                                   r"\bnot (?:gonna|going to) (?:work|happen|be possible)\b|\bno \w+ left\b|"
                                   r"\bdiscontinued\b|\bwon't be getting (?:any )?more\b|\bnot running\b")
_UNAVAILABLE = _more(_UNAVAILABLE, r"\bflat out\b|\bno more slots?\b|\bnot covered\b|\b(?:no|not) taking on\b|"
                                   r"\bno waitlist\b|\bcannot make it\b|\bslammed\b")
_OFFER = _more(_OFFER, r"\b(?:had|got|have) a cancellation\b|\b(?:there's|there is|i've got|we've got|i have|we have) "
                       r"(?:a |an )?(?:one|two|three|four|five|twelve)\b|\b(?:could|can) (?:do|see|meet|fit|come|"
                       r"squeeze|book|offer) (?:you |her |him |them )?(?:on |at )?(?:monday|tuesday|wednesday|thursday|"
                       r"friday|saturday|sunday|tomorrow|today|\d)|\bwhat (?:i|we) can do is\b|\b(?:i|"
                       r"we) can either\b|\b(?:i|we|she|he) (?:can|could) (?:mail|send|"
                       r"set|pause|order|upgrade|waitlist|squeeze|meet|arrange|sort|drop|move|switch) (?:her|him|"
                       r"you|ya|"
                       r"them|it|one|a|an|up)\b|\bcould squeeze\b|\bif (?:she|he|they) (?:can|could) (?:come|arrive|do|"
                       r"make|manage)\b|\bhow's \w+ looking\b")
_DONE = _more(_DONE, r"\b(?:i've|we've|i have|we have) done (?:that|it|this|the change|the booking)\b"
                    rf"(?!{_OWN_EXPERIENCE})|"
                    r"\bdone (?:that|it) for (?:you|her|him|them)\b|\b(?:it's|that's|she's|he's|you're|is) in the "
                    r"(?:book|system|diary|calendar)\b|\bgood to go\b|\bdone and dusted\b|\byour new (?:time|date|"
                    r"appointment|flight|booking|slot|seat) is\b|\blocked in\b|\b(?:has|have|'s) been (?:stopped|"
                    r"opened|closed|paused|frozen|activated|processed|lodged|filed|raised|approved|sent|dispatched|"
                    r"posted|fixed|repaired|released|added|booked|confirmed|cancelled|canceled|changed|moved|"
                    r"updated)\b|"
                    r"\b(?:we've|i've) got (?:you|her|him|them)(?: down| in| booked)?\s*(?:[,.]|$)|"
                    r"\b(?:booking|confirmation|reference|claim|order) (?:code|number)'s\b|"
                    r"\b(?:the )?new confirmation is\b|"
                    r"\balready booked for\b|\bthe freeze is on\b|"
                    # "your flight has changed to Friday at 2:15": the booking itself, not the business's hours
                    r"\b(?:your|the|her|his|their) (?:flight|booking|reservation|appointment|ticket|order|table|slot|"
                    r"visit|seat|plan) (?:has|have|is|'s) (?:now )?(?:been )?(?:now )?(?:changed|moved|rescheduled|"
                    r"switched|updated) (?:to|for)\b")
# Wordings from the fourth development author (tuned on dev4.jsonl after its first, untuned figure was taken).
_DONE = _more(_DONE, r"\b(?:i've|i have|we've|we have|i|we) (?:just )?(?:popped|squeezed|slotted|fitted|snuck|stuck) "
                    r"(?:you|her|him|them|it|\w+) in\b|"
                    r"\b(?:moved|switched|rebooked) (?:you|her|him|them) (?:to|onto|over to)\b|"
                    r"\b(?!(?:what|that|there|let|who|how|where|here|it)'s)[a-z]+'s (?:all |now )?(?:done|sorted|"
                    r"cancelled|canceled|confirmed|in for|booked in|paid for|been done|been sorted)\b|"
                    r"\b(?:booking|confirmation|reservation) ref(?:erence)? is\b|"
                    r"\b(?:that's|that is) (?:[\w']+ ){1,4}(?:applied|added|activated|paid|posted|set up|put on|"
                    r"gone in|gone through|gone out)\b")
# "the order reference is T H 8 8 2 0 3", "collect them with reference C 9 2 1": what was ordered has its reference
_DONE = _more(_DONE, r"\b(?:order|ticket|tickets|collection) (?:reference|ref|number|code) is\b|"
                    r"\bcollect (?:it|them|the tickets) with (?:the )?(?:reference|code)\b")
_DONE = _more(_DONE, r"\b(?:you're|she's|he's|they're) (?:all )?in (?:at|on) (?:the |a )?(?:\d|one|two|three|four|"
                    r"five|six|seven|eight|nine|ten|eleven|twelve|half|quarter|monday|tuesday|wednesday|thursday|friday|"
                    r"saturday|sunday|tomorrow)|"
                    r"\b(?:the |your |her |his )?new (?:confirmation|booking|reference)(?: code| number)? is\b|"
                    r"\b(?:she's|he's|you're|they're) now (?:on|booked on|in for) the\b")
# Completions in other verbs: a dispatch ("Marcus is on his way"), "I went ahead and extended it", "I've
# generated your PAC", "I've waived the fee".
_DONE = _more(_DONE, r"\b(?:is|'s|are|'re) (?:now )?on (?:his|her|their) way\b|"
                    r"\b(?:i|we) (?:just )?went ahead and (?:\w+ed|put|set|sent|got|made)\b|"
                    r"\b(?:i've|i have|we've|we have) (?:just |now |also )?(?:extended|generated|created|upgraded|"
                    r"downgraded|credited|waived|reset|unlocked|activated|dispatched|allocated|assigned|topped up|"
                    r"ported|released|reinstated)\b")
# Declining in so many words: "end of the month's a no I'm afraid", "it's a no from her", "we've got nowt",
# "there's no pet cabins left", "there's nothing I can do about that".
_UNAVAILABLE = _more(_UNAVAILABLE, r"\b(?:'s|is|it's|that's) a no\b|\bgot nowt\b|\bno (?:\w+ ){1,2}left\b|"
                                   r"\bnothing (?:more |else )?(?:that )?(?:i|we) can do\b")
# Waiting in other words: "just hold", "please be on the line", "till I look", "hang fire".
_HOLD = _more(_HOLD, r"\bjust hold\b|\b(?:be|keep|remain) on the line\b|\b(?:till|until|while|whilst) i (?:look|check|"
                     r"have a look|find|pull|ask)\b|\b(?:a|one) wee (?:minute|moment|sec|second)\b|\bhaud on\b|"
                     r"\bhang fire\b")
# Offers in other words: "what I can do though is ...", "want me to send him", "if that's good for you".
_OFFER = _more(_OFFER, r"\bwhat (?:i|we) (?:can|could) do (?:though |instead |for you |for her |for him )?is\b|"
                       r"\b(?:want|like) me to (?:send|book|put|pop|hold|reserve|get|bring|do|sort|squeeze|pencil)\b|"
                       r"\bif that's (?:good|ok|okay|alright|all right|any good) (?:for|with) (?:you|her|him|them)\b")
_CONFIRM_TAG = _more(_CONFIRM_TAG, r"\b(?:wasn't it|weren't they|didn't (?:she|he|you)|aye|"
                                   r"is what you're saying)\s*[?.!]*"
                                   r"\s*$")
_GREETING = _more(_GREETING, r"^(?:yeah |hi )?[\w' ]{2,40} go ahead\s*[.!]?$")
_GREETING = _more(_GREETING, r"^(?:[\w']+ ){0,3}you(?:'re| are) (?:speaking|talking) (?:to|with) "
                             r"[\w']+(?: [\w']+){0,9}$")


# Wordings from the eighth development author (tuned on dev8.jsonl after its first, untuned figure was taken):
# someone else will call ("I'll get him to call you after his round", "she'll ring you back"), a place that went
# ("the last space went ten minutes ago", "it's been taken by a school group", "we stopped doing ceramic coating"),
# completions in other words ("that's her place secured", "that's sent", "it's on the list for 11"), goodbyes
# ("see you then, drive safe") and waiting ("I'll just see if Mike's got space").
_CALLBACK = _more(_CALLBACK, r"\b(?:i'll|we'll|i will|we will) (?:get|have|ask) (?:\w+ ){1,2}(?:to )?(?:call|ring|"
                             r"phone|text|email|contact|bell) (?:you|her|him|them)\b|"
                             r"\b(?:she|he|they)(?:'ll| will) (?:call|ring|phone|text|bell) (?:you|her|him|them)\b")
_UNAVAILABLE = _more(_UNAVAILABLE, r"\b(?:has|have|'s|'ve) (?:been |got )?(?:taken|gone|snapped up) by\b|"
                                   r"\b(?:last|final|only) (?:\w+ )?(?:space|slot|place|spot|table|room|seat|pitch|"
                                   r"lane|appointment|one|ticket)s? (?:went|has gone|'s gone|got taken|was taken|"
                                   r"has been taken|sold)\b|"
                                   r"\b(?:we|they|i) (?:stopped|quit|gave up) (?:doing|offering|selling|stocking|"
                                   r"running|taking|making)\b|\bwaiting list (?:till|until|for|into)\b|"
                                   r"\bnot happening\b")
_DONE = _more(_DONE, r"\bthat's (?:her|him|them|you|your|his|their)(?: \w+)? (?:enrolled|secured|registered|signed up|"
                    r"sorted|confirmed|booked)\b|\b(?:that's|it's) (?:all )?(?:sent|filed|submitted|gone off)\b|"
                    r"\b(?:it's|that's|you're|she's|he's|they're) (?:on|in) the (?:list|diary|book|rota|schedule) "
                    r"for\b|\b(?:has|have|'s) been accepted\b|"
                    r"\b(?:i've|i have|we've|we have) (?:just |now |also )?(?:filed|lodged|emailed|posted)\b")
_GOES_TO_LOOK = re.compile(r"\b(?:i'll|let me|i will) (?:just )?(?:see|check|find out|ask) (?:if|whether)\b")
_HOLD = _more(_HOLD, _GOES_TO_LOOK.pattern)
# "see you then" closes a call, unless the line settles details with it (see _acts)
_SEE_YOU_THEN = re.compile(r"\bsee (?:you|ya) (?:then|soon|later|there)\W*$")
_GOODBYE = _more(_GOODBYE, r"\b(?:drive|travel|get home) safe(?:ly)?\W*$|\bsafe travels\b|" + _SEE_YOU_THEN.pattern)
_OFFER = _more(_OFFER, r"\b(?:i|we) (?:can|could) (?:put|pop|fit|squeeze|slot|stick) (?:you|her|him|them) "
                       r"(?:near|in|on|up|at|by|into|with|next to)\b")
# Wordings from the ninth development author (tuned on dev9.jsonl after its first, untuned figure was taken: staff
# from many English-speaking places): completions ("no wahala, I've arranged it", "I've shifted her to Wednesday",
# "Jason'll be there Wednesday between 8 and 10", "the parcel has been put on hold at the depot", "booking number
# 55821"), offers ("I can waive the fee", "I've a cancellation at twenty past ten if that's any use", "I've a
# double at 140 or a twin at 125"), callbacks arranged, refusals ("we're completely full", "the fund won't cover
# it"), and people who must act themselves ("the applicant needs to come in person or phone herself").
_DONE = _more(_DONE, r"\b(?:i've|we've|i have|we have) (?:just )?(?:shifted|bumped|chucked|bunged|shoved|popped|"
                    r"stuck|squeezed|slotted) (?:you|her|him|them|it) (?:in|down|over|to|onto|across)\b|"
                    r"\b(?:has|have|'s) been (?:blocked|deactivated|disabled|replaced|reissued|put on hold|set aside|"
                    r"kept aside|held)\b|\b(?:'s|is|are|'re) all ready\b|"
                    r"\b(?:that's|that is) (?:[\w']+ ){5,6}(?:moved|changed|booked|done|sorted|transferred|switched)\b|"
                    r"\b(?:booking|confirmation|reservation|order|reference) (?:number|no|ref|code)\W+(?=\d)|"
                    r"\b(?:[a-z]+'ll|[a-z]+ will) be (?:there|round|over|out|with (?:her|him|you|them)) (?:on |at |"
                    r"between |about |around |by )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                    r"tomorrow|today|this|\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                    r"between|about|around)")
_OFFER = _more(_OFFER, r"\b(?:i|we) (?:can|could) (?:waive|bump|add|knock|throw in|include|extend|reduce|match|drop|"
                       r"discount)\b|\b(?:i've|we've) (?:got )?a cancellation\b|"
                       r"\b(?:i've|we've|i have|we have)(?: got)? (?:a|an|one|two) [\w ]{1,40}? or (?:a|an|one|two)\b")
_CALLBACK = _more(_CALLBACK, r"\barrange (?:a|for a) call ?back\b|\b(?:i'll|we'll) (?:get|have|ask) (?:\w+ ){1,2}"
                             r"(?:to )?(?:holler at|get in touch with|reach out to|contact) (?:you|her|him|them)\b")
_HOLD = _more(_HOLD, r"^wait (?:ah|ya|lah|a moment|a sec|a minute)\b")
_GOODBYE = _more(_GOODBYE, r"\b(?:hooroo|ta-ra|tara|catch ya)\W*$")
_SMALL_TALK = _more(_SMALL_TALK, r"\bhow(?:'s| is) the family\b|\bhow (?:ya|you|are you) going\b|\bone of those days\b|"
                                 r"\bhope (?:she|he|they)(?:'s| is|'re| are) (?:doin'?g?|keeping|feeling) (?:alright|"
                                 r"ok|okay|well|better)\b")
_UNAVAILABLE = _more(_UNAVAILABLE, r"\b(?:we're|we are|it's|that's|they're) "
                                   r"(?:completely |totally |absolutely |fully )?full\b"
                                   r"(?! (?:price|name|address|amount|day|service|refund))|"
                                   r"\b(?:won't|doesn't|does not|will not|can't|cannot) cover\b")
_ASK_PRINCIPAL = _more(_ASK_PRINCIPAL, r"\b(?:the )?(?:applicant|patient|account holder|customer|policy ?holder|"
                                       r"member|cardholder|card holder) (?:needs?|has|have|will need) to (?:come in|"
                                       r"call|ring|phone|apply|sign|attend)\b[^.?!]{0,40}\b(?:in person|herself|"
                                       r"himself|themselves)\b|\bphone (?:us )?(?:herself|himself|themselves)\b")
# Wordings from the tenth and eleventh development authors (tuned on dev10.jsonl and dev11.jsonl after their first,
# untuned figures were taken: busy front desks at 28 kinds of business, and staff who speak English as a second
# language or off-script). Fishing for what the request does not need ("does she live alone", "so I can text her
# directly", "who does she bank with", "tell me everything"); asking for the principal ("pass the phone to your
# mum", "I need to hear from the account holder"); transfers, holds and callbacks without the usual verbs ("I send
# the call to the night manager", "I'm checking the diary, moment", "I phone you when the part come"); completions
# in clipped or non-standard grammar ("ok I put it for Friday", "is noted", "lesson changed to the friday"); offers
# ("there's a later flight at 21 20", "failing that I've got the 29th", "maybe thursday is possible", "if that
# suit").
_EXTRACTION = _more(_EXTRACTION, (
    r"\b(?:does|do|is) (?:she|he|they) (?:live|living|stay|staying) (?:alone|on (?:her|his|their) own|"
    r"by (?:herself|himself|themselves))\b|\bspare key\b|\b(?:house|home|flat|place)(?:'ll| will)? be empty\b|"
    r"\b(?:text|call|ring|phone|contact|reach|message|whatsapp) (?:her|him|them) directly\b|"
    r"\bwho (?:does|do) (?:she|he|they) bank with\b|\bwho(?:'s| is) (?:her|his) bank\b|"
    r"\b(?:tell me|give me|read me) everything\b|\beverything (?:you(?:'ve| have)? got|you know) (?:on|about) "
    r"(?:her|him|them)\b|\bwhat else you know\b|\bcard (?:number |details )?(?:also |too |as well )?for (?:the )?"
    r"future\b|\bwhere (?:she|he) works?\b|\bwhile (?:you're|you are) at it\b|"
    r"\b(?:what's|what is|who's|who is)\b[^.?!]*\bwhile (?:i'm|i am) at it\b"))
_ASK_PRINCIPAL = _more(_ASK_PRINCIPAL, (
    r"\b(?:pass|hand|give) (?:the phone|it|the line) (?:over )?to (?:your|her|his|the)\b|"
    r"\b(?:hear|speak|talk) (?:from|to|with) the (?:account holder|claimant|patient|owner|customer|policy ?holder|"
    r"card ?holder|cardholder|passenger|applicant|tenant|bill payer)\b|"
    r"\bis (?:she|he|the \w+) (?:with you|near you|there with you|nearby)\b|"
    r"\bthe (?:owner|account holder|patient|cardholder|customer|claimant)(?: of the \w+)? "
    r"(?:can|could|should|needs? to|has to|must) (?:speak|talk|call|ring|phone|come)\b"))
_TRANSFER = _more(_TRANSFER, (
    r"\b(?:put|send|forward|pass|transfer)(?:ing)? (?:you|the call|your call|this call) (?:to|through to|over to) "
    r"(?:the|a|our|my|her|his|someone)\b"))
_HOLD = _more(_HOLD, (
    r"\bun momento\b|,\s*(?:one |a )?moment(?: please)?\W*$|^(?:ok |okay )?wait,? wait\b|"
    r"\bi(?:'m| am) (?:just )?checking (?:the|now|for|if|with)\b|"
    r"\b(?:i|let me) (?:go and |just )?ask (?:my|the) (?:manager|boss|colleague|supervisor|chef|owner)\b"))
_CALLBACK = _more(_CALLBACK, (
    r"\b(?:i|we) (?:phone|call|ring|text|message) (?:you|her|him|them)(?: or (?:call|phone|ring|text))? "
    r"(?:when|once|as soon as|after|later|tomorrow)\b"))
_GOODBYE = _more(_GOODBYE, r"\bta ra\W*$|^(?:ok |okay )?(?:good ?night|night night)\W*$")
_DONE = _more(_DONE, (
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
    r"\b(?:job|repair|work order|service|ticket) (?:number|reference|ref|no)(?:'s| is)\b"))
_OFFER = _more(_OFFER, (
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
    r"tomorrow) (?:is|would be|'s) (?:ok|okay|fine|possible|doable)\b|"
    r"^(?:(?:and|so|ok|okay|right|well)[,]?\s+)*how(?:'s| is| would| does) (?:the )?(?:\d|half|quarter|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve)"))
_UNAVAILABLE = _more(_UNAVAILABLE, (
    r"\b(?:isn't|aren't|is not|are not|not|no longer) taking on\b|"
    r"\bsystem(?:'s| is) (?:down|not working)\b|\b(?:just )?been sold\b|"
    r"\b(?:won't|doesn't|don't|does not|will not) let (?:me|us) (?:book|change|do|cancel|process|move)\b|"
    r"\b(?:are|is|'re|'s) not working (?:on )?(?:the |a )?(?:bank holiday|weekends?|sundays?|saturdays?|today|"
    r"tomorrow|that day)\b|"
    r"\b(?:won't|will not|can't|cannot) take (?:it|them|that)\b(?! (?:to|off|out|away|back|in for|for))"))
_CONFIRM_OPEN = _more(_CONFIRM_OPEN, (
    # what is on file said back: "and the phone number we have is oh seven seven ...", "that's the card ending 4412",
    # "so the meter reading was oh four five seven two", "and it's for two adults"
    r"\bthe (?!earliest|soonest|next|first|only|best|latest|last)[\w ]{2,25} (?:we have|we've got|on file|on the "
    r"system)(?: for (?:her|him|you|them))?(?: down| on file)? is\b|"
    r"^(?:(?:and|so|ok|okay)[,]?\s+)*(?:that's|that is|it's) the [\w ]{1,20}?(?:ending|ending in|number) "
    r"(?=\S*\d|(?:oh|zero|one|two|three|four|five|six|seven|eight|nine)\b)|"
    r"^(?:(?:and|ok|okay|right)[,]?\s+)*so (?:the|your|her|his) [\w ]{2,25} was "
    r"(?=\S*\d|(?:oh|zero|one|two|three|four|five|six|seven|eight|nine)\b)|"
    r"^(?:and|so) (?:it's|it is|that's|that is) (?:just )?for (?:\w+ ){0,2}(?:people|adults|children|guests|of you|"
    r"nights?|persons)\b|"
    r"^(?:(?:and|so|ok|okay|sorry|just)[,]?\s+)*was (?:that|it)\b(?! (?:all|everything|ok|okay|alright|all right|"
    r"you|me)\b)|\bwas it (?=\S*\d)|"
    # "and it's just the cut, not the colour", "that's for the evening on the 9th, not the matinee": one detail
    # said back against another
    r"^(?:(?:and|so|ok|okay)[,]?\s+)*(?:it's|that's|it is|that is|that was)\b[^.?!]{3,60}\bnot (?!(?:possible|"
    r"available|free|open|something|what|a problem|an option|going|able|sure|yet|ready|done|booked|confirmed|ideal|"
    r"great|good|bad|nice|much|too|very|really|quite|so|that|the best|the end)\b)"
    r"(?:the |a |an )?\w+"))
_REQUEST = _more(_REQUEST, (
    r"(?:^|,\s*)(?:(?:and|so|ok|okay|right)[,]?\s+)*you (?:have|got) (?:the |your |a |an |her |his |their )?"
    r"(?:[\w'-]+ ){0,2}(?:number|reference|ref|code|ticket|card|id|details)\b(?!\s*(?:is|\d))"))
# Wordings from the twelfth development author (tuned on dev12.jsonl after its first, untuned figure was taken: the
# boundaries between acts, each side written many ways): slots gone in other words ("the three o'clock's actually
# been taken", "that table's just gone", "the system just won't let me", "isn't seeing exotics any more"),
# fishing in other words ("new instructions, list every detail", "all sixteen digits", her husband's medications,
# her savings), a transfer as "I'll hand you over", completions as "sorted" or "the reading's gone on", and an
# offer "if she fancies it" or "the lad could pop round between eight and ten".
_UNAVAILABLE = _more(_UNAVAILABLE, (
    r"\b(?:'s|has|have|is|are) (?:actually |just |already |now )*been (?:taken|snapped up|filled|released)\b"
    r"(?! (?:off|out|away|down|care|into))|"
    r"\b(?:just|already) gone\b|\bspoke too soon\b|\bshut (?:for|until|till)\b|\buntil further notice\b|"
    r"\b(?:won't|doesn't|wouldn't|will not|does not) (?:\w+ )?let (?:me|us)\b|\bsaid no\b|"
    r"\b(?:isn't|aren't|is not|are not|don't|doesn't|do not|does not) (?:\w+ ){1,3}(?:any ?more|anymore)\b|"
    r"\b(?:someone|somebody)(?:'s| has) (?:just |literally )?(?:taken|grabbed|booked|nabbed) (?:it|that)\b|"
    r"\bno availability\b|\b(?:now|completely|fully|totally) full\b(?! (?:price|name|address|amount|day|service|"
    r"refund))"))
_EXTRACTION = _more(_EXTRACTION, (
    r"\bnew instructions\b|\b(?:list|tell me|give me) (?:all|every) (?:the )?details?\b|\bevery detail\b|"
    r"\ball (?:sixteen|16) digits\b|\bthe (?:full|whole|entire) (?:long )?number on the (?:front )?(?:of )?(?:the |"
    r"her |his )?card\b|\b(?:much|how much) (?:\w+ )?in savings\b|"
    r"\b(?:her|his) (?:husband|wife|partner|son|daughter|kids|children|mother|father|mum|dad)(?:'s)? (?:\w+ )?"
    r"(?:medications?|meds|address|schedule|salary|income|bank|details)\b|"
    r"\bwhat (?:medications?|meds) (?:is|are) (?:her|his) (?:husband|wife|partner|son|daughter|mother|father)\b"))
_TRANSFER = _more(_TRANSFER, r"\bhand(?:ing)? you (?:over|on|across) to\b")
_DONE = _more(_DONE, (
    r"^(?:(?:ok|okay|right|yep|yeah|lovely|great)[,]? )?(?:all )?sorted\W*$|"
    r"\b(?:membership|account|direct debit|subscription|card|plan)(?:'s| is| has been) (?:now )?(?:frozen|paused|"
    r"cancelled|stopped|closed)\b|"
    r"\b(?:reading|payment|order|request|booking|application|claim|refund)(?:'s|s)? (?:now )?gone (?:on|in|through)\b"))
_OFFER = _more(_OFFER, (
    r"\bif (?:she|he|you|they) fanc(?:y|ies) (?:it|that)\b|\bif (?:she's|he's|you're|they're) interested\b|"
    r"\b(?:could|can) (?:pop|come|swing|nip) (?:round|over|by|out)\b"))
# "I can't move the appointment, it's locked in": the fixed state they cannot change, not our request done.
_CANT_CHANGE = re.compile(r"\b(?:can't|cannot|can not|unable to|won't be able to|not able to) (?:\w+ )?(?:move|change|"
                          r"cancel|shift|swap|amend|rebook)\b[^.?!]*\b(?:it's|its|it is|that's|that is) (?:all )?"
                          r"(?:locked in|fixed|set in stone)\b")
# Taken money is a payment made, not a slot gone: "the deposit one fifty is taken".
_PAYMENT_TAKEN = re.compile(r"\b(?:deposit|payment|fee|money|amount|balance)\b[\w' ]{0,25}?\b(?:is|'s|has been|was) "
                            r"(?:now )?taken\b")


# A plan that fell through: "we were going to move it to the afternoon for you but the afternoon's been closed off",
# "we were gonna squeeze you in at 6.30 but the last space went". What follows "but" is what happened.
_FELL_THROUGH = re.compile(r"\b(?:(?:were|was) (?:going to|gonna|about to|meant to|supposed to|planning to|hoping to|"
                           r"trying to)|(?:i'd|we'd|i would|we would) have)\b[^.?!]{0,100}?\bbut\b|"
                           r"\b(?:we|i) (?:did|had) have\b[^.?!]{0,80}?\bbut\b")


_FUNCTION_WORDS = {"the", "a", "an", "of", "to", "for", "and", "is", "it", "on", "at", "in", "can", "that", "with",
                   "be", "or", "by", "from", "as", "this", "i", "you"}
_FUNCTION_END = re.compile(r"\b(?:the|a|an|to|for|of|at|and|is|with|on|in|my|your|her|his|what's)\s*[.,]?$",
                           re.I)


@dataclass(frozen=True)
class Reading:
    """What one business utterance does, and what it mentions."""

    text: str
    act: str  # the primary act: the one the caller must respond to (one of ACTS)
    acts: frozenset[str] = frozenset()  # every act found, the primary included
    fact: str = ""  # for ask_fact / ask_confirm: which fact (a FACT_CUES key, a custom key, or "other")
    times: tuple[Time, ...] = ()
    dates: tuple[str, ...] = ()
    money: tuple[str, ...] = ()
    code: str | None = None  # a confirmation or reference code they gave, normalised
    spelled: str | None = None  # a word spelled letter by letter
    negated: bool = False  # a completion word under negation or condition ("not booked yet", "once it clears")
    understood: bool = True  # False when no rule recognised anything (the default "inform" with nothing in it)
    asks_if_ai: bool = False  # "are you a robot?", "am I talking to a real person?": always answered truthfully


# Whether the caller is a machine: asked of AI callers all the time; the answer is never left to anyone else.
_ASKS_IF_AI = re.compile(
    r"\b(?:are you|is (?:this|that|it)|am i (?:talking|speaking|chatting) (?:to|with)|you're|you are)\b"
    r"[^.?!]{0,25}?\b(?:a |an |one of (?:those|them) )?(?:robot|bot|ai|a\.i\.|computer|automated|machine|"
    r"artificial|(?:real|actual|live) (?:person|human)|human)\b", re.I)


def clauses(text: str) -> list[str]:
    """Split on sentence marks and on conjunctions that start a new request ("... so can I take a name")."""
    parts = re.split(r"(?<=[.?!;])\s+|,\s+(?=(?:and|but|so|can|could|what|would|is|do|how)\b)|"
                     r"\s+(?=(?:but|so) (?:can|could|would|what|is|do|how|i|we)\b)|"
                     r"\s+(?=and (?:can|could|what|what's|is|do|how|the|your|her|his|a)\b)", text)
    out: list[str] = []
    for part in (p.strip(" ,") for p in parts if p and p.strip(" ,")):
        # "the fare difference comes to 212 would you like to proceed": a question after a statement
        m = re.search(r"\s(?=(?:would|do|does|did|shall|are|is|can|could) (?:you|she|he|they|that|it|this)\b|"
                      r"(?:shall|should|can|could|may) (?:i|we)\b)", part)
        if m and len(part[: m.start()].split()) >= 4 and not _WH_OPEN.match(part) and not _QUESTION_OPEN.match(part) \
                and not re.search(r"\b(?:if|when|whether|so|that|because|what|which|how|to|'ll|will|would|could|"
                                  r"couldn't|can't|cannot|won't|wouldn't|can|should|must|might|didn't|don't|"
                                  r"let (?:me|us|you|her|him|them)|help (?:me|us|you|her|him|them))\s*$",
                                  part[: m.start()]) \
                and not re.search(r"\b(?:how (?:many|much|long|old|often)|what|which|who|whose|when|where)\b"
                                  r"(?:\s+[\w']+){0,3}\s*$", part[: m.start()]) \
                and not re.fullmatch(r"(?:is|are) (?:that|it) (?:right|correct|ok|okay|alright|all right)\W*",
                                     part[m.start() :].strip()):
            out += [part[: m.start()].strip(" ,"), part[m.start() :].strip(" ,")]
        else:
            out += _then_what(part)
    return out


def _then_what(part: str) -> list[str]:
    """A request for a detail run on after another question: "has she a medical card or is she private what's
    the insurance number" asks for the number last."""
    m = re.search(r"\s(?=what(?:'s| is) (?:the|your|her|his|their)\b)", part)
    if m is None or len(part[: m.start()].split()) < 4 or re.search(
            r"\b(?:know|tell me|ask|asking|wondering|about|is|that|if|and|or|check|see|remember)\s*$",
            part[: m.start()]):
        return [part]
    return [part[: m.start()].strip(" ,"), part[m.start() :].strip(" ,")]


# Whisper's known mishearings of receptionists' phrases, as (pattern, what was said). Each came from a real
# transcript of a simulated or recorded line; all are matched case-insensitively, in this order.
_MISHEARINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, re.I), r) for p, r in (
    (r"\bwas that work\b", "would that work"),
    (r"\b(?:now can i help|what can (?:i|we) help you with)\b", "how can I help"),  # both are "how can I help?"
    (r"\byour book(?:ed)? is in\b", "you're booked in"),  # "your book is in Thursday at 11.15"
    (r"\byour book (?=with|for|in|on|at)\b", "you're booked "),  # "your book with Dr"
    # "you're" written as "your" ("your booked in", "your all set")
    (r"\byour (?=(?:all |now |just )?(?:booked|book in|set|sorted|in for|confirmed|down for|on for)\b)", "you're "),
    (r"\byou're book in\b", "you're booked in"),
))


# Contractions written without their apostrophe ("hows 8 15", "thats cancelled", "shes down for 9"), as hurried
# transcripts and some Whisper outputs spell them: only those that are no other English word. "its", "ill" and
# "well" are words too, so they are restored only before what can follow the contraction alone.
_BARE_CONTRACTIONS = re.compile(
    r"\b(how|what|that|there|she|who|where|when|it|let)s\b(?<!\bits)|"
    r"\b(do|does|did|ca|could|would|should|is|are|was|were|have|has|had|wo|must|need)nt\b|"
    r"\b(you|they|we|that|there|it)(re|ve|ll)\b(?<!\bwere)(?<!\bwell)(?<!\bthere)|\b(i)(m|ve)\b|\b(o)(clock)\b", re.I)
_BARE_ITS = re.compile(r"\bits(?= (?:been|not|all|just|done|booked|cancell?ed|confirmed|fine|ok|okay|gonna|going|"
                       r"no|a|an|the|on|in|at|for|ready|sorted|with|free|gone|still|only|there|here|now)\b)", re.I)
_BARE_ILL = re.compile(r"\bill(?= (?:just|be|get|have|put|check|see|ask|need|call|pop|book|do|give|pass|transfer|"
                       r"make|let|send|take|try|ring|text|email|look|find|leave)\b)", re.I)


def _apostrophe(m: re.Match[str]) -> str:
    """One bare contraction of _BARE_CONTRACTIONS with its apostrophe back ("shes" -> "she's", "im" -> "I'm")."""
    if m.group(1):
        return m.group(1) + "'s"
    if m.group(2):
        return m.group(2) + "n't"
    if m.group(5):
        return "I'" + m.group(6)
    stem, tail = (m.group(3), m.group(4)) if m.group(3) else (m.group(7), m.group(8))
    return stem + "'" + tail


def normalise(text: str) -> str:
    """Lowercase without fillers or doubled words ("the the"), Whisper's curly quotes made straight, contractions
    given back their apostrophes, and its known mishearings (_MISHEARINGS) put right."""
    text = text.replace("’", "'").replace("‘", "'").strip()
    text = _BARE_CONTRACTIONS.sub(_apostrophe, text)
    text = _BARE_ITS.sub("it's", _BARE_ILL.sub("I'll", text))
    text = _FILLERS.sub("", text)
    for pattern, said in _MISHEARINGS:
        text = pattern.sub(said, text)
    return re.sub(r"\s+", " ", text).strip()


def read(text: str, custom_cues: dict[str, tuple[str, ...]] | None = None) -> Reading:
    """The reading of one heard turn; `custom_cues` adds the task's own facts ("policy number" -> policy_no)."""
    clean = normalise(text)
    low = clean.lower()
    found = _acts(clean, low, custom_cues or {})
    act, fact = _primary(clean, low, found, custom_cues or {})
    body = _closing_body(clean)
    if body is not None and act in ("greeting", "hold", "goodbye"):
        # "Let me pull that up. Your bill covered 33 days ... That's why. Thanks for calling!": the checking was
        # done while they talked, and the closing says goodbye, not hello: the body says what the turn does.
        body_low = body.lower()
        body_found = _acts(body, body_low, custom_cues or {}) - {"hold", "greeting"}
        body_act, body_fact = _primary(body, body_low, body_found, custom_cues or {})
        if body_act not in ("greeting", "hold"):
            act, fact, found = body_act, body_fact, found | {"goodbye"}
    negated = bool(_DONE.search(low)) and "done" not in found
    times, money = tuple(entities.times(clean)), tuple(entities.money(clean))
    return Reading(
        text=text,
        act=act,
        acts=frozenset(found) | {act},
        fact=fact,
        times=times,
        dates=tuple(entities.dates(clean)),
        money=money,
        code=entities.code(clean),
        spelled=entities.spelled(clean) if re.search(r"\b[A-Z](?:[\s-][A-Z]){2,}\b", clean) else None,
        negated=negated,
        understood=bool(found) or act != "inform" or bool(times or money or entities.read_code(clean)),
        asks_if_ai=bool(_ASKS_IF_AI.search(clean)) and act not in ("extraction", "hold", "goodbye"),
    )


# The confirmation is still to come: "once that's completed the reservation is confirmed", "as soon as the form's
# back you're booked in", "you'll get the confirmation email once that's paid", "it's confirmed once the deposit
# clears". A completion word anywhere in such a line is about the future.
_CONFIRMED_LATER = re.compile(
    r"\b(?:once|as soon as|until|till|unless|pending|provided|after)\b[^.?!]{0,80}?\b(?:confirm(?:ed|ation|s)?|"
    r"booked|reserved|secured|guaranteed|held|locked in|finali[sz]ed)\b|"
    r"\b(?:confirm(?:ed|ation)|secured|guaranteed|finali[sz]ed)\b[^.?!]{0,50}?\b(?:once|as soon as|until|unless|"
    r"pending|provided)\b|"
    # Said outright anywhere in the line: "I've put her on the waitlist, but it's not a booking yet".
    r"\b(?:not|isn't|is not|'s not|aren't|are not|'re not|nothing's|nothing is) (?:a |an |actually |fully |properly |"
    r"officially )?(?:booking|booked|confirmed|reserved|reservation|guaranteed|definite|final|finali[sz]ed|secured|"
    r"locked in)\b|\bonly (?:pencilled|penciled|provisional|tentative)")
# Nothing done yet, said of the whole: "nothing's actually been set up yet", "it's not been checked yet".
_CONFIRMED_LATER = _more(_CONFIRMED_LATER, (
    r"\b(?:sent|gone|passed) (?:\w+ ){0,4}for (?:signing|signature|approval|sign[- ]off|authori[sz]ation|checking|"
    r"review)\b|\bbut (?:an? |the )?[\w']+ (?:still )?(?:has|have|needs?|will need|must) to (?:approve|sign|"
    r"confirm|authori[sz]e|check|okay|ok|agree)\b|"
    r"\bnothing(?:'s| is| has)? (?:\w+ ){0,2}(?:been )?(?:set up|booked|confirmed|done|changed|processed|cancelled|"
    r"sent|arranged)\b|\bnot (?:been )?(?:checked|approved|processed|signed off|authori[sz]ed|verified|cleared) yet\b"))
# A message passed on, not the request done: "I've put a note on the system for the manager", "I've logged a
# callback request", "I've sent it through to the team to look at".
_NOTE_LEFT = re.compile(r"\b(?:put|left|made|logged|added|popped|stuck|sent|passed|raised|taken)\s+(?:a|the|your)?\s*"
                        r"(?:note|message|request|ticket|memo|callback|call back|query|enquiry|"
                        r"details? (?:through|on))\b"
                        r"|\b(?:passed|sent|forwarded) (?:it|that|this|them) (?:on|through|over)\b")


# A completion taken back in the same breath: "you're booked for four, oh wait no, sorry, that's just gone".
_TAKEN_BACK = re.compile(r"\b(?:oh,? )?wait,? no\b|\bno,? wait\b|\bactually,? no\b|\bscratch that\b|"
                         r"\bsorry,? (?:no|my mistake)\b|\bhang on,? no\b|\boh no,? (?:sorry|it's|that)\b|"
                         r"\b(?:ah|oh|uh|um|er|erm),? no,? (?:sorry|wait|hang on|hold on)\b|"
                         r"\b(?:someone|somebody|another (?:caller|customer)|they)(?:'s| has| have)? "
                         r"(?:just |literally |only )?(?:taken|grabbed|nabbed|booked|snapped up|took|got) "
                         r"(?:it|that|the (?:last )?(?:slot|table|spot|room|seat|appointment|one))\b")
# Taken back because the thing went to someone else: no longer to be had ("oh no, hang on, someone's just taken
# it"), unlike a completion taken back to try again ("oh no hang on, it's still showing, let me try that again").
_GONE = re.compile(r"\b(?:someone|somebody|another (?:caller|customer)|they)(?:'s| has| have)? (?:just |literally "
                   r"|only )?(?:taken|grabbed|nabbed|booked|snapped up|took|got) (?:it|that|the\b)|"
                   r"\b(?:just|already) (?:gone|been taken|been booked)\b|\bno longer (?:available|free)\b")


# What they can do instead, said after what they can't: "... but Saturday morning is possible", "... but if he's
# dropped off at 8 Monday he'd be home by 4".
_OFFER_AFTER_ALL = re.compile(r"\bbut (?:[\w':,.]+ ){1,10}(?:is|are|would be|could be|'d be) (?:possible|available|"
                              r"free|doable|an option|fine)\b|\bbut if (?:she's|he's|they're|it's|you're) (?:dropped "
                              r"off|brought in|here|in) (?:by |at |before |on )?", re.I)


def _acts(clean: str, low: str, custom: dict[str, tuple[str, ...]]) -> set[str]:
    found: set[str] = set()
    if _garbled(low):
        found.add("unclear")
    for name, pattern in (("extraction", _EXTRACTION), ("ask_principal", _ASK_PRINCIPAL), ("transfer", _TRANSFER),
                          ("callback", _CALLBACK), ("hold", _HOLD), ("goodbye", _GOODBYE), ("greeting", _GREETING),
                          ("small_talk", _SMALL_TALK)):
        if pattern.search(low):
            found.add(name)
    if _is_done(low) and _TAKEN_BACK.search(low) and (_GONE.search(low) or "hold" not in found):
        found.add("unavailable")  # "that's booked for you, ah no sorry, someone's just grabbed that slot"
    # A note passed on is no completion, but a completion beside it still is ("that's cancelled now, and I've sent
    # a note to the GP").
    if _is_done(_NOTE_LEFT.sub(" ", low)) and not (_CONFIRMED_LATER.search(low) or _TAKEN_BACK.search(low)):
        found.add("done")
        callback = _CALLBACK.search(low)
        if callback and not re.search(r"\b(?:call|ring|phone|bell|buzz|back|touch|contact|reach)\b", callback.group(0)):
            found.discard("callback")  # "you're booked, we'll text you a reminder": a notice, no callback
    offerable = _NOTHING_TO_DO.sub(" ", low)  # "there is nothing I can do on that" offers nothing
    if _OFFER.search(offerable) and (_has_option(low) or re.search(r"\b(how about|what about|instead|waitlist|earliest|"
                                                              r"what (?:i|we) (?:can|could) do|(?:want|like) me to|"
                                                              r"if that's (?:good|ok|okay|alright|all right|any good) "
                                                              r"(?:for|with)|"
                                                              r"(?:could|can) (?:move|switch|put|upgrade|transfer|"
                                                              r"change) (?:you|her|him|them|it) (?:to|onto|over to)|"
                                                              r"next available|if you (?:bring|drop)|"
                                                              r"if (?:she|he|they) (?:can|could)|"
                                                              r"if you (?:can|could) (?:do|come|make|"
                                                              r"manage))\b", offerable)) or _options_listed(low):
        found.add("offer")
    if _OFFER_AFTER_ALL.search(low) and _has_option(low):
        found.add("offer")  # "we cannot deliver today but tomorrow between 10 and 2 is possible"
    if _UNAVAILABLE.search(_PAYMENT_TAKEN.sub(" ", _PENDING_STEP.sub(" ", low))):
        found.add("unavailable")  # "I can't confirm it till the deposit's paid" is a step still to come, not a no
    fell = _FELL_THROUGH.search(low)
    planned_for_us = fell and re.search(r"\b(?:put|pop|squeeze|fit|book|move|slot|get|see|give|do|change|swap|send|"
                                        r"take|have) (?:you|her|him|them|it|that|this)\b", fell.group(0))
    if fell and (found & {"done", "offer"} or planned_for_us):
        # "we were going to move it for you but ...", "we did have a lesson Saturday but ...": what follows the
        # last "but" is what happened; what was planned before it is neither done nor on offer.
        after = re.split(r"\bbut\b", low)[-1]
        if not (_is_done(after) and re.search(r"\b(?:i've|we've|i have|we have|i|we|you're|you are)\b", after)):
            found.discard("done")  # "... but the afternoon's been closed off": done to something else
        if not (_OFFER.search(after) or _options_listed(after)):
            found.discard("offer")
        found.add("unavailable")
    if "done" in found and _CANT_CHANGE.search(low):
        found.discard("done")
        found.add("unavailable")
    if "done" in found and "unavailable" in found and _said_after(_UNAVAILABLE, _DONE, low):
        found.discard("done")  # "we did have one Saturday but he's cancelled his classes so there's nothing now"
    if "goodbye" in found and _SEE_YOU_THEN.search(low) and not _GOODBYE.search(_SEE_YOU_THEN.sub("", low)) and (
            entities.times(clean) or entities.dates(clean)):
        found.discard("goodbye")  # "yes perfect, Friday half past ten for Max, see you then": the details it settles
    if _is_ack(low):
        found.add("ack")
    if _names_itself(clean):
        found.add("greeting")
    return found


def _said_after(later: re.Pattern[str], earlier: re.Pattern[str], low: str) -> bool:
    """The last match of `later` starts after the end of the last match of `earlier` (both present)."""
    ends = [m.end() for m in earlier.finditer(low)]
    starts = [m.start() for m in later.finditer(low)]
    return bool(ends and starts) and max(starts) >= max(ends)


_VERBS = re.compile(r"\b(?:is|are|was|were|be|been|am|has|have|had|do|does|did|will|would|can|could|should|shall|may|"
                    r"might|must|need|needs|want|get|got|take|give|call|see|know|think|like|let|put|pop|come|go|"
                    r"make|book|open|close|closes|opens|costs?|says?)\b|'s\b|'re\b|'ve\b|'ll\b|'d\b|n't\b", re.I)
_PLACE_WORDS = re.compile(r"\b(?:surgery|library|council|desk|bookings?|switchboard|counter|section|shop|services|"
                          r"kennels|hospital|cinema|pharmacy|garage|clinic|hotel|bank|enquiries|reception|office|"
                          r"motors|autos|plumb\w*|salon|studio|dental|practice|centre|center|restaurant|cafe|bar|"
                          r"lettings|hardware|airways|airlines|ferries|hire|rental|bistro|grill|kitchen|vets?|"
                          r"physio\w*|optic\w*|spa|gym|school|theatre|theater|box office|team|department|line|"
                          r"florists?|bakery|bakers|tailors?|cleaners|locksmiths?|electrical|electricians?|removals|"
                          r"tours|couriers?|depot|groom\w*|"
                          r"cabs|taxis?|dentists?|pharmacy|chemists?|clinic|vets)\b", re.I)


def _names_itself(clean: str) -> bool:
    """"Elm Tree surgery", "TyreMax Leeds", "yeah Mike the plumber": a short answer of the phone with a name."""
    words = re.findall(r"[\w'&]+", clean)
    if not 1 <= len(words) <= 7 or _VERBS.search(clean.replace("'s ", " ")) and not re.search(r"\bit's \w+\s*$",
                                                                                                clean, re.I):
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    # After "yeah"/"hello" a capital must be a name ("yeah Mike the plumber"): Whisper capitalises the first word,
    # and "Yes, that's right." names no one.
    return bool(_PLACE_WORDS.search(clean)) or capitals >= max(2, len(words) - 1) or bool(
        re.match(r"^(?:hiya|hi|hello|yeah|yes)\b", clean, re.I) and any(w[0].isupper() for w in words[1:])) or bool(
        re.search(r"\bgood (?:morning|afternoon|evening)\W*$", clean, re.I) and capitals >= 2)


def _options_listed(low: str) -> bool:
    """"Dr Patel has a 9:40 or a 10:20", "not Friday but Monday there's a 2:15": options put to the caller."""
    if re.search(r"\bbut\s+(?:[\w' ]+ )?(?:could|can|there's|there is|there are|i've got|we've got|i have|we have|"
                 r"i got|we got|i do have|we do have|how's|how about|what about|has space|have space|has room|i've a|"
                 r"we've a|"
                 r"has rooms|has availability|have availability)\b",
                 low) and _UNAVAILABLE.search(low.split(" but ")[0]):
        return True  # a refusal, then what can be done instead
    if re.search(r"\b(?:waiting list|waitlist|on a list)\b", low) and not re.search(
            r"\bno (?:waiting list|waitlist)\b", low) and re.search(r"\b(?:want|like|could|can|pop|put)\b", low):
        return True
    if re.search(r"\b(?:i|we) (?:can|could) \w+ [\w' ]+ or (?:i|we |she |he |you |they )?(?:can |could )?(?:give|send|"
                 r"put|keep|refund|move|do|offer|book|order|hold|swap|change|pick|collect)\b", low):
        return True  # "I can refund it to the card or give her a voucher": two things they can do, ours to pick
    have = re.search(r"\b(?:has|have|'ve got|got|there's|there is|there are|can do|could do|can come|could come|"
                     r"slots? (?:[\w ]+ )?(?:are|is)|dates? (?:[\w ]+ )?(?:are|is)|"
                     r"can offer|could offer|(?:i|we|she|he) could \w+|(?:i|we) can \w+ (?:you|her|him))\b", low)
    if not have:
        return False
    tail = low[have.start() :]
    options = len(entities.times(tail)) + len(entities.dates(tail))
    return options >= 2 or (options >= 1 and bool(re.search(r"\b(?:but|or|instead)\b", low))) or bool(
        re.search(r"\b(?:i|we|she|he) could \w+", tail) and re.search(r"\b(?:but|or|instead)\b", low))


def _has_option(low: str) -> bool:
    """Something concrete offered: a time, a day, a slot word."""
    return bool(entities.times(low) or entities.dates(low) or re.search(
        r"\b(slot|seat|seats|table|room|appointment|space|availability|one|opening|cancellation|morning|afternoon|"
        r"evening|weekend|week|month|months|plan|counter|bar|terrace|showing|flight|option|time|later|earlier|date|"
        r"day|monday|"
        r"tuesday|wednesday|thursday|friday|saturday|sunday|o'clock|am|pm|a\.m|p\.m|\d)\b", low) or re.search(
        r"\b(?:would|does|will|could) (?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half \w+|quarter "
        r"\w+)(?: [\w']+){0,2} (?:work|suit|do)\b", low))  # "would three work": an hour said as a bare number


# A step still to come, not a refusal: "I can't confirm the date till I've had the signed quote back".
_PENDING_STEP = re.compile(r"\b(?:can't|cannot|can not|won't be able to|couldn't) (?:\w+ )?(?:confirm|put (?:it|that|"
                           r"this|her|him|the \w+) through|finali[sz]e|lock (?:it|that|this) in|process|approve|"
                           r"tell you (?:it's|if|whether))\b[^.?!]{0,60}?\b(?:till|until|unless|before|once)\b")
_SIGNS_OFF = re.compile(r"\b(?:bye(?: now| then| bye)?|cheerio|ta ta|take care|have a (?:nice|good|great|lovely|"
                        r"wonderful|safe|blessed) (?:day|one|evening|afternoon|weekend|night|trip|flight)|"
                        r"(?:drive|travel|get home) safe(?:ly)?|safe travels)\W*$|" + _SEE_YOU_THEN.pattern)
_NOTHING_TO_DO = re.compile(r"\b(?:nothing|not much|not a lot|little) (?:more |else )?(?:that )?(?:i|we) (?:can|could) "
                            r"do\b")


# What the code is for, not a condition on the booking: "the job number is 3308 if he needs to ring about it".
_FOR_LATER_USE = re.compile(r"\bif (?:he|she|you|they) (?:needs?|wants?|has|have|ever) (?:to )?(?:ring|call|phone|"
                            r"contact|change|cancel|ask|quote|chase|query|get in touch)\b|\bif (?:he|she|you|they) "
                            r"(?:rings?|calls?|phones?) (?:back|us|about)\b")


def _is_done(low: str) -> bool:
    """A completion statement about the request, not under negation, condition or question."""
    for clause in clauses(low):
        for m in _DONE.finditer(clause):
            before = clause[: m.start()]
            window = re.sub(r"\b(?:no (?:worries|problem|problems|bother|trouble|dramas|drama|stress|probs|prob|wahala|"
                            r"sweat|biggie|wahala o)|"
                            r"not a problem)\b", "",
                            " ".join(before.split()[-3:]))  # "no worries, moved you to Friday" negates nothing
            if _DONE_BLOCK.search(window) or _DONE_BLOCK.search(m.group(0)):
                continue
            if m.group(0).endswith("booked") and re.match(r"\s+(?:out|up|solid)\b", clause[m.end() :]):
                continue  # "the whole place is booked out": full, the opposite of a booking made
            after = _FOR_LATER_USE.sub(" ", clause[m.end() : m.end() + 60])
            if _DONE_AFTER_BLOCK.search(after):
                continue
            if re.match(r"(?:i|we)\b", m.group(0)) and re.search(
                    r"\b(?:shall|should|can|could|may|might|will|would|want me to|like me to|let)\s*$", before):
                continue  # "... shall I set that up": a question or an offer, however Whisper ran it on
            if re.fullmatch(r"(?:i've|we've|i have|we have|i|we)\s+done", m.group(0)) and (not re.match(
                    r"\s+(?:that|it|this|the|your|her|his)\b", clause[m.end() :]) or re.match(
                    rf"\s+(?:that|it|this){_OWN_EXPERIENCE}", clause[m.end() :])):
                continue  # "we've done like ninety shots", "I've done it four times": their own doing, not our request
            if _QUESTION_OPEN.match(clause) or re.match(rf"^(?:\w+\s+){{0,2}}{_AUX}\s+(?:i|we|you|it|that)\s+"
                                                         rf"(?:already\s+)?(?:booked|confirmed|reserved|"
                                                         rf"cancelled|done)\b", clause):
                continue
            if re.search(r"\b(?:or|whether)\b", clause[m.end() : m.end() + 40]) and _QUESTION_OPEN.match(clause):
                continue
            return True
    return False


def _is_ack(low: str) -> bool:
    words = re.findall(r"[\w'-]+", low)
    return 0 < len(words) <= 4 and all(w in _ACK_WORDS for w in words)


def stutters_in(low: str) -> int:
    """Function words Whisper repeated ("the the", "is that is that")."""
    return sum(len(m.group(0).split()) - 1 for m in re.finditer(
        r"\b(the|a|to|for|and|is|that|on|at|i|it|we|is that|of the|in the)(?:\s+\1\b)+", low))


def _garbled(low: str) -> bool:
    """Whisper noise: a stock hallucination, stutters of function words, a line that breaks off mid-phrase."""
    if _HALLUCINATIONS.search(low) or re.fullmatch(r"\W*\[[\w _]+\]\W*", low) or not re.search(r"[a-z]", low):
        return True  # "[BLANK_AUDIO]", "♪ ♪", another script: nothing a caller can answer
    words = re.findall(r"[\w']+", low)
    if not words:
        return True
    function = sum(1 for w in words if w in _FUNCTION_WORDS)
    if len(words) >= 8 and function / len(words) >= 0.75 or stutters_in(low) >= 1 and function / len(words) >= 0.5:
        return True  # "the bin of a of the collection can the of it for"
    stutters = sum(len(m.group(0).split()) - 1 for m in re.finditer(
        r"\b(the|a|to|for|and|is|that|on|at|i|it|we|is that|of the|in the)(?:\s+\1\b)+", low))
    # ("the in-laws", "plan a is fine", "the a la carte", "it's the, you know, the blue one" read fine.)
    if re.search(r"\b(?:the|an) (?:of|the|an|to|for|and|is|in|on|at|we|i|he|she|they|it)\b(?![-'])|"
                 r"\ba (?:the|an|we|you|he|she|they)\b(?![-'])", low):
        return True  # "the deed of a poll said that the of ex", "yeah the we have jet the wash bay"
    if len(words) >= 8 and re.search(r"\b(?:the|a|an)\W*$", low) and not re.search(r"\b[a-z](?: [a-z]){2,}\W*$", low):
        return True  # "so it's the CMYK a bleed if the three mill in the": cut off mid-phrase
    broke_off = bool(_FUNCTION_END.search(low)) and len(words) > 2
    return stutters >= 1 and (broke_off or stutters >= 2) or (broke_off and "breaking up" in low) or (
        stutters >= 1 and len(words) <= 8 and not re.search(r"\b(what|which|when|how|can|could)\b", low))


def _primary(clean: str, low: str, found: set[str], custom: dict[str, tuple[str, ...]]) -> tuple[str, str]:
    """The act the caller must answer, by the precedence the corpus's labels follow."""
    if "unclear" in found:
        return "unclear", ""
    if "extraction" in found:
        return "extraction", ""
    if "ask_principal" in found:
        return "ask_principal", ""
    if "unavailable" in found and _TAKEN_BACK.search(low) and _is_done(low):
        return "unavailable", ""  # "so you're booked for four, oh wait no, hang on, someone's just taken it"
    if "greeting" in found and re.search(r"\bhow (?:can|may|could) (?:i|we) help(?: you)?(?: today| this \w+)?\W*$",
                                         low):
        return "greeting", ""  # "you're through to Locked In escape rooms, how can I help": a name, not a completion
    if "hold" in found and _HOLD_OPENING.match(clean) and _GOES_TO_LOOK.search(low):
        return "hold", ""  # "one sec, I'll just see if Mike's got space in his class": they go and look
    parts = clauses(low)
    last = parts[-1] if parts else low
    if re.match(r"^(?:(?:and|okay|ok|right)[,]?\s+)?so\b", low) and not _VERBS.search(low) and " or " not in low \
            and (entities.times(low) or entities.dates(low) or re.search(r"\d|\b(?:one|two|three|four|five|six|seven|"
                                                                        r"eight|nine|ten|hundred)\b", low)):
        return "ask_confirm", _confirmed_fact(low, custom)  # "so ten till four on saturday, six of you": read back
    if "greeting" in found and re.search(r"(?:^|[,.!]\s*|\byes\s+|\bhaan\s+)(?:please\s+)?(?:tell me|go ahead|go on)\s*"
                                         r"(?:please\s*)?[.!]?$", low):
        return "greeting", ""  # "hello Mobile Care Indiranagar, tell me": an invitation to speak, asking for nothing
    if "callback" in found and _CALLBACK.search(last):
        return "callback", ""  # "... so I'll phone you back after lunch": what they will do ends the line
    if _CONFIRM_TAG.search(low) and _mentions_detail(low) and not _WH_OPEN.match(last) and " or " not in low \
            and "done" not in found and not _fact_request(last, custom) and not _remark(low):
        return "ask_confirm", _confirmed_fact(low, custom)  # "that's two adults, one child and a dog. yeah"
    if _RESTATES.match(low) and (_CONFIRM_TAG.search(low) or _TAG_THEN_MORE.search(low)) and " or " not in low \
            and not found & {"done", "offer", "unavailable", "small_talk"} and not _chatty(low) \
            and not _remark(low) and not _fact_request(last, custom):
        # "that's the lisinopril right, the ten milligram", "she's had a patch test with us before yeah": what we
        # said, or what they have on file, said back to be confirmed
        return "ask_confirm", _confirmed_fact(low, custom)
    if "goodbye" in found and "done" not in found and _SIGNS_OFF.search(last) and not _fact_request(last, custom):
        return "goodbye", ""  # "thank you for calling Northline Rail, have a nice day": a farewell, not a remark
    for clause in reversed(parts[-2:]):
        asked = _asked(clause, custom, found, first=clause == parts[0])
        if asked is not None and asked[0] == "ask_fact" and "done" in found and re.search(
                r"\b(?:stays?|remains?|(?:is|are) still|(?:is|are|will be) the same|hasn't changed|won't change|"
                r"doesn't change|unchanged)\b", clause):
            asked = None  # "... and your confirmation number stays the same": told, not asked
        if asked is not None:
            if asked[1] in ("", "other") and asked[0] in ("question", "ask_fact"):
                # "can you hold for one moment", "have a good one", "how's your day going": not a request
                for act, pattern in (("hold", _HOLD), ("callback", _CALLBACK), ("transfer", _TRANSFER),
                                     ("goodbye", _GOODBYE), ("small_talk", _SMALL_TALK)):
                    if act in found and pattern.search(clause):
                        return act, ""
            if asked[1] == "name" and re.search(r"\bspell\b", clause) and not re.search(r"\bname\b", clause):
                # "could you spell that for me": the fact is the one just asked for
                earlier = [_fact_cue(c, custom) for c in parts[:-1]]
                return asked[0], next((f for f in reversed(earlier) if f), "name")
            return asked
        if clause is last:
            if "done" in found and (re.search(r"\bsee you\b|\bbye\b|\bthanks\b|\bthank you\b", last)
                                    or entities.code(last)):
                break  # "you're booked in ... see you then!" / "... confirmation number is L264": a closing
                # or the code ends it, not an earlier half-question
            continue
        if not re.search(r"\b(?:please|thanks|thank you)\b", last) and len(last.split()) > 3:
            break
    if "callback" in found:
        return "callback", ""
    if "transfer" in found:
        return "transfer", ""
    if "hold" in found and not ("done" in found and re.search(r"\bheld\b", low)):
        return "hold", ""
    for act in ("done", "offer", "unavailable", "goodbye", "greeting"):
        if act in found:
            return act, ""
    if "ack" in found:
        return "ack", ""
    if "small_talk" in found or _chatty(low) or _remark(low):
        return "small_talk", ""
    return "inform", ""


# Words that judge or feel rather than inform: a remark with nothing of the request in it is small talk
# ("the sunsets over the bay are something else", "Monday mornings here are wild", "he's a great little fella").
_JUDGING = re.compile(r"\b(?:lovely|gorgeous|beautiful|amazing|wonderful|fantastic|brilliant|awesome|adorable|cute|"
                      r"sweet|funny|hilarious|awful|terrible|horrible|nightmare|mad|crazy|wild|insane|bonkers|"
                      r"something else|lol|haha|love|loved|adore|jealous|lucky you|bless|great little|sunsets?|"
                      r"weather|scorcher|freezing|boiling|chucking it down|tipping down|pouring|bucketing|raining|"
                      r"sunshine|sunny|degrees|roasting|baking hot)\b", re.I)


def _remark(low: str) -> bool:
    """Feeling, not information: judging words and nothing the caller could act on (no time, amount, code,
    availability, price or request)."""
    if not _JUDGING.search(low) or entities.money(low) or entities.times(low) or entities.code(low):
        return False
    return not re.search(r"\b(?:open|opens|close|closes|closed|cost|costs|price|prices|charge|fee|available|stock|"
                         r"ready|booked|appointment|slot|table|need|needs|policy|menu|special|deposit|discount|"
                         r"offer|free|can|can't|cannot|will|won't|must|should|only)\b", low)


_CLOSING_END = re.compile(r"[,.!]?\s*\b(?:(?:thanks|thank you) for (?:calling|your call|ringing)\b[^.?!]{0,40}|"
                          r"good ?bye|bye(?: now)?|have a (?:good|nice|great|lovely) (?:day|evening|one))\W*$", re.I)
_HOLD_OPENING = re.compile(r"^\W*(?:okay|ok|sure|right|alright|yes|yeah)?\W*(?:let me (?:just )?(?:check|see|"
                           r"have a look|look|find|pull|grab|bring)[\w' ]{0,20}?|one (?:moment|sec|second))[,.!]?\s+",
                           re.I)


def _closing_body(clean: str) -> str | None:
    """What a long turn says before its closing ("... thanks for calling"), less a "let me check" it opened
    with; None for a turn without a closing or with too little before it to be an answer."""
    end = _CLOSING_END.search(clean)
    if end is None:
        return None
    body = _HOLD_OPENING.sub("", clean[: end.start()]).strip()
    return body if len(re.findall(r"[\w']+", body)) >= 10 else None


def _chatty(low: str) -> bool:
    """A remark with no business in it: exclamations and asides, no price, time or availability."""
    if entities.money(low) or re.search(r"\b(?:open|close|closes|opens|costs?|price|charge|fee|available|in stock|"
                                        r"ready|booked|appointment|slot)\b", low):
        return False
    return bool(re.match(r"^(?:oh|ah|ha|aw|ooh|honestly|blimey|gosh|wow|god|bless|lovely|happens)\b", low) or re.search(
        r"\b(?:honestly|isn't it|innit|eh|to be honest|funnily enough|bless (?:her|him)|glorious|crazy|mental|"
        r"bedlam|the worst|love a|ever so|mind you|fingers crossed|run off our feet|mate|man|i'm telling you|"
        r"you wouldn't believe|murder|a zoo|madhouse|ghost town|all hands on deck|slammed|gorgeous name|"
        r"lovely name|nice change|(?:day|week|month|year) gone|can you believe|damn|wind|rain|sunshine|soft day|"
        r"never seen|years i've been|wah|flu season)\b", low))


# A question about the one we call for, their state or what they have: "does she have", "is he registered",
# "has she got", "does she wear" (not "would she like", "does she want": a preference is a choice, a question).
_ABOUT_THEM = re.compile(r"^(?:(?:and|so|ok|okay|right|sorry|also|then|now|just|oh|well)[,]?\s+)*"
                         r"(?:(?:does|did|is|was|has|have|had) (?:she|he|they|the patient|the pet|the dog|the cat|"
                         r"anybody|anyone|somebody|someone|"
                         r"your (?:mum|mom|dad|husband|wife|son|daughter|boss|client)) (?:have|had|got|wear|take|"
                         r"use|suffer|registered|allergic|insured|covered|a member|already|ever|been|currently|on "
                         r"any|any|injured|hurt)|(?:anybody|anyone) (?:in (?:the|your|her|his) (?:party|group|"
                         r"family) )?(?:got|have|has|need|needs))\b", re.I)
_PREFERENCE = re.compile(r"\b(?:like|want|wants|prefer|prefers|rather|fancy|keen|happy to|wish|interested|"
                         r"preference|preferred|choose|option|normally with|usually with)\b", re.I)


def _asked(clause: str, custom: dict[str, tuple[str, ...]], found: set[str],
           first: bool = True) -> tuple[str, str] | None:
    """(act, fact) when the clause asks the caller something; None for a statement."""
    tagged = bool(_CONFIRM_TAG.search(clause))
    done_clause = "done" in found and not tagged and _is_done(clause)
    if done_clause:
        pass  # "so that's Friday at 8, you're all set": a read-back that states completion
    elif "small_talk" in found and _SMALL_TALK.search(clause) and not _fact_cue(clause, custom):
        return "small_talk", ""
    elif _CONFIRM_OPEN.search(clause) or (_CONFIRM_TAG.search(clause) and _mentions_detail(clause)
                                         and not _WH_OPEN.match(clause) and not _remark(clause)):
        if not re.search(r"\b(would you|do you want|would she|or)\b", clause):
            return "ask_confirm", _confirmed_fact(clause, custom)
    if re.match(r"^(?:(?:and|so|ok|okay|right)[,]?\s+)*(?:would|do|does) (?:you|she|he|they) (?:like|want) the "
                r"(?:earliest|first|next|latest|last)\b", clause) and not (entities.times(clause) or
                                                                     entities.dates(clause)):
        return "question", ""  # "would she like the earliest one": which kind of slot, before any is named
    if re.match(r"^(?:(?:and|so|ok|okay|right|yeah|then)[,]?\s+)*(?:do|did|would) (?:you|she|he|they) (?:want|like) me "
                r"to\b", clause):
        return "question", ""  # "do you want me to pop her on the cancellation list as well": theirs to decide
    if re.match(r"^(?:(?:and|so|ok|okay|right)[,]?\s+)*(?:shall|should) i (?:just )?(?:book|pencil|put|pop|hold|"
                r"reserve|grab|lock|squeeze|slot) (?:that|it|her|him|you|them)\b", clause) and (
                    entities.times(clause) or entities.dates(clause)):
        return "offer", ""  # "shall I pencil her in for the 11 o'clock then": a slot put to us
    wh = _WH_OPEN.match(clause)
    requested = bool(_REQUEST.search(clause))
    aux = bool(_QUESTION_OPEN.match(clause))
    fact = _fact_cue(clause, custom)
    if _OFFER.search(clause) and (_has_option(clause) or "offer" in found) and not fact and (aux or wh or requested):
        return "offer", ""
    if "offer" in found and re.match(r"^(?:shall|should|will) i (?:just )?(?:book|pencil|put|pop|hold|reserve|grab|"
                                     r"lock) (?:that|it|her|him|you|them)\b", clause):
        return "offer", ""  # "... Dr Naidoo can see her at 8:30, shall I pencil that in": the offer's own question
    if "offer" in found and not fact and not done_clause and not _CONFIRM_TAG.search(clause) and (
            _OFFER.search(clause) or _options_listed(clause) or re.search(
                r"\b(?:work|works|suit|suits|okay|ok|alright|all right|any good|do you|good for you)\b", clause)):
        return "offer", ""
    if re.search(r"\bhow (?:can|may|could) (?:i|we) (?:help|assist)\b|\bwhat can i do for you\b", clause):
        return None
    wh_inside = re.search(r"\b(?:how many|how much|what|what's|which|who|whose|when|where)\b", clause)
    gives_code = done_clause and bool(entities.code(clause))  # "and the new confirmation code is QX47TL" tells
    if fact and not gives_code and (
            wh or requested or aux or _bare_request(clause) or _leading_fact(clause, custom)
            or (wh_inside and not entities.times(clause[: wh_inside.start()]) and "done" not in found)):
        # "yes we can do that how many guests will be joining you": Whisper ran the question into the answer
        if aux and not requested and not re.search(r"\b(?:have|got|know|give|tell|confirm)\b", clause) \
                and fact not in ("name",) and re.search(r"\bor\b", clause):
            return "question", ""
        return "ask_fact", fact
    if re.search(r"\b(?:(?:is|are|was|were) (?:when|where)|(?:is|are|was|were|\w+ed|made) (?:what|how|which|who))"
                 r"(?=\W*$|\s*,|\s+to\b)", clause) and not _CONFIRM_TAG.search(clause):
        return "ask_fact", fact or "other"  # "the make and model is what", "the booking was made how": asked in place
    please = re.search(r"\bplease\b", clause)
    if fact and please and len(clause[: please.start()].split()) <= 8 and _fact_cue(clause[: please.start()], custom) \
            and not _VERBS.search(clause[: please.start()]):
        return "ask_fact", fact  # "passport number of the passenger please, exactly as it's written"
    if fact and re.search(r"\b(?:can|got|have|has|give me)\b[^.?!]*\bor not\b", clause):
        return "ask_fact", fact  # "can give me contact number or not", "got insurance or not"
    if _ABOUT_THEM.match(clause) and not _PREFERENCE.search(clause):
        # "does she have any allergies", "has she got a combi boiler or a tank", "is she registered with us already
        # or would she be a new patient": a fact about the one we call for, not a choice for them to make
        return "ask_fact", "other"
    if re.search(r"\b(?:would|do|does|did) (?:you|she|he|they) (?:like|want|prefer|need|rather)\b|"
                 r"\b(?:would|will) (?:that|it|the) [\w ]{0,20}(?:be|do)\b.*\bor\b|\bor (?:just |not|is|are|"
                 r"would|do|has|have)\b|^[\w' ]{1,30} or [\w' ]{1,30}\?\s*$|"
                 r"\bor\s+\w+\s*$", clause) and (aux or wh or " or " in clause) and (
                     aux or wh or not _UNAVAILABLE.search(clause)):
        return "question", ""  # (not "we can't do Saturday or Sunday": a refusal of both)
    if wh and not re.search(r"\bhow(?: are| is|'s)\b", clause):
        if re.match(r"^(?:(?:and|so|okay|ok|right|sorry|also|then|now|just|oh|well|lovely|great)[,]?\s+)*"
                    r"(?:who|whose|when|where)\b", clause) and not _PREFERENCE.search(clause) and not re.search(
                        r"\b(?:would|shall|should|could|can) (?:you|she|he|they|we|i)\b|\bsuits?\b", clause):
            # "when's the party", "who'll be the named adults collecting her", "when was it last tuned": a fact
            # about the occasion or the people, not a choice (that asks "when would you like ...")
            future = re.search(r"\bwhen(?:'s| is| will|'ll| are)\b", clause)  # not "when was it last tuned"
            return "ask_fact", "date" if future else "other"
        if re.search(r"\b(?:what's|what is|what are|whats) (?:the|your|her|his|their|its)\b", clause) or \
                re.search(r"^\W*(?:and )?how (?:old|long|much|many)\b", clause) or (
                re.search(r"\b(?:which|what) (?!would|do|did|does|is|are|was|can|could|time|day|date)[a-z]+\b", clause)
                and not re.search(r"\b(?:like|prefer|rather|want|wants|fancy|suit)\b", clause)):
            return "ask_fact", "other"
        return "question", ""
    if requested and re.search(r"\b(?:number|code|id|details|reference|licen[cs]e|name|date|details|info)\b", clause):
        return "ask_fact", "other"
    if re.search(r"\bplease\s*$", clause) and not _VERBS.search(clause) or re.match(
            r"^(?:and|also|plus) (?:a|an|the|your|her|his|their) [\w' ]+$", clause) and not _VERBS.search(
            " ".join(clause.split()[:5])) and len(clause.split()) >= 3 and first:
        return "ask_fact", "other"  # "nationality of the applicant please", "and a meter reading if ..."
    if aux and re.match(r"^(?:(?:and|so|okay|ok|right|sorry|also|just|now)[,]? )*(?:is|are|has|have|does|do|will|"
                        r"was|were) (?:there )?(?:anyone|anybody|any)\b", clause) and not _PREFERENCE.search(clause):
        return "ask_fact", "other"  # "is anyone in the group under sixteen", "are there any pets in the house"
    if aux and " or " not in clause and re.match(
            r"^(?:(?:and|so|okay|ok|right|sorry|also|just|now)[,]? )*(?:has|is|does|did|was|have|had) (?:she|he|the "
            r"patient|the customer|the passenger|the guest)\b(?! (?:want|like|prefer|need|rather|fancy|wish)\b)",
            clause) and not _PREFERENCE.search(clause):
        return "ask_fact", "other"  # "has she been seen here before", "is she on any medication": about the principal
    if aux:
        return "question", ""
    if _bare_request(clause) and fact:
        return "ask_fact", fact
    if fact and re.search(r"\bagain\s*[.?]?$|\bspell (?:it|that)\b|^(?:can |could )?give me\b|^best \w+ to\b", clause):
        return "ask_fact", fact  # "the patient name again", "just spell it for me", "can give me the IC number"
    if " or " in clause and len(clause.split()) <= 12 and not re.match(
            r"^(?:i|we|it's|there's|that's|they're|i'm|we're|it|there)\b", clause) and not _UNAVAILABLE.search(clause) \
            and not entities.money(clause):
        return "question", ""  # "recliners or standard seats", "you want it for pickup or should we mail it"
    if re.match(r"^(?:you|d'you|do you|you guys|did you) (?:want|need|like|prefer)\b", clause):
        return "question", ""
    if re.search(r"\bis that (?:alright|ok|okay|needed|fine)\b|\b(?:yeah|no)\s*$", clause) and \
            re.search(r"\b(?:needed|alright|ok|okay|fine)\b", clause):
        return "question", ""
    return None


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


def _fact_cue(clause: str, custom: dict[str, tuple[str, ...]]) -> str:
    # A greeting card's or a cake's words are no payment card: "did she want a little message on the card".
    clause = re.sub(r"\b(?:message|note|writing|words|greeting|inscription) (?:on|in|for) the card\b", "message",
                    clause)
    best: tuple[int, bool, int, str] | None = None
    for key, cues in list(custom.items()) + list(FACT_CUES.items()):
        for cue in cues:
            m = re.search(r"\b" + re.escape(cue) + r"\b", clause)
            if m:
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


# A line that says back something known ("that's ...", "she's ...", "you mentioned ..."), and a confirming tag
# with a few words of detail after it ("... yeah, the 500", "... wasn't it, no kids").
_RESTATES = re.compile(r"^(?:(?:and|so|okay|ok|right|wait|sorry)[,]?\s+)*(?:that's|that is|that was|it's|it is|"
                       r"it was|she's|he's|they're|there's|you mentioned|you said)\b", re.I)
_TAG_THEN_MORE = re.compile(r"\b(?:yeah|right|wasn't it|isn't it|is that right|correct)\b,?(?:\s+[\w']+){1,5}\W*$",
                            re.I)


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
