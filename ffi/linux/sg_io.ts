// Copyright 2026 the sectorkit authors. MIT license.
/**
 * SCSI pass-through on Linux: SG_IO on /dev/sgN or /dev/srN, opened O_RDONLY|O_NONBLOCK. The
 * ioctl runs on Deno's blocking thread pool (a slow drive must not freeze the process); status,
 * sense and host/driver status come back in the header, so only the ioctl's own failure needs
 * errno, which the pool loses: the command is then repeated synchronously to read it.
 *
 * @module
 */
import { errorFromErrno } from "../../lib/errno.ts";
import type { DataDirection, ScsiResult, ScsiTransport } from "../../lib/platform/mod.ts";
import {
  decodeSgIoHdr,
  encodeSgIoHdr,
  maxTransferFromSysfs,
  SG_IO,
  sgTransportError,
} from "../../lib/scsi/sg_io_layout.ts";
import { addressOf, cString, errno, libc } from "./libc.ts";
import { openFlags } from "./constants.ts";

const SENSE_LEN = 64;

class SgIoTransport implements ScsiTransport {
  readonly path: string;
  readonly maxTransferBytes: number;
  #fd: number;

  constructor(fd: number, path: string, maxTransferBytes: number) {
    this.#fd = fd;
    this.path = path;
    this.maxTransferBytes = maxTransferBytes;
  }

  async execute(
    cdb: Uint8Array,
    direction: DataDirection,
    buffer: Uint8Array | null,
    timeoutMs = 30000,
  ): Promise<ScsiResult> {
    if (this.#fd < 0) {
      throw new Error(`Cannot send a SCSI command to ${this.path}: device is closed`);
    }
    const cmd = new Uint8Array(cdb.length);
    cmd.set(cdb);
    const sense = new Uint8Array(SENSE_LEN);
    const data = buffer && buffer.length > 0 ? buffer : null;
    const hdr = encodeSgIoHdr({
      direction: data ? direction : "none",
      cmdLen: cmd.length,
      senseLen: SENSE_LEN,
      dxferLen: data?.length ?? 0,
      dxferp: data ? addressOf(data) : 0n,
      cmdp: addressOf(cmd),
      sbp: addressOf(sense),
      timeoutMs,
    }) as Uint8Array<ArrayBuffer>;
    const t0 = performance.now();
    let rc = await libc().ioctl_nb(this.#fd, SG_IO, hdr);
    if (rc < 0) {
      rc = libc().ioctl(this.#fd, SG_IO, hdr);
      if (rc < 0) {
        const e = errno();
        const err = errorFromErrno(e, `send a SCSI command to ${this.path}`, {
          path: this.path,
          syscall: "ioctl(SG_IO)",
        });
        const hint = data && data.length > this.maxTransferBytes
          ? ` (transfer of ${data.length} bytes exceeds the device maximum ${this.maxTransferBytes})`
          : "";
        return {
          status: 0,
          sense: new Uint8Array(),
          transferred: 0,
          transportError: -e || -1,
          transportMessage: `ioctl(SG_IO) failed: ${
            err.message.replace(/^Cannot [^:]+: /, "")
          }${hint}`,
          durationMs: performance.now() - t0,
        };
      }
    }
    // cmd, sense and data stay referenced up to here: the kernel wrote through their addresses.
    void cmd;
    const r = decodeSgIoHdr(hdr);
    const t = sgTransportError(r);
    const len = data?.length ?? 0;
    return {
      status: r.status,
      sense: sense.slice(0, Math.min(r.sbLenWr, SENSE_LEN)),
      transferred: Math.max(0, Math.min(len, len - r.resid)),
      transportError: t.code,
      transportMessage: t.message,
      durationMs: r.duration || performance.now() - t0,
    };
  }

  close(): void {
    if (this.#fd >= 0) {
      libc().close(this.#fd);
      this.#fd = -1;
    }
  }
}

function readSys(path: string): string | null {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return null;
  }
}

/** The maximum SG_IO transfer for a device from sysfs (64 KiB when unknown). */
export function linuxMaxTransfer(path: string): number {
  let name = /^\/dev\/(\w+)$/.exec(path)?.[1] ?? "";
  if (/^sg\d+$/.test(name)) {
    try {
      for (const e of Deno.readDirSync(`/sys/class/scsi_generic/${name}/device/block`)) {
        name = e.name;
        break;
      }
    } catch {
      // no block node: keep the default
    }
  }
  return maxTransferFromSysfs(
    readSys(`/sys/block/${name}/queue/max_hw_sectors_kb`),
    readSys(`/sys/block/${name}/queue/max_sectors_kb`),
  );
}

/** Opens a Linux SCSI device for SG_IO. */
export function openSgIo(path: string): ScsiTransport {
  const f = openFlags(Deno.build.arch);
  const fd = libc().open(cString(path), f.O_RDONLY | f.O_NONBLOCK | f.O_CLOEXEC, 0);
  if (fd < 0) throw errorFromErrno(errno(), `open ${path}`, { path, syscall: "open" });
  return new SgIoTransport(fd, path, linuxMaxTransfer(path));
}
