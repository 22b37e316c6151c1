"""The wordings of what they do with the line: ask us to hold, transfer us, or call back later."""

from __future__ import annotations

import re

from agent.conversation.reading.wording import _alternatives

# Going to look: "I'll just see if Mike's got space", "let me find out whether ...".
_GOES_TO_LOOK = re.compile(r"\b(?:i'll|let me|i will) (?:just )?(?:see|check|find out|ask) (?:if|whether)\b")

# Asked to wait and nothing more: "hold on", "one moment", "bear with me", "stay on the line".
_WAIT_ASKED = (r"hold on|hang on|please hold|hold please|hold the line|bear with me|"
               r"one (?:moment|sec|second|minute|mo)|just a (?:moment|sec|second|minute|tick|mo)|"
               r"give me (?:a|one|two) (?:moment|sec|second|minute|tick|mo)|wait a (?:moment|sec|second|minute)|"
               r"stay on the line")

_HOLD = _alternatives(
    # Asked to wait in so many words: "hold on", "one moment", "let me check", "bear with me".
    rf"\b(?:{_WAIT_ASKED}|hold up|hold for|"
    r"let me (?:just )?(?:check|see|have a look|look|find|pull|ask|grab|get the|"
    r"bring)|can you hold|could you hold|i'll (?:just )?check|i'll have a look|"
    r"i'll just see|bear with|^wait\W*$|(?<!in a )(?<!in )(?<!within a )(?<!within )(?<!next )"
    r"(?:two|few|couple of|a couple) (?:secs|seconds|mins|"
    r"minutes|ticks))\b",
    # Waiting as other Englishes say it (US, Scottish, South African, Singaporean, Kiwi): "I'll put you on a brief
    # hold", "don't go anywhere", "hang fire", "lemme check", "mind holding", "I check the system".
    r"\b(?:place|put|pop)(?:ting)? you on (?:a )?(?:brief |short |quick )?hold\b|"
    r"\bdon't go anywhere\b|"
    r"\bhang fire\b|\blemme (?:just )?(?:see|check|look|have a look)\b|\b(?:mind|okay|ok) holding\b|"
    r"\bhold a (?:while|sec|second|moment|minute|tick)\b|\bi (?:check|see) the system\b",
    # Waiting in other words: "just hold", "please be on the line", "till I look", "hang fire".
    r"\bjust hold\b|\b(?:be|keep|remain) on the line\b|\b(?:till|until|while|whilst) i (?:look|check|"
    r"have a look|find|pull|ask)\b|\b(?:a|one) wee (?:minute|moment|sec|second)\b|\bhaud on\b|"
    r"\bhang fire\b",
    # Going to look: "I'll just see if Mike's got space" (_GOES_TO_LOOK).
    _GOES_TO_LOOK.pattern,
    # "wait ah", "wait lah", "wait a moment" opening the line.
    r"^wait (?:ah|ya|lah|a moment|a sec|a minute)\b",
    # Holds without the usual verbs: "un momento", "I'm checking the diary, moment", "wait, wait", "let me ask my
    # manager".
    r"\bun momento\b|,\s*(?:one |a )?moment(?: please)?\W*$|^(?:ok |okay )?wait,? wait\b|"
    r"\bi(?:'m| am) (?:just )?checking (?:the|now|for|if|with)\b|"
    r"\b(?:i|let me) (?:go and |just )?ask (?:my|the) (?:manager|boss|colleague|supervisor|chef|owner)\b",
)

# A clause that only asks us to wait while they go ("oh, hold on one second, please", "bear with me"): whatever they
# asked before it, they are not there to hear the answer.
_LEAVES_THE_LINE = re.compile(r"\W*(?:(?:oh|ah|um|uh|okay|ok|sorry|actually|so|and|but|sure|right)\W+){0,3}"
                              rf"(?:can you |could you )?(?:{_WAIT_ASKED})(?:\W+(?:a|one|just|for|please|thanks|"
                              r"thank you|moment|sec|second|minute|tick|mo|me|there|now|okay|ok|love|mate|"
                              r"dear)){0,5}\W*")

# "okay, let me just check that for you, ...", "one sec, ...": a turn that opens by going to look.
_HOLD_OPENING = re.compile(r"^\W*(?:okay|ok|sure|right|alright|yes|yeah)?\W*(?:let me (?:just )?(?:check|see|"
                           r"have a look|look|find|pull|grab|bring)[\w' ]{0,20}?|one (?:moment|sec|second))[,.!]?\s+",
                           re.I)

_TRANSFER = _alternatives(
    # Put through in so many words: "transferring you", "I'll put you through", "let me get the manager".
    r"\b(?:transfer(?:ring)? you|(?:put|pop)(?:ting|ping)? you through|connect(?:ing)? you|"
    r"pass(?:ing)? "
    r"you (?:over|on|to)|put you on to|put you onto|i'll get (?:my|the|a|someone)|"
    r"let me get (?:my|the|someone)|i'll fetch)\b",
    # Put through as other Englishes say it: "I'll pop you through to", "flick you over to", "switch you across to".
    r"\b(?:put|pop|flick|send|get|pass|switch|move)(?:ting|ping|ing)? you (?:through|over|"
    r"across) to\b",
    # "I'll transfer the call", "transferring your call".
    r"\btransfer(?:ring)? (?:the|this|your) call\b",
    # Transfers without the usual verbs: "I send the call to the night manager", "forwarding you to our ...".
    r"\b(?:put|send|forward|pass|transfer)(?:ing)? (?:you|the call|your call|this call) (?:to|through to|over to) "
    r"(?:the|a|our|my|her|his|someone)\b",
    # "I'll hand you over to".
    r"\bhand(?:ing)? you (?:over|on|across) to\b|\b(?:let me|i'll|i will) (?:just )?get you (?:over )?to (?:someone|"
    r"somebody|"
    r"the|a|our)\b",
    # Put through in other verbs, and without saying to whom: "I'll stick you through", "let me bounce you over to
    # the service advisor", "I'm gonna route you to tier two", "I'll link you with the registrar's office", "I am
    # forwarding the call to extension 204", "I give you to my colleague", "I'm transferring to the reservations desk".
    r"\b(?:stick|send|put|pop|bounce|patch|route|link|forward|connect|transfer)(?:ing|ting|ping)? you "
    r"(?:straight |right |directly |back )?(?:through|across)\b|"
    r"\b(?:(?:put|pop|flick|send|pass|stick|bounce|patch|route|link|forward|connect|transfer|give|hand)"
    r"(?:ing|ting|ping|s)? (?:you|the call|your call|this call)|(?:transferr|forward|connect|rout|patch)ing) "
    r"(?:straight |right |directly )?"
    r"(?:over |across |through |on |back )?(?:to|with) (?:[\w']+ ){0,4}?(?:team|department|dept|desk|line|office|"
    r"counter|manager|supervisor|colleague|advis[eo]r|nurse|pharmacy|pharmacist|workshop|reception|accounts|billing|"
    r"support|specialist|agent|someone|somebody|extension|unit|registrar|clerk|claims|collections|sales|"
    r"technician|engineer)s?\b|"
    r"\bconference (?:you |them |it )?in\b|"
    r"\b(?:while|as|and|then) (?:i|we) (?:transfer|connect|put you through)\b|"
    r"\b(?:i'll|let me|lemme|i will|i'm gonna|i'm going to|i'll just) (?:just )?(?:grab|fetch|get) (?:my|the|a|our) "
    r"(?:manager|supervisor|colleague|boss|owner|duty manager|head \w+)\b",
    # Someone else brought to the phone: "I'll put the boss on", "let me get Sam, he does the bookings", "I'll stick
    # the manager on".
    r"\b(?:i'll|let me|i will|i'm gonna|i'm going to) (?:just )?(?:put|stick|pop|get) (?:the|my|our) (?:boss|manager|"
    r"supervisor|owner|colleague|chef|mechanic|engineer|pharmacist|nurse|vet|doctor) on\b|"
    r"\b(?:i'll|let me|lemme) (?:just )?get (?!(?:you|her|him|them|it|that|this)\b)[a-z]+ on (?:for you|now)\b|"
    r"\b(?:let me|lemme) (?:just )?(?:get|grab|fetch) [a-z]+(?: on the (?:line|phone))?,? (?:he|she|they)(?:'s| is|"
    r" are| does| do| deals| handles| "
    r"sorts| knows| runs)\b",
)

# The caller is to ring again: "if you ring back after two", "you could try us again tomorrow"
_CALL_US_BACK = re.compile(r"\b(?:if you|you can|you could|you'll (?:need|have) to|you need to|you might want to|"
                           r"best to|can you|could you|please)\s+(?:just\s+)?(?:ring|call|phone|try)\s+"
                           r"(?:us\s+|me\s+|back\s+|again\s+){1,2}(?:after|later|tomorrow|in|on|at|before|next|this|when|once|monday|tuesday|"
                           r"wednesday|thursday|friday|saturday|sunday)\b", re.I)

_CALLBACK = _alternatives(
    # They will call back: "we'll ring you back", "I'll get back to you", "we'll be in touch".
    r"\b(?:call|ring|phone|bell|buzz) (?:you|ya|ye|her|him|them) back\b|\b(?:give|get) (?:you|her|"
    r"him|them) a (?:call|ring|bell|buzz)\b|\bget back to (?:you|her|him|them)\b|\b(?:call|ring)"
    r" (?:you|her|him|them) (?:when|once|as soon|later|tomorrow|in)\b|\bgive you a (?:call|"
    r"ring|bell)\b|\bcall you\b|\b(?:will|'ll) (?:be in )?(?:contact|phone|ring|call|email|text) "
    r"(?:you|her|him|them|the number|back)\b|\b(?:will|'ll) be in (?:touch|contact)\b",
    # As other Englishes say it: "give you a shout back", "flick her a call back", "reach out", "I'll bell you".
    r"\b(?:give|flick) (?:you|her|him|them) a (?:shout|call|ring|bell|buzz) back\b|"
    r"\breach out\b|\bbell (?:you|her|him|them)\b|\bshout back\b|\bcome back to (?:you|her|him|them)\b",
    # Answering later by other means: "I'll revert to you", "I'll whatsapp you back", "email her back".
    r"\brevert (?:back )?to (?:you|her|him|them)\b|"
    r"\b(?:whatsapp|text|message|email|e-mail|msg) (?:you|her|him|them) back\b",
    # The caller is to ring again (_CALL_US_BACK).
    _CALL_US_BACK.pattern,
    # Someone else will call: "I'll get him to call you after his round", "she'll ring you back".
    r"\b(?:i'll|we'll|i will|we will) (?:get|have|ask) (?:\w+ ){1,2}(?:to )?(?:call|ring|"
    r"phone|text|email|contact|bell) (?:you|her|him|them)\b|"
    r"\b(?:she|he|they)(?:'ll| will) (?:call|ring|phone|text|bell) (?:you|her|him|them)\b",
    # A callback arranged: "I'll arrange a call back", "I'll have someone get in touch with you".
    r"\barrange (?:a|for a) call ?back\b|\b(?:i'll|we'll) (?:get|have|ask) (?:\w+ ){1,2}"
    r"(?:to )?(?:holler at|get in touch with|reach out to|contact) (?:you|her|him|them)\b",
    # In clipped grammar: "I phone you when the part come", "we text you once it's ready".
    r"\b(?:i|we) (?:phone|call|ring|text|message) (?:you|her|him|them)(?: or (?:call|phone|ring|text))? "
    r"(?:when|once|as soon as|after|later|tomorrow)\b",
    # A call to come from someone else: "the surveyor'll ring to arrange a visit", "you'll get a call from the team".
    r"\b(?:\w+'ll|\w+ will) (?:ring|call|phone|contact) (?:you |her |him |them )?to (?:arrange|book|confirm|sort|"
    r"set up|go through)\b|\b(?:will|'ll) (?:call|ring|phone|text) (?:you |her |him |them )?(?:when|once|as soon as|"
    r"about|around)\b(?! (?:i'm|he's|she's|they're|we're|i am|he is|she is|they are) on (?:my|his|her|their|our|the) "
    r"way)|\b(?:i'll|we'll) (?:get|have|ask) (?:the |my |our )?\w+ (?:to )?(?:call|ring|phone) back\b|\b(?:you'll|"
    r"she'll|he'll|they'll|you will|she will|he will|they will) (?:get|receive) a "
    r"(?:call|ring|phone call) (?:from|back)\b",
)
