"""Benchmark the portal under its production WSGI server and write docs/benchmarks.md.

    python scripts/bench.py --database-url postgres://.../portal_bench_1k --label 1k

For one database (already migrated, seeded and filled with ``generate_articles``):

1. collects static files into a temporary STATIC_ROOT (production uses the hashed manifest);
2. starts granian (WSGI, 2 workers of one thread each) with ``portal_site.settings.production``
   on 127.0.0.1 over
   plain HTTP: a random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, SECURE_SSL_REDIRECT=0 (no TLS on
   loopback; the HSTS and secure-cookie settings stay as in production and are harmless for
   anonymous GETs);
3. for each URL, counts the SQL queries of one request in-process (Django's test client under
   the same settings, after one warm-up request) and runs wrk on loopback: one connection
   (single-client latency) and 16 connections (throughput);
4. does this cold and warm, both with Redis at 127.0.0.1:6379 (DB ``--redis-db``), the cache
   production requires (it refuses to start without ``REDIS_URL``): cold with the response
   caches off (``API_RESPONSE_CACHE=0``, ``PAGE_CACHE_SECONDS=0``), so every page and API
   response is built from the database; warm with them on. In both, the small lookups and
   listing totals are kept under the content version; the cost of the first request after a
   change (when they are rebuilt) is measured separately, in-process;
5. times the review actions (submit, editor approval with its ledger entry, chief sign-off
   with publication) through the review code the admin's views call;
6. stores the results in docs/bench-results/<label>.json and renders every stored result into
   docs/benchmarks.md between the "bench:results" markers.
"""

# A command-line tool that runs fixed local programs (granian, wrk, manage.py) and reports.
# ruff: noqa: S603, S607, T201

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
RESULTS = ROOT / "docs" / "bench-results"
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
MODE_TITLES = {
    "cold": "Redis for lookups and totals, no response cache",
    "warm": "Redis, API and anonymous page responses cached",
}


def server_env(database_url, redis_url, static_root, *, response_cache=True):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal_site.settings.production",
        DATABASE_URL=database_url,
        DATABASE_CONN_MAX_AGE="600",
        SECRET_KEY=secrets.token_urlsafe(64),
        # Production refuses to start without the ledger's signing key; a throw-away one.
        LEDGER_SIGNING_KEY=secrets.token_hex(32),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(static_root),
        PORTAL_VAR_DIR=env.get("PORTAL_VAR_DIR", str(ROOT / "var")),
        CACHE_KEY_PREFIX=f"bench-{secrets.token_hex(4)}",
    )
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    if not response_cache:
        env.update(API_RESPONSE_CACHE="0", PAGE_CACHE_SECONDS="0")
    return env


def pick_urls(env):
    """The URLs to load, chosen in the benchmark database (the largest section, the most used
    tag, the newest article, a signage board created if none exists)."""
    code = r"""
import json
from django.db.models import Count
from taggit.models import Tag
from cms.models import ArticlePage, SectionPage, SignageBoard, SignageItem
sections = SectionPage.objects.exact_type(SectionPage).live().annotate(n=Count("id"))
best, best_n = None, -1
for s in sections:
    n = ArticlePage.objects.live().descendant_of(s).count()
    if n > best_n:
        best, best_n = s, n
article = ArticlePage.objects.live().descendant_of(best).order_by("-first_published_at").first()
tag = Tag.objects.annotate(n=Count("cms_articlepagetag_items")).order_by("-n").first()
board = SignageBoard.objects.first()
if board is None:
    board = SignageBoard.objects.create(name="Sảnh UBND", slug="sanh-ubnd")
    for a in ArticlePage.objects.live().order_by("-first_published_at")[:5]:
        SignageItem.objects.create(board=board, article=a)
print(json.dumps({"section": best.url_path, "section_id": best.pk, "section_articles": best_n,
  "article": article.url_path, "article_id": article.pk, "tag": tag.slug,
  "board": board.slug, "articles": ArticlePage.objects.live().count()}))
"""
    out = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        sys.exit(out.stderr)
    facts = json.loads(out.stdout.strip().splitlines()[-1])
    root = "/trang-chu"
    strip = lambda p: p[len(root) :] if p.startswith(root) else p  # noqa: E731
    section = strip(facts["section"])
    urls = [
        ("home", "/"),
        ("section, page 1", section),
        ("section, page 500", f"{section}?page=500"),
        ("article", strip(facts["article"])),
        ("tag page", f"/the/{quote(facts['tag'])}/"),
        (
            "API article list (filters)",
            # The API's tag filter accepts ASCII slugs only (cms.api.schemas); the generated
            # tags are Vietnamese, so the list is filtered by section, source and date.
            f"/api/v1/articles/?section={facts['section_id']}&source_type=original"
            "&published_after=2020-01-01&limit=20",
        ),
        ("API article detail", f"/api/v1/articles/{facts['article_id']}/"),
        ("signage feed", f"/api/v1/signage/{facts['board']}/"),
        # Last: a slow URL leaves queued requests behind that would delay the next one.
        ("site search", "/tim-kiem/?q=chuyen+doi+so"),
    ]
    return facts, urls


def count_queries(env, urls):
    code = r"""
import json, sys
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
import time
from cms.caching import version
client = Client(HTTP_HOST="127.0.0.1")
out = {}
for url in json.loads(sys.stdin.read()):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(url).status_code
    steady = len(ctx.captured_queries)
    # The first request after a change: what a publish costs the next reader of this URL.
    firsts = []
    for _ in range(3):
        version.bump_content_version()
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            client.get(url)
            firsts.append((time.perf_counter() - started) * 1000)
    out[url] = [status, steady, len(ctx.captured_queries), sorted(firsts)[1]]
print(json.dumps(out))
"""
    result = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        input=json.dumps([u for _n, u in urls]),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def start_server(env, port):
    log = Path(tempfile.gettempdir()) / "portal-bench-granian.log"
    process = subprocess.Popen(
        [
            str(PYTHON.parent / "granian"),
            "--interface",
            "wsgi",
            "--workers",
            "2",
            "--blocking-threads",
            "1",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-ws",
            "--log-level",
            "warning",
            *(["--access-log"] if os.environ.get("BENCH_ACCESS_LOG") else []),
            "portal_site.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2)  # noqa: S310
            return process
        except OSError:
            time.sleep(0.5)
    stop_server(process)
    raise RuntimeError(f"granian did not start; see {log}")


def stop_server(process):
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * UNITS[unit]


def wrk(url, connections, seconds):
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": p50, "p99": p99, "non2xx": int(errors.group(1)) if errors else 0}


def load():
    return os.getloadavg()


def time_review_actions(env, samples):
    """p50 of submit, approve (editor, with its ledger entry) and sign-off + publish, through
    editorial.actions (what the admin's workflow action views call), on new drafts."""
    code = r"""
import json, statistics, sys, time
from django.db import transaction
from wagtail.models import WorkflowState
from cms.models import ArticlePage, SectionPage
from demo.generate import ensure_staff
author, editor, chief = ensure_staff()
section = SectionPage.objects.exact_type(SectionPage).live().order_by("path").first()
timings = {"submit": [], "approve (editor, ledger entry)": [], "sign-off + publish": []}
for i in range(int(sys.argv[-1]) if sys.argv[-1].isdigit() else 15):
    page = ArticlePage(title=f"Bài đo thời gian duyệt {time.time_ns()}", lead="Tóm tắt.",
                       body=[("paragraph", "<p>Nội dung.</p>")], live=False)
    section.add_child(instance=page)
    page.save_revision(user=author, log_action=True)
    t = time.perf_counter()
    state = page.get_workflow().start(page, author)
    timings["submit"].append(time.perf_counter() - t)
    for name, user in (("approve (editor, ledger entry)", editor), ("sign-off + publish", chief)):
        state.refresh_from_db()
        task_state = state.current_task_state
        t = time.perf_counter()
        task_state.task.specific.on_action(task_state.specific, user, "approve")
        timings[name].append(time.perf_counter() - t)
    page.refresh_from_db()
    assert page.live
print(json.dumps({k: statistics.median(v) * 1000 for k, v in timings.items()}))
"""
    result = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "-c", code.replace("sys.argv[-1]", f"'{samples}'")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(args):
    RESULTS.mkdir(parents=True, exist_ok=True)
    static_root = Path(tempfile.mkdtemp(prefix="bench-static-"))
    redis_url = f"redis://127.0.0.1:6379/{args.redis_db}"
    base_env = server_env(args.database_url, redis_url, static_root)
    subprocess.run(
        [str(PYTHON), "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=base_env,
        check=True,
    )
    facts, urls = pick_urls(base_env)
    result = {
        "label": args.label,
        "articles": facts["articles"],
        "section_articles": facts["section_articles"],
        "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "nproc": os.cpu_count(),
        "modes": {},
    }
    for mode, response_cache in (("cold", False), ("warm", True)):
        env = server_env(args.database_url, redis_url, static_root, response_cache=response_cache)
        queries = count_queries(env, urls)
        process = start_server(env, args.port)
        rows = []
        try:
            for name, path in urls:
                url = f"http://127.0.0.1:{args.port}{path}"
                wrk(url, 2, 2)  # warm-up: caches, connections
                before = load()[0]
                single = wrk(url, 1, args.seconds)
                many = wrk(url, 16, args.seconds)
                rows.append(
                    {
                        "name": name,
                        "path": path,
                        "status": queries[path][0],
                        "queries": queries[path][1],
                        "first_queries": queries[path][2],
                        "first_ms": queries[path][3],
                        "single": single,
                        "many": many,
                        "load": [before, load()[0]],
                    }
                )
                print(f"{args.label} {mode} {name}: {single} {many}", flush=True)
                time.sleep(3)  # let the workers finish what the 16 connections left queued
        finally:
            stop_server(process)
        result["modes"][mode] = rows
    result["review"] = time_review_actions(base_env, args.review_samples)
    result["finished"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    shutil.rmtree(static_root, ignore_errors=True)
    (RESULTS / f"{args.label}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    render()


def render():
    parts = []
    for path in sorted(RESULTS.glob("*.json"), key=lambda p: json.loads(p.read_text())["articles"]):
        r = json.loads(path.read_text())
        parts.append(
            f"### {r['articles']:,} live articles ({r['label']}; largest section "
            f"{r['section_articles']:,}), {r['started']} – {r['finished']}\n"
        )
        for mode, rows in r["modes"].items():
            parts.append(
                f"**{mode}** ({MODE_TITLES.get(mode, mode)}): p50/p99 in ms; 1 = one "
                "connection, 16 = sixteen connections; after a change = the first request "
                "after the content version changed (in-process, median of 3)\n"
            )
            parts.append(
                "| endpoint | SQL queries | req/s (1) | p50 (1) | p99 (1) | req/s (16) "
                "| p50 (16) | p99 (16) | after a change | load avg |"
            )
            parts.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
            for row in rows:
                s, m = row["single"], row["many"]
                errors = f" ({m['non2xx']} non-2xx)" if m["non2xx"] or s["non2xx"] else ""
                first = (
                    f"{row['first_queries']} q, {row['first_ms']:.0f} ms"
                    if "first_ms" in row
                    else "–"
                )
                parts.append(
                    f"| {row['name']}{errors} | {row['queries']} | {s['rps']:.0f} | "
                    f"{s['p50']:.1f} | {s['p99']:.1f} | {m['rps']:.0f} | {m['p50']:.1f} | "
                    f"{m['p99']:.1f} | {first} | {row['load'][0]:.1f}–{row['load'][1]:.1f} |"
                )
            parts.append("")
        review = ", ".join(f"{k} {v:.0f} ms" for k, v in r["review"].items())
        parts.append(f"Review actions, p50: {review}.\n")
    text = DOC.read_text() if DOC.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    DOC.write_text(f"{before}{START}\n\n" + "\n".join(parts) + f"\n{END}{after}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url")
    parser.add_argument("--label")
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--seconds", type=int, default=6)
    parser.add_argument("--redis-db", type=int, default=5)
    parser.add_argument("--review-samples", type=int, default=15)
    parser.add_argument("--render-only", action="store_true")
    args = parser.parse_args()
    if args.render_only:
        render()
        return
    if not args.database_url or not args.label:
        parser.error("--database-url and --label are required")
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")
    run(args)


if __name__ == "__main__":
    main()
