"""The grammar rules, small enough to read in one sitting.

Phrases are found by the lexicon matcher; this module decides what needs a little
grammar: whether an agent sentence is a question and of which kind, whether it
is a bare imperative, and (with a parse) whether a negation really governs a
demand. Word lists come from ``lexicons/grammar.yml``; every decision returns
the name of the rule that made it, which ends up in the evidence ``rule`` column.

Tokens are compared by their ``norm_`` (lower case, contractions expanded:
"can't" -> "can" "not", "I’m" -> "i" "am"), so curly apostrophes and ASR
spellings behave like typed text.

Questions
    A *clause start* is the start of the sentence or the token after a comma,
    semicolon, colon or dash, after skipping fillers ("so", "okay", "um").
    At a clause start:

    * ``question.wh``: a wh-word followed (within three tokens) by an auxiliary,
      or by much/many/long/often/soon/far -> open ("how much could you manage").
      A wh-word followed by a subject ("what I'll do is ...") is a statement.
    * ``question.aux``: an auxiliary followed by a subject ("can you", "is that",
      "don't you") -> closed.

    Inside a sentence with no punctuation at all (speech-to-text output), a
    question can start anywhere: an auxiliary followed by you/we/I/they/he/she,
    or a wh-word + auxiliary + subject, starts one (``question.inversion``).
    A sentence that ends in "?" with no such start is closed: a tag question
    (``question.tag``: "..., right?") or a declarative one (``question.declarative``).
    Open invitations from ``lexicons/questions.yml`` ("tell me about", "walk me
    through") make the sentence an open question, whatever its form.

Imperatives
    ``demand.imperative``: a clause that starts (after fillers and "please",
    "just") with a verb from the ``imperative_verbs`` list ("pay the balance
    today") and is not a question. Courtesy phrases (``not_demand`` entries such
    as "bear with me") are never demands. With a parse, a verb from the list that
    is the root or a conjunct, in base form, with no subject, is an imperative
    wherever it stands ("right, well, in that case, pay it today").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

from .lexicon import Lexicon

_CLAUSE_PUNCT = {",", ";", ":", "—", "–", "-", "--", "..."}
_SENT_END = {".", "?", "!"}
#: Subjects that, after an inverted auxiliary, make a question even in a sentence closed by a full stop
#: ("was it Kmart.", "is there more to say."), besides the personal pronouns.
_STRICT_SUBJECTS = frozenset({"it", "that", "there"})
#: A sentence that is only one of these (and "?") asks the speaker to repeat, or checks the listener
#: is following ("Pardon?", "Sorry?", "You know?"): a repair or a discourse marker, not a question.
_NOT_QUESTIONS = frozenset({("what",), ("pardon",), ("huh",), ("sorry",), ("eh",), ("hmm",), ("excuse", "me"),
                            ("you", "know"), ("i", "mean"), ("come", "again"), ("say", "again")})
_WH_FOLLOWERS = {"much", "many", "long", "often", "soon", "far", "about", "else", "kind", "sort", "type"}


@dataclass(frozen=True)
class Grammar:
    """The word lists the rules read, as sets of token norms."""

    wh: frozenset[str]
    aux: frozenset[str]
    subjects: frozenset[str]
    inversion_subjects: frozenset[str]
    fillers: frozenset[str]
    tags: tuple[tuple[str, ...], ...]
    imperative_verbs: frozenset[str]
    negators: frozenset[str]

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon, tokenize) -> "Grammar":
        """Build from a lexicon. ``tokenize`` turns a word list entry into norms (so "don't" -> do, not)."""

        def norms(name: str) -> frozenset[str]:
            out: set[str] = set()
            for word in lexicon.word_list(name):
                toks = tokenize(word)
                if toks:
                    out.add(toks[0])
            return frozenset(out)

        tags = tuple(sorted({tuple(tokenize(w)) for w in lexicon.word_list("tag_questions")}, key=len, reverse=True))
        return cls(
            wh=norms("wh_words"),
            aux=norms("auxiliaries"),
            subjects=norms("subject_pronouns"),
            inversion_subjects=norms("inversion_subjects"),
            fillers=norms("fillers"),
            tags=tags,
            imperative_verbs=frozenset(w.lower() for w in lexicon.word_list("imperative_verbs")),
            negators=frozenset(w.lower() for w in lexicon.word_list("negators")) | {"not", "n't"},
        )


@dataclass(frozen=True)
class Question:
    """A question found in a sentence: token offsets within the sentence, kind and rule."""

    start: int
    end: int
    label: str  # "open_question" | "closed_question"
    rule: str


def _skip(norms: Sequence[str], i: int, skip: frozenset[str]) -> int:
    while i < len(norms) and (norms[i] in skip or norms[i] in _CLAUSE_PUNCT):
        i += 1
    return i


def clause_starts(norms: Sequence[str], fillers: frozenset[str]) -> Iterator[int]:
    """Token indexes where a clause starts, fillers skipped."""
    yield _skip(norms, 0, fillers)
    for i, n in enumerate(norms):
        if n in _CLAUSE_PUNCT and i + 1 < len(norms):
            yield _skip(norms, i + 1, fillers)


def question_at(norms: Sequence[str], i: int, g: Grammar, *, mid: bool = False, strict: bool = False,
                qmark: bool = False) -> tuple[str, str] | None:
    """If a question starts at token ``i``, its (label, rule); else None.

    ``mid`` asks for the stricter test used inside unpunctuated text. ``strict`` asks for
    the same strict test at a clause start (a sentence the writer closed with a full stop,
    or a clause after a comma in a sentence with no "?"): only an inverted auxiliary + a
    personal pronoun ("can you", "what do you") starts a question there. ``qmark``: the
    sentence ends with "?", so an elliptic "are you?" / "was it?" is a question too.
    """
    n = len(norms)
    if i >= n:
        return None
    word = norms[i]
    nxt = norms[i + 1] if i + 1 < n else ""
    if word in g.wh:
        if mid or strict:
            # wh + aux + subject ("what can you manage"), or wh + much/long + aux ("how much do you")
            j = i + 1 + (nxt in _WH_FOLLOWERS)
            if j + 1 < n and norms[j] in g.aux and norms[j + 1] in g.inversion_subjects:
                return "open_question", "question.inversion"
            return None
        for j in range(i + 1, min(i + 4, n)):
            if norms[j] in g.aux or norms[j] == "'s":
                return "open_question", "question.wh"
            if norms[j] in g.subjects or norms[j] in _SENT_END or norms[j] in _CLAUSE_PUNCT:
                break
        if nxt in _WH_FOLLOWERS:
            return "open_question", "question.wh"
        return None
    if word in g.aux:
        j = i + 1
        if j < n and norms[j] == "not":  # "don't you", "can't we"
            j += 1
        subjects = g.inversion_subjects if mid else _STRICT_SUBJECTS | g.inversion_subjects if strict else g.subjects
        if j < n and norms[j] in subjects:
            if j + 1 < n and norms[j + 1] not in _SENT_END | _CLAUSE_PUNCT:
                return "closed_question", "question.inversion" if mid else "question.aux"
            # elliptic "are you?", "was it," (but "so am I", "neither do we" are statements)
            if qmark and not mid and norms[j] in (g.inversion_subjects | _STRICT_SUBJECTS) - {"i", "we"}:
                return "closed_question", "question.aux"
    return None


def _ends_with_tag(norms: Sequence[str], g: Grammar) -> bool:
    """"..., right?" / "..., isn't it": a statement of at least two words, a comma, a tag.

    A tag after a bare filler ("Oh, okay.", "Um, yeah.") is an acknowledgement, not a question.
    """
    body = [x for x in norms if x not in _SENT_END]
    for tag in g.tags:
        k = len(tag)
        if len(body) > k and tuple(body[-k:]) == tag and body[-k - 1] in _CLAUSE_PUNCT:
            content = [x for x in body[: -k - 1] if x not in g.fillers and x not in _CLAUSE_PUNCT and x.isalnum()]
            return len(content) >= 2
    return False


def _wh_position(norms: Sequence[str], g: Grammar) -> int | None:
    """Index of a wh-word that opens the sentence (after fillers) or closes it ("for what?"), else None."""
    i = _skip(norms, 0, g.fillers | {"like"})
    if i < len(norms) and norms[i] in g.wh:
        return i
    body = [k for k, x in enumerate(norms) if x not in _SENT_END]
    if body and norms[body[-1]] in g.wh:
        return body[-1]
    return None


def find_questions(norms: Sequence[str], g: Grammar, *, unpunctuated: bool, open_cues: Sequence[tuple[int, int, str]] = (),
                   closed_cues: Sequence[tuple[int, int, str]] = ()) -> list[Question]:
    """Questions in one sentence, given its token norms.

    ``open_cues``/``closed_cues`` are (start, end, rule) lexicon hits inside the sentence.
    Punctuated sentences hold at most one question (the first start decides its
    kind); unpunctuated ones may hold several, each running to the next.
    """
    n = len(norms)
    if n == 0:
        return []
    has_qmark = "?" in norms
    words = tuple(x for x in norms if x.isalnum() and x not in ("uh", "um", "oh", "er", "erm"))
    if words in _NOT_QUESTIONS:
        return []
    last = next((x for x in reversed(norms) if x.strip()), "")
    # A sentence the writer closed with a full stop is a statement unless it starts with a strong
    # question form ("can you", "what do you"); a clause after a comma starts a question only in a
    # sentence with a "?" (otherwise "..., which is" / "..., is the argument" are statements).
    full_stop = not unpunctuated and last in (".", "!") and not has_qmark
    starts: list[tuple[int, str, str]] = []
    first_start = True
    for i in clause_starts(norms, g.fillers):
        found = question_at(norms, i, g, strict=full_stop or (not first_start and not has_qmark),
                            qmark=has_qmark or last in _CLAUSE_PUNCT or (not unpunctuated and last not in _SENT_END))
        first_start = False
        if found:
            starts.append((i, *found))
            break
    if unpunctuated:
        first = starts[0][0] if starts else n
        for i in range(1, n - 1):
            if i == first:
                continue
            prev = norms[i - 1]
            if prev in g.wh or prev in ("if", "than", "as", "so", "nor", "neither", "that", "to"):
                continue
            # an auxiliary straight after a subject belongs to it ("we DO we", "you 're you 're",
            # "i don't i don't": a restart, not an inversion); "had you know" is the filler "you know"
            if prev in g.subjects or prev in g.inversion_subjects:
                continue
            if norms[i] not in ("do", "does", "did") and tuple(norms[i + 1 : i + 3]) in (("you", "know"), ("i", "mean")):
                continue
            found = question_at(norms, i, g, mid=True)
            if found:
                starts.append((i, *found))
        starts.sort()
        # drop a start that falls inside the three tokens of the one before ("how much DO YOU")
        pruned: list[tuple[int, str, str]] = []
        for s in starts:
            if not pruned or s[0] - pruned[-1][0] > 3:
                pruned.append(s)
        starts = pruned
    if open_cues:
        cue_start, _, cue_rule = open_cues[0]
        if not starts or not unpunctuated:
            begin = starts[0][0] if starts and starts[0][0] <= cue_start else _skip(norms, 0, g.fillers)
            return [Question(begin, n, "open_question", cue_rule)]
        # the invitation decides the kind of the question it stands in (or starts a new one)
        near = [k for k, st in enumerate(starts) if st[0] <= cue_start and cue_start - st[0] <= 6]
        if near:
            k = near[-1]
            starts[k] = (starts[k][0], "open_question", cue_rule)
        else:
            starts.append((cue_start, "open_question", cue_rule))
            starts.sort()
    if not starts:
        if has_qmark:
            begin = _skip(norms, 0, g.fillers)
            if closed_cues:
                return [Question(begin, n, "closed_question", closed_cues[0][2])]
            wh = _wh_position(norms, g)
            if wh is not None:  # "Which one?", "What state?", "Where at?", "for what?"
                return [Question(min(begin, wh), n, "open_question", "question.wh")]
            rule = "question.tag" if _ends_with_tag(norms, g) else "question.declarative"
            return [Question(begin, n, "closed_question", rule)]
        if not full_stop and _ends_with_tag(norms, g):
            return [Question(_skip(norms, 0, g.fillers), n, "closed_question", "question.tag")]
        return []
    if not unpunctuated:
        start, label, rule = starts[0]
        if closed_cues and label == "closed_question":
            rule = closed_cues[0][2]
        return [Question(start, n, label, rule)]
    out = []
    for k, (start, label, rule) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else n
        out.append(Question(start, end, label, rule))
    return out


def imperative_start(norms: Sequence[str], g: Grammar, skip: frozenset[str]) -> Iterator[int]:
    """Token indexes of clause-initial verbs from the imperative list (fast rule)."""
    for i in clause_starts(norms, g.fillers | skip):
        if i < len(norms) and norms[i] in g.imperative_verbs:
            nxt = norms[i + 1] if i + 1 < len(norms) else ""
            # "pay day", "make sure you're ok" are not pressure; a verb needs an object or particle after it
            if nxt and nxt not in _SENT_END and nxt not in ("day", "slip", "packet", "rise"):
                yield i


# --------------------------------------------------------------------------- parse-based checks
# These take tokens of a sentence parsed by the trained pipeline (tag_, dep_, head).


def is_imperative_token(tok, g: Grammar) -> bool:
    """A base-form verb from the imperative list that heads its clause with no subject."""
    if tok.lower_ not in g.imperative_verbs and tok.lemma_.lower() not in g.imperative_verbs:
        return False
    if tok.tag_ != "VB" or tok.dep_ not in ("ROOT", "conj", "ccomp"):
        return False
    if tok.dep_ == "conj" and tok.head.tag_ != "VB":
        return False
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass", "expl") or (child.dep_ in ("aux", "auxpass") and child.lower_ != "do"):
            return False
        if child.dep_ == "aux" and child.lower_ == "do":  # "do pay it", fine; "don't pay" is handled as negation
            continue
    return True


def governing_negation(span_root, g: Grammar):
    """The negation token that governs ``span_root`` (on it or one of its verb ancestors), or None.

    "I'm NOT saying you have to pay": "not" hangs on "saying", an ancestor of "have" -> governed.
    "If you DON'T pay, we'll have to act": "n't" hangs on "pay", a dependant of "have" -> not governed.
    """
    tok = span_root
    for _ in range(6):
        for child in tok.children:
            if child.dep_ == "neg" or (child.lower_ in g.negators and child.dep_ in ("neg", "advmod", "det")):
                return child
        if tok.dep_ in ("advcl", "relcl", "ROOT") or tok.head is tok:
            return None
        tok = tok.head
    return None
