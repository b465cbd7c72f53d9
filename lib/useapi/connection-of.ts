import type { Account } from "@/lib/generated/prisma/client";
import { decryptSecret } from "@/lib/secrets/decrypt-secret";
import { UseapiError } from "./useapi-error";
import type { UseapiConnection } from "./useapi-request";

/** The token and Kling email of a useapi account; a token that cannot be decrypted counts as refused (401). */
export function connectionOf(account: Pick<Account, "email" | "useapiEmail" | "useapiTokenEnc">): UseapiConnection {
  try {
    return { token: decryptSecret(account.useapiTokenEnc ?? ""), email: account.useapiEmail ?? account.email };
  } catch (error) {
    throw new UseapiError(401, `the account's stored token cannot be used (${(error as Error).message})`);
  }
}
