"""Collections checks: rule packs per jurisdiction, run over a scored call's Docs.

A *rule pack* is a YAML file of entries, each naming the check it belongs to, the
*signal* it detects (``mini_miranda``, ``debt_detail``, ``dispute``, ``health``, ...),
the words (phrases, spaCy token patterns, or fuzzy phrases) and the ``rule`` it
comes from (``12 CFR 1006.18(e)(1)``, ``FDCPA 807(11)``, ``CONC 7.3.10R``,
``FG21/1``). The shipped packs are ``lexicons/packs/us.yml`` (FDCPA / Regulation F)
and ``lexicons/packs/uk.yml`` (FCA CONC 7, Consumer Duty, FG21/1); they combine
(``load_packs(["us", "uk"])``) and users may add their own files. The format is
documented in ``lexicons/packs/README.md``.

Detection is spaCy-native: a ``PhraseMatcher`` (on ``NORM``) and a ``Matcher`` are
built once per pack set and vocabulary and run over the turn Docs the pipeline has
already made (``CallResult.docs``); nothing is re-parsed. The mini-Miranda is
matched fuzzily (``difflib.SequenceMatcher`` on token norms over a sliding window
of the agent's words), so ASR output without punctuation or with small word
differences is still found, with a confidence. The pipeline's own detections are
reused: ``empathy`` spans count as acknowledgement, customer ``hardship`` spans as
distress, counted ``demand`` spans about payment as collection pressure.

>>> import tonecheck
>>> from tonecheck.checks import load_packs, run_checks
>>> r = tonecheck.score("Agent: Hi, this is Sam from Apex Recoveries. This is an attempt to collect a debt "
...                     "and any information obtained will be used for that purpose.\\nCustomer: OK.", pipeline="fast")
>>> rows, columns = run_checks(r, load_packs(["us"]))
>>> columns["disclosure_given"], columns["caller_identified"]
(True, True)

These checks help QA reviewers find calls to listen to. They are not legal advice.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from .errors import LexiconError
from .lexicon import _ID, entry_head, read_yaml_file

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from .scoring import CallResult

# --------------------------------------------------------------------------- documented columns

#: One row per check result (``report.checks``, ``CallResult.check_rows``).
CHECK_COLUMNS: dict[str, str] = {
    "call_id": "the call's id",
    "check": "the check (disclosure_given, caller_identification, prohibited_statements, verification_before_disclosure, "
    "disclosure_after_verification, pressure_after_objection, vulnerability_response, empathy_where_needed, "
    "prohibited_pressure, customer_abuse)",
    "rule": "the rule citation(s) of the pack entries behind the row, e.g. '12 CFR 1006.18(e)(1); FDCPA 807(11)'",
    "status": "pass, fail or not_applicable (the situation the check is about did not arise in the call)",
    "confidence": "0-1: 1 for a phrase or pattern hit; the similarity for a fuzzy (mini-Miranda) match; "
    "for a fail because something is missing, 1 minus the closest near miss",
    "turn_index": "the turn the evidence is in (empty when the row is about something missing)",
    "speaker": "speaker label of that turn",
    "role": "agent or customer",
    "text": "the evidence words, exactly turn_text[start_char:end_char]",
    "start_char": "offset of the first character in the turn's text",
    "end_char": "offset after the last character",
    "signal": "what the words are: mini_miranda, caller_name, debt_detail, dispute, collection_pressure, health, ...",
    "entry": "the pack entry id(s) that matched ('lexicon:<id>' for tonecheck's own empathy/hardship/demand detections)",
    "detail": "why the row has its status, in words",
    "related_turn_index": "the other turn the status depends on (the response to a disclosure, the objection "
    "before the pressure, the debt detail after the verification)",
    "related_text": "the words in the related turn",
    "agent_turns": "need/response checks: agent turns from the disclosure until it was met (1 = the next agent turn); "
    "empty when it was never met",
    "agent_conduct": "True when the row judges the agent; False for customer_abuse rows, which flag calls where the "
    "agent may need support and never count against the agent",
}

#: Columns that ``run_checks`` adds to the call row (``report.calls``) when packs are used.
CHECK_CALL_COLUMNS: dict[str, str] = {
    "disclosure_given": "the mini-Miranda was found in an agent turn (empty when no loaded pack has the check)",
    "disclosure_confidence": "similarity of the best mini-Miranda match (0-1)",
    "caller_identified": "the agent gave a name and the company's name",
    "verification_before_disclosure": "identity verified before any debt detail (empty when neither happened)",
    "disclosure_after_verification": "the mini-Miranda came after identity verification (empty when not given)",
    "vulnerability_disclosed": "the customer disclosed a vulnerability (FG21/1 driver: health, life event, resilience, capability)",
    "vulnerability_acknowledged": "every vulnerability disclosure was met, in time, by acknowledgement and a support step "
    "(empty when none was disclosed)",
    "turns_to_acknowledge": "agent turns from the first vulnerability disclosure until acknowledgement and a step were "
    "both given (empty when never, or no disclosure)",
    "empathy_needed": "customer turns disclosing hardship, distress or vulnerability",
    "empathy_missed": "of those, how many were not acknowledged in time",
    "prohibited_pressure_count": "fail rows of prohibited_statements, prohibited_pressure and pressure_after_objection",
    "customer_abuse_count": "abuse or threats by the customer aimed at the agent (never counted against the agent)",
    "checks_failed": "fail rows that judge the agent's conduct",
    "packs": "the rule packs used, with versions (us@2026.11.0+uk@2026.11.0)",
}

STATUSES: tuple[str, ...] = ("pass", "fail", "not_applicable")


# --------------------------------------------------------------------------- checks and their signals


@dataclass(frozen=True)
class Signal:
    """What a pack entry detects: whose turns it is looked for in, and whether a negation before it cancels it."""

    speaker: str
    negatable: bool = True


_A, _C = "agent", "customer"

#: Every check, and the signals a pack entry of that check may detect.
CHECKS: dict[str, dict[str, Signal]] = {
    "disclosure_given": {"mini_miranda": Signal(_A, negatable=False)},
    "caller_identification": {"caller_name": Signal(_A, False), "company": Signal(_A, False)},
    "prohibited_statements": {
        "arrest_or_seizure": Signal(_A),
        "crime": Signal(_A),
        "false_attorney": Signal(_A),
        "false_government": Signal(_A),
        "unintended_threat": Signal(_A),
        "profanity": Signal(_A, negatable=False),
    },
    "verification_before_disclosure": {
        "verification_request": Signal(_A, False),
        "verification_passed": Signal(_A, False),
        "verification_refused": Signal(_C, False),
        "debt_detail": Signal(_A, False),
    },
    "pressure_after_objection": {
        "dispute": Signal(_C),
        "bankruptcy": Signal(_C),
        "attorney": Signal(_C),
        "cease_contact": Signal(_C),
        "capacity": Signal(_C),
        "collection_pressure": Signal(_A),
    },
    "vulnerability_response": {
        "health": Signal(_C),
        "life_event": Signal(_C),
        "resilience": Signal(_C),
        "capability": Signal(_C),
        "acknowledgement": Signal(_A, False),
        "support_step": Signal(_A),
    },
    "empathy_where_needed": {"distress": Signal(_C), "acknowledgement": Signal(_A, False)},
    "prohibited_pressure": {
        "few_payments": Signal(_A),
        "short_period": Signal(_A),
        "borrow_or_sell": Signal(_A),
        "court_threat": Signal(_A),
        "false_authority": Signal(_A),
    },
    "customer_abuse": {"abuse": Signal(_C, False), "threat": Signal(_C)},
}
#: Checks with no entries of their own: they run when the checks they combine run.
DERIVED_CHECKS: dict[str, tuple[str, ...]] = {
    "disclosure_after_verification": ("disclosure_given", "verification_before_disclosure"),
}
#: Row order of the checks.
CHECK_ORDER: tuple[str, ...] = (
    "disclosure_given",
    "caller_identification",
    "prohibited_statements",
    "verification_before_disclosure",
    "disclosure_after_verification",
    "pressure_after_objection",
    "vulnerability_response",
    "empathy_where_needed",
    "prohibited_pressure",
    "customer_abuse",
)
VULNERABILITY_DRIVERS: tuple[str, ...] = ("health", "life_event", "resilience", "capability")
OBJECTIONS: tuple[str, ...] = ("dispute", "bankruptcy", "attorney", "cease_contact", "capacity")
_PROHIBITED = {
    "prohibited_statements": ("arrest_or_seizure", "crime", "false_attorney", "false_government", "unintended_threat", "profanity"),
    "prohibited_pressure": ("few_payments", "short_period", "borrow_or_sell", "court_threat", "false_authority"),
}
_PROHIBITED_WORDS = {
    "arrest_or_seizure": "implies arrest, imprisonment, seizure or garnishment",
    "crime": "implies the customer committed a crime",
    "false_attorney": "implies an attorney is involved",
    "false_government": "implies government or police involvement",
    "unintended_threat": "threatens action that may not be lawful or intended",
    "profanity": "obscene, profane or abusive language",
    "few_payments": "pushes for payment in one or very few payments",
    "short_period": "pushes for payment within a very short period",
    "borrow_or_sell": "pushes the customer to borrow or sell property to pay",
    "court_threat": "threatens court action or enforcement",
    "false_authority": "claims to be bailiffs or to act for the courts",
}
_SIGNAL_WORDS = {
    "dispute": "disputed the debt",
    "bankruptcy": "mentioned bankruptcy",
    "attorney": "said they have an attorney",
    "cease_contact": "asked to stop being contacted",
    "capacity": "said someone else acts for them (power of attorney, guardian) or that they cannot agree",
}

# Negation before a threat cancels it ("nobody is going to arrest you"), unless the
# negation sits in a condition ("if you don't pay we'll have you arrested").
_NEGATORS = frozenset({"not", "never", "no", "nobody", "nothing", "neither", "nor", "without", "cannot", "none"})
_CONDITIONALS = frozenset({"if", "unless", "until", "when", "whether"})
_NEGATION_REACH = 5
#: Words that make a pipeline ``demand`` span collection pressure (the sentence is about paying).
_PAYMENT_WORDS = frozenset({"pay", "paying", "paid", "payment", "payments", "balance", "money", "amount", "settle", "owe", "owed", "debt"})
#: A fuzzy match below this is not even reported as a near miss.
_NEAR_MISS_FLOOR = 0.5


# --------------------------------------------------------------------------- pack files

_FILE_KEYS = {"pack", "version", "jurisdiction", "description", "entries"}
_ENTRY_KEYS = {"id", "check", "signal", "rule", "phrase", "phrases", "pattern", "patterns", "fuzzy", "threshold", "note", "enabled"}
_KINDS = ("phrase", "phrases", "pattern", "patterns", "fuzzy")
_MAX_PATTERNS = 8
_MIN_FUZZY_WORDS = 5
PACKS_DIR = ("lexicons", "packs")


@dataclass(frozen=True)
class PackEntry:
    """One pack entry: the words that detect a signal of a check, and the rule behind it."""

    id: str
    check: str
    signal: str
    rule: str
    phrases: tuple[str, ...] = ()
    patterns: tuple[tuple[Mapping[str, Any], ...], ...] = ()
    fuzzy: tuple[str, ...] = ()
    threshold: float = 0.8
    note: str | None = None
    source: str = ""

    @property
    def speaker(self) -> str:
        return CHECKS[self.check][self.signal].speaker


def _fail(problem: str, file: str, entry: str | None = None) -> LexiconError:
    return LexiconError(problem, file, entry)


def parse_pack_file(path: str | Path, text: str | None = None) -> dict[str, Any]:
    """Parse and validate one rule pack; return its parts. Raises :class:`LexiconError` naming file, entry and problem."""
    name = str(path)
    data = read_yaml_file(path, text, kind="rule pack")
    if not isinstance(data, dict):
        raise _fail("a rule pack must be a YAML mapping with 'pack' and 'entries' keys", name)
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise _fail(f"unknown top-level key(s) {sorted(unknown)}; allowed: {sorted(_FILE_KEYS)}", name)
    pack = data.get("pack", Path(name).stem)
    if not isinstance(pack, str) or not _ID.match(pack):
        raise _fail(f"'pack' must be a short lower-case name such as 'us' (got {pack!r})", name)
    version = data.get("version", "0")
    if isinstance(version, bool) or not isinstance(version, (str, int, float)):
        raise _fail("'version' must be a string", name)
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise _fail("'entries' must be a non-empty list", name)
    entries: list[PackEntry | str] = []  # str: id of a disabled entry
    seen: set[str] = set()
    for i, raw in enumerate(raw_entries):
        entry = _parse_entry(raw, i, name)
        entry_id = entry if isinstance(entry, str) else entry.id
        if entry_id in seen:
            raise _fail("duplicate id in the same file", name, entry_id)
        seen.add(entry_id)
        entries.append(entry)
    return {
        "pack": pack,
        "version": str(version),
        "jurisdiction": str(data.get("jurisdiction") or "").strip(),
        "description": str(data.get("description") or "").strip(),
        "entries": entries,
    }


def _parse_entry(raw: Any, index: int, file: str) -> PackEntry | str:
    entry_id, enabled = entry_head(raw, index, file, _ENTRY_KEYS)
    if not enabled:
        return entry_id
    check = raw.get("check")
    if check not in CHECKS:
        raise _fail(f"'check' must be one of {', '.join(CHECKS)} (got {check!r})", file, entry_id)
    signal = raw.get("signal")
    if signal not in CHECKS[check]:
        raise _fail(f"'signal' of a {check} entry must be one of {', '.join(CHECKS[check])} (got {signal!r})", file, entry_id)
    rule = raw.get("rule")
    if not isinstance(rule, str) or not rule.strip():
        raise _fail(
            "needs a 'rule': the citation the entry comes from, e.g. '12 CFR 1006.18(e)(1)', 'CONC 7.3.10R' or 'FG21/1'",
            file,
            entry_id,
        )
    kinds = [k for k in _KINDS if k in raw]
    if len(kinds) != 1:
        raise _fail(f"needs exactly one of {', '.join(repr(k) for k in _KINDS)}", file, entry_id)
    kind = kinds[0]
    phrases: tuple[str, ...] = ()
    fuzzy: tuple[str, ...] = ()
    patterns: tuple[tuple[Mapping[str, Any], ...], ...] = ()
    if kind in ("phrase", "phrases", "fuzzy"):
        values = [raw[kind]] if kind == "phrase" else raw[kind]
        if not isinstance(values, list) or not values:
            raise _fail(f"'{kind}' must be a non-empty list of strings", file, entry_id)
        for p in values:
            if not isinstance(p, str) or not p.strip():
                hint = " (quote yes/no/on/off: YAML reads them as true/false)" if isinstance(p, bool) else ""
                raise _fail(f"phrase {p!r} must be a non-empty string{hint}", file, entry_id)
        cleaned = tuple(dict.fromkeys(" ".join(p.split()) for p in values))
        if kind == "fuzzy":
            short = [p for p in cleaned if len(p.split()) < _MIN_FUZZY_WORDS]
            if short:
                raise _fail(
                    f"fuzzy phrase {short[0]!r} is too short: use at least {_MIN_FUZZY_WORDS} words, or 'phrases'",
                    file,
                    entry_id,
                )
            fuzzy = cleaned
        else:
            phrases = cleaned
    else:
        from .lexicon import _check_pattern  # the lexicon's rules: anchored, few repeats, valid for spaCy

        values = [raw["pattern"]] if kind == "pattern" else raw["patterns"]
        if not isinstance(values, list) or not values or (kind == "patterns" and not all(isinstance(v, list) for v in values)):
            raise _fail(f"'{kind}' must be a list of token patterns", file, entry_id)
        if len(values) > _MAX_PATTERNS:
            raise _fail(f"'patterns' holds {len(values)} patterns; at most {_MAX_PATTERNS} (split the entry)", file, entry_id)
        patterns = tuple(_check_pattern(v, file, entry_id) for v in values)
    threshold = raw.get("threshold", 0.8)
    if "threshold" in raw and kind != "fuzzy":
        raise _fail("'threshold' is only for 'fuzzy' entries", file, entry_id)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0.5 <= threshold <= 1:
        raise _fail(f"'threshold' must be a number from 0.5 to 1, got {threshold!r}", file, entry_id)
    note = raw.get("note")
    return PackEntry(
        id=entry_id,
        check=check,
        signal=signal,
        rule=" ".join(rule.split()),
        phrases=phrases,
        patterns=patterns,
        fuzzy=fuzzy,
        threshold=float(threshold),
        note=" ".join(str(note).split()) if note is not None else None,
        source=file,
    )


def packs_dir() -> importlib.resources.abc.Traversable:
    """The folder of shipped rule packs inside the installed package."""
    return importlib.resources.files("tonecheck").joinpath(*PACKS_DIR)


def shipped_packs() -> list[str]:
    """Names of the shipped rule packs (``us``, ``uk``)."""
    return sorted(p.name[:-4] for p in packs_dir().iterdir() if p.name.endswith(".yml"))


def _is_path(spec: str) -> bool:
    return any(sep in spec for sep in ("/", "\\")) or spec.endswith((".yml", ".yaml"))


def _source(spec: str | Path) -> tuple[str, str | None]:
    """(display name, text) of a pack given by shipped name or path; text None means read the path."""
    if isinstance(spec, Path) or _is_path(str(spec)):
        path = Path(spec)
        if not path.is_file():
            raise LexiconError("rule pack file not found", str(path))
        return str(path), None
    name = str(spec).strip().lower()
    resource = packs_dir().joinpath(f"{name}.yml")
    if not _ID.match(name) or not resource.is_file():
        raise LexiconError(
            f"unknown rule pack {spec!r}; shipped packs: {', '.join(shipped_packs())} (or give a path to a .yml file)",
            str(spec),
        )
    return f"lexicons/packs/{name}.yml", resource.read_text(encoding="utf-8")


def load_packs(packs: str | Path | Iterable[str | Path] = ("us",)) -> "PackSet":
    """Load rule packs by shipped name (``"us"``, ``"uk"``) or path, in order; later entries override by ``id``.

    A :class:`PackSet` passes through unchanged. Results are cached per (packs,
    modification times), so matchers are built once per pack set. Raises
    :class:`~tonecheck.errors.LexiconError` naming the file, entry and problem.
    """
    if isinstance(packs, PackSet):
        return packs
    specs = [packs] if isinstance(packs, (str, Path)) else list(packs)
    if not specs:
        raise LexiconError("no rule pack given; shipped packs: " + ", ".join(shipped_packs()), "<packs>")
    keys = tuple(str(s) for s in specs)
    stamps = tuple(_mtime(s) for s in keys)
    return _load_cached(keys, stamps)


def _mtime(spec: str) -> float:
    if not _is_path(spec):
        return 0.0
    try:
        return Path(spec).stat().st_mtime
    except OSError:
        return -1.0


@lru_cache(maxsize=16)
def _load_cached(specs: tuple[str, ...], _stamps: tuple[float, ...]) -> "PackSet":
    packset = PackSet()
    for spec in specs:
        name, text = _source(spec)
        parsed = parse_pack_file(name, text)
        for entry in parsed["entries"]:
            if isinstance(entry, str):
                packset.entries.pop(entry, None)
            else:
                packset.entries.pop(entry.id, None)
                packset.entries[entry.id] = entry
        raw = text if text is not None else Path(name).read_text(encoding="utf-8")
        packset.files.append(
            {
                "file": name,
                "pack": parsed["pack"],
                "version": parsed["version"],
                "jurisdiction": parsed["jurisdiction"],
                "sha256": hashlib.sha256(raw.encode()).hexdigest()[:12],
            }
        )
    return packset


def check_pack_file(path: str | Path) -> dict[str, Any]:
    """Validate one rule pack file on its own; return a summary. Raises :class:`LexiconError`."""
    parsed = parse_pack_file(path)
    enabled = [e for e in parsed["entries"] if not isinstance(e, str)]
    return {
        "file": str(path),
        "pack": parsed["pack"],
        "version": parsed["version"],
        "entries": len(enabled),
        "disabled": len(parsed["entries"]) - len(enabled),
        "checks": sorted({e.check for e in enabled}),
    }


@dataclass(eq=False)
class PackSet:
    """Loaded rule packs: entries by id, the files they came from, and the matchers built from them."""

    entries: dict[str, PackEntry] = field(default_factory=dict)
    files: list[dict[str, str]] = field(default_factory=list)
    _matchers: dict[int, "PackMatcher"] = field(default_factory=dict, repr=False)

    @property
    def label(self) -> str:
        """``us@2026.11.0+uk@2026.11.0``: the packs and versions, recorded in the ``packs`` call column."""
        return "+".join(f"{f['pack']}@{f['version']}" for f in self.files)

    def checks(self) -> list[str]:
        """The checks these packs run, in row order (derived checks included when their parts run)."""
        own = {e.check for e in self.entries.values()}
        derived = {d for d, parts in DERIVED_CHECKS.items() if all(p in own for p in parts)}
        return [c for c in CHECK_ORDER if c in own or c in derived]

    def rules(self, check: str, signals: Iterable[str] | None = None) -> str:
        """The distinct rule citations of a check's entries (optionally only some signals), '; '-joined."""
        wanted = set(signals) if signals is not None else None
        found = [e.rule for e in self.entries.values() if e.check == check and (wanted is None or e.signal in wanted)]
        if not found and wanted is not None:
            found = [e.rule for e in self.entries.values() if e.check == check]
        return _join_rules(found)

    def matcher(self, vocab: "Vocab") -> "PackMatcher":
        """The matcher for a pipeline's vocabulary (built on first use, then reused)."""
        m = self._matchers.get(id(vocab))
        if m is None or m.vocab is not vocab:
            m = self._matchers[id(vocab)] = PackMatcher(self, vocab)
        return m


def _join_rules(rules: Iterable[str]) -> str:
    return _join_rule_tuple(tuple(rules))


@lru_cache(maxsize=1024)
def _join_rule_tuple(rules: tuple[str, ...]) -> str:
    parts: list[str] = []
    for rule in rules:
        for part in rule.split(";"):
            part = part.strip()
            if part and part not in parts:
                parts.append(part)
    return "; ".join(parts)


# --------------------------------------------------------------------------- matching


@dataclass
class Hit:
    """One detection in one turn."""

    signal: str
    turn: int
    start: int  # token offsets in the turn Doc
    end: int
    start_char: int
    end_char: int
    text: str
    entries: list[str]
    rule: str
    confidence: float = 1.0
    ok: bool = True  # fuzzy: the similarity reached the entry's threshold

    @property
    def pos(self) -> tuple[int, int]:
        return (self.turn, self.start_char)


def _negated(doc: "Doc", start: int, negators: frozenset[str]) -> bool:
    """A negator a few tokens before ``start`` in the same clause, not inside an if/unless condition; "too" + a
    word + "to" counts as one ("the debt is too old to take you to court for": no court threat)."""
    sents = doc.has_annotation("SENT_START")
    k = start - 1
    while k >= 0 and start - k <= _NEGATION_REACH:
        if sents and doc[k + 1].is_sent_start:
            break
        tok = doc[k]
        if tok.is_punct:
            break
        # "it's TOO OLD TO take you to court": "too" + a word + "to" negates what follows
        if tok.norm_ in negators or tok.lower_ in negators or (
                tok.norm_ == "too" and k + 2 < start and doc[k + 2].norm_ == "to"):
            before = {doc[j].norm_ for j in range(max(0, k - 3), k)}
            return not (before & _CONDITIONALS)
        k -= 1
    return False


def _content(words: Sequence[str]) -> list[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    content = [w for w in words if len(w) > 3 and w not in STOP_WORDS]
    return content or list(words)


def fuzzy_best(
    norms: Sequence[Any], canon: Sequence[Any], content: frozenset[Any] | None = None
) -> tuple[float, int, int]:
    """Best similarity of ``canon`` to a window of ``norms``: (ratio 0-1, start, end) in ``norms`` indices.

    ``norms`` and ``canon`` are token norms (strings, or their hashes); ``content`` the
    canonical phrase's content words (default: its non-stop words). Windows start at
    words of the canonical phrase and are a few words shorter or longer than it; each
    is scored with ``difflib.SequenceMatcher`` (2·matches / total length) and trimmed
    to its first and last matching word. A turn without half of the phrase's content
    words is skipped without scoring.

    >>> ratio, start, end = fuzzy_best("so this call is from the debt collector ok".split(),
    ...                                "this call is from a debt collector".split())
    >>> round(ratio, 2), start, end
    (0.86, 1, 8)
    """
    if not norms or not canon:
        return (0.0, 0, 0)
    if content is None:
        content = frozenset(_content(canon))
    if len(content & set(norms)) < 0.5 * len(content):
        return (0.0, 0, 0)
    return _fuzzy_windows(tuple(norms), tuple(canon), content)


@lru_cache(maxsize=4096)
def _fuzzy_windows(norms: tuple[Any, ...], canon: tuple[Any, ...], content: frozenset[Any]) -> tuple[float, int, int]:
    cset = set(canon)
    n, length = len(norms), len(canon)
    slack = max(2, length // 4)
    prefix = [0]
    for w in norms:
        prefix.append(prefix[-1] + (w in content))
    need = 0.5 * sum(w in content for w in canon)
    best = (0.0, 0, 0)
    seen: set[tuple[int, int]] = set()
    for i in range(n):
        if norms[i] not in cset:
            continue
        for width in range(max(2, length - slack), length + slack + 1):
            j = min(n, i + width)
            if (i, j) in seen or prefix[j] - prefix[i] < need:
                continue
            seen.add((i, j))
            sm = SequenceMatcher(None, norms[i:j], canon, autojunk=False)
            ratio = sm.ratio()
            if ratio <= best[0]:
                continue
            blocks = [b for b in sm.get_matching_blocks() if b.size]
            a, b = i + blocks[0].a, i + blocks[-1].a + blocks[-1].size
            trimmed = SequenceMatcher(None, norms[a:b], canon, autojunk=False).ratio() if (a, b) != (i, j) else ratio
            best = max(best, (ratio, i, j), (trimmed, a, b))
            if best[0] == 1.0:
                return best
    return best


class PackMatcher:
    """Phrase, pattern and fuzzy matchers for one pack set over one vocabulary."""

    def __init__(self, packs: PackSet, vocab: "Vocab"):
        import spacy
        from spacy.matcher import Matcher, PhraseMatcher

        self.vocab = vocab
        self.entries = packs.entries
        tokenizer = spacy.blank("en", vocab=vocab).tokenizer
        # one phrase matcher and one pattern matcher per speaker role: a customer turn
        # never runs the agent's patterns and vice versa
        self.phrase_matchers: dict[str, PhraseMatcher] = {}
        self.matchers: dict[str, Matcher] = {}
        # fuzzy phrases as norm hashes, with their content words, per role
        self.fuzzy: dict[str, list[tuple[PackEntry, tuple[int, ...], frozenset[int]]]] = {}
        for entry in packs.entries.values():
            role = entry.speaker
            if entry.patterns:
                expanded = [q for p in entry.patterns for q in _expand_anchor(p)]
                self.matchers.setdefault(role, Matcher(vocab)).add(entry.id, expanded)
            elif entry.phrases:
                variants = list(entry.phrases) + [p.replace("-", " ") for p in entry.phrases if "-" in p]
                matcher = self.phrase_matchers.setdefault(role, PhraseMatcher(vocab, attr="NORM"))
                matcher.add(entry.id, list(tokenizer.pipe(variants)))
            for phrase in entry.fuzzy:
                words = [t.norm_ for t in tokenizer(phrase) if not (t.is_punct or t.is_space)]
                canon = tuple(vocab.strings.add(w) for w in words)
                content = frozenset(vocab.strings.add(w) for w in _content(words))
                self.fuzzy.setdefault(role, []).append((entry, canon, content))
        self.roles = {e.speaker for e in packs.entries.values()}
        self.negators = _negator_words()

    def find(self, doc: "Doc", turn: int, role: str) -> list[Hit]:
        """Every pack detection in one turn Doc of the given role, overlapping hits of a signal merged."""
        if role not in self.roles or not len(doc):
            return []
        strings = self.vocab.strings
        found: dict[tuple[str, int, int], list[PackEntry]] = {}
        matches = list(self.phrase_matchers[role](doc)) if role in self.phrase_matchers else []
        if role in self.matchers:
            matches.extend(self.matchers[role](doc))
        for match_id, start, end in matches:
            entry = self.entries.get(strings[match_id])
            if entry is None:
                continue
            if CHECKS[entry.check][entry.signal].negatable and _negated(doc, start, self.negators):
                continue
            found.setdefault((entry.signal, start, end), []).append(entry)
        hits = [_hit(doc, turn, signal, s, e, entries) for (signal, s, e), entries in found.items()]
        hits.extend(self._fuzzy(doc, turn, role))
        return merge_hits(hits)

    def _fuzzy(self, doc: "Doc", turn: int, role: str) -> list[Hit]:
        candidates = self.fuzzy.get(role)
        if not candidates:
            return []
        from spacy.attrs import IS_PUNCT, IS_SPACE, NORM

        arr = doc.to_array([NORM, IS_PUNCT, IS_SPACE])  # no Token objects: this runs on every turn
        index = [i for i, (punct, space) in enumerate(arr[:, 1:].tolist()) if not (punct or space)]
        norms = tuple(arr[index, 0].tolist())
        present = set(norms)
        best: dict[str, tuple[tuple[bool, int, float], Hit]] = {}
        for entry, canon, content in candidates:
            if len(content & present) < 0.5 * len(content):
                continue
            ratio, a, b = fuzzy_best(norms, canon, content)
            if ratio < _NEAR_MISS_FLOOR or b <= a:
                continue
            start, end = index[a], index[b - 1] + 1
            hit = _hit(doc, turn, entry.signal, start, end, [entry])
            hit.confidence = round(ratio, 3)
            hit.ok = ratio >= entry.threshold
            # a passing match of a longer wording (the full initial disclosure) beats a shorter one
            key = entry.signal
            rank = (hit.ok, (hit.end - hit.start) if hit.ok else 0, hit.confidence)
            if key not in best or rank > best[key][0]:
                best[key] = (rank, hit)
        return [hit for _, hit in best.values()]


def _expand_anchor(pattern: Sequence[Mapping[str, Any]]) -> list[list[dict[str, Any]]]:
    """Split a first token ``{NORM: {IN: [a, b]}}`` into one pattern per word.

    A set predicate is evaluated in Python on every token of every turn; a plain
    ``{NORM: a}`` is compared in spaCy's C code. The matches are the same.
    """
    first = dict(pattern[0])
    rest = [dict(t) for t in pattern[1:]]
    if len(first) == 1:
        ((attr, value),) = first.items()
        if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list) and len(value["IN"]) <= 40:
            return [[{attr: word}, *rest] for word in dict.fromkeys(value["IN"])]
    return [[first, *rest]]


def _hit(doc: "Doc", turn: int, signal: str, start: int, end: int, entries: list[PackEntry]) -> Hit:
    span = doc[start:end]
    return Hit(
        signal=signal,
        turn=turn,
        start=start,
        end=end,
        start_char=span.start_char,
        end_char=span.end_char,
        text=span.text,
        entries=list(dict.fromkeys(e.id for e in entries)),
        rule=_join_rules(e.rule for e in entries),
    )


def merge_hits(hits: list[Hit]) -> list[Hit]:
    """Per signal, keep the longest of overlapping hits; the shorter ones' entries and rules join it."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        same = [k for k in kept if k.signal == hit.signal and k.turn == hit.turn and k.start < hit.end and hit.start < k.end]
        if same:
            target = same[0]
            for entry in hit.entries:
                if entry not in target.entries:
                    target.entries.append(entry)
            target.rule = _join_rules([target.rule, hit.rule])
            continue
        kept.append(hit)
    return sorted(kept, key=lambda h: (h.turn, h.start, h.signal))


@lru_cache(maxsize=1)
def _negator_words() -> frozenset[str]:
    try:
        from .lexicon import load_lexicon

        return _NEGATORS | load_lexicon().word_list("negators")
    except Exception:  # pragma: no cover - a broken user lexicon must not break the checks
        return _NEGATORS


def pipeline_hits(doc: "Doc", turn: int, role: str) -> list[Hit]:
    """tonecheck's own detections reused as signals: empathy, hardship, and demands about payment."""
    hits: list[Hit] = []
    spans = doc.spans.get("tonecheck", []) if hasattr(doc, "spans") else []
    for span in spans:
        label = span.label_
        if role == "agent" and label == "empathy" and not span._.tc_undercut:
            signal = "acknowledgement"
        elif role == "customer" and label == "hardship":
            signal = "distress"
        elif role == "agent" and label == "demand" and not span._.tc_negated:
            sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
            if not any(t.norm_ in _PAYMENT_WORDS for t in sent):
                continue
            signal = "collection_pressure"
        else:
            continue
        hits.append(
            Hit(
                signal=signal,
                turn=turn,
                start=span.start,
                end=span.end,
                start_char=span.start_char,
                end_char=span.end_char,
                text=span.text,
                entries=[f"lexicon:{span.id_}"],
                rule="",
            )
        )
    return hits


def turn_hits(packs: PackSet, doc: "Doc", role: str) -> tuple[Hit, ...]:
    """The pack's and the pipeline's hits in one processed turn Doc, stamped as turn 0.

    They depend only on the turn's words and role, so scoring finds them once per
    distinct turn (a repeated turn takes them from the turn cache with its other facts);
    :class:`_Call` stamps each with its turn.
    """
    if role not in ("agent", "customer"):
        return ()
    return tuple(packs.matcher(doc.vocab).find(doc, 0, role) + pipeline_hits(doc, 0, role))


# --------------------------------------------------------------------------- running the checks


class _Call:
    """A call's hits by signal, and helpers the checks share."""

    def __init__(self, result: "CallResult", packs: PackSet):
        self.result = result
        self.packs = packs
        self.call_id = result.transcript.call_id
        self.turns = result.transcript.turns
        self.agent_turns = [i for i, t in enumerate(self.turns) if t.role == "agent"]
        per_turn = result.check_hits
        if per_turn is None:  # not found while scoring: read the turn Docs
            docs = result.docs
            per_turn = [turn_hits(packs, doc, turn.role) for turn, doc in zip(self.turns, docs)] if docs else []
        # each turn's hits are found once per distinct turn text (see turn_hits): copies, stamped with the turn
        hits = [replace(h, turn=i, entries=list(h.entries)) for i, found in enumerate(per_turn) for h in found]
        self.by_signal: dict[str, list[Hit]] = defaultdict(list)
        for hit in merge_hits(hits):
            self.by_signal[hit.signal].append(hit)

    def hits(self, *signals: str) -> list[Hit]:
        out = [h for s in signals for h in self.by_signal.get(s, [])]
        return sorted(out, key=lambda h: h.pos)

    def rule_of(self, check: str, hit: Hit | None = None, signals: Iterable[str] | None = None) -> str:
        if hit is not None and hit.rule:
            return hit.rule
        return self.packs.rules(check, signals if signals is not None else ([hit.signal] if hit is not None else None))

    def row(
        self,
        check: str,
        status: str,
        *,
        hit: Hit | None = None,
        rule: str | None = None,
        confidence: float = 1.0,
        detail: str = "",
        related: Hit | None = None,
        related_turn: int | None = None,
        agent_turns: int | None = None,
        agent_conduct: bool = True,
    ) -> dict[str, Any]:
        turn = self.turns[hit.turn] if hit is not None else None
        rel_turn = related.turn if related is not None else related_turn
        rel_text = related.text if related is not None else (self.turns[rel_turn].text if rel_turn is not None else "")
        return {
            "call_id": self.call_id,
            "check": check,
            "rule": rule if rule is not None else self.rule_of(check, hit),
            "status": status,
            "confidence": round(float(confidence), 3),
            "turn_index": hit.turn if hit is not None else None,
            "speaker": turn.speaker if turn is not None else None,
            "role": turn.role if turn is not None else None,
            "text": hit.text if hit is not None else "",
            "start_char": hit.start_char if hit is not None else None,
            "end_char": hit.end_char if hit is not None else None,
            "signal": hit.signal if hit is not None else None,
            "entry": " | ".join(hit.entries) if hit is not None else "",
            "detail": detail,
            "related_turn_index": rel_turn,
            "related_text": rel_text,
            "agent_turns": agent_turns,
            "agent_conduct": agent_conduct,
        }

    def agent_turns_after(self, turn: int) -> list[int]:
        return [i for i in self.agent_turns if i > turn]


def run_checks(
    result: "CallResult",
    packs: PackSet | str | Iterable[str | Path],
    *,
    empathy_window: int = 2,
    support_window: int = 5,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Run the checks of ``packs`` over one scored call.

    Args:
        result: a :class:`~tonecheck.scoring.CallResult` (its ``docs`` are the processed turn Docs).
        packs: a :class:`PackSet` from :func:`load_packs`, or what ``load_packs`` takes (``["us", "uk"]``).
        empathy_window: a hardship or distress disclosure counts as met when the agent acknowledges it
            within this many agent turns.
        support_window: a vulnerability disclosure counts as met when acknowledgement and a support step
            have both been given within this many agent turns.

    Returns:
        ``(rows, columns)``: one row per check result (see :data:`CHECK_COLUMNS`) and the call-level
        columns (see :data:`CHECK_CALL_COLUMNS`).
    """
    packs = load_packs(packs)
    call = _Call(result, packs)
    active = packs.checks()
    rows: list[dict[str, Any]] = []
    columns: dict[str, Any] = {name: None for name in CHECK_CALL_COLUMNS}
    state: dict[str, Any] = {}
    for check in active:
        rows.extend(_RUNNERS[check](call, columns, state, empathy_window=empathy_window, support_window=support_window))
    fails = [r for r in rows if r["status"] == "fail"]
    columns["prohibited_pressure_count"] = (
        sum(r["check"] in ("prohibited_statements", "prohibited_pressure", "pressure_after_objection") for r in fails)
        if any(c in active for c in ("prohibited_statements", "prohibited_pressure", "pressure_after_objection"))
        else None
    )
    columns["customer_abuse_count"] = sum(r["check"] == "customer_abuse" for r in fails) if "customer_abuse" in active else None
    columns["checks_failed"] = sum(r["agent_conduct"] for r in fails)
    columns["packs"] = packs.label
    return rows, columns


# Each runner returns its rows and fills its call columns.


def _disclosure(call: _Call, columns: dict, state: dict, **_: Any) -> list[dict[str, Any]]:
    check = "disclosure_given"
    if not call.agent_turns:
        return [call.row(check, "not_applicable", rule=call.packs.rules(check), detail="the call has no agent turns")]
    hits = call.hits("mini_miranda")
    given = [h for h in hits if h.ok]
    if given:
        hit = given[0]
        state["disclosure"] = hit
        columns.update(disclosure_given=True, disclosure_confidence=hit.confidence)
        which = ", ".join(e.rsplit(".", 1)[-1].replace("_", " ") for e in hit.entries)
        return [
            call.row(check, "pass", hit=hit, confidence=hit.confidence,
                     detail=f"mini-Miranda found ({which}), similarity {hit.confidence:.2f}")
        ]
    near = max(hits, key=lambda h: h.confidence, default=None)
    columns.update(disclosure_given=False, disclosure_confidence=near.confidence if near else 0.0)
    if near is not None:
        threshold = min(call.packs.entries[e].threshold for e in near.entries if e in call.packs.entries)
        return [
            call.row(check, "fail", hit=near, confidence=1 - near.confidence,
                     detail=f"no mini-Miranda; closest wording scored {near.confidence:.2f} (threshold {threshold:.2f}): listen")
        ]
    return [call.row(check, "fail", rule=call.packs.rules(check), detail="no mini-Miranda in any agent turn")]


def _identification(call: _Call, columns: dict, state: dict, **_: Any) -> list[dict[str, Any]]:
    check = "caller_identification"
    if not call.agent_turns:
        return [call.row(check, "not_applicable", rule=call.packs.rules(check), detail="the call has no agent turns")]
    names, companies = call.hits("caller_name"), call.hits("company")
    name, company = (names[0] if names else None), (companies[0] if companies else None)
    columns["caller_identified"] = bool(name and company)
    rule = call.packs.rules(check)
    if name and company:
        return [call.row(check, "pass", hit=name, rule=rule, related=company,
                         detail=f"caller named in turn {name.turn}, company in turn {company.turn}")]
    missing = " and ".join(w for w, h in (("the caller's name", name), ("the company's name", company)) if h is None)
    return [call.row(check, "fail", hit=name or company, rule=rule, detail=f"the agent did not give {missing}")]


def _prohibited(check: str, call: _Call, columns: dict, state: dict, **_: Any) -> list[dict[str, Any]]:
    hits = call.hits(*_PROHIBITED[check])
    if not hits:
        return [call.row(check, "pass", rule=call.packs.rules(check), detail="no prohibited wording found")]
    return [
        call.row(check, "fail", hit=h, detail=f"{_PROHIBITED_WORDS[h.signal]}: listen to the call and check the context")
        for h in hits
    ]


def _verified_at(call: _Call) -> tuple[tuple[int, float] | None, Hit | None]:
    """When identity was verified: the customer's answer to a verification question, or the agent saying so."""
    refused_turns = {h.turn for h in call.hits("verification_refused")}
    candidates: list[tuple[tuple[int, float], Hit]] = []
    for request in call.hits("verification_request"):
        answer = next((i for i in range(request.turn + 1, len(call.turns)) if call.turns[i].role == "customer"), None)
        if answer is not None and answer not in refused_turns:
            nxt_agent = next((i for i in call.agent_turns if i > request.turn), None)
            if nxt_agent is None or answer < nxt_agent:
                candidates.append(((answer, math.inf), request))
    for passed in call.hits("verification_passed"):
        candidates.append(((passed.turn, float(passed.start_char)), passed))
    if not candidates:
        return None, None
    return min(candidates, key=lambda c: c[0])


def _verification(call: _Call, columns: dict, state: dict, **_: Any) -> list[dict[str, Any]]:
    check = "verification_before_disclosure"
    verified, evidence = _verified_at(call)
    state["verified"] = (verified, evidence)
    details = call.hits("debt_detail")
    first = details[0] if details else None
    rule = call.packs.rules(check)
    if first is None:
        if verified is None:
            return [call.row(check, "not_applicable", rule=rule, detail="no identity verification and no debt detail")]
        columns["verification_before_disclosure"] = True
        return [call.row(check, "pass", hit=evidence, rule=rule, detail="identity verified; no debt detail given")]
    if verified is None or first.pos < verified:
        columns["verification_before_disclosure"] = False
        when = f"identity verified only in turn {verified[0]}" if verified else "identity never verified"
        return [call.row(check, "fail", hit=first, rule=first.rule or rule, related=evidence,
                         detail=f"debt detail in turn {first.turn} before verification ({when})")]
    columns["verification_before_disclosure"] = True
    return [call.row(check, "pass", hit=evidence, rule=rule, related=first,
                     detail=f"identity verified (turn {verified[0]}) before the first debt detail (turn {first.turn})")]


def _disclosure_order(call: _Call, columns: dict, state: dict, **_: Any) -> list[dict[str, Any]]:
    check = "disclosure_after_verification"
    rule = call.packs.rules("verification_before_disclosure")
    disclosure: Hit | None = state.get("disclosure")
    verified, evidence = state.get("verified", (None, None))
    if disclosure is None:
        return [call.row(check, "not_applicable", rule=rule, detail="no mini-Miranda given")]
    if verified is not None and disclosure.pos > verified:
        columns["disclosure_after_verification"] = True
        return [call.row(check, "pass", hit=disclosure, rule=rule, related=evidence,
                         detail=f"mini-Miranda (turn {disclosure.turn}) after identity verification (turn {verified[0]})")]
    columns["disclosure_after_verification"] = False
    when = f"verification only in turn {verified[0]}" if verified else "identity never verified"
    return [call.row(check, "fail", hit=disclosure, rule=rule, related=evidence,
                     detail=f"mini-Miranda in turn {disclosure.turn} before identity verification ({when}): "
                     "a third party may have heard that this is a debt collection call")]


def _objections(call: _Call, columns: dict, state: dict, **_: Any) -> list[dict[str, Any]]:
    check = "pressure_after_objection"
    pressure = call.hits("collection_pressure")
    rows = []
    for signal in OBJECTIONS:
        hits = call.hits(signal)
        if not hits:
            continue
        objection = hits[0]
        after = [p for p in pressure if p.turn > objection.turn]
        what = _SIGNAL_WORDS[signal]
        rule = objection.rule or call.packs.rules(check, [signal])
        if after:
            p = after[0]
            rows.append(call.row(check, "fail", hit=p, rule=rule, related=objection,
                                 detail=f"collection pressure in turn {p.turn} after the customer {what} in turn "
                                 f"{objection.turn} ({len(after)} instance(s))"))
        else:
            rows.append(call.row(check, "pass", hit=objection, rule=rule,
                                 detail=f"the customer {what}; no collection pressure followed"))
    if not rows:
        rows.append(call.row(check, "not_applicable", rule=call.packs.rules(check, OBJECTIONS),
                             detail="no dispute, bankruptcy, attorney, stop-contact request or capacity concern"))
    return rows


def _by_turn(hits: list[Hit]) -> dict[int, list[Hit]]:
    grouped: dict[int, list[Hit]] = {}
    for h in hits:
        grouped.setdefault(h.turn, []).append(h)
    return grouped


def _vulnerability(call: _Call, columns: dict, state: dict, *, support_window: int, **_: Any) -> list[dict[str, Any]]:
    check = "vulnerability_response"
    disclosures = _by_turn(call.hits(*VULNERABILITY_DRIVERS))
    rule = call.packs.rules(check)
    if not disclosures:
        columns["vulnerability_disclosed"] = False
        return [call.row(check, "not_applicable", rule=rule, detail="no vulnerability disclosed")]
    ack_turns = {h.turn: h for h in reversed(call.hits("acknowledgement"))}
    step_turns = {h.turn: h for h in reversed(call.hits("support_step"))}
    rows, all_met, first_k = [], True, None
    for n, (turn, hits) in enumerate(sorted(disclosures.items())):
        drivers = ", ".join(dict.fromkeys(h.signal.replace("_", " ") for h in hits))
        ack = step = None
        met_k = None
        for k, agent_turn in enumerate(call.agent_turns_after(turn), start=1):
            ack = ack or ack_turns.get(agent_turn)
            step = step or step_turns.get(agent_turn)
            if ack and step:
                met_k = k
                break
        hit = hits[0]
        hit_rule = _join_rules([*(h.rule for h in hits), call.packs.rules(check, ["support_step"])])
        if n == 0:
            first_k = met_k
        if met_k is not None and met_k <= support_window:
            rows.append(call.row(check, "pass", hit=hit, rule=hit_rule, related=step, agent_turns=met_k,
                                 detail=f"{drivers}: acknowledged ('{ack.text}') and a support step ('{step.text}') "
                                 f"within {met_k} agent turn(s)"))
            continue
        all_met = False
        if met_k is not None:
            detail = f"{drivers}: met late, after {met_k} agent turns (window {support_window})"
        elif ack is None and step is None:
            detail = f"{drivers}: missed, no acknowledgement and no support step"
        elif step is None:
            detail = f"{drivers}: acknowledged ('{ack.text}') but no support step (breathing space, hold, signposting)"
        else:
            detail = f"{drivers}: a support step ('{step.text}') but no acknowledgement"
        rows.append(call.row(check, "fail", hit=hit, rule=hit_rule, related=step or ack, agent_turns=met_k, detail=detail))
    columns.update(vulnerability_disclosed=True, vulnerability_acknowledged=all_met, turns_to_acknowledge=first_k)
    return rows


def _empathy(call: _Call, columns: dict, state: dict, *, empathy_window: int, **_: Any) -> list[dict[str, Any]]:
    check = "empathy_where_needed"
    needs = _by_turn(call.hits("distress", *VULNERABILITY_DRIVERS))
    rule = call.packs.rules(check)
    columns["empathy_needed"] = len(needs)
    columns["empathy_missed"] = 0
    if not needs:
        return [call.row(check, "not_applicable", rule=rule, detail="no hardship or distress disclosed: empathy was not needed")]
    ack_turns = {h.turn: h for h in reversed(call.hits("acknowledgement"))}
    rows = []
    answered: set[int] = set()  # agent turns whose acknowledgement answered an earlier need
    for turn, hits in sorted(needs.items()):
        met_k, ack = None, None
        before = [a for a in call.agent_turns if a < turn]
        if before and before[-1] in answered:
            # the same episode: the customer says more right after being acknowledged
            hit = hits[0]
            rows.append(call.row(check, "pass", hit=hit, rule=rule, related=ack_turns[before[-1]], agent_turns=0,
                                 detail="need met: follows straight on from an acknowledged disclosure"))
            continue
        for k, agent_turn in enumerate(call.agent_turns_after(turn), start=1):
            if agent_turn in ack_turns:
                met_k, ack = k, ack_turns[agent_turn]
                break
        hit = hits[0]
        if met_k is not None and met_k <= empathy_window:
            answered.add(ack.turn)
            rows.append(call.row(check, "pass", hit=hit, rule=rule, related=ack, agent_turns=met_k,
                                 detail=f"need met: acknowledged in {met_k} agent turn(s)"))
            continue
        columns["empathy_missed"] += 1
        detail = (f"need met late: acknowledged after {met_k} agent turns (window {empathy_window})"
                  if met_k is not None else "need missed: no acknowledgement in the rest of the call")
        rows.append(call.row(check, "fail", hit=hit, rule=rule, related=ack, agent_turns=met_k, detail=detail))
    return rows


def _abuse(call: _Call, columns: dict, state: dict, **_: Any) -> list[dict[str, Any]]:
    check = "customer_abuse"
    hits = call.hits("abuse", "threat")
    if not hits:
        return [call.row(check, "pass", rule=call.packs.rules(check), agent_conduct=False,
                         detail="no abuse or threats aimed at the agent")]
    return [
        call.row(check, "fail", hit=h, agent_conduct=False,
                 detail=f"customer {h.signal} aimed at the agent: not the agent's fault; the agent may need support")
        for h in hits
    ]


_RUNNERS = {
    "disclosure_given": _disclosure,
    "caller_identification": _identification,
    "prohibited_statements": lambda *a, **k: _prohibited("prohibited_statements", *a, **k),
    "verification_before_disclosure": _verification,
    "disclosure_after_verification": _disclosure_order,
    "pressure_after_objection": _objections,
    "vulnerability_response": _vulnerability,
    "empathy_where_needed": _empathy,
    "prohibited_pressure": lambda *a, **k: _prohibited("prohibited_pressure", *a, **k),
    "customer_abuse": _abuse,
}
assert set(_RUNNERS) == set(CHECK_ORDER) == set(CHECKS) | set(DERIVED_CHECKS)


def checks_frame(rows: Iterable[dict[str, Any]]):
    """Check rows as a DataFrame with :data:`CHECK_COLUMNS` first."""
    from .frames import frame

    return frame(rows, CHECK_COLUMNS)
