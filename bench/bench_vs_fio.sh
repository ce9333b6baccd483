#!/usr/bin/env bash
# sectorkit bench side by side with fio (io_uring engine, direct=1), interleaved, on the same loop
# device and the same file: SEQ1M Q1, SEQ1M Q8, RND4K Q1, RND4K Q32. Prints the median of ROUNDS
# runs of each tool and the ratio sectorkit/fio. Ratios are reported, never asserted.
#
#   sudo bash bench/bench_vs_fio.sh                 (ROUNDS=3 DURATION=3 SIZE=512M by default)
#   sudo ROUNDS=5 DURATION=5 bash bench/bench_vs_fio.sh
#
# Needs root (losetup), fio, python3. Creates and removes its own backing file and loop device.
# Every tool run holds LOCK (/tmp/sectorkit-bench.lock) so that benchmarks of people sharing the
# machine never overlap; the 1-minute load average is logged with every run. For each run the
# bytes the device really transferred (/sys/block/*/stat) are logged next to what the tool
# reported, to check that both tools do the same I/O.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=${ROUNDS:-3}
duration=${DURATION:-3}
size=${SIZE:-512M}
work=$(mktemp -d /var/tmp/sectorkit-vs-fio.XXXXXX)
loop=""
# Both tools read into huge pages: sectorkit's engine asks for transparent huge pages, fio gets
# --iomem=shmhuge from a few reserved hugetlb pages (given back at the end). With scattered 4 KiB
# pages a 1 MiB request has 256 segments and the loop device (max_segments 128) splits it in two,
# so sequential results depended on where each tool's buffer pages happened to land.
hp_old=$(cat /proc/sys/vm/nr_hugepages)
cleanup() {
  [ -n "$loop" ] && losetup -d "$loop" 2>/dev/null || true
  rm -rf "$work"
  echo "$hp_old" >/proc/sys/vm/nr_hugepages 2>/dev/null || true
}
trap cleanup EXIT
fio_mem=""
if echo $((hp_old + 16)) >/proc/sys/vm/nr_hugepages 2>/dev/null &&
  [ "$(cat /proc/sys/vm/nr_hugepages)" -ge $((hp_old + 16)) ]; then
  fio_mem="--iomem=shmhuge"
else
  echo "warning: no huge pages for fio; its 1 MiB requests may be split (see docs/bench.md)" >&2
fi
head -c "$size" /dev/urandom >"$work/disk.img"
cp "$work/disk.img" "$work/file.bin"
sync
loop=$(losetup -f --show -r --direct-io=on "$work/disk.img")
deno=${DENO:-deno}
lock=${LOCK:-/tmp/sectorkit-bench.lock}
backing_dev=$(lsblk -no PKNAME "$(df --output=source "$work" | tail -1)" 2>/dev/null | head -1)
[ -n "$backing_dev" ] || backing_dev=$(basename "$(df --output=source "$work" | tail -1)")
sectors_read() { awk '{print $3}' "/sys/block/$1/stat"; }
out="$work/results.tsv"
tests=("SEQ1M Q1T1|read|1M|1" "SEQ1M Q8T1|read|1M|8" "RND4K Q1T1|randread|4k|1" "RND4K Q32T1|randread|4k|32")

run_fio() { # target name rw bs qd
  fio --name=j --filename="$1" --readonly --direct=1 --ioengine=io_uring --rw="$3" --bs="$4" \
    --iodepth="$5" --time_based --runtime="$duration" --ramp_time=1 --norandommap --randrepeat=0 \
    --size="$size" $fio_mem --output-format=json 2>/dev/null |
    python3 -c 'import json,sys; r=json.load(sys.stdin)["jobs"][0]["read"]; print(r["bw_bytes"]/1e6, r["iops"], r["lat_ns"]["mean"]/1000)'
}
run_sk() { # target name
  "$deno" run -A "$root/main.ts" bench "$1" --test "$2" --runs 1 --duration "${duration}s" \
    --warmup 1s --interval 0 --engine "${ENGINE:-auto}" --json -q |
    python3 -c 'import json,sys; r=json.load(sys.stdin)["results"][0]; print(r["mbps"], r["iops"], r["latencyUs"]["mean"])'
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for ((round = 1; round <= rounds; round++)); do
  for target in "$loop" "$work/file.bin"; do
    kind=device
    [ "$target" = "$loop" ] || kind=file
    for t in "${tests[@]}"; do
      IFS='|' read -r name rw bs qd <<<"$t"
      # Alternate which tool goes first to spread drift evenly.
      if ((round % 2)); then order="fio sectorkit"; else order="sectorkit fio"; fi
      for tool in $order; do
        dev=$(basename "$loop")
        [ "$kind" = device ] || dev=$backing_dev
        exec 9>"$lock"
        flock 9
        s0=$(sectors_read "$dev")
        if [ "$tool" = fio ]; then r=$(run_fio "$target" "$name" "$rw" "$bs" "$qd")
        else r=$(run_sk "$target" "$name"); fi
        s1=$(sectors_read "$dev")
        flock -u 9
        printf '%s\t%s\t%s\t%s\n' "$kind" "$name" "$tool" "$r" >>"$out"
        echo "round $round $kind $name $tool: $r (load $(cut -d' ' -f1 /proc/loadavg); $dev read $(((s1 - s0) / 2048)) MiB incl. warm-up)" >&2
      done
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$out" "$rounds" "$duration" <<'PY'
import sys, statistics
from collections import defaultdict
rows = defaultdict(list)
for line in open(sys.argv[1]):
    kind, name, tool, vals = line.rstrip("\n").split("\t")
    rows[(kind, name, tool)].append([float(x) for x in vals.split()])
print(f"median of {sys.argv[2]} interleaved runs, {sys.argv[3]} s each (MB/s = 10^6 B/s); "
      "'pair' = median of the per-round ratios (each round runs the two tools back to back)\n")
print("| target | test | fio MB/s | sectorkit MB/s | ratio | fio IOPS | sectorkit IOPS | ratio | pair ratio | fio lat µs | sectorkit lat µs |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
seen = []
for (kind, name, tool) in rows:
    if (kind, name) not in seen: seen.append((kind, name))
for kind, name in seen:
    fr, sr = rows[(kind, name, "fio")], rows[(kind, name, "sectorkit")]
    f = [statistics.median(c) for c in zip(*fr)]
    s = [statistics.median(c) for c in zip(*sr)]
    pair = statistics.median(b[1] / a[1] for a, b in zip(fr, sr))
    print(f"| {kind} | {name} | {f[0]:.1f} | {s[0]:.1f} | {s[0]/f[0]:.2f} | {f[1]:.0f} | {s[1]:.0f} | {s[1]/f[1]:.2f} | {pair:.2f} | {f[2]:.1f} | {s[2]:.1f} |")
PY
