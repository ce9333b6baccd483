#!/usr/bin/env bash
# Builds single-file sectorkit binaries per OS with `deno compile` (needs a machine that can
# download Deno's runtime, e.g. a release CI runner; this sandbox cannot).
#   bash scripts/compile.sh                 # all targets into dist/
#   bash scripts/compile.sh x86_64-unknown-linux-gnu
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
deno=$("$root/scripts/bootstrap.sh")
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(
  x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu
  x86_64-apple-darwin aarch64-apple-darwin x86_64-pc-windows-msvc
)
mkdir -p "$root/dist"
for t in "${targets[@]}"; do
  out="$root/dist/sectorkit-$t"
  [[ $t == *windows* ]] && out="$out.exe"
  echo "compiling $t -> $out" >&2
  # -A: device access under /dev needs all permissions (Deno treats /dev as special files).
  # Workers are loaded with new Worker(new URL(...)) and must be embedded explicitly.
  includes=()
  while IFS= read -r w; do includes+=(--include "$w"); done < <(cd "$root" && grep -rl --include='*_worker.ts' -e 'self' lib ffi 2>/dev/null | sort)
  "$deno" compile -A --no-prompt --target "$t" --output "$out" --config "$root/deno.json" "${includes[@]}" "$root/main.ts"
done
