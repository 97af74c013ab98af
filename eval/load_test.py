"""Load test of the Gradio app: concurrent sessions asking questions and checking essays.

Starts the app in a child process on 127.0.0.1 (never another interface), opens N
gradio_client sessions that alternate ``/ask`` and ``/check`` until the time is up (or a call
budget is spent), records every call's latency and any error, and samples the server's
resident memory. Writes ``eval/reports/load.md`` and ``eval/reports/load.png``.

Usage:
    python -m eval.load_test                      # 50 sessions for 60 s
    python -m eval.load_test --sessions 10 --seconds 20
"""

from __future__ import annotations

import argparse
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eval.common import REPORTS, figure_png, pyplot, write_atomic_bytes

HOST = "127.0.0.1"
START_TIMEOUT_S = 300.0
CALL_TIMEOUT_S = 180.0
SAMPLE_EVERY_S = 0.5

QUESTIONS: tuple[str, ...] = (
    "How long before a behaviour policy shows impact?",
    "How should leaders support teachers' professional development?",
    "What does the framework say about retrieval practice?",
    "How can a school support pupils with SEND?",
    "What is the capital of France?",
    "How do trusts manage resources across several schools?",
)
ESSAYS: tuple[str, ...] = (
    "Behaviour policies usually take more than a school term to show their impact (NPQSL 4.3). "
    "Pupils benefit from consistent routines that are taught explicitly (NPQSL 4.25).",
    "Working memory is limited and can be overloaded (NPQLT 3.4). Homework quantity matters "
    "most for outcomes (NPQSL 2.5). Leaders should make sure staff create a safe and "
    "predictable environment for pupils.",
    "High-quality teaching has a long-term positive effect on pupils' life chances (NPQSL 1.1). "
    "Professional development should be sustained over time (NPQEL 6.2).",
)


@dataclass(frozen=True, slots=True)
class Call:
    """One request: which endpoint, when it started (s after the load began), how long."""

    endpoint: str
    start: float
    seconds: float
    ok: bool
    error: str = ""


@dataclass(slots=True)
class Run:
    """Everything measured in one load test."""

    sessions: int
    seconds: float
    calls: list[Call] = field(default_factory=list)
    connect_errors: list[str] = field(default_factory=list)
    rss: list[tuple[float, float]] = field(default_factory=list)  # (s after ready, MB)
    load_start: float = 0.0  # s after ready
    load_end: float = 0.0
    startup_s: float = 0.0


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear interpolation; 0 for no values."""
    if not values:
        return 0.0
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


# --------------------------------------------------------------------------- server


def start_server(port: int, log_path: Path) -> subprocess.Popen[bytes]:
    """The app in a child process, bound to 127.0.0.1, without basic auth."""
    from assistant.settings import Settings

    ui = Settings().ui
    env = {k: v for k, v in os.environ.items() if k not in (ui.auth_user_env, ui.auth_password_env)}
    env["GRADIO_ANALYTICS_ENABLED"] = "False"
    code = f"import sys; from ui.app import main; sys.exit(main({HOST!r}, {port}))"
    with log_path.open("wb") as log:
        return subprocess.Popen(
            [sys.executable, "-c", code],
            cwd=Path(__file__).resolve().parents[1],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def wait_ready(proc: subprocess.Popen[bytes], url: str, timeout: float) -> None:
    """Return once the app answers HTTP; raise if the process dies or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited with status {proc.returncode} while starting")
        try:
            with urllib.request.urlopen(url + "config", timeout=5) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the app did not answer at {url} within {timeout:.0f} s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Stop the child we started: SIGINT, then SIGTERM, then SIGKILL."""
    for sig, wait in ((signal.SIGINT, 15), (signal.SIGTERM, 10)):
        if proc.poll() is not None:
            return
        proc.send_signal(sig)
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)


def sample_rss(pid: int, t0: float, out: list[tuple[float, float]], stop: threading.Event) -> None:
    """Append (seconds since t0, RSS in MB of the server and its children) until stopped."""
    import psutil

    try:
        proc = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    while not stop.is_set():
        try:
            rss = proc.memory_info().rss
            for child in proc.children(recursive=True):
                try:
                    rss += child.memory_info().rss
                except psutil.NoSuchProcess:
                    continue
        except psutil.NoSuchProcess:
            return
        out.append((time.monotonic() - t0, rss / 1024 / 1024))
        stop.wait(SAMPLE_EVERY_S)


# --------------------------------------------------------------------------- clients


def _check_result(endpoint: str, result: Any) -> str:
    """'' when a result looks right; otherwise what is wrong with it."""
    if endpoint == "ask":
        chat = result[1]
        text = "".join(p.get("text", "") for p in chat[-1]["content"]) if chat else ""
        if "[" not in text and "don't cover" not in text:
            return f"answer without citations or abstention: {text[:80]!r}"
        return ""
    html = result[0]
    return "" if "data-verdict" in html else f"check without verdicts: {html[:80]!r}"


def session(
    index: int,
    url: str,
    t0: float,
    deadline: float,
    budget: list[int],
    lock: threading.Lock,
    run: Run,
) -> None:
    """One user: connect, then alternate ask and check until the deadline or budget."""
    from gradio_client import Client

    try:
        client = Client(url, verbose=False, download_files=False, max_workers=2)
    except Exception as exc:  # any failure to connect is a measured error, not a crash
        with lock:
            run.connect_errors.append(f"session {index}: {type(exc).__name__}: {exc}"[:300])
        return
    n = index
    while time.monotonic() < deadline:
        with lock:
            if budget[0] <= 0:
                return
            budget[0] -= 1
        endpoint = "ask" if n % 2 == 0 else "check"
        args: tuple[Any, ...] = (
            (QUESTIONS[n % len(QUESTIONS)], [], "All")
            if endpoint == "ask"
            else (ESSAYS[n % len(ESSAYS)], None)
        )
        n += 1
        start = time.monotonic()
        error = ""
        try:
            job = client.submit(*args, api_name=f"/{endpoint}")
            error = _check_result(endpoint, job.result(timeout=CALL_TIMEOUT_S))
        except Exception as exc:  # timeouts, HTTP and app errors are all counted
            error = f"{type(exc).__name__}: {exc}"[:300]
        seconds = time.monotonic() - start
        with lock:
            run.calls.append(Call(endpoint, start - t0, seconds, not error, error))


def run_load(sessions: int, seconds: float, max_calls: int, log_path: Path) -> Run:
    """Start the app, drive it with ``sessions`` clients for ``seconds``, stop it."""
    if sessions < 1 or seconds <= 0 or max_calls < 1:
        raise ValueError(
            f"sessions, seconds and max_calls must be positive; got {sessions}, {seconds}, "
            f"{max_calls}"
        )
    port = free_port()
    url = f"http://{HOST}:{port}/"
    run = Run(sessions, seconds)
    t_launch = time.monotonic()
    proc = start_server(port, log_path)
    stop = threading.Event()
    sampler: threading.Thread | None = None
    try:
        print(f"starting the app on {url} (log: {log_path})", flush=True)
        wait_ready(proc, url, START_TIMEOUT_S)
        t0 = time.monotonic()
        run.startup_s = t0 - t_launch
        sampler = threading.Thread(
            target=sample_rss, args=(proc.pid, t0, run.rss, stop), daemon=True
        )
        sampler.start()
        time.sleep(2.0)  # a baseline before any load
        lock = threading.Lock()
        budget = [max_calls]
        run.load_start = time.monotonic() - t0
        deadline = time.monotonic() + seconds
        print(
            f"ready in {run.startup_s:.1f} s; {sessions} sessions for {seconds:.0f} s", flush=True
        )
        threads = [
            threading.Thread(
                target=session, args=(i, url, t0, deadline, budget, lock, run), daemon=True
            )
            for i in range(sessions)
        ]
        for t in threads:
            t.start()
        for t in threads:  # a call in flight at the deadline may take up to CALL_TIMEOUT_S
            t.join(max(0.0, deadline - time.monotonic()) + CALL_TIMEOUT_S + 10)
        run.load_end = time.monotonic() - t0
        time.sleep(2.0)  # memory after the load
    finally:
        stop.set()
        if sampler is not None:
            sampler.join(5)
        stop_server(proc)
    return run


# --------------------------------------------------------------------------- report


def summarise(run: Run) -> dict[str, Any]:
    """Latency percentiles per endpoint, errors, throughput and memory."""
    out: dict[str, Any] = {"endpoints": {}}
    for name in ("ask", "check", "all"):
        calls = [c for c in run.calls if name == "all" or c.endpoint == name]
        lat = [c.seconds for c in calls if c.ok]
        out["endpoints"][name] = {
            "calls": len(calls),
            "errors": sum(1 for c in calls if not c.ok),
            "p50": percentile(lat, 50),
            "p95": percentile(lat, 95),
            "p99": percentile(lat, 99),
            "max": max(lat, default=0.0),
            "mean": statistics.fmean(lat) if lat else 0.0,
        }
    span = max(run.load_end - run.load_start, 1e-9)
    out["throughput"] = sum(1 for c in run.calls if c.ok) / span
    during = [mb for t, mb in run.rss if t <= run.load_start] or [mb for _t, mb in run.rss[:1]]
    out["rss_start"] = during[-1] if during else 0.0
    out["rss_end"] = run.rss[-1][1] if run.rss else 0.0
    out["rss_peak"] = max((mb for _t, mb in run.rss), default=0.0)
    errors: dict[str, int] = {}
    for c in run.calls:
        if not c.ok:
            key = c.error[:120]
            errors[key] = errors.get(key, 0) + 1
    out["error_kinds"] = errors
    return out


def report_markdown(run: Run, s: dict[str, Any], log_tail: str) -> str:
    """The load report."""
    from ui.app import CONCURRENCY

    e = s["endpoints"]
    lines = [
        "# Load test: the Gradio app",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}. The app ran in its own "
        f"process on {HOST} (started in {run.startup_s:.1f} s, index from the configured data "
        f"folder); model-backed endpoints run {CONCURRENCY} at a time, the rest wait in "
        "Gradio's queue.",
        "",
        f"**{run.sessions} concurrent gradio_client sessions for {run.seconds:.0f} s**, each "
        "alternating `/ask` (a question; evidence-brief backend) and `/check` (a short essay "
        "with two or three citations). Latency is per call as a user sees it: queueing plus "
        "work, to the final result.",
        "",
        "| endpoint | calls | errors | p50 s | p95 s | p99 s | max s | mean s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in ("ask", "check", "all"):
        x = e[name]
        lines.append(
            f"| {name} | {x['calls']} | {x['errors']} | {x['p50']:.2f} | {x['p95']:.2f} | "
            f"{x['p99']:.2f} | {x['max']:.2f} | {x['mean']:.2f} |"
        )
    lines += [
        "",
        f"Throughput: {s['throughput']:.1f} successful calls/s. Sessions that failed to "
        f"connect: {len(run.connect_errors)}.",
        "",
        f"Server memory (RSS): {s['rss_start']:.0f} MB before the load, peak "
        f"{s['rss_peak']:.0f} MB, {s['rss_end']:.0f} MB after it "
        f"({s['rss_end'] - s['rss_start']:+.0f} MB).",
        "",
        "![latency and memory](load.png)",
    ]
    if s["error_kinds"] or run.connect_errors:
        lines += ["", "## Errors", ""]
        for msg, n in sorted(s["error_kinds"].items(), key=lambda p: -p[1]):
            lines.append(f"- {n} × `{msg}`")
        for msg in run.connect_errors[:10]:
            lines.append(f"- connect: `{msg}`")
        if log_tail:
            lines += ["", "Server log (tail):", "", "```", log_tail, "```"]
    lines += [
        "",
        "Reproduce: `python -m eval.load_test --sessions "
        f"{run.sessions} --seconds {run.seconds:.0f}`",
        "",
    ]
    return "\n".join(lines)


def report_figure(run: Run) -> bytes:
    """Latency histograms per endpoint, and server RSS over time."""
    plt = pyplot()

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.2))
    for name, colour in (("ask", "#2563eb"), ("check", "#d97706")):
        lat = [c.seconds for c in run.calls if c.ok and c.endpoint == name]
        if lat:
            ax1.hist(lat, bins=30, alpha=0.6, color=colour, label=f"{name} (n={len(lat)})")
    ax1.set_xlabel("latency per call (s)")
    ax1.set_ylabel("calls")
    ax1.set_title(f"Latency, {run.sessions} concurrent sessions")
    ax1.legend()
    if run.rss:
        ts, mbs = zip(*run.rss, strict=True)
        ax2.plot(ts, mbs, color="#111827")
        ax2.axvspan(run.load_start, run.load_end, color="#fde68a", alpha=0.5, label="load")
        ax2.legend()
    ax2.set_xlabel("time since the app was ready (s)")
    ax2.set_ylabel("server RSS (MB)")
    ax2.set_title("Server memory")
    return figure_png(fig)


def main(argv: list[str] | None = None) -> int:
    """Run the load test and write the report. Returns the exit status."""
    p = argparse.ArgumentParser(prog="python -m eval.load_test", description=__doc__.split("\n")[0])
    p.add_argument("--sessions", type=int, default=50, help="concurrent sessions (default 50)")
    p.add_argument("--seconds", type=float, default=60.0, help="duration of the load (default 60)")
    p.add_argument(
        "--max-calls", type=int, default=20_000, help="stop after this many calls in all"
    )
    p.add_argument("--out", type=Path, default=REPORTS, help="report folder")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="npq-load-") as tmp:
        log_path = Path(tmp) / "server.log"
        try:
            run = run_load(args.sessions, args.seconds, args.max_calls, log_path)
        except (RuntimeError, ValueError) as exc:
            tail = log_path.read_text(errors="replace")[-2000:] if log_path.exists() else ""
            print(f"load test failed: {exc}\n{tail}", file=sys.stderr)
            return 2
        log_tail = "\n".join(log_path.read_text(errors="replace").splitlines()[-15:])
    s = summarise(run)
    write_atomic_bytes(args.out / "load.md", report_markdown(run, s, log_tail).encode())
    write_atomic_bytes(args.out / "load.png", report_figure(run))
    a = s["endpoints"]["all"]
    print(
        f"{a['calls']} calls, {a['errors']} errors; p50 {a['p50']:.2f} s, p95 {a['p95']:.2f} s; "
        f"RSS {s['rss_start']:.0f} -> {s['rss_end']:.0f} MB (peak {s['rss_peak']:.0f}); "
        f"wrote {args.out / 'load.md'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
