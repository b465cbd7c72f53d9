import { describe, expect, it } from "vitest";
import { describeErrorHint } from "@/lib/studio/task-detail/describe-error-hint";

describe("describeErrorHint", () => {
  it("adds no advice to a message that gives its own (NO_FACE_FOUND said it twice)", () => {
    const message = "A face was found in only 0% of the frames (at least 20% needed). Use a video with a clear, frontal view of one face.";
    expect(describeErrorHint("NO_FACE_FOUND", message)).toBeNull();
    expect(describeErrorHint("JOB_TIMEOUT", "The task took longer than 900 s (the JOB_TIMEOUT_SECONDS limit) and was stopped. Try a shorter or lower-resolution video.")).toBeNull();
    expect(describeErrorHint("UNREADABLE_FILE", "The audio could not be decoded (it may be corrupt or truncated). Re-export it as WAV or MP3 and try again.")).toBeNull();
  });

  it("adds advice where the message only says what went wrong", () => {
    expect(describeErrorHint("UNREADABLE_FILE", "The video has no decodable frames.")).toMatch(/Export the file again/);
    expect(describeErrorHint("INPUT_URL_REFUSED", "The video URL http://10.0.0.1/a.mp4 was refused: it points to a private address.")).toMatch(/public http\(s\) URL/);
    expect(describeErrorHint(null, "Something")).toBeNull();
  });
});
