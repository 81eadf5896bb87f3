"""Collections checks (tonecheck.checks) on the realistic example calls in examples/checks/."""

from __future__ import annotations

from pathlib import Path

import pytest

import tonecheck
from tonecheck.checks import (
    CHECK_CALL_COLUMNS,
    CHECK_COLUMNS,
    CHECKS,
    STATUSES,
    check_pack_file,
    load_packs,
    run_checks,
    shipped_packs,
)
from tonecheck.errors import LexiconError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "checks"


@pytest.fixture(scope="module")
def run(fast_nlp):
    """Score an example call (or transcript text) with the fast pipeline and run the given packs over it."""
    cache: dict = {}

    def _run(call: str, packs=("us",)):
        key = (call, tuple(packs))
        if key not in cache:
            source = str(EXAMPLES / call) if call.endswith(".txt") else call
            result = tonecheck.score(source, nlp=fast_nlp)
            rows, columns = run_checks(result, load_packs(list(packs)))
            cache[key] = (result, rows, columns)
        return cache[key]

    return _run


def rows_of(rows, check):
    return [r for r in rows if r["check"] == check]


def assert_evidence_is_exact(result, rows):
    for r in rows:
        assert set(r) == set(CHECK_COLUMNS)
        assert r["status"] in STATUSES
        assert r["rule"], r
        assert 0.0 <= r["confidence"] <= 1.0
        if r["turn_index"] is not None:
            text = result.transcript.turns[r["turn_index"]].text
            assert text[r["start_char"] : r["end_char"]] == r["text"], r


# (check, pack, pass call, fail call, evidence words in the fail row, rule citation in the fail row)
CASES = [
    ("disclosure_given", "us", "us/compliant_call.txt", "us/no_disclosure.txt", None, "FDCPA 807(11)"),
    ("caller_identification", "us", "us/compliant_call.txt", "us/no_identification.txt", None, "FDCPA 806(6)"),
    ("prohibited_statements", "us", "us/compliant_call.txt", "us/threats.txt", "garnish your wages", "FDCPA 807(4)"),
    ("verification_before_disclosure", "us", "us/compliant_call.txt", "us/details_before_verification.txt",
     "past due", "12 CFR 1006.6(d)"),
    ("disclosure_after_verification", "us", "us/compliant_call.txt", "us/details_before_verification.txt",
     "This is an attempt to collect a debt and any information obtained will be used for that purpose", "FDCPA 805(b)"),
    ("pressure_after_objection", "us", "us/dispute_respected.txt", "us/dispute_pressured.txt", "you need to",
     "FDCPA 809(b)"),
    ("vulnerability_response", "uk", "uk/vulnerability_supported.txt", "uk/vulnerability_missed.txt",
     "husband passed away", "FG21/1"),
    ("empathy_where_needed", "uk", "uk/vulnerability_supported.txt", "uk/vulnerability_missed.txt",
     "husband passed away", "FG21/1"),
    ("prohibited_pressure", "uk", "uk/vulnerability_supported.txt", "uk/pressure.txt", "pay the full balance",
     "CONC 7.3.10R(1)"),
    ("verification_before_disclosure", "uk", "uk/no_hardship.txt", "uk/third_party_disclosure.txt", "the balance",
     "CONC 7.9.10R"),
    ("customer_abuse", "uk", "uk/vulnerability_supported.txt", "uk/abusive_customer.txt", "for fuck's sake",
     "QA: agent welfare"),
]


@pytest.mark.parametrize("check, pack, good, bad, words, rule", CASES, ids=[f"{c[1]}-{c[0]}" for c in CASES])
def test_each_check_passes_on_its_pass_call_and_fails_on_its_fail_call(run, check, pack, good, bad, words, rule):
    result, rows, _ = run(good, [pack])
    assert_evidence_is_exact(result, rows)
    passed = rows_of(rows, check)
    assert passed and all(r["status"] == "pass" for r in passed), passed

    result, rows, _ = run(bad, [pack])
    assert_evidence_is_exact(result, rows)
    failed = [r for r in rows_of(rows, check) if r["status"] == "fail"]
    assert failed, rows_of(rows, check)
    first = failed[0]
    assert rule in first["rule"]
    if words is not None:
        assert first["text"] == words
        assert first["turn_index"] is not None and first["detail"]


def test_compliant_us_call_passes_every_us_check_with_evidence(run):
    result, rows, columns = run("us/compliant_call.txt")
    by_check = {r["check"]: r for r in rows}
    assert by_check["disclosure_given"]["confidence"] == 1.0
    assert "12 CFR 1006.18(e)(1)" in by_check["disclosure_given"]["rule"]
    assert by_check["caller_identification"]["text"] == "my name is Marcus"
    assert by_check["caller_identification"]["related_text"] == "from Apex Recovery Services"
    assert by_check["pressure_after_objection"]["status"] == "not_applicable"
    assert columns["disclosure_given"] is True and columns["caller_identified"] is True
    assert columns["verification_before_disclosure"] is True and columns["disclosure_after_verification"] is True
    assert columns["checks_failed"] == 0 and columns["prohibited_pressure_count"] == 0
    assert columns["packs"].startswith("us@")
    assert set(columns) == set(CHECK_CALL_COLUMNS)


def test_threats_each_get_a_row_with_their_own_rule(run):
    _, rows, columns = run("us/threats.txt")
    found = {(r["signal"], r["text"], r["rule"]) for r in rows_of(rows, "prohibited_statements")}
    assert ("arrest_or_seizure", "you could be arrested", "FDCPA 807(4); 12 CFR 1006.18(b)(3)") in found
    assert ("crime", "is a crime", "FDCPA 807(7); 12 CFR 1006.18(b)(1)(iv)") in found
    assert ("profanity", "shit", "FDCPA 806(2); 12 CFR 1006.14(d)") in found
    assert ("profanity", "deadbeats", "FDCPA 806(2); 12 CFR 1006.14(d)") in found
    assert columns["prohibited_pressure_count"] == len(found) == 5


def test_pressure_after_dispute_and_after_attorney_name_the_objection(run):
    _, rows, columns = run("us/dispute_pressured.txt")
    failed = {r["related_text"]: r for r in rows_of(rows, "pressure_after_objection")}
    assert set(failed) == {"That's not mine", "My attorney"}
    assert "12 CFR 1006.6(b)(2)" in failed["My attorney"]["rule"]
    assert failed["My attorney"]["turn_index"] == 6 and failed["My attorney"]["related_turn_index"] == 5
    assert columns["prohibited_pressure_count"] == 2


def test_a_dispute_handled_well_is_a_pass_with_the_dispute_as_evidence(run):
    _, rows, _ = run("us/dispute_respected.txt")
    (row,) = rows_of(rows, "pressure_after_objection")
    assert row["status"] == "pass" and row["signal"] == "dispute" and row["text"] == "That's not mine"


def test_uk_pressure_cites_each_conc_rule(run):
    _, rows, columns = run("uk/pressure.txt", ["uk"])
    found = {(r["text"], r["rule"]) for r in rows_of(rows, "prohibited_pressure")}
    assert ("borrow the money", "CONC 7.3.10R(3)") in found
    assert ("cleared by Friday", "CONC 7.3.10R(2)") in found  # "isn't" sits in an if-clause: still pressure
    assert ("take you to court", "CONC 7.3.18R") in found
    assert ("acting for the court", "CONC 7.11.1R; CONC 7.11.2G") in found
    assert columns["prohibited_pressure_count"] == len(found)


# --------------------------------------------------------------------------- mini-Miranda, fuzzy


def test_mini_miranda_found_in_unpunctuated_asr_text_with_small_word_differences(run):
    result, rows, columns = run("us/asr_disclosure.txt")
    (row,) = rows_of(rows, "disclosure_given")
    assert row["status"] == "pass"
    assert row["text"] == "this is an attempt to collect the debt any information we obtain will be used for that purpose"
    assert row["entry"] == "us.disclosure.initial" and "12 CFR 1006.18(e)(1)" in row["rule"]
    assert 0.8 <= row["confidence"] < 1.0
    assert columns["disclosure_given"] is True and columns["disclosure_confidence"] == row["confidence"]
    assert_evidence_is_exact(result, rows)


def test_later_contact_wording_is_found_and_named(run):
    call = (
        "Agent: hi its marcus again with apex recovery services um this call is from a debt collector okay\n"
        "Customer: yeah i know\n"
    )
    _, rows, _ = run(call)
    (row,) = rows_of(rows, "disclosure_given")
    assert row["status"] == "pass" and row["entry"] == "us.disclosure.subsequent"
    assert row["text"] == "this call is from a debt collector" and "12 CFR 1006.18(e)(2)" in row["rule"]


def test_a_garbled_near_miss_fails_with_low_confidence_and_shows_the_closest_words(run):
    call = (
        "Agent: we are attempting to collect a debt and information you give us will be used for that\n"
        "Customer: ok\n"
    )
    _, rows, columns = run(call)
    (row,) = rows_of(rows, "disclosure_given")
    assert row["status"] == "fail" and columns["disclosure_given"] is False
    assert row["text"] == "to collect a debt and information you give us will be used for that"
    assert "closest wording" in row["detail"]
    assert 0.5 < columns["disclosure_confidence"] < 0.8
    assert row["confidence"] == pytest.approx(1 - columns["disclosure_confidence"], abs=1e-3)


def test_the_disclosure_in_a_customer_turn_does_not_count(run):
    call = "Agent: Hello, is that Linda?\nCustomer: this is an attempt to collect a debt, right?\n"
    _, rows, _ = run(call)
    assert rows_of(rows, "disclosure_given")[0]["status"] == "fail"


# --------------------------------------------------------------------------- empathy and vulnerability


def test_call_without_hardship_is_not_penalised_for_missing_empathy(run):
    _, rows, columns = run("uk/no_hardship.txt", ["uk"])
    (empathy,) = rows_of(rows, "empathy_where_needed")
    (vulnerability,) = rows_of(rows, "vulnerability_response")
    assert empathy["status"] == vulnerability["status"] == "not_applicable"
    assert columns["empathy_needed"] == 0 and columns["empathy_missed"] == 0
    assert columns["vulnerability_disclosed"] is False and columns["vulnerability_acknowledged"] is None
    assert columns["turns_to_acknowledge"] is None and columns["checks_failed"] == 0


def test_vulnerability_met_in_one_agent_turn_with_acknowledgement_and_a_step(run):
    _, rows, columns = run("uk/vulnerability_supported.txt", ["uk"])
    (row,) = rows_of(rows, "vulnerability_response")
    assert row["agent_turns"] == 1 and row["related_turn_index"] == 6
    assert "life event" in row["detail"] and "resilience" in row["detail"]
    assert columns["vulnerability_disclosed"] is True and columns["vulnerability_acknowledged"] is True
    assert columns["turns_to_acknowledge"] == 1


def test_vulnerability_missed_records_every_disclosure_and_driver(run):
    _, rows, columns = run("uk/vulnerability_missed.txt", ["uk"])
    vuln = rows_of(rows, "vulnerability_response")
    assert [(r["turn_index"], r["status"]) for r in vuln] == [(5, "fail"), (7, "fail")]
    assert "health" in vuln[0]["detail"] and vuln[1]["signal"] == "capability"
    assert vuln[1]["text"] == "I don't understand the letter"
    assert columns["vulnerability_acknowledged"] is False and columns["turns_to_acknowledge"] is None
    assert columns["empathy_needed"] == 2 and columns["empathy_missed"] == 2


def test_empathy_met_late_is_a_fail_with_the_number_of_agent_turns(run):
    call = (
        "Agent: Hi, it's Sarah from Northway Finance.\n"
        "Customer: I lost my job last month and I'm really worried.\n"
        "Agent: Okay. What's your date of birth?\n"
        "Customer: First of May 1980.\n"
        "Agent: Thanks. Your balance is two hundred pounds.\n"
        "Customer: Right.\n"
        "Agent: I'm sorry to hear about your job.\n"
    )
    _, rows, columns = run(call, ["uk"])
    (row,) = rows_of(rows, "empathy_where_needed")
    assert row["status"] == "fail" and row["agent_turns"] == 3 and "late" in row["detail"]
    assert row["related_turn_index"] == 6


def test_undercut_empathy_does_not_meet_the_need(run):
    call = "Agent: Hello.\nCustomer: I can't cope with this.\nAgent: I understand, but you need to pay today.\n"
    _, rows, _ = run(call, ["uk"])
    assert rows_of(rows, "empathy_where_needed")[0]["status"] == "fail"


# --------------------------------------------------------------------------- abuse aimed at the agent


def test_customer_abuse_is_flagged_without_counting_against_the_agent(run):
    _, rows, columns = run("uk/abusive_customer.txt", ["uk"])
    abuse = rows_of(rows, "customer_abuse")
    assert {(r["signal"], r["text"]) for r in abuse} >= {("abuse", "vultures"), ("abuse", "You idiot"), ("threat", "sort you out")}
    assert all(r["status"] == "fail" and r["agent_conduct"] is False and r["role"] == "customer" for r in abuse)
    assert columns["customer_abuse_count"] == len(abuse) == 5
    assert columns["checks_failed"] == 0  # the agent stayed professional


def test_agent_profanity_is_not_customer_abuse(run):
    _, rows, columns = run("us/threats.txt")
    assert columns["customer_abuse_count"] == 0
    assert rows_of(rows, "customer_abuse")[0]["status"] == "pass"


# --------------------------------------------------------------------------- negation


@pytest.mark.parametrize(
    "line, flagged",
    [
        ("Nobody is going to have you arrested over this.", False),
        ("We will not garnish your wages.", False),
        ("if you dont pay we will garnish your wages", True),
        ("If you don't pay, we'll have you arrested.", True),
        ("We'll garnish your wages.", True),
    ],
)
def test_negated_threats_do_not_count_but_conditions_do(run, line, flagged):
    _, rows, _ = run(f"Agent: {line}\nCustomer: Okay.\n")
    statuses = {r["status"] for r in rows_of(rows, "prohibited_statements")}
    assert statuses == ({"fail"} if flagged else {"pass"})


@pytest.mark.parametrize(
    "line, flagged",
    [
        # explaining a statute-barred debt: "too old to" is no threat (coach read 12, finding 5)
        ("Statute-barred. It means it's too old to take you to court for.", False),
        ("it means it's too old to take you to court for", False),
        ("If you don't pay, we will take you to court.", True),
        ("We can take you to court for this.", True),
    ],
)
def test_a_debt_too_old_for_court_is_no_court_threat(run, line, flagged):
    _, rows, _ = run(f"Agent: {line}\nCustomer: Okay.\n", packs=("uk",))
    statuses = {r["status"] for r in rows_of(rows, "prohibited_pressure")}
    assert statuses == ({"fail"} if flagged else {"pass"})


def test_customer_saying_they_have_no_lawyer_is_no_objection(run):
    _, rows, _ = run("Agent: Can you make a payment today?\nCustomer: I don't have a lawyer.\nAgent: Can you pay today?\n")
    assert rows_of(rows, "pressure_after_objection")[0]["status"] == "not_applicable"


# --------------------------------------------------------------------------- packs


def test_shipped_packs_and_combination(run):
    assert shipped_packs() == ["uk", "us"]
    both = load_packs(["us", "uk"])
    assert both is load_packs(["us", "uk"])  # cached: matchers are built once per pack set
    assert set(both.checks()) == set(CHECKS) | {"disclosure_after_verification"}
    assert both.label.startswith("us@") and "+uk@" in both.label
    assert load_packs("us").checks() != load_packs("uk").checks()
    _, rows, columns = run("uk/third_party_disclosure.txt", ["us", "uk"])
    (row,) = rows_of(rows, "verification_before_disclosure")
    assert "FDCPA 805(b)" in row["rule"] and "CONC 7.9.10R" in row["rule"]
    assert "us.verify.debt_detail" in row["entry"] and "uk.verify.debt_detail" in row["entry"]
    assert columns["disclosure_given"] is False and columns["vulnerability_disclosed"] is False


def test_matcher_is_built_once_per_vocab_and_reused(fast_nlp):
    packs = load_packs(["us"])
    assert packs.matcher(fast_nlp.vocab) is packs.matcher(fast_nlp.vocab)


def test_user_pack_adds_and_switches_off_entries(run, tmp_path, fast_nlp):
    house = tmp_path / "house.yml"
    house.write_text(
        "pack: house\nversion: '1'\nentries:\n"
        "  - id: us.prohibited.profanity\n    enabled: false\n"
        "  - id: house.prohibited.legal_letter\n    check: prohibited_statements\n    signal: unintended_threat\n"
        "    rule: 'House rule 4.2'\n    phrases: ['final legal letter']\n",
        encoding="utf-8",
    )
    packs = load_packs(["us", str(house)])
    assert "us.prohibited.profanity" not in packs.entries and packs.label.endswith("+house@1")
    result = tonecheck.score(str(EXAMPLES / "us" / "threats.txt"), nlp=fast_nlp)
    rows, _ = run_checks(result, packs)
    assert not [r for r in rows if r["signal"] == "profanity"]
    result = tonecheck.score("Agent: This is your final legal letter call.\nCustomer: Oh.\n", nlp=fast_nlp)
    rows, _ = run_checks(result, packs)
    found = [(r["text"], r["rule"]) for r in rows_of(rows, "prohibited_statements") if r["status"] == "fail"]
    assert found == [("final legal letter", "House rule 4.2")]


def _pack(tmp_path, entry: str, name: str = "bad.yml") -> str:
    path = tmp_path / name
    path.write_text("pack: bad\nversion: '1'\nentries:\n" + entry, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "entry, entry_id, problem",
    [
        (
            "  - id: x.one\n    check: prohibited_statements\n    signal: crime\n    rule: R\n    phrases: [a b]\n"
            "    weight: 2\n",
            "x.one",
            "unknown key(s) ['weight']",
        ),
        (
            "  - id: x.two\n    check: prohibited_statements\n    signal: crime\n    phrases: [you thief]\n",
            "x.two",
            "needs a 'rule'",
        ),
        (
            "  - id: x.three\n    check: prohibited_statements\n    signal: crime\n    rule: R\n"
            "    pattern: [{OP: '*', LOWER: thief}]\n",
            "x.three",
            "first token of a pattern must not be optional",
        ),
        (
            "  - id: x.four\n    check: prohibited_statements\n    signal: crime\n    rule: R\n"
            "    pattern: [{LOWR: thief}]\n",
            "x.four",
            "invalid spaCy token pattern",
        ),
        (
            "  - id: x.five\n    check: prohibited_statements\n    signal: health\n    rule: R\n    phrases: [ill]\n",
            "x.five",
            "'signal' of a prohibited_statements entry must be one of",
        ),
        (
            "  - id: x.six\n    check: tone\n    signal: crime\n    rule: R\n    phrases: [ill]\n",
            "x.six",
            "'check' must be one of",
        ),
        (
            "  - id: x.seven\n    check: disclosure_given\n    signal: mini_miranda\n    rule: R\n"
            "    fuzzy: [debt collector]\n",
            "x.seven",
            "too short",
        ),
        (
            "  - id: x.eight\n    check: prohibited_statements\n    signal: crime\n    rule: R\n"
            "    phrases: [thief]\n    threshold: 0.9\n",
            "x.eight",
            "'threshold' is only for 'fuzzy' entries",
        ),
    ],
)
def test_pack_validation_errors_name_file_entry_and_problem(tmp_path, entry, entry_id, problem):
    path = _pack(tmp_path, entry)
    with pytest.raises(LexiconError) as info:
        load_packs([path])
    err = info.value
    assert err.file == path and err.entry == entry_id and problem in err.problem
    assert str(err).startswith(f"{path}: entry {entry_id}: ")
    with pytest.raises(LexiconError):
        check_pack_file(path)


def test_pack_file_level_errors(tmp_path):
    path = tmp_path / "top.yml"
    path.write_text("pack: top\nrules: []\nentries: []\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"unknown top-level key\(s\) \['rules'\]") as info:
        load_packs([str(path)])
    assert info.value.file == str(path) and info.value.entry is None
    with pytest.raises(LexiconError, match="unknown rule pack 'fr'; shipped packs: uk, us"):
        load_packs(["fr"])
    with pytest.raises(LexiconError, match="not found"):
        load_packs([str(tmp_path / "missing.yml")])


def test_shipped_packs_validate_and_every_entry_cites_a_rule():
    for name in shipped_packs():
        summary = check_pack_file(Path(tonecheck.__file__).parent / "lexicons" / "packs" / f"{name}.yml")
        assert summary["entries"] > 10 and summary["disabled"] == 0
    for entry in load_packs(["us", "uk"]).entries.values():
        assert entry.rule.strip() and entry.source.startswith("lexicons/packs/")


# --------------------------------------------------------------------------- integration with scoring and frames


def test_score_many_with_packs_fills_report_checks_and_call_columns(fast_nlp):
    report = tonecheck.score_many([EXAMPLES / "us"], nlp=fast_nlp, packs=["us"])
    checks = report.checks
    assert list(checks.columns[: len(CHECK_COLUMNS)]) == list(CHECK_COLUMNS)
    assert "checks" in report.tables()
    calls = report.calls.set_index("call_id")
    assert calls.loc["no_disclosure", "disclosure_given"] == False  # noqa: E712 (numpy bool)
    assert calls.loc["details_before_verification", "verification_before_disclosure"] == False  # noqa: E712
    assert calls.loc["threats", "prohibited_pressure_count"] == 5
    fails = checks[checks.status == "fail"]
    assert set(fails.call_id) == {
        "no_disclosure", "no_identification", "threats", "details_before_verification", "dispute_pressured"
    }


def test_pack_runs_take_repeated_turns_from_the_turn_cache(fast_nlp, monkeypatch):
    # every example call twice (as in a re-scored folder, or scripted turns across calls): the second time
    # each turn comes from the cache, with its pack hits, and the check rows equal those of a run that
    # keeps and reads every Doc
    import tonecheck.checks as checks_module

    calls = sorted((EXAMPLES / "us").glob("*.txt")) + sorted((EXAMPLES / "uk").glob("*.txt"))
    found = []
    real = checks_module.turn_hits
    monkeypatch.setattr(checks_module, "turn_hits", lambda *a: found.append(1) or real(*a))
    nlp = tonecheck.load("fast")  # a fresh turn cache
    cached = list(tonecheck.iter_results(calls + calls, nlp=nlp, packs=["us", "uk"]))
    turns = sum(len(r.transcript.turns) for r in cached)
    assert 0 < len(found) <= turns / 2  # each distinct turn's hits found once
    monkeypatch.setattr(checks_module, "turn_hits", real)
    kept = list(tonecheck.iter_results(calls + calls, nlp=fast_nlp, packs=["us", "uk"], keep_docs=True))
    assert [r.check_rows for r in cached] == [r.check_rows for r in kept]
    assert [r.scores for r in cached] == [r.scores for r in kept]
    assert sum(len(r.check_rows) for r in kept) > 4 * len(calls)


def test_without_packs_nothing_changes(fast_nlp):
    report = tonecheck.score_many([EXAMPLES / "us" / "threats.txt"], nlp=fast_nlp)
    assert report.checks.empty and list(report.checks.columns) == list(CHECK_COLUMNS)
    assert "disclosure_given" not in report.calls.columns
    result = tonecheck.score(str(EXAMPLES / "us" / "threats.txt"), nlp=fast_nlp)
    assert result.check_rows == [] and "disclosure_given" not in result.scores


def test_score_with_packs_and_a_bad_pack_fails_before_reading(fast_nlp, tmp_path):
    result = tonecheck.score(str(EXAMPLES / "us" / "threats.txt"), nlp=fast_nlp, packs=["us"])
    assert result.scores["prohibited_pressure_count"] == 5 and len(result.checks) == len(result.check_rows)
    with pytest.raises(LexiconError, match="unknown rule pack"):
        next(tonecheck.iter_results([str(tmp_path / "nothing-here.txt")], nlp=fast_nlp, packs=["xx"]))


def test_support_step_after_the_window_is_met_late(fast_nlp):
    call = (
        "Agent: Hi, it's Sarah from Northway Finance.\n"
        "Customer: I've been in hospital since March.\n"
        "Agent: I'm so sorry to hear that.\n"
        "Customer: Thanks.\n"
        "Agent: Let's look at your income.\n"
        "Customer: Okay.\n"
        "Agent: I can put a hold on the account for 30 days.\n"
    )
    result = tonecheck.score(call, nlp=fast_nlp)
    rows, columns = run_checks(result, load_packs(["uk"]), support_window=2)
    (row,) = rows_of(rows, "vulnerability_response")
    assert row["status"] == "fail" and row["agent_turns"] == 3 and "met late" in row["detail"]
    assert row["related_text"] == "put a hold on" and columns["turns_to_acknowledge"] == 3
    rows, columns = run_checks(result, load_packs(["uk"]))  # default window: 5 agent turns
    assert rows_of(rows, "vulnerability_response")[0]["status"] == "pass"
    assert columns["vulnerability_acknowledged"] is True


# --------------------------------------------------------------------------- us 2026.11.1, uk 2026.11.1 (coach's session 11)

from conftest import both_forms  # noqa: E402


def _objection_status(run, customer_line, agent_after="Can we get that first payment set up today?"):
    call = f"Agent: I'm calling about your store card account.\nCustomer: {customer_line}\nAgent: {agent_after}\nCustomer: Okay.\n"
    _, rows, _ = run(call)
    return [(r["status"], r["related_text"] or r["text"]) for r in rows_of(rows, "pressure_after_objection")]


#: a dispute or an identity-theft claim (call_h T10, T17, T36, T38, T55; finding 8): pressure after it fails
US_DISPUTES = [
    "That's literally identity theft.",
    "And identity theft? Isn't there a process for that?",
    "Isn't there something she can do if she didn't open the accounts? Like a dispute?",
    "Can you stop her file while she does the dispute?",
    "Well, they're in my name, but my ex opened them.",
    "My ex opened them in my name.",
    "Someone opened a card in my name.",
    "I never opened this account.",
    "I didn't sign up for any of these cards.",
    "It was opened without my consent.",
    "How do I dispute it?",
    "I want you to validate the debt first.",
]


@pytest.mark.parametrize("line", both_forms(US_DISPUTES))
def test_us_dispute_and_identity_theft_then_pressure_fails(run, line):
    statuses = _objection_status(run, line)
    assert statuses and statuses[0][0] == "fail", statuses


def test_us_a_typed_i_didnt_open_these_is_a_dispute(run):
    # needs its full stop: without it ("i didn't open these well ...") "these" may be letters as well as accounts
    assert _objection_status(run, "I didn't open these.")[0][0] == "fail"


US_NOT_DISPUTES = [
    "I opened them both myself, I just forgot about them.",
    "I didn't open the letter, I was scared to.",
    "I didn't open them, I was scared.",
    "My sister opened the letter for me.",
    "It's in my name but my husband pays it.",
    "I don't want to file a dispute, I owe it.",
    "Is this a scam call?",
    "It's not identity theft, I just forgot.",
    "I didn't open the email you sent.",
    "I never opened your letters, sorry.",
    "My husband opened the account with me, it's joint, we're fine.",
    "He made me laugh, to be fair.",
]


@pytest.mark.parametrize("line", both_forms(US_NOT_DISPUTES))
def test_us_look_alikes_of_a_dispute_are_no_objection(run, line):
    assert _objection_status(run, line)[0][0] == "not_applicable"


#: the offer's deadline and the fear of missing it as collection pressure (call_h T20, T28, T35, T50, T58)
US_PRESSURE = [
    "I just want to make sure you understand this offer expires at 5pm today.",
    "Again, the settlement offer is good until 5pm Eastern if you change your mind.",
    "Honestly, the settlement is the better deal here, and I'd hate for you to miss out on it.",
    "Would you be able to do a post-dated payment?",
    "So can we go ahead and get that first payment set up today?",
]


@pytest.mark.parametrize("line", both_forms(US_PRESSURE))
def test_us_offer_deadlines_after_a_dispute_are_pressure(run, line):
    statuses = _objection_status(run, "I dispute this.", agent_after=line)
    assert statuses[0][0] == "fail", statuses


US_NOT_PRESSURE = [
    "Once the dispute is received in writing, collection activity will be paused.",
    "We do have a hardship program, yes.",
    "The offer doesn't expire, so there's no rush.",
    "I'll note the mailing address.",
]


@pytest.mark.parametrize("line", both_forms(US_NOT_PRESSURE))
def test_us_process_talk_after_a_dispute_is_no_pressure(run, line):
    assert _objection_status(run, "I dispute this.", agent_after=line)[0][0] == "pass"


def _vulnerability(run, customer_line, agent_after="I'm so sorry to hear that. I can put a hold on the account."):
    call = f"Agent: What's coming in at the moment, each month?\nCustomer: {customer_line}\nAgent: {agent_after}\nCustomer: Okay.\n"
    _, rows, _ = run(call, ["uk"])
    return rows_of(rows, "vulnerability_response")


#: long-term illness (call_g T9; finding 13) and economic abuse start the UK vulnerability check
UK_DISCLOSURES = [
    ("Long Covid, the doctor's calling it.", "health"),
    ("I've had long Covid since January.", "health"),
    ("Some days I can't get up the stairs without sitting down halfway.", "health"),
    ("I've been signed off work for three months.", "health"),
    ("He controlled all the money.", "life_event"),
    ("He made me sign things when I didn't want to.", "life_event"),
    ("I didn't have access to my own bank account.", "life_event"),
    ("My benefits were stopped last month.", "resilience"),
    ("I've gone through all my savings.", "resilience"),
]


@pytest.mark.parametrize("line, driver", [(f, d) for t, d in UK_DISCLOSURES for f in both_forms([t])])
def test_uk_long_illness_economic_abuse_and_benefit_trouble_need_a_response(run, line, driver):
    rows = _vulnerability(run, line)
    assert rows[0]["status"] == "pass" and driver.replace("_", " ") in rows[0]["detail"], rows


@pytest.mark.parametrize("line", both_forms([
    "Jodie's wages, Child Benefit. And I applied for Universal Credit in March, that's about six hundred.",
    "I'm on universal credit at the moment, it's about 900 a month.",
    "I'm on benefits, and my partner works part time.",
]))
def test_uk_a_benefit_named_as_income_starts_no_vulnerability_check(run, line):
    assert _vulnerability(run, line)[0]["status"] == "not_applicable"


#: an affordability-based arrangement or a forbearance option is a support step (finding 13)
UK_STEPS = [
    "I'm so sorry. Let's work out together what's realistic for you right now.",
    "I'm so sorry. One option is an arrangement, where you pay what you can afford for a while.",
    "I'm so sorry. Another is switching to interest-only for six months.",
    "I'm so sorry. We could extend the term, which lowers the monthly payment.",
    "I'm so sorry. We can look at a reduced payment for a few months.",
]


@pytest.mark.parametrize("line", both_forms(UK_STEPS))
def test_uk_affordability_and_forbearance_are_support_steps(run, line):
    rows = _vulnerability(run, "I've been in hospital since March.", agent_after=line)
    assert rows[0]["status"] == "pass", rows


@pytest.mark.parametrize("line", both_forms([
    "I'm so sorry. We can't offer a reduced payment, I'm afraid.",
    "I'm so sorry. Can you pay the full balance today?",
    "I'm so sorry. The interest is charged monthly.",
]))
def test_uk_no_step_in_a_refusal_or_a_payment_ask(run, line):
    rows = _vulnerability(run, "I've been in hospital since March.", agent_after=line)
    assert rows[0]["status"] == "fail", rows


# --------------------------------------------------------------------------- us 2026.11.2, uk 2026.11.2 (coach's session 12)

#: a power of attorney, a guardian, the customer said to be unable to agree, a plea to stop (call_j T23, T29, T35, T48,
#: T67; finding 8, P1a): pressure after it fails
US_CAPACITY_AND_STOP = [
    ("I have power of attorney for my mom. Financial power of attorney, since July.", "capacity"),
    ("I'm her daughter and I've got her POA.", "capacity"),
    ("Brandon, she has dementia. She can't agree to a payment.", "capacity"),
    ("She shouldn't be agreeing to anything over the phone.", "capacity"),
    ("I'm her guardian, you need to deal with me.", "capacity"),
    ("He doesn't have the capacity to agree to this.", "capacity"),
    ("Please stop, she doesn't understand what you're asking.", "cease_contact"),
    ("Brandon, she's scared now. Please stop.", "cease_contact"),
    ("Don't call her. Call me.", "cease_contact"),
    ("Leave her alone.", "cease_contact"),
]


@pytest.mark.parametrize("line, signal", [(f, s) for t, s in US_CAPACITY_AND_STOP for f in both_forms([t])])
def test_us_capacity_and_a_plea_to_stop_then_pressure_fails(run, line, signal):
    call = f"Agent: I'm calling about the personal loan.\nCustomer: {line}\nAgent: Can we get that first payment set up today?\nCustomer: No.\n"
    _, rows, _ = run(call)
    fails = [r for r in rows_of(rows, "pressure_after_objection") if r["status"] == "fail"]
    assert fails, rows_of(rows, "pressure_after_objection")
    # the objection is named as what it is: a power of attorney is no lawyer
    assert signal.replace("cease_contact", "stop being contacted").replace("capacity", "cannot agree") in fails[0]["detail"]
    assert "have an attorney" not in fails[0]["detail"]


#: P1b and our own: no objection
US_NOT_CAPACITY_OR_STOP = [
    "I don't have power of attorney, I'm just her neighbor.",
    "My mom has power of attorney for my grandpa, not me.",
    "She can agree to it, she's fine, she just doesn't hear well.",
    "Don't call her cell, call the home number.",
    "Please stop by the branch if it's easier.",
    "I can't agree to two hundred a month.",
    "Don't call her at work, she's not allowed calls there.",
    "Please stop at the branch and pick up the form.",
]


@pytest.mark.parametrize("line", both_forms(US_NOT_CAPACITY_OR_STOP))
def test_us_look_alikes_of_capacity_and_stop_are_no_objection(run, line):
    assert _objection_status(run, line)[0][0] == "not_applicable"


#: US instalment-loan asks after an objection (call_j T32, T44, T49, T55)
US_LOAN_PRESSURE = [
    "Ma'am, the loan is past due, and I need to get a promise to pay set up today.",
    "So can we get a promise to pay on file for the twenty-fifth?",
    "Can she do the full past-due amount by the twenty-fifth, yes or no?",
    "Is she able to make a partial payment?",
    "Are you able to bring the account current?",
]


@pytest.mark.parametrize("line", both_forms(US_LOAN_PRESSURE))
def test_us_loan_payment_asks_after_a_power_of_attorney_are_pressure(run, line):
    statuses = _objection_status(run, "I have power of attorney for my mom.", agent_after=line)
    assert statuses[0][0] == "fail", statuses


def _uk_objection(run, customer_line, agent_after):
    call = (f"Agent: I'm calling about your old Meridian credit card account.\nCustomer: {customer_line}\n"
            f"Agent: {agent_after}\nCustomer: Okay.\n")
    _, rows, _ = run(call, ["uk"])
    return rows_of(rows, "pressure_after_objection")


#: the customer disputes the debt or says it is statute-barred (call_i T21, T35, T41; finding 9)
UK_DISPUTES = [
    "Look, the last time I used that card was 2016. It's over six years old. You can't chase it.",
    "That debt is statute-barred.",
    "I never owed Meridian anywhere near that.",
    "I dispute the balance.",
    "That's not my debt.",
    "I want a CCA request, prove I owe it.",
    "I never had a card with them.",
    "I didn't make that payment in 2019.",
]


@pytest.mark.parametrize("line", both_forms(UK_DISPUTES))
def test_uk_pressure_after_a_dispute_or_statute_barred_fails(run, line):
    rows = _uk_objection(run, line, "I understand, but can we at least get a token payment today?")
    assert rows[0]["status"] == "fail" and "disputed the debt" in rows[0]["detail"], rows


#: what a good agent does after it (call_i T26, T30, T38, T42): put it on hold, send the agreement, log the dispute
UK_DISPUTE_HANDLED = [
    "I'm not asking you for any money today. I can send you a copy of the original credit agreement.",
    "I'll put the account on hold for thirty days while we check.",
    "I'll put a note that you dispute the 2019 payment, and we'll send you the proof we've got of it.",
    "We'd check the date of the last payment, and if it's over six years, we'd tell you in writing and close it.",
]


@pytest.mark.parametrize("line", both_forms(UK_DISPUTE_HANDLED))
def test_uk_a_dispute_put_on_hold_passes(run, line):
    rows = _uk_objection(run, "It's over six years old. You can't chase it.", line)
    assert [r["status"] for r in rows] == ["pass"], rows


#: no dispute: "I've never heard of you" is what customers say to any debt purchaser's name; a denial; the agent's word
@pytest.mark.parametrize("line", both_forms([
    "Yeah, who wants to know? I've never heard of you.",
    "I'm not disputing it, I just can't pay it all at once.",
    "I've lived here six years.",
    "It's not statute-barred, I paid them in 2020.",
]))
def test_uk_look_alikes_of_a_dispute_are_no_objection(run, line):
    rows = _uk_objection(run, line, "Can we at least get a token payment today?")
    assert [r["status"] for r in rows] == ["not_applicable"], rows


def test_uk_the_agent_explaining_statute_barred_is_no_objection(run):
    call = ("Agent: It may be what's called statute-barred, if it's over six years old.\nCustomer: Right.\n"
            "Agent: Can we at least get a token payment today?\nCustomer: No.\n")
    _, rows, _ = run(call, ["uk"])
    assert [r["status"] for r in rows_of(rows, "pressure_after_objection")] == ["not_applicable"]


# --------------------------------------------------------------------------- us 2026.11.3, uk 2026.11.3 (coach's session 13)

def _identification(run, first_turn):
    call = (f"Agent: {first_turn}\nCustomer: Hi.\nAgent: This is an attempt to collect a debt and any information "
            "obtained will be used for that purpose.\nCustomer: Okay.\n")
    _, rows, _ = run(call)
    return rows_of(rows, "caller_identification")[0]


#: inbound greetings that name the agent and the company (call_l T0; finding 17, P1a). Typed: the capitals tell a name
#: and a company from "this is important" (speech-to-text has them only in the forms of INBOUND_GREETINGS_ASR)
INBOUND_GREETINGS = [
    "Thank you for calling Meridian Student Loan Services, this is Travis.",
    "Thanks for calling Meridian Student Loan Services, this is Travis speaking.",
    "Meridian Student Loan Services, you're speaking with Travis.",
    "Meridian Student Loan Services, Travis speaking, how can I help?",
    "Thank you for calling Meridian Student Loan Services, my name is Travis.",
    "Good morning, Meridian Student Loan Services, this is Travis, how can I help you today?",
]
INBOUND_GREETINGS_ASR = [
    "thanks for calling meridian student loan services this is travis speaking",
    "thank you for calling meridian student loan services my name is travis",
    "good morning meridian student loan services you're speaking with travis",
]


@pytest.mark.parametrize("line", INBOUND_GREETINGS + INBOUND_GREETINGS_ASR)
def test_us_an_inbound_greeting_identifies_the_caller(run, line):
    row = _identification(run, line)
    assert row["status"] == "pass", row


#: P1b and our own: no name, no company, or the company "found" in "with capitalized interest and collection costs"
@pytest.mark.parametrize("line", both_forms([
    "Thank you for calling Meridian Student Loan Services, how can I help?",
    "Thank you for calling, this is Travis.",
    "Thank you for calling Meridian Student Loan Services, this is the collections department.",
    "Meridian Student Loan Services, this is regarding your loan.",
    "Thanks for calling, John. This is serious.",
    "My name is Travis. Your balance is with capitalized interest and collection costs.",
    "Generally speaking, we can help. This is the collections department.",
]))
def test_us_look_alikes_of_an_inbound_greeting_fail(run, line):
    assert _identification(run, line)["status"] == "fail"


def test_us_capitalized_interest_and_collection_costs_is_no_company(run):
    row = _identification(run, "My name is Travis. That's with capitalized interest and collection costs.")
    assert row["status"] == "fail" and "company" in row["detail"], row


#: a hearing, an objection to the garnishment or a hardship review asked for (call_l T31, T33; finding 18, P2a)
US_HEARING_REQUESTS = [
    "Can I request a hearing, even if it's late?",
    "I want to object to the garnishment.",
    "I want to request a hearing on the garnishment.",
    "I'm asking for a financial hardship review.",
    "My friend said there's something called financial hardship, where you can object to the garnishment.",
]


@pytest.mark.parametrize("line", both_forms(US_HEARING_REQUESTS))
def test_us_pressure_after_a_hearing_request_fails(run, line):
    statuses = _objection_status(run, line, agent_after="Okay. Can you make a payment today?")
    assert statuses and statuses[0][0] == "fail", statuses


@pytest.mark.parametrize("line", both_forms([
    "Is the hearing on the fifteenth?",
    "I don't object, go ahead and set it up.",
    "I heard you fine, thanks.",
    "I don't want a hearing.",
    "What's the hearing about?",
    "Is there a hardship option?",
]))
def test_us_look_alikes_of_a_hearing_request_are_no_objection(run, line):
    assert _objection_status(run, line)[0][0] == "not_applicable"


#: gambling and suicide cues start the UK vulnerability check (call_k T19, T23; findings 1 and 2, P3a). The typed
#: "What's the point." needs its full stop (speech-to-text is left to hardship.suicide_risk_possible)
UK_GAMBLING_AND_SAFETY_CUES = [
    "It all went on the betting apps. I can't stop.",
    "Most of my wages go on bets.",
    "I spent it all on the bookies.",
    "I keep chasing my losses.",
    "I've been thinking about ending my life.",
]


@pytest.mark.parametrize("line", both_forms(UK_GAMBLING_AND_SAFETY_CUES) + ["Yeah, well. What's the point."])
def test_uk_gambling_and_safety_cues_start_the_vulnerability_check(run, line):
    rows = _vulnerability(run, line, agent_after="Okay. Can you pay the balance today?")
    assert rows[0]["status"] == "fail" and "health" in rows[0]["detail"], rows


@pytest.mark.parametrize("line", both_forms([
    "I bet you get loads of calls like this.",
    "I can't stop at the moment, I'm driving.",
    "I spent the afternoon at the bookies with my dad.",
    "What's the point of the letter?",
    "What's the point? I'll just pay it in full on Friday.",
    "I had a bet on the football at the weekend.",
]))
def test_uk_look_alikes_of_gambling_and_safety_cues_start_no_check(run, line):
    assert _vulnerability(run, line)[0]["status"] == "not_applicable"


#: the agent's direct safety question and gambling support are support steps (call_k T24, T30; finding 4)
UK_SAFETY_STEPS = [
    "Thank you for telling me. When you say what's the point, are you having any thoughts of ending your life, or of hurting yourself?",
    "Thank you for telling me. Are you having thoughts of suicide?",
    "Thank you for telling me. Are you thinking about harming yourself?",
    "Thank you for telling me. Are you safe right now?",
    "Thank you for telling me. There's a free National Gambling Helpline, run by GamCare.",
]


@pytest.mark.parametrize("line", both_forms(UK_SAFETY_STEPS))
def test_uk_a_direct_safety_question_answers_a_safety_cue(run, line):
    rows = _vulnerability(run, "Yeah, well. What's the point.", agent_after=line)
    assert rows[0]["status"] == "pass", rows


@pytest.mark.parametrize("line", both_forms([
    "Thank you for telling me. Are you thinking about paying it in full?",
    "Thank you for telling me. Are you safe to talk, or shall I call back?",
    "Thank you for telling me. Are you having any trouble with the app?",
]))
def test_uk_look_alikes_of_a_safety_question_are_no_step(run, line):
    rows = _vulnerability(run, "Yeah, well. What's the point.", agent_after=line)
    assert rows[0]["status"] == "fail", rows
