"""The accuracy benchmark runs on a small slice of the public evaluation data (issue 6).

Floors are far below the targets: this catches a crash or a collapse, not a regression of a
point or two (benchmarks/accuracy.py on the full dev splits gives the figures).
Data: ``../shared/eval`` beside the repository, or env ``TONECHECK_EVAL_DATA``; skipped if absent.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import accuracy as acc  # noqa: E402

DATA = Path(os.environ.get("TONECHECK_EVAL_DATA") or Path(__file__).resolve().parents[2] / "shared" / "eval")

pytestmark = pytest.mark.skipif(not (DATA / "swda" / "dev.tsv").exists(), reason=f"no evaluation data at {DATA}")


@pytest.fixture(scope="module")
def swda():
    return acc.load_swda(DATA, limit=1500)


def test_metric_helpers():
    assert acc.roc_auc([1, 0, 1, 0], [0.9, 0.1, 0.8, 0.2]) == 1.0
    assert acc.roc_auc([1, 0], [0.5, 0.5]) == 0.5
    assert abs(acc.spearman([1, 2, 3, 4], [10, 20, 30, 40]) - 1.0) < 1e-9
    assert acc.asr("Can you, pay it? Yes.") == "can you pay it yes"
    assert acc.gold_question("qy^d") == "closed" and acc.gold_question("qh") is None and acc.gold_question("sd") == "none"


def test_questions_slice(fast_nlp, accurate_nlp, swda):
    for nlp in (fast_nlp, accurate_nlp):
        res = acc.run_questions(nlp, swda)
        assert res["punct"]["detection"]["f1"] >= 0.55
        assert res["nopunct"]["detection"]["f1"] >= 0.40
        assert res["punct"]["open_closed"]["macro_f1"] >= 0.80
        assert res["nopunct"]["open_closed"]["macro_f1"] >= 0.75
    base = acc.run_question_baselines(swda)
    assert base["contains_?/nopunct"]["detection"]["f1"] == 0.0


def test_politeness_slice(fast_nlp):
    items = acc.load_politeness(DATA, limit=400)
    res = acc.run_politeness(fast_nlp, items, k=5, weights=acc.load_weights())
    assert res["tonecheck_cv"]["spearman"] >= 0.15
    assert res["tonecheck_cv"]["binary_accuracy"] >= 0.58
    assert res["tonecheck_shipped_weights"]["spearman"] >= 0.2


def test_epitome_slice(fast_nlp):
    res = acc.run_epitome(fast_nlp, DATA, limit=300)
    assert res["emotional_reactions"]["auc"] >= 0.6
    assert res["explorations"]["auc"] >= 0.85
    assert res["explorations"]["open_question_share_of_positives"] >= 0.2
