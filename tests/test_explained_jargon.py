"""A jargon term the agent explains is not counted: on the spot, in the next sentence, or earlier in the call
(grammar 1.12.0 ``explanations``, :func:`tonecheck.rules.explanation_after`, scoring's ``_explained_earlier``)."""

from __future__ import annotations

import pytest

import tonecheck
from conftest import both_forms


def jargon(nlp, text):
    """(words, counted) of each jargon row of an agent turn."""
    ev = tonecheck.score(f"Agent: {text}\nCustomer: Okay.", nlp=nlp).evidence
    rows = ev[ev.category == "jargon"]
    return list(zip(rows.text.str.lower(), rows.counted))


@pytest.mark.parametrize(
    "text",
    both_forms([
        # two more words of the term before the explanation
        "That's called a CCA request, which just means asking for a copy of the agreement you signed.",
        # the next sentence explains a term that ended its own
        "It's what's called a charge-off. That means the bank has written it off.",
        "Statute-barred. It means it's too old to take you to court for.",
    ]),
)
def test_a_term_explained_after_its_noun_phrase_or_in_the_next_sentence_is_not_counted(nlp, text):
    rows = jargon(nlp, text)
    assert rows and not any(counted for _, counted in rows), rows


@pytest.mark.parametrize(
    "text",
    both_forms([
        # a verdict, a reason or an obligation is no definition
        "It's statute-barred, which is good news for you.",
        "It's been charged off, which is why you're hearing from us.",
        "The account is in arrears, which means we need a payment today.",
        "It's delinquent, which means you need to bring it current.",
        "The account is in arrears, which means you have to pay it.",
        # no explanation at all
        "We've received your CCA request.",
        "It's a default notice. Please pay it today.",
    ]),
)
def test_a_term_followed_by_no_definition_is_counted(nlp, text):
    rows = jargon(nlp, text)
    assert rows and all(counted for _, counted in rows), rows


@pytest.mark.parametrize("text", both_forms(["The account is in arrears, which means you've missed some payments."]))
def test_which_means_with_a_fact_about_the_customer_is_a_definition(nlp, text):
    assert jargon(nlp, text) == [("arrears", False)]


CALL = """\
Agent: It may be what's called statute-barred.
Customer: Statute what?
Agent: Statute-barred. It means it's too old to take you to court for.
Customer: Right, okay.
Agent: StepChange can look at whether this debt is statute-barred with you. We'll also send the default notice.
Customer: Thanks.
Agent: Once the default notice arrives, call us.
"""


def test_a_term_explained_earlier_in_the_call_is_not_counted_again(nlp):
    ev = tonecheck.score(CALL, nlp=nlp).evidence
    rows = ev[ev.category == "jargon"][["turn_index", "text", "counted", "modifier"]].values.tolist()
    assert [r[:3] for r in rows] == [
        [0, "statute-barred", True],  # used before the customer asked: counted
        [2, "Statute-barred", False],  # explained on the spot
        [4, "statute-barred", False],  # explained two turns earlier
        [4, "default notice", True],  # never explained: counted each time
        [6, "default notice", True],
    ]
    assert rows[2][3] == "explained in turn 2"
    assert tonecheck.score(CALL, nlp=nlp).calls.jargon_count.iloc[0] == 3
