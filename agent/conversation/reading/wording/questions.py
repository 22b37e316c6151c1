"""The wordings of requests and read-backs: asking for a detail (ask_fact), and a detail said back to be
confirmed (ask_confirm)."""

from __future__ import annotations

import re

from agent.conversation.reading.wording import _alternatives

_REQUEST = _alternatives(
    # Asking for something: "can I take", "could you give me", "I'll need", "let me get", "please".
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
    # "you have the booking number?", "and you got your reference": a request in a statement's form.
    r"(?:^|,\s*)(?:(?:and|so|ok|okay|right)[,]?\s+)*you (?:have|got) (?:the |your |a |an |her |his |their )?"
    r"(?:[\w'-]+ ){0,2}(?:number|reference|ref|code|ticket|card|id|details)\b(?!\s*(?:is|\d))",
)

_CONFIRM_TAG = _alternatives(
    # A tag asking for a yes: "right", "correct", "is that right", "isn't it", "okay" ending the line.
    r"(?:\b(?:right|correct|yeah|yes|yep|is that right|is that correct|am i right|"
    r"just to confirm|isn't it|confirm that matches[\w' ]*|does that match[\w' ]*|"
    r"is that what you(?:'ve| have) got|is it|innit|ok|okay)\s*[?.!]*\s*$)",
    # "wasn't it", "didn't she", "aye", "is what you're saying" ending the line.
    r"\b(?:wasn't it|weren't they|didn't (?:she|he|you)|aye|"
    r"is what you're saying)\s*[?.!]*"
    r"\s*$",
)

_CONFIRM_OPEN = _alternatives(
    # A read-back opening: "so that's", "just to confirm", "you said", "is that still", "is it still the right email".
    r"^(?:(?:and|so|ok|okay|right|sorry|just)[,]?\s+)*(?:so (?:that's|that is|it's|we're|"
    r"you're|you said)|just to (?:confirm|check|double check)|just checking|so you (?:want|need|"
    r"mean)\b[^.?!]{1,40},? not|can i (?:just )?(?:check|confirm|"
    r"double check)|to confirm|you said|is that (?:still|the|for|booked under|under)|"
    r"is it still|and (?:that's|is that)|(?:and )?(?:is|are) (?:she|he|it|that|"
    r"they) still|(?:and )?(?:it's|that's|she's|he's) still|so it (?:was|is)|so it's)\b|"
    r"\bstill the (?:right|correct|best|same) (?:email|number|address|contact|one)\b",
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
    r"(?:the |a |an )?\w+",
)

# A line that says back something known ("that's ...", "she's ...", "you mentioned ..."), and a confirming tag
# with a few words of detail after it ("... yeah, the 500", "... wasn't it, no kids").
_RESTATES = re.compile(r"^(?:(?:and|so|okay|ok|right|wait|sorry)[,]?\s+)*(?:that's|that is|that was|it's|it is|"
                       r"it was|she's|he's|they're|there's|you mentioned|you said)\b", re.I)
_TAG_THEN_MORE = re.compile(r"\b(?:yeah|right|wasn't it|isn't it|is that right|correct)\b,?(?:\s+[\w']+){1,5}\W*$",
                            re.I)
# A question about the one we call for, their state or what they have: "does she have", "is he registered",
# "has she got", "does she wear" (not "would she like", "does she want": a preference is a choice, a question).
_ABOUT_THEM = re.compile(r"^(?:(?:and|so|ok|okay|right|sorry|also|then|now|just|oh|well)[,]?\s+)*"
                         r"(?:(?:does|did|is|was|has|have|had) (?:she|he|they|the patient|the pet|the dog|the cat|"
                         r"anybody|anyone|somebody|someone|"
                         r"your (?:mum|mom|dad|husband|wife|son|daughter|boss|client)) (?:have|had|got|wear|take|"
                         r"use|suffer|registered|allergic|insured|covered|a member|already|ever|been|currently|on "
                         r"any|any|injured|hurt)|(?:anybody|anyone) (?:in (?:the|your|her|his) (?:party|group|"
                         r"family) )?(?:got|have|has|need|needs))\b", re.I)
# Wanting, liking, choosing: a question with one of these asks for a choice, not a fact.
_PREFERENCE = re.compile(r"\b(?:like|want|wants|prefer|prefers|rather|fancy|keen|happy to|wish|interested|"
                         r"preference|preferred|choose|option|normally with|usually with)\b", re.I)
