import { createHmac, timingSafeEqual } from "node:crypto";

/** Header that carries the signature of a webhook delivery. */
export const SIGNATURE_HEADER = "X-Lipsync-Signature";

/** hex HMAC-SHA256 of `${timestamp}.${body}` under the user's webhook secret. */
export function computeSignature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The X-Lipsync-Signature value for `body` sent at `timestamp` (Unix seconds): `t=<unix>,v1=<hex>`. */
export function signPayload(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, body)}`;
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: "malformed" | "mismatch" | "expired" };

/**
 * Verifies an X-Lipsync-Signature header against the raw body, as a receiver should (see
 * docs/webhooks.md): the HMAC must match in constant time and the timestamp must be within
 * `toleranceSeconds` of now, so a captured delivery cannot be replayed later.
 */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  options: { toleranceSeconds?: number; now?: number } = {},
): SignatureCheck {
  const { toleranceSeconds = 300, now = Math.floor(Date.now() / 1000) } = options;
  const parts = new Map<string, string[]>();
  for (const item of (header ?? "").split(",")) {
    const [key, ...rest] = item.trim().split("=");
    if (!key || rest.length === 0) continue;
    parts.set(key, [...(parts.get(key) ?? []), rest.join("=")]);
  }
  const timestampText = parts.get("t")?.[0];
  const signatures = parts.get("v1") ?? [];
  if (!timestampText || !/^\d+$/.test(timestampText) || signatures.length === 0) return { ok: false, reason: "malformed" };
  const timestamp = Number(timestampText);
  const expected = Buffer.from(computeSignature(secret, timestamp, body), "hex");
  const matches = signatures.some((hex) => {
    const given = Buffer.from(hex, "hex");
    return /^[0-9a-f]+$/i.test(hex) && given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return { ok: false, reason: "mismatch" };
  if (Math.abs(now - timestamp) > toleranceSeconds) return { ok: false, reason: "expired" };
  return { ok: true, timestamp };
}
