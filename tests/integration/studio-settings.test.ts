/** Settings logic (lib/studio/settings and the token functions it reuses), on a real database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { createToken } from "@/lib/api/tokens/create-token";
import { ensureUser } from "@/lib/api/tokens/ensure-user";
import { listTokens } from "@/lib/api/tokens/list-tokens";
import { revokeToken } from "@/lib/api/tokens/revoke-token";
import { isSignupOpen } from "@/lib/auth/is-signup-open";
import { db } from "@/lib/db";
import { addAccount } from "@/lib/studio/settings/add-account";
import { getSignupEnabled } from "@/lib/studio/settings/get-signup-enabled";
import { getWebhookSecret } from "@/lib/studio/settings/get-webhook-secret";
import { removeAccount } from "@/lib/studio/settings/remove-account";
import { rotateWebhookSecret } from "@/lib/studio/settings/rotate-webhook-secret";
import { runStudioAction } from "@/lib/studio/run-studio-action";
import { setAccountMaxJobs } from "@/lib/studio/settings/set-account-max-jobs";
import { setSignupEnabled } from "@/lib/studio/settings/set-signup-enabled";
import { StudioError } from "@/lib/studio/studio-error";
import { type TestDatabase, startTestDatabase } from "./harness";

describe("settings", () => {
  let database: TestDatabase;
  let ownerId: number;
  let memberId: number;

  beforeAll(async () => {
    database = await startTestDatabase();
    ownerId = (await ensureUser({ email: "owner@example.com", defaultMaxJobs: 1 })).id;
    memberId = (await ensureUser({ email: "member@example.com", defaultMaxJobs: 1 })).id;
    await db.user.update({ where: { id: ownerId }, data: { role: "owner" } });
  });

  afterAll(() => database.stop());

  it("lets only the owner open and close sign-up", async () => {
    expect(await getSignupEnabled()).toBe(false);
    await expect(setSignupEnabled(memberId, true)).rejects.toThrow(new StudioError("Only the owner can change this."));
    await expect(setSignupEnabled(9_999, true)).rejects.toBeInstanceOf(StudioError);
    expect(await getSignupEnabled()).toBe(false);

    expect(await setSignupEnabled(ownerId, true)).toBe(true);
    expect(await isSignupOpen()).toEqual({ open: true, firstUser: false });
    expect(await setSignupEnabled(ownerId, false)).toBe(false);
    expect(await isSignupOpen()).toEqual({ open: false, firstUser: false });
    expect(await db.instanceSettings.findMany()).toEqual([expect.objectContaining({ id: 1, signupEnabled: false })]);
  });

  it("rotates the user's webhook secret, and only theirs", async () => {
    const before = await getWebhookSecret(ownerId);
    const memberBefore = await getWebhookSecret(memberId);
    const rotated = await rotateWebhookSecret(ownerId);
    expect(rotated).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated).not.toBe(before);
    expect(await getWebhookSecret(ownerId)).toBe(rotated);
    expect(await rotateWebhookSecret(ownerId)).not.toBe(rotated);
    expect(await getWebhookSecret(memberId)).toBe(memberBefore);
  });

  it("creates and revokes tokens per user", async () => {
    const created = await createToken({ userId: memberId, name: "ci" });
    expect((await listTokens(ownerId)).map((token) => token.id)).not.toContain(created.id);
    expect(await revokeToken({ id: created.id, userId: ownerId })).toBe(false);
    expect((await listTokens(memberId)).find((token) => token.id === created.id)?.revokedAt).toBeNull();
    expect(await revokeToken({ id: created.id, userId: memberId })).toBe(true);
    expect((await listTokens(memberId)).find((token) => token.id === created.id)?.revokedAt).toBeInstanceOf(Date);
  });

  it("adds accounts once, and keeps max jobs from 1 to 50", async () => {
    await addAccount(ownerId, { email: "render@example.com", maxJobs: 4 });
    await expect(addAccount(ownerId, { email: "render@example.com", maxJobs: 2 })).rejects.toThrow(/already an account render@example.com/);
    await addAccount(memberId, { email: "render@example.com", maxJobs: 1 }); // names are per user

    for (const maxJobs of [1, 50]) {
      await setAccountMaxJobs(ownerId, "render@example.com", maxJobs);
      expect((await db.account.findFirstOrThrow({ where: { userId: ownerId, email: "render@example.com" } })).maxJobs).toBe(maxJobs);
    }
    for (const maxJobs of [0, 51, 2.5, -1]) {
      await expect(setAccountMaxJobs(ownerId, "render@example.com", maxJobs)).rejects.toBeInstanceOf(z.ZodError);
    }
    await expect(setAccountMaxJobs(ownerId, "nobody@example.com", 3)).rejects.toBeInstanceOf(StudioError);
    expect((await db.account.findFirstOrThrow({ where: { userId: memberId, email: "render@example.com" } })).maxJobs).toBe(1);
  });

  it("deletes an account but never the last one, nor another user's", async () => {
    await expect(removeAccount(ownerId, "member@example.com")).rejects.toBeInstanceOf(ApiError);
    await removeAccount(ownerId, "render@example.com");
    expect((await db.account.findMany({ where: { userId: ownerId } })).map((account) => account.email)).toEqual(["owner@example.com"]);
    await expect(removeAccount(ownerId, "owner@example.com")).rejects.toThrow(
      "owner@example.com is your only account, and API requests need one. Add another account before deleting this one.",
    );
    expect(await db.account.count({ where: { userId: memberId } })).toBe(2);
  });

  it("turns refusals and invalid input into messages for the form, and rethrows the rest", async () => {
    expect(await runStudioAction(async () => 7)).toEqual({ ok: true, data: 7 });
    expect(await runStudioAction(() => setSignupEnabled(memberId, true))).toEqual({ ok: false, error: "Only the owner can change this." });
    const schema = z.object({ maxJobs: z.number().max(50, "must be at most 50") });
    expect(await runStudioAction(async () => schema.parse({ maxJobs: 80 }), { maxJobs: "Max jobs" })).toEqual({
      ok: false,
      error: "Max jobs must be at most 50.",
    });
    await expect(runStudioAction(async () => Promise.reject(new Error("database down")))).rejects.toThrow("database down");
  });
});
