"""The on-disk cache of validated lexicons (tonecheck._diskcache): a shortcut that never changes an answer."""

from __future__ import annotations

import pickle

import pytest

import tonecheck
from tonecheck import _diskcache, lexicon
from tonecheck.errors import LexiconError

USER = "lexicon: house\nversion: '1'\nentries:\n  - id: jargon.dca\n    category: jargon\n    phrase: dca\n    plain: {plain}\n"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh cache folder and no in-process memo, so every load goes to the disk cache or the files."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TONECHECK_CACHE_DIR", str(folder))
    lexicon._load_cached.cache_clear()
    yield folder
    lexicon._load_cached.cache_clear()


def fresh_load(*args, **kwargs):
    lexicon._load_cached.cache_clear()  # as in a new process
    return lexicon.load_lexicon(*args, **kwargs)


def no_parsing(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("parsed a lexicon file although the cache holds it")

    monkeypatch.setattr(lexicon, "parse_lexicon_file", refuse)


def test_a_second_process_reads_the_lexicon_from_the_cache(cache, monkeypatch):
    parsed = fresh_load()
    assert len(list(cache.glob("lexicon-*.pickle"))) == 1
    no_parsing(monkeypatch)
    cached = fresh_load()
    assert cached.entries == parsed.entries and cached.lists == parsed.lists
    assert cached.sentiment == parsed.sentiment and cached.version == parsed.version and cached.files == parsed.files


def test_a_pipeline_built_from_the_cache_finds_the_same_evidence(cache):
    text = "I understand, but you need to pay the arrears today. What can you afford?"
    doc = tonecheck.load("fast")(text)
    before = [(s.text, s.id_) for s in doc.spans["tonecheck"]]
    lexicon._load_cached.cache_clear()
    assert list(cache.glob("lexicon-*.pickle"))
    doc = tonecheck.load("fast")(text)
    after = [(s.text, s.id_) for s in doc.spans["tonecheck"]]
    assert after == before and {"demand", "jargon", "empathy"} <= {r.split(".")[0] for _, r in before}


def test_an_edited_user_file_is_parsed_again(cache, tmp_path):
    path = tmp_path / "house.yml"
    path.write_text(USER.format(plain="the agency"), encoding="utf-8")
    assert fresh_load([path]).get("jargon.dca").plain == "the agency"
    path.write_text(USER.format(plain="the company that buys debts"), encoding="utf-8")
    assert fresh_load([path]).get("jargon.dca").plain == "the company that buys debts"
    assert len(list(cache.glob("lexicon-*.pickle"))) == 2


def test_a_file_broken_after_a_good_load_still_gets_its_error(cache, tmp_path):
    path = tmp_path / "house.yml"
    path.write_text(USER.format(plain="the agency"), encoding="utf-8")
    fresh_load([path])
    path.write_text(USER.format(plain="the agency").replace("    plain: the agency\n", ""), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"house\.yml: entry jargon\.dca: a jargon entry needs 'plain'"):
        fresh_load([path])
    with pytest.raises(LexiconError, match=r"house\.yml: entry jargon\.dca"):
        fresh_load([path])  # a problem is never cached away
    assert len(list(cache.glob("lexicon-*.pickle"))) == 1


@pytest.mark.parametrize("junk", [b"", b"not a pickle", pickle.dumps({"entries": "not a Lexicon"})])
def test_a_corrupt_cache_entry_is_ignored_and_replaced(cache, junk):
    good = fresh_load()
    (entry,) = cache.glob("lexicon-*.pickle")
    entry.write_bytes(junk)
    assert fresh_load().entries == good.entries
    assert isinstance(pickle.loads(entry.read_bytes()), lexicon.Lexicon)


def test_an_unusable_cache_folder_only_costs_the_shortcut(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TONECHECK_CACHE_DIR", str(blocker / "cache"))
    assert fresh_load().get("jargon.arrears") is not None
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("value", ["off", "", "0"])
def test_the_cache_can_be_turned_off(tmp_path, monkeypatch, value):
    monkeypatch.setenv("TONECHECK_CACHE_DIR", value)
    monkeypatch.chdir(tmp_path)
    assert _diskcache.cache_dir() is None
    assert fresh_load().get("jargon.arrears") is not None
    assert not list(tmp_path.rglob("*.pickle"))


def test_the_default_folder_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("TONECHECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _diskcache.cache_dir() == tmp_path / "tonecheck"


def test_only_the_newest_entries_are_kept(cache, tmp_path):
    for n in range(_diskcache.KEEP + 3):
        path = tmp_path / f"house{n}.yml"
        path.write_text(USER.format(plain=f"plain {n}"), encoding="utf-8")
        fresh_load([path], include_default=False)
    kept = list(cache.glob("lexicon-*.pickle"))
    assert len(kept) == _diskcache.KEEP
    newest = tmp_path / f"house{_diskcache.KEEP + 2}.yml"
    assert fresh_load([newest], include_default=False).get("jargon.dca").plain == f"plain {_diskcache.KEEP + 2}"
    assert not list(cache.glob(".lexicon-*.tmp"))  # no temporary file left behind


def test_a_cached_lexicon_loads_without_importing_spacy(tmp_path):
    """`tonecheck lexicon list` and `show` need no spaCy once the lexicons are cached (about 1 s saved)."""
    import os
    import subprocess
    import sys

    code = "import sys; from tonecheck.lexicon import load_lexicon; load_lexicon(); print('spacy' in sys.modules)"
    env = {**os.environ, "TONECHECK_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert [r.strip() for r in runs] == ["True", "False"]  # the first parses (spaCy validates patterns), the second reads


# --------------------------------------------------------------------------- the phrase matchers' keywords

#: found only through a variant of a phrase: "its" for "it's" (speech-to-text), a hyphen as a space, a hedge after
#: the negation in a customer's disclosure
VARIANTS = [("its a fair question", "agent"), ("the debt was a charge off", "agent"),
            ("I'm not really coping since the job went.", "customer")]


def hits(nlp, text, role="agent"):
    doc = nlp.make_doc(text)
    doc._.tc_role = role
    doc = nlp(doc)
    return [(s.text, s.id_) for s in doc.spans["tonecheck"]]


def test_a_second_pipeline_takes_its_phrases_from_the_cache(cache, monkeypatch):
    """The ~9,000 phrase variants are tokenized once; a new process reads their norms back and finds the same."""
    from tonecheck import components

    agent = "I understand, but you need to pay the arrears today."
    first = tonecheck.load("fast")
    before = hits(first, agent), [hits(first, t, role) for t, role in VARIANTS]
    assert len(list(cache.glob("phrases-*.pickle"))) == 1
    lexicon._load_cached.cache_clear()

    def refuse(*_args, **_kwargs):
        raise AssertionError("built the phrase variants although the cache holds them")

    monkeypatch.setattr(components, "its_variants", refuse)
    monkeypatch.setattr(components, "hedged_variants", refuse)
    second = tonecheck.load("fast")
    after = hits(second, agent), [hits(second, t, role) for t, role in VARIANTS]
    assert after == before
    assert {"jargon", "empathy", "demand"} <= {r.split(".")[0] for _, r in before[0]}
    assert all(before[1]), before[1]


def test_the_phrase_cache_is_keyed_by_the_tokenizer(cache):
    """A tokenizer with other rules tokenizes the phrases differently: it never reads another's keywords."""
    import spacy

    from tonecheck import components
    from tonecheck.pipeline import customise_tokenizer

    lex = lexicon.load_lexicon()
    plain, custom = spacy.blank("en"), spacy.blank("en")
    customise_tokenizer(custom)
    assert components._keywords_key(plain, lex) != components._keywords_key(custom, lex)
    assert components._keywords_key(custom, lex) == components._keywords_key(tonecheck.load("fast"), lex)
    assert components._keywords_key(custom, lexicon.Lexicon(entries=lex.entries)) == ""  # made by hand: not cached


def test_a_custom_tokenizer_gets_the_lexicon_matcher_without_the_cache(cache):
    """A pipeline whose tokenizer cannot serialise its rules still gets tonecheck's components (nothing cached)."""
    import spacy
    from spacy.tokens import Doc

    class Whitespace:
        def __init__(self, vocab):
            self.vocab = vocab

        def __call__(self, text):
            return Doc(self.vocab, words=text.split())

        def pipe(self, texts):
            return (self(t) for t in texts)

    nlp = spacy.blank("en")
    nlp.tokenizer = Whitespace(nlp.vocab)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("tonecheck_lexicon")
    doc = nlp("I understand this must be hard . What can you afford ?")
    assert "empathy" in {s.label_ for s in doc.spans["tonecheck"]}
    assert not list(cache.glob("phrases-*.pickle"))


def test_a_corrupt_phrase_cache_is_ignored(cache):
    from tonecheck import components

    nlp = tonecheck.load("fast")
    (entry,) = cache.glob("phrases-*.pickle")
    good = pickle.loads(entry.read_bytes())
    entry.write_bytes(b"not a pickle")
    rebuilt = components._phrase_keywords(nlp, lexicon.load_lexicon(), nlp.get_pipe("tonecheck_lexicon").grammar)
    assert rebuilt == good and pickle.loads(entry.read_bytes()) == good
