#!/usr/bin/env bash
# sectorkit locate/owner vs The Sleuth Kit on a 1 GiB ext4 image with ~20 000 files.
#   (a) map every file:   sectorkit ls --image IMG / -r --json   vs   fls -r + istat per file
#   (b) 1000 random LBAs: sectorkit owner IMG --lbas-from F      vs   ifind -d + ffind per LBA
# TSK's per-file/per-LBA loops are timed on a sample (SAMPLE_A files, SAMPLE_B LBAs) and
# extrapolated linearly to the full count; the script says so in its output.
# Usage: bash bench/locate_vs_tsk.sh [FILES] [SAMPLE_A] [SAMPLE_B]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
files=${1:-20000}; sample_a=${2:-400}; sample_b=${3:-100}
work=$(mktemp -d -t sectorkit-locate-bench.XXXX)
trap 'rm -rf "$work"' EXIT
sk() { deno run -A "$root/main.ts" "$@"; }
now() { date +%s.%N; }

python3 - "$work/src" "$files" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
random.seed(1)
for i in range(n):
    d = os.path.join(root, f"d{i // 500:03d}", f"s{(i // 50) % 10}")
    os.makedirs(d, exist_ok=True)
    size = random.choice([0, 100, 3000, 9000, 20000, 60000, 150000])
    with open(os.path.join(d, f"f{i:05d}.bin"), "wb") as f:
        f.write(random.randbytes(size))
PY
img=$work/ext4.img
mke2fs -q -F -t ext4 -b 4096 -d "$work/src" "$img" 1G
echo "image: $(du -h --apparent-size "$img" | cut -f1) ext4, $files files, $(du -sh "$work/src" | cut -f1) of data"

# (a) map every file
t0=$(now); sk ls --image "$img" / -r --json >"$work/ours.json"; t1=$(now)
ours_a=$(echo "$t1 - $t0" | bc -l)
t0=$(now); fls -r -p "$img" >"$work/fls.txt"; t1=$(now)
fls_t=$(echo "$t1 - $t0" | bc -l)
grep -E '^r/r [0-9]+:' "$work/fls.txt" | awk '{print $2}' | tr -d ':' >"$work/inodes"
total=$(wc -l <"$work/inodes")
shuf -n "$sample_a" --random-source=<(yes) "$work/inodes" >"$work/sample"
t0=$(now); while read -r ino; do istat -r "$img" "$ino" >/dev/null; done <"$work/sample"; t1=$(now)
istat_t=$(echo "($t1 - $t0) / $sample_a * $total" | bc -l)
tsk_a=$(echo "$fls_t + $istat_t" | bc -l)
printf '(a) map every file (%d files): sectorkit %.2f s, TSK fls -r + istat %.2f s (istat timed on %d files, extrapolated) -> %.0fx\n' \
  "$total" "$ours_a" "$tsk_a" "$sample_a" "$(echo "$tsk_a / $ours_a" | bc -l)"

# (b) 1000 random LBAs
sectors=$(( $(stat -c %s "$img") / 512 ))
python3 -c "import random; random.seed(2); print('\n'.join(str(random.randrange($sectors)) for _ in range(1000)))" >"$work/lbas"
t0=$(now); sk owner "$img" --lbas-from "$work/lbas" --json --quiet >"$work/owners.json"; t1=$(now)
ours_b=$(echo "$t1 - $t0" | bc -l)
head -n "$sample_b" "$work/lbas" >"$work/lbas_sample"
t0=$(now)
while read -r lba; do
  ino=$(ifind -d $((lba / 8)) "$img" || true)
  case "$ino" in [0-9]*) ffind "$img" "$ino" >/dev/null || true ;; esac
done <"$work/lbas_sample"
t1=$(now)
tsk_b=$(echo "($t1 - $t0) / $sample_b * 1000" | bc -l)
printf '(b) 1000 random LBAs -> owner: sectorkit %.2f s (incl. index build), TSK ifind -d + ffind %.2f s (timed on %d LBAs, extrapolated) -> %.0fx\n' \
  "$ours_b" "$tsk_b" "$sample_b" "$(echo "$tsk_b / $ours_b" | bc -l)"
