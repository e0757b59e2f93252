#!/usr/bin/env bash
# Runs every fuzz target in turn for SECONDS each (default 300), starting from the committed
# seeds, with the limits the README states: 2 s per input, 1 GB per input.
# Needs a nightly toolchain and cargo-fuzz: `cargo install cargo-fuzz`.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(load check diff history render plan)
mkdir -p corpus logs
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -O -- \
    -max_total_time="$seconds" -timeout=2 -rss_limit_mb=1024 -malloc_limit_mb=1024 \
    -print_final_stats=1 >"logs/$t.log" 2>&1 || echo "$t: FAILED (see logs/$t.log)"
  echo "$t: $(grep -E 'stat::number_of_executed_units' "logs/$t.log" | awk '{print $2}') executions"
done
