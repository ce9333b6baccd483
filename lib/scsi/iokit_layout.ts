// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * macOS IOKit SCSI pass-through (EXPERIMENTAL: not yet run on a Mac): the SCSITaskLib UUIDs,
 * the COM-style vtable slots of IOCFPlugInInterface, SCSITaskDeviceInterface and
 * SCSITaskInterface on 64-bit, the scatter-gather element, task status mapping and BSD-name
 * parsing (SCSITaskLib.h, SCSITask.h). Pure and unit-tested; the glue is ffi/darwin/iokit.ts.
 *
 * @module
 */

/** Parses `7D66678E-08A2-11D5-A1B8-0030657D052A` into its 16 bytes. */
export function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new SyntaxError(`Invalid UUID "${uuid}"`);
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

/** kIOSCSITaskDeviceUserClientTypeID: the factory for a SCSITask device user client. */
export const SCSITASK_DEVICE_USER_CLIENT_TYPE_ID = "7D66678E-08A2-11D5-A1B8-0030657D052A";
/** kIOSCSITaskDeviceInterfaceID. */
export const SCSITASK_DEVICE_INTERFACE_ID = "1BBC4132-08A5-11D5-90ED-0030657D052A";
/** kIOSCSITaskInterfaceID. */
export const SCSITASK_INTERFACE_ID = "0B85B63C-462E-11D5-A9D6-003065704866";
/** kIOCFPlugInInterfaceID. */
export const CFPLUGIN_INTERFACE_ID = "C244E858-109C-11D4-91D4-0050E4C6426F";

/**
 * Byte offsets of the function pointers in a 64-bit vtable: IUNKNOWN_C_GUTS (`_reserved`,
 * QueryInterface, AddRef, Release), then `UInt16 version, revision` padded to 8, then the
 * interface's functions in declaration order.
 *
 * @example Usage
 * ```ts
 * import { vtableSlots } from "./iokit_layout.ts";
 * const s = vtableSlots(["A", "B"]);
 * if (s.QueryInterface !== 8 || s.Release !== 24 || s.A !== 40 || s.B !== 48) throw new Error();
 * ```
 */
export function vtableSlots(functions: readonly string[]): Record<string, number> {
  const slots: Record<string, number> = { QueryInterface: 8, AddRef: 16, Release: 24 };
  functions.forEach((f, i) => (slots[f] = 40 + i * 8));
  return slots;
}

/** IOCFPlugInInterface slots. */
export const PLUGIN_SLOTS: Record<string, number> = vtableSlots(["Probe", "Start", "Stop"]);
/** SCSITaskDeviceInterface slots. */
export const DEVICE_SLOTS: Record<string, number> = vtableSlots([
  "IsExclusiveAccessAvailable",
  "AddCallbackDispatcherToRunLoop",
  "RemoveCallbackDispatcherFromRunLoop",
  "ObtainExclusiveAccess",
  "ReleaseExclusiveAccess",
  "CreateSCSITask",
]);
/** SCSITaskInterface slots. */
export const TASK_SLOTS: Record<string, number> = vtableSlots([
  "IsTaskActive",
  "SetTaskAttribute",
  "GetTaskAttribute",
  "SetCommandDescriptorBlock",
  "GetCommandDescriptorBlockSize",
  "GetCommandDescriptorBlock",
  "SetScatterGatherEntries",
  "SetTimeoutDuration",
  "GetTimeoutDuration",
  "SetTaskCompletionCallback",
  "ExecuteTaskAsync",
  "ExecuteTaskSync",
  "AbortTask",
  "GetSCSIServiceResponse",
  "GetTaskState",
  "GetTaskStatus",
  "GetRealizedDataTransferCount",
  "GetAutoSenseData",
]);

/** kSCSIDataTransfer_* directions. */
export const SCSI_DATA_TRANSFER = { NONE: 0, TO_TARGET: 1, FROM_TARGET: 2 } as const;

/** One SCSITaskSGElement on LP64 (IOAddressRange: UInt64 address, UInt64 length). */
export function encodeSgElement(address: bigint, length: number): Uint8Array {
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  v.setBigUint64(0, address, true);
  v.setBigUint64(8, BigInt(length), true);
  return b;
}

/** sizeof(SCSI_Sense_Data). */
export const IOKIT_SENSE_SIZE = 18;

/**
 * Maps an ExecuteTaskSync outcome to SCSI status or a transport error: IOReturn ≠ 0 and the
 * service-level task statuses (≥ 0x01000000: task/protocol timeout, device not responding/present,
 * delivery failure) are transport failures.
 *
 * @example Usage
 * ```ts
 * import { iokitTaskResult } from "./iokit_layout.ts";
 * if (iokitTaskResult(0, 2).status !== 2) throw new Error();
 * if (iokitTaskResult(0, 0x01000000).transportError === 0) throw new Error();
 * ```
 */
export function iokitTaskResult(
  ioReturn: number,
  taskStatus: number,
): { status: number; transportError: number; transportMessage?: string } {
  if (ioReturn !== 0) {
    const code = ioReturn >>> 0;
    const names: Record<number, string> = {
      0xe00002c5: "kIOReturnExclusiveAccess (another client has the drive; unmount it first)",
      0xe00002d5: "kIOReturnBusy",
      0xe00002c7: "kIOReturnUnsupported",
      0xe00002e2: "kIOReturnNotPermitted",
      0xe00002d6: "kIOReturnTimeout",
    };
    return {
      status: 0,
      transportError: ioReturn | 0 || -1,
      transportMessage: `IOKit error 0x${code.toString(16)}${names[code] ? ` ${names[code]}` : ""}`,
    };
  }
  const service: Record<number, string> = {
    0x01000000: "task timeout",
    0x01000001: "protocol timeout",
    0x01000002: "device not responding",
    0x01000003: "device not present",
    0x01000004: "delivery failure",
    0x10000000: "no status",
  };
  if (taskStatus in service || taskStatus > 0xff) {
    return {
      status: 0,
      transportError: taskStatus,
      transportMessage: `SCSITask ${service[taskStatus] ?? `status 0x${taskStatus.toString(16)}`}`,
    };
  }
  return { status: taskStatus, transportError: 0 };
}

/**
 * The BSD whole-disk name for a macOS device: `disk2`, `/dev/disk2`, `/dev/rdisk2s1` → `disk2`.
 *
 * @example Usage
 * ```ts
 * import { bsdName } from "./iokit_layout.ts";
 * if (bsdName("/dev/rdisk3s2") !== "disk3") throw new Error();
 * ```
 */
export function bsdName(path: string): string | null {
  const m = /^(?:\/dev\/)?r?(disk\d+)(?:s\d+)?$/.exec(path.trim());
  return m ? m[1] : null;
}
