// Copyright 2026 the sectorkit authors. MIT license.

/** Allocates a zeroed buffer of `size` bytes whose address is a multiple of `alignment`. */
export function allocAligned(size: number, alignment: number): Uint8Array<ArrayBuffer> {
  if (alignment <= 1) return new Uint8Array(size);
  const raw = new Uint8Array(size + alignment);
  const addr = Deno.UnsafePointer.value(Deno.UnsafePointer.of(raw));
  const skip = Number((BigInt(alignment) - (addr % BigInt(alignment))) % BigInt(alignment));
  return raw.subarray(skip, skip + size);
}
