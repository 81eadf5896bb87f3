"""Fit the weights of tonecheck's politeness index on the Stanford Politeness dev split.

The index is a ridge least-squares combination (numpy only) of tonecheck's markers
(``accuracy.TONECHECK_FEATURES``: demand phrases and dismissive ones, imperatives, open/closed
questions and how they start, empathy, solution, jargon, negation and contrast cues, VADER from
``doc._.tc_sentiment`` and the sentiment component's word valences, and the politeness strategies
of Danescu-Niculescu-Mizil et al. 2013 read from the token norms: please, gratitude, apology,
greeting, deference, indirect requests, hedges, ...) predicting ``normalized_score``. Features are standardized;
the weights, means and scales are written to ``benchmarks/politeness_weights.json``, and the
k-fold cross-validated figures are printed (and stored beside the weights).

The top-vs-bottom-quartile task has its own linear model on the same markers (``"binary"`` in the file): an
L2 logistic regression fitted on the quartile items only, with the log-odds threshold that is most accurate on
them. The rho figure is the ridge index's; the binary figure is the logistic model's, both cross-validated.

    python benchmarks/fit_politeness.py --data ../shared/eval --pipeline accurate
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import accuracy as acc  # noqa: E402


def fit(nlp, items, alpha: float = acc.POLITENESS_ALPHA, k: int = 5, logit_alpha: float = acc.POLITENESS_LOGIT_ALPHA) -> dict:
    X, _, y, _ = acc.politeness_features(nlp, items)
    w, mu, sd = acc.fit_ridge(X, y, alpha)
    (bw, bmu, bsd), thr = acc.fit_binary(X, y, logit_alpha)
    cv = acc.cross_validate(X, y, k, alpha, logit_alpha=logit_alpha)
    return {
        "features": list(acc.TONECHECK_FEATURES),
        "intercept": float(w[0]),
        "coef": [float(v) for v in w[1:]],
        "mean": [float(v) for v in mu],
        "scale": [float(v) for v in sd],
        "alpha": alpha,
        "binary": {"model": "logistic regression on the top and bottom quartile items (log-odds > threshold: polite)",
                   "intercept": float(bw[0]), "coef": [float(v) for v in bw[1:]], "mean": [float(v) for v in bmu],
                   "scale": [float(v) for v in bsd], "threshold": float(thr), "alpha": logit_alpha},
        "fitted_on": {"file": "politeness/dev.tsv", "requests": len(items), "pipeline": nlp.meta["tonecheck"]["pipeline"],
                      "lexicon_version": nlp.meta["tonecheck"]["lexicon_version"]},
        "cross_validated": {"k": k, "spearman": cv["spearman"], "binary_accuracy": cv["binary_accuracy"],
                            "binary_accuracy_ridge": cv["binary_accuracy_ridge"]},
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="fit benchmarks/politeness_weights.json")
    ap.add_argument("--data", type=Path, default=acc.DEFAULT_DATA)
    ap.add_argument("--pipeline", default="accurate", choices=["fast", "accurate"])
    ap.add_argument("--alpha", type=float, default=acc.POLITENESS_ALPHA)
    ap.add_argument("--logit-alpha", type=float, default=acc.POLITENESS_LOGIT_ALPHA)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", type=Path, default=acc.WEIGHTS_FILE)
    args = ap.parse_args(argv)
    import tonecheck

    nlp = tonecheck.load(args.pipeline)
    weights = fit(nlp, acc.load_politeness(args.data), args.alpha, args.folds, args.logit_alpha)
    args.out.write_text(json.dumps(weights, indent=2) + "\n")
    cv = weights["cross_validated"]
    print(f"{args.folds}-fold CV: Spearman {cv['spearman']:+.3f}, binary accuracy {cv['binary_accuracy']:.3f} "
          f"(logistic; the ridge index thresholded: {cv['binary_accuracy_ridge']:.3f})")
    for name, c in sorted(zip(weights["features"], weights["coef"]), key=lambda x: -abs(x[1])):
        print(f"  {name:22s} {c:+.3f}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
