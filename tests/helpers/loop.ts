// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Test helpers for real loop devices (root only). Each helper detaches its own device in `finally`.
 *
 * @module
 */

/** Runs a command and returns its stdout; throws with stderr on failure. */
export async function sh(cmd: string, args: string[], input?: Uint8Array): Promise<string> {
  const p = new Deno.Command(cmd, {
    args,
    stdin: input ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (input) {
    const w = p.stdin.getWriter();
    await w.write(input);
    await w.close();
  }
  const out = await p.output();
  if (!out.success) {
    throw new Error(
      `${cmd} ${args.join(" ")} failed: ${new TextDecoder().decode(out.stderr).trim()}`,
    );
  }
  return new TextDecoder().decode(out.stdout);
}

/** Whether the current process is root on Linux (loop devices, mount). */
export function isLinuxRoot(): boolean {
  return Deno.build.os === "linux" && Deno.uid() === 0;
}

/** Options for {@linkcode withLoopDevice}. */
export interface LoopOptions {
  /** Logical sector size of the loop device (512 default, or 4096). */
  sectorSize?: number;
  /** Attach with direct I/O on the backing file. */
  directIo?: boolean;
  /** Scan partitions (`losetup -P`). */
  partscan?: boolean;
}

/**
 * Attaches `data` (bytes, or a path to an existing backing file) as a loop device, runs `fn` with
 * its path, and always detaches it and removes the temp backing file.
 */
export async function withLoopDevice<T>(
  data: Uint8Array | string,
  options: LoopOptions,
  fn: (device: string, backing: string) => Promise<T>,
): Promise<T> {
  const ownBacking = typeof data !== "string";
  const backing = ownBacking ? await Deno.makeTempFile({ suffix: ".img" }) : data;
  if (ownBacking) await Deno.writeFile(backing, data);
  const args = ["-f", "--show"];
  if (options.sectorSize) args.push("--sector-size", String(options.sectorSize));
  if (options.directIo) args.push("--direct-io=on");
  if (options.partscan) args.push("-P");
  args.push(backing);
  let dev = "";
  try {
    dev = (await sh("losetup", args)).trim();
    return await fn(dev, backing);
  } finally {
    if (dev) await sh("losetup", ["-d", dev]).catch(() => {});
    if (ownBacking) await Deno.remove(backing).catch(() => {});
  }
}
