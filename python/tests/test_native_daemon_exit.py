"""A process exits with its own code while a daemon thread is inside a native call (matcher, scoring kernel).

The runtime switch's shadow runs are daemon threads: SIGTERM during a shadow import ends the interpreter while
one of them may be matching with the GIL released. Taking the GIL back during finalization used to abort the
process (std::terminate, exit 134) instead of exiting 143 (bindings/released_gil.hpp says why).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from cmake_build import build_dir
from native_module import native_or_skip
from shared_data import REPO_ROOT

#: Without the fix most of these runs abort (the thread must be in the native call when it takes the GIL back).
RUNS = 6

#: The end of both scripts: a daemon thread calls `work()` in a loop; the interpreter exits with 143 while one
#: object's finalizer sleeps with the GIL free, so the thread's native call ends during the finalization.
EXIT_WHILE_WORKING = textwrap.dedent("""
    class SlowToFinalize:
        def __del__(self):
            time.sleep(1.0)

    slow = SlowToFinalize()
    started = threading.Event()

    def work_forever():
        started.set()
        while True:
            work()

    threading.Thread(target=work_forever, daemon=True).start()
    started.wait()
    time.sleep(0.2)
    sys.exit(143)
""")

MATCHER = textwrap.dedent("""
    import sys, threading, time
    from importer._native import Matcher

    customers = [{"id": i, "first_name": f"Anna{i % 97}", "last_name": f"Smith{i % 89}", "email": None,
                  "phone": None, "street": "1 Main St", "city": "Springfield", "postcode": "12345",
                  "birth_date": None} for i in range(2_000)]
    matcher = Matcher(customers, None, threads=1)
    rows = [{key: value for key, value in customer.items() if key != "id"} for customer in customers[:200]]

    def work():
        matcher.match(rows)
""")

SCORER = textwrap.dedent("""
    import sys, threading, time
    from scoring._native import Scorer
    from scoring.kernel import BUNDLED_MODEL, load_model

    scorer = Scorer(load_model(BUNDLED_MODEL))
    profile = {"home_country": "FR", "home_currency": "EUR"}
    transactions = [{"id": str(i), "t_ms": i * 60_000, "amount": 10.0 + i % 7, "currency": "EUR",
                     "merchant_id": f"m{i % 31}", "mcc": "5411", "country": "FR", "lat": 48.85, "lon": 2.35,
                     "card_id": f"c{i % 3}", "device_id": "d1"} for i in range(5_000)]

    def work():
        scorer.score(profile, [], transactions)
""")


@pytest.mark.parametrize("script", [MATCHER, SCORER], ids=["matcher", "scorer"])
@pytest.mark.parametrize("run", range(RUNS))
def test_exit_code_is_kept_when_a_daemon_thread_is_in_native_code(run: int, script: str) -> None:
    native_or_skip()
    env = {"PYTHONPATH": f"{REPO_ROOT / 'python'}:{build_dir() / 'python'}", "PATH": "/usr/bin:/bin"}
    # A sanitised build's module needs ASan's runtime preloaded into the interpreter (cmake/PythonTests.cmake).
    env |= {name: os.environ[name] for name in ("LD_PRELOAD", "ASAN_OPTIONS") if name in os.environ}
    done = subprocess.run([sys.executable, "-c", script + EXIT_WHILE_WORKING], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert (done.returncode, done.stderr) == (143, "")
