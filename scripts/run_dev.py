"""``make run``: the development server and the task worker together; Ctrl-C stops both.

    .venv/bin/python scripts/run_dev.py 127.0.0.1:8000

The worker (``manage.py run_worker``) runs the queued background work (search-index updates,
review e-mails to the console) and every minute the scheduled publishing and expiry. If
either process exits, the other is stopped too.
"""

# Runs two fixed local programs.
# ruff: noqa: S603, T201

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(address="127.0.0.1:8000"):
    # Ctrl-C, and SIGTERM from a supervisor, stop both (SIGINT may arrive ignored when started
    # in the background).
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    python = sys.executable
    manage = str(ROOT / "manage.py")
    processes = {
        "server": subprocess.Popen(
            [python, manage, "runserver", address], cwd=ROOT, start_new_session=True
        ),
        "worker": subprocess.Popen(
            [python, manage, "run_worker", "--no-startup-delay", "-v0"],
            cwd=ROOT,
            start_new_session=True,
        ),
    }
    print("Task worker started (manage.py run_worker); Ctrl-C stops the server and the worker.")
    code = 0
    try:
        while True:
            for name, proc in processes.items():
                if proc.poll() is not None:
                    print(f"The {name} exited ({proc.returncode}); stopping.", file=sys.stderr)
                    code = proc.returncode or 1
                    raise KeyboardInterrupt
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for proc in processes.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for proc in processes.values():
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    return code


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
