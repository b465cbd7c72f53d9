import { createDecipheriv } from "node:crypto";
import { secretsKey } from "./secrets-key";

/** Reads what encryptSecret wrote; throws when the key changed or the text was altered. */
export function decryptSecret(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("not an encrypted secret");
  try {
    const decipher = createDecipheriv("aes-256-gcm", secretsKey(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("the stored secret cannot be decrypted: SECRETS_KEY (or DATA_DIR/secrets-key) is not the one it was saved with");
  }
}
