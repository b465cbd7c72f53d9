import { randomBytes } from "node:crypto";

/** A fresh unguessable asset id (22 URL-safe characters, 128 bits). */
export function newAssetId(): string {
  return randomBytes(16).toString("base64url");
}
