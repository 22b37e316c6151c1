"""A second opinion on every reading: a bag-of-words logistic regression over the dialogue acts.

The rules were written from the development parts and read lines by other authors worse than the lines they were
written from: on two development parts written after them (dev13, dev14), the rules alone read 0.824 of the acts
right, a model trained on the other twelve parts 0.891. Each is wrong where the other is right, so the model, trained
on the development parts of tests/data/dialogue (never the test part) by scripts/train_act_model.py, may overrule the
rules, within limits that keep every outcome on the rules' side:
- it never says `done` (no success rests on the model), `goodbye` or `callback` (either ends the call);
- where the rules only default (`inform`: nothing matched; `question`: its form alone), it may read an act the
  policy answers by talking at probability 0.5, and a refusal, a hold or a transfer (`unavailable`, `hold`,
  `transfer`: the agent asks for another option, or waits) at 0.7; 0.8 for a line nothing recognised at all, and
  `unclear` only for such a line (an amount, a time or a cue is no garble);
- a request for a fact the rules recognised (`ask_fact`, `ask_confirm`) it may read as the other kind, as an
  attempt to get more than the request needs (`extraction`) or as a request for the principal, at 0.8; each is
  answered by the fact's disclosure level, or refused, and the guard checks every word said;
- a reading the rules make from a few words that a line by another author often carries without doing it ("is
  that right", "hello", "lovely day", "hold on", "put you through", "the patient herself": `ask_confirm`,
  `greeting`, `small_talk`, `hold`, `transfer`, `ask_principal`) it may overrule at 0.85, never turning a request
  to us into a refusal, a hold or a transfer (it waits for our answer);
- every other reading the rules made stands: a completion, a refusal, an offer, a goodbye, a callback, a suspected
  manipulation, an acknowledgement, a garble (on lines the rules were written for, the model's sure
  disagreements there were wrong: "yes that's correct" is no question, "the last table went five minutes ago" a
  refusal).
Chosen on parts written after the rules, with the model trained on the other parts: on dev13 and dev14, 0.864
(the second opinion on defaults only) -> 0.891, all 42 changed readings right (fact requests); on dev15 and dev16,
0.861 -> 0.870 (the few-words readings). Pure and cheap: a dictionary lookup per word.
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
# What the model may say where the rules only defaulted: acts the policy answers by talking (or by refusing).
MAY_SAY = frozenset({"ask_fact", "ask_confirm", "offer", "question", "small_talk", "extraction", "inform", "ack",
                     "unclear"})
# What it may say at WAIT_PROBABILITY: the agent asks for another option, or waits on the line.
MAY_SAY_WAITS = frozenset({"unavailable", "hold", "transfer"})
# Never said by the model: a success, or the end of the call.
NEVER_SAYS = frozenset({"done", "goodbye", "callback"})
MIN_PROBABILITY = 0.5  # the model's own probability for its act, at least, where the rules defaulted
MIN_PROBABILITY_UNREAD = 0.8  # ... when the rules recognised nothing at all (a garbled line gets "sorry?")
WAIT_PROBABILITY = 0.7  # for a refusal, a hold or a transfer
# A request for a fact, which the model may read as the other kind, as an attempt to get more than the request
# needs, or as a request for the principal (each is answered by the fact's disclosure level, or refused).
FACT_REQUESTS = frozenset({"ask_fact", "ask_confirm"})
OVERRULE_PROBABILITY = 0.8  # to overrule a fact request the rules recognised
# Readings the rules make from a few words ("is that right", "hello", "hold on", "put you through") that a line
# by another author often carries without doing: the model may overrule them when it is surer still.
LOOSE = frozenset({"ask_confirm", "greeting", "small_talk", "hold", "transfer", "ask_principal"})
LOOSE_PROBABILITY = 0.85
# Requests that wait for our answer: never read as a refusal, a hold or a transfer ("ten is gone, it's half past
# ten, is half ten ok" is an offer to answer, not a refusal).
ASKS_US = frozenset({"ask_fact", "ask_confirm", "ask_principal"})
DEFAULTS = frozenset({"inform", "question"})  # the rules' readings when nothing (or only a form) matched
OVERRULABLE = DEFAULTS | FACT_REQUESTS | LOOSE  # every other reading of the rules stands, unasked


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
    """The act to read instead of the rules' `rules_act`, or None to keep theirs (see the module's limits)."""
    if rules_act not in OVERRULABLE:
        return None  # a completion, a refusal, an offer, ...: the model is not even asked
    act, probability = predict(normalised)
    if not act or act == rules_act or act in NEVER_SAYS or act == "unclear" and understood:
        return None  # a line with anything the rules recognised in it (a cue, an amount, a time) is no garble
    if rules_act in DEFAULTS:
        if act in MAY_SAY_WAITS:
            needed = WAIT_PROBABILITY
        elif act in MAY_SAY:
            needed = MIN_PROBABILITY
        else:
            return None
    elif rules_act in FACT_REQUESTS and act in FACT_REQUESTS | {"extraction", "ask_principal"}:
        needed = OVERRULE_PROBABILITY
    elif rules_act in LOOSE and not (rules_act in ASKS_US and act in MAY_SAY_WAITS):
        needed = LOOSE_PROBABILITY
    else:
        return None
    if not understood:
        needed = max(needed, MIN_PROBABILITY_UNREAD)
    return act if probability >= needed else None
