"""Reading a phone menu from Whisper's transcript: its options, what it asks to key in, and what it announces.

Pure: `parse_menu(text)` -> Menu; text it cannot read gives an empty Menu, never an exception.

Whisper's text of a phone tree has no reliable punctuation, writes keys as digits or words ("press one",
"press number 1", "pound", "the hash key", "star"), mishears some of them ("press to for billing" is two, "press
for for hours" is four) and runs the options together ("for sales press 1 for service press 2"). So options are
found from their keys ("press 1", "dial 0", "or 2 to ...") and each key is given the words on one side of it:
before it ("for billing, press 1") or after it ("press 1 for billing"). The side is chosen for the whole menu at
once (a short Viterbi pass over the text between keys), so a menu may switch sides once ("press 3 for baggage,
to speak with an agent press 0") but a stray period does not split a label from its key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from agent.conversation.entities import number_words
from agent.line.cues import STRONG_PERSON_CUES, cues_in
from agent.menu.entry import Entry, parse_entry

KEY_WORDS = {"zero": "0", "oh": "0", "one": "1", "won": "1", "two": "2", "too": "2", "three": "3", "four": "4",
             "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_KEY = r"(?:[0-9*#]|zero|oh|one|won|two|too|three|four|five|six|seven|eight|nine)"
_BARE_KEY = r"(?:[0-9]|zero|one|two|three|four|five|six|seven|eight|nine)"
_VERB = r"(?:press(?:ed|ing)?|push|hit|dial|select|choose|enter|touch)"
# Not a key: a count ("enter the five digit code"), a duration, a longer number ("dial 911", "9-1-1").
_NOT_KEY_AFTER = r"(?![\w'])(?!\s*-?\s*\d)(?!\s*-?\s*(?:digits?|characters?|letters?|numbers?|minutes?|seconds?|" \
                 r"hours?|times?|or more)\b)"
_WORDS_AFTER = r"(?:\s*,?\s*or\s+say\s+['\"]?(?P<words>[a-z][\w' ]{0,30}?)['\"]?(?=\s*[.,;!?]|\s+(?:for|to|if|press|" \
               r"at any time)\b|\s*$))?"
_ANCHOR = re.compile(
    rf"\b(?P<verb>(?:say or )?{_VERB}(?: or say)?)\s+(?:the\s+)?(?:number\s+|option\s+|the\s+number\s+)?"
    rf"(?P<key>{_KEY})(?:\s+key|\s+button)?{_NOT_KEY_AFTER}"
    rf"(?P<more>\s*,?\s*or\s+(?:press\s+)?{_KEY}{_NOT_KEY_AFTER})?{_WORDS_AFTER}"
)
# Whisper writes "press two" as "press to" and "press four" as "press for" when a label or a pause follows.
_MISHEARD = re.compile(r"\b(?P<verb>press(?:ed)?|dial)\s+(?P<key>to|for)(?=\s+(?:for|to|if|or)\b|\s*[.,;!?]|\s*$)")
_MISHEARD_KEYS = {"to": "2", "for": "4"}
# "..., 2 to lock the conference, or 8 to exit": keys listed after a "press 1 to ..." without the verb again.
_BARE = re.compile(
    rf"(?:(?<=[,.;])|\bor\b|(?<=\s))\s*(?P<key>{_BARE_KEY})(?P<more>[.,]?\s*or\s*[.,]?\s*{_BARE_KEY})?[.,]?\s+"
    rf"(?=(?:to|for|if)\s+(?!\d|{_BARE_KEY}\b))"
)
_NOT_BEFORE_BARE = re.compile(r"\b(?:from|between|through|until|till|and|at|is|are|of|number|than|about|"
                              r"approximately|the|only|caller|under|over|by|in|within|after|before|up|around)\s*$")
_BOUNDARY = re.compile(r"[.;!?]+|\b\d{3,}\b")  # a sentence end, or a long number ("dial 911") that ends a clause
# A label's first word; "to" only before a verb ("to pay", not "changes to an existing booking").
_STARTER = re.compile(rf"\b(?:for|if|when|regarding|about|to(?!\s+(?:a|an|the|your|our|my|this|that|these|those|his|"
                      rf"her|their|its?|them|him|me|us|you|one|all|any)\b))\b(?!\s*(?:\d|{_BARE_KEY}\b))")
_INTRO = re.compile(r"\b(?:thank you for calling|thanks for calling|thank you for choosing|welcome to|you've reached|"
                    r"you have reached|youve reached|you reached|this is)\b")
_LABEL_END = re.compile(r"\b(?:or |please )?(?:stay on the line|remain on the line|continue to hold|please hold|"
                        r"otherwise|if you know|you (?:can|may) (?:also )?(?:say|press|dial))\b.*$")
_FILLER = re.compile(r"^(?:now|please|or|and|then|just|simply|you can|you may)\b\s*|\s*\b(?:now|please|press|or|"
                     r"and|just|at any time|anytime)$")
_LEFTOVER_KEY = re.compile(r"\b(?:press(?:ed)?|dial)\b|\b(?:one|two|three|four|five|six|seven|eight|nine|zero|\d)\s*$")
_REPEAT = re.compile(r"\b(?:repeat|hear)\b.*\b(?:menu|options|again|choices|selections)\b|"
                     r"^repeat(?: this| that| these)?$")
_OPERATOR = re.compile(
    r"\b(?:representative|operator|associate|attendant|receptionist|customer (?:service|care|support)|front desk|"
    r"live (?:person|agent)|a person|someone|somebody|human|team member|member of (?:our|the) (?:team|staff)|"
    r"staff member|our staff|agent|agents)\b|\b(?:speak|talk)\s+(?:to|with)\b(?!.*\bperson you)"
)
_CATCH_ALL = re.compile(r"\b(?:all other|any other|anything else|everything else|all others|other (?:questions|"
                        r"inquiries|enquiries|calls|matters|requests)|general (?:questions|inquiries|enquiries)|"
                        r"not listed)\b")
_SKIP = re.compile(r"\b(?:don't|dont|do not|didn't|did not) (?:have|know)\b|\botherwise\b|\bnot a member\b|"
                   r"\bcan't find\b|\bcannot find\b")
_SAY_LIST = re.compile(r"\b(?:please |you can |you may |just |simply )?(?:also )?say\b(?! or\b| your\b| it\b| the "
                       r"(?:name|number)\b| my\b)[,:]?\s*(?:things like|something like|for example|either|a word like)?"
                       r"[,:]?\s*(?P<list>[^.;!?]+)")
_FREE_SPEECH = re.compile(
    r"\bin (?:a|one) (?:few|couple of|short) (?:words|sentence)\b|\bbriefly (?:tell|describe|say|explain)\b|"
    r"\b(?:tell me|say) (?:briefly )?(?:what you(?:'re| are) calling (?:about|for)|why you(?:'re| are) calling|"
    r"the reason for your call|how (?:i|we) can help)\b|\bwhat(?:'s| is) the reason for your call\b|"
    r"\bdescribe (?:the|your) (?:reason|problem|issue)\b")
_INVALID = re.compile(
    r"\bnot (?:a )?valid\b|\binvalid\b|\b(?:didn't|did not|couldn't|could not) (?:get|catch|understand|hear|"
    r"recogni[sz]e|find|receive)\b|\bnot (?:recogni[sz]ed|understood)\b|\bincorrect\b|\bno (?:input|entry|selection|"
    r"response) (?:was )?(?:received|detected|made)\b|\bi'?m having trouble (?:understanding|hearing)\b|"
    r"\bi didn't hear\b|\bnot an? (?:option|choice)\b|\bwas not (?:a |an )?(?:valid|correct)\b")
_TRANSFER = re.compile(
    r"\btransfer(?:ring)? (?:you|your call|the call)\b|\b(?:being|be|been) transferred\b|\btransferring you\b|"
    r"\blet me transfer\b|\b(?:hold|wait) while (?:i|we) (?:transfer|connect|"
    r"try|attempt|locate|put you through|find)\b|\bconnect(?:ing)? (?:you|your call)\b|\bput(?:ting)? you through\b")
_HOLD = re.compile(
    r"\b(?:stay|remain) on the line\b|\b(?:please|kindly) (?:continue to )?hold\b(?! while (?:i|we)\b)|"
    r"\banswered in\b|\bcontinue (?:to )?hold\b|"
    r"\bcall is (?:very )?important\b|\banswered in (?:the )?order\b|\b(?:estimated|expected|approximate|current) "
    r"(?:wait|hold)\b|\bwait(?:ing)? times?\b|\bhold time\b|\ball (?:of )?our (?:\w+ )?(?:agents|representatives|"
    r"operators|staff|team members|associates|lines)\b|\bnext available\b|\b(?:high|higher|heavy|unusually high) "
    r"(?:call )?volume\b|\byou are (?:currently )?(?:caller )?(?:number|next)\b|\bcallers? ahead of you\b|\bin the "
    r"queue\b|\bfirst in line\b|\bthank you for (?:holding|waiting|your patience)\b|\bwill be with you\b")
_CLOSING = re.compile(
    r"\bgood ?-?bye\b|\b(?:office|offices|store|clinic|we|we're|we are|practice|building|line) (?:is |are )?"
    r"(?:now |currently )?closed\b|\bcurrently closed\b|\b(?:please|try your|kindly) call (?:us )?(?:back|again)\b|"
    r"\bcall (?:us )?back (?:during|later|tomorrow)\b")
_WAIT = re.compile(
    r"\b(?:wait|hold)(?:ing)? times? (?:is|are|of|will be|may be|may exceed|could be|exceeds?|currently)?[\w ]{0,30}?"
    r"(?P<n>\d+(?:\.\d+)?|an?)\s*(?P<unit>seconds?|minutes?|mins?|hours?)\b|\b(?:answered|with you) in "
    r"(?:approximately |about |around |less than |under )?(?P<n2>\d+|an?)\s*(?P<unit2>seconds?|minutes?|hours?)\b|"
    r"\b(?:expected|estimated) wait (?:is|of)[\w ]{0,20}?(?P<n3>\d+|an?)\s*(?P<unit3>seconds?|minutes?|hours?)\b")
_UNIT_S = {"second": 1, "minute": 60, "min": 60, "hour": 3600}


@dataclass(frozen=True)
class Option:
    """One branch of a menu: the key to press (or "" when it is offered only as words to say) and what it is for."""

    key: str  # "0"-"9", "*", "#", or "" for a speech-only option
    words: str = ""  # what to say for it when the menu takes speech ("reservations"), "" when none was offered
    label: str = ""  # its description in the prompt ("changes to an existing reservation")
    operator: bool = False  # a route to a person (representative, agent, operator, front desk, "speak to someone")
    catch_all: bool = False  # "all other questions": a weak fallback, not a person
    skip: bool = False  # the way past a request ("if you don't have your account number, press star")
    doubtful: bool = False  # its label may hold a lost option's words: next to a missing key, or with key words left


@dataclass(frozen=True)
class Menu:
    """What one prompt offers and says. Empty (no options, no entry, no flag) when the text is no menu."""

    options: tuple[Option, ...] = ()
    entry: Entry | None = None  # a request to key data ("enter your account number followed by pound")
    speech: bool = False  # spoken answers are taken ("say billing", "you can say ...", "say or enter")
    free_speech: bool = False  # it asks in words what the call is about ("in a few words, tell me ...")
    repeat_key: str = ""  # the key that repeats the menu ("to repeat these options press 9")
    invalid: bool = False  # the last input was refused ("that is not a valid option", "I didn't get that")
    transfer: bool = False  # "please hold while I transfer you"
    hold: bool = False  # a queue or hold announcement ("please stay on the line", "all our agents are busy")
    wait_s: float | None = None  # an announced wait ("approximately 5 minutes" -> 300.0)
    closing: bool = False  # "goodbye", "our offices are closed"
    incomplete: bool = False  # a key between two heard keys is missing ("press 1 ... press 3"): an option was lost

    def is_empty(self) -> bool:
        """Nothing a menu would say: no option, no request, no announcement."""
        return not (self.options or self.entry or self.speech or self.free_speech or self.invalid or self.transfer
                    or self.hold or self.wait_s is not None or self.closing)


@dataclass(frozen=True)
class _Anchor:
    start: int
    end: int
    keys: tuple[str, ...]
    words: str = ""
    speech: bool = False


def parse_menu(text: str) -> Menu:
    """The menu in a transcript; an empty Menu when there is none or the text cannot be read."""
    try:
        return _parse(text or "")
    except Exception:  # noqa: BLE001 - a prompt never stops the call; unreadable text is no menu
        return Menu()


def _parse(text: str) -> Menu:
    t = prepare(text)
    entry = parse_entry(t)
    anchors = _drop_terminators(_anchors(t), t, entry)
    options, incomplete = _label_anchors(t, anchors)
    options += [o for o in _spoken_options(t) if not any(o.words == p.words for p in options)]
    repeat = next((o.key for o in options if o.key and _REPEAT.search(o.label)), "")
    options = _dedupe([o for o in options if not (repeat and o.key == repeat and _REPEAT.search(o.label))])
    speech = bool(any(o.words for o in options) or _SAY_LIST.search(t) or (entry and entry.speech))
    free = bool(_FREE_SPEECH.search(t))
    hold = bool(_HOLD.search(t)) and (not options or bool(re.search(r"\bcontinue to hold\b", t)))
    hold = hold and not cues_in(text) & STRONG_PERSON_CUES  # "thanks for holding, how can I help?" is a person
    return Menu(
        options=tuple(options), entry=entry, speech=speech or free, free_speech=free, repeat_key=repeat,
        invalid=bool(_INVALID.search(t)), transfer=bool(_TRANSFER.search(t)), hold=hold, wait_s=_wait_s(t),
        closing=bool(_CLOSING.search(t)), incomplete=incomplete,
    )


def prepare(text: str) -> str:
    """Lowercase, one space between words, and the keys' names as symbols ("the pound key" -> "#")."""
    t = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    t = re.sub(r"\s+", " ", t).strip()
    t = re.sub(r"\b(?:the )?(?:number sign|hash ?tag|octothorpe)\b", "#", t)
    t = re.sub(r"\b(?:the )?(?:pound|hash)(?: key| sign| button| symbol)?\b(?!s)", "#", t)
    t = re.sub(r"\b(the )?(star|asterisk)( key| sign| button| symbol)?\b",
               lambda m: "*" if m.group(3) or _key_context(t, m.start()) else m.group(0), t)
    return t


def _key_context(t: str, at: int) -> bool:
    """A word like "star" names a key after press/by/or/then ("press star", "followed by star")."""
    return bool(re.search(r"\b(?:press(?:ed|ing)?|push|hit|dial|by|or|then|and|touch)\s+(?:the\s+)?$", t[:at]))


def _key(token: str) -> str:
    return KEY_WORDS.get(token, token)


def _anchors(t: str) -> list[_Anchor]:
    """Every key offered: "press 1", "say or press 2", "press to" (two), and "2 to ..." in a list of keys."""
    found: list[_Anchor] = []
    for m in _ANCHOR.finditer(t):
        keys = [_key(m.group("key"))]
        if m.group("more"):
            keys.append(_key(re.findall(_KEY, m.group("more"))[-1]))
        speech = "say" in m.group("verb")
        found.append(_Anchor(m.start(), m.end(), tuple(keys), (m.group("words") or "").strip(), speech))
    for m in _MISHEARD.finditer(t):
        if not any(a.start <= m.start() < a.end for a in found):
            found.append(_Anchor(m.start(), m.end("key"), (_MISHEARD_KEYS[m.group("key")],)))
    found.sort(key=lambda a: a.start)
    listed = [a for a in found if re.match(r"\s+(?:to|for|if)\b", t[a.end:])]
    if listed:  # "press 1 to mute, 2 to lock, or 8 to exit": the list goes on without the verb
        first = listed[0].start
        for m in _BARE.finditer(t, first):
            start = m.start("key")
            if any(a.start <= start < a.end for a in found) or _NOT_BEFORE_BARE.search(t[:start]):
                continue
            keys = [_key(m.group("key"))] + ([_key(re.findall(_BARE_KEY, m.group("more"))[-1])] if m.group("more")
                                             else [])
            found.append(_Anchor(start, m.end(), tuple(keys)))
        found.sort(key=lambda a: a.start)
    return found


def _drop_terminators(anchors: list[_Anchor], t: str, entry: Entry | None) -> list[_Anchor]:
    """"... account number, then press the # key": the terminator of a request, not an option."""
    if entry is None:
        return anchors
    return [a for a in anchors if not (a.keys[0] in "#*" and re.search(r"\b(?:then|and|followed by|and then)\s*$",
                                                                       t[: a.start]))]


# ---- labels: which side of each key its words are on ----------------------------------------------------------

def _label_anchors(t: str, anchors: list[_Anchor]) -> tuple[list[Option], bool]:
    """The options, and whether a key is missing between heard ones (the transcript lost an option)."""
    if not anchors:
        return [], False
    segments = [t[: anchors[0].start]]
    segments += [t[a.end : b.start] for a, b in zip(anchors, anchors[1:], strict=False)]
    segments.append(t[anchors[-1].end :])
    sides = _choose_sides(segments)
    options = []
    for i, anchor in enumerate(anchors):
        prev_after = i > 0 and sides[i - 1] == "after"
        next_before = i + 1 < len(anchors) and sides[i + 1] == "before"
        labels = {"before": _split(segments[i], before=True, after=prev_after)[1],
                  "after": _split(segments[i + 1], before=next_before, after=True)[0]}
        side = sides[i]
        if not labels[side].strip():  # this key's words are on the other side after all
            side = "after" if side == "before" else "before"
        label, words = _clean_label(labels[side])
        words = anchor.words or words or (_spoken_key(anchor.keys[0]) if anchor.speech else "")
        for key in anchor.keys:
            options.append((_option(key, words, label), side))
    heard = {int(o.key) for o, _ in options if o.key in "12345678" and o.key}
    missing = {k for k in range(2, 9) if k not in heard and k - 1 in heard and k + 1 in heard}
    return [replace(o, doubtful=_doubtful(o, side, missing)) for o, side in options], bool(missing)


def _doubtful(option: Option, side: str, missing: set[int]) -> bool:
    """Its words may belong to an option whose key Whisper lost: the key next to it on its label's side is missing,
    or the label still holds key words ("... press you speak with ...", "... for catering fast three")."""
    if _LEFTOVER_KEY.search(option.label):
        return True
    if not option.key.isdigit():
        return False
    neighbour = int(option.key) - 1 if side == "before" else int(option.key) + 1
    return neighbour in missing


_STOP_AFTER_KEY = re.compile(r"\s*[.!?]")  # the key ends its sentence
_STOP_BEFORE_KEY = re.compile(r"[.!?]\s*$")  # the key's verb starts a sentence
_PUNCTUATION_WEIGHT = 0.5


def _choose_sides(segments: list[str]) -> list[str]:
    """Each key's label side ("before"/"after"), the best-scoring reading of the whole menu (Viterbi, 2 states)."""
    n = len(segments) - 1  # anchors
    sides = ("before", "after")
    # A full stop is strong evidence where Whisper writes one: "... transfer service, press 3. For billing ..."
    # closes key 3's sentence (its words came before it), and "... service. Press 3 for billing" opens one.
    against = [{"after": _STOP_AFTER_KEY.match(segments[i + 1]) is not None,
                "before": _STOP_BEFORE_KEY.search(segments[i]) is not None} for i in range(n)]

    def punctuation(i: int, side: str) -> float:
        return -_PUNCTUATION_WEIGHT if against[i][side] and not against[i]["after" if side == "before" else "before"] \
            else 0.0

    best: dict[str, tuple[float, list[str]]] = {}
    for side in sides:  # segment 0 holds only anchor 0's "before" label, or leftover intro
        head, tail = _split(segments[0], before=side == "before", after=False)
        value = _quality(tail) if side == "before" else -_leftover(_strip_intro(segments[0]), at_end=True)
        best[side] = (value + punctuation(0, side), [side])
    for i in range(1, n):
        step: dict[str, tuple[float, list[str]]] = {}
        for side in sides:
            options = []
            for prev in sides:
                uses_head, uses_tail = prev == "after", side == "before"
                head, tail = _split(segments[i], before=uses_tail, after=uses_head)
                value = best[prev][0] + (_quality(head) if uses_head else 0.0) + (_quality(tail) if uses_tail else 0.0)
                if not uses_head and not uses_tail:
                    value -= _leftover(segments[i], at_end=False)
                if prev != side:
                    value -= 0.3
                if uses_head and uses_tail and head and tail and not _BOUNDARY.search(segments[i].strip(" ,.;!?")):
                    value -= 0.2  # split a run-on stretch at a "for"/"to": plausible, but less than a full stop
                options.append((value + punctuation(i, side), best[prev][1] + [side]))
            step[side] = max(options, key=lambda o: o[0])
        best = step
    final = []
    for side in sides:
        head, _ = _split(segments[n], before=False, after=side == "after")
        value = best[side][0] + (_quality(head) if side == "after" else -_leftover(segments[n], at_end=False))
        final.append((value, best[side][1]))
    return max(final, key=lambda o: o[0])[1]


def _split(segment: str, before: bool, after: bool) -> tuple[str, str]:
    """(head, tail) of the text between two keys: head labels the key before it, tail the key after it."""
    s = segment.strip(" ,.;!?\"'")
    if after and not before:
        head = _BOUNDARY.split(s, maxsplit=1)[0]
        return _LABEL_END.sub("", head).strip(" ,"), ""
    if before and not after:
        tail = _tail(_BOUNDARY.split(s)[-1])
        return "", tail
    if not (before and after):
        return "", ""
    parts = _BOUNDARY.split(s)
    if len(parts) > 1:
        return _LABEL_END.sub("", parts[0]).strip(" ,"), _tail(parts[-1])
    starts = [m.start() for m in _STARTER.finditer(s) if m.start() > 0]
    if not starts:
        return s, ""
    cut = starts[-1]
    return s[:cut].strip(" ,"), s[cut:].strip(" ,")


def _tail(clause: str) -> str:
    """A "before" label: from the clause's first "for"/"to"/"if" (after any greeting), else the whole clause."""
    clause = _strip_intro(clause)
    m = _STARTER.search(clause)
    text = clause[m.start() :] if m else clause
    words = text.split()
    return " ".join(words[-14:]).strip(" ,")


def _strip_intro(text: str) -> str:
    return _INTRO.sub(" ", text)


def _quality(label: str) -> float:
    """A label that starts like one ("for billing", "to pay") is best; an empty one is worst."""
    label = _FILLER.sub("", label.strip(" ,")).strip()
    if not label:
        return -1.0
    return 1.0 if _STARTER.match(label) else 0.6


def _leftover(text: str, at_end: bool) -> float:
    """Penalty for label-like words that no key takes ("for support" with no key next to it)."""
    s = text.strip(" ,.;!?")
    parts = _BOUNDARY.split(s)
    piece = (parts[-1] if at_end else parts[0]).strip(" ,")
    piece = _LABEL_END.sub("", piece).strip()
    return 0.8 if piece and _STARTER.match(piece) and len(piece.split()) >= 2 else 0.0


def _clean_label(raw: str) -> tuple[str, str]:
    """The label without its lead-in ("for", "to", "if you'd like to"), and any words offered to say for it."""
    label = raw.strip(" ,.;!?\"'")
    words = ""
    m = re.search(r"\bsay\s+['\"]?([a-z][\w' ]{0,30}?)['\"]?\s+or\s*$", label)
    if m:
        words, label = m.group(1).strip(), label[: m.start()].strip(" ,")
    label = _LABEL_END.sub("", label).strip(" ,")
    for _ in range(3):
        label = _FILLER.sub("", label).strip(" ,")
    label = re.sub(r"^(?:for|to|if you(?:'d| would) like to|if you want to|if you wish to|if you need to|"
                   r"if you are calling (?:about|to|for|regarding)|if you're calling (?:about|to|for|regarding)|"
                   r"regarding|about)\s+", "", label)
    return label.strip(), words


def _spoken_key(key: str) -> str:
    return {v: k for k, v in KEY_WORDS.items() if k not in ("oh", "won", "too")}.get(key, key)


def _option(key: str, words: str, label: str) -> Option:
    text = f"{label} {words}"
    return Option(key=key, words=words, label=label, operator=bool(_OPERATOR.search(text)),
                  catch_all=bool(_CATCH_ALL.search(label)), skip=bool(_SKIP.search(label)))


def _spoken_options(t: str) -> list[Option]:
    """Options offered only as words: "please say appointments, prescriptions, or billing", "or say agent"."""
    options: list[Option] = []
    for m in _SAY_LIST.finditer(t):
        listed = m.group("list")
        if re.match(r"\s*['\"]?[\w' ]{1,30}?['\"]?\s+or\s+(?:press|dial|enter)\b", listed):
            continue  # "say billing or press 1": the words of a keyed option
        before = t[: m.start()]
        context = _BOUNDARY.split(before)[-1]
        intro = _STARTER.search(context.split(",")[-1] if context.strip() else "")
        items = [i.strip(" '\"") for i in re.split(r",|\bor\b", listed)]
        if "," not in listed:  # Whisper dropped the commas: "say appointments prescriptions billing or operator"
            items = [w for i in items for w in _unlisted(i)]
        for item in items:
            item = re.sub(r"^(?:and|the word|just|say)\s+", "", item).strip(" '\"")
            item = re.split(r"\s+(?:to|for|at any time|anytime|if|and|now)\b", item)[0].strip(" '\"")
            if not item or len(item.split()) > 5 or re.match(r"^(?:it|that|this|so|again|stay|remain|hold|continue|"
                                                             r"wait|press|dial|enter)\b", item):
                continue
            if re.fullmatch(rf"{_KEY}(?:\s+{_KEY})*", item):
                continue  # "press or say 1": the key of an option read elsewhere, not words to say
            label = context.split(",")[-1][intro.start():].strip() if intro and len(items) == 1 else item
            label = _clean_label(label)[0] or item
            options.append(_option("", item, label))
    return options


def _unlisted(item: str) -> list[str]:
    """Three or more bare words said as a list without commas are that many options; a phrase is kept."""
    words = item.split()
    if len(words) >= 3 and not any(w in _LIST_GLUE for w in words):
        return words
    return [item]


_LIST_GLUE = {"and", "of", "the", "to", "a", "an", "for", "my", "your", "on", "in", "with", "about", "at", "new"}


def _dedupe(options: list[Option]) -> list[Option]:
    """One option per key (Whisper sometimes repeats a sentence); the first reading wins."""
    seen: set[str] = set()
    out = []
    for o in options:
        ident = o.key or f"say:{o.words}"
        if ident in seen:
            continue
        seen.add(ident)
        out.append(o)
    return out


def _wait_s(t: str) -> float | None:
    """An announced wait in seconds ("the current wait time is approximately five minutes" -> 300.0)."""
    text = number_words(t)
    m = _WAIT.search(text)
    if not m:
        return None
    n = m.group("n") or m.group("n2") or m.group("n3")
    unit = m.group("unit") or m.group("unit2") or m.group("unit3")
    value = 1.0 if n in ("a", "an") else float(n)
    return value * _UNIT_S[re.sub(r"s$", "", unit)]
