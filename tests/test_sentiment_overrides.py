"""Agent positivity and the sentiment overrides of lexicons/sentiment.yml 1.1.0, in both pipelines, typed and as
speech-to-text (coach's finding 4, list L15).

agent_positivity is the mean VADER compound of the agent's sentences (+10 points of the tone score at 1.0). Sales
vocabulary ("take advantage", "encourage", "opportunity", "last chance", "resolve the balance") made a poor agent read
as warm. Those words are neutral now; courtesy ("thank you so much", "perfect") and hostility ("that's ridiculous")
keep their scores. Feelings keep theirs too: the same overrides score the customer, whose "I'm scared" must stay
negative for customer_sentiment_start/end/shift (an agent's reflection "that must be really scary" still reads
negative: neutralising words inside empathy spans would be a change to the scorer, not to the lexicon).
"""

from __future__ import annotations

import pytest

import tonecheck
from conftest import asr, both_forms


def positivity(nlp, text: str) -> float:
    """The agent positivity of one agent turn."""
    return float(tonecheck.score(f"Agent: {text}\nCustomer: Okay.", nlp=nlp).scores["agent_positivity"])


#: sales and pressure lines that read positive before 1.1.0 and are neutral now
SALES = [
    "I'd strongly encourage you to take advantage of the settlement while it's available.",
    "This is an opportunity to settle the account.",
    "This is your last chance to resolve the account.",
    "Resolving it now means it would show as settled.",
    "I'd encourage you to take advantage of this.",
]


@pytest.mark.parametrize("text", both_forms(SALES))
def test_sales_vocabulary_does_not_read_as_warm(nlp, text):
    assert abs(positivity(nlp, text)) < 0.05


#: courtesy and warmth keep reading positive, hostility negative
COURTESY = [
    "Perfect, thank you so much.",
    "I'm so sorry to hear that, thank you for telling me.",
    "Thank you for being so open with me.",
    "That's really encouraging to hear.",
]
HOSTILE = [
    "That's ridiculous, you should have paid it.",
    "This is unacceptable, it's been three months.",
]


@pytest.mark.parametrize("text", both_forms(COURTESY))
def test_courtesy_still_reads_positive(nlp, text):
    assert positivity(nlp, text) > 0.3


@pytest.mark.parametrize("text", both_forms(HOSTILE))
def test_hostility_still_reads_negative(nlp, text):
    # as speech-to-text, "that's ridiculous | you should have paid it" is two spoken sentences (-0.36 and 0), as
    # if typed with a full stop between them
    assert positivity(nlp, text) < -0.15


POOR_CALL = """\
Agent: I'd strongly encourage you to take advantage of the settlement while it's available.
Customer: I can't afford it.
Agent: This is an opportunity to resolve the balance, and it may be your last chance.
Customer: I'll think about it.
Agent: Resolving it now means it would show as settled.
"""


@pytest.mark.parametrize("form", ["typed", "asr"])
def test_a_call_of_sales_lines_is_not_warm(nlp, form):
    text = POOR_CALL if form == "typed" else "\n".join(
        line.split(": ", 1)[0] + ": " + asr(line.split(": ", 1)[1]) for line in POOR_CALL.splitlines()
    )
    assert abs(tonecheck.score(text, nlp=nlp).scores["agent_positivity"]) < 0.05


@pytest.mark.parametrize("text", both_forms(["I'm scared and worried sick about the house.", "It's exhausting, it's frightening."]))
def test_a_customers_fear_still_reads_negative(nlp, text):
    # the overrides score both speakers: a feeling word is not neutralised, so the customer's distress is still seen
    turns = tonecheck.score(f"Agent: How are you?\nCustomer: {text}", nlp=nlp).turns
    assert float(turns[turns.speaker == "Customer"].sentiment.iloc[0]) < -0.3


# --------------------------------------------------------------------------- sentiment 1.2.0: sarcasm and exasperation
# (coach's session 12, finding 13, S1). The overrides score both speakers; these are the customer's words.


def customer_sentiment(nlp, text: str) -> float:
    turns = tonecheck.score(f"Agent: Okay.\nCustomer: {text}", nlp=nlp).turns
    return float(turns[turns.speaker == "Customer"].sentiment.iloc[0])


#: read warm before 1.2.0 (+0.18 to +0.56): now neutral or negative
SARCASM = [
    "Are you having a laugh?",
    "You're having a laugh, mate.",
    "That's a joke.",
    "You must be joking.",
    "Are you kidding me?",
]
EXASPERATION = ["Unbelievable.", "That offer is laughable."]


@pytest.mark.parametrize("text", both_forms(SARCASM))
def test_sarcasm_does_not_read_warm(nlp, text):
    assert customer_sentiment(nlp, text) <= 0


@pytest.mark.parametrize("text", both_forms(EXASPERATION))
def test_exasperation_reads_negative(nlp, text):
    assert customer_sentiment(nlp, text) < -0.1


#: S1b and fun: still warm, from the words around them
STILL_WARM = ["That was a good laugh, thanks.", "We had a good laugh about it.", "Thanks for not being a prat about it.",
              "Fine, thanks, how are you?"]


@pytest.mark.parametrize("text", both_forms(STILL_WARM))
def test_a_laugh_in_fun_still_reads_warm(nlp, text):
    assert customer_sentiment(nlp, text) > 0.2


ANGRY_START = """\
Agent: The balance we've got is one thousand eight hundred pounds.
Customer: Eighteen hundred? Are you having a laugh?
Agent: I can send you a copy of the agreement and the statements.
Customer: That's a joke. Unbelievable.
Agent: And I'll put the account on hold while you check it.
Customer: You must be joking.
Agent: I'm not asking you for any money today.
Customer: Right. Okay.
Agent: I'll mark the account as letters only, no calls.
Customer: That was a good laugh, thanks. Cheers.
"""


@pytest.mark.parametrize("form", ["typed", "asr"])
def test_an_angry_start_reads_negative_and_the_turnaround_shows(nlp, form):
    # before 1.2.0 the first third read +0.26 typed: the anger was invisible and the shift small
    text = ANGRY_START if form == "typed" else "\n".join(
        line.split(": ", 1)[0] + ": " + asr(line.split(": ", 1)[1]) for line in ANGRY_START.splitlines()
    )
    scores = tonecheck.score(text, nlp=nlp).scores
    assert scores["customer_sentiment_start"] < 0
    assert scores["customer_sentiment_shift"] > 0.3
