// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Test helpers: The Sleuth Kit (fls, istat, ifind) as the oracle, and image sources.
 *
 * @module
 */
import type { ByteSource } from "../../lib/fs/filesystem.ts";

/** Runs a command; resolves to stdout (throws on failure). */
export async function run(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  if (!out.success) {
    throw new Error(`${cmd} ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
  return new TextDecoder().decode(out.stdout);
}

/** Whether a command is installed. */
export function has(cmd: string): boolean {
  try {
    return new Deno.Command("sh", { args: ["-c", `command -v ${cmd}`], stdout: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

/** An image file as a ByteSource (tests only). */
export async function fileSource(path: string): Promise<ByteSource & { close(): void }> {
  const f = await Deno.open(path);
  const size = (await f.stat()).size;
  return {
    size,
    async readAt(offset: number, buf: Uint8Array): Promise<number> {
      await f.seek(offset, Deno.SeekMode.Start);
      let done = 0;
      while (done < buf.length) {
        const n = await f.read(buf.subarray(done));
        if (n === null) break;
        done += n;
      }
      return done;
    },
    close: () => f.close(),
  };
}

/** An allocated file or directory as `fls -r -p` lists it. */
export interface TskEntry {
  /** Inode. */
  inode: number;
  /** Path with a leading "/". */
  path: string;
  /** "r" or "d". */
  type: string;
}

/** Allocated regular files and directories (deleted and virtual entries dropped). */
export async function tskFiles(img: string, sectorOffset = 0): Promise<TskEntry[]> {
  const text = await run("fls", ["-r", "-p", "-o", String(sectorOffset), img]);
  const out: TskEntry[] = [];
  for (const line of text.split("\n")) {
    const m = /^([rd])\/[rd] (\d+):\t(.*)$/.exec(line);
    if (!m || m[3].startsWith("$")) continue;
    out.push({ type: m[1], inode: Number(m[2]), path: "/" + m[3] });
  }
  return out;
}

/** TSK's block runs of an inode: one entry per block (-1 = hole), extent/indirect blocks, inline flag. */
export async function tskBlocks(
  img: string,
  inode: number,
  sectorOffset = 0,
): Promise<{ blocks: number[]; meta: number[]; inline: boolean; size: number }> {
  const text = await run("istat", ["-r", "-o", String(sectorOffset), img, String(inode)]);
  const blocks: number[] = [];
  const meta: number[] = [];
  let section = "";
  for (const line of text.split("\n")) {
    if (
      /^(Direct Blocks|Extent Blocks|Indirect Blocks|Double Indirect Blocks|Triple Indirect Blocks):/
        .test(line)
    ) {
      section = line.startsWith("Direct") ? "data" : "meta";
      continue;
    }
    const m = /Starting address: (X|\d+), length: (\d+)/.exec(line);
    if (m) {
      const n = Number(m[2]);
      for (let i = 0; i < n; i++) {
        const v = m[1] === "X" ? -1 : Number(m[1]) + i;
        (section === "data" ? blocks : meta).push(v);
      }
      continue;
    }
    if (section && /^\s*(\d+\s*)+$/.test(line) && section === "meta") {
      for (const t of line.trim().split(/\s+/)) meta.push(Number(t));
    }
  }
  const size = Number(/^size: (\d+)/m.exec(text)?.[1] ?? "0");
  return { blocks, meta, inline: /Flags:.*Inline Data/.test(text), size };
}

/** `ifind -d`: the inode owning a block, "meta" for TSK's "Meta Data", or null. */
export async function tskIfind(
  img: string,
  block: number,
  sectorOffset = 0,
): Promise<number | "meta" | null> {
  const t = (await run("ifind", ["-o", String(sectorOffset), "-d", String(block), img])).trim();
  if (/^\d+/.test(t)) return Number(t.split(/[-\s]/)[0]);
  if (/Meta Data/i.test(t)) return "meta";
  return null;
}
