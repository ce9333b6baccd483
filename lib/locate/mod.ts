// Copyright 2026 the sectorkit authors. MIT license.
// This module is browser compatible.
/**
 * File ⇄ disk sector location: `locate`, `owner` and `ls`.
 *
 * @module
 */
export { locateCommand } from "./locate_command.ts";
export { ownerCommand } from "./owner_command.ts";
export { lsCommand } from "./ls_command.ts";
export { buildOwnerIndex, type LbaOwner, OwnerIndex } from "./owner_index.ts";
export type { LocatedExtent, LocateResult } from "./disk_extents.ts";
export { parseLbaList } from "./lba_list.ts";
