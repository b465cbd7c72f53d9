/** The new lip-sync form reads a chosen file's bytes: its type (the server's sniffing) and an MP4's duration. */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { inspectMediaFile } from "@/lib/studio/new-task/inspect-media-file";
import { readMp4Duration } from "@/lib/studio/new-task/read-mp4-duration";

const fixture = async (name: string, type = "") => new File([new Uint8Array(await readFile(new URL(`../fixtures/${name}`, import.meta.url)))], name, { type });

describe("readMp4Duration", () => {
  it("reads the movie header's duration", async () => {
    expect(await readMp4Duration(await fixture("astronaut.mp4"))).toBeCloseTo(6, 0);
  });

  it("finds the moov box after a large mdat (ffmpeg's default layout)", async () => {
    const box = (type: string, payload: Uint8Array) => {
      const bytes = new Uint8Array(8 + payload.length);
      new DataView(bytes.buffer).setUint32(0, bytes.length);
      bytes.set(new TextEncoder().encode(type), 4);
      bytes.set(payload, 8);
      return bytes;
    };
    const mvhd = new Uint8Array(100);
    new DataView(mvhd.buffer).setUint32(12, 1000); // timescale
    new DataView(mvhd.buffer).setUint32(16, 72_500); // duration
    const file = new Blob([box("ftyp", new TextEncoder().encode("isom")), box("mdat", new Uint8Array(5_000_000)), box("moov", box("mvhd", mvhd))]);
    expect(await readMp4Duration(file)).toBe(72.5);
  });

  it("says null for a file without a movie header", async () => {
    expect(await readMp4Duration(new Blob(["not an mp4 at all"]))).toBeNull();
    expect(await readMp4Duration(await fixture("speech.wav"))).toBeNull();
  });
});

describe("inspectMediaFile", () => {
  it("accepts real media and reports an MP4's duration", async () => {
    const video = await inspectMediaFile("video", await fixture("astronaut.mp4"));
    expect(video.problem).toBeNull();
    expect(video.duration).toBeCloseTo(6, 0);
    expect(await inspectMediaFile("audio", await fixture("speech.wav"))).toEqual({ problem: null, duration: null });
    expect((await inspectMediaFile("audio", await fixture("astronaut.mp4"))).problem).toBeNull();
  });

  it("refuses text named .mp4, and audio given as the video", async () => {
    const notes = new File(["These are meeting notes, not a video.\n".repeat(50)], "notes.mp4", { type: "video/mp4" });
    expect(await inspectMediaFile("video", notes)).toEqual({ problem: "unreadable", duration: null });
    expect(await inspectMediaFile("video", await fixture("speech.wav"))).toEqual({ problem: "audio-only", duration: null });
  });
});
