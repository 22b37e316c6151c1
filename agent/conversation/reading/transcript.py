"""Whisper's transcript made ready to read: fillers dropped, curly quotes straightened, bare contractions given back
their apostrophes, known mishearings put right; and a turn split into clauses."""

from __future__ import annotations

import re

from agent.conversation.reading.wording.forms import _QUESTION_OPEN, _WH_OPEN

# Hesitations and filler words, with any comma after them.
_FILLERS = re.compile(r"\b(um+|uh+|er+|erm|ah|hmm+|oya|abeg)\b(?!-)[,.]?\s*", re.I)  # (Nigerian "oya", "abeg")


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
    # Scots negatives as Whisper spells them: "we cannae take the trailer", "I wouldnae", "dinnae"
    (r"\bcannae\b", "can't"), (r"\b(could|would|should|did|do|is|was|does|wo)nae\b", r"\1n't"),
    (r"\bdinnae\b", "don't"),
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
