"""Renders every fixture folder with parity_reports_render and checks the files with real parsers.

- junit.xml must parse as XML (xml.dom.minidom) and hold one <testsuite name="parity">;
- report.html must parse as HTML with no <script> element and no on* event attribute;
- benchmark.json must be read by Google Benchmark's tools/compare.py when it is installed
  (Debian: libbenchmark-tools, /usr/share/benchmark/compare.py), comparing two runs, the two
  paths of one run, and a run's candidate with its baseline (--baseline).

Usage: check_report_files.py <parity_reports_render> <fixtures dir> <work dir>
"""

from __future__ import annotations

import html.parser
import json
import shutil
import subprocess
import sys
import xml.dom.minidom
from pathlib import Path

COMPARE_PY = Path("/usr/share/benchmark/compare.py")
FIXTURES = ("matching", "mismatching", "minimal", "hostile", "drifting", "baseline")


class ActiveContentFinder(html.parser.HTMLParser):
    """Collects anything in a page that could run code."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "img", "link"):
            self.problems.append(f"<{tag}> element")
        for name, _value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name} attribute on <{tag}>")


def check_junit(path: Path) -> None:
    document = xml.dom.minidom.parse(str(path))
    suites = document.getElementsByTagName("testsuite")
    assert len(suites) == 1 and suites[0].getAttribute("name") == "parity", f"{path}: one testsuite 'parity'"
    cases = suites[0].getElementsByTagName("testcase")
    assert int(suites[0].getAttribute("tests")) == len(cases), f"{path}: tests count"


def check_html(path: Path) -> None:
    finder = ActiveContentFinder()
    finder.feed(path.read_text(encoding="utf-8"))
    finder.close()
    assert not finder.problems, f"{path}: {finder.problems}"


def run_compare_py(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(COMPARE_PY), "--no-color", *args], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"compare.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    print(result.stdout)
    return result.stdout


def check_with_compare_py(first: Path, second: Path, with_baseline: Path) -> None:
    if not COMPARE_PY.is_file():
        print(f"skipping the compare.py check: {COMPARE_PY} not installed (libbenchmark-tools)")
        return
    # Two runs: every entry is matched by name across the files.
    output = run_compare_py("benchmarks", str(first), str(second))
    for name in ("importer.match/reference ", "importer.match/candidate_p95 "):
        assert name in output, f"compare.py benchmarks: no {name.strip()} row"
    # The two paths of one run: the filters are replaced by a common name, so paths line up.
    output = run_compare_py("filters", str(first), "reference", "candidate")
    assert "importer.match/[reference vs. candidate]_p99" in output, "compare.py filters: no p99 row"
    # The candidate against the build that is live now, as a benchmark tool user would compare them.
    output = run_compare_py("filters", str(with_baseline), "baseline", "candidate")
    assert "importer.match/[baseline vs. candidate]_p99" in output, "compare.py filters: no baseline p99 row"


def main() -> int:
    render, fixtures, work = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    folders = []
    for name in FIXTURES:
        shutil.copytree(fixtures / name, work / name)
        folders.append(work / name)
    subprocess.run([str(render), *map(str, folders)], check=True)
    for folder in folders:
        check_junit(folder / "junit.xml")
        check_html(folder / "report.html")
        json.loads((folder / "benchmark.json").read_text(encoding="utf-8"))
    check_with_compare_py(work / "matching" / "benchmark.json", work / "mismatching" / "benchmark.json",
                          work / "baseline" / "benchmark.json")
    print("report files OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
