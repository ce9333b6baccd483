// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Real kernel EIO for tests: a tiny FUSE server (C source below, compiled with gcc into a temp dir)
 * exposes one file whose chosen byte ranges fail with EIO and whose reads can be slowed down; a
 * read-only loop device on that file turns the server's errors into block-device I/O errors.
 * Needs root, gcc, pkg-config and libfuse3-dev (scripts/apt-packages.txt).
 *
 * @module
 */
import { sh } from "./loop.ts";

const SOURCE = String.raw`
#define FUSE_USE_VERSION 31
#include <fuse.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int backing = -1;
static off_t size = 0;
static long long bad[256][2];
static int nbad = 0;
static unsigned delay_us = 0;

static int fb_getattr(const char *path, struct stat *st, struct fuse_file_info *fi) {
  (void)fi;
  memset(st, 0, sizeof *st);
  if (strcmp(path, "/") == 0) { st->st_mode = S_IFDIR | 0755; st->st_nlink = 2; return 0; }
  if (strcmp(path, "/disk.img") == 0) { st->st_mode = S_IFREG | 0444; st->st_nlink = 1; st->st_size = size; return 0; }
  return -ENOENT;
}

static int fb_readdir(const char *path, void *buf, fuse_fill_dir_t fill, off_t off,
                      struct fuse_file_info *fi, enum fuse_readdir_flags flags) {
  (void)off; (void)fi; (void)flags;
  if (strcmp(path, "/") != 0) return -ENOENT;
  fill(buf, ".", NULL, 0, 0); fill(buf, "..", NULL, 0, 0); fill(buf, "disk.img", NULL, 0, 0);
  return 0;
}

static int fb_open(const char *path, struct fuse_file_info *fi) {
  if (strcmp(path, "/disk.img") != 0) return -ENOENT;
  if ((fi->flags & O_ACCMODE) != O_RDONLY) return -EACCES;
  fi->direct_io = 1;
  return 0;
}

static int fb_read(const char *path, char *buf, size_t n, off_t off, struct fuse_file_info *fi) {
  (void)path; (void)fi;
  if (delay_us) usleep(delay_us);
  for (int i = 0; i < nbad; i++)
    if (off < bad[i][1] && off + (off_t)n > bad[i][0]) return -EIO;
  ssize_t r = pread(backing, buf, n, off);
  return r < 0 ? -errno : (int)r;
}

static const struct fuse_operations ops = {
  .getattr = fb_getattr, .readdir = fb_readdir, .open = fb_open, .read = fb_read,
};

/* fuse_bad BACKING BADRANGES(start-end,… or -) DELAY_US MOUNTPOINT */
int main(int argc, char **argv) {
  if (argc != 5) { fprintf(stderr, "usage: fuse_bad BACKING RANGES DELAY_US MOUNT\n"); return 2; }
  backing = open(argv[1], O_RDONLY);
  if (backing < 0) { perror(argv[1]); return 1; }
  size = lseek(backing, 0, SEEK_END);
  if (strcmp(argv[2], "-") != 0) {
    char *s = argv[2];
    while (*s && nbad < 256) {
      bad[nbad][0] = strtoll(s, &s, 10); if (*s == '-') s++;
      bad[nbad][1] = strtoll(s, &s, 10); if (*s == ',') s++;
      nbad++;
    }
  }
  delay_us = (unsigned)atoi(argv[3]);
  char *fargv[] = { argv[0], "-f", "-s", "-o", "ro,default_permissions", argv[4], NULL };
  return fuse_main(6, fargv, &ops, NULL);
}
`;

let compiled: Promise<string> | null = null;

/** Compiles the helper once per process; resolves to its path. */
export function fuseBadBinary(): Promise<string> {
  compiled ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "sectorkit-fuse-" });
    globalThis.addEventListener("unload", () => {
      try {
        Deno.removeSync(dir, { recursive: true });
      } catch { /* already gone */ }
    });
    await Deno.writeTextFile(`${dir}/fuse_bad.c`, SOURCE);
    const flags = (await sh("pkg-config", ["--cflags", "--libs", "fuse3"])).trim().split(/\s+/);
    await sh("gcc", ["-O2", "-Wall", "-o", `${dir}/fuse_bad`, `${dir}/fuse_bad.c`, ...flags]);
    return `${dir}/fuse_bad`;
  })();
  return compiled;
}

/** Whether the helper can be built and mounted here (root, gcc, pkg-config, fuse3, /dev/fuse). */
export function canUseFuse(): boolean {
  if (Deno.build.os !== "linux" || Deno.uid() !== 0) return false;
  try {
    Deno.statSync("/dev/fuse");
    for (const p of ["/usr/bin/gcc", "/usr/bin/pkg-config", "/usr/include/fuse3/fuse.h"]) {
      Deno.statSync(p);
    }
    return true;
  } catch {
    return false;
  }
}

/** Options for {@linkcode withFaultyLoopDevice}. */
export interface FaultyOptions {
  /** Byte ranges `[start, end)` that fail with EIO. */
  bad?: [number, number][];
  /** Microseconds of delay per FUSE read. */
  delayUs?: number;
  /** Logical sector size of the loop device. */
  sectorSize?: number;
}

/**
 * Serves `data` through the FUSE helper, attaches a read-only loop device on it, runs `fn` with
 * the device path, and always detaches, unmounts and removes everything it made.
 */
export async function withFaultyLoopDevice<T>(
  data: Uint8Array,
  options: FaultyOptions,
  fn: (device: string) => Promise<T>,
): Promise<T> {
  const bin = await fuseBadBinary();
  const dir = await Deno.makeTempDir({ prefix: "sectorkit-fusebad-" });
  const backing = `${dir}/backing.img`;
  const mnt = `${dir}/mnt`;
  await Deno.mkdir(mnt);
  await Deno.writeFile(backing, data);
  const ranges = options.bad?.length ? options.bad.map(([a, b]) => `${a}-${b}`).join(",") : "-";
  const server = new Deno.Command(bin, {
    args: [backing, ranges, String(options.delayUs ?? 0), mnt],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let dev = "";
  try {
    for (let i = 0;; i++) {
      try {
        if ((await Deno.stat(`${mnt}/disk.img`)).size === data.length) break;
      } catch { /* not mounted yet */ }
      if (i > 200) throw new Error("FUSE helper did not mount");
      await new Promise((r) => setTimeout(r, 25));
    }
    const args = ["-f", "--show", "-r"];
    if (options.sectorSize) args.push("--sector-size", String(options.sectorSize));
    dev = (await sh("losetup", [...args, `${mnt}/disk.img`])).trim();
    return await fn(dev);
  } finally {
    if (dev) await sh("losetup", ["-d", dev]).catch(() => {});
    for (let i = 0; i < 40; i++) {
      const ok = await sh("fusermount3", ["-u", mnt]).then(() => true, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    try {
      server.kill("SIGTERM");
    } catch { /* already gone */ }
    await server.status;
    await server.stderr.cancel().catch(() => {});
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}
