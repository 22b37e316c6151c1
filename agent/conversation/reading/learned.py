"""A second opinion for the lines the rules cannot place: a bag-of-words logistic regression over the dialogue acts.

The rules read a line as `inform` when nothing they know matches (their default), and as `question` from its form
alone (an auxiliary opening a clause). Both are where they are weakest on lines unlike the ones they were written
from. This model, trained on the development parts of tests/data/dialogue (never the test part) by
scripts/train_act_model.py, may replace those two readings, and only with an act that leads to talk, never to an
outcome: it never says `done` (no success rests on it), nor `unavailable`, `goodbye`, `callback`, `hold` or
`transfer` (each of which can end a call or silence the agent). Pure and cheap: a dictionary lookup per word.
"""

from __future__ import annotations

import gzip
import json
import logging
import math
import re
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)
MODEL_PATH = Path(__file__).with_name("act_model.json.gz")
# What the model may say instead of the rules' default: acts the policy answers by talking (or by refusing).
MAY_SAY = frozenset({"ask_fact", "ask_confirm", "offer", "question", "small_talk", "extraction", "inform", "ack",
                     "unclear"})
MIN_PROBABILITY = 0.5  # the model's own probability for its act, at least
MIN_PROBABILITY_UNREAD = 0.8  # ... when the rules recognised nothing at all (a garbled line gets "sorry?")


def features(normalised: str) -> set[str]:
    """Words, word pairs, the first word, and four-letter pieces of words (Whisper misspells; pieces survive)."""
    words = re.findall(r"[a-z0-9']+", normalised.lower())
    grams = {f"u:{w}" for w in words} | {f"b:{a}_{b}" for a, b in zip(words, words[1:], strict=False)}
    grams.add(f"s:{words[0]}" if words else "s:")
    grams |= {f"c:{w[i:i + 4]}" for w in words for i in range(max(1, len(w) - 3))}
    return grams


@cache
def _model() -> tuple[tuple[str, ...], tuple[float, ...], dict[str, list[tuple[int, float]]]]:
    """(acts, biases, feature -> [(act index, weight), ...]) from the shipped model file; no acts when the file is
    missing or unreadable (the rules then read alone, and the log says why: a call never fails for it)."""
    try:
        data = json.loads(gzip.decompress(MODEL_PATH.read_bytes()))
        weights = {gram: [(int(k), float(w)) for k, w in pairs] for gram, pairs in data["weights"].items()}
        acts, bias = tuple(str(a) for a in data["acts"]), tuple(float(b) for b in data["bias"])
        if len(acts) != len(bias) or any(k >= len(acts) for pairs in weights.values() for k, _ in pairs):
            raise ValueError("acts, biases and weights do not agree")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("act model %s unusable (%s): the rules read alone", MODEL_PATH, exc)
        return (), (), {}
    return acts, bias, weights


def load() -> None:
    """Read the model file now (it is read once per process, on first use otherwise)."""
    _model()


def predict(normalised: str) -> tuple[str, float]:
    """The most probable act for a normalised line, and its probability."""
    acts, bias, weights = _model()
    if not acts:
        return "", 0.0
    scores = list(bias)
    for gram in features(normalised):
        for k, w in weights.get(gram, ()):
            scores[k] += w
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    best = max(range(len(acts)), key=scores.__getitem__)
    return acts[best], exps[best] / sum(exps)


def second_opinion(normalised: str, rules_act: str, understood: bool) -> str | None:
    """The act to read instead of the rules' default `inform` or form-only `question`, or None to keep theirs."""
    if rules_act not in ("inform", "question"):
        return None
    act, probability = predict(normalised)
    needed = MIN_PROBABILITY if understood else MIN_PROBABILITY_UNREAD
    if act == rules_act or act not in MAY_SAY or probability < needed:
        return None
    return act
