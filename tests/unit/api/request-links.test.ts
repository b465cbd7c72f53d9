import { hostname } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { isOwnOrigin } from "@/lib/api/assets/is-own-origin";
import { baseUrlFromHeaders } from "@/lib/api/base-url-from-headers";
import { env } from "@/lib/env";
import { isLoopbackHost } from "@/lib/net/is-loopback-host";

const saved = { PUBLIC_BASE_URL: env.PUBLIC_BASE_URL, TRUST_PROXY: env.TRUST_PROXY, PORT: env.PORT };
afterEach(() => Object.assign(env, saved));

function headers(values: Record<string, string>): Headers {
  return new Headers(values);
}

describe("isLoopbackHost", () => {
  it.each(["localhost", "app.localhost", "127.0.0.1", "127.8.9.10", "[::1]", "::1", "[::ffff:7f00:1]"])("%s is this machine only", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(["192.168.1.20", "studio.lan", "localhost.example.com", "128.0.0.1", "[fd00::2]", "example.com"])("%s is reachable from elsewhere", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe("baseUrlFromHeaders", () => {
  it("uses a PUBLIC_BASE_URL others can reach, whatever the request says", () => {
    env.PUBLIC_BASE_URL = "https://lipsync.example.com/studio";
    expect(baseUrlFromHeaders(headers({ host: "192.168.1.20:3000" }))).toBe("https://lipsync.example.com/studio");
  });

  it("uses the request's Host when PUBLIC_BASE_URL is unset or loopback, keeping its path prefix", () => {
    env.PUBLIC_BASE_URL = undefined;
    expect(baseUrlFromHeaders(headers({ host: "192.168.1.20:3000" }))).toBe("http://192.168.1.20:3000");
    env.PUBLIC_BASE_URL = "http://localhost:3000/studio";
    expect(baseUrlFromHeaders(headers({ host: "Studio.LAN:3000" }))).toBe("http://studio.lan:3000/studio");
  });

  it("follows X-Forwarded-Host and -Proto only with TRUST_PROXY", () => {
    env.PUBLIC_BASE_URL = undefined;
    const proxied = headers({ host: "127.0.0.1:3000", "x-forwarded-host": "lipsync.example.com, proxy.internal", "x-forwarded-proto": "https" });
    env.TRUST_PROXY = false;
    expect(baseUrlFromHeaders(proxied)).toBe("http://127.0.0.1:3000");
    env.TRUST_PROXY = true;
    expect(baseUrlFromHeaders(proxied)).toBe("https://lipsync.example.com");
  });

  it("falls back to the default for a missing or forged Host", () => {
    env.PUBLIC_BASE_URL = undefined;
    env.PORT = 3000;
    for (const host of ["", "evil.example/path", "a b", 'x"><script>', "user@host", "[::1"]) {
      expect(baseUrlFromHeaders(headers(host ? { host } : {}))).toBe("http://localhost:3000");
    }
  });
});

describe("isOwnOrigin", () => {
  it("knows this server by the request's origin, PUBLIC_BASE_URL's, and this machine's names on PORT", async () => {
    env.PORT = 3000;
    env.PUBLIC_BASE_URL = "https://lipsync.example.com";
    const request = "http://192.0.2.77:8080";
    expect(await isOwnOrigin(new URL("http://192.0.2.77:8080/v1/kling/assets/a/b.mp4"), request)).toBe(true);
    expect(await isOwnOrigin(new URL("https://lipsync.example.com/x"), request)).toBe(true);
    expect(await isOwnOrigin(new URL("http://localhost:3000/x"), request)).toBe(true);
    expect(await isOwnOrigin(new URL("http://127.0.0.1:3000/x"), request)).toBe(true);
    expect(await isOwnOrigin(new URL("http://[::1]:3000/x"), request)).toBe(true);
    expect(await isOwnOrigin(new URL(`http://${hostname()}:3000/x`), request)).toBe(true);
  });

  it("does not claim other ports, other machines or other schemes", async () => {
    env.PORT = 3000;
    env.PUBLIC_BASE_URL = undefined;
    const request = "http://localhost:3000";
    expect(await isOwnOrigin(new URL("http://127.0.0.1:5432/x"), request)).toBe(false);
    expect(await isOwnOrigin(new URL("http://10.255.255.1:3000/x"), request)).toBe(false);
    expect(await isOwnOrigin(new URL("http://lipsync.example.com:3000/x"), request)).toBe(false);
    expect(await isOwnOrigin(new URL("ftp://localhost:3000/x"), request)).toBe(false);
  });
});
