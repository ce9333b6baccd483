// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Windows ExtentSource (thin glue; layouts and arithmetic in lib/locate/windows_extents.ts):
 * FSCTL_GET_RETRIEVAL_POINTERS with a growing buffer, FSCTL_GET_RETRIEVAL_POINTER_BASE, and
 * IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS on the file's volume. Resident NTFS streams answer
 * ERROR_HANDLE_EOF and are reported as one "resident" extent without a location.
 * Not runnable on the Linux CI host.
 *
 * @module
 */
import {
  attributeFlags,
  ERROR_HANDLE_EOF,
  ERROR_MORE_DATA,
  FSCTL_GET_NTFS_VOLUME_DATA,
  FSCTL_GET_RETRIEVAL_POINTER_BASE,
  FSCTL_GET_RETRIEVAL_POINTERS,
  IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS,
  IOCTL_VOLUME_LOGICAL_TO_PHYSICAL,
  mftRecordOffset,
  parseNtfsVolumeData,
  parseRetrievalPointerBase,
  parseRetrievalPointers,
  parseVolumeDiskExtents,
  parseVolumePhysicalOffsets,
  type RetrievalRun,
  startingVcnInput,
  volumeLogicalOffset,
  windowsRunsToDisk,
} from "../../lib/locate/windows_extents.ts";
import type { ExtentSource, OsFileExtent } from "../../lib/platform/mod.ts";
import { fromUtf16z, utf16z } from "../../lib/os/windows_ioctl.ts";
import { kernel32 } from "./kernel32.ts";

function open(path: string, access: number): Deno.PointerValue {
  // FILE_SHARE_READ|WRITE|DELETE = 7, OPEN_EXISTING = 3, FILE_FLAG_BACKUP_SEMANTICS = 0x02000000
  const h = kernel32().CreateFileW(utf16z(path), access, 7, null, 3, 0x02000000, null);
  if (Deno.UnsafePointer.value(h) === 0xffffffffffffffffn || h === null) {
    throw new Error(`Cannot open ${path}: Win32 error ${kernel32().GetLastError()}`);
  }
  return h;
}

function ioctl(h: Deno.PointerValue, code: number, input: Uint8Array, outSize: number) {
  const out = new Uint8Array(outSize);
  const ret = new Uint8Array(4);
  const ok = kernel32().DeviceIoControl(
    h,
    code,
    input as Uint8Array<ArrayBuffer>,
    input.length,
    out,
    outSize,
    ret,
    null,
  );
  return { ok: ok !== 0, err: ok ? 0 : kernel32().GetLastError(), out };
}

/** All extents of a file as whole-disk byte offsets on \\.\PhysicalDriveN. */
export function windowsFileExtents(path: string): OsFileExtent[] {
  const volName = new Uint8Array(520);
  if (!kernel32().GetVolumePathNameW(utf16z(path), volName, 260)) {
    throw new Error(`No volume for ${path}`);
  }
  const root = fromUtf16z(volName); // "C:\"
  const spc = new Uint8Array(4),
    bps = new Uint8Array(4),
    x = new Uint8Array(4),
    y = new Uint8Array(4);
  kernel32().GetDiskFreeSpaceW(utf16z(root), spc, bps, x, y);
  const bytesPerSector = new DataView(bps.buffer).getUint32(0, true);
  const cluster = new DataView(spc.buffer).getUint32(0, true) * bytesPerSector;
  const vol = open(`\\\\.\\${root.replace(/\\$/, "")}`, 0);
  const file = open(path, 0x80); // FILE_READ_ATTRIBUTES
  try {
    const base = ioctl(vol, FSCTL_GET_RETRIEVAL_POINTER_BASE, new Uint8Array(0), 8);
    const fileArea = base.ok ? parseRetrievalPointerBase(base.out) : 0;
    const ext = ioctl(vol, IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS, new Uint8Array(0), 8 + 24 * 32);
    if (!ext.ok) throw new Error(`VOLUME_GET_VOLUME_DISK_EXTENTS failed: Win32 error ${ext.err}`);
    const disks = parseVolumeDiskExtents(ext.out);
    const runs: RetrievalRun[] = [];
    let vcn = 0;
    let size = 4096;
    while (true) {
      const r = ioctl(file, FSCTL_GET_RETRIEVAL_POINTERS, startingVcnInput(vcn), size);
      if (!r.ok && r.err === ERROR_HANDLE_EOF) {
        if (runs.length === 0) {
          return [residentRecord(root, vol, file, disks[0].startingOffset, disks[0].diskNumber)];
        }
        break;
      }
      if (!r.ok && r.err !== ERROR_MORE_DATA) {
        throw new Error(`FSCTL_GET_RETRIEVAL_POINTERS failed: Win32 error ${r.err}`);
      }
      const p = parseRetrievalPointers(r.out);
      runs.push(...p.runs);
      if (r.ok) break;
      vcn = p.nextVcn;
      size = Math.min(size * 2, 1 << 24);
    }
    const attrs = attributeFlags(kernel32().GetFileAttributesW(utf16z(path)));
    if (disks.length === 1) {
      const device = `\\\\.\\PhysicalDrive${disks[0].diskNumber}`;
      return windowsRunsToDisk(runs, cluster, bytesPerSector, fileArea, disks[0])
        .filter((r) => r.physicalOffset !== null)
        .map((r) => ({
          logical: r.fileOffset,
          physical: r.physicalOffset!,
          length: r.length,
          flags: [...r.flags, ...attrs],
          device,
        }));
    }
    // spanned/striped/mirrored (dynamic) volume: ask the volume manager per run (first copy;
    // a run crossing a stripe boundary is reported at its start only)
    const out: OsFileExtent[] = [];
    for (const r of runs) {
      if (r.lcn < 0) continue;
      const volOffset = fileArea * bytesPerSector + r.lcn * cluster;
      const l2p = ioctl(
        vol,
        IOCTL_VOLUME_LOGICAL_TO_PHYSICAL,
        volumeLogicalOffset(volOffset),
        8 + 16 * 8,
      );
      if (!l2p.ok) throw new Error(`VOLUME_LOGICAL_TO_PHYSICAL failed: Win32 error ${l2p.err}`);
      const [p] = parseVolumePhysicalOffsets(l2p.out);
      out.push({
        logical: r.vcn * cluster,
        physical: p.offset,
        length: r.clusters * cluster,
        flags: [...attrs],
        device: `\\\\.\\PhysicalDrive${p.diskNumber}`,
      });
    }
    return out;
  } finally {
    kernel32().CloseHandle(file);
    kernel32().CloseHandle(vol);
  }
}

/** Retrieval pointers of a file handle (all runs). */
function allRuns(h: Deno.PointerValue): RetrievalRun[] | null {
  const runs: RetrievalRun[] = [];
  let vcn = 0;
  let size = 4096;
  while (true) {
    const r = ioctl(h, FSCTL_GET_RETRIEVAL_POINTERS, startingVcnInput(vcn), size);
    if (!r.ok && r.err !== ERROR_MORE_DATA) return runs.length ? runs : null;
    const p = parseRetrievalPointers(r.out);
    runs.push(...p.runs);
    if (r.ok) return runs;
    vcn = p.nextVcn;
    size = Math.min(size * 2, 1 << 24);
  }
}

/** A resident NTFS stream: the location of its MFT record (the data sits inside it). */
function residentRecord(
  root: string,
  vol: Deno.PointerValue,
  file: Deno.PointerValue,
  diskStart: number,
  diskNumber: number,
): OsFileExtent {
  const vdr = ioctl(vol, FSCTL_GET_NTFS_VOLUME_DATA, new Uint8Array(0), 128);
  const info = new Uint8Array(52);
  if (!vdr.ok || !kernel32().GetFileInformationByHandle(file, info)) {
    return { logical: 0, physical: 0, length: 0, flags: ["resident", "unknown"] };
  }
  const iv = new DataView(info.buffer);
  const ref = (BigInt(iv.getUint32(44, true)) << 32n) | BigInt(iv.getUint32(48, true));
  const vd = parseNtfsVolumeData(vdr.out);
  let mftRuns: RetrievalRun[] | null = null;
  try {
    const mft = open(`${root}$MFT`, 0x80);
    try {
      mftRuns = allRuns(mft);
    } finally {
      kernel32().CloseHandle(mft);
    }
  } catch {
    mftRuns = null; // fall back to MftStartLcn (exact while $MFT is not fragmented there)
  }
  return {
    logical: 0,
    physical: diskStart + mftRecordOffset(vd, ref, mftRuns),
    length: vd.bytesPerRecord,
    flags: ["resident"],
    device: `\\\\.\\PhysicalDrive${diskNumber}`,
  };
}

/** The ExtentSource for Windows (extents already on the physical disk). */
export function createWindowsExtentSource(): ExtentSource {
  return { fileExtents: (path) => Promise.resolve().then(() => windowsFileExtents(path)) };
}
