"""Whisper noise (the act "unclear"): stock hallucinations, stuttered function words, a line broken off mid-phrase."""

from __future__ import annotations

import re

_HALLUCINATIONS = re.compile(r"thank you for watching|thanks for watching|subtitles by|amara\.org|"
                             r"like and subscribe|www\.|\.com\b|^(?:you\s*)+$|please subscribe", re.I)
_FUNCTION_WORDS = {"the", "a", "an", "of", "to", "for", "and", "is", "it", "on", "at", "in", "can", "that", "with",
                   "be", "or", "by", "from", "as", "this", "i", "you"}
# A request that opens as one ("can I get the the reference"): one stutter in it is a hesitation.
_REQUEST_OPEN = re.compile(r"^(?:(?:so|and|okay|ok|right|sorry)[,]? )?(?:can|could|may) (?:i|you|we) (?:get|have|take|"
                           r"give|tell|grab|check|confirm)\b")
# Fillers and pleasantries that carry no request of their own.
_EMPTY_WORDS = {"um", "uh", "er", "erm", "mm", "so", "sorry", "okay", "ok", "yeah", "if", "what", "hello", "oh", "ah",
                "just", "then", "there", "we", "he", "she", "they", "me"}
_FUNCTION_END = re.compile(r"\b(?:the|a|an|to|for|of|at|and|is|with|on|in|my|your|her|his|what's)\s*[.,]?$",
                           re.I)


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
    stutters = stutters_in(low)
    if len(words) >= 8 and function / len(words) >= 0.75 or stutters >= 1 and function / len(words) >= 0.5 and (
            stutters >= 2 or not _REQUEST_OPEN.match(low)):
        return True  # "the bin of a of the collection can the of it for"
    # ("the in-laws", "plan a is fine", "the a la carte", "it's the, you know, the blue one" read fine.)
    # (One "the the" is a hesitation, not noise: "can I get the uh the order number"; "an i" is a letter spelled.)
    if re.search(r"\b(?:the|an) (?:of|an|to|for|and|is|in|on|at|we|he|she|they|it)\b(?![-'])|\bthe i\b(?![-'])|"
                 r"\ba (?:the|an|we|you|he|she|they)\b(?![-'])", low):
        return True  # "the deed of a poll said that the of ex", "yeah the we have jet the wash bay"
    if len(words) >= 8 and re.search(r"\b(?:the|a|an)\W*$", low) and not re.search(r"\b[a-z](?: [a-z]){2,}\W*$", low):
        return True  # "so it's the CMYK a bleed if the three mill in the": cut off mid-phrase
    if re.search(r"\[(?:inaudible|unintelligible|crosstalk|indistinct)\]", low) and len(words) <= 6:
        return True  # "[inaudible] thirty the": Whisper says itself that it heard nothing
    content = [w for w in words if w not in _FUNCTION_WORDS and w not in _EMPTY_WORDS]
    if re.search(r"\b(?:the|a|an|and|of)\W*$", low) and len(content) <= 2 and len(content) < len(words) / 2:
        return True  # "and the", "sorry the if you can the", "mm the room the you the": nothing but the breaking off
    broke_off = bool(_FUNCTION_END.search(low)) and len(words) > 2
    return stutters >= 1 and (broke_off or stutters >= 2) or (broke_off and "breaking up" in low) or (
        stutters >= 1 and len(words) <= 8 and not re.search(r"\b(what|which|when|how|can|could)\b", low))
