#!/usr/bin/env bash
# GPU check of the CUDA kernel problems (issue 11), in one run of under 5 minutes.
#
#   bash scripts/gpu-check.sh [--require-gpu] [--skip-build]
#
# 1. Finds nvcc (JUDGE_NVCC, CUDA_HOME, CUDA_PATH, PATH, then the judge's
#    toolchain cache); runs `make cuda-toolchain` when there is none.
# 2. Builds the judge (`cargo build --release -p judge-cli`).
# 3. Compile checks that need no GPU: every .cu of every kind = "cuda" problem
#    (reference, starter, wrong/) and of tests/fixtures/cuda with nvcc -c, every
#    reference/cpu.cpp with g++; then scripts/check-cuda-cpu-refs.py (the CPU
#    references against numpy; skipped without numpy).
# 4. With a GPU (nvidia-smi works and /dev/nvidiactl exists): prints
#    nvidia-smi, then with `judge run --format json` judges, per problem, the
#    CUDA reference (expects AC on every case and prints each case's kernel
#    time; --reveal, so hidden cases are listed by name), every [[wrong]] entry (expects one of its verdicts; run with
#    --fail-fast: the verdict is the first failing case's, as `judge verify`
#    counts it), then the fixtures of tests/fixtures/cuda: the hanging kernel
#    (TLE), right after it the control program (AC) and a check that no
#    compute process is left on the GPU, and a kernel that writes its inputs
#    (AC: inputs are copied fresh for every call).
# Prints one PASS/FAIL line per check and a summary.
#
# Exit codes: 0 every check passed (without a GPU: the build and compile checks
# passed and the GPU part was skipped, said on the last line); 1 some check
# failed (a verdict other than expected, a compile error, a timeout); 2 setup
# failure (no nvcc and `make cuda-toolchain` failed, cargo build failed);
# 3 no usable GPU and --require-gpu was given.
#
# Every command runs under `timeout`. The build gets GPU_CHECK_BUILD_S (default
# 420 s; --skip-build with JUDGE_BIN=path skips it, e.g. with a judge built on
# another machine); everything after the build is bounded by GPU_CHECK_BUDGET_S
# (default 290 s): a command gets at most the time that is left, and checks not
# reached in time are reported as FAIL (not run: time budget spent).
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)

REQUIRE_GPU=0
SKIP_BUILD=0
for a in "$@"; do
    case "$a" in
        --require-gpu) REQUIRE_GPU=1 ;;
        --skip-build) SKIP_BUILD=1 ;;
        -h|--help) sed -n '2,35p' "$0"; exit 0 ;;
        *) echo "gpu-check: unknown argument $a" >&2; exit 2 ;;
    esac
done

BUDGET_S=${GPU_CHECK_BUDGET_S:-290}
PASSES=0
FAILS=0
FAILED_NAMES=()
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

pass() { PASSES=$((PASSES + 1)); printf 'PASS  %s\n' "$*"; }
# fail NAME [MESSAGE]: counts a failed check (MESSAGE, else NAME, is printed).
fail() { FAILS=$((FAILS + 1)); FAILED_NAMES+=("$1"); printf 'FAIL  %s\n' "${2:-$1}"; }

# Seconds left of the budget (0 when spent); START is set after the build.
left() { local l=$((BUDGET_S - (SECONDS - START))); [ "$l" -gt 0 ] && echo "$l" || echo 0; }
# bounded SECONDS CMD...: runs CMD under timeout min(SECONDS, time left); 124 when it ran out.
bounded() {
    local want=$1; shift
    local l; l=$(left)
    [ "$l" -le 0 ] && return 124
    [ "$want" -gt "$l" ] && want=$l
    timeout --kill-after=5 "$want" "$@"
}

# --- 1. nvcc -------------------------------------------------------------------------------
find_nvcc() {
    local c
    for c in "${JUDGE_NVCC:-}" "${CUDA_HOME:+$CUDA_HOME/bin/nvcc}" "${CUDA_PATH:+$CUDA_PATH/bin/nvcc}" \
             "$(command -v nvcc 2>/dev/null || true)" \
             "${JUDGE_CUDA_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/judge/cuda-toolchain}/nvidia/cu13/bin/nvcc"; do
        if [ -n "$c" ] && [ -x "$c" ]; then echo "$c"; return 0; fi
    done
    return 1
}
NVCC=$(find_nvcc)
if [ -z "$NVCC" ]; then
    echo "== nvcc not found: make cuda-toolchain"
    if ! timeout 600 make cuda-toolchain; then
        echo "gpu-check: setup failure: no nvcc and 'make cuda-toolchain' failed" >&2
        exit 2
    fi
    NVCC=$(find_nvcc) || { echo "gpu-check: setup failure: nvcc still not found after make cuda-toolchain" >&2; exit 2; }
fi
export JUDGE_NVCC="$NVCC"
echo "== nvcc: $NVCC"
timeout 30 "$NVCC" --version | tail -n 2

# --- 2. build --------------------------------------------------------------------------------
JUDGE="${JUDGE_BIN:-$ROOT/target/release/judge}"  # JUDGE_BIN: an already built judge (with --skip-build)
if [ "$SKIP_BUILD" = 0 ]; then
    echo "== cargo build --release -p judge-cli"
    if ! timeout --kill-after=10 "${GPU_CHECK_BUILD_S:-420}" cargo build --release -q -p judge-cli; then
        echo "gpu-check: setup failure: cargo build --release failed or timed out" >&2
        exit 2
    fi
fi
[ -x "$JUDGE" ] || { echo "gpu-check: setup failure: $JUDGE missing" >&2; exit 2; }
START=$SECONDS  # the time budget covers everything from here on

# --- 3. compile checks (no GPU needed) --------------------------------------------------------
CUDA_PROBLEMS=()
for t in problems/*/problem.toml; do
    if grep -Eq '^kind *= *"cuda"' "$t"; then CUDA_PROBLEMS+=("$(basename "$(dirname "$t")")"); fi
done
echo "== kind = \"cuda\" problems: ${CUDA_PROBLEMS[*]:-none}"
[ "${#CUDA_PROBLEMS[@]}" -gt 0 ] || fail "cuda-problems" "no kind = \"cuda\" problem under problems/"

echo "== compile checks"
CU_FILES=()
for p in "${CUDA_PROBLEMS[@]}"; do
    for f in problems/"$p"/reference/solution.cu problems/"$p"/starter/solution.cu problems/"$p"/wrong/*.cu; do
        [ -f "$f" ] && CU_FILES+=("$f")
    done
done
for f in tests/fixtures/cuda/solutions/*.cu tests/fixtures/solutions/gpu-kernel-hang/hang.cu tests/fixtures/solutions/gpu-kernel-hang/sum_ok.cu; do [ -f "$f" ] && CU_FILES+=("$f"); done
# Kernel files define solve() only (-c); the stdio fixtures have main (also -c: linking is the judge's job).
printf '%s\n' "${CU_FILES[@]}" > "$WORK/cu-list"
NPROC=$(nproc 2>/dev/null || echo 4)
compile_one() { # FILE OUTDIR NVCC
    local o; o="$2/$(echo "$1" | tr '/' '_').o"
    if timeout 120 "$3" -std=c++20 -O2 -c "$1" -o "$o" > "$o.log" 2>&1; then echo "ok $1"; else echo "bad $1"; fi
}
export -f compile_one
while read -r line; do
    case "$line" in
        "ok "*) pass "nvcc -c ${line#ok }" ;;
        "bad "*) fail "nvcc ${line#bad }" "nvcc -c ${line#bad }: $(head -n 3 "$WORK/$(echo "${line#bad }" | tr '/' '_').o.log" | tr '\n' ' ')" ;;
    esac
done < <(bounded 200 xargs -a "$WORK/cu-list" -P "$NPROC" -I{} bash -c 'compile_one "$1" "$2" "$3"' _ {} "$WORK" "$NVCC")
for p in "${CUDA_PROBLEMS[@]}"; do
    if bounded 60 g++ -std=gnu++20 -O2 -c problems/"$p"/reference/cpu.cpp -o "$WORK/cpu-$p.o" 2> "$WORK/cpu-$p.log"; then
        pass "g++ -c $p/reference/cpu.cpp"
    else
        fail "g++ $p" "g++ -c $p/reference/cpu.cpp: $(head -n 3 "$WORK/cpu-$p.log" | tr '\n' ' ')"
    fi
done
if bounded 120 python3 scripts/check-cuda-cpu-refs.py "${CUDA_PROBLEMS[@]}" > "$WORK/cpu-refs.log" 2>&1; then
    pass "CPU references vs numpy ($(tail -n 1 "$WORK/cpu-refs.log"))"
else
    cat "$WORK/cpu-refs.log"
    fail "cpu-refs" "CPU references vs numpy (scripts/check-cuda-cpu-refs.py)"
fi

# --- 4. the GPU part ----------------------------------------------------------------------------
summary() {
    echo
    echo "== summary: $PASSES passed, $FAILS failed, $((SECONDS - START)) s after the build (budget ${BUDGET_S} s), $SECONDS s in all$1"
    [ "$FAILS" -gt 0 ] && printf '   failed: %s\n' "${FAILED_NAMES[@]}"
}
gpu_reason=""
if ! command -v nvidia-smi > /dev/null 2>&1; then
    gpu_reason="nvidia-smi not found"
elif [ ! -e /dev/nvidiactl ]; then
    gpu_reason="no /dev/nvidiactl"
elif ! timeout 30 nvidia-smi > "$WORK/smi.txt" 2>&1; then
    gpu_reason="nvidia-smi failed: $(head -n 1 "$WORK/smi.txt")"
fi
if [ -n "$gpu_reason" ]; then
    summary ""
    echo "gpu-check: no usable NVIDIA GPU ($gpu_reason): build and compile checks only; the GPU checks were NOT run"
    [ "$FAILS" -gt 0 ] && exit 1
    [ "$REQUIRE_GPU" = 1 ] && exit 3
    exit 0
fi
echo "== nvidia-smi"
cat "$WORK/smi.txt"

# report.py JSON_FILE: prints "VERDICT<TAB>first failing case message" and, per case, "  id verdict kernel_ms".
cat > "$WORK/report.py" <<'PY'
import json, sys

def kernel_ms(case):
    """The per-case kernel time, wherever the report puts it (defensive: untrusted, may be absent)."""
    for holder in (case, case.get("kernel") if isinstance(case.get("kernel"), dict) else None,
                   case.get("timing") if isinstance(case.get("timing"), dict) else None):
        if not holder:
            continue
        for key in ("kernel_ms", "median_ms", "kernel_median_ms"):
            v = holder.get(key)
            if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and 0 <= v < 1e9:
                return float(v)
    return None

try:
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        doc = json.load(f)
except Exception as e:  # no report at all: a judge failure or an unsupported file
    print(f"NOREPORT\t{type(e).__name__}: {e}"[:300])
    sys.exit(0)
cases = doc.get("cases") if isinstance(doc.get("cases"), list) else []
first = next((c for c in cases if isinstance(c, dict) and c.get("verdict") != "AC"), None)
msg = (first.get("message") or "") if first else ""
if not first and isinstance(doc.get("compile"), dict):
    msg = str(doc["compile"].get("first_error") or doc["compile"].get("detail") or "")
print(f"{doc.get('verdict', 'NOVERDICT')}\t{msg[:300]}")
for c in cases:
    if not isinstance(c, dict):
        continue
    k = kernel_ms(c)
    ks = f"{k:.4f} ms" if k is not None else "-"
    print(f"  {str(c.get('id'))[:60]:60} {str(c.get('verdict')):4} kernel {ks:>14}  wall {c.get('wall_ms', '-')} ms")
PY

# wrong_entries PROBLEM: "file<TAB>verdict,verdict" per [[wrong]] entry.
wrong_entries() {
    python3 - "$1" <<'PY'
import sys, tomllib
with open(f"problems/{sys.argv[1]}/problem.toml", "rb") as f:
    m = tomllib.load(f)
for w in m.get("wrong", []):
    print(f"{w['file']}\t{','.join(w['verdicts'])}")
PY
}

# judge_run NAME EXPECTED(comma list) TIMEOUT [--show-cases] -- JUDGE ARGS...
judge_run() {
    local name=$1 expected=$2 limit=$3 show=0; shift 3
    [ "$1" = "--show-cases" ] && { show=1; shift; }
    [ "$1" = "--" ] && shift
    local out="$WORK/$(echo "$name" | tr '/ ' '__').json" rc
    if [ "$(left)" -le 0 ]; then fail "$name" "$name: not run: time budget spent"; return; fi
    local t0=$SECONDS
    env -u JUDGE_PROBLEMS timeout --kill-after=5 "$(min "$limit" "$(left)")" "$JUDGE" run "$@" --format json > "$out" 2> "$out.err"
    rc=$?
    local report verdict msg
    report=$(python3 "$WORK/report.py" "$out")
    verdict=$(printf '%s\n' "$report" | head -n 1 | cut -f 1)
    msg=$(printf '%s\n' "$report" | head -n 1 | cut -f 2-)
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        fail "$name" "$name: judge timed out after $((SECONDS - t0)) s (expected $expected)"
    elif [[ ",$expected," == *",$verdict,"* ]]; then
        pass "$name: $verdict (expected $expected; exit $rc, $((SECONDS - t0)) s)${msg:+ — $msg}"
    else
        fail "$name" "$name: $verdict (expected $expected; exit $rc)${msg:+ — $msg}$( [ "$verdict" = NOREPORT ] && printf ' — stderr: %s' "$(head -c 300 "$out.err" | tr '\n' ' ')")"
    fi
    [ "$show" = 1 ] && printf '%s\n' "$report" | tail -n +2
}
min() { [ "$1" -lt "$2" ] && echo "$1" || echo "$2"; }

for p in "${CUDA_PROBLEMS[@]}"; do
    echo
    echo "== $p"
    judge_run "$p reference" AC 120 --show-cases -- "problems/$p/reference/solution.cu" --problem "$p" --reveal
    while IFS=$'\t' read -r file verdicts; do
        [ -n "$file" ] || continue
        judge_run "$p $file" "$verdicts" 60 -- "problems/$p/$file" --problem "$p" --fail-fast
    done < <(wrong_entries "$p")
done

echo
echo "== fixtures (tests/fixtures/cuda)"
FIX=tests/fixtures/cuda
judge_run "hanging kernel" TLE 60 -- tests/fixtures/solutions/gpu-kernel-hang/hang.cu --problem gpu-kernel-hang --problems tests/fixtures/problems
sleep 1
apps=$(timeout 20 nvidia-smi --query-compute-apps=pid,process_name --format=csv,noheader 2>&1)
if [ -z "$apps" ] || [[ "$apps" == *"No running"* ]]; then
    pass "no compute process left on the GPU after the hang"
else
    fail "gpu-released" "compute processes still on the GPU after the hang: $(echo "$apps" | tr '\n' ';')"
fi
judge_run "control after the hang" AC 60 -- tests/fixtures/solutions/gpu-kernel-hang/sum_ok.cu --problem gpu-kernel-hang --problems tests/fixtures/problems
if [ -d problems/row-softmax ]; then
    judge_run "row-softmax writes its inputs" AC 120 -- "$FIX/solutions/softmax_writes_inputs.cu" --problem row-softmax
fi

summary ""
[ "$FAILS" -gt 0 ] && exit 1
exit 0
