// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The order in which a drive returns main channel, C2 pointers and subchannel for one sector, and
 * the conversion of a drive's reply to the normalised DATA_C2_SUB layout (optical.md §5).
 *
 * @module
 */
import { CD_C2_SIZE, CD_DATA_SIZE, CD_RAW_DATA_SIZE, CD_SUBCODE_SIZE } from "../cd/constants.ts";

/** Sector orders: MMC standard, swapped, without C2, without subchannel. */
export type SectorOrder = "DATA_C2_SUB" | "DATA_SUB_C2" | "DATA_SUB" | "DATA_C2";

/** Every sector order, as `--drive-sector-order` accepts them. */
export const SECTOR_ORDERS: readonly SectorOrder[] = [
  "DATA_C2_SUB",
  "DATA_SUB_C2",
  "DATA_SUB",
  "DATA_C2",
];

/** Whether a sector order carries C2 pointers. */
export function orderHasC2(order: SectorOrder): boolean {
  return order !== "DATA_SUB";
}

/** Whether a sector order carries raw P–W subchannel. */
export function orderHasSub(order: SectorOrder): boolean {
  return order !== "DATA_C2";
}

/**
 * Bytes per sector a drive returns in `order`.
 *
 * @example Usage
 * ```ts
 * import { sectorOrderSize } from "./sector_order.ts";
 * if (sectorOrderSize("DATA_SUB") !== 2448) throw new Error();
 * ```
 */
export function sectorOrderSize(order: SectorOrder): number {
  return CD_DATA_SIZE + (orderHasC2(order) ? CD_C2_SIZE : 0) +
    (orderHasSub(order) ? CD_SUBCODE_SIZE : 0);
}

/**
 * Rearranges `count` sectors returned in `order` into `out` as 2742-byte DATA_C2_SUB records;
 * parts the order lacks are zero-filled.
 *
 * @example DATA_SUB_C2 to DATA_C2_SUB
 * ```ts
 * import { normalizeSectors } from "./sector_order.ts";
 * const raw = new Uint8Array(2742);
 * raw[2352] = 7; // first subchannel byte
 * raw[2352 + 96] = 9; // first C2 byte
 * const out = normalizeSectors(raw, 1, "DATA_SUB_C2");
 * if (out[2352] !== 9 || out[2352 + 294] !== 7) throw new Error();
 * ```
 */
export function normalizeSectors(
  raw: Uint8Array,
  count: number,
  order: SectorOrder,
  out: Uint8Array = new Uint8Array(count * CD_RAW_DATA_SIZE),
): Uint8Array {
  const size = sectorOrderSize(order);
  if (order === "DATA_C2_SUB") {
    out.set(raw.subarray(0, count * size));
    return out;
  }
  for (let i = 0; i < count; i++) {
    const src = i * size;
    const dst = i * CD_RAW_DATA_SIZE;
    out.set(raw.subarray(src, src + CD_DATA_SIZE), dst);
    const c2 = dst + CD_DATA_SIZE;
    const sub = c2 + CD_C2_SIZE;
    const after = src + CD_DATA_SIZE;
    switch (order) {
      case "DATA_SUB_C2":
        out.set(raw.subarray(after, after + CD_SUBCODE_SIZE), sub);
        out.set(raw.subarray(after + CD_SUBCODE_SIZE, after + CD_SUBCODE_SIZE + CD_C2_SIZE), c2);
        break;
      case "DATA_SUB":
        out.fill(0, c2, sub);
        out.set(raw.subarray(after, after + CD_SUBCODE_SIZE), sub);
        break;
      case "DATA_C2":
        out.set(raw.subarray(after, after + CD_C2_SIZE), c2);
        out.fill(0, sub, sub + CD_SUBCODE_SIZE);
        break;
    }
  }
  return out;
}
