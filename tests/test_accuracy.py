"""The accuracy benchmark runs on a small slice of the public evaluation data (issue 6).

Floors are far below the targets: this catches a crash or a collapse, not a regression of a
point or two (benchmarks/accuracy.py on the full dev splits gives the figures).
Data: ``../shared/eval`` beside the repository, or env ``TONECHECK_EVAL_DATA``; those tests are
skipped if it is absent. The question-rule cases at the end need no data.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pytest

import tonecheck

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import accuracy as acc  # noqa: E402

DATA = Path(os.environ.get("TONECHECK_EVAL_DATA") or Path(__file__).resolve().parents[2] / "shared" / "eval")

needs_data = pytest.mark.skipif(not (DATA / "swda" / "dev.tsv").exists(), reason=f"no evaluation data at {DATA}")


def test_metric_helpers():
    assert acc.roc_auc([1, 0, 1, 0], [0.9, 0.1, 0.8, 0.2]) == 1.0
    assert acc.roc_auc([1, 0], [0.5, 0.5]) == 0.5
    assert abs(acc.spearman([1, 2, 3, 4], [10, 20, 30, 40]) - 1.0) < 1e-9
    assert abs(acc.spearman([1, 2, 2, 3], [3, 2, 2, 1]) + 1.0) < 1e-9  # ties share a rank
    assert acc.asr("Can you, pay it? Yes.") == "can you pay it yes"
    assert acc.swda_text("Go ahead. *two utts?") == "Go ahead."
    assert acc.gold_question("qy^d") == "closed" and acc.gold_question("qh") is None and acc.gold_question("sd") == "none"
    rep = acc.kind_report(["open", "closed", "closed"], ["open", "closed", "open"])
    assert rep["confusion"]["gold_closed/pred_open"] == 1 and rep["open"]["f1"] == pytest.approx(2 / 3)


def test_self_disclosure_and_interpretation_signal(fast_nlp):
    doc = fast_nlp("I lost my job last year. I'll check the account. It sounds like you've had a hard time. Same here.")
    # "I lost my job" discloses; "I'll check" is an intention; "Same here" is an understanding hit, no pronoun
    assert acc.self_disclosure_sentences(doc) == 1
    assert acc.interpretation_signal(doc) == 1 + 2


def test_interpretations_headline_counts_tonecheck_detections_only(fast_nlp):
    doc = fast_nlp("I lost my job last year. I'll check the account. It sounds like you've had a hard time. Same here.")
    # "I lost" is an own-experience hit; "it sounds like you" and "Same here" understanding hits;
    # "I'll check the account" nothing. The script's pronoun count plays no part.
    assert acc.understanding_hits(doc) == 3
    assert acc.is_own_experience("empathy.own_experience_past") and not acc.is_own_experience("empathy.understand")
    # own experience is EPITOME's interpretations, not an emotional reaction
    plain = fast_nlp("I lost my job last year.")
    assert acc.understanding_hits(plain) == 1 and acc.empathy_signal(plain) < 1


@needs_data
def test_fast_slice_runs_within_a_minute(fast_nlp):
    """SwDA 1,500 utterances (both variants), 400 politeness requests, 300 EPITOME rows per mechanism."""
    t0 = time.perf_counter()
    swda = acc.load_swda(DATA, limit=1500)
    assert len(swda) == 1500
    q = acc.run_questions(fast_nlp, swda)
    assert q["punct"]["detection"]["f1"] >= 0.70
    assert q["nopunct"]["detection"]["f1"] >= 0.55
    assert q["punct"]["open_closed"]["macro_f1"] >= 0.85
    assert q["nopunct"]["open_closed"]["macro_f1"] >= 0.80
    base = acc.run_question_baselines(swda)
    assert base["contains_?/nopunct"]["detection"]["f1"] == 0.0
    assert q["punct"]["detection"]["f1"] > base["contains_?/punct"]["detection"]["f1"]

    pol = acc.run_politeness(fast_nlp, acc.load_politeness(DATA, limit=400), k=5, weights=acc.load_weights())
    assert pol["tonecheck_cv"]["spearman"] >= 0.20
    assert pol["tonecheck_cv"]["binary_accuracy"] >= 0.60
    assert pol["tonecheck_shipped_weights"]["spearman"] >= 0.25
    assert pol["peers"]["vader_compound"]["spearman"] > 0

    ep = acc.run_epitome(fast_nlp, DATA, limit=300)
    assert ep["emotional_reactions"]["auc"] >= 0.65
    assert ep["interpretations"]["auc"] >= 0.45
    assert ep["explorations"]["auc"] >= 0.88
    assert ep["explorations"]["open_question_share_of_positives"] >= 0.30
    assert time.perf_counter() - t0 < 60


@needs_data
def test_accurate_slice(accurate_nlp):
    swda = acc.load_swda(DATA, limit=500)
    q = acc.run_questions(accurate_nlp, swda)
    assert q["punct"]["detection"]["f1"] >= 0.70 and q["punct"]["open_closed"]["macro_f1"] >= 0.85
    ep = acc.run_epitome(accurate_nlp, DATA, limit=100)
    assert ep["explorations"]["auc"] >= 0.85


@needs_data
def test_subsample_is_every_kth_conversation():
    every3 = acc.load_swda(DATA, limit=300, every=3)
    assert len(every3) == 300 and every3[0] == acc.load_swda(DATA, limit=1)[0]


def test_shipped_weights_match_the_features():
    weights = acc.load_weights()
    assert weights is not None and tuple(weights["features"]) == acc.TONECHECK_FEATURES
    assert len(weights["coef"]) == len(weights["mean"]) == len(weights["scale"]) == len(acc.TONECHECK_FEATURES)
    b = weights["binary"]
    assert len(b["coef"]) == len(b["mean"]) == len(b["scale"]) == len(acc.TONECHECK_FEATURES)


def test_politeness_request_and_person_markers(fast_nlp):
    f = acc.tonecheck_features(fast_nlp('He deleted it again. Why did you "fix" it? Who told you that?'))
    assert f["third_party"] == 1 and f["impatience"] == 1 and f["why_person"] == 1 and f["quoted"] == 1
    assert f["challenge"] >= 1  # "who told you"
    f = acc.tonecheck_features(fast_nlp("I see the problem, e.g. the second plot. You're right. Could you post the log?"))
    assert f["request_counterfactual"] == 1 and f["request_indicative"] == 0
    assert f["request_first_start"] == 1 and f["agreement"] == 1 and f["examples"] == 1 and f["third_party"] == 0
    f = acc.tonecheck_features(fast_nlp("Please stop. Can you explain why the build fails?"))
    assert f["request_please_start"] == 1 and f["request_indicative"] == 1 and f["why_person"] == 0
    assert f["please_later_start"] == 0 and f["please_medial"] == 0


def test_each_please_is_counted_by_one_marker(fast_nlp):
    f = acc.tonecheck_features(fast_nlp("Please stop. I asked twice. Please check it again, please."))
    assert (f["request_please_start"], f["please_later_start"], f["please_medial"]) == (1, 1, 1)
    f = acc.tonecheck_features(fast_nlp("I had a look. Could you please post the log? Please?"))
    assert (f["request_please_start"], f["please_later_start"], f["please_medial"]) == (0, 1, 1)
    f = acc.tonecheck_features(fast_nlp("Could you help me, please?"))
    assert (f["request_please_start"], f["please_later_start"], f["please_medial"]) == (0, 0, 1)


def test_binary_model_is_fitted_on_the_quartiles():
    import numpy as np

    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 3))
    y = X[:, 0] - 0.5 * X[:, 1] + rng.normal(scale=0.5, size=400)
    (w, mu, sd), thr = acc.fit_binary(X, y)
    assert w[1] > 0 and w[2] < 0 and abs(w[3]) < abs(w[2])
    cv = acc.cross_validate(X, y, k=5)
    assert cv["binary_accuracy"] > 0.85 and cv["binary_accuracy_ridge"] > 0.85 and cv["spearman"] > 0.7


def test_penalties_are_chosen_inside_each_training_fold():
    import numpy as np

    rng = np.random.default_rng(1)
    X = rng.normal(size=(300, 4))
    y = X[:, 0] + rng.normal(scale=0.5, size=300)
    cv = acc.cross_validate(X, y, k=5)  # nested: one choice per outer fold, from the grids
    assert cv["nested"] and len(cv["chosen"]["ridge_alpha"]) == len(cv["chosen"]["logit_alpha"]) == 5
    assert set(cv["chosen"]["ridge_alpha"]) <= set(acc.RIDGE_ALPHAS)
    assert set(cv["chosen"]["logit_alpha"]) <= set(acc.LOGIT_ALPHAS)
    fixed = acc.cross_validate(X, y, k=5, alpha=10.0, logit_alpha=1.0)
    assert not fixed["nested"] and fixed["chosen"]["ridge_alpha"] == [10.0] * 5
    # the selection sees only what it is given: the same training rows give the same choice
    a1, scores = acc.select_ridge_alpha(X[:200], y[:200], 5, seed=(0, 1))
    assert a1 == acc.select_ridge_alpha(X[:200], y[:200], 5, seed=(0, 1))[0] and set(scores) == set(acc.RIDGE_ALPHAS)
    many = acc.cross_validate_seeds(X, y, 5, seeds=(0, 1))
    assert set(many["seeds"]) == {"0", "1"} and many["spearman"] == many["seeds"]["0"]["spearman"]
    assert many["spearman_over_seeds"]["min"] <= many["spearman_over_seeds"]["mean"] <= many["spearman_over_seeds"]["max"]


# --------------------------------------------------------------------------- the general rules behind the figures


def _questions(nlp, text, attr="id_"):
    """(label, rule) of each question found in ``text``; ``attr="text"`` gives its words instead of its rule."""
    doc = nlp(text)
    return [(s.label_, getattr(s, attr)) for s in doc.spans["tonecheck"] if s.label_.endswith("question")]


@pytest.mark.parametrize(
    "text, label",
    [
        ("That's a lot to take on, isn't it.", "closed_question"),  # negative tag before a full stop
        ("What about your partner's income.", "open_question"),
        ("I don't know if you've had a chance to look at the letter.", "closed_question"),  # indirect question
        ("Are you, um, working at the moment", "closed_question"),  # resumed after a hesitation
        ("where where are you calling from", "open_question"),  # a word said twice
        ("are you do you have any other debts", "closed_question"),  # a restart
        ("Just wondering how you're holding up?", "open_question"),
        # a suggestion put as a question asks for a yes or a no: not an open question
        ("Why don't you pay something towards it today?", "closed_question"),
        ("Why don't we set up a plan that fits your budget?", "closed_question"),
        ("Why not just clear the balance now?", "closed_question"),
        # "why don't you" + a verb of reason, or "why not" alone, asks a reason
        ("Why don't you trust us?", "open_question"),
        ("Why don't you want to set up a plan?", "open_question"),
        ("Why not?", "open_question"),
        ("Why not me?", "open_question"),
        ("Why don't you tell me what happened?", "open_question"),  # an invitation (open.tell_me)
    ],
)
def test_question_forms(fast_nlp, text, label):
    found = _questions(fast_nlp, text)
    assert found and found[0][0] == label, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "The problem is I work nights.",  # "is" does not agree with "I"
        "The thing is he was ill for months.",  # the subject's own verb follows
        "She said, can you call me back on Friday.",  # reported speech
        "My manager asked, what is the balance?",  # reported, with its "?"
        "Which is why I rang you.",  # relative "which"
        "What happens is the payment goes out on the first.",  # pseudo-cleft
        "The reason I called, is that the arrangement has lapsed.",
        "Have a good day.",
        "I couldn't do it, you know?",  # discourse marker
        "How about that.",  # exclamation
        # a suggestion worded as a question, without its "?"
        "why don't you go ahead and start",
        "Why not call us back when you've had a think.",
    ],
)
def test_statements(fast_nlp, text):
    assert not _questions(fast_nlp, text), (text, _questions(fast_nlp, text))


@pytest.mark.parametrize(
    "text",
    [
        "What's your date of birth?",
        "And what's the first line of your address?",
        "Can you confirm your postcode for me?",
        "what is your email address so I can send it over",
        # questions 1.4.0: the name, who is on the line, and a check after an earlier mention of one
        "Can I take your name please?",
        "Am I speaking with Ms. Dana Whitfield?",
        "am i speaking with dana whitfield",
        "I'll need to ask you a few security questions, can you confirm the first line of your address?",
        # questions 1.5.0: the details on file and the payment details
        "Can I get the phone number on file?",
        "Is this the best number to reach you?",
        "The routing number ends 0021, correct?",
        "Have you got your debit card handy?",
        "And the expiry date?",
        "Can I take the long number on the front of the card?",
        # questions 1.6.0: the address or email address on file
        "Lovely, and the street address on the account?",
        "I'll need to confirm the email address we've got is still right?",
    ],
)
def test_an_identity_check_is_a_closed_question(fast_nlp, text):
    # one fact is asked for, though the sentence may open with a wh-word (questions.yml closed.verification)
    assert _questions(fast_nlp, text) == [("closed_question", "closed.verification")]


@pytest.mark.parametrize(
    "text, rule",
    [
        ("Is there anything else you'd like to go over while I've got you?", "closed.offer_more_help"),
        ("is there anything else you'd like to ask", "closed.offer_more_help"),
        ("So that's 52 a month from the 3rd, reviewed in three months. Does that all sound right?", "closed.read_back"),
        ("have i got that right", "closed.read_back"),
        # questions 1.7.0: asking permission before advice, a hard topic or the budget; the third-party consent check
        ("Can I say one thing?", "closed.permission"),
        ("can i also mention a couple of free places you can talk to", "closed.permission"),
        ("Could I just suggest something?", "closed.permission"),
        ("Would it be okay if I asked about your income?", "closed.permission_to_ask"),
        ("is it alright if i ask a few questions about your budget", "closed.permission_to_ask"),
        ("Do you mind if I ask?", "closed.permission_to_ask"),
        ("Do I have your permission to discuss the account with her today?", "closed.consent"),
        ("are you happy for me to speak to your sister about the account", "closed.consent"),
        # the US identity check, and checking the line
        ("Can you verify the last four of your Social?", "closed.verification"),
        ("can i get the last four of your social", "closed.verification"),
        ("Ms. Kowalski, are you still there?", "closed.line_check"),
        ("can you hear me okay", "closed.line_check"),
    ],
)
def test_an_offer_of_more_time_or_a_read_back_costs_nothing(nlp, text, rule):
    ev = tonecheck.score(f"Agent: {text}\nCustomer: Yes.", nlp=nlp).evidence
    assert ev[ev.category.str.endswith("question")][["rule", "weight"]].values.tolist() == [[rule, 0.0]]


@pytest.mark.parametrize(
    "text, rule",
    [
        # questions 1.8.0: the direct safety question after a hopeless remark (coach's session 13, finding 4, L4a)
        ("When you say what's the point, are you having any thoughts of ending your life, or of hurting yourself?",
         "closed.safety_check"),
        ("Have you had any thoughts of taking your own life?", "closed.safety_check"),
        ("Are you thinking of ending it all?", "closed.safety_check"),
        ("Are you thinking about harming yourself?", "closed.safety_check_self"),
        ("Are you feeling like you might hurt yourself?", "closed.safety_check_self"),
        ("Have you thought about hurting yourself?", "closed.safety_check_self"),
        ("Are you having thoughts of suicide?", "closed.safety_check_words"),
        ("Are you feeling suicidal?", "closed.safety_check_words"),
        ("Are you safe right now?", "closed.safety_check_safe"),
        ("Are you safe?", "closed.safety_check_safe"),
    ],
)
def test_a_direct_safety_question_costs_nothing(nlp, text, rule):
    for form in dict.fromkeys((text, _asr(text))):
        ev = tonecheck.score(f"Agent: {form}\nCustomer: No.", nlp=nlp).evidence
        assert ev[ev.category.str.endswith("question")][["rule", "weight"]].values.tolist() == [[rule, 0.0]], form


@pytest.mark.parametrize(
    "text",
    [
        # L4b and our own: a question about a task, an accident or the line is an ordinary closed question
        "Are you having any trouble with the app?", "Are you thinking about paying it in full?",
        "Are you safe to talk, or shall I call back?", "Have you had any thoughts about a payment plan?",
        "Are you thinking about ending the agreement?", "Did you hurt yourself when you fell?",
        "Are you hurting yourself by paying this first?", "Do you want to take yourself off the mailing list?",
        "Do you want the number for the suicide prevention line?", "Are you thinking of taking your payment holiday now?",
    ],
)
def test_look_alikes_of_a_safety_question_still_cost(nlp, text):
    for form in dict.fromkeys((text, _asr(text))):
        ev = tonecheck.score(f"Agent: {form}\nCustomer: No.", nlp=nlp).evidence
        questions = ev[ev.category == "closed_question"]
        assert not questions.rule.str.startswith("closed.safety").any() and (questions.weight == 1.0).all(), form


def _asr(text):
    """As speech-to-text gives it: lower case, no punctuation."""
    return re.sub(r"[.,!?]", "", text).lower()


@pytest.mark.parametrize(
    "text",
    ["You're on Universal Credit, is that right?", "Does that make sense?", "Is there anything else worrying you?"],
)
def test_a_fact_check_is_still_an_ordinary_closed_question(fast_nlp, text):
    assert _questions(fast_nlp, text)[0][0] == "closed_question"
    assert _questions(fast_nlp, text)[0][1] not in ("closed.read_back", "closed.offer_more_help", "closed.verification")


@pytest.mark.parametrize(
    "text",
    [
        "Can I take a payment today?", "can i put you down for fifty a month", "Is that okay if we take the full amount today?",
        "Can I say fifty then?", "Can I ask you to hold the line for a moment?",
        "Are you there on Friday to make the payment?", "Can you verify your income?",
        # a bare "Is that okay?" as often asks the customer to accept what was just said
        "We'll take it on Friday. Is that okay?",
    ],
)
def test_a_request_is_no_permission_ask(nlp, text):
    ev = tonecheck.score(f"Agent: {text}\nCustomer: Yes.", nlp=nlp).evidence
    questions = ev[ev.category == "closed_question"]
    assert questions.rule.tolist() == ["question.aux"] and questions.weight.tolist() == [1.0]


@pytest.mark.parametrize(
    "text",
    [
        "Can I ask what's changed recently?", "can i ask how you're managing at the moment",
        "Could I ask why the payments stopped?", "Do you mind me asking why the payments stopped?",
        "do you mind if i ask what happened", "Is it okay if I ask what your income is now?",
    ],
)
def test_a_wh_question_in_a_polite_frame_is_open(nlp, text):
    # questions 1.7.0 open.may_i_ask: what the customer is asked to answer is the wh-question inside the frame
    assert [kind for kind, _ in _questions(nlp, text)] == ["open_question"]


@pytest.mark.parametrize("text", ["how can I say it?", "what else can i say about it", "When I called I asked what the balance was."])
def test_look_alikes_of_a_permission_ask(fast_nlp, text):
    assert not any(rule.startswith(("closed.permission", "open.may_i_ask")) for _, rule in _questions(fast_nlp, text))


@pytest.mark.parametrize(
    "text",
    ["Do you want to pay by card today?", "Can you afford fifty a month?", "Is the number of payments okay for you?"],
)
def test_a_question_beside_the_payment_details_still_costs(fast_nlp, text):
    assert _questions(fast_nlp, text) == [("closed_question", "question.aux")]


#: speech-to-text turns (no punctuation) with an open question after other words -> the question's words
OPEN_MID_TURN = {
    # after "so": "so am I" is no question, "so how are you" is
    "of course so how are you getting by for money at the moment": "how are you getting by for money at the moment",
    "right okay so what does the monthly budget look like": "what does the monthly budget look like",
    # a wh-phrase through "of" before its verb: the question starts at the wh-word, and is open
    "nobodys expecting it in one go what sort of figure could you realistically do each month":
        "what sort of figure could you realistically do each month",
    "what part of the country are you in": "what part of the country are you in",
    # "hows", "whats" without the apostrophe
    "oh im sorry thats a lot on your plate hows she doing now": "hows she doing now",
    "okay thanks whats he saying about it": "whats he saying about it",
}


@pytest.mark.parametrize("text", list(OPEN_MID_TURN))
def test_an_open_question_after_other_words_in_speech_to_text(nlp, text):
    assert _questions(nlp, text, "text") == [("open_question", OPEN_MID_TURN[text])]


#: speech-to-text turns with a check in the middle ("is it", "is that", "is there" + okay, your, anything, ...)
CLOSED_MID_TURN = {
    "thanks for that mr jones is it okay if i ask a few questions about your income":
        "is it okay if i ask a few questions about your income",
    # one question with its alternative after "or", not two
    "right so is that your only income or is there anything from the council as well":
        "is that your only income or is there anything from the council as well",
    "thats fine is there anyone who helps you with your post": "is there anyone who helps you with your post",
}


@pytest.mark.parametrize("text", list(CLOSED_MID_TURN))
def test_a_check_after_other_words_in_speech_to_text(nlp, text):
    assert _questions(nlp, text, "text") == [("closed_question", CLOSED_MID_TURN[text])]


@pytest.mark.parametrize(
    "text",
    ["the thing is that your account is overdue", "the problem is there's nothing left at the end of the month"],
)
def test_a_clause_running_on_through_is_is_no_check(fast_nlp, text):
    assert _questions(fast_nlp, text) == []


@pytest.mark.parametrize(
    "text",
    ["so am i really", "that's what's we're going to end up with", "you know that's what's they're after"],
)
def test_look_alikes_of_mid_turn_open_questions(fast_nlp, text):
    assert [label for label, _ in _questions(fast_nlp, text)] != ["open_question"]


@pytest.mark.parametrize(
    "text, question",
    [
        # an aside of the speaker's own is no reported speech
        ("Like I said, is it okay if I ask a few questions about your income?",
         "is it okay if I ask a few questions about your income?"),
        ("As I said, when is your next pay day?", "when is your next pay day?"),
        ("Like I say, do you have anyone who can help with the post?", "do you have anyone who can help with the post?"),
    ],
)
def test_a_question_after_like_i_said_is_the_speakers_own(nlp, text, question):
    assert [q for _, q in _questions(nlp, text, "text")] == [question]


def test_a_reported_question_is_still_reported(fast_nlp):
    assert _questions(fast_nlp, "He said, can you pay it today?") == []
    assert _questions(fast_nlp, "she asked me is it okay if she pays on friday") == []


#: speech-to-text turns: a question after an aside, a clause or an object, in the middle of the turn
QUESTIONS_IN_SPEECH_TO_TEXT = {
    # after an aside (grammar.yml clause_openers), as at the start of a clause
    "like i said is it okay if i ask a few questions about your income and outgoings":
        [("closed_question", "is it okay if i ask a few questions about your income and outgoings")],
    "at this point is it okay if i ask a few questions": [("closed_question", "is it okay if i ask a few questions")],
    "just to be clear would the 13th of each month work for you or is another date better":
        [("closed_question", "would the 13th of each month work for you or is another date better")],
    "the reference is e789291 just to be clear when is your next pay day":
        [("open_question", "when is your next pay day")],
    # wh + be + "your", and "what would be", after other words
    "okay i've noted that on this account miss white when is your next pay day":
        [("open_question", "when is your next pay day")],
    "there are a few options we can look at this month what would be a realistic amount for you":
        [("open_question", "what would be a realistic amount for you")],
    # a modal before a determiner, put to the listener
    "i can put a hold on the account while you get some advice would the 17th of each month work for you":
        [("closed_question", "would the 17th of each month work for you")],
    # a check after "so" or after an object pronoun
    "on our side okay so is it okay if i ask a few questions":
        [("closed_question", "is it okay if i ask a few questions")],
    "it sounds like june was a really difficult month for you is it okay if i ask a few questions":
        [("closed_question", "is it okay if i ask a few questions")],
    # a statement about the listener closed by "right", at the end of the turn or before a new clause
    "mrs taylor you're still at the same address right": [("closed_question", "you're still at the same address right")],
    "you're still at the same address right honestly i completely understand":
        [("closed_question", "you're still at the same address right")],
    "like i said you're still at the same address right are you able to pay the full amount today":
        [("closed_question", "you're still at the same address right"),
         ("closed_question", "are you able to pay the full amount today")],
    # after "so", or after "for you", a modal + determiner put to the listener; a tag before an aside or a wh-word
    "okay so would the 26th of each month work for you or is another date better":
        [("closed_question", "would the 26th of each month work for you or is another date better")],
    "it sounds like march was a really difficult month for you would the 13th of each month work for you":
        [("closed_question", "would the 13th of each month work for you")],
    "whatever we agree is something you can keep up with you're still at the same address right":
        [("closed_question", "you're still at the same address right")],
    "honestly you're still at the same address right in the meantime":
        [("closed_question", "you're still at the same address right")],
    "to be fair you're still at the same address right how much do you have coming in":
        [("closed_question", "you're still at the same address right"), ("open_question", "how much do you have coming in")],
    # a wh-word after the object of a preposition; every invitation in a turn, not only the first
    "it sounds like december was a really difficult month for you how much do you have coming in each week":
        [("open_question", "how much do you have coming in each week")],
    "help me understand how the week looks once the loan is paid now can you tell me a bit more about what's changed":
        [("open_question", "help me understand how the week looks once the loan is paid now"),
         ("open_question", "can you tell me a bit more about what's changed")],
    # a wh-word that is its question's subject, after "so" / "okay"
    "i'm sorry forty minutes is a long time to sit on hold so what's been happening":
        [("open_question", "what's been happening")],
    "right thanks for that okay so what happened with work": [("open_question", "what happened with work")],
    # a wh-word + an auxiliary + a noun phrase after "so"/"okay"/"and", or a wh-word that is a modal's subject
    "that still counts so we'll put it in and what are the big things going out each month":
        [("open_question", "what are the big things going out each month")],
    "okay thanks and what are the main bills each month": [("open_question", "what are the main bills each month")],
    "lovely so what does a normal week look like for you": [("open_question", "what does a normal week look like for you")],
    "i hear you so what would feel manageable for you": [("open_question", "what would feel manageable for you")],
    # "so" + a modal + "we"/"you" + a verb: a question, not "so can we" (= "we can too")
    "i understand so can we get the past due amount taken care of today":
        [("closed_question", "can we get the past due amount taken care of today")],
    "i totally understand so shall we look at a lower payment": [("closed_question", "shall we look at a lower payment")],
}


@pytest.mark.parametrize("text", list(QUESTIONS_IN_SPEECH_TO_TEXT))
def test_questions_in_the_middle_of_speech_to_text(nlp, text):
    assert _questions(nlp, text, "text") == QUESTIONS_IN_SPEECH_TO_TEXT[text]


@pytest.mark.parametrize(
    "text",
    [
        # "right" that is no tag
        "you're right", "i think you're right about that", "that's right you know", "you did it right",
        "you'll get a letter right away", "you can pay it right now", "if you treat them right they last",
        "you have to get it right", "you turn right at the lights",
        # a wh-clause after a verb that takes one, and "what would be" as a free relative
        "i know what is your problem", "we need to figure out what would be fair", "that's what would be best",
        # a modal + determiner about someone else, and fronted "so"
        "they should be stressing more can the kid write a thought", "so am i", "so do we",
        # "at this point" + a copula that runs on
        "at this point the balance is what it is",
        # "is that" opening a clause with its own verb: the opening of almost every call, as speech-to-text
        "so the reason for my call today is that your account is currently in arrears",
        "the good news is that your interest is frozen", "all that means is that your plan is on hold",
        "you're welcome right just the boring bit now",
        # a wh-clause that is a subject or is embedded
        "so what happened was the car broke down", "so what's been happening is the payment bounced",
        "i can see who's been paying it", "that's what's been happening on the account",
        "and you worry about oh who's taking care of them",
        # a wh-clause that is the subject of "is", "what's more", and after "and" a relative or an embedded clause
        "so what would happen is the account would go on hold", "and what's more the interest is frozen",
        "we can do that too so can we", "they can pay it monthly so can you in fact",
        "you are getting back to the old problem and who is the selected one", "and which is the reason we call",
        "i'll explain and what the letter says is that you have thirty days",
        # a subject and its modal, and "right" before a preposition
        "you can any drugs you want", "you did it right in the end",
        "i'm supposed to ask you how do you make use of your credit cards",
        "failure to pay will result in a default being registered against you so far right if nothing is received",
    ],
)
def test_look_alikes_of_questions_in_speech_to_text(nlp, text):
    assert _questions(nlp, text) == [], _questions(nlp, text, "text")


def test_a_reference_number_read_out_after_a_question_leaves_its_kind(fast_nlp):
    # speech-to-text: the question runs on to the end of the turn, into the agent reading out the call's reference
    text = "can you tell me a bit more about what's changed since april the reference number for today's call is e789291"
    assert [kind for kind, _ in _questions(fast_nlp, text)] == ["open_question"]


def test_an_identity_detail_outside_a_question_asks_nothing(fast_nlp):
    assert _questions(fast_nlp, "I've got your date of birth here.") == []
    # an invitation still decides: "what would work for you" opens the question up
    assert _questions(fast_nlp, "What would work for you, given your date of birth?")[0][0] == "open_question"
