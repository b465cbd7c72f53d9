import { describe, expect, it } from "vitest";
import { buildAssetUrl } from "@/lib/api/assets/build-asset-url";
import { parseAssetUrl } from "@/lib/api/assets/parse-asset-url";

const base = "https://lipsync.example.com";

describe("asset URLs", () => {
  it("round-trips an id through a URL with a unicode file name", () => {
    const url = buildAssetUrl(base, "AbC_-123", "Grüße aus Köln.wav");
    expect(url).toBe("https://lipsync.example.com/v1/kling/assets/AbC_-123/Gr%C3%BC%C3%9Fe%20aus%20K%C3%B6ln.wav");
    expect(parseAssetUrl(url, base)).toEqual({ assetId: "AbC_-123" });
  });

  it("works under a path prefix", () => {
    const url = buildAssetUrl(`${base}/lipsync`, "id1", "a.mp4");
    expect(parseAssetUrl(url, `${base}/lipsync`)).toEqual({ assetId: "id1" });
    expect(parseAssetUrl(url, base)).toBeNull();
  });

  it.each([
    "https://example.com/video.mp4",
    "https://lipsync.example.com.evil.com/v1/kling/assets/a/b.mp4",
    "http://lipsync.example.com/v1/kling/assets/a/b.mp4",
    "https://lipsync.example.com:8443/v1/kling/assets/a/b.mp4",
    "https://lipsync.example.com/v1/kling/tasks/1",
    "not a url",
  ])("treats %s as an outside URL", (url) => {
    expect(parseAssetUrl(url, base)).toBeNull();
  });

  it.each([
    `${base}/v1/kling/assets/`,
    `${base}/v1/kling/assets/download`,
    `${base}/v1/kling/assets/a/b/c.mp4`,
    `${base}/v1/kling/assets/..%2F..%2Fetc/passwd`,
    `${base}/v1/kling/assets/%E0%A4%A/x.mp4`,
  ])("treats %s as a missing local asset", (url) => {
    expect(parseAssetUrl(url, base)).toEqual({ assetId: null });
  });
});
