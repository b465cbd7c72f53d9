import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { limitBytes } from "./limit-bytes";
import { sourceStream } from "./source-stream";
import { assertStorageKey } from "./storage-key";
import type { PutOptions, Storage, StorageSource, StoredObjectInfo } from "./types";

/** Storage in a directory of the local disk. Partial writes live under `.partial/` until complete. */
export class LocalStorage implements Storage {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    const full = path.join(this.root, key);
    // assertStorageKey already forbids '..'; this is a second line of defence.
    if (!full.startsWith(this.root + path.sep)) throw new Error(`Storage key escapes the root: ${key}`);
    return full;
  }

  private async partialPath(): Promise<string> {
    const dir = path.join(this.root, ".partial");
    await mkdir(dir, { recursive: true });
    return path.join(dir, `${Date.now()}-${randomBytes(8).toString("hex")}`);
  }

  async put(key: string, source: StorageSource, options: PutOptions = {}): Promise<{ size: number }> {
    const target = this.pathOf(key);
    const input = sourceStream(source);
    // The source may fail while the partial folder is being made, before the pipeline listens:
    // the pipeline still reports that error; this listener keeps it from crashing the process.
    const heldError = () => undefined;
    const stream = input instanceof Readable ? input : undefined;
    stream?.on("error", heldError);
    const partial = await this.partialPath();
    const limiter = limitBytes(options.maxBytes ?? Number.POSITIVE_INFINITY);
    const output = createWriteStream(partial, { flags: "wx" });
    try {
      await pipeline(input, limiter, output, { signal: options.signal });
      await mkdir(path.dirname(target), { recursive: true });
      await rename(partial, target);
      return { size: limiter.bytes() };
    } catch (error) {
      // A write stream destroyed while still opening creates its file afterwards: wait for it
      // to close before deleting, or an empty partial file would be left behind.
      if (!output.closed) await once(output, "close").catch(() => undefined);
      await rm(partial, { force: true });
      throw error;
    } finally {
      stream?.off("error", heldError);
    }
  }

  async putFile(key: string, filePath: string, options: { move?: boolean } = {}): Promise<{ size: number }> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    if (options.move) {
      try {
        await rename(filePath, target);
        return { size: (await stat(target)).size };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
      }
    }
    const partial = await this.partialPath();
    try {
      await copyFile(filePath, partial);
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    if (options.move) await rm(filePath, { force: true });
    return { size: (await stat(target)).size };
  }

  async stat(key: string): Promise<StoredObjectInfo | null> {
    const info = await stat(this.pathOf(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return null;
      throw error;
    });
    return info?.isFile() ? { size: info.size, modifiedAt: info.mtime } : null;
  }

  read(key: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.pathOf(key), range ? { start: range.start, end: range.end } : {});
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async list(prefix: string): Promise<Array<{ key: string; modifiedAt: Date }>> {
    const folder = prefix.replace(/\/+$/, "");
    const names = await readdir(this.pathOf(folder)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [] as string[];
      throw error;
    });
    const items = await Promise.all(
      names.map(async (name) => {
        const info = await stat(path.join(this.root, folder, name)).catch(() => null);
        return info?.isFile() ? { key: `${folder}/${name}`, modifiedAt: info.mtime } : null;
      }),
    );
    return items.filter((item) => item !== null);
  }

  async removeStalePartials(before: Date): Promise<number> {
    const dir = path.join(this.root, ".partial");
    let removed = 0;
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const info = await stat(path.join(dir, name)).catch(() => null);
      if (info && info.mtime < before) {
        await rm(path.join(dir, name), { force: true });
        removed++;
      }
    }
    return removed;
  }

  async localFile(key: string): Promise<string> {
    return this.pathOf(key);
  }

  async downloadUrl(): Promise<string | null> {
    return null;
  }
}
