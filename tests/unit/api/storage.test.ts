/**
 * Both storage backends against the same expectations: LocalStorage in a temp folder, and
 * S3Storage against a real S3-protocol server (s3rver, started here). Local-only details (the
 * .partial folder) are checked apart.
 */
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LocalStorage, S3Storage, type Storage, StorageKeyError, StorageSizeLimitError } from "@/lib/storage";
import { type S3Server, startS3Server } from "@/tests/integration/harness/s3-server";

let root: string;
let s3: S3Server;

beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(() => s3?.stop());
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "storage-"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

function s3Storage(presignSeconds?: number): S3Storage {
  return new S3Storage({
    bucket: s3.bucket,
    client: { endpoint: s3.endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } },
    presignSeconds,
  });
}

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

/** `count` chunks of 1 MiB, each filled with its index. */
function mebibytes(count: number, fail?: Error): Readable {
  return Readable.from(
    (async function* () {
      for (let i = 0; i < count; i++) yield Buffer.alloc(1024 * 1024, i);
      if (fail) throw fail;
    })(),
  );
}

const backends: Array<[string, () => Storage]> = [
  ["LocalStorage", () => new LocalStorage(root)],
  ["S3Storage", () => s3Storage()],
];

describe.each(backends)("%s", (_name, make) => {
  let storage: Storage;
  let prefix: string;
  beforeEach(() => {
    storage = make();
    prefix = `t${Date.now()}${Math.random().toString(36).slice(2, 8)}`; // one bucket for every S3 test
  });

  it("streams an object in, reads it whole and by inclusive range, then deletes it", async () => {
    const key = `${prefix}/a1`;
    expect(await storage.put(key, Readable.from([Buffer.from("hello "), Buffer.from("world")]))).toEqual({ size: 11 });
    expect(await text(storage.read(key))).toBe("hello world");
    expect(await text(storage.read(key, { start: 6, end: 10 }))).toBe("world");
    expect((await storage.stat(key))?.size).toBe(11);
    await storage.delete(key);
    expect(await storage.stat(key)).toBeNull();
    await storage.delete(key); // missing: no error
  });

  it("accepts a web ReadableStream, and replaces an object written again", async () => {
    await storage.put(`${prefix}/w`, new Blob(["web"]).stream());
    await storage.put(`${prefix}/w`, new Blob(["again"]).stream());
    expect(await text(storage.read(`${prefix}/w`))).toBe("again");
  });

  it("streams a large object in (multipart on S3) and reads a range across its parts", async () => {
    const key = `${prefix}/big`;
    expect(await storage.put(key, mebibytes(12))).toEqual({ size: 12 * 1024 * 1024 });
    const start = 5 * 1024 * 1024 - 2;
    const bytes = Buffer.from(await text(storage.read(key, { start, end: start + 3 })), "latin1");
    expect([...bytes]).toEqual([4, 4, 5, 5]);
  });

  it("stops past maxBytes and keeps nothing, also past the first multipart part", async () => {
    for (const [count, maxBytes] of [[1, 10_000], [12, 11 * 1024 * 1024]]) {
      const key = `${prefix}/over-${count}`;
      await expect(storage.put(key, mebibytes(count), { maxBytes })).rejects.toBeInstanceOf(StorageSizeLimitError);
      expect(await storage.stat(key)).toBeNull();
    }
  });

  it("keeps nothing when the source fails midway or the write is aborted", async () => {
    await expect(storage.put(`${prefix}/x`, mebibytes(7, new Error("connection reset")))).rejects.toThrow("connection reset");
    expect(await storage.stat(`${prefix}/x`)).toBeNull();
    const abort = new AbortController();
    const slow = Readable.from(
      (async function* () {
        yield Buffer.alloc(1024 * 1024);
        abort.abort();
        yield Buffer.alloc(1024 * 1024);
      })(),
    );
    await expect(storage.put(`${prefix}/y`, slow, { signal: abort.signal })).rejects.toThrow(/abort/i);
    expect(await storage.stat(`${prefix}/y`)).toBeNull();
  });

  it("moves or copies a local file in, and hands out a local file of an object", async () => {
    const file = path.join(root, "src.bin");
    await writeFile(file, "result");
    expect(await storage.putFile(`${prefix}/r`, file, { move: true })).toEqual({ size: 6 });
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
    const local = await storage.localFile(`${prefix}/r`, path.join(root, "scratch"));
    expect(await readFile(local, "utf8")).toBe("result");
  });

  it("lists a folder's objects with their times", async () => {
    await storage.put(`${prefix}/one`, Readable.from([Buffer.from("1")]));
    await storage.put(`${prefix}/two`, Readable.from([Buffer.from("2")]));
    await storage.put(`${prefix}-other/three`, Readable.from([Buffer.from("3")]));
    expect(await storage.list(`${prefix}-none/`)).toEqual([]);
    const listed = await storage.list(`${prefix}/`);
    expect(listed.map((item) => item.key).sort()).toEqual([`${prefix}/one`, `${prefix}/two`]);
    expect(listed.every((item) => item.modifiedAt.getTime() > Date.now() - 60_000)).toBe(true);
  });

  it.each(["", "/etc/passwd", "../x", "a/../../x", "a//b", ".hidden", "a/./b", "a\\b", "é", "a b", "x/..", "a\0b"])(
    "refuses the key %j",
    async (key) => {
      expect(() => storage.read(key)).toThrow(StorageKeyError);
      await expect(storage.put(key, Readable.from([]))).rejects.toBeInstanceOf(StorageKeyError);
      await expect(storage.stat(key)).rejects.toBeInstanceOf(StorageKeyError);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(StorageKeyError);
    },
  );
});

describe("downloads", () => {
  const response = { contentType: "video/mp4", contentDisposition: "attachment; filename*=UTF-8''r%C3%A9sult.mp4", cacheControl: "private, no-store" };

  it("go through the server with local storage and S3 by default", async () => {
    for (const storage of [new LocalStorage(root), s3Storage()] as Storage[]) expect(await storage.downloadUrl("assets/a", response)).toBeNull();
  });

  it("with presigning, are a short-lived URL of the bucket that answers ranges with our headers", async () => {
    const storage = s3Storage(120);
    await storage.put("presigned/a", Readable.from([Buffer.from("0123456789")]));
    const url = await storage.downloadUrl("presigned/a", response);
    expect(url).toMatch(new RegExp(`^${s3.endpoint}/${s3.bucket}/presigned/a\\?.*X-Amz-Expires=120`));
    const answer = await fetch(url!, { headers: { Range: "bytes=2-5" } });
    expect(answer.status).toBe(206);
    expect(await answer.text()).toBe("2345");
    expect(answer.headers.get("content-type")).toBe("video/mp4");
    expect(answer.headers.get("content-disposition")).toBe(response.contentDisposition);
    // s3rver does not check presigned signatures (AWS, MinIO and R2 do): only their presence is checked here.
    expect(new URL(url!).searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("LocalStorage partial files", () => {
  it("leaves no partial file when the source fails, even before the file is open", async () => {
    const storage = new LocalStorage(root);
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
    await expect(storage.put("big", mebibytes(2), { maxBytes: 10_000 })).rejects.toBeInstanceOf(StorageSizeLimitError);
    expect(await readdir(path.join(root, ".partial"))).toEqual([]);
  });

  it("removes only partial writes older than the cut-off", async () => {
    const storage = new LocalStorage(root);
    await storage.put("assets/one", Readable.from([Buffer.from("1")]));
    await writeFile(path.join(root, ".partial", "old"), "left by a killed process");
    await utimes(path.join(root, ".partial", "old"), new Date(0), new Date(0));
    await writeFile(path.join(root, ".partial", "young"), "a write in progress");
    expect(await storage.removeStalePartials(new Date(Date.now() - 60_000))).toBe(1);
    expect(await readdir(path.join(root, ".partial"))).toEqual(["young"]);
  });
});

describe("S3Storage partial writes", () => {
  it("has none to remove on a server that cannot list multipart uploads (s3rver)", async () => {
    expect(await s3Storage().removeStalePartials(new Date())).toBe(0);
  });
});
