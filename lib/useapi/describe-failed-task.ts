import { describeUseapiFailure, MODERATION_TEXT, type UpstreamFailure } from "./describe-useapi-failure";
import { UseapiError } from "./useapi-error";

/** A final upstream task that did not succeed (status_final true, status_name not "succeed"). */
export function describeFailedTask(text: string | undefined): UpstreamFailure {
  const error = new UseapiError(500, text ?? "");
  if (text && MODERATION_TEXT.test(text)) return describeUseapiFailure(error, "task");
  return {
    code: "UPSTREAM_FAILED",
    message: `Kling failed the lip sync.${text ? ` It said: "${text.slice(0, 500)}".` : ""} Check that the video shows one clear, frontal face for its whole length, then submit again.`,
  };
}
