// Copyright 2026 the sectorkit authors. MIT license.
// Documented values: xnu bsd/sys/disk.h via ioccom.h, fcntl.h.
import { deepStrictEqual as assertEquals } from "node:assert/strict";
import {
  darwinErrnoToLinux,
  DKIOCGETBLOCKCOUNT,
  DKIOCGETBLOCKSIZE,
  DKIOCGETMAXBYTECOUNTREAD,
  DKIOCGETPHYSICALBLOCKSIZE,
  F_NOCACHE,
  ioc,
  IOC_VOID,
  variadicPadding,
  variadicParameters,
} from "../../lib/os/darwin_ioctl.ts";

Deno.test("DKIOC* codes equal the documented values", () => {
  assertEquals(DKIOCGETBLOCKSIZE, 0x40046418);
  assertEquals(DKIOCGETBLOCKSIZE, 1074029592);
  assertEquals(DKIOCGETBLOCKCOUNT, 0x40086419);
  assertEquals(DKIOCGETBLOCKCOUNT, 1074291737);
  assertEquals(DKIOCGETPHYSICALBLOCKSIZE, 0x4004644d);
  assertEquals(DKIOCGETMAXBYTECOUNTREAD, 0x40086446);
  assertEquals(ioc(IOC_VOID, "d", 21, 0), 0x20006415); // DKIOCEJECT
  assertEquals(F_NOCACHE, 48);
});

Deno.test("variadicParameters() pads to 8 registers on Apple arm64 only", () => {
  assertEquals(variadicParameters("darwin", "aarch64", ["i32", "u64"], ["buffer"]), [
    "i32",
    "u64",
    "u64",
    "u64",
    "u64",
    "u64",
    "u64",
    "u64",
    "buffer",
  ]);
  assertEquals(variadicParameters("darwin", "aarch64", ["i32", "i32"], ["u64"]).length, 9);
  assertEquals(variadicParameters("darwin", "x86_64", ["i32", "u64"], ["buffer"]), [
    "i32",
    "u64",
    "buffer",
  ]);
  assertEquals(variadicParameters("linux", "aarch64", ["i32", "u64"], ["buffer"]).length, 3);
  assertEquals(variadicPadding("darwin", "aarch64", 2), 6);
  assertEquals(variadicPadding("linux", "x86_64", 2), 0);
});

Deno.test("darwinErrnoToLinux() keeps shared numbers and maps BSD-only ones", () => {
  assertEquals(darwinErrnoToLinux(5), 5); // EIO
  assertEquals(darwinErrnoToLinux(16), 16); // EBUSY
  assertEquals(darwinErrnoToLinux(35), 11); // EAGAIN
  assertEquals(darwinErrnoToLinux(60), 110); // ETIMEDOUT
});
