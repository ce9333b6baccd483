// Copyright 2026 the sectorkit authors. MIT license.
// A read-only FUSE filesystem with one file, /disk.img, whose reads are slow in one byte range and
// fail with EIO in another: a real "slow zone" and "bad sectors" under a loop device, for tests.
//   slow_fuse MOUNTPOINT SIZE SLOW_START SLOW_END DELAY_US BAD_START BAD_END
// Runs in the foreground, single-threaded; unmount with fusermount3 -u MOUNTPOINT.
#define FUSE_USE_VERSION 31
#include <errno.h>
#include <fuse.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static long long size_, slow_start, slow_end, delay_us, bad_start, bad_end;

static void *init_fs(struct fuse_conn_info *conn, struct fuse_config *cfg) {
  (void)conn;
  cfg->direct_io = 1;
  return NULL;
}

static int getattr_fs(const char *path, struct stat *st, struct fuse_file_info *fi) {
  (void)fi;
  memset(st, 0, sizeof *st);
  if (strcmp(path, "/") == 0) {
    st->st_mode = S_IFDIR | 0555;
    st->st_nlink = 2;
    return 0;
  }
  if (strcmp(path, "/disk.img") == 0) {
    st->st_mode = S_IFREG | 0444;
    st->st_nlink = 1;
    st->st_size = size_;
    return 0;
  }
  return -ENOENT;
}

static int readdir_fs(const char *path, void *buf, fuse_fill_dir_t fill, off_t off,
                      struct fuse_file_info *fi, enum fuse_readdir_flags flags) {
  (void)off; (void)fi; (void)flags;
  if (strcmp(path, "/") != 0) return -ENOENT;
  fill(buf, ".", NULL, 0, 0);
  fill(buf, "..", NULL, 0, 0);
  fill(buf, "disk.img", NULL, 0, 0);
  return 0;
}

static int open_fs(const char *path, struct fuse_file_info *fi) {
  if (strcmp(path, "/disk.img") != 0) return -ENOENT;
  if ((fi->flags & O_ACCMODE) != O_RDONLY) return -EROFS;
  fi->direct_io = 1;
  return 0;
}

static int read_fs(const char *path, char *buf, size_t len, off_t off, struct fuse_file_info *fi) {
  (void)path; (void)fi;
  if (off >= size_) return 0;
  if ((long long)(off + len) > size_) len = size_ - off;
  long long end = off + (long long)len;
  if (off < bad_end && bad_start < end) return -EIO;
  if (off < slow_end && slow_start < end) usleep((useconds_t)delay_us);
  for (size_t i = 0; i < len; i++) buf[i] = (char)(((off + i) * 2654435761u) >> 24);
  return (int)len;
}

static const struct fuse_operations ops = {
  .init = init_fs, .getattr = getattr_fs, .readdir = readdir_fs, .open = open_fs, .read = read_fs,
};

int main(int argc, char **argv) {
  if (argc != 8) return 2;
  size_ = atoll(argv[2]);
  slow_start = atoll(argv[3]);
  slow_end = atoll(argv[4]);
  delay_us = atoll(argv[5]);
  bad_start = atoll(argv[6]);
  bad_end = atoll(argv[7]);
  char *fargv[] = {argv[0], "-f", "-s", "-o", "ro", argv[1], NULL};
  return fuse_main(6, fargv, &ops, NULL);
}
