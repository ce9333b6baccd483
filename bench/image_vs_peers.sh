#!/usr/bin/env bash
# sectorkit image side by side with dd, dc3dd and GNU ddrescue on the same loop device.
#   sudo bash bench/image_vs_peers.sh [RUNS=3] [SIZE_MIB=1024] [WORKDIR=/var/tmp/sectorkit-image-bench]
# Source: a deterministic pseudo-random file (AES-CTR keystream) on a read-only loop device; every
# tool reads it with direct I/O (dc3dd has no direct flag; it reads through the page cache, which is
# dropped before each run) and writes an image file on the same disk. Page cache dropped before
# every run; each timing includes a final `sync` so every tool has its image on disk. Runs are
# interleaved; the medians are compared. Ratios are reported, never asserted.
set -euo pipefail
runs=${1:-3}
size_mib=${2:-1024}
work=${3:-/var/tmp/sectorkit-image-bench}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
deno=${DENO:-deno}
[ "$(id -u)" = 0 ] || { echo "needs root (loop device, drop_caches)" >&2; exit 2; }
for c in dd dc3dd ddrescue losetup openssl python3; do
  command -v "$c" >/dev/null || { echo "missing $c" >&2; exit 2; }
done
mkdir -p "$work/out"
src="$work/src-${size_mib}M.img"
if [ ! -s "$src" ]; then
  { openssl enc -aes-128-ctr -pass pass:sectorkit -nosalt -pbkdf2 </dev/zero 2>/dev/null || true; } |
    head -c $((size_mib * 1048576)) >"$src"
fi
loop=$(losetup -f --show -r "$src")
trap 'losetup -d "$loop"; rm -rf "$work/out"' EXIT
bytes=$(blockdev --getsize64 "$loop")

declare -A cmd
cmd[sk_none]="$deno run -A $root/main.ts image --quiet --overwrite --hash none $loop $work/out/sk.img"
cmd[sk_md5sha1]="$deno run -A $root/main.ts image --quiet --overwrite --hash md5,sha1 $loop $work/out/sk.img"
cmd[sk_default]="$deno run -A $root/main.ts image --quiet --overwrite $loop $work/out/sk.img"
cmd[dd]="dd if=$loop of=$work/out/dd.img bs=1M iflag=direct status=none"
cmd[dc3dd]="dc3dd if=$loop of=$work/out/dc3dd.img hash=md5 hash=sha1 log=$work/out/dc3dd.log nwspc=on"
cmd[ddrescue]="ddrescue -f -d -q $loop $work/out/dr.img $work/out/dr.map"
order=(sk_none dd sk_md5sha1 dc3dd sk_default ddrescue)
declare -A times cpus
echo "# $(date -u +%FT%TZ) $(uname -r), $(nproc) CPUs, $bytes bytes on $loop, $runs interleaved runs"
for ((r = 1; r <= runs; r++)); do
  for t in "${order[@]}"; do
    rm -f "$work"/out/*
    sync
    echo 3 >/proc/sys/vm/drop_caches
    load=$(cut -d' ' -f1 /proc/loadavg)
    start=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$work/cpu.txt" ${cmd[$t]} >/dev/null 2>"$work/err.log" ||
      { echo "$t failed: $(tail -2 "$work/err.log")" >&2; }
    sync
    end=$(date +%s.%N)
    s=$(python3 -c "print(f'{$end - $start:.3f}')")
    c=$(python3 -c "u, k = open('$work/cpu.txt').read().split()[-2:]; print(f'{float(u) + float(k):.2f}')")
    times[$t]+="$s "
    cpus[$t]+="$c "
    printf '%-11s run %d  %7.3f s  %7.1f MB/s  cpu %5.2f s  (load %s)\n' "$t" "$r" "$s" \
      "$(python3 -c "print($bytes / 1e6 / $s)")" "$c" "$load"
  done
done
python3 - "$bytes" "${times[sk_none]}" "${times[dd]}" "${times[sk_md5sha1]}" "${times[dc3dd]}" \
  "${times[sk_default]}" "${times[ddrescue]}" "${cpus[sk_none]}" "${cpus[dd]}" \
  "${cpus[sk_md5sha1]}" "${cpus[dc3dd]}" "${cpus[sk_default]}" "${cpus[ddrescue]}" <<'PY'
import statistics, sys
b = int(sys.argv[1])
names = ["sk_none", "dd", "sk_md5sha1", "dc3dd", "sk_default", "ddrescue"]
med = {n: statistics.median(map(float, sys.argv[2 + i].split())) for i, n in enumerate(names)}
cpu = {n: statistics.median(map(float, sys.argv[8 + i].split())) for i, n in enumerate(names)}
print("median CPU seconds (user+sys, less sensitive to load): " + ", ".join(f"{n} {cpu[n]:.2f}" for n in names))
rate = {n: b / 1e6 / med[n] for n in names}
print("\nmedian MB/s: " + ", ".join(f"{n} {rate[n]:.1f}" for n in names))
print(f"sectorkit --hash none   vs dd iflag=direct bs=1M   : {rate['sk_none'] / rate['dd']:.2f}x (target >= 0.9)")
print(f"sectorkit --hash md5,sha1 vs dc3dd hash=md5 hash=sha1: {rate['sk_md5sha1'] / rate['dc3dd']:.2f}x (target >= 1.5)")
print(f"sectorkit --hash none   vs ddrescue -d             : {rate['sk_none'] / rate['ddrescue']:.2f}x (target >= 1.0)")
print(f"sectorkit (md5,sha1,crc32) vs ddrescue -d          : {rate['sk_default'] / rate['ddrescue']:.2f}x")
PY
