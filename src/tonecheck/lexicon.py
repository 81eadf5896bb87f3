"""Lexicons: the phrase lists, token patterns and word lists behind every detection.

Lexicons are data. The shipped ones live in the repository's top-level
``lexicons/`` folder and inside the installed package as ``tonecheck/lexicons``;
they are found with :mod:`importlib.resources`, never relative to the working
directory. ``lexicons/README.md`` documents the format; in short, a lexicon file
is YAML with these top-level keys (all optional but ``entries``/``lists``/``sentiment``
need at least one):

``lexicon``      a name, shown in ``tonecheck lexicon list``
``version``      the file's version string
``description``  what the file is for
``category``     the default category of its entries
``entries``      a list of entries (below)
``lists``        named word lists used by the grammar rules (``wh_words``, ...)
``sentiment``    VADER lexicon overrides: ``token: score`` (-4 .. 4)

Each entry has an ``id`` (unique; a later file with the same id overrides it),
exactly one of ``phrase``/``phrases``/``pattern``, and may have ``category``,
``weight``, ``plain`` (jargon only: the plain-language alternative), ``direction``
and ``scope`` (negation/contrast triggers only), ``unless`` (when a hit does not
count: ``process_talk`` or ``account_talk``, see :func:`tonecheck.rules.vetoed`),
``followed_by`` / ``not_followed_by`` and ``preceded_by`` / ``not_preceded_by`` (what the
token after or before a hit must or must not be, or a short sequence of tokens next to it;
``end`` / ``start``: no token follows or precedes in its sentence; those tokens are not part of the hit),
``step_over`` (which of those conditions read past the ``step_over_words`` of grammar.yml:
"I'm not REALLY struggling"), ``note`` and ``enabled``
(``false`` switches a shipped entry off). Unknown keys are errors: a typo must
not silently disable a rule.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from . import _diskcache
from .errors import LexiconError

#: Categories scored on agent turns.
TONE_CATEGORIES: tuple[str, ...] = ("empathy", "jargon", "open_question", "closed_question", "demand", "solution")
#: Categories detected on customer turns (context, never scored against the agent).
CUSTOMER_CATEGORIES: tuple[str, ...] = ("hardship",)
#: Scope triggers (medspaCy ConText style): they modify other detections.
MODIFIER_CATEGORIES: tuple[str, ...] = ("negation", "contrast")
#: Phrases that are never demands even though they look imperative ("bear with me").
EXCLUSION_CATEGORIES: tuple[str, ...] = ("not_demand",)
CATEGORIES: tuple[str, ...] = TONE_CATEGORIES + CUSTOMER_CATEGORIES + MODIFIER_CATEGORIES + EXCLUSION_CATEGORIES

#: Word lists the grammar rules read; a lexicon file may add words to any of them.
LIST_NAMES: tuple[str, ...] = (
    "wh_words",  # start an open question: what, how, why, ...
    "auxiliaries",  # start a closed question when followed by a subject: do, can, is, ...
    "subject_pronouns",  # you, I, we, ... (the subject after an inverted auxiliary)
    "inversion_subjects",  # subjects that mark a mid-sentence inversion in unpunctuated text
    "fillers",  # discourse words skipped before a clause: so, okay, um, ...
    "tag_questions",  # sentence endings that make a closed tag question: right, okay, isn't it, ...
    "imperative_verbs",  # verbs that are pressure when used as a bare imperative: pay, send, ...
    "negators",  # not, n't, never, no: used by the parse-based negation check
    "process_words",  # the account and the call: "unless: account_talk" / "process_talk" read them
    "listener_words",  # you, your, ...: with process_words, what "unless: process_talk" reads
    "feeling_words",  # worried, stressful, hard, ...: a clause naming one is not "account_talk"
    "company_words",  # ltd, inc, partners, ...: a capitalised jargon word in a name with one is no jargon
    "legal_forms",  # ltd, plc, llc, ...: after a jargon word, in any case, they make it a company's name
    "reason_verbs",  # like, want, trust, ...: "why don't you" + one of these asks a reason, not a suggestion
    "small_talk_words",  # traffic, weather, laptop, ...: "unless: small_talk" reads them
    "payment_detail_words",  # card, digits, expiry, pen, ...: "unless: payment_details" reads them
    "step_over_words",  # really, actually, been, ...: a condition named in an entry's "step_over" reads past them
    "clause_verbs",  # saying, think, ...: a negation reaches past one into a demand with its own "you"
    "clause_openers",  # in that case, to be fair, i mean, ...: a new clause starts after one, anywhere in a sentence
    "explanations",  # means, is basically, in other words, ...: a jargon term explained on the spot is not counted
)

_FILE_KEYS = {"lexicon", "version", "description", "category", "entries", "lists", "sentiment"}
_ENTRY_KEYS = {"id", "phrase", "phrases", "pattern", "category", "weight", "plain", "direction", "scope", "applies_to",
               "unless", "followed_by", "not_followed_by", "preceded_by", "not_preceded_by", "step_over", "note",
               "enabled"}
#: Values of an entry's ``unless`` key: when one of its hits does not count (:func:`tonecheck.rules.vetoed`).
UNLESS: tuple[str, ...] = ("process_talk", "account_talk", "small_talk", "payment_details")
#: In ``followed_by`` / ``not_followed_by``: "no token follows the hit in its sentence" (the end of the turn).
END = "end"
#: In ``preceded_by`` / ``not_preceded_by``: "no token precedes the hit in its sentence" (it opens the sentence).
START = "start"
#: Keys that say what the token next to a hit must or must not be (:class:`tonecheck.components.Neighbours`),
#: each with the word that stands for "no such token in the sentence".
NEIGHBOUR_KEYS: dict[str, str] = {"followed_by": END, "not_followed_by": END, "preceded_by": START, "not_preceded_by": START}
#: How many ``step_over_words`` in a row a condition named in an entry's ``step_over`` reads past
#: ("I've never REALLY BEEN in debt": two); the token after them is read too.
MAX_STEP_OVER = 3
#: The longest sequence of tokens an alternative of those keys may describe ("you can" before "go to court").
MAX_SEQUENCE = 6
#: One alternative of a neighbour key: a token mapping, a sequence of them, or END / START.
Neighbour = Mapping[str, Any] | tuple[Mapping[str, Any], ...] | str
_DIRECTIONS = ("forward", "backward", "both")
#: Categories a negation trigger can cancel (its ``applies_to``; default: demands only).
NEGATABLE: tuple[str, ...] = ("demand", "solution")
_ID = re.compile(r"^[a-z0-9_]+(?:[.:/-][a-z0-9_]+)*$")
#: Manifest listing the shipped files in load order.
MANIFEST = "manifest.yml"


@dataclass(frozen=True)
class LexiconEntry:
    """One rule: a set of phrases or one token pattern, with its category.

    Attributes:
        id: stable identifier; evidence rows name it in their ``rule`` column.
        category: one of :data:`CATEGORIES`.
        phrases: literal phrases, matched case-insensitively on whole tokens.
        pattern: a spaCy ``Matcher`` token pattern (list of token dicts), or ``None``.
        weight: how much one hit counts in the tone score (default 1; 0: counted, but it does not move the score).
        plain: for jargon, the plain-language alternative to suggest.
        direction, scope: for negation/contrast triggers, which way and how many tokens they reach.
        applies_to: for negation triggers, the categories they cancel (from :data:`NEGATABLE`;
            default demands only). Empty for a pseudo-negation: a phrase that looks like a negation
            and cancels nothing ("why don't", "don't forget"), which wins over the shorter trigger inside it.
        unless: when a hit does not count, any of :data:`UNLESS` (``"process_talk"``,
            ``"account_talk"``, ``"small_talk"``, ``"payment_details"``; see :func:`tonecheck.rules.vetoed`). Empty: always.
        followed_by: alternatives for the token after a hit (token pattern mappings, or
            :data:`END` for "no token follows in the sentence"); a hit counts only if one of them
            holds. Empty: no condition. The following token is never part of the hit. An alternative
            may also be a tuple of 2 to :data:`MAX_SEQUENCE` mappings: the tokens right after the hit,
            in order (``OP: "?"`` allowed, except on the token next to the hit).
        not_followed_by: alternatives of the same kind; a hit does not count if one of them holds.
        preceded_by, not_preceded_by: the same for the token before a hit (:data:`START`: the hit
            opens its sentence); a sequence ends right before the hit.
        step_over: which of those four conditions read past the ``step_over_words`` word list: the
            condition is checked on the token next to the hit and, while that token is a step-over word,
            on the next one out as well (at most :data:`MAX_STEP_OVER` step-over words); an alternative
            holds if it holds on any of them, ``end`` / ``start`` if the steps reach the sentence's edge.
            Empty (the default): each condition reads the one token next to the hit.
        source: the file the entry was loaded from.
    """

    id: str
    category: str
    phrases: tuple[str, ...] = ()
    pattern: tuple[Mapping[str, Any], ...] | None = None
    weight: float = 1.0
    plain: str | None = None
    direction: str = "forward"
    scope: int = 8
    applies_to: tuple[str, ...] = ("demand",)
    unless: tuple[str, ...] = ()
    followed_by: tuple[Neighbour, ...] = ()
    not_followed_by: tuple[Neighbour, ...] = ()
    preceded_by: tuple[Neighbour, ...] = ()
    not_preceded_by: tuple[Neighbour, ...] = ()
    step_over: tuple[str, ...] = ()
    note: str | None = None
    source: str = ""


@dataclass
class Lexicon:
    """All loaded entries, word lists and sentiment overrides, plus where they came from."""

    entries: dict[str, LexiconEntry] = field(default_factory=dict)
    lists: dict[str, frozenset[str]] = field(default_factory=dict)
    sentiment: dict[str, float] = field(default_factory=dict)
    files: list[dict[str, str]] = field(default_factory=list)
    version: str = "unversioned"
    #: a SHA-256 of everything the lexicon was loaded from (files, parser, versions: :func:`_cache_key`);
    #: empty for a Lexicon made by hand. Caches of what is built from the lexicon extend it.
    key: str = ""

    def category(self, name: str) -> list[LexiconEntry]:
        """Entries of one category, in load order."""
        return [e for e in self.entries.values() if e.category == name]

    def word_list(self, name: str) -> frozenset[str]:
        """A grammar word list (lower-cased); empty if no file defines it."""
        return self.lists.get(name, frozenset())

    def get(self, entry_id: str) -> LexiconEntry | None:
        return self.entries.get(entry_id)


# --------------------------------------------------------------------------- validation


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """yaml's safe loader (C-accelerated where available) that refuses duplicate keys.

    PyYAML keeps the last of two equal keys; in a lexicon that silently drops a phrase list.
    """


def _mapping_without_duplicates(loader, node, deep=False):
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


def load_yaml(text: str):
    """Parse YAML as data only (no tags that build objects), refusing duplicate keys."""
    return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass


def _fail(problem: str, file: str | Path, entry: str | None = None) -> LexiconError:
    return LexiconError(problem, file, entry)


def read_yaml_file(path: str | Path, text: str | None = None, kind: str = "lexicon file") -> Any:
    """Read (unless ``text`` is given) and parse a YAML data file; problems raise :class:`LexiconError`
    naming the file and, for YAML errors, the line."""
    name = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise _fail(f"cannot read {kind}: {exc}", name) from None
    try:
        return load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise _fail(f"not valid YAML{where}: {getattr(exc, 'problem', None) or exc}", name) from None


def parse_lexicon_file(path: str | Path, text: str | None = None) -> dict[str, Any]:
    """Parse and validate one lexicon file; return its parts. Raises :class:`LexiconError`."""
    name = str(path)
    data = read_yaml_file(path, text)
    if not isinstance(data, dict):
        raise _fail("a lexicon file must be a YAML mapping with an 'entries', 'lists' or 'sentiment' key", name)
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise _fail(f"unknown top-level key(s) {sorted(unknown)}; allowed: {sorted(_FILE_KEYS)}", name)
    if not any(k in data for k in ("entries", "lists", "sentiment")):
        raise _fail("no 'entries', 'lists' or 'sentiment' key: the file defines nothing", name)
    default_category = data.get("category")
    if default_category is not None and default_category not in CATEGORIES:
        raise _fail(f"category {default_category!r} is not one of {', '.join(CATEGORIES)}", name)
    version = data.get("version", "0")
    if not isinstance(version, (str, int, float)):
        raise _fail("'version' must be a string", name)

    raw_entries = data.get("entries") or []
    if not isinstance(raw_entries, list):
        raise _fail("'entries' must be a list", name)
    entries: list[LexiconEntry | str] = []  # str = id of a disabled entry
    seen: set[str] = set()
    for i, raw in enumerate(raw_entries):
        entry = _parse_entry(raw, i, name, default_category)
        entry_id = entry if isinstance(entry, str) else entry.id
        if entry_id in seen:
            raise _fail("duplicate id in the same file", name, entry_id)
        seen.add(entry_id)
        entries.append(entry)

    lists = data.get("lists") or {}
    if not isinstance(lists, dict):
        raise _fail("'lists' must be a mapping of list name to words", name)
    parsed_lists: dict[str, frozenset[str]] = {}
    for list_name, words in lists.items():
        if list_name not in LIST_NAMES:
            raise _fail(f"unknown word list {list_name!r}; known: {', '.join(LIST_NAMES)}", name)
        if not isinstance(words, list):
            raise _fail(f"word list {list_name!r} must be a list of words", name)
        for w in words:
            if not isinstance(w, str) or not w.strip():
                hint = " (quote yes/no/on/off: YAML reads them as true/false)" if isinstance(w, bool) else ""
                raise _fail(f"word list {list_name!r} holds {w!r}, not a word{hint}", name)
        if list_name == "step_over_words":
            for w in words:
                if len(w.split()) != 1:
                    raise _fail(f"word list {list_name!r} holds {w.strip()!r}: a condition steps over one word at a "
                                "time, so each must be one word", name)
        parsed_lists[list_name] = frozenset(w.strip().lower() for w in words)

    sentiment = data.get("sentiment") or {}
    if not isinstance(sentiment, dict):
        raise _fail("'sentiment' must be a mapping of token to score", name)
    parsed_sentiment: dict[str, float] = {}
    for token, score in sentiment.items():
        if not isinstance(token, str) or not token.strip() or " " in token.strip():
            raise _fail(f"sentiment key {token!r} must be one token (VADER scores single words)", name)
        if isinstance(score, bool) or not isinstance(score, (int, float)) or not -4 <= score <= 4:
            raise _fail(f"sentiment score for {token!r} must be a number from -4 to 4, got {score!r}", name)
        parsed_sentiment[token.strip().lower()] = float(score)

    return {
        "name": str(data.get("lexicon") or Path(name).stem),
        "version": str(version),
        "description": str(data.get("description") or "").strip(),
        "entries": entries,
        "lists": parsed_lists,
        "sentiment": parsed_sentiment,
    }


def entry_head(raw: Any, index: int, file: str, allowed_keys: set[str]) -> tuple[str, bool]:
    """Check what every lexicon or rule-pack entry shares: a mapping, a well-formed ``id``, only
    ``allowed_keys``, and a boolean ``enabled``. Returns (id, enabled)."""
    if not isinstance(raw, dict):
        raise _fail(f"entry {index} must be a mapping with an 'id'", file, f"#{index}")
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not _ID.match(entry_id):
        raise _fail(
            f"entry {index} needs an 'id' of lower-case letters, digits, '_' and separators '.:/-' (got {entry_id!r})",
            file,
            f"#{index}",
        )
    unknown = set(raw) - allowed_keys
    if unknown:
        raise _fail(f"unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed_keys)}", file, entry_id)
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise _fail("'enabled' must be true or false", file, entry_id)
    return entry_id, enabled


def _parse_entry(raw: Any, index: int, file: str, default_category: str | None) -> LexiconEntry | str:
    entry_id, enabled = entry_head(raw, index, file, _ENTRY_KEYS)
    if not enabled:
        return entry_id
    category = raw.get("category", default_category)
    if category not in CATEGORIES:
        raise _fail(f"category {category!r} is not one of {', '.join(CATEGORIES)}", file, entry_id)
    kinds = [k for k in ("phrase", "phrases", "pattern") if k in raw]
    if len(kinds) != 1:
        raise _fail("needs exactly one of 'phrase', 'phrases' or 'pattern'", file, entry_id)
    phrases: tuple[str, ...] = ()
    pattern = None
    if "phrase" in raw:
        phrases = (raw["phrase"],)
    elif "phrases" in raw:
        if not isinstance(raw["phrases"], list) or not raw["phrases"]:
            raise _fail("'phrases' must be a non-empty list of strings", file, entry_id)
        phrases = tuple(raw["phrases"])
    else:
        pattern = _check_pattern(raw["pattern"], file, entry_id)
    for p in phrases:
        if not isinstance(p, str) or not p.strip():
            raise _fail(f"phrase {p!r} must be a non-empty string", file, entry_id)
    phrases = tuple(dict.fromkeys(" ".join(p.split()) for p in phrases))
    weight = raw.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 <= weight <= 5:
        raise _fail(f"'weight' must be a number in [0, 5], got {weight!r}", file, entry_id)
    plain = raw.get("plain")
    if category == "jargon":
        if not isinstance(plain, str) or not plain.strip():
            raise _fail("a jargon entry needs 'plain': the plain-language alternative", file, entry_id)
    elif plain is not None:
        raise _fail("'plain' is only for jargon entries", file, entry_id)
    direction = raw.get("direction", "forward")
    scope = raw.get("scope", 8)
    if category not in MODIFIER_CATEGORIES and ("direction" in raw or "scope" in raw):
        raise _fail("'direction' and 'scope' are only for negation and contrast triggers", file, entry_id)
    if direction not in _DIRECTIONS:
        raise _fail(f"'direction' must be one of {', '.join(_DIRECTIONS)}", file, entry_id)
    if isinstance(scope, bool) or not isinstance(scope, int) or not 1 <= scope <= 50:
        raise _fail(f"'scope' must be a whole number of tokens from 1 to 50, got {scope!r}", file, entry_id)
    applies_to = raw.get("applies_to", ["demand"])
    if "applies_to" in raw and category != "negation":
        raise _fail("'applies_to' is only for negation triggers", file, entry_id)
    if not isinstance(applies_to, list) or any(not isinstance(c, str) or c not in NEGATABLE for c in applies_to):
        raise _fail(
            f"'applies_to' must be a list of categories from {', '.join(NEGATABLE)} (an empty list: a pseudo-negation "
            f"that cancels nothing), got {applies_to!r}",
            file,
            entry_id,
        )
    unless = _names(raw.get("unless", []), UNLESS)
    if unless is None:
        raise _fail(f"'unless' must be one of {', '.join(UNLESS)} or a list of them, got {raw.get('unless')!r}",
                    file, entry_id)
    neighbours = {key: _check_neighbour(raw[key], key, edge, file, entry_id) if key in raw else ()
                  for key, edge in NEIGHBOUR_KEYS.items()}
    step_over = _check_step_over(raw, file, entry_id)
    note = raw.get("note")
    return LexiconEntry(
        id=entry_id,
        category=category,
        phrases=phrases,
        pattern=pattern,
        weight=float(weight),
        plain=plain.strip() if isinstance(plain, str) else None,
        direction=direction,
        scope=scope,
        applies_to=tuple(dict.fromkeys(applies_to)),
        unless=unless,
        **neighbours,
        step_over=step_over,
        note=str(note).strip() if note is not None else None,
        source=file,
    )


#: Operators that let a token repeat or vanish. A pattern may use them, but not on
#: its first token: an unanchored pattern is tried at every token and is slow.
_OPTIONAL_OPS = {"?", "*", "+", "{"}
#: Token attributes only a trained pipeline sets; lexicon patterns run on untagged Docs.
_MODEL_ATTRS = {"LEMMA", "POS", "TAG", "DEP", "MORPH", "ENT_TYPE", "ENT_IOB", "ENT_ID", "SENT_START", "IS_SENT_START"}


def _check_token_attrs(token: Mapping[str, Any], file: str, entry_id: str) -> None:
    """What no token mapping of a lexicon may hold: REGEX predicates, attributes only a trained pipeline sets."""
    for attr, value in token.items():
        if isinstance(value, dict) and "REGEX" in value:
            raise _fail(
                f"REGEX predicates are not allowed (on {attr}): a regular expression in a lexicon can be "
                "catastrophically slow; use phrases, or LOWER/NORM with an IN list",
                file,
                entry_id,
            )
    needs_model = sorted(set(token) & _MODEL_ATTRS)
    if needs_model:
        raise _fail(
            f"token attribute(s) {needs_model} need a trained tagger/parser, which the 'fast' pipeline and "
            "the lexicon matcher do not have; use NORM, LOWER or ORTH with an IN list",
            file,
            entry_id,
        )


def _spacy_validate(patterns: list[list[Mapping[str, Any]]], what: str, file: str, entry_id: str) -> None:
    from spacy.errors import MatchPatternError
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    try:
        Matcher(Vocab(), validate=True).add(entry_id, patterns)
    except (MatchPatternError, ValueError, TypeError, KeyError) as exc:
        message = " ".join(str(exc).split())
        raise _fail(f"invalid spaCy token {what}: {message}", file, entry_id) from None


def _check_pattern(pattern: Any, file: str, entry_id: str) -> tuple[Mapping[str, Any], ...]:
    if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) and t for t in pattern):
        raise _fail("'pattern' must be a non-empty list of token attribute mappings", file, entry_id)
    if len(pattern) > 12:
        raise _fail("'pattern' has more than 12 tokens; split it into phrases or smaller patterns", file, entry_id)
    for token in pattern:
        _check_token_attrs(token, file, entry_id)
    ops = [str(t.get("OP", "")) for t in pattern]
    if ops[0][:1] in _OPTIONAL_OPS or ops[0] == "!":
        raise _fail("the first token of a pattern must not be optional, negated or repeated (anchor it on a word)", file, entry_id)
    if sum(op in ("*", "+") or op.startswith("{") for op in ops) > 2:
        raise _fail("a pattern may repeat at most two tokens ('*', '+', '{n,m}'): more is slow", file, entry_id)
    _spacy_validate([list(pattern)], "pattern", file, entry_id)
    return tuple(pattern)


def _check_neighbour(value: Any, key: str, edge: str, file: str, entry_id: str) -> tuple[Neighbour, ...]:
    """Validate ``followed_by`` / ``not_followed_by`` / ``preceded_by`` / ``not_preceded_by``: a non-empty list
    of alternatives, each one token mapping (as in a pattern, without ``OP``), a sequence of 2 to
    :data:`MAX_SEQUENCE` token mappings (the tokens next to the hit, in order; ``OP: "?"`` only, and not on the
    token next to the hit) or ``edge`` (``end`` / ``start``)."""
    side, verb = ("after", "follows") if edge == END else ("before", "precedes")
    if not isinstance(value, list) or not value:
        raise _fail(
            f"'{key}' must be a non-empty list of alternatives for the token {side} a hit: token attribute "
            f"mappings (as in a pattern), sequences of them, or '{edge}' (no token {verb} in the sentence), got {value!r}",
            file,
            entry_id,
        )
    alternatives: list[Neighbour] = []
    for item in value:
        if item == edge:
            alternatives.append(edge)
            continue
        if isinstance(item, list):
            alternatives.append(_check_sequence(item, key, edge, file, entry_id))
            continue
        if not isinstance(item, dict) or not item:
            raise _fail(f"'{key}' holds {item!r}: each alternative is a token attribute mapping or '{edge}', or "
                        f"a sequence (a list) of token attribute mappings", file, entry_id)
        if "OP" in item:
            raise _fail(f"'{key}' describes the one token {side} a hit: 'OP' is not allowed (a sequence of tokens "
                        f"may make one optional)", file, entry_id)
        _check_token_attrs(item, file, entry_id)
        alternatives.append(item)
    tokens = [[t] for t in alternatives if isinstance(t, dict)]
    if tokens:
        _spacy_validate(tokens, f"mapping in '{key}'", file, entry_id)
    return tuple(alternatives)


def _check_step_over(raw: Mapping[str, Any], file: str, entry_id: str) -> tuple[str, ...]:
    """Validate ``step_over``: one of the four neighbour keys or a non-empty list of them, each a condition the
    entry has (a step-over on a missing condition would silently do nothing)."""
    if "step_over" not in raw:
        return ()
    value = raw["step_over"]
    keys = _names(value, tuple(NEIGHBOUR_KEYS))
    if not keys:
        raise _fail(
            f"'step_over' must be one of {', '.join(NEIGHBOUR_KEYS)} or a list of them, got {value!r}", file, entry_id
        )
    for key in keys:
        if key not in raw:
            raise _fail(f"'step_over' names {key!r}, a condition the entry does not have", file, entry_id)
    return keys


def _names(value: Any, allowed: tuple[str, ...]) -> tuple[str, ...] | None:
    """An entry key that takes one name or a list of names from ``allowed`` (``unless``, ``step_over``): the
    names, without repeats, in order; ``None`` when it is neither."""
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or any(not isinstance(n, str) or n not in allowed for n in names):
        return None
    return tuple(dict.fromkeys(names))


def _check_sequence(item: list, key: str, edge: str, file: str, entry_id: str) -> tuple[Mapping[str, Any], ...]:
    """One alternative of a neighbour key that is a sequence of token mappings (:func:`_check_neighbour`)."""
    side = "after" if edge == END else "before"
    if not 2 <= len(item) <= MAX_SEQUENCE or not all(isinstance(t, dict) and t for t in item):
        raise _fail(
            f"'{key}' holds the sequence {item!r}: a sequence is a list of 2 to {MAX_SEQUENCE} token attribute "
            f"mappings (one token is written as a mapping alone)",
            file,
            entry_id,
        )
    for token in item:
        _check_token_attrs(token, file, entry_id)
        if "OP" in token and token["OP"] != "?":
            raise _fail(f"'{key}' holds a sequence with 'OP': {token['OP']!r}: only '?' (an optional token) is "
                        f"allowed", file, entry_id)
    nearest = item[0] if edge == END else item[-1]
    if "OP" in nearest:
        raise _fail(f"'{key}' holds a sequence whose token right {side} the hit is optional: anchor it on that "
                    f"token", file, entry_id)
    _spacy_validate([list(item)], f"sequence in '{key}'", file, entry_id)
    return tuple(item)


# --------------------------------------------------------------------------- loading


def default_lexicon_dir() -> importlib.resources.abc.Traversable:
    """The folder of shipped lexicons inside the installed package."""
    return importlib.resources.files("tonecheck").joinpath("lexicons")


def default_lexicon_files() -> list[tuple[str, str]]:
    """(name, text) of every shipped lexicon file, in the manifest's order."""
    folder = default_lexicon_dir()
    manifest_text = folder.joinpath(MANIFEST).read_text(encoding="utf-8")
    manifest = load_yaml(manifest_text)
    return [(f"lexicons/{name}", folder.joinpath(name).read_text(encoding="utf-8")) for name in manifest["files"]]


def shipped_version() -> str:
    """The version of the shipped lexicon set (from ``lexicons/manifest.yml``)."""
    manifest = load_yaml(default_lexicon_dir().joinpath(MANIFEST).read_text(encoding="utf-8"))
    return str(manifest["version"])


def load_lexicon(extra_files: Iterable[str | Path] = (), *, include_default: bool = True) -> Lexicon:
    """Load the shipped lexicons, then each extra file in order (later files override by ``id``).

    The result is cached per (files, modification times), so every component of a
    pipeline shares one :class:`Lexicon`.
    """
    extras = tuple(str(Path(p)) for p in extra_files)
    stamps = tuple(_mtime(p) for p in extras)
    return _load_cached(extras, stamps, include_default)


def _mtime(path: str) -> float:
    try:
        return Path(path).stat().st_mtime
    except OSError:
        return -1.0


@lru_cache(maxsize=16)
def _load_cached(extras: tuple[str, ...], _stamps: tuple[float, ...], include_default: bool) -> Lexicon:
    sources: list[tuple[str, str]] = []
    if include_default:
        sources.extend(default_lexicon_files())
    for path in extras:
        if not Path(path).is_file():
            raise LexiconError("lexicon file not found", path)
        try:
            sources.append((path, Path(path).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise LexiconError(f"cannot read lexicon file: {exc}", path) from None
    key = _cache_key(sources, include_default)
    lexicon = _diskcache.get("lexicon", key, Lexicon)
    if lexicon is None:
        lexicon = _build_lexicon(sources, extras, include_default)
        lexicon.key = key
        _diskcache.put("lexicon", key, lexicon)
    return lexicon


def _cache_key(sources: list[tuple[str, str]], include_default: bool) -> str:
    """What decides a loaded :class:`Lexicon`: every file's name and text, this module's code (which parses and
    validates them) and the versions of tonecheck, spaCy and Python."""
    import importlib.metadata
    import platform

    from ._version import __version__

    try:
        spacy_version = importlib.metadata.version("spacy")  # without importing spaCy (a second on its own)
    except importlib.metadata.PackageNotFoundError:
        spacy_version = "?"
    digest = hashlib.sha256()
    for part in (__version__, spacy_version, platform.python_version(), str(include_default)):
        digest.update(part.encode() + b"\0")
    digest.update(_diskcache.code_digest(__file__))  # the parser's code
    if include_default:  # the manifest gives the set's version
        sources = [(MANIFEST, default_lexicon_dir().joinpath(MANIFEST).read_text(encoding="utf-8")), *sources]
    for name, text in sources:
        digest.update(name.encode() + b"\0" + hashlib.sha256(text.encode()).digest())
    return digest.hexdigest()[:32]


def _build_lexicon(sources: list[tuple[str, str]], extras: tuple[str, ...], include_default: bool) -> Lexicon:
    lexicon = Lexicon()
    lists: dict[str, set[str]] = {}
    digest = hashlib.sha256()
    for name, text in sources:
        parsed = parse_lexicon_file(name, text)
        for entry in parsed["entries"]:
            if isinstance(entry, str):
                if entry not in lexicon.entries:
                    raise LexiconError(
                        "'enabled: false' names an id that no earlier lexicon file defines (a typo disables nothing)",
                        name,
                        entry,
                    )
                lexicon.entries.pop(entry)
            else:
                lexicon.entries.pop(entry.id, None)  # re-insert so overrides keep load order
                lexicon.entries[entry.id] = entry
        for list_name, words in parsed["lists"].items():
            lists.setdefault(list_name, set()).update(words)
        lexicon.sentiment.update(parsed["sentiment"])
        lexicon.files.append({"file": name, "lexicon": parsed["name"], "version": parsed["version"]})
        if name in extras:
            digest.update(text.encode())
    lexicon.lists = {k: frozenset(v) for k, v in lists.items()}
    base = shipped_version() if include_default else "custom"
    lexicon.version = base if not extras else f"{base}+user.{digest.hexdigest()[:8]}"
    return lexicon


def check_manifest_file(path: str | Path) -> dict[str, Any]:
    """Validate a lexicon set's manifest (``manifest.yml``: ``version`` and the ``files`` in load order, each
    present beside it); return its version and files. Raises :class:`LexiconError`."""
    data = read_yaml_file(path, kind="manifest")
    if not isinstance(data, dict) or set(data) != {"version", "files"}:
        raise _fail("a manifest has exactly the keys 'version' and 'files'", str(path))
    files = data["files"]
    if not isinstance(files, list) or not files or not all(isinstance(f, str) and f for f in files):
        raise _fail("'files' must be a non-empty list of lexicon file names", str(path))
    missing = [f for f in files if not (Path(path).parent / f).is_file()]
    if missing:
        raise _fail(f"listed file(s) not found beside it: {missing}", str(path))
    return {"file": str(path), "version": str(data["version"]), "files": list(files)}


def check_lexicon_file(path: str | Path) -> dict[str, Any]:
    """Validate a user's lexicon file on its own; return a summary. Raises :class:`LexiconError`."""
    parsed = parse_lexicon_file(path)
    enabled = [e for e in parsed["entries"] if not isinstance(e, str)]
    return {
        "file": str(path),
        "lexicon": parsed["name"],
        "version": parsed["version"],
        "entries": len(enabled),
        "disabled": len(parsed["entries"]) - len(enabled),
        "categories": sorted({e.category for e in enabled}),
        "lists": sorted(parsed["lists"]),
        "sentiment": len(parsed["sentiment"]),
    }
