#!/usr/bin/env bash
# Runs every fuzz target in turn for SECONDS each (default 300), starting from the committed
# seeds, with the limits the README states: 2 s per input, 1 GB per input. No sanitizer: hyoka
# has no unsafe code, so AddressSanitizer would only slow the search (about 10× here); panics,
# aborts, hangs and memory blow-ups are what is looked for.
# Needs a nightly toolchain and cargo-fuzz: `cargo install cargo-fuzz`.
#
# The targets are built once and then run as they are, so editing the source meanwhile does not
# rebuild them halfway. Findings go to artifacts/<target>/; logs to logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(load check diff history render plan import import_sheet amplify)
cargo +nightly fuzz build -s none -O
bin=target/x86_64-unknown-linux-gnu/release
mkdir -p corpus logs
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  "$bin/$t" "corpus/$t" "seeds/$t" -artifact_prefix="artifacts/$t/" \
    -max_len="${MAX_LEN:-8192}" -max_total_time="$seconds" -timeout=2 \
    -rss_limit_mb=1024 -malloc_limit_mb=1024 -print_final_stats=1 \
    >"logs/$t.log" 2>&1 || echo "$t: FAILED (see logs/$t.log)"
  echo "$t: $(grep -E 'stat::number_of_executed_units' "logs/$t.log" | awk '{print $2}') executions in ${seconds} s"
done
