"""Hardship and vulnerability disclosures on customer turns (lexicons/hardship.yml 1.11.0), in both pipelines.

QA teams use these hits to find vulnerable customers, so a missed disclosure and a false alarm both cost: the
first hides a customer who needed care, the second wastes a reviewer's time. The cases below are how customers
say these things on UK and US collections calls, often lower case and unpunctuated (speech-to-text).

A denial directly before a disclosure word is no disclosure ("I'm not on benefits"): each entry's
``not_preceded_by`` reads the one word before a hit and, with ``step_over``, the words past the hedges between
("I'm not really struggling", "I've never really been in debt"). Negation (context.yml) does not reach customer
turns, and must not: a negation a few words back often does not deny the disclosure ("it's not easy being disabled").
"""

from __future__ import annotations

import pytest

import tonecheck

from conftest import both_forms


def hardship_rules(nlp, text):
    doc = nlp.make_doc(text)
    doc._.tc_role = "customer"
    doc = nlp(doc)
    return [(s.id_, s.text) for s in doc.spans["tonecheck"] if s.label_ == "hardship" and not s._.tc_negated]


#: (what the customer says, the rule that must find it): all missed, or found under another group, before 1.2.0
DISCLOSURES = [
    # money
    ("my hours got slashed at work so money's really tight", "hardship.cant_afford_tight"),
    ("I'm back at work part time but money's still really tight.", "hardship.cant_afford_tight"),  # 1.4.0
    ("things are a little tight at the moment", "hardship.cant_afford_tight"),  # 1.4.0
    ("i'm behind on my council tax and the water bill", "hardship.cant_afford_behind"),
    ("I'm behind on all my bills.", "hardship.cant_afford_behind"),
    ("we're living off credit cards at the minute", "hardship.cant_afford"),
    ("i've got loads of debts with other people", "hardship.cant_afford"),
    ("i cant even afford to put petrol in the car", "hardship.cant_afford"),
    ("i'm on a debt management plan with stepchange", "hardship.cant_afford"),
    ("my wages don't cover my bills anymore", "hardship.cant_afford"),
    ("I'm living paycheck to paycheck.", "hardship.cant_afford"),
    ("i just filed for bankruptcy", "hardship.cant_afford"),
    ("I'm in financial difficulty at the moment.", "hardship.cant_afford"),
    ("the bailiffs came round yesterday", "hardship.cant_afford"),
    ("we're really struggling at the moment", "hardship.cant_afford_struggling"),
    ("I've been struggling to make ends meet.", "hardship.cant_afford_struggling"),
    ("i'm struggling with money", "hardship.cant_afford_struggling"),
    # work and income
    ("my hours got slashed at work", "hardship.job_loss_hours"),
    ("my overtime's been stopped", "hardship.job_loss_hours"),
    ("they let me go last month", "hardship.job_loss_let_go"),
    ("They had to let me go.", "hardship.job_loss_let_go"),
    ("my partner lost his job so it's just my wage", "hardship.job_loss"),
    ("I've been signed off with stress.", "hardship.job_loss"),
    ("I've been signed off with stress.", "hardship.mental_health"),
    # benefits
    ("i'm on unemployment right now", "hardship.benefits"),
    ("i'm on disability", "hardship.benefits"),
    ("i get carers allowance for looking after my son", "hardship.benefits"),
    ("I'm on housing benefit.", "hardship.benefits"),
    # health
    ("I've got a brain tumour.", "hardship.health"),
    ("i've just come out of hospital", "hardship.health"),
    ("i've got multiple sclerosis", "hardship.health"),
    ("i've got a heart condition", "hardship.health"),
    ("i'm registered blind", "hardship.health"),
    ("i'm on dialysis three times a week", "hardship.health"),
    ("i've been really poorly", "hardship.health"),
    ("I'm terminally ill.", "hardship.health"),
    ("i'm in a wheelchair", "hardship.health"),
    ("my son's disabled and i care for him", "hardship.health_disabled"),
    ("my memory's not good these days", "hardship.health_memory"),
    ("my memory isn't what it was", "hardship.health_memory"),
    # mental health and suicide risk
    ("these letters are making me ill", "hardship.mental_health"),
    ("i can't stop crying", "hardship.mental_health"),
    ("I'm at breaking point.", "hardship.mental_health"),
    ("we've been going through a tough time", "hardship.mental_health"),
    ("i don't see the point anymore", "hardship.suicide_risk"),
    ("sometimes i think about ending it", "hardship.suicide_risk"),
    ("i just want to go to sleep and not wake up", "hardship.suicide_risk"),
    ("I've thought about taking an overdose.", "hardship.suicide_risk"),
    ("i can't go on like this", "hardship.suicide_risk"),
    ("everyone would be better off if i wasn't here", "hardship.suicide_risk"),
    ("i've got a drug problem", "hardship.addiction"),
    # bereavement
    ("my husband passed in january", "hardship.bereavement_passed"),
    ("my dad's just passed", "hardship.bereavement_passed"),
    ("My nan passed last week.", "hardship.bereavement_passed"),
    ("My mum died last month.", "hardship.bereavement_died"),
    ("we've had a death in the family", "hardship.bereavement_died"),
    # relationships and abuse
    ("me and my partner have split up", "hardship.relationship_split"),
    ("I'm separated from my husband.", "hardship.relationship_split"),
    ("we broke up in the summer", "hardship.relationship_split"),
    ("my husband left me with all the debts", "hardship.relationship_left_me"),
    ("my ex took out loans in my name", "hardship.economic_abuse_in_my_name"),  # 1.9.0: was relationship_in_my_name
    ("someone took out loans in my name", "hardship.relationship_in_my_name"),
    ("he used to control all the money", "hardship.economic_abuse"),  # 1.9.0: was hardship.relationship
    ("he kicked me out in march", "hardship.relationship"),
    # caring
    ("my son's disabled and i care for him", "hardship.caring_family"),
    ("i look after my elderly mum full time", "hardship.caring_family_cares_for"),
    # life events, age
    ("i've just come out of prison", "hardship.other_life_events"),
    ("i'm seventy-eight and on my own", "hardship.older_age_years"),
    ("im 82 and i live on my own", "hardship.older_age_years"),
    ("I'm in my eighties.", "hardship.older_age"),
    # housing
    ("i'm two months behind on my rent", "hardship.housing"),
    ("the bank is repossessing the house", "hardship.housing"),
    ("i'm staying in a hostel", "hardship.housing"),
    # capability
    ("my english is not very good", "hardship.capability"),
    ("i have learning difficulties", "hardship.capability"),
    ("I'm autistic so phone calls are hard for me.", "hardship.capability"),
    ("can you send it in large print", "hardship.capability"),
    ("i'm not good with computers", "hardship.capability_not_good_with"),
    ("I'm not very good with numbers.", "hardship.capability_not_good_with"),
    ("my daughter usually deals with my post", "hardship.capability_helper"),
]


@pytest.mark.parametrize("text, rule", DISCLOSURES)
def test_disclosures_are_found_under_their_kind(nlp, text, rule):
    assert rule in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)


#: Not a disclosure, though each shares words with one: all found as hardship before 1.2.0
NOT_DISCLOSURES = [
    # denials
    "no, i'm not struggling, i just forgot",
    "no im not struggling i just forgot",
    "I'm not on benefits.",
    "i'm not unemployed, i've just started a new job",
    "i haven't lost my job",
    "no i'm not depressed or anything",
    "i'm not stressed about it",
    "I don't have any health problems.",
    "i'm not in hospital, i'm at work",
    "i'm not disabled",
    "I'm not pregnant, that's my sister.",
    "i'm not homeless or anything",
    "i'm not in debt to anyone else",
    "i've got no other debts",
    "i don't have any other debts",
    # a task, not a hardship
    "i'm struggling to hear you",
    "sorry i'm struggling to find the reference number",
    # a machine, a figure of speech
    "my phone died halfway through the last call",
    "the car died on the motorway so i'm running late",
    "I'm sick to death of these calls.",
    "it was a death trap that car",
    # a payment or the line, not a couple
    "i separated the payments into two",
    "i split up the payment so it's easier",
    "sorry you broke up there, say that again",
    "she left me a voicemail",
    "you left me on hold for twenty minutes",
    # a verb, a dispute
    "I've disabled the direct debit.",
    "i disabled autopay on my card",
    "i don't understand why you're calling me i paid this",
]


@pytest.mark.parametrize("text", NOT_DISCLOSURES)
def test_ordinary_talk_and_denials_are_not_disclosures(nlp, text):
    assert hardship_rules(nlp, text) == []


#: Not flagged before 1.2.0 either: the new phrases and patterns must leave them alone
STILL_NOT_DISCLOSURES = [
    "i'm sick of these calls",
    "I'm dying to get this sorted.",
    "that's killing me, the interest",
    "i'm in a meeting, can you call back",
    "the hospital car park is full",
    "my hours haven't been cut or anything",
    "can i pay reduced payments for a bit",
    "let me go and get my card",
    "hang on let me go get a pen",
    "my son passed his driving test",
    "my dad passed me the phone",
    "i don't see the point in paying if the interest keeps going up",
    "i didn't wake up till ten",
    "i'm seventy pounds short this month",
    "I'm ninety percent sure I paid.",
    "the account is in my name",
    "i look after my money fine thanks",
    "if my memory serves i paid in may",
    "money isn't tight, i just forgot",
    "no stress, call me back later",
    "i feel mugged off by you lot",
    # denials and a machine next to the new phrases
    "i'm not in a wheelchair or anything",
    "i'm not in financial difficulty",
    "i'm not behind on my council tax",
    "the website kicked me out twice",
]


@pytest.mark.parametrize("text", STILL_NOT_DISCLOSURES)
def test_new_rules_leave_everyday_talk_alone(nlp, text):
    assert hardship_rules(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "it's not easy being disabled",          # "not" three words back: no denial
        "they won't pay my pip",                 # a benefits problem, not a denial
        "i didn't get my universal credit this month",
        "i'm not coping",                        # the phrase holds its own "not"
        "I'm not suicidal or anything, but some days I don't want to be here.",
    ],
)
def test_a_negation_further_back_does_not_cancel_a_disclosure(nlp, text):
    assert hardship_rules(nlp, text)


def test_a_denial_next_to_suicide_words_still_counts(nlp):
    # no denial condition on hardship.suicide_risk: a person should look at "I'm not suicidal"
    assert ("hardship.suicide_risk", "suicidal") in hardship_rules(nlp, "i'm not suicidal")


def test_evidence_shows_the_disclosure_and_its_kind(nlp):
    r = tonecheck.score(
        "Agent: How are things at the moment?\n"
        "Customer: no im not struggling i just forgot. my husband passed in january and my memory's not good",
        nlp=nlp,
    )
    ev = r.evidence[(r.evidence.role == "customer") & (r.evidence.category == "hardship")]
    assert list(zip(ev.rule, ev.text)) == [
        ("hardship.bereavement_passed", "my husband passed"),
        ("hardship.health_memory", "my memory's not"),
    ]
    assert ev.counted.all()


#: A denial with a hedge between it and the disclosure word (lexicons/hardship.yml 1.3.0): the entry's
#: ``not_preceded_by`` steps over the ``step_over_words`` of grammar.yml ("really", "actually", "been", ...)
DENIALS_PAST_A_HEDGE = [
    "I'm not really struggling",
    "I'm not actually on benefits",
    "no, I'm not currently unemployed",
    "I've never really been in debt before",
    "I've never been in debt",
    "I'm not too badly off",
    "I'm not exactly struggling, I just forgot.",
    "I'm not even in debt.",
    "I'm not actually that stressed",
    "I'm not all that stressed about it",
    "I'm not really depressed or anything",
    "I'm not currently on universal credit",
    "I've never been sanctioned",
    "I've not really lost my job",
    "I'm not really behind on my council tax",
    "I'm not actually divorced",
    "I'm not really homeless or anything",
    "I've never actually been in hospital",
    "I'm not particularly stressed",
    "I'm not so stressed now",
    "I've never ever gambled",
    "I'm not on universal credit",
    "I'm not even on PIP",
]


@pytest.mark.parametrize("text", both_forms(DENIALS_PAST_A_HEDGE))
def test_a_denial_past_a_hedge_is_no_disclosure(nlp, text):
    assert hardship_rules(nlp, text) == []


#: The hedge words stepped over must not turn a disclosure into a denial: none of these is one
DISCLOSURES_WITH_A_HEDGE = [
    ("it's not easy being disabled", "hardship.health_disabled"),
    ("I'm not coping", "hardship.mental_health"),
    ("I'm really not coping", "hardship.mental_health"),
    ("I can't afford the rent", "hardship.cant_afford"),
    ("I'm not working at the moment", "hardship.job_loss"),
    ("I've not been well", "hardship.health"),
    ("I'm not well at all", "hardship.health"),
    ("I'm really struggling", "hardship.cant_afford_struggling"),
    ("I'm actually on benefits now", "hardship.benefits"),
    ("I'm not sure I can cope, I'm really struggling", "hardship.cant_afford_struggling"),
    ("I've been in debt for years", "hardship.cant_afford"),
    ("I've been so stressed", "hardship.mental_health"),
    ("I've been made redundant", "hardship.job_loss"),
    ("my son has been disabled since birth", "hardship.health_disabled"),
    ("it's not that I don't want to pay, I'm really struggling", "hardship.cant_afford_struggling"),
    ("we've actually been separated for a year", "hardship.relationship_split"),
    ("I'm on universal credit", "hardship.benefits"),
    ("they won't put me on universal credit", "hardship.benefits"),
    ("I've been on sick pay since March", "hardship.job_loss"),
]


@pytest.mark.parametrize("text, rule", [(form, rule) for text, rule in DISCLOSURES_WITH_A_HEDGE for form in both_forms([text])])
def test_a_hedge_before_a_disclosure_keeps_it(nlp, text, rule):
    assert rule in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)


@pytest.mark.parametrize(
    "text",
    both_forms([
        "my phone actually died on me",       # a machine past a hedge (hardship.bereavement_died)
        "the line really broke up",           # the line (hardship.relationship_split)
    ]),
)
def test_other_exclusions_step_over_hedges_too(nlp, text):
    assert hardship_rules(nlp, text) == []


#: A hedge inside a negated disclosure keeps it a disclosure: the phrase "not coping" finds "not really coping"
#: (components.hedged_variants: one hedge word after a negation inside a customer phrase)
HEDGED_DISCLOSURES = [
    ("I'm not really coping to be honest", "hardship.mental_health", "not really coping"),
    ("I can't even afford the rent", "hardship.cant_afford", "can't even afford"),
    ("I'm not actually working at the moment", "hardship.job_loss", "not actually working at the moment"),
    ("I'm not really sleeping", "hardship.mental_health", "not really sleeping"),
    ("I haven't even got a job", "hardship.job_loss", "haven't even got a job"),
    ("I really can't cope", "hardship.mental_health", "can't cope"),
]


@pytest.mark.parametrize("text, rule, words", [(f, r, w) for t, r, w in HEDGED_DISCLOSURES for f in both_forms([t])])
def test_a_hedge_inside_a_negated_disclosure_keeps_it(nlp, text, rule, words):
    assert (rule, words) in hardship_rules(nlp, text), hardship_rules(nlp, text)


@pytest.mark.parametrize(
    "text",
    both_forms([
        "I don't have a disability",
        "I haven't got a mortgage",
        "I've never had a heart attack",
        "no, I don't have a medical condition",
        "I'm not really sure",  # a hedge after a negation, and nothing disclosed
    ]),
)
def test_not_having_a_condition_is_no_disclosure(nlp, text):
    assert hardship_rules(nlp, text) == []


def test_having_had_a_condition_is_a_disclosure(nlp):
    assert "hardship.health" in [r for r, _ in hardship_rules(nlp, "I had a heart attack last year")]
    assert "hardship.job_loss" in [r for r, _ in hardship_rules(nlp, "I haven't got a job")]


def test_hedged_variants_put_one_hedge_after_each_negation(nlp):
    from tonecheck.components import hedged_variants

    negators = frozenset({"not", "n't", "never"})
    phrase = lambda text: nlp.make_doc(text)  # noqa: E731
    assert hedged_variants(phrase("can't afford"), negators, ["really", "even"]) == ["can't really afford", "can't even afford"]
    assert hedged_variants(phrase("not been well"), negators, ["really"]) == ["not really been well"]
    assert hedged_variants(phrase("i'm deaf"), negators, ["really"]) == []
    assert hedged_variants(phrase("never not"), negators, ["really"]) == ["never really not"]  # not the last word


# --------------------------------------------------------------------------- hardship.yml 1.4.0 (lexicon set 2026.11.29)
# Missed disclosures ("I don't really have any money left", "I'm not really managing", "I'm dying"), a job read as
# caring for family ("I work as a carer") and a denial past a hedge read as a disclosure ("I'm not actually disabled").

#: (what the customer says, the rule that must find it): each missed before 1.4.0
FOUND_IN_1_4 = [
    # no money left, said with "don't have any" / "haven't got any" (a hedge after the negation is allowed)
    ("I don't really have any money left", "hardship.cant_afford"),
    ("I don't have any money left", "hardship.cant_afford"),
    ("I haven't got any money left after the bills", "hardship.cant_afford"),
    ("We didn't have any money for food last week.", "hardship.cant_afford"),
    # not managing, with no object: how they are getting by; or not managing to pay, to keep up
    ("I'm not really managing", "hardship.cant_afford_not_managing"),
    ("I'm not managing", "hardship.cant_afford_not_managing"),
    ("I'm just not managing at all", "hardship.cant_afford_not_managing"),
    ("We're not managing on one wage.", "hardship.cant_afford_not_managing"),
    ("I'm not managing to pay my bills", "hardship.cant_afford"),
    # dying: the customer's own terminal illness, or a close family member's
    ("I'm dying.", "hardship.health_dying"),
    ("im dying and i want to get my affairs in order", "hardship.health_dying"),
    ("The doctors have told me I'm dying, I've got months.", "hardship.health_dying"),
    ("I'm dying of liver disease", "hardship.health_dying"),
    ("My husband is dying.", "hardship.health_dying"),
    ("my mum's dying so i'm at the hospital every day", "hardship.health_dying"),
]


@pytest.mark.parametrize("text, rule", [(f, r) for t, r in FOUND_IN_1_4 for f in both_forms([t])])
def test_disclosures_found_in_1_4(nlp, text, rule):
    assert rule in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)


#: the look-alike of each case above, and the false alarms 1.4.0 fixes: no disclosure
NOT_DISCLOSURES_IN_1_4 = [
    # managing something: an object, or a task ("not managing to get through")
    "I'm not managing the account, my husband is.",
    "I'm not managing it, my daughter does all that.",
    "My brother is the managing director.",
    "I'm not managing to get through to anyone.",
    "I've still got some money left over this month.",
    # dying as a figure of speech, a machine, a denial
    "I'm dying to know what happened.",
    "I'm dying for a cup of tea.",
    "I'm dying of boredom on hold here.",
    "I'm dying of the heat in this office.",
    "I'm dying laughing.",
    "im dying to get off the phone",
    "My mum's dying to meet the baby.",
    "My phone's dying, can I call you back?",
    "I'm not dying, it's just a cold.",
    # a carer by trade is a job, not caring for family; a denial
    "I work as a carer.",
    "I worked as a carer for ten years.",
    "I'm a carer by trade.",
    "I'm a paid carer.",
    "I'm a carer in a care home.",
    "I'm a carer for an agency.",
    "I work as a caregiver.",
    "I'm not a carer.",
    # a denial of disability past a hedge, "been" included
    "I'm not actually disabled.",
    "I'm not really disabled.",
    "I'm not even disabled.",
    "I've never been disabled.",
    "I'm not really all that disabled.",
]


@pytest.mark.parametrize("text", both_forms(NOT_DISCLOSURES_IN_1_4))
def test_look_alikes_of_the_1_4_disclosures_are_none(nlp, text):
    assert hardship_rules(nlp, text) == []


#: found before 1.4.0 and still found, next to the changes
STILL_FOUND_IN_1_4 = [
    ("I've got no money left.", "hardship.cant_afford"),
    ("I can't manage the payments.", "hardship.cant_afford_cant_manage"),  # its own entry since 1.5.0
    ("I've been told it's terminal.", "hardship.health"),
    ("I've got terminal cancer.", "hardship.health"),
    ("I'm dying of cancer.", "hardship.health"),
    # caring for family ("carer" and "caregiver" have their own entry since 1.4.0)
    ("I'm a carer for my mum.", "hardship.caring_family_carer"),
    ("I'm my husband's carer.", "hardship.caring_family_carer"),
    ("I'm a full-time carer.", "hardship.caring_family_carer"),
    ("I'm my mom's caregiver.", "hardship.caring_family_carer"),
    ("I'm registered as a carer for my mum.", "hardship.caring_family_carer"),
    ("I gave up work to be a carer for my dad.", "hardship.caring_family_carer"),
    ("I'm a young carer.", "hardship.caring_family"),
    ("I care for my son full time.", "hardship.caring_family_cares_for"),
    # disabled after "been", or after a hedge with no denial
    ("My son has been disabled since birth.", "hardship.health_disabled"),
    ("He has been disabled for years.", "hardship.health_disabled"),
    ("I've been disabled since my accident.", "hardship.health_disabled"),
    ("I'm actually disabled.", "hardship.health_disabled"),
]


@pytest.mark.parametrize("text, rule", [(f, r) for t, r in STILL_FOUND_IN_1_4 for f in both_forms([t])])
def test_disclosures_next_to_the_1_4_changes_are_still_found(nlp, text, rule):
    assert rule in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)


def test_the_disability_denial_reads_past_the_same_hedges_as_step_over():
    # hardship.health_disabled cannot use step_over (it would read past "been" to "has"): its denial sequence
    # writes the step_over_words of grammar.yml out, and must keep up with them
    from tonecheck.lexicon import load_lexicon

    lexicon = load_lexicon()
    (denial,) = [a for a in lexicon.entries["hardship.health_disabled"].not_preceded_by if isinstance(a, tuple)]
    assert denial[0]["NORM"]["IN"] == ["not", "never"]
    for token in denial[1:]:
        assert set(token["NORM"]["IN"]) == set(lexicon.lists["step_over_words"])


# --------------------------------------------------------------------------- hardship.yml 1.5.0
# "Can't manage" with a thing as its object read as money hardship ("I can't manage the app"), a job read as caring
# for family ("I work caring for the elderly"), and "not managing" with money as its object missed ("I'm not
# managing the bills").

#: (what the customer says, the rule that must find it): each missed, or found under another kind, before 1.5.0
FOUND_IN_1_5 = [
    # "can't manage" a device, a website or a form: digital capability, no longer money hardship
    ("I can't manage the app on my phone.", "hardship.capability_cant_manage"),
    ("I can't manage the website.", "hardship.capability_cant_manage"),
    ("I can't manage your online portal.", "hardship.capability_cant_manage"),
    ("I can't manage the new app, it keeps crashing.", "hardship.capability_cant_manage"),
    ("I can't manage my emails on this phone.", "hardship.capability_cant_manage"),
    ("i cant manage the login page", "hardship.capability_cant_manage"),
    ("I can't do computers, never could.", "hardship.capability_cant_manage"),
    ("I can't manage online banking.", "hardship.capability_cant_manage"),
    ("I can't manage the paperwork since my wife died.", "hardship.capability_cant_manage"),
    # upset, distress, panic, dread, as customers say them
    ("I'm getting a bit upset.", "hardship.mental_health"),
    ("I'm really distressed about it.", "hardship.mental_health"),
    ("These calls make me panic.", "hardship.mental_health"),
    ("I was dreading this call.", "hardship.mental_health"),
    # the stairs: mobility, no longer money hardship
    ("I can't manage the stairs anymore.", "hardship.health"),
    ("I can't manage stairs since my fall.", "hardship.health"),
    # not managing money: the bills, the rent, the mortgage, the debts
    ("I'm not managing the bills at all.", "hardship.cant_afford_not_managing"),
    ("We're not managing the rent since my hours were cut.", "hardship.cant_afford_not_managing"),
    ("I'm not managing the mortgage on my own.", "hardship.cant_afford_not_managing"),
    ("I'm not really managing my debts.", "hardship.cant_afford_not_managing"),
    ("I'm not managing the monthly payments.", "hardship.cant_afford_not_managing"),
]


@pytest.mark.parametrize("text, rule", [(f, r) for t, r in FOUND_IN_1_5 for f in both_forms([t])])
def test_disclosures_found_in_1_5(nlp, text, rule):
    assert rule in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)


#: the look-alike of each case above, and the false alarms 1.5.0 fixes: no disclosure
NOT_DISCLOSURES_IN_1_5 = [
    # not managing the account, a pronoun, someone else's money: someone else's job
    "I'm not managing the paperwork, my son does.",
    "I'm not managing the new account, my husband is.",
    "I'm not managing her bills, she does her own.",
    "I'm not managing that, you'll have to ask my wife.",
    # "can't manage" a task after "to": no way of getting by
    "I can't manage to log in.",
    "I can't manage to get through to anyone.",
    # caring as a job: the people a care worker looks after, or the work a subject does
    "I work caring for the elderly.",
    "My job is caring for the elderly.",
    "I'm in care work, caring for old people.",
    "She works caring for vulnerable adults.",
    "I've done twenty years caring for patients on the wards.",
    "I do caring for a living.",
    "I work caring for a lady in the next village.",
    # a denial
    "I'm not caring for anyone at the moment.",
    "I'm not upset, don't worry.",
]


@pytest.mark.parametrize("text", both_forms(NOT_DISCLOSURES_IN_1_5))
def test_look_alikes_of_the_1_5_disclosures_are_none(nlp, text):
    assert hardship_rules(nlp, text) == []


#: found before 1.5.0 and still found, next to the changes
STILL_FOUND_IN_1_5 = [
    # "can't manage" on its own, with a preposition, a pronoun, or money as its object ("can't manage" has its own
    # entry since 1.5.0)
    ("I can't manage.", "hardship.cant_afford_cant_manage"),
    ("I just can't manage anymore.", "hardship.cant_afford_cant_manage"),
    ("I can't even manage on what I earn.", "hardship.cant_afford_cant_manage"),
    ("I can't manage on what I earn.", "hardship.cant_afford_cant_manage"),
    ("I can't manage the monthly payments.", "hardship.cant_afford_cant_manage"),
    ("I can't really manage the bills.", "hardship.cant_afford_cant_manage"),
    ("I can't manage my debts on my own.", "hardship.cant_afford_cant_manage"),
    ("I can't manage my own finances any more.", "hardship.cant_afford_cant_manage"),
    ("I can't manage the car payments as well.", "hardship.cant_afford_cant_manage"),
    ("I can't manage the 200 a month.", "hardship.cant_afford_cant_manage"),
    ("I can't manage a hundred a month.", "hardship.cant_afford_cant_manage"),
    ("Two hundred? I can't manage that.", "hardship.cant_afford_cant_manage"),
    ("I cannot manage the rent as it is.", "hardship.cant_afford_cant_manage"),
    # a way of getting by after "to"
    ("I can't manage to pay the rent.", "hardship.cant_afford_cant_manage"),
    ("I can't manage to get by on this.", "hardship.cant_afford_cant_manage"),
    ("I can't manage to find the money.", "hardship.cant_afford_cant_manage"),
    ("I can't manage to even feed the kids.", "hardship.cant_afford_cant_manage"),
    # any other object: distress, no thing to use
    ("I can't manage my life at the moment.", "hardship.cant_afford_cant_manage"),
    ("I can't manage the kids and the bills on my own.", "hardship.cant_afford_cant_manage"),
    ("I can't manage everything by myself.", "hardship.cant_afford_cant_manage"),
    # not managing with no object
    ("I'm not managing financially.", "hardship.cant_afford_not_managing"),
    ("We're just not managing on one wage.", "hardship.cant_afford_not_managing"),
    # caring for someone close ("caring for" has its own entry since 1.5.0)
    ("I'm caring for my elderly mother.", "hardship.caring_family_caring_for"),
    ("I'm caring for my husband full time.", "hardship.caring_family_caring_for"),
    ("I've been caring for my mum, so things have been really tight.", "hardship.caring_family_caring_for"),
    ("I had to give up work caring for my dad.", "hardship.caring_family_caring_for"),
    ("I'm off work caring for my mum.", "hardship.caring_family_caring_for"),
    ("I've been caring for elderly parents for years.", "hardship.caring_family_caring_for"),
    ("I'm caring for the kids on my own.", "hardship.caring_family_caring_for"),
    ("I'm caring for him since his accident.", "hardship.caring_family_caring_for"),
]


@pytest.mark.parametrize("text, rule", [(f, r) for t, r in STILL_FOUND_IN_1_5 for f in both_forms([t])])
def test_disclosures_next_to_the_1_5_changes_are_still_found(nlp, text, rule):
    assert rule in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)


#: (what the customer says, the rule that must find it): each missed before 1.6.0
FOUND_IN_1_6 = [
    # "passed" for died after "he" or "she", with when or how it happened
    ("She passed in the summer.", "hardship.bereavement_passed_when"),
    ("He passed last year, so it's just me now.", "hardship.bereavement_passed_when"),
    ("She's just passed in hospital.", "hardship.bereavement_passed_when"),
    ("He passed suddenly in March.", "hardship.bereavement_passed_when"),
    ("My mum, she passed just before Christmas.", "hardship.bereavement_passed_when"),
    ("he passed in his sleep", "hardship.bereavement_passed_when"),
    # family named without "my"
    ("We lost dad in March.", "hardship.bereavement_lost_family"),
    ("I lost mum last year and I've not been right since.", "hardship.bereavement_lost_family"),
    # not having the money, or the sum asked for
    ("I don't have that kind of money.", "hardship.cant_afford_dont_have"),
    ("I haven't got the money.", "hardship.cant_afford_dont_have"),
    ("We don't have enough to cover the rent.", "hardship.cant_afford_dont_have"),
    ("I really don't have the money right now.", "hardship.cant_afford_dont_have"),
    ("I don't have six hundred quid.", "hardship.cant_afford_dont_have_amount"),
    ("I haven't got 300 pounds.", "hardship.cant_afford_dont_have_amount"),
    ("I don't have $600 lying around.", "hardship.cant_afford_dont_have_sum"),
    ("I haven't got that £400.", "hardship.cant_afford_dont_have_sum"),
]


@pytest.mark.parametrize("text, rule", [(f, r) for t, r in FOUND_IN_1_6 for f in both_forms([t])])
def test_disclosures_found_in_1_6(nlp, text, rule):
    assert rule in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)


#: the look-alikes of each case above: no disclosure
NOT_DISCLOSURES_IN_1_6 = [
    "She passed her test in June.",
    "He passed the phone to his wife.",
    "She passed, I mean the exam.",
    "My son did his driving test and he passed.",
    "I lost dad's number.",
    "I don't have one.",
    "I don't have 2 accounts with you.",
    "I don't have the money order number.",
    "It's not that I don't have the money, I just forgot.",
]


@pytest.mark.parametrize("text", both_forms(NOT_DISCLOSURES_IN_1_6))
def test_look_alikes_of_the_1_6_disclosures_are_none(nlp, text):
    assert hardship_rules(nlp, text) == []


#: (what the customer says, the rule that must find it): each missed before 1.7.0
FOUND_IN_1_7 = [
    # a death said with "lost" or "buried" + him or her, and when, how or of what
    ("We lost her in April.", "hardship.bereavement_lost_when"),
    ("We lost him last year, and it's been hard since.", "hardship.bereavement_lost_when"),
    ("I lost her to cancer in the spring.", "hardship.bereavement_lost_when"),
    ("We lost him two years ago and I still can't open the post.", "hardship.bereavement_lost_when"),
    ("I lost her a few months ago.", "hardship.bereavement_lost_when"),
    ("We buried him just before Christmas.", "hardship.bereavement_lost_when"),
    # a burial, with the family member named
    ("We buried my dad right before all this started.", "hardship.bereavement_buried"),
    ("I buried my husband in March.", "hardship.bereavement_buried"),
    ("We buried mum last week, so I haven't opened any post.", "hardship.bereavement_buried"),
    # medicines for the mind by name, and "my head" in everyday words
    ("I'm back on the sertraline.", "hardship.mental_health"),
    ("The doctor's put me on citalopram.", "hardship.mental_health"),
    ("I take Xanax for my nerves.", "hardship.mental_health"),
    ("She's on an antidepressant now.", "hardship.mental_health"),
    ("My head's not been right since.", "hardship.mental_health"),
    ("My head's all over the place at the moment.", "hardship.mental_health"),
    ("My head's a mess with all this.", "hardship.mental_health"),
    ("Honestly my head is in bits.", "hardship.mental_health"),
    # living on credit for the essentials
    ("I'm putting groceries on the card.", "hardship.cant_afford_on_credit"),
    ("We've been putting the food shopping on my credit card.", "hardship.cant_afford_on_credit"),
    ("I've had to put the weekly shop on credit.", "hardship.cant_afford_on_credit"),
    ("I've had to put the rent on the credit card.", "hardship.cant_afford_bills_on_credit"),
    ("We're putting the electric on credit cards.", "hardship.cant_afford_bills_on_credit"),
    # owing more than it is worth
    ("I'm underwater on the car.", "hardship.cant_afford_underwater"),
    ("We're completely underwater with the mortgage.", "hardship.cant_afford_underwater"),
    ("We're in negative equity on the house.", "hardship.cant_afford"),
    # what comes in does not pay for the essentials
    ("It doesn't even cover daycare.", "hardship.cant_afford_doesnt_cover"),
    ("My wages don't cover the rent.", "hardship.cant_afford_doesnt_cover"),
    ("Universal credit doesn't cover half the rent.", "hardship.cant_afford_doesnt_cover"),
    ("It won't cover the food shopping.", "hardship.cant_afford_doesnt_cover"),
    ("It doesn't come close to covering my outgoings.", "hardship.cant_afford_doesnt_cover"),
    ("My wage barely covers the rent.", "hardship.cant_afford_barely_covers"),
    ("I couldn't afford the payment last month.", "hardship.cant_afford"),
    # a condition named, often a dependant's
    ("He's got cerebral palsy.", "hardship.health"),
    ("My daughter has Down's syndrome.", "hardship.health"),
    ("Mum's got Alzheimer's.", "hardship.health"),
    ("He has muscular dystrophy.", "hardship.health"),
    ("My dad has motor neuron disease.", "hardship.health"),
    ("She's got MS.", "hardship.health_ms"),
    ("My husband has MS and can't work.", "hardship.health_ms"),
    ("My son has special needs.", "hardship.health_special_needs"),
    ("I've got two kids with special needs.", "hardship.health_special_needs"),
    # US medical debt and health cover gone
    ("The hospital bill came to four thousand.", "hardship.health"),
    ("I've got a medical bill I'm still paying off.", "hardship.health"),
    ("My insurance went with the job.", "hardship.health_insurance"),
    ("I lost my insurance when I got laid off.", "hardship.health_insurance"),
    ("We don't have health insurance.", "hardship.health_insurance"),
    # a prepayment meter: not topped up, run out, gone off
    ("It's gone off before I can top it up.", "hardship.cant_afford_meter_off"),
    ("The electric went off because I couldn't top up.", "hardship.cant_afford_meter_off"),
    ("I couldn't top up the meter.", "hardship.cant_afford_meter_top_up"),
    ("I can't afford to top up the electric.", "hardship.cant_afford_meter_top_up"),
    ("I haven't been able to top up the gas.", "hardship.cant_afford_meter_top_up"),
    ("I ran out of credit on the meter.", "hardship.cant_afford_meter_ran_out"),
    ("We've run out of emergency credit on the electric meter.", "hardship.cant_afford_meter_ran_out"),
    ("The meter's run out again.", "hardship.cant_afford_meter_run_out"),
    ("I'm on emergency credit.", "hardship.cant_afford_emergency_credit"),
]


@pytest.mark.parametrize("text, rule", [(f, r) for t, r in FOUND_IN_1_7 for f in both_forms([t])])
def test_disclosures_found_in_1_7(nlp, text, rule):
    assert rule in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)


#: "ER" only as typed, in capitals: in lower case it is also the filler ("the, er, bill"), and speech-to-text
#: drops the commas, so "i got a 3000 er bill" is left to "hospital bill", "emergency room bill", "medical bills"
FOUND_IN_1_7_TYPED = [
    ("I got a $3,000 ER bill.", "hardship.health_er"),
    ("We're still paying the ER bills from his accident.", "hardship.health_er"),
]


@pytest.mark.parametrize("text, rule", FOUND_IN_1_7_TYPED)
def test_disclosures_found_in_1_7_as_typed(nlp, text, rule):
    assert rule in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)


#: the look-alikes of each case above, everyday talk on a collections call: no disclosure
NOT_DISCLOSURES_IN_1_7 = [
    # "lost" or "buried" + him or her, with no time or cause of a death
    "I lost her email.",
    "I lost her number last week.",
    "I lost him on the phone, the line went.",
    "We lost him in the crowd.",
    "I lost her last week's letter.",
    "We lost her in the new house.",
    "I got through to a man but I lost him yesterday when the line went.",
    "She buried her head in the sand.",
    "I've buried my head in the sand with these letters.",
    "The letter got buried under my post.",
    # "my head" with no trouble of the mind; a denial
    "I'll have to ask my head office.",
    "My head of department said I could take the call.",
    "My head's fine, thanks.",
    "My paperwork's all over the place.",
    "I'm not on sertraline.",
    # paying the collector by card, a one-off, a debit card, a denial
    "I'm putting it on the card.",
    "I'll put the payment on my card.",
    "Can I put the full balance on my credit card?",
    "Can I put the bill on the card?",
    "I put the shopping on my card this morning.",
    "I usually put the food shopping on my card and the rent goes out by direct debit.",
    "I'm putting the shopping on my debit card.",
    "I'm putting the gas on the card, it's easier.",
    "I'm putting the bills on direct debit.",
    "Can I put the rent on my credit card?",
    "I'm not putting the food shopping on the credit card.",
    # "underwater" not about money; a denial
    "My son does underwater hockey.",
    "We're not underwater on the house.",
    # covering the account, a policy
    "That covers the whole balance.",
    "Does that cover the whole balance?",
    "That doesn't cover the interest.",
    "My insurance doesn't cover it.",
    "It doesn't cover the arrears, does it?",
    "I don't cover the rent, my partner does.",
    # the title Ms, software; a denial; special needs as a job
    "This is Ms Wood.",
    "Can I speak to Ms Patel?",
    "I've got MS Office on the laptop.",
    "She hasn't got MS.",
    "I don't have special needs.",
    "No, I haven't got any additional needs.",
    "I work with special needs kids.",
    "I'm a special needs teaching assistant.",
    # the ER as a place; an insurance document; a filler
    "Is the ER open?",
    "I lost my insurance card.",
    "I lost my insurance details.",
    "I haven't lost my insurance.",
    "I've got the, er, bill here.",
    # a phone, a parking meter, a power cut, forgetting, a denial
    "I need to top up my phone.",
    "I couldn't top it up.",
    "I haven't topped up the meter yet.",
    "I haven't got to top up the meter this week.",
    "The electric's just gone off.",
    "The lights went off in the storm.",
    "It went off and I can top it up later.",
    "My phone's gone off before I could top it up.",
    "My parking meter's running out.",
    "The time on the meter is running out.",
    "I ran out of credit on my phone.",
    "We ran out of gas on the highway.",
    "I'm not on emergency credit.",
    "I've never used the emergency credit.",
    "I got an emergency credit card.",
]


@pytest.mark.parametrize("text", both_forms(NOT_DISCLOSURES_IN_1_7))
def test_look_alikes_of_the_1_7_disclosures_are_none(nlp, text):
    assert hardship_rules(nlp, text) == []


#: found before 1.7.0 and still found, next to the changes
STILL_FOUND_IN_1_7 = [
    ("My son's autistic.", "hardship.capability"),
    ("She's got ADHD.", "hardship.capability"),
    ("I've got multiple sclerosis.", "hardship.health"),
    ("We've got medical bills we can't pay.", "hardship.health"),
    ("We have no health insurance.", "hardship.health"),
    ("I'm uninsured.", "hardship.health"),
    ("I'm on antidepressants.", "hardship.mental_health"),
    ("My wages don't cover my bills anymore.", "hardship.cant_afford"),
    ("I didn't have the money.", "hardship.cant_afford_dont_have"),
    ("We lost dad in March.", "hardship.bereavement_lost_family"),
    ("I lost my dad last year.", "hardship.bereavement"),
]


@pytest.mark.parametrize("text, rule", [(f, r) for t, r in STILL_FOUND_IN_1_7 for f in both_forms([t])])
def test_disclosures_next_to_the_1_7_changes_are_still_found(nlp, text, rule):
    assert rule in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)


# --------------------------------------------------------------------------- 1.8.0
#: thoughts of suicide said as "no point" in life itself, and a family member's attempt or threat: all under
#: hardship.suicide_risk, the one id QA pulls first (the README's rule == 'hardship.suicide_risk')
SUICIDE_CUES_IN_1_8 = [
    # no point in any of it (call_f T35 in full, then the general forms)
    "Yeah. And some days, honestly, I don't really see the point of any of it. Sorry. I'm just tired.",
    "I can't see the point of any of it.",
    "I don't see the point in anything anymore.",
    "I can't really see the point in anything.",
    "I don't see the point of it all.",
    "What's the point of any of it?",
    "There's no point to any of it.",
    "I don't see the point in going on like this.",
    "I don't see the point of getting up in the morning.",
    "I don't see the point of getting up anymore.",
    "I don't see the point in life.",
    "I can't see the point of living.",
    # with nothing after it, when a mood word says so
    "Some days I just don't see the point.",
    "Some days, I don't see the point.",
    "Sometimes I just don't see the point.",
    "Most days I don't see the point.",
    "I don't see the point some days.",
    # someone close to the customer (call_e T15 in full), and the customer's own attempt said with "hurt"
    "Every time he goes quiet I'm checking on him. He, um, he tried to hurt himself in April, so I'm kind of on edge "
    "all the time.",
    "She tried to take her own life last year.",
    "He tried to kill himself.",
    "My son tried to kill himself in the summer.",
    "She's attempted to take her own life twice.",
    "He keeps threatening to kill himself.",
    "My son's been trying to hurt himself.",
    "He's been harming himself again.",
    "They tried to harm themselves.",
    "My brother took his own life two years ago.",
    "I tried to hurt myself last year.",
]


@pytest.mark.parametrize("text", both_forms(SUICIDE_CUES_IN_1_8))
def test_suicide_cues_found_in_1_8(nlp, text):
    assert "hardship.suicide_risk" in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)


#: no point in a task or a product, hurting oneself by accident, "kill" as a figure of speech, "own life" in a
#: compound: no suicide risk (findings L1, L2 and our own); none of them discloses anything else either
NOT_SUICIDE_CUES_IN_1_8 = [
    "I don't see the point of paying for the sports package if I never watch it.",
    "I don't really see the point in ringing them again.",
    "I don't see the point of a payment plan if you're going to add charges anyway.",
    "Honestly I don't see the point in arguing about it.",
    "I didn't see the point of opening another account.",
    "I don't see the point of the letters, they all say the same thing.",
    "What's the point of the text if I can't reply to it?",
    "There's no point in me calling back tomorrow.",
    "I don't see the point of keeping the landline.",
    "I can't see the point in paying for insurance on a phone that old.",
    "There's no point sending it first class.",
    "I don't see the point in switching providers.",
    "I don't see the point of life insurance at my age.",
    "I don't see the point in going on a payment plan if you add charges.",
    "I don't see the point in going on holiday this year.",
    "I don't see the point of getting up early to ring you.",
    "I don't see the point in trying to call them.",
    "I can't see the point in carrying on with the direct debit.",
    "No, I don't see the point, they'll only say no.",
    "What's the point of a direct debit if you take it twice?",
    "He hurt himself playing football on Saturday.",
    "She hurt her back lifting the washing machine.",
    "He tried to fix the router himself.",
    "He nearly killed himself laughing.",
    "She'll kill me if she finds out I rang you.",
    "He hurt his hand at work.",
    "She tried to sort the bill herself.",
    "My dad will kill me.",
    "He cut himself shaving.",
    "He tried to take the car himself.",
    "She tried to pay it herself online.",
    "He took his own life savings out to pay the deposit.",
    "She tried to take her mum to the hospital.",
    "He tried to kill the spider himself.",
    "He's going to hurt himself on that trampoline.",
    "He took his own lunch to work.",
    # two old false alarms: "life" in a compound noun
    "I want to end my life insurance policy.",
    "I'm taking my own life savings out to clear it.",
]


@pytest.mark.parametrize("text", both_forms(NOT_SUICIDE_CUES_IN_1_8))
def test_look_alikes_of_the_1_8_suicide_cues_are_none(nlp, text):
    assert hardship_rules(nlp, text) == []


#: found before 1.8.0 and still found, next to the changes
STILL_SUICIDE_CUES_IN_1_8 = [
    "I just don't see the point anymore.",
    "What's the point anymore?",
    "He attempted suicide in April.",
    "My son's been self-harming.",
    "I want to end my life.",
    "I've thought about taking my own life.",
]


@pytest.mark.parametrize("text", both_forms(STILL_SUICIDE_CUES_IN_1_8))
def test_suicide_cues_next_to_the_1_8_changes_are_still_found(nlp, text):
    assert "hardship.suicide_risk" in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)


#: other disclosures of the two calls (call_e, call_f) and their general forms
FOUND_IN_1_8 = [
    # work cut to part-time or a few days because the customer had to (call_e T11 in full)
    ("Yeah. I had to drop back to two days a week at work because I can't leave him, and he was the main wage, so.",
     "hardship.job_loss_part_time"),
    ("I've had to go part-time.", "hardship.job_loss_part_time"),
    ("I've had to drop to part-time.", "hardship.job_loss_part_time"),
    ("I've had to cut down to three days.", "hardship.job_loss_part_time"),
    ("She's having to go down to part time.", "hardship.job_loss_part_time"),
    ("I had to drop to two days a week.", "hardship.job_loss_part_time"),
    ("I was forced to switch to two shifts a week.", "hardship.job_loss_part_time"),
    ("I had to cut down my hours.", "hardship.job_loss"),
    ("I dropped my hours to look after him.", "hardship.job_loss"),
    ("We lost the main wage when he got sick.", "hardship.job_loss"),
    ("We're down to one wage now.", "hardship.job_loss"),
    # juggling bills (call_e T13)
    ("I feel like I'm robbing Peter to pay Paul every fortnight.", "hardship.cant_afford"),
    # worn out, no sleep, on edge (call_e T15)
    ("Honestly? Running on empty. I haven't slept properly since March.", "hardship.mental_health_running_on_empty"),
    ("Honestly? Running on empty. I haven't slept properly since March.", "hardship.mental_health"),
    ("I'm running on empty.", "hardship.mental_health_running_on_empty"),
    ("We've been running on empty till payday.", "hardship.mental_health_running_on_empty"),
    ("I haven't had a proper night's sleep in months.", "hardship.mental_health"),
    ("I'm on edge all the time.", "hardship.mental_health"),
    ("I'm always on edge.", "hardship.mental_health"),
    # too scared to open the post (call_e T33)
    ("I've had two letters. I've been too scared to open the last one.", "hardship.mental_health_scared_to_open"),
    ("I'm too frightened to open them.", "hardship.mental_health_scared_to_open"),
    ("I was afraid of opening the post.", "hardship.mental_health_scared_to_open"),
    # someone else's sofa (call_f T9)
    ("Me and my girlfriend have split up, and I'm kipping on my brother's sofa at the moment.", "hardship.housing_sofa"),
    ("I'm kipping on my brothers sofa.", "hardship.housing_sofa"),
    ("I'm sleeping on my mate's couch.", "hardship.housing_sofa"),
    ("I've been staying on a friend's sofa.", "hardship.housing_sofa"),
    ("I've been dossing on my cousin's floor.", "hardship.housing_sofa"),
    # gambling self-exclusion (call_f T23)
    ("I've self-excluded now, on GamStop, and I've been going to a meeting on Thursdays.",
     "hardship.addiction_self_excluded"),
    ("I'm on GamStop now.", "hardship.addiction_self_excluded"),
    ("I've put Gamban on my phone.", "hardship.addiction_self_excluded"),
]


@pytest.mark.parametrize("text, rule", [(f, r) for t, r in FOUND_IN_1_8 for f in both_forms([t])])
def test_disclosures_found_in_1_8(nlp, text, rule):
    assert rule in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)


#: the look-alikes of each case above (findings L18 and our own): no disclosure
NOT_DISCLOSURES_IN_1_8 = [
    # a choice, a plain fact, days of something else, a denial
    "I went part-time years ago, by choice, it suits me fine.",
    "I dropped back to three days because I wanted more time with the grandkids, we're fine.",
    "I work part-time.",
    "I'm part-time at the school.",
    "I got to go part-time last year, which was great.",
    "I had to go to two days of training.",
    "I had to give two days' notice.",
    "I have to go back to the office three days a week now.",
    "I haven't had to go part-time, thankfully.",
    "I didn't have to cut my hours.",
    "I haven't had to cut down my hours.",
    "He was the main wage for years, but I earn more now.",
    "He was the main earner.",
    # Peter and Paul as people
    "Peter from your team rang me.",
    "Peter's paying Paul back for the tickets.",
    # a car, a phone, a denial
    "The car's running on empty.",
    "The car's been running on empty.",
    "My phone's running on empty, can I call you back?",
    "It's running on empty, I need to get petrol.",
    "I'm not running on empty, I'm fine.",
    # sleep and edges that are no distress
    "I slept through the alarm this morning.",
    "I haven't slept in that room since we decorated.",
    "I haven't slept in ages, the baby's teething, but money's fine.",
    "I'm on the edge of my seat with the football.",
    "I'm on edge about the football tonight.",
    # opening something else, a denial
    "I'm not scared to open them, I just haven't had time.",
    "I was afraid to open the new app.",
    "I'm afraid to say I haven't read the letter.",
    # a sofa that is no home
    "I'm sat on the sofa with the letter in front of me.",
    "I fell asleep on the sofa.",
    "My mate's sofa is where I watch the match.",
    "I'm sleeping on the sofa tonight, the kids have my bed.",
    "I slept on my brother's sofa after the party.",
    "I left my phone on my mum's sofa.",
    "I'm sitting on my nan's sofa.",
    # a denial of self-exclusion
    "I'm not on GamStop, I don't gamble.",
    "I've never self-excluded from anything.",
    # one-offs left alone (findings 28): failing at a task, food shopping
    "I'm failing to see why the fee's there.",
    "The payment keeps failing on the app.",
    "I'm failing my driving test again, third time.",
    "I need that for food shopping on Saturday, so can we do Monday instead?",
]


@pytest.mark.parametrize("text", both_forms(NOT_DISCLOSURES_IN_1_8))
def test_look_alikes_of_the_1_8_disclosures_are_none(nlp, text):
    assert hardship_rules(nlp, text) == []


def test_scared_to_open_something_else_is_not_the_post(nlp):
    # "I'm scared" was, and is, a disclosure of its own; "scared to open" reads only the post as its object
    rules = [r for r, _ in hardship_rules(nlp, "I'm scared to open the fridge after the weekend.")]
    assert "hardship.mental_health_scared_to_open" not in rules
    rules = [r for r, _ in hardship_rules(nlp, "i'm terrified of opening the door to the garden in case the dog gets out")]
    assert "hardship.mental_health_scared_to_open" not in rules


# --------------------------------------------------------------------------- 1.9.0 (coach's session 11, findings 1 and 14)

#: economic abuse and coerced debt (call_h T10, T15, T53; look-alikes L1a), and savings gone, not working, the
#: lights, sleep lost since, a home lost (call_g T7, T9, T15; call_h T33; L11a)
FOUND_IN_1_9 = [
    ("My ex opened them in my name and I never even had the card.", "hardship.economic_abuse_in_my_name"),
    ("my son took out a catalogue in my name", "hardship.economic_abuse_in_my_name"),
    ("I didn't open these. Well, they're in my name, but my ex opened them.", "hardship.economic_abuse_in_my_name_but"),
    ("It's in my name but he took it out.", "hardship.economic_abuse_in_my_name_but"),
    ("He made me sign things when I didn't want to, and if I didn't...", "hardship.economic_abuse_coerced"),
    ("He made me sign the loan papers.", "hardship.economic_abuse_coerced"),
    ("He forced me to take out the credit card.", "hardship.economic_abuse_coerced"),
    ("My husband pressured me into taking out a loan for him.", "hardship.economic_abuse_coerced"),
    ("He controlled all the money.", "hardship.economic_abuse"),
    ("It was financial abuse, basically.", "hardship.economic_abuse"),
    ("I didn't have access to my own bank account when we were together.", "hardship.economic_abuse_no_access"),
    ("He wouldn't let me have my own bank card.", "hardship.economic_abuse_no_access"),
    ("I wasn't allowed any money of my own.", "hardship.economic_abuse_no_access"),
    ("Don't email. He still has the password to that email. Send it in the mail, please.",
     "hardship.economic_abuse_still_has_access"),
    ("He still has the password to my email, so please don't email me.", "hardship.economic_abuse_still_has_access"),
    ("My ex still has access to my bank account.", "hardship.economic_abuse_still_has_access"),
    ("My ex-boyfriend used my details to open it.", "hardship.economic_abuse_used_my_details"),
    ("He used my name to apply for a loan.", "hardship.economic_abuse_used_my_details"),
    # savings used up
    ("We've been living off her wages and the bit of savings I had, and that's gone now.",
     "hardship.cant_afford_savings_gone_now"),
    ("What savings we had, it's all gone.", "hardship.cant_afford_savings_gone_now"),
    ("I've used up all my savings.", "hardship.cant_afford_savings_gone"),
    ("I've gone through all my savings.", "hardship.cant_afford_savings_gone"),
    ("We've used up what we had put by.", "hardship.cant_afford_savings_gone"),
    ("Our savings have run out.", "hardship.cant_afford_savings_gone"),
    # not working
    ("I'm a plasterer, self-employed. So I've not been working. Not properly.", "hardship.job_loss_not_working"),
    ("I'm self-employed and I've not been working since January.", "hardship.job_loss_not_working"),
    ("I haven't been able to work since the operation.", "hardship.job_loss_not_working"),
    # the lights
    ("I'm not applying for anything. I'm trying to keep the lights on.", "hardship.cant_afford_lights_on"),
    ("We can barely keep the lights on.", "hardship.cant_afford_lights_on"),
    # sleep lost since
    ("I've not slept since the letter came.", "hardship.mental_health"),
    ("And I've not slept since, to be honest.", "hardship.mental_health"),
    # a home lost, a shelter as a place to live
    ("We'll be homeless if this goes through.", "hardship.housing_homeless"),
    ("We're in a shelter at the moment.", "hardship.housing_shelter"),
    ("I'm staying at a women's shelter with the kids.", "hardship.housing_shelter"),
]


@pytest.mark.parametrize("text, rule", [(f, r) for t, r in FOUND_IN_1_9 for f in both_forms([t])])
def test_disclosures_found_in_1_9(nlp, text, rule):
    assert rule in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)


def test_economic_abuse_is_no_longer_filed_with_divorce(nlp):
    # the abuse phrases left hardship.relationship: a query on it no longer mixes coerced debt with every divorce
    rules = [r for r, _ in hardship_rules(nlp, "He controlled all the money and it was financial abuse.")]
    assert rules and all(r.startswith("hardship.economic_abuse") for r in rules), rules
    assert [r for r, _ in hardship_rules(nlp, "We got divorced last year.")] == ["hardship.relationship"]


#: the look-alikes (L1b, L11b and our own): no disclosure
NOT_DISCLOSURES_IN_1_9 = [
    # a partner, a joint account, a name on a letter, a helper
    "My sister opened the letter for me.",
    "He made me laugh, to be fair.",
    "I never had the card reader, so I paid online.",
    "I didn't have access to my bank account because the app was down.",
    "He made me a cup of tea while I was on hold.",
    "She forced the door because the lock was stuck.",
    "My husband opened the account with me, it's joint, we're fine.",
    "I opened them both myself, I just forgot about them.",
    "I ran up the stairs to get the letter.",
    "He still has the password to the Netflix.",
    "My partner handles all the bills, so you'd need to speak to him.",
    "We've got a joint account, he pays the mortgage out of it.",
    "There's a letter here with my ex's name on it.",
    "It's in my name but I opened it for him.",
    "It's in my name but my husband pays it every month.",
    "He made me take the bins out before I rang.",
    "He made me sign for the parcel.",
    "My boss made me sign the contract.",
    "My daughter used my details to book the tickets.",
    "He wouldn't let me have a look at the letter.",
    "My son still has the password to my email, he set it up for me.",
    "I took out the loan in my name.",
    "We share an account and he sorts the bills.",
    # savings, work, lights, sleep
    "I've got some savings, so I can pay it off.",
    "My savings account is with you as well.",
    "My savings have gone up a bit this year.",
    "I went through my savings account statements last night.",
    "We haven't used up our savings, we're okay.",
    "I put the savings into an ISA and it's gone up.",
    "The savings pot on the app, it's gone.",
    "I've not been working from home this week, I'm in the office.",
    "I haven't been able to work out the login.",
    "I haven't been working on the account, my wife does it.",
    "I haven't been working weekends lately.",
    "The app hasn't been working for me.",
    "Can you keep the lights on in the car park? It's dark.",
    "I've not slept in since I was a teenager.",
    # the charity Shelter, the homeless as people, a bus shelter, a denial
    "Shelter, that's the homeless charity? My sister volunteers there.",
    "Shelter, that's the homeless one?",
    "Is Shelter just for renters?",
    "I rang Shelter last week and they were brilliant.",
    "My sister volunteers with the homeless.",
    "I'm not homeless, I'm living with my mum.",
    "I was waiting at the bus shelter when you rang.",
]


@pytest.mark.parametrize("text", both_forms(NOT_DISCLOSURES_IN_1_9))
def test_look_alikes_of_the_1_9_disclosures_are_none(nlp, text):
    assert hardship_rules(nlp, text) == []


# --------------------------------------------------------------------------- 1.10.0 (coach's session 12, findings 7 and 14)

#: hardship told by a relative on the line, capacity cues, and everyday British hardship (call_j T13, T17, T29, T43,
#: T47, T48; call_i T17, T45, T51, T53; look-alikes L7a, L12a)
FOUND_IN_1_10 = [
    # a relative's report: care costs, savings, fear
    ("She gets about sixteen hundred a month, and her memory care costs more than that.", "hardship.cant_afford_care_costs"),
    ("His care home fees are more than his pension.", "hardship.cant_afford_care_costs"),
    ("The nursing home costs way more than she gets.", "hardship.cant_afford_care_costs"),
    ("We're already using her savings.", "hardship.cant_afford_savings_used"),
    ("I've been dipping into my savings to pay the bills.", "hardship.cant_afford_savings_used"),
    ("We've gone through all her savings.", "hardship.cant_afford_savings_gone"),
    ("He's living off his savings since the stroke.", "hardship.cant_afford_savings_gone"),
    ("Brandon, she's scared now. Please stop.", "hardship.mental_health_third_person"),
    ("He's terrified, he thinks they'll take the house.", "hardship.mental_health_third_person"),
    ("Mum gets so frightened by these calls.", "hardship.mental_health_third_person"),
    ("Reporting? Karen, what's he saying? Am I in trouble?", "hardship.mental_health"),
    # capacity cues
    ("She won't remember this call tomorrow.", "hardship.capability_wont_remember"),
    ("He won't even remember this conversation.", "hardship.capability_wont_remember"),
    ("She gets confused on the phone.", "hardship.capability_confused"),
    ("I get so flustered on the phone.", "hardship.capability_confused"),
    ("March... I don't remember a loan in March.", "hardship.capability_dont_remember_loan"),
    ("He doesn't remember taking the loan out.", "hardship.capability_dont_remember_loan"),
    ("I don't remember signing the agreement.", "hardship.capability_dont_remember_loan"),
    ("I don't remember changing anything. My daughter helps me with the bank.", "hardship.capability_helper_helps"),
    ("My son does all my banking.", "hardship.capability_helper_helps"),
    # everyday British hardship
    ("I'm on my own with my lad most of the time.", "hardship.caring_family_on_my_own"),
    ("I'm on my own with the kids.", "hardship.caring_family_on_my_own"),
    ("I've got a kid with a hospital appointment and you're ringing me at half eight.", "hardship.health_hospital_appointment"),
    ("My son's got a hospital appointment on Thursday.", "hardship.health_hospital_appointment"),
    ("I'm getting by. Just.", "hardship.cant_afford_getting_by_just"),
    ("We get by, just about.", "hardship.cant_afford_getting_by_just"),
    ("I'm only just getting by.", "hardship.cant_afford"),
    ("We're scraping by.", "hardship.cant_afford"),
    ("Sorry. It's not you. It's been a shit year.", "hardship.mental_health_hard_year"),
    ("I've had a horrible year.", "hardship.mental_health_hard_year"),
    ("We've been having a really rough few months.", "hardship.mental_health_hard_year"),
]


@pytest.mark.parametrize("text, rule", [(f, r) for t, r in FOUND_IN_1_10 for f in both_forms([t])])
def test_disclosures_found_in_1_10(nlp, text, rule):
    assert rule in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)


#: the look-alikes (L7b, L12b and our own): no disclosure. "Who is this again?" said once is no capacity cue (a busy
#: customer says it too); a repeat across turns is beyond a phrase list, so it is left out and stays silent here.
NOT_DISCLOSURES_IN_1_10 = [
    "Her savings account is with you as well.",
    "She's scared of dogs, so don't send anyone round.",
    "I don't remember the exact date, sorry.",
    "He won't remember the reference number, can you text it?",
    "Her pension covers it fine.",
    "Who is this? Oh, hi Brandon, I was expecting your call.",
    "Who is this again?",
    "We're using her savings to pay it off, that's what she wants.",
    "Am I in the right queue for loans?",
    "I'm on my own at the moment, my wife's at work.",
    "I'm getting by fine, thanks.",
    "My son's at the hospital for his work experience.",
    "It's been a great year.",
    "I'm on my own in the office today.",
    "Just get by the gate and ring the bell.",
    # our own
    "I don't remember the account number.",
    "I don't remember the loan number, sorry.",
    "I can't remember the credit card details.",
    "I get confused between your two numbers.",
    "The letters get confused with my neighbour's.",
    "Customer care costs more than it should.",
    "Her care costs are covered by the council.",
    "It's been a bad year for the garden.",
    "It's been a tough year at work but we're fine.",
    "I've had a bad couple of days with the car.",
    "She's scared of heights.",
    "He's scared to fly.",
    "She's not scared, she's annoyed.",
    "My daughter helps me with the shopping.",
    "My son helps out at the shop.",
    "The hospital appointment letter came today.",
    "I'll ring you after my dentist appointment.",
    "I'm getting by just fine.",
    "I've been using my savings account for the bills.",
    "I've got some savings, so I can pay it off.",
    "I'm on my own with the kids today, my wife's at work.",
    "Don't get confused, the letter says two hundred.",
    "I was scraping the car by the gate.",
    "I'm in the car with my son.",
    "I'll be in trouble with my wife if I forget.",
]


@pytest.mark.parametrize("text", both_forms(NOT_DISCLOSURES_IN_1_10))
def test_look_alikes_of_the_1_10_disclosures_are_none(nlp, text):
    assert hardship_rules(nlp, text) == []


# --------------------------------------------------------------------------- 1.11.0 (coach's session 13, findings 1, 2, 12, 13)

#: gambling and shame in the customer's own words, an ambiguous "what's the point" closing its sentence, hyphenated
#: spellings (call_k T11, T19, T21, T23; look-alikes L1a, L2a, L14a, p2a, p3)
FOUND_IN_1_11 = [
    # gambling named by the thing or the loss of control (finding 1)
    ("It all went on the betting apps. All of it. My wages, the Bloom Pay, my overdraft.", "hardship.addiction_gambling_went"),
    ("Most of my wages go on bets.", "hardship.addiction_gambling_went"),
    ("My whole paycheck's gone on the casino.", "hardship.addiction_gambling_went"),
    ("I spent it all on the bookies.", "hardship.addiction_gambling_spent"),
    ("I've lost thousands on the slots.", "hardship.addiction_gambling_spent"),
    ("I'm hooked on the casino apps.", "hardship.addiction_gambling_spent"),
    ("I've been betting every night, I can't stop.", "hardship.addiction_gambling"),
    ("It's the online slots, I can't stop.", "hardship.addiction_gambling"),
    ("I keep chasing my losses.", "hardship.addiction_gambling"),
    ("I can't stop betting.", "hardship.addiction_gambling"),
    # shame (finding 1)
    ("I'm so ashamed. My mum doesn't even know.", "hardship.mental_health_ashamed"),
    ("I'm too embarrassed to tell my family.", "hardship.mental_health_ashamed"),
    ("I'm so ashamed of myself.", "hardship.mental_health_ashamed"),
    # an ambiguous hopelessness cue closing its sentence (finding 2)
    ("Yeah, well. What's the point.", "hardship.suicide_risk_possible"),
    ("Sometimes I think, what's the point.", "hardship.suicide_risk_possible"),
    ("Sometimes, what's the point.", "hardship.suicide_risk_possible"),
    ("What's even the point.", "hardship.suicide_risk_possible"),
    ("I just think, what's the point of me.", "hardship.suicide_risk_possible"),
    ("Nobody would notice if I wasn't here.", "hardship.suicide_risk_possible"),
    # still found after the move out of the shared entries (finding 13)
    ("My son's in rehab.", "hardship.addiction_rehab"),
    ("I've just come out of rehab.", "hardship.addiction_rehab"),
    ("I'm going through a lot of financial hardship since the divorce.", "hardship.cant_afford_financial_hardship"),
]


@pytest.mark.parametrize("text, rule", [(f, r) for t, r in FOUND_IN_1_11 for f in both_forms([t])])
def test_disclosures_found_in_1_11(nlp, text, rule):
    assert rule in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)


#: typed with a hyphen (finding 12): a phrase written with spaces never matched the hyphen; the hyphenated phrase
#: matches both spellings (speech-to-text has no hyphen: its form is the spaced one, found before and after)
HYPHENATED_IN_1_11 = [
    ("I'm on a zero-hours contract at a warehouse.", "hardship.job_loss"),
    ("I'm on zero-hour contracts.", "hardship.job_loss"),
    ("I'm a single-parent now.", "hardship.caring_family"),
    ("We're a lone-parent family.", "hardship.caring_family"),
    ("We live hand-to-mouth.", "hardship.cant_afford"),
    ("The cost-of-living crisis has wiped us out.", "hardship.cant_afford"),
    ("We're living paycheck-to-paycheck.", "hardship.cant_afford"),
    ("He's been bed-bound since March.", "hardship.health"),
    ("She's wheelchair-bound now.", "hardship.health"),
    ("I'm partially-sighted.", "hardship.health"),
    ("We've got a new-born at home.", "hardship.caring_family"),
]


@pytest.mark.parametrize("text, rule", HYPHENATED_IN_1_11)
def test_hyphenated_spellings_are_found_in_1_11(nlp, text, rule):
    assert rule in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)
    spaced = text.replace("-", " ")
    assert rule in [r for r, _ in hardship_rules(nlp, spaced)], hardship_rules(nlp, spaced)


#: the look-alikes (L1b, L2b, L13a, L14b and our own): no disclosure
NOT_DISCLOSURES_IN_1_11 = [
    # a bet as small talk, "I can't stop" about something else, the betting shop as a place
    "I bet you get loads of calls like this.",
    "I can't stop at the moment, I'm driving.",
    "I put a bet on the Grand National once, for a laugh.",
    "The betting shop next door is where I park.",
    "Can I stop the direct debit?",
    "I'm on it, I'll send the form today.",
    "I had a bet on the football with my mates.",
    "I'd bet that's right.",
    "I went on the betting app to check the score.",
    "I spent the afternoon at the bookies with my dad.",
    "I lost my phone in the casino.",
    "I don't have any betting apps.",
    "I've never spent a penny on the slots.",
    "I spend a tenner on the lottery every week.",
    "It all went on the kids' school uniforms.",
    "The slots are all booked for Monday.",
    # shame denied, said politely, or aimed at someone else; plain embarrassment
    "I'm not ashamed of anything, I just forgot to pay.",
    "I'm ashamed to say I forgot.",
    "I'm ashamed of you lot, honestly.",
    "I'm so embarrassed, I forgot to pay.",
    # "what's the point" of a task, or with a question mark and a plan
    "What's the point of paying the interest if it just goes up?",
    "What's the point in me sending the form if you lose it?",
    "What's the point of the letter?",
    "I see your point.",
    "What's the point of contact for my adviser?",
    "There's no point ringing back before Monday.",
    "What's the point? I'll just pay it in full on Friday.",
    "That's the point.",
    # a loan programme, not an addiction or a hardship (finding 13)
    "The rehab thing and the hardship form.",
    "What would the rehab payment even be?",
    "I'm doing loan rehab right now.",
    "My friend said there's something called financial hardship, where you can object to the garnishment.",
    "I'm applying for the financial hardship program.",
    "Is there a hardship option?",
    "Send me the rehabilitation agreement.",
    # hyphens (finding 12)
    "I'm on a fixed-hours contract, forty a week.",
    "My hours are nine to five.",
]


@pytest.mark.parametrize("text", both_forms(NOT_DISCLOSURES_IN_1_11))
def test_look_alikes_of_the_1_11_disclosures_are_none(nlp, text):
    assert hardship_rules(nlp, text) == []


#: the same words as disclosures stay found (L13b)
@pytest.mark.parametrize("text, rule", [(f, r) for t, r in [
    ("I'm in financial hardship at the moment.", "hardship.cant_afford"),
    ("I'm in recovery from drink.", "hardship.addiction"),
    ("I've got a gambling problem.", "hardship.addiction"),
    ("Some days I just don't see the point.", "hardship.suicide_risk"),
    ("What's the point of it all.", "hardship.suicide_risk"),
] for f in both_forms([t])])
def test_disclosures_next_to_the_1_11_changes_are_still_found(nlp, text, rule):
    assert rule in [r for r, _ in hardship_rules(nlp, text)], hardship_rules(nlp, text)
