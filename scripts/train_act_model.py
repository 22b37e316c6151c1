"""Train the act model that gives the reading a second opinion (agent/conversation/reading/learned.py).

Multinomial logistic regression (L2, L-BFGS from zero weights: deterministic) over the features of
`learned.features`, on every development part of tests/data/dialogue; the test part is never read. Weights under
PRUNE_BELOW are dropped to keep the shipped file small. The file records a digest of the lines it was trained on,
so tests can say when the development parts changed and the model must be trained again:

    .venv/bin/python scripts/train_act_model.py            # writes agent/conversation/reading/act_model.json.gz
    .venv/bin/python scripts/train_act_model.py --lopo     # leave-one-part-out accuracy, model alone and beside rules
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agent.conversation.reading import ACTS, learned, read  # noqa: E402
from agent.conversation.reading.transcript import normalise  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "dialogue"
L2 = 1.0
MAX_ITER = 300
PRUNE_BELOW = 0.02


def development_parts() -> list[Path]:
    """dev.jsonl, dev2.jsonl, ...: every part but the held-out test part."""
    return sorted((p for p in CORPUS.glob("dev*.jsonl")), key=lambda p: (len(p.stem), p.stem))


def load(paths: list[Path]) -> list[dict[str, Any]]:
    return [json.loads(line) for p in paths for line in p.read_text().splitlines() if line.strip()]


def digest(rows: list[dict[str, Any]]) -> str:
    """What the model was trained on: every line and its label, in order."""
    text = "\n".join(f"{r['act']}\t{r['text']}" for r in rows)
    return hashlib.sha256(text.encode()).hexdigest()


def fit(rows: list[dict[str, Any]]) -> tuple[list[str], np.ndarray]:
    """(feature names, weights with the biases as the last row)."""
    grams = [learned.features(normalise(r["text"])) for r in rows]
    vocab: dict[str, int] = {}
    for g in grams:
        for name in sorted(g):
            vocab.setdefault(name, len(vocab))
    x = _matrix(grams, vocab)
    labels = np.array([ACTS.index(r["act"]) for r in rows])
    k, v = len(ACTS), len(vocab)
    y = np.zeros((len(rows), k))
    y[np.arange(len(rows)), labels] = 1.0

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w = flat.reshape(v + 1, k)
        z = x @ w[:-1] + w[-1]
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        value = -float((y * np.log(p + 1e-12)).sum()) + 0.5 * L2 * float((w[:-1] ** 2).sum())
        grad = np.vstack([x.T @ (p - y) + L2 * w[:-1], (p - y).sum(axis=0)])
        return value, grad.ravel()

    result = minimize(loss, np.zeros((v + 1) * k), jac=True, method="L-BFGS-B", options={"maxiter": MAX_ITER})
    return list(vocab), result.x.reshape(v + 1, k)


def _matrix(grams: list[set[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    rows, cols = [], []
    for i, g in enumerate(grams):
        for name in g:
            if name in vocab:
                rows.append(i)
                cols.append(vocab[name])
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(grams), len(vocab)))


def write(names: list[str], w: np.ndarray, rows: list[dict[str, Any]], out: Path) -> None:
    weights = {}
    for i, name in enumerate(names):
        pairs = [[k, round(float(w[i, k]), 3)] for k in range(w.shape[1]) if abs(w[i, k]) >= PRUNE_BELOW]
        if pairs:
            weights[name] = pairs
    data = {"acts": list(ACTS), "bias": [round(float(b), 3) for b in w[-1]], "weights": weights,
            "trained_on": digest(rows), "lines": len(rows), "l2": L2}
    out.write_bytes(gzip.compress(json.dumps(data, sort_keys=True, separators=(",", ":")).encode(), mtime=0))
    print(f"wrote {out} ({out.stat().st_size / 1024:.0f} KiB, {len(weights)} features, {len(rows)} lines)")


def lopo() -> None:
    """Each development part scored by a model trained on the others: alone, and as the rules' second opinion."""
    parts = development_parts()
    total = {"lines": 0, "rules": 0, "model": 0, "both": 0}
    for held in parts:
        train = load([p for p in parts if p != held])
        names, w = fit(train)
        vocab = {n: i for i, n in enumerate(names)}
        ok = {"rules": 0, "model": 0, "both": 0}
        test = load([held])
        for row in test:
            clean = normalise(row["text"])
            x = _matrix([learned.features(clean)], vocab)
            z = (x @ w[:-1] + w[-1])[0]
            p = np.exp(z - z.max())
            p /= p.sum()
            model_act, probability = ACTS[int(p.argmax())], float(p.max())
            r = read(row["text"], second_opinion=False)
            needed = learned.MIN_PROBABILITY if r.understood else learned.MIN_PROBABILITY_UNREAD
            both = r.act
            if r.act in ("inform", "question") and model_act in learned.MAY_SAY and probability >= needed:
                both = model_act
            ok["rules"] += r.act == row["act"]
            ok["model"] += model_act == row["act"]
            ok["both"] += both == row["act"]
        n = len(test)
        print(f"{held.name:12} {n:4} lines  rules {ok['rules'] / n:.3f} (in-sample)  model {ok['model'] / n:.3f}  "
              f"rules + model {ok['both'] / n:.3f}", flush=True)
        total["lines"] += n
        for key in ok:
            total[key] += ok[key]
    n = total["lines"]
    print(f"{'all':12} {n:4} lines  rules {total['rules'] / n:.3f} (in-sample)  model {total['model'] / n:.3f}  "
          f"rules + model {total['both'] / n:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lopo", action="store_true", help="leave-one-part-out scores instead of training")
    parser.add_argument("--out", type=Path, default=learned.MODEL_PATH)
    args = parser.parse_args()
    if args.lopo:
        lopo()
        return 0
    rows = load(development_parts())
    names, w = fit(rows)
    write(names, w, rows, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
