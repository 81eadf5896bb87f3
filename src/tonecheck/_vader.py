"""VADER's ``polarity_scores``, without its character-by-character emoji pass on text that has no emoji.

VADER starts every call by rebuilding the text one character at a time, putting each emoji's description in its
place: a Python loop with a string concatenation per character, about 40% of VADER's time on a collector's
sentence. Text with none of the (single-character) emoji VADER knows comes out of that pass unchanged, so
:class:`Analyzer` skips it there and runs the rest of VADER's method as written; any other text goes through
VADER's own method. The scores are the same (``tests/test_sentiment_overrides.py`` compares them on every
sentence of the example calls, on emoji and on VADER's special cases).
"""

from __future__ import annotations

from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer, SentiText


class Analyzer(SentimentIntensityAnalyzer):
    """:class:`vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer` with the emoji pass skipped where it
    changes nothing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the pass tests one character at a time, so only one-character keys can ever be replaced
        self.emoji_chars = frozenset(key for key in self.emojis if len(key) == 1)

    def polarity_scores(self, text: str) -> dict[str, float]:
        if not self.emoji_chars.isdisjoint(text):
            return super().polarity_scores(text)
        # SentimentIntensityAnalyzer.polarity_scores (vaderSentiment 3.3.2) from the line after the emoji pass
        text = text.strip()
        sentitext = SentiText(text)
        sentiments: list[float] = []
        words_and_emoticons = sentitext.words_and_emoticons
        for i, item in enumerate(words_and_emoticons):
            valence = 0
            if item.lower() in BOOSTER_DICT:
                sentiments.append(valence)
                continue
            if i < len(words_and_emoticons) - 1 and item.lower() == "kind" and words_and_emoticons[i + 1].lower() == "of":
                sentiments.append(valence)
                continue
            sentiments = self.sentiment_valence(valence, sentitext, item, i, sentiments)
        sentiments = self._but_check(words_and_emoticons, sentiments)
        return self.score_valence(sentiments, text)
