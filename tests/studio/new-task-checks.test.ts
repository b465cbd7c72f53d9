/** The new lip-sync form's browser-side checks and formatting (pure functions). */
import { describe, expect, it } from "vitest";
import { checkMediaDuration } from "@/lib/studio/new-task/check-media-duration";
import { checkMediaFile } from "@/lib/studio/new-task/check-media-file";
import { checkMediaUrl } from "@/lib/studio/new-task/check-media-url";
import { fileNameFromUrl } from "@/lib/net/file-name-from-url";
import { formatBytes } from "@/lib/format/format-bytes";
import { formatDuration } from "@/lib/format/format-duration";

const MiB = 1024 * 1024;
const file = (name: string, type: string, size = 1000) => new File([new Uint8Array(size)], name, { type });

describe("checkMediaFile", () => {
  it("takes videos for Video by MIME type or extension", () => {
    expect(checkMediaFile("video", file("a.mp4", "video/mp4"), MiB)).toBeNull();
    expect(checkMediaFile("video", file("a.MOV", ""), MiB)).toBeNull();
    expect(checkMediaFile("video", file("a.wav", "audio/wav"), MiB)).toBe("“a.wav” is not a video. Choose an MP4, MOV or WebM file.");
  });

  it("takes audio, or a video whose sound is used, for Audio", () => {
    expect(checkMediaFile("audio", file("a.wav", "audio/wav"), MiB)).toBeNull();
    expect(checkMediaFile("audio", file("a.flac", ""), MiB)).toBeNull();
    expect(checkMediaFile("audio", file("a.mp4", "video/mp4"), MiB)).toBeNull();
    expect(checkMediaFile("audio", file("notes.txt", "text/plain"), MiB)).toMatch(/^“notes.txt” is not an audio file\. Choose an MP3/);
  });

  it("refuses empty files and files over the upload limit", () => {
    expect(checkMediaFile("video", file("a.mp4", "video/mp4", 0), MiB)).toBe("“a.mp4” is empty. Choose another file.");
    expect(checkMediaFile("video", file("a.mp4", "video/mp4", 2 * MiB), MiB)).toBe("This file is 2 MB; the limit is 1 MB. Use a smaller or shorter file.");
  });
});

describe("checkMediaDuration", () => {
  it("explains a video over the limit in minutes and seconds", () => {
    expect(checkMediaDuration(72.1, 60)).toBe("This video is 1:12 (72.1 s) long; the limit is 60 s. Trim it and try again.");
    expect(checkMediaDuration(60.3, 60)).toBe("This video is 1:00 (60.3 s) long; the limit is 60 s. Trim it and try again.");
    expect(checkMediaDuration(31.25, 30)).toBe("This video is 31.3 s long; the limit is 30 s. Trim it and try again.");
    expect(checkMediaDuration(60.04, 60)).toBeNull();
    expect(checkMediaDuration(Number.POSITIVE_INFINITY, 60)).toBeNull();
  });
});

describe("checkMediaUrl", () => {
  it("wants http(s) links; empty is left to the submit check", () => {
    expect(checkMediaUrl("")).toBeNull();
    expect(checkMediaUrl(" https://example.com/a.mp4 ")).toBeNull();
    expect(checkMediaUrl("ftp://example.com/a.mp4")).toBe("Enter a link that starts with http:// or https://.");
    expect(checkMediaUrl("example.com/a.mp4")).toBe("Enter a link that starts with http:// or https://.");
  });
});

describe("formatting", () => {
  it("formats sizes, durations and link file names", () => {
    expect(formatBytes(512)).toBe("512 bytes");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(512 * MiB)).toBe("512 MB");
    // Cut like the browser's player, which shows a 7.5 s file as 0:07.
    expect(formatDuration(7.5)).toBe("0:07");
    expect(formatDuration(59.99)).toBe("0:59");
    expect(formatDuration(3725)).toBe("1:02:05");
    expect(fileNameFromUrl("https://x.com/a/my%20talk.mp4?sig=1")).toBe("my talk.mp4");
    expect(fileNameFromUrl("https://x.com/")).toBeNull();
    expect(fileNameFromUrl("nope")).toBeNull();
  });
});
