"""tonecheck's VADER (tonecheck._vader.Analyzer): VADER's scores, without its emoji pass on text with no emoji."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from tonecheck._vader import Analyzer
from tonecheck.lexicon import load_lexicon
from tonecheck.readers import iter_file

EXAMPLES = Path(__file__).parents[1] / "examples"

#: VADER's own special cases, emoji (one character, with a skin tone, several in a row) and edge whitespace
SPECIAL = [
    "", "   ", "  Thank you so much.  ", "I'm kind of worried about it.", "It's kind of you to call.",
    "It was fine but the letter was awful.", "NOT good at ALL!!!", "I'm not sure, not really happy :(",
    "great 👍 thanks", "so happy😀", "👍🏽 fine", "that's 💔 honestly", "😡😡 this is a joke", "ok :) thanks",
    "The payment was never late, was it?", "Wow. Okay.", "no problem at all", "I don't have a clue",
]


def sentences() -> list[str]:
    turns = [turn.text for p in sorted(EXAMPLES.glob("*.txt")) for t in iter_file(p) for turn in t.turns]
    return turns + [s for text in turns for s in re.split(r"(?<=[.?!])\s+", text)] + SPECIAL


@pytest.mark.parametrize("overrides", [False, True])
def test_the_same_scores_as_vader(overrides):
    ours, vader = Analyzer(), SentimentIntensityAnalyzer()
    if overrides:  # as tonecheck runs it: with the sentiment overrides of its lexicons
        for analyzer in (ours, vader):
            analyzer.lexicon.update(load_lexicon().sentiment)
    texts = sentences()
    assert len(texts) > 300
    assert [ours.polarity_scores(t) for t in texts] == [vader.polarity_scores(t) for t in texts]


def test_text_with_emoji_goes_through_vader_and_other_text_skips_its_pass(monkeypatch):
    calls: list[str] = []
    original = SentimentIntensityAnalyzer.polarity_scores

    def counted(self, text):
        calls.append(text)
        return original(self, text)

    monkeypatch.setattr(SentimentIntensityAnalyzer, "polarity_scores", counted)
    analyzer = Analyzer()
    assert analyzer.polarity_scores("great 👍 thanks")["compound"] > 0.5  # the emoji's description scores too
    assert analyzer.polarity_scores("I can't pay that today.")["compound"] < 0.1
    assert calls == ["great 👍 thanks"]
