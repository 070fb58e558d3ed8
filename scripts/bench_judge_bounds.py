#!/usr/bin/env python3
"""Benchmark: the judge's OWN work on hostile stdio output stays bounded.

Usage: python3 scripts/bench_judge_bounds.py [path/to/judge] [--big-mib N] [--timeout S]

--big-mib: size of the large outputs (default 60; the output limit is 64 MiB);
--timeout: a judge still running after S seconds (default 120) is killed and
its row says so (an unbounded judge, e.g. a build from before issue 7).

The judge runs outside every limit, so what it does with a solution's output
(check it, diff it, report it) must be bounded. This drives the real binary on
worst-case wrong (or, once, right) answers to a failing *sample* case (so the
diff is computed), against the registry tests/fixtures/bench-problems (copied
to a temporary directory, where the large answers some scenarios need are
written). For each scenario it polls /proc/PID of the judge process every
~5 ms until it exits and prints:

- judge RSS: the judge process's own peak resident set (VmHWM), MiB;
- judge CPU: utime + stime of the judge pid only (fields 14-15 of
  /proc/PID/stat, read from the zombie before it is reaped, so exact); the
  children's time (fields 16-17: the sandbox helper and the solution) is NOT
  counted;
- wall: from spawn to exit (includes running the solution);

next to the targets (200 MiB, 2 s per case) and, as ratios, against a
baseline in the same run: an accepted one-line answer.
Prints figures only; asserts nothing.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ARGS = [a for i, a in enumerate(sys.argv[1:]) if not a.startswith("--") and not sys.argv[i].startswith("--")]
JUDGE = os.path.abspath(ARGS[0] if ARGS else "target/release/judge")
BIG_MIB = 60
if "--big-mib" in sys.argv:
    BIG_MIB = int(sys.argv[sys.argv.index("--big-mib") + 1])
BIG = BIG_MIB << 20
SMALL_MIB = min(16, BIG_MIB)
TIMEOUT = 120.0
if "--timeout" in sys.argv:
    TIMEOUT = float(sys.argv[sys.argv.index("--timeout") + 1])
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(REPO, "tests", "fixtures", "bench-problems")
TICK = os.sysconf("SC_CLK_TCK")
RSS_TARGET_MIB = 200
CPU_TARGET_S = 2.0

# Solutions: Python programs that write `expr` (a bytes expression) to stdout.
def solution(expr):
    return f"import sys\nsys.stdin.read()\nsys.stdout.buffer.write({expr})\n"


# Function-problem solutions that write `line` (a bytes expression) on the
# result channel themselves, as a forger would, then exit.
def channel(expr):
    return f"import os\n\ndef big():\n    data = {expr}\n    while data:\n        data = data[os.write(3, data):]\n    os._exit(0)\n"


def float_answer():
    n = BIG // 9
    return b"1.000000 " * n + b"\n"


# (name, problem, solution source, answer bytes or None for the fixture's "42")
SCENARIOS = [
    ("baseline: AC, one line", "bounds-lines", solution('b"42\\n"'), None),
    (f"{SMALL_MIB} MiB of newlines", "bounds-lines", solution(f'b"\\n" * ({SMALL_MIB} << 20)'), None),
    (f"{BIG_MIB} MiB of newlines (exact)", "bounds-exact", solution(f'b"\\n" * {BIG}'), None),
    (f"{BIG_MIB} MiB single line", "bounds-tokens", solution(f'b"a" * {BIG}'), None),
    (f"{BIG_MIB} MiB line, differs at the end", "bounds-lines",
     solution(f'b"ab " * ({BIG} // 3 - 1) + b"ax \\n"'), lambda: b"ab " * (BIG // 3) + b"\n"),
    (f"{BIG_MIB} MiB of short tokens", "bounds-tokens", solution(f'b"a " * ({BIG} // 2)'), None),
    (f"{BIG_MIB} MiB of tokens (kattis, space-sensitive)", "bounds-kattis-space", solution(f'b"4 2 " * ({BIG} // 4)'), None),
    (f"{BIG_MIB} MiB near-equal floats", "bounds-float",
     solution(f'b"1.000001 " * ({BIG} // 9 - 1) + b"2.000000 \\n"'), float_answer),
    (f"{BIG_MIB} MiB numeric token", "bounds-float", solution(f'b"1." + b"0" * {BIG} + b"1\\n"'), None),
    (f"{BIG_MIB} MiB of lines (unordered)", "bounds-unordered", solution(f'b"1\\n" * ({BIG} // 2)'), None),
    (f"{BIG_MIB} MiB result on the channel", "bounds-result",
     channel(f'b\'{{"status":"ok","value":[\' + b"1," * ({BIG} // 2) + b"1]}}\\n"'), None),
    ("64 Ki-deep nested result", "bounds-result",
     channel('b\'{"status":"ok","value":\' + b"[" * 65000 + b"]" * 65000 + b"}\\n"'), None),
    ("result of 4x a 2 MiB answer, all wrong", "bounds-result",
     channel('b\'{"status":"ok","value":[\' + b"7," * (4 << 20) + b"7]}\\n"'),
     lambda: b"[" + b"1, " * ((2 << 20) // 3) + b"1]\n"),
    (f"{SMALL_MIB} MiB, every line differs", "bounds-lines",
     solution(f'b"".join(b"%d\\n" % (i * 7919 % 1000003) for i in range({SMALL_MIB} << 17))'),
     lambda: b"".join(b"%d\n" % i for i in range(SMALL_MIB << 17))),
]


def stat_cpu(pid):
    """utime + stime of `pid` only, seconds (fields 14-15 of /proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is field 3 (state): utime is field 14, stime field 15.
    return (int(fields[11]) + int(fields[12])) / TICK


def vm_hwm_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(cmd, out_path):
    """Run `cmd`; return (peak RSS KiB, own CPU s, wall s, exit code or None
    when killed after TIMEOUT seconds)."""
    with open(out_path, "wb") as out, open(os.devnull, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, start_new_session=True)
    pid = proc.pid
    peak = 0
    cpu = 0.0
    while True:
        peak = max(peak, vm_hwm_kib(pid))
        # Exited? Look without reaping, so that the zombie's stat is readable.
        info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        if info is not None:
            wall = time.perf_counter() - start
            cpu = stat_cpu(pid)
            break
        try:
            cpu = stat_cpu(pid)
        except OSError:
            pass
        if time.perf_counter() - start > TIMEOUT:
            # Kill the judge's process group: the judge and its sandbox.
            os.killpg(pid, 9)
            proc.wait()
            return peak, cpu, time.perf_counter() - start, None
        time.sleep(0.005)
    code = proc.wait()
    return peak, cpu, wall, code


def main():
    if not os.path.exists(JUDGE):
        sys.exit(f"no judge binary at {JUDGE} (run `make release`)")
    tmp = tempfile.mkdtemp(prefix="judge-bounds-")
    try:
        rows = []
        for name, problem, source, answer in SCENARIOS:
            reg = os.path.join(tmp, "reg")
            shutil.rmtree(reg, ignore_errors=True)
            shutil.copytree(FIXTURES, reg)
            if answer is not None:
                with open(os.path.join(reg, problem, "cases", "sample", "01.ans"), "wb") as f:
                    f.write(answer())
            sol = os.path.join(tmp, "solution.py")
            with open(sol, "w") as f:
                f.write(source)
            report = os.path.join(tmp, "report.json")
            cmd = [JUDGE, "run", sol, "-p", problem, "--problems", reg, "--format", "json"]
            peak, cpu, wall, code = measure(cmd, report)
            if code is None:
                rows.append((name, problem.removeprefix("bounds-"), "killed", peak / 1024, cpu, wall, f"still running after {TIMEOUT:.0f} s"))
                print(f"  ran: {name}: killed after {TIMEOUT:.0f} s, {peak / 1024:.1f} MiB, {cpu:.2f} s CPU", file=sys.stderr)
                continue
            try:
                with open(report) as f:
                    rep = json.load(f)
                verdict = rep.get("verdict", "?")
                case = (rep.get("cases") or [{}])[0]
                diff = (case.get("details") or {}).get("diff") or ""
                note = diff.splitlines()[0][:60] if diff else ""
            except (OSError, ValueError):
                verdict, note = f"no report (exit {code})", ""
            rows.append((name, problem.removeprefix("bounds-"), verdict, peak / 1024, cpu, wall, note))
            print(f"  ran: {name}: {verdict}, {peak / 1024:.1f} MiB, {cpu:.2f} s CPU, {wall:.2f} s wall", file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    base_rss, base_cpu = rows[0][3], max(rows[0][4], 1 / TICK)
    print(f"judge's own peak RSS (VmHWM) and CPU (utime+stime of the judge pid, not its children) per case;")
    print(f"targets: < {RSS_TARGET_MIB} MiB, < {CPU_TARGET_S:.0f} s. Baseline: the first row. CPU resolution {1000 // TICK} ms.")
    head = f"{'scenario':<44} {'checker':<12} {'verdict':<7} {'RSS MiB':>8} {'x base':>6} {'CPU s':>6} {'x base':>7} {'wall s':>7}  {'within':<6}"
    print(head)
    print("-" * len(head))
    for name, checker, verdict, rss, cpu, wall, _ in rows:
        ok = "yes" if rss < RSS_TARGET_MIB and cpu < CPU_TARGET_S else "NO"
        print(f"{name:<44} {checker:<12} {verdict:<7} {rss:>8.1f} {rss / base_rss:>6.1f} {cpu:>6.2f} {cpu / base_cpu:>7.1f} {wall:>7.2f}  {ok:<6}")
    print()
    print("first line of each diff:")
    for name, _, _, _, _, _, note in rows:
        if note:
            print(f"  {name}: {note}")


if __name__ == "__main__":
    main()
