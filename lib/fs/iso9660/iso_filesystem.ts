// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * A read-only ISO 9660 filesystem: volume descriptors, the primary tree with Rock Ridge names or
 * the Joliet tree, multi-extent and interleaved files.
 *
 * @module
 */
import { FormatError } from "../../errors.ts";
import type { Filesystem, FsExtent, FsNode, MetadataRegion } from "../filesystem.ts";
import { readThroughExtents, type Run, runsToExtents } from "../_common/extents.ts";
import { joinPath, lookupPath, walkTree } from "../_common/tree.ts";
import { latin1, le32, type Volume } from "../_common/volume.ts";
import { elToritoCatalog, elToritoImages } from "./iso_eltorito.ts";
import {
  both16,
  both32,
  isoName,
  type IsoRecord,
  jolietName,
  parseIsoDir,
  parseSusp,
  type RockRidge,
} from "./iso_record.ts";

/** An ISO node: `id` is the volume byte offset of its (first) directory record. */
export interface IsoNode extends FsNode {
  /** The directory records of the file (several for a multi-extent file). */
  records: IsoRecord[];
}

/** Which tree names come from. */
export type IsoNames = "rockridge" | "joliet" | "iso9660";

const MAX_DIR = 64 * 1024 * 1024;

/** A parsed ISO 9660 volume. Construct with {@linkcode probeIso9660}. */
export class IsoFilesystem implements Filesystem {
  /** "iso9660". */
  readonly type = "iso9660";
  /** Logical block size (2048). */
  readonly blockSize: number;
  /** Volume size in bytes. */
  readonly size: number;
  /** Volume identifier. */
  readonly label: string;
  /** Where names come from. */
  readonly names: IsoNames;
  readonly #vol: Volume;
  readonly #root: IsoNode;
  readonly #suspSkip: number;
  readonly #meta: MetadataRegion[];
  readonly #dirs = new Map<number, IsoNode[]>();

  /** Use {@linkcode IsoFilesystem.open}. */
  private constructor(
    vol: Volume,
    blockSize: number,
    blocks: number,
    label: string,
    names: IsoNames,
    root: IsoNode,
    skip: number,
    meta: MetadataRegion[],
  ) {
    this.#vol = vol;
    this.blockSize = blockSize;
    this.size = blocks * blockSize;
    this.label = label;
    this.names = names;
    this.#root = root;
    this.#suspSkip = skip;
    this.#meta = meta;
  }

  /** Reads the volume descriptors from block 16 and picks the name source. */
  static async open(vol: Volume): Promise<IsoFilesystem | null> {
    let pvd: Uint8Array | null = null;
    let joliet: Uint8Array | null = null;
    let bootCatalog: number | null = null;
    let at = 16 * 2048;
    const meta: MetadataRegion[] = [{ name: "system area", volumeOffset: 0, length: 16 * 2048 }];
    for (let i = 0; i < 64 && at + 2048 <= vol.length; i++, at += 2048) {
      const d = await vol.read(at, 2048, "ISO 9660 volume descriptor");
      if (latin1(d, 1, 5) !== "CD001") {
        if (i === 0) return null;
        throw new FormatError(`ISO 9660 volume descriptor ${16 + i}: no CD001 signature`);
      }
      meta.push({ name: "volume descriptor", volumeOffset: at, length: 2048 });
      if (d[0] === 1 && !pvd) pvd = d;
      if (d[0] === 2 && d[88] === 0x25 && d[89] === 0x2f && [0x40, 0x43, 0x45].includes(d[90])) {
        joliet = d;
      }
      const catalog = elToritoCatalog(d);
      if (catalog !== null) bootCatalog = catalog;
      if (d[0] === 255) break;
    }
    if (!pvd) throw new FormatError("ISO 9660: no primary volume descriptor");
    const bs = both16(pvd, 128, "primary volume descriptor logical block size");
    if (![512, 1024, 2048].includes(bs)) {
      throw new FormatError(`ISO 9660: logical block size ${bs}`);
    }
    const blocks = both32(pvd, 80, "primary volume descriptor volume space size");
    for (const [d, tag] of [[pvd, "primary"], [joliet, "Joliet"]] as const) {
      if (!d) continue;
      const ptSize = both32(d, 132, `${tag} path table size`);
      for (const [off, name] of [[140, "L"], [144, "L (optional)"]] as const) {
        const lba = le32(d, off);
        if (lba) {
          meta.push({ name: `${tag} path table ${name}`, volumeOffset: lba * bs, length: ptSize });
        }
      }
      for (const [off, name] of [[148, "M"], [152, "M (optional)"]] as const) {
        const lba = (d[off] << 24 | d[off + 1] << 16 | d[off + 2] << 8 | d[off + 3]) >>> 0;
        if (lba) {
          meta.push({ name: `${tag} path table ${name}`, volumeOffset: lba * bs, length: ptSize });
        }
      }
    }
    if (bootCatalog !== null && (bootCatalog + 1) * bs <= vol.length) {
      meta.push({ name: "El Torito boot catalog", volumeOffset: bootCatalog * bs, length: bs });
      meta.push(
        ...elToritoImages(await vol.read(bootCatalog * bs, bs, "El Torito boot catalog"), bs),
      );
    }
    const rootOf = (d: Uint8Array, what: string): IsoRecord => {
      const [r] = parseIsoDir(d.subarray(156, 190), 34, what);
      if (!r || !(r.flags & 2)) {
        throw new FormatError(`${what}: root directory record is not a directory`);
      }
      return r;
    };
    const pRoot = rootOf(pvd, "primary volume descriptor");
    // Rock Ridge: the root's "." entry starts with SUSP "SP" (and has RR entries).
    const first = await vol.read(pRoot.lba * bs, Math.min(bs, pRoot.length), "root directory");
    const [dot] = parseIsoDir(first, bs, "root directory");
    const rr: RockRidge = {};
    if (dot) parseSusp(dot.systemUse, rr, "root directory");
    let names: IsoNames = "iso9660";
    let root = pRoot;
    let label = latin1(pvd, 40, 32);
    if (rr.skip !== undefined) names = "rockridge";
    else if (joliet) {
      names = "joliet";
      root = rootOf(joliet, "Joliet volume descriptor");
      let s = "";
      for (let i = 40; i < 72; i += 2) s += String.fromCharCode((joliet[i] << 8) | joliet[i + 1]);
      label = s.replace(/[\s\0]+$/, "") || label;
    }
    const node: IsoNode = {
      path: "/",
      name: "",
      id: 16 * 2048 + 156,
      kind: "directory",
      size: root.length,
      records: [root],
    };
    return new IsoFilesystem(vol, bs, blocks, label, names, node, rr.skip ?? 0, meta);
  }

  /** The node at `path` (exact names; a case-folded match as a fallback), or null. */
  lookup(path: string): Promise<IsoNode | null> {
    return lookupPath(this.#root, (d) => this.readDir(d), path, true);
  }

  /** Children of a directory (multi-extent files are one node). */
  async readDir(dir: FsNode): Promise<IsoNode[]> {
    const d = await this.#node(dir);
    if (d.kind !== "directory") throw new FormatError(`${d.path} is not a directory`);
    const rec = d.records[0];
    const cached = this.#dirs.get(rec.lba);
    if (cached) return cached;
    const what = `directory ${d.path} (block ${rec.lba})`;
    if (rec.length > MAX_DIR) throw new FormatError(`${what}: ${rec.length} bytes`);
    const base = (rec.lba + rec.extAttrBlocks) * this.blockSize;
    const bytes = await this.#vol.read(base, rec.length, what);
    const out: IsoNode[] = [];
    let pending: IsoRecord[] = [];
    for (const r of parseIsoDir(bytes, this.blockSize, what)) {
      if (r.ident.length === 1 && (r.ident[0] === 0 || r.ident[0] === 1)) continue;
      const rr = await this.#rockRidge(r, what);
      if (rr.relocated) continue;
      pending.push(r);
      if (r.flags & 0x80) continue; // more extents follow
      const records = pending;
      pending = [];
      let name = this.names === "joliet" ? jolietName(r.ident) : isoName(r.ident);
      if (this.names === "rockridge" && rr.name) name = rr.name;
      let kind: FsNode["kind"] = r.flags & 2 ? "directory" : "file";
      if (rr.mode !== undefined && (rr.mode & 0o170000) === 0o120000) kind = "symlink";
      if (rr.childLink !== undefined) {
        // A relocated deep directory: its real records start at the CL block.
        const moved = await this.#vol.read(
          rr.childLink * this.blockSize,
          this.blockSize,
          `${what} CL`,
        );
        const [self] = parseIsoDir(moved, this.blockSize, `${what} CL`);
        if (!self) {
          throw new FormatError(`${what}: bad Rock Ridge child link to block ${rr.childLink}`);
        }
        records.splice(0, records.length, self);
        kind = "directory";
      }
      out.push({
        path: joinPath(d.path, name),
        name,
        id: base + records[0].offset,
        kind,
        size: records.reduce((a, x) => a + x.length, 0),
        records,
      });
    }
    if (pending.length) {
      throw new FormatError(`${what}: multi-extent file without its final extent`);
    }
    this.#dirs.set(rec.lba, out);
    return out;
  }

  async #rockRidge(r: IsoRecord, what: string): Promise<RockRidge> {
    const rr: RockRidge = {};
    if (this.names !== "rockridge") return rr;
    parseSusp(r.systemUse.subarray(this.#suspSkip), rr, what);
    for (let hops = 0; rr.continuation && hops < 16; hops++) {
      const ce = rr.continuation;
      rr.continuation = undefined;
      if (ce.length > 65536) {
        throw new FormatError(`${what}: SUSP continuation of ${ce.length} bytes`);
      }
      const area = await this.#vol.read(
        ce.lba * this.blockSize + ce.offset,
        ce.length,
        `${what} SUSP continuation`,
      );
      parseSusp(area, rr, what);
    }
    return rr;
  }

  /** Extents: each extent's blocks (interleaved files: file units without the gaps). */
  async extents(node: FsNode): Promise<FsExtent[]> {
    const n = await this.#node(node);
    if (n.kind === "symlink") return [];
    const bs = this.blockSize;
    const runs: Run[] = [];
    for (const r of n.records) {
      if (r.length === 0) continue;
      const start = r.lba + r.extAttrBlocks;
      const blocks = Math.ceil(r.length / bs);
      if ((start + blocks) * bs > this.#vol.length) {
        throw new FormatError(
          `${n.path}: extent at block ${start} (${blocks} blocks) is beyond the volume`,
        );
      }
      if (!r.unitSize) {
        runs.push({ volumeOffset: start * bs, length: blocks * bs });
        continue;
      }
      for (let done = 0, b = start; done < blocks; b += r.unitSize + r.gapSize) {
        const take = Math.min(r.unitSize, blocks - done);
        runs.push({ volumeOffset: b * bs, length: take * bs });
        done += take;
      }
    }
    // Each extent's last block may be partly used: keep file offsets exact across extents
    // (only the final extent keeps its padding to the end of the block).
    const ext: FsExtent[] = [];
    let fileOffset = 0;
    let ri = 0;
    const used = n.records.filter((r) => r.length > 0);
    used.forEach((r, i) => {
      const blocks = Math.ceil(r.length / bs);
      const mine: Run[] = [];
      for (let got = 0; got < blocks * bs; ri++) {
        mine.push({ ...runs[ri] });
        got += runs[ri].length;
      }
      if (i < used.length - 1) mine[mine.length - 1].length -= blocks * bs - r.length;
      for (const e of runsToExtents(mine)) {
        e.flags = e.flags.filter((f) => f !== "last");
        ext.push({ ...e, fileOffset: fileOffset + e.fileOffset });
      }
      fileOffset += r.length;
    });
    if (ext.length) ext[ext.length - 1].flags.push("last");
    return ext;
  }

  /** Every node, depth-first. */
  walk(): AsyncIterable<IsoNode> {
    return walkTree(this.#root, (d) => this.readDir(d), (d) => d.records[0].lba);
  }

  /** System area, volume descriptors and path tables. */
  metadata(): Promise<MetadataRegion[]> {
    return Promise.resolve(this.#meta.map((m) => ({ ...m })));
  }

  /** Reads a node's bytes. */
  async read(node: FsNode, offset: number, length: number): Promise<Uint8Array> {
    const n = await this.#node(node);
    return readThroughExtents(this.#vol, await this.extents(n), n.size, offset, length, n.path);
  }

  async #node(node: FsNode): Promise<IsoNode> {
    if ("records" in node) return node as IsoNode;
    const found = await this.lookup(node.path);
    if (!found) throw new FormatError(`No such file in the ISO 9660 volume: ${node.path}`);
    return found;
  }
}
