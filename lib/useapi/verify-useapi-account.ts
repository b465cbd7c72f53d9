import { getUseapiAccount } from "./get-useapi-account";
import { listKlingAccounts } from "./list-kling-accounts";
import { UseapiError } from "./useapi-error";

/** Why a token or Kling email cannot be used: `status` is the answer to give (400, 402 or 502). */
export class UseapiCheckError extends Error {
  readonly status: 400 | 402 | 502;
  constructor(status: 400 | 402 | 502, message: string) {
    super(message);
    this.name = "UseapiCheckError";
    this.status = status;
  }
}

/**
 * Checks a useapi.net token and Kling email at once: GET /v2/account (the token), then the Kling
 * accounts list (the email must be configured there). Returns a one-line summary of what was found.
 */
export async function verifyUseapiAccount(token: string, klingEmail: string): Promise<string> {
  try {
    await getUseapiAccount(token);
    const emails = await listKlingAccounts(token).catch((error: unknown) => {
      if (error instanceof UseapiError && error.status === 404) return [] as string[];
      throw error;
    });
    if (!emails.includes(klingEmail.toLowerCase())) {
      const known = emails.length ? ` It has: ${emails.slice(0, 5).join(", ")}.` : " It has no Kling account yet.";
      throw new UseapiCheckError(
        400,
        `The Kling account ${klingEmail} is not configured at useapi.net.${known} Add it there first (POST https://api.useapi.net/v1/kling/accounts with its email, password and maxJobs), or set useapiEmail to one it has.`,
      );
    }
    return `Connected: the token works and the Kling account ${klingEmail} is configured at useapi.net (${emails.length} Kling account(s) in all).`;
  } catch (error) {
    if (!(error instanceof UseapiError)) throw error;
    if (error.status === 401) {
      throw new UseapiCheckError(400, "useapi.net refused the token (401 Unauthorized). Copy the whole token, including its user: prefix, from your useapi.net welcome email or account page.");
    }
    if (error.status === 402) {
      throw new UseapiCheckError(402, `useapi.net says a subscription is required (402: ${error.text}). Subscribe or renew at https://useapi.net, then try again.`);
    }
    throw new UseapiCheckError(502, `Could not check the token with useapi.net: ${error.message}. Try again later.`);
  }
}
