#!/usr/bin/env bash
# Boots a throw-away QEMU guest (TCG; KVM only on real VT-x/AMD-V) with the given raw images as
# virtio disks (vda, vdb, …), bundles main.ts into RESULT_DIR/sectorkit.js, and runs RESULT_DIR/run.sh (written by the
# caller) as the guest's job; the deno binary's directory is shared at /opt/deno.
# usage: scripts/qemu_locate/run_guest.sh RESULT_DIR DISK.img...
# env: TIMEOUT (s, 300), MEM (MiB, 384), ACCEL (tcg|kvm|auto), INITRD (cache path), DENO, KERNEL
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
share=$(realpath "${1:?result dir}")
shift
disks=()
for d in "$@"; do disks+=(-drive "file=$(realpath "$d"),format=raw,if=virtio,cache=writethrough"); done
echo "$#" > "$share/disks"
timeout_s=${TIMEOUT:-300}
mem=${MEM:-384}
deno=$(realpath "${DENO:-$(command -v deno)}")
kernel=${KERNEL:-$(ls /boot/vmlinuz-* | sort -V | tail -1)}
kv=${kernel#/boot/vmlinuz-}
initrd=${INITRD:-${TMPDIR:-/tmp}/sectorkit-qemu-locate-initramfs-$kv.cpio.gz}
if [[ ! -s $initrd || $here/init -nt $initrd || $here/build_initramfs.sh -nt $initrd ]]; then
  KV=$kv DENO=$deno "$here/build_initramfs.sh" "$initrd.tmp.$$" && mv "$initrd.tmp.$$" "$initrd"
fi
accel=${ACCEL:-auto}
if [[ $accel == auto ]]; then
  if [[ -w /dev/kvm && ! -d /sys/module/kvm_pvm ]] && grep -qwE 'vmx|svm' /proc/cpuinfo; then
    accel=kvm
  else
    accel=tcg
  fi
fi
cpu=()
[[ $accel == kvm ]] && cpu=(-cpu host)
(cd "$src" && "$deno" bundle --quiet --platform deno -o "$share/sectorkit.js" main.ts)
set +e
timeout --foreground -k 5 "$timeout_s" qemu-system-x86_64 -M pc -accel "$accel" "${cpu[@]}" -m "$mem" -smp 1 \
  -display none -serial stdio -monitor none -no-reboot -nic none \
  -kernel "$kernel" -initrd "$initrd" -append "console=ttyS0 quiet panic=-1" \
  "${disks[@]}" \
  -virtfs "local,path=$share,mount_tag=share,security_model=none" \
  -virtfs "local,path=$(dirname "$deno"),mount_tag=denobin,security_model=none,readonly=on" \
  </dev/null 2>&1 | sed -u -e 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\x1bc//g; s/\r$//'
set -e
[[ -f $share/rc ]] || { echo "host: guest produced no result (timeout or panic?)" >&2; exit 124; }
exit "$(cat "$share/rc")"
