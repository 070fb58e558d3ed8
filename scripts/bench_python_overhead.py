#!/usr/bin/env python3
"""Benchmark: per-case overhead of judging a Python function problem.

Usage: python3 scripts/bench_python_overhead.py [path/to/judge]

Builds a throw-away registry with one trivial function problem (`add`) in two
sizes, 1 case and 50 cases, judges the same solution on both (median of 5
runs each) and prints:
- per-case overhead = (T50 - T1) / 49, in ms, in both modes: the default
  batch mode (one sandboxed process runs the cases in sequence: request,
  call, result, boundary figures, classification) and `--isolate` (a fresh
  sandboxed process per case: sandbox set-up, interpreter start, driver,
  result channel, classification), and their ratio;
- the same for a C++ solution (batch vs a fresh process per case);
- the baseline in the same run: a bare `python3 -c pass` start with `site`
  (a "full interpreter start") and with `-I -S` (what the driver uses),
  and the ratio of judge's per-case overhead to the full start.
Prints figures only; asserts nothing.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

JUDGE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/judge")
RUNS = 5


def make_registry(root, cases):
    d = os.path.join(root, f"add-{cases}")
    os.makedirs(os.path.join(d, "cases", "hidden"))
    with open(os.path.join(d, "problem.toml"), "w") as f:
        f.write(f'id = "add-{cases}"\ntitle = "add"\nkind = "function"\n'
                '[limits]\ntime_ms = 2000\nmemory_mib = 256\n'
                '[function]\nsignature = "add(a: int, b: int) -> int"\n')
    for i in range(cases):
        with open(os.path.join(d, "cases", "hidden", f"{i:03}.in"), "w") as f:
            f.write(json.dumps([i, 2 * i]))
        with open(os.path.join(d, "cases", "hidden", f"{i:03}.ans"), "w") as f:
            f.write(json.dumps(3 * i))


def timed(cmd):
    start = time.perf_counter()
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    return elapsed, out


def median_run(cmd):
    times = []
    for _ in range(RUNS):
        t, out = timed(cmd)
        if out.returncode != 0:
            sys.exit(f"benchmark command failed: {' '.join(cmd)}\n{out.stdout.decode()}{out.stderr.decode()}")
        times.append(t)
    return statistics.median(times)


def main():
    root = tempfile.mkdtemp(prefix="judge-bench-")
    try:
        make_registry(root, 1)
        make_registry(root, 50)
        py = os.path.join(root, "add.py")
        with open(py, "w") as f:
            f.write("def add(a, b):\n    return a + b\n")
        cpp = os.path.join(root, "add.cpp")
        with open(cpp, "w") as f:
            f.write("long long add(long long a, long long b) { return a + b; }\n")
        results = {}
        for name, sol in (("python", py), ("cpp", cpp)):
            for mode, flags in (("batch", []), ("isolate", ["--isolate"])):
                base = [JUDGE, "run", sol, "--problems", root, "--format", "json", *flags]
                t1 = median_run(base + ["-p", "add-1"])
                t50 = median_run(base + ["-p", "add-50"])
                results[(name, mode)] = (t1, t50, (t50 - t1) / 49)
        python = shutil.which("python3")
        full = median_run([python, "-c", "pass"])
        bare = median_run([python, "-I", "-S", "-c", "pass"])
        print(f"judge: {JUDGE}")
        for (name, mode), (t1, t50, per) in results.items():
            print(f"{name:7} {mode:8} 1 case {t1 * 1000:7.1f} ms | 50 cases {t50 * 1000:7.1f} ms | per case {per * 1000:6.1f} ms")
        for name in ("python", "cpp"):
            b, i = results[(name, "batch")], results[(name, "isolate")]
            print(f"{name:7} batch / isolate: per case {b[2] / i[2]:.2f}, 50 cases {b[1] / i[1]:.2f}")
        per_py = results[("python", "batch")][2]
        per_py_isolate = results[("python", "isolate")][2]
        print(f"baseline python3 -c pass (with site, a full start): {full * 1000:6.1f} ms;"
              f" python3 -I -S -c pass: {bare * 1000:6.1f} ms")
        print(f"ratio: judge per-case Python overhead / full interpreter start = {per_py / full:.2f} (batch),"
              f" {per_py_isolate / full:.2f} (--isolate)")
        print(f"50-case Python problem: {results[('python', 'batch')][1] * 1000:.0f} ms in all"
              f" ({results[('python', 'isolate')][1] * 1000:.0f} ms with --isolate)"
              f" (a full interpreter start per case alone would be {full * 50 * 1000:.0f} ms)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


main()
