"""Word error rate for speech tests: edit distance over normalised words."""

from __future__ import annotations

import re
from pathlib import Path

# Spellings Whisper writes differently from the reference transcripts, for the same words.
_SAME_WORD = {"mr": "mister", "mrs": "missus", "dr": "doctor"}


def normalize(text: str) -> list[str]:
    """Lowercase words without punctuation; hyphens split words, apostrophes stay."""
    words = re.sub(r"[^a-z0-9' ]+", " ", text.lower().replace("-", " ")).split()
    return [_SAME_WORD.get(w, w) for w in words]


def word_error_rate(reference: str, hypothesis: str) -> float:
    """(substitutions + deletions + insertions) / reference words."""
    ref, hyp = normalize(reference), normalize(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    previous = list(range(len(hyp) + 1))  # distances from an empty reference prefix
    for i, r in enumerate(ref, start=1):
        current = [i]
        for j, h in enumerate(hyp, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h)))
        previous = current
    return previous[-1] / len(ref)


def read_transcripts(path: str | Path) -> dict[str, str]:
    """Parse a Sphinx transcription file: '<s> words </s> (utterance-id)' per line."""
    out: dict[str, str] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*(?:<s>)?(.*?)(?:</s>)?\s*\(([^)]+)\)\s*$", line)
        if match:
            out[match.group(2)] = match.group(1).strip()
    return out
