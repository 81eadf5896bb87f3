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

import contextlib
import hashlib
import weakref
from bisect import bisect_right
from typing import Any, Iterable, Iterator, Mapping, NamedTuple

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, LOWER, NORM, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch

from . import _diskcache
from ._extensions import DOC_EXTENSIONS, ROLE, SENTIMENT, SPAN_EXTENSIONS
from ._lru import LRU
from .lexicon import (
    CUSTOMER_CATEGORIES,
    END,
    EXCLUSION_CATEGORIES,
    MAX_STEP_OVER,
    MODIFIER_CATEGORIES,
    NEGATABLE,
    TONE_CATEGORIES,
    Lexicon,
    LexiconEntry,
    load_lexicon,
)
from .models import load_trained, trained_model_name
from .rules import (
    Grammar,
    explanation_after,
    find_questions,
    governing_negation,
    imperative_start,
    in_company_name,
    is_imperative_token,
    negator_words,
    spoken_sentences,
    vetoed,
)

EVIDENCE = "tonecheck"
CUES = "tonecheck_cues"
_QUESTION_CUES = ("open_question", "closed_question")
_CUE_CATEGORIES = set(MODIFIER_CATEGORIES) | set(EXCLUSION_CATEGORIES) | set(_QUESTION_CUES)
_PUNCT_SENT_END = {".", "?", "!"}
_CLAUSE_BREAK = {",", ";", ":", "—", "–", "--"}


def register_extensions() -> None:
    """Register tonecheck's Doc and Span extensions. Safe to call any number of times."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register_extensions()


def doc_role(doc: Doc) -> str | None:
    """``doc._.tc_role``, read without the Underscore object (same value)."""
    return doc.user_data.get(ROLE)


def is_agent(doc: Doc) -> bool:
    """Agent turns, and Docs made without a role (plain ``nlp(text)``), are scored for tone."""
    return doc.user_data.get(ROLE) in (None, "agent")


class _DocView:
    """Token attributes of one Doc that several components read, computed once and shared.

    Kept in a weak dictionary keyed by the Doc (:func:`_view`), so it lives as long as the
    Doc and is rebuilt when the Doc's length changes. Sentence bounds are kept with the
    sentence starts they were read from and recomputed if those changed (a component that
    sets sentences between tonecheck's components).
    """

    __slots__ = ("n", "text", "norm_ids", "norms", "unpunctuated", "starts_key", "bounds")

    def __init__(self, n: int):
        self.n = n
        self.text: str | None = None
        self.norm_ids: list[int] | None = None
        self.norms: list[str] | None = None
        self.unpunctuated: bool | None = None
        self.starts_key: bytes | None = None
        self.bounds: tuple[tuple[int, int], ...] = ()


_VIEWS: "weakref.WeakKeyDictionary[Doc, _DocView]" = weakref.WeakKeyDictionary()


def _view(doc: Doc) -> _DocView:
    view = _VIEWS.get(doc)
    if view is None or view.n != len(doc):
        view = _VIEWS[doc] = _DocView(len(doc))
    return view


def remember_text(doc: Doc, text: str) -> None:
    """Note the text a Doc was tokenized from (``doc.text``), so components slice it instead of rebuilding it."""
    _view(doc).text = text


def doc_text(doc: Doc) -> str:
    """``doc.text``: the text noted by :func:`remember_text`, else built from the tokens."""
    text = _view(doc).text
    return doc.text if text is None else text


def is_unpunctuated(doc: Doc) -> bool:
    """True when a turn has no sentence punctuation at all (typical speech-to-text output)."""
    if len(doc) <= 3:
        return False
    view = _view(doc)
    if view.unpunctuated is None:
        strings = doc.vocab.strings
        present = set(doc.to_array(ORTH).tolist())
        view.unpunctuated = not any(strings[p] in present for p in _PUNCT_SENT_END)
    return view.unpunctuated


def has_sentences(doc: Doc, sent_starts=None) -> bool:
    """``doc.has_annotation("SENT_START")`` from one array read."""
    n = len(doc)
    if n <= 1 or "sents" in doc.user_hooks:
        return True
    if sent_starts is None:
        sent_starts = doc.to_array(SENT_START)
    return numpy.count_nonzero(sent_starts[1:]) > 0


def sentence_bounds(doc: Doc, sent_starts=None) -> tuple[tuple[int, int], ...]:
    """(start, end) token offsets of ``doc.sents``, without building Span objects.

    ``sent_starts`` is ``doc.to_array(SENT_START)`` when the caller has read it already.
    The result is shared by every caller for this Doc (read once per Doc while its
    sentence starts stay the same): do not modify it.
    """
    n = len(doc)
    if n == 0:
        return ()
    if "sents" in doc.user_hooks:
        return tuple((s.start, s.end) for s in doc.sents)
    if sent_starts is None:
        sent_starts = doc.to_array(SENT_START)
    key = sent_starts.tobytes()
    view = _view(doc)
    if view.starts_key == key:
        return view.bounds
    if not has_sentences(doc, sent_starts):
        list(doc.sents)  # raises spaCy's own error
    flags = sent_starts.tolist()
    starts = [i for i in range(1, n) if flags[i] == 1]
    starts.insert(0, 0)
    starts.append(n)
    view.bounds = tuple(zip(starts, starts[1:]))
    view.starts_key = key
    return view.bounds


def token_norm_ids(doc: Doc) -> list[int]:
    """``[t.norm for t in doc]`` (string hashes), from one array read per Doc (shared: do not modify)."""
    view = _view(doc)
    if view.norm_ids is None:
        view.norm_ids = doc.to_array(NORM).tolist()
    return view.norm_ids


def token_norms(doc: Doc) -> list[str]:
    """``[t.norm_ for t in doc]``, from one array read per Doc (shared: do not modify)."""
    view = _view(doc)
    if view.norms is None:
        strings = doc.vocab.strings
        view.norms = [strings[h] for h in token_norm_ids(doc)]
    return view.norms


def sentence_texts(doc: Doc, bounds: list[tuple[int, int]], text: str | None = None) -> list[str]:
    """``[doc[s:e].text for s, e in bounds]`` (same strings), without Token objects.

    With ``text`` (``doc.text``, when the caller has it) the texts are slices of it;
    otherwise they are joined from the token strings.
    """
    if not bounds:
        return []
    if text is not None:
        arr = doc.to_array([IDX, LENGTH])
        return [text[arr[s, 0] : arr[e - 1, 0] + arr[e - 1, 1]] for s, e in bounds]
    arr = doc.to_array([ORTH, SPACY]).tolist()
    strings = doc.vocab.strings
    return [_join_tokens(strings, arr, s, e) for s, e in bounds]


def _join_tokens(strings, orth_spacy: list, start: int, end: int) -> str:
    """``doc[start:end].text`` from (orth, spacy) rows: token texts with their whitespace, minus the last one's."""
    text = "".join([strings[o] + " " if sp else strings[o] for o, sp in orth_spacy[start:end]])
    return text[:-1] if orth_spacy[end - 1][1] else text


def _lexicon(lexicons: Iterable[str], include_default: bool) -> Lexicon:
    return load_lexicon(list(lexicons), include_default=include_default)


#: per pipeline, the lexicon its Grammar was built from and the Grammar: the components of one pipeline share it
_GRAMMARS: "weakref.WeakKeyDictionary[Language, tuple[Lexicon, Grammar]]" = weakref.WeakKeyDictionary()


def _grammar(nlp: Language, lexicon: Lexicon) -> Grammar:
    built = _GRAMMARS.get(nlp)
    if built is None or built[0] is not lexicon:
        built = (lexicon, Grammar.from_lexicon(lexicon, lambda text: [t.norm_ for t in nlp.make_doc(text)]))
        _GRAMMARS[nlp] = built
    return built[1]


def _add_spans(doc: Doc, group: str, spans: Iterable[Span]) -> None:
    if group in doc.spans:
        existing = list(doc.spans[group])
        doc.spans[group] = existing + list(spans)
    else:
        doc.spans[group] = list(spans)


def _sentence_index(doc: Doc, i: int) -> int:
    """The index in :func:`sentence_bounds` of the sentence holding token ``i``."""
    return bisect_right([s for s, _ in sentence_bounds(doc)], i) - 1


def _sentence_at(doc: Doc, i: int) -> tuple[int, int]:
    """(start, end) of the sentence holding token ``i`` (``doc[i].sent``)."""
    return sentence_bounds(doc)[_sentence_index(doc, i)]


_GATE_ATTRS = {"NORM": NORM, "ORTH": ORTH, "LOWER": LOWER}


def _must_match(op: Any) -> bool:
    """Whether a token spec with this ``OP`` has to match at least one token."""
    return _op_counts(op)[0] >= 1


#: "as many as the Doc has": the most tokens a ``*``, ``+`` or ``{n,}`` spec may take
_UNBOUNDED = 1 << 30


def _op_counts(op: Any) -> tuple[int, int]:
    """The fewest and the most tokens a token spec with this ``OP`` takes ("!" takes one token that must not match
    the spec: counted as 0 or 1, and never as a required word)."""
    if op is None:
        return 1, 1
    if op in ("?", "!"):
        return 0, 1
    if op == "*":
        return 0, _UNBOUNDED
    if op == "+":
        return 1, _UNBOUNDED
    if isinstance(op, str) and op.startswith("{") and op.endswith("}"):  # {n}, {n,m}, {n,}, {,m}
        parts = [p.strip() for p in op[1:-1].split(",")]
        low = int(parts[0]) if parts[0] else 0
        if len(parts) == 1:
            return low, low
        return low, int(parts[1]) if parts[1] else _UNBOUNDED
    return 0, _UNBOUNDED  # an operator this gate does not know: assume nothing


def _literal(spec: dict[str, Any], strings) -> tuple[int, frozenset[int]] | None:
    """``(attr, hashes)`` when a token spec fixes a NORM/ORTH/LOWER value or ``IN`` list, else None."""
    for key, attr in _GATE_ATTRS.items():
        value = spec.get(key)
        if isinstance(value, str):
            values = [value]
        elif isinstance(value, dict) and set(value) == {"IN"}:
            values = list(value["IN"])
        else:
            continue
        return attr, frozenset(strings.add(v.lower() if key == "LOWER" else v) for v in values)
    return None


class PatternGate:
    """What a Doc must contain for a token pattern to match anywhere in it.

    ``words``: one ``(attr, hashes)`` per token spec that must match at least once (no
    ``OP``, or ``+``/``{n}``/``{n,m}`` with n >= 1) and fixes a literal value or an ``IN``
    list of ``NORM``, ``ORTH`` or ``LOWER``: the Doc needs a token with one of those
    values. ``pairs``: two such specs next to each other in the pattern, whose tokens must
    then stand next to each other in the Doc ("are" + "you", "by" + a weekday). ``chain``: those
    specs in the pattern's order, each as many tokens after the one before as the specs between them
    allow ("i"/"we", up to two optional words, then "need"/"want": not "I" and "need" anywhere in the turn).
    ``after``: when the entry's ``followed_by`` requires a token (no ``end``) and every
    alternative fixes a literal value, the pattern's last token (if it must match and fixes
    one) must be followed by such a token, whitespace tokens skipped ("sorry" + "." or "!").
    The token ``Matcher`` walks every token of every Doc in Python; checking these first
    (one array read per attribute and Doc) skips it where the pattern cannot match, and
    finds exactly the same matches.
    """

    def __init__(self, pattern: Iterable[dict[str, Any]], strings, followed_by: Iterable[Any] = ()):
        self.words: list[tuple[int, frozenset[int]]] = []
        self.pairs: list[tuple[tuple[int, frozenset[int]], tuple[int, frozenset[int]]]] = []
        self.after: tuple[tuple[int, frozenset[int]], list[tuple[int, frozenset[int]]]] | None = None
        #: the required words in pattern order, each with the fewest and the most tokens from the first token
        #: of the one before it to its own first token
        self.chain: list[tuple[tuple[int, frozenset[int]], int, int]] = []
        previous = None
        low = high = 0  # tokens from the last required word's first token to the current spec
        before = 0  # the most tokens before the first required word
        for spec in pattern:
            fewest, most = _op_counts(spec.get("OP"))
            lit = _literal(spec, strings) if _must_match(spec.get("OP")) else None
            if lit is not None:
                self.words.append(lit)
                if previous is not None:
                    self.pairs.append((previous, lit))
                self.chain.append((lit, low, high))  # the first word's distances are never read
                low = high = 0
            previous = lit
            if self.chain:
                low, high = low + fewest, min(high + most, _UNBOUNDED)
            else:
                before = min(before + most, _UNBOUNDED)
        #: the most tokens a match has before its first required word, and from that word's first token on:
        #: every match lies within these of a place where the chain holds
        self.reach = (before, high + sum(h for _, _, h in self.chain[1:]))
        followed_by = list(followed_by)
        if previous is not None and followed_by and END not in followed_by and all(isinstance(a, dict) for a in followed_by):
            alternatives = [_literal(a, strings) for a in followed_by]
            if all(a is not None for a in alternatives):
                self.after = (previous, alternatives)  # type: ignore[assignment]

    def may_match(self, doc: Doc, columns: dict[int, list[int]], present: dict[int, set[int]]) -> bool:
        """False when ``doc`` cannot hold a match; ``columns``/``present`` cache its attribute values."""
        return self.windows(doc, columns, present) is not None

    def windows(
        self, doc: Doc, columns: dict[int, list[int]], present: dict[int, set[int]]
    ) -> list[tuple[int, int]] | None:
        """The stretches of ``doc`` (``start, end``, in order, apart) that hold every match of the pattern, or
        None when it cannot match. A pattern of bounded length is looked for only around the places where its
        chain of required words holds; the Matcher's cost is per token of what it is given."""
        for attr, values in self.words:
            if attr not in present:
                columns[attr] = doc.to_array(attr).tolist()
                present[attr] = set(columns[attr])
            if values.isdisjoint(present[attr]):
                return None
        for (a1, s1), (a2, s2) in self.pairs:
            if not _adjacent(columns[a1], columns[a2], s1.intersection(present[a1]), s2):
                return None
        n = len(doc)
        starts = self._chain_starts(columns) if self.chain else None
        if starts == []:
            return None
        if self.after is not None and not self._followed(doc, columns, present):
            return None
        before, after = self.reach
        if starts is None or before >= _UNBOUNDED or after >= _UNBOUNDED:
            return [(0, n)]
        out: list[tuple[int, int]] = []
        for i in starts:
            a, b = max(0, i - before), min(n, i + after)
            if out and a <= out[-1][1]:
                out[-1] = (out[-1][0], b)
            else:
                out.append((a, b))
        return out

    def _chain_starts(self, columns: dict[int, list[int]]) -> list[int]:
        """Where the first required word stands with the others after it in the pattern's order, each as far
        from the one before as the specs between them allow ("i" ... "need" within three tokens)."""
        (attr, values), _, _ = self.chain[0]
        column = columns[attr]
        n = len(column)
        starts = [i for i, v in enumerate(column) if v in values]
        if len(self.chain) == 1:
            return starts
        found = []
        for start in starts:
            frontier = {start}
            for (attr, values), low, high in self.chain[1:]:
                column = columns[attr]
                frontier = {j for i in frontier for j in range(i + low, min(n, i + high + 1)) if column[j] in values}
                if not frontier:
                    break
            if frontier:
                found.append(start)
        return found

    def _followed(self, doc: Doc, columns: dict[int, list[int]], present: dict[int, set[int]]) -> bool:
        (a1, s1), alternatives = self.after  # type: ignore[misc]
        for attr, _ in alternatives:
            if attr not in present:
                columns[attr] = doc.to_array(attr).tolist()
                present[attr] = set(columns[attr])
        last, n, space = columns[a1], len(doc), None
        for i in range(n - 1):
            if last[i] not in s1:
                continue
            j = i + 1
            while j < n:
                if any(columns[attr][j] in values for attr, values in alternatives):
                    return True
                if space is None:
                    space = doc.to_array(IS_SPACE).tolist()
                if not space[j]:
                    break
                j += 1
        return False


def _adjacent(first: list[int], second: list[int], values: Iterable[int], then: frozenset[int]) -> bool:
    """Whether some token whose ``first`` value is in ``values`` is followed by one whose ``second`` value is
    in ``then`` (the positions are found by ``list.index``, not a loop over every token)."""
    last = len(first) - 1
    for value in values:
        i = first.index(value)
        while True:
            if i < last and second[i + 1] in then:
                return True
            try:
                i = first.index(value, i + 1)
            except ValueError:
                break
    return False


class GatedMatchers:
    """Token Matchers behind their :class:`PatternGate`: a Matcher runs only on a Doc its gate lets through.

    Each gate is filed under the values of its most selective required ``NORM`` word, so one
    set intersection per Doc finds the gates worth checking; gates without a required ``NORM``
    word are always checked. The most selective word is the one whose values hold the smallest share of
    ``common`` (the language's stop words: "lost" rather than "i" in "I lost my dad"), then the fewest values.
    """

    def __init__(self, gated: list[tuple[Matcher, PatternGate]], strings=None, common: Iterable[str] = ()):
        self.gated = gated
        self.always: list[int] = []
        self.by_anchor: dict[int, list[int]] = {}
        common_ids = frozenset(strings[w] for w in common if w in strings) if strings is not None else frozenset()
        for k, (_, gate) in enumerate(gated):
            norm_words = [values for attr, values in gate.words if attr == NORM]
            if not norm_words:
                self.always.append(k)
                continue
            for value in min(norm_words, key=lambda values: (len(values & common_ids) / len(values), len(values))):
                self.by_anchor.setdefault(value, []).append(k)
        self.anchors = frozenset(self.by_anchor)

    def extend_matches(self, doc: Doc, matches: list) -> None:
        """Add the token Matchers' matches in ``doc`` to ``matches`` (Matchers taken in the order of ``gated``)."""
        if not self.gated:
            return
        norms = token_norm_ids(doc)
        present = set(norms)
        found = self.anchors.intersection(present)
        if not found and not self.always:
            return
        candidates = set(self.always)
        for value in found:
            candidates.update(self.by_anchor[value])
        columns: dict[int, list[int]] = {NORM: norms}
        seen: dict[int, set[int]] = {NORM: present}
        n = len(doc)
        for k in sorted(candidates):
            matcher, gate = self.gated[k]
            windows = gate.windows(doc, columns, seen)
            if windows is None:
                continue
            if sum(b - a for a, b in windows) * 2 > n:  # most of the Doc: one call over all of it
                matches.extend(matcher(doc))
                continue
            for a, b in windows:
                matches.extend((match_id, a + s, a + e) for match_id, s, e in matcher(doc[a:b]))


def following_token(doc: Doc, end: int) -> int | None:
    """The index of the token after a hit ending at ``end``: the first non-whitespace token after it in
    its sentence, or ``None`` when the hit closes its sentence (the end of the turn, or a sentence break
    a segmenter set without punctuation). A Doc without sentence boundaries is one sentence."""
    if "sents" in doc.user_hooks:
        limit = _sentence_at(doc, end - 1)[1] if end > 0 else len(doc)
    else:
        limit = len(doc)
    j = end
    while j < limit:
        token = doc[j]
        if j > 0 and token.is_sent_start:
            return None
        if not token.is_space:
            return j
        j += 1
    return None


def preceding_token(doc: Doc, start: int) -> int | None:
    """The index of the token before a hit starting at ``start``: the last non-whitespace token before it
    in its sentence, or ``None`` when the hit opens its sentence."""
    limit = _sentence_at(doc, start)[0] if "sents" in doc.user_hooks and start < len(doc) else 0
    i = start
    while i > limit:
        if doc[i].is_sent_start:
            return None
        i -= 1
        if not doc[i].is_space:
            return i
    return None


#: token attributes an alternative may fix (a value or an IN list) to be checked without a Matcher
_TOKEN_STRINGS = {"NORM": "norm_", "ORTH": "orth_", "TEXT": "orth_", "LOWER": "lower_"}


def _string_test(spec: Mapping[str, Any]) -> tuple[str, frozenset[str]] | None:
    """``(Token attribute, values)`` when a token mapping only fixes NORM/ORTH/TEXT/LOWER to a value or an IN
    list (what the Matcher would compare), else None."""
    if len(spec) != 1:
        return None
    (key, value), = spec.items()
    if key not in _TOKEN_STRINGS:
        return None
    if isinstance(value, str):
        return _TOKEN_STRINGS[key], frozenset([value])
    if isinstance(value, dict) and set(value) == {"IN"}:
        return _TOKEN_STRINGS[key], frozenset(value["IN"])
    return None


def _string_part(spec: Mapping[str, Any]) -> tuple[str, frozenset[str]] | None:
    """What a token must have to match a mapping, whatever else the mapping fixes: the :func:`_string_test` of
    its NORM/ORTH/TEXT/LOWER value or IN list, or None when it fixes none."""
    for key in _TOKEN_STRINGS:
        if key in spec:
            test = _string_test({key: spec[key]})
            if test is not None:
                return test
    return None


#: (the alternatives checked on the token's strings, a Matcher of the other single tokens, whether the sentence
#: edge holds, a Matcher of the sequences, the most tokens one of them spans, and what the token next to the hit
#: must have for any sequence to match: None when a sequence's nearest token fixes no string)
_Condition = tuple[
    list[tuple[str, frozenset[str]]], Matcher | None, bool, Matcher | None, int, list[tuple[str, frozenset[str]]] | None
]
#: Between the tokens of a sequence: whitespace tokens are skipped, as next to a hit
_SPACES = {"IS_SPACE": True, "OP": "*"}


def _window(doc: Doc, i: int, n: int, forward: bool) -> tuple[int, int]:
    """Tokens ``a:b`` of up to ``n`` tokens from ``i`` (the token next to a hit) away from the hit, within the
    sentence: after it (``forward``) or before it."""
    if forward:
        limit = _sentence_at(doc, i)[1] if "sents" in doc.user_hooks else len(doc)
        b = i + 1
        while b < limit and b - i < n and not doc[b].is_sent_start:
            b += 1
        return i, b
    limit = _sentence_at(doc, i)[0] if "sents" in doc.user_hooks else 0
    a = i
    while a > limit and i + 1 - a < n and not doc[a].is_sent_start:
        a -= 1
    return a, i + 1


class Neighbours:
    """An entry's ``followed_by`` / ``not_followed_by`` / ``preceded_by`` / ``not_preceded_by``
    (lexicons/README.md), checked after a hit.

    Each condition is a list of alternatives: token mappings, matched by one small token Matcher on the
    single token after (:func:`following_token`) or before (:func:`preceding_token`) the hit; sequences of
    token mappings, matched on the tokens from that one away from the hit (a sequence after a hit must start on
    the token after it, one before it must end on the token before it; whitespace tokens are skipped); and
    ``end`` / ``start``, which hold when there is no such token in the sentence. A hit counts when one
    alternative of each positive condition the entry has holds, and no alternative of a negative one. The
    check runs only on a hit of the entry, never over a whole Doc, and the hit's span stays the matched
    words: the neighbouring tokens are not evidence.

    A condition the entry names in ``step_over`` reads past ``step_words`` (grammar.yml's ``step_over_words``):
    while the token it read is one, it reads the next one out too, at most :data:`MAX_STEP_OVER` of them, and
    holds if an alternative holds on any token read ("I'm not REALLY struggling": "really", then "not").
    """

    __slots__ = ("after", "not_after", "before", "not_before", "step_over", "step_words")

    def __init__(self, entry: LexiconEntry, vocab, step_words: frozenset[str] = frozenset()):
        self.after = self._compile(entry.followed_by, vocab, entry.id + "/followed_by", True)
        self.not_after = self._compile(entry.not_followed_by, vocab, entry.id + "/not_followed_by", True)
        self.before = self._compile(entry.preceded_by, vocab, entry.id + "/preceded_by", False)
        self.not_before = self._compile(entry.not_preceded_by, vocab, entry.id + "/not_preceded_by", False)
        self.step_over = frozenset(entry.step_over)
        self.step_words = step_words if entry.step_over else frozenset()

    @staticmethod
    def _compile(alternatives, vocab, key: str, forward: bool) -> _Condition | None:
        if not alternatives:
            return None
        tests, others, sequences = [], [], []
        nearest: list[tuple[str, frozenset[str]] | None] = []
        for a in alternatives:
            if isinstance(a, str):  # "end" / "start"
                continue
            if isinstance(a, tuple):  # a sequence of tokens; whitespace between them is skipped
                pattern = [dict(a[0])]
                for t in a[1:]:
                    pattern += [dict(_SPACES), dict(t)]
                sequences.append(pattern)
                nearest.append(_string_part(a[0] if forward else a[-1]))  # never optional (lexicon.py)
                continue
            test = _string_test(a)
            if test is None:
                others.append([dict(a)])
            else:
                tests.append(test)
        matcher = None
        if others:
            matcher = Matcher(vocab, validate=False)  # every mapping was validated when the lexicon was loaded
            matcher.add(key, others)
        seq_matcher, span = None, 0
        if sequences:
            seq_matcher = Matcher(vocab, validate=False)
            seq_matcher.add(key + "/sequence", sequences)
            span = 2 * max(len(a) for a in alternatives if isinstance(a, tuple))  # room for a space between each
        heads = None if None in nearest else nearest
        return tests, matcher, any(isinstance(a, str) for a in alternatives), seq_matcher, span, heads  # type: ignore[return-value]

    @staticmethod
    def _holds(condition: _Condition, doc: Doc, i: int | None, forward: bool) -> bool:
        tests, matcher, edge, sequences, span, heads = condition
        if i is None:
            return edge
        token = doc[i]
        if any(getattr(token, attr) in values for attr, values in tests):
            return True
        if matcher is not None and len(matcher(doc[i : i + 1])) > 0:
            return True
        if sequences is None:
            return False
        if heads is not None and not any(getattr(token, attr) in values for attr, values in heads):
            return False  # no sequence can start (or end) on this token: the Matcher need not run
        a, b = _window(doc, i, span, forward)
        if forward:
            return any(s == 0 for _, s, _ in sequences(doc[a:b]))
        return any(e == b - a for _, _, e in sequences(doc[a:b]))

    def _reads(self, key: str, condition: _Condition, doc: Doc, i: int | None, forward: bool) -> bool:
        """``_holds`` on token ``i`` and, when the entry steps over words in condition ``key``, on the tokens
        past the step-over words next to the hit: true if it holds on one of them."""
        if self._holds(condition, doc, i, forward):
            return True
        if key not in self.step_over:
            return False
        words = self.step_words
        for _ in range(MAX_STEP_OVER):
            if i is None or doc[i].norm_ not in words:
                return False
            i = following_token(doc, i + 1) if forward else preceding_token(doc, i)
            if self._holds(condition, doc, i, forward):
                return True
        return False

    def allows(self, doc: Doc, start: int, end: int) -> bool:
        """Whether a hit on tokens ``start:end`` meets the entry's conditions on its neighbours."""
        if self.after is not None or self.not_after is not None:
            j = following_token(doc, end)
            if self.after is not None and not self._reads("followed_by", self.after, doc, j, True):
                return False
            if self.not_after is not None and self._reads("not_followed_by", self.not_after, doc, j, True):
                return False
        if self.before is not None or self.not_before is not None:
            i = preceding_token(doc, start)
            if self.before is not None and not self._reads("preceded_by", self.before, doc, i, False):
                return False
            if self.not_before is not None and self._reads("not_preceded_by", self.not_before, doc, i, False):
                return False
        return True


#: The last word of an obligation phrase ("you need TO", "you MUST"): what follows it is what is asked.
_OBLIGATION_ENDS = frozenset({"to", "must"})
_AGENT_WANTED = frozenset(TONE_CATEGORIES) | frozenset(_CUE_CATEGORIES)
_CUSTOMER_WANTED = frozenset(CUSTOMER_CATEGORIES)


# --------------------------------------------------------------------------- lexicon matcher


def hedged_variants(phrase: Doc, negators: frozenset[str], hedges: Iterable[str]) -> list[str]:
    """The phrase with one hedge word after each negation inside it: "not coping" -> "not really coping",
    "can't afford" -> "can't actually afford" (a negation that ends the phrase takes none)."""
    text, out = phrase.text, []
    for token in phrase[:-1]:
        if token.lower_ in negators:
            cut = token.idx + len(token.text)
            out.extend(f"{text[:cut]} {hedge}{text[cut:]}" for hedge in hedges)
    return out


#: Words after "it's" that a possessive "its" never stands before: "its not easy", "its been hard", "its really
#: tight" can only be "it's" without its apostrophe (speech-to-text); "its payment date" is the possessive.
_AFTER_ITS_IS = frozenset({"not", "been", "a", "an", "the", "really", "so", "just", "only", "all", "completely", "totally",
                           "perfectly", "absolutely", "very", "quite", "always", "never", "no", "going", "gonna", "okay",
                           "ok", "fine", "alright", "like", "on", "at", "your", "my", "because"})


def its_variants(phrase: Doc) -> list[str]:
    """The phrase with "it's" written "its", as speech-to-text without apostrophes gives it, where the next word
    shows it cannot be the possessive: "it's not easy" -> "its not easy" (not "it's paid": "its paid tier")."""
    text, out = phrase.text, []
    for k in range(len(phrase) - 2):
        it, s, nxt = phrase[k], phrase[k + 1], phrase[k + 2]
        if it.lower_ == "it" and s.norm_ == "'s" and s.idx == it.idx + 2 and nxt.lower_ in _AFTER_ITS_IS:
            out.append(f"{text[: it.idx]}{it.text}s{text[s.idx + len(s.text):]}")
    return out


#: per kind of turn, ``(entry id, the NORM values of each of its phrases' tokens)``, what a PhraseMatcher is built from
_Keywords = dict[str, list[tuple[str, list[tuple[int, ...]]]]]


def _phrase_keywords(nlp: Language, lexicon: Lexicon, grammar: Grammar) -> _Keywords:
    """The phrases of every entry looked for in agent and in customer turns, as the NORM values of their tokens.

    A phrase is every variant the matcher looks for: as written; with a space for a hyphen ("charge off");
    "it's" as "its" (:func:`its_variants`); in a customer's turn, with a hedge after its negation (:func:`hedged_variants`).
    Tokenizing the ~9,000 variants is most of building the matcher (0.25-0.3 s of a fresh ``tonecheck.load()``),
    so the values are kept in tonecheck's disk cache (:mod:`tonecheck._diskcache`) under a key of what decides
    them: the lexicon (:attr:`Lexicon.key`), this module's code, the tokenizer's rules and the vocabulary's
    norm lookups.
    """
    key = _keywords_key(nlp, lexicon)
    if key:
        cached = _diskcache.get("phrases", key, dict)
        if cached is not None:
            return cached
    # in a customer's disclosure, a hedge may stand after its negation: "not coping" finds "not REALLY coping"
    negators, hedged = negator_words(lexicon), sorted(grammar.step_over_words)
    keywords: _Keywords = {}
    for kind, wanted in (("agent", _AGENT_WANTED), ("customer", _CUSTOMER_WANTED)):
        keywords[kind] = []
        for entry in lexicon.entries.values():
            if entry.category not in wanted or entry.pattern is not None:
                continue
            variants: list[str] = []
            for phrase in entry.phrases:
                variants.append(phrase)
                if "-" in phrase:
                    variants.append(phrase.replace("-", " "))
            docs = list(nlp.tokenizer.pipe(variants))
            docs += list(nlp.tokenizer.pipe(
                [v for text, d in zip(variants, docs) if "it" in text.lower() for v in its_variants(d)]
            ))
            if kind == "customer" and hedged:
                docs += list(nlp.tokenizer.pipe([v for d in docs for v in hedged_variants(d, negators, hedged)]))
            keywords[kind].append((entry.id, [tuple(d.to_array(NORM).tolist()) for d in docs if len(d)]))
    if key:
        _diskcache.put("phrases", key, keywords)
    return keywords


def _keywords_key(nlp: Language, lexicon: Lexicon) -> str:
    """What decides :func:`_phrase_keywords`; empty (no caching) for a Lexicon made by hand or a tokenizer that
    cannot say what its rules are (a custom one without ``to_bytes``)."""
    if not lexicon.key:
        return ""
    try:
        rules = nlp.tokenizer.to_bytes(exclude=["vocab"])  # special cases, affixes: ~2 ms
    except Exception:  # noqa: BLE001 - any custom tokenizer: build the phrases, do not cache them
        return ""
    digest = hashlib.sha256()
    norm = nlp.vocab.lex_attr_getters.get(NORM)
    for part in (
        lexicon.key.encode(),
        _diskcache.code_digest(__file__),
        hashlib.sha256(rules).digest(),
        repr(sorted(nlp.vocab.lookups.tables)).encode(),
        f"{nlp.lang}:{getattr(norm, '__module__', '')}.{getattr(norm, '__qualname__', '')}".encode(),
    ):
        digest.update(part + b"\0")
    return digest.hexdigest()[:32]


class LexiconMatcher:
    """Finds every lexicon phrase and pattern: tone categories on agent turns, hardship on customer turns.

    Phrases are matched on token norms (case-insensitive, contractions expanded) with
    a PhraseMatcher; a phrase with a hyphen also matches with a space ("charge-off",
    "charge off"). A hit of an entry with ``followed_by``, ``preceded_by`` and their negations counts
    only if the tokens next to it allow (:class:`Neighbours`); one with ``unless`` only if its context does not veto it
    (:func:`tonecheck.rules.vetoed`). Overlapping hits of one category keep the longest.
    """

    def __init__(self, nlp: Language, name: str, lexicons: list[str], include_default: bool):
        self.name = name
        self.lexicon = _lexicon(lexicons, include_default)
        self.entries = self.lexicon.entries
        self.grammar = _grammar(nlp, self.lexicon)  # 'unless' (rules.vetoed), 'step_over' (Neighbours)
        #: per kind of turn ("agent", "customer"): a PhraseMatcher of the phrases of the categories
        #: looked for in that kind of turn, and a token Matcher per pattern entry of those categories,
        #: run only on Docs its PatternGate lets through
        self.phrase_matchers: dict[str, PhraseMatcher] = {}
        self.gates: dict[str, GatedMatchers] = {}
        #: entries with 'followed_by', 'preceded_by' or their negations: checked on the tokens next to each hit
        self.neighbours: dict[str, Neighbours] = {
            e.id: Neighbours(e, nlp.vocab, self.grammar.step_over_words) for e in self.entries.values()
            if e.followed_by or e.not_followed_by or e.preceded_by or e.not_preceded_by
        }
        keywords = _phrase_keywords(nlp, self.lexicon, self.grammar)
        for kind, wanted in (("agent", _AGENT_WANTED), ("customer", _CUSTOMER_WANTED)):
            phrase_matcher = PhraseMatcher(nlp.vocab, attr="NORM")
            for entry_id, phrases in keywords[kind]:
                phrase_matcher.add(entry_id, phrases)
            gated: list[tuple[Matcher, PatternGate]] = []
            for entry in self.entries.values():
                if entry.category in wanted and entry.pattern is not None:
                    matcher = Matcher(nlp.vocab, validate=False)  # validated when the lexicon was loaded
                    matcher.add(entry.id, [list(entry.pattern)])
                    # a followed_by that steps over words may be met further on: no gate on the next token
                    after = () if "followed_by" in entry.step_over else entry.followed_by
                    gated.append((matcher, PatternGate(entry.pattern, nlp.vocab.strings, after)))
            self.phrase_matchers[kind] = phrase_matcher
            self.gates[kind] = GatedMatchers(gated, nlp.vocab.strings, nlp.Defaults.stop_words)

    def __call__(self, doc: Doc) -> Doc:
        role = doc_role(doc)
        if role == "unknown":
            doc.spans[EVIDENCE] = []
            doc.spans[CUES] = []
            return doc
        kind = "agent" if role in (None, "agent") else "customer"
        by_category: dict[str, list[Span]] = {}
        matches = list(self.phrase_matchers[kind](doc))
        self.gates[kind].extend_matches(doc, matches)
        vocab_strings = doc.vocab.strings
        neighbours = self.neighbours
        for match_id, start, end in matches:
            entry = self.entries[vocab_strings[match_id]]
            if neighbours and entry.id in neighbours and not neighbours[entry.id].allows(doc, start, end):
                continue  # "I feel you should ...", "I'm anxious to ...", "for me too": see Neighbours
            if entry.unless:  # "I sent you a letter", "I understand you called": see rules.vetoed
                s, e = _sentence_at(doc, start)
                norms = token_norms(doc)
                if vetoed(entry.unless, norms[s:e], norms[end:e], self.grammar, is_unpunctuated(doc)):
                    continue
            if entry.category == "jargon" and (
                doc[start].is_title or (end < len(doc) and doc[end].lower_ in self.grammar.company_words)
            ) and self._in_company_name(doc, start, end):
                continue  # "this is Mark from Apex Recoveries": the company's name, not a word the agent chose
            by_category.setdefault(entry.category, []).append(
                Span(doc, start, end, label=entry.category, span_id=entry.id)
            )
        if "demand" in by_category and "not_demand" in by_category:
            # an obligation that leads straight into a courtesy or signposting phrase asks for that, not for
            # money: "you need to | look after yourself", "you'll have to | bear with me", "you need to | speak to StepChange"
            leads = {c.start for c in by_category["not_demand"]}
            by_category["demand"] = [
                d for d in by_category["demand"] if not (d.end in leads and doc[d.end - 1].norm_ in _OBLIGATION_ENDS)
            ]
        if "demand" in by_category and "empathy" in by_category:
            # a demand phrase inside a longer empathy phrase is part of it ("you must be so worried")
            warm = [(e.start, e.end) for e in by_category["empathy"]]
            by_category["demand"] = [
                d for d in by_category["demand"]
                if not any(a <= d.start and d.end <= b and (b - a) > (d.end - d.start) for a, b in warm)
            ]
        evidence: list[Span] = []
        cues: list[Span] = []
        for category, spans in by_category.items():
            kept = filter_spans(spans) if len(spans) > 1 else spans
            (cues if category in _CUE_CATEGORIES else evidence).extend(kept)
            if category == "jargon" and self.grammar.explanations:
                bounds = sentence_bounds(doc)
                for span in kept:  # "a liability order JUST MEANS ...": explained on the spot, kept but not counted
                    k = _sentence_index(doc, span.start)
                    nxt = bounds[k + 1][1] if k + 1 < len(bounds) else None
                    cue = explanation_after(token_norms(doc), span.end, bounds[k][1], self.grammar, nxt)
                    if cue:
                        span._.tc_negated = True
                        span._.tc_modifier = cue
        doc.spans[EVIDENCE] = sorted(evidence, key=lambda s: (s.start, s.end))
        doc.spans[CUES] = sorted(cues, key=lambda s: (s.start, s.end))
        return doc

    def _in_company_name(self, doc: Doc, start: int, end: int) -> bool:
        s, e = _sentence_at(doc, start)
        return in_company_name([t.text for t in doc[s:e]], start - s, end - s, 0, self.grammar)


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
    ``lexicons/questions.yml`` count as open questions. Each sentence's result is
    remembered (:meth:`questions`), as scripted questions recur across calls.
    """

    def __init__(self, nlp: Language, name: str, lexicons: list[str], include_default: bool, memo_size: int = 8192):
        self.name = name
        self.grammar = _grammar(nlp, _lexicon(lexicons, include_default))
        self.memo = LRU(memo_size)

    def questions(self, norms: list[str], unpunctuated: bool, open_cues: list, closed_cues: list) -> list:
        """``find_questions`` on one sentence, remembered (bounded LRU) by everything it reads:
        scripted sentences ("Can you confirm your date of birth?") recur across calls."""
        key = (tuple(norms), unpunctuated, tuple(open_cues), tuple(closed_cues))
        found = self.memo.get(key)
        if found is None:
            found = find_questions(norms, self.grammar, unpunctuated=unpunctuated, open_cues=open_cues,
                                   closed_cues=closed_cues)
            self.memo.put(key, found)
        return found

    def __call__(self, doc: Doc) -> Doc:
        if not is_agent(doc):
            return doc
        unpunctuated = is_unpunctuated(doc)
        cues = (
            [(c.start, c.end, c.label_, c.id_) for c in doc.spans[CUES] if c.label_ in _QUESTION_CUES]
            if CUES in doc.spans
            else []
        )
        norms = token_norms(doc)
        found: list[Span] = []
        is_space = None
        for s_start, s_end in sentence_bounds(doc):
            open_cues: list[tuple[int, int, str]] = []
            closed_cues: list[tuple[int, int, str]] = []
            for c_start, c_end, label, rule in cues:
                if c_start >= s_start and c_end <= s_end:
                    (open_cues if label == "open_question" else closed_cues).append((c_start - s_start, c_end - s_start, rule))
            for q in self.questions(norms[s_start:s_end], unpunctuated, open_cues, closed_cues):
                end = q.end
                if unpunctuated:
                    end = _question_end(norms, s_start + q.start, s_start + end, self.grammar) - s_start
                if is_space is None:
                    is_space = doc.to_array(IS_SPACE)
                while end - 1 > q.start and is_space[s_start + end - 1]:
                    end -= 1
                found.append(Span(doc, s_start + q.start, s_start + end, label=q.label, span_id=q.rule))
        if found:
            _add_spans(doc, EVIDENCE, found)
        return doc


#: The most tokens a question's span takes in an unpunctuated turn (speech-to-text)
MAX_QUESTION_TOKENS = 20
#: Words after which "I"/"we" is inside the question ("is it okay IF I ask", "what WE can do"), not a new statement
_EMBEDDING = frozenset({"if", "that", "whether", "when", "because", "cause", "and", "or", "so", "than", "as", "once",
                        "until", "till", "before", "after", "while", "which", "who", "where", "what", "how", "why"})
_STATEMENT_VERBS = frozenset({"'m", "'ll", "'ve", "'d", "'re", "am", "will", "can", "could", "would", "should", "have",
                              "had", "was", "were", "just", "do", "did", "don't", "can't", "won't", "need", "think"})


def _question_end(norms: list[str], start: int, end: int, g: Grammar) -> int:
    """Where a question in an unpunctuated turn ends: a turn of speech-to-text is one sentence, so a question
    would run on to the next one or to the end of the turn. It stops before a statement of the agent's own ("...
    your income and outgoings | I'm not saying ...", "... once the council tax is paid | I can put a hold on
    it") and after :data:`MAX_QUESTION_TOKENS` tokens."""
    end = min(end, start + MAX_QUESTION_TOKENS)
    for i in range(start + 2, end - 1):
        if norms[i] in ("i", "we") and norms[i + 1] in _STATEMENT_VERBS and norms[i - 1] not in _EMBEDDING \
                and norms[i - 1] not in g.wh and norms[i - 1] not in g.aux:
            return i
    return end


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


#: A word that joins a new clause when a subject (``_CLAUSE_SUBJECTS``) follows it: "pay it today AND WE'LL review
#: it next month"; an auxiliary with a subject after it starts a question ("IS IT okay if ...")
_CLAUSE_JOINERS = frozenset({"and", "but", "so", "or", "because", "cause", "if", "then", "when", "while", "otherwise"})
_INVERTING = frozenset({"is", "are", "was", "can", "could", "will", "would", "do", "does", "did", "shall", "should"})
#: The most tokens an imperative's span takes in an unpunctuated turn (speech-to-text)
MAX_ORDER_TOKENS = 12


def _clause_end(doc: Doc, i: int, limit: int) -> int:
    """Where the clause of an imperative at token ``i`` ends (its span is evidence, so it is the order a coach
    reads): at a comma or the sentence end, before a joining word with a subject after it ("pay it today | and
    we'll review it"), or before an inverted auxiliary ("make a payment today | is it okay if I ask"). The last
    two bound a clause in speech-to-text, where a turn is one unpunctuated sentence; there, too, the span stops
    after :data:`MAX_ORDER_TOKENS` tokens ("pay the balance today and the account will be closed it's that
    simple as things stand ...")."""
    if is_unpunctuated(doc):
        limit = min(limit, i + MAX_ORDER_TOKENS)
    j = i + 1
    while j < limit and doc[j].text not in _CLAUSE_BREAK and doc[j].text not in _PUNCT_SENT_END:
        if j + 1 < limit and doc[j + 1].norm_ in _CLAUSE_SUBJECTS and (
            doc[j].norm_ in _CLAUSE_JOINERS or doc[j].norm_ in _INVERTING
        ):
            break
        j += 1
    return j


_IMPERATIVE_SKIP = frozenset({"please", "just", "now"})


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
        if not is_agent(doc):
            return doc
        g = self.grammar
        questions = _question_ranges(doc)
        courtesy = [(c.start, c.end) for c in doc.spans[CUES] if c.label_ == "not_demand"] if CUES in doc.spans else []
        found: list[Span] = []
        todo: list[tuple[int, int]] = []
        doc_norms = token_norms(doc)
        verbs = g.imperative_verbs
        if verbs.isdisjoint(doc_norms):  # no imperative-list verb anywhere: nothing to find, nothing to parse
            doc._.tc_syntax_todo = todo
            return doc
        for s_start, s_end in sentence_bounds(doc):
            norms = doc_norms[s_start:s_end]
            if verbs.isdisjoint(norms):
                continue
            starts = set()
            for i in imperative_start(norms, g, _IMPERATIVE_SKIP):
                tok = s_start + i
                if _inside(questions, tok) or _inside(courtesy, tok):
                    continue
                starts.add(i)
                found.append(
                    Span(doc, tok, _clause_end(doc, tok, s_end), label="demand", span_id=f"demand.imperative:{norms[i]}")
                )
            if any(n in verbs and i not in starts for i, n in enumerate(norms)):
                todo.append((s_start, s_end))
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


class Scope(NamedTuple):
    """Where a negation or contrast trigger reaches, and (negation) which categories it cancels."""

    direction: str
    reach: int
    applies_to: frozenset[str]

    @classmethod
    def of(cls, entry: LexiconEntry) -> "Scope":
        return cls(entry.direction, entry.scope, frozenset(entry.applies_to))


Scopes = dict[str, Scope]
#: a negation trigger these scopes do not know (a Doc matched with other lexicons): the entry defaults
_DEFAULT_NEGATION = Scope.of(LexiconEntry(id="negation.unknown", category="negation"))


def trigger_scopes(lexicon: Lexicon) -> Scopes:
    """The :class:`Scope` of every negation and contrast trigger, by entry id."""
    return {e.id: Scope.of(e) for e in lexicon.entries.values() if e.category in MODIFIER_CATEGORIES}


_CONDITIONS = frozenset({"if", "unless", "when", "until", "once"})
_CLAUSE_SUBJECTS = frozenset({"we", "i", "you", "they", "he", "she", "it", "this", "that"})
#: Subjects that start a new clause after a negated verb; "you" and "it" are left out, as they are
#: as often its object ("we can't offer YOU a plan", "we won't freeze IT").
_NEW_SUBJECTS = frozenset({"we", "i", "they", "he", "she"})


def _leaves_condition(doc: Doc, sent_start: int, cue: Span, between: Span) -> bool:
    """A negation inside a condition ("if you DON'T pay ...", "if this ISN'T paid ...") stops at the
    main clause: the first subject after the negated verb starts it ("... WE will take action")."""
    if not any(doc[i].norm_ in _CONDITIONS for i in range(max(sent_start, cue.start - 4), cue.start)):
        return False
    return any(t.norm_ in _CLAUSE_SUBJECTS for t in between[1:])


def negation_cues(doc: Doc, scopes: Scopes) -> list[Span]:
    """The negation triggers of a Doc that cancel something (pseudo-negations such as "why don't" cancel nothing)."""
    if CUES not in doc.spans:
        return []
    return [c for c in doc.spans[CUES] if c.label_ == "negation" and scopes.get(c.id_, _DEFAULT_NEGATION).applies_to]


def apply_negation(doc: Doc, scopes: Scopes, negators: frozenset[str] | None = None,
                   clause_verbs: frozenset[str] | None = None) -> None:
    """Cancel demands and solutions that fall inside the scope of a negation trigger that applies to them.

    "You DON'T have to pay it all today" is no demand; "we CAN'T offer you a payment plan" is no
    solution. A scope stays in its sentence and stops at a comma, at a contrast trigger ("we can't
    take a card payment, BUT we can set up a plan"), at a condition word ("we can't help UNLESS you
    pay today") and at a condition's main clause; a solution's scope also stops at a new clause's
    subject ("don't forget WE can freeze the interest"), and a demand's at a demand with its own subject "you"
    unless the words between end in one of ``clause_verbs`` (grammar.yml): "I'm not SAYING you need to pay" is
    cancelled, "this isn't going away you need to pay" (speech-to-text, no full stop) is not. A backward scope (a trigger after the hit: "a payment
    plan ISN'T AVAILABLE", "your plan WAS CANCELLED") stops at a comma, a contrast trigger and a condition word
    ("we can set up a payment plan IF your card was declined").

    A cancellation at a distance is marked uncertain, for the accurate pipeline's parse to decide, only
    when the trigger holds a word of ``negators`` (the parse looks for a negation word governing the hit).
    A trigger without one ("if you want to", "nobody is asking you to") is not a negation the parse can
    see, so the rule's decision stands. ``negators=None``: every trigger counts as one.
    """
    if EVIDENCE not in doc.spans:
        return
    negations = negation_cues(doc, scopes)
    if not negations:
        return
    contrasts = [c.start for c in doc.spans[CUES] if c.label_ == "contrast"]
    for span in doc.spans[EVIDENCE]:
        if span.label_ not in NEGATABLE:
            continue
        s_start, s_end = _sentence_at(doc, span.start)
        for cue in negations:
            if not (s_start <= cue.start < s_end):
                continue
            scope = scopes.get(cue.id_, _DEFAULT_NEGATION)
            if span.label_ not in scope.applies_to:
                continue
            gap = None
            if scope.direction in ("forward", "both") and cue.end <= span.start and span.start - cue.end <= scope.reach:
                between = doc[cue.end : span.start]
                if not (
                    _clause_break(doc, cue.end, span.start + 1)
                    or any(cue.end <= c < span.start for c in contrasts)
                    or _leaves_condition(doc, s_start, cue, between)
                    or (span.label_ == "solution" and any(t.norm_ in _NEW_SUBJECTS for t in between))
                    or (clause_verbs is not None and span.label_ == "demand" and doc[span.start].norm_ == "you"
                        and len(between) > 0 and not _takes_clause(between, clause_verbs))
                ):
                    gap = span.start - cue.end
            if (
                gap is None
                and scope.direction in ("backward", "both")
                and cue.start >= span.end
                and cue.start - span.end <= scope.reach
                and not any(span.end <= c < cue.start for c in contrasts)
                # a backward scope stops, like a forward one, at a comma and at a condition word: "we can set
                # up a payment plan IF your card was declined" (the trigger is in the condition, not on the plan)
                and not _clause_break(doc, span.end, cue.start)
            ):
                gap = cue.start - span.end
            if gap is not None:
                span._.tc_negated = True
                span._.tc_negation_uncertain = gap > 0 and parse_sees(cue, negators)
                span._.tc_modifier = cue.text
                break


def _takes_clause(between: Span, clause_verbs: frozenset[str]) -> bool:
    """Whether the words between a negation and a hit end in a verb that takes a clause ("not SAYING",
    "don't THINK THAT")."""
    norms = [t.norm_ for t in between if not t.is_space]
    if norms and norms[-1] == "that":
        norms.pop()
    return bool(norms) and norms[-1] in clause_verbs


def _clause_break(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens ``start:end`` hold a comma-like break or a condition word ("if", "unless"): a scope
    does not reach across one."""
    return any(t.text in _CLAUSE_BREAK or t.norm_ in _CONDITIONS for t in doc[start:end])


def parse_sees(cue: Span, negators: frozenset[str] | None) -> bool:
    """Whether a negation trigger holds a word the parse reads as a negation ("don't", "no need to"), not
    only a frame that cancels ("if you want to", "nobody is asking you to"); ``None``: assume it does."""
    return negators is None or any(t.norm_ in negators or t.lower_ in negators for t in cue)


#: How many tokens after an empathy phrase a demand may start, in the same or the next sentence, and undercut it
#: with no contrast word between (:func:`apply_contrast`).
PIVOT_REACH = 15
#: Detections that, standing between an empathy phrase and a demand, keep the empathy whole: the agent offered
#: something or asked the customer first ("I hear you. What would feel manageable? ... we'd need it by Friday").
_KEEPS_EMPATHY = frozenset({"solution", "open_question"})


def apply_contrast(doc: Doc, scopes: Scopes) -> None:
    """Mark empathy undercut by a contrast trigger followed by a (non-negated) demand in the same turn, or by a
    demand that follows it straight away (the pivot: "I hear you. You need to pay today")."""
    if EVIDENCE not in doc.spans:
        return
    evidence = list(doc.spans[EVIDENCE])
    empathy = [s for s in evidence if s.label_ == "empathy"]
    if not empathy:
        return
    demands = [s for s in evidence if s.label_ == "demand" and not s._.tc_negated]
    if not demands:
        return
    contrasts = [c for c in doc.spans[CUES] if c.label_ == "contrast"] if CUES in doc.spans else []
    for cue in contrasts:
        reach = scopes[cue.id_].reach if cue.id_ in scopes else 20
        after = [d for d in demands if d.start >= cue.end and d.start - cue.end <= reach]
        if not after:
            continue
        for e in empathy:
            if e.end <= cue.start and cue.start - e.end <= reach:
                e._.tc_undercut = True
                e._.tc_modifier = f"{cue.text} … {after[0].text}"
    _apply_pivot(doc, evidence, empathy, demands)


def _apply_pivot(doc: Doc, evidence: list[Span], empathy: list[Span], demands: list[Span]) -> None:
    """An empathy phrase followed within :data:`PIVOT_REACH` tokens, in its sentence or the next, by a demand with
    no offer or open question between is undercut, as by a contrast word: "I hear you. The offer expires at 5pm
    today", "I understand, ma'am. We do need a payment today" (the acknowledgement is a step on the way to the ask).
    Not "I understand. We can freeze the interest ... but I'd need a payment today" (an offer between), nor a
    demand further on in the turn."""
    keeps = [s.start for s in evidence if s.label_ in _KEEPS_EMPATHY and not s._.tc_negated]
    demands = sorted(demands, key=lambda d: d.start)  # the parse's imperatives are added after the lexicon's hits
    for e in empathy:
        if e._.tc_undercut:
            continue
        sentence = _sentence_index(doc, e.start)
        for d in demands:
            if d.start < e.end:
                continue
            if d.start - e.end > PIVOT_REACH or _sentence_index(doc, d.start) > sentence + 1:
                break
            if not any(e.end <= k < d.start for k in keeps):
                e._.tc_undercut = True
                e._.tc_modifier = f"… {d.text}"
            break


class ContextScopes:
    """ConText-style scope rules: negation cancels demands and solutions, contrast marks empathy as undercut."""

    def __init__(self, nlp: Language, name: str, lexicons: list[str], include_default: bool):
        self.name = name
        lexicon = _lexicon(lexicons, include_default)
        self.scopes = trigger_scopes(lexicon)
        self.negators = negator_words(lexicon)  # only these: no need to build the whole Grammar
        self.clause_verbs = lexicon.word_list("clause_verbs")

    def __call__(self, doc: Doc) -> Doc:
        if is_agent(doc):
            apply_negation(doc, self.scopes, self.negators, self.clause_verbs)
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
    trigger stands a few words before a demand or solution (does it govern it?).
    Customer turns and sentences the rules decide are never parsed. The parse
    runs on the sentence text in batches through the trained pipeline's ``pipe``;
    a sentence needed by both checks is parsed once.

    ``parse_all=True`` (config, or the attribute) is the reference the accuracy
    benchmark compares against: every agent sentence is parsed for imperatives, and
    every demand or solution with a negation trigger for it in its sentence is decided by the parse.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        model: str,
        lexicons: list[str],
        include_default: bool,
        batch_size: int,
        parse_all: bool = False,
    ):
        self.name = name
        model_name = trained_model_name() if model == "auto" else model
        if model_name is None:
            raise OSError("no trained English pipeline is installed: pip install 'tonecheck[model]'")
        self.model_name = model_name
        self.model = load_trained(model_name)
        meta = self.model.meta
        self.model_version = f"{meta.get('lang', 'en')}_{meta.get('name', model_name)}-{meta.get('version', '?')}"
        lexicon = _lexicon(lexicons, include_default)
        self.grammar = _grammar(nlp, lexicon)
        self.scopes = trigger_scopes(lexicon)
        self.batch_size = batch_size
        self.parse_all = parse_all
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
            todo = sentence_bounds(doc) if self.parse_all else doc._.tc_syntax_todo or ()
            for start, end in todo:
                tasks.append((doc, start, end, "imperative", None))
            if EVIDENCE in doc.spans:
                negations = self._negation_sentences(doc) if self.parse_all else None
                for span in doc.spans[EVIDENCE]:
                    if span.label_ not in NEGATABLE:
                        continue
                    if negations is None and not span._.tc_negation_uncertain:
                        continue
                    s, e = _sentence_at(doc, span.start)
                    if negations is not None and span.label_ not in negations.get((s, e), ()):
                        continue
                    tasks.append((doc, s, e, "negation", span))
        if not tasks:
            return
        keys = list(dict.fromkeys((id(doc), s, e) for doc, s, e, _, _ in tasks))  # each sentence parsed once
        first = {}
        for doc, s, e, _, _ in tasks:
            first.setdefault((id(doc), s, e), (doc, s, e))
        per_doc: dict[int, tuple[Doc, list[tuple[int, int]]]] = {}
        for k in keys:
            doc, s, e = first[k]
            per_doc.setdefault(id(doc), (doc, []))[1].append((s, e))
        text_of: dict[tuple[int, int, int], str] = {}
        for doc, bounds in per_doc.values():  # one token read per Doc: per sentence was quadratic in a long turn
            for (s, e), text in zip(bounds, sentence_texts(doc, bounds)):  # doc[s:e].text
                text_of[(id(doc), s, e)] = text
        texts = [text_of[k] for k in keys]
        self.parsed_sentences += len(texts)
        touched: set[int] = set()
        # the parses are read here and dropped, so their new words need not stay in the model's vocabulary
        zone = self.model.memory_zone() if hasattr(self.model, "memory_zone") else contextlib.nullcontext()
        with zone:
            parses = dict(zip(keys, self.model.pipe(texts, batch_size=self.batch_size)))
            for doc, s, e, kind, payload in tasks:
                parsed = parses[(id(doc), s, e)]
                offset = doc[s].idx
                if kind == "imperative":
                    self._imperatives(doc, s, e, parsed, offset)
                else:
                    self._negation(doc, payload, parsed, offset)
                touched.add(id(doc))
        for doc in docs:
            if id(doc) in touched:
                apply_contrast(doc, self.scopes)

    def _negation_sentences(self, doc: Doc) -> dict[tuple[int, int], set[str]]:
        """(start, end) of the sentences holding a negation trigger -> the categories their triggers cancel."""
        found: dict[tuple[int, int], set[str]] = {}
        for cue in negation_cues(doc, self.scopes):
            if not parse_sees(cue, self.grammar.negators):
                continue  # "if you want to": no negation word for the parse to find (see apply_negation)
            found.setdefault(_sentence_at(doc, cue.start), set()).update(self.scopes.get(cue.id_, _DEFAULT_NEGATION).applies_to)
        return found

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
        governed = governing_negation(_hit_verb(target), self.grammar)
        span._.tc_negated = governed is not None
        span._.tc_negation_uncertain = False
        span._.tc_decided_by = "parse"
        if governed is None:
            span._.tc_modifier = None
        elif not span._.tc_modifier:  # parse_all: a negation the scope rules did not see
            span._.tc_modifier = governed.text


def _hit_verb(target: Span):
    """The token of a hit that the negation check walks up from: its verb, where the hit has one that hangs
    outside it ("PAY it all", whose "all" the parser may hang on a later "today"), else the span's root."""
    for t in target:
        if t.pos_ in ("VERB", "AUX") and (t.head is t or not target.start <= t.head.i < target.end):
            return t
    return target.root


@Language.factory(
    "tonecheck_syntax",
    assigns=["doc.spans", "span._.tc_negated"],
    default_config={"model": "auto", "lexicons": [], "include_default": True, "batch_size": 256, "parse_all": False},
)
def make_syntax_checker(
    nlp: Language, name: str, model: str, lexicons: list[str], include_default: bool, batch_size: int,
    parse_all: bool = False,
) -> SyntaxChecker:
    return SyntaxChecker(nlp, name, model, lexicons, include_default, batch_size, parse_all)


# --------------------------------------------------------------------------- sentiment


class Sentiment:
    """VADER compound score per sentence, with tonecheck's lexicon overrides (``sentiment:`` in lexicons).

    Scripted sentences (greetings, disclosures) repeat across calls, so scores are
    cached by sentence text (bounded LRU, :meth:`score`). A turn with no sentence punctuation
    (speech-to-text) is scored per spoken sentence (:func:`tonecheck.rules.spoken_sentences`): VADER's
    compound grows towards +-1 with the length of its text, so a whole turn scored as one sentence read
    about twice as warm or as hostile as the same words typed.
    """

    def __init__(self, nlp: Language, name: str, lexicons: list[str], include_default: bool, cache_size: int):
        from ._vader import Analyzer

        self.name = name
        self.analyzer = Analyzer()  # VADER, without its emoji pass on text with no emoji (same scores)
        self.analyzer.lexicon.update(_lexicon(lexicons, include_default).sentiment)
        self.cache = LRU(cache_size)

    def score(self, text: str) -> float:
        value = self.cache.get(text)
        if value is None:
            value = self.analyzer.polarity_scores(text)["compound"]
            self.cache.put(text, value)
        return value

    def __call__(self, doc: Doc) -> Doc:
        values: list[float] = []
        if len(doc):
            arr = doc.to_array([IDX, LENGTH, IS_SPACE, SENT_START])
            bounds = sentence_bounds(doc, arr[:, 3])
            text = doc_text(doc)
            rows = arr[:, :3].tolist()
            blank = numpy.count_nonzero(arr[:, 2]) > 0  # whitespace tokens, if there are any
            score = self.score
            if len(bounds) == 1 and is_unpunctuated(doc):
                norms = token_norms(doc)
                starts = spoken_sentences(norms)
                bounds = tuple(zip(starts, starts[1:] + [len(doc)]))
            for start, end in bounds:
                if blank and all(rows[i][2] for i in range(start, end)):  # whitespace only: sent.text.strip() is empty
                    continue
                # doc[start:end].text: from the first token to the end of the last one
                values.append(score(text[rows[start][0] : rows[end - 1][0] + rows[end - 1][1]]))
        doc.user_data[SENTIMENT] = values  # doc._.tc_sentiment = values, without an Underscore object
        return doc


@Language.factory(
    "tonecheck_sentiment",
    assigns=["doc._.tc_sentiment"],
    requires=["token.is_sent_start"],
    default_config={"lexicons": [], "include_default": True, "cache_size": 20_000},
)
def make_sentiment(nlp: Language, name: str, lexicons: list[str], include_default: bool, cache_size: int) -> Sentiment:
    return Sentiment(nlp, name, lexicons, include_default, cache_size)
