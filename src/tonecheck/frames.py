"""Tidy pandas frames with stable, documented columns.

Three tables, one row per call, per turn and per detection (evidence), plus one
for inputs that could not be scored. The column lists below are the contract:
columns are added in minor versions, never renamed or removed without a major one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:  # pandas is imported lazily: the CLI's --help must stay fast
    import pandas as pd
    from spacy.language import Language
    from spacy.tokens import Doc

TONE_CATEGORIES = ("empathy", "jargon", "open_question", "closed_question", "demand", "solution")

#: One row per call.
CALL_COLUMNS: dict[str, str] = {
    "call_id": "the call's id (from the file, or the file name)",
    "source": "the file the call was read from",
    "n_turns": "number of turns",
    "agent_turns": "turns spoken by the agent",
    "customer_turns": "turns spoken by the customer",
    "agent_words": "words spoken by the agent (punctuation excluded)",
    "customer_words": "words spoken by the customer",
    "agent_talk_share": "agent_words / all words (0-1)",
    **{f"{c}_count": f"{c.replace('_', ' ')} detections on agent turns (negated ones excluded)" for c in TONE_CATEGORIES},
    **{f"{c}_per_100w": f"{c}_count per 100 agent words" for c in TONE_CATEGORIES},
    "question_count": "open + closed questions",
    "open_question_share": "open / (open + closed) questions; empty when the agent asked none",
    "undercut_empathy_count": "empathy followed by 'but' + a demand, or straight away by a demand, in the same turn",
    "negated_demand_count": "demand phrases cancelled by a negation ('you don't have to pay today')",
    "hardship_count": "hardship or distress disclosures in customer turns (context, not scored)",
    "agent_positivity": "mean VADER compound of agent sentences (-1..1), topic words neutralised",
    "customer_sentiment_start": "mean VADER compound of customer sentences in the first third of the call",
    "customer_sentiment_end": "the same over the last third",
    "customer_sentiment_shift": "end - start: did the call leave the customer better (+) or worse (-)?",
    "tone_score": "0-100 tone score; see README 'How scores work'",
    "pipeline": "fast or accurate",
    "model": "trained spaCy pipeline used by 'accurate' (empty for 'fast')",
    "lexicon_version": "version of the lexicon set (+user.<hash> when user files were added)",
    "tonecheck_version": "tonecheck's version",
}

#: One row per turn.
TURN_COLUMNS: dict[str, str] = {
    "call_id": "the call's id",
    "turn_index": "0-based position of the turn in the call",
    "speaker": "speaker label as in the source",
    "role": "agent, customer or unknown",
    "start": "start time in seconds, when the source has it",
    "end": "end time in seconds, when the source has it",
    "words": "words in the turn",
    "sentiment": "mean VADER compound of the turn's sentences",
    **{f"{c}_count": f"{c.replace('_', ' ')} detections in the turn (agent turns only)" for c in TONE_CATEGORIES},
    "hardship_count": "hardship disclosures in the turn (customer turns only)",
    "text": "the turn's text; evidence offsets index into it",
}

#: One row per detection.
EVIDENCE_COLUMNS: dict[str, str] = {
    "call_id": "the call's id",
    "turn_index": "the turn the words are in",
    "speaker": "speaker label",
    "role": "agent or customer",
    "category": "empathy, jargon, open_question, closed_question, demand, solution or hardship",
    "rule": "the lexicon entry id or grammar rule that fired (e.g. empathy.sorry_to_hear, question.wh)",
    "text": "the words, exactly turn_text[start_char:end_char]",
    "start_char": "offset of the first character in the turn's text",
    "end_char": "offset after the last character",
    "sentence": "the sentence the words stand in, for context",
    "weight": "the entry's weight in the tone score",
    "counted": "False when a negation cancels the detection, or a jargon term is explained (there or earlier in the call)",
    "negated": "a negation trigger governs it ('you don't have to pay it today'); for jargon: explained",
    "undercut": "empathy undercut by a following 'but' + demand, or by a demand straight after it",
    "modifier": "the trigger words behind negated/undercut ('explained in turn N' for a term explained earlier)",
    "plain": "for jargon: the plain-language alternative",
    "decided_by": "rules, or parse when the trained pipeline decided it",
}

#: One row per input file of a ``tonecheck score`` run (what ``--resume`` reads back).
FILE_COLUMNS: dict[str, str] = {
    "source": "the file, as named on the command line or found in a folder",
    "sha256": "SHA-256 of the file's bytes (empty when it was over the size limit or unreadable)",
    "bytes": "the file's size",
    "status": "scored (every call in it scored), failed (see the errors table) or empty (no calls)",
    "calls": "calls scored from the file",
    "carried_over": "True when --resume copied its rows from the previous run instead of scoring it again",
}

#: One row per input that could not be scored.
ERROR_COLUMNS: dict[str, str] = {
    "source": "the file (or input label)",
    "error": "the error class, e.g. EncodingError",
    "reason": "what is wrong, with the line where known",
}


def frame(rows: Iterable[dict[str, Any]], columns: dict[str, str]) -> "pd.DataFrame":
    """A DataFrame with exactly the documented columns first, in order, then any extra (metadata) columns."""
    import pandas as pd

    df = pd.DataFrame(list(rows))
    for col in columns:
        if col not in df.columns:
            df[col] = pd.Series(dtype="object")
    extra = [c for c in df.columns if c not in columns]
    return df[list(columns) + extra]


@dataclass
class Report:
    """The result of scoring many calls: ``calls``, ``turns``, ``evidence``, ``checks`` and ``errors`` frames.

    Frames are built on first access from the collected rows. ``checks`` is empty
    unless the calls were scored with rule packs (``score_many(..., packs=["us"])``).
    """

    call_rows: list[dict[str, Any]] = field(default_factory=list)
    turn_rows: list[dict[str, Any]] = field(default_factory=list)
    evidence_rows: list[dict[str, Any]] = field(default_factory=list)
    error_rows: list[dict[str, Any]] = field(default_factory=list)
    check_rows: list[dict[str, Any]] = field(default_factory=list)
    _cache: dict[str, "pd.DataFrame"] = field(default_factory=dict, repr=False)

    def _get(self, name: str, rows: list[dict[str, Any]], columns: dict[str, str]) -> "pd.DataFrame":
        if name not in self._cache:
            self._cache[name] = frame(rows, columns)
        return self._cache[name]

    @property
    def calls(self) -> "pd.DataFrame":
        """One row per call: see :data:`CALL_COLUMNS`."""
        return self._get("calls", self.call_rows, CALL_COLUMNS)

    @property
    def turns(self) -> "pd.DataFrame":
        """One row per turn: see :data:`TURN_COLUMNS`."""
        return self._get("turns", self.turn_rows, TURN_COLUMNS)

    @property
    def evidence(self) -> "pd.DataFrame":
        """One row per detection: see :data:`EVIDENCE_COLUMNS`."""
        return self._get("evidence", self.evidence_rows, EVIDENCE_COLUMNS)

    @property
    def errors(self) -> "pd.DataFrame":
        """One row per input that could not be scored: see :data:`ERROR_COLUMNS`."""
        return self._get("errors", self.error_rows, ERROR_COLUMNS)

    @property
    def checks(self) -> "pd.DataFrame":
        """One row per collections check result: see :data:`tonecheck.checks.CHECK_COLUMNS`."""
        from .checks import CHECK_COLUMNS  # lazy: checks imports spaCy-side code

        return self._get("checks", self.check_rows, CHECK_COLUMNS)

    def __len__(self) -> int:
        return len(self.call_rows)

    def tables(self) -> dict[str, "pd.DataFrame"]:
        return {
            "calls": self.calls,
            "turns": self.turns,
            "evidence": self.evidence,
            "checks": self.checks,
            "errors": self.errors,
        }


def extract_df(docs: Iterable["Doc"], nlp: "Language | None" = None) -> "pd.DataFrame":
    """Evidence rows straight from processed Docs (one per turn), like TextDescriptives' ``extract_df``.

    ``weight`` and ``plain`` come from the lexicon of ``nlp`` (the pipeline that made
    the Docs); without it, from the shipped lexicons.

    >>> import tonecheck
    >>> nlp = tonecheck.load("fast")
    >>> extract_df(nlp.pipe(["Take your time.", "You must pay now."]))[["turn_index", "category", "text"]].values.tolist()
    [[0, 'empathy', 'Take your time'], [1, 'demand', 'You must'], [1, 'demand', 'pay now']]
    """
    from .lexicon import load_lexicon
    from .scoring import evidence_rows, lexicon_of

    lexicon = lexicon_of(nlp) if nlp is not None else load_lexicon()
    rows: list[dict[str, Any]] = []
    for i, doc in enumerate(docs):
        index = doc._.tc_turn_index if doc._.tc_turn_index is not None else i
        rows.extend(evidence_rows(doc, doc._.tc_call_id, index, lexicon))
    return frame(rows, EVIDENCE_COLUMNS)
