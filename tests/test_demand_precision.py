"""Demand (pressure) detection on collector speech: the imperative and negation rules.

The sentences were written for these tests (UK and US collections talk), not taken from any data set.
"""

from __future__ import annotations


def process(nlp, text):
    doc = nlp.make_doc(text)
    doc._.tc_role = None  # an agent turn
    return nlp(doc)


def test_the_parse_finds_imperatives_only_where_the_clause_has_no_subject(accurate_nlp):
    # "send" is a conjunct of "sign", which "you'll need to" governs: no bare imperative
    for text in ("You'll need to sign the form and send it back.", "I'll put a note on the account and send you the details."):
        doc = process(accurate_nlp, text)
        rules = [s.id_ for s in doc.spans["tonecheck"]]
        assert not any(r.startswith("demand.imperative") for r in rules), (text, rules)
    # a conjunct of a bare imperative still is one
    doc = process(accurate_nlp, "Please sign the form and send it back today.")
    assert [s.text for s in doc.spans["tonecheck"] if s.id_ == "demand.imperative:send"] == ["send it back today"]


def test_an_imperative_after_fillers_and_commas_counts_once(nlp):
    # "Right, well, sort ..." reaches "sort" from the sentence start and from both commas
    doc = process(nlp, "Right, well, sort it out and pay it today.")
    assert [s.text for s in doc.spans["tonecheck"] if s.id_.startswith("demand.imperative")] == ["sort it out and pay it today"]


def test_the_parse_reads_a_negated_subject(accurate_nlp):
    doc = process(accurate_nlp, "No one is asking you to make a payment today.")
    (span,) = [s for s in doc.spans["tonecheck"] if s.label_ == "demand"]
    assert span._.tc_negated and span._.tc_decided_by == "parse"


