#!/usr/bin/env bash
# Times one permaudit run over a batch of generated APKs with one worker
# and with two (-j 1, -j 2), digest on and off, and measures the peak RSS
# of the batch: memory follows the pool, not the number of files. Medians
# of RUNS runs. Benchmark figures, not a test.
#   bash .ci/bench-batch.sh            # RUNS=3 N="200 2000" PAD=3000000
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}; counts=${N:-200 2000}; pad=${PAD:-3000000}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/permaudit" ./cmd/permaudit

. .ci/median.sh
rss_mib() {
  /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || true
  awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$work/time.txt"
}

printf '%-7s %-12s %10s %10s %14s %14s\n' apks digest "-j1_ms" "-j2_ms" "rss_json_MiB" "rss_jsonl_MiB"
for n in $counts; do
  rm -rf "$work/apks"
  go run ./platforms/internal/mkpackage -count "$n" -pad "$pad" "$work/apks" >/dev/null
  for digest in on off; do
    flag=""; [ "$digest" = off ] && flag=--no-digest
    pa="$work/permaudit audit $flag --format json"
    j1=$(median_ms $pa -j 1 "$work/apks"); j2=$(median_ms $pa -j 2 "$work/apks")
    r1=$(rss_mib $pa -j 2 "$work/apks")
    r2=$(rss_mib "$work/permaudit" audit $flag --format jsonl -j 2 "$work/apks")
    printf '%-7s %-12s %10s %10s %14s %14s\n' "$n" "$digest" "$j1" "$j2" "$r1" "$r2"
  done
done
