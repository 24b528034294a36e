"""The report folder of a profile, like replay's: profile.json, profile.md, flame graphs, profile.html.

    write_report(profile, Path("reports/profile-imports-sample"))
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from parity.profiling.flamegraph import flame_graph_svg
from parity.profiling.html_report import profile_html
from parity.profiling.markdown_report import profile_markdown
from parity.profiling.profile_data import write_profile_json

FILES: Final = ("profile.json", "profile.md", "flamegraph.svg", "flamegraph-wall.svg", "profile.html")


def write_report(profile: dict[str, Any], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_profile_json(profile, folder / "profile.json")
    (folder / "profile.md").write_text(profile_markdown(profile), encoding="utf-8")
    (folder / "flamegraph.svg").write_text(
        flame_graph_svg(profile["stacks"]["cpu"], title=f"CPU time: {profile['target']}"), encoding="utf-8")
    (folder / "flamegraph-wall.svg").write_text(
        flame_graph_svg(profile["stacks"]["wall"], title=f"Wall time: {profile['target']}"), encoding="utf-8")
    (folder / "profile.html").write_text(profile_html(profile), encoding="utf-8")
