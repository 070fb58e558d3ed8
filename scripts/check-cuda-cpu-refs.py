#!/usr/bin/env python3
"""Checks the CPU references of the kind = "cuda" problems without a GPU.

For every problem under problems/ whose problem.toml says kind = "cuda":
compiles reference/cpu.cpp with g++ (-std=gnu++20 -O2) as a shared library,
calls its `extern "C" solve` through ctypes on every case (generator objects
are materialised here with numpy, with values of the same distribution as
the judge's but not the same bytes: this checks the reference, not the
judge), and compares the outputs with an independent numpy / Python
computation (float64), within the problem's atol/rtol (float outputs) or
exactly (batched-top-k-sampling: the answers gen.py computes with --answers,
for its literal cases; for generated cases, the properties that fix the
answer: the arg max when k = 1 or u = 0).

Usage: python3 scripts/check-cuda-cpu-refs.py [--max-elements N] [PROBLEM...]
Exit 0 when every case matches, 1 otherwise (2: usage or missing tool).
Needs numpy (skips with a message and exit 0 if it is missing: the GPU
check calls it as an optional step).
"""
import ctypes
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
try:
    import numpy as np
except ImportError:
    print("skipped: numpy is not installed (the CPU reference check needs it)")
    sys.exit(0)

CTYPE = {"f32": ctypes.c_float, "f64": ctypes.c_double, "i32": ctypes.c_int, "i64": ctypes.c_longlong}
NPTYPE = {"f32": np.float32, "f64": np.float64, "i32": np.int32, "i64": np.int64}
PARAM = re.compile(r"^\s*(\w+)\s*:\s*(?:(in|out|inout)\s+)?(f32|f64|i32|i64)(?:\[(.*)\])?\s*$")


def parse_signature(sig):
    m = re.match(r"^\s*(\w+)\s*\((.*)\)\s*$", sig)
    params = []
    for p in m.group(2).split(","):
        pm = PARAM.match(p)
        if not pm:
            raise ValueError(f"bad parameter {p!r}")
        name, direction, ty, length = pm.groups()
        params.append({"name": name, "dir": direction, "ty": ty, "len": length})
    return params


def materialise(spec, n, ty, rng_seed_base):
    if isinstance(spec, list):
        if len(spec) != n:
            raise ValueError(f"literal array of length {len(spec)}, expected {n}")
        return np.array(spec, dtype=NPTYPE[ty])
    g = spec["gen"]
    rng = np.random.default_rng(spec.get("seed", 0) + rng_seed_base)
    if g == "uniform":
        v = rng.uniform(spec["lo"], spec["hi"], n)
    elif g == "normal":
        v = rng.normal(spec["mean"], spec["std"], n)
    elif g == "randint":
        v = rng.integers(spec["lo"], spec["hi"] + 1, n)
    elif g == "range":
        v = np.arange(n)
    elif g == "fill":
        v = np.full(n, spec["value"])
    else:
        raise ValueError(f"unknown generator {g!r}")
    return v.astype(NPTYPE[ty])


def expected(problem, a):
    """Independent float64 computations of the outputs (dict name -> array)."""
    if problem == "vector-add":
        return {"C": (a["A"].astype(np.float32) + a["B"].astype(np.float32)).astype(np.float64)}
    if problem == "sum-reduction":
        return {"output": np.array([math.fsum(a["input"].astype(np.float64))])}
    if problem == "row-softmax":
        x = a["input"].astype(np.float64).reshape(a["rows"], a["cols"])
        e = np.exp(x - x.max(axis=1, keepdims=True))
        return {"output": (e / e.sum(axis=1, keepdims=True)).ravel()}
    if problem == "matmul":
        A = a["A"].astype(np.float64).reshape(a["M"], a["K"])
        B = a["B"].astype(np.float64).reshape(a["K"], a["N"])
        return {"C": (A @ B).ravel()}
    raise KeyError(problem)


def top_k_properties(a, got):
    """For generated top-k cases: k = 1 or u = 0 rows must give the arg max."""
    logits = a["logits"].reshape(a["batch"], a["vocab"])
    bad = 0
    for b in range(a["batch"]):
        k = int(a["top_k"][b])
        if k == 1 or k <= 0 or k >= a["vocab"] or a["u"][b] == 0.0:
            if k != 1 and a["u"][b] != 0.0:
                continue  # needs the boundaries: covered by the literal cases
            row = logits[b]
            want = int(np.flatnonzero(row == row.max())[0])
            if got[b] != want:
                bad += 1
    return bad


def main():
    args = sys.argv[1:]
    max_elements = 3_000_000
    if "--max-elements" in args:
        i = args.index("--max-elements")
        max_elements = int(args[i + 1])
        del args[i:i + 2]
    pdir = os.path.join(ROOT, "problems")
    problems = args or sorted(p for p in os.listdir(pdir) if os.path.isfile(os.path.join(pdir, p, "problem.toml")))
    failures = 0
    checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        for pid in problems:
            with open(os.path.join(pdir, pid, "problem.toml"), "rb") as f:
                manifest = tomllib.load(f)
            if manifest.get("kind") != "cuda":
                continue
            params = parse_signature(manifest["cuda"]["signature"])
            atol, rtol = manifest["cuda"]["atol"], manifest["cuda"]["rtol"]
            lib_path = os.path.join(tmp, pid + ".so")
            subprocess.run(["g++", "-std=gnu++20", "-O2", "-shared", "-fPIC", "-o", lib_path,
                            os.path.join(pdir, pid, "reference", "cpu.cpp")], check=True)
            lib = ctypes.CDLL(lib_path)
            answers = {}
            if pid == "batched-top-k-sampling":
                out = subprocess.run([sys.executable, "-B", "gen.py", "--answers"], cwd=os.path.join(pdir, pid),
                                     check=True, capture_output=True, text=True).stdout
                answers = json.loads(out)
            for group in ("sample", "hidden"):
                cdir = os.path.join(pdir, pid, "cases", group)
                for name in sorted(os.listdir(cdir)):
                    with open(os.path.join(cdir, name)) as f:
                        case = json.load(f)
                    scal = {p["name"]: case[p["name"]] for p in params if p["len"] is None}
                    env = dict(scal)
                    arrays, ctypes_args = {}, []
                    for i, p in enumerate(params):
                        if p["len"] is None:
                            ctypes_args.append(CTYPE[p["ty"]](scal[p["name"]]))
                            continue
                        n = int(eval(p["len"], {"__builtins__": {}}, env))  # our own manifests only
                        if n > max_elements:
                            break
                        if p["dir"] == "out":
                            arr = np.full(n, np.nan if p["ty"].startswith("f") else -12345, dtype=NPTYPE[p["ty"]])
                        else:
                            arr = materialise(case[p["name"]], n, p["ty"], 1000 * i)
                        arrays[p["name"]] = arr
                        ctypes_args.append(arr.ctypes.data_as(ctypes.POINTER(CTYPE[p["ty"]])))
                    else:
                        lib.solve(*ctypes_args)
                        a = {**scal, **arrays}
                        key = f"{group}/{name[:-3]}"
                        if pid == "batched-top-k-sampling":
                            got = arrays["tokens"]
                            if key in answers:
                                bad = int(np.sum(got != np.array(answers[key])))
                            else:
                                bad = top_k_properties(a, got)
                            status = "ok" if bad == 0 else f"{bad} wrong rows"
                        else:
                            bad = 0
                            for out_name, want in expected(pid, a).items():
                                g = arrays[out_name].astype(np.float64)
                                ok = np.abs(g - want) <= atol + rtol * np.abs(want)
                                bad += int(np.sum(~ok))
                                # The tolerance must reject an all-zero output and the NaN poison.
                                zero_ok = np.all(np.abs(want) <= atol + rtol * np.abs(want))
                                if zero_ok:
                                    print(f"  note: {pid} {key}: an all-zero output would pass")
                            status = "ok" if bad == 0 else f"{bad} mismatches"
                        checked += 1
                        failures += bad != 0
                        print(f"{pid:24} {key:45} {status}")
                        continue
                    print(f"{pid:24} {group}/{name[:-3]:39} skipped (over --max-elements)")
    print(f"{checked} cases checked, {failures} failed")
    return 1 if failures else 0


sys.exit(main())
