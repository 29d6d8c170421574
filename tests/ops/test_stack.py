"""Issue 17, findings 3 and 5: the production stack protects itself (nginx + granian).

3. Two clients sending a POST body at one byte a second were reported to hold both granian
   workers. nginx now reads request bodies in full before passing them on, so the
   application never waits on a client's body, whatever granian does with it (on this
   machine granian 2.8.9 alone kept serving readers too, so the reader test does not fail
   against bare granian); and a body that stops arriving is cut off by nginx after 10 s
   (granian has no body-read timeout, per the issue), never reaching a worker.
5. ``kill -9`` of one granian worker made the main process exit. granian now runs with
   ``--respawn-failed-workers``: the server keeps answering and the worker is replaced.
Also: two granian hosts behind nginx, one of them stopped, readers still served.
"""

import os
import signal
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.ops.conftest import get

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

READER_URLS = ["/robots.txt", "/api/v1/sections/"]


def children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        return [int(p) for p in path.read_text().split()]
    except FileNotFoundError:
        return []


def granian_workers(proc):
    """The worker processes of a granian main process (its children running Python)."""
    return [c for c in children(proc.pid) if Path(f"/proc/{c}").exists()]


# With a CSRF cookie Django reads the form body (to find the token) before it can refuse the
# request, so a worker that is handed a slow body waits for all of it.
SLOW_POST = (
    b"POST /phan-anh/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    b"Cookie: __Host-csrftoken=" + b"a" * 32 + b"\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\n"
)


def slow_body_client(port, stop, seconds, sent):
    """POST a 200-byte body to the report form at one byte a second."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(SLOW_POST)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not stop.is_set():
            sock.sendall(b"a")
            sent.append(1)
            time.sleep(1)


def read_pages(base, seconds, pause=0.2):
    """GET the reader URLs for ``seconds``: a list of (url, status or exception, elapsed)."""
    results = []
    deadline = time.monotonic() + seconds
    i = 0
    while time.monotonic() < deadline:
        url = READER_URLS[i % len(READER_URLS)]
        i += 1
        started = time.monotonic()
        try:
            status, _ = get(base + url, timeout=3)
        except OSError as error:
            status = repr(error)
        results.append((url, status, round(time.monotonic() - started, 2)))
        time.sleep(pause)
    return results


def test_two_slow_request_bodies_do_not_stop_readers(stack_factory):
    stack = stack_factory(workers=2)
    base = f"http://127.0.0.1:{stack.listen}"
    stop = threading.Event()
    sent = [[], []]
    clients = [
        threading.Thread(target=slow_body_client, args=(stack.listen, stop, 12, sent[i]))
        for i in range(2)
    ]
    for client in clients:
        client.start()
    try:
        time.sleep(2)  # both slow bodies are under way before the readers start
        results = read_pages(base, seconds=6)
    finally:
        stop.set()
        for client in clients:
            client.join(20)
    assert all(len(s) >= 4 for s in sent), "the slow clients kept sending"
    failed = [r for r in results if r[1] != 200 or r[2] > 2.0]
    assert len(results) >= 15
    assert not failed, f"readers not served while two bodies trickled in: {failed}"


def test_a_request_body_that_stops_is_dropped_by_nginx_not_the_app(stack_factory):
    """A client that stops sending its body is cut off after client_body_timeout (10 s):
    nginx answers 408 (or closes), and no application worker ever saw the request."""
    stack = stack_factory(workers=1)
    with socket.create_connection(("127.0.0.1", stack.listen), timeout=30) as sock:
        sock.sendall(
            b"POST /phan-anh/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 50\r\n\r\nab"
        )
        started = time.monotonic()
        # Meanwhile the single worker serves readers.
        status, _ = get(f"http://127.0.0.1:{stack.listen}/robots.txt", timeout=3)
        assert status == 200
        try:
            answer = sock.recv(4096)
        except ConnectionResetError:  # reset_timedout_connection
            answer = b""
        waited = time.monotonic() - started
    assert answer == b"" or b" 408 " in answer.split(b"\r\n", 1)[0]
    assert 8 < waited < 20
    app_log = (stack.prefix / f"app-{stack.app_ports[0]}.log").read_bytes()
    assert b"/phan-anh/" not in app_log


def test_killing_a_granian_worker_does_not_stop_the_server(stack_factory):
    stack = stack_factory(workers=2)
    base = f"http://127.0.0.1:{stack.listen}"
    main = stack.processes[f"app-{stack.app_ports[0]}"]
    deadline = time.monotonic() + 20
    while len(granian_workers(main)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    before = granian_workers(main)
    assert len(before) == 2, before
    os.kill(before[0], signal.SIGKILL)
    results = read_pages(base, seconds=5, pause=0.1)
    assert main.poll() is None, "granian's main process exited after one worker was killed"
    failed = [r for r in results if r[1] != 200]
    assert not failed, failed
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        after = granian_workers(main)
        if len(after) == 2 and before[0] not in after:
            break
        time.sleep(0.2)
    assert len(after) == 2 and before[0] not in after, (before, after)
    # The respawned worker serves too: requests straight to granian, bypassing nginx.
    direct = [get(f"http://127.0.0.1:{stack.app_ports[0]}/robots.txt")[0] for _ in range(10)]
    assert direct == [200] * 10


def test_two_application_hosts_behind_nginx_survive_one_stopping(stack_factory):
    stack = stack_factory(app_hosts=2, workers=1)
    base = f"http://127.0.0.1:{stack.listen}"
    assert read_pages(base, seconds=1) and all(r[1] == 200 for r in read_pages(base, seconds=1))
    first = stack.processes[f"app-{stack.app_ports[0]}"]
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(10)
    results = read_pages(base, seconds=3, pause=0.05)
    failed = [r for r in results if r[1] != 200]
    assert not failed, failed
    # Back again: the restarted host takes requests once more.
    stack.start_app(stack.app_ports[0])
    from portal_site.operations.stack import wait_for_http

    wait_for_http(f"http://127.0.0.1:{stack.app_ports[0]}/robots.txt", 60)
    assert get(base + "/robots.txt")[0] == 200
