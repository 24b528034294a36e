"""`parity fuzz` and `parity shrink` end to end, on a small kernel with planted bugs
(tests/adapters/fuzz_kernels.py): the real worker pool, the real CLI, the findings replayed and gated."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.fuzz_cli import fuzz, people_corpus, shrink, write_corpus
from tests.replay_cli import REPO, SEEDED_ADAPTERS, replay, run_parity

#: Bounds that keep each search to seconds here; every planted bug below is found well within them.
SEARCH = ("--runs", "4000", "--time", "120s", "--jobs", "2")


def test_a_casefold_bug_is_found_shrunk_and_kept_as_a_failing_corpus(tmp_path: Path) -> None:
    corpus = people_corpus(tmp_path / "people")
    # The bundled inputs show nothing: replaying them with the planted port passes.
    assert replay(corpus, tmp_path / "replay", "--candidate", "fuzz_kernels:lower_bug").returncode == 0

    result = fuzz(corpus, tmp_path / "fuzz", "--candidate", "fuzz_kernels:lower_bug", "--seed", "3",
                  "--max-findings", "1", *SEARCH)
    assert result.returncode == 1, result.stdout + result.stderr
    [finding] = result.findings
    assert finding["key"] == "value at /*/key" and finding["reproduced"] and finding["shrunk"]
    assert finding["bytes"] <= 60 < finding["original_bytes"], finding["input_text"]
    shrunk = json.loads(finding["input_text"])
    [record] = shrunk["records"]
    assert record["name"].lower() != record["name"].casefold()  # the trap itself is what is left
    assert result.report["stopped_by"] == "findings" and result.report["runs"] == finding["found_at_run"]

    bundle = result.out / finding["bundle"]
    assert {"request.jsonl", "reference.json", "candidate.json", "diff.json", "README.txt", "bundle.json",
            "original.jsonl", "case.json", f"test_{finding['id'].replace('-', '_')}.py"} <= {
        path.name for path in bundle.iterdir()}
    case = json.loads((bundle / "case.json").read_text(encoding="utf-8"))
    assert case["input"] == shrunk and case["divergence"]["key"] == "value at /*/key"
    assert case["reference"]["output"][0]["key"] == record["name"].casefold()

    # The pytest case fails while the bug is there.
    test_file = next(bundle.glob("test_*.py"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SEEDED_ADAPTERS), str(REPO / "python"),
                                                        os.environ.get("PYTHONPATH", "")])}
    pytest_run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)],
                                capture_output=True, text=True, env=env, check=False, cwd=bundle)
    assert pytest_run.returncode == 1 and "1 failed" in pytest_run.stdout, pytest_run.stdout + pytest_run.stderr

    # The findings corpus fails the gate with the buggy port and passes once it is fixed.
    findings = result.out / "findings"
    manifest = json.loads((findings / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["count"] == 1 and manifest["synthetic"]["tool"] == "parity fuzz"
    policy = REPO / "ci" / "gate-policy-findings.json"
    buggy = replay(findings, tmp_path / "buggy")
    assert buggy.returncode == 1 and buggy.summary["mismatched"] == 1
    assert run_parity("gate", buggy.out, "--policy", policy).returncode == 1
    fixed = replay(findings, tmp_path / "fixed", "--candidate", "fuzz_kernels:reference")
    assert fixed.returncode == 0, fixed.stdout
    assert run_parity("gate", fixed.out, "--policy", policy).returncode == 0


def test_the_same_seed_makes_the_same_search(tmp_path: Path) -> None:
    corpus = people_corpus(tmp_path / "people")
    runs = [fuzz(corpus, tmp_path / f"run{i}", "--candidate", "fuzz_kernels:adult_bug", "--seed", "11",
                 "--no-shrink", "--runs", "600", "--time", "120s", "--jobs", "2") for i in range(2)]
    first, second = (run.report for run in runs)
    assert first["runs"] == second["runs"] == 600
    assert first["mutations"] == second["mutations"]
    assert [(f["key"], f["found_at_run"], f["input_text"], f["mutations"]) for f in first["findings"]] == [
        (f["key"], f["found_at_run"], f["input_text"], f["mutations"]) for f in second["findings"]]
    other = fuzz(corpus, tmp_path / "other", "--candidate", "fuzz_kernels:adult_bug", "--seed", "12",
                 "--no-shrink", "--runs", "600", "--time", "120s", "--jobs", "2").report
    assert other["mutations"] != first["mutations"]


def test_an_off_by_one_at_a_threshold_is_found_from_the_numbers_the_corpus_holds(tmp_path: Path) -> None:
    corpus = people_corpus(tmp_path / "people")
    assert replay(corpus, tmp_path / "replay", "--candidate", "fuzz_kernels:adult_bug").returncode == 0
    result = fuzz(corpus, tmp_path / "fuzz", "--candidate", "fuzz_kernels:adult_bug", "--seed", "1",
                  "--max-findings", "1", *SEARCH)
    assert result.returncode == 1, result.stderr
    [finding] = result.findings
    assert finding["key"] == "value at /*/adult"
    assert json.loads(finding["input_text"]) == {"records": [{"name": "", "age": 18}]}


def test_a_crashing_port_is_a_finding_and_the_search_goes_on(tmp_path: Path) -> None:
    corpus = people_corpus(tmp_path / "people")
    result = fuzz(corpus, tmp_path / "fuzz", "--candidate", "fuzz_kernels:abort_bug", "--seed", "2",
                  "--max-findings", "1", *SEARCH)
    assert result.returncode == 1, result.stderr
    [finding] = result.findings
    assert finding["key"] == "crash of candidate" and finding["path"] == "candidate"
    [record] = json.loads(finding["input_text"])["records"]
    assert record["age"] >= 2**31 and record["name"] == ""
    assert json.loads((result.out / finding["bundle"] / "candidate.json").read_text())["crash"].startswith(
        "killed by SIGABRT")


def test_inputs_outside_the_kernels_domain_are_not_findings(tmp_path: Path) -> None:
    people = people_corpus(tmp_path / "people")
    # The same TypeError on both paths is agreement: a wrong-typed age is no finding without a domain()...
    agreeing = fuzz(people, tmp_path / "agree", "--runs", "400", "--time", "60s", "--jobs", "2")
    assert agreeing.returncode == 0 and agreeing.findings == [], agreeing.stderr
    # ... another message is one, unless the kernel declares such inputs outside its domain.
    differing = fuzz(people, tmp_path / "differ", "--candidate", "fuzz_kernels:message_bug", "--max-findings", "1",
                     *SEARCH)
    assert [f["key"] for f in differing.findings] == ["error_message at /message"]
    excluded = fuzz(people, tmp_path / "excluded", "--reference", "fuzz_kernels:reference_with_domain",
                    "--candidate", "fuzz_kernels:message_bug", "--runs", "1500", "--time", "120s", "--jobs", "2")
    report = excluded.report
    assert excluded.returncode == 0 and report["findings"] == [], report["findings"]
    assert report["out_of_domain"] > 0
    assert report["out_of_domain_reasons"] == {
        "ages are ints: the service validates them before the kernel": report["out_of_domain"]}
    assert report["mutations"]["value.wrong_type"]["out_of_domain"] > 0


def test_shrink_a_corpus_request_or_a_bundle(tmp_path: Path) -> None:
    names = ["Anna Smith", "Bob Jones", "Straße Nord", "Carla Diaz"]
    corpus = write_corpus(tmp_path / "mixed", [
        {"records": [{"name": name, "age": 40 + k} for k, name in enumerate(names)], "note": "x" * 200},
        {"records": [{"name": "Anna", "age": 3}]}])
    result = shrink(corpus, tmp_path / "shrunk", "--id", "req-0", "--candidate", "fuzz_kernels:lower_bug")
    assert result.returncode == 1, result.stdout + result.stderr
    summary = json.loads((result.out / "shrink.json").read_text(encoding="utf-8"))
    assert summary["key"] == "value at /*/key"
    assert json.loads(summary["input_text"]) == {"records": [{"name": "ß", "age": 0}]}
    assert summary["bytes"] < 40 < 300 < summary["original_bytes"]

    again = shrink(result.out / summary["bundle"], tmp_path / "again")
    assert again.returncode == 1, again.stderr  # bundle.json names the corpus, adapters and divergence
    assert json.loads((again.out / "shrink.json").read_text())["input_text"] == summary["input_text"]

    # A replay's bundle names its corpus and adapters too.
    replayed = replay(corpus, tmp_path / "replayed", "--candidate", "fuzz_kernels:lower_bug")
    assert replayed.returncode == 1
    from_replay = shrink(replayed.out / "repro" / "req-0", tmp_path / "from-replay")
    assert from_replay.returncode == 1, from_replay.stderr
    assert json.loads((from_replay.out / "shrink.json").read_text())["input_text"] == summary["input_text"]

    agrees = shrink(corpus, tmp_path / "agrees", "--id", "req-1", "--candidate", "fuzz_kernels:lower_bug")
    assert agrees.returncode == 0 and "agree" in agrees.stdout


def test_bad_input_is_refused_with_where_it_is(tmp_path: Path) -> None:
    corpus = people_corpus(tmp_path / "people")
    no_id = shrink(corpus, tmp_path / "a")
    assert no_id.returncode == 2 and "needs --id" in no_id.stderr
    unknown = shrink(corpus, tmp_path / "b", "--id", "nope")
    assert unknown.returncode == 2 and "no valid request with id 'nope'" in unknown.stderr
    (tmp_path / "empty").mkdir()
    neither = shrink(tmp_path / "empty", tmp_path / "c")
    assert neither.returncode == 2 and "neither a corpus" in neither.stderr
    broken = fuzz(corpus, tmp_path / "d", "--candidate", "fuzz_kernels:no_such_adapter", "--runs", "10")
    assert broken.returncode == 2 and "nothing can be compared" in broken.stderr and "no_such_adapter" in broken.stderr
    bad_time = run_parity("fuzz", corpus, "--time", "soon")
    assert bad_time.returncode == 2 and "--time" in bad_time.stderr
    nulls = fuzz(write_corpus(tmp_path / "nulls", [None, None]), tmp_path / "f", "--runs", "10")
    assert nulls.returncode == 2 and "no mutation applies" in nulls.stderr
    empty = write_corpus(tmp_path / "no-requests", [])
    nothing = fuzz(empty, tmp_path / "e", "--runs", "10")
    assert nothing.returncode == 2 and "no usable request" in nothing.stderr


def test_a_broken_fixture_is_said_not_silently_skipped(tmp_path: Path) -> None:
    corpus = people_corpus(tmp_path / "people")
    (corpus / "fixtures").mkdir()
    broken = "sha256-" + "0" * 64
    (corpus / "fixtures" / f"{broken}.json").write_text('{"kind": "x"}', encoding="utf-8")
    result = fuzz(corpus, tmp_path / "out", "--runs", "20", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    [problem] = result.report["fixture_problems"]
    assert problem.startswith(f"fixtures/{broken}.json: content hash is sha256-"), problem
    assert f"parity fuzz: warning: fixtures/{broken}.json" in result.stderr
