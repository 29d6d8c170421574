"""The production stack on one machine: nginx in front, granian hosts, the task worker.

``scripts/serve-production`` (``make prod``) runs it in the foreground and stops everything on
Ctrl-C or SIGTERM; the tests in ``tests/ops/`` start the same stack on spare ports. In a real
deployment each part runs under systemd instead (``deploy/systemd/``), with the nginx
configuration rendered by ``render_nginx`` (``scripts/serve-production --render-nginx``).

granian runs with ``--respawn-failed-workers``: a worker that dies (``kill -9``, out of
memory) is replaced and the server keeps answering on its other workers meanwhile. Workers are
also recycled after ``--workers-lifetime`` and when they pass ``--workers-max-rss``.

No Django import here: this module starts processes that load Django themselves.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "nginx.conf.in"


def render_nginx(
    *,
    prefix,
    listen,
    upstreams,
    static_root,
    media_root,
    static_url="/static/",
    media_url="/media/",
    server_name="_",
    client_timeout="10s",
    page_rate="20r/s",
    page_burst=60,
    post_rate="2r/s",
    conn_limit=40,
    user=None,
    tls_certificate=None,
    tls_key=None,
    mime_types="/etc/nginx/mime.types",
):
    """The nginx configuration for ``upstreams`` (``host:port`` of each granian host)."""
    if tls_certificate and tls_key:
        listen_directives = (
            f"        listen {listen} ssl;\n        http2 on;\n"
            f"        ssl_certificate {tls_certificate};\n        ssl_certificate_key {tls_key};\n"
            "        ssl_protocols TLSv1.2 TLSv1.3;"
        )
        forwarded_proto = "https"
    else:
        # Plain HTTP: behind a TLS-terminating load balancer or CDN, which sets the scheme.
        listen_directives = f"        listen {listen};"
        forwarded_proto = "$http_x_forwarded_proto" if str(listen) != "80" else "$scheme"
    servers = [f"        server {u} max_fails=1 fail_timeout=5s;" for u in upstreams]
    if len(upstreams) == 1:
        # nginx never retries a request on the server it failed on, and a kept-alive connection
        # to a granian worker that just died fails the request sent on it (502). The same host
        # again, as a backup, lets nginx retry an idempotent request on a fresh connection,
        # which one of the living workers accepts.
        servers.append(f"        server {upstreams[0]} backup;")
    servers = "\n".join(servers)
    values = {
        "prefix": str(prefix),
        "user_directive": f"user {user};" if user else "",
        "mime_types": mime_types,
        "client_timeout": client_timeout,
        "page_rate": page_rate,
        "page_burst": str(page_burst),
        "post_rate": post_rate,
        "conn_limit": str(conn_limit),
        "upstream_servers": servers,
        "listen_directives": listen_directives,
        "server_name": server_name,
        "static_url": static_url,
        "media_url": media_url,
        "static_root": str(static_root).rstrip("/"),
        "media_root": str(media_root).rstrip("/"),
        "forwarded_proto": forwarded_proto,
    }
    text = NGINX_TEMPLATE.read_text()
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def granian_argv(*, host, port, workers=2, python=None, lifetime=None, max_rss=None):
    """The granian command of one application host."""
    python = python or sys.executable
    argv = [
        str(Path(python).parent / "granian"),
        "--interface",
        "wsgi",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--respawn-failed-workers",
        "--respawn-interval",
        "0.5",
        "--workers-kill-timeout",
        "30",
        "--http1-header-read-timeout",
        "10000",
        "--no-ws",
    ]
    if lifetime:
        argv += ["--workers-lifetime", str(lifetime)]
    if max_rss:
        argv += ["--workers-max-rss", str(max_rss)]
    return [*argv, "portal_site.wsgi:application"]


def worker_argv(python=None):
    return [python or sys.executable, str(ROOT / "manage.py"), "run_worker", "--no-startup-delay"]


def nginx_binary():
    for candidate in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def wait_for_http(url, timeout=30.0, proc=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback)
                return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@dataclass
class Stack:
    """nginx on ``listen`` in front of one granian host per port of ``app_ports``."""

    prefix: Path
    listen: int
    app_ports: list
    env: dict
    workers: int = 2
    with_worker: bool = False
    static_root: Path = None
    media_root: Path = None
    python: str = None
    processes: dict = field(default_factory=dict)

    def start(self, timeout=60.0):
        self.prefix = Path(self.prefix)
        for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.prefix / sub).mkdir(parents=True, exist_ok=True)
        static_root = self.static_root or Path(self.env.get("STATIC_ROOT", ROOT / "static"))
        media_root = self.media_root or Path(self.env.get("MEDIA_ROOT", ROOT / "var" / "media"))
        conf = self.prefix / "nginx.conf"
        conf.write_text(
            render_nginx(
                prefix=self.prefix,
                listen=f"127.0.0.1:{self.listen}",
                upstreams=[f"127.0.0.1:{p}" for p in self.app_ports],
                static_root=static_root,
                media_root=media_root,
                user="root" if os.geteuid() == 0 else None,
            )
        )
        for port in self.app_ports:
            self.start_app(port)
        if self.with_worker:
            self.processes["worker"] = self._spawn("worker", worker_argv(self.python))
        nginx = nginx_binary()
        if nginx is None:
            raise RuntimeError("nginx is not installed (Debian: apt-get install nginx-light)")
        self.processes["nginx"] = self._spawn(
            "nginx", [nginx, "-p", str(self.prefix), "-c", str(conf), "-g", "daemon off;"]
        )
        for port in self.app_ports:
            wait_for_http(
                f"http://127.0.0.1:{port}/robots.txt", timeout, self.processes[f"app-{port}"]
            )
        wait_for_http(f"http://127.0.0.1:{self.listen}/robots.txt", timeout)
        return self

    def start_app(self, port):
        argv = granian_argv(host="127.0.0.1", port=port, workers=self.workers, python=self.python)
        self.processes[f"app-{port}"] = self._spawn(f"app-{port}", argv)

    def _spawn(self, name, argv):
        log = open(self.prefix / f"{name}.log", "ab")  # noqa: SIM115 (kept open with the process)
        return subprocess.Popen(  # noqa: S603 (fixed local programs)
            argv,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop_process(self, name, timeout=15.0):
        proc = self.processes.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    def stop(self):
        for name in list(self.processes):
            self.stop_process(name)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
