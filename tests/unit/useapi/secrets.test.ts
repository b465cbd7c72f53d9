import { describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/secrets/decrypt-secret";
import { encryptSecret } from "@/lib/secrets/encrypt-secret";

describe("secrets at rest (AES-256-GCM)", () => {
  it("round-trips, with a fresh IV each time, and never contains the plain text", () => {
    const token = "user:1234-abcdefGHIJKLmnop";
    const first = encryptSecret(token);
    const second = encryptSecret(token);
    expect(first).not.toBe(second);
    expect(first).not.toContain("abcdef");
    expect(decryptSecret(first)).toBe(token);
    expect(decryptSecret(second)).toBe(token);
  });

  it("refuses altered or foreign text with an error that says what to do", () => {
    const sealed = encryptSecret("user:1-secret");
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[3], "base64url");
    flipped[0] ^= 1;
    expect(() => decryptSecret([...parts.slice(0, 3), flipped.toString("base64url")].join("."))).toThrow(/SECRETS_KEY/);
    expect(() => decryptSecret("plain text")).toThrow(/not an encrypted secret/);
  });
});
