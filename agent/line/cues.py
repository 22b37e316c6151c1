"""What a transcript's wording says about who is talking: a recording of some kind, or a person talking to us.

The acoustic classifier cannot tell a studio announcement from a person for a second or two; the words
can. The cues are general telephone language, not phrases of any one business:
- recordings: voicemail ("leave a message", "not available"), call screening ("say your name and why you're
  calling"), queue hold ("your call is important", "next available", "all lines are busy"), menus ("press 2",
  "say billing"), and other announcements (business hours, "we're closed", websites, "calls may be recorded");
- a person: an offer of help ("how can I help", "Dana speaking"), a question put to the caller ("who am I
  speaking with?", "can I get your name?", a bare "Hello?"), a greeting ("hi", "good evening", "thanks for
  holding", "this is Marco"), or talk as people resume it ("okay, I'm back", "right, I've checked").
Recording cues win over person cues (a voicemail greeting says "hi, this is Sam" too), except that an
offer of help or a question to us outranks announcement wording such as business hours.
"""

from __future__ import annotations

import re
from typing import Literal

Cue = Literal["voicemail", "screening", "hold", "queue", "menu", "announcement", "offer", "question", "greeting",
              "asks", "resumes", "courtesy"]
RECORDING_CUES: frozenset[Cue] = frozenset({"voicemail", "screening", "hold", "queue", "menu", "announcement"})
QUEUE_CUES: frozenset[Cue] = frozenset({"hold", "queue"})  # a queue answered, or put us on hold
STRONG_PERSON_CUES: frozenset[Cue] = frozenset({"offer", "question"})  # a person waiting for our answer
PERSON_CUES: frozenset[Cue] = STRONG_PERSON_CUES | {"greeting", "asks", "resumes"}

# A phone's or a carrier's assistant naming itself (a person says "Dr Patel's assistant", never these).
_ASSISTANT = (r"\b(?:(?:virtual|automated|digital|ai|a\.i\.|call|answering|phone) assistant|"
              r"(?:virtual|automated|digital|ai|a\.i\.) receptionist)\b")
# A name as STT writes it, capitalised: "it's Dana", "Luigi's, this is Marco". "It's" goes on with any word
# ("it's time for ...", "otherwise, it's next"), and so does STT's invented English for a voice it cannot make
# out (another language's announcement); only a capital makes it someone saying who they are.
_NAMED = r"(?-i:[A-Z])[a-z]+"
# Asked at once who we are and why we call ("may I ask who's calling and what it's regarding?"): a screener. A
# receptionist asks how they can help, or one of the two; taken for a screener, they still hear who calls and why,
# the right answer.
_WHO_AND_WHY = (r"(?:your name|who(?:'s| is) calling|who you are|who this is|who is this)\W*(?:,\s*)?"
                r"(?:and|along with|plus|as well as) (?:\w+ ){0,2}(?:why|"
                # the reason for the call, not for a visit or an appointment (a receptionist asks that)
                r"(?:the |your )?(?:reason|purpose) (?:for|of) (?:your |the |this |you )?call|"
                r"(?:the |your )?reason (?:you(?:'re| are) calling|you call)|"
                r"what (?:it's|this is|that's|it is|this|it) (?:about|regarding|concerning|in regards? to)|"
                r"what(?:'s| is) (?:this|it|that|the call) (?:about|regarding|concerning|in regards? to)|"
                r"what you(?:'re| are) calling (?:about|for)|what (?:you|they) need|"
                # how the one named can help: asked for them ("how can I help" is someone's own offer)
                r"how (?:can|may|could|should) " + _NAMED + r" help)")
# What only a screener says of itself: it answers for someone, passes on a transcript, or screens.
_SCREENS = (r"screen(?:ing|ed)|screens? (?:calls|your call|this call)|"
            r"\banswer(?:ing|s)? (?:calls |the phone |phones )?(?:for|on behalf of)\b|"
            r"\b(?:a )?(?:copy|transcript(?:ion)?) of (?:this|the|your) (?:call|conversation)|\btranscribed\b|"
            # "I'll see if this person is available": a receptionist names whom they will ask ("if she's free").
            r"\bsee if (?:this|the) (?:person|party|user|subscriber) is (?:available|free)\b")
_SCREENER = _WHO_AND_WHY + "|" + _SCREENS  # what only a screener says
# A privacy service: the number takes no calls from unknown callers until they say who they are.
_REFUSES_UNKNOWN = (r"(?:does not|doesn't|do not|don't) accept (?:calls from )?"
                    r"(?:unidentified|anonymous|blocked|private|unknown)")
# Asked for a name: a screener's prompt ("please say your name"), unless it is put to us as a question ("could you
# state your name and date of birth?"), which is a receptionist's (see cues_in).
_NAME_REQUEST = r"(?:say|state|record|tell (?:me|us)) (?:your name|who you are|who's calling)"
# A recorder's request for details to be played back later: "please leave your name, number and the reason for
# your call". A screener asks them to be said now ("say your name and why you're calling").
_LEAVE_DETAILS = re.compile(r"\bleave (?:\w+ ){0,2}(?:message|name|number|details)\b", re.I)
# What a screener says of itself, beyond asking who calls and why (which a voicemail asks too, to be left).
_SCREENER_ITSELF = re.compile(
    _SCREENS + "|the person you(?:'re| are) calling|" + _ASSISTANT + "|" + _REFUSES_UNKNOWN, re.I)
# A person is absent in their own voice ("I'm out of the office", "we're out to lunch", "I can't pick up"): a
# recording. A receptionist speaks of someone else ("she's out of the office"), and a person who picks up and
# cannot talk asks us something ("can I call you back?"), which outranks these (see cues_in).
_ABSENT = (
    r"\b(?:i|we)(?:'m|'re| am| are|'ll be| will be) (?:currently |either |probably )?(?:not (?:around|here|home|"
    r"at (?:home|my desk|the office)|in (?:the office|right now|at the moment|today))|out of (?:the|my|our) office|"
    r"away (?:from|at the moment|right now|until|on|for|this)|on (?:vacation|holiday|leave|annual leave|"
    r"another call|the other line)|out (?:to lunch|of town|for the day)|in a meeting|travell?ing|"
    r"with (?:a|another) (?:client|patient|customer))"
)
# A call missed before this one: said by someone picking up a later call ("sorry, I missed your call earlier, who
# is this?"), which is how a business answers our callback; a recorder speaks of the call it is taking.
_NOT_EARLIER = (r"(?!,? (?:earlier|before|yesterday|last|this (?:morning|afternoon|week)|just now|"
                r"a (?:minute|moment) ago))")
# "Sorry I missed your call", "sorry we missed you": the recorder's, in RECORDER_ONLY and as voicemail wording.
_MISSED = (r"\bmissed (?:your|the|this|my) call\b" + _NOT_EARLIER
           + r"|\bsorry (?:i|we)(?:'ve)? missed you\b" + _NOT_EARLIER)
_HELLO = r"(?:hello|hi|yes|yeah|hey|hallo)"  # how a phone is answered, and a check that someone is there
_KNOWS_WHAT_TO_DO = r"you know (?:what to do|the drill)"  # "Hey, it's Omar. You know what to do."
# Someone there taking a message themselves; a recorder says "leave me a message", never "with me".
_TAKES_A_MESSAGE = (r"\b(?:(?:you can |just )?leave (?:a |your )?message with me|"
                    r"(?:i|we) can take (?:a|your) message)\b")
# "If this is a medical emergency, hang up and dial 911": a recording's, and said before a practice's menu keys as
# before a closed office's hours.
_EMERGENCY = r"(?:if this is an?|in an?|in case of an?) (?:\w+ )?emergency"
# "Calls may be recorded for training purposes": phone menus and queues say it, a voicemail hardly ever does.
_NOTICE = r"calls? (?:may|might|will) be (?:recorded|monitored)|(?:recorded|monitored) for (?:quality|training)"
# The network's own sentence, whatever it calls the one we called ("the mobile you are calling is switched off", "the
# number you have dialled is not reachable", "the Airtel subscriber you are calling is not answering"): a noun STT
# misheard still leaves "you are calling is ...". (British "dialled" as well as "dialed".)
_CARRIER = (r"\byou(?:'re| are| have)? (?:calling|called|dial(?:l)?ed) (?:(?:is|has) (?:not|currently|switched|"
            r"unavailable|unreachable|out of|busy)|"
            r"(?:cannot|can't|isn't|does not|doesn't) (?:be|answer(?:ing)?|take|taking|available|reachable))\b")
# Said only by a recording: the recorder itself, and the carrier's "person you are calling". Words a receptionist
# also says ("would you like to leave a message?", "I'll put you through to her voicemail") are not among them.
RECORDER_ONLY = re.compile(
    r"(?:after|at) the (?:tone|beep|signal)|record your (?:voice )?message|" + _KNOWS_WHAT_TO_DO + "|"
    r"leave (?:me|us) (?:a|your)|mailbox (?:of|for|is full)|voice ?mail (?:box )?(?:of|for)|"
    r"(?:person|party|subscriber|customer) you(?:'re| are| have)? (?:calling|called|dial(?:l)?ed|trying)|"
    + _CARRIER + "|"
    + _MISSED + "|"
    # "You've reached the voicemail of ...", "you have reached my mailbox": said only by the recording itself.
    r"\byou(?:'ve| have)? reach(?:ed)?\b[^.?!]{0,15}\b(?:voice ?mail|mail ?box|answering (?:machine|service))|"
    # "This is my voicemail", "you've got my mailbox": its owner naming their own recorder, which a person who
    # picked up does not do in a statement ("did you get my voicemail?" asks, and is left out).
    r"\bmy (?:voice ?mail|mail ?box|answering (?:machine|service))\b(?![^.!?]*\?)",
    re.I)
# A recorder's request, said as a sentence of its own: "Leave a message.", "Please leave your name and number and
# I'll call you back.", or as the other choice after a number to call ("for emergencies call our on-call line,
# otherwise leave a message"). A receptionist asks it ("would you like to leave a message?") or takes it ("leave it
# with me"); one who says it outright is asking for the message a recorder would get.
LEAVE_A_MESSAGE = re.compile(
    r"(?:^|[.!?]\s+|[,;]\s*(?=otherwise\b))\W*(?:(?:please|just|so|and|then|or|simply|otherwise)\W+)*"
    r"(?:go ahead and )?leave (?:me |us )?"
    r"(?:a |your |a quick |a short |a brief |a detailed )?(?:\w+ )?(?:message|name|number|details)\b"
    r"(?![^.!?]*\bwith me\b)",
    re.I)
# Its owner absent in the first person: a recording, unless it asks us something ("I'm on the other line, can
# you hold?"). A receptionist says it of someone else ("she's not available").
OWNER_ABSENT = re.compile(
    r"\b(?:i|we)(?:'m| am|'re| are) (?:currently )?(?:not|un) ?available|"
    r"\b(?:i|we) (?:can'?t|cannot|can not|am unable to|are unable to) (?:take|come to|get to|answer|pick up)|"
    + _ABSENT,
    re.I)
# "You've reached ...": a voicemail's opening, and a menu's ("You have reached the Revenue helpline. For ...").
REACHED = r"you(?:'ve| have|'ll| will)? reach(?:ed)?\b"
_PATTERNS: dict[Cue, tuple[str, ...]] = {
    "voicemail": (
        r"leave (?:\w+ ){0,2}(?:message|name|number|details|contact (?:details|info))",
        r"(?:after|at) the (?:tone|beep|signal)",
        r"(?:not|isn't|is not|aren't|are not) (?:currently )?available",
        r"\bunavailable\b",
        r"can'?t (?:take|come to|get to|answer) (?:your|the|my) (?:call|phone)",
        r"(?:unable|not able) to (?:take|answer|come to|get to)",
        r"voice ?mail",
        r"voice messag(?:e|ing) (?:system|service)",
        r"mailbox",
        r"record your message",
        REACHED,
        r"(?:get|call) (?:back to you|you back) as soon as",
        r"(?:away from|not at) (?:my|the|our) (?:desk|phone)",
        # Carrier voicemail, answered by the network with a 200 OK of its own.
        r"(?:person|party|subscriber|customer|number) you(?:'re| are| have)? (?:calling|called|dial(?:l)?ed|trying)",
        _CARRIER,
        r"(?:record|leave) (?:your|a) (?:voice )?message",
        _KNOWS_WHAT_TO_DO,
        _ABSENT,
        r"\bcan'?t (?:pick up|answer|talk) (?:right now|at the moment|just now)\b",
        r"\b(?:nobody|no one)(?:'s| is) (?:home|available to (?:take|answer))",
        r"\b(?:drop|shoot|send) me (?:a|an) (?:line|email|e-mail|text|message|whats ?app)\b",
        r"\btext (?:me|this number)\b",  # "I'm out on jobs, please text this number"
        # Sent elsewhere in the first person ("best to reach me on my mobile", "you can call me at the office"):
        # the owner is not on this line. Someone who picks up and asks us to call them later asks it, which
        # outranks this.
        r"\b(?:reach|contact|call|ring|get hold of|catch) me (?:on|at|via)\b",
        # A number nobody answers: "this number isn't checked very often", "this line is no longer monitored".
        r"\bthis (?:number|line|phone|mailbox|inbox) (?:is not|isn't|is no longer) (?:\w+ )?"
        r"(?:checked|monitored|answered|in use|staffed)\b",
        # The call missed, or to be returned: nobody who picks it up says so ("sorry I missed your call", "I'll
        # get back to you", "I'll return your call"); a person busy on the line asks instead ("can I call you
        # back?"), which outranks these.
        _MISSED,
        r"\b(?:i'll|i will|we'll|we will) (?:get back to you|return your call)\b",
    ),
    "screening": (
        r"screen(?:ing|ed)",
        r"(?:say|state|record) your name",
        r"(?:why|what) you(?:'re| are) calling",
        r"reason (?:for|you're|you are) (?:your |the |this )?call(?:ing)?",
        r"who(?:'s| is) calling and why",
        # Phones' and carriers' assistants name themselves: "an automated assistant answering for Sam",
        # "Sam's call assistant"; a person says "Dr Patel's assistant" or "his personal assistant", never these.
        _ASSISTANT,
        _SCREENER,
        _NAME_REQUEST,
        _REFUSES_UNKNOWN,
    ),
    "hold": (
        r"(?:stay|remain) on the line",
        r"(?:please|kindly) (?:continue to )?hold\b",
        r"continue (?:to )?hold",
        r"call is (?:very )?important",
        r"calls? (?:will be|are|is) answered in (?:the )?order",
        r"(?:estimated|expected|approximate|current) (?:wait|hold)",
        r"wait(?:ing)? time (?:is|of)",
        r"all (?:of )?our (?:\w+ )?(?:agents|representatives|operators|staff|team members|associates)",
        r"(?:next|first) available",
        r"(?:high|higher|heavy|unusually) (?:call )?volume",
        r"you are (?:caller )?(?:number|next)\b",
        r"callers? ahead of you",
        r"calls? (?:ahead|waiting)",
        r"will be with you (?:shortly|soon|momentarily)",
        r"(?:waiting|wait) to (?:speak|talk) (?:with|to) (?:an?|our|the next)\b",
    ),
    # A queue's announcements between its music: its line of callers, its busy staff, its own apologies, as "we" (a
    # person who comes back speaks as "I": "sorry to keep you waiting, I had to check"). Unlike "hold" these ask
    # nothing of us, and a person may say them in passing ("we're busier than usual tonight"): they say who is
    # talking on hold or at the answer, never that a person in the conversation asked us to wait.
    "queue": (
        r"\b(?:in|place in|position in|first in|next in|leave|hold your place in) (?:the |a |our )?(?:queue|line)\b"
        r"(?! for)",
        r"\b(?:queue|line) position\b|\bnumber \w+ in (?:the )?(?:queue|line)\b",
        r"\ball (?:of )?(?:our )?lines are (?:currently |still |now )?(?:busy|engaged|occupied)\b",
        r"\b(?:helping|assisting|serving|speaking (?:with|to)|dealing with) other (?:customers|callers|guests|patients|"
        r"clients|members)\b",
        r"\b(?:high|higher|large|larger|increased|heavy|heavier|unusual|record)(?: than (?:normal|usual|expected))? "
        r"(?:number|volume|amount|level) of (?:calls|callers|enquiries|inquiries)\b",
        r"\b(?:busier|more calls) than (?:usual|normal|expected)\b",
        r"\bwe(?:'ll| will) (?:be (?:right )?with you|answer (?:your call|you|as soon as)|take your call|"
        r"get to (?:your call|you))\b",
        r"\b(?:someone|a member of (?:our|the) team|an? (?:agent|advisor|adviser|representative|operator|associate|"
        r"team member|colleague|specialist)) will be (?:right )?with you\b",
        r"\bas soon as (?:an?|the next|one of our) (?:\w+ )?(?:agent|advisor|adviser|representative|operator|associate|"
        r"team member|colleague|specialist|line)s? (?:is|are|becomes?) (?:available|free)\b",
        r"\b(?:do not|don't|please don't|please do not) hang up\b|\blose your place\b",
        r"\b(?:wait|hold) while (?:we|i) (?:connect|transfer|put) (?:you|your call)\b|\bstill trying to connect you\b|"
        r"\byour call is being (?:transferred|connected|put through)\b|\bplease stay connected\b",
        r"\bcontinue to (?:hold|wait)\b",
        r"\bwe(?:'re| are)? (?:sorry|apologi[sz]e) (?:to keep you waiting|for (?:the|any|this|keeping you) "
        r"(?:wait|delay|hold|waiting))\b",
        r"\b(?:we|we do) (?:value|appreciate) your (?:call|time|business|custom|patience|understanding)\b|"
        r"\byour time is (?:valuable|important)\b",
        r"\bto save time\b|\bplease have your (?:\w+ ){1,3}ready\b",
    ),
    "menu": (
        r"\bpress(?:ing)?\b",
        r"\bpressed (?:one|two|three|four|five|six|seven|eight|nine|zero|\d)\b",  # STT's past tense of "press one"
        r"\bdial\b \w+ (?:for|to)",
        r"(?:say|enter|key in) (?:your|the|or enter)",
        r"menu",
        r"for [\w' ]{2,30}, (?:press|say|dial)",
        r"(?:pound|hash|star) (?:key|sign)",
        r"(?:dial|enter|know|have) (?:the |your |their |your party's |the party's )?extension",
        # speech menus: "you can say billing", "say appointments or say operator", "in a few words, tell me ..."
        r"\b(?:you can|you may|please|just|simply) (?:also )?say\b(?! (?:that|it) again)",
        r"\bsay \w+(?: \w+){0,3},? or say\b",
        r"\bin (?:a|one) (?:few|couple of) words\b",
        r"\bbriefly (?:tell|say|describe|explain)\b",  # "briefly tell me the reason for your call, for example ..."
        r"\boption (?:one|two|three|four|five|six|seven|eight|nine|zero|\d)\b|\bselect (?:option|one|two|\d)\b",
        r"(?:the following|our|these|menu) options\b|options have changed|\bthe following option\b",
        r"para espa[nñ]ol|\boprima\b|\bmarque\b",
    ),
    "announcement": (
        _NOTICE,
        r"(?:office|business|opening|normal|regular) hours",
        r"(?:currently|now) closed",
        # Whisper's "our offices currently close." for "our office is currently closed."
        r"\b(?:office|offices|store|shop|clinic|practice)(?:'s| is| are)? (?:currently|now) close\b",
        r"(?:we are|we're|office is|store is|clinic is) closed",
        r"(?:our|the) hours are",
        r"website|online at|www\.|dot com|\.com\b",
        r"did you know",
        r"for more information",
        _EMERGENCY,
        r"open (?:from|between|monday|tuesday|wednesday|thursday|friday|saturday|sunday|daily)",
        # The network's intercepts: nobody will answer this number.
        r"(?:is|has been) (?:not in service|disconnected|no longer in service)|cannot be completed as dialed|"
        r"check the number and (?:try|dial) again",
    ),
    "offer": (
        r"how (?:can|may|could) (?:i|we) (?:help|assist)",
        r"what can (?:i|we) do for you",
        r"\b(?:[a-z]+ )?speaking\b(?!.*\bwith\b)",
        r"you(?:'re| are) speaking (?:to|with)",
        r"go ahead",
        r"(?:help|assist) you (?:with )?(?:today|this (?:morning|afternoon|evening))?\??$",
        # "Can I help you with something?", "is there anything I can do for you?": asked only by someone there.
        r"\b(?:can|may|could|shall) (?:i|we|someone) (?:help|assist) you\b",
        r"\b(?:anything|something) (?:else )?(?:i|we) can (?:help|assist|do for you)\b",
        _TAKES_A_MESSAGE,
        # "Spoke and Chain Cycles, this is Dave.": the business, then who took the call, and nothing after it. A
        # recording opens "hi, this is Sam" or "you've reached ..."; a business's own machine says more than this.
        r"^(?!\W*(?:hi|hello|hey|hiya|yes|yeah)\b)(?![^,]*\b(?:reached|calling|called)\b)[\w'&.\- ]{3,40},\s*"
        r"(?:this is|it's) (?!(?:a|an|the|our|your|to|for|not|now|being|only|me)\b)" + _NAMED + r"(?! ?'s)\W*$",
        r"^(?!\W*(?:hi|hello|hey|hiya|yes|yeah)\b)[\w'&.\- ]{3,40},\s*[a-z]+ here\W*$",  # "Acme Garage, Steve here."
    ),
    "question": (
        r"(?:can|could|may) i (?:get|have|take|ask|grab) (?:your|a|the)",
        r"who(?:'s| is| am i) (?:calling|this|speaking)",
        r"who am i (?:speaking|talking) (?:to|with)",
        r"are you (?:still )?there",
        r"can you hear me",
        r"what(?:'s| is) (?:your|the) (?:name|number|reason)",
        r"what can i (?:get|do)",
        r"\bwhat (?:do|did|can) (?:you|ya) need\b|\bwhat(?:'s| is) the (?:problem|issue)\b",
        # Asked of the caller: "can I get her to call you back?", "you're calling about the order?", and "what's
        # up?" at the end (a voicemail opens "hey, what's up, it's Jo").
        r"\b(?:can|could|may|shall) i [^.!?]*\byou\b[^.!]*\?",
        r"\byou(?:'re| are) calling (?:about|for|regarding|to)\b[^.!]*\?",
        r"\bwhat(?:'s| is) (?:up|going on)\W*$",
        r"^" + _HELLO + r"[\s,]*(?:hello|there)?\s*\?",
        # "Would you like to leave a message?", "do you want her voicemail?", "can you hold a moment?"
        r"\b(?:would|do) you (?:like|want|wish)\b",
        r"\b(?:can|could|would) you (?:hold|wait|call|ring|try|text|email|send)\b",
        # "Could you state your name and date of birth?": a receptionist; a screener says "please say your name".
        r"\b(?:can|could|would) you (?:please )?(?:state|spell|give me|confirm|repeat|verify)\b",
    ),
    "greeting": (  # a salutation, or someone saying who they are
        r"^(?:hello|hi|hey|hiya|yes|yeah|good (?:morning|afternoon|evening|day))\b",
        # An auto-attendant asks it too, and goes on with its options: weak, so a pause must show it waits.
        r"how (?:can|may|could) (?:i|we) direct (?:your call|you|your enquiry)",
        r"(?:this is|my name is) (?!(?:a|an|the|our|your|to|for|not|now|being|only)\b)[a-z]+",
        # Words asked for while the sound plays stop where the audio so far stops: "My name is" and the name still
        # to come is someone saying who they are ("this is" is not: "this is a reminder ...").
        r"\bmy name(?:'s| is)\W*$",
        r"\bit's (?:me\b|" + _NAMED + ")",
        r"you(?:'re| are) through to",
    ),
    # Someone talking to us as people do when they come back: an opening word of talk ("okay", "right",
    # "sorry", "so"), or what they just did ("I'm back", "I've checked with the kitchen", "where were we").
    # Recordings open with "thank you for calling" or "your call", and speak as "we".
    "resumes": (
        r"^\W*(?:okay|ok|right|alright|all right|so|sorry|um|uh|erm|er|well|now then)\b\W+\w",  # not a bare "Okay."
        r"\bi(?:'m| am) back\b",
        r"\bi(?:'ve| have)? (?:just )?(?:checked|spoken|spoke|talked|asked|found|had a look|looked|pulled up)\b",
        r"\bwhere were we\b",
        # Someone who has done something for us and says so as "I" ("thanks for holding, I can do half past two"):
        # queues speak as "we", and a voicemail's "I" is its owner absent (voicemail wording, which outranks this).
        r"\bI(?:'ve| have) (?:got|found|spoken|checked|looked|had a look|pulled)\b|\bI can (?:do|see|offer|fit|get)\b|"
        r"\bI(?:'m| am) (?:just )?(?:looking at|seeing|showing)\b|\bI had to (?:check|ask|find|look)\b",
        # What they went to get, in front of them now: "I have your file here", "I've got the booking up".
        r"\bI(?:'ve| have)(?: got)? (?:your|the|his|her|their) (?:\w+ ){0,2}?\w+ (?:here|up|open|in front of me|"
        r"on (?:my|the) screen)\b",
    ),
    "courtesy": (  # people say it when they pick up, and so do queue announcements
        # "Thank you for your patience" too: a queue's "thank you for your patience." and a person's "thanks for your
        # patience, I've found it" alike (a queue's "we appreciate your patience" speaks as "we": its own cue).
        r"thanks? (?:you )?(?:so much |very much )?for (?:holding|waiting|your patience)",
        r"sorry (?:about|for) (?:the|your|keeping) (?:wait|hold|you)",
    ),
}
_COMPILED = {cue: [re.compile(p, re.I) for p in pats] for cue, pats in _PATTERNS.items()}
# Screening first: its prompt names "the person you're calling" as carrier voicemail does. An offer of help
# or a question to us outranks a queue's words and other announcements ("Luigi's, we're closed Mondays, how can I
# help?" is a person).
_PRIORITY: tuple[Cue, ...] = (
    "screening", "voicemail", "hold", "menu", "offer", "question", "announcement", "queue", "greeting", "asks",
    "resumes", "courtesy",
)
_ASKING = re.compile(r"\b(?:you|your|you're)\b[^.!?]*\?|\?\s*$", re.I)  # a question that addresses the caller


# A receptionist offering to take a message or put us through to someone's voicemail.
_OFFERS_A_MESSAGE = re.compile(
    r"(?:would|do) you (?:like|want|wish) (?:to leave (?:a |her |him |his |them |their )?(?:message|voice ?mail)|"
    r"(?:her|his|their) voice ?mail)|(?:can|could|may|shall) i take a message|"
    r"(?:put|transfer|send) you (?:through |over )?to (?:her|his|their) voice ?mail|" + _TAKES_A_MESSAGE,
    re.I)


def cues_in(text: str) -> set[Cue]:
    """Every cue the text matches."""
    cleaned = " ".join(text.strip().split())
    found = {cue for cue, patterns in _COMPILED.items() if any(p.search(cleaned) for p in patterns)}
    if _ASKING.search(cleaned) and not found & RECORDING_CUES:  # "Did you know ...?" is no question to us
        # "Do you have a reservation?" waits for us; "Looking for a faster way to pay?" is a queue's promotion.
        # Only the questions that ask us for something (above) are strong; any other is as weak as a greeting.
        found.add("asks")
    if "screening" in found and found & STRONG_PERSON_CUES and not SCREENING_ONLY.search(cleaned):
        found.discard("screening")  # "Thanks for holding, what's the reason for your call?" is a person asking
    if {"screening", "voicemail"} <= found and _LEAVE_DETAILS.search(cleaned) and not _SCREENER_ITSELF.search(cleaned):
        found.discard("screening")  # "leave your name and the reason for your call": to be played back, a recorder's
    if "voicemail" in found and found & STRONG_PERSON_CUES and not RECORDER_ONLY.search(cleaned):
        # "She's not available right now, would you like to leave a message?": a receptionist offering one. But
        # "Go ahead and leave a message" or "leave your name, and can I have your number" is the recording's own.
        if not VOICEMAIL_ONLY.search(_OFFERS_A_MESSAGE.sub(" ", cleaned)):
            found.discard("voicemail")
    return found


# Wording only a screening assistant uses; "why you're calling" alone is also a speech menu's question.
SCREENING_ONLY = re.compile(
    _SCREENER + "|the person you(?:'re| are) calling|" + _ASSISTANT + "|" + _REFUSES_UNKNOWN + "|"
    r"(?:say|state|record) your name (?:\w+ )?(?:at|after) the (?:tone|beep|signal)",
    re.I)
# Wording that makes a screener of what was first taken for a person ("Hi, I'm Sam's virtual assistant." then a
# pause, then "say your name and why you're calling"). A receptionist asks "can you state your name and date of
# birth?" or "say your name again?"; only a screener asks for a name together with why we call.
SCREENER_AFTER_ALL = re.compile(
    r"screen(?:ing|ed)|screens? (?:calls|your call|this call)|the person you(?:'re| are) calling|record your name|"
    r"\b(?:a )?(?:copy|transcript(?:ion)?) of (?:this|the|your) (?:call|conversation)|"
    r"(?:say|state) your name,? (?:and|along with|plus) (?:why|(?:the |your )?reason|what|(?:the |your )?purpose)|"
    + _WHO_AND_WHY + "|" + _ASSISTANT,
    re.I)


# Wording only a menu says: keys to press for options ("for bookings, press 1", "press 2 for billing"), or the
# choices of a speech menu.
MENU_ONLY = re.compile(r"\bpress (?:one|two|three|four|five|six|seven|eight|nine|zero|star|pound|hash|\d)\b|"
                       r"\bfor [\w' ]{2,30},? (?:please )?(?:press|dial|select)\b|\bselect option\b|"
                       # "please say or enter your account number", "you can say reservations, hours, or directions"
                       r"\bsay or (?:enter|press|key in|type)\b|\b(?:enter|press|key in) or say\b|"
                       r"\b(?:you can|you may) (?:also )?(?:just )?say\b[^.?!]*\bor\b", re.I)


# A bare "Hello?": someone who picked up and waits, or STT's mark on a recording's "Hello." before its next sentence
# ("Hello. You've reached the voicemail of Kwame."), said alike.
BARE_HELLO = re.compile(r"^\W*" + _HELLO + r"(?:[\s,]+(?:hello|there))?\W*\?\W*$", re.I)


# A business speaking with nobody in it: "Welcome to Rapid Parcel.", "Thank you for calling First Harbor Bank.",
# "This is the Redwood Family Law office." Menus, closed offices and screeners open so and pause before their next
# sentence; a receptionist mostly says who they are or offers help as well (other cues), and one who stops there
# says "Hello?" again when nobody answers. Only the business's own formula, with no "I", no name and no question.
BUSINESS_ONLY = re.compile(
    r"^\W*(?:(?:hi|hello|good (?:morning|afternoon|evening|day))\W+)?(?:and )?"
    r"(?:(?:thank you|thanks) for (?:calling|contacting|choosing)|welcome to|this is the)\b"
    r"(?![^.!?]*(?:\bI\b|\bI'|\bmy\b|\bme\b|speaking|\bhere\b|\bthis is\b|\bit's\b|\bname\b|\?))"
    r"[^.!?]*[.!]?\W*$",
    re.I)


_REACHED_WORDS = re.compile(REACHED, re.I)
RECORDING_NOTICE = re.compile(_NOTICE, re.I)
EMERGENCY_NOTICE = re.compile(_EMERGENCY, re.I)


def _cue_only_by(text: str, found: set[Cue], cue: Cue, *wordings: re.Pattern[str]) -> bool:
    """The text (whose cues are `found`) says `cue` only by `wordings`: without them its other words do not."""
    if cue not in found:
        return False
    for wording in wordings:
        text = wording.sub(" ", text)
    return cue not in cues_in(text)


def reached_only(text: str, found: set[Cue]) -> bool:
    """The text (whose cues are `found`) is a voicemail's only by "you've reached ...", which opens phone menus as
    well."""
    return _cue_only_by(text, found, "voicemail", _REACHED_WORDS)


def emergency_only(text: str, found: set[Cue]) -> bool:
    """The text (whose cues are `found`) is a recording's only by its emergency notice ("If this is an emergency,
    hang up and dial 911"), which a doctor's or a vet's menu gives before its keys as their closed office's
    voicemail does: it says a recording, not which."""
    return (not found & {"voicemail", "screening", "menu"}
            and _cue_only_by(text, found, "announcement", EMERGENCY_NOTICE, RECORDING_NOTICE))


def notice_only(text: str, found: set[Cue]) -> bool:
    """The text (whose cues are `found`) is an announcement only by its notice that calls may be recorded, which
    says a menu or a queue rather than a machine: it decides nothing alone."""
    return _cue_only_by(text, found, "announcement", RECORDING_NOTICE)


# Wording only a voicemail uses; "you have reached ..." alone opens phone menus as well.
VOICEMAIL_ONLY = re.compile(r"leave (?:\w+ ){0,2}(?:message|name|number)|(?:after|at) the (?:tone|beep|signal)|"
                            r"voice ?mail|mailbox|record your message|(?:record|leave) (?:your|a) (?:voice )?message",
                            re.I)


# A question in a question's own form: a question word or an auxiliary opens it ("where were we?", "are you
# there?"), after any interjections ("sorry, ...", "okay so ..."). A statement with a question mark at its end ("you
# must hold the number, see?") is as often STT's mark on a sentence cut short.
_QUESTION_FORM = re.compile(
    r"(?:^|[.!?]\s+)(?:(?:sorry|oh|okay|ok|so|and|well|right|hi|hello|hey|yes|yeah|no|um|uh|hmm)\W+)*"
    r"(?:what|where|who|whom|whose|why|when|how|which|are|is|am|was|were|can|could|do|does|did|will|would|"
    r"have|has|had|may|might|shall|should|must|any|anyone|anybody|anything)\b[^.!?]*\?", re.I)


# A bare check-in: "Okay?", "Sorry?", "Right, so?" (a person prompting us; no statement for STT to have cut).
_INTERJECTION = r"(?:okay|ok|alright|all right|right|sorry|so|well|and|yes|yeah|hello|hi|hey|um|uh|hmm|mhm)"
_BARE_CHECK = re.compile(r"^\W*(?:" + _INTERJECTION + r"\W+)*" + _INTERJECTION + r"\W*\?\W*$", re.I)


def asks_in_form(text: str) -> bool:
    """The text asks a question in a question's form, not only by a mark at the end of a statement."""
    cleaned = " ".join(text.split())
    return bool(_QUESTION_FORM.search(cleaned) or _BARE_CHECK.match(cleaned))


def main_cue(text: str) -> Cue | None:
    """The cue that decides who is talking, by priority; None when the text says nothing."""
    found = cues_in(text)
    if {"screening", "menu"} <= found and not SCREENING_ONLY.search(text):
        return "menu"  # "in a few words, tell me why you're calling; you can say billing": a speech menu's question
    if {"voicemail", "menu"} <= found and "screening" not in found and not VOICEMAIL_ONLY.search(text):
        return "menu"  # "You have reached Metro Transit. For our hours, press 1": a menu greets that way too
    return next((cue for cue in _PRIORITY if cue in found), None)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def ends_in_offer(text: str) -> bool:
    """The last of several sentences offers help ("... your call will be answered by the next. Hi, thanks for holding,
    how can I help you?"): STT heard a queue's announcement cut off and the person put through in one breath. A
    recording that cannot hear us does not offer to help; whoever offers after it has picked up."""
    sentences = [s for s in _SENTENCE_END.split(" ".join(text.split())) if s]
    return len(sentences) > 1 and main_cue(sentences[-1]) == "offer"


def speaker(text: str) -> Literal["recording", "person", "strong-person"] | None:
    """Who the wording says is talking: a recording, a person (strong: waiting for our answer), or None.

    Courtesy alone ("thank you for holding") says nothing: queue announcements say it as often as people.
    """
    return speaker_of(main_cue(text))


def speaker_of(cue: Cue | None) -> Literal["recording", "person", "strong-person"] | None:
    """Who a transcript's main cue (`main_cue`) says is talking; see `speaker`."""
    if cue is None or cue == "courtesy":
        return None
    if cue in RECORDING_CUES:
        return "recording"
    return "strong-person" if cue in STRONG_PERSON_CUES else "person"
