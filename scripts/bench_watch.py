#!/usr/bin/env python3
"""Save -> first sample verdict on screen, for `judge watch` (a benchmark, not a test).

Drives the real binary in piped mode (`judge watch FILE --samples`): each
iteration saves the solution as editors do (write a temporary file, rename it
over the solution; a different trailing comment each time), timestamps the
rename, and timestamps the arrival of the first sample case's line of the new
run on judge's stdout. Median (and min/max) over N saves, per problem: a Python
function problem (longest-clean-span) and a C++ one (top-k-sampling).

Baseline in the same run: `judge run FILE --samples` started from scratch
(process start, problem load, prepare, build, first sample), time to its first
sample line, median over the same N.

Usage: python3 scripts/bench_watch.py [target/release/judge] [N]
Prints figures; asserts nothing.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JUDGE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "target/release/judge"))
N = int(sys.argv[2]) if len(sys.argv) > 2 else 20

CASES = [
    ("Python (longest-clean-span)", "longest_clean_span.py", os.path.join(REPO, "examples/longest_clean_span.py"), "#"),
    ("C++ (top-k-sampling)", "top_k_sampling.cpp", os.path.join(REPO, "examples/top_k_sampling.cpp"), "//"),
]


class Lines:
    """Lines of a pipe with their arrival time (monotonic), read by a thread."""

    def __init__(self, pipe):
        self.lines = []
        self.cv = threading.Condition()
        threading.Thread(target=self._read, args=(pipe,), daemon=True).start()

    def _read(self, pipe):
        for raw in iter(pipe.readline, b""):
            with self.cv:
                self.lines.append((time.monotonic(), raw.decode("utf-8", "replace")))
                self.cv.notify_all()

    def wait(self, start, pred, timeout=300):
        """Index and time of the first line at or after `start` matching `pred`."""
        deadline = time.monotonic() + timeout
        with self.cv:
            while True:
                for i in range(start, len(self.lines)):
                    if pred(self.lines[i][1]):
                        return i, self.lines[i][0]
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SystemExit("timed out; output so far:\n" + "".join(l for _, l in self.lines[-40:]))
                self.cv.wait(left)


def is_sample(line):
    return line.startswith("  sample/")


def is_summary(line):
    return " passed · " in line and not line.startswith(" ")


def save(path, source, n, comment):
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
    with open(tmp, "w") as f:
        f.write(source + f"\n{comment} save {n}\n")
    t0 = time.monotonic()
    os.rename(tmp, path)
    return t0


def bench_watch(name, source, comment, workdir):
    path = os.path.join(workdir, name)
    with open(path, "w") as f:
        f.write(source)
    env = dict(os.environ, NO_COLOR="1")
    env.pop("JUDGE_PROBLEMS", None)
    p = subprocess.Popen([JUDGE, "watch", path, "--samples"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    lines = Lines(p.stdout)
    try:
        pos, _ = lines.wait(0, is_summary)
        times = []
        for n in range(1, N + 1):
            t0 = save(path, source, n, comment)
            sep, _ = lines.wait(pos + 1, lambda l: l.startswith(f"── run {n + 1} "))
            _, t1 = lines.wait(sep, is_sample)
            pos, _ = lines.wait(sep, is_summary)
            times.append((t1 - t0) * 1000)
            time.sleep(0.2)
        return times
    finally:
        p.terminate()
        p.wait()


def bench_run(name, source, workdir):
    path = os.path.join(workdir, "run_" + name)
    with open(path, "w") as f:
        f.write(source)
    env = dict(os.environ, NO_COLOR="1")
    env.pop("JUDGE_PROBLEMS", None)
    times = []
    for _ in range(N):
        t0 = time.monotonic()
        p = subprocess.Popen([JUDGE, "run", path, "--samples"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        lines = Lines(p.stdout)
        _, t1 = lines.wait(0, is_sample)
        p.wait()
        times.append((t1 - t0) * 1000)
    return times


def fmt(ts):
    return f"median {statistics.median(ts):6.0f} ms  (min {min(ts):5.0f}, max {max(ts):5.0f})"


def main():
    print(f"judge watch: save -> first sample verdict, {N} saves each, {JUDGE}")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as workdir:
        for label, name, src_path, comment in CASES:
            source = open(src_path).read()
            w = bench_watch(name, source, comment, workdir)
            r = bench_run(name, source, workdir)
            ratio = statistics.median(w) / statistics.median(r)
            print(f"{label:30} watch: {fmt(w)}")
            print(f"{'':30} judge run from scratch: {fmt(r)}  -> watch/run {ratio:.2f}")


if __name__ == "__main__":
    main()
