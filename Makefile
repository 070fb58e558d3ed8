# judge — the two commands a newcomer runs are `make demo` and `make test`.
CARGO ?= cargo
JUDGE := target/release/judge

.PHONY: all build release install demo test verify-problems test-vm bench bench-watch cuda-toolchain clean

all: build

build:
	$(CARGO) build --workspace

release:
	$(CARGO) build --release -p judge-cli

# Install `judge` into $(PREFIX)/bin (default ~/.local/bin; `make install
# PREFIX=/usr/local` for every user). Only the one binary: problems and
# runners are embedded in it.
PREFIX ?= $(HOME)/.local
install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(JUDGE) $(DESTDIR)$(PREFIX)/bin/judge
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) ;; *) echo "note: $(PREFIX)/bin is not on PATH; add it: export PATH=\"$(PREFIX)/bin:\$$PATH\"";; esac

# Build, then judge the bundled examples: two accepted solutions (Python and
# C++) and a buggy one that shows a failing case with its diff.
demo: release
	$(JUDGE) list
	$(JUDGE) run examples/longest_clean_span.py
	$(JUDGE) run examples/top_k_sampling.cpp
	@echo
	@echo '--- a buggy solution: judge shows the first failing case and exits 1 ---'
	@$(JUDGE) run examples/buggy_longest_clean_span.py --reveal || echo "(judge exited with $$?, as expected for a rejected solution)"

# Unit tests of every crate and the integration suite (tests/suite), then
# `judge verify` over every problem of the registry.
test:
	$(CARGO) build --workspace
	$(CARGO) test --workspace
	$(MAKE) verify-problems

# `judge verify` over the whole registry embedded in the binary: references AC,
# known-wrong solutions rejected as promised, inputs valid, generators
# deterministic, time limits with a margin (README, "judge verify").
verify-problems:
	$(CARGO) build -p judge-cli
	env -u JUDGE_PROBLEMS target/debug/judge verify

# nvcc and the CUDA runtime from PyPI (about 130 MB download) into the cache
# directory the judge searches last for nvcc (README, "CUDA"). Idempotent:
# does nothing when nvcc is there and works. With dependencies: they bring
# nvidia-cuda-crt and nvidia-nvvm, without which nvcc cannot compile.
CUDA_DIR ?= $(or $(JUDGE_CUDA_DIR),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/judge/cuda-toolchain)
NVCC_PIP ?= nvidia-cuda-nvcc nvidia-cuda-runtime
cuda-toolchain:
	@if "$(CUDA_DIR)/nvidia/cu13/bin/nvcc" --version >/dev/null 2>&1; then \
		echo "cuda-toolchain: already installed in $(CUDA_DIR)"; \
	else \
		echo "cuda-toolchain: installing $(NVCC_PIP) into $(CUDA_DIR)"; \
		python3 -m pip install --quiet --disable-pip-version-check --upgrade --target "$(CUDA_DIR)" $(NVCC_PIP); \
	fi
	@"$(CUDA_DIR)/nvidia/cu13/bin/nvcc" --version | grep release
	@echo "cuda-toolchain: nvcc is $(CUDA_DIR)/nvidia/cu13/bin/nvcc (the judge finds it there; or set JUDGE_NVCC / --nvcc)"

# The VM matrix (minutes; not part of `make test`): Debian's 6.1 kernel under
# qemu with cgroup v2, judged as root and as an ordinary user (see the script).
test-vm:
	bash scripts/vm-test.sh

# Benchmarks print figures; they assert nothing (README, "Benchmarks"; about a
# quarter of an hour). The suite comes last: the five figures of issue 13 as a table,
# also written to target/bench/results.md. It installs its peers (bubblewrap
# with apt-get, online-judge-tools with pip into target/bench/oj-venv) when
# missing; BENCH_ARGS passes options, e.g. BENCH_ARGS="--runs 3 --only 4,5".
BENCH_ARGS ?=
bench: release
	$(CARGO) build --release -q -p judge-sandbox --example startup_bench --example sandbox_peers
	target/release/examples/startup_bench
	python3 scripts/bench_python_overhead.py $(JUDGE)
	python3 scripts/bench_judge_bounds.py $(JUDGE)
	python3 scripts/bench_suite.py $(JUDGE) $(BENCH_ARGS)

# Save -> first sample verdict in `judge watch` (Python and C++; about a minute).
bench-watch: release
	python3 scripts/bench_watch.py $(JUDGE)

clean:
	$(CARGO) clean
