"""A seeded set of synthetic collection calls for the coaching reports (notebook, HTML report, tests).

Seven agents in three teams take calls over several weeks, each in a recognisable style:

========  =======  ==========================================================================
agent     team     style
========  =======  ==========================================================================
A-201     Phoenix  empathetic and solution-focused: acknowledges, asks open questions, offers plans
A-202     Phoenix  jargon-heavy: arrears, default notice, days past due, CCJ ...
A-203     Harbor   demanding: "you need to pay today", deadlines, threats
A-204     Harbor   closed-question-heavy: polite, but "can you pay today?", "are you working?"
A-205     Allied   mixed: a bit of everything
A-206     Allied   improving over time: starts demanding and full of jargon, ends close to A-201
A-207     Phoenix  empathy undercut: "I understand, but you need to pay something today"
========  =======  ==========================================================================

Every call is a ``Speaker: text`` transcript (``Agent:`` / ``Customer:``) of roughly 250-600 words:
greeting and identity check (Harbor, a US team, also gives the debt-collection disclosure), the reason
for the call, the customer's situation, a few exchanges whose wording is drawn from the agent's style,
sometimes contact details (invented, from ranges reserved for fiction and testing: 07700 900xxx,
555-01xx numbers, example.com addresses, the 4111 test card), and a close. The customer's replies follow how the
call is going, so customer sentiment and the outcome move with the agent's tone. Names, amounts,
creditors and dates vary, so most sentences are not repeated word for word.

Writes ``OUT_DIR/calls/<call_id>.txt`` and ``OUT_DIR/metadata.csv`` (call_id, agent_id, team, date,
outcome); the metadata is kept beside, not inside, the transcript folder so scoring the folder reads only
transcripts. Generated data is not committed: generate it where you need it::

    python benchmarks/make_synthetic.py /tmp/synth [--calls 300] [--weeks 8] [--seed 7]
    tonecheck score /tmp/synth/calls --out /tmp/synth/scored --metadata /tmp/synth/metadata.csv
    tonecheck report /tmp/synth/scored --html report.html

or from Python: ``generate(out_dir, n_calls=300, weeks=8, seed=7)``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

# --------------------------------------------------------------------------- agents and styles

# Probabilities of what an agent does in each exchange of the middle of a call:
#   reaction  - to what the customer just said: empathy, empathy undercut by "but" + demand,
#               a neutral acknowledgement, a dismissive remark, or nothing
#   statement - a solution, a jargon-laden statement, a demand, or neutral information
#   question  - open, closed or none
STYLES: dict[str, dict[str, dict[str, float]]] = {
    "empathetic": {
        "reaction": {"empathy": 0.75, "neutral": 0.25},
        "statement": {"solution": 0.6, "neutral": 0.32, "jargon": 0.05, "demand": 0.03},
        "question": {"open": 0.72, "closed": 0.18, "none": 0.10},
    },
    "jargon": {
        "reaction": {"empathy": 0.25, "neutral": 0.65, "none": 0.10},
        "statement": {"jargon": 0.65, "solution": 0.15, "neutral": 0.12, "demand": 0.08},
        "question": {"open": 0.25, "closed": 0.55, "none": 0.20},
    },
    "demanding": {
        "reaction": {"neutral": 0.35, "none": 0.35, "dismissive": 0.25, "empathy": 0.05},
        "statement": {"demand": 0.7, "jargon": 0.12, "neutral": 0.13, "solution": 0.05},
        "question": {"closed": 0.6, "open": 0.08, "none": 0.32},
    },
    "closed": {
        "reaction": {"neutral": 0.5, "empathy": 0.35, "none": 0.15},
        "statement": {"neutral": 0.45, "solution": 0.35, "jargon": 0.1, "demand": 0.1},
        "question": {"closed": 0.88, "open": 0.07, "none": 0.05},
    },
    "mixed": {
        "reaction": {"empathy": 0.4, "neutral": 0.4, "none": 0.1, "dismissive": 0.1},
        "statement": {"solution": 0.3, "jargon": 0.22, "demand": 0.23, "neutral": 0.25},
        "question": {"open": 0.4, "closed": 0.45, "none": 0.15},
    },
    "undercut": {
        "reaction": {"undercut": 0.55, "empathy": 0.2, "neutral": 0.25},
        "statement": {"demand": 0.35, "solution": 0.3, "neutral": 0.25, "jargon": 0.1},
        "question": {"closed": 0.45, "open": 0.35, "none": 0.2},
    },
}
# where "improving" starts (week 0); it ends at "empathetic" in the last week
IMPROVING_FROM = {
    "reaction": {"neutral": 0.4, "none": 0.25, "dismissive": 0.2, "empathy": 0.15},
    "statement": {"demand": 0.45, "jargon": 0.35, "neutral": 0.15, "solution": 0.05},
    "question": {"closed": 0.65, "open": 0.1, "none": 0.25},
}


@dataclass(frozen=True)
class Agent:
    agent_id: str
    name: str
    team: str
    style: str  # a key of STYLES, or "improving"
    share: float  # relative number of calls


AGENTS: tuple[Agent, ...] = (
    Agent("A-201", "Priya", "Phoenix", "empathetic", 1.0),
    Agent("A-202", "Marcus", "Phoenix", "jargon", 0.9),
    Agent("A-203", "Dana", "Harbor", "demanding", 1.0),
    Agent("A-204", "Tom", "Harbor", "closed", 1.1),
    Agent("A-205", "Aisha", "Allied", "mixed", 0.9),
    Agent("A-206", "Leo", "Allied", "improving", 1.1),
    Agent("A-207", "Sam", "Phoenix", "undercut", 0.8),
)
TEAMS = {
    "Phoenix": {"company": "Northway Finance", "country": "uk"},
    "Allied": {"company": "Allied Credit Services", "country": "uk"},
    "Harbor": {"company": "Harbor Recovery Services", "country": "us"},
}


def style_for(agent: Agent, week: int, weeks: int) -> dict[str, dict[str, float]]:
    """The agent's move probabilities in a given week (only "improving" changes over time)."""
    if agent.style != "improving":
        return STYLES[agent.style]
    t = week / max(1, weeks - 1)
    target = STYLES["empathetic"]
    out: dict[str, dict[str, float]] = {}
    for slot in ("reaction", "statement", "question"):
        keys = set(IMPROVING_FROM[slot]) | set(target[slot])
        out[slot] = {k: (1 - t) * IMPROVING_FROM[slot].get(k, 0.0) + t * target[slot].get(k, 0.0) for k in keys}
    return out


# --------------------------------------------------------------------------- words

FIRST_NAMES = {
    "Mr": ["Daniel", "James", "Mohammed", "Chris", "Kevin", "Andrew", "Robert", "Luis", "Tyrone", "Gary",
           "Imran", "Peter", "Wayne", "Darren", "Hassan"],
    "Ms": ["Sarah", "Emma", "Olivia", "Laura", "Jade", "Natalie", "Sophie", "Maria", "Keisha", "Donna",
           "Chloe", "Rachel", "Amy", "Kelly", "Megan"],
}
SURNAMES = ["Hughes", "Patel", "Smith", "Jones", "Williams", "Brown", "Taylor", "Davies", "Evans", "Wilson",
            "Roberts", "Johnson", "Lewis", "Walker", "Garcia", "Khan", "Edwards", "Green", "Hall", "Martin",
            "Clarke", "Jackson", "Turner", "Hill", "Moore", "Cooper", "Reyes", "Okafor", "Nowak", "Byrne"]
PRODUCTS = {
    "uk": ["credit card", "personal loan", "catalogue account", "overdraft", "store card", "car finance agreement"],
    "us": ["credit card", "medical bill", "personal loan", "auto loan", "store card", "utility account"],
}
CREDITORS = {
    "uk": ["Northway Finance", "Larch Bank", "Brightside Catalogues", "Vale Motor Finance", "Penfold Credit"],
    "us": ["Mercy Valley Hospital", "Summit Auto Credit", "Lakeshore Bank", "Crestline Card Services", "Metro Power"],
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "fifteenth", "twentieth", "twenty-first", "twenty-eighth"]

SITUATIONS = [
    # (customer disclosure, what the customer can afford relative to normal: small/some)
    "I lost my job in {month} and I'm struggling to keep up with everything.",
    "My hours got cut at work and there just isn't enough coming in.",
    "I've been off sick for a few weeks and I'm only on sick pay.",
    "My partner moved out and I'm paying all the bills on my own now.",
    "My mum passed away last month and I've had to sort out the funeral.",
    "The car broke down and I needed it for work, so the money went on that.",
    "My rent went up and I can't cover everything any more.",
    "I've been caring for my dad, so I've had to drop to part-time.",
    "Honestly, I forgot. I changed banks and the payment didn't move across.",
    "I had a big bill come in that I wasn't expecting and it wiped me out.",
    "I've got a few debts now and I don't know which one to pay first.",
    "The baby came early and I'm on maternity pay, so it's tight.",
]
DISPUTE = "I don't think I owe that much. I paid some of it off and nobody has shown me the figures."

OPENING_NERVES = [
    "I've been dreading this call, to be honest.",
    "I know, I've been meaning to ring you.",
    "Right, I thought it might be about that.",
    "I'm worried about it, things are tight.",
    "Okay. I haven't got long, I'm at work.",
    "Is this about the letters? I've been getting a lot of them.",
]

CUSTOMER_INCOME = [
    "I get about {income} a month, and the rent takes {rent} of it. Then there's food and the bills.",
    "It's around {income} a month at the moment, and most of that goes on rent and the kids.",
    "About {income} a month, but it changes week to week.",
    "Not much. Maybe {income} a month after the rent comes out.",
    "I'm on universal credit until I find something, so about {income} a month.",
]
CUSTOMER_OFFER = [
    "Maybe {small} a month? I don't want to promise more than I can do.",
    "I could probably do {small} a month for now.",
    "Could I pay {small} a month until things pick up?",
    "I can manage {small} a month, not much more.",
]

CUSTOMER_BY_MOOD = {
    "good": [
        "Thank you, that really helps.",
        "That's a relief, honestly.",
        "Okay, that sounds fair. Thank you.",
        "I appreciate you being so understanding.",
        "That's great, thank you for explaining it.",
        "Yes, that would be really helpful.",
        "Thanks, I feel a lot better about it now.",
    ],
    "neutral": [
        "Okay.",
        "Right. I suppose so.",
        "I'll have to think about it.",
        "Okay, I'll see what I can do.",
        "Fine. What happens next?",
        "I'm not sure, I'd have to check.",
    ],
    "bad": [
        "I can't just find that money from nowhere.",
        "You're not listening to me. I've told you I haven't got it.",
        "This is really stressful. I feel like I'm being threatened.",
        "I don't even know what half of that means.",
        "I'm upset, honestly. I rang to sort this out and this is how I get treated.",
        "That's awful. I don't know what I'm supposed to do.",
        "Why are you talking to me like that? I'm trying my best.",
    ],
}
CUSTOMER_CLOSE = {
    "good": [
        "That sounds good. Thank you, I was dreading this call.",
        "Thank you so much, you've been really kind.",
        "Great, thanks for your help. Bye.",
        "Thanks, that's a weight off my mind.",
    ],
    "neutral": [
        "Okay. Bye.",
        "Fine, I'll look out for the letter.",
        "Right, okay then. Bye.",
    ],
    "bad": [
        "Whatever. I'm not happy about this at all.",
        "I'm going to put in a complaint about this call.",
        "This has been awful. I'm hanging up.",
        "I feel terrible now. Goodbye.",
    ],
}

# agent wording ------------------------------------------------------------

EMPATHY = [
    "I'm really sorry to hear that, {first}.",
    "That must be difficult, especially with everything else going on.",
    "That sounds really hard.",
    "Thank you for telling me, I know it's not easy to talk about.",
    "Take your time, there's no rush on this call.",
    "I completely understand.",
    "That makes sense.",
    "Try not to worry, we'll work this out together.",
    "I'm sorry you're going through this.",
    "That's completely understandable.",
    "I'm glad you told me.",
    "Thanks for letting me know.",
]
UNDERCUT = [
    "I understand, but you need to pay something today.",
    "I hear you, but you have to make a payment this week.",
    "I'm sorry to hear that, but the balance must be paid.",
    "That sounds difficult, but I need you to make a payment by Friday.",
    "I understand, but you'll have to pay the full amount by the end of the month.",
]
NEUTRAL_ACK = ["Okay.", "Right.", "Okay, I've noted that.", "Alright.", "I see.", "Okay, thanks."]
DISMISSIVE = [
    "That's not really my concern.",
    "Everyone says that.",
    "Look, that doesn't change the balance.",
    "You should have called us sooner.",
    "That's not good enough, I'm afraid.",
]
SOLUTION = {
    "uk": [
        "We can set up a payment plan at {small} a month.",
        "I can put a hold on the account for thirty days while you get some advice.",
        "I can freeze the interest while you're out of work, so the balance doesn't grow.",
        "StepChange offer free debt advice and can look at everything you owe, not just us.",
        "We can look at your income and outgoings together and work out an amount you can afford.",
        "There are a few options we can look at, so let's find one that works for you.",
        "We can start with a smaller amount and review the plan in three months.",
        "I can refer you to our hardship team, who can reduce the payments for a while.",
    ],
    "us": [
        "We can set up a payment plan at {small} a month.",
        "I can put a hold on the account for thirty days while you look at your budget.",
        "We have a hardship program that could lower the monthly payment.",
        "A nonprofit credit counseling agency can help you look at everything you owe, for free.",
        "There are a few options we can look at, so let's find one that works for you.",
        "We can start with a smaller amount and review the plan in three months.",
        "We may be able to settle for a reduced amount if a lump sum is ever possible.",
    ],
}
JARGON = {
    "uk": [
        "The account is in arrears by {amount} and a default notice was issued on the {ordinal} of {month}.",
        "The account is now {days} days past due, so it's been passed to recoveries.",
        "If the arrears aren't cleared we may register a default and it could go to litigation.",
        "The contractual payment is {payment} and the principal is {amount}, with interest accrued on top.",
        "Your last direct debit was returned unpaid, so the account is in default.",
        "We'd need a full income and expenditure before any forbearance can be agreed.",
        "Without an arrangement the next step could be a CCJ.",
    ],
    "us": [
        "The account is {days} days past due and is scheduled for charge-off.",
        "Your account is delinquent and the creditor has accelerated the debt, so the full balance of {amount} is due.",
        "Your last payment was returned for insufficient funds, so you're now in default.",
        "The debt was placed for collection after the creditor of record assigned it to us.",
        "If it goes to litigation there could be a judgment and garnishment of wages.",
        "The principal is {amount}, plus accrued interest at the contract APR.",
    ],
}
DEMAND = [
    "You need to pay the full balance of {amount} today.",
    "I need you to make a payment by the end of the day.",
    "The balance must be paid, there's no way round that.",
    "Failure to pay will result in further action on the account.",
    "This is your final notice before we pass it on.",
    "You'll have to borrow the money from family if you need to.",
    "If this isn't paid we will take legal action.",
    "You have to pay at least {payment} today.",
    "Pay today and the calls will stop.",
]
NEUTRAL_INFO = [
    "I can see the balance is {amount}.",
    "The last payment we received was on the {ordinal} of {month}.",
    "Let me just bring up the account.",
    "I'll make a note of that on the account.",
    "I can see two payments were missed.",
    "The account was opened back in {year}.",
]
# open questions: (question, what the customer answers with: income, offer or a reply by mood)
OPEN_Q = [
    ("What would you be able to manage each month?", "offer"),
    ("How are things at the moment?", "mood"),
    ("Can you tell me a bit about your income and outgoings?", "income"),
    ("What's changed for you recently?", "mood"),
    ("How would you like to take this forward?", "offer"),
    ("What would make this easier for you?", "offer"),
    ("What does a typical month look like for you?", "income"),
    ("How are you coping with everything?", "mood"),
    ("Tell me a bit more about what's coming in each month.", "income"),
]
CLOSED_Q = [
    "Can you pay the full balance today?",
    "Are you working at the moment?",
    "Did you receive our letter?",
    "Can you make a payment by Friday?",
    "Is that your final offer?",
    "Do you have a debit card with you?",
    "Weekly or monthly?",
    "Have you got any savings?",
    "Is anyone else able to help you pay?",
    "Can you do {payment} instead?",
    "You got the letter, right?",
]

# how each kind of move changes the customer's mood (and, through it, replies, sentiment and outcome)
MOOD_EFFECT = {
    "empathy": 1.0, "undercut": -0.4, "neutral": 0.0, "dismissive": -1.5, "none": 0.0,
    "solution": 1.1, "jargon": -0.6, "demand": -1.4,
    "open": 0.4, "closed": -0.15,
}


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    keys = sorted(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _money(rng: random.Random, country: str, lo: int, hi: int, step: int = 5) -> str:
    value = rng.randrange(lo, hi, step)
    return f"£{value:,}" if country == "uk" else f"${value:,}"


# --------------------------------------------------------------------------- one call


def make_call(rng: random.Random, agent: Agent, style: dict[str, dict[str, float]]) -> tuple[str, str]:
    """One transcript (text) and its outcome."""
    team = TEAMS[agent.team]
    country, company = team["country"], team["company"]
    title = rng.choice(["Mr", "Ms"])
    first, last = rng.choice(FIRST_NAMES[title]), rng.choice(SURNAMES)
    if title == "Ms" and rng.random() < 0.4:
        title = "Mrs"
    if country == "us":
        title += "."
    slots = {
        "first": first,
        "month": rng.choice(MONTHS),
        "ordinal": rng.choice(ORDINALS),
        "year": str(rng.randint(2015, 2024)),
        "amount": _money(rng, country, 400, 6000, 5),
        "payment": _money(rng, country, 40, 250, 5),
        "small": _money(rng, country, 10, 60, 5),
        "income": _money(rng, country, 700, 1800, 50),
        "rent": _money(rng, country, 400, 900, 25),
        "days": str(rng.choice([30, 45, 60, 90, 120, 180])),
    }

    def fill(template: str) -> str:
        return template.format(**slots)

    used: set[str] = set()

    def say(bank):
        """A random entry of ``bank`` not said yet in this call (when there is one)."""
        fresh = [b for b in bank if (b[0] if isinstance(b, tuple) else b) not in used] or list(bank)
        choice = rng.choice(fresh)
        used.add(choice[0] if isinstance(choice, tuple) else choice)
        return choice

    lines: list[tuple[str, str]] = []
    mood = 0.0

    def agent_says(*parts: str) -> None:
        text = " ".join(p for p in parts if p)
        if text:
            lines.append(("Agent", text))

    def customer_says(text: str) -> None:
        lines.append(("Customer", text))

    def mood_word() -> str:
        noisy = mood + rng.gauss(0, 0.8)
        return "good" if noisy > 1.0 else "bad" if noisy < -1.0 else "neutral"

    # opening ------------------------------------------------------------
    greeting = rng.choice(["Good morning", "Good afternoon", "Hi", "Hello"])
    agent_says(f"{greeting}, this is {agent.name} calling from {company}. Am I speaking with {title} {last}?")
    customer_says(rng.choice(["Yes, speaking.", "Yeah, that's me.", "Yes. Who's this?", "Speaking."]))
    if country == "us":
        agent_says(
            "Thanks. This is an attempt to collect a debt and any information obtained will be used for that purpose.",
            "Before we go on, can you confirm your date of birth?",
        )
    else:
        agent_says(rng.choice([
            "Thanks. Before we go on, can you confirm your date of birth and the first line of your address for me?",
            "Thank you. For security, can you confirm your date of birth, please?",
        ]))
    customer_says(f"{rng.choice(ORDINALS).capitalize()} of {rng.choice(MONTHS)} {rng.randint(1958, 2001)}.")
    product = rng.choice(PRODUCTS[country])
    creditor = rng.choice(CREDITORS[country])
    intro = f"Thanks, {first}. I'm calling about your {product} with {creditor}."
    first_move = _pick(rng, style["statement"])
    if first_move == "jargon":
        agent_says(intro, fill(say(JARGON[country])))
    elif first_move == "demand":
        agent_says(intro, fill(say(DEMAND)))
    else:
        agent_says(intro, fill(say(NEUTRAL_INFO)), "How are things at the moment?" if first_move == "solution" else "")
    mood += MOOD_EFFECT[first_move] * 0.5
    dispute = rng.random() < 0.08
    customer_says(rng.choice(OPENING_NERVES) + " " + (DISPUTE if dispute else fill(rng.choice(SITUATIONS))))

    # middle ---------------------------------------------------------------
    exchanges = rng.randint(3, 6)
    offered = told_income = False
    for _ in range(exchanges):
        reaction = _pick(rng, style["reaction"])
        statement = _pick(rng, style["statement"])
        question = _pick(rng, style["question"])
        parts = []
        if reaction == "empathy":
            parts.append(fill(say(EMPATHY)))
        elif reaction == "undercut":
            parts.append(say(UNDERCUT))
        elif reaction == "neutral":
            parts.append(say(NEUTRAL_ACK))
        elif reaction == "dismissive":
            parts.append(say(DISMISSIVE))
        if statement == "solution":
            parts.append(fill(say(SOLUTION[country])))
        elif statement == "jargon":
            parts.append(fill(say(JARGON[country])))
        elif statement == "demand":
            parts.append(fill(say(DEMAND)))
        else:
            parts.append(fill(say(NEUTRAL_INFO)))
        answer = "mood"
        if question == "open":
            asked, answer = say(OPEN_Q)
            parts.append(asked)
        elif question == "closed":
            parts.append(fill(say(CLOSED_Q)))
        agent_says(*parts)
        mood += MOOD_EFFECT[reaction] + MOOD_EFFECT[statement] + MOOD_EFFECT[question]
        # the customer answers an open question about money with figures, makes an offer once, else reacts
        if answer == "income" and not told_income:
            told_income = True
            customer_says(fill(rng.choice(CUSTOMER_INCOME)))
        elif answer == "offer" and not offered:
            offered = True
            customer_says(fill(rng.choice(CUSTOMER_OFFER)))
        else:
            customer_says(say(CUSTOMER_BY_MOOD[mood_word()]))

    # contact details and payment: invented numbers from ranges kept for fiction and testing
    if rng.random() < 0.35:
        agent_says("Can I take an email address so we can send you the details in writing?")
        email = f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@example.com"
        customer_says(f"Yes, it's {email}.")
    if rng.random() < 0.3:
        agent_says("And what's the best number to reach you on?")
        phone = (f"07700 900{rng.randint(0, 999):03d}" if country == "uk"
                 else f"({rng.choice(['212', '312', '415', '602', '919'])}) 555-01{rng.randint(0, 99):02d}")
        customer_says(f"My mobile, {phone}.")
    if rng.random() < 0.12:
        customer_says("I can pay the first one by card now. It's 4111 1111 1111 1111.")
        agent_says("Thank you. Just so you know, I'll take the card details through our secure line rather than on the recording.")

    # close ----------------------------------------------------------------
    closing = {
        "good": [
            "I'm glad you felt able to talk it through. If anything changes, just call us and we'll look at it again.",
            "Thanks for your time today, {first}. We'll write to you this week confirming what we agreed.",
        ],
        "neutral": [
            "Okay. We'll write to you with the details.",
            "Right, I've updated the account. Thanks for your time.",
        ],
        "bad": [
            "We'll be in touch. Make sure the payment goes through.",
            "If we don't hear from you by Friday, the account will move to the next stage.",
        ],
    }
    # a demanding agent closes with pressure whatever the mood; others close as the call went
    style_close = "bad" if style["statement"].get("demand", 0) > 0.4 else "neutral" if mood_word() == "bad" else mood_word()
    agent_says(fill(rng.choice(closing[style_close])))
    final = mood_word()
    customer_says(rng.choice(CUSTOMER_CLOSE[final]))

    # outcome follows the mood, with noise
    score = mood + rng.gauss(0, 1.2)
    if dispute:
        outcome = "dispute"
    elif final == "bad" and rng.random() < 0.5:
        outcome = "hung_up"
    elif score > 2.0:
        outcome = "arrangement"
    elif score > 0.5:
        outcome = rng.choice(["arrangement", "promise_to_pay"])
    elif score > -1.5:
        outcome = rng.choice(["promise_to_pay", "callback", "no_arrangement"])
    else:
        outcome = rng.choice(["no_arrangement", "hung_up"])

    header = f"# Synthetic call ({company}, {country.upper()}): agent {agent.agent_id}, {agent.style} style. Invented, no real people.\n"
    return header + "\n".join(f"{who}: {text}" for who, text in lines) + "\n", outcome


# --------------------------------------------------------------------------- the set


def generate(
    out_dir: str | Path,
    *,
    n_calls: int = 300,
    weeks: int = 8,
    seed: int = 7,
    start: str | dt.date = "2026-09-07",
) -> Path:
    """Write ``n_calls`` transcripts to ``out_dir/calls`` and ``out_dir/metadata.csv``; return the metadata path.

    Calls are spread over ``weeks`` weeks of weekdays from ``start`` (a Monday), each agent taking
    a share of every week's calls. The same seed gives the same files.
    """
    rng = random.Random(seed)
    out = Path(out_dir)
    calls_dir = out / "calls"
    calls_dir.mkdir(parents=True, exist_ok=True)
    start_date = dt.date.fromisoformat(start) if isinstance(start, str) else start
    start_date -= dt.timedelta(days=start_date.weekday())  # the Monday of that week
    total_share = sum(a.share for a in AGENTS)
    rows = []
    n = 0
    per_week = n_calls / weeks
    for week in range(weeks):
        # calls this week, spread so the total is exactly n_calls
        week_calls = round(per_week * (week + 1)) - round(per_week * week)
        agents = rng.choices(AGENTS, weights=[a.share / total_share for a in AGENTS], k=week_calls)
        for agent in agents:
            n += 1
            day = start_date + dt.timedelta(weeks=week, days=rng.randrange(5))
            call_id = f"syn-{n:04d}"
            text, outcome = make_call(rng, agent, style_for(agent, week, weeks))
            (calls_dir / f"{call_id}.txt").write_text(text, encoding="utf-8")
            rows.append({"call_id": call_id, "agent_id": agent.agent_id, "team": agent.team,
                         "date": day.isoformat(), "outcome": outcome})
    meta = out / "metadata.csv"
    with meta.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["call_id", "agent_id", "team", "date", "outcome"])
        writer.writeheader()
        writer.writerows(rows)
    return meta


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="folder to write calls/ and metadata.csv into")
    parser.add_argument("--calls", type=int, default=300, help="number of calls (default 300)")
    parser.add_argument("--weeks", type=int, default=8, help="number of weeks (default 8)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--start", default="2026-09-07", help="first week (ISO date; default 2026-09-07)")
    args = parser.parse_args(argv)
    meta = generate(args.out_dir, n_calls=args.calls, weeks=args.weeks, seed=args.seed, start=args.start)
    print(f"wrote {args.calls} calls to {args.out_dir / 'calls'} and metadata to {meta}")


if __name__ == "__main__":
    main()
