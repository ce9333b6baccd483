#!/usr/bin/env bash
# Builds the QEMU test guest's initramfs (cpio newc + gzip): busybox-static, the kernel modules
# for an IDE/AHCI/virtio-scsi CD-ROM plus sg and 9p (dependency-ordered from modules.dep), and the
# glibc libraries the deno binary links against (deno itself is shared into the guest over 9p).
# Needs: busybox-static, linux-image-amd64 (its modules), cpio, gzip.
# usage: scripts/qemu/build_initramfs.sh OUT.cpio.gz    (env: KV = kernel version, DENO)
set -euo pipefail
out=${1:?usage: build_initramfs.sh OUT.cpio.gz}
here=$(cd "$(dirname "$0")" && pwd)
kv=${KV:-$(ls /lib/modules | sort -V | tail -1)}
moddir=/lib/modules/$kv
deno=${DENO:-$(command -v deno)}
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,share,src,opt/deno,lib/modules,lib64,etc}
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
for m in sr_mod sg ata_piix ata_generic ahci virtio_pci virtio_scsi 9pnet_virtio 9p; do add "$m"; done
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
for l in $(ldd "$deno" | grep -oE '/[^ ]+\.so[^ ]*'); do
  mkdir -p "$root$(dirname "$l")"
  cp -Ln "$l" "$root$l"
done
install -m 755 "$here/init" "$root/init"
echo "root:x:0:0:root:/root:/bin/sh" > "$root/etc/passwd"
(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 > "$out"
echo "build_initramfs: $out ($(stat -c %s "$out") bytes) kernel $kv, modules: $(tr '\n' ' ' < "$root/lib/modules/load-order")" >&2
