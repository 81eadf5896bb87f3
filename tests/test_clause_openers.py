"""Orders after a spoken aside (grammar.yml 1.9.0, ``clause_openers``; lexicon set 2026.11.30).

"In that case make a payment today" is an order: the aside "in that case" opens the clause. In speech-to-text a
turn is one sentence without commas, so an order in the middle of a turn starts after such an aside ("i can see
that well in that case make a payment of 80 today"). ``fast`` used to leave every mid-sentence verb to the parse
and so missed these; ``accurate`` found them. Both pipelines must now agree, typed and as speech-to-text.
"""

from __future__ import annotations

import pytest

from conftest import asr, both_forms, counted, process

#: an order after an aside -> the imperative verb that must be found
ORDERS = {
    "In that case make a payment of 80 today.": "make",
    "To be fair send us the bank statements by Friday.": "send",
    "Just to be clear, send us the statements by Friday.": "send",
    "I understand that, well in that case make a payment of 80 today.": "make",
    "As I mentioned send us the bank statements by Friday.": "send",
}

#: speech-to-text only: the order is in the middle of a turn
ORDERS_MID_TURN = {
    "we can look at the plan again next month i mean send us the statements by friday": "send",
    "i can see the payments stopped to be honest send us the bank statements by friday": "send",
    "that works for us in the meantime pay what's due on the account by monday": "pay",
    "i hear what you're saying but the balance is still there okay so make a payment of 80 today": "make",
    # grammar 1.11.0: after a question, an aside ends it, and the order after the aside is not inside the question
    "is it okay if i ask a few questions about your income right well in that case make a payment of 60 today": "make",
    "would the 16th work for you as far as i know send us the bank statements by friday": "send",
}

#: the opener inside a clause, or no order after it: no imperative
NOT_ORDERS = [
    "I mean it, we're here to help.",
    "The plan has to be fair to you.",
    "In that case we can make a plan together.",
    "To be honest I'd make a payment plan if I were you.",
    "Okay, so you can send the statements whenever suits you.",
    "i'm sorry to hear that we can sort out a plan whenever you're ready",
    "as i said we'll send you a letter with the plan",
]


def imperatives(doc) -> list[str]:
    return [r.split(":", 1)[1] for r, _ in counted(doc, "demand") if r.startswith("demand.imperative:")]


@pytest.mark.parametrize("text", both_forms(list(ORDERS)))
def test_an_order_after_an_aside_is_found(nlp, text):
    verb = next(v for t, v in ORDERS.items() if text in (t, asr(t)))
    assert verb in imperatives(process(nlp, text, role="agent")), text


@pytest.mark.parametrize("text", list(ORDERS_MID_TURN))
def test_an_order_in_the_middle_of_an_unpunctuated_turn_is_found(nlp, text):
    doc = process(nlp, text, role="agent")
    assert ORDERS_MID_TURN[text] in imperatives(doc), text
    span = next(s for s in doc.spans["tonecheck"] if s.label_ == "demand" and s.id_.startswith("demand.imperative:"))
    assert span.text.startswith(ORDERS_MID_TURN[text]), span.text  # the evidence is the order, not the aside


@pytest.mark.parametrize("text", both_forms(NOT_ORDERS))
def test_an_aside_alone_makes_no_order(nlp, text):
    assert imperatives(process(nlp, text, role="agent")) == [], text


def test_openers_are_read_from_the_grammar_lexicon(fast_nlp):
    grammar = fast_nlp.get_pipe("tonecheck_demands").grammar
    assert ("in", "that", "case") in grammar.openers
    assert grammar.openers == tuple(sorted(grammar.openers, key=len, reverse=True))  # the longest is tried first
    # words that also stand inside a clause are no opener on their own ("you can NOW pay", "sign it AND send it")
    assert not {("so",), ("now",), ("then",), ("and",), ("look",)} & set(grammar.openers)
