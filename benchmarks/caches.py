"""What each of the anonymous pages' caches pays for, measured in one run.

    python benchmarks/caches.py [--duration 3] [--rounds 3] [--connections 16]

Serves the demo content as `make run` does (see benchmarks/throughput.py) four times: with every
cache, without the whole-page cache (``guichet.web.page_cache``), without it nor the per-process
cards (``guichet.web.cards``), and without any of them nor the page frame's fragments. Each page's
rate is measured right after the bare Django view's in the same server, and the round with the
median ratio is shown: a cache is worth its code where removing it lowers that share clearly.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import tempfile
import urllib.request
from pathlib import Path

from throughput import BIN, PAGES, ROOT, SERVING, free_port, run_wrk, start_server

VARIANTS = [("every cache", ""), ("no page cache", "pages"), ("no page cache, no card store", "pages,cards"),
            ("none (no frame fragments either)", "pages,cards,fragments")]
MEASURED = [page for page in PAGES[1:] if page[2] is None]  # distinct searches are the model's, whatever the caches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    folder = Path(tempfile.mkdtemp(prefix="guichet-caches-"))
    base_env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}", "PYTHONPATH": str(SERVING),
                "DJANGO_SETTINGS_MODULE": "bench_settings"}
    subprocess.run([str(BIN / "guichet"), "init"], cwd=ROOT, env=base_env, check=True, capture_output=True)
    print(f"wrk -t2 -c{args.connections}, gunicorn as `make run` serves it, {os.cpu_count()} cores; share of the bare "
          f"view's rate measured just before, median of {args.rounds} rounds of {args.duration} s.\n")
    print("| caches | " + " | ".join(label for label, _path, _script in MEASURED) + " |")
    print("|---|" + "---|" * len(MEASURED))
    try:
        for name, without in VARIANTS:
            env = {**base_env, "GUICHET_BENCH_WITHOUT": without}
            port = free_port()
            server = start_server(env, port, folder / f"server-{port}.log")
            try:
                base = f"http://127.0.0.1:{port}"
                cells = []
                for _label, path, _script in MEASURED:
                    urllib.request.urlopen(base + path, timeout=30).read()
                    rounds = []
                    for _ in range(args.rounds):
                        ceiling = run_wrk(base + PAGES[0][1], args.connections, args.duration, None).rate
                        measure = run_wrk(base + path, args.connections, args.duration, None)
                        rounds.append((measure.rate / ceiling, measure))
                    share, measure = sorted(rounds, key=lambda r: r[0])[len(rounds) // 2]
                    cells.append(f"{share:.0%} ({measure.rate:,.0f} req/s, p99 {measure.p99_ms:.0f} ms)")
                print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
