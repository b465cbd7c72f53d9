import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { attemptSchedule, nextAttemptAt, retryDelayMs, WEBHOOK_RETRY_WINDOW_MS } from "@/lib/webhooks/backoff";
import { computeSignature, signPayload, verifySignature } from "@/lib/webhooks/sign-payload";

const secret = "whsec_test_3f9c";
const body = JSON.stringify({ task: { id: 7, status: 99 }, status: 99, replyRef: "order-42" });

describe("webhook signature", () => {
  it("is HMAC-SHA256 over `${timestamp}.${body}` in the header format t=<unix>,v1=<hex>", () => {
    const header = signPayload(secret, body, 1_764_000_000);
    const expected = createHmac("sha256", secret).update(`1764000000.${body}`).digest("hex");
    expect(header).toBe(`t=1764000000,v1=${expected}`);
    expect(computeSignature(secret, 1_764_000_000, body)).toBe(expected);
  });

  it("verifies a fresh signature", () => {
    const now = 1_764_000_000;
    expect(verifySignature(secret, signPayload(secret, body, now), body, { now: now + 10 })).toEqual({ ok: true, timestamp: now });
  });

  it("rejects a changed body, a changed timestamp, a wrong secret and a malformed header", () => {
    const now = 1_764_000_000;
    const header = signPayload(secret, body, now);
    expect(verifySignature(secret, header, body.replace("42", "43"), { now })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifySignature(secret, header.replace(`t=${now}`, `t=${now + 1}`), body, { now })).toEqual({ ok: false, reason: "mismatch" });
    expect(verifySignature("other-secret", header, body, { now })).toEqual({ ok: false, reason: "mismatch" });
    for (const bad of [undefined, "", "v1=abc", `t=${now}`, "t=abc,v1=00", "garbage"]) {
      expect(verifySignature(secret, bad, body, { now }).ok, String(bad)).toBe(false);
    }
    expect(verifySignature(secret, `t=${now},v1=zz`, body, { now })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("rejects a replay outside the tolerance", () => {
    const sent = 1_764_000_000;
    const header = signPayload(secret, body, sent);
    expect(verifySignature(secret, header, body, { now: sent + 301 })).toEqual({ ok: false, reason: "expired" });
    expect(verifySignature(secret, header, body, { now: sent + 299 }).ok).toBe(true);
  });

  it("accepts any one of several v1 signatures (secret rotation)", () => {
    const now = 1_764_000_000;
    const header = `t=${now},v1=${computeSignature("old", now, body)},v1=${computeSignature(secret, now, body)}`;
    expect(verifySignature(secret, header, body, { now }).ok).toBe(true);
  });
});

describe("webhook retry backoff", () => {
  it("doubles from 5 s up to 10 min, with at most ±10% jitter", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map((n) => retryDelayMs(n, mid) / 1000)).toEqual([5, 10, 20, 40, 80, 160, 320, 600, 600, 600]);
    expect(retryDelayMs(1, () => 0)).toBe(4500);
    expect(retryDelayMs(1, () => 1)).toBe(5500);
  });

  it("keeps retrying for at least 30 minutes, then abandons", () => {
    for (const random of [() => 0, () => 0.5, () => 0.999]) {
      const schedule = attemptSchedule(random);
      const last = schedule[schedule.length - 1];
      expect(last).toBeGreaterThanOrEqual(WEBHOOK_RETRY_WINDOW_MS);
      // The attempt before the last was still inside the window, so the last retry was owed.
      expect(schedule[schedule.length - 2]).toBeLessThan(WEBHOOK_RETRY_WINDOW_MS);
      // Gaps grow and never exceed 11 minutes.
      for (let i = 1; i < schedule.length; i++) expect(schedule[i] - schedule[i - 1]).toBeLessThanOrEqual(11 * 60 * 1000);
    }
    const schedule = attemptSchedule();
    expect(schedule.length).toBe(10);
    expect(schedule.map((ms) => Math.round(ms / 1000))).toEqual([0, 5, 15, 35, 75, 155, 315, 635, 1235, 1835]);
  });

  it("abandons when a failure comes 30 minutes or more after the first attempt", () => {
    const first = new Date("2026-01-01T00:00:00Z");
    expect(nextAttemptAt(first, new Date(first.getTime() + WEBHOOK_RETRY_WINDOW_MS - 1), 9, () => 0.5)).toBeInstanceOf(Date);
    expect(nextAttemptAt(first, new Date(first.getTime() + WEBHOOK_RETRY_WINDOW_MS), 10)).toBeNull();
  });
});
