"""Empathy as a reaction to what the customer has told (lexicons/empathy.yml 1.10.0), and patience that is only the
courtesy of taking payment details, in both pipelines, typed and as speech-to-text.

A coach reading calls asks two things of an empathy hit: did the agent respond to the person, and would I hold it
up as an example? "That's rough" after a customer's bad news is; "Long number on the card when you're ready"
while the customer reads it out is not, however patient it sounds.
"""

from __future__ import annotations

import pytest

from conftest import both_forms, rule_of


def empathy(nlp, text) -> list[str]:
    doc = nlp(text)
    return [s.id_ for s in doc.spans["tonecheck"] if s.label_ == "empathy" and not s._.tc_negated]


#: reactions missed before 1.10.0 -> the entry that now finds them
REACTIONS = {
    "Yeah, that's rough.": "empathy.thats_awful",
    "That sounds really rough, I'm glad you told me.": "empathy.sounds_hard",
    "That's a huge amount to be carrying on your own.": "empathy.difficult_time",
    "That's a lot to carry with the kids as well.": "empathy.difficult_time",
    "Totally get it.": "empathy.reflect_feeling",
    "I hope your little girl keeps getting stronger.": "empathy.hope_things_improve",
    "I hope he feels better soon.": "empathy.hope_things_improve",
    "Please pass on my wishes for a speedy recovery.": "empathy.hope_things_improve",
}


@pytest.mark.parametrize("text", both_forms(list(REACTIONS)))
def test_reactions_found_in_1_10(nlp, text):
    assert rule_of(REACTIONS, text) in empathy(nlp, text)


#: the patience phrases while the customer reads out or finds payment details: courtesy, no empathy
PAYMENT_DETAILS = [
    "Long number on the front of the card when you're ready.",
    "No rush, the three digits on the back.",
    "Take your time, grab a pen.",
    "Whenever you're ready with the expiry date.",
    "No hurry, just the expiry date when you have it.",
]

#: the same phrases with a person, not a form: still empathy
PATIENCE = [
    "Take your time, I know this is hard to talk about.",
    "No rush at all, we'll sort something out.",
    "Whenever you're ready, there's no pressure from me.",
]


@pytest.mark.parametrize("text", both_forms(PAYMENT_DETAILS))
def test_patience_while_taking_payment_details_is_not_empathy(nlp, text):
    assert "empathy.take_your_time" not in empathy(nlp, text)


@pytest.mark.parametrize("text", both_forms(PATIENCE))
def test_patience_with_the_customer_is_still_empathy(nlp, text):
    assert "empathy.take_your_time" in empathy(nlp, text)


#: look-alikes of the 1.10.0 reactions: no empathy
NOT_REACTIONS = [
    "That's a rough estimate, it could be a bit more.",
    "It's roughly two hundred.",
    "Get it over to us by Friday.",
]


@pytest.mark.parametrize("text", both_forms(NOT_REACTIONS))
def test_look_alikes_of_the_reactions_are_not_empathy(nlp, text):
    assert empathy(nlp, text) == []
