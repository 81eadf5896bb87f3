"""Shared fixtures: the two pipelines are built once per test session."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

#: the tests' own lexicon cache (tonecheck._diskcache), not the user's ~/.cache; subprocesses inherit it
_CACHE = tempfile.mkdtemp(prefix="tonecheck-test-cache-")
os.environ["TONECHECK_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)

import tonecheck  # noqa: E402

#: A good collections call and a poor one, as plain-text transcripts (tests/test_run.py, tests/test_resume.py).
CALL = """\
Agent: Good morning, this is {name} from Northway Credit. How are you today?
Customer: Not great, I lost my job last month and money is tight.
Agent: I'm so sorry to hear that. What would you be able to manage each month?
Customer: Maybe {amount} pounds.
Agent: That's fine. We can set up a payment plan for {amount} pounds a month.
"""
POOR = """\
Collector: Your account is delinquent. You must pay the full balance today.
Debtor: I can't, I've been in hospital.
Collector: Failure to pay will result in further action.
"""


@pytest.fixture(scope="session")
def fast_nlp():
    return tonecheck.load("fast")


@pytest.fixture(scope="session")
def accurate_nlp():
    return tonecheck.load("accurate")


@pytest.fixture(params=["fast", "accurate"], scope="session")
def nlp(request, fast_nlp, accurate_nlp):
    """Each test that takes ``nlp`` runs on both pipelines."""
    return fast_nlp if request.param == "fast" else accurate_nlp


def hits(doc, category=None, counted_only=True):
    """(category, text) of the detections in a processed Doc."""
    out = []
    for span in doc.spans.get("tonecheck", []):
        if counted_only and span._.tc_negated:
            continue
        if category is None or span.label_ == category:
            out.append((span.label_, span.text))
    return out


def process(nlp, text, role=None):
    """Run the pipeline over one turn's text; ``role=None`` is an agent turn."""
    doc = nlp.make_doc(text)
    doc._.tc_role = role
    return nlp(doc)


def counted(doc, category):
    """(entry id, text) of the counted detections of a category."""
    return [(s.id_, s.text) for s in doc.spans.get("tonecheck", []) if s.label_ == category and not s._.tc_negated]


def asr(text):
    """As speech-to-text gives it: lower case, no punctuation."""
    return re.sub(r"[.,!?]", "", text).lower()


def both_forms(sentences):
    """Each sentence as typed and as speech-to-text gives it (once if they are the same)."""
    return [form for s in sentences for form in dict.fromkeys((s, asr(s)))]


def rule_of(table, text):
    """The value ``table`` (sentence -> expected rule) gives a sentence in either of its :func:`both_forms`."""
    return table.get(text) or next(rule for sentence, rule in table.items() if asr(sentence) == text)


@pytest.fixture
def scored_paths(monkeypatch) -> list[str]:
    """The files actually handed to the scorer in the next run."""
    seen: list[str] = []
    real = tonecheck.iter_results

    def spy(items, **kwargs):
        def record():
            for item in items:
                seen.append(Path(item).name)
                yield item

        return real(record(), **kwargs)

    monkeypatch.setattr(tonecheck, "iter_results", spy)
    return seen
