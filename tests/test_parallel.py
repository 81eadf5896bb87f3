"""n_process > 1 (worker processes) and memory zones give exactly the single-process results."""

from __future__ import annotations

import random

import pandas as pd
import pytest

import tonecheck
from tonecheck.scoring import ZONE_CALLS, FailedInput

LINES = [
    "Agent: I'm sorry to hear that. What would work for you each month?",
    "Agent: You need to pay {n} pounds today. Pay the balance now.",
    "Agent: Take your time. We can set up a payment plan of {n} a month.",
    "Agent: right well at this point make a payment of {n} today",  # the parse decides it (accurate)
    "Customer: I lost my job and I can't afford {n}.",
    "Customer: Okay.",
]


def _calls(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return [
        "\n".join(rng.choice(LINES).format(n=rng.randint(1, 99999)) for _ in range(rng.randint(3, 8))) for _ in range(n)
    ]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("par")
    for i, text in enumerate(_calls(ZONE_CALLS + 40)):
        (d / f"c{i:03d}.txt").write_text(text + "\n", encoding="utf-8")
    (d / "bad.txt").write_bytes(b"\x00binary")
    return d


def _frames_equal(a: tonecheck.Report, b: tonecheck.Report) -> None:
    for name in ("calls", "turns", "evidence", "errors"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def test_n_process_2_equals_1_with_failures_strings_and_transcripts(fast_nlp, folder):
    items = [
        "Agent: How can I help? You must pay now.\nCustomer: I lost my job.",
        folder,
        folder / "missing.txt",
        tonecheck.Transcript(call_id="t1", turns=[tonecheck.Turn("Agent", "Tell me about it. Pay it today.", "agent")]),
    ]
    one = list(tonecheck.iter_results(items, nlp=fast_nlp))
    two = list(tonecheck.iter_results(items, nlp=fast_nlp, n_process=2))
    assert [type(r).__name__ for r in one] == [type(r).__name__ for r in two]
    assert [r.source if isinstance(r, FailedInput) else r.call_id for r in one] == [
        r.source if isinstance(r, FailedInput) else r.call_id for r in two
    ]
    _frames_equal(tonecheck.score_many(items, nlp=fast_nlp), tonecheck.score_many(items, nlp=fast_nlp, n_process=2))


def test_docs_are_remade_on_first_use_with_the_same_content(fast_nlp, folder):
    kept = list(tonecheck.iter_results([folder], nlp=fast_nlp, keep_docs=True))
    lazy = list(tonecheck.iter_results([folder], nlp=fast_nlp, n_process=2))
    zoned = list(tonecheck.iter_results([folder], nlp=fast_nlp))
    for a, b, c in zip(kept, lazy, zoned):
        if isinstance(a, FailedInput):
            continue
        assert isinstance(b.docs, list) and len(b.docs) == len(a.docs) == len(c.docs)
        for x, y, z in zip(a.docs, b.docs, c.docs):
            assert x.text == y.text == z.text
            spans = [[(s.label_, s.id_, s.start, s.end, s._.tc_negated) for s in d.spans["tonecheck"]] for d in (x, y, z)]
            assert spans[0] == spans[1] == spans[2]
            assert x._.tc_sentiment == y._.tc_sentiment == z._.tc_sentiment


def test_memory_zones_keep_the_vocabulary_from_growing(folder):
    nlp = tonecheck.load("fast")
    list(tonecheck.iter_results(_calls(ZONE_CALLS, seed=1), nlp=nlp))  # first group: outside a zone
    before = len(nlp.vocab.strings)
    results = list(tonecheck.iter_results(_calls(3 * ZONE_CALLS, seed=2), nlp=nlp))
    # after the first group of this run, new words (the random amounts) leave again
    assert len(nlp.vocab.strings) - before < ZONE_CALLS * 8
    assert all(r.docs[0].text for r in results)  # Docs are still there when asked for


def test_rule_packs_work_across_memory_zones(fast_nlp, folder):
    a = tonecheck.score_many([folder], nlp=fast_nlp, packs=["us"])
    b = tonecheck.score_many([folder], nlp=fast_nlp, packs=["us"], n_process=2)
    assert len(a.calls) > ZONE_CALLS
    _frames_equal(a, b)
    pd.testing.assert_frame_equal(a.checks, b.checks)


def test_a_pipeline_rebuilt_from_its_config_tokenizes_as_load_does(fast_nlp):
    """Workers started by 'spawn' (macOS, Windows) rebuild the pipeline from its config, which holds no
    tokenizer special cases: they are added again, so a worker reads "So do I." and "im" as the parent does."""
    from tonecheck._parallel import rebuild

    rebuilt = rebuild(fast_nlp.config.copy(), dict(fast_nlp.meta))
    for text in ["So do I. Okay.", "im scared", "thats fine"]:
        assert [(t.text, t.norm_) for t in rebuilt.make_doc(text)] == [(t.text, t.norm_) for t in fast_nlp.make_doc(text)]
