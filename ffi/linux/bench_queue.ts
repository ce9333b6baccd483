// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Linux benchmark queues: a target opened with libc open() (O_DIRECT, O_EXCL on request) and an
 * engine with real queue depth: io_uring when the kernel allows it, otherwise concurrent
 * `nonblocking` preads/pwrites on Deno's blocking thread pool.
 *
 * @module
 */
import { errorFromErrno } from "../../lib/errno.ts";
import type {
  BenchCompletions,
  BenchOpener,
  BenchQueue,
  BenchQueueOptions,
} from "../../lib/platform/mod.ts";
import {
  BLKFLSBUF,
  BLKGETSIZE64,
  BLKSSZGET,
  openFlags,
  POSIX_FADV_DONTNEED,
  SEEK_END,
} from "./constants.ts";
import { openLinuxBenchThreads } from "./bench_threads.ts";
import { IoUring, IoUringUnavailable, mapAnonymous, type Mapping } from "./io_uring.ts";
import { cString, errno, libc } from "./libc.ts";
import { CompletionList } from "../../lib/bench/completion_list.ts";

const HUGE_PAGE = 2 * 1024 * 1024;
const MADV_HUGEPAGE = 14;

interface Target {
  fd: number;
  path: string;
  size: number;
  logical: number;
  kind: "block" | "file";
  direct: boolean;
}

function openTarget(path: string, o: BenchQueueOptions): Target {
  let stat: Deno.FileInfo;
  try {
    stat = Deno.statSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw errorFromErrno(2, `open ${path}`, { path });
    throw e;
  }
  if (stat.isDirectory) throw errorFromErrno(21, `open ${path}`, { path, syscall: "open" });
  const isBlock = stat.isBlockDevice === true;
  const f = openFlags(Deno.build.arch);
  const flags = (o.write ? f.O_RDWR : f.O_RDONLY) | f.O_CLOEXEC | (o.direct ? f.O_DIRECT : 0) |
    (o.exclusive && isBlock ? f.O_EXCL : 0);
  const fd = libc().open(cString(path), flags, 0);
  if (fd < 0) throw errorFromErrno(errno(), `open ${path}`, { path, syscall: "open" });
  let size: number;
  let logical = 512;
  if (isBlock) {
    const u64 = new BigUint64Array(1);
    if (libc().ioctl(fd, BLKGETSIZE64, new Uint8Array(u64.buffer)) < 0) {
      const e = errno();
      libc().close(fd);
      throw errorFromErrno(e, `get the size of ${path}`, { path, syscall: "ioctl(BLKGETSIZE64)" });
    }
    size = Number(u64[0]);
    const i32 = new Int32Array(1);
    if (libc().ioctl(fd, BLKSSZGET, new Uint8Array(i32.buffer)) === 0) logical = i32[0];
  } else {
    size = Number(libc().lseek(fd, 0n, SEEK_END));
  }
  return { fd, path, size, logical, kind: isBlock ? "block" : "file", direct: o.direct };
}

abstract class LinuxQueue implements BenchQueue {
  readonly path: string;
  readonly size: number;
  readonly logicalSectorSize: number;
  readonly kind: "block" | "file";
  readonly direct: boolean;
  readonly depth: number;
  abstract readonly engine: string;
  readonly done: BenchCompletions;
  protected fd: number;
  protected buffers: Uint8Array<ArrayBuffer>[];
  protected addrLo: Uint32Array;
  protected addrHi: Uint32Array;
  /** Requests the kernel (or a pool thread) may still be writing into a buffer. */
  protected inflight = 0;
  /**
   * The request buffers: one mmap'd region outside the JavaScript heap, so that no garbage
   * collection can move or free memory the kernel is transferring into.
   */
  #memory: Mapping;

  constructor(t: Target, depth: number, bufferSize: number) {
    this.fd = t.fd;
    this.path = t.path;
    this.size = t.size;
    this.logicalSectorSize = t.logical;
    this.kind = t.kind;
    this.direct = t.direct;
    this.depth = depth;
    this.buffers = [];
    this.addrLo = new Uint32Array(depth);
    this.addrHi = new Uint32Array(depth);
    const stride = Math.ceil(bufferSize / 4096) * 4096;
    // Transparent huge pages where the kernel gives them (2 MiB-aligned, MADV_HUGEPAGE): a large
    // request then has physically contiguous memory and reaches the device whole. With scattered
    // 4 KiB pages a 1 MiB read has 256 segments and a loop device (max_segments 128) splits it in
    // two, which made sequential figures depend on where the buffer's pages happened to land.
    const huge = stride >= 64 * 1024;
    const bytes = stride * depth;
    const hugeBytes = Math.ceil(bytes / HUGE_PAGE) * HUGE_PAGE;
    this.#memory = mapAnonymous(huge ? hugeBytes + HUGE_PAGE : bytes);
    let base = Deno.UnsafePointer.value(this.#memory.ptr);
    if (huge) {
      base = (base + BigInt(HUGE_PAGE - 1)) & ~BigInt(HUGE_PAGE - 1);
      libc().madvise(Deno.UnsafePointer.create(base), BigInt(hugeBytes), MADV_HUGEPAGE);
    }
    const all = new Uint8Array(
      Deno.UnsafePointerView.getArrayBuffer(Deno.UnsafePointer.create(base)!, bytes),
    );
    for (let i = 0; i < depth; i++) {
      this.buffers.push(all.subarray(i * stride, i * stride + bufferSize));
      const a = base + BigInt(i * stride);
      this.addrLo[i] = Number(a & 0xffffffffn);
      this.addrHi[i] = Number(a >> 32n);
    }
    this.done = {
      slot: new Int32Array(depth),
      result: new Int32Array(depth),
      time: new Float64Array(depth),
    };
  }

  buffer(slot: number): Uint8Array {
    return this.buffers[slot];
  }

  abstract submit(slot: number, offset: number, length: number, write: boolean): void;
  abstract reap(min: number): number | Promise<number>;

  /** Whether a request may still be transferring into a buffer. */
  protected busy(): boolean {
    return this.inflight > 0;
  }

  dropCache(): void {
    libc().posix_fadvise(this.fd, 0n, 0n, POSIX_FADV_DONTNEED);
    if (this.kind === "block") libc().ioctl_val(this.fd, BLKFLSBUF, 0n);
  }

  sync(): Promise<void> {
    libc().fsync(this.fd);
    return Promise.resolve();
  }

  close(): void {
    if (this.fd >= 0) libc().close(this.fd);
    this.fd = -1;
    // Unmapped only when nothing can still land in it (a request left in flight keeps its pages).
    if (this.#memory.len && !this.busy()) {
      this.buffers = [];
      libc().munmap(this.#memory.ptr, BigInt(this.#memory.len));
      this.#memory = { ptr: this.#memory.ptr, len: 0 };
    }
  }
}

class UringQueue extends LinuxQueue {
  readonly engine = "io_uring";
  #ring: IoUring;

  constructor(t: Target, depth: number, bufferSize: number) {
    super(t, depth, bufferSize);
    this.#ring = new IoUring(depth);
  }

  submit(slot: number, offset: number, length: number, write: boolean): void {
    this.#ring.prepare(write, this.fd, offset, this.addrLo[slot], this.addrHi[slot], length, slot);
    this.inflight++;
    // Each request goes to the kernel at once, as fio does by default (iodepth_batch_submit=1).
    // Handing over everything reaped in one call was 0.80-0.87x fio's RND4K Q32 IOPS on an ext4
    // file and a loop device here (fio itself drops as much with --iodepth_batch_submit=8..32):
    // the first request reaped waited until every completion of its batch had been handled.
    this.#ring.enter(0);
  }

  reap(min: number): number {
    const ring = this.#ring;
    const want = Math.min(Math.max(1, min), this.inflight);
    if (want === 0) return 0;
    const d = this.done;
    // What is already in the CQ ring; then, only if `submit` left requests unsubmitted (EAGAIN),
    // one io_uring_enter that submits them and posts what finished (no wait), and only if that is
    // not enough one that waits — as fio does. Submitting and waiting in the same call is much
    // slower on a busy machine when the request goes through a kernel thread (loop device: 0.5k
    // against 7k IOPS at QD1, load 8): the woken worker then waits behind other tasks.
    let n = ring.harvest(d.slot, d.result, 0, this.depth);
    if (ring.pending > 0) {
      ring.enter(0);
      n += ring.harvest(d.slot, d.result, n, this.depth - n);
    }
    while (n < want) {
      ring.enter(want - n);
      n += ring.harvest(d.slot, d.result, n, this.depth - n);
    }
    d.time.fill(performance.now(), 0, n);
    this.inflight -= n;
    return n;
  }

  override close(): void {
    if (this.fd < 0) return;
    // Collect what is still in flight (a run stopped by an error) before the buffers go away.
    for (let i = 0; i < 50 && this.inflight > 0; i++) {
      this.#ring.enter(this.inflight);
      this.inflight -= this.#ring.harvest(this.done.slot, this.done.result, 0, this.depth);
    }
    this.#ring.close();
    super.close();
  }
}

class PsyncQueue extends LinuxQueue {
  readonly engine: string;
  #finished = new CompletionList();
  #running = 0;

  constructor(t: Target, depth: number, bufferSize: number, reason: string) {
    super(t, depth, bufferSize);
    this.engine = `psync (thread pool${reason ? `; ${reason}` : ""})`;
  }

  submit(slot: number, offset: number, length: number, write: boolean): void {
    const buf = this.buffers[slot].subarray(0, length);
    this.inflight++;
    this.#running++;
    const p = write
      ? libc().pwrite_nb(this.fd, buf, BigInt(length), BigInt(offset))
      : libc().pread_nb(this.fd, buf, BigInt(length), BigInt(offset));
    p.then((r) => {
      this.#running--;
      if (this.fd < 0) return;
      let n = Number(r);
      if (n < 0) {
        // errno is lost on the pool thread: repeat synchronously to learn it.
        const again = write
          ? libc().pwrite(this.fd, buf, BigInt(length), BigInt(offset))
          : libc().pread(this.fd, buf, BigInt(length), BigInt(offset));
        n = Number(again) < 0 ? -errno() : Number(again);
      }
      this.#finished.push(slot, n, performance.now());
    });
  }

  protected override busy(): boolean {
    return this.#running > 0;
  }

  async reap(min: number): Promise<number> {
    const want = Math.min(Math.max(min, 1), this.inflight);
    while (this.#finished.length < want) await this.#finished.wait();
    const n = this.#finished.take(this.done, this.depth);
    this.inflight -= n;
    return n;
  }
}

/** Opens a benchmark queue on Linux. */
export function openLinuxBenchQueue(path: string, options: BenchQueueOptions): BenchQueue {
  const t = openTarget(path, options);
  try {
    if (options.engine !== "psync") {
      try {
        return new UringQueue(t, options.depth, options.bufferSize);
      } catch (e) {
        if (!(e instanceof IoUringUnavailable) || options.engine === "io_uring") throw e;
        return new PsyncQueue(t, options.depth, options.bufferSize, `io_uring: errno ${e.errno}`);
      }
    }
    return new PsyncQueue(t, options.depth, options.bufferSize, "");
  } catch (e) {
    libc().close(t.fd);
    throw e;
  }
}

/** The Linux {@linkcode BenchOpener}. */
export function createLinuxBenchOpener(): BenchOpener {
  return {
    open: (path, options) => Promise.resolve().then(() => openLinuxBenchQueue(path, options)),
    openThreads: openLinuxBenchThreads,
  };
}
