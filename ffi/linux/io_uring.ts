// Copyright 2026 the sectorkit authors. MIT license.
/**
 * A minimal io_uring (Linux ≥ 5.6) over raw syscalls: io_uring_setup, mmap of the rings, READ/WRITE
 * SQEs, io_uring_enter. No liburing. Layouts from include/uapi/linux/io_uring.h.
 *
 * @module
 */
import { errno, libc } from "./libc.ts";

/** io_uring syscall numbers (the same on every architecture since 5.1). */
const SYS_IO_URING_SETUP = 425n;
const SYS_IO_URING_ENTER = 426n;
const IORING_OFF_SQ_RING = 0n;
const IORING_OFF_CQ_RING = 0x8000000n;
const IORING_OFF_SQES = 0x10000000n;
const IORING_ENTER_GETEVENTS = 1;
/** IORING_SETUP_COOP_TASKRUN (5.19+): no IPI to interrupt us for completions. */
const IORING_SETUP_COOP_TASKRUN = 1 << 8;
/** IORING_SETUP_SINGLE_ISSUER (6.0+): only the thread that created the ring submits. */
const IORING_SETUP_SINGLE_ISSUER = 1 << 12;
/**
 * IORING_SETUP_DEFER_TASKRUN (6.1+): completions are posted only when the issuing thread enters
 * with GETEVENTS, so a submit call also collects everything that finished, without an interrupt
 * (what fio 3.33 sets up).
 */
const IORING_SETUP_DEFER_TASKRUN = 1 << 13;
/** Setup flags from the best to the oldest kernel. */
const SETUP_FLAGS = [
  IORING_SETUP_COOP_TASKRUN | IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN,
  IORING_SETUP_COOP_TASKRUN,
  0,
];
const EINVAL = 22;
const ETIME = 62;
/** io_uring_enter flag: `arg` is a struct io_uring_getevents_arg (with a timeout). */
const IORING_ENTER_EXT_ARG = 8;
/** io_uring_params.features bit: IORING_ENTER_EXT_ARG is supported (5.11+). */
const IORING_FEAT_EXT_ARG = 1 << 8;
/** Longest single wait, so that Ctrl-C and progress are never held up for long. */
const WAIT_SLICE_NS = 100_000_000n;
/** Opcodes. */
const IORING_OP_READ = 22;
const IORING_OP_WRITE = 23;
const PROT_READ_WRITE = 3;
const MAP_SHARED_POPULATE = 0x01 | 0x8000;
const MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
const EINTR = 4;
const EAGAIN = 11;
const EBUSY = 16;

/** Thrown when the kernel refuses io_uring (ENOSYS, EPERM from seccomp, io_uring_disabled). */
export class IoUringUnavailable extends Error {
  /** The errno of io_uring_setup. */
  readonly errno: number;
  /** Creates the error. */
  constructor(e: number) {
    super(`io_uring_setup failed (errno ${e})`);
    this.errno = e;
  }
}

/** A memory mapping. */
export interface Mapping {
  /** Start address. */
  ptr: Deno.PointerObject;
  /** Length in bytes (0 once unmapped). */
  len: number;
}

function mapRing(fd: number, len: number, offset: bigint): Mapping {
  const ptr = libc().mmap(null, BigInt(len), PROT_READ_WRITE, MAP_SHARED_POPULATE, fd, offset);
  if (ptr === null || Deno.UnsafePointer.value(ptr) === 0xffffffffffffffffn) {
    throw new Error(`mmap of the io_uring ring failed (errno ${errno()})`);
  }
  return { ptr, len };
}

/** Private anonymous memory, outside the JavaScript heap (never moved, never collected). */
export function mapAnonymous(len: number): Mapping {
  const ptr = libc().mmap(null, BigInt(len), PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0n);
  if (ptr === null || Deno.UnsafePointer.value(ptr) === 0xffffffffffffffffn) {
    throw new Error(`mmap of ${len} bytes failed (errno ${errno()})`);
  }
  return { ptr, len };
}

function u32view(m: Mapping): Uint32Array {
  return new Uint32Array(Deno.UnsafePointerView.getArrayBuffer(m.ptr, m.len));
}

/**
 * One io_uring instance, used by the thread that created it (the ring is set up SINGLE_ISSUER where
 * the kernel has it: each Worker makes its own). `prepare()` writes SQEs into the ring, `enter()`
 * submits them, collects finished completions and optionally waits, `harvest()` copies completions
 * out. Every address handed to the kernel (ring, wait argument, request buffers of the caller)
 * must live outside the JavaScript heap: V8 moves small typed arrays and frees unreferenced ones.
 */
export class IoUring {
  readonly fd: number;
  readonly entries: number;
  #maps: Mapping[] = [];
  #sq: Uint32Array;
  #cq: Uint32Array;
  #cqI32: Int32Array;
  #sqes: Uint32Array;
  #sqHead: number;
  #sqTail: number;
  #sqMask: number;
  #sqArray: number;
  #cqHead: number;
  #cqTail: number;
  #cqMask: number;
  #cqes: number;
  #pending = 0;
  /**
   * struct io_uring_getevents_arg {u64 sigmask; u32 sigmask_sz, min_wait_usec; u64 ts} at [0..2]
   * and struct __kernel_timespec {i64 tv_sec; i64 tv_nsec} at [4..5]; 128 bytes so that V8 keeps
   * it off its heap (small typed arrays live on the GC heap and may move).
   */
  #waitMem: Mapping;
  #waitArgAddr = 0n;
  /** The setup flags the kernel accepted. */
  readonly flags: number;

  /** Sets up a ring of `entries`; `setupFlags` are tried in order while the kernel says EINVAL. */
  constructor(entries: number, setupFlags: readonly number[] = SETUP_FLAGS) {
    // DEFER_TASKRUN where the kernel has it, then COOP_TASKRUN, then a plain ring (EINVAL).
    let params = new Uint32Array(30); // struct io_uring_params, 120 bytes (off the V8 heap)
    let fd = -1;
    let accepted = 0;
    for (const flags of setupFlags) {
      accepted = flags;
      params = new Uint32Array(30);
      params[2] = flags;
      fd = Number(
        libc().syscall6(
          SYS_IO_URING_SETUP,
          BigInt(entries),
          Deno.UnsafePointer.value(Deno.UnsafePointer.of(params)),
          0n,
          0n,
          0n,
          0n,
        ),
      );
      if (fd >= 0 || errno() !== EINVAL) break;
    }
    if (fd < 0) throw new IoUringUnavailable(errno());
    this.fd = fd;
    this.flags = accepted;
    // The wait argument in its own page: the kernel reads it at every timed wait.
    this.#waitMem = mapAnonymous(4096);
    try {
      if (params[5] & IORING_FEAT_EXT_ARG) {
        const arg = new BigUint64Array(
          Deno.UnsafePointerView.getArrayBuffer(this.#waitMem.ptr, 64),
        );
        this.#waitArgAddr = Deno.UnsafePointer.value(this.#waitMem.ptr);
        arg[2] = this.#waitArgAddr + 32n;
        arg[5] = WAIT_SLICE_NS;
      }
      const sqEntries = params[0];
      const cqEntries = params[1];
      this.entries = sqEntries;
      // sq_off at byte 40: head, tail, ring_mask, ring_entries, flags, dropped, array
      const sqOff = { head: params[10], tail: params[11], mask: params[12], array: params[16] };
      // cq_off at byte 80: head, tail, ring_mask, ring_entries, overflow, cqes
      const cqOff = { head: params[20], tail: params[21], mask: params[22], cqes: params[25] };
      const sqMap = mapRing(fd, sqOff.array + sqEntries * 4, IORING_OFF_SQ_RING);
      this.#maps.push(sqMap);
      const cqMap = mapRing(fd, cqOff.cqes + cqEntries * 16, IORING_OFF_CQ_RING);
      this.#maps.push(cqMap);
      const sqeMap = mapRing(fd, sqEntries * 64, IORING_OFF_SQES);
      this.#maps.push(sqeMap);
      this.#sq = u32view(sqMap);
      this.#cq = u32view(cqMap);
      this.#cqI32 = new Int32Array(this.#cq.buffer);
      this.#sqes = u32view(sqeMap);
      this.#sqHead = sqOff.head / 4;
      this.#sqTail = sqOff.tail / 4;
      this.#sqMask = this.#sq[sqOff.mask / 4];
      this.#sqArray = sqOff.array / 4;
      this.#cqHead = cqOff.head / 4;
      this.#cqTail = cqOff.tail / 4;
      this.#cqMask = this.#cq[cqOff.mask / 4];
      this.#cqes = cqOff.cqes / 4;
    } catch (e) {
      this.close();
      throw e;
    }
  }

  /** Writes one READ/WRITE SQE; `addrLo/addrHi` is the buffer address split in 32-bit halves. */
  prepare(
    write: boolean,
    fileFd: number,
    offset: number,
    addrLo: number,
    addrHi: number,
    length: number,
    userData: number,
  ): void {
    const tail = this.#sq[this.#sqTail];
    const idx = tail & this.#sqMask;
    const b = idx * 16;
    const s = this.#sqes;
    s[b] = write ? IORING_OP_WRITE : IORING_OP_READ; // opcode, flags 0, ioprio 0
    s[b + 1] = fileFd;
    s[b + 2] = offset % 0x100000000;
    s[b + 3] = Math.floor(offset / 0x100000000);
    s[b + 4] = addrLo;
    s[b + 5] = addrHi;
    s[b + 6] = length;
    s[b + 7] = 0; // rw_flags
    s[b + 8] = userData;
    s[b + 9] = 0;
    s[b + 10] = 0;
    s[b + 11] = 0;
    s[b + 12] = 0;
    s[b + 13] = 0;
    this.#sq[this.#sqArray + idx] = idx;
    Atomics.store(this.#sq, this.#sqTail, (tail + 1) >>> 0);
    this.#pending++;
  }

  /** Completions already in the CQ ring. */
  ready(): number {
    return (Atomics.load(this.#cq, this.#cqTail) - this.#cq[this.#cqHead]) >>> 0;
  }

  /** SQEs prepared and not yet taken by the kernel. */
  get pending(): number {
    return this.#pending;
  }

  /**
   * One io_uring_enter: submits the prepared SQEs, posts the completions that finished (GETEVENTS
   * runs the deferred task work) and, when `minComplete` > 0, waits until that many are in the CQ
   * ring — at most 100 ms where the kernel takes a timeout (the caller harvests and calls again).
   */
  enter(minComplete: number): void {
    const timed = minComplete > 0 && this.#waitArgAddr !== 0n;
    for (;;) {
      const r = Number(
        libc().syscall_uring_enter(
          SYS_IO_URING_ENTER,
          this.fd,
          this.#pending,
          minComplete,
          IORING_ENTER_GETEVENTS | (timed ? IORING_ENTER_EXT_ARG : 0),
          timed ? this.#waitArgAddr : 0n,
          timed ? 24n : 0n,
        ),
      );
      if (r >= 0) {
        this.#pending -= r;
        if (this.#pending <= 0 || minComplete > 0) return;
        continue;
      }
      const e = errno();
      if (e === ETIME) return;
      if (e === EINTR) continue;
      if ((e === EAGAIN || e === EBUSY) && this.ready() > 0) return;
      throw new Error(`io_uring_enter failed (errno ${e})`);
    }
  }

  /** Copies up to `max` completions into the arrays from index `at`; returns how many. */
  harvest(slots: Int32Array, results: Int32Array, at: number, max: number): number {
    let head = this.#cq[this.#cqHead];
    const tail = Atomics.load(this.#cq, this.#cqTail);
    let n = 0;
    while (head !== tail && n < max) {
      const b = this.#cqes + (head & this.#cqMask) * 4;
      slots[at + n] = this.#cq[b];
      results[at + n] = this.#cqI32[b + 2];
      head = (head + 1) >>> 0;
      n++;
    }
    Atomics.store(this.#cq, this.#cqHead, head);
    return n;
  }

  /** Unmaps the rings and closes the ring fd. */
  close(): void {
    for (const m of this.#maps) libc().munmap(m.ptr, BigInt(m.len));
    this.#maps = [];
    if (this.fd >= 0) libc().close(this.fd);
    (this as { fd: number }).fd = -1;
    if (this.#waitMem.len) libc().munmap(this.#waitMem.ptr, BigInt(this.#waitMem.len));
    this.#waitMem = { ptr: this.#waitMem.ptr, len: 0 };
  }
}
