"""The cost of a shadow comparison: parity.diff against the old pure-Python compare() and DeepDiff.

For each request of a corpus (default corpora/imports-sample) its recorded `output` and an equal but
distinct object graph (a JSON round trip, as a second implementation would build it) are compared by
four tools: `parity.diff.first_difference` (what shadow mode calls), `parity.diff.diff`, the pure-Python
`compare()` shadow mode used before the engine (bench/baselines/python_compare.py) and DeepDiff
(Debian's python3-deepdiff). Each round takes every request in turn and times the four on it in a random
order, so no tool runs warm on its own. Prints each tool's median over all calls, and each baseline's
median over each engine entry's with a 95 % percentile-bootstrap interval (the calls resampled together,
as they were timed). Then checks the answers: no tool finds a difference between equal outputs, and on
mutated copies (a float's last bit, an element dropped, a key renamed) every tool finds one.

    PYTHONPATH=python:build/release/python /usr/bin/python3 bench/diff_speed.py --rounds 5
"""

from __future__ import annotations

import argparse
import json
import random
import struct
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from baselines.python_compare import compare  # this script's folder is on sys.path
from bench_native import quantile
from deepdiff import DeepDiff

from parity.diff import diff, first_difference

REPO_ROOT = Path(__file__).resolve().parents[1]
ENGINE = ("first_difference", "diff")
BASELINES = ("python compare", "deepdiff")
TOOLS: dict[str, Callable[[Any, Any], Any]] = {
    "first_difference": first_difference,
    "diff": diff,
    "python compare": compare,
    "deepdiff": DeepDiff,
}


def load_outputs(corpus: Path, limit: int | None) -> list[Any]:
    """The recorded outputs of the corpus's requests (those that returned), in file order."""
    outputs = []
    with (corpus / "requests.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            request = json.loads(line)
            if request.get("error") is None:
                outputs.append(request["output"])
    return outputs[:limit]


def timed(tool: Callable[[Any, Any], Any], reference: Any, candidate: Any) -> float:
    """Microseconds of one comparison."""
    started = time.perf_counter_ns()
    tool(reference, candidate)
    return (time.perf_counter_ns() - started) / 1e3


def bootstrap_ratio(times: dict[str, list[float]], numerator: str, denominator: str, rng: random.Random,
                    resamples: int = 2000) -> tuple[float, float]:
    """Percentile bootstrap 95 % interval of median(numerator) / median(denominator), the calls resampled in
    pairs (the i-th call of each tool was timed on the same request, in the same round)."""
    pairs = list(zip(times[numerator], times[denominator]))
    ratios = []
    for _ in range(resamples):
        sample = rng.choices(pairs, k=len(pairs))
        ratios.append(quantile([n for n, _ in sample], 0.5) / quantile([d for _, d in sample], 0.5))
    ratios.sort()
    return ratios[int(0.025 * resamples)], ratios[int(0.975 * resamples) - 1]


def mutations(output: Any) -> list[tuple[str, Any]]:
    """Copies of `output` that differ from it by one thing each (for a list of dicts: the matcher's results)."""
    found: list[tuple[str, Any]] = []
    if not isinstance(output, list) or not output:
        return found
    dropped = json.loads(json.dumps(output))
    dropped.pop(len(dropped) // 2)
    found.append(("element dropped", dropped))
    for index, result in enumerate(output):
        if not isinstance(result, dict):
            continue
        renamed = json.loads(json.dumps(output))
        key = next(iter(renamed[index]))
        renamed[index][key + "_"] = renamed[index].pop(key)
        found.append(("key renamed", renamed))
        floats = [key for key, value in result.items() if isinstance(value, float)]
        if floats:
            nudged = json.loads(json.dumps(output))
            bits = struct.unpack("<Q", struct.pack("<d", nudged[index][floats[0]]))[0]
            nudged[index][floats[0]] = struct.unpack("<d", struct.pack("<Q", bits ^ 1))[0]
            found.append(("float's last bit", nudged))
            break
    return found


def check_answers(outputs: list[Any]) -> tuple[int, int]:
    """(equal pairs, mutated pairs) checked; raises AssertionError naming the tool that disagrees."""
    mutated = 0
    for index, output in enumerate(outputs):
        copy = json.loads(json.dumps(output))
        assert first_difference(output, copy) is None, f"request {index}: first_difference found one"
        assert diff(output, copy) == [], f"request {index}: diff found one"
        assert compare(output, copy) is None, f"request {index}: python compare found one"
        assert not DeepDiff(output, copy), f"request {index}: deepdiff found one"
        if mutated < 9:
            for what, changed in mutations(output):
                assert first_difference(output, changed) is not None, f"request {index}, {what}: engine"
                assert diff(output, changed), f"request {index}, {what}: diff"
                assert compare(output, changed) is not None, f"request {index}, {what}: python compare"
                assert DeepDiff(output, changed), f"request {index}, {what}: deepdiff"
                mutated += 1
    return len(outputs), mutated


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=REPO_ROOT / "corpora" / "imports-sample")
    parser.add_argument("--requests", type=int, default=None, help="only the first N requests (default all)")
    parser.add_argument("--rounds", type=int, default=5, help="timed passes over the requests (default 5)")
    parser.add_argument("--seed", type=int, default=21, help="seed of the call order and the bootstrap")
    args = parser.parse_args()

    outputs = load_outputs(args.corpus, args.requests)
    if not outputs:
        print(f"diff_speed: no output in {args.corpus}", file=sys.stderr)
        return 2
    pairs = [(output, json.loads(json.dumps(output))) for output in outputs]
    rng = random.Random(args.seed)
    times: dict[str, list[float]] = {name: [] for name in TOOLS}
    for name, tool in TOOLS.items():  # one untimed call each: imports, caches
        tool(*pairs[0])
    for _ in range(args.rounds):
        for reference, candidate in pairs:
            order = list(TOOLS)
            rng.shuffle(order)
            for name in order:
                times[name].append(timed(TOOLS[name], reference, candidate))

    calls = len(times["diff"])
    for name in TOOLS:
        print(f"{name}: median {quantile(times[name], 0.5):.1f} µs ({calls} calls)")
    for baseline in BASELINES:
        for engine in ENGINE:
            ratio = quantile(times[baseline], 0.5) / quantile(times[engine], 0.5)
            low, high = bootstrap_ratio(times, baseline, engine, rng)
            print(f"{baseline} / {engine}: {ratio:.1f}x [{low:.1f}, {high:.1f}] "
                  "(95 % bootstrap of the median ratio)")
    equal, mutated = check_answers(outputs)
    print(f"answers: {equal} equal pairs, no difference from any tool; {mutated} mutated pairs, "
          f"a difference from every tool")
    return 0


if __name__ == "__main__":
    sys.exit(main())
