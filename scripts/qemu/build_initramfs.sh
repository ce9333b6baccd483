#!/usr/bin/env bash
# Builds a QEMU test guest's initramfs (cpio newc + gzip): busybox-static, the kernel modules of the
# chosen PROFILE (dependency-ordered from modules.dep), and the glibc libraries the deno binary links
# against (deno itself is shared into the guest over 9p). Profiles:
#   cd    IDE/AHCI/virtio-scsi CD-ROM, sg and 9p, plus sg3-utils when installed (the peer the guest
#         compares its MMC answers with)
#   disks virtio disks, dm, md (raid0/raid1), ext4 and 9p, plus dmsetup and mdadm (the `locate` guest)
# Needs: busybox-static, linux-image-amd64 (its modules), cpio, gzip.
# usage: scripts/qemu/build_initramfs.sh PROFILE OUT.cpio.gz    (env: KV = kernel version, DENO)
set -euo pipefail
profile=${1:?usage: build_initramfs.sh cd|disks OUT.cpio.gz}
out=${2:?usage: build_initramfs.sh cd|disks OUT.cpio.gz}
case $profile in
  cd)
    modules=(sr_mod sg ata_piix ata_generic ahci virtio_pci virtio_scsi 9pnet_virtio 9p)
    tools=(sg_inq? sg_readcap? sg_raw? sg_turs? sg_get_config?) ;;
  disks)
    modules=(virtio_pci virtio_blk crc32c_generic dm-mod md-mod raid0 raid1 ext4 9pnet_virtio 9p)
    tools=(dmsetup mdadm) ;;
  *) echo "build_initramfs: unknown profile $profile (cd or disks)" >&2; exit 2 ;;
esac
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
for m in "${modules[@]}"; do add "$m"; done
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
# Guest tools; a trailing "?" marks an optional one.
for t in "${tools[@]}"; do
  p=$(command -v "${t%\?}") || { [[ $t == *\? ]] && continue; echo "build_initramfs: $t not installed" >&2; exit 1; }
  cp "$p" "$root/usr/bin/"
  copylibs "$p"
done
install -m 755 "$here/init" "$root/init"
echo "root:x:0:0:root:/root:/bin/sh" > "$root/etc/passwd"
(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 > "$out"
echo "build_initramfs: $out ($(stat -c %s "$out") bytes) kernel $kv, profile $profile, modules: $(tr '\n' ' ' < "$root/lib/modules/load-order")" >&2
