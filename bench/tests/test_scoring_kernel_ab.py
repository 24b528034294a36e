"""bench/scoring_kernel_ab.py: reference and native scoring kernel timed side by side on generated requests."""

from __future__ import annotations

from pathlib import Path

from cmake_build import run_script
from shared_data import REPO_ROOT

SCRIPT = REPO_ROOT / "bench" / "scoring_kernel_ab.py"


def test_both_sides_are_timed_and_compared() -> None:
    result = run_script(SCRIPT, "--requests", "2", "--repeats", "2", "--transactions", "300", "--history", "40",
                        "--cards", "20")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0].strip() for line in lines] == [
        "reference", "native", "reference / native", "cpu time p50"]
    for line in lines[:2]:
        assert line.endswith("(4 calls)")
        assert float(line.split("p50")[1].split()[0]) > 0
    assert "95 % bootstrap" in lines[2]


CHECK_REQUESTS = """
import json
from scoring_kernel_ab import make_request
from scoring.kernel import BUNDLED_MODEL, Scorer, load_model
first = make_request(3, 50, 10, 5)
assert first == make_request(3, 50, 10, 5)
assert first != make_request(4, 50, 10, 5)
request = json.loads(first)
assert len(request["history"]) == 10 and len(request["transactions"]) == 50
results = Scorer(load_model(BUNDLED_MODEL)).score(request["profile"], request["history"], request["transactions"])
assert [result["id"] for result in results] == [record["id"] for record in request["transactions"]]
print("valid")
"""


def test_requests_are_deterministic_and_valid(tmp_path: Path) -> None:
    """make_request, run where the script runs (its folder and both python/ folders on the path)."""
    check = tmp_path / "check_requests.py"
    check.write_text(f"import sys\nsys.path.insert(0, {str(REPO_ROOT / 'bench')!r})\n{CHECK_REQUESTS}")
    result = run_script(check)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "valid\n"
