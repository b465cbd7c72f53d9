import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalStorage, StorageKeyError, StorageSizeLimitError } from "@/lib/storage";

let root: string;
let storage: LocalStorage;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "storage-"));
  storage = new LocalStorage(root);
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

describe("LocalStorage", () => {
  it("streams an object in, reads it whole and by inclusive range, then deletes it", async () => {
    expect(await storage.put("assets/a1", Readable.from([Buffer.from("hello "), Buffer.from("world")]))).toEqual({
      size: 11,
    });
    expect(await text(storage.read("assets/a1"))).toBe("hello world");
    expect(await text(storage.read("assets/a1", { start: 6, end: 10 }))).toBe("world");
    expect((await storage.stat("assets/a1"))?.size).toBe(11);
    await storage.delete("assets/a1");
    expect(await storage.stat("assets/a1")).toBeNull();
    await storage.delete("assets/a1"); // missing: no error
  });

  it("accepts a web ReadableStream", async () => {
    await storage.put("w", new Blob(["web"]).stream());
    expect(await text(storage.read("w"))).toBe("web");
  });

  it("stops past maxBytes and keeps nothing, not even a partial file", async () => {
    const big = Readable.from((function* () {
      for (let i = 0; i < 100; i++) yield Buffer.alloc(1024, 1);
    })());
    await expect(storage.put("assets/big", big, { maxBytes: 10_000 })).rejects.toBeInstanceOf(StorageSizeLimitError);
    expect(await storage.stat("assets/big")).toBeNull();
    expect(await readdir(path.join(root, ".partial"))).toEqual([]);
  });

  it("keeps nothing when the source fails midway", async () => {
    const failing = Readable.from((async function* () {
      yield Buffer.from("part");
      throw new Error("connection reset");
    })());
    await expect(storage.put("x", failing)).rejects.toThrow("connection reset");
    expect(await storage.stat("x")).toBeNull();
    expect(await readdir(path.join(root, ".partial"))).toEqual([]);
  });

  it("moves or copies a local file in", async () => {
    const file = path.join(root, "..", `${path.basename(root)}-src.bin`);
    await writeFile(file, "result");
    expect(await storage.putFile("results/r", file, { move: true })).toEqual({ size: 6 });
    expect(await readFile(await storage.localPath("results/r"), "utf8")).toBe("result");
  });

  it.each(["", "/etc/passwd", "../x", "a/../../x", "a//b", ".hidden", "a/./b", "a\\b", "é", "a b", "x/..", "a\0b"])(
    "refuses the key %j",
    async (key) => {
      expect(() => storage.read(key)).toThrow(StorageKeyError);
      await expect(storage.put(key, Readable.from([]))).rejects.toBeInstanceOf(StorageKeyError);
    },
  );
});

describe("LocalStorage partial files", () => {
  it("leaves no partial file when the source fails before the file is even open", async () => {
    for (let i = 0; i < 50; i++) {
      // Like an empty upload refused by the type sniffer: the error comes at the end of no data.
      const failing = Readable.from([]).pipe(
        new Transform({
          transform: (_chunk, _encoding, callback) => callback(),
          flush: (callback) => callback(new Error("refused at once")),
        }),
      );
      await expect(storage.put(`early-${i}`, failing)).rejects.toThrow("refused at once");
    }
    expect(await readdir(path.join(root, ".partial"))).toEqual([]);
  });
});

describe("LocalStorage listing and leftovers", () => {
  it("lists a folder's objects with their times, and removes only partial writes older than the cut-off", async () => {
    await storage.put("assets/one", Readable.from([Buffer.from("1")]));
    await storage.put("assets/two", Readable.from([Buffer.from("2")]));
    expect(await storage.list("other/")).toEqual([]);
    const listed = await storage.list("assets/");
    expect(listed.map((item) => item.key).sort()).toEqual(["assets/one", "assets/two"]);
    expect(listed.every((item) => item.modifiedAt.getTime() > Date.now() - 60_000)).toBe(true);

    await writeFile(path.join(root, ".partial", "old"), "left by a killed process");
    await utimes(path.join(root, ".partial", "old"), new Date(0), new Date(0));
    await writeFile(path.join(root, ".partial", "young"), "a write in progress");
    expect(await storage.removeStalePartials(new Date(Date.now() - 60_000))).toBe(1);
    expect(await readdir(path.join(root, ".partial"))).toEqual(["young"]);
  });
});
