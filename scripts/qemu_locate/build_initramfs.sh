#!/usr/bin/env bash
# Initramfs for the device-mapper `locate` guest (cpio newc + gzip): busybox-static, the virtio
# disk, dm, md (raid0/raid1), ext4 and 9p modules (dependency-ordered from modules.dep), dmsetup,
# mdadm and the glibc libraries of those and of deno (deno itself is shared over 9p).
# usage: scripts/qemu_locate/build_initramfs.sh OUT.cpio.gz   (env: KV, DENO)
set -euo pipefail
out=${1:?usage: build_initramfs.sh OUT.cpio.gz}
here=$(cd "$(dirname "$0")" && pwd)
kv=${KV:-$(ls /lib/modules | sort -V | tail -1)}
moddir=/lib/modules/$kv
deno=${DENO:-$(command -v deno)}
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,share,src,opt/deno,lib/modules,lib64,etc,mnt}
if ldd /bin/busybox >/dev/null 2>&1; then
  echo "build_initramfs: /bin/busybox is dynamically linked; install busybox-static" >&2
  exit 1
fi
cp /bin/busybox "$root/bin/busybox"
declare -A seen
order=()
add() {
  local m=$1 line dep
  line=$(grep -E "(^|/)$m\.ko(\.(xz|zst|gz))?:" "$moddir/modules.dep" | head -1) ||
    { echo "build_initramfs: module $m not found in $moddir" >&2; exit 1; }
  local path=${line%%:*}
  [[ -n ${seen[$path]:-} ]] && return
  for dep in ${line#*:}; do add "$(basename "$dep" | sed -E 's/\.ko(\.(xz|zst|gz))?$//')"; done
  seen[$path]=1
  order+=("$path")
}
for m in virtio_pci virtio_blk crc32c_generic dm-mod md-mod raid0 raid1 ext4 9pnet_virtio 9p; do add "$m"; done
: > "$root/lib/modules/load-order"
for p in "${order[@]}"; do
  n=$(basename "$p"); b=${n%%.ko*}
  case $n in
    *.xz) xz -dc "$moddir/$p" ;;
    *.zst) zstd -qdc "$moddir/$p" ;;
    *.gz) gzip -dc "$moddir/$p" ;;
    *) cat "$moddir/$p" ;;
  esac > "$root/lib/modules/$b.ko"
  echo "$b" >> "$root/lib/modules/load-order"
done
copylibs() {
  local l
  for l in $(ldd "$1" | grep -oE '/[^ ]+\.so[^ ]*'); do
    mkdir -p "$root$(dirname "$l")"
    cp -Ln "$l" "$root$l"
  done
}
copylibs "$deno"
cp "$(command -v dmsetup)" "$root/usr/sbin/dmsetup"
copylibs "$(command -v dmsetup)"
cp "$(command -v mdadm)" "$root/usr/sbin/mdadm"
copylibs "$(command -v mdadm)"
install -m 755 "$here/init" "$root/init"
echo "root:x:0:0:root:/root:/bin/sh" > "$root/etc/passwd"
(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 > "$out"
echo "build_initramfs: $out ($(stat -c %s "$out") bytes) kernel $kv" >&2
