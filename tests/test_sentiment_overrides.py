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
