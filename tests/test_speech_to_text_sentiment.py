"""Sentiment of speech-to-text turns: scored per spoken sentence, so a call reads about as warm as when typed."""

from __future__ import annotations

import re

import pytest

import tonecheck
from tonecheck.rules import spoken_sentences

CALL = """\
Agent: Good morning, thanks so much for taking my call. I really appreciate your time today.
Customer: Okay. Things have been awful lately, I lost my job and I'm really worried.
Agent: I'm so sorry to hear that. That sounds really hard. We can freeze the interest and set up a plan that works for you. Would that help?
Customer: Yes, that would be great, thank you so much. I feel a lot better now.
Agent: Brilliant, I'm glad. Take care of yourself and have a lovely day.
"""


def speech_to_text(call: str) -> str:
    lines = []
    for line in call.splitlines():
        who, text = line.split(": ", 1)
        lines.append(f"{who}: " + " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split()))
    return "\n".join(lines)


def test_a_call_reads_about_as_warm_typed_and_as_speech_to_text(nlp):
    typed = tonecheck.score(CALL, nlp=nlp).calls.iloc[0]
    spoken = tonecheck.score(speech_to_text(CALL), nlp=nlp).calls.iloc[0]
    # scored as one sentence per turn, the speech-to-text form read 0.76 against 0.41 typed
    assert typed.agent_positivity > 0.3
    assert abs(spoken.agent_positivity - typed.agent_positivity) < 0.1
    assert abs(spoken.tone_score - typed.tone_score) < 2.5  # 4.5 points apart when scored per turn


def test_an_unpunctuated_turn_gets_one_score_per_spoken_sentence(nlp):
    doc = nlp("i'm so sorry to hear that we can freeze the interest so would that help")
    assert len(doc._.tc_sentiment) == 3  # "i'm so sorry to hear that" / "we can freeze the interest" / "so would that help"
    typed = nlp("I'm so sorry to hear that. We can freeze the interest. So would that help?")
    assert len(typed._.tc_sentiment) == 3


@pytest.mark.parametrize(
    "text, starts",
    [
        ("i hear you so what would feel manageable for you", [0, 3]),
        ("i understand would you be able to manage a smaller payment", [0, 2]),
        ("i completely understand and thank you for telling me", [0, 3]),
        ("i understand you called yesterday about the letter", [0]),  # a fact reported: one sentence
    ],
)
def test_spoken_sentences_start_where_a_full_stop_would_be(text, starts):
    assert spoken_sentences(text.split()) == starts
