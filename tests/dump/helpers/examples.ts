// Copyright 2026 the sectorkit authors. MIT license.
/** Where the shared example CD dump sets are: $SECTORKIT_EXAMPLES, ../shared, or /work/shared. */
export async function examplesDir(): Promise<string> {
  const candidates = [
    Deno.env.get("SECTORKIT_EXAMPLES"),
    new URL("../../../../shared/examples/cd", import.meta.url).pathname,
    new URL("../../../../../shared/examples/cd", import.meta.url).pathname,
    "/work/shared/examples/cd",
  ].filter((x): x is string => !!x);
  for (const c of candidates) {
    try {
      if ((await Deno.stat(c)).isDirectory) return c;
    } catch {
      // next
    }
  }
  return candidates[candidates.length - 1];
}
