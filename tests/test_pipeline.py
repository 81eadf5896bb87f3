"""Detection on real sentences, in both pipelines."""

from __future__ import annotations

import subprocess
import sys

import pytest
import spacy
from spacy.tokens import Doc

import tonecheck
from tonecheck import components
from tonecheck.components import register_extensions

from conftest import hits, process


def labels(doc, category):
    return [text for cat, text in hits(doc, category)]


# --------------------------------------------------------------------------- categories


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Oh, I'm really sorry to hear that.", "sorry to hear"),
        ("That must be difficult for you and the kids.", "That must be difficult"),
        ("Please, take your time, there's no rush at all.", "take your time"),
        ("I’m so sorry to hear about your mum.", "sorry to hear"),  # curly apostrophe
        # understanding: reflective listening and shared experience (lexicon 2026.11.3)
        ("It sounds like you feel let down by us.", "It sounds like you"),
        ("You must have felt really alone.", "You must have felt"),
        ("I had the same problem when I lost my job.", "I had the same problem"),
        ("Me too. It's a lot to carry.", "Me too"),
        ("I've felt that way myself.", "I've felt that way"),
    ],
)
def test_empathy(nlp, text, phrase):
    found = labels(process(nlp, text), "empathy")
    assert any(phrase.lower() in f.lower() for f in found), found


@pytest.mark.parametrize(
    "text",
    [
        "I have the same figure here.",  # "the same" + a noun that is not an experience
        "That's the next step for me too",  # "me too" ending a longer sentence (after a preposition), not a reply
        "Nor do I know the balance.",
    ],
)
def test_not_understanding(nlp, text):
    assert not labels(process(nlp, text), "empathy"), text


def test_blame_question_is_a_demand(nlp):
    assert any("why didn't you" in f.lower() for f in labels(process(nlp, "Why didn't you call us?"), "demand"))
    assert not labels(process(nlp, "Why don't you give us a call back tomorrow?"), "demand")


@pytest.mark.parametrize(
    "text, term",
    [
        ("Your account is now delinquent.", "delinquent"),
        ("The debt was charged off last year.", "charged off"),
        ("It went to charge-off in May.", "charge-off"),
        ("You are three months in arrears.", "arrears"),
    ],
)
def test_jargon_has_plain_alternative(nlp, text, term):
    doc = process(nlp, text)
    assert any(term in found for found in labels(doc, "jargon")), labels(doc, "jargon")
    rows = tonecheck.extract_df([doc])
    jargon = rows[rows.category == "jargon"]
    assert (jargon.plain.str.len() > 0).all()


@pytest.mark.parametrize(
    "text, kind",
    [
        ("What would you be able to manage each month?", "open_question"),
        ("How are things at the moment?", "open_question"),
        ("Can you tell me a bit more about what happened?", "open_question"),
        ("Walk me through your monthly outgoings.", "open_question"),
        ("Help me understand what changed in March.", "open_question"),
        ("Can you pay the full amount today?", "closed_question"),
        ("Is that your correct address?", "closed_question"),
        ("Would you prefer weekly or monthly?", "closed_question"),
        ("So you got the letter, right?", "closed_question"),
        ("You received our letter?", "closed_question"),
        # unpunctuated, lower-case speech-to-text
        ("what would you be able to pay each month", "open_question"),
        ("do you have a moment to talk", "closed_question"),
    ],
)
def test_questions_are_classified(nlp, text, kind):
    doc = process(nlp, text)
    found = [cat for cat, _ in hits(doc) if cat in ("open_question", "closed_question")]
    assert found == [kind], (text, hits(doc))


def test_statements_are_not_questions(nlp):
    for text in ["What I'll do is put a note on the account.", "I can see the balance here.", "That's fine."]:
        doc = process(nlp, text)
        assert not [c for c, _ in hits(doc) if c.endswith("question")], (text, hits(doc))


def test_unpunctuated_turn_holds_several_questions(nlp):
    text = (
        "hi this is sam from northway collections am i speaking with mary i can see a balance on your account "
        "do you have a moment what would you be able to manage"
    )
    doc = process(nlp, text)
    kinds = [c for c, _ in hits(doc) if c.endswith("question")]
    assert kinds == ["closed_question", "closed_question", "open_question"], hits(doc)


@pytest.mark.parametrize(
    "text",
    [
        "You need to pay the full balance today.",
        "You must make a payment now.",
        "Pay the balance today.",
        "Okay so just pay it today.",
        "Failure to pay will result in further action.",
    ],
)
def test_demands(nlp, text):
    assert labels(process(nlp, text), "demand"), text


@pytest.mark.parametrize(
    "text",
    [
        "You don't have to pay it all today.",
        "You don't need to pay anything today.",
        "There's no need to make a payment right now.",
        "I'm not saying you have to pay it all now.",
    ],
)
def test_negated_demands_are_not_counted_but_kept_as_evidence(nlp, text):
    doc = process(nlp, text)
    assert labels(doc, "demand") == [], hits(doc)
    negated = [s for s in doc.spans["tonecheck"] if s.label_ == "demand" and s._.tc_negated]
    if negated:  # the phrase was matched: the evidence says why it does not count
        assert negated[0]._.tc_modifier


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("We don't do payment plans.", "payment plans"),
        ("There's no payment plan available.", "payment plan"),
        ("We can't offer you a payment plan, sorry.", "payment plan"),
        ("I'm not able to freeze the interest.", "freeze the interest"),
        ("The creditor won't accept less than fifty a month.", "accept less"),
        ("I can't refer you to StepChange.", "StepChange"),
        ("We're unable to put a hold on the account.", "a hold on the account"),
    ],
)
def test_a_refused_solution_is_kept_as_evidence_but_not_counted(nlp, text, phrase):
    doc = process(nlp, text)
    assert phrase not in labels(doc, "solution"), hits(doc)
    refused = [s for s in doc.spans["tonecheck"] if s.label_ == "solution" and s.text == phrase]
    assert refused and refused[0]._.tc_negated and refused[0]._.tc_modifier, hits(doc, counted_only=False)


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("We can offer you a payment plan.", "payment plan"),
        ("Don't worry, we can set up a plan.", "set up a plan"),  # a comma ends the scope
        ("If you can't pay it all, we can set up a payment plan.", "payment plan"),
        ("We can't take a card payment but we can set up a payment plan.", "payment plan"),  # so does "but"
        ("Don't forget we can freeze the interest.", "freeze the interest"),  # a pseudo-negation, and a new subject
        ("Why don't we set up a payment plan?", "payment plan"),
        ("no we can set up a payment plan", "payment plan"),  # unpunctuated: "we" starts a new clause
        ("We won't chase you while this is sorted.", "won't chase you"),  # the phrase holds its own negation
        ("No further interest will be added.", "No further interest"),
        ("It's no trouble to freeze the interest for you.", "freeze the interest"),  # "no trouble" is no negation
    ],
)
def test_an_offered_solution_still_counts(nlp, text, phrase):
    doc = process(nlp, text)
    assert phrase in labels(doc, "solution"), hits(doc, counted_only=False)


def test_pseudo_negations_cancel_nothing(nlp):
    # "why don't you", "don't forget to" read like negations; the demand after them counts
    assert labels(process(nlp, "Why don't you just pay it today?"), "demand") == ["pay it today"]
    assert labels(process(nlp, "Don't forget to pay by Friday."), "demand") == ["pay by Friday"]
    assert labels(process(nlp, "You don't have to pay it all today."), "demand") == []


def test_a_negation_scope_stops_at_a_condition_word(nlp):
    # "unless you pay today" starts a clause of its own: "can't" does not reach it
    assert labels(process(nlp, "I can't help you unless you pay today."), "demand") == ["unless you pay"]
    assert labels(process(nlp, "You don't have to pay unless you can."), "demand") == []


@pytest.mark.parametrize(
    "text, rule",
    [
        ("I appreciate you being so open with me.", "empathy.thanks_for_sharing"),
        ("You've done really well to keep up with the rent.", "empathy.encouraging"),
        ("So if I've understood correctly, your hours were cut in March?", "empathy.reflect_feeling"),
    ],
)
def test_affirming_and_checking_back_are_empathy(nlp, text, rule):
    doc = process(nlp, text)
    assert rule in [s.id_ for s in doc.spans["tonecheck"] if s.label_ == "empathy"]


def test_budget_and_working_something_out_are_solutions(nlp):
    doc = process(nlp, "Let's work out something that fits your budget.")
    assert labels(doc, "solution") == ["work out something", "fits your budget"]


@pytest.mark.parametrize(
    "text, jargon",
    [
        ("This is Mark from Apex Recoveries.", []),  # a capitalised word before it, inside the sentence
        ("I'm calling from Past Due Recoveries Ltd on a recorded line.", []),  # a company word in the name
        ("I work for Credit Bureau Services Inc.", []),
        ("I'm calling from Northway Recoveries about a Default Notice.", ["Default Notice"]),  # a document
        ("Recoveries will be in touch.", ["Recoveries"]),  # opens the sentence: a department, not a name
        ("Your account is with our recoveries department.", ["recoveries"]),
        ("You're through to the Arrears Support Team.", ["Arrears"]),  # a team the customer hears named
        ("THIS IS MARK FROM APEX RECOVERIES.", ["RECOVERIES"]),  # all capitals: no telling
    ],
)
def test_jargon_in_a_company_name_is_the_name(nlp, text, jargon):
    assert labels(process(nlp, text), "jargon") == jargon


def test_payment_demand_asked_as_a_closed_question_counts_both_and_costs_less(nlp):
    asked = process(nlp, "Can you pay the full balance today?")
    told = process(nlp, "You need to pay the full balance today.")
    assert labels(asked, "demand") and labels(asked, "closed_question")
    assert len(hits(told, "demand")) == 2 > len(hits(asked, "demand")) == 1


def test_courtesy_imperatives_are_not_demands(nlp):
    for text in ["Bear with me while I check.", "Give me a moment to pull that up.", "Let me see what I can do."]:
        assert labels(process(nlp, text), "demand") == [], text


@pytest.mark.parametrize("text", ["Listen, I understand, but we need something set up.",
                                  "Look, I can see it's been hard, so let me set something up."])
def test_listen_or_look_before_a_comma_is_a_discourse_word_in_both_pipelines(nlp, text):
    # grammar.yml lists them among the discourse words skipped at a clause start; the parse must agree
    assert labels(process(nlp, text), "demand") == [], text
    assert labels(process(nlp, "Listen to me, you need to pay today."), "demand")


def test_contrast_flags_undercut_empathy(nlp):
    doc = process(nlp, "I understand, but you need to pay today.")
    empathy = [s for s in doc.spans["tonecheck"] if s.label_ == "empathy"]
    assert empathy and empathy[0]._.tc_undercut
    assert "but" in empathy[0]._.tc_modifier
    assert labels(doc, "demand")


def test_empathy_without_contrast_is_not_undercut(nlp):
    doc = process(nlp, "I understand. We can set up a payment plan that works for you.")
    empathy = [s for s in doc.spans["tonecheck"] if s.label_ == "empathy"]
    assert empathy and not empathy[0]._.tc_undercut


def test_solution(nlp):
    doc = process(nlp, "We could set up a payment plan, and StepChange offer free debt advice.")
    found = labels(doc, "solution")
    assert any("payment plan" in f for f in found) and any("StepChange" in f for f in found)


def test_customer_turns_are_context_only(nlp):
    doc = process(nlp, "I lost my job and I can't afford this. You need to stop calling me!", role="customer")
    cats = {c for c, _ in hits(doc)}
    assert "hardship" in cats
    assert not cats & {"demand", "empathy", "jargon", "open_question", "closed_question", "solution"}


@pytest.mark.parametrize(
    "text, rule",
    [
        ("I've been thinking about ending it all.", "hardship.suicide_risk"),
        ("Sometimes I think everyone would be better off without me.", "hardship.suicide_risk"),
        ("I've self-harmed in the past.", "hardship.suicide_risk"),
        ("I've got no gas or electric at the moment.", "hardship.cant_afford"),
        ("I'm self-employed and work has dried up.", "hardship.job_loss"),
    ],
)
def test_hardship_disclosures_name_their_kind(nlp, text, rule):
    doc = process(nlp, text, role="customer")
    assert [s.id_ for s in doc.spans["tonecheck"] if s.label_ == "hardship"] == [rule]


def test_hurting_yourself_at_work_is_not_a_suicide_risk(nlp):
    doc = process(nlp, "I hurt myself at work and I'm off for a week.", role="customer")
    assert "hardship.suicide_risk" not in [s.id_ for s in doc.spans["tonecheck"]]


def test_sentiment_reflects_tone_not_topic(nlp):
    doc = process(nlp, "I'm sorry to hear that. We can sort out the debt and the balance together.")
    assert all(s >= 0 for s in doc._.tc_sentiment), doc._.tc_sentiment
    harsh = process(nlp, "This is ridiculous, stop wasting my time.")
    assert min(harsh._.tc_sentiment) < 0


def test_every_span_records_its_rule(nlp):
    doc = process(nlp, "I'm sorry to hear that. What would work for you? Pay it today. It's in arrears.")
    for span in doc.spans["tonecheck"]:
        assert span.id_, span
        assert span.label_ in {"empathy", "open_question", "demand", "jargon", "closed_question", "solution"}


# --------------------------------------------------------------------------- pipelines


def test_accurate_parses_only_what_it_needs(accurate_nlp):
    syntax = accurate_nlp.get_pipe("tonecheck_syntax")
    before = syntax.parsed_sentences
    docs = [Doc(accurate_nlp.vocab, words=["placeholder"])]
    docs = [accurate_nlp.make_doc(t) for t in ["I'm sorry to hear that.", "What would work for you?"]]
    customer = accurate_nlp.make_doc("Right, well, in that case I will pay it today.")
    customer._.tc_role = "customer"
    list(accurate_nlp.pipe(docs + [customer]))
    assert syntax.parsed_sentences == before  # rules decided every agent sentence; customer turns never parsed


def test_accurate_uses_the_parse_for_mid_sentence_imperatives(accurate_nlp, fast_nlp):
    text = "Right, well in that case you know what, pay it today."
    acc = process(accurate_nlp, "Listen, the thing is I really think, honestly, pay the full amount by Friday.")
    assert labels(acc, "demand")
    # a verb from the list with a subject is not an imperative, in either pipeline
    for nlp in (accurate_nlp, fast_nlp):
        assert labels(process(nlp, "I will pay it for you when the system updates."), "demand") == []
    assert text  # the fast rule needs a clause start; the parse does not


def test_accurate_negation_scope_from_the_parse(tmp_path):
    # "not" stands two words before "will have to", but it governs "pay", not "have":
    # the lexical scope rule (fast) cancels the threat, the parse (accurate) keeps it.
    # (In a condition, "if you don't pay we will ...", the fast rule already stops at "we".)
    threat = tmp_path / "threat.yml"
    threat.write_text(
        "entries:\n  - id: demand.will_have_to_act\n    category: demand\n    phrases: [will have to take]\n",
        encoding="utf-8",
    )
    text = "Since you did not pay we will have to take action."
    fast = tonecheck.load("fast", lexicons=[threat])
    accurate = tonecheck.load("accurate", lexicons=[threat])

    def threat_span(nlp, text):
        doc = process(nlp, text)
        return next(s for s in doc.spans["tonecheck"] if s.id_ == "demand.will_have_to_act")

    assert threat_span(fast, text)._.tc_negated
    span = threat_span(accurate, text)
    assert not span._.tc_negated and span._.tc_decided_by == "parse"
    # and where the negation does govern the demand, the parse agrees with the rule
    doc = process(accurate, "I'm not saying you will have to take out a loan.")
    assert labels(doc, "demand") == [] and hits(doc, "demand", counted_only=False)


def test_trained_pipeline_tokenizes_as_its_saved_tokenizer(accurate_nlp, tmp_path):
    # the model is loaded without its saved tokenizer when that equals the defaults just built
    from pathlib import Path

    import srsly

    from tonecheck.models import use_saved_tokenizer

    model = accurate_nlp.get_pipe("tonecheck_syntax").model
    saved = Path(model.path) / "tokenizer"
    in_use = srsly.msgpack_loads(model.tokenizer.to_bytes(exclude=["vocab"]))
    assert srsly.msgpack_loads(saved.read_bytes()) == in_use
    assert "ner" not in model.pipe_names and {"tagger", "parser"} <= set(model.pipe_names)
    # a saved tokenizer that differs (a custom package) is read
    other = spacy.blank("en")
    other.tokenizer.add_special_case("gonna", [{"ORTH": "gonna"}])
    custom = tmp_path / "tokenizer"
    custom.write_bytes(other.tokenizer.to_bytes(exclude=["vocab"]))
    target = spacy.blank("en")
    assert [t.text for t in target("gonna")] == ["gon", "na"]
    assert use_saved_tokenizer(target, custom) is True
    assert [t.text for t in target("gonna")] == ["gonna"]
    assert use_saved_tokenizer(target, custom) is False  # now the same
    assert use_saved_tokenizer(target, tmp_path / "missing") is False


def test_meta_records_pipeline_model_and_lexicon(fast_nlp, accurate_nlp):
    fast = tonecheck.pipeline_info(fast_nlp)
    acc = tonecheck.pipeline_info(accurate_nlp)
    assert fast["pipeline"] == "fast" and fast["model"] is None
    assert acc["pipeline"] == "accurate" and "core_web_sm" in acc["model"]
    assert fast["lexicon_version"] == acc["lexicon_version"] == tonecheck.load_lexicon().version


def test_disable_components():
    nlp = tonecheck.load("fast", disable=["tonecheck_sentiment"])
    assert "tonecheck_sentiment" not in nlp.pipe_names
    with pytest.raises(ValueError, match="unknown component"):
        tonecheck.load("fast", disable=["tonecheck_nope"])
    with pytest.raises(ValueError, match="pipeline must be"):
        tonecheck.load("medium")  # type: ignore[arg-type]


def test_extensions_register_idempotently():
    register_extensions()
    register_extensions()  # re-running a notebook cell must not crash
    tonecheck.load("fast")


def test_user_lexicon_adds_and_overrides(tmp_path):
    extra = tmp_path / "house.yml"
    extra.write_text(
        "lexicon: house\nversion: '1'\nentries:\n"
        "  - id: jargon.house_recoveries_desk\n    category: jargon\n    phrases: [recoveries desk]\n"
        "    plain: the team that handles older debts\n"
        "  - id: empathy.take_your_time\n    enabled: false\n",
        encoding="utf-8",
    )
    nlp = tonecheck.load("fast", lexicons=[extra])
    doc = nlp("Take your time. I'll pass you to the recoveries desk.")
    assert labels(doc, "jargon") == ["recoveries desk"]
    assert not any("time" in t for t in labels(doc, "empathy"))
    assert "+user." in tonecheck.pipeline_info(nlp)["lexicon_version"]


def test_saved_pipeline_loads_without_importing_tonecheck(tmp_path):
    nlp = tonecheck.load("fast")
    nlp.to_disk(tmp_path / "pipe")
    code = (
        "import spacy, sys\n"
        f"nlp = spacy.load({str(tmp_path / 'pipe')!r})\n"
        "assert 'tonecheck' not in sys.modules or True\n"
        "doc = nlp('I am so sorry to hear that. You must pay now.')\n"
        "print(sorted({s.label_ for s in doc.spans['tonecheck']}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['demand', 'empathy']"


def test_pipe_batches_match_single_calls(fast_nlp):
    texts = ["I'm sorry to hear that.", "You need to pay today.", "What would work for you?"] * 20
    piped = [hits(d) for d in fast_nlp.pipe(texts, batch_size=7)]
    single = [hits(fast_nlp(t)) for t in texts]
    assert piped == single


def test_blank_spacy_does_not_need_tonecheck_import():
    # the entry point makes the factories known to spaCy itself
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("tonecheck_lexicon")
    doc = nlp("Your account is delinquent.")
    assert [s.label_ for s in doc.spans["tonecheck"]] == ["jargon"]


def test_negation_inside_a_condition_stops_at_the_main_clause(nlp):
    # "if this isn't paid" is the condition; "we will take legal action" is the threat, and it counts
    doc = process(nlp, "If this isn't paid we will take legal action.")
    assert any("legal action" in t for t in labels(doc, "demand")), hits(doc, counted_only=False)
    assert labels(process(nlp, "You don't have to pay it all today."), "demand") == []


def test_a_demand_phrase_inside_empathy_is_empathy(nlp):
    doc = process(nlp, "You must be so worried about all this.")
    assert labels(doc, "demand") == [] and labels(doc, "empathy")
    assert labels(process(nlp, "You must pay today."), "demand")


def test_fast_extension_reads_match_spacy_underscore(fast_nlp):
    # components and scoring read and write doc._.tc_role / tc_sentiment / ... straight in doc.user_data
    # for speed (keys spelled in tonecheck._extensions); this guards the key layout against a spaCy upgrade
    from tonecheck._extensions import SENTIMENT
    from tonecheck.components import doc_role
    from tonecheck.scoring import make_turn_doc
    from tonecheck.transcript import Transcript, Turn

    plain = fast_nlp("Take your time.")
    assert doc_role(plain) is None and plain._.tc_role is None
    doc = fast_nlp.make_doc("I'm sorry to hear that.")
    doc._.tc_role = "customer"
    doc = fast_nlp(doc)
    assert doc_role(doc) == doc._.tc_role == "customer"
    assert doc.user_data.get(SENTIMENT) == doc._.tc_sentiment and doc._.tc_sentiment
    call = Transcript(call_id="c7", turns=[Turn("Ann", "Hello."), Turn("Bob", "Hi there.", role="customer")])
    turn = make_turn_doc(fast_nlp, call, 1)
    assert (turn._.tc_role, turn._.tc_speaker, turn._.tc_turn_index, turn._.tc_call_id) == ("customer", "Bob", 1, "c7")
    # evidence_rows reads span._.tc_negated / tc_modifier / tc_undercut / tc_decided_by the same way
    from tonecheck.scoring import evidence_rows

    doc = fast_nlp("I'm sorry to hear that, but you must pay today. You don't have to pay it all now.")
    rows = evidence_rows(doc, "c", 0)
    assert len(rows) == len(doc.spans["tonecheck"]) >= 3
    for span, row in zip(doc.spans["tonecheck"], rows):
        x = span._
        assert (row["negated"], row["undercut"], row["modifier"], row["decided_by"], row["text"]) == (
            bool(x.tc_negated), bool(x.tc_undercut), x.tc_modifier or "", x.tc_decided_by, span.text)
    assert any(r["negated"] for r in rows) and any(r["undercut"] for r in rows)


PATTERN_TEXTS = [
    "That must be so hard for you. It must have been a real shock.",
    "I'm sorry. I am really sorry!",
    "Are you okay? Are you alright, are you ok.",
    "You need to pay that immediately. Clear the balance right now. Settle it straight away.",
    "I expect payment by Friday. You must pay the full amount by tomorrow.",
    "Give us a call. Give them a ring when you can. Call StepChange, or ring your bank.",
    "The payment is due. By the way, that must be hard.",  # some required words, not all
    "we need you to pay right now please",  # unpunctuated
    # followed_by (a condition, not part of the pattern): "sorry" + "." or "!" gates empathy.sorry_alone
    "I'm sorry, could you repeat that? I'm so sorry  ! I am sorry \n.",
    "yeah I feel you so me too",
    "im sorry",
]


def test_token_patterns_run_only_where_they_can_match_and_find_the_same(fast_nlp, monkeypatch):
    """The required-word gate in front of each token pattern changes nothing but the speed."""
    from pathlib import Path

    from spacy.matcher import Matcher

    from tonecheck.readers import iter_file

    lm = fast_nlp.get_pipe("tonecheck_lexicon")
    patterns = {e.id: e.pattern for e in lm.entries.values() if e.pattern is not None}
    assert sum(len(g.gated) for g in lm.gates.values()) == len(patterns) > 0
    examples = Path(__file__).parents[1] / "examples"
    texts = PATTERN_TEXTS + [turn.text for p in sorted(examples.glob("*.txt")) for t in iter_file(p) for turn in t.turns]

    def spans(docs):
        return [[(s.start, s.end, s.label_, s.id_) for g in ("tonecheck", "tonecheck_cues") for s in d.spans[g]] for d in docs]

    gated = spans(fast_nlp.pipe(texts))
    allowed = sum(
        gate.may_match(d, {}, {}) for d in fast_nlp.tokenizer.pipe(texts) for g in lm.gates.values() for _, gate in g.gated
    )

    class Open:
        words: list = []

        def windows(self, doc, *args):
            return [(0, len(doc))]

    wanted = {"agent": components._AGENT_WANTED, "customer": components._CUSTOMER_WANTED}
    for kind in lm.gates:  # every pattern of the kind of turn on every Doc
        reference = Matcher(fast_nlp.vocab)
        for eid, pattern in patterns.items():
            if lm.entries[eid].category in wanted[kind]:
                reference.add(eid, [list(pattern)])
        monkeypatch.setitem(lm.gates, kind, components.GatedMatchers([(reference, Open())]))
    assert spans(fast_nlp.pipe(texts)) == gated
    assert sum(1 for doc in gated for s in doc if s[3] in patterns) >= 12, "the texts exercise the patterns"
    assert allowed < len(texts) * len(patterns) / 4, "most pattern runs are skipped"


NEED_AMOUNT = [{"NORM": {"IN": ["i", "we"]}}, {"NORM": {"IN": ["really", "just"]}, "OP": "?"}, {"NORM": "need"},
               {"LIKE_NUM": True}, {"NORM": "pounds", "OP": "?"}]


def test_a_pattern_gate_wants_its_words_in_order_and_close(fast_nlp):
    """"I" and "need" anywhere in a turn are not enough: "i"/"we", at most one optional word, then "need"."""
    gate = components.PatternGate(NEED_AMOUNT, fast_nlp.vocab.strings)

    def windows(text):
        doc = fast_nlp.make_doc(text)
        return gate.windows(doc, {}, {})

    assert windows("I think the one thing you need is 50 pounds.") is None  # both words, far apart
    assert windows("Need I say more about 50 pounds?") is None  # out of order
    assert windows("I really need 50 pounds.") == [(0, 5)]
    # only the stretch around "we ... need": the most a match takes before "we" (nothing) and from it on (5 tokens)
    long = "Okay so I said to my manager on Monday that we just need 50 pounds by Friday."
    assert windows(long) == [(10, 15)]


def test_patterns_looked_for_in_stretches_find_what_the_whole_turn_finds(fast_nlp):
    """Matches found around the chain's places, with their offsets moved back, are the Matcher's on the whole turn."""
    from spacy.matcher import Matcher

    matcher = Matcher(fast_nlp.vocab)
    matcher.add("need_amount", [NEED_AMOUNT])
    gated = components.GatedMatchers([(matcher, components.PatternGate(NEED_AMOUNT, fast_nlp.vocab.strings))])
    text = " ".join([
        "Right, thanks for that.", "We need 20 pounds today.", "I know things are hard and I hear you.",
        "What I'd say is we really need 40 pounds and then I need 10 pounds.", "Does that sound okay to you?",
    ] * 3)
    doc = fast_nlp.make_doc(text)
    found: list = []
    gated.extend_matches(doc, found)
    assert sorted(found) == sorted(matcher(doc))
    assert len({(s, e) for _, s, e in found}) >= 9 and {doc[s:e].text for _, s, e in found} >= {"We need 20 pounds"}


def test_a_neighbour_sequence_is_matched_only_where_its_nearest_word_stands(fast_nlp):
    """followed_by ("to", "pay") runs its Matcher only when "to" follows the hit; the answer is the same."""
    from tonecheck.lexicon import LexiconEntry

    entry = LexiconEntry(id="demand.test", category="demand", phrases=("you need",),
                         followed_by=(({"NORM": "to"}, {"NORM": {"IN": ["pay", "clear"]}}),))
    rule = components.Neighbours(entry, fast_nlp.vocab)
    tests, single, edge, sequences, span, heads = rule.after
    assert heads == [("norm_", frozenset({"to"}))]
    ran: list[str] = []

    def counted(tokens):
        ran.append(tokens.text)
        return sequences(tokens)

    rule.after = (tests, single, edge, counted, span, heads)
    verdicts = {}
    for text in ("you need to pay it today", "you need to talk to someone", "you need a break"):
        doc = fast_nlp.make_doc(text)
        verdicts[text] = rule.allows(doc, 0, 2)
    assert verdicts == {"you need to pay it today": True, "you need to talk to someone": False, "you need a break": False}
    assert ran == ["to pay it today", "to talk to someone"]  # not "a break": "a" cannot start the sequence


def test_a_pattern_gate_is_filed_under_a_content_word_not_a_stop_word(fast_nlp, monkeypatch):
    """"I lost my dad" patterns are checked on turns with "lost", not on every turn with "I" in it."""
    import tonecheck.components as components

    lm = fast_nlp.get_pipe("tonecheck_lexicon")
    checked: list[str] = []
    real = components.PatternGate.windows

    def counted(gate, doc, columns, present):
        checked.append(next(fast_nlp.vocab.strings[m] for m, g in lm.gates["agent"].gated if g is gate for m in m._patterns))
        return real(gate, doc, columns, present)

    monkeypatch.setattr(components.PatternGate, "windows", counted)
    process(fast_nlp, "I will send you the form and I can call you back on Monday.", role="agent")
    assert not [name for name in checked if name.startswith("empathy.own_experience")], checked
    checked.clear()
    doc = process(fast_nlp, "I know how it feels, I lost my dad last year.", role="agent")
    assert "empathy.own_experience_lost" in checked
    assert "empathy.own_experience_lost" in [s.id_ for s in doc.spans["tonecheck"]]


def test_syntax_reads_a_turns_sentences_once_not_once_per_sentence(accurate_nlp, monkeypatch):
    """A long turn with many sentences to parse must not cost one token read per sentence (quadratic)."""
    import tonecheck.components as components

    calls = []
    real = components.sentence_texts

    def counted(doc, bounds, text=None):
        calls.append(len(bounds))
        return real(doc, bounds, text)

    monkeypatch.setattr(components, "sentence_texts", counted)
    # a verb after a phrase that is no clause opener (grammar.yml): the rules can't decide it, the parse does
    text = " ".join(f"Right, well, by then make a payment of {i} today." for i in range(60))
    doc = process(accurate_nlp, text, role="agent")
    assert len(labels(doc, "demand")) == 60
    assert calls == [60], "the sentences to parse are read in one go"


SENTIMENT_TEXTS = [
    "I'm so sorry to hear that.  Take your time!\n\nWe can sort this out together.",
    "Pay it today. Or else.   ",
    "   ",
    "okay so um we can set up a plan you know that works for you",
    "Great — thanks!! :) That's brilliant… Really?",
]


def test_sentiment_is_vader_on_each_sentence_text_whether_or_not_the_turn_text_is_known(fast_nlp):
    """Sentiment slices the turn text when tonecheck made the Doc (remember_text), else builds doc.text:
    both give VADER's score of every non-blank ``sent.text`` (of each spoken sentence, in a turn with no
    sentence punctuation: rules.spoken_sentences)."""
    from tonecheck.rules import spoken_sentences

    from tonecheck.transcript import Transcript, Turn
    from tonecheck.scoring import make_turn_doc

    sentiment = fast_nlp.get_pipe("tonecheck_sentiment")
    for text in SENTIMENT_TEXTS:
        plain = fast_nlp(text)
        t = Transcript(call_id="c", turns=[Turn(speaker="Agent", role="agent", text=text)])
        made = fast_nlp(make_turn_doc(fast_nlp, t, 0))
        texts = [s.text for s in plain.sents if s.text.strip()]
        if len(texts) == 1 and components.is_unpunctuated(plain):
            starts = spoken_sentences([t.norm_ for t in plain])
            texts = [plain[a:b].text for a, b in zip(starts, starts[1:] + [len(plain)])]
        expected = [sentiment.analyzer.polarity_scores(x)["compound"] for x in texts]
        assert plain._.tc_sentiment == expected
        assert made._.tc_sentiment == expected
    assert any(v != 0 for text in SENTIMENT_TEXTS for v in fast_nlp(text)._.tc_sentiment)


def test_sentence_bounds_follow_sentence_starts_changed_after_a_first_read(fast_nlp):
    """Components share one reading of a Doc's sentences; a component that moves sentence starts
    between tonecheck's components is seen by the next one."""
    doc = fast_nlp.make_doc("One two. Three four. Five six.")
    fast_nlp.get_pipe("sentencizer")(doc)
    assert components.sentence_bounds(doc) == tuple((s.start, s.end) for s in doc.sents)
    assert len(components.sentence_bounds(doc)) == 3
    doc[3].is_sent_start = False  # "Three" joins the first sentence
    assert components.sentence_bounds(doc) == tuple((s.start, s.end) for s in doc.sents)
    assert len(components.sentence_bounds(doc)) == 2
    assert components.token_norms(doc) == [t.norm_ for t in doc]


def test_a_sentence_ending_in_I_ends_there(nlp):
    """spaCy keeps "I." whole (an initial); in speech it is the pronoun closing a sentence, so the
    sentence ends there and "So do I." / "Neither did I." are found as shared experience."""
    doc = nlp("Neither did I. Okay, what can you pay each month?")
    assert [s.text for s in doc.sents] == ["Neither did I.", "Okay, what can you pay each month?"]
    assert len(doc._.tc_sentiment) == 2
    hits = {(s.text, s.id_) for s in doc.spans["tonecheck"]}
    assert ("Neither did I", "empathy.me_too") in hits  # the full stop that must follow is not part of the evidence
    assert any(rule.startswith("question.") for _, rule in hits)
    exclaimed = nlp("So do I!")
    assert [(s.text, s.id_) for s in exclaimed.spans["tonecheck"]] == [("So do I", "empathy.me_too")]
    assert [t.text for t in nlp("J. Smith called.")][:2] == ["J.", "Smith"]  # other initials stay whole


@pytest.mark.parametrize("asr_text, typed", [
    ("im scared", "I'm scared"), ("Im really sorry", "I'm really sorry"), ("thats fine", "that's fine"),
    ("theres no rush", "there's no rush"),
])
def test_speech_to_text_without_apostrophes_has_the_norms_of_the_typed_form(fast_nlp, asr_text, typed):
    assert [t.norm_ for t in fast_nlp.make_doc(asr_text)] == [t.norm_ for t in fast_nlp.make_doc(typed)]
    assert [t.norm_ for t in fast_nlp.make_doc("its fine")] == ["its", "fine"]  # the possessive: left as it is


def test_an_unpunctuated_turn_without_apostrophes_finds_what_the_typed_one_does(nlp):
    assert ("hardship", "im scared") in hits(process(nlp, "im scared of opening the post", role="customer"))
    assert ("empathy", "im really sorry to hear") in hits(process(nlp, "im really sorry to hear that"))
    # "its" is "it's" where the possessive cannot stand: before "not", "been", "really", ...
    assert ("empathy", "i know its not easy") in hits(process(nlp, "i know its not easy"))


def test_its_without_an_apostrophe_is_read_as_it_is_only_before_a_word_the_possessive_never_precedes(fast_nlp):
    from tonecheck.components import its_variants

    assert its_variants(fast_nlp.make_doc("I know it's not easy")) == ["I know its not easy"]
    assert its_variants(fast_nlp.make_doc("it's really tight")) == ["its really tight"]
    assert its_variants(fast_nlp.make_doc("it's paid in full")) == []  # "its paid tier": the possessive may stand there
    assert its_variants(fast_nlp.make_doc("it is not easy")) == []
