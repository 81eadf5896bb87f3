"""A seeded corpus of realistic debt-collection calls for the benchmarks.

Each call is a ``Speaker: text`` transcript of roughly 1,000-1,400 words: a scripted
opening (greeting, recording notice, the debt-collection disclosure, identity check),
a varied middle (the balance, the customer's situation, empathy, questions, options,
some pressure and jargon, numbers and dates that make most sentences unique) and a
scripted close. Scripted sentences repeat across calls exactly as they do in a real
contact centre; the rest is assembled from templates with random slots.

    python benchmarks/make_corpus.py OUT_DIR --calls 2000 [--seed 7]

or, from Python, :func:`generate_call` / :func:`write_corpus`.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

AGENTS = ["Sam", "Priya", "Tom", "Aisha", "Daniel", "Grace", "Liam", "Chloe", "Marcus", "Hannah",
          "Owen", "Fatima", "Ben", "Ruth", "Jordan", "Megan", "Kwame", "Ellie", "Raj", "Zoe"]
SURNAMES = ["Patel", "Smith", "Jones", "Williams", "Brown", "Taylor", "Davies", "Evans", "Wilson", "Thomas",
            "Roberts", "Johnson", "Lewis", "Walker", "Robinson", "Wood", "Thompson", "White", "Khan", "Hughes",
            "Edwards", "Green", "Hall", "Martin", "Clarke", "Jackson", "Turner", "Hill", "Moore", "Cooper"]
TITLES = ["Mr", "Mrs", "Ms", "Miss"]
COMPANIES = ["Northgate Recoveries", "Harbour Credit Services", "Lakeside Collections"]
CREDITORS = ["Vanquis", "Barclaycard", "Capital One", "Aqua", "Very", "Zopa", "Lloyds", "NewDay", "Littlewoods", "EE"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
THINGS = ["the rent", "the council tax", "the car loan", "the gas and electric", "the kids' school trip",
          "my phone contract", "the water bill", "my overdraft", "the catalogue", "the TV licence", "nursery fees",
          "my mum's care home top-up", "the boiler repair", "the vet bill", "my sister's loan"]
PEOPLE = ["my partner", "my husband", "my wife", "my son", "my daughter", "my mum", "my dad", "my landlord",
          "my manager", "the job centre", "my GP", "the council", "my bank", "my brother"]
REASONS = ["my hours got cut at the warehouse", "I was off sick for six weeks", "my partner moved out",
           "the universal credit payment was late", "I had to pay for a funeral", "the car broke down",
           "my contract ended early", "I've been caring for my mum", "the baby came early",
           "I got a tax bill I wasn't expecting", "my landlord put the rent up", "I'm between jobs at the moment",
           "my self-employed work has dried up", "I had an operation in the spring", "my benefits were sanctioned"]

# --------------------------------------------------------------------------- scripted (repeated verbatim)

OPENING = [
    "Good {daypart}, this is {agent} calling from {company}.",
    "Please note that this call is recorded for quality and training purposes.",
    "This is an attempt to collect a debt, and any information obtained will be used for that purpose.",
    "Before we go any further I just need to confirm a couple of details for data protection.",
    "Can you confirm your full name and your date of birth for me, please?",
]
CLOSING = [
    "Is there anything else I can help you with today?",
    "I'll send you a letter confirming everything we've agreed on this call.",
    "If anything changes, please give us a call on the number on the letter.",
    "Thank you for your time today, and take care.",
]
CUSTOMER_ID = ["Yes, it's {title} {surname}.", "Speaking, yes.", "Yeah, that's me.", "Yes, this is {title} {surname}."]
CUSTOMER_DOB = ["It's the {d}th of {month} {year}.", "{d} {month} {year}.", "The {d}th of {month}, {year}."]
CUSTOMER_BYE = ["No, that's everything, thanks.", "No, that's all. Thanks for your help.", "Okay, bye.",
                "Thanks, bye now.", "No, I think that's it."]

# --------------------------------------------------------------------------- varied middle

AGENT_LINES = [
    # the account
    "Thank you, {title} {surname}, I'm calling about your {creditor} account, which was passed to us on the {d}th of {month}.",
    "The outstanding balance at the moment is £{amount}.{pence}, and the last payment we have was on the {d}th of {month}.",
    "I can see the account fell into arrears back in {month} when the payments of £{small} stopped.",
    "The account is showing as delinquent on our system, so it has been charged off by {creditor}.",
    "We sent a letter on the {d}th of {month} about the balance of £{amount}, did you receive that?",
    "According to our notes the default notice was issued in {month}, and the balance has not changed since then.",
    "So the figure we're working with is £{amount}, and there's no interest being added at the moment.",
    # empathy
    "I'm sorry to hear that, it sounds like {month} was a really difficult month for you.",
    "That must be difficult, especially with {thing} to keep on top of as well.",
    "I completely understand, and thank you for telling me about {reason_short}.",
    "There's no rush, take your time and have a look at what comes in and out each month.",
    "I hear you, and I want to make sure whatever we agree is something you can actually keep up with.",
    "Thanks for letting me know about {thing}, I'll make a note of that on the account.",
    "I understand, but you need to make a payment of at least £{small} by {weekday}.",
    "I'm sorry to hear that, but you will have to pay something towards the balance this month.",
    # questions
    "How are things at the moment with {thing} and everything else?",
    "Can you tell me a bit more about what's changed since {month}?",
    "What would be a realistic amount for you each month, after {thing} and the essentials?",
    "How much do you have coming in each week at the moment?",
    "Is that your only income, or is there anything from {person} as well?",
    "Do you have any other debts that you're paying at the moment, like {thing}?",
    "When is your next pay day, so we can line the payment up with it?",
    "Would the {d}th of each month work for you, or is another date better?",
    "Is it okay if I ask a few questions about your income and outgoings?",
    "Help me understand how the week looks for you once {thing} is paid.",
    "You're still at the same address, right?",
    "Are you able to pay the full £{amount} today?",
    # solutions
    "We can set up a payment plan of £{small} a month starting on the {d}th of {month}.",
    "There are a few options we can look at, including a reduced payment for three months.",
    "I can put a hold on the account for thirty days while you get some advice.",
    "StepChange and National Debtline give free, independent advice, and I can give you their numbers.",
    "If you'd like breathing space, we can pause the account while you speak to an adviser.",
    "Another option is a token payment of £{tiny} a month until {month}, and then we review it together.",
    "We could also freeze the interest while the payment arrangement is running.",
    # pressure and jargon
    "You must understand that the balance is now overdue and we can't leave it as it is.",
    "If no remittance is received by {weekday}, the account will be passed to our litigation team.",
    "This is a final notice before we consider further action on the account.",
    "Pay the balance today and the account will be closed, it's that simple.",
    "Failure to pay will result in a default being registered against you.",
    "Send us the bank statements by {weekday} so we can look at your circumstances.",
    "Right, well in that case make a payment of £{small} today and we'll review it next month.",
    "I'm not saying you have to pay it all today, I just need to know what's possible.",
    "You don't have to pay anything today if it isn't affordable.",
    "We will have to take further action if we can't reach an agreement.",
    # neutral explanation
    "So what I'll do is set up the first payment for the {d}th and then it will go out on the same date every month.",
    "I'm just updating the notes now with what you've told me about {reason_short}.",
    "The payments will be taken by direct debit from the account ending {acct}.",
    "Once the plan is in place you'll get a confirmation letter within five working days.",
    "I'll also mark the account so that nobody calls you about it while the plan is running.",
    "Let me just check what the system says about the last contact from {creditor}.",
    "Bear with me one moment while I bring the income and expenditure form up.",
    "Okay, so that's £{income} coming in and roughly £{outgo} going out on the essentials.",
    "That leaves about £{small} a month, which we can use as the starting point for the plan.",
    "The reference number for today's call is {ref}, if you need to quote it.",
]
AGENT_FILLERS = ["Okay.", "Right.", "Okay, thank you.", "Thank you.", "Yeah, of course.", "Sure.", "I see.",
                 "Okay, no problem.", "Mm-hmm.", "Alright."]
CUSTOMER_LINES = [
    "I lost my job in {month} and I've been struggling ever since.",
    "Honestly, {reason}, so things have been really tight.",
    "I can't afford £{amount}, there's no way I have that kind of money.",
    "I've got {thing} to pay as well and I'm already behind on that.",
    "I get about £{income} a month but most of it goes on {thing}.",
    "I did get a letter, but I didn't really understand what it meant.",
    "I didn't even know the account had been passed to you.",
    "I want to pay it, I just can't do it all at once.",
    "Could I pay £{tiny} a month for now and then more when I'm back at work?",
    "I'm paid every other {weekday}, so the {d}th would be better for me.",
    "I've spoken to {person} about it and they said to call you.",
    "What happens if I can't keep up the payments?",
    "Is this going to affect my credit file?",
    "I'm on universal credit at the moment, it's about £{income} a month.",
    "To be honest I've been avoiding the letters because it's been stressing me out.",
    "I'm really worried about this, I haven't been sleeping.",
    "That sounds okay, I think I can manage that.",
    "Yeah, that would really help, thank you.",
    "No, I haven't spoken to anyone about it yet.",
    "I didn't know StepChange was free, I might give them a ring.",
    "It's just me and the two kids, so there isn't much left over.",
    "My bank is {creditor}, and the account ends {acct}.",
    "I got laid off from the warehouse on the {d}th of {month}.",
    "I'm not trying to avoid it, I just need a bit of time.",
    "Why has the balance gone up to £{amount}?",
    "Okay, so what do I need to do next?",
]
CUSTOMER_SHORT = ["Yeah.", "Okay.", "Yes.", "No.", "Right.", "Mm.", "Okay, yeah.", "That's right.", "I think so.",
                  "Sorry, can you say that again?"]


# Discourse openers and tails: speech rarely repeats a templated sentence word for word.
PREFIXES = ["So", "Okay, so", "Right,", "And", "Now,", "Well,", "Honestly,", "To be fair,", "Look,", "Just so you know,",
            "{title} {surname},", "Okay,", "Yeah,", "I mean,", "Basically,", "At this point,", "Also,", "Um,",
            "Like I said,", "As I mentioned,", "The thing is,", "Sorry,", "Alright,", "Actually,", "Just to be clear,"]
SUFFIXES = ["at the moment", "for now", "if that's okay", "this month", "as things stand", "to be honest",
            "on our side", "from what I can see", "as far as I know", "going forward", "for the time being",
            "in the meantime", "if that makes sense", "for the next few weeks", "on this account", "so far",
            "by the look of it", "I think", "you know", "if possible"]


def _vary(rng: random.Random, sentence: str, call: dict) -> str:
    """Add a discourse opener and/or tail to a templated sentence, as people do when they talk."""
    if rng.random() < 0.55:
        prefix = rng.choice(PREFIXES).format(**call)
        first = sentence[:1]
        if not sentence.startswith(("I ", "I'", "StepChange", "National")):
            first = first.lower()
        sentence = f"{prefix} {first}{sentence[1:]}"
    if rng.random() < 0.45 and sentence[-1:] in ".?!":
        sentence = f"{sentence[:-1]}, {rng.choice(SUFFIXES)}{sentence[-1]}"
    return sentence


def _slots(rng: random.Random, call: dict) -> dict:
    return {
        **call,
        "d": rng.randint(1, 28),
        "month": rng.choice(MONTHS),
        "weekday": rng.choice(WEEKDAYS),
        "amount": f"{rng.randint(250, 9800):,}",
        "pence": f"{rng.randint(0, 99):02d}",
        "small": rng.choice([5, 10, 15, 20, 25, 30, 40, 50, 60, 75, 80, 100, 120, 150]),
        "tiny": rng.choice([1, 2, 5, 10]),
        "income": rng.randint(600, 2400),
        "outgo": rng.randint(500, 2300),
        "thing": rng.choice(THINGS),
        "person": rng.choice(PEOPLE),
        "reason": rng.choice(REASONS),
        "reason_short": rng.choice(REASONS).split(" ", 1)[-1] if rng.random() < 0.3 else rng.choice(THINGS),
        "acct": f"{rng.randint(0, 9999):04d}",
        "ref": f"{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}{rng.randint(100000, 999999)}",
        "year": rng.randint(1950, 2003),
    }


def generate_call(rng: random.Random, index: int = 0) -> str:
    """One call as ``Speaker: text`` lines (1,000-1,400 words)."""
    call = {
        "agent": rng.choice(AGENTS),
        "company": rng.choice(COMPANIES),
        "creditor": rng.choice(CREDITORS),
        "title": rng.choice(TITLES),
        "surname": rng.choice(SURNAMES),
        "daypart": rng.choice(["morning", "afternoon"]),
    }
    target = rng.randint(980, 1320)
    lines: list[str] = []
    words = 0

    def say(speaker: str, sentences: list[str], vary: bool = False) -> None:
        nonlocal words
        text = " ".join(
            _vary(rng, s.format(**_slots(rng, call)), call) if vary else s.format(**_slots(rng, call)) for s in sentences
        )
        words += len(text.split())
        lines.append(f"{speaker}: {text}")

    say("Agent", OPENING[:3])
    say("Customer", [rng.choice(["Okay.", "Right, okay.", "Yes, go on.", "Who did you say you were?"])])
    say("Agent", OPENING[3:])
    say("Customer", [rng.choice(CUSTOMER_ID), rng.choice(CUSTOMER_DOB)])
    closing_words = sum(len(s.split()) for s in CLOSING) + 8
    while words < target - closing_words - 40:
        if rng.random() < 0.3:
            say("Agent", [rng.choice(AGENT_FILLERS)])  # a filler turn ("Okay.") repeats verbatim, as in real calls
            say("Customer", [rng.choice(CUSTOMER_SHORT)])
        k = rng.choices([1, 2, 3, 4], weights=[2, 4, 3, 1])[0]
        agent = rng.sample(AGENT_LINES, k)
        say("Agent", agent, vary=True)
        if rng.random() < 0.35:
            say("Customer", [rng.choice(CUSTOMER_SHORT)])
        else:
            say("Customer", rng.sample(CUSTOMER_LINES, rng.choices([1, 2, 3], weights=[4, 3, 1])[0]), vary=True)
    say("Agent", CLOSING[:1])
    say("Customer", [rng.choice(CUSTOMER_BYE)])
    say("Agent", CLOSING[1:])
    return "\n".join(lines) + "\n"


def generate_calls(n: int, seed: int = 7) -> list[str]:
    """``n`` calls from one seeded random stream (the same seed always gives the same calls)."""
    rng = random.Random(seed)
    return [generate_call(rng, i) for i in range(n)]


def write_corpus(out_dir: str | Path, n: int, seed: int = 7) -> list[Path]:
    """Write ``n`` calls as ``call-00000.txt`` ... into ``out_dir``; return the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        p = out / f"call-{i:05d}.txt"
        p.write_text(generate_call(rng, i), encoding="utf-8")
        paths.append(p)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--calls", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    paths = write_corpus(args.out_dir, args.calls, args.seed)
    print(f"wrote {len(paths)} calls to {args.out_dir}")


if __name__ == "__main__":
    main()
