import { UseapiError } from "./useapi-error";

export interface UpstreamFailure {
  code: string;
  message: string;
}

/** Kling answers 500 for moderation too: its text tells them apart. */
export const MODERATION_TEXT = /moderation|community guidelines|violat|sensitive|CM_EXT|inappropriate/i;

/** Where the failure happened, for the message. */
export type UpstreamStep = "upload" | "submit" | "poll" | "task";

/**
 * A stable errorCode and a message with the upstream's own text and what the user can do, for
 * an answer of useapi.net that ends a task (429 and passing network faults are retried instead).
 */
export function describeUseapiFailure(error: UseapiError, step: UpstreamStep): UpstreamFailure {
  const said = error.text ? ` useapi.net said: "${error.text.slice(0, 500)}".` : "";
  switch (error.status) {
    case 401:
      return {
        code: "UPSTREAM_UNAUTHORIZED",
        message: `useapi.net refused the account's API token (401).${said} Put a valid token on the account (Settings, or POST /v1/kling/accounts with useapiToken) and submit again.`,
      };
    case 402:
      return {
        code: "UPSTREAM_SUBSCRIPTION",
        message: `useapi.net says the subscription is missing or expired (402).${said} Renew it at https://useapi.net and submit again.`,
      };
    case 404:
      return step === "poll"
        ? {
            code: "UPSTREAM_NOT_FOUND",
            message: `useapi.net no longer knows the Kling task (404): it was deleted, failed at moderation, or the Kling account ran out of credits.${said} Check the Kling account's credits, then submit again.`,
          }
        : {
            code: "UPSTREAM_NOT_FOUND",
            message: `Kling could not find an uploaded input (404).${said} Submit the task again.`,
          };
    case 596:
      return {
        code: "UPSTREAM_ACCOUNT_ERROR",
        message: `The Kling account at useapi.net is in an error state (596: its session was rejected).${said} Delete the Kling account at useapi.net and add it again (POST /v1/kling/accounts there), then submit again.`,
      };
  }
  if (MODERATION_TEXT.test(error.text)) {
    return {
      code: "UPSTREAM_MODERATION",
      message: `Kling refused the inputs at content moderation.${said} Use another video or audio.`,
    };
  }
  if (error.status === 400) {
    return {
      code: "UPSTREAM_REJECTED",
      message: `useapi.net refused the ${step === "upload" ? "upload" : "request"} (400).${said} Check the inputs against the limits in docs/providers.md and submit again.`,
    };
  }
  if (error.status === 0) {
    return {
      code: "UPSTREAM_UNREACHABLE",
      message: `useapi.net could not be reached (${error.text}). Check the server's connection to useapi.net (USEAPI_BASE_URL) and submit again.`,
    };
  }
  return {
    code: "UPSTREAM_ERROR",
    message: `useapi.net failed the ${step} (${error.status}).${said} Kling also answers 500 for inputs it dislikes: try again later, or with another video.`,
  };
}
