// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Test helpers for deleted entries: `fls -d -r -p` as the oracle for names and addresses, `istat -r`
 * for runs, `ifind -d` for sector → address, compared with `Filesystem.deleted()` and `owner`'s
 * index built with `deleted: true`.
 *
 * @module
 */
import type { Filesystem, FsNode } from "../../lib/fs/filesystem.ts";
import { openDisk } from "../../lib/fs/open_filesystem.ts";
import { buildOwnerIndex } from "../../lib/locate/owner_index.ts";
import { tskAddress } from "../../lib/locate/deleted_nodes.ts";
import { assert, assertEquals, assertSameRuns, istat, memorySource, sh } from "./tsk.ts";

/** One deleted entry of `fls -d -r -p`. */
export interface TskDeleted {
  /** "r/r", "d/d", "-/r"… */
  type: string;
  /** Metadata address (NTFS: the record number of "64-128-2"). */
  inode: number;
  /** The full address as printed. */
  address: string;
  /** Path with a leading "/". */
  path: string;
}

/** Deleted entries of `fls -d -r -p`, split into named ones and `$OrphanFiles/…` ones. */
export async function flsDeleted(
  img: string,
  fsType?: string,
): Promise<{ named: TskDeleted[]; orphans: TskDeleted[] }> {
  const args = ["-d", "-r", "-p"];
  if (fsType) args.push("-f", fsType);
  const out = await sh("fls", [...args, img]);
  const named: TskDeleted[] = [];
  const orphans: TskDeleted[] = [];
  for (const line of out.split("\n")) {
    const m = /^(\S+) \* (\S+?)(?:\(realloc\))?:\t(.*)$/.exec(line);
    if (!m) continue;
    const [, type, address, path] = m;
    const e = { type, address, inode: Number(address.split("-")[0]), path: "/" + path };
    (path.startsWith("$OrphanFiles") ? orphans : named).push(e);
  }
  return { named, orphans };
}

/** Options of {@linkcode compareDeleted}. */
export interface CompareOptions {
  /** TSK's block/sector unit in bytes (istat's run unit). */
  unit: number;
  /** The istat section holding the runs ("Sectors" for FAT, "$DATA" for NTFS, "Blocks" ext). */
  section: (
    sections: { key: string; runs: { start: number | null; length: number }[] }[],
    path: string,
  ) =>
    | { start: number | null; length: number }[]
    | null;
  /** Runs from `istat -r` text instead of `section` (ext: "Direct Blocks:" only). */
  runsFromText?: boolean;
  /**
   * Compare TSK's `$OrphanFiles/…` entries too (ext: unnamed free inodes); a function picks which
   * of TSK's orphan paths to compare (ours under `/$OrphanFiles/` are all compared then).
   */
  orphans?: boolean | ((path: string) => boolean);
  /** Skip the run comparison of a node (a documented TSK quirk). */
  skipRuns?: (node: FsNode) => boolean;
  /** `-f TYPE` for TSK. */
  fsType?: string;
}

/**
 * Compares `fs.deleted()` with TSK: same paths and addresses as `fls -d -r -p` (orphans aside),
 * same size and runs as `istat -r`, and for the first sector of every run, `ifind -d` names the
 * same deleted entry that `owner --deleted` reports (or an allocated one, where owner reports no
 * deleted claimant). Returns the numbers compared.
 */
export async function compareDeleted(
  img: string,
  fs: Filesystem,
  o: CompareOptions,
): Promise<{ entries: number; runs: number; sectors: number }> {
  const listed = await flsDeleted(img, o.fsType);
  const pick = typeof o.orphans === "function" ? o.orphans : () => o.orphans === true;
  const tsk = { named: [...listed.named, ...listed.orphans.filter((e) => pick(e.path))] };
  const ours = (await fs.deleted!()).filter((n) =>
    !!o.orphans || !n.path.startsWith("/$OrphanFiles/")
  );
  const key = (a: number, p: string) => `${a} ${p}`;
  assertEquals(
    ours.map((n) => key(tskAddress(n), n.path)).sort(),
    tsk.named.map((e) => key(e.inode, e.path)).sort(),
    "deleted entries differ from fls -d -r -p",
  );
  const byKey = new Map(ours.map((n) => [key(tskAddress(n), n.path), n]));
  const bytes = await Deno.readFile(img);
  const ix = await buildOwnerIndex(await openDisk(memorySource(bytes)), bytes.length, {
    deleted: true,
  });
  let runs = 0;
  let sectors = 0;
  for (const e of tsk.named) {
    const node = byKey.get(key(e.inode, e.path))!;
    assertEquals(node.deleted, true);
    if (e.type.endsWith("/d")) assertEquals(node.kind, "directory", e.path);
    // A cleared name (ext: inode 0, "r/-") has no metadata to compare.
    if (e.inode === 0) {
      assertEquals(await fs.extents(node), [], `${e.path}: no inode, no extents`);
      continue;
    }
    const st = await istat(img, String(e.inode), 0, o.fsType);
    const stream = /:([^/:]+)$/.exec(e.path)?.[1];
    const dataKey = stream ? `$DATA:${stream}` : "$DATA";
    const size = st.size >= 0 ? st.size : st.sections.find((x) => x.key === dataKey)?.size;
    if (node.kind === "file") assertEquals(node.size, size, `size of ${e.path}`);
    const ext = await fs.extents(node);
    if (o.skipRuns?.(node)) continue;
    const want = o.runsFromText
      ? istatTextRuns(await sh("istat", ["-r", img, String(e.inode)]))
      : o.section(st.sections, e.path) ?? [];
    assertSameRuns(e.path, ext, want, o.unit);
    runs += want.length;
    for (const x of ext) {
      if (x.volumeOffset === null || x.flags.includes("resident")) continue;
      const sector = x.volumeOffset / o.unit;
      const found = (await sh("ifind", ["-d", String(sector), img]).catch(() => "")).trim();
      const who = ix.owner(x.volumeOffset / 512);
      // ifind may name another attribute of the record ("146-160-5" for a "146-144-2" entry).
      const claimant = tsk.named.find((t) => t.address === found) ??
        tsk.named.find((t) => String(t.inode) === found.split("-")[0]);
      if (who.deleted) {
        // Only deleted entries claim it: TSK's first claimant (lowest address) must be ours.
        assertEquals(claimant?.path, who.path, `owner of sector ${sector} (ifind -d: ${found})`);
      } else {
        // An allocated owner takes precedence over deleted claimants (TSK may name either).
        assert(who.kind !== "free", `sector ${sector}: ifind -d says ${found}, owner says free`);
      }
      sectors++;
    }
  }
  const counts = { entries: tsk.named.length, runs, sectors };
  if (Deno.env.get("SECTORKIT_DELETED_COUNTS")) console.error(`${img}: ${JSON.stringify(counts)}`);
  return counts;
}

/** Every "Starting address: N, length: L" run of `istat -r` output (ext "Direct Blocks:" only). */
export function istatTextRuns(text: string): { start: number | null; length: number }[] {
  const out: { start: number | null; length: number }[] = [];
  let direct = false;
  for (const line of text.split("\n")) {
    if (/^\S.*:$/.test(line)) direct = line === "Direct Blocks:";
    const m = /Starting address: (\d+), length: (\d+)(.*)/.exec(line);
    if (m && direct) {
      out.push({ start: /Sparse/.test(m[3]) ? null : Number(m[1]), length: Number(m[2]) });
    }
  }
  return out;
}
