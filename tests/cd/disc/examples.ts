// Copyright 2026 the sectorkit authors. MIT license.
/** The shared example CD dumps (beside the checkout or a worktree), or null when absent. */
export function findExamples(): string | null {
  for (const rel of ["../../../../shared/examples/cd/", "../../../../../shared/examples/cd/"]) {
    const p = new URL(rel, import.meta.url).pathname;
    try {
      if (Deno.statSync(p).isDirectory) return p;
    } catch {
      // not here
    }
  }
  return null;
}
