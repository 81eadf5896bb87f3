"""The lexicon loader on real files: the shipped lexicons, users' override files, and bad files.

Every validation error must name the file, the entry (when there is one) and the problem, so a
user can fix their file without reading tonecheck's source.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

import tonecheck
from tonecheck.errors import LexiconError
from tonecheck.lexicon import (
    CATEGORIES,
    LIST_NAMES,
    check_lexicon_file,
    default_lexicon_files,
    load_lexicon,
    parse_lexicon_file,
    shipped_version,
)

from conftest import hits

LEXICONS = Path(__file__).resolve().parents[1] / "lexicons"
#: The content files whose entry ids follow ``<category>.<snake_name>``.
CONTENT_FILES = ("empathy.yml", "solution.yml", "demand.yml", "jargon.yml", "hardship.yml")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the shipped lexicons


def test_shipped_lexicons_load_in_manifest_order():
    manifest = yaml.safe_load((LEXICONS / "manifest.yml").read_text(encoding="utf-8"))
    lx = load_lexicon()
    assert lx.version == shipped_version() == str(manifest["version"])
    assert [f["file"] for f in lx.files] == [f"lexicons/{name}" for name in manifest["files"]]
    assert {name for name in manifest["files"]} == {p.name for p in LEXICONS.glob("*.yml") if p.name != "manifest.yml"}
    for category in ("empathy", "solution", "demand", "not_demand", "jargon", "hardship"):
        assert len(lx.category(category)) >= 2, category
    assert len(lx.category("jargon")) >= 50
    assert all(e.category in CATEGORIES for e in lx.entries.values())
    assert set(lx.lists) <= set(LIST_NAMES) and lx.sentiment


def test_installed_package_ships_the_same_files_as_the_repository():
    for name, text in default_lexicon_files():
        assert text == (LEXICONS / Path(name).name).read_text(encoding="utf-8"), name


def test_shipped_ids_are_unique_across_files_and_follow_the_convention():
    seen: dict[str, str] = {}
    for name, text in default_lexicon_files():
        for entry in parse_lexicon_file(name, text)["entries"]:
            assert not isinstance(entry, str), f"{name}: a shipped file should not disable {entry}"
            assert entry.id not in seen, f"{entry.id} is in both {seen[entry.id]} and {name}"
            seen[entry.id] = name
            if Path(name).name in CONTENT_FILES:
                assert entry.id.startswith(entry.category + "."), entry.id
                assert re.fullmatch(r"[a-z_]+\.[a-z0-9_]+", entry.id), entry.id


def test_content_files_have_a_version_and_a_description():
    for name in CONTENT_FILES + ("sentiment.yml",):
        data = yaml.safe_load((LEXICONS / name).read_text(encoding="utf-8"))
        # semantic MAJOR.MINOR.PATCH, as a string (lexicons/README.md, "Versioning")
        assert isinstance(data["version"], str) and re.fullmatch(r"\d+\.\d+\.\d+", data["version"]), name
        assert len(data["description"]) > 80, name


def test_every_jargon_entry_has_a_plain_alternative():
    jargon = load_lexicon().category("jargon")
    for entry in jargon:
        assert entry.plain and entry.plain.strip(), entry.id
        assert entry.plain.lower() not in {p.lower() for p in entry.phrases}, entry.id


def test_everyday_words_are_not_jargon_and_payment_alone_is_not_a_solution():
    lx = load_lexicon()
    jargon = {p.lower() for e in lx.category("jargon") for p in e.phrases}
    assert not jargon & {"balance", "account", "payment", "payments", "interest", "creditor", "bailiff", "debt", "owe"}
    solution = {p.lower() for e in lx.category("solution") for p in e.phrases}
    assert not solution & {"payment", "payments", "plan", "account", "pay"}
    demand = {p.lower() for e in lx.category("demand") for p in e.phrases}
    assert not demand & {"today", "now", "immediately", "right now"}


def test_no_phrase_is_listed_twice_in_a_category(fast_nlp):
    """Phrases are matched on token norms: "you've" and "you have" are the same phrase (content files)."""
    seen: dict[tuple[str, tuple[str, ...]], str] = {}
    for entry in load_lexicon().entries.values():
        if Path(entry.source).name not in CONTENT_FILES:
            continue
        for phrase in entry.phrases:
            variants = {phrase, phrase.replace("-", " ")}
            for variant in variants:
                key = (entry.category, tuple(t.norm_ for t in fast_nlp.make_doc(variant)))
                other = seen.setdefault(key, f"{entry.id}: {phrase!r}")
                assert other == f"{entry.id}: {phrase!r}", f"{entry.id}: {phrase!r} duplicates {other}"


def test_threats_weigh_more_than_plain_obligation():
    lx = load_lexicon()
    assert lx.get("demand.you_must").weight == 1.0
    for entry_id in ("demand.legal_threat", "demand.seizure_threat", "demand.criminal_threat"):
        assert lx.get(entry_id).weight >= 1.5, entry_id
    # empathy counts 1, except the agent's own experience (empathy.own_experience*): a modest 0.5
    own = lambda e: e.id == "empathy.own_experience" or e.id.startswith("empathy.own_experience_")  # noqa: E731
    assert {e.weight for e in lx.category("empathy") if not own(e)} == {1.0}
    assert {e.weight for e in lx.category("empathy") if own(e)} == {0.5}


def test_sentiment_overrides_neutralise_topic_words_and_keep_tone_words():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    stock = SentimentIntensityAnalyzer().lexicon
    sentiment = load_lexicon().sentiment
    for topic in ("debt", "pay", "penalty", "charges", "outstanding", "interest", "dispute"):
        assert stock[topic] != 0 and sentiment[topic] == 0, topic
    assert sentiment["sorry"] > 0 > stock["sorry"]
    for tone in ("threat", "unacceptable", "ridiculous", "stupid", "unfortunately"):
        assert tone not in sentiment, tone
    # an override of 0 is only worth writing for a word VADER scores
    for token, score in sentiment.items():
        assert score != 0 or token in stock, f"{token}: VADER does not score it, so 0 changes nothing"


def test_every_sentiment_override_says_why():
    lines = (LEXICONS / "sentiment.yml").read_text(encoding="utf-8").split("sentiment:\n", 1)[1].splitlines()
    for line in lines:
        if re.match(r"\s+[\w'-]+:\s*-?[\d.]+", line):
            assert "#" in line, f"no comment on the override {line.strip()!r}"


@pytest.mark.parametrize(
    "text, role, category, rule",
    [
        ("You must be so worried about all of this.", None, "empathy", "empathy.must_be_hard"),
        # understanding, even with the account in the sentence: a feeling, a negation, or a clause of its own
        ("I understand the letters are worrying you.", None, "empathy", "empathy.understand"),
        ("I understand you haven't had the letter.", None, "empathy", "empathy.understand"),
        ("I understand, but the balance has to be cleared.", None, "empathy", "empathy.understand"),
        ("I understand.", None, "empathy", "empathy.understand"),
        ("Are you okay?", None, "empathy", "empathy.are_you_okay"),
        ("Let's go through your income and outgoings together.", None, "solution", "solution.income_expenditure"),
        ("We can put a thirty day hold on the account.", None, "solution", "solution.hold_account"),
        ("StepChange offer free debt advice.", None, "solution", "solution.signpost_uk"),
        ("A nonprofit credit counseling agency can help.", None, "solution", "solution.signpost_us"),
        ("Can you pay half by Friday?", None, "demand", "demand.pay_by_deadline"),
        ("We'll garnish your wages.", None, "demand", "demand.seizure_threat"),
        ("The account was charged off and the balance accelerated.", None, "jargon", "jargon.charge_off"),
        ("We'll need an I&E first.", None, "jargon", "jargon.income_expenditure"),
        ("I lost my job in March.", "customer", "hardship", "hardship.job_loss"),
        ("My husband passed away in June.", "customer", "hardship", "hardship.bereavement"),
    ],
)
def test_shipped_entries_find_what_they_are_for(fast_nlp, text, role, category, rule):
    doc = fast_nlp.make_doc(text)
    doc._.tc_role = role
    doc = fast_nlp(doc)
    assert rule in {s.id_ for s in doc.spans["tonecheck"] if s.label_ == category}, hits(doc)


@pytest.mark.parametrize(
    "text, role, category",
    [
        ("Sorry about that, the line dropped.", None, "empathy"),
        ("Are you okay with twenty pounds a month?", None, "empathy"),
        ("I'll freeze the interest immediately.", None, "demand"),
        ("I'll sort that out right away.", None, "demand"),
        ("How are you today?", None, "demand"),
        ("Pay what you can afford, even a pound a month.", None, "demand"),
        ("Give StepChange a call, they're free.", None, "demand"),
        ("Can I take a payment of twenty pounds?", None, "solution"),
        ("Your balance on the account is four hundred pounds.", None, "jargon"),
        ("I understand you called yesterday about the letter.", None, "empathy"),
        ("I understand the balance is three hundred pounds.", None, "empathy"),
        ("I can see how the charges add up.", None, "empathy"),
        ("I had the same issue with the portal.", None, "empathy"),
        ("I understand you want to set up a payment plan.", None, "empathy"),
        ("My car broke down last week.", "customer", "hardship"),
        ("Sorry, I can't hear you, you're breaking up.", "customer", "hardship"),
    ],
)
def test_shipped_entries_leave_ordinary_talk_alone(fast_nlp, text, role, category):
    doc = fast_nlp.make_doc(text)
    doc._.tc_role = role
    doc = fast_nlp(doc)
    assert hits(doc, category) == [], hits(doc)


def test_readme_examples_are_valid_lexicon_files(tmp_path):
    readme = (LEXICONS / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S)]
    assert len(blocks) >= 4
    for i, block in enumerate(blocks):
        text = re.sub(r"(?m)^  ", "", block) if block.startswith("  ") else block
        path = write(tmp_path, f"readme_{i}.yml", text)
        check_lexicon_file(path)  # raises LexiconError if the documentation is wrong
    load_lexicon([tmp_path / f"readme_{i}.yml" for i in range(len(blocks))])


# --------------------------------------------------------------------------- users' files


USER_FILE = """\
lexicon: house
version: "3"
entries:
  - id: jargon.arrears                  # override: our own wording
    category: jargon
    phrases: [arrears, arrears balance]
    plain: the payments you've missed so far
  - id: jargon.recoveries_desk          # new
    category: jargon
    phrases: [recoveries desk]
    plain: the team that handles older debts
  - id: empathy.take_your_time          # switched off
    enabled: false
lists:
  imperative_verbs: [wire]
sentiment:
  arrangement: 0.5
"""


def test_a_user_file_overrides_adds_and_disables_by_id(tmp_path):
    shipped = load_lexicon()
    user = load_lexicon([write(tmp_path, "house.yml", USER_FILE)])
    assert user.get("jargon.arrears").plain == "the payments you've missed so far"
    assert user.get("jargon.arrears").phrases == ("arrears", "arrears balance")
    assert user.get("jargon.arrears").source.endswith("house.yml")
    assert user.get("jargon.recoveries_desk").phrases == ("recoveries desk",)
    assert user.get("empathy.take_your_time") is None and shipped.get("empathy.take_your_time") is not None
    assert len(user.entries) == len(shipped.entries)  # one added, one switched off
    assert "wire" in user.word_list("imperative_verbs") and "pay" in user.word_list("imperative_verbs")
    assert user.sentiment["arrangement"] == 0.5 and user.sentiment["debt"] == 0
    assert re.fullmatch(re.escape(shipped.version) + r"\+user\.[0-9a-f]{8}", user.version)
    assert user.files[-1] == {"file": str(tmp_path / "house.yml"), "lexicon": "house", "version": "3"}
    assert load_lexicon().get("empathy.take_your_time") is not None  # the shipped set is untouched


def test_an_override_replaces_the_whole_entry(tmp_path):
    path = write(tmp_path, "o.yml", "entries:\n  - id: demand.legal_threat\n    category: demand\n    phrase: court\n")
    entry = load_lexicon([path]).get("demand.legal_threat")
    assert entry.phrases == ("court",) and entry.weight == 1.0 and entry.note is None


def test_later_user_files_win_and_the_version_hash_follows_the_content(tmp_path):
    a = write(tmp_path, "a.yml", "entries:\n  - id: jargon.x\n    category: jargon\n    phrase: xx\n    plain: one\n")
    b = write(tmp_path, "b.yml", "entries:\n  - id: jargon.x\n    category: jargon\n    phrase: xx\n    plain: two\n")
    assert load_lexicon([a, b]).get("jargon.x").plain == "two"
    assert load_lexicon([b, a]).get("jargon.x").plain == "one"
    assert load_lexicon([a]).version != load_lexicon([b]).version


def test_user_entries_are_detected(tmp_path):
    path = write(tmp_path, "house.yml", USER_FILE)
    nlp = tonecheck.load("fast", lexicons=[str(path)])
    doc = nlp("Your file is with the recoveries desk. Take your time.")
    assert ("jargon", "recoveries desk") in hits(doc)
    assert not hits(doc, "empathy")


def test_check_lexicon_file_summarises_a_user_file(tmp_path):
    summary = check_lexicon_file(write(tmp_path, "house.yml", USER_FILE))
    assert summary["entries"] == 2 and summary["disabled"] == 1
    assert summary["categories"] == ["jargon"] and summary["lists"] == ["imperative_verbs"] and summary["sentiment"] == 1


# --------------------------------------------------------------------------- bad files

ENTRY = "entries:\n  - id: {id}\n{body}"


def entry(entry_id: str, body: str) -> str:
    return ENTRY.format(id=entry_id, body="".join(f"    {line}\n" for line in body.strip().splitlines()))


BAD_FILES = [
    # (name, text, entry named in the message or None, problem pattern)
    ("unknown_key", entry("empathy.x", "category: empathy\nphrase: hello\nwieght: 2"), "empathy.x",
     r"unknown key\(s\) \['wieght'\]"),
    ("missing_id", "entries:\n  - category: empathy\n    phrase: hello\n", "#0", r"needs an 'id'"),
    ("bad_id", entry("Empathy X", "category: empathy\nphrase: hello"), "#0", r"needs an 'id'.*'Empathy X'"),
    ("phrase_and_pattern", entry("demand.x", 'category: demand\nphrase: pay now\npattern: [{"LOWER": "pay"}]'), "demand.x",
     r"exactly one of 'phrase', 'phrases' or 'pattern'"),
    ("no_phrase", entry("demand.x", "category: demand\nweight: 2"), "demand.x", r"exactly one of"),
    ("empty_phrases", entry("demand.x", "category: demand\nphrases: []"), "demand.x", r"non-empty list"),
    ("jargon_without_plain", entry("jargon.x", "category: jargon\nphrase: arrears"), "jargon.x", r"needs 'plain'"),
    ("plain_on_empathy", entry("empathy.x", "category: empathy\nphrase: hello\nplain: hi"), "empathy.x",
     r"'plain' is only for jargon"),
    ("weight_too_high", entry("demand.x", "category: demand\nphrase: pay now\nweight: 6"), "demand.x",
     r"'weight' must be a number in \[0, 5\], got 6"),
    ("weight_negative", entry("demand.x", "category: demand\nphrase: pay now\nweight: -1"), "demand.x", r"'weight'.*got -1"),
    ("weight_bool", entry("demand.x", "category: demand\nphrase: pay now\nweight: yes"), "demand.x", r"'weight'.*got True"),
    ("invalid_pattern", entry("demand.x", 'category: demand\npattern: [{"LOWR": "x"}]'), "demand.x",
     r"invalid spaCy token pattern.*LOWR"),
    ("unanchored_pattern", entry("demand.x", 'category: demand\npattern: [{"LOWER": "x", "OP": "*"}, {"LOWER": "pay"}]'),
     "demand.x", r"first token of a pattern must not be optional"),
    ("optional_first", entry("demand.x", 'category: demand\npattern: [{"LOWER": "x", "OP": "?"}, {"LOWER": "pay"}]'),
     "demand.x", r"first token of a pattern must not be optional"),
    ("regex_pattern", entry("demand.x", 'category: demand\npattern: [{"LOWER": {"REGEX": "^pay"}}]'), "demand.x",
     r"REGEX predicates are not allowed"),
    ("three_repeats", entry("demand.x", 'category: demand\npattern: [{"LOWER": "a"}, {"OP": "*"}, {"LOWER": "b", "OP": "+"}, '
                                        '{"LOWER": "c", "OP": "*"}]'), "demand.x", r"at most two tokens"),
    ("long_pattern", entry("demand.x", "category: demand\npattern: [" + ", ".join(['{"LOWER": "a"}'] * 13) + "]"),
     "demand.x", r"more than 12 tokens"),
    ("pattern_not_list", entry("demand.x", 'category: demand\npattern: {"LOWER": "x"}'), "demand.x",
     r"non-empty list of token attribute mappings"),
    ("unknown_category", entry("tone.x", "category: tone\nphrase: hello"), "tone.x", r"category 'tone' is not one of"),
    ("no_category", entry("empathy.x", "phrase: hello"), "empathy.x", r"category None is not one of"),
    ("scope_on_empathy", entry("empathy.x", "category: empathy\nphrase: hello\nscope: 3"), "empathy.x",
     r"only for negation and contrast"),
    ("bad_direction", entry("negation.x", "category: negation\nphrase: never\ndirection: sideways"), "negation.x",
     r"'direction' must be one of"),
    ("bad_scope", entry("negation.x", "category: negation\nphrase: never\nscope: 99"), "negation.x", r"'scope'.*got 99"),
    ("enabled_not_bool", entry("empathy.x", "enabled: 'no'"), "empathy.x", r"'enabled' must be true or false"),
    ("bad_unless", entry("empathy.x", "category: empathy\nphrase: hello\nunless: chit_chat"), "empathy.x",
     r"'unless' must be one of process_talk, account_talk, small_talk, payment_details or a list of them, got 'chit_chat'"),
    ("bad_unless_in_a_list", entry("empathy.x", "category: empathy\nphrase: hello\nunless: [small_talk, weather]"),
     "empathy.x", r"'unless' must be one of .* got \['small_talk', 'weather'\]"),
    ("applies_to_on_a_demand", entry("demand.x", "category: demand\nphrase: pay now\napplies_to: [demand]"), "demand.x",
     r"'applies_to' is only for negation triggers"),
    ("applies_to_unknown", entry("negation.x", "category: negation\nphrase: nope\napplies_to: [empathy]"), "negation.x",
     r"'applies_to' must be a list of categories from demand, solution .*got \['empathy'\]"),
    ("applies_to_not_a_list", entry("negation.x", "category: negation\nphrase: nope\napplies_to: solution"), "negation.x",
     r"'applies_to' must be a list"),
    ("followed_by_not_a_list", entry("empathy.x", 'category: empathy\nphrase: i feel you\nfollowed_by: {"NORM": "."}'),
     "empathy.x", r"'followed_by' must be a non-empty list of alternatives"),
    ("followed_by_empty", entry("empathy.x", "category: empathy\nphrase: i feel you\nfollowed_by: []"), "empathy.x",
     r"'followed_by' must be a non-empty list"),
    ("not_followed_by_bare_word", entry("empathy.x", "category: empathy\nphrase: i feel you\nnot_followed_by: [should]"),
     "empathy.x", r"'not_followed_by' holds 'should': each alternative is a token attribute mapping or 'end'"),
    ("followed_by_end_misspelt", entry("empathy.x", "category: empathy\nphrase: i feel you\nfollowed_by: [END]"),
     "empathy.x", r"'followed_by' holds 'END'"),
    ("followed_by_with_op", entry("empathy.x", 'category: empathy\nphrase: i feel you\nfollowed_by: [{"NORM": ".", "OP": "?"}]'),
     "empathy.x", r"'followed_by' describes the one token after a hit: 'OP' is not allowed"),
    ("followed_by_invalid", entry("empathy.x", 'category: empathy\nphrase: i feel you\nfollowed_by: [{"NROM": "."}, end]'),
     "empathy.x", r"invalid spaCy token mapping in 'followed_by'.*NROM"),
    ("not_followed_by_regex", entry("empathy.x", 'category: empathy\nphrase: i feel you\nnot_followed_by: [{"NORM": {"REGEX": "^sh"}}]'),
     "empathy.x", r"REGEX predicates are not allowed"),
    ("not_followed_by_tagger", entry("empathy.x", 'category: empathy\nphrase: i feel you\nnot_followed_by: [{"POS": "VERB"}]'),
     "empathy.x", r"need a trained tagger"),
    ("preceded_by_end", entry("empathy.x", 'category: empathy\nphrase: me too\npreceded_by: [end]'),
     "empathy.x", r"'preceded_by' holds 'end': each alternative is a token attribute mapping or 'start'"),
    ("followed_by_start", entry("empathy.x", 'category: empathy\nphrase: me too\nfollowed_by: [start]'),
     "empathy.x", r"'followed_by' holds 'start'.* or 'end'"),
    ("not_preceded_by_not_a_list", entry("empathy.x", 'category: empathy\nphrase: me too\nnot_preceded_by: for'),
     "empathy.x", r"'not_preceded_by' must be a non-empty list of alternatives for the token before a hit"),
    ("step_over_unknown_key", entry("empathy.x", 'category: empathy\nphrase: me too\nnot_preceded_by: [{"NORM": "for"}]\n'
                                                  "step_over: [not_preceeded_by]"), "empathy.x",
     r"'step_over' must be one of followed_by, not_followed_by, preceded_by, not_preceded_by or a list of them, "
     r"got \['not_preceeded_by'\]"),
    ("step_over_without_its_condition", entry("empathy.x", 'category: empathy\nphrase: me too\nnot_preceded_by: [{"NORM": "for"}]\n'
                                                           "step_over: [not_preceded_by, preceded_by]"), "empathy.x",
     r"'step_over' names 'preceded_by', a condition the entry does not have"),
    ("step_over_empty", entry("empathy.x", 'category: empathy\nphrase: me too\nnot_preceded_by: [{"NORM": "for"}]\nstep_over: []'),
     "empathy.x", r"'step_over' must be one of .* got \[\]"),
    ("step_over_yes", entry("empathy.x", 'category: empathy\nphrase: me too\nnot_preceded_by: [{"NORM": "for"}]\nstep_over: yes'),
     "empathy.x", r"'step_over' must be one of .* got True"),
    ("step_over_mapping", entry("empathy.x", 'category: empathy\nphrase: me too\nnot_preceded_by: [{"NORM": "for"}]\n'
                                          'step_over: [{"NORM": "for"}]'),
     "empathy.x", r"'step_over' must be one of .* got \[\{'NORM': 'for'\}\]"),
    # a sequence of tokens next to the hit (a list of mappings as one alternative)
    ("sequence_of_one", entry("demand.x", 'category: demand\nphrase: go to court\nnot_preceded_by: [[{"NORM": "can"}]]'),
     "demand.x", r"'not_preceded_by' holds the sequence .*: a sequence is a list of 2 to 6 token attribute mappings"),
    ("sequence_too_long", entry("demand.x", 'category: demand\nphrase: go to court\nnot_preceded_by: [[' +
                                ", ".join(['{"NORM": "x"}'] * 7) + ']]'),
     "demand.x", r"a sequence is a list of 2 to 6 token attribute mappings"),
    ("sequence_of_words", entry("demand.x", "category: demand\nphrase: go to court\nnot_preceded_by: [[you, can]]"),
     "demand.x", r"'not_preceded_by' holds the sequence \['you', 'can'\]: a sequence is a list of 2 to 6"),
    ("sequence_with_start", entry("demand.x", 'category: demand\nphrase: go to court\npreceded_by: [[start, {"NORM": "we"}]]'),
     "demand.x", r"'preceded_by' holds the sequence \['start'"),
    ("sequence_repeats", entry("demand.x", 'category: demand\nphrase: go to court\n'
                               'not_preceded_by: [[{"NORM": "you"}, {"IS_ALPHA": true, "OP": "*"}, {"NORM": "can"}]]'),
     "demand.x", r"'not_preceded_by' holds a sequence with 'OP': '\*': only '\?' \(an optional token\) is allowed"),
    ("sequence_optional_before_the_hit", entry("demand.x", 'category: demand\nphrase: go to court\n'
                                               'not_preceded_by: [[{"NORM": "you"}, {"NORM": "can", "OP": "?"}]]'),
     "demand.x", r"'not_preceded_by' holds a sequence whose token right before the hit is optional"),
    ("sequence_optional_after_the_hit", entry("demand.x", 'category: demand\nphrase: you have to\n'
                                              'not_followed_by: [[{"NORM": "be", "OP": "?"}, {"NORM": "careful"}]]'),
     "demand.x", r"'not_followed_by' holds a sequence whose token right after the hit is optional"),
    ("sequence_invalid", entry("demand.x", 'category: demand\nphrase: go to court\n'
                               'not_preceded_by: [[{"NROM": "you"}, {"NORM": "can"}]]'),
     "demand.x", r"invalid spaCy token sequence in 'not_preceded_by'.*NROM"),
    ("sequence_regex", entry("demand.x", 'category: demand\nphrase: go to court\n'
                             'not_preceded_by: [[{"NORM": {"REGEX": "^y"}}, {"NORM": "can"}]]'),
     "demand.x", r"REGEX predicates are not allowed"),
    ("sequence_tagger", entry("demand.x", 'category: demand\nphrase: go to court\n'
                              'not_preceded_by: [[{"POS": "PRON"}, {"NORM": "can"}]]'),
     "demand.x", r"need a trained tagger"),
    ("bare_yes_in_phrases", entry("empathy.x", "category: empathy\nphrases: [yes, of course]"), "empathy.x",
     r"phrase True must be a non-empty string"),
    ("duplicate_id", entry("empathy.x", "category: empathy\nphrase: hello") + "  - id: empathy.x\n    category: empathy\n"
     "    phrase: hi\n", "empathy.x", r"duplicate id in the same file"),
    ("entry_not_mapping", "entries:\n  - just a phrase\n", "#0", r"entry 0 must be a mapping"),
]

FILE_LEVEL = [
    # (name, text, problem pattern): errors about the whole file name the file only
    ("yaml_syntax", "entries:\n  - id: empathy.x\n    phrases: [hello, hi\n", r"not valid YAML at line \d+"),
    ("tab_indent", "entries:\n\t- id: empathy.x\n", r"not valid YAML"),
    ("bare_yes_in_word_list", "lists:\n  fillers: [um, yes]\n",
     r"word list 'fillers' holds True, not a word \(quote yes/no/on/off"),
    ("unknown_word_list", "lists:\n  verbs: [pay]\n", r"unknown word list 'verbs'"),
    ("word_list_not_list", "lists:\n  fillers: um\n", r"must be a list of words"),
    ("two_words_to_step_over", "lists:\n  step_over_words: [really, at all]\n",
     r"word list 'step_over_words' holds 'at all': a condition steps over one word at a time, so each must be one word"),
    ("unknown_top_level_key", "entry:\n  - id: empathy.x\n", r"unknown top-level key\(s\) \['entry'\]"),
    ("defines_nothing", "lexicon: empty\nversion: '1'\n", r"defines nothing"),
    ("not_a_mapping", "- id: empathy.x\n", r"must be a YAML mapping"),
    ("empty_file", "", r"must be a YAML mapping"),
    ("entries_not_list", "entries:\n  id: empathy.x\n", r"'entries' must be a list"),
    ("bad_default_category", "category: warmth\nentries: []\n", r"category 'warmth' is not one of"),
    ("sentiment_out_of_range", "sentiment:\n  debt: 5\n", r"sentiment score for 'debt' must be a number from -4 to 4"),
    ("sentiment_not_number", "sentiment:\n  debt: low\n", r"sentiment score for 'debt'.*'low'"),
    ("sentiment_two_words", "sentiment:\n  final demand: -2\n", r"must be one token"),
    ("sentiment_not_mapping", "sentiment: [debt]\n", r"'sentiment' must be a mapping"),
]


@pytest.mark.parametrize("name, text, entry_name, problem", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_entry_errors_name_the_file_the_entry_and_the_problem(tmp_path, name, text, entry_name, problem):
    path = write(tmp_path, f"{name}.yml", text)
    with pytest.raises(LexiconError) as info:
        parse_lexicon_file(path)
    err = info.value
    assert err.file == str(path) and err.entry == entry_name
    assert str(err).startswith(f"{path}: entry {entry_name}: ")
    assert re.search(problem, err.problem), err.problem


@pytest.mark.parametrize("name, text, problem", FILE_LEVEL, ids=[c[0] for c in FILE_LEVEL])
def test_file_errors_name_the_file_and_the_problem(tmp_path, name, text, problem):
    path = write(tmp_path, f"{name}.yml", text)
    with pytest.raises(LexiconError) as info:
        parse_lexicon_file(path)
    assert info.value.file == str(path) and info.value.entry is None
    assert str(info.value).startswith(f"{path}: ")
    assert re.search(problem, info.value.problem), info.value.problem


def test_a_bad_user_file_stops_loading_with_the_same_message(tmp_path):
    path = write(tmp_path, "broken.yml", entry("jargon.dca", "category: jargon\nphrase: dca"))
    with pytest.raises(LexiconError, match=r"broken\.yml: entry jargon\.dca: a jargon entry needs 'plain'"):
        load_lexicon([path])
    with pytest.raises(LexiconError, match=r"broken\.yml: entry jargon\.dca"):
        check_lexicon_file(path)
    with pytest.raises(LexiconError, match=r"broken\.yml: entry jargon\.dca"):
        tonecheck.load("fast", lexicons=[str(path)])


def test_a_missing_or_unreadable_file_is_named(tmp_path):
    with pytest.raises(LexiconError, match=r"nope\.yml: lexicon file not found"):
        load_lexicon([tmp_path / "nope.yml"])
    latin1 = tmp_path / "latin1.yml"
    latin1.write_bytes("entries:\n  - id: empathy.x\n    category: empathy\n    phrase: d\xe9sol\xe9\n".encode("latin-1"))
    with pytest.raises(LexiconError, match=r"latin1\.yml: cannot read lexicon file"):
        parse_lexicon_file(latin1)


def test_a_disabled_entry_needs_only_its_id(tmp_path):
    path = write(tmp_path, "off.yml", "entries:\n  - id: demand.you_must\n    enabled: false\n")
    assert parse_lexicon_file(path)["entries"] == ["demand.you_must"]
    assert load_lexicon([path]).get("demand.you_must") is None


def test_quoted_yes_is_a_word(tmp_path):
    path = write(tmp_path, "quoted.yml", 'lists:\n  fillers: ["yes", "no", um]\n')
    assert parse_lexicon_file(path)["lists"]["fillers"] == frozenset({"yes", "no", "um"})


# --------------------------------------------------------------------------- what follows a hit

NEXT_TOKEN_FILE = """\
entries:
  - id: empathy.house_gotcha
    category: empathy
    pattern: [{"NORM": "i"}, {"NORM": "gotcha"}]
    followed_by: [{"NORM": {"IN": [".", "!"]}}, end]
  - id: empathy.house_glad
    category: empathy
    phrases: [i'm so glad]
    not_followed_by: [{"NORM": {"IN": ["to", "that"]}}]
  - id: empathy.house_there_there
    category: empathy
    phrase: there there
    followed_by: [{"IS_PUNCT": true}]
  - id: empathy.house_mid_sentence
    category: empathy
    phrase: bless you
    not_followed_by: [end, {"NORM": "!"}]
  - id: empathy.house_likewise
    category: empathy
    phrase: likewise
    preceded_by: [start, {"NORM": {"IN": ["oh", "yeah", ","]}}]
  - id: empathy.house_me_as_well
    category: empathy
    phrase: me as well
    not_preceded_by: [{"NORM": {"IN": ["for", "to"]}}]
"""


def test_followed_by_and_not_followed_by_are_loaded_as_alternatives(tmp_path):
    lx = load_lexicon([write(tmp_path, "next.yml", NEXT_TOKEN_FILE)])
    assert lx.get("empathy.house_gotcha").followed_by == ({"NORM": {"IN": [".", "!"]}}, "end")
    assert lx.get("empathy.house_glad").not_followed_by == ({"NORM": {"IN": ["to", "that"]}},)
    assert lx.get("empathy.house_glad").followed_by == ()
    assert lx.get("empathy.understand").followed_by == lx.get("empathy.understand").not_followed_by == ()


@pytest.mark.parametrize(
    "text, found",
    [
        # followed_by with end: punctuation after the hit, or nothing after it in the turn (speech-to-text)
        ("I gotcha.", [("I gotcha", "empathy.house_gotcha")]),
        ("yeah I gotcha", [("I gotcha", "empathy.house_gotcha")]),
        ("yeah I gotcha  \n", [("I gotcha", "empathy.house_gotcha")]),  # trailing whitespace tokens are skipped
        ("Okay, I gotcha! Let's look at the plan.", [("I gotcha", "empathy.house_gotcha")]),
        ("I gotcha covered on that one.", []),
        ("I gotcha, I do.", []),
        # not_followed_by: anything else may follow, and the end of the turn passes
        ("I'm so glad", [("I'm so glad", "empathy.house_glad")]),
        ("I'm so glad you called us.", [("I'm so glad", "empathy.house_glad")]),
        ("I'm so glad to hear it.", []),
        ("I'm so glad that's sorted.", []),
        # followed_by without end: the token must be there
        ("Oh there there.", [("there there", "empathy.house_there_there")]),
        ("oh there there", []),
        # end in not_followed_by: the hit must not close its sentence
        ("bless you", []),
        ("Bless you!", []),
        ("Bless you for being so patient.", [("Bless you", "empathy.house_mid_sentence")]),
        # preceded_by with start: the hit opens its sentence, or follows one of the listed tokens
        ("Likewise.", [("Likewise", "empathy.house_likewise")]),
        ("Okay. Likewise, honestly.", [("Likewise", "empathy.house_likewise")]),
        ("oh  likewise", [("likewise", "empathy.house_likewise")]),  # whitespace before the hit is skipped
        ("Do likewise with the form.", []),
        # not_preceded_by: the start of the sentence passes
        ("Me as well.", [("Me as well", "empathy.house_me_as_well")]),
        ("yeah me as well", [("me as well", "empathy.house_me_as_well")]),
        ("That's the next step for me as well.", []),
    ],
)
def test_the_token_after_a_hit_decides_and_is_not_part_of_it(tmp_path, text, found):
    nlp = tonecheck.load("fast", lexicons=[write(tmp_path, "next.yml", NEXT_TOKEN_FILE)])
    doc = nlp(text)
    assert [(s.text, s.id_) for s in doc.spans["tonecheck"] if s.id_.startswith("empathy.house_")] == found


SEQUENCE_FILE = """\
entries:
  - id: demand.house_court
    category: demand
    phrase: go to court
    not_preceded_by:
      - [{"NORM": "you"}, {"NORM": {"IN": ["can", "could"]}}]
      - [{"NORM": "you"}, {"NORM": "have"}, {"NORM": "got", "OP": "?"}, {"NORM": "the"}, {"NORM": "right"}, {"NORM": "to"}]
  - id: demand.house_must
    category: demand
    phrase: you must
    not_followed_by: [[{"NORM": "be"}, {"NORM": "really", "OP": "?"}, {"NORM": "careful"}], {"NORM": "know"}]
  - id: demand.house_court_date
    category: demand
    phrase: court
    followed_by: [[{"NORM": "date"}, {"IS_PUNCT": true}], end]
    preceded_by: [[{"NORM": "the"}, {"NORM": "county"}]]
"""


def test_a_sequence_is_loaded_as_one_alternative(tmp_path):
    lx = load_lexicon([write(tmp_path, "seq.yml", SEQUENCE_FILE)])
    assert lx.get("demand.house_court").not_preceded_by[0] == ({"NORM": "you"}, {"NORM": {"IN": ["can", "could"]}})
    assert lx.get("demand.house_must").not_followed_by == (
        ({"NORM": "be"}, {"NORM": "really", "OP": "?"}, {"NORM": "careful"}), {"NORM": "know"})


@pytest.mark.parametrize(
    "text, found",
    [
        # not_preceded_by a sequence: the words right before the hit, in order
        ("We'll go to court.", [("go to court", "demand.house_court")]),
        ("This can go to court.", [("go to court", "demand.house_court")]),
        ("You can go to court.", []),
        ("you could go to court", []),
        ("You  can go to court.", []),  # whitespace between the words of a sequence is skipped
        ("You have the right to go to court.", []),
        ("You've got the right to go to court.", []),  # an optional token of the sequence
        ("You can, if you like, go to court.", [("go to court", "demand.house_court")]),  # not right before the hit
        ("We have the right to go to court.", [("go to court", "demand.house_court")]),
        ("You can see it. Go to court.", [("Go to court", "demand.house_court")]),  # the sentence before is not read
        # not_followed_by a sequence, or a single token
        ("You must be careful.", []),
        ("You must be really careful.", []),
        ("You must know that.", []),
        ("You must be honest with me.", [("You must", "demand.house_must")]),
        ("You must be.", [("You must", "demand.house_must")]),  # the sequence runs past the end of the sentence
        # followed_by a sequence or end, and preceded_by a sequence
        ("It's in the county court date.", [("court", "demand.house_court_date")]),
        ("It's in the county court", [("court", "demand.house_court_date")]),
        ("It's in the county court date soon.", []),
        ("It's in the court date.", []),
    ],
)
def test_a_sequence_of_tokens_next_to_a_hit_decides(tmp_path, text, found):
    nlp = tonecheck.load("fast", lexicons=[write(tmp_path, "seq.yml", SEQUENCE_FILE)], include_default_lexicons=False)
    doc = nlp(text)
    assert [(s.text, s.id_) for s in doc.spans["tonecheck"] if s.id_.startswith("demand.house_")] == found


def test_a_sentence_break_is_the_end_for_followed_by(tmp_path):
    """"end" is the end of the hit's sentence: with sentences set by another component (no punctuation), too."""
    nlp = tonecheck.load("fast", lexicons=[write(tmp_path, "next.yml", NEXT_TOKEN_FILE)])
    doc = nlp.make_doc("yeah I gotcha so what we can do is")
    for i, token in enumerate(doc):
        token.is_sent_start = i in (0, 3)
    for name, component in nlp.pipeline:
        if name != "sentencizer":
            doc = component(doc)
    assert [(s.text, s.id_) for s in doc.spans["tonecheck"] if s.id_.startswith("empathy.house_")] == [
        ("I gotcha", "empathy.house_gotcha")
    ]


# --------------------------------------------------------------------------- stepping over hedge words

STEP_OVER_FILE = """\
lists:
  step_over_words: [truly]
entries:
  - id: empathy.house_glad_to_help
    category: empathy
    phrase: glad to help
    not_preceded_by: [{"NORM": "not"}]
    step_over: not_preceded_by
  - id: empathy.house_happy_to_help
    category: empathy
    phrase: happy to help
    not_preceded_by: [{"NORM": "not"}]
  - id: empathy.house_likewise
    category: empathy
    phrase: likewise
    preceded_by: [start, {"NORM": {"IN": ["oh", "yeah"]}}]
    step_over: [preceded_by]
  - id: empathy.house_bless_you
    category: empathy
    phrase: bless you
    not_followed_by: [end]
    step_over: [not_followed_by]
"""


def test_step_over_is_loaded_with_the_conditions_it_names(tmp_path):
    lx = load_lexicon([write(tmp_path, "step.yml", STEP_OVER_FILE)])
    assert lx.get("empathy.house_glad_to_help").step_over == ("not_preceded_by",)
    assert lx.get("empathy.house_likewise").step_over == ("preceded_by",)
    assert lx.get("empathy.house_happy_to_help").step_over == ()
    assert {"really", "actually", "been", "truly"} <= lx.word_list("step_over_words")


@pytest.mark.parametrize(
    "text, found",
    [
        # not_preceded_by with step_over: the denial is read past the step-over words between
        ("I'm glad to help.", ["empathy.house_glad_to_help"]),
        ("I'm not glad to help.", []),
        ("I'm not really glad to help.", []),
        ("I'm not actually all that glad to help.", []),              # three step-over words, then "not"
        ("I'm not really actually all that glad to help.", ["empathy.house_glad_to_help"]),  # four: too far
        ("I'm not truly glad to help.", []),                           # a word a user's file added
        ("I'm really glad to help.", ["empathy.house_glad_to_help"]),
        ("I'm not sure, really glad to help.", ["empathy.house_glad_to_help"]),  # the comma stops the steps
        # the same condition without step_over reads only the token next to the hit, as before
        ("I'm not happy to help.", []),
        ("I'm not really happy to help.", ["empathy.house_happy_to_help"]),
        # preceded_by with step_over: start and the listed tokens are found past step-over words
        ("Really likewise.", ["empathy.house_likewise"]),
        ("oh really likewise", ["empathy.house_likewise"]),
        ("Do really likewise.", []),
        # not_followed_by with step_over: "end" holds when only step-over words follow the hit
        ("yeah bless you really", []),
        ("Bless you really for calling.", ["empathy.house_bless_you"]),
    ],
)
def test_a_condition_with_step_over_reads_past_step_over_words(tmp_path, text, found):
    nlp = tonecheck.load("fast", lexicons=[write(tmp_path, "step.yml", STEP_OVER_FILE)])
    doc = nlp(text)
    assert [s.id_ for s in doc.spans["tonecheck"] if s.id_.startswith("empathy.house_")] == found


def test_only_hardship_denials_step_over_in_the_shipped_lexicons():
    """Stepping over is opt-in per condition: the empathy, demand and jargon conditions read the one token next
    to a hit, as they always did; the hardship entries step over only in their ``not_preceded_by``."""
    stepping = [e for e in load_lexicon().entries.values() if e.step_over]
    assert stepping and {e.category for e in stepping} == {"hardship"}
    assert {key for e in stepping for key in e.step_over} == {"not_preceded_by"}


# --------------------------------------------------------------------------- known gaps in validation
# These document problems reported to the loader's owners; they pass once the loader is fixed.


def test_duplicate_keys_in_an_entry_are_an_error(tmp_path):
    path = write(tmp_path, "dup.yml", "entries:\n  - id: empathy.x\n    category: empathy\n    phrases: [a]\n    phrases: [b]\n")
    with pytest.raises(LexiconError, match="duplicate"):
        parse_lexicon_file(path)


def test_patterns_needing_a_tagger_are_rejected(tmp_path):
    path = write(tmp_path, "lemma.yml", entry("demand.x", 'category: demand\npattern: [{"LEMMA": "pay"}, {"LOWER": "now"}]'))
    with pytest.raises(LexiconError, match="LEMMA"):
        parse_lexicon_file(path)


def test_a_negated_first_token_is_unanchored(tmp_path):
    path = write(tmp_path, "bang.yml", entry("demand.x", 'category: demand\npattern: [{"LOWER": "x", "OP": "!"}, {"LOWER": "pay"}]'))
    with pytest.raises(LexiconError, match="first token"):
        parse_lexicon_file(path)


def test_disabling_an_unknown_id_is_reported(tmp_path):
    path = write(tmp_path, "typo.yml", "entries:\n  - id: empathy.take_you_time\n    enabled: false\n")
    with pytest.raises(LexiconError, match="take_you_time"):
        load_lexicon([path])


def test_entry_ids_are_grouped_by_category_in_each_content_file():
    """Each content file holds its own category (plus not_demand in demand.yml)."""
    by_file: dict[str, set[str]] = defaultdict(set)
    for name, text in default_lexicon_files():
        for e in parse_lexicon_file(name, text)["entries"]:
            by_file[Path(name).name].add(e.category)
    assert by_file["empathy.yml"] == {"empathy"}
    assert by_file["solution.yml"] == {"solution"}
    assert by_file["demand.yml"] == {"demand", "not_demand"}
    assert by_file["jargon.yml"] == {"jargon"}
    assert by_file["hardship.yml"] == {"hardship"}
