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
    A negative tag ("..., isn't it", "... don't you") is a question even before a
    full stop; "I don't know if you ..." is an indirect one (``question.indirect``).
    Open invitations from ``lexicons/questions.yml`` ("tell me about", "walk me
    through") make the sentence an open question, whatever its form.

    Not questions: an auxiliary that does not agree with its subject or is followed
    by the subject's own verb ("the problem IS I work nights", "the thing is HE WAS
    ill"); reported speech ("he said, can you pay"); a relative "which is", a
    pseudo-cleft ("what happens is ..."), "why don't you ..." with no "?" (a
    suggestion), "..., is that ..." finishing a statement; "..., you know?" and
    repairs ("Pardon?"). Words said twice ("where where are you") count once.

Imperatives
    ``demand.imperative``: a clause that starts (after fillers and "please",
    "just") with a verb from the ``imperative_verbs`` list ("pay the balance
    today") and is not a question. Courtesy phrases (``not_demand`` entries such
    as "bear with me") are never demands. With a parse, a verb from the list that
    is the root, in base form, with no subject, is an imperative wherever it stands
    ("right, well, in that case, pay it today"), and so is its conjunct ("sort it
    out and pay it"), but not the conjunct of a verb that has a subject or hangs on
    one ("you'll need to sign the form and send it back").

Own experience, and facts about the account (an entry's ``unless``)
    ``empathy.own_experience`` and ``empathy.own_experience_*`` entries (``lexicons/empathy.yml``) find the agent relating
    something they have lived ("when I lost my job", "I was in debt for years", "my mum
    went through the same"). An agent also says "I" all through the call about the call
    itself ("I sent you a letter", "I was calling about your balance", "when I checked the
    account"), so these entries carry ``unless: process_talk``: a hit counts only in a
    sentence with no word from the ``listener_words`` and ``process_words`` lists ("you",
    "account", "letter", "balance", "manager", ...): :func:`about_process`.
    The understanding entries ("I understand", "I can see how", "I had the same") carry
    ``unless: account_talk``: a hit does not count when the rest of its clause states a fact
    about the account or the call with no feeling named ("I understand you called
    yesterday", "I can see how the charges add up"): :func:`about_account`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Sequence

from .lexicon import Lexicon

_CLAUSE_PUNCT = {",", ";", ":", "—", "–", "-", "--", "..."}
_SENT_END = {".", "?", "!"}
#: Subjects that, after an inverted auxiliary, make a question even in a sentence closed by a full stop
#: ("was it Kmart.", "is there more to say."), besides the personal pronouns.
_STRICT_SUBJECTS = frozenset({"it", "that", "there"})
#: After "is it" / "is that" / "is there" in the middle of unpunctuated speech, the words that make it a check
#: ("is it okay if", "is that your only income", "is there anything else"): see :func:`question_at`.
_MID_CHECKS = frozenset({"okay", "ok", "alright", "correct", "possible", "your", "anything", "anyone", "anybody",
                         "something", "someone", "somebody"})
#: Words that end a noun phrase before any verb of its own ("your only income OR ...", "your name FOR the ...").
_NP_ENDS = frozenset({"or", "and", "if", "for", "to", "with", "on", "in", "at", "from", "of", "please", "right"})
#: In the middle of unpunctuated speech, a modal before one of these asks ("... WOULD THE 17th work for you").
_MODAL_ASKS = frozenset({"would", "could", "can", "will"})
_DETERMINERS = frozenset({"the", "your", "a", "an", "any", "this"})
#: Pronouns that may be the object ending a clause: "... for YOU is it okay if", "... line it up with IT is it okay";
#: before a modal only after a preposition ("... for YOU would the 13th work": but "you can any ..." is a subject).
_PREPOSITIONS = frozenset({"for", "to", "with", "at", "from", "about", "on", "of", "by", "without"})
_OBJECT_PRONOUNS = frozenset({"you", "it", "them", "me", "us", "him", "her"})
#: Nouns a clause runs on from through "is" ("the thing is that your ...", "the problem is there's ..."): no question.
_CLAUSE_NOUNS = frozenset({"thing", "things", "problem", "point", "reason", "trouble", "fact", "question", "idea", "issue",
                           "difference", "catch", "truth", "worry", "answer", "plan", "hope", "chance", "risk", "rule"})
#: A sentence that is only one of these (and "?") asks the speaker to repeat, or checks the listener
#: is following ("Pardon?", "Sorry?", "You know?"): a repair or a discourse marker, not a question.
_NOT_QUESTIONS = frozenset({("what",), ("pardon",), ("huh",), ("sorry",), ("eh",), ("hmm",), ("excuse", "me"),
                            ("pardon", "me"), ("beg", "your", "pardon"), ("i", "beg", "your", "pardon"),
                            ("you", "know"), ("i", "mean"), ("come", "again"), ("say", "again")})
_WH_FOLLOWERS = {"much", "many", "long", "often", "soon", "far", "about", "else", "kind", "sort", "type"}
#: Inverted auxiliaries agree with their subject: "is you", "does they", "are he", "am she" are not
#: inversions but a clause running on ("the problem is I work nights", "what I do is we meet").
_NOT_AFTER = {
    "is": frozenset({"i", "you", "we", "they"}), "does": frozenset({"i", "you", "we", "they"}),
    "has": frozenset({"i", "you", "we", "they"}), "was": frozenset({"you", "we", "they"}),
    "are": frozenset({"i", "he", "she", "it", "that", "this"}), "were": frozenset({"he", "she", "it", "that", "this"}),
    "do": frozenset({"he", "she", "it", "that", "this"}), "have": frozenset({"he", "she", "it", "that", "this"}),
}
#: A finite verb straight after "aux + subject" means the subject has its own verb: "the thing is HE WAS
#: ill", "the problem is SHE'S away" are statements (a question goes on "is he ill", "is she away").
_FINITE = frozenset({"is", "are", "was", "were", "am", "'s", "'re", "'m", "will", "would", "can", "could", "should",
                     "shall", "must", "may", "might", "does", "did", "has", "'ll", "'d"})
_BE = frozenset({"is", "was", "'s"})
#: After "be"/"have" + subject a question goes on with a participle, an adjective or a noun, never with
#: one of these base forms: "was I THINK probably", "have I GUESS", "are they MAKE sure" run on statements.
_BASE_VERBS = frozenset({"think", "guess", "mean", "know", "say", "suppose", "believe", "want", "need", "go", "get",
                         "do", "see", "feel", "take", "give", "tell", "find", "try", "make", "let", "keep"})
_MODALS = frozenset({"will", "would", "can", "could", "should", "shall", "might", "may", "must", "'d", "'ll"})
_ADVERBS = frozenset({"always", "usually", "really", "just", "still", "also", "even", "actually", "often", "sometimes",
                      "normally", "generally", "probably"})
_BE_HAVE = frozenset({"is", "are", "was", "were", "am", "have", "has", "had"})
#: Wh-words that open a subordinate clause as often as a question ("when she was little", "where I work
#: is ..."): as a question the auxiliary comes straight after them ("when did you", "where's that").
_TIGHT_WH = frozenset({"when", "where", "who"})
#: In the middle of unpunctuated speech, wh + "is/are/was/were" + "your" asks about the listener ("... WHEN IS YOUR
#: next pay day"), except after a word that takes a wh-clause ("i know what is your ...", "ask them when is your ...").
_WH_BE_ASKS = frozenset({"what", "when", "where", "how"})
_BE_ASKS = frozenset({"is", "are", "was", "were"})
_TAKES_WH = frozenset({"know", "knows", "knew", "see", "saw", "tell", "told", "ask", "asked", "wonder", "wondered",
                       "wondering", "'s", "is", "was", "about", "of", "on", "in", "at", "for", "remember", "understand",
                       "explain", "show", "figure", "decide", "sure", "idea", "matter", "depends", "depend", "care",
                       "mean", "like", "guess", "think", "find", "out", "learn", "check", "say", "says", "said",
                       "forget", "forgot", "matters", "exactly", "what", "from", "to", "no", "clue", "realise",
                       "realize", "notice", "noticed", "discuss", "talk", "talking", "hear", "heard", "read"})
#: Between "of" and the noun of a wh-phrase ("what day of THE month", "which part of YOUR letter")
_OF_DETERMINERS = frozenset({"the", "a", "an", "your", "my", "our", "this", "that", "these", "those", "their", "his", "her"})
#: Hesitations that may stand between an inverted auxiliary + subject and the rest of the question
#: ("are you, uh, fluent in French").
_HESITATIONS = frozenset({"uh", "um", "er", "erm", "hmm", "oh", "like"})
#: Verbs that introduce reported speech or thought: "he said, can you pay" reports someone else's question.
_SPEECH_VERBS = frozenset({"said", "says", "asked", "asks", "told", "tells", "goes", "thought", "wondered"})
_OBJECTS = frozenset({"me", "him", "her", "them", "us", "you"})
_PERSONAL = frozenset({"i", "you", "we", "they", "he", "she"})
_TAG_SUBJECTS = frozenset({"it", "that", "there", "they", "you", "he", "she", "we", "i"})
#: "I don't know if you ...": an indirect yes/no question put to the listener.
_INDIRECT = (("i", "do", "not", "know", "if"), ("i", "do", "not", "know", "whether"))
_LISTENER = frozenset({"you", "your"})


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
    #: the account and the call ("account", "letter", "called"): see :func:`vetoed`
    process_words: frozenset[str] = frozenset()
    #: the listener ("you", "your"): with ``process_words``, see :func:`about_process`
    listener_words: frozenset[str] = frozenset()
    #: feelings and hardship ("worried", "stressful", "hard"): see :func:`vetoed`
    feeling_words: frozenset[str] = frozenset()
    #: words of a company's name ("ltd", "inc", "partners"): see :func:`in_company_name`
    company_words: frozenset[str] = frozenset()
    #: the legal forms that end a registered company's name ("ltd", "plc"): see :func:`in_company_name`
    legal_forms: frozenset[str] = frozenset()
    #: verbs after "why don't you" that ask a reason ("why don't you trust us?"): see :func:`_suggestion`
    reason_verbs: frozenset[str] = frozenset()
    #: small talk ("traffic", "weather", "laptop"): see :func:`vetoed`
    small_talk_words: frozenset[str] = frozenset()
    #: taking payment details ("card", "digits", "expiry", "pen"): see :func:`vetoed`
    payment_detail_words: frozenset[str] = frozenset()
    #: hedges and fillers ("really", "actually", "been") that a condition named in an entry's ``step_over``
    #: reads past: see :class:`tonecheck.components.Neighbours`
    step_over_words: frozenset[str] = frozenset()
    #: asides after which a new clause starts ("in that case", "to be fair", "i mean"), as norm tuples, longest
    #: first: see :func:`imperative_start`
    openers: tuple[tuple[str, ...], ...] = ()
    #: words that explain the term before them ("means", "is basically"), as norm tuples, longest first: a
    #: jargon term the agent explains on the spot is not counted (:func:`explanation_after`)
    explanations: tuple[tuple[str, ...], ...] = ()
    #: the first words of ``openers`` (derived): one set test tells whether a sentence may hold one
    opener_words: frozenset[str] = field(init=False, default=frozenset())
    #: the last words of the ``openers`` of two or more words (derived): see :func:`_opener_before`
    opener_last_words: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        object.__setattr__(self, "opener_words", frozenset(p[0] for p in self.openers))
        object.__setattr__(self, "opener_last_words", frozenset(p[-1] for p in self.openers if len(p) > 1))

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

        def phrases(name: str) -> tuple[tuple[str, ...], ...]:
            """A word list of phrases as norm tuples, longest first (a phrase is tried before a shorter one it starts with)."""
            return tuple(sorted({tuple(tokenize(w)) for w in lexicon.word_list(name)}, key=len, reverse=True))

        return cls(
            wh=norms("wh_words"),
            aux=norms("auxiliaries"),
            subjects=norms("subject_pronouns"),
            inversion_subjects=norms("inversion_subjects"),
            fillers=norms("fillers"),
            tags=phrases("tag_questions"),
            imperative_verbs=frozenset(w.lower() for w in lexicon.word_list("imperative_verbs")),
            negators=negator_words(lexicon),
            process_words=norms("process_words"),
            listener_words=norms("listener_words"),
            feeling_words=norms("feeling_words"),
            company_words=frozenset(w.lower() for w in lexicon.word_list("company_words")),
            legal_forms=frozenset(w.lower() for w in lexicon.word_list("legal_forms")),
            reason_verbs=norms("reason_verbs"),
            small_talk_words=norms("small_talk_words"),
            payment_detail_words=norms("payment_detail_words"),
            step_over_words=norms("step_over_words"),
            openers=phrases("clause_openers"),
            explanations=phrases("explanations"),
        )


def negator_words(lexicon: Lexicon) -> frozenset[str]:
    """The ``negators`` word list, lower-cased, with "not" and "n't" (what the parse reads as a negation)."""
    return frozenset(w.lower() for w in lexicon.word_list("negators")) | {"not", "n't"}


@dataclass(frozen=True)
class Question:
    """A question found in a sentence: token offsets within the sentence, kind and rule."""

    start: int
    end: int
    label: str  # "open_question" | "closed_question"
    rule: str


def _skip(norms: Sequence[str], i: int, skip: frozenset[str]) -> int:
    """The first token from ``i`` that is not in ``skip`` or clause punctuation; a word said twice
    ("where where are you", "do do you") counts once, from its second saying."""
    n = len(norms)
    while i < n:
        if norms[i] in skip or norms[i] in _CLAUSE_PUNCT or (i + 1 < n and norms[i + 1] == norms[i] and norms[i].isalpha()):
            i += 1
        elif i + 3 < n and norms[i] == norms[i + 2] and norms[i + 1] == norms[i + 3] and norms[i].isalpha():
            i += 2  # "is that is that good", "are you are you going"
        else:
            break
    return i


def clause_starts(norms: Sequence[str], fillers: frozenset[str]) -> Iterator[int]:
    """Token indexes where a clause starts, fillers skipped."""
    yield _skip(norms, 0, fillers)
    for i, n in enumerate(norms):
        if n in _CLAUSE_PUNCT and i + 1 < len(norms):
            yield _skip(norms, i + 1, fillers)


def question_at(norms: Sequence[str], i: int, g: Grammar, *, mid: bool = False, strict: bool = False,
                qmark: bool = False, has_qmark: bool = False) -> tuple[str, str] | None:
    """If a question starts at token ``i``, its (label, rule); else None.

    ``mid`` asks for the stricter test used inside unpunctuated text. ``strict`` asks for
    the same strict test at a clause start (a sentence the writer closed with a full stop,
    or a clause after a comma in a sentence with no "?"): only an inverted auxiliary + a
    personal pronoun ("can you", "what do you") starts a question there. ``qmark``: the
    sentence may end in an elliptic question ("are you?" / "was it,"). ``has_qmark``: the
    sentence holds a "?".
    """
    n = len(norms)
    if i >= n:
        return None
    word = norms[i]
    nxt = norms[i + 1] if i + 1 < n else ""
    if word in g.wh:
        if word == "why" and _suggestion(norms, i, g):
            # "Why not pay something today?", "Why don't we set up a plan?": a suggestion put as a question, which
            # asks for a yes or a no; "why don't you go first" with no "?" is a suggestion, not a question
            return ("closed_question", "question.suggestion") if has_qmark and not mid else None
        if word == "how" and nxt == "about" and tuple(norms[i + 2 : i + 3]) == ("that",) and (
            i + 3 >= n or norms[i + 3] in _SENT_END | _CLAUSE_PUNCT
        ):
            return None  # "How about that." is an exclamation
        if i > 0 and norms[i - 1] in ("and", "or") and tuple(norms[i : i + 3]) == ("what", "have", "you"):
            return None  # "... and what have you": "and so on"
        if not has_qmark and not mid:
            if word == "which" and nxt in _BE:
                return None  # "..., which is a joke": a relative clause, not a question
            if word == "what" and _pseudo_cleft(norms, i, g):
                return None  # "what happens is ...", "what's bad is that ...": a statement
        if mid or strict:
            # wh + aux + subject ("what can you manage"), or wh + much/long + aux ("how much do you"), or a wh-phrase
            # through "of" + aux ("what sort of figure could you"); "hows she", "whats he" typed without the apostrophe
            j = i + 1 + (nxt in _WH_FOLLOWERS)
            k = _of_phrase_verb(norms, i)
            if k is not None and norms[k] in g.aux:
                j = k
            verb = norms[j] if j < n else ""
            if (j + 1 < n and norms[j + 1] in g.inversion_subjects
                    and (verb in g.aux or (j == i + 1 and verb in ("'s", "s"))) and _inverted(norms, j, j + 1)):
                return "open_question", "question.inversion"
            if (mid and j == i + 1 and j + 1 < n and (i == 0 or norms[i - 1] not in _TAKES_WH) and (
                    (word in _WH_BE_ASKS and (verb in _BE_ASKS or verb == "'s") and norms[j + 1] == "your")
                    or (word == "what" and verb in ("would", "could", "will") and norms[j + 1] == "be"))):
                # "... on this account WHEN IS YOUR next pay day", "... WHAT'S YOUR income", "... this month WHAT
                # WOULD BE a realistic amount" (but "i know what is your problem", "figure out what would be
                # fair": a wh-clause after a verb that takes one)
                return "open_question", "question.inversion"
            if strict and not mid and nxt == "about":  # "What about your wife." / "How about you."
                return "open_question", "question.wh"
            return None
        reach = min(i + 4, n)
        k = _of_phrase_verb(norms, i)
        if k is not None and (norms[k] in g.aux or norms[k] == "'s"):
            return "open_question", "question.wh"
        if word in _TIGHT_WH:  # "where in Dallas are you", "who else is coming"
            reach = min(i + 2 + (nxt in ("else", "exactly", "all")) + 2 * (nxt in ("in", "on", "at")), n)
        if nxt == "s":  # "whats", "hows" typed without the apostrophe
            return "open_question", "question.wh"
        for j in range(i + 1, reach):
            if norms[j] in g.aux or norms[j] == "'s":
                return "open_question", "question.wh"
            if norms[j] in g.subjects or norms[j] in _SENT_END or norms[j] in _CLAUSE_PUNCT:
                break
        if nxt in _WH_FOLLOWERS:
            if not has_qmark and nxt in ("kind", "sort", "type") and any(x in g.inversion_subjects for x in norms[i + 3 : i + 5]):
                return None  # "what kind of people they are": an embedded clause
            return "open_question", "question.wh"
        return None
    if word in g.aux:
        j = i + 1
        if j < n and norms[j] == "not":  # "don't you", "can't we"
            j += 1
        if mid and _mid_check(norms, i):
            # in the middle of unpunctuated speech: "... IS IT OKAY if I ask", "... IS THAT YOUR only income", "... IS
            # THERE ANYTHING else" ("the thing is that your ..." runs on: a noun before "is")
            return "closed_question", "question.inversion"
        if mid and _modal_ask(norms, i):
            # "... while you get some advice WOULD THE 17TH of each month work for you"
            return "closed_question", "question.inversion"
        subjects = g.inversion_subjects if mid else _STRICT_SUBJECTS | g.inversion_subjects if strict else g.subjects
        if j < n and norms[j] in subjects:
            if not _inverted(norms, i, j):
                return None
            k = j + 1
            if k < n and norms[k] not in _SENT_END | _CLAUSE_PUNCT:
                return "closed_question", "question.inversion" if mid else "question.aux"
            # elliptic "are you?", "was it," (but "so am I", "neither do we" are statements)
            if qmark and not mid and norms[j] in (g.inversion_subjects | _STRICT_SUBJECTS) - {"i", "we"}:
                return "closed_question", "question.aux"
            # "are you, uh, fluent in French", "do you, you think so": the question goes on after a hesitation
            if not mid and k < n and norms[k] in _CLAUSE_PUNCT and (i == 0 or norms[i - 1] not in ("so", "neither", "nor")):
                m = k
                while m < n and (norms[m] in _CLAUSE_PUNCT or norms[m] in _HESITATIONS):
                    m += 1
                if m < n and norms[m] not in _SENT_END and norms[m] not in g.fillers:
                    return "closed_question", "question.aux"
    return None


#: The fillers after which a wh-word that is its clause's subject starts a question in speech-to-text ("okay SO
#: what's been happening"); after "and", "well", "uh" it is as often an embedded clause ("about uh what's going on").
_WH_OPENERS = frozenset({"so", "okay", "ok", "right", "alright"})
#: Past verbs a wh-word asks with as its subject: "so WHAT HAPPENED", "okay so WHAT CHANGED".
_WH_PAST = frozenset({"happened", "changed", "went", "caused", "brought", "prompted"})
#: Adjectives in -ing after "what's": "and what's INTERESTING about it is ..." is no question.
_ING_ADJECTIVES = frozenset({"interesting", "amazing", "annoying", "frustrating", "worrying", "confusing", "surprising",
                             "exciting", "boring", "embarrassing", "upsetting", "depressing", "encouraging", "concerning"})


def _wh_subject_question(norms: Sequence[str], i: int) -> bool:
    """A wh-word that is its question's subject, after "so"/"okay" in the middle of speech-to-text: "so WHAT'S BEEN
    HAPPENING", "okay so WHAT HAPPENED with work" ("who's" is left out: as often a relative, "my daughter now
    who's saying"). Not when "is"/"was" follows the wh-clause ("so what happened was ...", "what's been going on
    is ..."): that is a statement."""
    n = len(norms)
    k = i + 1
    if norms[i] not in ("what", "how", "where") or k + 1 > n:
        return False
    if k + 1 < n and norms[k] in ("'s", "has", "have") and (
            norms[k + 1] == "been" or (norms[k + 1].endswith("ing") and norms[k + 1] not in _ING_ADJECTIVES)):
        end = k + 2
        if norms[k + 1] == "been" and end < n and norms[end].endswith("ing"):
            end += 1
    elif norms[k] in _WH_PAST:
        end = k + 1
    else:
        return False
    return not (end < n and norms[end] in _BE | {"was", "were"})


#: The auxiliaries a wh-question asks about a noun phrase with: "and what ARE the big things going out".
_WH_NP_AUX = frozenset({"is", "are", "was", "were", "'s", "does", "did", "would", "could", "will"})
#: What opens that noun phrase (a determiner or a number): "what are THE main bills", "how would FOUR hundred sit".
_NP_STARTS = frozenset({"the", "your", "a", "an", "this", "that", "these", "those", "my", "our", "his", "her", "their",
                        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty",
                        "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred"})
#: Verbs a wh-word asks with as the subject of a modal: "so WHAT WOULD FEEL manageable for you".
_WH_MODAL_VERBS = frozenset({"feel", "work", "help", "suit", "be", "make"})


def _wh_noun_phrase_question(norms: Sequence[str], i: int) -> bool:
    """A wh-word + an auxiliary + a noun phrase at ``i`` ("so WHAT DOES A normal week look like", "and WHAT ARE THE
    big things going out each month"), or a wh-word that is a modal's subject ("so WHAT WOULD FEEL manageable for
    you"), after "so"/"okay"/"right"/"and" in the middle of speech-to-text. Not when "is"/"was" follows the
    wh-clause's verb ("so what would happen is ...": a statement), nor "what's more"."""
    n = len(norms)
    if norms[i] not in _WH_BE_ASKS | {"which", "who"} or i + 2 >= n:
        return False
    verb, after = norms[i + 1], norms[i + 2]
    if verb in _WH_NP_AUX and (after in _NP_STARTS or after.isdigit()):
        return True
    return (norms[i] == "what" and verb in ("would", "could", "might") and after in _WH_MODAL_VERBS
            and not (i + 3 < n and norms[i + 3] in _BE | {"was", "were"}))


#: What follows "so can we get ..." in a question ("so can we GET the past-due amount taken care of today"), as
#: against "so can we" / "so do i" (= "we can too", "me too").
_SO_ASK_MODALS = frozenset({"can", "could", "shall", "would", "will"})


def _so_ask(norms: Sequence[str], i: int) -> bool:
    """"so" + a modal + "we"/"you" + a verb and at least one more word, in the middle of speech-to-text: "... SO CAN
    WE GET the past-due amount taken care of today", "... so shall we look at a lower payment". Not "so can we"
    or "so do I" ("we can too", "me too") nor "so would you in that case" (no verb after the subject)."""
    return (norms[i] in _SO_ASK_MODALS and i + 3 < len(norms) and norms[i + 1] in ("we", "you")
            and norms[i + 2].isalpha() and norms[i + 2] not in _PREPOSITIONS and norms[i + 2] not in _ADVERBS
            and norms[i + 2] not in ("too", "as", "so", "not", "and", "but", "or", "if", "then", "know", "mean", "in"))


def _modal_ask(norms: Sequence[str], i: int) -> bool:
    """A modal + a determiner at ``i``, put to the listener: "WOULD THE 17TH of each month work for you". A modal
    has no determiner after it in a statement; the listener must be named in the next eight words ("how bad could
    this problem really be", "more can the kid write": embedded, about someone else)."""
    return (norms[i] in _MODAL_ASKS and i + 3 < len(norms) and norms[i + 1] in _DETERMINERS
            and not _LISTENER.isdisjoint(norms[i + 2 : i + 10]))


def _mid_check(norms: Sequence[str], i: int) -> bool:
    """"is it okay" / "is that your" / "is there anything" at ``i`` (not after a noun a clause runs on from, nor
    "is that your account is ...", where "that" opens a clause with its own verb)."""
    return (norms[i] in ("is", "was") and i + 2 < len(norms) and norms[i + 1] in _STRICT_SUBJECTS
            and norms[i + 2] in _MID_CHECKS and (i == 0 or norms[i - 1] not in _CLAUSE_NOUNS)
            and not (norms[i + 1] == "that" and _clause_verb_after(norms, i + 3)))


def _clause_verb_after(norms: Sequence[str], k: int) -> bool:
    """A finite verb within the four words from ``k``, before any "or"/"and"/preposition: "(the reason for my call
    today is that your) ACCOUNT IS in arrears" (but "is that your only income OR is there ...")."""
    for w in norms[k : k + 4]:
        if w in _NP_ENDS:
            return False
        if w in _FINITE and w != "'s":  # "your partner's income": a possessive, not "is"
            return True
    return False


def _inverted(norms: Sequence[str], i: int, j: int) -> bool:
    """Auxiliary ``norms[i]`` + subject ``norms[j]`` read as an inversion: they agree ("is he", not "is I")
    and the subject has no finite verb of its own straight after it ("the thing is he WAS ill")."""
    if norms[i] == "am":
        if norms[j] != "i":
            return False
    elif norms[j] in _NOT_AFTER.get(norms[i], ()):
        return False
    if norms[i] in ("have", "had") and norms[j] == "a":
        return False  # "have a good day", "had a good time"
    if norms[i] in _BE and norms[j] == "that" and j + 2 < len(norms):
        # "the reason is that SHE was ill", "the point is that PEOPLE ARE ...": "that" starts a clause
        if norms[j + 1] in _PERSONAL or norms[j + 2] in _FINITE:
            return False
    if j + 1 < len(norms):
        after = norms[j + 1]
        if j + 2 < len(norms) and (after in _FINITE or after in ("do", "have")) and (
            norms[j + 2] in _PERSONAL | _STRICT_SUBJECTS or (after != norms[i] and norms[j + 2] in ("your", "the"))
        ):
            return True  # a question restarted: "have you ARE YOU a fan", "do you DOES YOUR wife"
        if after in _FINITE or (after in ("do", "does", "did") and tuple(norms[j + 2 : j + 3]) == ("not",)):
            return False
        if norms[i] in _BE_HAVE and after in _BASE_VERBS:
            return False
    return True


#: Pronouns after "why not": "Why not me?" asks a reason, it suggests nothing.
_PRONOUNS = frozenset({"me", "you", "us", "him", "her", "them", "it", "i", "we", "they", "he", "she", "this", "that"})


def _suggestion(norms: Sequence[str], i: int, g: Grammar) -> bool:
    """"why don't you go first", "Why don't we set up a plan?", "Why not pay something today?": a
    suggestion worded as a question. It is a directive, not an open question: with its "?" it asks for
    a yes or a no (a closed question, ``question.suggestion``); without one it is not a question.

    "why" + "don't you" / "don't we" / "not" + a verb. After a verb of ``reason_verbs`` ("Why don't
    you trust us?", "why don't you want to pay?") the speaker asks a reason: that is a question.
    """
    k = i + 1
    if tuple(norms[k : k + 2]) == ("do", "not") and k + 2 < len(norms) and norms[k + 2] in ("you", "we"):
        k += 3
    elif k < len(norms) and norms[k] == "not":
        k += 1
    else:
        return False
    while k < len(norms) and norms[k] in ("just", "simply", "maybe", "perhaps", "both", "all"):
        k += 1
    return (k < len(norms) and norms[k].isalpha() and norms[k] not in g.reason_verbs and norms[k] not in _PRONOUNS
            and norms[k] not in g.aux)


def _pseudo_cleft(norms: Sequence[str], i: int, g: Grammar) -> bool:
    """"what happens is ...", "what's bad about it is that ...", "what bothers me was ...", "what would happen is
    ...": a wh-clause that is the subject of a later "is"/"was" (a statement), told by a second "is"/"was", by a
    verb in -s/-ed between "what" and the "is", or by a modal and a verb before it."""
    n = len(norms)
    bes = [k for k in range(i + 1, n) if norms[k] in _BE and norms[k - 1] not in _CLAUSE_PUNCT]
    if len(bes) >= 2 and bes[0] <= i + 4:
        return True
    k = i + 1
    if k + 2 < n and norms[k] in ("would", "will", "could", "might") and norms[k + 1].isalpha() and norms[k + 2] in _BE:
        return True  # "what would happen is ...", "what will help is ..."
    if k < n and norms[k] not in g.aux and norms[k] not in _WH_FOLLOWERS and norms[k].endswith(("s", "ed")) and len(norms[k]) > 3:
        k += 1
        if k < n and norms[k] in _OBJECTS:
            k += 1
        return k < n and norms[k] in _BE
    return False


def _reported(norms: Sequence[str], i: int, g: Grammar) -> bool:
    """The clause at ``i`` follows a verb of saying or thinking ("he said, can you pay", "I was like, what
    are you doing"): reported speech, not the speaker's own question."""
    k = i - 1
    steps = 0
    while k >= 0 and steps < 4 and (norms[k] in _CLAUSE_PUNCT or norms[k] in g.fillers or norms[k] in _OBJECTS
                                    or norms[k] in _HESITATIONS - {"like"}):
        k -= 1
        steps += 1
    if k < 0 or _opener_before(norms, k + 1, g):
        return False  # "like I said, is it okay ...": an aside of the speaker's own, not a report
    if norms[k] in _SPEECH_VERBS or (norms[k] == "say" and k > 0 and norms[k - 1].isalpha() and norms[k - 1] != "to"):
        return True  # "they say, why can't we" (but "I was going to say, do you")
    return norms[k] == "like" and k > 0 and norms[k - 1] in ("was", "is", "'s", "were", "am", "'m", "are")


def _restart_copula(norms: Sequence[str], i: int, g: Grammar) -> bool:
    """"the thing is, is that ...": a copula said twice, not a new question."""
    if norms[i] not in _BE:
        return False
    k = i - 1
    while k >= 0 and norms[k] in _CLAUSE_PUNCT:
        k -= 1
    return k > 0 and k < i - 1 and norms[k] == norms[i] and norms[k - 1] not in _CLAUSE_PUNCT and norms[k - 1] not in g.fillers


def _complement_clause(norms: Sequence[str], i: int, fillers: frozenset[str]) -> bool:
    """"what frightens me, IS THAT you ...", "the only thing I don't like, IS THAT all the ...": after a
    comma, "is/was that" (or "is it that") in a sentence with no "?" finishes the sentence before it."""
    k = i + (tuple(norms[i + 1 : i + 2]) == ("it",))
    if norms[i] not in _BE or k + 1 >= len(norms) or norms[k + 1] != "that":
        return False
    return sum(1 for x in norms[:i] if x.isalpha() and x not in fillers and x != norms[i]) >= 2


def _you_know_tag(norms: Sequence[str], g: Grammar) -> bool:
    """"They make them hard, you know?": "you know?" after a statement is a discourse marker."""
    body = [x for x in norms if x not in _SENT_END]
    if len(body) < 4 or tuple(body[-2:]) != ("you", "know") or body[-3] in g.aux or body[-3] == "not":
        return False
    return sum(1 for x in body[:-2] if x.isalnum() and x not in g.fillers) >= 2


def _indirect(norms: Sequence[str]) -> int | None:
    """Start of "I don't know if you ..." (an indirect question to the listener), else None."""
    for k in range(len(norms) - 5):
        if norms[k] == "i" and tuple(norms[k : k + 5]) in _INDIRECT and norms[k + 5] in _LISTENER:
            return k
    return None


def _ends_with_tag(norms: Sequence[str], g: Grammar, *, strong_only: bool = False) -> bool:
    """"..., right?" / "..., isn't it": a statement of at least two words, a comma, a tag.

    A tag after a bare filler ("Oh, okay.", "Um, yeah.") is an acknowledgement, not a question.
    A negative tag (auxiliary + not + pronoun: "isn't it", "don't you", "wasn't there") asks for
    agreement with or without the comma, and even before a full stop ("That's a lot, isn't it.");
    ``strong_only`` accepts only those.
    """
    body = [x for x in norms if x not in _SENT_END]
    # "the caring just wasn't there" / "that wasn't that": "there" and "that" are tags only after a comma
    if len(body) > 3 and body[-3] in g.aux and body[-2] == "not" and (
        body[-1] in _PERSONAL | {"it"} or (body[-1] in _TAG_SUBJECTS and body[-4] in _CLAUSE_PUNCT)
    ):
        content = [x for x in body[:-3] if x not in g.fillers and x not in _CLAUSE_PUNCT and x.isalnum()]
        if len(content) >= 2:
            return True
    # "..., you know what I mean": a check that the listener follows (not "if you know what I mean")
    if tuple(body[-5:]) == ("you", "know", "what", "i", "mean") and (len(body) == 5 or body[-6] != "if"):
        return True
    if strong_only:
        return False
    for tag in g.tags:
        k = len(tag)
        if len(body) > k and tuple(body[-k:]) == tag and body[-k - 1] in _CLAUSE_PUNCT:
            content = [x for x in body[: -k - 1] if x not in g.fillers and x not in _CLAUSE_PUNCT and x.isalnum()]
            return len(content) >= 2
    return False


#: Words after which a closing "right" is no tag: "that's right", "you're right", "all right", "exactly right",
#: "do it right", "turn right", "the right".
_NOT_BEFORE_RIGHT = frozenset({"'re", "'s", "is", "are", "was", "were", "be", "been", "being", "am", "'m", "that", "all",
                               "exactly", "it", "probably", "absolutely", "not", "n't", "about", "a", "the", "just",
                               "your", "much", "and", "definitely", "quite", "so", "very", "do", "did", "done", "does",
                               "doing", "get", "got", "make", "made", "turn", "turned", "left", "go", "went", "goes",
                               "straight", "anything", "everything", "something", "up", "always", "know", "dead",
                               "spot", "bang", "damn", "welcome", "them", "him", "her", "me", "us", "alright", "okay",
                               "ok", "yeah", "yes", "no", "oh", "um", "uh"})


#: After "you", the verbs that make it a subject, even after a preposition ("... keep up with YOU'RE still at ...").
_SUBJECT_VERBS = frozenset({"'re", "are", "'ve", "have", "'ll", "will", "were", "had", "'d", "did", "do", "can", "could",
                            "still", "just", "also", "already", "get", "got"})
#: "right now", "right then", "right and left", "right back": "right" as an adverb, not a tag.
_AFTER_RIGHT = frozenset({"now", "then", "away", "there", "here", "back", "and", "after", "before", "in", "on", "at",
                          "to", "into", "off", "out", "up", "down", "through", "behind", "next", "over", "is", "was"})


def _listener_tag(norms: Sequence[str], g: Grammar) -> int | None:
    """In speech-to-text (no punctuation), a statement about the listener that ends in "right" checks a fact with
    them: "mrs taylor YOU'RE STILL AT THE SAME ADDRESS RIGHT", "i hear YOU HAVE KIDS RIGHT". The question starts at
    the last "you"/"your" in the eight words before the tag, not an object after a preposition ("a default
    registered against you so far right": "right" opens the next sentence); None if there is no such tag."""
    n = len(norms)
    if n < 4 or norms[-1] != "right" or norms[-2] in _NOT_BEFORE_RIGHT or norms[-2] in g.fillers:
        return None
    you = [k for k in range(max(0, n - 9), n - 1)
           if norms[k] in _LISTENER and norms[k + 1] not in ("know", "see")
           and (k == 0 or norms[k - 1] not in _PREPOSITIONS or norms[k + 1] in _SUBJECT_VERBS)]
    if not you or n - 1 - you[-1] < 2:
        return None
    return you[-1]


def _listener_tags(norms: Sequence[str], g: Grammar) -> list[tuple[int, int]]:
    """:func:`_listener_tag` anywhere in an unpunctuated sentence: "right" after a statement about the listener
    and before a new clause (a filler, an aside, a pronoun or an auxiliary: "you're still at the same address
    RIGHT honestly i ...", "... RIGHT are you able to pay"). The (start, tag) token indexes of those questions."""
    out = []
    for r in range(3, len(norms)):
        after = norms[r + 1] if r + 1 < len(norms) else None
        if norms[r] == "right" and (after is None or _opener_end(norms, r + 1, g) is not None or (
                after not in _AFTER_RIGHT and (after in g.fillers or after in g.inversion_subjects or after in g.aux
                                               or after in _HESITATIONS or after in g.wh or after in ("thank", "thanks")))):
            k = _listener_tag(norms[: r + 1], g)
            if k is not None:
                out.append((k, r))
    return out


def _wh_position(norms: Sequence[str], g: Grammar) -> int | None:
    """Index of a wh-word that opens the sentence (after fillers) or closes it ("for what?"), else None."""
    i = _skip(norms, 0, g.fillers | {"like"})
    if i < len(norms) and norms[i] in g.wh:
        return i
    body = [k for k, x in enumerate(norms) if x not in _SENT_END]
    if body and norms[body[-1]] in g.wh:
        return body[-1]
    return None


def _of_phrase_verb(norms: Sequence[str], i: int) -> int | None:
    """Where the verb of a wh-phrase that runs on through "of" stands ("what day OF THE MONTH do you", "which
    part of the letter is"): after wh + noun + of + (a determiner) + noun; None when the phrase is not of that form."""
    if i + 4 >= len(norms) or norms[i + 2] != "of":
        return None
    k = i + 4 + (norms[i + 3] in _OF_DETERMINERS)
    return k if k < len(norms) else None


def _wh_phrase_verb(norms: Sequence[str], p: int, i: int, g: Grammar) -> bool:
    """The inversion at ``i`` is the verb of the wh-phrase that starts at ``p`` ("WHAT SORT OF AMOUNT were you
    thinking", "HOW MANY HOURS A WEEK are you working"): a wh-word + much/many/kind/sort/type, at most six
    tokens before, with no auxiliary between that would have been the phrase's own verb ("how much is it do
    you want" asks twice)."""
    if norms[p] in g.wh and _of_phrase_verb(norms, p) == i:  # "what day of the month DO you"
        return True
    if norms[p] not in g.wh or p + 1 >= len(norms) or norms[p + 1] not in ("much", "many", "kind", "sort", "type"):
        return False
    return i - p <= 6 and not any(x in g.aux or x == "'s" for x in norms[p + 2 : i])


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
    if unpunctuated and any(x in _CLAUSE_PUNCT and x != "-" for x in norms):
        # commas but no full stop or "?": the text was punctuated (a clipped or run-on sentence), so
        # questions start at clause starts, not anywhere in the sentence as in raw speech-to-text
        unpunctuated = False
    words = tuple(x for x in norms if x.isalnum() and x not in ("uh", "um", "oh", "er", "erm"))
    if words in _NOT_QUESTIONS:
        return []
    last = next((x for x in reversed(norms) if x.strip()), "")
    # A sentence the writer closed with a full stop is a statement unless it starts with a strong
    # question form ("can you", "what do you"); a clause after a comma starts a question only in a
    # sentence with a "?" (otherwise "..., which is" / "..., is the argument" are statements).
    full_stop = not unpunctuated and last in (".", "!") and not has_qmark
    starts: list[tuple[int, str, str]] = []
    tag_ends: dict[int, int] = {}  # a question closed by a tag ends at its tag
    first_start = True
    reported = False
    for i in clause_starts(norms, g.fillers):
        found = question_at(norms, i, g, strict=full_stop or (not first_start and not has_qmark),
                            qmark=has_qmark or last in _CLAUSE_PUNCT or (not unpunctuated and last not in _SENT_END),
                            has_qmark=has_qmark)
        first_start = False
        if found and _reported(norms, i, g):
            reported = True  # and its "?" is the reported question's
            continue
        if found and not _restart_copula(norms, i, g) and not (not has_qmark and _complement_clause(norms, i, g.fillers)):
            starts.append((i, *found))
            break
    if unpunctuated:
        first = starts[0][0] if starts else n
        for i in range(1, n - 1):
            if i == first:
                continue
            if _opener_before(norms, i, g):
                # after an aside ("like i said IS IT OKAY if i ask", "just to be clear WOULD THE 13TH work for
                # you"), a question starts as at the start of a clause
                found = question_at(norms, i, g)
                if found and not _restart_copula(norms, i, g):
                    starts.append((i, *found))
                continue
            prev = norms[i - 1]
            if prev in g.wh or prev in ("if", "than", "as", "that", "to"):
                continue
            if (norms[i] not in g.wh and prev in ("so", "nor", "neither", "only", "never", "seldom", "rarely")
                    and not (prev == "so" and (_mid_check(norms, i) or _modal_ask(norms, i) or _so_ask(norms, i)))):
                # "so am I", "not only have I", "never have I": a fronted negative ("so how are you", "okay so is it
                # okay if" ask)
                continue
            if norms[i] in ("do", "have", "be") and (prev in _MODALS or (prev == "not" and i > 1 and norms[i - 2] in _MODALS)):
                continue  # "what she would DO you know", "I can't DO you know": a main verb after a modal
            if norms[i] == "do" and prev in _ADVERBS and tuple(norms[i + 1 : i + 3]) == ("you", "know"):
                continue  # "everything I always DO you know": the verb and the filler "you know"
            if "never" in norms[max(0, i - 3) : i] or (i > 1 and norms[i - 2] == "no" and prev in ("means", "way", "longer")):
                continue  # "never yet have I", "by no means do I", "no way are you": a fronted negative
            if _reported(norms, i, g):  # "and we said are you sure"
                continue
            if prev == "or" and any(st[0] < i for st in starts):
                continue  # "is that your only income OR is there anything else": one question with its alternative
            # an auxiliary straight after a subject belongs to it ("we DO we", "you 're you 're",
            # "i don't i don't": a restart, not an inversion); "had you know" is the filler "you know"
            if (prev in g.subjects or prev in g.inversion_subjects) and not (prev in _OBJECT_PRONOUNS and (
                    _mid_check(norms, i) or (i > 1 and norms[i - 2] in _PREPOSITIONS
                                             and (_modal_ask(norms, i) or norms[i] in g.wh)))):
                # (but a check after an object: "a difficult month for you IS IT OKAY if i ask"; after an object of a
                # preposition a modal or a wh-word: "... for you WOULD THE 13TH work", "... for you HOW MUCH do you
                # have coming in")
                continue
            # ... or to the subject before an adverb or an auxiliary ("we generally DON'T we water",
            # "we've HAD we've had cats"): a verb chain or a restart, not an inversion
            if i > 1 and (prev in _ADVERBS or prev in g.aux) and norms[i - 2] in g.inversion_subjects:
                continue
            if norms[i] not in ("do", "does", "did") and tuple(norms[i + 1 : i + 3]) in (("you", "know"), ("i", "mean")):
                continue
            found = question_at(norms, i, g, mid=True)
            if not found:
                after_opener = prev in _WH_OPENERS and (i < 2 or norms[i - 2] not in _TAKES_WH)
                # after "and" not "which"/"who" nor "is"/"was" ("and who is the selected one", "and what is the
                # pension": SwDA reads them as relative or embedded clauses)
                after_and = prev == "and" and norms[i] in _WH_BE_ASKS and norms[i + 1] not in _BE | {"was"}
                if (after_opener and _wh_subject_question(norms, i)) or (
                        (after_opener or after_and) and _wh_noun_phrase_question(norms, i)):
                    # "okay so WHAT'S BEEN HAPPENING", "... so we'll put it in AND WHAT ARE THE big things going out
                    # each month", "lovely SO WHAT DOES A normal week look like", "so WHAT WOULD FEEL manageable"
                    found = ("open_question", "question.wh")
            if found:
                starts.append((i, *found))
        for tag, end in _listener_tags(norms, g):
            # the tag closes the question that holds it: a question found between the "you" and the tag is that one
            if not any(tag <= st[0] < end for st in starts):
                starts.append((tag, "closed_question", "question.tag"))
                tag_ends[tag] = end + 1
        starts.sort()
        # drop a start that falls inside the three tokens of the one before ("how much DO YOU")
        pruned: list[tuple[int, str, str]] = []
        for s in starts:
            if not pruned or (s[0] - pruned[-1][0] > 3 and not _wh_phrase_verb(norms, pruned[-1][0], s[0], g)):
                pruned.append(s)
        starts = pruned
    if open_cues and unpunctuated:
        # speech-to-text runs a turn on as one sentence: each invitation decides the kind of the question it stands
        # in, or starts a new one ("help me understand how the week looks ... now HOW ARE THINGS at the moment")
        for cue_start, _, cue_rule in open_cues:
            near = [k for k, st in enumerate(starts) if st[0] <= cue_start and cue_start - st[0] <= 6]
            if near:
                k = near[-1]
                starts[k] = (starts[k][0], "open_question", cue_rule)
            else:
                starts.append((cue_start, "open_question", cue_rule))
                starts.sort()
    elif open_cues:
        cue_start, _, cue_rule = open_cues[0]
        if not starts:
            return [Question(_skip(norms, 0, g.fillers), n, "open_question", cue_rule)]
        # a punctuated sentence holds one question: the invitation decides its kind
        begin = starts[0][0] if starts[0][0] <= cue_start else _skip(norms, 0, g.fillers)
        return [Question(begin, n, "open_question", cue_rule)]
    if not starts:
        if has_qmark and not reported and not _you_know_tag(norms, g):
            begin = _skip(norms, 0, g.fillers)
            if closed_cues:
                return [Question(begin, n, "closed_question", closed_cues[0][2])]
            wh = _wh_position(norms, g)
            if wh is None:  # "Just wondering how you're holding up?", "Dead, but what does it mean?"
                wh = next((k for k in range(1, n - 1) if norms[k] in g.wh and norms[k - 1] not in g.wh
                           and (norms[k + 1] in g.aux or norms[k + 1] == "'s" or norms[k - 1] in ("wondering", "wonder"))), None)
            if wh is not None and norms[wh] == "why" and _suggestion(norms, wh, g):
                return [Question(min(begin, wh), n, "closed_question", "question.suggestion")]
            if wh is not None:  # "Which one?", "What state?", "Where at?", "for what?"
                return [Question(min(begin, wh), n, "open_question", "question.wh")]
            rule = "question.tag" if _ends_with_tag(norms, g) else "question.declarative"
            return [Question(begin, n, "closed_question", rule)]
        if _ends_with_tag(norms, g, strong_only=full_stop):
            return [Question(_skip(norms, 0, g.fillers), n, "closed_question", "question.tag")]
        indirect = _indirect(norms)
        if indirect is not None:  # "I don't know if you've heard of it."
            return [Question(indirect, n, "closed_question", "question.indirect")]
        return []
    if closed_cues:
        # a closing phrase decides the kind of the question it stands in: "What's your date of birth?",
        # "What do you think, yes or no?" ask for one fact or a yes/no. The first such phrase inside a question
        # decides ("I'll need to ask a few SECURITY QUESTIONS, can you confirm the FIRST LINE OF YOUR ADDRESS?":
        # the first phrase stands before the question)
        for cue_start, _, cue_rule in closed_cues:
            before = [k for k, st in enumerate(starts) if st[0] <= cue_start]
            if before:
                k = 0 if not unpunctuated else before[-1]
                starts[k] = (starts[k][0], "closed_question", cue_rule)
                break
    if not unpunctuated:
        start, label, rule = starts[0]
        return [Question(start, n, label, rule)]
    out = []
    for k, (start, label, rule) in enumerate(starts):
        end = min(starts[k + 1][0] if k + 1 < len(starts) else n, tag_ends.get(start, n))
        # an aside of two or more words starts a new clause: "is it okay if i ask about your income | IN THAT CASE
        # make a payment of 60 today" (the order is not inside the question); _opener_end gives the longest opener
        aside = next((m for m in range(start + 2, end) if (j := _opener_end(norms, m, g)) is not None and j - m > 1), end)
        out.append(Question(start, aside, label, rule))
    return out


#: what may stand between a term and its explanation: "arrears, which means ...", "ACH (that's ..."
_BEFORE_EXPLANATION = frozenset({",", "-", "–", "—", "(", ":"})


#: Words that cannot be part of the term's noun phrase between it and its explanation ("a CCA REQUEST, which
#: just means ..." may be; "arrears WE NEED which means" may not).
_NOT_IN_TERM = frozenset({"and", "but", "or", "so", "to", "that", "which", "who", "the", "a", "an", "is", "was", "are",
                          "it", "this", "we", "you", "i", "they", "he", "she", "if", "because", "'s", "not", "n't"})
#: After "which is" / "that's": a verdict or a reason, not a definition ("which is WHY ...", "which is GOOD news").
_NOT_A_DEFINITION = frozenset({"why", "good", "great", "bad", "fine", "okay", "ok", "important", "unfortunate", "fair",
                               "a", "how", "what"})
#: After "which means" / "that means": the listener's or the agent's obligation, not a definition ("which means
#: YOU NEED TO bring it current").
_OBLIGATION_AFTER = frozenset({"need", "needs", "must", "should", "gotta"})
#: How the next sentence may open to explain a term that ended the sentence before ("Statute-barred. IT MEANS
#: it's too old to take you to court for.").
_NEXT_SENTENCE_OPENERS = frozenset({"it", "that", "this", "which", "basically", "in", "put", "so"})


def explanation_after(norms: Sequence[str], end: int, limit: int, g: Grammar,
                      next_limit: int | None = None) -> str | None:
    """The words (``explanations`` in grammar.yml) that explain a term ending at token ``end``, if they follow it
    in its sentence (which ends at ``limit``), after at most two more words of its noun phrase and one comma, dash
    or bracket: "a liability order JUST MEANS the court has agreed ...", "ACH IS JUST an automatic payment",
    "arrears, WHICH MEANS ...", "a CCA request, WHICH JUST MEANS ...". When the term ends its sentence, the next
    sentence (ending at ``next_limit``) may open with the explanation: "It's called statute-barred. IT MEANS it's
    too old ...". Not a verdict, a reason or an obligation after it: "..., which is why you're hearing from us",
    "..., which is good news", "..., which means you need to bring it current"."""
    starts = [end]
    for k in (end, end + 1):  # up to two more words of the term's noun phrase
        if k < limit and norms[k].isalpha() and norms[k] not in _NOT_IN_TERM and norms[k] not in g.aux:
            starts.append(k + 1)
        else:
            break
    candidates = [i + 1 if i < limit and norms[i] in _BEFORE_EXPLANATION else i for i in starts]
    if next_limit is not None and all(not norms[j].isalnum() for j in range(end, limit)):
        candidates.append(limit)  # the term ends its sentence: the next one may explain it
    for i in candidates:
        stop = limit if i < limit else next_limit or limit
        for phrase in g.explanations:
            if i + len(phrase) <= stop and tuple(norms[i : i + len(phrase)]) == phrase:
                if i >= limit and phrase[0] not in _NEXT_SENTENCE_OPENERS and phrase[0] != "means":
                    continue
                after = norms[i + len(phrase) : i + len(phrase) + 3]
                if phrase[-1] in ("is", "'s") and after[:1] and after[0] in _NOT_A_DEFINITION:
                    return None
                if phrase[-1] == "means" and len(after) >= 2 and after[0] in ("you", "we", "i", "they") and (
                        after[1] in _OBLIGATION_AFTER or (after[1] in ("have", "has", "got") and after[2:3] == ["to"])):
                    return None
                return " ".join(phrase)
    return None


def _opener_end(norms: Sequence[str], i: int, g: Grammar) -> int | None:
    """The index after a clause opener ("in that case") that starts at token ``i``, or None."""
    if i >= len(norms) or norms[i] not in g.opener_words:
        return None
    for phrase in g.openers:
        if phrase[0] == norms[i] and tuple(norms[i : i + len(phrase)]) == phrase:
            return i + len(phrase)
    return None


def _opener_before(norms: Sequence[str], i: int, g: Grammar) -> bool:
    """A clause opener of two or more words ("like I said", "just to be clear", "at this point") ends right
    before token ``i`` (fillers and clause punctuation between them skipped)."""
    k = i
    while k > 0 and (norms[k - 1] in g.fillers or norms[k - 1] in _CLAUSE_PUNCT or norms[k - 1] in _HESITATIONS):
        k -= 1
    if k == 0 or norms[k - 1] not in g.opener_last_words:
        return False
    return any(len(p) > 1 and k >= len(p) and tuple(norms[k - len(p) : k]) == p for p in g.openers)


def _past_openers(norms: Sequence[str], i: int, g: Grammar, skip: frozenset[str]) -> int:
    """From a clause start, past any openers and the fillers around them ("well IN THAT CASE make ...")."""
    while (j := _opener_end(norms, i, g)) is not None:
        i = _skip(norms, j, skip)
    return i


def imperative_start(norms: Sequence[str], g: Grammar, skip: frozenset[str]) -> Iterator[int]:
    """Token indexes of clause-initial verbs from the imperative list (fast rule), each once: "Right, well,
    pay it" reaches "pay" from the sentence start and from both commas. A clause also starts after a clause
    opener (grammar.yml ``clause_openers``), at a clause start or anywhere in the sentence: "In that case make
    a payment today", and in speech-to-text, where a turn is one sentence, "... i can see that to be fair send
    us the statements"."""
    skip = g.fillers | skip
    starts = list(clause_starts(norms, skip))
    if not g.opener_words.isdisjoint(norms):
        starts = [_past_openers(norms, i, g, skip) for i in starts]
        starts += [
            _past_openers(norms, _skip(norms, j, skip), g, skip)
            for k in range(len(norms)) if (j := _opener_end(norms, k, g)) is not None
        ]
    for i in dict.fromkeys(starts):
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
    if tok.dep_ == "conj" and not _imperative_head(tok.head):
        return False  # "you'll need to sign the form and SEND it back": a conjunct of "sign", which "you'll need" governs
    if tok.lower_ in g.fillers and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == ",":
        return False  # "LISTEN, I understand": a discourse word before a comma, as the fast rules read it
    if _unattached_subject(tok):
        return False  # "StepChange and National Debtline GIVE free advice": a subject the parser did not label as one
    return not _has_subject(tok, ("do",))  # "do pay it" is fine; "don't pay" is handled as negation


def _unattached_subject(tok) -> bool:
    """Whether the noun phrase right before a verb (adverbs between skipped) is a subject the parser could not
    place: labelled ``dep`` ("StepChange and National Debtline GIVE", which it hung on a comma). A noun inside a
    phrase of its own is not one ("in that CASE make a payment"); a subject it did place is :func:`_has_subject`'s."""
    prev = tok.i - 1
    while prev >= 0 and tok.doc[prev].pos_ == "ADV":
        prev -= 1
    if prev < 0 or tok.doc[prev].pos_ not in ("NOUN", "PROPN"):
        return False
    head = tok.doc[prev]
    while head.dep_ in ("conj", "compound", "appos") and head.head is not head:
        head = head.head  # up to the head of the noun phrase
    return head.dep_ == "dep"  # the parser's label for a word it could not place: right before the verb, its subject


def _has_subject(tok, free_aux: tuple[str, ...] = ("do", "to")) -> bool:
    """A subject, or an auxiliary other than ``free_aux``, on a verb: it is not a bare imperative."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") or (c.dep_ in ("aux", "auxpass") and c.lower_ not in free_aux)
               for c in tok.children)


def _imperative_head(tok) -> bool:
    """Whether the verb a conjunct hangs on is itself a bare imperative: a base-form verb with no subject that
    heads the sentence or a clause, directly or through "to"-complements and conjuncts ("sort it out and PAY
    it", "try to sort it out and PAY it"; not "you'll need to sign the form and SEND it back")."""
    for _ in range(6):
        if tok.tag_ != "VB" or _has_subject(tok):
            return False
        if tok.dep_ in ("xcomp", "conj") and tok.head is not tok:
            tok = tok.head
            continue
        return tok.dep_ in ("ROOT", "ccomp")
    return False


def governing_negation(span_root, g: Grammar):
    """The negation token that governs ``span_root`` (on it or one of its verb ancestors), or None.

    "I'm NOT saying you have to pay": "not" hangs on "saying", an ancestor of "have" -> governed.
    "If you DON'T pay, we'll have to act": "n't" hangs on "pay", a dependant of "have" -> not governed.
    A negating word on the path up is one too: "we're UNABLE to put a hold on it" ("unable" heads "put"),
    and so is a negated subject: "NO one is asking you to pay today" ("no" on "one", the subject of "asking").
    The walk stops at a clause of its own (advcl, a finite relcl, the root), but goes on through an infinitival
    relative clause, which the parser hangs on a noun: "we're NOT in a position to offer a payment plan".
    """
    tok = span_root
    for _ in range(6):
        if tok is not span_root and tok.lower_ in g.negators:  # "we're UNABLE to put a hold on it"
            return tok
        for child in tok.children:
            if child.dep_ == "neg" or (child.lower_ in g.negators and child.dep_ in ("neg", "advmod", "det")):
                return child
            if child.dep_ in ("nsubj", "nsubjpass"):  # "NO one is asking you to pay"
                for det in child.children:
                    if det.dep_ == "det" and det.lower_ in g.negators:
                        return det
        if tok.dep_ in ("advcl", "ROOT") or tok.head is tok:
            return None
        if tok.dep_ == "relcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return None  # a finite relative clause is a clause of its own ...
        tok = tok.head  # ... an infinitival one is not: "we're NOT in a position TO offer a plan", "there's NO way to ..."
    return None


def in_company_name(words: Sequence[str], start: int, end: int, sent_start: int, g: Grammar) -> bool:
    """Whether the hit ``words[start:end]`` (token texts, ``sent_start``: where its sentence starts) is part
    of a company's name rather than jargon the agent chose.

    The hit's words must be capitalised ("Recoveries", "Credit Bureau"), and the run of capitalised words
    it stands in must either have one before the hit that does not open the sentence ("from Apex
    Recoveries", "Northway Recoveries") or hold a ``company_words`` word ("Past Due Recoveries Ltd",
    "Judgment Recovery Partners LLC"). A capitalised document ("a Default Notice"), a hit that opens the
    sentence ("Recoveries will call you") and text in capitals throughout stay jargon.

    In any case, also in lower case (speech-to-text output), a hit followed by the words of a name that end
    in a legal form is a name: "this is sarah from arrears solutions ltd".
    """
    for k in range(end, min(end + 3, len(words))):
        word = words[k].lower().rstrip(".")
        if word not in g.company_words:
            break
        if word in g.legal_forms:
            return True
    if not all(words[i].istitle() for i in range(start, end)):
        return False
    if start - 1 > sent_start and _capitalised(words[start - 1]):
        return True
    left = start
    while left > sent_start and _capitalised(words[left - 1]):
        left -= 1
    right = end
    while right < len(words) and _capitalised(words[right]):
        right += 1
    return any(words[i].lower().rstrip(".") in g.company_words for i in range(left, right))


def _capitalised(word: str) -> bool:
    """A word of a name: "Apex", "LLC", "UK" (not "I", which is capitalised anywhere)."""
    return word != "I" and word[:1].isupper()


#: Entry id (and prefix of the ids) of the lexicon entries for the speaker's own experience.
OWN_EXPERIENCE = "empathy.own_experience"


def is_own_experience(entry_id: str) -> bool:
    """Whether a lexicon entry is one of the own-experience entries (see :func:`about_process`)."""
    return entry_id == OWN_EXPERIENCE or entry_id.startswith(OWN_EXPERIENCE + "_")


def about_process(norms: Sequence[str], g: Grammar) -> bool:
    """Whether a sentence talks about the listener, the account or the call (a ``listener_words``
    or ``process_words`` word).

    Such a sentence is process talk even in the first person ("I sent you a letter", "when I
    checked the account"), never the agent relating their own experience.
    """
    return not (g.process_words.isdisjoint(norms) and g.listener_words.isdisjoint(norms))


#: Norms that end the clause a hit opens (see :func:`about_account`).
_CLAUSE_END = frozenset({",", ".", "!", "?", ";", ":", "-", "–", "—", "...", "but", "though", "although"})


def about_account(after: Sequence[str], g: Grammar, unpunctuated: bool = False) -> bool:
    """Whether the words after a hit, to the end of its clause, state a plain fact about the
    account or the call: a ``process_words`` word, no ``feeling_words`` word and no negation.

    "I understand | you called yesterday about the letter", "I can see how | the charges add
    up", "I had the same | issue with the portal" are preambles to a fact, not understanding;
    "I understand | the letters are worrying you", "I understand." and "I understand, but ..."
    (the contrast rule's case) are not about the account. In speech-to-text (``unpunctuated``), where a turn is
    one sentence, the clause also ends where the agent starts a new one (:func:`new_spoken_clause`): "i
    understand | would you be able to manage a smaller payment", "i totally understand | so shall we look at ...".
    """
    clause: list[str] = []
    for k, w in enumerate(after):
        if w in _CLAUSE_END or (unpunctuated and new_spoken_clause(after, k)):
            break
        clause.append(w)
    return (
        bool(clause)
        and not g.process_words.isdisjoint(clause)
        and g.feeling_words.isdisjoint(clause)
        and g.negators.isdisjoint(clause)  # "I understand you haven't had the letter": a problem, acknowledged
    )


#: Discourse words that open a new spoken clause after an acknowledgement ("i understand SO shall we ...").
_NEW_CLAUSE_WORDS = frozenset({"so", "now", "okay", "ok", "alright"})
#: Modals that, after "i"/"we"/"you", start the agent's own statement ("i understand WE CAN put a hold on it").
_CLAUSE_MODALS = frozenset({"can", "could", "'ll", "will", "would", "'d", "should", "shall", "might"})
_CLAUSE_ASKS = frozenset({"would", "could", "can", "shall", "will", "should", "do", "did", "are", "is"})
#: What a clause opened by "so"/"now" starts with ("so WHAT ...", "so WE ...", "now THE good news ...").
_SPOKEN_CLAUSE_STARTS = frozenset({"i", "we", "you", "he", "she", "they", "it", "that", "this", "there", "the", "your",
                                   "what", "how", "why", "when", "where", "which", "who", "if", "let", "let's", "just",
                                   "would", "could", "can", "shall", "will", "should", "do", "does", "did", "are", "is"})
#: Words after which "okay" is a complement, not a new clause ("that's OKAY", "it sounds OKAY", "are you OKAY").
_BEFORE_OKAY = frozenset({"'s", "is", "am", "are", "'re", "was", "were", "be", "been", "'m", "it", "that", "you", "feel",
                          "feels", "sound", "sounds", "look", "looks", "all", "fine", "seem", "seems", "not"})


def new_spoken_clause(words: Sequence[str], k: int) -> bool:
    """Whether the agent starts a new clause at ``words[k]`` in unpunctuated speech: a discourse word ("so",
    "now", "okay"), a question ("would you", "can we", "shall we"), "and"/"but" + thanks or the agent's own
    subject ("and thank you", "and we"), or a statement with its own subject and a modal ("we can", "i'll"). Not
    a clause that reports a fact ("i understand | you called yesterday", "... | the payment went out on monday")."""
    w = words[k]
    nxt = words[k + 1] if k + 1 < len(words) else ""
    if w in _NEW_CLAUSE_WORDS:
        if w in ("so", "now"):  # "SO what would ...", "NOW we can ...": not "i'm SO sorry", "right NOW"
            return nxt in _SPOKEN_CLAUSE_STARTS
        return k == 0 or words[k - 1] not in _BEFORE_OKAY  # "OKAY so ...": not "that's OKAY", "it sounds OKAY"
    if w in _CLAUSE_ASKS and nxt in ("you", "we", "i"):
        return True
    if w in ("and", "but") and nxt in ("thank", "thanks", "i", "we"):
        return True  # "i completely understand | and thank you for telling me ...", "... | and we'll ..."
    return w in ("we", "i", "you") and nxt in _CLAUSE_MODALS


def spoken_sentences(words: Sequence[str]) -> list[int]:
    """Where the sentences of an unpunctuated turn (speech-to-text) would start: 0 and every new spoken clause
    (:func:`new_spoken_clause`) after it. "i hear you so what would feel manageable for you" -> "i hear you" /
    "so what would ...": what a full stop would have split, for measures taken per sentence (sentiment)."""
    return [0] + [k for k in range(1, len(words)) if new_spoken_clause(words, k)]


def about_topic(norms: Sequence[str], words: frozenset[str]) -> bool:
    """Whether a sentence holds one of a topic's ``words``: small talk (``small_talk_words``: "the traffic",
    "it's freezing": "I couldn't cope with the heat" shares the weather, not a hardship) or taking payment
    details (``payment_detail_words``: "the three digits on the back", "grab a pen": "No rush, whenever
    you're ready with the card" is the courtesy of a form being filled in, not patience with a hardship)."""
    return not words.isdisjoint(norms)


def vetoed(unless: Sequence[str], sentence: Sequence[str], after: Sequence[str], g: Grammar,
           unpunctuated: bool = False) -> bool:
    """Whether a lexicon hit does not count, by its entry's ``unless`` (any of them vetoes).

    ``process_talk``: its sentence is about the listener, the account or the call
    (:func:`about_process`): the own-experience entries. ``account_talk``: the rest of its
    clause states a fact about the account (:func:`about_account`): the understanding
    entries. ``small_talk``: its sentence is small talk (:func:`about_topic`): the shared-
    and own-experience entries. ``payment_details``: its sentence takes payment details
    (:func:`about_topic`): the patience entry. ``sentence`` and ``after`` are the token norms of the hit's
    sentence and of the words after the hit in it; ``unpunctuated``: the turn has no sentence punctuation
    (speech-to-text), see :func:`about_account`.
    """
    for reason in unless:
        if reason == "process_talk" and about_process(sentence, g):
            return True
        if reason == "account_talk" and about_account(after, g, unpunctuated):
            return True
        if reason == "small_talk" and about_topic(sentence, g.small_talk_words):
            return True
        if reason == "payment_details" and about_topic(sentence, g.payment_detail_words):
            return True
    return False
