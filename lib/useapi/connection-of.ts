import type { Account } from "@/lib/generated/prisma/client";
import { decryptSecret } from "@/lib/secrets/decrypt-secret";
import type { UseapiConnection } from "./useapi-request";

/** The token and Kling email of a useapi account. */
export function connectionOf(account: Pick<Account, "email" | "useapiEmail" | "useapiTokenEnc">): UseapiConnection {
  if (!account.useapiTokenEnc) throw new Error(`account ${account.email} has no useapi.net token`);
  return { token: decryptSecret(account.useapiTokenEnc), email: account.useapiEmail ?? account.email };
}
