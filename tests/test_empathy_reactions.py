"""Empathy as a reaction to what the customer has told (lexicons/empathy.yml 1.10.0), and patience that is only the
courtesy of taking payment details, in both pipelines, typed and as speech-to-text.

A coach reading calls asks two things of an empathy hit: did the agent respond to the person, and would I hold it
up as an example? "That's rough" after a customer's bad news is; "Long number on the card when you're ready"
while the customer reads it out is not, however patient it sounds.
"""

from __future__ import annotations

import pytest

from conftest import both_forms, rule_of


def empathy(nlp, text) -> list[str]:
    doc = nlp(text)
    return [s.id_ for s in doc.spans["tonecheck"] if s.label_ == "empathy" and not s._.tc_negated]


#: reactions missed before 1.10.0 -> the entry that now finds them
REACTIONS = {
    "Yeah, that's rough.": "empathy.thats_awful",
    "That sounds really rough, I'm glad you told me.": "empathy.sounds_hard",
    "That's a huge amount to be carrying on your own.": "empathy.difficult_time",
    "That's a lot to carry with the kids as well.": "empathy.difficult_time",
    "Totally get it.": "empathy.reflect_feeling",
    "I hope your little girl keeps getting stronger.": "empathy.hope_things_improve",
    "I hope he feels better soon.": "empathy.hope_things_improve",
    "Please pass on my wishes for a speedy recovery.": "empathy.hope_things_improve",
}


@pytest.mark.parametrize("text", both_forms(list(REACTIONS)))
def test_reactions_found_in_1_10(nlp, text):
    assert rule_of(REACTIONS, text) in empathy(nlp, text)


#: the patience phrases while the customer reads out or finds payment details: courtesy, no empathy
PAYMENT_DETAILS = [
    "Long number on the front of the card when you're ready.",
    "No rush, the three digits on the back.",
    "Take your time, grab a pen.",
    "Whenever you're ready with the expiry date.",
    "No hurry, just the expiry date when you have it.",
]

#: the same phrases with a person, not a form: still empathy
PATIENCE = [
    "Take your time, I know this is hard to talk about.",
    "No rush at all, we'll sort something out.",
    "Whenever you're ready, there's no pressure from me.",
]


@pytest.mark.parametrize("text", both_forms(PAYMENT_DETAILS))
def test_patience_while_taking_payment_details_is_not_empathy(nlp, text):
    assert "empathy.take_your_time" not in empathy(nlp, text)


@pytest.mark.parametrize("text", both_forms(PATIENCE))
def test_patience_with_the_customer_is_still_empathy(nlp, text):
    assert "empathy.take_your_time" in empathy(nlp, text)


#: look-alikes of the 1.10.0 reactions: no empathy
NOT_REACTIONS = [
    "That's a rough estimate, it could be a bit more.",
    "It's roughly two hundred.",
    "Get it over to us by Friday.",
]


@pytest.mark.parametrize("text", both_forms(NOT_REACTIONS))
def test_look_alikes_of_the_reactions_are_not_empathy(nlp, text):
    assert empathy(nlp, text) == []


# --------------------------------------------------------------------------- empathy 1.11.0 (a coach's read of an
# Australian telco call with a carer, session 10: everyday reactions, validation, well-being and support questions)

#: missed before 1.11.0 -> the entry that now finds them
REACTIONS_1_11 = {
    # alarm or fear, with an intensifier
    "That's so frightening.": "empathy.thats_frightening",
    "Oh, that's really scary.": "empathy.thats_frightening",
    "That's so worrying for you.": "empathy.thats_frightening",
    "That is so terrifying, I'm glad you told me.": "empathy.thats_frightening",
    "That sounds terrifying.": "empathy.sounds_hard",
    "That sounds really scary.": "empathy.sounds_hard",
    # "no wonder" with the situation as its subject
    "No wonder things have fallen behind, honestly.": "empathy.no_wonder",
    "No wonder it's all got on top of you.": "empathy.no_wonder",
    "No wonder the bills piled up.": "empathy.no_wonder",
    "No wonder it's been so hard.": "empathy.no_wonder",
    "No wonder it all got too much.": "empathy.understandable",
    "You've had one thing after another.": "empathy.difficult_time",
    "It's been one thing after another for you.": "empathy.difficult_time",
    # a lot to hold
    "Oh, Kylie. That's a heck of a lot to be holding all at once.": "empathy.difficult_time",
    "That's a lot to juggle.": "empathy.difficult_time",
    "You've got a lot going on.": "empathy.difficult_time",
    # "you sound ..."
    "You sound like you needed one thing to go right today.": "empathy.you_sound_like",
    "You sound like you could do with a break.": "empathy.you_sound_like",
    "You sound exhausted.": "empathy.you_sound",
    "You sound really worn out.": "empathy.you_sound",
    "You sound so stressed.": "empathy.you_sound",
    # Australian and New Zealand well-being
    "How are you going with it all, yourself?": "empathy.how_are_you_going",
    "How're you going with it all?": "empathy.how_are_you_going",
    "How are you going?": "empathy.how_are_you_going",
    "How are you going in yourself?": "empathy.how_are_you_going",
    "How are you travelling with everything?": "empathy.how_are_you_going",
    # support around the customer, and the person at risk
    "Have you got anyone you can lean on?": "empathy.someone_to_lean_on",
    "Who's looking out for you in all this?": "empathy.someone_to_lean_on",
    "Who's looking after you?": "empathy.someone_to_lean_on",
    "And is he safe at the moment?": "empathy.safety_check",
    "Is someone with him right now?": "empathy.safety_check",
    "Is she safe?": "empathy.safety_check",
    # no judgement
    "No judgement, I just want to get a picture.": "empathy.no_judgement",
    "We'll go through it without judgement.": "empathy.no_judgement",
    "There's no judgement here.": "empathy.no_judgement",
    # affirming the carer
    "You're doing a huge amount for him.": "empathy.affirming",
    "You're doing an amazing job.": "empathy.affirming",
    "And you matter in this as well.": "empathy.you_matter",
    "You matter too.": "empathy.you_matter",
}


@pytest.mark.parametrize("text", both_forms(list(REACTIONS_1_11)))
def test_reactions_found_in_1_11(nlp, text):
    assert rule_of(REACTIONS_1_11, text) in empathy(nlp, text)


#: look-alikes of the 1.11.0 entries (the coach's lists L4a-L4g and our own): no empathy at all
NOT_EMPATHY_1_11 = [
    # L4a
    "That's a scary amount of rain we've had.",
    "That's a worrying figure on the account, so we need a payment today.",
    "That's stressful for us too, the system's been down all morning.",
    "That's scary how fast the year's gone.",
    "That horror film was so frightening.",
    "That's worrying, the direct debit bounced twice.",
    "The roadworks outside are so stressful.",
    "That's scary, my screen just froze.",
    "That's frightening how quick the interest builds up, so you need to pay it off.",
    "That's really scary how fast the year's gone.",
    "That's so stressful for us too, the system's been down all morning.",
    # L4b
    "No wonder the payment bounced, the card expired in May.",
    "No wonder the system couldn't find you, the postcode was wrong.",
    "No wonder it's cold, the heating's off in the office.",
    "No wonder the letters didn't reach you, we had the old address.",
    "No wonder the bill looked high, it included two months.",
    "No wonder it wouldn't go through, the sort code was missing a digit.",
    "No wonder the line's so bad, it's raining here.",
    "No wonder I couldn't hear you.",
    "No wonder the app logged you out.",
    "No wonder they're busy, it's Monday morning.",
    "No wonder it's hard to find the form on the website.",
    "No wonder it's been hard to get through to us.",
    # L4c
    "That's a lot to pay in one go.",
    "That's a heck of a lot of money to owe.",
    "There's a lot going on with the system today.",
    "That's a lot to get through on one call, so bear with me.",
    "We've got a lot going on in the office.",
    "It's a lot to fit in before five o'clock.",
    "That's a lot of data for a month.",
    "There's a lot going on in the background on this account.",
    "That's a lot to juggle on the system with two accounts open.",
    "That's a lot to hold in your head, I'll text it to you.",
    "You've got a lot going on with this account.",
    # L4d
    "You sound a bit far away, are you on speaker?",
    "You sound like you're in a car.",
    "You sound muffled, can you move the phone?",
    "You sound like my sister.",
    "You sound like you're breaking up.",
    "You sound very quiet on my end.",
    "You sound like you're outside, is it windy?",
    "You sound like you've done this before.",
    "You sound Scottish, whereabouts are you?",
    "You sound like you're ready to pay today then.",
    "You sound like you need to pay it today.",
    "You sound tired of the calls, so let's get it paid.",
    # L4e
    "How are you going to pay it?",
    "How are you going to make up the shortfall?",
    "How are you going to get the form back to us?",
    "How are you travelling to the branch?",
    "How are you going with the online form?",
    "How are you going for time?",
    "How are you going with it?",
    "Who's looking after the account now?",
    "Who's looking after the payments while you're away?",
    "Who's looking out for the letters at your old address?",
    "Is there anyone you can lean on to pay it?",
    "Who's looking after you today, is it Mark?",
    # L4f
    "You're doing a huge amount of overtime by the look of it.",
    "You're doing a lot of transfers on this account.",
    "Your payment matters to us.",
    "It doesn't matter which card you use.",
    "That's not failing, that's just the system timing out.",
    "Your card is failing the security check.",
    "The payment keeps failing.",
    "You're doing a huge job of that form, nearly done.",
    "You're doing an amazing number of hours, I can see from the payslips.",
    "You're doing a great job of filling in the form.",
    # L4g
    "Is the card safe to use?",
    "Is it safe to leave a voicemail on this number?",
    "Is he the account holder?",
    "Is someone else named on the account?",
    "Is she available to come to the phone?",
    "Is it safe to post letters to that address?",
    "Is someone with him on the call?",
    "Is he happy for you to speak on his behalf?",
    "Is he able to come to the phone?",
    "Is someone at the property during the day for the engineer?",
    "Is it safe to send a text to this number?",
    "Is she still at the same address?",
    "Is he safe to drive?",
    # L5: "no judgement" on the account is the legal word, not reassurance
    "There's no judgement on the account, just the default.",
    "There's no judgement against you yet.",
    "That's a judgement call for my manager.",
]


@pytest.mark.parametrize("text", both_forms(NOT_EMPATHY_1_11))
def test_look_alikes_of_the_1_11_reactions_are_not_empathy(nlp, text):
    assert empathy(nlp, text) == []


def test_you_matter_to_us_as_a_customer_is_not_empathy(nlp):
    # sales talk with a demand: the demand stays, no empathy
    for text in ("You matter to us as a customer, so please pay today.", "you matter to us as a customer so please pay today"):
        assert empathy(nlp, text) == []


# --------------------------------------------------------------------------- empathy 1.12.0 (coach's findings 3 and 9)

#: "a lot of people find" normalises only with the feeling or difficulty after it (L3a), and the everyday validation
#: that was missed (L7a) -> the entry that now finds it
REACTIONS_1_12 = {
    # L3a: must stay empathy
    "A lot of people find it really hard to pick up the phone.": "empathy.people_find_it_hard",
    "Lots of people find these calls stressful.": "empathy.people_find_it_hard",
    "A lot of people find the letters frightening.": "empathy.people_find_it_hard",
    "A lot of people find it hard to talk about money.": "empathy.people_find_it_hard",
    "Many people find it really difficult to open the post.": "empathy.people_find_it_hard",
    "Lots of people find themselves struggling after a job loss.": "empathy.people_find_it_hard",
    "Lots of people find it stressful having to talk about money.": "empathy.people_find_it_hard",
    "A lot of people find they feel better once they've talked it through.": "empathy.people_feel_better_talking",
    "A lot of people find they feel better after talking to someone.": "empathy.people_feel_better_talking",
    # L7a: everyday validation
    "Anyone would be.": "empathy.anyone_would_be",
    "It's your family's home. Anyone would be.": "empathy.anyone_would_be",
    "Anyone would be scared.": "empathy.anyone_would_be",
    "Anyone would be really frightened in your position.": "empathy.anyone_would_be",
    "Honestly, anybody would be the same.": "empathy.anyone_would_be",
    "I'm really glad you've rung.": "empathy.glad_you_called",
    "I'm glad you've phoned us today.": "empathy.glad_you_called",
    "Really glad you reached out.": "empathy.glad_you_called",
    "I'm sorry you went through that.": "empathy.sorry_you_went_through",
    "I'm so sorry you've had to go through all that.": "empathy.sorry_you_went_through",
    "I'm sorry you were put through that by him.": "empathy.sorry_you_went_through",
    "I'm sorry you went through a really hard time.": "empathy.sorry_you_went_through",
}


@pytest.mark.parametrize("text", both_forms(list(REACTIONS_1_12)))
def test_reactions_found_in_1_12(nlp, text):
    assert rule_of(REACTIONS_1_12, text) in empathy(nlp, text)


#: social proof used to sell (L3b) and the look-alikes of the validation (L7b): no empathy at all
NOT_EMPATHY_1_12 = [
    # L3b
    "A lot of people find it helps to just get it paid off.",
    "A lot of people find that settling today takes the weight off.",
    "It would show as settled, which a lot of people find helps when they're applying for a car.",
    "Lots of people find the settlement is the better deal.",
    "A lot of people find paying in full is easier in the long run.",
    "A lot of people find the app easier for making payments.",
    # our own: a comparison, a payment or an offer, or leverage, with a feeling word
    "A lot of people find it less stressful to just clear it in one go.",
    "Most people find it hard to turn down a discount like this.",
    "Most people find it hard to believe how much they save.",
    "A lot of people find they feel better once it's paid off.",
    "Lots of people find it stressful having the debt hanging over them.",
    "A lot of people find it easier to pay by direct debit.",
    "Most people find the online form quick.",
    # L7b
    "I'm glad you've rung the right number this time.",
    "I'm glad you called the helpline number first.",
    "I bet the traffic was bad this morning.",
    "Anyone would be able to fill that form in.",
    "Anyone would be eligible for that rate.",
    "Anyone would be happy with that rate.",
    "Anyone would be better off on the plan.",
    "That's a long time to wait for a refund from them.",
    "I'm sorry, you went through to the wrong team.",
    "Sorry, I went through the wrong menu.",
    "I'm sorry you went through the automated line.",
    "I'm sorry you were put through to the wrong department.",
    "I'm sorry you went through all the menus to get to me.",
    "I'm sorry you went through such a long queue.",
    "Lots of people find the online portal hard to use.",
    "A lot of people find the letters hard to read.",
    "I bet you get loads of these calls.",
]


@pytest.mark.parametrize("text", both_forms(NOT_EMPATHY_1_12))
def test_look_alikes_of_the_1_12_reactions_are_not_empathy(nlp, text):
    assert empathy(nlp, text) == []


# --------------------------------------------------------------------------- empathy 1.13.0 (coach's session 12, finding 12:
# an angry, suspicious customer disputing a bought debt; validating the challenge is the de-escalation skill)

#: validation missed before 1.13.0 -> the entry that now finds it
VALIDATION_1_13 = {
    # L11a
    "It's a fair question.": "empathy.makes_sense",
    "That's a fair point.": "empathy.makes_sense",
    "You've got every right to see the paperwork.": "empathy.every_right",
    "You're right to check.": "empathy.right_to_check",
    "I'd have been wound up too.": "empathy.id_feel_it_too",
    "I'd be annoyed too.": "empathy.id_feel_it_too",
    "You shouldn't give details to anyone you're not sure about.": "empathy.right_to_check",
    "I don't blame you for being suspicious.": "empathy.understandable",
    # call_i T14, T26, T72
    "It's a fair question. Banks do sell old accounts on, and it's legal as long as you're told.": "empathy.makes_sense",
    "Second, you've got every right to see the paperwork.": "empathy.every_right",
    "You got a call out of nowhere about money from years ago, in a really hard year. I'd have been wound up too.":
        "empathy.id_feel_it_too",
    # our own
    "That's a reasonable question.": "empathy.makes_sense",
    "You have every right to ask.": "empathy.every_right",
    "You've every right to be angry.": "empathy.every_right",
    "I'd be really suspicious too in your shoes.": "empathy.id_feel_it_too",
    "I'd have been furious if that happened to me.": "empathy.id_feel_it_too",
    "I'd have been the same.": "empathy.anyone_would",
    "Can't say I blame you.": "empathy.understandable",
    "You can't be too careful these days.": "empathy.right_to_check",
    "You're within your rights to ask for that.": "empathy.right_to_check",
    "You were right not to give your details out.": "empathy.right_to_check",
    # finding 11: taking the payment off the table
    "First, I'm not asking you for any money today.": "empathy.no_money_today",
    "I'm not going to ask you for any money on this call.": "empathy.no_money_today",
}


@pytest.mark.parametrize("text", both_forms(list(VALIDATION_1_13)))
def test_validation_found_in_1_13(nlp, text):
    assert rule_of(VALIDATION_1_13, text) in empathy(nlp, text)


#: look-alikes of the 1.13.0 validation: no empathy
NOT_VALIDATION_1_13 = [
    # L11b
    "It's a fair amount to owe.",
    "The fair question is whether you can pay it.",
    "You've got every right to pay it off early.",
    "You're right, the payment went out on Monday.",
    "You shouldn't have ignored the letters.",
    "Thank you for saying the reference number.",
    # our own: process talk with "right", a right of the creditor's, a warning, a fact, a payment only put off
    "You've got the right account there.",
    "You've got the right to dispute the debt within thirty days.",
    "We have every right to ask for the payment.",
    "You've got every right to pay by card.",
    "You're right to be on the plan.",
    "You're right, it is a lot.",
    "I'd be worried if I were you.",
    "I'd be careful what you sign.",
    "I'd be annoyed if the payment bounced.",
    "I'd be happy too if the plan works.",
    "I'd be the same age as your son.",
    "I'm not saying I blame you.",
    "That's a fair amount of interest.",
    "It's a fair price for the settlement.",
    "I'll be careful with your details.",
    "I'm not asking you for any money until Friday.",
    "I'm not asking for a payment yet.",
    "I'm not asking you for any money today, just a date when you can pay.",
    "I'm not asking you for the full balance, just fifty pounds today.",
]


@pytest.mark.parametrize("text", both_forms(NOT_VALIDATION_1_13))
def test_look_alikes_of_the_1_13_validation_are_not_empathy(nlp, text):
    assert empathy(nlp, text) == []


@pytest.mark.parametrize("text", both_forms(["I'd be annoyed too, but you need to pay today.",
                                             "I don't blame you for the debt, but you still need to pay it today."]))
def test_validation_before_a_demand_is_undercut(nlp, text):
    doc = nlp(text)
    spans = [s for s in doc.spans["tonecheck"] if s.label_ == "empathy"]
    assert spans and all(s._.tc_undercut for s in spans)


# --------------------------------------------------------------------------- empathy 1.14.0 (coach's session 13,
# findings 3, 4 and 11; look-alike lists L3, L4, L10)

#: missed before 1.14.0 -> the entry that now finds them
REACTIONS_1_14 = {
    # taking the shame away (L10a, call_k T22)
    "You don't need to feel ashamed talking to me.": "empathy.no_shame",
    "You do not need to feel ashamed.": "empathy.no_shame",
    "You don't have to be embarrassed about this.": "empathy.no_shame",
    "There's no shame in it.": "empathy.no_shame",
    "There's no shame in asking for help.": "empathy.no_shame",
    "Gambling problems are really common, and they're an illness, not a weakness.": "empathy.not_a_weakness",
    "Asking for help isn't a sign of weakness.": "empathy.not_a_weakness",
    "It's an illness, not a choice.": "empathy.not_a_weakness",
    "You've done a brave thing just saying it.": "empathy.took_courage",
    "It takes courage to say that.": "empathy.took_courage",
    "That was a brave thing to tell me.": "empathy.took_courage",
    "It took guts to ring us.": "empathy.took_courage",
    # support questions that were silent (finding 3's keep-list)
    "Do you have anyone you can talk to?": "empathy.support_network",
    "Is there anyone supporting you at the moment?": "empathy.support_network",
}


@pytest.mark.parametrize("text", both_forms(list(REACTIONS_1_14)))
def test_reactions_found_in_1_14(nlp, text):
    assert rule_of(REACTIONS_1_14, text) in empathy(nlp, text)


#: asking who else can pay (L3a, call_l T26, and our own): not empathy any more
WHO_ELSE_CAN_PAY = [
    "Do you have anyone who can help you with it? A spouse, a family member?",
    "Is there anyone who can help you with the payment?",
    "Have you got anyone who can help you with the two thousand?",
    "Is there anyone who can help you with that?",
    "Is there anyone who can help you with some of it?",
    "Do you have anyone who can help you out?",
    "Is there anyone who can help you pay it?",
    "Is there anyone who can help you financially?",
    "Is there anyone who can help you with the balance?",
]


@pytest.mark.parametrize("text", both_forms(WHO_ELSE_CAN_PAY))
def test_asking_who_else_can_pay_is_not_support(nlp, text):
    assert "empathy.support_network" not in empathy(nlp, text)


#: real support questions (L3b and our own): still empathy.support_network
SUPPORT_KEPT = [
    "Do you have anyone who can help you with the paperwork?",
    "Is there anyone who can help you at home while your mum's ill?",
    "Have you got anyone who can help you through this?",
    "Do you have someone to talk to about how you're feeling?",
    "Is there anyone who can help you with the forms, or would you like us to post them?",
    "Is there anyone who can help you?",
    "Have you got anyone who can help you with the shopping or getting to appointments?",
    "Is there anyone helping you at the moment?",
]


@pytest.mark.parametrize("text", both_forms(SUPPORT_KEPT))
def test_support_questions_are_still_empathy(nlp, text):
    assert "empathy.support_network" in empathy(nlp, text)


@pytest.mark.parametrize("text", both_forms(["Are you safe right now?", "Are you safe?", "Are you somewhere safe at the moment?"]))
def test_are_you_safe_is_a_safety_check(nlp, text):
    assert "empathy.safety_check" in empathy(nlp, text)


#: look-alikes (L4b, L10b and our own): no empathy at all
NOT_EMPATHY_1_14 = [
    "Are you safe to talk, or shall I call back?",
    "Are you safe to drive while we talk?",
    "You don't need to send the payment today.",
    "Late payments are really common in January.",
    "I'm really glad the payment went through.",
    "We're going to go through the balance slowly.",
    "You don't need to feel bad about paying more.",
    "You don't need to fill in the form.",
    "You don't need to be at home for the visit.",
    "It's not a weakness in the system, it's how the bank processes it.",
    "It's a loan, not a grant.",
    "Paying this is not a choice.",
    "There's no shame period on the account.",
    "It takes a few days to show.",
    "It takes courage to pay it all at once.",
    "It took courage for the bank to agree to it.",
    "The brave thing would be to clear it now.",
]


@pytest.mark.parametrize("text", both_forms(NOT_EMPATHY_1_14))
def test_look_alikes_of_the_1_14_reactions_are_not_empathy(nlp, text):
    assert empathy(nlp, text) == []


def test_a_brave_decision_to_pay_is_not_empathy(nlp):
    # L10b: a demand today (demand.need_payment), and it must not become empathy
    assert empathy(nlp, "That's a brave decision to pay it all at once.") == []
