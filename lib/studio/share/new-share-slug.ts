import { randomBytes } from "node:crypto";

/** A fresh unguessable share slug: 16 random bytes (128 bits) as 22 base64url characters. */
export function newShareSlug(): string {
  return randomBytes(16).toString("base64url");
}
