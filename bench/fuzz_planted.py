"""How fast `parity fuzz` finds each planted port bug, and how small `parity shrink` makes it.

For each planted port of python/tests/planted/ (the real kernel with one bug the bundled corpora never
show) and each seed: `parity fuzz CORPUS --candidate tests.planted.NAME:adapter --seed S --time LIMIT
--max-findings 1`, then the findings corpus replayed and gated (ci/gate-policy-findings.json) twice: with
the planted port (it must fail: NO-GO) and with the corpus's real port (it must pass: GO). Prints one row
per run (found or not, seconds and mutants until found, input bytes before and after shrinking, both
verdicts) and a summary per port; writes the same as JSON.

    /usr/bin/python3 bench/fuzz_planted.py --seeds 1 2 3 --time 10m --out reports/fuzz-planted

Exit 0 when every run found its bug within the limit, shrank it to at most --max-bytes and both gates said
what they must; 1 otherwise; 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: planted port -> the bundled corpus it is fuzzed from (its kernel's recorded calls).
PORTS = {
    "turkish_i": "imports-sample",
    "nfd": "imports-sample",
    "negative_zero": "scoring-sample",
    "nan": "scoring-sample",
    "off_by_one": "scoring-sample",
    "overflow": "scoring-sample",
    "merchants_window": "scoring-sample",
}
POLICY = ROOT / "ci" / "gate-policy-findings.json"


def parity_binary() -> Path:
    build = Path(os.environ.get("PARITY_BUILD_DIR", ROOT / "build" / "release"))
    return build / "harness" / "parity"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(parity_binary()), *map(str, args)], capture_output=True, text=True, check=False)


def one_run(port: str, seed: int, limit: str, jobs: int, out: Path) -> dict:
    corpus = ROOT / "corpora" / PORTS[port]
    folder = out / f"{port}-s{seed}"
    fuzz = run("fuzz", corpus, "--candidate", f"tests.planted.{port}:adapter", "--seed", seed, "--time", limit,
               "--max-findings", "1", "--jobs", jobs, "--out", folder, "--quiet")
    if fuzz.returncode not in (0, 1):
        raise SystemExit(f"parity fuzz failed ({fuzz.returncode}) for {port} seed {seed}:\n{fuzz.stderr}")
    report = json.loads((folder / "fuzz.json").read_text(encoding="utf-8"))
    row = {"port": port, "seed": seed, "found": bool(report["findings"]), "runs": report["runs"],
           "runs_per_s": report["runs_per_s"]}
    if not report["findings"]:
        return row
    finding = report["findings"][0]
    row |= {"key": finding["key"], "found_after_s": finding["found_after_s"], "found_at_run": finding["found_at_run"],
            "original_bytes": finding["original_bytes"], "bytes": finding["bytes"],
            "shrink_runs": finding["shrink_runs"], "in_corpus": "not_in_corpus" not in finding}
    if row["in_corpus"]:
        verdicts = {}
        for label, candidate in (("planted", f"tests.planted.{port}:adapter"), ("real", None)):
            replay_out = folder / f"replay-{label}"
            args = ["replay", folder / "findings", "--out", replay_out, "--quiet"]
            if candidate:
                args += ["--candidate", candidate]
            else:  # the corpus's own port, as the findings manifest names the planted one
                args += ["--candidate", json.loads((corpus / "manifest.json").read_text())["candidate"]]
            run(*args)
            verdicts[label] = run("gate", replay_out, "--policy", POLICY).returncode
        row |= {"gate_planted": verdicts["planted"], "gate_real": verdicts["real"]}
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ports", nargs="+", default=list(PORTS), choices=list(PORTS))
    parser.add_argument("--seeds", nargs="+", type=int, default=[1, 2, 3])
    parser.add_argument("--time", default="10m", help="search limit per run (parity fuzz --time)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--max-bytes", type=int, default=500, help="largest shrunk input that passes")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "fuzz-planted")
    args = parser.parse_args(argv)
    if not parity_binary().is_file():
        print(f"{parity_binary()} is not built (cmake --workflow --preset release)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    print("| port | seed | found after (s) | mutants | input bytes: found → shrunk | gate planted / real |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for port in args.ports:
        for seed in args.seeds:
            row = one_run(port, seed, args.time, args.jobs, args.out)
            rows.append(row)
            if row["found"]:
                gates = (f"{row.get('gate_planted', '-')} / {row.get('gate_real', '-')}" if row["in_corpus"]
                         else "not storable in a corpus")
                print(f"| {port} | {seed} | {row['found_after_s']:.0f} | {row['found_at_run']} | "
                      f"{row['original_bytes']} → {row['bytes']} | {gates} |", flush=True)
            else:
                print(f"| {port} | {seed} | not found in {args.time} | {row['runs']} | - | - |", flush=True)
    print()
    ok = True
    for port in args.ports:
        found = [row for row in rows if row["port"] == port and row["found"]]
        runs = [row for row in rows if row["port"] == port]
        good = [row for row in found if row["bytes"] <= args.max_bytes
                and (not row["in_corpus"] or (row["gate_planted"] == 1 and row["gate_real"] == 0))]
        ok &= len(good) == len(runs)
        times = [row["found_after_s"] for row in found]
        median = f"{statistics.median(times):.0f} s" if times else "-"
        print(f"{port}: found in {len(found)}/{len(runs)} runs, median {median}, "
              f"max {max(times):.0f} s" if times else f"{port}: found in 0/{len(runs)} runs")
    (args.out / "fuzz-planted.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
