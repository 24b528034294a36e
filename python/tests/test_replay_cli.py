"""`parity replay` end to end: the built binary, real corpora, and candidates with seeded port bugs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from importer.adapters import reference
from parity.corpus import open_corpus
from replay_cli import CORPORA, Replay, replay, run_parity

SAMPLE = CORPORA / "imports-sample"
REFERENCE = "importer.adapters:reference"
#: Enough requests to meet every seeded bug, few enough to keep the suite quick.
LIMIT = "40"


def seeded(tmp_path: Path, bug: str, *args: str, corpus: Path = SAMPLE, env: dict[str, str] | None = None) -> Replay:
    return replay(corpus, tmp_path / bug, "--candidate", f"seeded_bugs:{bug}", "--limit", LIMIT,
                  "--noise-runs", "0", *args, env=env)


def kinds_at(result: Replay, pattern: str) -> set[str]:
    fields = result.fields()
    assert pattern in fields, f"no difference at {pattern}; fields: {sorted(fields)}\n{result.stdout}"
    return set(fields[pattern]["types"])


# ---- agreement -----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["imports-sample", "people-fake-1000", "chicago-childcare-sites"])
def test_native_matches_the_reference_on_every_bundled_corpus(tmp_path: Path, corpus: str) -> None:
    result = replay(CORPORA / corpus, tmp_path / "out", "--noise-runs", "0")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.summary
    assert summary["mismatched"] == 0 and summary["crashes"] == 0 and summary["timeouts"] == 0
    assert summary["compared"] == summary["requests"] > 100
    assert result.report["candidate"] == "importer.adapters:native"
    assert "parity: OK" in result.stdout
    assert result.report["corpus"]["complete"] is True, result.report["corpus"]["problems"]


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["imports-sample", "people-fake-1000"])
def test_reference_against_itself_finds_nothing_and_no_noise(tmp_path: Path, corpus: str) -> None:
    result = replay(CORPORA / corpus, tmp_path / "out", "--candidate", REFERENCE, "--noise-runs", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.summary["matched"] == result.summary["compared"] == result.summary["requests"]
    assert result.summary["nondeterministic_fields"] == 0
    assert not (tmp_path / "out" / "repro").exists()


def test_workers_run_the_builds_interpreter_or_embedded_python_with_the_same_outcomes(tmp_path: Path) -> None:
    executed = replay(SAMPLE, tmp_path / "executed", "--limit", "12", "--noise-runs", "0")
    embedded = replay(SAMPLE, tmp_path / "embedded", "--limit", "12", "--noise-runs", "0", "--python", "embedded")
    for result in (executed, embedded):
        assert result.returncode == 0, result.stdout + result.stderr
    assert executed.report["environment"]["workers_python"] == "/usr/bin/python3"
    assert embedded.report["environment"]["workers_python"] == "embedded"
    outcomes = [{line["id"]: line["outcome"] for line in result.results()} for result in (executed, embedded)]
    assert outcomes[0] == outcomes[1] and len(outcomes[0]) == 12


def test_an_interpreter_that_cannot_run_is_named(tmp_path: Path) -> None:
    result = replay(SAMPLE, tmp_path / "out", "--limit", "2", "--python", str(tmp_path / "no-python"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"cannot run the Python interpreter {tmp_path / 'no-python'}: No such file" in result.stderr


def test_fields_that_differ_between_reference_runs_are_nondeterministic_not_mismatches(tmp_path: Path) -> None:
    args = ("--reference", "seeded_bugs:jittery_reference", "--candidate", "seeded_bugs:jittery_native",
            "--limit", "10")
    with_noise = replay(SAMPLE, tmp_path / "noise", *args, "--noise-runs", "1")
    assert with_noise.returncode == 0, with_noise.stdout
    assert with_noise.summary["mismatched"] == 0 and with_noise.summary["nondeterministic_fields"] == 1
    (field,) = with_noise.report["nondeterministic"]
    assert field["pattern"] == "/*/elapsed_us" and field["candidate_differences_not_counted"] > 0
    assert "/*/elapsed_us" in with_noise.stdout

    without = replay(SAMPLE, tmp_path / "plain", *args, "--noise-runs", "0")
    assert without.returncode == 1
    assert set(without.fields()) == {"/*/elapsed_us"}


# ---- seeded port bugs ----------------------------------------------------------------------------


def test_rounded_scores_are_float_values_at_the_score(tmp_path: Path) -> None:
    result = seeded(tmp_path, "rounded_score")
    assert result.returncode == 1
    assert kinds_at(result, "/*/score") == {"value"}
    assert "/*/field_scores/first_name" not in result.fields()


def test_swapped_results_are_an_order_difference_at_the_root(tmp_path: Path) -> None:
    result = seeded(tmp_path, "swapped_results")
    assert result.returncode == 1
    assert set(result.fields()) == {""}
    assert kinds_at(result, "") == {"order"}


def test_none_turned_into_empty_string_is_a_type_difference(tmp_path: Path) -> None:
    result = seeded(tmp_path, "none_to_empty")
    assert result.returncode == 1
    assert kinds_at(result, "/*/normalized/street") == {"type"}
    example = result.fields()["/*/normalized/street"]["examples"][0]
    assert example["reference"] is None and example["candidate"] == ""


def test_nfd_strings_are_found_and_named_under_a_unicode_rule(tmp_path: Path) -> None:
    strict = seeded(tmp_path, "nfd_strings", corpus=CORPORA / "imports-sample")
    assert strict.returncode == 1
    assert any("value" in field["types"] for field in strict.report["fields"])
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"rules": [{"path": "/*/normalized/*", "unicode": "NFC"}]}))
    named = seeded(tmp_path, "nfd_strings", "--rules", str(rules))
    assert named.returncode == 1  # still reported, never silently equal
    assert all(set(field["types"]) == {"unicode_normalization"} for field in named.report["fields"])


def test_a_dropped_row_is_one_length_and_one_missing_difference(tmp_path: Path) -> None:
    result = seeded(tmp_path, "dropped_row")
    assert result.returncode == 1
    assert set(result.fields()) == {"", "/*"}
    assert kinds_at(result, "") == {"array_length"}
    assert kinds_at(result, "/*") == {"missing"}
    example = result.fields()["/*"]["examples"][0]
    assert example["pointer"] == "/7"  # 15 rows per batch: the middle one


def test_an_extra_field_is_extra_at_its_path(tmp_path: Path) -> None:
    result = seeded(tmp_path, "extra_field")
    assert result.returncode == 1
    assert set(result.fields()) == {"/*/debug_rank"}
    assert kinds_at(result, "/*/debug_rank") == {"extra"}


def test_a_reworded_error_message_is_an_error_message_difference(tmp_path: Path, error_corpus: Path) -> None:
    result = replay(error_corpus, tmp_path / "out", "--candidate", "seeded_bugs:reworded_errors")
    assert result.returncode == 1
    assert kinds_at(result, "/message") == {"error_message"}
    assert result.summary["reference_errors"] == result.summary["candidate_errors"] == 2
    assert result.summary["mismatched"] == 2 and result.summary["matched"] == 3


def test_errors_raised_alike_by_both_paths_match(tmp_path: Path, error_corpus: Path) -> None:
    result = replay(error_corpus, tmp_path / "out")
    assert result.returncode == 0, result.stdout
    assert result.summary["reference_errors"] == 2 and result.summary["matched"] == 5
    # The recorded errors are what the reference raises again: no drift.
    assert result.summary["recorded_checked"] == 5 and result.summary["reference_drift"] == 0


def test_values_json_cannot_hold_are_tagged_and_compared_not_crashed_on(tmp_path: Path) -> None:
    same = replay(SAMPLE, tmp_path / "same", "--reference", "seeded_bugs:odd_values", "--candidate",
                  "seeded_bugs:odd_values", "--limit", "3", "--noise-runs", "0")
    # The two paths agree; the seeded reference is not what production ran, so it drifts (exit 1).
    assert same.summary["mismatched"] == 0 and same.summary["matched"] == 3, same.stdout + same.stderr
    assert same.summary["reference_drift"] == 3 and same.returncode == 1
    assert same.summary["conversion_notes"] > 0
    notes = same.results()[0]["conversion_notes"]
    assert {note["pointer"] for note in notes} >= {"/0/name", "/0/big", "/0/tags"}

    other = replay(SAMPLE, tmp_path / "other", "--reference", "seeded_bugs:odd_values", "--candidate",
                   "seeded_bugs:other_odd_values", "--limit", "3", "--noise-runs", "0")
    assert other.returncode == 1
    assert set(other.fields()) == {"/*/name/$str_with_surrogates"}


# ---- crashes, hangs, broken adapters ---------------------------------------------------------------


def trigger_of(corpus: Path, index: int) -> tuple[str, str]:
    """(request id, first row's external_ref) of the index-th request of a corpus."""
    with (corpus / "requests.jsonl").open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number == index:
                request = json.loads(line)
                return request["id"], request["input"]["rows"][0]["external_ref"]
    raise AssertionError("corpus too short")


def test_a_segfaulting_candidate_is_a_crash_of_that_request_and_the_replay_goes_on(tmp_path: Path) -> None:
    request_id, ref = trigger_of(SAMPLE, 5)
    result = seeded(tmp_path, "crash_on_trigger", "--jobs", "2", env={"PARITY_TEST_TRIGGER": ref})
    assert result.returncode == 1
    summary = result.summary
    assert summary["crashes"] == 1 and summary["matched"] == int(LIMIT) - 1
    (crash,) = [outcome for outcome in result.report["outcomes"] if outcome["outcome"] == "crash"]
    assert crash["request_id"] == request_id and crash["path"] == "candidate"
    assert "SIGSEGV" in crash["detail"]
    assert (tmp_path / "crash_on_trigger" / crash["repro"] / "request.jsonl").is_file()
    assert request_id in result.report["requests_with_differences"]


def test_a_hanging_candidate_times_out_on_that_request_and_the_replay_goes_on(tmp_path: Path) -> None:
    request_id, ref = trigger_of(SAMPLE, 3)
    result = seeded(tmp_path, "hang_on_trigger", "--timeout", "2", env={"PARITY_TEST_TRIGGER": ref})
    assert result.returncode == 1
    assert result.summary["timeouts"] == 1 and result.summary["matched"] == int(LIMIT) - 1
    (timeout,) = [outcome for outcome in result.report["outcomes"] if outcome["outcome"] == "timeout"]
    assert timeout["request_id"] == request_id and timeout["path"] == "candidate"


def test_a_candidate_whose_setup_raises_leaves_every_request_named_and_a_report(tmp_path: Path) -> None:
    result = seeded(tmp_path, "setup_raises")
    assert result.returncode == 1
    assert result.summary["candidate_unavailable"] == int(LIMIT)
    assert "native core licence not found" in " ".join(result.report["problems"]["adapters"])
    assert "native core licence not found" in result.stdout
    assert len(result.report["requests_with_differences"]) == int(LIMIT)


def test_a_candidate_that_cannot_be_imported_is_named(tmp_path: Path) -> None:
    result = replay(SAMPLE, tmp_path / "out", "--candidate", "no_such_module:adapter", "--limit", "3")
    assert result.returncode == 1
    assert "no_such_module" in " ".join(result.report["problems"]["adapters"])


# ---- bad input -------------------------------------------------------------------------------------


def test_bad_lines_are_skipped_and_named_and_strict_fails(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    lines = (corpus / "requests.jsonl").read_bytes().splitlines(keepends=True)[:6]
    lines[1] = b'{"id": "broken", \n'
    lines[2] = lines[2].replace(b'"kernel":"importer.match"', b'"kernel":"other"')
    lines[3] = b"\xff" + lines[3]
    truncated = lines[5][: len(lines[5]) // 2]
    (corpus / "requests.jsonl").write_bytes(b"".join(lines[:5]) + truncated)

    result = replay(corpus, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.summary["skipped"] == 4 and result.summary["compared"] == 2
    details = [outcome["detail"] for outcome in result.report["outcomes"]]
    assert any(detail.startswith("requests.jsonl:2: malformed JSON") for detail in details)
    assert any(detail.startswith("requests.jsonl:3: kernel") for detail in details)
    assert "requests.jsonl:4: invalid UTF-8 at byte 0: invalid start byte" in details
    assert any(detail.startswith("requests.jsonl:6: truncated last line") for detail in details)
    assert "requests.jsonl:2: malformed JSON" in result.stderr

    strict = replay(corpus, tmp_path / "strict", "--strict")
    assert strict.returncode == 2


def test_a_fixture_whose_content_does_not_match_its_id_skips_its_requests(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    (fixture,) = (corpus / "fixtures").iterdir()
    fixture.write_bytes(fixture.read_bytes().replace(b'"id":1,', b'"id":100001,', 1))
    result = replay(corpus, tmp_path / "out", "--limit", "5")
    assert result.returncode == 2  # nothing could be compared
    assert result.summary["skipped"] == 5
    assert result.report["problems"]["fixtures"]
    assert "unusable fixture" in result.report["outcomes"][0]["detail"]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_parity("replay", tmp_path / "nowhere").returncode == 2
    assert run_parity("replay", SAMPLE, "--shard", "5/4").returncode == 2
    rules = tmp_path / "rules.json"
    rules.write_text('{"rules": [{"path": "/*/score", "tolerence": 1}]}')
    completed = run_parity("replay", SAMPLE, "--rules", rules, "--out", tmp_path / "out")
    assert completed.returncode == 2
    assert "tolerence" in completed.stderr


# ---- re-running one request, shards ----------------------------------------------------------------


def test_the_repro_command_reruns_exactly_that_request(tmp_path: Path) -> None:
    result = replay(SAMPLE, tmp_path / "extra_field", "--candidate", "seeded_bugs:extra_field", "--limit", "3")
    example = result.fields()["/*/debug_rank"]["examples"][0]  # the first to finish, whichever worker ran it
    request_id = example["request_id"]
    bundle = tmp_path / "extra_field" / example["repro"]
    readme = (bundle / "README.txt").read_text(encoding="utf-8")
    command = readme.split("Re-run only this request:\n  ", 1)[1].strip()
    assert f"--id {request_id}" in command
    again = replay(SAMPLE, tmp_path / "again", *command.split()[3:])
    assert again.returncode == 1 and again.summary["compared"] == 1
    assert again.report["requests_with_differences"] == [request_id]


def test_shards_cover_the_corpus_exactly_once(tmp_path: Path) -> None:
    seen: list[str] = []
    for shard in ("1/3", "2/3", "3/3"):
        result = replay(SAMPLE, tmp_path / shard.replace("/", "of"), "--shard", shard, "--limit", "10",
                        "--noise-runs", "0")
        assert result.returncode == 0
        seen += [line["id"] for line in result.results()]
    assert len(seen) == len(set(seen)) == 30


# ---- fixtures ----------------------------------------------------------------------------------------


@pytest.fixture
def error_corpus(tmp_path: Path) -> Path:
    """Five requests of imports-sample, two of them with a row the matcher rejects (TypeError)."""
    corpus = tmp_path / "errors"
    shutil.copytree(SAMPLE, corpus)
    lines = [json.loads(line) for line in (corpus / "requests.jsonl").read_text(encoding="utf-8").splitlines()[:5]]
    lines[1]["input"]["rows"][2]["first_name"] = 5
    lines[3]["input"]["rows"][0] = "not a row"
    # What the recorder would have written for these inputs: the error, not the original output.
    context = reference.setup(open_corpus(corpus).load_fixtures())
    for index in (1, 3):
        with pytest.raises(Exception) as raised:
            reference.run(context, lines[index]["input"])
        error = {"type": type(raised.value).__name__, "message": str(raised.value)}
        lines[index] = {key: value for key, value in lines[index].items() if key != "output"}
        lines[index] = {**{k: lines[index][k] for k in ("id", "ts", "kernel", "fixtures", "input")},
                        "error": error, **{k: lines[index][k] for k in ("duration_ns", "service_version")}}
    text = "".join(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n" for line in lines)
    (corpus / "requests.jsonl").write_text(text, encoding="utf-8")
    return corpus
