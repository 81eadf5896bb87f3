"""Scoring: transcripts -> Docs with spans -> per-call scores and rows.

The tone score (0-100) is a plain weighted sum, clipped::

    tone_score = base
               + Σ weight[category] × (weighted hits of category per 100 agent words)
               + positivity × agent_positivity

Calls with fewer than 100 agent words are counted as 100 words, so one word in a
very short call cannot swing the score. A hit's weight comes from its lexicon
entry (default 1); empathy undercut by "but" + a demand counts ``undercut_factor``
of its weight; negated demands do not count. Defaults (:class:`ScoreWeights`):
start at 50; +5 per empathy, +5 per solution, +4 per open question, -1 per
closed question, -4 per jargon term, -6 per demand (all per 100 agent words);
+10 × agent positivity (VADER compound, -1..1).
"""

from __future__ import annotations

import fnmatch
import math
import os
import re
import weakref
from collections import deque
from itertools import islice
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, NamedTuple

from ._extensions import CALL_ID, ROLE, SENTIMENT, SPEAKER, TURN_INDEX, span_key
from ._lru import LRU
from .errors import TonecheckError, TranscriptError
from .frames import TONE_CATEGORIES, Report, frame, CALL_COLUMNS, TURN_COLUMNS, EVIDENCE_COLUMNS
from .readers import _LABEL_LINE, ReadOptions, iter_file, parse_text
from .transcript import Transcript

if TYPE_CHECKING:
    import pandas as pd
    from spacy.language import Language
    from spacy.tokens import Doc

EVIDENCE_GROUP = "tonecheck"


@dataclass(frozen=True)
class ScoreWeights:
    """Weights of the tone score. Positive categories add, negative ones subtract (points per hit per 100 words)."""

    base: float = 50.0
    empathy: float = 5.0
    solution: float = 5.0
    open_question: float = 4.0
    closed_question: float = -1.0
    jargon: float = -4.0
    demand: float = -6.0
    positivity: float = 10.0
    undercut_factor: float = 0.5
    min_words: int = 100

    @classmethod
    def from_mapping(cls, values: Mapping[str, float]) -> "ScoreWeights":
        known = {f.name for f in fields(cls)}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"unknown score weight(s) {sorted(unknown)}; known: {sorted(known)}")
        return cls(**values)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- per doc


def _words(doc: "Doc") -> int:
    """Tokens that are neither punctuation nor whitespace (one array read, no Token objects)."""
    if len(doc) == 0:
        return 0
    from numpy import count_nonzero
    from spacy.attrs import IS_PUNCT, IS_SPACE

    arr = doc.to_array([IS_PUNCT, IS_SPACE])
    return len(doc) - count_nonzero(arr[:, 0] | arr[:, 1])


def _sentence_text_finder(doc: "Doc", text: str | None = None, sent_starts=None):
    """``span -> span.sent.text``, sentence bounds read once per Doc (same strings).

    ``text`` is ``doc.text`` when the caller has it: sentence texts are then slices of it.
    ``sent_starts`` is ``doc.to_array(SENT_START)`` when the caller has read it.
    """
    from bisect import bisect_left, bisect_right

    from spacy.attrs import IDX, LENGTH, ORTH, SPACY

    from .components import _join_tokens, sentence_bounds

    if "sents" in doc.user_hooks or "sent" in doc.user_span_hooks:
        return lambda span: span.sent.text
    n = len(doc)
    starts = [s for s, _ in sentence_bounds(doc, sent_starts)]
    texts: dict[tuple[int, int], str] = {}
    tokens: list = []  # per token, read once: one read per sentence was quadratic in a long turn

    def sentence(span) -> str:
        # Span.sent: back to the sentence start at or before the span's start, on to the next
        # sentence start at or after its end
        start = starts[bisect_right(starts, span.start) - 1] if starts else 0
        k = bisect_left(starts, span.end)
        end = starts[k] if k < len(starts) else n
        key = (start, end)
        if key not in texts:
            if text is not None:  # doc[start:end].text: from the first token to the end of the last one
                if not tokens:
                    tokens.extend(doc.to_array([IDX, LENGTH]).tolist())
                texts[key] = text[tokens[start][0] : tokens[end - 1][0] + tokens[end - 1][1]]
            else:
                if not tokens:
                    tokens.extend(doc.to_array([ORTH, SPACY]).tolist())
                texts[key] = _join_tokens(doc.vocab.strings, tokens, start, end)
        return texts[key]

    return sentence


def evidence_rows(
    doc: "Doc", call_id: str | None, turn_index: int, lexicon=None, text: str | None = None
) -> list[dict[str, Any]]:
    """One row per detection in a processed turn Doc (see :data:`tonecheck.frames.EVIDENCE_COLUMNS`).

    ``text`` is ``doc.text`` when the caller has it (the turn's text): building it from the
    tokens costs more than the rest of this function.
    """
    data = doc.user_data
    place = {
        "call_id": call_id,
        "turn_index": turn_index,
        "speaker": data.get(SPEAKER),
        "role": data.get(ROLE) or "agent",
    }
    return [{**place, **row} for row in _detections(doc, lexicon, text)]


def _detections(doc: "Doc", lexicon=None, text: str | None = None) -> list[dict[str, Any]]:
    """The evidence rows of a turn Doc without the columns that say where the turn is (:data:`_PLACE_COLUMNS`)."""
    if EVIDENCE_GROUP not in doc.spans:
        return []
    spans = doc.spans[EVIDENCE_GROUP]
    if not len(spans):
        return []
    from spacy.attrs import SENT_START

    from .components import has_sentences

    rows = []
    data = doc.user_data
    doc_text = doc.text if text is None else text
    sent_starts = doc.to_array(SENT_START)
    if has_sentences(doc, sent_starts):
        sentence = _sentence_text_finder(doc, text, sent_starts)
    else:
        sentence = lambda span: doc_text  # noqa: E731
    for span in spans:
        entry = lexicon.get(span.id_) if lexicon is not None else None
        a, b = span.start_char, span.end_char
        # span._.tc_negated etc.: spaCy keeps span extension values in doc.user_data under these keys
        negated = data.get(span_key("tc_negated", a, b), False)
        modifier = data.get(span_key("tc_modifier", a, b))
        rows.append(
            {
                "category": span.label_,
                "rule": span.id_,
                "text": doc_text[a:b],
                "start_char": a,
                "end_char": b,
                "sentence": sentence(span),
                "weight": entry.weight if entry is not None else 1.0,
                "counted": not negated,
                "negated": bool(negated),
                "undercut": bool(data.get(span_key("tc_undercut", a, b), False)),
                "modifier": modifier or "",
                "plain": (entry.plain or "") if entry is not None else "",
                "decided_by": data.get(span_key("tc_decided_by", a, b), "rules"),
            }
        )
    return rows


# --------------------------------------------------------------------------- per call


@dataclass
class CallResult:
    """One scored call: its transcript, the processed Docs (one per turn) and its rows.

    ``calls``, ``turns`` and ``evidence`` give the call's rows as DataFrames;
    ``scores`` is the call row as a dict. ``check_rows`` holds the collections
    checks when the call was scored with rule packs (``packs=["us"]``); see
    :mod:`tonecheck.checks`.
    """

    transcript: Transcript
    docs: list["Doc"]
    scores: dict[str, Any]
    turn_rows: list[dict[str, Any]]
    evidence_rows: list[dict[str, Any]]
    check_rows: list[dict[str, Any]] = field(default_factory=list)
    #: per turn, the rule-pack hits found while scoring (:func:`tonecheck.checks.turn_hits`), or None
    check_hits: list[tuple] | None = field(default=None, repr=False)

    @property
    def call_id(self) -> str:
        return self.transcript.call_id

    @property
    def tone_score(self) -> float:
        return self.scores["tone_score"]

    @property
    def calls(self) -> "pd.DataFrame":
        return frame([self.scores], CALL_COLUMNS)

    @property
    def turns(self) -> "pd.DataFrame":
        return frame(self.turn_rows, TURN_COLUMNS)

    @property
    def evidence(self) -> "pd.DataFrame":
        return frame(self.evidence_rows, EVIDENCE_COLUMNS)

    @property
    def checks(self) -> "pd.DataFrame":
        from .checks import CHECK_COLUMNS

        return frame(self.check_rows, CHECK_COLUMNS)

    def __repr__(self) -> str:
        s = self.scores
        return (
            f"CallResult(call_id={self.call_id!r}, tone_score={s['tone_score']:.1f}, agent_words={s['agent_words']}, "
            f"empathy={s['empathy_count']}, demand={s['demand_count']}, evidence={len(self.evidence_rows)})"
        )


@dataclass(frozen=True)
class FailedInput:
    """An input that could not be read or scored, and why."""

    source: str
    error: str
    reason: str

    def row(self) -> dict[str, str]:
        return {"source": self.source, "error": self.error, "reason": self.reason}


def _explained_earlier(row: dict[str, Any], explained: dict[str, int], turn: int) -> None:
    """A jargon term the agent explained earlier in the call is not counted again ("they can look at whether it's
    statute-barred" after "statute-barred ... it means it's too old to take you to court for"): the customer has
    been told what it means. The first explanation is remembered by the term's rule."""
    rule = row["rule"]
    if not row["counted"]:
        if row["negated"] and row["modifier"]:  # explained on the spot (rules.explanation_after)
            explained.setdefault(rule, turn)
        return
    if rule in explained:
        row["counted"] = False
        row["negated"] = True
        row["modifier"] = f"explained in turn {explained[rule]}"


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else math.nan


class TurnFacts(NamedTuple):
    """What scoring takes from one processed turn Doc: the same for every turn with the same role and text.

    ``evidence`` holds the turn's evidence rows without the columns that depend on where
    the turn is (``call_id``, ``turn_index``, ``speaker``, ``role``).
    """

    words: int
    sentiment: tuple[float, ...]
    evidence: tuple[dict[str, Any], ...]


_PLACE_COLUMNS = ("call_id", "turn_index", "speaker", "role")


def turn_facts(doc: "Doc", lexicon=None, text: str | None = None) -> TurnFacts:
    """The :class:`TurnFacts` of a processed turn Doc (``text``: its text, when the caller has it)."""
    rows = _detections(doc, lexicon, text)
    return TurnFacts(_words(doc), tuple(doc.user_data.get(SENTIMENT) or ()), tuple(rows))


class TurnCache(LRU):
    """Facts of recently seen turns, by (role, text): a turn said word for word before (greetings,
    disclosures, "Okay.", "Can you confirm your date of birth?") is not run through the pipeline again.
    (Also what a rule-pack run keeps each turn's pack hits in: :class:`_Checks`.)

    Bounded (``size`` turns of at most ``max_chars`` characters, least recently used dropped
    first), so memory stays flat. The cache belongs to one pipeline and is emptied when its
    components change (see :func:`turn_cache`).
    """

    def __init__(self, size: int = 4096, max_chars: int = 400):
        super().__init__(size)
        self.max_chars = max_chars
        self.fingerprint: tuple = ()
        self.hits = self.misses = 0

    def key(self, role: str, text: str) -> tuple[str, str] | None:
        return (role, text) if len(text) <= self.max_chars else None

    def get(self, key: tuple[str, str] | None) -> Any:
        if key is None:
            return None
        facts = super().get(key)
        if facts is None:
            self.misses += 1
        else:
            self.hits += 1
        return facts

    def put(self, key: tuple[str, str] | None, facts: Any) -> None:
        if key is not None:
            super().put(key, facts)


_TURN_CACHES: "weakref.WeakKeyDictionary[Language, TurnCache]" = weakref.WeakKeyDictionary()


def _pipeline_fingerprint(nlp: "Language") -> tuple:
    """The components, and their switches (bool and str attributes such as ``parse_all``; counters are ints
    and are left out), so a component replaced or switched empties the cache."""
    parts = []
    for name, proc in nlp.pipeline:
        switches = tuple(sorted((k, v) for k, v in getattr(proc, "__dict__", {}).items() if isinstance(v, (bool, str))))
        parts.append((name, id(proc), switches))
    return tuple(parts)


def turn_cache(nlp: "Language") -> TurnCache:
    """The :class:`TurnCache` of a pipeline, emptied if its components or their settings changed."""
    cache = _TURN_CACHES.get(nlp)
    if cache is None:
        cache = _TURN_CACHES[nlp] = TurnCache()
    fingerprint = _pipeline_fingerprint(nlp)
    if cache.fingerprint != fingerprint:
        cache.clear()
        cache.fingerprint = fingerprint
    return cache


def score_call(
    transcript: Transcript,
    docs: "list[Doc] | list[TurnFacts]",
    info: Mapping[str, Any],
    weights: ScoreWeights,
    lexicon=None,
) -> CallResult:
    """Turn a call's processed Docs (or their :class:`TurnFacts`) into its call row, turn rows and evidence rows."""
    n = len(transcript.turns)
    counts = {c: 0 for c in TONE_CATEGORIES}
    weighted = {c: 0.0 for c in TONE_CATEGORIES}
    undercut = negated = hardship = 0
    agent_words = customer_words = other_words = 0
    agent_sent: list[float] = []
    cust_start: list[float] = []
    cust_end: list[float] = []
    turn_rows: list[dict[str, Any]] = []
    ev_rows: list[dict[str, Any]] = []
    explained: dict[str, int] = {}  # jargon rule -> the agent turn that explained it
    call_id = transcript.call_id
    for i, (turn, item) in enumerate(zip(transcript.turns, docs)):
        facts = item if isinstance(item, TurnFacts) else turn_facts(item, lexicon, turn.text)
        words = facts.words
        sentiment = facts.sentiment
        speaker, role = turn.speaker, turn.role
        rows = [
            {"call_id": call_id, "turn_index": i, "speaker": speaker, "role": role, **base} for base in facts.evidence
        ]
        ev_rows.extend(rows)
        turn_counts = {c: 0 for c in TONE_CATEGORIES}
        turn_hardship = 0
        if turn.role == "agent":
            agent_words += words
            agent_sent.extend(sentiment)
            for row in rows:
                cat = row["category"]
                if cat not in counts:
                    continue
                if cat == "jargon":
                    _explained_earlier(row, explained, i)
                if not row["counted"]:
                    negated += cat == "demand"
                    continue
                counts[cat] += 1
                turn_counts[cat] += 1
                w = row["weight"]
                if row["undercut"]:
                    undercut += 1
                    w *= weights.undercut_factor
                weighted[cat] += w
        elif turn.role == "customer":
            customer_words += words
            turn_hardship = sum(1 for row in rows if row["category"] == "hardship")
            hardship += turn_hardship
            if i < n / 3:
                cust_start.extend(sentiment)
            if i >= 2 * n / 3:
                cust_end.extend(sentiment)
        else:
            other_words += words
        turn_rows.append(
            {
                "call_id": transcript.call_id,
                "turn_index": i,
                "speaker": turn.speaker,
                "role": turn.role,
                "start": turn.start,
                "end": turn.end,
                "words": words,
                "sentiment": _mean(sentiment),
                **{f"{c}_count": turn_counts[c] for c in TONE_CATEGORIES},
                "hardship_count": turn_hardship,
                "text": turn.text,
            }
        )
    total_words = agent_words + customer_words + other_words
    per = 100.0 / max(agent_words, weights.min_words)
    positivity = _mean(agent_sent)
    score = weights.base + sum(getattr(weights, c) * weighted[c] * per for c in TONE_CATEGORIES)
    score += weights.positivity * (0.0 if math.isnan(positivity) else positivity)
    questions = counts["open_question"] + counts["closed_question"]
    start, end = _mean(cust_start), _mean(cust_end)
    row: dict[str, Any] = {
        "call_id": transcript.call_id,
        "source": transcript.source,
        "n_turns": n,
        "agent_turns": sum(t.role == "agent" for t in transcript.turns),
        "customer_turns": sum(t.role == "customer" for t in transcript.turns),
        "agent_words": agent_words,
        "customer_words": customer_words,
        "agent_talk_share": agent_words / total_words if total_words else math.nan,
        **{f"{c}_count": counts[c] for c in TONE_CATEGORIES},
        **{f"{c}_per_100w": counts[c] * 100.0 / agent_words if agent_words else math.nan for c in TONE_CATEGORIES},
        "question_count": questions,
        "open_question_share": counts["open_question"] / questions if questions else math.nan,
        "undercut_empathy_count": undercut,
        "negated_demand_count": negated,
        "hardship_count": hardship,
        "agent_positivity": positivity,
        "customer_sentiment_start": start,
        "customer_sentiment_end": end,
        "customer_sentiment_shift": end - start,
        "tone_score": round(min(100.0, max(0.0, score)), 2),
        "pipeline": info.get("pipeline"),
        "model": info.get("model") or "",
        "lexicon_version": info.get("lexicon_version"),
        "tonecheck_version": info.get("tonecheck_version"),
    }
    for key, value in transcript.metadata.items():
        if isinstance(value, (dict, list)):
            continue
        row[key if key not in row else f"meta_{key}"] = value
    if docs and isinstance(docs[0], TurnFacts):
        docs = []  # the caller sets the Docs (see _score_group)
    return CallResult(transcript=transcript, docs=docs, scores=row, turn_rows=turn_rows, evidence_rows=ev_rows)


# --------------------------------------------------------------------------- inputs

Input = "str | Path | Transcript"


def iter_paths(paths: Iterable[str | Path], pattern: str | None = None) -> Iterator[Path]:
    """Files under the given paths, streamed: folders are walked recursively in sorted order,
    one directory listing at a time; hidden files and folders are skipped.

    Inside folders, only files with a transcript extension a reader knows (``.txt``,
    ``.json``, ``.csv``, ...) are taken, so a README or a spreadsheet beside the
    transcripts is not an error; ``pattern`` (e.g. ``"*.log"``) takes matching files
    instead. A file named directly is always taken.
    """
    from .readers import EXTENSIONS

    for p in paths:
        p = Path(p)
        try:
            is_dir = p.is_dir()
        except (OSError, ValueError):  # not a name a file system takes: reading it reports the problem
            is_dir = False
        if not is_dir:
            yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                wanted = fnmatch.fnmatch(name, pattern) if pattern else Path(name).suffix.lower() in EXTENSIONS
                if wanted:
                    yield Path(root) / name


def is_transcript_text(item: str) -> bool:
    """Whether a string is a transcript (``Speaker: text`` lines) rather than a path.

    A string with a line break, or one that is not an existing path and reads like a
    ``Speaker: text`` line, is a transcript; anything else is taken as a path (a
    missing file is then reported as such).
    """
    if "\n" in item:
        return True
    try:
        if Path(item).exists():
            return False
    except (OSError, ValueError):  # too long for a file name, or a NUL byte: it cannot be a path
        pass
    return _LABEL_LINE.match(item) is not None


def _failure(source: str, exc: TranscriptError) -> FailedInput:
    reason = exc.reason if exc.line is None else f"line {exc.line}: {exc.reason}"
    return FailedInput(source, type(exc).__name__, reason)


def iter_transcripts(
    items: Iterable[Any], options: ReadOptions = ReadOptions()
) -> Iterator[Transcript | FailedInput]:
    """Transcripts from paths (files or folders), Transcript objects or transcript strings; failures as FailedInput."""
    for k, item in enumerate(items):
        if isinstance(item, Transcript):
            if item.turns:
                yield item
            else:
                yield FailedInput(item.source or item.call_id, "EmptyTranscriptError", "transcript has no turns")
            continue
        if isinstance(item, str) and is_transcript_text(item):
            try:
                yield parse_text(item, call_id=f"call-{k}", options=options)
            except TranscriptError as exc:
                yield _failure(f"<string {k}>", exc)
            continue
        for path in iter_paths([item]):
            try:
                yield from iter_file(path, options=options)
            except TranscriptError as exc:
                yield _failure(str(path), exc)
            except OSError as exc:
                yield FailedInput(str(path), type(exc).__name__, str(exc))


# --------------------------------------------------------------------------- scoring


#: spaCy's tokenizer takes quadratic time on one long run of punctuation or symbols without
#: white space (8,000 "(" or emoji: 12-16 s), so runs longer than this are tokenized in
#: pieces of this many characters. Nothing that long is a word; the text and offsets are unchanged.
MAX_RUN_CHARS = 200
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN_CHARS + 1))


def make_doc(nlp: "Language", text: str) -> "Doc":
    """``nlp.make_doc(text)``, in linear time: long runs without white space are cut into pieces first."""
    if _LONG_RUN.search(text) is None:
        return nlp.make_doc(text)
    from spacy.tokens import Doc

    cuts = [0]
    for m in _LONG_RUN.finditer(text):
        cuts.extend(range(m.start(), m.end(), MAX_RUN_CHARS))
        end = m.end() + 1 if text[m.end() : m.end() + 1] == " " else m.end()  # the space stays with the run
        cuts.append(end)
    cuts.append(len(text))
    pieces = [text[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]
    return Doc.from_docs([nlp.make_doc(p) for p in pieces], ensure_whitespace=False)


def turn_docs(nlp: "Language", transcript: Transcript) -> Iterator["Doc"]:
    """Tokenized Docs for a call's turns, with role, speaker, turn index and call id set."""
    for i in range(len(transcript.turns)):
        yield make_turn_doc(nlp, transcript, i)


def make_turn_doc(nlp: "Language", transcript: Transcript, i: int) -> "Doc":
    """The tokenized Doc of turn ``i``, with role, speaker, turn index and call id set."""
    from .components import remember_text

    turn = transcript.turns[i]
    doc = make_doc(nlp, turn.text)
    remember_text(doc, turn.text)
    data = doc.user_data  # what doc._.tc_role = ... stores (extensions registered by .components)
    data[ROLE] = turn.role
    data[SPEAKER] = turn.speaker
    data[TURN_INDEX] = i
    data[CALL_ID] = transcript.call_id
    return doc


def lexicon_of(nlp: "Language"):
    """The lexicon a tonecheck pipeline was built with."""
    from .lexicon import load_lexicon

    matcher = nlp.get_pipe("tonecheck_lexicon") if "tonecheck_lexicon" in nlp.pipe_names else None
    if getattr(matcher, "lexicon", None) is not None:  # loaded when the pipeline was built: no need to read it again
        return matcher.lexicon
    cfg = nlp.get_pipe_config("tonecheck_lexicon") if "tonecheck_lexicon" in nlp.pipe_names else {}
    return load_lexicon(cfg.get("lexicons", []), include_default=cfg.get("include_default", True))


def iter_results(
    items: Iterable[Any],
    *,
    nlp: "Language | None" = None,
    weights: ScoreWeights = ScoreWeights(),
    options: ReadOptions = ReadOptions(),
    batch_size: int = 256,
    n_process: int = 1,
    packs: Any = None,
    keep_docs: bool = False,
    zones: bool = True,
) -> Iterator[CallResult | FailedInput]:
    """Stream results: one CallResult per call, or FailedInput for each input that could not be read.

    Turns of many calls go through ``nlp.pipe`` together; memory holds only the
    calls in flight, so this works on any number of files. With ``n_process`` > 1
    (or -1, one per CPU), worker processes read and score whole calls, and results
    still arrive in input order (see :mod:`tonecheck._parallel`).

    Calls are scored in groups inside spaCy memory zones, so the vocabulary does not
    grow with every new word (amounts, names, reference numbers) across millions of
    turns; ``CallResult.docs`` is then re-made from the transcript when first read.
    ``keep_docs=True`` keeps the Docs the pipeline made instead (the vocabulary then
    grows as in any long-running spaCy process).

    A turn said word for word earlier in the run (or in an earlier run with the same
    pipeline), such as a scripted disclosure or "Okay.", is not processed again: its
    detections (and, with ``packs``, its rule-pack hits) come from a bounded cache
    (:class:`TurnCache`), unless ``keep_docs`` keeps every Doc.

    ``zones=False`` leaves spaCy memory zones to the caller (the worker processes of
    ``n_process`` open one around each chunk they score).

    ``packs`` (``["us"]``, ``["us", "uk"]``, pack file paths, or a loaded
    :class:`~tonecheck.checks.PackSet`) runs the collections checks on each call:
    their columns join ``scores`` and their rows go to ``CallResult.check_rows``.
    ``None`` (default) runs no checks.
    """
    from .pipeline import pipeline_info

    if n_process != 1:
        from ._parallel import parallel_results

        yield from parallel_results(
            items, nlp=nlp or default_nlp(), weights=weights, options=options, batch_size=batch_size,
            n_process=n_process, packs=packs,
        )
        return

    nlp = nlp or default_nlp()
    # keep_docs keeps every turn's Doc: only otherwise are repeated turns taken from the cache
    cache = None if keep_docs else turn_cache(nlp)
    checks = None
    if packs is not None:
        from .checks import load_packs

        packset = load_packs(packs)  # a bad pack fails here, before any call is read
        packset.matcher(nlp.vocab)  # built now, outside any memory zone, so its strings stay
        checks = _Checks(packset, cache)

    info = pipeline_info(nlp)
    lexicon = lexicon_of(nlp)
    transcripts = iter_transcripts(items, options)
    if keep_docs or not zones or not hasattr(nlp, "memory_zone"):  # memory zones: spaCy >= 3.8
        yield from _score_stream(nlp, transcripts, info, weights, lexicon, batch_size, checks, cache)
        return
    from ._parallel import LazyDocs

    first = True
    while True:
        group = list(islice(transcripts, ZONE_CALLS))
        if not group:
            return
        if first:  # outside a zone: anything a component builds on first use stays valid
            first = False
            yield from _score_group(nlp, group, info, weights, lexicon, batch_size, checks, cache)
            continue
        results: list[CallResult | FailedInput] = []
        with nlp.memory_zone():  # words first seen in this group leave the vocabulary at the end of it
            for r in _score_group(nlp, group, info, weights, lexicon, batch_size, checks, cache):
                if isinstance(r, CallResult):
                    r.docs = LazyDocs(nlp, r.transcript)  # the zone's Docs are not valid after it
                results.append(r)
        yield from results


class _Checks:
    """The collections checks of one run: ``checks(result)`` fills a scored call's check rows.

    ``turn_hits(doc, role)`` finds a turn's pack hits while its Doc is at hand; with a turn
    cache, ``hit_cache`` keeps them beside the turn's facts, so a repeated turn is not
    processed again for the checks either.
    """

    def __init__(self, packset: Any, cache: TurnCache | None):
        self.packset = packset
        self.hit_cache = TurnCache(cache.size, cache.max_chars) if cache is not None else None  # this run's packs only

    def turn_hits(self, doc: "Doc", role: str) -> tuple:
        from .checks import turn_hits

        return turn_hits(self.packset, doc, role)

    def __call__(self, result: CallResult) -> CallResult:
        from .checks import run_checks

        result.check_rows, columns = run_checks(result, self.packset)
        result.scores.update(columns)
        return result


#: Calls scored together in one spaCy memory zone by :func:`iter_results`.
ZONE_CALLS = 64


def _score_stream(
    nlp: "Language", transcripts: Iterable[Transcript | FailedInput], info, weights, lexicon, batch_size, checks,
    cache: "TurnCache | None" = None,
) -> Iterator[CallResult | FailedInput]:
    """Score calls group by group (:data:`ZONE_CALLS` at a time), in input order."""
    items = iter(transcripts)
    while True:
        group = list(islice(items, ZONE_CALLS))
        if not group:
            return
        yield from _score_group(nlp, group, info, weights, lexicon, batch_size, checks, cache)


def _score_group(
    nlp: "Language", group: list[Transcript | FailedInput], info, weights, lexicon, batch_size, checks,
    cache: "TurnCache | None",
) -> Iterator[CallResult | FailedInput]:
    """One group of calls: turns not in ``cache`` go through ``nlp.pipe`` together, then each call is scored.

    Without a cache every turn is processed and ``CallResult.docs`` holds the Docs; with
    one, the Docs are not kept (:class:`~tonecheck._parallel.LazyDocs` re-makes them
    when read).
    """
    facts: list[list[Any] | None] = []
    todo: list[tuple[int, int, Any]] = []  # (call, turn, cache key) of the turns to process
    same: dict[tuple[str, str], list[tuple[int, int]]] = {}  # turns repeating a turn in todo
    # with rule packs and a cache, each turn's pack hits are kept beside its facts (checks.turn_hits)
    hit_cache = checks.hit_cache if checks is not None else None
    hits: list[list[Any] | None] = []
    for ci, t in enumerate(group):
        if isinstance(t, FailedInput):
            facts.append(None)
            hits.append(None)
            continue
        known: list[Any] = [None] * len(t.turns)
        known_hits: list[Any] = [None] * len(t.turns)
        for ti, turn in enumerate(t.turns):
            key = cache.key(turn.role, turn.text) if cache is not None else None
            if key is None:
                todo.append((ci, ti, None))
                continue
            found = hit_cache.get(key) if hit_cache is not None else ()
            hit = cache.get(key) if found is not None else None  # type: ignore[union-attr]
            if hit is not None:
                known[ti] = hit
                known_hits[ti] = found
            elif key in same:
                same[key].append((ci, ti))
            else:
                same[key] = []
                todo.append((ci, ti, key))
        facts.append(known)
        hits.append(known_hits)

    def docs() -> Iterator["Doc"]:
        for ci, ti, _ in todo:
            t = group[ci]
            yield make_turn_doc(nlp, t, ti)  # type: ignore[arg-type]

    for (ci, ti, key), doc in zip(todo, nlp.pipe(docs(), batch_size=batch_size)):
        if cache is None:
            facts[ci][ti] = doc  # type: ignore[index]
            continue
        turn = group[ci].turns[ti]  # type: ignore[union-attr]
        f = turn_facts(doc, lexicon, turn.text)
        h = checks.turn_hits(doc, turn.role) if hit_cache is not None else None
        facts[ci][ti] = f  # type: ignore[index]
        hits[ci][ti] = h  # type: ignore[index]
        if key is not None:
            cache.put(key, f)
            if hit_cache is not None:
                hit_cache.put(key, h)
            for cj, tj in same[key]:
                facts[cj][tj] = f  # type: ignore[index]
                hits[cj][tj] = h  # type: ignore[index]
                cache.hits += 1
    from ._parallel import LazyDocs

    for t, known, known_hits in zip(group, facts, hits):
        if isinstance(t, FailedInput):
            yield t
            continue
        result = score_call(t, known, info, weights, lexicon)  # type: ignore[arg-type]
        if cache is not None:
            result.docs = LazyDocs(nlp, t)
            if hit_cache is not None:
                result.check_hits = known_hits
        if checks is not None:
            result = checks(result)
        yield result


_DEFAULT: dict[str, Any] = {}


def default_nlp(pipeline: str | None = None) -> "Language":
    """The pipeline ``score``/``score_many`` use when none is given (built once per process)."""
    from .pipeline import load

    key = pipeline or "default"
    if key not in _DEFAULT:
        _DEFAULT[key] = load(pipeline)  # type: ignore[arg-type]
    return _DEFAULT[key]


def score(
    x: Any,
    *,
    nlp: "Language | None" = None,
    pipeline: str | None = None,
    weights: ScoreWeights = ScoreWeights(),
    role_map: Mapping[str, str] | None = None,
    packs: Any = None,
) -> CallResult:
    """Score one call: a path, a :class:`Transcript` or a transcript string (``Speaker: text`` lines).

    Raises :class:`~tonecheck.errors.TranscriptError` if the input cannot be read.

    >>> r = score("Agent: I'm so sorry to hear that. Take your time.\\nCustomer: Thank you.", pipeline="fast")
    >>> r.scores["empathy_count"], r.tone_score > 50
    (2, True)
    """
    nlp = nlp or default_nlp(pipeline)
    results = list(
        iter_results([x], nlp=nlp, weights=weights, options=ReadOptions(role_map=role_map), packs=packs, keep_docs=True)
    )
    for r in results:
        if isinstance(r, FailedInput):
            raise TranscriptError(r.reason, r.source)
    if len(results) != 1:
        raise TonecheckError(f"input holds {len(results)} calls; use score_many()")
    return results[0]  # type: ignore[return-value]


def score_many(
    items: Iterable[Any],
    *,
    nlp: "Language | None" = None,
    pipeline: str | None = None,
    weights: ScoreWeights = ScoreWeights(),
    role_map: Mapping[str, str] | None = None,
    options: ReadOptions | None = None,
    n_process: int = 1,
    batch_size: int = 256,
    errors: str = "collect",
    packs: Any = None,
) -> Report:
    """Score many calls (paths, folders, Transcripts or strings) into a :class:`~tonecheck.frames.Report`.

    ``errors="collect"`` (default) records unreadable inputs in ``report.errors`` and
    goes on; ``errors="raise"`` raises on the first one. ``packs`` runs the
    collections checks (see :func:`iter_results`) into ``report.checks``.
    """
    if errors not in ("collect", "raise"):
        raise ValueError("errors must be 'collect' or 'raise'")
    nlp = nlp or default_nlp(pipeline)
    opts = options or ReadOptions(role_map=role_map)
    report = Report()
    for r in iter_results(
        items, nlp=nlp, weights=weights, options=opts, n_process=n_process, batch_size=batch_size, packs=packs
    ):
        if isinstance(r, FailedInput):
            if errors == "raise":
                raise TranscriptError(r.reason, r.source)
            report.error_rows.append(r.row())
            continue
        report.call_rows.append(r.scores)
        report.turn_rows.extend(r.turn_rows)
        report.evidence_rows.extend(r.evidence_rows)
        report.check_rows.extend(r.check_rows)
    return report
