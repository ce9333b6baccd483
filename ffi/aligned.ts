// Copyright 2026 the sectorkit authors. MIT license.

/** Allocates a zeroed buffer of `size` bytes whose address is a multiple of `alignment` (shared: in a SharedArrayBuffer). */
export function allocAligned(
  size: number,
  alignment: number,
  shared = false,
): Uint8Array<ArrayBuffer> {
  if (alignment <= 1 && !shared) return new Uint8Array(size);
  alignment = Math.max(alignment, 1);
  // FFI accepts SharedArrayBuffer views; typed as ArrayBuffer for the `buffer` parameter type.
  const raw = new Uint8Array(
    shared ? new SharedArrayBuffer(size + alignment) : new ArrayBuffer(size + alignment),
  ) as Uint8Array<ArrayBuffer>;
  const addr = Deno.UnsafePointer.value(Deno.UnsafePointer.of(raw));
  const skip = Number((BigInt(alignment) - (addr % BigInt(alignment))) % BigInt(alignment));
  return raw.subarray(skip, skip + size);
}
