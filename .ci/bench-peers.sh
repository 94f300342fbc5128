#!/usr/bin/env bash
# Times permaudit against its peers as whole processes, side by side on
# the same generated APKs: Debian's `aapt dump permissions` and
# androguard (Debian package androguard; its column is skipped, with a
# message, when it is not installed). Every figure is the median of RUNS
# runs (default 5); permaudit runs with --no-digest, since the others
# hash nothing. Benchmark targets, not a test: nothing here fails on a
# slow machine.
#   bash .ci/bench-peers.sh            # RUNS=5 N=200 PAD=1073741824
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}; n=${N:-200}; pad=${PAD:-1073741824}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/permaudit" ./cmd/permaudit
go run ./platforms/internal/mkpackage "$work/one.apk"
go run ./platforms/internal/mkpackage -count "$n" "$work/many"
go run ./platforms/internal/mkpackage -pad "$pad" "$work/padded.apk"
command -v aapt >/dev/null || { echo "needs aapt (apt-get install aapt)"; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }
androguard=""
if /usr/bin/python3 -c 'import androguard' 2>/dev/null; then
  androguard=1
else
  echo "androguard not installed (apt-get install androguard): its column is skipped"
fi
pa="$work/permaudit audit --no-digest --format json"
agpy='import sys; from androguard.core.bytecodes.apk import APK; print(sorted(APK(sys.argv[1]).get_permissions()))'

. .ci/median.sh
each() { local cmd=$1; shift; for f in "$@"; do $cmd "$f"; done; }
aapt_one() { aapt dump permissions "$1"; }
pa_one() { $pa "$1"; }
ag_one() { /usr/bin/python3 -c "$agpy" "$1"; }
ratio() { awk "BEGIN{printf \"%.2f\", $1/$2}"; }
many=("$work"/many/*.apk)
five=("${many[@]:0:5}")

printf '%-44s %12s %12s %8s\n' case permaudit_ms peer_ms ratio
p=$(median_ms $pa "$work/one.apk"); a=$(median_ms aapt dump permissions "$work/one.apk")
printf '%-44s %12s %12s %8s\n' "1 APK vs aapt dump permissions" "$p" "$a" "$(ratio "$p" "$a")"
p=$(median_ms $pa "$work/many"); a=$(median_ms each aapt_one "${many[@]}")
printf '%-44s %12s %12s %8s\n' "$n APKs, one run vs $n aapt runs" "$p" "$a" "$(ratio "$p" "$a")"
if [ -n "$androguard" ]; then
  p=$(median_ms each pa_one "${five[@]}"); a=$(median_ms each ag_one "${five[@]}")
  printf '%-44s %12s %12s %8s\n' "5 APKs, a process each, vs androguard" "$p" "$a" "$(ratio "$p" "$a")"
fi
p=$(median_ms $pa "$work/padded.apk"); a=$(median_ms $pa "$work/one.apk")
printf '%-44s %12s %12s %8s\n' "1 GiB-padded APK vs the same unpadded" "$p" "$a" "$(ratio "$p" "$a")"
/usr/bin/time -v $pa "$work/padded.apk" >/dev/null 2>"$work/time.txt" || true
echo "peak RSS auditing the padded APK: $(awk -F': ' '/Maximum resident set size/ {printf "%.1f MiB", $2/1024}' "$work/time.txt")"
