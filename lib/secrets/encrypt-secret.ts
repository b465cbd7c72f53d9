import { createCipheriv, randomBytes } from "node:crypto";
import { secretsKey } from "./secrets-key";

/** AES-256-GCM: "v1.<iv>.<tag>.<ciphertext>", each part base64url. */
export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretsKey(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}
