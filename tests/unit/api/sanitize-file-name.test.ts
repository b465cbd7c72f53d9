import { describe, expect, it } from "vitest";
import { sanitizeFileName } from "@/lib/api/assets/sanitize-file-name";

describe("sanitizeFileName", () => {
  it.each([
    ["talk.mp4", "mp4", "talk.mp4"],
    ["talk.mp4", "wav", "talk.wav"], // the bytes were a WAV
    ["../../etc/passwd", "wav", "passwd.wav"],
    ["..\\..\\windows\\system32\\cmd.exe", "mp4", "cmd.mp4"],
    ["/abs/path/clip.MOV", "mov", "clip.mov"],
    ["..", "mp3", "upload.mp3"],
    [".bashrc", "mp3", "bashrc.mp3"], // never a hidden file,
    ["", "mp4", "upload.mp4"],
    [null, "mp4", "upload.mp4"],
    ["a\u0000b\r\nc.wav", "wav", "abc.wav"],
    ["evil\u202Egnp.mp4", "mp4", "evilgnp.mp4"], // right-to-left override removed
    ["Grüße aus Köln.m4a", "m4a", "Grüße aus Köln.m4a"],
    ["e\u0301te\u0301.wav", "wav", "été.wav"], // NFC
    ["日本語の動画.mp4", "mp4", "日本語の動画.mp4"],
    ["what?*<>|:\".mp4", "mp4", "what_______.mp4"],
    ["50%#done.wav", "wav", "50__done.wav"],
    ["  spaced   out  .mp4", "mp4", "spaced out.mp4"],
    ["archive.tar.gz", "mp4", "archive.tar.mp4"],
  ])("%j as %s → %j", (raw, ext, expected) => {
    expect(sanitizeFileName(raw, ext, "upload")).toBe(expected);
  });

  it("cuts a huge name to 100 characters plus the extension", () => {
    const name = sanitizeFileName(`${"x".repeat(100_000)}.mp4`, "mp4", "upload");
    expect(name).toBe(`${"x".repeat(100)}.mp4`);
  });

  it("cuts by characters, never inside a surrogate pair", () => {
    const name = sanitizeFileName("😀".repeat(300), "wav", "upload");
    expect(Array.from(name.replace(/\.wav$/, ""))).toHaveLength(100);
    expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
