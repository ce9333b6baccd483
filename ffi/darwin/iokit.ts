// Copyright 2026 the sectorkit authors. MIT license.
/**
 * EXPERIMENTAL macOS SCSI pass-through through IOKit's SCSITaskDeviceInterface: BSD name →
 * IOMedia → walk up the IOService plane until a SCSITask user client can be created →
 * QueryInterface → ObtainExclusiveAccess (the disc must be unmounted: `diskutil unmountDisk`) →
 * one SCSITask per command (CDB, one scatter-gather element, timeout, ExecuteTaskSync).
 * Layouts, UUIDs and vtable slots are lib/scsi/iokit_layout.ts (unit-tested). Not yet run on a
 * Mac: type-checked only.
 *
 * @module
 */
import { NotFoundError, SectorkitError } from "../../lib/errors.ts";
import type { DataDirection, ScsiResult, ScsiTransport } from "../../lib/platform/mod.ts";
import {
  bsdName,
  CFPLUGIN_INTERFACE_ID,
  DEVICE_SLOTS,
  encodeSgElement,
  IOKIT_SENSE_SIZE,
  iokitTaskResult,
  PLUGIN_SLOTS,
  SCSI_DATA_TRANSFER,
  SCSITASK_DEVICE_INTERFACE_ID,
  SCSITASK_DEVICE_USER_CLIENT_TYPE_ID,
  TASK_SLOTS,
  uuidBytes,
} from "../../lib/scsi/iokit_layout.ts";

const U8X16 = Array(16).fill("u8") as "u8"[];
const IOKIT = {
  /** CFMutableDictionaryRef IOBSDNameMatching(mach_port_t, uint32_t, const char *) */
  IOBSDNameMatching: { parameters: ["u32", "u32", "buffer"], result: "pointer" },
  /** io_service_t IOServiceGetMatchingService(mach_port_t, CFDictionaryRef) */
  IOServiceGetMatchingService: { parameters: ["u32", "pointer"], result: "u32" },
  /** kern_return_t IORegistryEntryGetParentEntry(io_registry_entry_t, const io_name_t, io_registry_entry_t *) */
  IORegistryEntryGetParentEntry: { parameters: ["u32", "buffer", "buffer"], result: "i32" },
  /** kern_return_t IOCreatePlugInInterfaceForService(io_service_t, CFUUIDRef, CFUUIDRef, IOCFPlugInInterface ***, SInt32 *) */
  IOCreatePlugInInterfaceForService: {
    parameters: ["u32", "pointer", "pointer", "buffer", "buffer"],
    result: "i32",
  },
  /** kern_return_t IOObjectRelease(io_object_t) */
  IOObjectRelease: { parameters: ["u32"], result: "i32" },
} as const;
const CF = {
  /** CFUUIDRef CFUUIDGetConstantUUIDWithBytes(CFAllocatorRef, UInt8 × 16) */
  CFUUIDGetConstantUUIDWithBytes: { parameters: ["pointer", ...U8X16], result: "pointer" },
} as const;

let libs:
  | {
    io: Deno.DynamicLibrary<typeof IOKIT>["symbols"];
    cf: Deno.DynamicLibrary<typeof CF>["symbols"];
  }
  | undefined;
function frameworks() {
  libs ??= {
    io: Deno.dlopen("/System/Library/Frameworks/IOKit.framework/IOKit", IOKIT).symbols,
    cf: Deno.dlopen("/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation", CF)
      .symbols,
  };
  return libs;
}

function cfUuid(uuid: string): Deno.PointerValue {
  const b = uuidBytes(uuid);
  const f = frameworks().cf.CFUUIDGetConstantUUIDWithBytes as unknown as (
    ...a: unknown[]
  ) => Deno.PointerValue;
  return f(null, ...b);
}

/** Reads the function pointer at `slot` of the vtable behind a `Interface **` handle. */
function method<const D extends Deno.UnsafeCallbackDefinition>(
  handle: Deno.PointerObject,
  slot: number,
  def: D,
): Deno.UnsafeFnPointer<D> {
  const vtable = new Deno.UnsafePointerView(handle).getPointer(0)!;
  const fn = new Deno.UnsafePointerView(vtable).getPointer(slot)!;
  return new Deno.UnsafeFnPointer(fn as Deno.PointerObject<NoInfer<Omit<D, "nonblocking">>>, def);
}

const cstr = (s: string) => new TextEncoder().encode(s + "\0");

/** Opens a drive by BSD name (`disk2`) for SCSI pass-through. EXPERIMENTAL. */
export function openIokit(path: string): ScsiTransport {
  const name = bsdName(path);
  if (!name) {
    throw new NotFoundError(`Cannot open ${path}: expected a BSD name like disk2`, { path });
  }
  const { io } = frameworks();
  let entry = io.IOServiceGetMatchingService(0, io.IOBSDNameMatching(0, 0, cstr(name)));
  if (!entry) {
    throw new NotFoundError(`Cannot open ${path}: no IOKit service for ${name}`, { path });
  }
  const pluginOut = new BigUint64Array(1);
  const score = new Int32Array(1);
  const parent = new Uint32Array(1);
  let plugin: Deno.PointerObject | null = null;
  for (let hop = 0; hop < 10 && entry && !plugin; hop++) {
    const kr = io.IOCreatePlugInInterfaceForService(
      entry,
      cfUuid(SCSITASK_DEVICE_USER_CLIENT_TYPE_ID),
      cfUuid(CFPLUGIN_INTERFACE_ID),
      new Uint8Array(pluginOut.buffer),
      new Uint8Array(score.buffer),
    );
    if (kr === 0 && pluginOut[0]) plugin = Deno.UnsafePointer.create(pluginOut[0]);
    const next =
      io.IORegistryEntryGetParentEntry(entry, cstr("IOService"), new Uint8Array(parent.buffer)) ===
          0
        ? parent[0]
        : 0;
    io.IOObjectRelease(entry);
    entry = plugin ? 0 : next;
  }
  if (entry) io.IOObjectRelease(entry);
  if (!plugin) {
    throw new SectorkitError(
      `Cannot open ${path}: no SCSITask user client (is it an optical drive?)`,
      { path },
    );
  }
  const ifaceOut = new BigUint64Array(1);
  const query = method(plugin, PLUGIN_SLOTS.QueryInterface, {
    parameters: ["pointer", { struct: U8X16 }, "buffer"],
    result: "i32",
  });
  query.call(plugin, uuidBytes(SCSITASK_DEVICE_INTERFACE_ID), new Uint8Array(ifaceOut.buffer));
  method(plugin, PLUGIN_SLOTS.Release, { parameters: ["pointer"], result: "u32" }).call(plugin);
  if (!ifaceOut[0]) {
    throw new SectorkitError(
      `Cannot open ${path}: QueryInterface(SCSITaskDeviceInterface) failed`,
      { path },
    );
  }
  const device = Deno.UnsafePointer.create(ifaceOut[0])!;
  const kr = method(device, DEVICE_SLOTS.ObtainExclusiveAccess, {
    parameters: ["pointer"],
    result: "i32",
  })
    .call(device);
  if (kr !== 0) {
    method(device, DEVICE_SLOTS.Release, { parameters: ["pointer"], result: "u32" }).call(device);
    const r = iokitTaskResult(kr, 0);
    throw new SectorkitError(`Cannot get exclusive access to ${path}: ${r.transportMessage}`, {
      path,
    });
  }
  let open = true;
  return {
    path,
    maxTransferBytes: 65536,
    execute(
      cdb: Uint8Array,
      direction: DataDirection,
      buffer: Uint8Array | null,
      timeoutMs = 30000,
    ): Promise<ScsiResult> {
      if (!open) throw new Error(`Cannot send a SCSI command to ${path}: device is closed`);
      const task = method(device, DEVICE_SLOTS.CreateSCSITask, {
        parameters: ["pointer"],
        result: "pointer",
      })
        .call(device);
      if (!task) {
        return Promise.resolve({
          status: 0,
          sense: new Uint8Array(),
          transferred: 0,
          transportError: -1,
          transportMessage: "CreateSCSITask failed",
        });
      }
      try {
        const cmd = new Uint8Array(cdb);
        method(task, TASK_SLOTS.SetCommandDescriptorBlock, {
          parameters: ["pointer", "buffer", "u8"],
          result: "i32",
        })
          .call(task, cmd, cmd.length);
        const len = buffer?.length ?? 0;
        const dir = len === 0 || direction === "none"
          ? SCSI_DATA_TRANSFER.NONE
          : direction === "in"
          ? SCSI_DATA_TRANSFER.FROM_TARGET
          : SCSI_DATA_TRANSFER.TO_TARGET;
        const sg = encodeSgElement(
          len
            ? Deno.UnsafePointer.value(Deno.UnsafePointer.of(buffer as Uint8Array<ArrayBuffer>))
            : 0n,
          len,
        ) as Uint8Array<ArrayBuffer>;
        method(task, TASK_SLOTS.SetScatterGatherEntries, {
          parameters: ["pointer", "buffer", "u8", "u64", "u8"],
          result: "i32",
        }).call(task, sg, len ? 1 : 0, BigInt(len), dir);
        method(task, TASK_SLOTS.SetTimeoutDuration, {
          parameters: ["pointer", "u32"],
          result: "i32",
        })
          .call(task, timeoutMs);
        const sense = new Uint8Array(IOKIT_SENSE_SIZE);
        const status = new Uint32Array(1);
        const realized = new BigUint64Array(1);
        const t0 = performance.now();
        const kr = method(task, TASK_SLOTS.ExecuteTaskSync, {
          parameters: ["pointer", "buffer", "buffer", "buffer"],
          result: "i32",
        }).call(task, sense, new Uint8Array(status.buffer), new Uint8Array(realized.buffer));
        const r = iokitTaskResult(kr, status[0]);
        return Promise.resolve({
          ...r,
          sense: r.status === 2 ? sense : new Uint8Array(),
          transferred: Number(realized[0]),
          durationMs: performance.now() - t0,
        });
      } finally {
        method(task, TASK_SLOTS.Release, { parameters: ["pointer"], result: "u32" }).call(task);
      }
    },
    close() {
      if (!open) return;
      open = false;
      method(device, DEVICE_SLOTS.ReleaseExclusiveAccess, {
        parameters: ["pointer"],
        result: "i32",
      }).call(device);
      method(device, DEVICE_SLOTS.Release, { parameters: ["pointer"], result: "u32" }).call(device);
    },
  };
}
