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
them. The rho figure is the ridge index's; the binary figure is the logistic model's.

Penalties: each model's L2 penalty is chosen from a fixed grid (``accuracy.RIDGE_ALPHAS``,
``accuracy.LOGIT_ALPHAS``) by k-fold CV on the whole split (ridge: the best held-out Spearman rho; logistic:
the best held-out accuracy on the quartile items), and the shipped models are refitted on the whole split with
those penalties. The figures stored beside the weights are *nested* CV: the same choice made again inside each
outer training fold, so the held-out fold plays no part in choosing the penalty (``accuracy.cross_validate``).
``--alpha`` / ``--logit-alpha`` fix a penalty instead.

    python benchmarks/fit_politeness.py --data ../shared/eval --pipeline accurate --seeds 0 1 2 3 4
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import accuracy as acc  # noqa: E402


def fit(nlp, items, alpha: float | None = None, k: int = 5, logit_alpha: float | None = None,
        seeds: tuple[int, ...] = (0,)) -> dict:
    X, _, y, _ = acc.politeness_features(nlp, items)
    ridge_cv = logit_cv = None
    if alpha is None:
        alpha, ridge_cv = acc.select_ridge_alpha(X, y, k)
    lab = acc.quartile_labels(y)
    m = lab >= 0
    if logit_alpha is None:
        logit_alpha, logit_cv = acc.select_logit_alpha(X[m], (lab[m] == 1).astype(float), k)
    w, mu, sd = acc.fit_ridge(X, y, alpha)
    (bw, bmu, bsd), thr = acc.fit_binary(X, y, logit_alpha)
    # nested: the penalties that were chosen (not fixed) are chosen again inside each outer training fold
    cv = acc.cross_validate_seeds(X, y, k, seeds, alpha=None if ridge_cv else alpha,
                                  logit_alpha=None if logit_cv else logit_alpha)
    return {
        "features": list(acc.TONECHECK_FEATURES),
        "intercept": float(w[0]),
        "coef": [float(v) for v in w[1:]],
        "mean": [float(v) for v in mu],
        "scale": [float(v) for v in sd],
        "alpha": alpha,
        "alpha_selection": ({"by": f"{k}-fold CV Spearman rho on the whole split (seed 0), ties to the larger",
                             "cv": {str(a): v for a, v in ridge_cv.items()}} if ridge_cv else "fixed"),
        "binary": {"model": "logistic regression on the top and bottom quartile items (log-odds > threshold: polite)",
                   "intercept": float(bw[0]), "coef": [float(v) for v in bw[1:]], "mean": [float(v) for v in bmu],
                   "scale": [float(v) for v in bsd], "threshold": float(thr), "alpha": logit_alpha,
                   "alpha_selection": ({"by": f"{k}-fold CV accuracy on the quartile items (seed 0), ties to the larger",
                                        "cv": {str(a): v for a, v in logit_cv.items()}} if logit_cv else "fixed")},
        "fitted_on": {"file": "politeness/dev.tsv", "requests": len(items), "pipeline": nlp.meta["tonecheck"]["pipeline"],
                      "lexicon_version": nlp.meta["tonecheck"]["lexicon_version"]},
        "cross_validated": {"k": k, "nested": cv["nested"], "seed": cv["seed"], "spearman": cv["spearman"],
                            "binary_accuracy": cv["binary_accuracy"],
                            "binary_accuracy_ridge": cv["binary_accuracy_ridge"], "chosen_per_fold": cv["chosen"],
                            "over_seeds": {"seeds": list(seeds),
                                           **{key: cv[f"{key}_over_seeds"] for key in
                                              ("spearman", "binary_accuracy", "binary_accuracy_ridge")}}},
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="fit benchmarks/politeness_weights.json")
    ap.add_argument("--data", type=Path, default=acc.DEFAULT_DATA)
    ap.add_argument("--pipeline", default="accurate", choices=["fast", "accurate"])
    ap.add_argument("--alpha", type=float, default=None, help="fix the ridge penalty (default: chosen by CV)")
    ap.add_argument("--logit-alpha", type=float, default=None, help="fix the logistic penalty (default: chosen by CV)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seeds", type=int, nargs="+", default=[0],
                    help="fold seeds of the (nested) CV figures; the first seed's are the headline")
    ap.add_argument("--out", type=Path, default=acc.WEIGHTS_FILE)
    args = ap.parse_args(argv)
    import tonecheck

    nlp = tonecheck.load(args.pipeline)
    weights = fit(nlp, acc.load_politeness(args.data), args.alpha, args.folds, args.logit_alpha, tuple(args.seeds))
    args.out.write_text(json.dumps(weights, indent=2) + "\n")
    cv = weights["cross_validated"]
    print(f"penalties: ridge {weights['alpha']:g}, logistic {weights['binary']['alpha']:g}"
          f" ({'chosen by CV' if cv['nested'] else 'fixed'})")
    print(f"{args.folds}-fold {'nested ' if cv['nested'] else ''}CV, seed {cv['seed']}: Spearman {cv['spearman']:+.4f}, "
          f"binary accuracy {cv['binary_accuracy']:.4f} (logistic; the ridge index thresholded: "
          f"{cv['binary_accuracy_ridge']:.4f})")
    if len(args.seeds) > 1:
        o = cv["over_seeds"]
        print(f"  over seeds {args.seeds}: " + ", ".join(
            f"{key} mean {o[key]['mean']:.4f} ({o[key]['min']:.4f} to {o[key]['max']:.4f})"
            for key in ("spearman", "binary_accuracy", "binary_accuracy_ridge")))
    print("standardized weights (ridge, logistic) and per unit of the marker:")
    b = weights["binary"]
    rows = zip(weights["features"], weights["coef"], weights["scale"], b["coef"], b["scale"])
    for name, c, sc, bc, bsc in sorted(rows, key=lambda x: -abs(x[1])):
        print(f"  {name:22s} {c:+.3f} {bc:+.3f}   per unit {c / sc:+.3f} {bc / bsc:+.3f}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
