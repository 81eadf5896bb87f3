"""Communicating understanding: shared experience, "I feel you", and the agent naming a feeling of their own
(lexicons/empathy.yml). EPITOME calls this mechanism interpretations.

Every entry here is checked both ways: the sentences it is meant for are found, with the right entry id, and
everyday things a collector says that share its words are not empathy at all. The sentences are written for
these tests (realistic collections talk), not taken from any data set.
"""

from __future__ import annotations

import pytest

from conftest import both_forms, rule_of
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
    # been there: as a reply, or before "myself", "too", a comma
    "I've been there.": "empathy.been_there",
    "I've been there myself, it's horrible.": "empathy.been_there",
    "Honestly, I've been there too.": "empathy.been_there",
    "yeah i've been there": "empathy.been_there",
    "Been there myself.": "empathy.been_there",
    # "I feel you." / "I get you." closing a sentence
    "I feel you.": "empathy.feel_you",
    "Yeah, I get you.": "empathy.feel_you",
    # closing a turn that has no punctuation at all (speech-to-text output)
    "yeah I feel you": "empathy.feel_you",
    "honestly i get you": "empathy.feel_you",
    "yeah me too": "empathy.me_too",
    "so do i": "empathy.me_too",
    "oh me neither": "empathy.me_too",
    "Yeah, so did I.": "empathy.me_too",
}

#: Everyday collector speech that shares words with the entries above: none of it is empathy.
NOT_EMPATHY = [
    "I feel you should speak to them first.",
    "I feel you should call them.",
    "i feel you should call them",
    "I'm anxious to get this sorted.",
    "im anxious to get this sorted today",
    "Nor do I know your situation, so tell me.",
    "nor do i know your situation",
    "so do i need to send the form again",
    "That's the next step for me too.",
    "that works for me too",
    "That helps me too, thanks.",
    "and they've sent it to me too",
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
    # a place visited: "been there" with a frequency or a time
    "I've been there twice this week.",
    "I've been there a few times, lovely place.",
    "I've been there loads, my sister lives there.",
    "I've been there before, it's a nice town.",
    "I've been there on holiday.",
    "I've been there for a wedding once.",
    "i've been there once years ago",
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


#: text -> (entry, the evidence text): the token that must (or must not) follow a hit is not part of it
SPANS = {
    "I feel you.": ("empathy.feel_you", "I feel you"),
    "Yeah, I get you! It's a lot.": ("empathy.feel_you", "I get you"),
    "yeah I feel you": ("empathy.feel_you", "I feel you"),
    "Me too.": ("empathy.me_too", "Me too"),
    "So do I! Okay, let's look at the plan.": ("empathy.me_too", "So do I"),
    "neither did i": ("empathy.me_too", "neither did i"),
    "I felt so ashamed and I couldn't open the post.": ("empathy.own_experience_feeling", "I felt so ashamed"),
    "honestly I felt so ashamed": ("empathy.own_experience_feeling", "I felt so ashamed"),
    "I'm so sorry. That's a lot to deal with.": ("empathy.sorry_situation", "I'm so sorry"),
    "I'm sorry. That's a lot to deal with.": ("empathy.sorry_alone", "I'm sorry"),
    "Are you okay? Take your time.": ("empathy.are_you_okay", "Are you okay"),
    "are you okay": ("empathy.are_you_okay", "are you okay"),
}


@pytest.mark.parametrize("text,expected", SPANS.items())
def test_the_evidence_is_the_matched_words_only(nlp, text, expected):
    entry, span_text = expected
    assert (entry, span_text) in empathy(nlp(text))


def test_an_unpunctuated_sorry_ending_a_turn_is_not_an_apology(nlp):
    # speech-to-text drops the question mark of "I'm sorry?" (pardon?), so empathy.sorry_alone needs its full stop
    assert [i for i, _ in empathy(nlp("im sorry"))] == []
    assert [i for i, _ in empathy(nlp("I'm sorry, could you repeat that?"))] == []


def test_new_understanding_entries_are_not_own_experience(fast_nlp):
    # "I feel you" and "same boat" reach towards the listener; they are not the agent's own story, so they weigh 1
    entries = fast_nlp.get_pipe("tonecheck_lexicon").entries
    for entry_id in ("empathy.feel_you", "empathy.shared_experience", "empathy.me_too"):
        assert not is_own_experience(entry_id) and entries[entry_id].weight == 1


# --------------------------------------------------------------------------- empathy 1.12.0: an intensifier inside
# an understanding phrase, and "I get why" under the account-talk veto of empathy.understand (coach's finding 9, L7)

#: understanding said with an intensifier inside the phrase -> the entry that now finds it
INTENSIFIED = {
    "I completely get why.": "empathy.understand",
    "I totally get why you're worried.": "empathy.understand",
    "Honestly, I really get why you'd feel that way.": "empathy.understand",
    "I can totally see why you're upset.": "empathy.understand",
    "I can completely understand that.": "empathy.understand",
    "It makes complete sense that you're frightened.": "empathy.makes_sense_that",
    "It makes total sense you'd be worried about the house.": "empathy.makes_sense_that",
    "It makes perfect sense that you feel like that.": "empathy.makes_sense_that",
}

#: the same words before a fact about the account or the call: no understanding
INTENSIFIED_LOOK_ALIKES = [
    "It makes complete sense to pay monthly if that's when you're paid.",
    "It makes complete sense that the system logged you out.",
    "It makes sense that the payment came out twice, it was a system error.",
    "I completely get why the payment bounced, the card expired.",
    "I get why the letter went to the old address.",
    "I totally get why the app wants your card details again.",
]


def _empathy_ids(nlp, text):
    return [i for i, _ in empathy(nlp(text))]


@pytest.mark.parametrize("text", both_forms(list(INTENSIFIED)))
def test_understanding_with_an_intensifier_inside_is_found(nlp, text):
    assert rule_of(INTENSIFIED, text) in _empathy_ids(nlp, text)


@pytest.mark.parametrize("text", both_forms(INTENSIFIED_LOOK_ALIKES))
def test_an_intensified_phrase_before_account_talk_is_not_understanding(nlp, text):
    assert _empathy_ids(nlp, text) == []
