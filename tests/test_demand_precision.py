"""Precision and recall of demand (pressure) and jargon detection on collector speech (lexicon set 2026.11.16).

Each sentence is checked on both pipelines, as typed and as speech-to-text gives it (lower case, no
punctuation). The sentences were written for these tests: UK and US collections talk, not taken from any data
set. FOUND and NOT_PRESSURE hold sentences that were misread before 2026.11.16; STILL_FOUND and STILL_NOT are
their look-alikes, which must keep their reading.
"""

from __future__ import annotations

import pytest

from conftest import asr, both_forms, counted, hits, process, rule_of


#: pressure that was missed -> the entry that now finds it
FOUND = {
    # a deadline for the money
    "I'll need the full amount by Friday.": "demand.need_money_by",
    "I want the money by tomorrow.": "demand.need_money_by",
    "We need this paid by the end of the month.": "demand.pay_by_end_of",
    "The balance needs clearing by the end of the week.": "demand.pay_by_end_of",
    "The balance needs clearing by Friday.": "demand.pay_by_deadline",
    # insisting on the full balance, now
    "The full balance is due now.": "demand.urgency",
    "I'm not able to offer a plan, the balance is due in full.": "demand.need_payment",
    "You owe this money and it needs paying.": "demand.need_payment",
    "We expect payment within seven days.": "demand.need_payment",
    "Payment must be made within 14 days.": "demand.need_payment",
    "We can't wait any longer for the payment.": "demand.urgency",
    "You're legally required to pay this debt.": "demand.you_must",
    # refusing the customer's offer
    "I can't accept anything less than fifty pounds.": "demand.refusal",
    # court and handing the debt on
    "We'll be applying for a CCJ against you.": "demand.court_order_threat",
    "We will start proceedings next week.": "demand.court_order_threat",
    "If we don't get a payment by Friday this goes to court.": "demand.escalation_threat",
    "If it's not paid by Friday it goes to the debt collectors.": "demand.escalation_threat",
    "We'll have to pass your account to our solicitors.": "demand.escalation_threat",
    "You could end up in court over this.": "demand.legal_threat",
    "We'll issue a claim if we don't hear from you.": "demand.legal_threat",
    "We'll get a judgment against you.": "demand.court_order_threat",
    "We'll apply for a county court judgment.": "demand.court_order_threat",
}

#: not pressure, but read as a demand before
NOT_PRESSURE = [
    # an option left to the customer
    "You'll need your bank card handy if you want to pay today.",
    "If you want to pay today, I can take a card payment.",
    "If you'd like to make a payment today I can take it now.",
    # an obligation phrase leading into care, signposting or a courtesy (not_demand)
    "You need to look after yourself first.",
    "you need to take care of yourself",
    "You have to put yourself first.",
    "You need to get some rest.",
    "You need to speak to StepChange, they're free.",
    "You need to put your rent and bills first.",
    "You need to prioritise your priority debts like council tax.",
    "You'll have to bear with me while the system loads.",
    "You'll have to forgive me, I'm new.",
    "You'll have to excuse the background noise.",
    # an obligation that asks nothing of the customer's money
    "You must have had a shock.",
    "You need to eat, so keep enough back for food.",
    "You need to know that you can call us any time.",
    "I need you to know we're here to help.",
    "You'll need to log in to the portal to see your statements.",
    "You'll need to have your reference number handy.",
    "You'll need to sign the form and send it back.",
    # imperatives that look after the customer, or can wait
    "Make sure you keep a copy for your records.",
    "Make sure you get some support.",
    "You need to make sure you've got enough for food and heating.",
    "Pay the rent first, then we'll see what's left.",
    "Stop paying us for now and look after your priority bills.",
    "Send it back whenever you're ready.",
    "Send us a copy of the death certificate when you feel up to it.",
    "Bring the form in when you get a chance.",
    # no payment asked: the accurate pipeline's parse overruled these triggers
    "Nobody is asking you to make a payment today.",
    "No one is asking you to make a payment today.",
]

#: look-alikes that must stay demands
STILL_FOUND = [
    "You need to pay the full balance today.",
    "You must pay today.",
    "You must understand that the balance is overdue.",
    "You need to take this seriously.",
    "You need to have this paid by Friday.",
    "You need to put something towards it today.",
    "Pay us first, before your other bills.",
    "Make sure you pay it this time.",
    "Make sure you pay by Friday.",
    "Pay the balance today and call us when you can.",
    "I need you to understand this won't go away.",
    "If you want to avoid court action you need to pay today.",
    "If you'd like to avoid legal action, pay the balance today.",
    "If you want to keep your car you'll have to pay the arrears.",
    "There's nothing I can do, you need to pay today.",
    "You must know you owe this money.",
    "You must have known you couldn't afford it.",
]

#: look-alikes that must stay no demand
STILL_NOT = [
    "You don't need to pay anything today.",
    "Pay what you can afford, there's no pressure.",
    "Let me send you the form.",
    "Take your time.",
    "press one to pay",
    "Your account was passed to us by Lloyds last year.",
    "I'll pass you to my colleague.",
    "We won't be passing it to our solicitors.",
    "You can apply to have the judgment set aside.",
    "I'll get the judgment details for you.",
    "We'll write to you by the end of the week.",
    "I'll need the form back by Friday.",
    "Give us a call back when you can.",
    "If you want to set up a plan I can do that now.",
    "Pop it in the post when you get a chance.",
    "Nobody is asking you to pay it all today.",
    "I'll send a letter confirming the account is on hold and nothing needs paying.",
    "There's nothing to pay today.",
]


def only_empathy(doc):
    """The one empathy span of a processed sentence (the undercut tests read its flag)."""
    (empathy,) = [s for s in doc.spans["tonecheck"] if s.label_ == "empathy"]
    return empathy

@pytest.mark.parametrize("text", both_forms(FOUND))
def test_pressure_is_found(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert rule_of(FOUND, text) in {r for r, _ in found}, found


@pytest.mark.parametrize("text", both_forms(NOT_PRESSURE))
def test_what_looks_like_pressure_but_is_not(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)


@pytest.mark.parametrize("text", both_forms(STILL_FOUND))
def test_look_alikes_that_are_pressure(nlp, text):
    assert counted(process(nlp, text), "demand"), text


@pytest.mark.parametrize("text", both_forms(STILL_NOT))
def test_look_alikes_that_are_not_pressure(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)


def test_an_option_left_to_the_customer_stays_in_the_evidence(nlp):
    doc = process(nlp, "If you'd like to make a payment today I can take it now.")
    (span,) = [s for s in doc.spans["tonecheck"] if s.label_ == "demand"]
    assert span._.tc_negated and span._.tc_modifier == "If you'd like to"
    assert span._.tc_decided_by == "rules"  # no negation word: the accurate pipeline does not ask the parse


def test_an_obligation_only_ends_where_a_courtesy_phrase_begins(nlp):
    # "you need to" + a not_demand phrase is no demand; a demand phrase after the courtesy still counts
    assert counted(process(nlp, "You need to look after yourself."), "demand") == []
    assert counted(process(nlp, "You need to look after yourself, but you need to pay today."), "demand")
    assert counted(process(nlp, "Take care, and pay the full balance today."), "demand")


def test_the_parse_finds_imperatives_only_where_the_clause_has_no_subject(accurate_nlp):
    # "send" is a conjunct of "sign", which "you'll need to" governs: no bare imperative
    for text in ("You'll need to sign the form and send it back.", "I'll put a note on the account and send you the details."):
        doc = process(accurate_nlp, text)
        rules = [s.id_ for s in doc.spans["tonecheck"]]
        assert not any(r.startswith("demand.imperative") for r in rules), (text, rules)
    # a conjunct of a bare imperative still is one
    doc = process(accurate_nlp, "Please sign the form and send it back today.")
    assert [s.text for s in doc.spans["tonecheck"] if s.id_ == "demand.imperative:send"] == ["send it back today"]
    # a subject the parser left unlabelled ("dep") is still a subject; a noun in a phrase of its own is not one
    doc = process(accurate_nlp, "Um, StepChange and National Debtline give free, independent advice, and I can give you their numbers.")
    assert not [s.id_ for s in doc.spans["tonecheck"] if s.id_.startswith("demand.imperative")]
    doc = process(accurate_nlp, "Right, in that case make a payment of 80 pounds today.")
    assert [s.id_ for s in doc.spans["tonecheck"] if s.id_.startswith("demand.imperative")] == ["demand.imperative:make"]


@pytest.mark.parametrize("text, order", [
    ("Send us the bank statements by Friday so we can look at your circumstances.", "Send us the bank statements by Friday"),
    ("Make a payment of 80 pounds today and we'll review it next month.", "Make a payment of 80 pounds today"),
    ("make a payment of 80 pounds today is it okay if i ask about your income", "make a payment of 80 pounds today"),
    ("pay the balance today and the account will be closed it's that simple as things stand and i'm sorry",
     "pay the balance today and the account will be closed it's"),
    ("Sort it out and pay it today.", "Sort it out and pay it today"),
])
def test_an_imperatives_evidence_is_its_own_clause(nlp, text, order):
    # a coach reads the order, not the clause joined after it; in speech-to-text a turn is one sentence, so the
    # span also stops at an inverted auxiliary and after twelve tokens
    doc = process(nlp, text)
    assert [s.text for s in doc.spans["tonecheck"] if s.id_.startswith("demand.imperative")] == [order]


def test_an_imperative_after_fillers_and_commas_counts_once(nlp):
    # "Right, well, sort ..." reaches "sort" from the sentence start and from both commas
    doc = process(nlp, "Right, well, sort it out and pay it today.")
    assert [s.text for s in doc.spans["tonecheck"] if s.id_.startswith("demand.imperative")] == ["sort it out and pay it today"]


def test_the_parse_reads_a_negated_subject(accurate_nlp):
    doc = process(accurate_nlp, "No one is asking you to make a payment today.")
    (span,) = [s for s in doc.spans["tonecheck"] if s.label_ == "demand"]
    assert span._.tc_negated and span._.tc_decided_by == "parse"


# --------------------------------------------------------------------------- lexicon set 2026.11.28
# Pressure put as the agent's own want ("I want the money today"), advice read as an order ("you have to be
# careful"), and the customer's rights read as a threat ("you can go to court to dispute it").


#: pressure put as the agent's want -> the entry that finds it
WANT_FOUND = {
    "I want the money today.": "demand.want_money_now",
    "I need a decision right now.": "demand.want_money_now",
    "We want the payment today.": "demand.want_money_now",
    "I really need the balance cleared immediately.": "demand.want_money_now",
    "We need an answer from you today.": "demand.want_money_now",
    "I need the payment straight away.": "demand.want_money_now",
    "I need the full amount today.": "demand.want_money_now",
    "I'll want the arrears cleared this week.": "demand.want_money_this_week",
    "We need the full amount this afternoon.": "demand.want_money_this_week",
    "I need the full balance by Friday.": "demand.need_money_by",
    "I need a decision by Friday.": "demand.need_money_by",
}

#: the agent's want that presses for nothing, and a payment left to the customer
WANT_NOT = [
    "What do you need right now?",
    "I need to check something.",
    "I want to help you.",
    "I just need your date of birth.",
    "We need to find something that works for you.",
    "I want to make sure this is affordable.",
    "Do you want to pay today?",
    "Would you like to make a payment today?",
    "If you want to pay today, I can take it now.",
    "I don't want you to worry.",
    "I need you to know we can help.",
    "I want to get the plan set up for you today.",
    "I'll need the payment details today.",
    "I need the payment reference now so I can trace it.",
    "I want the arrears to go away as much as you do.",
    "I just need the amount now, what can you afford?",
    "I'll need your full name now.",
]

#: look-alikes that stay pressure
WANT_STILL_FOUND = [
    "Can you pay today?",
    "Do you want to end up in court?",
    "Do you want this to go to court?",
]

#: advice, not an order: "you have to" before a warning for the customer's sake
ADVICE_NOT = [
    "You have to be really careful.",
    "You have to be careful with payday lenders.",
    "You need to be aware that some debt companies charge fees.",
    "You've got to be so careful who you give your card details to.",
    "You must be careful with those loan adverts.",
]

#: an obligation to be something that still presses the customer
ADVICE_STILL_FOUND = {
    "You have to pay today.": "demand.you_must",
    "You have to be honest with me about your income.": "demand.you_must",
    "You need to be realistic about this.": "demand.you_must",
    "You need to be paying something every month.": "demand.you_must",
    "You need to be aware that if you don't pay we'll take legal action.": "demand.consequences",
}

#: the customer's rights and remedies, not a threat
RIGHTS_NOT = [
    "You can go to court to dispute it.",
    "You could go to court to challenge the charges.",
    "You can always go to court if you disagree.",
    "You have the right to take it to court.",
    "You have the right to go to court over it.",
    "You're entitled to go to court.",
    "You can take it to the small claims court.",
    "You can complain to the ombudsman.",
    "You'll be able to take it to court if you disagree.",
    "You could send it to your lawyers to check it over.",
    "It's your right to go to court.",
]

#: threats that stay threats -> the entry that finds them
THREATS = {
    "We can take you to court.": "demand.legal_threat",
    "We'll go to court.": "demand.escalation_threat",
    "This can go to court.": "demand.escalation_threat",
    "It will end up in court.": "demand.legal_threat",
    "We'll be applying for a CCJ.": "demand.court_order_threat",
    "Your account could go to the debt collectors.": "demand.escalation_threat",
    "You could be taken to court.": "demand.passed_on_threat",
    "It'll be passed to our solicitors.": "demand.passed_on_threat",
    "We have the right to go to court.": "demand.escalation_threat",
    "You could go to prison for this.": "demand.criminal_threat",
}


@pytest.mark.parametrize("text", both_forms(WANT_FOUND))
def test_a_want_with_a_deadline_is_pressure(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert rule_of(WANT_FOUND, text) in {r for r, _ in found}, found


@pytest.mark.parametrize("text", both_forms(WANT_STILL_FOUND))
def test_want_look_alikes_that_are_pressure(nlp, text):
    assert counted(process(nlp, text), "demand"), text


@pytest.mark.parametrize("text", both_forms(WANT_NOT))
def test_wants_that_press_for_nothing(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)


def test_a_payment_the_customer_is_asked_whether_they_want_stays_in_the_evidence(nlp):
    doc = process(nlp, "Do you want to pay today?")
    (span,) = [s for s in doc.spans["tonecheck"] if s.label_ == "demand"]
    assert span._.tc_negated and span._.tc_modifier == "Do you want to"
    assert span._.tc_decided_by == "rules"  # no negation word: the accurate pipeline does not ask the parse


@pytest.mark.parametrize("text", both_forms(ADVICE_NOT))
def test_a_warning_for_the_customers_sake_is_advice(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)


@pytest.mark.parametrize("text", both_forms(ADVICE_STILL_FOUND))
def test_an_obligation_to_be_something_can_still_press(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert rule_of(ADVICE_STILL_FOUND, text) in {r for r, _ in found}, found


@pytest.mark.parametrize("text", both_forms(RIGHTS_NOT))
def test_the_customers_rights_are_no_threat(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)


@pytest.mark.parametrize("text", both_forms(THREATS))
def test_threats_stay_threats(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert rule_of(THREATS, text) in {r for r, _ in found}, found


# --------------------------------------------------------------------------- jargon

JARGON = {
    "Your account is in arrears.": "jargon.arrears",
    "We sent you a default notice.": "jargon.default_notice",
    "We'll issue a CCJ.": "jargon.ccj",
    "Can we go through an I&E?": "jargon.income_expenditure",
    "The account has been passed to the DCA.": "jargon.dca",
    "It's now been charged off.": "jargon.charge_off",
    "It's at the pre-legal stage.": "jargon.pre_legal",
    "The principal balance is four thousand.": "jargon.principal",
    "The agreement's been terminated.": "jargon.termination",
}

NOT_JARGON = [
    "This is Sarah from Arrears Solutions Ltd.",
    "this is sarah from arrears solutions ltd",
    "I'm calling from Apex Recoveries about your account.",
    "By default we'll send letters by email.",
    "The principal reason people fall behind is losing hours.",
    "She was the principal carer for her mum.",
    "I'll put a note on the account.",
]


@pytest.mark.parametrize("text", both_forms(JARGON))
def test_jargon_is_found(nlp, text):
    assert rule_of(JARGON, text) in {r for r, _ in counted(process(nlp, text), "jargon")}


@pytest.mark.parametrize("text", NOT_JARGON)
def test_everyday_words_and_names_are_not_jargon(nlp, text):
    assert counted(process(nlp, text), "jargon") == []


# --------------------------------------------------------------------------- lexicon set 2026.11.29
# The agent asking for the whole balance with no time word ("I need the full amount"): pressure for payment, unless
# the amount is a figure the agent needs to help ("the full amount of your rent", "the full amount to work out a plan").

#: asking for the whole balance -> the entry that finds it
FULL_AMOUNT_FOUND = {
    "I need the full amount.": "demand.want_full_amount",
    "We need the full balance.": "demand.want_full_amount",
    "I need the whole amount paid.": "demand.want_full_amount",
    "We'll need the full balance, I'm afraid.": "demand.want_full_amount",
    "I really need the entire balance cleared.": "demand.want_full_amount",
    "I want the whole lot, not a part payment.": "demand.want_full_amount",
    "We need the full amount or it goes to our solicitors.": "demand.want_full_amount",
    "I need the full amount by the end of the month.": "demand.want_full_amount",
    "I'll need the full amount to be paid.": "demand.want_full_amount",
}

#: the full amount as a figure the agent needs, a question, a negation
FULL_AMOUNT_NOT = [
    "I need the full amount of your rent.",
    "What's the full amount you owe?",
    "I'll need the full amount to work out a plan.",
    "I just need the full amount so I can fill in the form.",
    "I need the full amount you pay for council tax.",
    "I need the full balance on your other cards.",
    "I need the whole amount for the budget sheet.",
    "Do we need the full amount? We can set up a plan instead.",
    "I don't need the full amount, we can set up a plan.",
]

#: the want of the full amount with a deadline keeps its entry (the longer hit wins)
FULL_AMOUNT_DEADLINES = {
    "I need the full amount today.": "demand.want_money_now",
    "We need the full amount this afternoon.": "demand.want_money_this_week",
    "I'll need the full amount by Friday.": "demand.need_money_by",
}


@pytest.mark.parametrize("text", both_forms(FULL_AMOUNT_FOUND))
def test_asking_for_the_whole_balance_is_pressure(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert rule_of(FULL_AMOUNT_FOUND, text) in {r for r, _ in found}, found


@pytest.mark.parametrize("text", both_forms(FULL_AMOUNT_NOT))
def test_the_full_amount_as_a_figure_is_no_pressure(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)


@pytest.mark.parametrize("text", both_forms(FULL_AMOUNT_DEADLINES))
def test_the_full_amount_with_a_deadline_keeps_its_entry(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert [r for r, _ in found] == [rule_of(FULL_AMOUNT_DEADLINES, text)], found


# --------------------------------------------------------------------------- grammar 1.8.0 (clause_verbs)

#: speech-to-text runs two sentences together: the negation of the first does not reach the demand of the second
NEGATION_ENDS = [
    "okay but this debt isn't going away you need to make some kind of payment today",
    "the balance has not changed since then you must understand that it is overdue",
    "we won't take any action today you have to make a payment this week",
]

#: a negation before a verb that takes a clause still cancels the demand inside it
NEGATION_REACHES = [
    # a long run of speech-to-text: the parse hung "all" on "today", and the check walked up from "all", not "pay"
    "so i'm not saying you have to pay it all today i just need to know what's possible if that makes sense how much"
    " do you have coming in each week at the moment",
    "I'm not saying you need to pay it all today.",
    "I don't think you need to pay it all today.",
    "I don't think that you have to clear it today.",
]


@pytest.mark.parametrize("text", NEGATION_ENDS)
def test_a_negation_stops_at_a_demand_with_its_own_you(nlp, text):
    assert [r for r, _ in counted(process(nlp, text), "demand") if r == "demand.you_must"], text


@pytest.mark.parametrize("text", both_forms(NEGATION_REACHES))
def test_a_negation_reaches_past_a_verb_that_takes_a_clause(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], text
    assert [s for s in doc.spans["tonecheck"] if s.label_ == "demand" and s._.tc_negated]


# --------------------------------------------------------------------------- demand 1.5.0
# The agent wanting it paid in full ("I need it paid in full"): pressure for payment, as "I need the full amount";
# "paid in full" alone is the account's state ("once it's paid in full we'll close the account").

#: the agent wanting it paid in full -> the entry that finds it
PAID_IN_FULL_FOUND = {
    "I need it paid in full.": "demand.want_paid_in_full",
    "We need this paid in full today.": "demand.want_paid_in_full",
    "I need the balance paid in full.": "demand.want_paid_in_full",
    "We want it paid in full.": "demand.want_paid_in_full",
    "We'll need the account cleared in full.": "demand.want_paid_in_full",
    "I need it to be paid off in full.": "demand.want_paid_in_full",
    "We expect it to be paid in full.": "demand.want_paid_in_full",
}

#: paid in full as the account's state, a proof of it, a question, a negation
PAID_IN_FULL_NOT = [
    "Once it's paid in full we'll close the account.",
    "Your account was paid in full last year.",
    "When it's paid in full you'll get a letter.",
    "If it's paid in full you'll get a discount.",
    "I need proof it was paid in full.",
    "I need to know if it's paid in full.",
    "Do we need it paid in full? We can set up a plan instead.",
    "I don't need it paid in full, we can set up a plan.",
]

#: paid in full with a deadline keeps the deadline's entry
PAID_IN_FULL_DEADLINES = {
    "I need it paid in full by Friday.": "demand.pay_by_deadline",
    "I need it paid in full by the end of the month.": "demand.pay_by_end_of",
    "We need it paid in full immediately.": "demand.pay_immediately",
    "We need it paid in full right now.": "demand.pay_right_now",
    "I need the balance paid in full today.": "demand.want_money_now",
}

#: the customer taken to court over the debt -> the entry that finds it
COURT_OVER_THE_DEBT = {
    "You could go to court over this.": "demand.court_over_the_debt",
    "You might go to court over the debt.": "demand.court_over_the_debt",
    "You could even go to court over the unpaid balance.": "demand.court_over_the_debt",
}

#: look-alikes that were threats already and stay threats
COURT_STILL_THREATS = {
    "You could end up in court.": "demand.legal_threat",
    "This could end up in court.": "demand.legal_threat",
    "We could go to court over this.": "demand.escalation_threat",
}

#: the customer's own option: no threat
COURT_OPTIONS = [
    "You could go to court to challenge it.",
    "You can take us to court.",
    "You could take them to the small claims court.",
    "You can go to court over it.",
    "You could go to court over the charges.",
    "You could go to court over it if you disagree.",
    "You could go to court over it to challenge the charges.",
    "You could always go to court over it.",
]


@pytest.mark.parametrize("text", both_forms(PAID_IN_FULL_FOUND))
def test_wanting_it_paid_in_full_is_pressure(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert rule_of(PAID_IN_FULL_FOUND, text) in {r for r, _ in found}, found


@pytest.mark.parametrize("text", both_forms(PAID_IN_FULL_NOT))
def test_paid_in_full_as_the_accounts_state_is_no_pressure(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)


@pytest.mark.parametrize("text", both_forms(PAID_IN_FULL_DEADLINES))
def test_paid_in_full_with_a_deadline_keeps_the_deadlines_entry(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert [r for r, _ in found] == [rule_of(PAID_IN_FULL_DEADLINES, text)], found


@pytest.mark.parametrize("text", both_forms(COURT_OVER_THE_DEBT))
def test_going_to_court_over_the_debt_is_a_threat(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert rule_of(COURT_OVER_THE_DEBT, text) in {r for r, _ in found}, found


@pytest.mark.parametrize("text", both_forms(COURT_STILL_THREATS))
def test_court_look_alikes_that_stay_threats(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert rule_of(COURT_STILL_THREATS, text) in {r for r, _ in found}, found


@pytest.mark.parametrize("text", both_forms(COURT_OPTIONS))
def test_going_to_court_as_the_customers_option_is_no_threat(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)


# --------------------------------------------------------------------------- demand 1.5.0: eligibility requirements
# A requirement the customer would have to meet to qualify is an eligibility rule, not pressure, after an obligation
# phrase too ("you need to be in work to qualify for a payment plan"); being made to pay or be honest still presses.

ELIGIBILITY_NOT_PRESSURE = [
    "You need to be in work to qualify for a payment plan.",
    "You'd have to be on benefits to be eligible for the fund.",
    "You have to have a letter from your GP to qualify.",
    "You need to be out of work for three months to qualify.",
]

ELIGIBILITY_STILL_PRESSURE = [
    "You need to be paying something to qualify for the plan.",
    "You need to be honest with me.",
    "You need to be in work, so pay what you owe by Friday.",
]


@pytest.mark.parametrize("text", both_forms(ELIGIBILITY_NOT_PRESSURE))
def test_an_eligibility_requirement_is_no_pressure(nlp, text):
    assert counted(process(nlp, text), "demand") == [], text


@pytest.mark.parametrize("text", both_forms(ELIGIBILITY_STILL_PRESSURE))
def test_look_alikes_of_an_eligibility_requirement_still_press(nlp, text):
    assert counted(process(nlp, text), "demand"), text


# --------------------------------------------------------------------------- demand 1.5.0: a coach's read of two new calls
# Enforcement agents and other hands the debt is passed to, a plural obligation ("the arrears need to be cleared"),
# and what happens when a plan is broken ("the full balance becomes due").

#: pressure that was missed -> the entry that now finds it
COACH_READ_FOUND = {
    "If we can't agree an arrangement today we'll have to pass this to enforcement agents.": "demand.escalation_threat",
    "We'll refer it to the enforcement agents.": "demand.escalation_threat",
    "We'll hand it over to a debt collection agency.": "demand.escalation_threat",
    "It'll be passed to enforcement agents.": "demand.passed_on_threat",
    "It will be passed to our enforcement team.": "demand.passed_on_threat",
    "I understand, but the arrears still need to be cleared.": "demand.need_payment",
    "And if you miss a payment after that, the full balance becomes due.": "demand.default_consequence",
    "If you miss a payment we will cancel the arrangement.": "demand.default_consequence",
}

#: look-alikes: no pressure
COACH_READ_NOT = [
    "I can refer you to a legal advice charity.",
    "I'll send you to our recoveries team, they can set up the plan.",
    "If you miss a payment, just give us a call and we can look at it.",
    "I can pass your details to StepChange, a free debt advice charity.",
]


@pytest.mark.parametrize("text", both_forms(list(COACH_READ_FOUND)))
def test_pressure_found_on_a_coachs_read(nlp, text):
    assert rule_of(COACH_READ_FOUND, text) in [r for r, _ in counted(process(nlp, text), "demand")], text


@pytest.mark.parametrize("text", both_forms(COACH_READ_NOT))
def test_look_alikes_on_a_coachs_read_are_no_pressure(nlp, text):
    assert counted(process(nlp, text), "demand") == [], text


# --------------------------------------------------------------------------- jargon 1.1.0, grammar 1.9.0 (explanations)
# A term the agent explains on the spot is kept in the evidence but not counted, with the explaining words.

#: sentence -> (the jargon entry, the explaining words in ``modifier``)
EXPLAINED = {
    "A liability order just means the court has agreed you owe it.": ("jargon.liability_order", "just means"),
    "ACH is just an automatic payment straight from your checking account.": ("jargon.payment_authority", "is just"),
    "You're in arrears, which means you've missed some payments.": ("jargon.arrears", "which means"),
    "A CCJ is basically a court judgment against you.": ("jargon.ccj", "is basically"),
}

#: the term used, not explained: counted
NOT_EXPLAINED = {
    "The account is in arrears.": "jargon.arrears",
    "The charge-off is on your credit report.": "jargon.charge_off",
    "You're in arrears, you need to pay.": "jargon.arrears",
    "We have a liability order against you.": "jargon.liability_order",
}


@pytest.mark.parametrize("text", both_forms(list(EXPLAINED)))
def test_jargon_explained_on_the_spot_is_kept_but_not_counted(nlp, text):
    rule, words = rule_of(EXPLAINED, text)
    doc = process(nlp, text)
    spans = [s for s in doc.spans["tonecheck"] if s.id_ == rule]
    assert spans and all(s._.tc_negated and s._.tc_modifier == words for s in spans), [(s.id_, s._.tc_modifier) for s in spans]
    assert rule not in [r for r, _ in counted(doc, "jargon")]


@pytest.mark.parametrize("text", both_forms(list(NOT_EXPLAINED)))
def test_jargon_not_explained_still_counts(nlp, text):
    assert rule_of(NOT_EXPLAINED, text) in [r for r, _ in counted(process(nlp, text), "jargon")]


def test_the_report_says_a_term_was_explained():
    from tonecheck.reports import negation_note

    row = {"category": "jargon", "negated": True, "modifier": "just means"}
    assert negation_note(row) == "explained (“just means”), not counted"
    assert negation_note({**row, "category": "demand", "modifier": "don't"}).startswith("negated by “don't”")


# --------------------------------------------------------------------------- demand 1.6.0: a coach's read of two more calls
# Pressure to borrow from family or friends, pushing for more than the customer offered, demands in other words
# ("what I need from you today is some kind of good-faith payment"), repossession or an outside agency as the next
# step, and urgency without "pay" ("we need something in place by Friday"). "Totally get it." is agreement, not an
# order.

#: pressure that was missed -> the entry that now finds it
COACH_READ_16_FOUND = {
    # someone else's money
    "Do you have any family that could help you out with that?": "demand.borrow_from_others_help_out",
    "Could your mum or dad help you out with it?": "demand.borrow_from_others_help_out",
    "could a friend or relative help you clear it": "demand.borrow_from_others",
    "Is there anyone who could help you with the payment?": "demand.borrow_from_others",
    "Would your parents be able to help you out financially?": "demand.borrow_from_others",
    "Could your family help you pay the arrears?": "demand.borrow_from_others",
    "Could one of your kids help you with the rest?": "demand.borrow_from_others",
    "Do you have any family members who might help you with the arrears?": "demand.borrow_from_others",
    "Do you know anyone who could lend you some money?": "demand.borrow_sell",
    # more than the customer offered
    "Is there no way of finding a bit more from somewhere?": "demand.find_more",
    "could you find a little more each month": "demand.find_more",
    "can you scrape together a bit more": "demand.find_more",
    "Can you squeeze a little more out of your budget?": "demand.find_more",
    "Could you stretch to a bit more each week?": "demand.find_more",
    "Can you find a bit more to put towards the arrears?": "demand.find_more",
    "we'd need at least 400 a month": "demand.need_at_least",
    "I need a minimum of £200 a month.": "demand.need_at_least",
    "I'd need $412 at minimum": "demand.need_at_minimum",
    "We'd need 300 a month at the very least.": "demand.need_at_minimum",
    # a demand in other words
    "What I need from you today is some kind of good-faith payment.": "demand.good_faith_payment",
    "we need a good faith payment": "demand.good_faith_payment",
    "Can you make a good-faith payment of 50 today?": "demand.good_faith_payment",
    "What I need from you today is a payment.": "demand.what_i_need_is",
    "The only thing I need is a commitment from you.": "demand.what_i_need_is",
    "All I need is a commitment to pay 50 on Friday.": "demand.what_i_need_is",
    # repossession or an outside agency as the next step
    "the account gets assigned for repossession": "demand.sent_for_repossession",
    "We'll send the car for repossession.": "demand.sent_for_repossession",
    "If we don't hear from you it goes to repossession.": "demand.sent_for_repossession",
    "we'll have the car repossessed": "demand.repossession_threat",
    "The car will be repossessed if the arrears aren't cleared.": "demand.repossession_threat",
    "it'll be placed with an outside agency": "demand.outside_agency",
    "it goes to an external agency": "demand.outside_agency",
    "We'll pass your account to a third-party collection agency.": "demand.outside_agency",
    "We'll hand it over to an outside collection agency.": "demand.outside_agency",
    "It's going to go to an external debt collection agency.": "demand.outside_agency",
    # urgency without "pay"
    "there has to be something in place this week": "demand.something_in_place",
    "we need something in place by Friday": "demand.something_in_place",
    "We need to get something in place today.": "demand.something_in_place",
    "There needs to be something in place by the end of the month.": "demand.something_in_place",
}

#: look-alikes: no pressure
COACH_READ_16_NOT = [
    # support, household income, help with the forms, someone the agent finds
    "is there anyone who helps you with your finances?",
    "do you have family support?",
    "Does your family help you with the bills?",
    "Is there anyone who could help you with the forms?",
    "Could your daughter help you pay online?",
    "Could your family help you pay your rent this month?",
    "Do you have family or friends who could support you at the moment?",
    "Is there anyone who could lend you a hand with the paperwork?",
    "I'll find someone who can help you with the arrears.",
    "We have someone here who can help you with the payment plan.",
    "We can help you out with that.",
    "StepChange could help you out with that.",
    "Some charities could help you out financially.",
    "Is there anyone who could help you with the money side of things?",
    # more time, more information, an open door, a figure that is not money, a token payment, information
    "let's see if we can find a bit more time for you",
    "if you can afford a bit more later just call us",
    "You'll find more information on our website.",
    "If you want to find out more, just call us.",
    "I'll see if I can find a bit more information about that charge.",
    "If you find you can pay a bit more later, let us know.",
    "If you can find a bit more later on, just give us a call.",
    "You'll find a bit more about that in the letter.",
    "Did you find any more?",
    "I'd need at least 24 hours to process that.",
    "We need at least 5 working days.",
    "I'd need at least three months of bank statements.",
    "We need at least two payslips.",
    "We'd need at least £1 a month to set up the plan.",
    "You'd need at least 400 a month to clear it within a year.",
    # no payment asked, a step of the call, a plan, a token payment, a good-faith payment waived
    "there's no need for a payment today",
    "There's no rush for a payment today.",
    "I need a commitment from you? no, take your time",
    "What I need from you is your payment details.",
    "What we need is a payment plan you can afford.",
    "What I need to know is how much money you have coming in.",
    "All we need is a token payment of a pound.",
    "We can set up the plan without a good faith payment.",
    "No good faith payment is needed.",
    "We accepted your payment in good faith.",
    "What I need from you is a promise you'll call if anything changes.",
    "The only thing I need is a commitment that you'll stay in touch.",
    "All I need is a commitment to call us if things change.",
    "What I need is the balance on your other cards.",
    # the team, the law, the account's history, an agency that helps
    "the repossession team can't touch it while you're on the plan",
    "if it was placed with an outside agency before, they'd have written",
    "It can only be repossessed with a court order.",
    "The car was repossessed last year.",
    "Has the car been repossessed?",
    "It was assigned for repossession in 2019 and then recalled.",
    "I'll pass you to the repossessions team.",
    "We want to avoid the car being repossessed.",
    "We can refer you to an external agency for free advice.",
    "There's an outside agency who can help with budgeting.",
    "The account was sold to a third-party company in 2020.",
    "Do you have a car that could be repossessed?",
    "We'll be partnering with an external agency on this.",
    "If you get a letter from an outside agency, call us.",
    # a plan already there, the agent's promise or offer, the customer's need
    "there's a plan in place",
    "Once the plan is in place you'll get a confirmation letter within five working days.",
    "We'll have something in place by Friday.",
    "I'd like to get something in place today.",
    "We can get something in place today.",
    "Do you need something in place by Friday?",
    "Is there something in place with your other creditors?",
    "We'll have the hold in place by tomorrow.",
]

#: cancelled by a negation: kept in the evidence, not counted
COACH_READ_16_NEGATED = {
    "we won't be repossessing anything": "demand.repossession_threat",
    "The car can't be repossessed while you're on the plan.": "demand.repossession_threat",
    "We'll never pass it to an outside agency while you're paying.": "demand.outside_agency",
    "You don't need to make a good faith payment.": "demand.good_faith_payment",
    "There's no need to have something in place this week.": "demand.something_in_place",
}

#: found before 1.6.0, and still
COACH_READ_16_ALREADY = {
    "is there anyone who could lend you the money": "demand.borrow_sell",
    "I need a commitment on the 150 today": "demand.want_money_now",
}

#: agreement ("get" as understanding), not an order
AGREEMENT = [
    "Totally get it.",
    "I get it.",
    "I totally get that",
    "Completely get that.",
    "Okay, get it.",
    "Oh I get you.",
    "I totally get it, it's a lot.",
    "Yeah, totally get it, so what can you manage each month?",
]

#: orders with "get", and a demand after the agreement, that still count -> an entry that finds them
GET_STILL_FOUND = {
    "Get it paid today.": "demand.imperative:get",
    "Just get it sorted by Friday.": "demand.imperative:get",
    "Get it done today.": "demand.imperative:get",
    "Right, get it sorted.": "demand.imperative:get",
    "Yeah, get it sorted today.": "demand.imperative:get",
    "You need to get it.": "demand.you_must",
    "I totally get it, but you need to pay today.": "demand.you_must",
    "Call us today.": "demand.imperative:call",
    "Call us by Friday.": "demand.imperative:call",
}


@pytest.mark.parametrize("text", both_forms(list(COACH_READ_16_FOUND)))
def test_pressure_found_on_a_second_coachs_read(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert rule_of(COACH_READ_16_FOUND, text) in {r for r, _ in found}, found


@pytest.mark.parametrize("text", both_forms(COACH_READ_16_NOT))
def test_look_alikes_on_a_second_coachs_read_are_no_pressure(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)


@pytest.mark.parametrize("text", both_forms(list(COACH_READ_16_NEGATED)))
def test_a_negated_threat_stays_in_the_evidence_but_does_not_count(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)
    rule = rule_of(COACH_READ_16_NEGATED, text)
    assert [s for s in doc.spans["tonecheck"] if s.id_ == rule and s._.tc_negated], hits(doc, counted_only=False)


@pytest.mark.parametrize("text", both_forms(list(COACH_READ_16_ALREADY)))
def test_pressure_found_before_is_still_found(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert rule_of(COACH_READ_16_ALREADY, text) in {r for r, _ in found}, found


@pytest.mark.parametrize("text", both_forms(AGREEMENT))
def test_get_it_as_agreement_is_no_order(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)


@pytest.mark.parametrize("text", both_forms(list(GET_STILL_FOUND)))
def test_orders_with_get_still_count(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert rule_of(GET_STILL_FOUND, text) in {r for r, _ in found}, found


def test_the_accurate_parse_no_longer_reads_agreement_as_an_order(accurate_nlp):
    # the parse found "get" in "Totally get it." (no subject) an imperative; not_demand.agreement masks it
    doc = process(accurate_nlp, "Totally get it.")
    assert not [s for s in doc.spans["tonecheck"] if s.id_.startswith("demand.imperative")]
    assert [c.id_ for c in doc.spans["tonecheck_cues"] if c.label_ == "not_demand"] == ["not_demand.agreement"]


# --------------------------------------------------------------------------- jargon 1.2.0 (a coach's read of two more calls)

#: the office's words for a stage or a status -> the entry that now finds them
JARGON_FOUND_IN_1_2 = {
    "The account is at enforcement stage now.": "jargon.enforcement_stage",
    "We'll have to start enforcement action.": "jargon.enforcement_stage",
    "The account was flagged as a skip.": "jargon.skip_trace",
    "We need to bring that current today.": "jargon.bring_current",
    "Once the loan is brought current the fees stop.": "jargon.bring_current",
}


@pytest.mark.parametrize("text", both_forms(list(JARGON_FOUND_IN_1_2)))
def test_jargon_found_in_1_2(nlp, text):
    assert rule_of(JARGON_FOUND_IN_1_2, text) in [r for r, _ in counted(process(nlp, text), "jargon")]


@pytest.mark.parametrize("text", both_forms([
    "You're in arrears, which just means you've missed some payments.",
    "It's been charged off, which basically means the bank has written it off in its books.",
]))
def test_jargon_explained_with_which_just_means_is_not_counted(nlp, text):
    assert counted(process(nlp, text), "jargon") == []


@pytest.mark.parametrize("text", both_forms([
    "I'll skip the next question.",
    "Is the balance current?",
    "Your current balance is 400.",
]))
def test_look_alikes_of_the_1_2_jargon_are_none(nlp, text):
    assert counted(process(nlp, text), "jargon") == []


# --------------------------------------------------------------------------- context 1.6.0: a threat ruled out

#: "nobody" / "no one" before a threat rules it out: kept in the evidence, not counted
RULED_OUT = {
    "Nobody's going to have the car repossessed.": "demand.repossession_threat",
    "Nobody will take you to court over this.": "demand.legal_threat",
}


@pytest.mark.parametrize("text", both_forms(list(RULED_OUT)))
def test_a_threat_after_nobody_is_kept_but_not_counted(nlp, text):
    doc = process(nlp, text)
    assert rule_of(RULED_OUT, text) in [s.id_ for s in doc.spans["tonecheck"] if s._.tc_negated]
    assert counted(doc, "demand") == []


@pytest.mark.parametrize("text", both_forms([
    "Nobody likes hearing it, but you need to pay the full balance today.",
    "We'll have the car repossessed if nobody gets in touch.",
]))
def test_a_demand_outside_the_reach_of_nobody_still_counts(nlp, text):
    assert counted(process(nlp, text), "demand") != []


# --------------------------------------------------------------------------- demand 1.7.0, context 1.7.0
# A coach's read of two more calls (an Australian telco hardship call, a UK payday loan call): reassurance,
# budget talk, the steps of confirming an arrangement and a warm sign-off read as pressure; pressure said in
# other words (borrowing from family, "clear it today", social proof, leverage, refusal through the client,
# blame, telco disconnection) missed.

#: reassurance, budget talk, process steps and sign-offs that were counted as demands
NOT_PRESSURE_1_7 = [
    # S1: "need to pay" started inside the trigger "no need to"
    "There's no need to pay anything today.",
    "No need to pay today, we'll sort the plan first.",
    "There's no need to pay it all at once.",
    # S2: "have" as having, in the talk of income and outgoings
    "Let's look at what you have to live on each month.",
    "How much do you have to spend on food?",
    "The longer it's on hold, the more time you have to get advice.",
    "So what you've got to live on is about nine hundred a month.",
    "How much do you have to pay for council tax?",
    "Do you need to pay for childcare?",
    "How much money would you have to spare each month?",
    # finding 4: the steps of confirming an arrangement, and a delivery time
    "You'll need to reply Y to the confirmation text within forty-eight hours to lock it in.",
    "You'll need to reply YES to the text to confirm the plan.",
    "You'll need to click the link in the email.",
    "You'll need to tap accept on the message we send.",
    "You'll need to confirm it in the app.",
    "Make sure you reply to the text from us, not the other one.",
    "We'll call you back within forty-eight hours.",
    "The letter should arrive within 48 hours.",
    "You'll get a text within 24 hours confirming the plan.",
    # finding 5: a warm sign-off (its speech-to-text form was an order in the accurate pipeline only)
    "Look after yourself, Kylie, and give Jase our best.",
    "Give your mum my best.",
    "Give him my love.",
    "Give her our regards.",
]

#: pressure that was missed -> the entry that now finds it
FOUND_1_7 = {
    "You'll need to make a payment within 48 hours to stop this going further.": "demand.pay_within_hours",
    "I need it paid within 24 hours.": "demand.pay_within_hours",
    "The account does still need to be brought up to date.": "demand.account_up_to_date",
    "Your account needs bringing up to date.": "demand.account_up_to_date",
    "Realistically I'd be looking for at least sixty a month.": "demand.looking_for_at_least",
    "We'd be looking for a minimum of 200 a month.": "demand.looking_for_at_least",
    "Is there nobody who could help you out, your brother maybe?": "demand.borrow_from_others_bare",
    "Is there anyone who could help you out?": "demand.borrow_from_others_bare",
    "Could your brother help you out?": "demand.borrow_from_others_bare",
    "Is there no one who could help you pay?": "demand.borrow_from_others",
    "The best thing for you would be to clear it today and then it's done.": "demand.clear_it_today",
    "Settle the balance now and it's off your back.": "demand.clear_it_today",
    "What I'd strongly advise is that you pay something today.": "demand.urgency",
    "I still need to get some kind of commitment from you today.": "demand.need_some_kind_of",
    "I need some sort of payment today.": "demand.need_some_kind_of",
    "Most people in your position manage to find something.": "demand.social_proof",
    "A lot of customers like you find the money.": "demand.social_proof",
    "You don't want this hanging over you for that long, do you?": "demand.hanging_over_you",
    "It won't just go away on its own.": "demand.consequences",
    "The longer it's left, the worse it gets.": "demand.the_longer_the_worse",
    "The longer you leave it the harder it is to sort out.": "demand.the_longer_the_worse",
    "I'd be doing you a disservice if I didn't tell you that twenty probably won't get accepted.": "demand.refused_by_proxy",
    "That offer won't be accepted.": "demand.refused_by_proxy",
    "It's the payment authority, you agreed to it when you took out the loan.": "demand.blame",
    "That's the terms of the agreement.": "demand.blame",
    "We'll disconnect the service if the overdue amount isn't paid.": "demand.disconnection_threat",
    "We'll have to cut off the internet.": "demand.disconnection_threat",
    "We'll cut you off if nothing comes in.": "demand.disconnection_threat",
    "Your service will be restricted to emergency calls only until it's paid.": "demand.service_restricted",
    # context 1.7.0: "if nothing" is a condition, not a payment ruled out
    "If nothing's paid by Friday we'll have to suspend the service.": "demand.pay_by_deadline",
}

#: look-alikes that must stay demands
STILL_FOUND_1_7 = [
    "No, you need to pay today.",
    "There's no need to pay today but you need to pay by Friday.",
    "What you have to do is pay today.",
    "What you have to understand is this isn't going away.",
    "All you have to do is make a payment today.",
    "This time you need to pay on the day.",
    "You'll have to spend less on takeaways.",
    "You'll need to respond within 48 hours or it goes to our solicitors.",
    "You need to reply to our letters.",
    "You need to clear the balance within 24 hours.",
    "Make sure you pay it this time.",
    "Make sure you pay by Friday.",
    "Give us your best offer today.",
    "Give me a figure now.",
    "I need a payment from you today.",
]

#: look-alikes that must stay no demand (the coach's lists L3, L8, L9a-L9i, L10, L11, and our own)
STILL_NOT_1_7 = [
    # process and delivery times
    "Your payment will clear within 24 hours.",
    "The payment should show within two hours.",
    "We'll process the payment within 48 hours.",
    "Your refund will be paid within 24 hours.",
    "Make sure you open the email from us.",
    "Make sure you save the number in your phone.",
    "Give my love to your dad.",
    "Take as much time as you need.",
    # L8: the agent's records, and what the agent needs to see
    "Your details have been brought up to date on the system.",
    "The account notes need to be brought up to date, bear with me.",
    "Your contact details need bringing up to date.",
    "Your direct debit details need bringing up to date.",
    "Once the account has been brought up to date, the fees stop.",
    "I'd be looking for at least three months of bank statements.",
    "I'd be looking for a letter from your GP.",
    "I'd be looking for at least two payslips.",
    "What I'd be looking for is a figure you can actually keep up.",
    "I'd be looking at around six months for the review.",
    "We'd be looking for at least £1 a month, just to keep it ticking over.",
    # L9a: paying and clearing, but not now, not the customer, or not asked
    "I can see you paid something today, thank you.",
    "The payment you made today will show tomorrow.",
    "Did you clear it today or yesterday?",
    "We've cleared the fees today as a goodwill gesture.",
    "I've cleared it today on our side, the charge is gone.",
    "I'll settle the complaint today.",
    "The bank should clear it today.",
    "Nobody's asking you to clear it today.",
    "If you clear it today or next month, it makes no difference to the hold.",
    "Let me clear that now on the system.",
    # L9d: details from the customer, or no commitment needed
    "I need to get some details from you today.",
    "I need to get a few things from you today, your income and outgoings.",
    "I need to get your consent today to note the health information.",
    "I don't need any commitment from you today.",
    "I need to get the paperwork out to you today.",
    "I need a commitment from you that you'll look after yourself, okay?",
    "I need some kind of proof of income today.",
    # L9e: what most people find helpful
    "Most people in your position find it helps to speak to StepChange.",
    "Most people in your position qualify for the hardship programme.",
    "Most of my customers find the app easier.",
    "Most people manage to find the form on the website.",
    "Most people find the reference number on the top right of the letter.",
    "Most people in your position feel embarrassed, and there's no need.",
    "Most people manage the app fine, but I can do it over the phone.",
    "A lot of customers find the hardship team really helpful.",
    # L9f: the longer, the worse, and things that won't go away
    "The longer the call goes on, the worse the line gets.",
    "The rain won't go away this week.",
    "Your plan won't just go away if you miss one, just call us.",
    "The longer you leave the form, the longer the hold takes to set up.",
    "The longer the plan runs, the lower the monthly amount.",
    "That letter won't just go away, so I'll cancel it on my side.",
    "I know you don't want this hanging over you, so let's set up something you can afford.",
    # L9g: advice
    "I'd strongly advise you to speak to StepChange.",
    "The best thing for you would be to get some free advice first.",
    "My advice would be to get some free debt advice before agreeing anything.",
    "You need to get advice before you agree anything.",
    # L9h: the credit file told plainly
    "We report to the credit reference agencies every month, so it'll show as settled.",
    "It won't affect your credit file while you're on the hardship plan.",
    "Your credit file will show the plan as an arrangement, not a default.",
    "It'll drop off your file six years after the default date, whatever happens.",
    # L9i: payment methods and papers
    "Cash won't be accepted at the branch.",
    "Cheques won't be accepted after March.",
    "Card payments won't be accepted over the weekend because of the system upgrade.",
    "Any amount you can afford will be accepted while you're on the hardship plan.",
    "Screenshots won't be accepted as proof, we need the PDF.",
    # L10: help that is not money
    "Is there anyone who could help you out with the paperwork?",
    "Is there anyone who could help you out at home?",
    "Have you got anyone who could help you out with the kids?",
    "Is there anyone who could help you out while he's in hospital?",
    "There are people who can help you out for free, like StepChange.",
    "Can I help you out with anything else?",
    "Is there nobody who could help you out with the shopping?",
    "Could a family member help you out with the forms?",
    "Is there anyone who could help you out, even for a few hours?",
    # L11: what was agreed, as a record
    "You agreed to the plan last month, so that's all in place.",
    "Under the terms of the agreement you're entitled to a copy.",
    "You agreed to the text reminders, so you'll get one before each payment.",
    "When you took out the loan, did anyone check you could afford it?",
    "You agreed to it, so I'll just read the summary back.",
    "That's the terms of the hardship plan: no interest while you're on it.",
    # S3: the service, but no threat (a negation stands where the threat's will or 'll would)
    "We won't cut you off.",
    "We won't disconnect the service while you're on the plan.",
    "If the service gets cut off there's a reconnection fee.",
    "The storm cut off the service in your area last week.",
    "If you want to disconnect the landline, I can do that.",
    "You can ask us to disconnect it.",
    "The interest will be suspended for ninety days.",
    "Your direct debit will be suspended while you're on the plan.",
]

#: a demand ruled out: kept in the evidence, not counted
RULED_OUT_1_7 = {
    "There's no need to pay it all at once.": "demand.need_payment",
}


@pytest.mark.parametrize("text", both_forms(NOT_PRESSURE_1_7))
def test_reassurance_budget_talk_and_process_steps_are_no_pressure(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)


@pytest.mark.parametrize("text", both_forms(list(FOUND_1_7)))
def test_pressure_in_other_words_is_found(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert rule_of(FOUND_1_7, text) in {r for r, _ in found}, found


@pytest.mark.parametrize("text", both_forms(STILL_FOUND_1_7))
def test_look_alikes_of_1_7_that_are_pressure(nlp, text):
    assert counted(process(nlp, text), "demand"), text


@pytest.mark.parametrize("text", both_forms(STILL_NOT_1_7))
def test_look_alikes_of_1_7_that_are_not_pressure(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)


@pytest.mark.parametrize("text", both_forms(list(RULED_OUT_1_7)))
def test_a_demand_ruled_out_in_1_7_stays_in_the_evidence(nlp, text):
    doc = process(nlp, text)
    assert rule_of(RULED_OUT_1_7, text) in [s.id_ for s in doc.spans["tonecheck"] if s._.tc_negated]
    assert counted(doc, "demand") == []


@pytest.mark.parametrize("text", both_forms([
    "I understand it's a difficult time, but the account does still need to be brought up to date, so what I'd "
    "strongly advise is that you clear the balance in full today.",
    "I hear you, but realistically I'd be looking for at least sixty a month.",
]))
def test_empathy_before_a_floor_or_an_account_to_bring_up_to_date_is_undercut(nlp, text):
    # typed, the contrast reached no demand before the comma ("clear the balance" came after it)
    assert only_empathy(process(nlp, text))._.tc_undercut


# --------------------------------------------------------------------------- demand 1.8.0: an obligation after "if" is
# a condition (the reference-number line of almost every call: "..., if you need to quote it")

CONDITIONS_1_8 = [
    "The reference number for today's call is X762971, if you need to quote it.",
    "If you need to call us back, the number's on the letter.",
    "Just in case you need to get hold of us, here's the number.",
    "Whenever you need to talk it through, give us a ring.",
]


@pytest.mark.parametrize("text", both_forms(CONDITIONS_1_8))
def test_an_obligation_after_if_is_a_condition(nlp, text):
    doc = process(nlp, text)
    assert "demand.you_must" not in [r for r, _ in counted(doc, "demand")], hits(doc, counted_only=False)


@pytest.mark.parametrize("text", both_forms([
    "If you can't pay in full, you'll have to set up a plan today.",
    "You need to pay today.",
]))
def test_the_order_in_the_main_clause_still_counts(nlp, text):
    assert "demand.you_must" in [r for r, _ in counted(process(nlp, text), "demand")]


# --------------------------------------------------------------------------- demand 1.9.0: exploding offers, brushing
# aside a disclosure, the creditor's vague threat, and a contact invitation after "if" (coach's session 11, findings 5,
# 6, 7 and 11; look-alike lists L4, L5, L6, L9)

#: pressure that was missed -> the entry that now finds it
FOUND_1_9 = {
    # finding 5: an offer with a near deadline (L4a)
    "This offer expires at 5pm today.": "demand.offer_deadline",
    "I just want to make sure you understand this offer expires at 5pm today.": "demand.offer_deadline",
    "The discount ends tonight.": "demand.offer_deadline",
    "The settlement offer expires at close of business.": "demand.offer_deadline",
    "The deal runs out on Friday.": "demand.offer_deadline",
    "The settlement offer is only good until Friday.": "demand.offer_deadline_until",
    "The settlement is only good until close of business.": "demand.offer_deadline_until",
    "Again, the settlement offer is good until 5pm Eastern if you change your mind.": "demand.offer_deadline_until",
    "This offer is only available until Friday.": "demand.offer_deadline_until",
    "It's only available today.": "demand.offer_deadline_today",
    "This is only good for today.": "demand.offer_deadline_today",
    "If you wait, the settlement offer won't be available anymore.": "demand.offer_deadline_lost",
    "If it comes back valid, the settlement offer won't be available any more.": "demand.offer_deadline_lost",
    "I'd strongly encourage you to take advantage of the settlement while it's available.":
        "demand.offer_while_available",
    "Take advantage of this offer while you can.": "demand.offer_while_available",
    "This is a one-time offer, so I'd grab it.": "demand.offer_one_time",
    "It's a limited-time offer.": "demand.offer_one_time",
    "I'd hate for you to miss out on it.": "demand.offer_miss_out",
    "Honestly, the settlement is the better deal here, and I'd hate for you to miss out on it.": "demand.offer_miss_out",
    "You don't want to miss out on this offer.": "demand.offer_miss_out",
    # finding 6: the disclosure brushed aside, liability asserted (L5a)
    "That's really between you and him.": "demand.between_you_and_him",
    "But that's really between you and him.": "demand.between_you_and_him",
    "That's between you and your ex.": "demand.between_you_and_him",
    "That's a matter for you and him, not us.": "demand.between_you_and_him",
    "That's between you and your ex-partner.": "demand.between_you_and_him",
    "That's not our concern.": "demand.not_our_concern",
    "That's not something we can get involved in.": "demand.not_our_concern",
    "The account is in your name, so you are the responsible party at this point.": "demand.your_name_your_debt",
    "It's in your name, so it's your debt.": "demand.your_name_your_debt",
    "They're in your name, which means you're liable.": "demand.your_name_your_debt",
    "It's in your name so you owe it.": "demand.your_name_your_debt",
    # finding 7: the creditor's vague threat (L6a)
    "The client may decide to pursue further options.": "demand.further_options_threat",
    "After that the client may take further steps.": "demand.further_options_threat",
    "The creditor may pursue other remedies available to them.": "demand.further_options_threat",
    "If it's not resolved, the client could decide to take other action.": "demand.further_options_threat",
    "The client reserves the right to pursue further action.": "demand.further_options_threat",
    "There are other options available to the creditor.": "demand.options_open_to_creditor",
}

#: look-alikes: no demand at all
STILL_NOT_1_9 = [
    # L4b: dates, hours and offers that take the pressure off
    "Your first payment is due on the 5th.",
    "The offer letter will arrive by Friday.",
    "The offer letter should reach you by Friday.",
    "We'll hold the account until the 5th while you get advice.",
    "Your card expires in May, so we'll need the new one.",
    "Your temporary password expires in 24 hours.",
    "The hold expires on the thirtieth, and we'll call you before then.",
    "The settlement offer stays open while you get advice.",
    "There's no deadline on the settlement offer.",
    "You won't miss out on anything by getting advice first.",
    "The hardship program is available for as long as you need it.",
    "Your promotional rate ends in March, so your payment may go up a little.",
    "The settlement offer is good for thirty days, so take your time.",
    "The offer is still available if you want to think about it.",
    "The helpline is only available until 8pm today.",
    "Our lines are open until 5pm today.",
    "Our offices close at 5pm today.",
    "Your fixed deal ends on Friday, so your bill may change.",
    "Your broadband discount ends tomorrow.",
    "That deal ends up costing you less.",
    "The discount ends when the plan finishes.",
    "The settlement is available until the account is paid.",
    "The offer doesn't expire until the end of the month.",
    "I'd hate for you to miss out on the support that's there.",
    "We don't want you to miss out on any benefits you're entitled to.",
    "You don't want to miss out on the hardship fund.",
    "Take advantage of the free debt advice while you're waiting.",
    "We can take a one-off payment by card.",
    # L5b: whose name the account is in, without dismissing the customer
    "The account is in your name, so I can only discuss it with you.",
    "You're not responsible for your husband's debts.",
    "That stays between you and me, I won't read it out.",
    "You're the account holder, so you can add your sister as a third party.",
    "Your sister is responsible for her own account, not you.",
    "The account is in your name, yes, it was opened in 2019.",
    "It's in your name only, not joint.",
    "It's in your name, so you'll get the letters.",
    "It's in your name, so it's your choice what we do.",
    "That's a matter for you and your husband to decide.",
    "This is for you and your husband, a copy each.",
    "It's between you and your GP.",
    "Your safety is our main concern.",
    "That's not our concern right now, your safety comes first.",
    "Don't worry about the arrears, that's not our concern at the moment.",
    # L6b: further options that help, or are the customer's
    "You may want to look at further options with a debt adviser.",
    "We can look at further options if this plan doesn't work.",
    "The client may agree to freeze the interest.",
    "The client may decide to close the account once it's paid.",
    "There are further options if your income drops again.",
    "There are other options available to you.",
    "The client may take other steps to help, like freezing the interest.",
    "The client will take other options into account.",
]


@pytest.mark.parametrize("text", both_forms(list(FOUND_1_9)))
def test_offer_deadlines_dismissal_and_vague_threats_are_pressure(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert rule_of(FOUND_1_9, text) in {r for r, _ in found}, found


@pytest.mark.parametrize("text", both_forms(STILL_NOT_1_9))
def test_look_alikes_of_1_9_are_no_pressure(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)


#: finding 11 (L9a): a contact invitation after a condition of need or change. Typed only: as speech-to-text, with no
#: comma, the imperative rule never read these as orders (the verb is not at a clause start), so the ASR form could not
#: fail; test_invitations_after_a_condition_stay_silent_as_speech_to_text keeps it silent.
INVITATIONS_1_9 = [
    "If anything changes, good or bad, ring the number on the letter and ask for mortgage support.",
    "If anything changes, ring the number on the letter.",
    "If anything changes, call us on the number on the letter.",
    "If you've got any questions, ring the number on the back of the letter.",
    "If you need us, call the number on the letter and ask for the support team.",
    "If it all gets too much, ring the number on the letter.",
    "If you're struggling, ring the team on the number on the letter.",
]


@pytest.mark.parametrize("text", INVITATIONS_1_9)
def test_a_contact_invitation_after_a_condition_is_no_order(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)


@pytest.mark.parametrize("text", [asr(t) for t in INVITATIONS_1_9])
def test_invitations_after_a_condition_stay_silent_as_speech_to_text(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)


#: L9b and its kind: an order to call and pay, or to call by a time, stays a demand. The two after "if" typed only: as
#: speech-to-text the imperative rule does not read a verb in the middle of an unpunctuated turn (a miss before 1.9.0
#: too, not this entry's doing).
@pytest.mark.parametrize("text", both_forms([
    "Call us by Friday to make a payment.",
    "Call the number on the letter and pay what you owe.",
]) + [
    "If anything changes, call us today and pay the balance.",
    "If you need us, call us now and make a payment.",
])
def test_an_order_to_call_and_pay_still_counts(nlp, text):
    assert counted(process(nlp, text), "demand"), text


# --------------------------------------------------------------------------- demand 1.10.0, context 1.8.0 (coach session
# 12, findings 1-6): US credit reporting and acceleration as threats, a payment option with a consequence, a declared lack
# of capacity overridden, US "pay today" wording, a statute-barred debt explained, the legal department as process

#: pressure that was missed -> the entry that now finds it
FOUND_1_10 = {
    # finding 1 (L1a): the credit file and acceleration as leverage
    "I understand, but once it hits ninety days it'll be reported to the credit bureaus as delinquent.":
        "demand.credit_reporting_threat",
    "This will be reported to all three bureaus.": "demand.credit_reporting_threat",
    "Once it's ninety days late, it gets reported to all three bureaus.": "demand.credit_reporting_threat",
    "If you miss Friday it'll be reported as late.": "demand.credit_reporting_threat",
    "I understand, but the loan may be subject to acceleration.": "demand.acceleration_threat",
    "If the past-due amount isn't received by then, the account can be accelerated.": "demand.acceleration_threat",
    "We'll have to accelerate the loan if it isn't brought current.": "demand.acceleration_threat",
    "We may accelerate the loan.": "demand.acceleration_threat",
    "It'll be referred for further collection if we don't hear from you.": "demand.further_collection",
    "The account can be accelerated and referred for further collection.": "demand.further_collection",
    "The past-due amount is due by the twenty-fifth to avoid acceleration.": "demand.pay_to_avoid",
    # finding 2 (L2a): capacity overridden, a disclosure dismissed
    "Ma'am, as long as she's the borrower she can agree to a payment.": "demand.capacity_override",
    "She's the account holder, so she can still make a payment today.": "demand.capacity_override",
    "She verified her information, so she's the one I need to speak to.": "demand.verified_so_speak_to_her",
    "He passed security, so he's the one I have to speak to.": "demand.verified_so_speak_to_her",
    "I can note that a third party stated that. It doesn't change the status of the account.":
        "demand.doesnt_change_what_is_owed",
    "A diagnosis doesn't change what's owed.": "demand.doesnt_change_what_is_owed",
    "Sending the POA does not stop the delinquency.": "demand.doesnt_change_what_is_owed",
    # finding 3 (L3a): an option with the consequence named
    "Do you want to make a payment today to avoid the credit reporting?": "demand.pay_to_avoid",
    "Would you like to pay today to avoid further action?": "demand.pay_to_avoid",
    "Do you want to settle it today and avoid the late fee?": "demand.pay_to_avoid",
    "Do you want to pay now so it doesn't go to collections?": "demand.pay_so_it_doesnt",
    "Would you like to make a payment today before it gets reported?": "demand.pay_before_it_is_reported",
    "Do you want to make a payment now so we don't have to accelerate the loan?": "demand.pay_so_it_doesnt",
    # finding 4 (L4a): US pay-today wording
    "Are you able to bring the account current today?": "demand.need_payment",
    "Can you take care of the seven eighteen today?": "demand.take_care_of_sum_today",
    "Can you take care of the balance today?": "demand.take_care_of_it_today",
    "So can we get the past-due amount taken care of today?": "demand.get_it_taken_care_of",
    "Let's get this taken care of today.": "demand.get_it_taken_care_of",
    "Can she do the full past-due amount by the twenty-fifth, yes or no?": "demand.do_the_amount_by",
    "I need to get a promise to pay set up today.": "demand.promise_to_pay_today",
    "So can we get a promise to pay on file for the twenty-fifth?": "demand.promise_to_pay_today",
}

#: finding 6 (L6b): the debt handed to the legal department, or the department acting against the customer, stays a
#: threat (a demand.legal_threat phrase before 1.10.0, now these two entries)
LEGAL_DEPARTMENT_THREATS_1_10 = {
    "I'll pass this to our legal department.": "demand.legal_department_threat",
    "If it's not paid, it goes to our legal department.": "demand.legal_department_threat",
    "Do you want this going to our legal department?": "demand.legal_department_threat",
    "It'll be sent to our legal team if we don't hear from you.": "demand.legal_department_threat",
    "Your account is being reviewed by our legal department for litigation.": "demand.legal_department_action",
    "Our legal department will be in touch about recovering the balance.": "demand.legal_department_action",
    "Our legal team will be in touch.": "demand.legal_department_action",
    "Our legal team may take action.": "demand.legal_department_action",
}

#: look-alikes that must stay silent as demands
STILL_NOT_1_10 = [
    # L1b: reassurance, the neutral disclosure, a good report, history
    "While you're on the hardship plan, we won't report it to the credit bureaus as late.",
    "We report to the credit bureaus every month, so it'll show as paid once it's cleared.",
    "We won't accelerate the loan while the power of attorney is being reviewed.",
    "The acceleration clause is in section twelve of your agreement, but it doesn't apply while you're on a plan.",
    "Your payments will be reported as on time from now on.",
    "I've referred it to our hardship team, and they'll call you on Monday.",
    "A hardship plan won't be reported.",
    "We don't report to the bureaus while it's on hold.",
    "Once it's paid it'll be reported to the credit bureaus as paid in full.",
    "Late payments may be reported to the credit bureaus.",
    "Missed payments are reported to the credit bureaus, but the plan stops that.",
    "It can only be accelerated after we send you a notice.",
    "The loan can't be accelerated while you're on the plan.",
    "It was referred for collection in 2019, before we bought it.",
    "I'll put you through to the collections team.",
    # L2b: the customer's status explained, not used as leverage
    "She's the borrower, so I'll need her permission before I talk to you.",
    "As long as she's happy for you to help, I can talk to you about it.",
    "The diagnosis doesn't change your plan, it stays exactly as it is.",
    "I'll note that she has dementia, so nobody presses her for a payment.",
    "She doesn't need to agree to anything today.",
    "As long as you're the borrower, you can add your daughter as an authorized contact.",
    "She's the account holder, so she can make the decision.",
    "He's the account holder, so he can agree to add you as a third party.",
    "Is Mary there? She's the one I need to speak to.",
    "Updating your address doesn't change the status of the account.",
    "No, it doesn't change the status of the account, the plan stays in place.",
    "Paying early doesn't change what's owed next month.",
    # L3b: an option with no consequence, or a way out offered
    "Do you want to make a payment today?",
    "Do you want to pay by card or bank transfer?",
    "Would you like to make a payment today, or leave it until you've had advice?",
    "Would you like to set up a plan so the letters stop?",
    "Do you want to avoid phone calls? I can put it to letters only.",
    "Would you rather pay monthly to keep the payments small?",
    "Would you like to pay today so it's reported as paid this month?",
    "I'll set up the plan now so we don't have to call you again.",
    "You can set up autopay to avoid late fees.",
    "A hardship plan can help you avoid collections.",
    "We'll put a hold on so it doesn't go to collections while you get advice.",
    # L4b: the agent's own act, another object, the past
    "I'll take care of the paperwork today.",
    "Take care of yourself today.",
    "Can you take care of your mom today, and we'll talk next week?",
    "Your payment brought the account current today.",
    "I can get the hardship plan set up today if you'd like.",
    "The hold will be set up today.",
    "Did you manage to take care of the car today?",
    "We'll take care of that for you today.",
    "I'll bring the notes up to date today.",
    "I'll get that taken care of today.",
    "We can get the address taken care of today.",
    "I've got a promise to pay on file for the twenty-fifth.",
    "Your promise to pay is set up for Friday.",
    "Can you do the full amount by card?",
    "I'll do the payment now.",
    "Let me take care of it now.",
    "Thanks for taking care of it today.",
    # L6a: the legal department's routine work on papers
    "It would have to be reviewed and approved by our legal department before I can speak with you.",
    "Our legal department will review the power of attorney.",
    "Our legal team checks every power of attorney we receive.",
    "I'll ask our legal department whether the debt is statute-barred.",
    "Fax it to our legal department, attention POA review.",
    "Our legal team will take a look at the power of attorney.",
    "You can send the power of attorney to our legal department.",
    "Our legal department will be in touch once they've checked the POA.",
    "Our legal department handles bankruptcy notices.",
    "The legal department approved the power of attorney this morning.",
]


@pytest.mark.parametrize("text", both_forms(list(FOUND_1_10)))
def test_us_threats_capacity_override_and_pay_today_wording_are_pressure(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert rule_of(FOUND_1_10, text) in {r for r, _ in found}, found


@pytest.mark.parametrize("text", both_forms(list(LEGAL_DEPARTMENT_THREATS_1_10)))
def test_the_debt_handed_to_the_legal_department_is_still_a_threat(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert rule_of(LEGAL_DEPARTMENT_THREATS_1_10, text) in {r for r, _ in found}, found


@pytest.mark.parametrize("text", both_forms(STILL_NOT_1_10))
def test_look_alikes_of_1_10_are_no_pressure(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)


@pytest.mark.parametrize("text", both_forms([
    "I understand, but once it hits ninety days it'll be reported to the credit bureaus as delinquent.",
    "I understand, but the loan may be subject to acceleration.",
]))
def test_understanding_before_a_credit_or_acceleration_threat_is_undercut(nlp, text):
    assert only_empathy(process(nlp, text))._.tc_undercut


#: finding 5 (L5a): a statute-barred debt explained -> the court phrase stays in the evidence, not counted
COURT_RULED_OUT_1_10 = [
    "It means it's too old to take you to court for.",
    "It's too old for us to take you to court.",
    "They're not allowed to take you to court for it.",
    "It's past the point where anyone can take you to court.",
    "Statute-barred means it's too old to take you to court for.",
]


@pytest.mark.parametrize("text", both_forms(COURT_RULED_OUT_1_10))
def test_a_statute_barred_debt_explained_is_no_court_threat(nlp, text):
    doc = process(nlp, text)
    assert "demand.legal_threat" in [s.id_ for s in doc.spans["tonecheck"] if s._.tc_negated]
    assert counted(doc, "demand") == []


#: L5b: a court threat with "too" or "not" nearby still counts
@pytest.mark.parametrize("text", both_forms([
    "If it's not paid we'll take you to court.",
    "It's not too old for us to take you to court.",
    "We're too far along now, we'll take you to court.",
    "It's never too late for us to take you to court.",
    "We're not allowed to accept less, you need to pay today.",
]))
def test_a_court_threat_near_too_or_not_still_counts(nlp, text):
    assert counted(process(nlp, text), "demand"), text


# ---------------------------------------------------------------------------------------------- demand 1.11.0 (session 13,
# findings 5-9): US garnishment and Treasury offset as leverage, brush-offs, talking the customer out of a hardship route,
# same-day pressure in other words, help made conditional on a payment, crisis and gambling help as signposting

#: pressure that was missed -> the entry that now finds it
FOUND_1_11 = {
    # finding 5 (L5a): garnishment and offset
    "I understand, but the garnishment is already in process.": "demand.garnishment_in_process",
    "Once the order goes to your employer, it'll come out of every paycheck.": "demand.out_of_every_paycheck",
    "It's going to be taken out of every paycheck until it's paid.": "demand.out_of_every_paycheck",
    "Your federal tax refund is also subject to Treasury offset.": "demand.garnishment_threat",
    "Then the AWG will proceed as scheduled.": "demand.garnishment_proceeds",
    "Your employer will be ordered to withhold up to fifteen percent of your disposable pay.": "demand.garnishment_threat",
    "The account may be referred to Treasury for offset.": "demand.garnishment_threat",
    "The garnishment will start on your next paycheck.": "demand.garnishment_proceeds",
    "We'll take it straight out of your wages.": "demand.seizure_threat",
    "Your wages will be garnished.": "demand.garnishment_threat",
    "We'll start administrative wage garnishment.": "demand.start_garnishment",
    "Your tax refund will be taken.": "demand.garnishment_threat",
    # finding 6 (L6a): brush-offs
    "Well, that's not really my problem, ma'am.": "demand.refusal",
    "It's not really our problem.": "demand.refusal",
    "That's not actually my problem.": "demand.refusal",
    "That's not a factor in the garnishment.": "demand.not_a_factor",
    "Ma'am, I'm just explaining the process.": "demand.just_explaining",
    "That's not something I can take into account.": "demand.brush_off",
    "Ma'am, I do have other calls holding.": "demand.brush_off",
    "I don't make the rules.": "demand.brush_off",
    # finding 7 (L7a): talking the customer out of a hardship route
    "Honestly, it just delays things.": "demand.discourage_option",
    "Most people who do that end up garnished anyway.": "demand.end_up_anyway",
    "It's a lot of paperwork and it usually gets denied.": "demand.discourage_option",
    "I wouldn't bother with the hardship form, it takes months.": "demand.discourage_option",
    "A dispute's just going to drag it out.": "demand.discourage_option",
    # finding 8 (L8a): same-day pressure, help only for money
    "Okay, so the fastest way is a same-day payment.": "demand.same_day_payment",
    "We need a same-day payment to stop this.": "demand.same_day_payment",
    "If you can do a payment of two thousand today, I can note the account.": "demand.payment_of_sum_today",
    "Can we get a payment of five hundred today?": "demand.payment_of_sum_today",
    "Can you make a payment of 200 today?": "demand.payment_of_sum_today",
    "Do you want to resolve the default today?": "demand.clear_it_today",
    "I can't put a hold without a payment.": "demand.help_only_with_payment",
    "We won't set up a plan unless you make a payment today.": "demand.help_only_with_payment",
}

#: look-alikes that must stay silent as demands
STILL_NOT_1_11 = [
    # L5b: reassurance, what stops it, the past, a condition or a question
    "While the hardship review is pending, we won't start any garnishment.",
    "Once you've made five payments, the garnishment stops.",
    "There's no garnishment on your account.",
    "Your tax refund won't be offset while you're in rehabilitation.",
    "The garnishment was released last month.",
    "Your employer hasn't been sent any order.",
    "Rehabilitation stops the garnishment.",
    "When will the garnishment start?",
    "Once the garnishment starts you can still request a hearing.",
    "Your wages were garnished last year.",
    "You can't be garnished while the hearing is pending.",
    "Your payment comes out of your account on the first.",
    "We can set up a small payment that comes out of each paycheck automatically, so you don't have to think about it.",
    "If you'd like, the payment can come straight out of every paycheck once it's set up.",
    # L6b
    "That's not a problem at all.",
    "It's not your fault, and it's not a problem for us.",
    "That's not a factor against you, don't worry.",
    "It's not a factor in whether we can offer the plan.",
    "I'm just going to explain the process, stop me if anything's unclear.",
    "I'm just explaining the process so you know what happens next.",
    "There are a lot of calls holding, so thank you for waiting.",
    "That's not something I can take into account today, but the hardship team can look at it properly.",
    "That's not something I can take into account, but the hardship team can.",
    "I do have other calls holding but I'm not rushing you, take your time.",
    "No problem, take your time.",
    # L7b
    "You can request a hardship review, and I'll put a hold on while it's looked at.",
    "The hardship review can take a few weeks, so I'll pause collection until it's done.",
    "Most people who do that find it helps.",
    "It just delays the first payment by a month, which gives you some breathing room.",
    "It's worth filling in, it usually helps.",
    "I wouldn't bother with the form, I can do it over the phone.",
    # L8b
    "There's no need for a same-day payment.",
    "A same-day payment isn't necessary, the plan can start next month.",
    "You can make a same-day payment online if you like.",
    "Can you do that form today, or would next week be easier?",
    "I can put a hold on without a payment.",
    "I can't put a hold on without the signed form.",
    "We resolved the default today, so you're all set.",
    "I'll resolve the complaint today.",
    "Your payment of two thousand went through today.",
    "I'll take a payment of five pounds today as we agreed.",
    # L9c (finding 9): pointing the customer to crisis and gambling help; the accurate pipeline's parsed imperative too
    "Please do ring GamCare, even if it's just to see what they say.",
    "Give GamCare a ring tonight.",
    "Call the National Gambling Helpline, they're there all night.",
    "Ring the Samaritans if it gets too much.",
    "Sign up to GAMSTOP when you get a minute.",
]


@pytest.mark.parametrize("text", both_forms(list(FOUND_1_11)))
def test_garnishment_brush_offs_discouragement_and_same_day_wording_are_pressure(nlp, text):
    found = counted(process(nlp, text), "demand")
    assert rule_of(FOUND_1_11, text) in {r for r, _ in found}, found


@pytest.mark.parametrize("text", both_forms(STILL_NOT_1_11))
def test_look_alikes_of_1_11_are_no_pressure(nlp, text):
    doc = process(nlp, text)
    assert counted(doc, "demand") == [], hits(doc, counted_only=False)


@pytest.mark.parametrize("text", both_forms([
    "I understand, but the garnishment is already in process.",
    "I understand, but your federal tax refund is also subject to Treasury offset.",
]))
def test_understanding_before_a_garnishment_threat_is_undercut(nlp, text):
    assert only_empathy(process(nlp, text))._.tc_undercut


@pytest.mark.parametrize("text", both_forms([
    "Call us by Friday to make a payment.",
    "Call the number on the letter and pay what you owe.",
    "Call the Citizens Advice office and pay today.",
]))
def test_an_order_to_call_and_pay_still_counts_next_to_a_signpost(nlp, text):
    assert counted(process(nlp, text), "demand"), text
