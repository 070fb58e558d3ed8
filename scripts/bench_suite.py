#!/usr/bin/env python3
"""The benchmark suite of issue 13: judge against bare loops and peer tools.

Usage: python3 scripts/bench_suite.py [path/to/judge] [options]
  --runs N           timed repeats per measurement (default 5; medians)
  --cold-runs N      cold-cache C++ compiles per problem (default 3)
  --sandbox-runs N   sandbox starts per peer in figure 4 (default 200)
  --only 1,2,3,4,5   run only these figures
  --problems P,Q     only these seed problems (figures 1-3)
  --timeout S        limit for any single command (default 120 s)
  --sandbox-bench P  the figure-4 program (default
                     target/release/examples/sandbox_peers; built with cargo
                     when missing)
  --out FILE         Markdown copy of the results
                     (default target/bench/results.md)

Every figure is a ratio of two times measured in this run on this machine,
each the median of repeated runs, the two sides interleaved run by run so
that load from other processes slows both alike:

1. Python: `judge run` (this binary) on each seed problem's reference
   solution.py, all cases (sample + hidden) / the same function called on
   the same inputs by a bare loop: ONE `python3 -I -S -B` process (the
   interpreter and flags the judge's driver uses; interpreter start included
   in the baseline, as the judge pays it too) that loads the reference,
   decodes each case's .in with the C JSON scanner (as the driver does), calls
   the function and formats the result with repr(). The baseline neither
   sandboxes nor checks answers. Per-problem ratios, their geometric mean
   (the figure) and median. Target <= 1.15.
2. C++: `judge run` on each reference solution.cpp with a WARM compile cache
   / a bare compiled loop: one program, compiled once outside timing with the
   judge's compiler and flags (runners/languages.toml), that includes
   runners/cpp/judge_driver.hpp (the judge's codec) and the reference, and
   decodes every case, calls the function and encodes the result in one
   process. Target <= 1.15 (the issue: "the same").
3. C++: the warm rerun / the first run with a COLD cache (JUDGE_CACHE_DIR set
   to a fresh empty directory for each cold run). Target <= 0.1.
4. Sandbox start of /bin/true with every layer (Sandbox::run, the public API)
   / bare fork/exec, and / bubblewrap with comparable isolation; measured by
   crates/judge-sandbox/examples/sandbox_peers.rs. bwrap is installed with
   apt-get (Debian package bubblewrap) when missing. No target (shown for
   comparison).
5. A 50-case stdin/stdout problem (generated here: sum of 2000 integers per
   case), the same Python solution: `judge run` / `oj test -c "python3
   sol.py" -d DIR` (online-judge-tools from PyPI, installed into
   target/bench/oj-venv with pip when `oj` is missing; cases named
   NNN.in/NNN.out as oj's default format %s.%e wants; oj runs the cases
   sequentially, its default). Target <= 0.5.

A figure that cannot be measured (a peer that cannot be installed, a command
that fails or times out) says "not measured: WHY" in its row; the suite
never stops silently. It prints figures and asserts nothing (exit status 0
unless the suite itself cannot run, e.g. no judge binary).
"""
import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class NotMeasured(Exception):
    """A figure (or one problem of it) could not be measured; str() says why."""


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def tail(data, n=400):
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else (data or "")
    text = text.strip()
    return text if len(text) <= n else "..." + text[-n:]


def run_cmd(cmd, timeout, env=None, cwd=None, check=True):
    """Run cmd; return (seconds, CompletedProcess). Raises NotMeasured on a
    timeout, a missing program or (with check) a non-zero exit."""
    start = time.perf_counter()
    try:
        out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                             timeout=timeout, env=env, cwd=cwd)
    except subprocess.TimeoutExpired:
        raise NotMeasured(f"`{short(cmd)}` timed out after {timeout:g} s")
    except OSError as e:
        raise NotMeasured(f"cannot run `{short(cmd)}`: {e}")
    elapsed = time.perf_counter() - start
    if check and out.returncode != 0:
        raise NotMeasured(f"`{short(cmd)}` exited with {out.returncode}: {tail(out.stderr) or tail(out.stdout)}")
    return elapsed, out


def short(cmd):
    text = " ".join(str(c) for c in cmd)
    return text if len(text) <= 160 else text[:157] + "..."


def median(xs):
    return statistics.median(xs)


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def ms(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.2f} s"


# ---------------------------------------------------------------- machine ---

def machine_info():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count()
    cgroup = "none found"
    try:
        with open("/proc/mounts") as f:
            mounts = [line.split() for line in f]
        v2_root = any(m[1] == "/sys/fs/cgroup" and m[2] == "cgroup2" for m in mounts)
        v1 = any(m[2] == "cgroup" for m in mounts)
        v2 = any(m[2] == "cgroup2" for m in mounts)
        if v2_root:
            cgroup = "v2"
        elif v1 and v2:
            cgroup = "hybrid (v1 controllers + v2)"
        elif v1:
            cgroup = "v1"
        elif v2:
            cgroup = "v2 (not at /sys/fs/cgroup)"
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": f"{usable} usable ({os.cpu_count()} online)",
        "kernel": f"{platform.system()} {platform.release()}",
        "cgroup": cgroup,
        "user": "root" if os.geteuid() == 0 else f"uid {os.geteuid()}",
    }


def loadavg():
    try:
        return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        return "unknown"


# --------------------------------------------------------------- problems ---

def base_type(t):
    t = t.strip()
    if t.startswith("list[") and t.endswith("]"):
        return ["list", base_type(t[5:-1])]
    if t in ("int", "float", "bool", "str"):
        return t
    raise NotMeasured(f"unsupported type {t!r} in the signature")


def cpp_type(t):
    if isinstance(t, list):
        return f"std::vector<{cpp_type(t[1])}>"
    return {"int": "long long", "float": "double", "bool": "bool", "str": "std::string"}[t]


def parse_signature(sig):
    """`name(a: T, b: U) -> R` -> (name, [(a, T)...], R); types as base_type."""
    m = re.fullmatch(r"\s*([A-Za-z_]\w*)\s*\((.*)\)\s*->\s*(.+?)\s*", sig)
    if not m:
        raise NotMeasured(f"cannot parse the signature {sig!r}")
    params = []
    for p in filter(None, (x.strip() for x in m.group(2).split(","))):
        name, _, ty = p.partition(":")
        params.append((name.strip(), base_type(ty)))
    return m.group(1), params, base_type(m.group(3))


def seed_problems(only):
    """Function problems of problems/ with both references, sorted by id."""
    root = os.path.join(REPO, "problems")
    found = []
    for pid in sorted(os.listdir(root)):
        d = os.path.join(root, pid)
        manifest = os.path.join(d, "problem.toml")
        if not os.path.isfile(manifest) or (only and pid not in only):
            continue
        with open(manifest, "rb") as f:
            try:
                doc = tomllib.load(f)
            except tomllib.TOMLDecodeError as e:
                log(f"skipping {pid}: {manifest}: {e}")
                continue
        if doc.get("kind") != "function":
            continue
        cases = []
        for group in ("sample", "hidden"):
            g = os.path.join(d, "cases", group)
            if os.path.isdir(g):
                cases += sorted(os.path.join(g, n) for n in os.listdir(g) if n.endswith(".in"))
        found.append({"id": pid, "dir": d, "signature": doc.get("function", {}).get("signature", ""),
                      "cases": cases})
    return found


# ---------------------------------------------------------- bare baselines ---

PY_LOOP = r'''
import sys
import _json
import importlib.util


class _Ctx:
    strict = True
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = None
    memo = None

    def __init__(self, hook):
        self.object_hook = hook


def _hook(o):
    if len(o) == 1 and "$float" in o:
        return float(o["$float"])
    return o


scan = _json.make_scanner(_Ctx(_hook))
solution, entry = sys.argv[1], sys.argv[2]
sys.path.insert(0, solution.rsplit("/", 1)[0])
spec = importlib.util.spec_from_file_location("solution", solution)
module = importlib.util.module_from_spec(spec)
sys.modules["solution"] = module
spec.loader.exec_module(module)
fn = getattr(module, entry, None)
if fn is None:
    fn = getattr(module.Solution(), entry)
total = 0
for path in sys.argv[3:]:
    with open(path, "rb") as f:
        text = f.read().decode("utf-8").strip()
    args, _ = scan(text, 0)
    total += len(repr(fn(*args)))
print(total)
'''


def cpp_loop_source(name, params, ret):
    decode = []
    for i, (pname, ty) in enumerate(params):
        if i:
            decode.append("        in.expect(',');")
        decode.append(f"        auto a{i} = judge::Codec<{cpp_type(ty)}>::read(in);  // {pname}")
    args = ", ".join(f"a{i}" for i in range(len(params)))
    r = cpp_type(ret)
    return f'''// Bare loop of the benchmark suite: every case in one process.
#include "judge_driver.hpp"
#include "solution.cpp"
#include <fstream>
#include <sstream>

int main(int argc, char** argv) {{
    size_t total = 0;
    for (int c = 1; c < argc; ++c) {{
        std::ifstream file(argv[c], std::ios::binary);
        std::stringstream buf;
        buf << file.rdbuf();
        judge::Reader in{{buf.str()}};
        in.expect('[');
{chr(10).join(decode)}
        in.expect(']');
        {r} result = judge::Convert<{r}>::from({name}({args}));
        std::string out;
        judge::Codec<{r}>::write(out, result);
        total += out.size();
    }}
    std::printf("%zu\\n", total);
    return 0;
}}
'''


def languages():
    with open(os.path.join(REPO, "runners", "languages.toml"), "rb") as f:
        return tomllib.load(f)


# ------------------------------------------------------------------ suite ---

class Suite:
    def __init__(self, args):
        self.args = args
        self.judge = os.path.abspath(args.judge)
        self.tmp = tempfile.mkdtemp(prefix="judge-bench-suite-")
        self.cache = os.path.join(self.tmp, "cache")
        self.rows = []      # (figure, ours, baseline, ratio, target, status)
        self.details = []   # Markdown/text blocks
        self.notes = []
        env = dict(os.environ)
        env["JUDGE_CACHE_DIR"] = self.cache
        env.pop("JUDGE_NO_CACHE", None)
        self.env = env
        self.python = self.real_python()

    def real_python(self):
        """The interpreter the judge resolves (`python3` on PATH, or
        $JUDGE_PYTHON), as an absolute path past any shim."""
        cmd = os.environ.get("JUDGE_PYTHON") or shutil.which("python3")
        if not cmd:
            raise SystemExit("bench_suite: no python3 on PATH")
        _, out = run_cmd([cmd, "-c", "import sys; print(sys.executable)"], 60)
        return out.stdout.decode().strip() or cmd

    def judge_run(self, solution, problem, problems_dir, env=None):
        cmd = [self.judge, "run", solution, "-p", problem, "--problems", problems_dir, "--format", "json"]
        t, out = run_cmd(cmd, self.args.timeout, env=env or self.env, check=False)
        try:
            report = json.loads(out.stdout)
        except ValueError:
            raise NotMeasured(f"`{short(cmd)}` printed no JSON report (exit {out.returncode}): {tail(out.stderr)}")
        if report.get("verdict") != "AC":
            raise NotMeasured(f"judge gave {report.get('verdict')} ({report.get('passed')}/{report.get('total')}) "
                              f"on {os.path.relpath(solution, REPO)}: {tail(out.stderr)}")
        return t, report

    def add_row(self, figure, ours, base, ratio, target, status):
        self.rows.append((figure, ours, base, ratio, target, status))

    def not_measured(self, figure, target, why):
        log(f"figure {figure}: not measured: {why}")
        self.add_row(figure, "-", "-", "-", target, f"not measured: {why}")

    # ---- figure 1 ----
    def figure1(self, problems):
        runs = self.args.runs
        lines = [f"{'problem':28} {'cases':>5} {'judge run':>11} {'bare loop':>11} {'ratio':>7}"]
        ratios, ours_total, base_total, skipped = [], 0.0, 0.0, []
        loop = os.path.join(self.tmp, "bare_loop.py")
        with open(loop, "w") as f:
            f.write(PY_LOOP)
        for p in problems:
            sol = os.path.join(p["dir"], "reference", "solution.py")
            try:
                if not os.path.isfile(sol):
                    raise NotMeasured("no reference/solution.py")
                entry = parse_signature(p["signature"])[0]
                base_cmd = [self.python, "-I", "-S", "-B", loop, sol, entry] + p["cases"]
                _, report = self.judge_run(sol, p["id"], os.path.join(REPO, "problems"))  # warm-up
                if report.get("total") != len(p["cases"]):
                    raise NotMeasured(f"judge ran {report.get('total')} cases, the suite found {len(p['cases'])}")
                run_cmd(base_cmd, self.args.timeout)  # warm-up
                js, bs = [], []
                for _ in range(runs):
                    js.append(self.judge_run(sol, p["id"], os.path.join(REPO, "problems"))[0])
                    bs.append(run_cmd(base_cmd, self.args.timeout)[0])
                j, b = median(js), median(bs)
                ratios.append(j / b)
                ours_total += j
                base_total += b
                lines.append(f"{p['id']:28} {len(p['cases']):>5} {ms(j):>11} {ms(b):>11} {j / b:>7.2f}")
            except NotMeasured as e:
                skipped.append(f"{p['id']}: {e}")
                lines.append(f"{p['id']:28} {len(p['cases']):>5} not measured: {e}")
            log(lines[-1])
        self.details.append(("Figure 1 (Python, all cases): judge run / bare python3 loop, "
                             f"median of {runs} runs each", lines))
        if not ratios:
            return self.not_measured("1. Python function problems: judge run / bare loop", "<= 1.15",
                                     "; ".join(skipped) or "no seed problems")
        g = geomean(ratios)
        self.add_row(f"1. Python, {len(ratios)} problems: judge run / bare loop (geomean; median {median(ratios):.2f})",
                     ms(ours_total), ms(base_total), f"{g:.2f}", "<= 1.15", "PASS" if g <= 1.15 else "MISS")
        if skipped:
            self.notes.append("Figure 1 left out: " + "; ".join(skipped))

    # ---- figures 2 and 3 ----
    def figures23(self, problems, want2, want3):
        runs, cold_runs = self.args.runs, self.args.cold_runs
        lang = languages().get("cpp", {})
        cxx = os.environ.get(lang.get("override_env", "JUDGE_CXX")) or lang.get("command", "g++")
        flags = lang.get("flags", ["-std=gnu++20", "-O2"])
        if not shutil.which(cxx):
            why = f"no C++ compiler `{cxx}` on PATH"
            if want2:
                self.not_measured("2. C++ warm judge run / bare compiled loop", "<= 1.15", why)
            if want3:
                self.not_measured("3. C++ warm / cold compile cache", "<= 0.1", why)
            return
        header = os.path.join(REPO, "runners", "cpp", "judge_driver.hpp")
        lines = [f"{'problem':28} {'cases':>5} {'cold run':>10} {'warm run':>10} {'bare loop':>10} "
                 f"{'warm/bare':>9} {'warm/cold':>9}"]
        r2, r3, skipped = [], [], []
        warm_total = cold_total = bare_total = 0.0
        for p in problems:
            sol = os.path.join(p["dir"], "reference", "solution.cpp")
            try:
                if not os.path.isfile(sol):
                    raise NotMeasured("no reference/solution.cpp")
                name, params, ret = parse_signature(p["signature"])
                build = os.path.join(self.tmp, "cpp", p["id"])
                os.makedirs(build, exist_ok=True)
                shutil.copy(header, build)
                shutil.copy(sol, os.path.join(build, "solution.cpp"))
                with open(os.path.join(build, "loop.cpp"), "w") as f:
                    f.write(cpp_loop_source(name, params, ret))
                exe = os.path.join(build, "loop")
                run_cmd([cxx] + flags + ["-o", exe, os.path.join(build, "loop.cpp")], max(self.args.timeout, 300),
                        cwd=build)
                base_cmd = [exe] + p["cases"]
                run_cmd(base_cmd, self.args.timeout)  # warm-up
                colds, warms, bares = [], [], []
                for c in range(max(cold_runs, 1)):
                    env = dict(self.env)
                    env["JUDGE_CACHE_DIR"] = tempfile.mkdtemp(prefix=f"cold-{p['id']}-", dir=self.tmp)
                    t, report = self.judge_run(sol, p["id"], os.path.join(REPO, "problems"), env=env)
                    if report.get("compile_cached"):
                        raise NotMeasured("a run with an empty JUDGE_CACHE_DIR reported compile_cached: true")
                    colds.append(t)
                    if report.get("total") != len(p["cases"]):
                        raise NotMeasured(f"judge ran {report.get('total')} cases, the suite found {len(p['cases'])}")
                    n_warm = runs // cold_runs + (1 if c < runs % cold_runs else 0) if cold_runs else runs
                    for _ in range(n_warm):
                        t, report = self.judge_run(sol, p["id"], os.path.join(REPO, "problems"), env=env)
                        if report.get("compile_cached") is False:
                            raise NotMeasured("the rerun was not served from the compile cache (compile_cached: false)")
                        warms.append(t)
                        bares.append(run_cmd(base_cmd, self.args.timeout)[0])
                    shutil.rmtree(env["JUDGE_CACHE_DIR"], ignore_errors=True)
                cold, warm, bare = median(colds), median(warms), median(bares)
                r2.append(warm / bare)
                r3.append(warm / cold)
                warm_total += warm
                cold_total += cold
                bare_total += bare
                lines.append(f"{p['id']:28} {len(p['cases']):>5} {ms(cold):>10} {ms(warm):>10} {ms(bare):>10} "
                             f"{warm / bare:>9.2f} {warm / cold:>9.3f}")
            except NotMeasured as e:
                skipped.append(f"{p['id']}: {e}")
                lines.append(f"{p['id']:28} {len(p['cases']):>5} not measured: {e}")
            log(lines[-1])
        self.details.append((f"Figures 2 and 3 (C++, all cases; {cxx} {' '.join(flags)}): cold = empty "
                             f"JUDGE_CACHE_DIR (median of {cold_runs}), warm = rerun with that cache and bare = "
                             f"compiled loop (median of {runs} each)", lines))
        if skipped:
            self.notes.append("Figures 2/3 left out: " + "; ".join(skipped))
        why = "; ".join(skipped) or "no seed problems"
        if want2:
            if r2:
                g = geomean(r2)
                self.add_row(f"2. C++, {len(r2)} problems: warm judge run / bare compiled loop (geomean; "
                             f"median {median(r2):.2f})", ms(warm_total), ms(bare_total), f"{g:.2f}", "<= 1.15",
                             "PASS" if g <= 1.15 else "MISS")
            else:
                self.not_measured("2. C++ warm judge run / bare compiled loop", "<= 1.15", why)
        if want3:
            if r3:
                g = geomean(r3)
                self.add_row(f"3. C++, {len(r3)} problems: warm cache / cold cache (geomean; "
                             f"median {median(r3):.3f})", ms(warm_total), ms(cold_total), f"{g:.3f}", "<= 0.1",
                             "PASS" if g <= 0.1 else "MISS")
            else:
                self.not_measured("3. C++ warm / cold compile cache", "<= 0.1", why)

    # ---- figure 4 ----
    def ensure_bwrap(self):
        """Path of bwrap, installing Debian's bubblewrap when missing; None
        (with a note) when it cannot."""
        found = shutil.which("bwrap")
        if found:
            return found, None
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            return None, "bwrap is not installed and apt-get cannot be used here (not root or no apt-get)"
        log("bwrap missing: installing Debian's bubblewrap with apt-get")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        try:
            try:
                run_cmd(["apt-get", "install", "-y", "-q", "bubblewrap"], 300, env=env)
            except NotMeasured:
                run_cmd(["apt-get", "update", "-q"], 300, env=env)
                run_cmd(["apt-get", "install", "-y", "-q", "bubblewrap"], 300, env=env)
        except NotMeasured as e:
            return None, f"apt-get install bubblewrap failed: {e}"
        found = shutil.which("bwrap")
        self.notes.append("bubblewrap was installed by the suite (apt-get install bubblewrap).")
        return found, None if found else "apt-get installed bubblewrap but no bwrap is on PATH"

    def figure4(self):
        f4a = "4a. sandbox start, all layers / bare fork+exec of /bin/true"
        f4b = "4b. sandbox start, all layers / bwrap (comparable isolation)"
        prog = os.path.abspath(self.args.sandbox_bench)
        if not os.path.isfile(prog):
            log(f"{prog} missing: building it (cargo build --release -p judge-sandbox --example sandbox_peers)")
            try:
                run_cmd(["cargo", "build", "--release", "-q", "-p", "judge-sandbox", "--example", "sandbox_peers"],
                        1200, cwd=REPO)
            except NotMeasured as e:
                self.not_measured(f4a, "-", str(e))
                self.not_measured(f4b, "-", str(e))
                return
            if not os.path.isfile(prog):
                why = f"{prog} is still missing after cargo built the example sandbox_peers"
                self.not_measured(f4a, "-", why)
                self.not_measured(f4b, "-", why)
                return
        bwrap, why = self.ensure_bwrap()
        cmd = [prog, str(self.args.sandbox_runs), "--bwrap", bwrap or "/nonexistent/bwrap"]
        try:
            _, out = run_cmd(cmd, max(self.args.timeout, 600), cwd=self.tmp)
            res = json.loads(out.stdout.decode().strip().splitlines()[-1])
        except (NotMeasured, ValueError, IndexError) as e:
            self.not_measured(f4a, "-", f"{e}")
            self.not_measured(f4b, "-", f"{e}")
            return
        n = res["runs"]
        ours, bare = res["ours_ms"] / 1000, res["bare_ms"] / 1000
        self.add_row(f4a + f" (median of {n})", ms(ours), ms(bare), f"{ours / bare:.1f}", "-", "info")
        if res.get("bwrap_ms") is not None:
            bw = res["bwrap_ms"] / 1000
            self.add_row(f4b + f" (median of {n})", ms(ours), ms(bw), f"{ours / bw:.2f}", "-", "info")
        else:
            self.not_measured(f4b, "-", why or res.get("bwrap_why_not") or "bwrap failed")
        lines = [
            f"bare fork/exec  median {res['bare_ms']:.2f} ms (min {res['bare_min_ms']:.2f}, max {res['bare_max_ms']:.2f})",
            f"ours, all layers median {res['ours_ms']:.2f} ms (min {res['ours_min_ms']:.2f}, max {res['ours_max_ms']:.2f})",
        ]
        if res.get("bwrap_ms") is not None:
            lines.append(f"bwrap           median {res['bwrap_ms']:.2f} ms (min {res['bwrap_min_ms']:.2f}, "
                         f"max {res['bwrap_max_ms']:.2f})")
        lines += [
            "ours enforced: " + ", ".join(res.get("ours_enforced", [])),
            "ours missing:  " + (", ".join(res.get("ours_missing", [])) or "nothing"),
            "bwrap command: " + " ".join(res.get("bwrap_argv", [])),
            "bwrap, as run here, lacks against ours: a seccomp filter (bwrap loads one only when given with --seccomp FD), Landlock, cgroup limits (memory, pids, CPU accounting), "
            "rlimits (CPU, address space, file size, open files), output caps, a dedicated unprivileged uid "
            "(it runs in a user namespace instead), the helper's wall-clock and CPU watchdog",
        ]
        self.details.append((f"Figure 4: start of /bin/true, interleaved, median of {n} each", lines))

    # ---- figure 5 ----
    def ensure_oj(self):
        found = shutil.which("oj")
        if found:
            return found
        venv = os.path.join(REPO, "target", "bench", "oj-venv")
        oj = os.path.join(venv, "bin", "oj")
        if os.path.isfile(oj):
            return oj
        log(f"oj missing: pip-installing online-judge-tools into {os.path.relpath(venv, REPO)}")
        try:
            if not os.path.isfile(os.path.join(venv, "bin", "pip")):
                run_cmd([self.python, "-m", "venv", venv], 300)
            run_cmd([os.path.join(venv, "bin", "pip"), "install", "-q", "online-judge-tools"], 600)
        except NotMeasured as e:
            raise NotMeasured(f"cannot install online-judge-tools: {e}")
        if not os.path.isfile(oj):
            raise NotMeasured(f"pip installed online-judge-tools but {oj} is missing")
        self.notes.append(f"online-judge-tools was pip-installed by the suite into {os.path.relpath(venv, REPO)}.")
        return oj

    def figure5(self):
        fig = "5. stdio problem, 50 cases, Python: judge run / oj test"
        try:
            oj = self.ensure_oj()
        except NotMeasured as e:
            return self.not_measured(fig, "<= 0.5", str(e))
        root = os.path.join(self.tmp, "stdio")
        reg = os.path.join(root, "problems")
        pdir = os.path.join(reg, "sum50")
        os.makedirs(os.path.join(pdir, "cases", "hidden"))
        ojdir = os.path.join(root, "oj-tests")
        os.makedirs(ojdir)
        with open(os.path.join(pdir, "problem.toml"), "w") as f:
            f.write('id = "sum50"\ntitle = "sum (benchmark)"\nkind = "stdio"\n'
                    "[limits]\ntime_ms = 2000\nmemory_mib = 256\n[checker]\ntype = \"tokens\"\n")
        state = 12345
        for i in range(1, 51):
            nums = []
            for _ in range(2000):
                state = (state * 1103515245 + 12345) % (1 << 31)
                nums.append(state % 2_000_001 - 1_000_000)
            text = f"{len(nums)}\n{' '.join(map(str, nums))}\n"
            ans = f"{sum(nums)}\n"
            for path, data in ((os.path.join(pdir, "cases", "hidden", f"{i:03}.in"), text),
                               (os.path.join(pdir, "cases", "hidden", f"{i:03}.ans"), ans),
                               (os.path.join(ojdir, f"{i:03}.in"), text),
                               (os.path.join(ojdir, f"{i:03}.out"), ans)):
                with open(path, "w") as f:
                    f.write(data)
        sol = os.path.join(root, "sol.py")
        with open(sol, "w") as f:
            f.write("import sys\ndata = sys.stdin.buffer.read().split()\n"
                    "n = int(data[0])\nprint(sum(map(int, data[1:1 + n])))\n")
        oj_env = dict(os.environ)
        oj_cmd = [oj, "test", "-c", f"{self.python} sol.py", "-d", ojdir]
        oj_flags_cmd = [oj, "test", "-c", f"{self.python} -I -S -B sol.py", "-d", ojdir]
        try:
            # Warm-ups (the first oj call may check PyPI for updates, cached for 8 h).
            _, report = self.judge_run(sol, "sum50", reg)
            if report.get("total") != 50:
                raise NotMeasured(f"judge ran {report.get('total')} cases, not 50")
            _, out = run_cmd(oj_cmd, max(self.args.timeout, 300), env=oj_env, cwd=root)
            text = (out.stdout + out.stderr).decode("utf-8", "replace")
            if "test success: 50 cases" not in text:
                raise NotMeasured(f"oj test did not report 50 passing cases: {tail(text)}")
            gnu_time = "GNU time is not available" not in text
            js, os_, osf, site, nosite = [], [], [], [], []
            for _ in range(self.args.runs):
                js.append(self.judge_run(sol, "sum50", reg)[0])
                os_.append(run_cmd(oj_cmd, self.args.timeout, env=oj_env, cwd=root)[0])
                osf.append(run_cmd(oj_flags_cmd, self.args.timeout, env=oj_env, cwd=root)[0])
                for _ in range(5):
                    site.append(run_cmd([self.python, "-c", "pass"], 60)[0])
                    nosite.append(run_cmd([self.python, "-I", "-S", "-B", "-c", "pass"], 60)[0])
        except NotMeasured as e:
            return self.not_measured(fig, "<= 0.5", str(e))
        j, o, of = median(js), median(os_), median(osf)
        self.add_row(fig + f" -c \"python3 sol.py\" (median of {self.args.runs})", ms(j), ms(o), f"{j / o:.2f}",
                     "<= 0.5", "PASS" if j / o <= 0.5 else "MISS")
        self.add_row("5b. the same, oj running python3 -I -S -B sol.py (the interpreter flags judge uses)",
                     ms(j), ms(of), f"{j / of:.2f}", "<= 0.5", "PASS" if j / of <= 0.5 else "MISS")
        self.details.append((f"Figure 5: 50 stdin/stdout cases (2000 integers each), median of {self.args.runs}", [
            f"judge run sol.py (sandboxed, python3 -I -S -B, tokens checker)   {ms(j)}",
            f"oj test -c \"python3 sol.py\" (sequential, its default)           {ms(o)}   ratio {j / o:.2f}",
            f"oj test -c \"python3 -I -S -B sol.py\" (the judge's flags)         {ms(of)}   ratio {j / of:.2f}",
            f"oj measured memory with GNU time: {'yes' if gnu_time else 'no (GNU time missing)'}; "
            f"interpreter: {self.python}",
            f"interpreter start in this run: `python3 -c pass` {ms(median(site))} (with site: whatever the "
            f"installation's .pth files import), `python3 -I -S -B -c pass` {ms(median(nosite))}; "
            "50 x the difference is what separates 5 from 5b",
        ]))

    # ---- output ----
    def report(self, info, started, finished, load0, load1):
        head = ["figure", "ours", "baseline", "ratio", "target", "status"]
        rows = [head] + [list(r) for r in self.rows]
        widths = [max(len(str(r[i])) for r in rows) for i in range(len(head))]
        out = []
        out.append("")
        out.append("judge benchmark suite (issue 13): each ratio = ours / baseline, same run, medians")
        out.append(f"date: {started} -> {finished} UTC; judge: {self.judge}")
        out.append(f"machine: {info['cpu']}; {info['cores']} cores; {info['kernel']}; cgroup {info['cgroup']}; "
                   f"as {info['user']}; load average {load0} at start, {load1} at end")
        out.append("")
        for k, r in enumerate(rows):
            out.append("  ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)).rstrip())
            if k == 0:
                out.append("  ".join("-" * w for w in widths))
        if any(str(r[0])[:2] in ("1.", "2.", "3.") for r in self.rows):
            out.append("figures 1-3: ours and baseline are sums over the problems of per-problem medians; the ratio "
                       "is the geometric mean of the per-problem ratios")
        for title, lines in self.details:
            out.append("")
            out.append(title + ":")
            out += ["  " + line for line in lines]
        if self.notes:
            out.append("")
            out += ["note: " + n for n in self.notes]
        print("\n".join(out), flush=True)

        md = ["# judge benchmark results", "",
              f"- date: {started} to {finished} UTC",
              f"- machine: {info['cpu']}; {info['cores']} cores; {info['kernel']}; cgroup {info['cgroup']}; "
              f"judge ran as {info['user']}",
              f"- load average: {load0} at start, {load1} at end",
              f"- command: `make bench` (`python3 scripts/bench_suite.py`, --runs {self.args.runs}, "
              f"--cold-runs {self.args.cold_runs}, --sandbox-runs {self.args.sandbox_runs})", "",
              "| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
        for r in self.rows:
            md.append("| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |")
        if any(str(r[0])[:2] in ("1.", "2.", "3.") for r in self.rows):
            md += ["", "Figures 1-3: ours and baseline are sums over the problems of per-problem medians; the "
                   "ratio is the geometric mean of the per-problem ratios."]
        for title, lines in self.details:
            md += ["", f"{title}:", "", "```"] + lines + ["```"]
        if self.notes:
            md += [""] + [f"- {n}" for n in self.notes]
        path = os.path.abspath(self.args.out)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write("\n".join(md) + "\n")
            print(f"\nMarkdown copy: {os.path.relpath(path, REPO) if path.startswith(REPO) else path}")
        except OSError as e:
            print(f"\ncannot write the Markdown copy {path}: {e}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("judge", nargs="?", default=os.path.join(REPO, "target", "release", "judge"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cold-runs", type=int, default=3)
    ap.add_argument("--sandbox-runs", type=int, default=200)
    ap.add_argument("--only", default="1,2,3,4,5")
    ap.add_argument("--problems", default="")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--sandbox-bench", default=os.path.join(REPO, "target", "release", "examples", "sandbox_peers"))
    ap.add_argument("--out", default=os.path.join(REPO, "target", "bench", "results.md"))
    args = ap.parse_args()
    if args.runs < 1 or args.cold_runs < 1 or args.sandbox_runs < 1:
        raise SystemExit("bench_suite: --runs, --cold-runs and --sandbox-runs must be at least 1")
    if not os.access(args.judge, os.X_OK):
        raise SystemExit(f"bench_suite: no judge binary at {args.judge} (run `make release` first)")
    try:
        only = {int(x) for x in args.only.split(",") if x.strip()}
    except ValueError:
        raise SystemExit(f"bench_suite: --only takes figure numbers 1-5, e.g. 1,3; not {args.only!r}")
    wanted = {x.strip() for x in args.problems.split(",") if x.strip()}
    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
    info = machine_info()
    load0 = loadavg()
    suite = Suite(args)
    try:
        problems = seed_problems(wanted)
        if wanted - {p["id"] for p in problems}:
            log(f"unknown problems ignored: {', '.join(sorted(wanted - {p['id'] for p in problems}))}")
        figures = [
            (1, lambda: suite.figure1(problems)),
            (2, lambda: suite.figures23(problems, 2 in only, 3 in only)),
            (4, suite.figure4),
            (5, suite.figure5),
        ]
        for number, fn in figures:
            if number in only or (number == 2 and 3 in only):
                log(f"--- figure {number if number != 2 else '2/3'} ---")
                try:
                    fn()
                except NotMeasured as e:
                    suite.not_measured(f"{number}.", "-", str(e))
                except Exception as e:  # a bug of the suite: say so, go on with the next figure
                    import traceback
                    traceback.print_exc()
                    suite.not_measured(f"{number}.", "-", f"the suite failed: {type(e).__name__}: {e}")
    finally:
        finished = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
        suite.report(info, started, finished, load0, loadavg())
        shutil.rmtree(suite.tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
