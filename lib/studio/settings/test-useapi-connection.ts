import { StudioError } from "@/lib/studio/studio-error";
import { UseapiCheckError, verifyUseapiAccount } from "@/lib/useapi/verify-useapi-account";

/** Settings' "Test connection": what useapi.net says of a token and Kling email, saving nothing. */
export async function testUseapiConnection(token: string, klingEmail: string): Promise<string> {
  try {
    return await verifyUseapiAccount(token, klingEmail);
  } catch (error) {
    if (error instanceof UseapiCheckError) throw new StudioError(error.message);
    throw error;
  }
}
