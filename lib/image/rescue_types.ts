// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * The interfaces of `Rescuer` (lib/image/rescue.ts): its sink, options and phases.
 *
 * @module
 */
import type { Domain } from "./domain.ts";

/** Where rescued bytes go. */
export interface RescueSink {
  /**
   * Stores `data` read at device position `pos`. Resolves when `data` may be reused. Calls come in
   * ascending `pos` order during forward copying, so an in-order consumer (a hasher) can follow.
   */
  write(pos: number, data: Uint8Array): Promise<void>;
  /** Stores the fill pattern for `[pos, pos + size)` (unreadable or untried bytes). */
  fill(pos: number, size: number): Promise<void>;
}

/** Options for `Rescuer`. */
export interface RescueOptions {
  /** First device byte of the domain. */
  start: number;
  /** End (exclusive) of the domain. */
  end: number;
  /** Copy-phase read size (a multiple of the sector size). */
  blockSize: number;
  /** Reads in flight during copying (default 4). */
  queueDepth?: number;
  /** Retry passes over bad sectors (default 0). */
  retries?: number;
  /** Only these ranges inside `[start, end)` are read and written (default: all of it). */
  domain?: Domain;
  /** Skip the trimming phase (ddrescue `-N`): failed blocks stay non-trimmed (`*`). */
  noTrim?: boolean;
  /** Skip the scraping phase (ddrescue `-n`): trimmed blocks stay non-scraped (`/`). */
  noScrape?: boolean;
  /** Reverse the direction of every pass (ddrescue `-R`). */
  reverse?: boolean;
  /**
   * Strictly sequential output (stdout): one forward pass, a failed block is scraped and retried at
   * once, unreadable sectors are filled in place.
   */
  inOrder?: boolean;
  /** Allocates a read buffer suited to the device (aligned; shared for hash workers). */
  allocate(size: number): Uint8Array;
  /** Polled between reads; true stops the job cleanly (Ctrl-C). */
  shouldStop?(): boolean;
  /** Called after each read completes (progress, periodic mapfile saves). */
  onRead?(): void | Promise<void>;
}

/** A phase as users read it. */
export type RescuePhase = "copy" | "trim" | "scrape" | "retry" | "fill" | "done";
