#!/usr/bin/env bash
# Measures what auditing a package costs as the package grows: a small APK
# and the same APK padded with a 1 GiB stored entry, with and without the
# SHA-256 digest. Prints wall time and peak memory (/usr/bin/time -v).
#   bash .ci/bench-package.sh [PAD_BYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
pad=${1:-1073741824}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/permaudit" ./cmd/permaudit
go run ./platforms/internal/mkpackage "$work/plain.apk"
go run ./platforms/internal/mkpackage -pad "$pad" "$work/padded.apk"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }

# The floor for "one hashing pass": openssl hashing the same padded file.
start=$(date +%s.%N); openssl dgst -sha256 "$work/padded.apk" >/dev/null; end=$(date +%s.%N)
echo "openssl dgst -sha256 of padded.apk: $(awk "BEGIN{printf \"%.2f\", $end-$start}") s"

printf '%-8s %-10s %10s %12s\n' package digest seconds peak_KiB
for pkg in plain padded; do
  for mode in no-digest digest; do
    flag=""; [ "$mode" = no-digest ] && flag="--no-digest"
    # Best of 5 runs, so a busy machine does not decide the figure.
    best=""; rss=0
    for _ in 1 2 3 4 5; do
      /usr/bin/time -v "$work/permaudit" audit $flag --format json "$work/$pkg.apk" >/dev/null 2>"$work/time.txt" || true
      s=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2,a,":"); print a[1]*60+a[2]}' "$work/time.txt")
      r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
      if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; fi
      [ "$r" -gt "$rss" ] && rss=$r
    done
    printf '%-8s %-10s %10s %12s\n' "$pkg" "$mode" "$best" "$rss"
  done
done
