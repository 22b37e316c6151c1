"""Completion words that report no completion: negated or conditional, for later, a message passed on, taken
back in the same breath, or a state they cannot change."""

from __future__ import annotations

import re

from agent.conversation.reading.wording import _alternatives
from agent.conversation.reading.wording.unavailable import SERVICE_STOPPED

# Words in a completion or just before it that negate or condition it ("not booked yet", "should be confirmed").
_DONE_BLOCK = re.compile(r"(?:\bnot|n't|\bcannot|\bunable|\bnever|\bno|\bonce|\bif|\bunless|\bpending|"
                         r"\bas soon as|\bwhen|\bwhile|\bwhilst|\bwhether|\byet|\bshould|\bwould|\bmight|\bcould|\bcan|"
                         r"\bneed|\bneeds|"
                         r"\bwant|\bwants|"
                         r"\btry|\btrying|\bhope|\bhopefully|\bprobably|\bmaybe|\bbefore i|\bbefore we|\bfully|"
                         r"\balready|"
                         # a rule about any such thing: "valid for twelve months from the date it's issued"
                         r"\b(?:from|after|since|of) the (?:date|day|moment)|"
                         # a step still to come: "it must be stamped before it is processed"
                         r"\b(?:before|until|till)(?: (?:it|that|this|they|she|he|you|the \w+))?$)\b",
                         re.I)
# Words just after a completion that make it conditional ("... booked once the deposit clears").
_DONE_AFTER_BLOCK = re.compile(r"\b(?:once|if|unless|as soon as|pending|provided|subject to|because of|due to|"
                               r"in pencil|provisional(?:ly)?|tentative(?:ly)?|but (?:i|we) (?:can't|cannot|can not|"
                               r"won't|still need|need)|but (?:it|that|this|she|he|they) (?:still )?(?:needs?|has to|"
                               r"have to|must|will need|'ll need)|but (?:you|she|he|they) (?:will|'ll|must|need to|"
                               r"have to|has to) pay|"
                               # only part of it: "one is ready, the other one is waiting on the doctor"
                               r"the other (?:one |ones |bit |part |half )?(?:is|are|'s|isn't|aren't|still|needs?|"
                               r"has|hasn't|will|won't)|"
                               r"until (?:we|i|you|"
                               r"the|it|she|he)|till (?:we|i|you|the|it|she|he))\b", re.I)

# What the code is for, not a condition on the booking: "the job number is 3308 if he needs to ring about it".
_FOR_LATER_USE = re.compile(r"\bif (?:he|she|you|they) (?:needs?|wants?|has|have|ever) (?:to )?(?:ring|call|phone|"
                            r"contact|change|cancel|ask|quote|chase|query|get in touch)\b|\bif (?:he|she|you|they) "
                            r"(?:rings?|calls?|phones?) (?:back|us|about)\b")

_CONFIRMED_LATER = _alternatives(
    # The confirmation is still to come: "once that's completed the reservation is confirmed", "as soon as the form's
    # back you're booked in", "you'll get the confirmation email once that's paid", "it's confirmed once the deposit
    # clears". A completion word anywhere in such a line is about the future.
    r"\b(?:once|as soon as|until|till|unless|pending|provided|after)\b[^.?!]{0,80}?\b(?:confirm(?:ed|ation|s)?|"
    r"booked|reserved|secured|guaranteed|held|locked in|finali[sz]ed)\b|"
    r"\b(?:confirm(?:ed|ation)|secured|guaranteed|finali[sz]ed)\b[^.?!]{0,50}?\b(?:once|as soon as|until|unless|"
    r"pending|provided)\b|"
    # Said outright anywhere in the line: "I've put her on the waitlist, but it's not a booking yet".
    r"\b(?:not|isn't|is not|'s not|aren't|are not|'re not|nothing's|nothing is) (?:a |an |actually |fully |properly |"
    r"officially )?(?:booking|booked|confirmed|reserved|reservation|guaranteed|definite|final|finali[sz]ed|secured|"
    r"locked in)\b|\bonly (?:pencilled|penciled|provisional|tentative)",
    # Nothing done yet, said of the whole: "nothing's actually been set up yet", "it's not been checked yet".
    r"\b(?:sent|gone|passed) (?:\w+ ){0,4}for (?:signing|signature|approval|sign[- ]off|authori[sz]ation|checking|"
    r"review)\b|\bbut (?:an? |the )?[\w']+ (?:still )?(?:has|have|needs?|will need|must) to (?:approve|sign|"
    r"confirm|authori[sz]e|check|okay|ok|agree)\b|"
    r"\bnothing(?:'s| is| has)? (?:\w+ ){0,2}(?:been )?(?:set up|booked|confirmed|done|changed|processed|cancelled|"
    r"sent|arranged)\b|\bnot (?:been )?(?:checked|approved|processed|signed off|authori[sz]ed|verified|cleared) yet\b",
)

# A message passed on, not the request done: "I've put a note on the system for the manager", "I've logged a
# callback request", "I've sent it through to the team to look at".
_NOTE_LEFT = re.compile(r"\b(?:put|left|made|logged|added|popped|stuck|sent|passed|raised|taken)\s+(?:a|the|your)?\s*"
                        r"(?:note|message|request|ticket|memo|callback|call back|query|enquiry|"
                        r"details? (?:through|on))\b"
                        r"|\b(?:passed|sent|forwarded) (?:it|that|this|them) (?:on|through|over)\b")

# A standing state of the business, not our request done: "we've stopped doing the lunch deal", "delivery's stopped
# for tonight", "gratuities are added automatically", "the deposit's held with the DPS".
_STANDING = re.compile(SERVICE_STOPPED + r"|\b(?:automatically|as standard|by default|routinely)\b|"
                       r"\b(?:deposit|money|funds)(?:'s| is| are) (?:held|protected|kept)\b")

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

# "I can't move the appointment, it's locked in": the fixed state they cannot change, not our request done.
_CANT_CHANGE = re.compile(r"\b(?:can't|cannot|can not|unable to|won't be able to|not able to) (?:\w+ )?(?:move|change|"
                          r"cancel|shift|swap|amend|rebook)\b[^.?!]*\b(?:it's|its|it is|that's|that is) (?:all )?"
                          r"(?:locked in|fixed|set in stone)\b")
