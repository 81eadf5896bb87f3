"""Empathy undercut by the ask that follows it, and acknowledgements in speech-to-text (the eleventh session's
coach read: a polite-but-poor US agent and a good UK mortgage-arrears agent)."""

from __future__ import annotations

import pytest

import tonecheck


def empathy(nlp, text):
    """(words, undercut) of each empathy detection in an agent turn."""
    ev = tonecheck.score(f"Agent: {text}\nCustomer: Okay.", nlp=nlp).evidence
    rows = ev[ev.category == "empathy"]
    return list(zip(rows.text, rows.undercut))


@pytest.mark.parametrize(
    "text, words",
    [
        ("I hear you. You need to pay today.", "I hear you"),
        ("i hear you you need to pay today", "i hear you"),
        ("I understand, ma'am. You must pay the full balance today.", "I understand"),
        ("I'm sorry to hear that. Failure to pay will result in further action.", "I'm sorry to hear"),
    ],
)
def test_an_acknowledgement_on_the_way_to_the_ask_is_undercut(nlp, text, words):
    # the pivot: a demand straight after the empathy, in its sentence or the next, with no offer between
    assert empathy(nlp, text) == [(words, True)]


@pytest.mark.parametrize(
    "text",
    [
        # an offer or an open question between: the agent listened first
        "I understand. We can freeze the interest while you get advice. I'd need a payment today though.",
        "I hear you. What would feel manageable for you? You need to pay something today.",
        # the demand is negated
        "I hear you, and we don't need to sort the payment today.",
        # the demand is two sentences on
        "I understand. I've got the letter from March in front of me here. You need to pay today.",
        # no demand at all
        "I totally understand. So we can put the account on hold for thirty days.",
    ],
)
def test_empathy_before_an_offer_or_far_from_the_ask_stays_whole(nlp, text):
    rows = empathy(nlp, text)
    assert rows and not any(undercut for _, undercut in rows)


@pytest.mark.parametrize(
    "text, words",
    [
        ("absolutely i understand would you be able to manage a smaller payment for now", "i understand"),
        ("i understand we can put a hold on the account for thirty days", "i understand"),
        ("i totally understand so shall we look at a lower payment", "i totally understand"),
        ("i completely understand and thank you for telling me about the rent i can see the account fell into arrears",
         "i completely understand"),
    ],
)
def test_an_acknowledgement_in_speech_to_text_ends_where_the_next_clause_starts(nlp, text, words):
    # without a full stop the "rest of its clause" ran on into the next sentence's account words
    assert (words, False) in empathy(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "i understand you called yesterday about the letter",
        "i understand the payment went out on monday",
        "I understand the payment went out on Monday.",
        "I understand we can put a hold on the account.",  # typed: "I understand (that) we can ...", a fact
    ],
)
def test_understanding_a_fact_about_the_account_is_still_no_empathy(nlp, text):
    assert empathy(nlp, text) == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("That makes sense, with everything going on.", True),
        ("that makes complete sense", True),
        # the agent checking their own explanation landed: no validation of the customer (empathy 1.12.0)
        ("So that's 40 a month from the 3rd, if that makes sense.", False),
        ("so that's 40 a month from the 3rd if that makes sense", False),
        ("I hope that makes sense.", False),
    ],
)
def test_if_that_makes_sense_validates_nothing(nlp, text, found):
    assert bool(empathy(nlp, text)) is found
