#!/usr/bin/env bash
# Boots a throw-away QEMU guest (TCG; KVM only on real VT-x/AMD-V), runs RESULT_DIR/run.sh in it and
# powers off; the guest's stdout goes to the serial console (printed here). RESULT_DIR is shared
# read-write at /share and the deno binary's directory read-only at /opt/deno. Two guests:
#
#   scripts/qemu/run_guest.sh IMAGE GUEST_SCRIPT RESULT_DIR [DVD_IMAGE]
#     Three drives: two ATAPI ide-cd (one holding IMAGE, one empty) and a virtio-scsi scsi-cd holding
#     IMAGE too; DVD_IMAGE (optional, > 737,280,000 bytes, may be sparse) goes into a fourth ide-cd
#     drive, which QEMU then presents as DVD-ROM media. The project is shared read-only at /src.
#     GUEST_SCRIPT is bundled on the host (`deno bundle`: one JS file, no TypeScript to transpile
#     under TCG) and run as `deno run -A /share/guest.js /share`.
#
#   scripts/qemu/run_guest.sh --disks RESULT_DIR DISK.img...
#     The images as virtio disks (vda, vdb, …) with dm and md in the guest; main.ts is bundled into
#     RESULT_DIR/sectorkit.js and the caller writes RESULT_DIR/run.sh.
#
# env: TIMEOUT (s; 240 cd, 300 disks), MEM (MiB; 320 cd, 384 disks), ACCEL (tcg|kvm|auto),
#      INITRD (cache path), DENO, KERNEL
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
deno=$(realpath "${DENO:-$(command -v deno)}")
devices=()
shares=()
if [[ ${1:-} == --disks ]]; then
  profile=disks
  share=$(realpath "${2:?result dir}")
  shift 2
  for d in "$@"; do devices+=(-drive "file=$(realpath "$d"),format=raw,if=virtio,cache=writethrough"); done
  echo "$#" > "$share/disks"
  timeout_s=${TIMEOUT:-300}
  mem=${MEM:-384}
  (cd "$src" && "$deno" bundle --quiet --platform deno -o "$share/sectorkit.js" main.ts)
else
  profile=cd
  image=$(realpath "${1:?image}")
  script=${2:?guest script (relative to the project)}
  share=$(realpath "${3:?result dir}")
  devices=(
    -drive "file=$image,media=cdrom,if=none,id=cd0,readonly=on" -device ide-cd,drive=cd0,bus=ide.1,unit=0
    -drive "media=cdrom,if=none,id=cd1" -device ide-cd,drive=cd1,bus=ide.1,unit=1
    -device virtio-scsi-pci,id=vs
    -drive "file=$image,media=cdrom,if=none,id=cd2,readonly=on" -device scsi-cd,drive=cd2,bus=vs.0
  )
  [[ -n ${4:-} ]] && devices+=(-drive "file=$(realpath "$4"),media=cdrom,if=none,id=cd3,readonly=on" -device ide-cd,drive=cd3,bus=ide.0,unit=0)
  shares=(-virtfs "local,path=$src,mount_tag=src,security_model=none,readonly=on")
  timeout_s=${TIMEOUT:-240}
  mem=${MEM:-320}
  rm -f "$share/disks"
  (cd "$src" && "$deno" bundle --quiet --platform deno -o "$share/guest.js" "$script")
  cat > "$share/run.sh" <<EOS
#!/bin/sh
export HOME=/tmp NO_COLOR=1 DENO_NO_UPDATE_CHECK=1 DENO_DIR=/tmp/deno
cd /tmp && deno run --no-config --no-lock -A /share/guest.js /share
echo \$? > /share/rc
EOS
  chmod +x "$share/run.sh"
fi
kernel=${KERNEL:-$(ls /boot/vmlinuz-* | sort -V | tail -1)}
kv=${kernel#/boot/vmlinuz-}
initrd=${INITRD:-${TMPDIR:-/tmp}/sectorkit-qemu-$profile-initramfs-$kv.cpio.gz}
if [[ ! -s $initrd || $here/init -nt $initrd || $here/build_initramfs.sh -nt $initrd ]]; then
  KV=$kv DENO=$deno "$here/build_initramfs.sh" "$profile" "$initrd.tmp.$$" && mv "$initrd.tmp.$$" "$initrd"
fi
accel=${ACCEL:-auto}
if [[ $accel == auto ]]; then
  # kvm only on real VT-x/AMD-V; nested "PVM" KVM (kvm_pvm) cannot boot a stock kernel
  if [[ -w /dev/kvm && ! -d /sys/module/kvm_pvm ]] && grep -qwE 'vmx|svm' /proc/cpuinfo; then
    accel=kvm
  else
    accel=tcg
  fi
fi
cpu=()
[[ $accel == kvm ]] && cpu=(-cpu host)
t0=$(date +%s%N)
set +e
timeout --foreground -k 5 "$timeout_s" qemu-system-x86_64 -M pc -accel "$accel" "${cpu[@]}" -m "$mem" -smp 1 \
  -display none -serial stdio -monitor none -no-reboot -nic none \
  -kernel "$kernel" -initrd "$initrd" -append "console=ttyS0 quiet panic=-1" \
  "${devices[@]}" \
  -virtfs "local,path=$share,mount_tag=share,security_model=none" \
  "${shares[@]}" \
  -virtfs "local,path=$(dirname "$deno"),mount_tag=denobin,security_model=none,readonly=on" \
  </dev/null 2>&1 | sed -u -e 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\x1bc//g; s/\r$//'
qrc=${PIPESTATUS[0]}
set -e
echo "host: qemu exit=$qrc accel=$accel wall=$(( ($(date +%s%N) - t0) / 1000000 ))ms" >&2
[[ -f $share/rc ]] || { echo "host: guest produced no result (timeout or panic?)" >&2; exit 124; }
exit "$(cat "$share/rc")"
