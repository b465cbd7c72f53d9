import { ApiError } from "@/lib/api/errors";
import { encryptSecret } from "@/lib/secrets/encrypt-secret";
import { UseapiCheckError, verifyUseapiAccount } from "@/lib/useapi/verify-useapi-account";

export interface UseapiAccountFields {
  provider: "useapi";
  useapiEmail: string;
  useapiTokenEnc: string;
  useapiTokenLast4: string;
}

/**
 * Checks a useapi.net token and Kling email with useapi.net, then returns the account's columns
 * with the token encrypted. A wrong token or email answers 400, a missing subscription 402,
 * useapi.net out of reach 502.
 */
export async function useapiAccountFields(token: string, klingEmail: string): Promise<{ fields: UseapiAccountFields; summary: string }> {
  let summary: string;
  try {
    summary = await verifyUseapiAccount(token, klingEmail);
  } catch (error) {
    if (!(error instanceof UseapiCheckError)) throw error;
    throw new ApiError(error.status === 402 ? "payment_required" : error.status === 502 ? "bad_gateway" : "bad_request", error.message);
  }
  return {
    fields: { provider: "useapi", useapiEmail: klingEmail, useapiTokenEnc: encryptSecret(token), useapiTokenLast4: token.slice(-4) },
    summary,
  };
}
