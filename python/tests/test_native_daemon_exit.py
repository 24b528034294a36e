"""A process exits with its own code while a daemon thread is inside the native matcher.

The runtime switch's shadow runs are daemon threads: SIGTERM during a shadow import ends the interpreter while
one of them may be matching with the GIL released. Taking the GIL back during finalization used to abort the
process (std::terminate, exit 134) instead of exiting 143 (bindings/released_gil.hpp says why).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from cmake_build import build_dir
from native_module import native_or_skip
from shared_data import REPO_ROOT

#: Without the fix most of these runs abort (the thread must be in the native call when it takes the GIL back).
RUNS = 4

EXIT_WHILE_MATCHING = textwrap.dedent("""
    import sys, threading, time
    from importer._native import Matcher

    customers = [{"id": i, "first_name": f"Anna{i % 97}", "last_name": f"Smith{i % 89}", "email": None,
                  "phone": None, "street": "1 Main St", "city": "Springfield", "postcode": "12345",
                  "birth_date": None} for i in range(2_000)]
    matcher = Matcher(customers, None, threads=1)
    rows = [{key: value for key, value in customer.items() if key != "id"} for customer in customers[:200]]

    class SlowToFinalize:
        def __del__(self):
            time.sleep(1.0)  # run while the interpreter finalizes, with the GIL free for the matching thread

    slow = SlowToFinalize()
    started = threading.Event()

    def match_forever():
        started.set()
        while True:
            matcher.match(rows)

    threading.Thread(target=match_forever, daemon=True).start()
    started.wait()
    time.sleep(0.2)
    sys.exit(143)
""")


@pytest.mark.parametrize("run", range(RUNS))
def test_exit_code_is_kept_when_a_daemon_thread_is_in_native_code(run: int) -> None:
    native_or_skip()
    env = {"PYTHONPATH": f"{REPO_ROOT / 'python'}:{build_dir() / 'python'}", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", EXIT_WHILE_MATCHING], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert (done.returncode, done.stderr) == (143, "")
