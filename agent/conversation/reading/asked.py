"""What one clause asks the caller, if anything: a fact (ask_fact), a confirmation (ask_confirm), a choice
(question), an offer, or small talk."""

from __future__ import annotations

import re

from agent.conversation import entities
from agent.conversation.reading.chat import _remark
from agent.conversation.reading.completion import _is_done
from agent.conversation.reading.facts import _bare_request, _confirmed_fact, _fact_cue, _leading_fact, _mentions_detail
from agent.conversation.reading.options import _has_option, _options_listed
from agent.conversation.reading.wording.forms import _QUESTION_OPEN, _VERBS, _WH_OPEN
from agent.conversation.reading.wording.hold_transfer_callback import _HOLD
from agent.conversation.reading.wording.offer import _OFFER
from agent.conversation.reading.wording.questions import _ABOUT_THEM, _CONFIRM_OPEN, _CONFIRM_TAG, _PREFERENCE, _REQUEST
from agent.conversation.reading.wording.small_talk import _SMALL_TALK
from agent.conversation.reading.wording.unavailable import _UNAVAILABLE

# A detail spelled or read back character by character, after at most a few words that name it.
_SPELLED_BACK = re.compile(r"(?:(?:ok|okay|right|and|so)[,]? )*(?:that's |that is |it's )?"
                           r"(?:(?:the|your|her|his) [\w-]+(?: [\w-]+)? is (?:spelt |spelled )?|(?:mr |mrs |ms |miss |"
                           r"dr )?[a-z]+,? (?:[a-z]{2,},? )?)?"
                           r"(?:\b(?:[a-z]|\d{1,4}|double [a-z0-9])\b[ ,.-]*){4,}")
# "I love that name": a name admired, not asked for.
_NAME_COMPLIMENT = re.compile(r"\b(?:love|lovely|nice|beautiful|gorgeous|pretty|cool|unusual|great) (?:that |the |her |"
                              r"his |your )?name\b")
_THEIR_CODE = re.compile(r"\b(?:reference|ref|confirmation|booking|order|ticket|claim|job|code|voucher|pnr|case|"
                         r"tracking)\b")


def _asked(clause: str, custom: dict[str, tuple[str, ...]], found: set[str],
           first: bool = True) -> tuple[str, str] | None:
    """(act, fact) when the clause asks the caller something; None for a statement."""
    if first and re.fullmatch(r"(?:(?:ok|okay|right|alright)[,]? )?so[,]? (?:the|your|her|his) (?:\w+ )?(?:reference|"
                              r"ref|code|number)(?: number)? is(?: [a-z0-9]{1,4}){2,}(?: (?:right|yeah|yes|correct))?"
                              r"\W*", clause):
        return "ask_confirm", "booking_reference"  # "so the booking reference is L M 4 K 8 P": said back, like "so
        # that's Friday at 8"; a reference given comes with the booking ("you're booked, the reference is ...")
    if first and "done" not in found and _SPELLED_BACK.fullmatch(clause) and not _THEIR_CODE.search(clause):
        return "ask_confirm", _confirmed_fact(clause, custom)  # "that's Ms Okafor, O K A F O R", "and the reg is Y K
        # 19 F T V": what we gave, spelled back (a reference of theirs, spelled, is given, not checked)
    tagged = bool(_CONFIRM_TAG.search(clause))
    done_clause = "done" in found and not tagged and _is_done(clause)
    if done_clause:
        pass  # "so that's Friday at 8, you're all set": a read-back that states completion
    elif "small_talk" in found and _SMALL_TALK.search(clause) and (
            not _fact_cue(clause, custom) or _NAME_COMPLIMENT.search(clause)) and not (
            "hold" in found and _HOLD.search(clause)):
        return "small_talk", ""  # (not "the system is slow today, just bear with me": that asks us to wait)
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
    if re.match(r"^(?:(?:and|so|ok|okay|right|then|also)[,]?\s+)*(?:would|do|does|did) (?:you|she|he|they) "
                r"(?:like|want|prefer|fancy) (?!to (?:give|tell|leave|provide|spell|confirm|share|add|put|read)\b|me "
                r"to (?:take|have|note|get|put|book|pencil|pop|hold|reserve|squeeze|fit)\b)", clause) or re.search(
                    r"\b(?:a |any )?special occasion\b", clause):
        return "question", ""  # "do you want the new card sent to the address on file", "is it a special occasion,
        # birthday, anniversary": their choice or the occasion, whatever detail it names
    if re.match(r"^(?:(?:and|so|ok|okay|right|um|also|just)[,]?\s+)*(?:was there|is there|any) (?:a |any )?"
                r"(?:particular |specific |main )?reason\b", clause):
        return "question", ""  # "was there any particular reason for cancelling": theirs to tell, no fact on file
    wh_inside = re.search(r"\b(?:how many|how much|what|what's|which|who|whose|when|where)\b", clause)
    gives_code = done_clause and bool(entities.code(clause))  # "and the new confirmation code is QX47TL" tells
    if fact and not gives_code and (
            wh or requested or aux or ((_bare_request(clause) or _leading_fact(clause, custom)) and not done_clause)
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
                 r"\bor\s+(?!so\b|two\b|three\b|less\b|more\b|later\b|earlier\b|thereabouts\b|longer\b)\w+\s*$",
                 clause) and (aux or wh or " or " in clause) and (
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
    if _bare_request(clause) and fact and not done_clause:
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
