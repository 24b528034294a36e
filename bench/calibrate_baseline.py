"""How often the gate against a baseline says NO-GO, for candidates slowed by known amounts.

Runs ``parity bench CORPUS --baseline`` many times at its default settings, with the corpus's candidate
adapter as the baseline and the same adapter slowed by 0 % (A/A), 5 %, 10 % and 20 % as the candidate
(bench/calibration/slowed_adapters.py: a busy-wait of that share of each call's own measured time), gates
every report with POLICY, and tabulates the verdicts. The worker times the call with its output's
conversion, which the wrapper cannot see, so each wait is scaled by the inverse of the inner call's share
of the measured time: from a first A/A run, then the median over every run so far (each report's stages
``inner`` and ``wait`` per call, median). The table gives the slowdown each level really applied, the
median per call of wait ÷ (measured − wait), beside its name. Then the A/A column's NO-GO count is the false alarm rate,
the others' the detection rates, beside the median candidate / baseline ratio at p50 and the median
minimum detectable slowdown the reports stated. Levels are interleaved run by run, so that a host that
changes speed during the calibration touches every level alike.

    /usr/bin/python3 bench/calibrate_baseline.py --runs 20 --out reports/calibration

Exit 0 when the targets hold (A/A NO-GO in at most --max-false-alarms of the runs, the 10 % slowdown
NO-GO in at least --min-detection: 1 in 20 and 19 in 20 by default), 1 when not, 2 on a usage error or a run
that failed outright.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CALIBRATION = Path(__file__).resolve().parent / "calibration"
VERDICTS = {0: "GO", 1: "NO-GO (parity)", 3: "NO-GO", 4: "UNDECIDED"}


@dataclass
class Level:
    slowdown: float
    verdicts: dict[str, int] = field(default_factory=dict)
    p50_ratios: list[float] = field(default_factory=list)
    detectable_p50: list[float] = field(default_factory=list)
    detectable_p95: list[float] = field(default_factory=list)
    applied: list[float] = field(default_factory=list)  # wait / (measured - wait) of the candidate

    def count(self, verdict: str) -> int:
        return self.verdicts.get(verdict, 0)

    @property
    def runs(self) -> int:
        return sum(self.verdicts.values())


def manifest_candidate(corpus: Path) -> str:
    return json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))["candidate"]


def bench(args: argparse.Namespace, out: Path, run: int, inner: str, wait: float) -> None:
    """One `parity bench --baseline` of the candidate slowed by `wait` times its inner call's time."""
    env = dict(os.environ, PARITY_CALIBRATION_INNER=inner, PARITY_CALIBRATION_SLOWDOWN=repr(wait))
    command = [str(args.parity), "bench", str(args.corpus), "--out", str(out), "--quiet", "--seed", str(run + 1),
             "--candidate", "slowed_adapters:candidate", "--baseline", "slowed_adapters:baseline",
             "--python-path", str(CALIBRATION), *args.bench_args]
    replay = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
    if replay.returncode not in (0, 1):
        sys.exit(f"calibrate_baseline: {' '.join(command)} failed (exit {replay.returncode}):\n{replay.stderr}")


def shares(out: Path) -> tuple[float, float]:
    """The candidate's median per timed call of inner call ÷ measured time without the wait, and of wait ÷
    measured time without the wait (its stages in results.jsonl): per call, so that the typical call, which
    the p50 judges, is slowed by the level's share of its own measured time."""
    inner, wait = [], []
    for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines():
        run = json.loads(line)
        if not run["timed"]:
            continue
        candidate = run["candidate"]
        stages = dict(candidate["stages"])
        unwaited = candidate["wall_ns"] / 1e9 - stages["wait"]
        inner.append(stages["inner"] / unwaited)
        wait.append(stages["wait"] / unwaited)
    return statistics.median(inner), statistics.median(wait)


def pilot_share(args: argparse.Namespace, inner: str) -> float:
    """The inner call's share of the candidate's measured time, from an A/A run's stage times."""
    out = args.out / "inner-share"
    bench(args, out, 0, inner, 0.0)
    share = shares(out)[0]
    if not 0.05 < share <= 1.0:
        sys.exit(f"calibrate_baseline: the inner call is {share:.1%} of the measured time: cannot scale waits")
    return share


def one_run(args: argparse.Namespace, level: Level, run: int, inner: str, inner_shares: list[float]) -> None:
    out = args.out / f"slowdown-{round(level.slowdown * 100)}" / f"run-{run:02d}"
    bench(args, out, run, inner, level.slowdown / statistics.median(inner_shares))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    share, applied = shares(out)
    inner_shares.append(share)
    level.applied.append(applied)
    gate = subprocess.run([str(args.parity), "gate", str(out), "--policy", str(args.policy)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
    if gate.returncode not in VERDICTS:
        sys.exit(f"calibrate_baseline: parity gate {out} failed (exit {gate.returncode}):\n{gate.stderr}")
    verdict = VERDICTS[gate.returncode]
    level.verdicts[verdict] = level.count(verdict) + 1
    latency = report["latency"]
    level.p50_ratios.append(latency["vs_baseline"]["p50"]["value"])
    detectable = latency["minimum_detectable_slowdown"]["vs_baseline"]
    level.detectable_p50.append(detectable["p50"])
    level.detectable_p95.append(detectable["p95"])
    if not args.quiet:
        print(f"  {round(level.slowdown * 100):>3} %  run {run + 1:>2}: {verdict:<15} candidate/baseline p50 "
              f"{level.p50_ratios[-1]:.3f}, detectable {100 * detectable['p50']:.1f} % (p50)", flush=True)


def table(levels: list[Level]) -> str:
    lines = ["| candidate slowed by | applied (median) | runs | GO | NO-GO | UNDECIDED "
             "| median candidate/baseline p50 | median detectable slowdown p50 / p95 |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for level in levels:
        lines.append(f"| {round(level.slowdown * 100)} % | {100 * statistics.median(level.applied):.1f} % | "
                     f"{level.runs} | {level.count('GO')} | "
                     f"{level.count('NO-GO') + level.count('NO-GO (parity)')} | {level.count('UNDECIDED')} | "
                     f"{statistics.median(level.p50_ratios):.3f} | "
                     f"{100 * statistics.median(level.detectable_p50):.1f} % / "
                     f"{100 * statistics.median(level.detectable_p95):.1f} % |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpora/imports-sample")
    parser.add_argument("--policy", type=Path, default=ROOT / "ci/gate-policy-vs-baseline.json")
    parser.add_argument("--parity", type=Path, default=ROOT / "build/release/harness/parity")
    parser.add_argument("--runs", type=int, default=20, help="gate runs per slowdown level (default 20)")
    parser.add_argument("--slowdowns", default="0,5,10,20", help="percentages, comma-separated")
    parser.add_argument("--out", type=Path, default=ROOT / "reports/calibration")
    parser.add_argument("--max-false-alarms", type=float, default=0.05,
                        help="share of A/A runs allowed to say NO-GO (default 0.05)")
    parser.add_argument("--min-detection", type=float, default=0.95,
                        help="share of 10 %% slowdown runs that must say NO-GO (default 0.95)")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("bench_args", nargs=argparse.REMAINDER, help="after --: more `parity bench` flags")
    args = parser.parse_args(argv)
    args.bench_args = [a for a in args.bench_args if a != "--"]
    if not args.parity.exists():
        parser.error(f"{args.parity} is not built (cmake --workflow --preset release)")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        levels = [Level(int(text) / 100) for text in args.slowdowns.split(",")]
    except ValueError:
        parser.error(f"--slowdowns takes whole percentages, e.g. 0,5,10,20; got {args.slowdowns!r}")
    inner = manifest_candidate(args.corpus)
    inner_shares = [pilot_share(args, inner)]
    if not args.quiet:
        print(f"the inner call is {inner_shares[0]:.1%} of the candidate's measured time (A/A pilot run)")
    order = random.Random(20261207)
    for run in range(args.runs):
        for level in order.sample(levels, len(levels)):
            one_run(args, level, run, inner, inner_shares)
    share = statistics.median(inner_shares)

    command = " ".join(["/usr/bin/python3", "bench/calibrate_baseline.py", *(argv if argv is not None else sys.argv[1:])])
    text = table(levels)
    print(f"\n{command}\ncorpus {args.corpus}, policy {args.policy}, inner share {share:.3f}\n\n{text}")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "calibration.md").write_text(f"`{command}`\n\n{text}\n", encoding="utf-8")
    (args.out / "calibration.json").write_text(json.dumps(
        {"command": command, "corpus": str(args.corpus), "policy": str(args.policy), "inner_share": share,
         "levels": [{"slowdown": level.slowdown, "verdicts": level.verdicts, "p50_ratios": level.p50_ratios,
                     "detectable_p50": level.detectable_p50, "detectable_p95": level.detectable_p95,
                     "applied": level.applied}
                    for level in levels]}, indent=2) + "\n", encoding="utf-8")
    by_slowdown = {round(level.slowdown * 100): level for level in levels}
    met = True
    if 0 in by_slowdown:
        met &= by_slowdown[0].count("NO-GO") <= args.max_false_alarms * args.runs
    if 10 in by_slowdown:
        met &= by_slowdown[10].count("NO-GO") >= args.min_detection * args.runs
    print("targets met" if met else "targets NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
