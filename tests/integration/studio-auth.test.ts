/** Browser sign-in: first run, closed and open sign-up, hashed passwords, and the session cookie on the API. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_SPEECH } from "../api/helpers";
import { readFileSync } from "node:fs";
import http from "node:http";
import { type Stack, signUp, startStack } from "./harness";

describe("studio sign-in", () => {
  let stack: Stack;
  let owner: { cookie: string; userId: number };

  beforeAll(async () => {
    stack = await startStack({ workers: 0 });
  });

  afterAll(() => stack?.stop());

  it("sends the first visit to the owner setup", async () => {
    const response = await fetch(`${stack.baseUrl}/`, { redirect: "manual" });
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toMatch(/\/setup$/);
  });

  it("makes the first sign-up the owner, with a hashed password, a webhook secret and a default account", async () => {
    const result = await signUp(stack.baseUrl, { email: "Owner@Example.com", password: "owner password 123" });
    expect(result.status).toBe(200);
    owner = result;
    const user = await stack.db.user.findUniqueOrThrow({ where: { id: owner.userId }, include: { logins: true, accounts: true } });
    expect(user).toMatchObject({ email: "owner@example.com", role: "owner" });
    expect(user.webhookSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(user.accounts.map((account) => account.email)).toEqual(["owner@example.com"]);
    expect(user.logins).toHaveLength(1);
    expect(user.logins[0].password).not.toContain("owner password 123");
    expect(user.logins[0].password!.length).toBeGreaterThan(40);
    const setup = await fetch(`${stack.baseUrl}/setup`, { redirect: "manual" });
    expect(setup.headers.get("location")).toMatch(/\/sign-in$/);
  });

  it("refuses further sign-ups until the owner opens them", async () => {
    const closed = await signUp(stack.baseUrl, { email: "second@example.com" });
    expect(closed.status).toBe(403);
    expect(await stack.db.user.count({ where: { email: "second@example.com" } })).toBe(0);

    await stack.db.instanceSettings.upsert({ where: { id: 1 }, create: { signupEnabled: true }, update: { signupEnabled: true } });
    const open = await signUp(stack.baseUrl, { email: "second@example.com" });
    expect(open.status).toBe(200);
    expect(await stack.db.user.findUniqueOrThrow({ where: { id: open.userId } })).toMatchObject({ role: "member" });
    await stack.db.instanceSettings.update({ where: { id: 1 }, data: { signupEnabled: false } });
  });

  it("refuses auth requests a signed-in browser makes from another site", async () => {
    const response = await fetch(`${stack.baseUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: "https://evil.example", Cookie: owner.cookie },
      body: JSON.stringify({ email: "owner@example.com", password: "owner password 123" }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("lets the session cookie read the API, and write only from our own origin", async () => {
    const accounts = await fetch(`${stack.baseUrl}/v1/kling/accounts`, { headers: { Cookie: owner.cookie } });
    expect(accounts.status).toBe(200);
    expect(Object.keys(await accounts.json())).toEqual(["owner@example.com"]);

    const upload = (origin?: string) =>
      fetch(`${stack.baseUrl}/v1/kling/assets?name=speech.wav`, {
        method: "POST",
        headers: { Cookie: owner.cookie, ...(origin ? { Origin: origin } : {}) },
        body: readFileSync(FIXTURE_SPEECH),
      });
    expect((await upload()).status).toBe(401);
    expect((await upload("https://evil.example")).status).toBe(401);
    const accepted = await upload(stack.baseUrl);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ type: "audio", format: "wav" });

    expect((await fetch(`${stack.baseUrl}/v1/kling/accounts`, { headers: { Cookie: "better-auth.session_token=forged.value" } })).status).toBe(401);
  });

  it("signs in and uploads from a LAN name of this machine (Origin matches the Host), not from another site sending that Host", async () => {
    // studio.lan is this server by another name (PUBLIC_BASE_URL is loopback here, so links follow the Host).
    const { port } = new URL(stack.baseUrl);
    const lan = `studio.lan:${port}`;
    const post = (path: string, origin: string, body: Buffer | string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; cookies: string[] }>((resolve, reject) => {
        const request = http.request({ host: "127.0.0.1", port, path, method: "POST", headers: { Host: lan, Origin: origin, ...headers } }, (response) => {
          response.resume();
          response.on("end", () => resolve({ status: response.statusCode!, cookies: response.headers["set-cookie"] ?? [] }));
        });
        request.on("error", reject);
        request.end(body);
      });
    const credentials = JSON.stringify({ email: "owner@example.com", password: "owner password 123" });
    const json = { "Content-Type": "application/json" };

    const signedIn = await post("/api/auth/sign-in/email", `http://${lan}`, credentials, json);
    expect(signedIn.status).toBe(200);
    expect(signedIn.cookies.join(";")).toContain("session_token=");
    const forged = await post("/api/auth/sign-in/email", "https://evil.example", credentials, json);
    expect(forged.status).toBe(403);
    expect(forged.cookies).toEqual([]);

    const speech = readFileSync(FIXTURE_SPEECH);
    expect((await post("/v1/kling/assets?name=speech.wav", `http://${lan}`, speech, { Cookie: owner.cookie })).status).toBe(200);
    expect((await post("/v1/kling/assets?name=speech.wav", "https://evil.example", speech, { Cookie: owner.cookie })).status).toBe(401);
  });
});
