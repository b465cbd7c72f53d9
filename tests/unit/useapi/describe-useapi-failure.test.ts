import { describe, expect, it } from "vitest";
import { describeFailedTask } from "@/lib/useapi/describe-failed-task";
import { describeUseapiFailure } from "@/lib/useapi/describe-useapi-failure";
import { UseapiError } from "@/lib/useapi/useapi-error";

describe("describeUseapiFailure", () => {
  it.each([
    [401, "Unauthorized", "poll", "UPSTREAM_UNAUTHORIZED"],
    [402, "Subscription required", "submit", "UPSTREAM_SUBSCRIPTION"],
    [404, "Task not found", "poll", "UPSTREAM_NOT_FOUND"],
    [404, "Sorry, the requested resource was not found (VALID.ResourceNotFound)", "submit", "UPSTREAM_NOT_FOUND"],
    [500, "The content you uploaded appears to violate the community guidelines. (CM_EXT.POther)", "submit", "UPSTREAM_MODERATION"],
    [500, "Internal error", "submit", "UPSTREAM_ERROR"],
    [400, "Parameter video is required", "submit", "UPSTREAM_REJECTED"],
    [596, "session rejected", "poll", "UPSTREAM_ACCOUNT_ERROR"],
    [0, "ECONNREFUSED", "upload", "UPSTREAM_UNREACHABLE"],
  ] as const)("%i %s while %s → %s, quoting the upstream's text", (status, text, step, code) => {
    const failure = describeUseapiFailure(new UseapiError(status, text), step);
    expect(failure.code).toBe(code);
    expect(failure.message).toContain(text);
  });

  it("a failed task: moderation text or a plain failure", () => {
    expect(describeFailedTask("Failed at moderation").code).toBe("UPSTREAM_MODERATION");
    expect(describeFailedTask("no face").code).toBe("UPSTREAM_FAILED");
    expect(describeFailedTask(undefined).message).toMatch(/frontal face/);
  });
});
