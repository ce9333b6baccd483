// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * Worker side of {@linkcode ParallelHashPool}: hashes chunks per stream id with the algorithms the
 * stream asked for.
 *
 * @module
 */
import { createHash, type Hash } from "node:crypto";
import { crc32 } from "./rom_hasher.ts";
import { type ChunkVerify, verifyChunk } from "../split/sector_verify.ts";

/** Algorithms a worker stream can compute. */
export type HashAlgo = "crc32" | "md5" | "sha1";

/** Messages the worker takes. */
export type HashWorkerRequest =
  | {
    type: "data";
    id: number;
    algos: HashAlgo[];
    data: Uint8Array;
    ack?: number;
    verify?: ChunkVerify;
  }
  | { type: "end"; id: number; algos: HashAlgo[] };

/** Messages the worker sends: a digest, or an acknowledgement that a chunk can be reused. */
export type HashWorkerReply = HashWorkerDigest | { type: "ack"; id: number };

/** A finished stream. */
export interface HashWorkerDigest {
  /** Reply type. */
  type: "digest";
  /** Stream id. */
  id: number;
  /** Hex digests of the requested algorithms. */
  digests: Partial<Record<HashAlgo, string>>;
  /** Bytes hashed. */
  size: number;
  /** Data sectors whose EDC failed (chunks sent with `verify`). */
  edcErrors: number[];
  /** Data sectors whose ECC failed too. */
  eccErrors: number[];
}

interface WorkerScope {
  onmessage: ((e: MessageEvent<HashWorkerRequest>) => void) | null;
  postMessage(m: HashWorkerReply): void;
}

interface Partial3 {
  crc: number | null;
  md5: Hash | null;
  sha1: Hash | null;
  size: number;
  edc: number[];
  ecc: number[];
}

const scope = globalThis as unknown as WorkerScope;
const streams = new Map<number, Partial3>();
scope.onmessage = (e: MessageEvent<HashWorkerRequest>): void => {
  const m = e.data;
  let s = streams.get(m.id);
  if (!s) {
    streams.set(
      m.id,
      s = {
        crc: m.algos.includes("crc32") ? 0 : null,
        md5: m.algos.includes("md5") ? createHash("md5") : null,
        sha1: m.algos.includes("sha1") ? createHash("sha1") : null,
        size: 0,
        edc: [],
        ecc: [],
      },
    );
  }
  if (m.type === "data") {
    if (s.crc !== null) s.crc = crc32(m.data, s.crc);
    s.md5?.update(m.data);
    s.sha1?.update(m.data);
    s.size += m.data.length;
    if (m.verify) verifyChunk(m.data, m.verify, s.edc, s.ecc);
    if (m.ack !== undefined) scope.postMessage({ type: "ack", id: m.ack });
    return;
  }
  streams.delete(m.id);
  const digests: HashWorkerDigest["digests"] = {};
  if (s.crc !== null) digests.crc32 = s.crc.toString(16).padStart(8, "0");
  if (s.md5) digests.md5 = s.md5.digest("hex");
  if (s.sha1) digests.sha1 = s.sha1.digest("hex");
  scope.postMessage({
    type: "digest",
    id: m.id,
    digests,
    size: s.size,
    edcErrors: s.edc,
    eccErrors: s.ecc,
  });
};
