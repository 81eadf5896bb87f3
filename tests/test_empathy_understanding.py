"""Communicating understanding: shared experience, "I feel you", and the agent naming a feeling of their own
(lexicons/empathy.yml). EPITOME calls this mechanism interpretations.

Every entry here is checked both ways: the sentences it is meant for are found, with the right entry id, and
everyday things a collector says that share its words are not empathy at all. The sentences are written for
these tests (realistic collections talk), not taken from any data set.
"""

from __future__ import annotations

import pytest

from tonecheck.rules import is_own_experience

#: sentence -> the entry that must find it
FOUND = {
    # shared experience, first person
    "Honestly, we're all in the same boat these days.": "empathy.know_how_you_feel",
    "Same boat, to be honest with you.": "empathy.shared_experience",
    "I've felt like this before, it does pass.": "empathy.shared_experience",
    "I have felt this way myself.": "empathy.shared_experience",
    "I feel that way too sometimes.": "empathy.shared_experience",
    "Me neither.": "empathy.me_too",
    "Me either!": "empathy.me_too",
    # knowing what the customer feels
    "I know what you're feeling, believe me.": "empathy.know_how_you_feel",
    "I understand what you're going through.": "empathy.know_how_you_feel",
    # "I feel you." / "I get you." closing a sentence
    "I feel you.": "empathy.feel_you",
    "Yeah, I get you.": "empathy.feel_you",
}

#: Everyday collector speech that shares words with the entries above: none of it is empathy.
NOT_EMPATHY = [
    "I feel you should speak to them first.",
    "Can I get you, Mr Jones, to confirm the postcode?",
    "Can I get you to read out the reference?",
    "I'll get you the number for the helpline.",
    "Let me get you a new form.",
    "Sorry, I didn't quite get you.",
    "If that happens to me I just restart the browser.",
    "I do the same checks on every call.",
    "Neither option works for the creditor.",
    "Either way, the letter goes out today.",
    "So do we, it's the same process for everyone.",
    "I was in the office all day.",
    "I know what you owe, it's on the screen.",
    "I was in the same meeting as your adviser.",
    "I've been through a lot of these cases.",
    "I went through the same checks as last time.",
    "I know what you paid last month.",
    "I'm in the Leeds team on a Tuesday.",
    # shared habits and situations that are small talk in a call
    "It happens to me all the time with this headset.",
    "I'm in the same situation with the rota this week.",
    "I do that too, I always forget my password.",
]


def empathy(doc) -> list[tuple[str, str]]:
    return [(s.id_, s.text) for s in doc.spans["tonecheck"] if s.label_ == "empathy" and not s._.tc_negated]


@pytest.mark.parametrize("text,entry", FOUND.items())
def test_understanding_is_found_by_its_entry(nlp, text, entry):
    assert entry in [i for i, _ in empathy(nlp(text))]


def test_everyday_collector_speech_is_not_understanding(nlp):
    found = {t: empathy(d) for t, d in zip(NOT_EMPATHY, nlp.pipe(NOT_EMPATHY))}
    assert {t: h for t, h in found.items() if h} == {}


def test_new_understanding_entries_are_not_own_experience(fast_nlp):
    # "I feel you" and "same boat" reach towards the listener; they are not the agent's own story, so they weigh 1
    entries = fast_nlp.get_pipe("tonecheck_lexicon").entries
    for entry_id in ("empathy.feel_you", "empathy.shared_experience", "empathy.me_too"):
        assert not is_own_experience(entry_id) and entries[entry_id].weight == 1
