/**
 * A small real file system for "the disk is full" tests: a tmpfs mounted on a temp folder (root
 * only), onto which a stack's DATA_DIR/storage and DATA_DIR/work are moved by symlinks before
 * anything is stored, so uploads, downloads and results all compete for the same few megabytes.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, statfsSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "@/tests/integration/harness";

/** Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN); tried once, on a scratch folder. */
export function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = tempDir("lipsync-mount-probe-");
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe], { stdio: "ignore" });
    execFileSync("umount", [probe], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

export interface TinyDisk {
  dir: string;
  /** Bytes still free. */
  free(): number;
  /** Writes a filler file until only `leaveBytes` are free; returns a function that deletes it again. */
  fill(leaveBytes?: number): () => void;
  unmount(): void;
}

/** Mounts a tmpfs of `bytes` and moves dataDir/storage and dataDir/work onto it. */
export function mountTinyDisk(dataDir: string, bytes: number): TinyDisk {
  const dir = tempDir("lipsync-tiny-disk-");
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${bytes}`, "tmpfs", dir]);
  for (const name of ["storage", "work"]) {
    mkdirSync(path.join(dir, name));
    symlinkSync(path.join(dir, name), path.join(dataDir, name));
  }
  const free = () => {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  };
  return {
    dir,
    free,
    fill(leaveBytes = 0) {
      const filler = path.join(dir, "filler");
      writeFileSync(filler, Buffer.alloc(Math.max(0, free() - leaveBytes)));
      return () => rmSync(filler, { force: true });
    },
    unmount() {
      execFileSync("umount", [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
