import { createHmac, timingSafeEqual } from "node:crypto";
import { getAuthSecret } from "@/lib/auth/auth-secret";

let key: Buffer | undefined;

/** What a signed asset URL vouches for: this asset of this task, at this link version, until then. */
export type SignedAssetClaim = { assetId: string; taskId: number; linkVersion: number; expires: number };

/** HMAC-SHA256 (base64url) of the claim, with a key derived from AUTH_SECRET (or DATA_DIR/auth-secret). */
export function assetUrlSignature(claim: SignedAssetClaim): string {
  key ??= createHmac("sha256", getAuthSecret()).update("lipsync-studio signed asset URL v1").digest();
  return createHmac("sha256", key)
    .update(`${claim.assetId}\n${claim.taskId}\n${claim.linkVersion}\n${claim.expires}`)
    .digest("base64url");
}

/** Constant-time comparison of a signature from a URL with the expected one. */
export function signatureMatches(given: string, claim: SignedAssetClaim): boolean {
  const expected = Buffer.from(assetUrlSignature(claim));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
