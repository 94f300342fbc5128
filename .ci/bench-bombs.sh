#!/usr/bin/env bash
# Measures what each hostile package of issue 14 costs permaudit: wall
# time and peak RSS (/usr/bin/time -v), with the exit code and the first
# line of stderr. Goal: each refused in under 1 s and 64 MiB.
#   bash .ci/bench-bombs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }

go build -o "$work/permaudit" ./cmd/permaudit
# The sizes of the issue: 1000 splits / 5000 HAPs sharing one ~250 MiB
# payload; 257 bundles sharing one deflated Mach-O (256 MiB here, to keep
# the generator's own memory modest).
go run ./platforms/internal/mkpackage -bomb apks -n 1000 -inflate $((250 << 20)) "$work/bomb.apks"
go run ./platforms/internal/mkpackage -bomb xapk -n 1000 -inflate $((250 << 20)) "$work/bomb.xapk"
go run ./platforms/internal/mkpackage -bomb app -n 5000 -inflate $((250 << 20)) "$work/bomb.app"
go run ./platforms/internal/mkpackage -bomb ipa -n 257 -inflate $((256 << 20)) "$work/bomb.ipa"
# Four honest compressed splits of ~250 MiB each: no overlap to refuse, so
# they are read within the 1 GiB inflate budget, spooled to disk, not memory.
go run ./platforms/internal/mkpackage -bomb apks-distinct -n 4 -inflate $((250 << 20)) "$work/distinct.apks"

printf '%-10s %10s %9s %11s %5s  %s\n' input size_KiB seconds peak_KiB exit "first line of stderr"
for f in bomb.apks bomb.xapk bomb.app bomb.ipa distinct.apks; do
  /usr/bin/time -v "$work/permaudit" audit --no-digest --format json "$work/$f" >/dev/null 2>"$work/err.txt" && code=0 || code=$?
  s=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2,a,":"); print a[1]*60+a[2]}' "$work/err.txt")
  r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/err.txt")
  code=$(awk -F': ' '/Exit status/ {print $2}' "$work/err.txt")
  msg=$(grep -m1 '^permaudit:' "$work/err.txt" | cut -c1-110 || true)
  printf '%-10s %10s %9s %11s %5s  %s\n' "$f" $(( $(stat -c %s "$work/$f") / 1024 )) "$s" "$r" "$code" "${msg:-(no error: findings in the report)}"
done
