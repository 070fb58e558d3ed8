#!/usr/bin/env bash
# Judge on a busy machine: keep every core busy with other processes (plain
# shell busy loops at normal priority, killed on exit), then
#   1. run the suite's timing tests (CPU/wall-limit verdicts), and
#   2. judge the seed problems' reference solutions N times (default 100,
#      round-robin over problems/*/reference/solution.{py,cpp}) and count the
#      false TLEs (target: 0 of N).
# Usage: scripts/load-test.sh [N]         (N reference runs; 0 skips them)
#        LOAD_TEST_SUITE=full scripts/load-test.sh 0   (the whole `cargo test --workspace` under load)
#        LOAD_TEST_SUITE=none JUDGE=/other/judge scripts/load-test.sh 100
#            (reference runs only, with another judge binary: a baseline)
# Prints the figures; exits 1 when a test failed or a reference was not AC.
set -u
cd "$(dirname "$0")/.."
N=${1:-100}
CARGO=${CARGO:-cargo}
HOGS=${LOAD_TEST_HOGS:-$(nproc)}

if [ -z "${JUDGE:-}" ]; then
    $CARGO build -q --workspace || exit 2
    JUDGE=target/debug/judge
fi

hogs=()
job=
log=$(mktemp)
cleanup() {
    [ -n "$job" ] && kill "$job" 2>/dev/null
    for p in "${hogs[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -f "$log"
}
# Long steps run in the background and are waited for, so that a signal is
# handled at once (bash runs traps only between foreground commands).
run_step() {
    "$@" >"$log" 2>&1 &
    job=$!
    wait "$job"
    local st=$?
    job=
    return $st
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
for _ in $(seq "$HOGS"); do
    sh -c 'while :; do :; done' &
    hogs+=($!)
done
echo "load: $HOGS busy loop(s) on $(nproc) core(s) (pids ${hogs[*]})"

status=0
if [ "${LOAD_TEST_SUITE:-timing}" = none ]; then
    :
elif [ "${LOAD_TEST_SUITE:-timing}" = full ]; then
    echo "== the whole suite under load"
    run_step $CARGO test --workspace || status=1
    grep -E '^test .*FAILED$|^test result|panicked' "$log"
else
    echo "== timing tests under load"
    # TLE by CPU and by wall time, CPU of children, fork bombs (TLE/RE),
    # sleeping programs, derived time limits of packages.
    run_step $CARGO test -p judge-cli --test suite -- \
        tle_ busy_loop cpu_of_children fork_bombs case09 verify_agrees || status=1
    grep -E '^test |test result|panicked' "$log"
fi

if [ "$N" -gt 0 ]; then
    echo "== $N reference runs under load"
    refs=(problems/*/reference/solution.py problems/*/reference/solution.cpp)
    tle=0; other=0; max_wait=0; max_wall=0
    for i in $(seq 0 $((N - 1))); do
        ref=${refs[$((i % ${#refs[@]}))]}
        problem=$(basename "$(dirname "$(dirname "$ref")")")
        json=$("$JUDGE" run "$ref" --problem "$problem" --format json 2>/dev/null)
        read -r verdict wait wall msg < <(printf '%s' "$json" | python3 -c '
import json, sys
try:
    r = json.load(sys.stdin)
except Exception:
    print("NOREPORT 0 0 -"); sys.exit()
cases = r.get("cases", [])
bad = [c for c in cases if c["verdict"] != "AC"]
print(r["verdict"], max([c.get("wait_ms", 0) for c in cases] or [0]),
      max([c["wall_ms"] for c in cases] or [0]), (bad[0]["message"] if bad else "-").replace("\n", " "))')
        [ "$wait" -gt "$max_wait" ] && max_wait=$wait
        [ "$wall" -gt "$max_wall" ] && max_wall=$wall
        case $verdict in
            AC) ;;
            TLE) tle=$((tle + 1)); echo "  run $i $ref: false TLE: $msg" ;;
            *) other=$((other + 1)); echo "  run $i $ref: $verdict: $msg" ;;
        esac
        [ $(((i + 1) % 20)) -eq 0 ] && echo "  $((i + 1)) runs: $tle false TLE(s), largest wait_ms so far $max_wait"
    done
    echo "false TLEs: $tle of $N reference runs under load (other non-AC: $other); largest case wait_ms $max_wait, wall_ms $max_wall"
    [ $((tle + other)) -eq 0 ] || status=1
fi
exit $status
