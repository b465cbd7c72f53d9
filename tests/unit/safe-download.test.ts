import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, type Server, type ServerResponse } from "node:http";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DownloadError, safeDownload } from "@/lib/net/safe-download";

let server: Server;
let base: string;
let dir: string;
const payload = Buffer.alloc(64 * 1024, 7);

function handle(url: URL, res: ServerResponse): void {
  const hops = Number(url.searchParams.get("hops") ?? 0);
  switch (url.pathname) {
    case "/file.bin":
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": payload.length });
      res.end(payload);
      return;
    case "/chunked":
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.write(payload);
      res.end(payload);
      return;
    case "/missing":
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not here");
      return;
    case "/short": {
      // Announces more than it sends, then drops the connection.
      res.writeHead(200, { "content-length": payload.length * 2 });
      res.write(payload, () => res.socket?.destroy());
      return;
    }
    case "/long": {
      // Announces less than it sends.
      const socket = res.socket!;
      res.detachSocket(socket);
      socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 10\r\nconnection: close\r\n\r\n${"x".repeat(5000)}`);
      socket.end();
      return;
    }
    case "/stall":
      res.writeHead(200, { "content-length": 100 });
      res.write("partial");
      return; // never ends
    case "/redirect":
      res.writeHead(302, { location: hops > 0 ? `/redirect?hops=${hops - 1}` : "/file.bin" });
      res.end();
      return;
    case "/to":
      res.writeHead(307, { location: url.searchParams.get("target")! });
      res.end();
      return;
    default:
      res.writeHead(500);
      res.end();
  }
}

beforeAll(async () => {
  server = createServer((req, res) => handle(new URL(req.url!, "http://x"), res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(path.join(os.tmpdir(), "safe-download-"));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  for (const name of await readdir(dir)) await rm(path.join(dir, name), { force: true });
});

const local = { allowPrivate: true, maxBytes: 1024 * 1024, timeoutMs: 10_000 };

async function failure(url: string, options: Partial<Parameters<typeof safeDownload>[2]> = {}): Promise<DownloadError> {
  const target = path.join(dir, "out.bin");
  const error = await safeDownload(url, target, { ...local, ...options }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DownloadError);
  // Nothing is left behind: no target, no partial file.
  expect(await readdir(dir)).toEqual([]);
  return error as DownloadError;
}

describe("safeDownload", () => {
  it("downloads a file, following redirects", async () => {
    const target = path.join(dir, "out.bin");
    const result = await safeDownload(`${base}/redirect?hops=4`, target, local);
    expect(result.size).toBe(payload.length);
    expect(result.finalUrl).toBe(`${base}/file.bin`);
    expect(await readFile(target)).toEqual(payload);
    expect(await readdir(dir)).toEqual(["out.bin"]);
  });

  it("refuses loopback URLs unless private addresses are allowed", async () => {
    const error = await failure(`${base}/file.bin`, { allowPrivate: false });
    expect(error.code).toBe("URL_REFUSED");
    expect(error.message).toContain("loopback");
  });

  it("fails on a non-2xx answer with the status", async () => {
    const error = await failure(`${base}/missing`);
    expect(error.code).toBe("HTTP_STATUS");
    expect(error.statusCode).toBe(404);
    expect(error.message).toBe("the server answered 404 Not Found");
  });

  it("refuses a Content-Length over the limit before reading", async () => {
    const error = await failure(`${base}/file.bin`, { maxBytes: 1000 });
    expect(error.code).toBe("TOO_LARGE");
    expect(error.message).toContain("over the limit of 1000 bytes");
  });

  it("aborts a body without Content-Length once it passes the limit, deleting the partial file", async () => {
    const error = await failure(`${base}/chunked`, { maxBytes: payload.length + 10 });
    expect(error.code).toBe("TOO_LARGE");
  });

  it("fails when the body is shorter or longer than its Content-Length, deleting the partial file", async () => {
    const short = await failure(`${base}/short`);
    expect(short.code).toMatch(/LENGTH_MISMATCH|NETWORK/);
    const long = await failure(`${base}/long`);
    expect(long.code).toBe("LENGTH_MISMATCH");
    expect(long.message).toContain("more than the 10 bytes");
  });

  it("gives up after the time limit", async () => {
    const error = await failure(`${base}/stall`, { timeoutMs: 500 });
    expect(error.code).toBe("TIMEOUT");
  });

  it("gives up when the server goes silent", async () => {
    const error = await failure(`${base}/stall`, { idleTimeoutMs: 300 });
    expect(error.code).toBe("TIMEOUT");
    expect(error.message).toContain("stopped responding");
  });

  it("follows at most 5 redirects", async () => {
    await expect(safeDownload(`${base}/redirect?hops=4`, path.join(dir, "ok.bin"), local)).resolves.toBeTruthy();
    await rm(path.join(dir, "ok.bin"));
    expect((await failure(`${base}/redirect?hops=5`)).code).toBe("TOO_MANY_REDIRECTS");
  });

  it("checks every redirect target: metadata addresses and other schemes are refused", async () => {
    for (const target of ["http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/", "file:///etc/passwd", "ftp://example.com/a"]) {
      const error = await failure(`${base}/to?target=${encodeURIComponent(target)}`);
      expect(error.code, `${target}: ${error.message}`).toBe("URL_REFUSED");
    }
  });

  it("refuses a redirect from a public host to 127.0.0.1, a private range or 169.254.169.254", async () => {
    // files.example.com "resolves" to a public address; its socket is wired to the test server.
    const resolve = async (host: string) => {
      if (host === "files.example.com") return [{ address: "93.184.216.34", family: 4 as const }];
      if (host === "rebind.example.com") return [{ address: "127.0.0.1", family: 4 as const }];
      throw Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" });
    };
    const port = (server.address() as AddressInfo).port;
    const createConnection = (url: URL) => {
      expect(url.hostname).toBe("files.example.com");
      return net.connect(port, "127.0.0.1");
    };
    const options = { allowPrivate: false, resolve, createConnection };
    const cases = [
      ["http://127.0.0.1/secret", "loopback"],
      ["http://10.0.0.5/internal", "private network"],
      ["http://192.168.1.1/router", "private network"],
      ["http://169.254.169.254/latest/meta-data/", "metadata"],
      ["http://[::ffff:127.0.0.1]/", "loopback"],
      ["http://rebind.example.com/", "rebind.example.com (127.0.0.1)"],
    ];
    for (const [target, words] of cases) {
      const error = await failure(`http://files.example.com/to?target=${encodeURIComponent(target)}`, options);
      expect(error.code, `${target}: ${error.message}`).toBe("URL_REFUSED");
      expect(error.message).toContain(words);
    }
    // The same host without a redirect downloads fine: only the redirect target was refused.
    await expect(safeDownload("http://files.example.com/file.bin", path.join(dir, "ok.bin"), { ...local, ...options })).resolves.toBeTruthy();
  });

  it("reports a cancelled download as CANCELLED", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const error = await failure(`${base}/stall`, { signal: controller.signal });
    expect(error.code).toBe("CANCELLED");
  });
});
