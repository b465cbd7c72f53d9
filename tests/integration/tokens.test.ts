import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "@/lib/api/tokens/create-token";
import { ensureUser } from "@/lib/api/tokens/ensure-user";
import { generateToken } from "@/lib/api/tokens/generate-token";
import { listTokens } from "@/lib/api/tokens/list-tokens";
import { revokeToken } from "@/lib/api/tokens/revoke-token";
import { VERIFIED_TOKEN_TTL_MS } from "@/lib/api/tokens/verified-token-cache";
import { verifyToken } from "@/lib/api/tokens/verify-token";
import { db } from "@/lib/db";
import { type TestDatabase, startTestDatabase } from "./harness";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("API tokens", () => {
  let database: TestDatabase;
  let userId: number;

  beforeAll(async () => {
    database = await startTestDatabase();
    userId = (await ensureUser({ email: "Owner@Example.com", defaultMaxJobs: 3 })).id;
  });

  afterAll(() => database.stop());

  it("generates lss_ + 43 base62 characters, never twice the same", () => {
    const tokens = Array.from({ length: 500 }, generateToken);
    for (const token of tokens) expect(token).toMatch(/^lss_[0-9A-Za-z]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("stores only the SHA-256 of a new token and a 12-character prefix", async () => {
    const created = await createToken({ userId, name: "ci" });
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ userId, name: "ci", hashedKey: sha256(created.token), prefix: created.token.slice(0, 12) });
    const secretPart = created.token.slice(12);
    expect(JSON.stringify(row)).not.toContain(secretPart);
    expect(created.prefix).toBe(row.prefix);
  });

  it("verifies a token to its user, and records its use at most once a minute", async () => {
    const { id, token } = await createToken({ userId, name: "verify" });
    expect(await verifyToken(token)).toEqual({ userId, tokenId: id });
    const firstUse = (await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(firstUse).toBeInstanceOf(Date);

    await verifyToken(token);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(firstUse);

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db.apiToken.update({ where: { id }, data: { lastUsedAt: twoMinutesAgo } });
    // A verified token is not looked up again (nor its use recorded) for VERIFIED_TOKEN_TTL_MS.
    await new Promise((resolve) => setTimeout(resolve, VERIFIED_TOKEN_TTL_MS + 50));
    await verifyToken(token);
    const later = (await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt!;
    expect(later.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
  });

  it("refuses unknown, altered and malformed tokens", async () => {
    const { token } = await createToken({ userId, name: "altered" });
    const last = token.at(-1) === "a" ? "b" : "a";
    expect(await verifyToken(token.slice(0, -1) + last)).toBeNull();
    expect(await verifyToken(generateToken())).toBeNull();
    for (const bad of ["", "lss_", token.slice(4), `${token}x`, `Bearer ${token}`, token.replace("lss_", "lsx_")]) {
      expect(await verifyToken(bad)).toBeNull();
    }
  });

  it("refuses a revoked token; revoking twice or as another user does nothing", async () => {
    const { id, token } = await createToken({ userId, name: "revoked" });
    const other = await ensureUser({ email: "other@example.com", defaultMaxJobs: 1 });
    expect(await revokeToken({ id, userId: other.id })).toBe(false);
    expect(await verifyToken(token)).not.toBeNull();

    expect(await revokeToken({ id, userId })).toBe(true);
    expect(await verifyToken(token)).toBeNull();
    expect(await revokeToken({ id })).toBe(false);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).toBeInstanceOf(Date);
  });

  it("refuses a token revoked by another process within VERIFIED_TOKEN_TTL_MS (the in-process cache's bound)", async () => {
    const { id, token } = await createToken({ userId, name: "revoked elsewhere" });
    expect(await verifyToken(token)).not.toBeNull();
    // Another web server or `npm run token -- revoke` writes the row; this process's cache does not know.
    await db.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await new Promise((resolve) => setTimeout(resolve, VERIFIED_TOKEN_TTL_MS + 50));
    expect(await verifyToken(token)).toBeNull();
  });

  it("lists a user's tokens newest first, without hashes", async () => {
    const tokens = await listTokens(userId);
    expect(tokens.map((token) => token.name)).toEqual(["revoked elsewhere", "revoked", "altered", "verify", "ci"]);
    for (const token of tokens) expect(Object.keys(token).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "prefix", "revokedAt"]);
  });

  it("creates a user once, lower-cased, with one default account", async () => {
    const again = await ensureUser({ email: "OWNER@example.com", defaultMaxJobs: 7 });
    expect(again).toMatchObject({ id: userId, email: "owner@example.com", created: false, webhookSecret: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const accounts = await db.account.findMany({ where: { userId } });
    expect(accounts).toEqual([expect.objectContaining({ email: "owner@example.com", maxJobs: 3 })]);
  });
});
