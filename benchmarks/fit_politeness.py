"""Fit the weights of tonecheck's politeness index on the Stanford Politeness dev split.

The index is a ridge least-squares combination (numpy only) of tonecheck's markers
(``accuracy.TONECHECK_FEATURES``: demand phrases and dismissive ones, imperatives, open/closed
questions and how they start, empathy, solution, jargon, negation and contrast cues, VADER from
``doc._.tc_sentiment`` and the sentiment component's word valences, and the politeness strategies
of Danescu-Niculescu-Mizil et al. 2013 read from the token norms: please, gratitude, apology,
greeting, deference, indirect requests, hedges, ...) predicting ``normalized_score``. Features are standardized;
the weights, means and scales are written to ``benchmarks/politeness_weights.json``, and the
k-fold cross-validated figures are printed (and stored beside the weights).

    python benchmarks/fit_politeness.py --data ../shared/eval --pipeline accurate
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import accuracy as acc  # noqa: E402


def fit(nlp, items, alpha: float = acc.POLITENESS_ALPHA, k: int = 5) -> dict:
    X, _, y, _ = acc.politeness_features(nlp, items)
    w, mu, sd = acc.fit_ridge(X, y, alpha)
    cv = acc.cross_validate(X, y, k, alpha)
    return {
        "features": list(acc.TONECHECK_FEATURES),
        "intercept": float(w[0]),
        "coef": [float(v) for v in w[1:]],
        "mean": [float(v) for v in mu],
        "scale": [float(v) for v in sd],
        "alpha": alpha,
        "fitted_on": {"file": "politeness/dev.tsv", "requests": len(items), "pipeline": nlp.meta["tonecheck"]["pipeline"],
                      "lexicon_version": nlp.meta["tonecheck"]["lexicon_version"]},
        "cross_validated": {"k": k, "spearman": cv["spearman"], "binary_accuracy": cv["binary_accuracy"]},
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="fit benchmarks/politeness_weights.json")
    ap.add_argument("--data", type=Path, default=acc.DEFAULT_DATA)
    ap.add_argument("--pipeline", default="accurate", choices=["fast", "accurate"])
    ap.add_argument("--alpha", type=float, default=acc.POLITENESS_ALPHA)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", type=Path, default=acc.WEIGHTS_FILE)
    args = ap.parse_args(argv)
    import tonecheck

    nlp = tonecheck.load(args.pipeline)
    weights = fit(nlp, acc.load_politeness(args.data), args.alpha, args.folds)
    args.out.write_text(json.dumps(weights, indent=2) + "\n")
    cv = weights["cross_validated"]
    print(f"{args.folds}-fold CV: Spearman {cv['spearman']:+.3f}, binary accuracy {cv['binary_accuracy']:.3f}")
    for name, c in sorted(zip(weights["features"], weights["coef"]), key=lambda x: -abs(x[1])):
        print(f"  {name:22s} {c:+.3f}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
