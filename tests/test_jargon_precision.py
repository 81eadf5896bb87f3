"""Jargon that needs its legal sense (lexicons/jargon.yml 1.3.0): "statutory interest", "the default" as the default
registered on a credit file, and "judgement" only as the court's, in both pipelines, typed and as speech-to-text.

A coach marks down a word the customer cannot follow ("inclusive of fees and statutory interest", "placed with us
following the default"), not the everyday word ("that's a judgement call", "by default the text goes to your
mobile") nor a reassurance ("no judgement, I just want to get a picture").
"""

from __future__ import annotations

import pytest

from conftest import both_forms, counted, process, rule_of


def jargon(nlp, text) -> list[str]:
    return [rule for rule, _ in counted(process(nlp, text), "jargon")]


#: missed before 1.3.0 -> the entry that now finds them
JARGON_FOUND_IN_1_3 = {
    "The outstanding balance is three hundred and eighty-six pounds forty, inclusive of fees and statutory interest.":
        "jargon.statutory_interest",
    "Your account was placed with us following the default.": "jargon.defaulted",
    "The default's already on your file, and it'll drop off in March.": "jargon.defaulted",
    "The default will drop off your file in 2027.": "jargon.defaulted",
}

#: the court's judgment stays jargon (the coach's list L5)
STILL_JARGON = {
    "The creditor has a judgement against you.": "jargon.judgment",
    "We'll apply for a county court judgement.": "jargon.ccj",
    "There's a judgement registered at this address.": "jargon.judgment",
    "If there's a judgment, it stays on your file for six years.": "jargon.judgment",
    "Judgement was entered in March.": "jargon.judgment",
    "The judgement was set aside.": "jargon.judgment",
}

#: everyday words (the coach's lists L5 and L17): no jargon at all
NOT_JARGON = [
    "That's a judgement call for my manager.",
    "I'll use my judgement on the figure.",
    "I'd go with your own judgement on which day suits.",
    "It's a judgement call whether to do weekly or monthly.",
    "No judgement, I just want to get a picture so we don't set you up with something you can't keep up.",
    "We'll go through it without judgement.",
    "By default the text goes to your mobile.",
    "The default option is monthly.",
    "Are you on statutory sick pay at the moment?",
    "I'll set that as the default payment date.",
    "The app picks monthly by default.",
    "Is that statutory maternity pay or company pay?",
    "Your default contact is your mobile.",
    "We can change the default on the account to email.",
    "Statutory redundancy pay counts as income, so we'll include it.",
    "The default setting is paper statements.",
    "Since the default setting changed, you get emails.",
    "Before the default date, you can still catch up.",
    "In my judgement that's affordable.",
]


@pytest.mark.parametrize("text", both_forms(list(JARGON_FOUND_IN_1_3)))
def test_jargon_found_in_1_3(nlp, text):
    assert rule_of(JARGON_FOUND_IN_1_3, text) in jargon(nlp, text)


@pytest.mark.parametrize("text", both_forms(list(STILL_JARGON)))
def test_the_courts_judgment_is_still_jargon(nlp, text):
    assert rule_of(STILL_JARGON, text) in jargon(nlp, text)


@pytest.mark.parametrize("text", both_forms(NOT_JARGON))
def test_everyday_judgement_and_default_are_not_jargon(nlp, text):
    assert jargon(nlp, text) == []


# --------------------------------------------------------------------------- jargon 1.4.0: US collections words (coach's
# session 11, finding 15; look-alike list L12)

#: missed before 1.4.0 -> the entry that now finds them
JARGON_FOUND_IN_1_4 = {
    "Would you be able to do a post-dated payment?": "jargon.post_dated",
    "I can set up a post-dated check for the fifteenth.": "jargon.post_dated",
    "We can postdate the payment to the fifteenth.": "jargon.post_dated",
    "We can post-date it for the fifteenth.": "jargon.post_dated",
    "The balance reflects eighteen hundred and forty-two dollars.": "jargon.balance_reflects",
    "Your account is reflecting a payment of fifty dollars.": "jargon.balance_reflects",
    "Your balance currently reflects eighteen hundred dollars.": "jargon.balance_reflects",
    "She can request validation of the debt.": "jargon.validation",
    "You have the right to ask for verification of the debt.": "jargon.validation",
}

#: everyday words (L12b): no jargon at all
NOT_JARGON_1_4 = [
    "The payment will be dated the fifteenth.",
    "The letter reflects what we talked about today.",
    "Your balance is eighteen hundred dollars.",
    "The statement reflects your last payment.",
    "I dated the note on the account for today.",
    "We sent it by post dated the fifth.",
    "Can you post the form back, dated and signed?",
    "The validation of your details is done.",
    "That reflects really well on you.",
]


@pytest.mark.parametrize("text", both_forms(list(JARGON_FOUND_IN_1_4)))
def test_jargon_found_in_1_4(nlp, text):
    assert rule_of(JARGON_FOUND_IN_1_4, text) in jargon(nlp, text)


@pytest.mark.parametrize("text", both_forms(NOT_JARGON_1_4))
def test_everyday_dated_and_reflects_are_not_jargon(nlp, text):
    assert jargon(nlp, text) == []


# --------------------------------------------------------------------------- jargon 1.5.0: US federal student-loan words
# (coach's session 13, finding 14; look-alike list L12)

#: missed before 1.5.0 -> the entry that now finds them
JARGON_FOUND_IN_1_5 = {
    "That's the Notice of Intent for administrative wage garnishment.": "jargon.notice_of_intent",
    "Then the AWG will proceed as scheduled.": "jargon.awg",
    "It's an administrative wage garnishment.": "jargon.awg",
    "You were on an IDR plan.": "jargon.idr",
    "Or you could agree to repay under an income-driven plan.": "jargon.idr",
    "You didn't complete your annual recertification.": "jargon.recertification",
    "It's your responsibility to recertify on time.": "jargon.recertification",
    "Your federal tax refund is subject to Treasury offset.": "jargon.treasury_offset",
    "The account may be referred to Treasury for offset.": "jargon.treasury_offset",
    "It's fifteen percent of your disposable pay.": "jargon.disposable_pay",
    "It's calculated at fifteen percent of your discretionary income.": "jargon.discretionary_income",
    "That's based on your AGI.": "jargon.agi",
    "It goes by your adjusted gross income.": "jargon.agi",
    "Do you want me to send the rehab agreement?": "jargon.rehab_programme",
    "What would the rehabilitation payments be?": "jargon.rehab_programme",
    "You could do loan rehab.": "jargon.rehabilitation",
}

#: everyday words (L12b and our own): no jargon at all
NOT_JARGON_1_5 = [
    "I'll send you the form with a notice explaining it.",
    "We'll check your income once a year.",
    "The payment could be as low as five dollars.",
    "Your tax refund is your own money.",
    "Your pay went up last year.",
    "My intent is to help you today.",
    "It's not our intent to make this harder.",
    "Is he still in rehab?",
    "Rehab must have been hard for you.",
    "After his rehab, did he go back to work?",
    "Has she finished her rehabilitation after the stroke?",
    "Physical rehabilitation can take months.",
    "We can offset the fee against the balance.",
    "How much disposable income do you have at the end of the month?",
    "What's your pay after tax?",
]


@pytest.mark.parametrize("text", both_forms(list(JARGON_FOUND_IN_1_5)))
def test_jargon_found_in_1_5(nlp, text):
    assert rule_of(JARGON_FOUND_IN_1_5, text) in jargon(nlp, text)


@pytest.mark.parametrize("text", both_forms(NOT_JARGON_1_5))
def test_everyday_loan_and_rehab_words_are_not_jargon(nlp, text):
    assert jargon(nlp, text) == []


@pytest.mark.parametrize("text", both_forms(["An AWG just means taking money from your pay through your employer."]))
def test_an_explained_awg_is_kept_but_not_counted(nlp, text):
    doc = process(nlp, text)
    assert jargon(nlp, text) == [] and any(s.id_ == "jargon.awg" for s in doc.spans["tonecheck"])
